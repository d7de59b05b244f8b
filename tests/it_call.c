/* it_call.c — bridged calls end to end: a private Prosody, the gateway, a
 * real SIP phone (baresip: its own tone, recording what it hears; SIPp for
 * scripted refusals) and an independent Jingle client (tests/peers, Python
 * with aiortc: its own tone, measuring what it hears). Audio is checked as
 * audio on both sides. */
#include <check.h>
#include <signal.h>
#include <string.h>

#include "harness/baresip.h"
#include "harness/fixture.h"
#include "harness/jingle_peer.h"
#include "harness/sipp.h"
#include "harness/suite.h"

#define COMPONENT JGW_TEST_COMPONENT
#define WAIT 20000
#define PEER_TONE 440
#define PHONE_TONE 1000

static JgwTestFixture *fx;

static void
setup (void)
{
  const char *users[] = { "alice:alicepw", NULL };
  fx = jgw_test_fixture_start (users, 40,
                                "[calls]\nring-time = 12\n"
                                "[user:alice@localhost]\nsip-uri = sip:alice@127.0.0.1\n"
                                "display-name = Alice\n");
}

static void
teardown (void)
{
  g_clear_pointer (&fx, jgw_test_fixture_free);
}

/* --- the phone --- */

static JgwTestBaresip *
phone_start (const char *answermode)
{
  JgwTestBaresipOptions o = { .user = "bob", .answermode = answermode, .tone_hz = PHONE_TONE, .record = TRUE };
  return jgw_test_baresip_start_full (&o);
}

/* bob at the phone, as the JID to call: sip:bob@127.0.0.1:PORT, escaped. */
static char *
phone_jid (JgwTestBaresip *phone)
{
  return g_strdup_printf ("bob\\40127.0.0.1\\3a%u@" COMPONENT, phone->sip_port);
}

/* --- XMPP -> SIP --- */

static void
call_phone (gboolean jmi)
{
  JgwTestBaresip *phone = phone_start ("auto");
  g_autofree char *target = phone_jid (phone);
  JgwTestProc *peer
      = jgw_test_peer_start (fx->prosody->c2s_port, NULL, NULL, "--call", target, "--tone", G_STRINGIFY (PEER_TONE),
                             "--hangup-after", "5", jmi ? "--jmi" : "--no-jmi", NULL);
  g_autofree char *json = jgw_test_peer_result (peer);
  ck_assert_msg (jgw_test_json_has (json, "session-accept"), "no session-accept: %s", json);
  jgw_test_peer_assert_heard (json, PHONE_TONE);
  jgw_test_baresip_assert_heard (phone, PEER_TONE, WAIT);
  ck_assert (jgw_test_wait_log (fx->gw->proc, "ended: success", 0, WAIT));
  jgw_test_baresip_free (phone);
}

START_TEST (test_xmpp_calls_sip_direct)
{
  call_phone (FALSE);
}
END_TEST

START_TEST (test_xmpp_calls_sip_jmi)
{
  call_phone (TRUE);
}
END_TEST

/* --- SIP -> XMPP --- */

static void
phone_calls_peer (gboolean jmi)
{
  gsize mark = jgw_test_log_size (fx->gw->proc);
  JgwTestProc *peer
      = jgw_test_peer_start (fx->prosody->c2s_port, NULL, NULL, "--answer", "--subscribe", COMPONENT, "--tone",
                             G_STRINGIFY (PEER_TONE), "--hangup-after", "5", jmi ? NULL : "--no-jmi", NULL);
  jgw_test_peer_wait_known (fx->gw, "alice@localhost/peer", mark, WAIT);
  JgwTestBaresip *phone = phone_start ("auto");
  g_autofree char *uri = g_strdup_printf ("sip:alice@127.0.0.1:%u", fx->sip_port);
  ck_assert (jgw_test_baresip_command (phone, "dial", uri));
  g_autofree char *json = jgw_test_peer_result (peer);
  ck_assert_msg (jgw_test_json_has (json, jmi ? "propose" : "session-initiate"), "not rung as expected: %s", json);
  jgw_test_peer_assert_heard (json, PHONE_TONE);
  jgw_test_baresip_assert_heard (phone, PEER_TONE, WAIT);
  jgw_test_baresip_free (phone);
}

START_TEST (test_sip_calls_xmpp_jmi)
{
  phone_calls_peer (TRUE);
}
END_TEST

START_TEST (test_sip_calls_xmpp_direct)
{
  phone_calls_peer (FALSE);
}
END_TEST

/* --- refusals --- */

START_TEST (test_xmpp_calls_busy_number)
{
  const char *subst[] = { NULL };
  JgwTestSipp *sipp = jgw_test_sipp_start (jgw_test_sipp_scenario ("uas_486.xml", subst), NULL, NULL);
  g_autofree char *target = g_strdup_printf ("busy\\40127.0.0.1\\3a%u@" COMPONENT, sipp->port);
  JgwTestProc *peer = jgw_test_peer_start (fx->prosody->c2s_port, NULL, NULL, "--call", target, "--no-jmi", NULL);
  g_autofree char *json = jgw_test_peer_result (peer);
  ck_assert_msg (strstr (json, "\"terminate_reason\": \"busy\"") != NULL, "busy not reported: %s", json);
  ck_assert (jgw_test_sipp_wait (sipp, WAIT, NULL));
  jgw_test_sipp_free (sipp);
}
END_TEST

START_TEST (test_xmpp_declines_sip_call)
{
  gsize mark = jgw_test_log_size (fx->gw->proc);
  JgwTestProc *peer = jgw_test_peer_start (fx->prosody->c2s_port, NULL, NULL, "--reject", "--subscribe", COMPONENT, NULL);
  jgw_test_peer_wait_known (fx->gw, "alice@localhost/peer", mark, WAIT);
  JgwTestBaresip *phone = phone_start ("auto");
  g_autofree char *uri = g_strdup_printf ("sip:alice@127.0.0.1:%u", fx->sip_port);
  ck_assert (jgw_test_baresip_command (phone, "dial", uri));
  g_autofree char *json = jgw_test_peer_result (peer);
  ck_assert_msg (jgw_test_wait_log (phone->proc, "603", 0, WAIT), "the phone did not get 603 Decline");
  jgw_test_baresip_free (phone);
}
END_TEST

START_TEST (test_no_answer)
{
  gsize mark = jgw_test_log_size (fx->gw->proc);
  JgwTestProc *peer
      = jgw_test_peer_start (fx->prosody->c2s_port, NULL, NULL, "--no-answer", "--subscribe", COMPONENT, NULL);
  jgw_test_peer_wait_known (fx->gw, "alice@localhost/peer", mark, WAIT);
  JgwTestBaresip *phone = phone_start ("auto");
  g_autofree char *uri = g_strdup_printf ("sip:alice@127.0.0.1:%u", fx->sip_port);
  ck_assert (jgw_test_baresip_command (phone, "dial", uri));
  /* ring-time is 12 s: then 480 to the phone, and the client stops ringing. */
  ck_assert_msg (jgw_test_wait_log (phone->proc, "480", 0, 30000), "the phone did not get 480");
  g_autofree char *json = jgw_test_peer_result (peer);
  ck_assert_msg (jgw_test_json_has (json, "retract") || strstr (json, "timeout"), "the client kept ringing: %s", json);
  jgw_test_baresip_free (phone);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("call");
  TCase *tc = tcase_create ("bridge");
  tcase_set_timeout (tc, 120);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_xmpp_calls_sip_direct);
  tcase_add_test (tc, test_xmpp_calls_sip_jmi);
  tcase_add_test (tc, test_sip_calls_xmpp_jmi);
  tcase_add_test (tc, test_sip_calls_xmpp_direct);
  tcase_add_test (tc, test_xmpp_calls_busy_number);
  tcase_add_test (tc, test_xmpp_declines_sip_call);
  tcase_add_test (tc, test_no_answer);
  suite_add_tcase (s, tc);
  return jgw_test_run_suite (s);
}
