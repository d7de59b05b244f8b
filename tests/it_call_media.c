/* it_call_media.c — what travels in the media of a bridged call, end to end:
 * RFC 4733 telephone-events relayed both ways (transcoded Opus<->PCMU with
 * telephone-event/8000 next to Opus, and PCMU pass-through), mute from the
 * client (the SIP party hears silence, then the tone again), hold by a
 * Jingle senders change (re-INVITE sendonly seen by SIPp). Real peers: a
 * private Prosody, the gateway, baresip phones (tones, recordings, their
 * log of received events, DTMF sent with sndcode), SIPp, and the
 * independent Jingle client of tests/peers. */
#include <check.h>
#include <math.h>
#include <string.h>

#include "harness/baresip.h"
#include "harness/fixture.h"
#include "harness/jingle_peer.h"
#include "harness/sipp.h"
#include "harness/suite.h"
#include "harness/tone.h"
#include "harness/wav.h"

#define COMPONENT JGW_TEST_COMPONENT
#define WAIT 20000

static JgwTestFixture *fx;

static void
setup (void)
{
  const char *users[] = { "alice:alicepw", NULL };
  fx = jgw_test_fixture_start (users, 20, "[user:alice@localhost]\nsip-uri = sip:alice@127.0.0.1\n");
}

static void
teardown (void)
{
  g_clear_pointer (&fx, jgw_test_fixture_free);
}

static char *
sip_target (const char *user, guint16 port)
{
  return g_strdup_printf ("%s\\40127.0.0.1\\3a%u@" COMPONENT, user, port);
}

static JgwTestBaresip *
phone_start (const char *user, guint tone, const char *codecs)
{
  JgwTestBaresipOptions o = { .user = user, .answermode = "auto", .tone_hz = tone, .record = TRUE,
                              .codecs = codecs };
  return jgw_test_baresip_start_full (&o);
}

static char *
read_log (JgwTestProc *proc)
{
  g_autofree char *text = NULL;
  g_file_get_contents (jgw_test_log_path (proc), &text, NULL, NULL);
  return g_steal_pointer (&text);
}

/* The digits baresip logged as received RFC 4733 events, in order (one per
 * event start; baresip logs "received event: 'D' (end=0)"). */
static char *
phone_events (JgwTestBaresip *phone)
{
  g_autofree char *log = read_log (phone->proc);
  GString *digits = g_string_new (NULL);
  const char *needle = "received event: '";
  for (const char *p = log ? strstr (log, needle) : NULL; p; p = strstr (p + 1, needle))
    if (g_str_has_prefix (p + strlen (needle) + 1, "' (end=0)"))
      g_string_append_c (digits, p[strlen (needle)]);
  return g_string_free (digits, FALSE);
}

/* Wait until baresip has logged COUNT event starts (bounded). */
static char *
wait_phone_events (JgwTestBaresip *phone, gsize count)
{
  gint64 end = g_get_monotonic_time () + WAIT * (gint64) 1000;
  char *got = phone_events (phone);
  while (strlen (got) < count && g_get_monotonic_time () < end)
    {
      g_free (got);
      jgw_test_wait_log (phone->proc, "received event", jgw_test_log_size (phone->proc), 500);
      got = phone_events (phone);
    }
  return got;
}

/* --- RFC 4733 both ways --- */

/* Digits go 2.5 s after the client's media is up: the gateway passes
 * media from the client only once it has verified the client's DTLS
 * certificate, which under load comes later than the client's "connected". */

/* The client (codecs CLIENT_CODECS, telephone-event/8000) calls a baresip
 * phone (PCMU, telephone-event/8000); each side keys digits as RFC 4733
 * events; each must arrive exactly once, in order, as events. */
static void
dtmf_both_ways (const char *client_codecs, const char *expect_codec)
{
  JgwTestBaresip *phone = phone_start ("carol", 1000, NULL);
  g_autofree char *target = sip_target ("carol", phone->sip_port);
  JgwTestProc *peer = jgw_test_peer_start (fx->prosody->c2s_port, NULL, NULL, "--call", target, "--no-jmi",
                                            "--codecs", client_codecs, "--tone", "440",
                                            "--dtmf", "159", "--dtmf-mode", "rfc4733", "--dtmf-delay", "2.5",
                                            "--hangup-after", "8", NULL);
  ck_assert_msg (jgw_test_wait_log (peer, "EVENT media-connected", 0, WAIT), "media never came up; see %s",
                 jgw_test_log_path (peer));
  ck_assert_msg (jgw_test_baresip_command (phone, "sndcode", "73#"), "baresip refused sndcode");
  g_autofree char *json = jgw_test_peer_result (peer);
  ck_assert_msg (strstr (json, "\"result\": \"ok\""), "%s", json);
  ck_assert_msg (jgw_test_json_has (json, "dtmf-rfc4733-sent:159"), "the client sent no events: %s", json);
  g_autofree char *codec = g_strdup_printf ("\"codec\": \"%s\"", expect_codec);
  ck_assert_msg (strstr (json, codec), "the client did not send %s: %s", expect_codec, json);
  /* SIP -> XMPP: baresip's events reached the client as RFC 4733, once each. */
  ck_assert_msg (strstr (json, "\"rx_dtmf\": \"73#\""), "the phone's digits did not arrive as events: %s", json);
  /* XMPP -> SIP: the client's events reached the phone as RFC 4733, once each. */
  g_autofree char *got = wait_phone_events (phone, 3);
  ck_assert_msg (g_strcmp0 (got, "159") == 0, "the phone received events '%s', not '159'; see %s", got,
                 jgw_test_log_path (phone->proc));
  g_autofree char *gwlog = read_log (fx->gw->proc);
  ck_assert_msg (strstr (gwlog, "relayed as RFC 4733"), "the gateway did not relay in the media path");
  ck_assert_msg (!strstr (gwlog, "as a chat message"), "digits fell back to chat although both legs have events");
  jgw_test_baresip_free (phone);
}

/* Opus on the client's leg with telephone-event/8000 (as WebRTC clients
 * offer it), PCMU on the phone's: transcoded, durations converted. */
START_TEST (test_dtmf_both_ways_transcoded)
{
  dtmf_both_ways ("opus", "opus/48000");
}
END_TEST

/* PCMU on both legs: pass-through; the phone's in-stream events are
 * forwarded, the client's own-SSRC events regenerated in the audio stream. */
START_TEST (test_dtmf_both_ways_passthrough)
{
  dtmf_both_ways ("PCMU", "PCMU/8000");
}
END_TEST

/* The SIP party has no telephone-event: the client's RFC 4733 events go
 * out as SIP INFO (SIPp requires INFO 7, INFO 3, BYE in this order). */
START_TEST (test_dtmf_events_to_sip_info)
{
  JgwTestSipp *sipp = jgw_test_sipp_start (jgw_test_srcpath ("tests/data/call/uas_info_dtmf.xml"), NULL, NULL);
  g_autofree char *target = sip_target ("sipp", sipp->port);
  JgwTestProc *peer = jgw_test_peer_start (fx->prosody->c2s_port, NULL, NULL, "--call", target, "--no-jmi",
                                            "--dtmf", "73", "--dtmf-mode", "rfc4733",
                                            "--dtmf-delay", "2.5", "--hangup-after", "6", NULL);
  g_autofree char *json = jgw_test_peer_result (peer);
  ck_assert_msg (jgw_test_json_has (json, "dtmf-rfc4733-sent:73"), "the client sent no events: %s", json);
  g_autofree char *why = NULL;
  ck_assert_msg (jgw_test_sipp_wait (sipp, 40000, &why), "the SIP side saw something else: %s", why);
  jgw_test_sipp_free (sipp);
}
END_TEST

/* --- mute --- */

typedef enum { SEG_OTHER, SEG_TONE, SEG_SILENT } Segment;

/* Class of each 250 ms window of SAMPLES: the tone HZ, silence, or neither. */
static GArray *
segments (const gint16 *samples, gsize n, guint rate, double hz)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (Segment));
  gsize win = rate / 4;
  for (gsize at = 0; at + win <= n; at += win)
    {
      double db = jgw_tone_rms_db (samples + at, win);
      Segment s = db < -50 ? SEG_SILENT
                  : (db > -40 && jgw_tone_share (samples + at, win, rate, hz) > 0.5) ? SEG_TONE
                  : SEG_OTHER;
      g_array_append_val (out, s);
    }
  return out;
}

/* Index of the first run of at least MIN windows of class S from FROM, or -1. */
static int
find_run (GArray *seg, guint from, Segment s, guint min)
{
  guint run = 0;
  for (guint i = from; i < seg->len; i++)
    {
      run = g_array_index (seg, Segment, i) == s ? run + 1 : 0;
      if (run == min)
        return (int) (i + 1 - min);
    }
  return -1;
}

/* The client mutes with session-info while its tone keeps playing: the
 * phone hears the tone, then at least 2 s of silence, then the tone again. */
START_TEST (test_mute_from_client)
{
  JgwTestBaresip *phone = phone_start ("dave", 1000, NULL);
  g_autofree char *target = sip_target ("dave", phone->sip_port);
  JgwTestProc *peer = jgw_test_peer_start (fx->prosody->c2s_port, NULL, NULL, "--call", target, "--no-jmi",
                                            "--codecs", "opus", "--tone", "440",
                                            "--mute-after", "2", "--mute-duration", "3", "--hangup-after", "8", NULL);
  g_autofree char *json = jgw_test_peer_result (peer);
  ck_assert_msg (jgw_test_json_has (json, "session-info-sent:mute")
                   && jgw_test_json_has (json, "session-info-sent:unmute"),
                 "%s", json);
  ck_assert_msg (jgw_test_wait_log (phone->proc, "terminated", 0, WAIT), "the phone's call did not end");
  g_autofree char *path = jgw_test_baresip_recording (phone);
  ck_assert_msg (path != NULL, "baresip recorded nothing");
  g_autofree char *why = NULL;
  gsize n = 0;
  guint rate = 0;
  g_autofree gint16 *samples = jgw_test_wav_read (path, &n, &rate, &why);
  ck_assert_msg (samples != NULL, "%s", why);
  g_autoptr (GArray) seg = segments (samples, n, rate, 440);
  GString *map = g_string_new (NULL);
  for (guint i = 0; i < seg->len; i++)
    g_string_append_c (map, "?T."[g_array_index (seg, Segment, i)]);
  g_autofree char *shown = g_string_free (map, FALSE);
  int tone1 = find_run (seg, 0, SEG_TONE, 4);
  int quiet = tone1 < 0 ? -1 : find_run (seg, (guint) tone1, SEG_SILENT, 8);
  int tone2 = quiet < 0 ? -1 : find_run (seg, (guint) quiet + 8, SEG_TONE, 4);
  ck_assert_msg (tone1 >= 0 && quiet >= 0 && tone2 >= 0,
                 "the phone did not hear tone, >= 2 s silence, tone (T tone, . silence, ? other): %s", shown);
  g_autofree char *gwlog = read_log (fx->gw->proc);
  ck_assert (strstr (gwlog, "alice@localhost muted towards") && strstr (gwlog, "alice@localhost unmuted towards"));
  jgw_test_baresip_free (phone);
}
END_TEST

/* --- hold by a senders change --- */

/* The client sends content-modify senders=initiator (it only sends: hold),
 * later senders=both: SIPp requires a re-INVITE a=sendonly, then one with
 * a=sendrecv, then our BYE. */
START_TEST (test_hold_by_content_modify)
{
  JgwTestSipp *sipp = jgw_test_sipp_start (jgw_test_srcpath ("tests/data/call/uas_hold_resume.xml"), NULL, NULL);
  g_autofree char *target = sip_target ("sipp", sipp->port);
  JgwTestProc *peer = jgw_test_peer_start (fx->prosody->c2s_port, NULL, NULL, "--call", target, "--no-jmi",
                                            "--modify-senders-after", "1",
                                            "--modify-duration", "1.5", "--hangup-after", "5", NULL);
  g_autofree char *json = jgw_test_peer_result (peer);
  ck_assert_msg (jgw_test_json_has (json, "content-modify-sent:initiator")
                   && jgw_test_json_has (json, "content-modify-sent:both"),
                 "%s", json);
  ck_assert_msg (!strstr (json, "content-modify-error"), "the gateway refused content-modify: %s", json);
  g_autofree char *why = NULL;
  ck_assert_msg (jgw_test_sipp_wait (sipp, 40000, &why), "the SIP side saw something else: %s", why);
  ck_assert (jgw_test_wait_log (fx->gw->proc, "on hold (sendonly)", 0, WAIT));
  ck_assert (jgw_test_wait_log (fx->gw->proc, "off hold (sendrecv)", 0, WAIT));
  jgw_test_sipp_free (sipp);
}
END_TEST

/* --- early media --- */

/* tests/data/call/uas_early_media.xml with a 1000 Hz PCMU WAV as the
 * announcement and ANSWER_PORT as the 200's media port; path owned by the
 * harness. */
static const char *
sipp_scenario (const char *file, const char *answer_port, const char *pause_ms)
{
  const char *dir = jgw_test_tmpdir ("early");
  g_autofree char *wav = g_build_filename (dir, "tone.wav", NULL);
  const char *argv[] = { "sox", "-n", "-r", "8000", "-c", "1", "-e", "u-law", "-t", "wav", wav,
                         "synth", "60", "sine", "1000", "vol", "0.5", NULL };
  int status = -1;
  ck_assert (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, NULL));
  ck_assert_msg (status == 0, "sox could not write the tone");
  g_autofree char *text = NULL;
  ck_assert (g_file_get_contents (jgw_test_srcpath (file), &text, NULL, NULL));
  g_auto (GStrv) a = g_strsplit (text, "@TONE@", -1);
  g_autofree char *t1 = g_strjoinv (wav, a);
  g_auto (GStrv) b = g_strsplit (t1, "@ANSWER_PORT@", -1);
  g_autofree char *t2 = g_strjoinv (answer_port, b);
  g_auto (GStrv) c = g_strsplit (t2, "@PAUSE@", -1);
  g_autofree char *t3 = g_strjoinv (pause_ms, c);
  return jgw_test_write_file (dir, "uas.xml", t3);
}

static void
assert_heard (const char *json, const char *what, double hz)
{
  g_autofree char *fkey = g_strdup_printf ("%s_freq", what);
  g_autofree char *lkey = g_strdup_printf ("%s_level_db", what);
  double f = jgw_test_json_number (json, fkey), level = jgw_test_json_number (json, lkey);
  ck_assert_msg (!isnan (f) && fabs (f - hz) < 25 && level > -40, "%s: heard %.1f Hz at %.1f dBFS, not %.0f Hz: %s",
                 fkey, f, level, hz, json);
}

/* A 183 with SDP and an announcement tone; the 200 carries ANSWER_PORT.
 * With EARLY the client takes the early transport: it hears the tone
 * before session-accept and in the first second after it. */
static void
early_media (const char *answer_port, gboolean early)
{
  /* 6 s of early media leave time for ICE and DTLS under load. A client
   * that waits for session-accept is answered after 3 s: the 183 gave it
   * our transport, our checks start then, and a client that answers none
   * of them before session-accept fails them after about 6 s (known limit). */
  JgwTestSipp *sipp = jgw_test_sipp_start (sipp_scenario ("tests/data/call/uas_early_media.xml", answer_port, early ? "6000" : "3000"), NULL, NULL);
  g_autofree char *target = sip_target ("sipp", sipp->port);
  JgwTestProc *peer = jgw_test_peer_start (fx->prosody->c2s_port, NULL, NULL, "--call", target, "--no-jmi",
                                            "--tone", "440", "--hangup-after", "2",
                                  early ? "--early-media" : NULL, NULL);
  g_autofree char *json = jgw_test_peer_result (peer);
  ck_assert_msg (strstr (json, "\"result\": \"ok\""), "%s", json);
  g_autofree char *why = NULL;
  ck_assert_msg (jgw_test_sipp_wait (sipp, 40000, &why), "the SIP side saw something else: %s", why);
  ck_assert_msg (jgw_test_wait_log (fx->gw->proc, "early media from", 0, WAIT), "the gateway took no early media");
  assert_heard (json, "rx", 1000);
  if (early)
    {
      const char *em = strstr (json, "\"early-media\"");
      const char *acc = strstr (json, "\"session-accept\"");
      ck_assert_msg (em && acc && em < acc, "no early transport before session-accept: %s", json);
      assert_heard (json, "early_rx", 1000);
      assert_heard (json, "answer_rx", 1000);
    }
  else
    ck_assert_msg (!strstr (json, "early_rx_freq"), "%s", json);
  jgw_test_sipp_free (sipp);
}

START_TEST (test_early_media_same_answer)
{
  early_media ("[media_port]", TRUE);
}
END_TEST

/* The 200's SDP differs from the 183's (another port): re-applied. */
START_TEST (test_early_media_new_answer)
{
  early_media ("[media_port+2]", TRUE);
  ck_assert_msg (jgw_test_wait_log (fx->gw->proc, "SIP leg: remote now", 0, WAIT), "the 200's SDP was not re-applied");
}
END_TEST

/* A client that starts media only at session-accept: nothing breaks, it
 * hears the far end after the answer. */
START_TEST (test_early_media_client_waits)
{
  early_media ("[media_port]", FALSE);
}
END_TEST

/* A phone that rings for 12 s before it answers: the client (which runs
 * ICE only once it has our answer) still gets a call with audio; ICE checks
 * started at the initiate would all have failed by then. */
START_TEST (test_late_answer)
{
  JgwTestSipp *sipp = jgw_test_sipp_start (sipp_scenario ("tests/data/call/uas_late_answer.xml", "[media_port]",
                                                          "12000"), NULL, NULL);
  g_autofree char *target = sip_target ("sipp", sipp->port);
  JgwTestProc *peer = jgw_test_peer_start (fx->prosody->c2s_port, NULL, NULL, "--call", target, "--no-jmi",
                                            "--tone", "440", "--hangup-after", "2", NULL);
  g_autofree char *json = jgw_test_peer_result (peer);
  ck_assert_msg (strstr (json, "\"result\": \"ok\""), "%s", json);
  g_autofree char *why = NULL;
  ck_assert_msg (jgw_test_sipp_wait (sipp, 40000, &why), "the SIP side saw something else: %s", why);
  assert_heard (json, "rx", 1000);
  jgw_test_sipp_free (sipp);
}
END_TEST

/* One case per test, so that CK_RUN_CASE=NAME runs one alone. */
static void
add_case (Suite *s, const char *name, const TTest *test)
{
  TCase *tc = tcase_create (name);
  tcase_set_timeout (tc, 120);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test);
  suite_add_tcase (s, tc);
}

int
main (void)
{
  Suite *s = suite_create ("call_media");
  add_case (s, "dtmf_transcoded", test_dtmf_both_ways_transcoded);
  add_case (s, "dtmf_passthrough", test_dtmf_both_ways_passthrough);
  add_case (s, "dtmf_info", test_dtmf_events_to_sip_info);
  add_case (s, "mute", test_mute_from_client);
  add_case (s, "hold_senders", test_hold_by_content_modify);
  add_case (s, "early_same", test_early_media_same_answer);
  add_case (s, "early_new", test_early_media_new_answer);
  add_case (s, "early_waits", test_early_media_client_waits);
  add_case (s, "late_answer", test_late_answer);
  return jgw_test_run_suite (s);
}
