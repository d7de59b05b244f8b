/* it_stats.c — per-call statistics end to end: a Jingle client (aiortc,
 * which sends RTCP receiver reports) calls a real SIP phone (baresip, which
 * sends RTCP on port + 1) through the gateway; at hang-up the gateway logs
 * each leg's statistics, and the round-trip time from RTCP (RFC 3550
 * 6.4.1) must be there and plausible on loopback for both legs. The same
 * for a phone that calls with SDES-SRTP (RFC 4568), whose RTCP is SRTCP. */
#include <check.h>
#include <math.h>
#include <string.h>

#include "harness/baresip.h"
#include "harness/fixture.h"
#include "harness/jingle_peer.h"
#include "harness/suite.h"

#define COMPONENT JGW_TEST_COMPONENT
#define WAIT 20000

static JgwTestFixture *fx;

static void
setup (void)
{
  const char *users[] = { "alice:alicepw", NULL };

  fx = jgw_test_fixture_start (users, 40, "[user:alice@localhost]\nsip-uri = sip:alice@127.0.0.1\n");
}

static void
teardown (void)
{
  g_clear_pointer (&fx, jgw_test_fixture_free);
}

/* The RTT the gateway logged for LEG ("XMPP" or "SIP") at hang-up. */
static double
logged_rtt (const char *leg)
{
  g_autofree char *log = NULL;
  g_autofree char *needle = g_strdup_printf ("media %s leg: ", leg);
  const char *line, *rtt;

  ck_assert (g_file_get_contents (jgw_test_log_path (fx->gw->proc), &log, NULL, NULL));
  line = g_strrstr (log, needle);
  ck_assert_msg (line != NULL, "no %s statistics logged; see %s", leg, jgw_test_log_path (fx->gw->proc));
  rtt = strstr (line, "rtt ");
  ck_assert_msg (rtt && rtt < strchr (line, '\n'), "no rtt in %.200s", line);
  return g_ascii_strtod (rtt + 4, NULL);
}

START_TEST (test_rtt_both_legs)
{
  JgwTestBaresipOptions o = { .user = "bob", .answermode = "auto", .tone_hz = 1000 };
  JgwTestBaresip *phone = jgw_test_baresip_start_full (&o);
  g_autofree char *target = g_strdup_printf ("bob\\40127.0.0.1\\3a%u@" COMPONENT, phone->sip_port);
  /* baresip reports every ~5 s, the gateway's first report is due after
   * 1.25-3.75 s: 12 s of media leave room for an answer to a report. */
  JgwTestProc *peer = jgw_test_peer_start (fx->prosody->c2s_port, NULL, NULL, "--call", target,
                                           "--no-jmi", "--hangup-after", "12", NULL);
  g_autofree char *json = jgw_test_peer_result (peer);
  double x, s;

  ck_assert_msg (jgw_test_json_has (json, "session-accept"), "no session-accept: %s", json);
  ck_assert_msg (jgw_test_wait_log (fx->gw->proc, "media SIP leg: ", 0, WAIT),
                 "no statistics at hang-up; see %s", jgw_test_log_path (fx->gw->proc));
  x = logged_rtt ("XMPP");
  s = logged_rtt ("SIP");
  g_message ("RTT from RTCP: XMPP leg %.1f ms, SIP leg %.1f ms", x, s);
  ck_assert_msg (x >= 0 && x < 1000, "XMPP leg RTT %.1f ms", x);
  ck_assert_msg (s >= 0 && s < 1000, "SIP leg RTT %.1f ms", s);
  jgw_test_baresip_free (phone);
}
END_TEST

/* A phone that insists on SDES-SRTP calls the Jingle user. The gateway's
 * SIP leg RTT needs a report from the phone whose LSR echoes one of our
 * sender reports: it exists only if the phone could check and decrypt our
 * SRTCP, and we its (baresip drops SRTCP that fails to authenticate). */
START_TEST (test_rtt_sdes_srtp)
{
  JgwTestBaresipOptions o = { .user = "bob", .answermode = "auto", .tone_hz = 1000, .record = TRUE,
                              .mediaenc = "srtp-mand" };
  gsize mark = jgw_test_log_size (fx->gw->proc);
  JgwTestProc *peer = jgw_test_peer_start (fx->prosody->c2s_port, NULL, NULL, "--answer", "--subscribe",
                                           COMPONENT, "--no-jmi", "--tone", "440", "--hangup-after",
                                           "12", NULL);
  JgwTestBaresip *phone;
  g_autofree char *uri = NULL;
  g_autofree char *json = NULL;
  g_autofree char *phone_log = NULL;
  g_autofree char *log_path = NULL;
  const char *dl;
  double s;

  jgw_test_peer_wait_known (fx->gw, "alice@localhost/peer", mark, WAIT);
  phone = jgw_test_baresip_start_full (&o);
  uri = g_strdup_printf ("sip:alice@127.0.0.1:%u", fx->sip_port);
  ck_assert (jgw_test_baresip_command (phone, "dial", uri));
  json = jgw_test_peer_result (peer);
  ck_assert_msg (jgw_test_json_has (json, "session-initiate"), "not rung: %s", json);
  ck_assert_msg (jgw_test_wait_log (fx->gw->proc, "media SIP leg: ", 0, WAIT),
                 "no statistics at hang-up; see %s", jgw_test_log_path (fx->gw->proc));
  jgw_test_peer_assert_heard (json, 1000);
  jgw_test_baresip_assert_heard (phone, 440, WAIT);
  log_path = g_build_filename (phone->dir, "baresip.log", NULL);
  ck_assert (g_file_get_contents (log_path, &phone_log, NULL, NULL));
  ck_assert_msg (strstr (phone_log, "SRTP is Enabled"), "the call was not SDES-SRTP: %s", log_path);
  ck_assert_msg (!strstr (phone_log, "failed to decrypt RTCP"), "the phone refused our SRTCP: %s",
                 log_path);
  /* rtcpsummary at hang-up: "No RTCP stats collected" unless the phone got
   * a report block about its stream from us; DL is its RTT in ms. */
  dl = strstr (phone_log, "EX=BareSip;CS=") ? strstr (phone_log, ";DL=") : NULL;
  ck_assert_msg (dl != NULL, "the phone got no report from us: %s", log_path);
  s = logged_rtt ("SIP");
  g_message ("RTT from SRTCP: SIP leg %.1f ms, the phone's %.1f ms", s, g_ascii_strtod (dl + 4, NULL));
  ck_assert_msg (s >= 0 && s < 1000, "SIP leg RTT %.1f ms", s);
  jgw_test_baresip_free (phone);
}
END_TEST

static Suite *
stats_suite (void)
{
  Suite *s = suite_create ("stats");
  TCase *tc = tcase_create ("rtt");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_rtt_both_legs);
  tcase_add_test (tc, test_rtt_sdes_srtp);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return jgw_test_run_suite (stats_suite ());
}
