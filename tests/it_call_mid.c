/* it_call_mid.c — bridged calls during and around the call, end to end: a
 * private Prosody, the gateway, SIPp scenarios that check what reaches the
 * SIP side (re-INVITE directions, SIP INFO digits, BYE), baresip phones with
 * tones, and the independent Jingle client of tests/peers. */
#include <check.h>
#include <string.h>

#include "harness/baresip.h"
#include "harness/fixture.h"
#include "harness/jingle_peer.h"
#include "harness/sipp.h"
#include "harness/xmpp_client.h"
#include "identity/store.h"
#include "harness/suite.h"

#define COMPONENT JGW_TEST_COMPONENT
#define WAIT 20000

static JgwTestFixture *fx;
static char *store_path;  /* the gateway's SQLite store */

/* Extra [media] and [calls] keys of the fixture being set up (static text);
 * one call per user everywhere (the concurrency test uses two users). */
static const char *media_extra = "";
static const char *calls_extra = "max-calls-per-user = 1\n";

static void
setup (void)
{
  const char *users[] = { "alice:alicepw", "bob:bobpw", NULL };
  g_autofree char *extra = g_strdup_printf ("[media]\n%s"
                                            "[calls]\nring-time = 12\n%s"
                                            "[user:alice@localhost]\nsip-uri = sip:alice@127.0.0.1\n"
                                            "[user:bob@localhost]\nsip-uri = sip:bob@127.0.0.1\n",
                                            media_extra, calls_extra);
  fx = jgw_test_fixture_start (users, 60, extra);
  const char *store = strstr (fx->config, "[store]\npath = ");
  ck_assert (store != NULL);
  store += strlen ("[store]\npath = ");
  store_path = g_strndup (store, strcspn (store, "\n"));
}

/* Media timeout 5 s. */
static void
setup_media_timeout (void)
{
  media_extra = "media-timeout = 5\n";
  setup ();
}

static void
teardown (void)
{
  g_clear_pointer (&fx, jgw_test_fixture_free);
  g_clear_pointer (&store_path, g_free);
}

static void
assert_sipp_ok (JgwTestSipp *sipp)
{
  g_autofree char *why = NULL;
  ck_assert_msg (jgw_test_sipp_wait (sipp, 40000, &why), "the SIP side saw something else: %s", why);
}

/* --- SIP targets as JIDs --- */

static char *
sip_target (const char *user, guint16 port)
{
  return g_strdup_printf ("%s\\40127.0.0.1\\3a%u@" COMPONENT, user, port);
}

/* --- hold, DTMF and hang-up from the XMPP side --- */

START_TEST (test_xmpp_hold_dtmf_hangup)
{
  JgwTestSipp *sipp = jgw_test_sipp_start (jgw_test_srcpath ("tests/data/call/uas_hold_dtmf.xml"), NULL, NULL);
  g_autofree char *target = sip_target ("sipp", sipp->port);
  /* Hold at 1 s, unhold at 2.5 s, digits "42" by chat at 4 s, BYE at 7 s. */
  JgwTestProc *peer = jgw_test_peer_start (fx->prosody->c2s_port, "alice", "peer", "--call", target, "--no-jmi", "--tone",
                                           "440", "--hold-after", "1", "--hold-duration", "1.5", "--dtmf", "42",
                                           "--dtmf-delay", "4", "--hangup-after", "7", NULL);
  g_autofree char *json = jgw_test_peer_result (peer);
  ck_assert_msg (jgw_test_json_has (json, "session-accept"), "no session-accept: %s", json);
  ck_assert_msg (jgw_test_json_has (json, "dtmf-sent:42"), "no digits sent: %s", json);
  /* SIPp fails unless it saw sendonly, sendrecv, INFO 4, INFO 2 and BYE in order. */
  assert_sipp_ok (sipp);
  ck_assert (jgw_test_wait_log (fx->gw->proc, "ended: success", 0, WAIT));
  jgw_test_sipp_free (sipp);
}
END_TEST

/* --- hold, DTMF and hang-up from the SIP side --- */

/* tests/data/call/NAME with @TONE@ replaced by a 1000 Hz PCMU WAV file
 * (SIPp streams it as RTP, as a phone would send audio); path owned by the
 * harness. */
static const char *
scenario_with_tone (const char *name)
{
  const char *dir = jgw_test_tmpdir ("tone");
  g_autofree char *wav = g_build_filename (dir, "tone.wav", NULL);
  const char *argv[] = { "sox", "-n", "-r", "8000", "-c", "1", "-e", "u-law", "-t", "wav", wav,
                         "synth", "60", "sine", "1000", "vol", "0.5", NULL };
  int status = -1;
  ck_assert (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, NULL));
  ck_assert_msg (status == 0, "sox could not write the tone");
  g_autofree char *text = NULL;
  g_autofree char *src = g_build_filename ("tests/data/call", name, NULL);
  ck_assert (g_file_get_contents (jgw_test_srcpath (src), &text, NULL, NULL));
  g_auto (GStrv) parts = g_strsplit (text, "@TONE@", -1);
  g_autofree char *out = g_strjoinv (wav, parts);
  return jgw_test_write_file (dir, name, out);
}

static void
sip_hold_dtmf_bye (gboolean dtmf_events)
{
  gsize mark = jgw_test_log_size (fx->gw->proc);
  JgwTestProc *peer = jgw_test_peer_start (fx->prosody->c2s_port, "alice", "peer", "--answer", "--subscribe", COMPONENT,
                                           "--tone", "440", dtmf_events ? NULL : "--no-dtmf-events", NULL);
  jgw_test_peer_wait_known (fx->gw, "alice@localhost/peer", mark, WAIT);
  g_autofree char *us = g_strdup_printf ("127.0.0.1:%u", fx->sip_port);
  JgwTestSipp *sipp = jgw_test_sipp_start (scenario_with_tone ("uac_hold_dtmf_bye.xml"), us, "alice");
  assert_sipp_ok (sipp);
  g_autofree char *json = jgw_test_peer_result (peer);
  ck_assert_msg (jgw_test_json_has (json, "session-info:hold"), "the client was not told of the hold: %s", json);
  ck_assert_msg (jgw_test_json_has (json, "session-info:unhold"), "the client was not told of the resume: %s", json);
  if (dtmf_events)
    ck_assert_msg (strstr (json, "\"rx_dtmf\": \"59\""), "the SIP INFO digits did not reach the client: %s", json);
  else
    ck_assert_msg (jgw_test_json_has (json, "chat:5") && jgw_test_json_has (json, "chat:9"),
                   "the digits did not reach the client as chat messages: %s", json);
  ck_assert_msg (strstr (json, "\"terminate_reason\": \"success\""), "BYE not passed on as success: %s", json);
  jgw_test_peer_assert_heard (json, 1000);
  jgw_test_sipp_free (sipp);
}

/* SIP INFO digits reach the client as RFC 4733 events. */
START_TEST (test_sip_hold_dtmf_bye)
{
  sip_hold_dtmf_bye (TRUE);
}
END_TEST

/* A client without telephone-event gets the digits as chat messages. */
START_TEST (test_sip_dtmf_as_chat)
{
  sip_hold_dtmf_bye (FALSE);
}
END_TEST

/* --- CANCEL before the answer --- */

static void
sip_cancel_before_answer (gboolean jmi)
{
  gsize mark = jgw_test_log_size (fx->gw->proc);
  JgwTestProc *peer = jgw_test_peer_start (fx->prosody->c2s_port, "alice", "peer", "--no-answer", "--subscribe", COMPONENT,
                                  jmi ? NULL : "--no-jmi", NULL);
  jgw_test_peer_wait_known (fx->gw, "alice@localhost/peer", mark, WAIT);
  g_autofree char *us = g_strdup_printf ("127.0.0.1:%u", fx->sip_port);
  JgwTestSipp *sipp = jgw_test_sipp_start (jgw_test_srcpath ("tests/data/sip/uac_cancel.xml"), us, "alice");
  assert_sipp_ok (sipp);
  g_autofree char *json = jgw_test_peer_result (peer);
  ck_assert_msg (jgw_test_json_has (json, jmi ? "propose" : "session-initiate"), "the client was not rung: %s", json);
  ck_assert_msg (strstr (json, "\"terminate_reason\": \"cancel\""), "CANCEL not passed on as cancel: %s",
                 json);
  jgw_test_sipp_free (sipp);
}

/* CANCEL while a JMI proposal rings: retract with reason cancel. */
START_TEST (test_sip_cancel_before_answer)
{
  sip_cancel_before_answer (TRUE);
}
END_TEST

/* CANCEL while a direct session-initiate rings: session-terminate cancel. */
START_TEST (test_sip_cancel_before_answer_direct)
{
  sip_cancel_before_answer (FALSE);
}
END_TEST

/* --- two calls at once --- */

START_TEST (test_two_concurrent_calls)
{
  JgwTestBaresip *phone1 = jgw_test_baresip_phone ("carol", 1000);
  JgwTestBaresip *phone2 = jgw_test_baresip_phone ("dave", 1500);
  g_autofree char *t1 = sip_target ("carol", phone1->sip_port);
  g_autofree char *t2 = sip_target ("dave", phone2->sip_port);
  JgwTestProc *p1 = jgw_test_peer_start (fx->prosody->c2s_port, "alice", "one", "--call", t1, "--no-jmi", "--tone", "440",
                                         "--hangup-after", "6", NULL);
  JgwTestProc *p2 = jgw_test_peer_start (fx->prosody->c2s_port, "bob", "two", "--call", t2, "--no-jmi", "--tone", "700",
                                         "--hangup-after", "6", NULL);
  g_autofree char *j1 = jgw_test_peer_result (p1);
  g_autofree char *j2 = jgw_test_peer_result (p2);
  jgw_test_peer_assert_heard (j1, 1000);
  jgw_test_peer_assert_heard (j2, 1500);
  jgw_test_baresip_assert_heard (phone1, 440, WAIT);
  jgw_test_baresip_assert_heard (phone2, 700, WAIT);
  jgw_test_baresip_free (phone1);
  jgw_test_baresip_free (phone2);
}
END_TEST

/* --- bad input during a call --- */

/* From the gateway's log: the sid and our JID of the session-initiate the
 * gateway sent to the client (transfer full). */
static void
sent_initiate (char **sid, char **from)
{
  g_autofree char *log = NULL;
  ck_assert (g_file_get_contents (jgw_test_log_path (fx->gw->proc), &log, NULL, NULL));
  g_autoptr (GRegex) re = g_regex_new ("SENT: <iq[^\\n]* from=\"([^\"]+)\"><jingle [^>]*sid=\"([^\"]+)\"[^>]*"
                                       "action=\"session-initiate\"|SENT: <iq[^\\n]* from=\"([^\"]+)\"><jingle "
                                       "[^>]*action=\"session-initiate\"[^>]*sid=\"([^\"]+)\"",
                                       0, 0, NULL);
  g_autoptr (GMatchInfo) m = NULL;
  ck_assert_msg (g_regex_match (re, log, 0, &m), "no session-initiate in the gateway's log");
  *from = g_match_info_fetch (m, 1);
  *sid = g_match_info_fetch (m, 2);
  if (**from == '\0')
    {
      g_free (*from), g_free (*sid);
      *from = g_match_info_fetch (m, 3);
      *sid = g_match_info_fetch (m, 4);
    }
}

static void
assert_iq_error (JgwTestClient *client, const char *id, const char *condition)
{
  xmpp_stanza_t *reply = jgw_test_client_wait_id (client, "iq", id, WAIT);
  ck_assert_msg (reply != NULL, "no answer to %s", id);
  g_autofree char *text = jgw_test_stanza_to_string (reply);
  ck_assert_msg (g_strcmp0 (xmpp_stanza_get_type (reply), "error") == 0, "%s not refused: %s", id, text);
  g_autofree char *path = g_strdup_printf ("error/%s", condition);
  ck_assert_msg (jgw_test_stanza_path (reply, path) != NULL, "%s refused without %s: %s", id, condition, text);
  xmpp_stanza_release (reply);
}

START_TEST (test_bad_input_during_call)
{
  gsize mark = jgw_test_log_size (fx->gw->proc);
  /* The client itself sends a session-terminate for an unknown sid and a
   * second session-accept 2 s into the call; it hangs up at 8 s. */
  JgwTestProc *peer = jgw_test_peer_start (fx->prosody->c2s_port, "alice", "peer", "--answer", "--subscribe", COMPONENT,
                                           "--tone", "440", "--bad-input", "2", "--hangup-after", "8", NULL);
  jgw_test_peer_wait_known (fx->gw, "alice@localhost/peer", mark, WAIT);
  JgwTestBaresip *phone = jgw_test_baresip_phone ("carol", 1000);
  g_autofree char *uri = g_strdup_printf ("sip:alice@127.0.0.1:%u", fx->sip_port);
  ck_assert (jgw_test_baresip_command (phone, "dial", uri));
  ck_assert_msg (jgw_test_wait_log (fx->gw->proc, "DTLS-SRTP established", mark, WAIT), "the call never came up");
  /* A third party (bob) acts on the running session. */
  g_autofree char *sid = NULL, *call_jid = NULL;
  sent_initiate (&sid, &call_jid);
  JgwTestClient *bob = jgw_test_client_connect ("bob@localhost/intruder", "bobpw", fx->prosody->c2s_port);
  ck_assert (bob != NULL);
  jgw_test_client_send (bob,
                        "<iq type='set' id='ti1' to='%s'><jingle xmlns='urn:xmpp:jingle:1' action='transport-info' "
                        "sid='%s'><content creator='initiator' name='0'><transport "
                        "xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag='x' pwd='yyyyyyyyyyyyyyyyyyyyyy'>"
                        "<candidate component='1' foundation='1' generation='0' id='c1' ip='127.0.0.1' "
                        "network='0' port='9' priority='1' protocol='udp' type='host'/></transport></content>"
                        "</jingle></iq>",
                        call_jid, sid);
  assert_iq_error (bob, "ti1", "item-not-found");
  jgw_test_client_send (bob,
                        "<iq type='set' id='st1' to='%s'><jingle xmlns='urn:xmpp:jingle:1' "
                        "action='session-terminate' sid='%s'><reason><success/></reason></jingle></iq>",
                        call_jid, sid);
  assert_iq_error (bob, "st1", "item-not-found");
  jgw_test_client_free (bob);
  g_autofree char *json = jgw_test_peer_result (peer);
  ck_assert_msg (strstr (json, "session-terminate-error:item-not-found"), "unknown sid not refused: %s", json);
  ck_assert_msg (strstr (json, "session-accept-error:"), "second session-accept not refused: %s", json);
  ck_assert_msg (!strstr (json, "bad-session"), "bad input was accepted: %s", json);
  ck_assert_msg (!jgw_test_json_has (json, "retract:success"), "a proposal retracted after the answer: %s", json);
  /* The call survived all of it: audio both ways until the client hung up. */
  ck_assert_msg (strstr (json, "\"terminate_reason\": null") || !strstr (json, "session-terminate:"),
                 "the call was ended by the bad input: %s", json);
  jgw_test_peer_assert_heard (json, 1000);
  jgw_test_baresip_assert_heard (phone, 440, WAIT);
  jgw_test_baresip_free (phone);
}
END_TEST

/* --- media timeout --- */

START_TEST (test_media_timeout)
{
  /* The SIP party answers but never sends RTP: after 5 s both legs end. */
  JgwTestSipp *sipp = jgw_test_sipp_start (jgw_test_srcpath ("tests/data/sip/uas_answer_bye.xml"), NULL, NULL);
  g_autofree char *target = sip_target ("sipp", sipp->port);
  JgwTestProc *peer
      = jgw_test_peer_start (fx->prosody->c2s_port, "alice", "peer", "--call", target, "--no-jmi", "--tone", "440", NULL);
  g_autofree char *json = jgw_test_peer_result (peer);
  ck_assert_msg (jgw_test_json_has (json, "session-accept"), "no session-accept: %s", json);
  ck_assert_msg (strstr (json, "\"terminate_reason\": \"timeout\""), "not ended for the media timeout: %s", json);
  assert_sipp_ok (sipp);
  ck_assert (jgw_test_wait_log (fx->gw->proc, "ended: timeout", 0, WAIT));
  jgw_test_sipp_free (sipp);
}
END_TEST

/* --- per-user limit --- */

START_TEST (test_calls_per_user_limit)
{
  JgwTestSipp *sipp = jgw_test_sipp_start (jgw_test_srcpath ("tests/data/sip/uas_answer_bye.xml"), NULL, NULL);
  g_autofree char *target = sip_target ("sipp", sipp->port);
  gsize mark = jgw_test_log_size (fx->gw->proc);
  JgwTestProc *first = jgw_test_peer_start (fx->prosody->c2s_port, "alice", "one", "--call", target, "--no-jmi", "--tone",
                                            "440", "--hangup-after", "15", NULL);
  ck_assert_msg (jgw_test_wait_log (fx->gw->proc, "answered by", mark, WAIT), "the first call was not answered");
  /* One call is the limit: a second one from another device is refused... */
  JgwTestBaresip *phone = jgw_test_baresip_phone ("carol", 1000);
  g_autofree char *t2 = sip_target ("carol", phone->sip_port);
  JgwTestProc *second = jgw_test_peer_start (fx->prosody->c2s_port, "alice", "two", "--call", t2, "--no-jmi", NULL);
  g_autofree char *j2 = jgw_test_peer_result (second);
  ck_assert_msg (strstr (j2, "session-initiate-error:resource-constraint"), "the extra call was not refused: %s", j2);
  /* ...and so is a SIP call to the busy user, with 486. */
  g_autofree char *uri = g_strdup_printf ("sip:alice@127.0.0.1:%u", fx->sip_port);
  ck_assert (jgw_test_baresip_command (phone, "dial", uri));
  ck_assert_msg (jgw_test_wait_log (phone->proc, "486", 0, WAIT), "the phone did not get 486 Busy Here");
  /* The first call was not harmed. */
  g_autofree char *j1 = jgw_test_peer_result (first);
  ck_assert_msg (strstr (j1, "\"result\": \"ok\""), "the first call failed: %s", j1);
  assert_sipp_ok (sipp);
  jgw_test_baresip_free (phone);
  jgw_test_sipp_free (sipp);
}
END_TEST

/* --- call records --- */

static const JgwCallRecord *
find_record (GPtrArray *records, JgwCallDirection dir, const char *end_reason)
{
  for (guint i = 0; i < records->len; i++)
    {
      const JgwCallRecord *r = g_ptr_array_index (records, i);
      if (r->direction == dir && g_strcmp0 (r->end_reason, end_reason) == 0)
        return r;
    }
  return NULL;
}

static void
assert_quality (const JgwCallRecord *r)
{
  ck_assert_msg (r->answer >= r->start && r->end > r->answer, "times of %s out of order", r->call_id);
  ck_assert_msg (r->codec_xmpp && r->codec_sip, "codecs missing in %s", r->call_id);
  ck_assert_msg (g_str_has_prefix (r->codec_sip, "PCMU"), "SIP codec of %s is %s", r->call_id, r->codec_sip);
  ck_assert (r->loss_xmpp >= 0 && r->loss_xmpp < 0.2 && r->loss_sip >= 0 && r->loss_sip < 0.2);
  ck_assert (r->jitter_xmpp >= 0 && r->jitter_xmpp < 200 && r->jitter_sip >= 0 && r->jitter_sip < 200);
}

START_TEST (test_call_records)
{
  g_autofree char *uri = g_strdup_printf ("sip:alice@127.0.0.1:%u", fx->sip_port);
  g_autofree char *us = g_strdup_printf ("127.0.0.1:%u", fx->sip_port);
  /* 1. answered, XMPP -> SIP */
  JgwTestBaresip *phone = jgw_test_baresip_phone ("carol", 1000);
  g_autofree char *t1 = sip_target ("carol", phone->sip_port);
  g_autofree char *j1 = jgw_test_peer_result (
      jgw_test_peer_start (fx->prosody->c2s_port, "alice", "a", "--call", t1, "--no-jmi", "--hangup-after", "3", NULL));
  ck_assert_msg (jgw_test_json_has (j1, "session-accept"), "%s", j1);
  /* 2. failed, XMPP -> SIP: busy */
  JgwTestSipp *busy = jgw_test_sipp_start (jgw_test_srcpath ("tests/data/sip/uas_486.xml"), NULL, NULL);
  g_autofree char *t2 = sip_target ("busy", busy->port);
  g_autofree char *j2
      = jgw_test_peer_result (jgw_test_peer_start (fx->prosody->c2s_port, "alice", "b", "--call", t2, "--no-jmi", NULL));
  assert_sipp_ok (busy);
  /* 3. answered, SIP -> XMPP */
  gsize mark = jgw_test_log_size (fx->gw->proc);
  JgwTestProc *answering = jgw_test_peer_start (fx->prosody->c2s_port, "alice", "d", "--answer", "--subscribe", COMPONENT,
                                                "--hangup-after", "3", NULL);
  jgw_test_peer_wait_known (fx->gw, "alice@localhost/d", mark, WAIT);
  ck_assert (jgw_test_baresip_command (phone, "dial", uri));
  g_autofree char *j4 = jgw_test_peer_result (answering);
  ck_assert_msg (jgw_test_json_has (j4, "session-accept-sent"), "%s", j4);
  ck_assert (jgw_test_wait_log (fx->gw->proc, "ended: success", mark, WAIT));

  /* 4. missed, SIP -> XMPP: the caller gives up while it rings (the
   * account is subscribed already: no second subscription) */
  mark = jgw_test_log_size (fx->gw->proc);
  JgwTestProc *ringing = jgw_test_peer_start (fx->prosody->c2s_port, "alice", "c", "--no-answer", NULL);
  jgw_test_peer_wait_known (fx->gw, "alice@localhost/c", mark, WAIT);
  JgwTestSipp *cancel = jgw_test_sipp_start (jgw_test_srcpath ("tests/data/sip/uac_cancel.xml"), us, "alice");
  assert_sipp_ok (cancel);
  g_autofree char *j3 = jgw_test_peer_result (ringing);
  g_autoptr (GError) error = NULL;
  JgwStore *store = jgw_store_open (store_path, &error);
  ck_assert_msg (store != NULL, "%s", error ? error->message : "");
  g_autoptr (GPtrArray) records = jgw_store_call_list (store, "alice@localhost", 10, &error);
  ck_assert_msg (records != NULL, "%s", error ? error->message : "");
  ck_assert_msg (records->len == 4, "%u call records, not 4", records->len);
  const JgwCallRecord *out_ok = find_record (records, JGW_CALL_OUTGOING, "success");
  const JgwCallRecord *out_busy = find_record (records, JGW_CALL_OUTGOING, "busy");
  const JgwCallRecord *in_missed = find_record (records, JGW_CALL_INCOMING, "cancel");
  const JgwCallRecord *in_ok = find_record (records, JGW_CALL_INCOMING, "success");
  ck_assert_msg (out_ok && out_busy && in_missed && in_ok, "a call is missing or has the wrong end reason");
  assert_quality (out_ok);
  assert_quality (in_ok);
  ck_assert (out_busy->answer == 0 && in_missed->answer == 0);
  ck_assert_str_eq (out_ok->caller, "alice@localhost");
  ck_assert_str_eq (in_ok->callee, "alice@localhost");
  ck_assert_msg (strstr (in_missed->caller, "4930555"), "caller of the missed call: %s", in_missed->caller);
  jgw_store_close (store);
  jgw_test_sipp_free (busy);
  jgw_test_sipp_free (cancel);
  jgw_test_baresip_free (phone);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("call_mid");
  TCase *tc = tcase_create ("mid");
  tcase_set_timeout (tc, 120);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_xmpp_hold_dtmf_hangup);
  tcase_add_test (tc, test_sip_hold_dtmf_bye);
  tcase_add_test (tc, test_sip_dtmf_as_chat);
  tcase_add_test (tc, test_sip_cancel_before_answer);
  tcase_add_test (tc, test_sip_cancel_before_answer_direct);
  tcase_add_test (tc, test_two_concurrent_calls);
  tcase_add_test (tc, test_bad_input_during_call);
  tcase_add_test (tc, test_calls_per_user_limit);
  tcase_add_test (tc, test_call_records);
  suite_add_tcase (s, tc);
  TCase *tt = tcase_create ("timeout");
  tcase_set_timeout (tt, 120);
  tcase_add_checked_fixture (tt, setup_media_timeout, teardown);
  tcase_add_test (tt, test_media_timeout);
  suite_add_tcase (s, tt);
  return jgw_test_run_suite (s);
}
