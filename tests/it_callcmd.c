/* it_callcmd.c — the call-control commands end to end: a real client sends
 * ad-hoc commands and chat verbs through a private Prosody; the gateway
 * rings the user's Jingle client (tests/peers/jingle_peer.py, aiortc) and
 * calls a real SIP peer (SIPp checking each re-INVITE, INFO and BYE it must
 * get; baresip checking the tone it hears). Also: another user cannot touch
 * the call, bad values get clear errors, German answers, redial. */
#include <check.h>
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
static JgwTestClient *alice, *bob;

static void
setup (void)
{
  const char *users[] = { "alice:alicepw", "bob:bobpw", NULL };
  fx = jgw_test_fixture_start (users, 40,
                                "[media]\nmedia-timeout = 120\n"
                                "[calls]\nring-time = 15\n"
                                "[user:alice@localhost]\nsip-uri = sip:alice@127.0.0.1\n"
                                "[user:bob@localhost]\nsip-uri = sip:bob@127.0.0.1\n");
  alice = jgw_test_fixture_login (fx, "alice");
  bob = jgw_test_fixture_login (fx, "bob");
}

static void
teardown (void)
{
  alice = bob = NULL;
  g_clear_pointer (&fx, jgw_test_fixture_free);
}

/* --- requests from a text-only client --- */

/* Send TEXT from C to the component (in LANG, may be NULL); the answer's body. */
static char *
chat (JgwTestClient *c, const char *lang, const char *text)
{
  return jgw_test_client_chat (c, COMPONENT, lang, text, NULL, WAIT);
}

/* Execute NODE in one go with FIELDS ("var", "value", ..., NULL); the
 * answer as text. */
#define command(c, lang, node, ...) jgw_test_client_execute ((c), COMPONENT, (lang), (node), WAIT, __VA_ARGS__)

#define assert_has(text, needle) ck_assert_msg (strstr ((text), (needle)) != NULL, "no \"%s\" in %s", (needle), (text))

/* The call id in a dial result form. */
static char *
call_id_of (const char *result)
{
  const char *f = strstr (result, "var=\"call\"");
  const char *v = f ? strstr (f, "<value>") : NULL;
  ck_assert_msg (v != NULL, "no call id in %s", result);
  v += strlen ("<value>");
  return g_strndup (v, strcspn (v, "<"));
}

/* dial on the client, then hold, resume, DTMF and hangup as SIPp checks them;
 * meanwhile bob cannot touch alice's call and bad values are refused. */
START_TEST (test_dial_hold_dtmf_hangup)
{
  JgwTestProc *peer
      = jgw_test_peer_start_known (fx->gw, fx->prosody->c2s_port, COMPONENT, "--timeout", "50", "--answer", "--no-jmi",
                                   "--codecs", "opus", "--tone", G_STRINGIFY (PEER_TONE), NULL);
  const char *subst[] = { NULL };
  JgwTestSipp *sipp = jgw_test_sipp_start (jgw_test_sipp_scenario ("uas_callctl.xml", subst), NULL, NULL);
  g_autofree char *number = g_strdup_printf ("sip:sipp@127.0.0.1:%u", sipp->port);
  gsize mark = jgw_test_log_size (fx->gw->proc);
  g_autofree char *dialled = command (alice, NULL, "dial", "number", number, "device", "client", NULL);
  assert_has (dialled, "status=\"completed\"");
  assert_has (dialled, "Calling");
  g_autofree char *id = call_id_of (dialled);
  ck_assert_msg (jgw_test_wait_log (fx->gw->proc, "answered by sip:sipp", mark, WAIT), "the SIP side never answered");

  /* Another user: neither by id nor as "their most recent call". */
  g_autofree char *foreign = command (bob, NULL, "hangup", "call", id, NULL);
  assert_has (foreign, "item-not-found");
  g_autofree char *foreign_chat = chat (bob, NULL, "hangup");
  assert_has (foreign_chat, "You have no call in progress.");
  /* Bad values. */
  g_autofree char *bad_digits = command (alice, NULL, "dtmf", "digits", "12x", NULL);
  assert_has (bad_digits, "bad-request");
  assert_has (bad_digits, "Digits must be");
  g_autofree char *bad_volume = command (alice, "de", "volume", "level", "99", NULL);
  assert_has (bad_volume, "bad-request");
  assert_has (bad_volume, "Lautstärke");
  g_autofree char *bad_id = command (alice, NULL, "hold", "call", "c999-0000", NULL);
  assert_has (bad_id, "item-not-found");
  g_autofree char *empty = command (alice, NULL, "dial", "number", "", NULL);
  assert_has (empty, "bad-request");

  g_autofree char *held = command (alice, NULL, "hold", NULL);
  assert_has (held, "Call on hold.");
  /* One re-INVITE at a time (RFC 3261 14.1): resume once hold is through. */
  ck_assert (jgw_test_wait_log (fx->gw->proc, "re-INVITE answered", mark, WAIT));
  mark = jgw_test_log_size (fx->gw->proc);
  g_autofree char *resumed = chat (alice, "de", "fortsetzen");
  assert_has (resumed, "Gespräch fortgesetzt.");
  ck_assert (jgw_test_wait_log (fx->gw->proc, "re-INVITE answered", mark, WAIT));
  g_autofree char *muted = chat (alice, NULL, "mute");
  assert_has (muted, "Muted");
  ck_assert (jgw_test_wait_log (fx->gw->proc, "muted towards", mark, WAIT));
  g_autofree char *louder = command (alice, NULL, "volume", "level", "up", NULL);
  assert_has (louder, "Volume set to 3 dB.");
  g_autofree char *tones = command (alice, NULL, "dtmf", "digits", "5#", "call", id, NULL);
  assert_has (tones, "Tones sent: 5#");
  g_autofree char *ended = chat (alice, NULL, "hangup");
  assert_has (ended, "Call ended.");

  g_autofree char *why = NULL;
  ck_assert_msg (jgw_test_sipp_wait (sipp, WAIT, &why), "SIPp did not see hold, resume, DTMF and BYE: %s", why);
  g_autofree char *json = jgw_test_peer_result (peer);
  assert_has (json, "session-initiate");
  jgw_test_sipp_free (sipp);
}
END_TEST

/* `call NUMBER` from a text-only client rings the user's Jingle client, then
 * the phone, which hears the client's tone; `redial` (German) calls it again. */
START_TEST (test_chat_call_and_redial)
{
  JgwTestBaresipOptions o = { .user = "carol", .answermode = "auto", .tone_hz = PHONE_TONE, .record = TRUE };
  JgwTestBaresip *phone = jgw_test_baresip_start_full (&o);
  const char *number = phone->uri;
  JgwTestProc *peer = jgw_test_peer_start_known (fx->gw, fx->prosody->c2s_port, COMPONENT, "--timeout", "50", "--answer",
                                                 "--tone", G_STRINGIFY (PEER_TONE), "--hangup-after", "4", NULL);
  g_autofree char *line = g_strdup_printf ("call %s", number);
  g_autofree char *calling = chat (alice, NULL, line);
  assert_has (calling, "Calling");
  g_autofree char *json = jgw_test_peer_result (peer);
  ck_assert_msg (strstr (json, "session-initiate") || strstr (json, "propose"), "not rung: %s", json);
  jgw_test_baresip_assert_heard (phone, PEER_TONE, WAIT);
  ck_assert (jgw_test_wait_log (fx->gw->proc, "ended: success", 0, WAIT));

  JgwTestProc *again = jgw_test_peer_start_known (fx->gw, fx->prosody->c2s_port, COMPONENT, "--timeout", "50", "--answer",
                                                  "--hangup-after", "1", NULL);
  g_autofree char *redialled = chat (alice, "de", "wahlwiederholung");
  assert_has (redialled, "Anruf an");
  g_autofree char *json2 = jgw_test_peer_result (again);
  ck_assert_msg (strstr (json2, "session-initiate") || strstr (json2, "propose"), "not rung again: %s", json2);
  assert_has (redialled, number);
  jgw_test_baresip_free (phone);
}
END_TEST

/* A call ringing the user: a text-only client cannot take it, reject sends
 * 603 to the caller. */
START_TEST (test_answer_and_reject_ringing)
{
  JgwTestProc *peer
      = jgw_test_peer_start_known (fx->gw, fx->prosody->c2s_port, COMPONENT, "--timeout", "50", "--no-answer", NULL);
  JgwTestBaresip *phone = jgw_test_baresip_start ("carol", "auto");
  g_autofree char *uri = g_strdup_printf ("sip:alice@127.0.0.1:%u", fx->sip_port);
  gsize mark = jgw_test_log_size (fx->gw->proc);
  ck_assert (jgw_test_baresip_command (phone, "dial", uri));
  ck_assert (jgw_test_wait_log (fx->gw->proc, "calls alice@localhost", mark, WAIT));
  g_autofree char *answer = command (alice, NULL, "answer", NULL);
  assert_has (answer, "cannot take Jingle audio calls");
  g_autofree char *not_bobs = chat (bob, "de", "ablehnen");
  assert_has (not_bobs, "Sie haben kein laufendes Gespräch.");
  g_autofree char *rejected = command (alice, "de", "reject", NULL);
  assert_has (rejected, "Anruf abgelehnt.");
  ck_assert_msg (jgw_test_wait_log (phone->proc, "603", 0, WAIT), "the caller did not get 603 Decline");
  g_autofree char *json = jgw_test_peer_result (peer);
  jgw_test_baresip_free (phone);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("callcmd");
  TCase *tc = tcase_create ("callcmd");
  tcase_set_timeout (tc, 120);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_dial_hold_dtmf_hangup);
  tcase_add_test (tc, test_chat_call_and_redial);
  tcase_add_test (tc, test_answer_and_reject_ringing);
  suite_add_tcase (s, tc);
  return jgw_test_run_suite (s);
}
