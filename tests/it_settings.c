/* it_settings.c — a user's call rules end to end: a private Prosody, the
 * gateway, real SIP peers (SIPp callers and forward targets) and an
 * independent Jingle client (tests/peers, aiortc) as the device that rings.
 * Do not disturb, call forwarding (unconditional, on no answer), call
 * waiting off, the journal with call back and CSV export, missed-call
 * notices, German, bad values and authorisation. */
#include <check.h>
#include <string.h>

#include "harness/gateway.h"
#include "harness/jingle_peer.h"
#include "harness/prosody.h"
#include "harness/sipp.h"
#include "harness/xmpp_client.h"
#include "harness/suite.h"

#define COMPONENT "gw.localhost"
#define WAIT 20000

static JgwTestProsody *prosody;
static JgwTestGateway *gw;
static JgwTestClient *alice;
static guint16 gw_sip_port;
static char *gw_remote;

static void
setup (void)
{
  const char *users[] = { "alice:alicepw", "admin:adminpw", NULL };
  prosody = jgw_test_prosody_start (COMPONENT, "s3cret", users);
  guint16 media = jgw_test_free_ports (40);
  g_autofree char *extra = g_strdup_printf ("[sip]\ntrusted-peers = 127.0.0.1\n"
                                            "[media]\nport-range = %u-%u\n"
                                            "[calls]\nring-time = 12\n"
                                            "[admin]\njids = admin@localhost\n"
                                            "[user:alice@localhost]\nsip-uri = sip:alice@127.0.0.1\n",
                                            media, media + 39);
  g_autofree char *conf = jgw_test_gateway_config (prosody, NULL, extra);
  gw_sip_port = jgw_test_gateway_config_sip_port (conf);
  gw_remote = g_strdup_printf ("127.0.0.1:%u", gw_sip_port);
  gw = jgw_test_gateway_start (conf);
  ck_assert (jgw_test_gateway_wait_online (gw, 0, WAIT));
  alice = jgw_test_client_connect ("alice@localhost/desk", "alicepw", prosody->c2s_port);
  ck_assert_ptr_nonnull (alice);
  /* Available, so that notices to the bare JID reach this resource. */
  jgw_test_client_send (alice, "<presence/>");
}

static void
teardown (void)
{
  g_clear_pointer (&alice, jgw_test_client_free);
  g_clear_pointer (&gw, jgw_test_gateway_free);
  g_clear_pointer (&prosody, jgw_test_prosody_free);
  g_clear_pointer (&gw_remote, g_free);
  jgw_test_cleanup ();
}

/* --- chat and ad-hoc helpers --- */

/* Send TEXT to the component (in LANG, may be NULL) and return the answer's body. */
static char *
chat (const char *lang, const char *text)
{
  return jgw_test_client_chat (alice, COMPONENT, lang, text, NULL, WAIT);
}

/* Execute NODE as C in LANG; FIRST (out, may be NULL) gets the first answer;
 * then submit FIELDS (XEP-0004 <field/> elements) and return the final answer. */
static char *
command (JgwTestClient *c, const char *lang, const char *node, const char *fields, char **first)
{
  g_autofree char *r1 = jgw_test_client_command (c, COMPONENT, lang, node, NULL, NULL, NULL, WAIT);
  ck_assert_msg (strstr (r1, "status=\"executing\""), "%s", r1);
  g_autofree char *sid = jgw_test_command_session (r1);
  if (first)
    *first = g_steal_pointer (&r1);
  return jgw_test_client_command (c, COMPONENT, lang, node, "complete", sid, fields, WAIT);
}

#define FIELD(var, value) "<field var='" var "'><value>" value "</value></field>"

/* --- SIP peers --- */

static JgwTestSipp *
caller (const char *scenario, const char *const *subst)
{
  return jgw_test_sipp_start (jgw_test_sipp_scenario (scenario, subst), gw_remote, "alice");
}

static JgwTestSipp *
refused_caller (const char *status)
{
  const char *subst[] = { "USER", "alice", "CTYPE", "application/sdp", "STATUS", status, "BODY",
                          "v=0\no=sipp 1 1 IN IP4 127.0.0.1\ns=-\nc=IN IP4 127.0.0.1\nt=0 0\n"
                          "m=audio 6000 RTP/AVP 0\na=rtpmap:0 PCMU/8000",
                          NULL };
  return caller ("uac_refused.xml.in", subst);
}

static void
sipp_ok (JgwTestSipp *s, const char *what)
{
  g_autofree char *why = NULL;
  ck_assert_msg (jgw_test_sipp_wait (s, 40000, &why), "%s failed: %s", what, why ? why : "?");
  jgw_test_sipp_free (s);
}

/* A forward target that rings and answers (and takes the caller's BYE). */
static JgwTestSipp *
target_start (char **uri)
{
  const char *subst[] = { NULL };
  JgwTestSipp *t = jgw_test_sipp_start (jgw_test_sipp_scenario ("uas_answer_bye.xml", subst), NULL, NULL);
  *uri = g_strdup_printf ("sip:target@127.0.0.1:%u", t->port);
  return t;
}

static gboolean
ringing_stanza (xmpp_stanza_t *s, gpointer data)
{
  g_autofree char *text = jgw_test_stanza_to_string (s);
  return strstr (text, "urn:xmpp:jingle-message:0") || strstr (text, "session-initiate");
}

/* The German notice of the no-answer call (the busy call before it, in
 * English, is noticed too). */
static gboolean
missed_notice (xmpp_stanza_t *s, gpointer data)
{
  const char *from = xmpp_stanza_get_from (s);
  xmpp_stanza_t *body = xmpp_stanza_get_child_by_name (s, "body");
  g_autofree char *text = body ? xmpp_stanza_get_text (body) : NULL;
  return g_strcmp0 (xmpp_stanza_get_name (s), "message") == 0 && from && strstr (from, "4930555@" COMPONENT)
         && text && strstr (text, "Verpasster Anruf");
}

/* --- the tests --- */

START_TEST (test_forms_german_and_refusals)
{
  g_autofree char *first = NULL;
  g_autofree char *dnd = command (alice, "de", "dnd", FIELD ("enabled", "1"), &first);
  ck_assert_msg (strstr (first, "Nicht stören"), "German form expected: %s", first);
  ck_assert_msg (strstr (dnd, "status=\"completed\"") && strstr (dnd, "Nicht stören ist eingeschaltet"), "%s", dnd);
  g_autofree char *st = chat (NULL, "dnd");
  ck_assert_msg (strstr (st, "Do not disturb is on."), "%s", st);

  g_autofree char *neg = command (alice, "en", "forward",
                                  FIELD ("condition", "no-answer") FIELD ("target", "030123456")
                                    FIELD ("ring-time", "-5"), NULL);
  ck_assert_msg (strstr (neg, "bad-request") && strstr (neg, "ring time must be a whole number"), "%s", neg);
  g_autofree char *empty = command (alice, "de", "forward", FIELD ("condition", "always") FIELD ("target", ""),
                                    NULL);
  ck_assert_msg (strstr (empty, "bad-request") && strstr (empty, "Rufnummer oder SIP-Adresse"), "%s", empty);
  g_autofree char *chat_neg = chat (NULL, "forward no-answer -3 030123456");
  ck_assert_msg (strstr (chat_neg, "ring time must be"), "%s", chat_neg);
  g_autofree char *ok = chat ("de", "umleiten besetzt 030123456");
  ck_assert_msg (strstr (ok, "Bei besetzt") && strstr (ok, "030123456"), "%s", ok);

  g_autofree char *empty_journal = chat (NULL, "journal");
  ck_assert_msg (strstr (empty_journal, "No calls in your journal."), "%s", empty_journal);

  /* Another user's journal and the CSV export are for admins only. */
  g_autofree char *other = command (alice, "en", "journal", FIELD ("user", "admin@localhost"), NULL);
  ck_assert_msg (strstr (other, "forbidden") && strstr (other, "Only an administrator"), "%s", other);
  g_autofree char *csv_denied = command (alice, "en", "journal", FIELD ("export", "1"), NULL);
  ck_assert_msg (strstr (csv_denied, "forbidden"), "%s", csv_denied);
  JgwTestClient *admin = jgw_test_client_connect ("admin@localhost", "adminpw", prosody->c2s_port);
  ck_assert_ptr_nonnull (admin);
  g_autofree char *admin_first = NULL;
  g_autofree char *csv = command (admin, "en", "journal", FIELD ("export", "1"), &admin_first);
  jgw_test_client_free (admin);
  ck_assert_msg (strstr (admin_first, "var=\"export\""), "admins are offered the export: %s", admin_first);
  ck_assert_msg (strstr (csv, "status=\"completed\"") && strstr (csv, "var=\"csv\"")
                   && strstr (csv, "call_id,user,direction"),
                 "%s", csv);
}
END_TEST

START_TEST (test_dnd_rejects)
{
  g_autofree char *on = chat (NULL, "dnd on");
  ck_assert_msg (strstr (on, "Do not disturb is on."), "%s", on);
  sipp_ok (refused_caller ("486"), "the caller expecting 486 Busy Here");
  xmpp_stanza_t *ring = jgw_test_client_wait (alice, ringing_stanza, NULL, 1000);
  ck_assert_msg (ring == NULL, "a client rang despite DND");
  g_autofree char *off = chat ("de", "ruhe aus");
  ck_assert_msg (strstr (off, "Nicht stören ist ausgeschaltet."), "%s", off);
}
END_TEST

START_TEST (test_forward_unconditional)
{
  g_autofree char *uri = NULL;
  JgwTestSipp *target = target_start (&uri);
  g_autofree char *field = g_strdup_printf (FIELD ("condition", "always") "<field var='target'><value>%s</value></field>",
                                            uri);
  g_autofree char *r = command (alice, "en", "forward", field, NULL);
  ck_assert_msg (strstr (r, "status=\"completed\"") && strstr (r, "target@127.0.0.1"), "%s", r);
  const char *subst[] = { "TARGET", "target", NULL };
  sipp_ok (caller ("settings_uac_302.xml", subst), "the caller following the 302");
  sipp_ok (target, "the forward target (rings, answers)");
  xmpp_stanza_t *ring = jgw_test_client_wait (alice, ringing_stanza, NULL, 500);
  ck_assert_msg (ring == NULL, "a client rang despite the unconditional forward");
}
END_TEST

/* No client of alice is online (none subscribed the gateway): the
 * unavailable forward takes the call; with forwarding off it gets 480. */
START_TEST (test_forward_unavailable)
{
  g_autofree char *uri = NULL;
  JgwTestSipp *target = target_start (&uri);
  g_autofree char *line = g_strdup_printf ("forward unavailable %s", uri);
  g_autofree char *set = chat (NULL, line);
  ck_assert_msg (strstr (set, "When no client is online: ") && strstr (set, uri), "%s", set);
  const char *subst[] = { "TARGET", "target", NULL };
  sipp_ok (caller ("settings_uac_302.xml", subst), "the caller following the 302");
  sipp_ok (target, "the unavailable forward target");
  g_autofree char *off = chat (NULL, "forward off");
  ck_assert_msg (strstr (off, "No call forwarding."), "%s", off);
  sipp_ok (refused_caller ("480"), "the caller expecting 480 without forwarding");
}
END_TEST

/* Call waiting off: a second caller is busy while the first call is up.
 * Then a call nobody answers goes to the no-answer forward target after the
 * user's ring time, is noticed as missed in German, and the journal shows
 * the missed call above the answered one. */
START_TEST (test_call_waiting_no_answer_journal)
{
  g_autofree char *cw = chat (NULL, "call-waiting off");
  ck_assert_msg (strstr (cw, "Call waiting is off."), "%s", cw);
  JgwTestProc *peer = jgw_test_peer_start_known (gw, prosody->c2s_port, COMPONENT, "--answer", "--hangup-after", "4",
                                                 "--no-jmi", NULL);
  gsize mark = jgw_test_log_size (gw->proc);
  const char *none[] = { NULL };
  JgwTestSipp *first = caller ("settings_uac_answered.xml", none);
  ck_assert_msg (jgw_test_wait_log (gw->proc, "answered by", mark, WAIT), "the first call was not answered");
  sipp_ok (refused_caller ("486"), "the second caller expecting busy");
  g_autofree char *json = jgw_test_peer_result (peer);
  ck_assert_msg (strstr (json, "session-accept"), "%s", json);
  sipp_ok (first, "the first (answered) caller");

  g_autofree char *uri = NULL;
  JgwTestSipp *target = target_start (&uri);
  g_autofree char *line = g_strdup_printf ("umleiten keine-antwort 5 %s", uri);
  g_autofree char *set = chat ("de", line);
  ck_assert_msg (strstr (set, "(5 s)"), "%s", set);
  peer = jgw_test_peer_start_known (gw, prosody->c2s_port, COMPONENT, "--no-answer", "--no-jmi", NULL);
  mark = jgw_test_log_size (gw->proc);
  gint64 t0 = g_get_monotonic_time ();
  const char *subst[] = { "TARGET", "target", NULL };
  sipp_ok (caller ("settings_uac_302.xml", subst), "the caller forwarded on no answer");
  ck_assert_msg (g_get_monotonic_time () - t0 >= 4500000, "forwarded before the ring time");
  sipp_ok (target, "the no-answer forward target");
  g_autofree char *json2 = jgw_test_peer_result (peer);
  ck_assert_msg (strstr (json2, "session-initiate"), "the client did not ring: %s", json2);

  xmpp_stanza_t *notice = jgw_test_client_wait (alice, missed_notice, NULL, WAIT);
  ck_assert_msg (notice != NULL, "no missed-call notice");
  g_autofree char *ntext = jgw_test_stanza_to_string (notice);
  xmpp_stanza_release (notice);
  ck_assert_msg (strstr (ntext, "Verpasster Anruf von"), "notice not in German: %s", ntext);

  g_autofree char *form = NULL;
  g_autofree char *done = command (alice, "en", "journal", "", &form);
  const char *missed = strstr (form, "<value>missed</value>");
  const char *incoming = strstr (form, "<value>incoming</value>");
  ck_assert_msg (missed && incoming && missed < incoming && strstr (form, "<reported"),
                 "journal table wrong: %s", form);
  g_autofree char *listed = chat ("de", "anrufliste");
  ck_assert_msg (strstr (listed, "verpasst +4930555") && strstr (listed, "ankommend +4930555"), "%s", listed);
  /* Calling the missed entry (the newest) back from the client: the JID to call. */
  const char *option = strstr (form, "<option");
  ck_assert_ptr_nonnull (option);
  const char *v = strstr (option, "<value>") + strlen ("<value>");
  g_autofree char *id = g_strndup (v, strcspn (v, "<"));
  g_autofree char *fields = g_strdup_printf ("<field var='entry'><value>%s</value></field>"
                                             FIELD ("device", "client"), id);
  g_autofree char *back = command (alice, "en", "journal", fields, NULL);
  ck_assert_msg (strstr (back, "type=\"jid-single\"") && strstr (back, "4930555@" COMPONENT), "%s", back);
  /* From the desk phone: alice has none configured, so a clear refusal. */
  g_autofree char *desk_fields = g_strdup_printf ("<field var='entry'><value>%s</value></field>"
                                                  FIELD ("device", "desk-phone"), id);
  g_autofree char *desk = command (alice, "en", "journal", desk_fields, NULL);
  ck_assert_msg (strstr (desk, "not-acceptable") && strstr (desk, "desk phone could not be called"), "%s", desk);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("settings");
  TCase *tc = tcase_create ("rules");
  tcase_set_timeout (tc, 150);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_forms_german_and_refusals);
  tcase_add_test (tc, test_dnd_rejects);
  tcase_add_test (tc, test_forward_unconditional);
  tcase_add_test (tc, test_forward_unavailable);
  tcase_add_test (tc, test_call_waiting_no_answer_journal);
  suite_add_tcase (s, tc);
  return jgw_test_run_suite (s);
}
