/* it_stats.c — per-call statistics end to end: a Jingle client (aiortc,
 * which sends RTCP receiver reports) calls a real SIP phone (baresip, which
 * sends RTCP on port + 1) through the gateway; at hang-up the gateway logs
 * each leg's statistics, and the round-trip time from RTCP (RFC 3550
 * 6.4.1) must be there and plausible on loopback for both legs. */
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

static Suite *
stats_suite (void)
{
  Suite *s = suite_create ("stats");
  TCase *tc = tcase_create ("rtt");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_rtt_both_legs);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return jgw_test_run_suite (stats_suite ());
}
