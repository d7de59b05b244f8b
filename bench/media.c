/* bench/media.c — cost of bridged media sessions, and the raw bounds they
 * are compared with (not a test; run by hand, see docs/performance.md).
 *
 *   bench/media [N calls] [seconds] [xmpp codec] [sip codec]
 *
 * Each call is a JgwMediaSession with a real far end on each leg in the
 * same process (the suite's ICE+DTLS-SRTP peer and RTP peer, 20 ms packets
 * both ways = 50 pkt/s per direction). Process CPU therefore includes the
 * peers' work: the per-call figures are upper bounds for the gateway. */
#include <gst/gst.h>
#include <math.h>
#include <opus.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "check_media_peer.h"
#include "harness/harness.h"
#include "media/media.h"

typedef struct {
  JgwMediaSession *s;
  XmppPeer *xp;
  SipPeer *sp;
  gboolean secured;
} Call;

static char *ice_addresses[] = { "127.0.0.1", NULL };

static void
on_candidate (JgwMediaSession *s, const JgwCandidate *c, gpointer data)
{
  xmpp_peer_add_candidate (((Call *) data)->xp, c);
}

static void
on_secured (JgwMediaSession *s, gpointer data)
{
  ((Call *) data)->secured = TRUE;
}

static double
cpu_seconds (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

static long
status_value (const char *key)
{
  g_autofree char *status = NULL;
  const char *p;

  g_file_get_contents ("/proc/self/status", &status, NULL, NULL);
  p = strstr (status, key);
  return p ? atol (p + strlen (key)) : 0;
}

static void
run_for (double seconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

static void
call_start (Call *c, const JgwMediaConfig *config, const JgwMediaCallbacks *cb, const char *xc,
            const char *sc)
{
  g_autoptr (JgwContent) answer = NULL;
  g_autoptr (JgwContent) offer = NULL;

  c->s = jgw_media_session_new (config, cb, c, NULL);
  c->xp = xmpp_peer_new (xc, 440);
  g_assert (jgw_media_session_set_remote (c->s, JGW_MEDIA_LEG_XMPP, c->xp->content, NULL));
  answer = jgw_media_session_get_local (c->s, JGW_MEDIA_LEG_XMPP, NULL);
  xmpp_peer_set_remote (c->xp, answer);
  offer = jgw_media_session_get_local (c->s, JGW_MEDIA_LEG_SIP, NULL);
  c->sp = sip_peer_new (sc, 1000, offer, FALSE);
  g_assert (jgw_media_session_set_remote (c->s, JGW_MEDIA_LEG_SIP, c->sp->content, NULL));
}

/* Raw bound: libopus encode+decode of 20 ms 48 kHz mono frames per second of CPU. */
static double
opus_bound (int complexity)
{
  int err;
  OpusEncoder *enc = opus_encoder_create (48000, 1, OPUS_APPLICATION_VOIP, &err);
  OpusDecoder *dec = opus_decoder_create (48000, 1, &err);
  opus_int16 pcm[960], out[960];
  unsigned char pkt[400];
  int frames = 3000;
  double t0;

  opus_encoder_ctl (enc, OPUS_SET_COMPLEXITY (complexity));
  opus_encoder_ctl (enc, OPUS_SET_BITRATE (32000));
  t0 = cpu_seconds ();
  for (int f = 0; f < frames; f++) {
    /* Speech-like: a gliding harmonic tone with noise (pure tones make
     * complexity >= 7 choose CELT and run unrealistically fast). */
    for (int i = 0; i < 960; i++) {
      double t = (f * 960 + i) / 48000.0;
      pcm[i] = (opus_int16) (6000 * sin (2 * G_PI * (150 + 50 * sin (t * 3)) * t)
                             + 3000 * sin (2 * G_PI * 900 * t) * sin (t * 7)
                             + g_random_int_range (-800, 800));
    }
    int n = opus_encode (enc, pcm, 960, pkt, sizeof pkt);
    if (opus_decode (dec, pkt, n, out, 960, 0) < 0)
      g_error ("opus_decode failed");
  }
  opus_encoder_destroy (enc);
  opus_decoder_destroy (dec);
  return frames / (cpu_seconds () - t0);
}

/* Raw bound: loopback UDP relay (recv + send per packet) packets per CPU second. */
static double
udp_bound (void)
{
  g_autoptr (GSocket) a = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, 0, NULL);
  g_autoptr (GSocket) r = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, 0, NULL);
  g_autoptr (GSocket) b = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, 0, NULL);
  g_autoptr (GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) any = g_inet_socket_address_new (lo, 0);
  g_autoptr (GSocketAddress) ra = NULL;
  g_autoptr (GSocketAddress) ba = NULL;
  char buf[172] = { 0 };
  int n = 100000;
  double t0, relay = 0;

  g_socket_bind (a, any, FALSE, NULL);
  g_socket_bind (r, any, FALSE, NULL);
  g_socket_bind (b, any, FALSE, NULL);
  ra = g_socket_get_local_address (r, NULL);
  ba = g_socket_get_local_address (b, NULL);
  for (int i = 0; i < n; i += 50) {
    for (int k = 0; k < 50; k++)
      g_socket_send_to (a, ra, buf, sizeof buf, NULL, NULL);
    t0 = cpu_seconds ();
    for (int k = 0; k < 50; k++) {
      gssize got = g_socket_receive (r, buf, sizeof buf, NULL, NULL);
      g_socket_send_to (r, ba, buf, got, NULL, NULL);
    }
    relay += cpu_seconds () - t0;
    for (int k = 0; k < 50; k++)
      g_socket_receive (b, buf, sizeof buf, NULL, NULL);
  }
  return relay > 0 ? n / relay : 0;
}

/* Gateway side alone: N sessions with running pipelines whose far ends
 * are silent (no peers in the process), for threads and memory per call. */
static void
idle_sessions (guint n, const JgwMediaConfig *config, const JgwMediaCallbacks *cb)
{
  g_autofree JgwMediaSession **s = g_new0 (JgwMediaSession *, n);
  XmppPeer *xp = xmpp_peer_new ("opus", 440); /* only its content is used */
  long rss0, thr0;

  run_for (0.2);
  rss0 = status_value ("VmRSS:");
  thr0 = status_value ("Threads:");
  for (guint i = 0; i < n; i++) {
    g_autoptr (JgwContent) sip = jgw_content_new ("audio", "audio");
    g_autoptr (JgwContent) answer = NULL;

    s[i] = jgw_media_session_new (config, cb, NULL, NULL);
    g_assert (jgw_media_session_set_remote (s[i], JGW_MEDIA_LEG_XMPP, xp->content, NULL));
    answer = jgw_media_session_get_local (s[i], JGW_MEDIA_LEG_XMPP, NULL);
    g_ptr_array_add (sip->payloads, jgw_payload_new (8, "PCMA", 8000, 1));
    sip->rtp_addr = g_strdup ("127.0.0.1");
    sip->rtp_port = 9;
    g_assert (jgw_media_session_set_remote (s[i], JGW_MEDIA_LEG_SIP, sip, NULL));
  }
  run_for (1.0);
  printf ("gateway only (opus<->PCMA, pipelines playing, no traffic): rss/call=%ld kB, "
          "threads/call=%.1f\n", (status_value ("VmRSS:") - rss0) / (long) n,
          (double) (status_value ("Threads:") - thr0) / n);
  for (guint i = 0; i < n; i++)
    jgw_media_session_free (s[i]);
  xmpp_peer_free (xp);
}

int
main (int argc, char **argv)
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 10;
  double secs = argc > 2 ? atof (argv[2]) : 10;
  const char *xc = argc > 3 ? argv[3] : "opus";
  const char *sc = argc > 4 ? argv[4] : "PCMA";
  JgwMediaConfig config = { .ice_addresses = ice_addresses, .port_min = 20000,
                            .port_max = 39999, .opus_complexity = 5, .jitter_latency = 40 };
  JgwMediaCallbacks cb = { .local_candidate = on_candidate, .secured = on_secured };
  g_autofree Call *calls = g_new0 (Call, n);
  long rss0, thr0, rss1, thr1;
  guint64 rx = 0, lost = 0;
  double cpu0, cpu1, opus_fps, relay_pps;
  guint up = 0;

  gst_init (&argc, &argv);
  if (g_getenv ("JGW_OPUS_COMPLEXITY"))
    config.opus_complexity = (guint) atoi (g_getenv ("JGW_OPUS_COMPLEXITY"));
  if (g_getenv ("JGW_BENCH_IDLE")) {
    JgwMediaCallbacks none = { 0 };

    idle_sessions (n, &config, &none);
    return 0;
  }
  /* Bounds first, while nothing else runs in the process. */
  opus_fps = opus_bound ((int) config.opus_complexity);
  relay_pps = udp_bound ();
  run_for (0.2);
  rss0 = status_value ("VmRSS:");
  thr0 = status_value ("Threads:");
  for (guint i = 0; i < n; i++)
    call_start (&calls[i], &config, &cb, xc, sc);
  run_for (3.0); /* ICE, DTLS, jitter buffers settle */
  for (guint i = 0; i < n; i++)
    up += calls[i].secured;
  cpu0 = cpu_seconds ();
  run_for (secs);
  cpu1 = cpu_seconds ();
  rss1 = status_value ("VmRSS:");
  thr1 = status_value ("Threads:");
  for (guint i = 0; i < n; i++) {
    JgwMediaStats st;

    jgw_media_session_get_stats (calls[i].s, &st);
    for (int l = 0; l < 2; l++) {
      rx += st.leg[l].packets_received;
      lost += st.leg[l].packets_lost;
    }
    jgw_media_stats_clear (&st);
  }
  printf ("calls=%u up=%u %s<->%s cx=%u: cpu=%.1f%% of one core, %.2f%%/call (incl. peers), "
          "calls/core<=%.0f; rss/call=%ld kB (incl. peers); threads/call=%.1f (incl. peers); "
          "loss=%.2f%%\n",
          n, up, xc, sc, config.opus_complexity, 100 * (cpu1 - cpu0) / secs,
          100 * (cpu1 - cpu0) / secs / n, n * secs / (cpu1 - cpu0), (rss1 - rss0) / (long) n,
          (double) (thr1 - thr0) / n, rx ? 100.0 * lost / (rx + lost) : 0);
  printf ("bounds: opus enc+dec cx%u %.0f frames/cpu-s (= %.0f transcoded calls/core at 50 "
          "frames/s); udp relay %.0f pkt/cpu-s (= %.0f pass-through calls/core at 100 pkt/s)\n",
          config.opus_complexity, opus_fps, opus_fps / 50, relay_pps, relay_pps / 100);
  for (guint i = 0; i < n; i++) {
    jgw_media_session_free (calls[i].s);
    xmpp_peer_free (calls[i].xp);
    sip_peer_free (calls[i].sp);
  }
  jgw_test_cleanup ();
  return 0;
}
