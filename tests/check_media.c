/* check_media.c — the media path with real sockets on loopback: an ICE +
 * DTLS-SRTP peer on the XMPP leg, a plain RTP peer on the SIP leg, tones
 * checked by Goertzel in both directions, controls, failures, cycles. */
#include <check.h>
#include <gst/gst.h>
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <unistd.h>
#include <dirent.h>
#include <malloc.h>

#include "check_media_peer.h"
#include "harness/harness.h"
#include "harness/suite.h"
#include "media/media.h"
#include "media/rtcp.h"

#define TONE_X 440.0   /* XMPP peer -> SIP peer */
#define TONE_S 1000.0  /* SIP peer -> XMPP peer */
#define WINDOW 4000    /* 0.5 s at 8 kHz */

typedef struct {
  JgwMediaConfig config;
  JgwMediaCallbacks cb;
  JgwMediaSession *session;
  XmppPeer *xp;
  SipPeer *sp;
  gboolean secured, failed;
  JgwMediaFailure reason;
  GString *dtmf;
} Fixture;

static char *ice_addresses[] = { "127.0.0.1", NULL };

static void
on_candidate (JgwMediaSession *s, const JgwCandidate *c, gpointer data)
{
  Fixture *f = data;

  if (f->xp)
    xmpp_peer_add_candidate (f->xp, c);
}

static void
on_secured (JgwMediaSession *s, gpointer data)
{
  ((Fixture *) data)->secured = TRUE;
}

static void
on_failed (JgwMediaSession *s, JgwMediaFailure reason, const char *msg, gpointer data)
{
  Fixture *f = data;

  f->failed = TRUE;
  f->reason = reason;
}

static void
on_dtmf (JgwMediaSession *s, JgwMediaLeg leg, char digit, gpointer data)
{
  g_string_append_c (((Fixture *) data)->dtmf, digit);
}

static Fixture *
fixture_new (void)
{
  Fixture *f = g_new0 (Fixture, 1);
  g_autoptr (GError) error = NULL;

  f->config.ice_addresses = ice_addresses;
  f->config.port_min = 40000;
  f->config.port_max = 49999;
  f->config.opus_complexity = 5;
  f->config.media_timeout = 30;
  f->config.jitter_latency = 40;
  f->cb.local_candidate = on_candidate;
  f->cb.secured = on_secured;
  f->cb.failed = on_failed;
  f->cb.dtmf = on_dtmf;
  f->dtmf = g_string_new (NULL);
  f->session = jgw_media_session_new (&f->config, &f->cb, f, &error);
  ck_assert_msg (f->session, "session: %s", error ? error->message : "?");
  return f;
}

static void
fixture_free (Fixture *f)
{
  jgw_media_session_free (f->session);
  if (f->xp)
    xmpp_peer_free (f->xp);
  if (f->sp)
    sip_peer_free (f->sp);
  g_string_free (f->dtmf, TRUE);
  g_free (f);
}

enum { BAD_FINGERPRINT = 1, WRONG_SIP_PORT = 2, SIP_SRTP = 4, PEER_RTCP = 8 };

/* XMPP peer offers, the session answers; the session offers the SIP leg. */
static void
connect_call (Fixture *f, const char *xcodec, const char *scodec, int flags)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JgwContent) answer = NULL;
  g_autoptr (JgwContent) offer = NULL;

  f->xp = (flags & PEER_RTCP) ? xmpp_peer_new_rtcp (xcodec, TONE_X) : xmpp_peer_new (xcodec, TONE_X);
  if (flags & BAD_FINGERPRINT) {
    char *v = f->xp->content->ice->fingerprint->value;
    v[0] = v[0] == 'A' ? 'B' : 'A';
  }
  ck_assert_msg (jgw_media_session_set_remote (f->session, JGW_MEDIA_LEG_XMPP, f->xp->content,
                                               &error), "%s", error ? error->message : "");
  answer = jgw_media_session_get_local (f->session, JGW_MEDIA_LEG_XMPP, &error);
  ck_assert_ptr_nonnull (answer);
  ck_assert_str_eq (((JgwPayload *) answer->payloads->pdata[0])->name, xcodec);
  xmpp_peer_set_remote (f->xp, answer);
  jgw_media_session_set_sip_srtp_required (f->session, (flags & SIP_SRTP) != 0);
  offer = jgw_media_session_get_local (f->session, JGW_MEDIA_LEG_SIP, &error);
  ck_assert_ptr_nonnull (offer);
  ck_assert_int_eq (offer->crypto->len > 0, (flags & SIP_SRTP) != 0);
  f->sp = (flags & PEER_RTCP) ? sip_peer_new_rtcp (scodec, TONE_S, offer, (flags & SIP_SRTP) != 0)
                              : sip_peer_new (scodec, TONE_S, offer, (flags & SIP_SRTP) != 0);
  if (flags & WRONG_SIP_PORT)
    f->sp->content->rtp_port = 9; /* a NAT'ed phone: only its packets tell the truth */
  ck_assert_msg (jgw_media_session_set_remote (f->session, JGW_MEDIA_LEG_SIP, f->sp->content,
                                               &error), "%s", error ? error->message : "");
}

static gboolean
is_secured (gpointer data)
{
  Fixture *f = data;

  return f->secured || f->failed;
}

static gboolean
is_failed (gpointer data)
{
  return ((Fixture *) data)->failed;
}

typedef struct {
  JgwToneRecorder *rec;
  gsize want;
} Wanted;

static gboolean
has_samples (gpointer data)
{
  Wanted *w = data;

  return jgw_tone_recorder_count (w->rec) >= w->want;
}

/* Wait for 0.5 s of fresh audio at REC and return it. */
static gint16 *
fresh_audio (JgwToneRecorder *rec)
{
  Wanted w = { rec, jgw_tone_recorder_count (rec) + WINDOW };

  ck_assert_msg (jgw_test_wait (has_samples, &w, 8000), "no audio received");
  return jgw_tone_recorder_last (rec, WINDOW);
}

static void
assert_tone (JgwToneRecorder *rec, double freq, double other, const char *what)
{
  double share = 0, wrong = 1, level = -120;

  /* Let the jitter buffers and codecs settle: skip 1 s first. Then the tone
   * must dominate one of a few windows: a loaded machine may drop a packet
   * or two in any single window, which is not what this test is about. */
  g_free (fresh_audio (rec));
  g_free (fresh_audio (rec));
  for (int tries = 0; tries < 4 && !(share > 0.6 && wrong < 0.05); tries++) {
    g_autofree gint16 *s = fresh_audio (rec);
    share = jgw_tone_share (s, WINDOW, 8000, freq);
    wrong = jgw_tone_share (s, WINDOW, 8000, other);
    level = jgw_tone_rms_db (s, WINDOW);
  }
  ck_assert_msg (share > 0.6 && wrong < 0.05, "%s: %.0f Hz share %.2f, %.0f Hz share %.2f, %.1f dBFS",
                 what, freq, share, other, wrong, level);
}

static void
establish (Fixture *f, const char *x, const char *s, int flags)
{
  connect_call (f, x, s, flags);
  ck_assert_msg (jgw_test_wait (is_secured, f, 10000), "DTLS not done in 10 s");
  ck_assert_msg (!f->failed, "session failed: reason %d", f->reason);
}

static const struct {
  const char *xmpp, *sip;
  gboolean passthrough;
} bridges[] = {
  { "opus", "PCMU", FALSE },
  { "opus", "PCMA", FALSE },
  { "opus", "G722", FALSE },
  { "PCMU", "PCMU", TRUE },
};

START_TEST (test_bridge_tones)
{
  Fixture *f = fixture_new ();
  JgwMediaStats st;

  establish (f, bridges[_i].xmpp, bridges[_i].sip, 0);
  assert_tone (f->sp->rec, TONE_X, TONE_S, "XMPP->SIP");
  assert_tone (f->xp->rec, TONE_S, TONE_X, "SIP->XMPP");
  jgw_media_session_get_stats (f->session, &st);
  ck_assert_int_eq (st.passthrough, bridges[_i].passthrough);
  ck_assert_str_eq (st.leg[JGW_MEDIA_LEG_SIP].codec, bridges[_i].sip);
  ck_assert_uint_gt (st.leg[JGW_MEDIA_LEG_XMPP].packets_received, 50);
  ck_assert_uint_gt (st.leg[JGW_MEDIA_LEG_SIP].packets_sent, 50);
  jgw_media_stats_clear (&st);
  fixture_free (f);
}
END_TEST

START_TEST (test_mute)
{
  Fixture *f = fixture_new ();
  g_autofree gint16 *s = NULL;

  establish (f, "opus", "PCMU", 0);
  assert_tone (f->sp->rec, TONE_X, TONE_S, "before mute");
  jgw_media_session_set_mute (f->session, JGW_MEDIA_LEG_SIP, TRUE);
  g_free (fresh_audio (f->sp->rec));
  s = fresh_audio (f->sp->rec);
  ck_assert_msg (jgw_tone_rms_db (s, WINDOW) < -50, "muted level %.1f dBFS",
                 jgw_tone_rms_db (s, WINDOW));
  fixture_free (f);
}
END_TEST

START_TEST (test_volume)
{
  Fixture *f = fixture_new ();
  g_autofree gint16 *a = NULL;
  g_autofree gint16 *b = NULL;
  double before, after;

  establish (f, "opus", "PCMA", 0);
  assert_tone (f->xp->rec, TONE_S, TONE_X, "before volume");
  a = fresh_audio (f->xp->rec);
  before = jgw_tone_rms_db (a, WINDOW);
  ck_assert (jgw_media_session_set_volume (f->session, -12.0, NULL));
  g_free (fresh_audio (f->xp->rec));
  b = fresh_audio (f->xp->rec);
  after = jgw_tone_rms_db (b, WINDOW);
  ck_assert_msg (fabs ((after - before) + 12.0) < 2.0, "level %.1f -> %.1f dBFS", before, after);
  fixture_free (f);
}
END_TEST

static gboolean
digits_arrived (gpointer data)
{
  Fixture *f = data;
  g_autofree char *d = sip_peer_digits (f->sp);

  return strlen (d) >= 3;
}

START_TEST (test_dtmf_to_sip)
{
  Fixture *f = fixture_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *d = NULL;

  establish (f, "opus", "PCMU", 0);
  ck_assert (!jgw_media_session_send_dtmf (f->session, JGW_MEDIA_LEG_SIP, "1x", 100, &error));
  g_clear_error (&error);
  ck_assert_msg (jgw_media_session_send_dtmf (f->session, JGW_MEDIA_LEG_SIP, "1#9", 100, &error),
                 "%s", error ? error->message : "");
  ck_assert (jgw_test_wait (digits_arrived, f, 8000));
  d = sip_peer_digits (f->sp);
  ck_assert_str_eq (d, "1#9");
  fixture_free (f);
}
END_TEST

/* Symmetric RTP: the SIP peer signals a wrong port but sends from its real
 * one; the session must latch onto the source and the tone must arrive. */
START_TEST (test_symmetric_rtp)
{
  Fixture *f = fixture_new ();

  establish (f, "opus", "PCMU", WRONG_SIP_PORT);
  assert_tone (f->sp->rec, TONE_X, TONE_S, "XMPP->SIP after latching");
  fixture_free (f);
}
END_TEST

/* SDES-SRTP on the SIP leg, both directions (the peer's srtpdec drops
 * anything not protected with the offered key). */
START_TEST (test_sdes_srtp)
{
  Fixture *f = fixture_new ();

  establish (f, "opus", "PCMU", SIP_SRTP);
  assert_tone (f->sp->rec, TONE_X, TONE_S, "XMPP->SIP over SRTP");
  assert_tone (f->xp->rec, TONE_S, TONE_X, "SIP->XMPP over SRTP");
  fixture_free (f);
}
END_TEST

static gboolean
has_rtt (gpointer data)
{
  Fixture *f = data;
  JgwMediaStats st;
  gboolean both;

  jgw_media_session_get_stats (f->session, &st);
  both = st.leg[JGW_MEDIA_LEG_XMPP].rtt_ms >= 0 && st.leg[JGW_MEDIA_LEG_SIP].rtt_ms >= 0;
  jgw_media_stats_clear (&st);
  return both || f->failed;
}

/* RFC 3550 6.4.1: both peers run GStreamer's rtpsession, which answers our
 * sender reports with LSR/DLSR; the round trip on loopback is well below 1 s. */
START_TEST (test_rtt)
{
  Fixture *f = fixture_new ();
  JgwMediaStats st;

  establish (f, bridges[_i].xmpp, bridges[_i].sip, PEER_RTCP);
  ck_assert_msg (jgw_test_wait (has_rtt, f, 20000), "no RTT from RTCP within 20 s");
  ck_assert (!f->failed);
  assert_tone (f->sp->rec, TONE_X, TONE_S, "XMPP->SIP with RTCP");
  assert_tone (f->xp->rec, TONE_S, TONE_X, "SIP->XMPP with RTCP");
  jgw_media_session_get_stats (f->session, &st);
  g_message ("RTT: XMPP leg %.3f ms, SIP leg %.3f ms", st.leg[0].rtt_ms, st.leg[1].rtt_ms);
  for (int leg = 0; leg < 2; leg++)
    ck_assert_msg (st.leg[leg].rtt_ms >= 0 && st.leg[leg].rtt_ms < 1000, "leg %d RTT %.3f ms",
                   leg, st.leg[leg].rtt_ms);
  jgw_media_stats_clear (&st);
  fixture_free (f);
}
END_TEST

/* Noise, a plain report and a runt at the session's SIP RTCP port, from
 * a stranger's port: all must be dropped (SRTCP fails to authenticate). */
static void
send_junk (Fixture *f)
{
  g_autoptr (GstElement) rsink = gst_bin_get_by_name (GST_BIN (f->sp->pipeline), "rsink");
  g_autoptr (GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocket) sock = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, 0, NULL);
  g_autoptr (GSocketAddress) to = NULL;
  guint8 junk[200] = { 0x80, 201, 0, 1 };
  gint port = 0;

  g_object_get (rsink, "port", &port, NULL);
  to = g_inet_socket_address_new (lo, (guint16) port);
  ck_assert (g_socket_send_to (sock, to, (const char *) junk, 8, NULL, NULL) == 8);
  ck_assert (g_socket_send_to (sock, to, (const char *) junk, 3, NULL, NULL) == 3);
  for (guint i = 0; i < sizeof junk; i++)
    junk[i] = (guint8) g_random_int ();
  ck_assert (g_socket_send_to (sock, to, (const char *) junk, sizeof junk, NULL, NULL) > 0);
}

/* SDES-SRTP with SRTCP: the peer's rtpsession behind srtpenc/srtpdec gets
 * our reports only if they are SRTCP with our key, and answers in SRTCP. */
START_TEST (test_sdes_rtt)
{
  Fixture *f = fixture_new ();
  JgwMediaStats st;

  establish (f, "opus", "PCMU", SIP_SRTP | PEER_RTCP);
  send_junk (f);
  ck_assert_msg (jgw_test_wait (has_rtt, f, 20000), "no RTT from SRTCP within 20 s");
  ck_assert (!f->failed);
  assert_tone (f->sp->rec, TONE_X, TONE_S, "XMPP->SIP over SRTP with SRTCP");
  assert_tone (f->xp->rec, TONE_S, TONE_X, "SIP->XMPP over SRTP with SRTCP");
  jgw_media_session_get_stats (f->session, &st);
  g_message ("RTT over SRTCP: SIP leg %.3f ms", st.leg[JGW_MEDIA_LEG_SIP].rtt_ms);
  ck_assert (st.leg[JGW_MEDIA_LEG_SIP].rtt_ms < 1000);
  jgw_media_stats_clear (&st);
  fixture_free (f);
}
END_TEST

/* A = LSR + DLSR + RTT in 1/65536 s, with wrap-around; LSR 0 = no SR yet. */
START_TEST (test_rtt_formula)
{
  ck_assert_double_eq (jgw_rtcp_rtt_ms (0x00030000, 0x00010000, 0x00018000), 500.0);
  ck_assert_double_eq (jgw_rtcp_rtt_ms (0x00000100, 0xffff0000, 0x00010000), 256000.0 / 65536.0);
  ck_assert_double_eq (jgw_rtcp_rtt_ms (0x00020000, 0, 0x00010000), -1);
  ck_assert_double_eq (jgw_rtcp_rtt_ms (0x00020000, 0x00010000, 0x00010001), 0);
  ck_assert_uint_eq (jgw_rtcp_ntp_short (0), (guint32) ((2208988800u & 0xffff) << 16));
  ck_assert_uint_eq (jgw_rtcp_ntp_short (500000) & 0xffff, 0x8000);
}
END_TEST

START_TEST (test_wrong_fingerprint)
{
  Fixture *f = fixture_new ();

  connect_call (f, "opus", "PCMU", BAD_FINGERPRINT);
  ck_assert_msg (jgw_test_wait (is_failed, f, 10000), "a wrong fingerprint was accepted");
  ck_assert_int_eq (f->reason, JGW_MEDIA_FAIL_SECURITY);
  ck_assert (!f->secured);
  fixture_free (f);
}
END_TEST

START_TEST (test_no_common_codec)
{
  Fixture *f = fixture_new ();
  g_autoptr (JgwContent) c = jgw_content_new ("audio", "audio");
  g_autoptr (GError) error = NULL;

  g_ptr_array_add (c->payloads, jgw_payload_new (96, "speex", 16000, 1));
  c->rtp_addr = g_strdup ("127.0.0.1");
  c->rtp_port = 9;
  ck_assert (!jgw_media_session_set_remote (f->session, JGW_MEDIA_LEG_SIP, c, &error));
  ck_assert (g_error_matches (error, JGW_MEDIA_ERROR, JGW_MEDIA_ERROR_NO_CODEC));
  fixture_free (f);
}
END_TEST

START_TEST (test_no_ports)
{
  JgwMediaConfig config = { .ice_addresses = ice_addresses };
  JgwMediaCallbacks cb = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GSocket) a = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, 0, NULL);
  g_autoptr (GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) sa = NULL;
  guint16 port = jgw_test_free_ports (2);

  port = (guint16) ((port + 1) & ~1u);
  sa = g_inet_socket_address_new (lo, port);
  if (!g_socket_bind (a, sa, FALSE, NULL))
    return; /* raced with another process: nothing to assert */
  config.port_min = port;
  config.port_max = port + 1;
  ck_assert_ptr_null (jgw_media_session_new (&config, &cb, NULL, &error));
  ck_assert (g_error_matches (error, JGW_MEDIA_ERROR, JGW_MEDIA_ERROR_NO_PORTS));
}
END_TEST

static guint
count_fds (void)
{
  DIR *d = opendir ("/proc/self/fd");
  guint n = 0;

  while (readdir (d))
    n++;
  closedir (d);
  return n;
}

/* Resident set in kB, for the record in docs/performance.md (not asserted). */
static long
rss_kb (void)
{
  g_autofree char *statm = NULL;
  long pages = 0, resident = 0;

  if (g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL))
    sscanf (statm, "%ld %ld", &pages, &resident);
  return resident * (sysconf (_SC_PAGESIZE) / 1024);
}

#if defined(__SANITIZE_ADDRESS__)
/* ASan's allocator (its header is not installed with GCC 12). */
extern size_t __sanitizer_get_current_allocated_bytes (void);
#define heap_in_use() __sanitizer_get_current_allocated_bytes ()
#else
static gsize
heap_in_use (void)
{
  struct mallinfo2 mi = mallinfo2 ();

  return mi.uordblks + mi.hblkhd;
}
#endif

/* Bytes allocated and not freed, once the sessions just freed are really
 * gone: a DTLS client's retransmission timer holds its connection until it
 * fires (1 s after the handshake began, for a session this short), and
 * GStreamer announces that nowhere, so this waits a bounded 1.5 s. */
static gsize
heap_settled (void)
{
  gint64 end = g_get_monotonic_time () + 1500 * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end) {
    g_main_context_iteration (NULL, FALSE);
    g_usleep (10 * 1000);
  }
  return heap_in_use ();
}

/* One whole session with started pipeline but no peer: nothing may stay. */
static void
one_cycle (Fixture *f)
{
  g_autoptr (JgwContent) sip = jgw_content_new ("audio", "audio");
  g_autoptr (JgwContent) offer = NULL;
  XmppPeer *xp = f->xp;
  JgwMediaSession *s = jgw_media_session_new (&f->config, &f->cb, f, NULL);

  ck_assert_ptr_nonnull (s);
  ck_assert (jgw_media_session_set_remote (s, JGW_MEDIA_LEG_XMPP, xp->content, NULL));
  offer = jgw_media_session_get_local (s, JGW_MEDIA_LEG_XMPP, NULL);
  g_ptr_array_add (sip->payloads, jgw_payload_new (8, "PCMA", 8000, 1));
  sip->rtp_addr = g_strdup ("127.0.0.1");
  sip->rtp_port = 9;
  ck_assert (jgw_media_session_set_remote (s, JGW_MEDIA_LEG_SIP, sip, NULL));
  g_main_context_iteration (NULL, FALSE);
  jgw_media_session_free (s);
}

START_TEST (test_cycles)
{
  Fixture *f = fixture_new ();
  const char *env = g_getenv ("JGW_MEDIA_CYCLES");
  guint n = env ? (guint) atoi (env) : 1000; /* the bar docs/performance.md reports */
  guint fds;
  long rss;
  gsize heap[3];

  f->xp = xmpp_peer_new ("opus", TONE_X);
  f->cb.local_candidate = NULL;
  for (guint i = 0; i < 20; i++) /* warm-up: plugin loading, caches */
    one_cycle (f);
  fds = count_fds ();
  rss = rss_kb ();
  heap[0] = heap_settled ();
  for (guint i = 0; i < n / 2; i++)
    one_cycle (f);
  heap[1] = heap_settled ();
  for (guint i = n / 2; i < n; i++)
    one_cycle (f);
  heap[2] = heap_settled ();
  g_print ("%u cycles: %u fds before and %u after; RSS %ld kB before, %ld kB after; "
           "heap in use %zu, %zu, %zu kB\n",
           n, fds, count_fds (), rss, rss_kb (), heap[0] / 1024, heap[1] / 1024, heap[2] / 1024);
  ck_assert_uint_eq (count_fds (), fds);
  /* The second half may not grow the heap: a session left behind costs
   * ~90 kB (its DTLS connection alone 33 kB of OpenSSL buffers); 1 kB per
   * session is room for GStreamer's one-off caches (names, quarks). RSS is
   * no measure: freed memory stays in the threads' malloc arenas. */
  ck_assert_uint_le (heap[2], heap[1] + (gsize) (n - n / 2) * 1024);
  fixture_free (f);
}
END_TEST

JGW_TEST_FULL_UNWIND

static Suite *
media_suite (void)
{
  Suite *s = suite_create ("media");
  TCase *tc = tcase_create ("bridge");
  tcase_add_checked_fixture (tc, jgw_test_gst_setup, jgw_test_gst_teardown);

  tcase_set_timeout (tc, 60);
  tcase_add_loop_test (tc, test_bridge_tones, 0, G_N_ELEMENTS (bridges));
  tcase_add_test (tc, test_mute);
  tcase_add_test (tc, test_volume);
  tcase_add_test (tc, test_dtmf_to_sip);
  tcase_add_test (tc, test_symmetric_rtp);
  tcase_add_test (tc, test_sdes_srtp);
  tcase_add_test (tc, test_wrong_fingerprint);
  tcase_add_loop_test (tc, test_rtt, 0, 1); /* transcoding */
  tcase_add_loop_test (tc, test_rtt, 3, 4); /* pass-through */
  tcase_add_test (tc, test_sdes_rtt);
  tcase_add_test (tc, test_rtt_formula);
  tcase_add_test (tc, test_no_common_codec);
  tcase_add_test (tc, test_no_ports);
  suite_add_tcase (s, tc);
  tc = tcase_create ("cycles");
  tcase_add_checked_fixture (tc, jgw_test_gst_setup, jgw_test_gst_teardown);
  tcase_set_timeout (tc, 600);
  tcase_add_test (tc, test_cycles);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  int status = jgw_test_run_suite (media_suite ());
  jgw_test_cleanup ();
  return status;
}
