/* it_mwi.c — voicemail and line presence end to end: a private Prosody,
 * the gateway, SIPp as the voicemail server (message-summary NOTIFYs,
 * garbage included) and as the far end of a real call placed by an
 * independent Jingle client; a second user watches the line's presence. */
#include <check.h>
#include <string.h>

#include "harness/gateway.h"
#include "harness/prosody.h"
#include "harness/sipp.h"
#include "harness/xmpp_client.h"
#include "harness/suite.h"

#define COMPONENT "gw.localhost"
#define WAIT 20000

static JgwTestProsody *prosody;
static JgwTestGateway *gw;
static JgwTestClient *alice, *bob;

static void
setup (void)
{
  const char *users[] = { "alice:alicepw", "bob:bobpw", NULL };
  prosody = jgw_test_prosody_start (COMPONENT, "s3cret", users);
  alice = jgw_test_client_connect ("alice@localhost", "alicepw", prosody->c2s_port);
  ck_assert_ptr_nonnull (alice);
  /* Available, so that notices to the bare JID are delivered. */
  jgw_test_client_send (alice, "<presence/>");
}

static void
teardown (void)
{
  g_clear_pointer (&alice, jgw_test_client_free);
  g_clear_pointer (&bob, jgw_test_client_free);
  g_clear_pointer (&gw, jgw_test_gateway_free);
  g_clear_pointer (&prosody, jgw_test_prosody_free);
  jgw_test_cleanup ();
}

static void
gateway_start (const char *user_extra, guint16 media)
{
  g_autofree char *extra = g_strdup_printf ("[sip]\ntrusted-peers = 127.0.0.1\n"
                                            "[media]\nport-range = %u-%u\n"
                                            "[user:alice@localhost]\nsip-uri = sip:alice@127.0.0.1\n%s",
                                            media, media + 19, user_extra ? user_extra : "");
  g_autofree char *conf = jgw_test_gateway_config (prosody, NULL, extra);
  gw = jgw_test_gateway_start (conf);
  ck_assert (jgw_test_gateway_wait_online (gw, 0, WAIT));
}

/* Send TEXT to the component (in LANG, may be NULL); the answer must contain NEEDLE. */
static char *
chat (const char *lang, const char *text, const char *needle)
{
  return jgw_test_client_chat (alice, COMPONENT, lang, text, needle, WAIT);
}

START_TEST (test_voicemail_notice_counts_and_unsubscribe)
{
  JgwTestSipp *vm = jgw_test_sipp_start (jgw_test_sipp_scenario ("uas_mwi.xml", NULL), NULL, NULL);
  g_autofree char *user = g_strdup_printf ("mailbox = sip:alice@127.0.0.1:%u\n", vm->port);
  gateway_start (user, jgw_test_free_ports (20));

  /* The garbage NOTIFY is logged and ignored; the good one is noticed. */
  g_autofree char *notice = jgw_test_client_wait_body (alice, COMPONENT, "New voicemail", WAIT);
  ck_assert_msg (notice != NULL, "no voicemail notice");
  ck_assert_msg (strstr (notice, "2 new, 8 old"), "%s", notice);
  ck_assert (jgw_test_wait_log (gw->proc, "ignoring a NOTIFY", 0, WAIT));

  g_autofree char *en = chat (NULL, "voicemail", "Voicemail:");
  ck_assert_msg (strstr (en, "2 new, 8 old voice messages"), "%s", en);
  g_autofree char *de = chat ("de", "mailbox", "Mailbox:");
  ck_assert_msg (strstr (de, "2 neue, 8 alte Sprachnachrichten"), "%s", de);

  /* One request with the choice (a web app), in German. */
  g_autofree char *show = jgw_test_client_execute (alice, COMPONENT, "de", "voicemail", WAIT, "action", "show", NULL);
  ck_assert_msg (strstr (show, "status=\"completed\"") && strstr (show, "var=\"new\"")
                   && strstr (show, "<value>2</value>") && strstr (show, "<value>8</value>")
                   && strstr (show, "Neue Nachrichten"),
                 "%s", show);

  /* Two stages: the form, then "dial" gives the mailbox's JID. */
  g_autofree char *form = jgw_test_client_command (alice, COMPONENT, "en", "voicemail", NULL, NULL, NULL, WAIT);
  ck_assert_msg (strstr (form, "status=\"executing\"") && strstr (form, "var=\"action\""), "%s", form);
  g_autofree char *sessionid = jgw_test_command_session (form);
  g_autofree char *dial = jgw_test_client_command (alice, COMPONENT, "en", "voicemail", "complete", sessionid,
                                                   "<field var='action'><value>dial</value></field>", WAIT);
  ck_assert_msg (strstr (dial, "status=\"completed\"") && strstr (dial, "8000@" COMPONENT), "%s", dial);

  /* Unsubscribing ends the SIP subscription cleanly (the scenario checks Expires: 0). */
  g_autofree char *off = chat (NULL, "voicemail unsubscribe", "Unsubscribed");
  g_autofree char *why = NULL;
  ck_assert_msg (jgw_test_sipp_wait (vm, WAIT, &why), "%s", why);
  jgw_test_sipp_free (vm);
}
END_TEST

static gboolean
line_presence (xmpp_stanza_t *s, gpointer data)
{
  const char *want = data; /* "available", "away" or "dnd" */
  if (g_strcmp0 (xmpp_stanza_get_name (s), "presence") != 0 || xmpp_stanza_get_type (s) != NULL
      || g_strcmp0 (xmpp_stanza_get_from (s), "alice@" COMPONENT) != 0)
    return FALSE;
  xmpp_stanza_t *show = xmpp_stanza_get_child_by_name (s, "show");
  g_autofree char *text = show ? xmpp_stanza_get_text (show) : g_strdup ("available");
  return g_strcmp0 (text, want) == 0;
}

static char *
wait_line (const char *show)
{
  xmpp_stanza_t *p = jgw_test_client_wait (bob, line_presence, (gpointer) show, WAIT);
  ck_assert_msg (p != NULL, "line presence never became %s", show);
  char *text = jgw_test_stanza_to_string (p);
  xmpp_stanza_release (p);
  return text;
}

START_TEST (test_line_presence_follows_a_call)
{
  guint16 media = jgw_test_free_ports (20);
  gateway_start (NULL, media);
  bob = jgw_test_client_connect ("bob@localhost", "bobpw", prosody->c2s_port);
  ck_assert_ptr_nonnull (bob);
  jgw_test_client_send (bob, "<presence/>");
  jgw_test_client_send (bob, "<presence type='subscribe' to='alice@" COMPONENT "'/>");
  g_autofree char *idle = wait_line ("available");
  ck_assert_msg (strstr (idle, ">idle<") && strstr (idle, ">frei<"), "%s", idle);

  /* alice's own Jingle client calls a SIP phone that rings, answers, and
   * waits for the BYE after the client hangs up. */
  JgwTestSipp *phone = jgw_test_sipp_start (jgw_test_sipp_scenario ("uas_answer_bye.xml", NULL), NULL, NULL);
  g_autofree char *target = g_strdup_printf ("line\\40127.0.0.1\\3a%u@" COMPONENT, phone->port);
  g_autofree char *port = g_strdup_printf ("%u", prosody->c2s_port);
  const char *argv[] = { "/usr/bin/python3", jgw_test_srcpath ("tests/peers/jingle_peer.py"), "--jid",
                         "alice@localhost/peer", "--password", "alicepw", "--port", port, "--timeout", "40",
                         "--call", target, "--no-jmi", "--hangup-after", "3", NULL };
  const char *dir = jgw_test_tmpdir ("peer");
  g_autofree char *log = g_build_filename (dir, "peer.log", NULL);
  JgwTestProc *peer = jgw_test_spawn (argv, dir, log);

  g_autofree char *ringing = wait_line ("away");
  ck_assert_msg (strstr (ringing, ">ringing<"), "%s", ringing);
  g_autofree char *busy = wait_line ("dnd");
  ck_assert_msg (strstr (busy, ">on the phone<") && strstr (busy, ">am Telefon<"), "%s", busy);
  g_autofree char *after = wait_line ("available");
  ck_assert_msg (strstr (after, ">idle<"), "%s", after);
  g_autofree char *why = NULL;
  ck_assert_msg (jgw_test_sipp_wait (phone, WAIT, &why), "%s", why);
  jgw_test_sipp_free (phone);
  int status = -1;
  ck_assert (jgw_test_wait_exit (peer, WAIT, &status));
}
END_TEST

typedef struct {
  const char *from;
  const char *show;
} LineWant;

static gboolean
presence_from (xmpp_stanza_t *s, gpointer data)
{
  LineWant *w = data;
  if (g_strcmp0 (xmpp_stanza_get_name (s), "presence") != 0 || xmpp_stanza_get_type (s) != NULL
      || g_strcmp0 (xmpp_stanza_get_from (s), w->from) != 0)
    return FALSE;
  xmpp_stanza_t *show = xmpp_stanza_get_child_by_name (s, "show");
  g_autofree char *text = show ? xmpp_stanza_get_text (show) : g_strdup ("available");
  return g_strcmp0 (text, w->show) == 0;
}

static void
wait_presence (JgwTestClient *c, const char *from, const char *show)
{
  LineWant w = { from, show };
  xmpp_stanza_t *p = jgw_test_client_wait (c, presence_from, &w, WAIT);
  ck_assert_msg (p != NULL, "%s never became %s", from, show);
  xmpp_stanza_release (p);
}

START_TEST (test_line_presence_from_dialog_events)
{
  gateway_start (NULL, jgw_test_free_ports (20));
  JgwTestSipp *server = jgw_test_sipp_start (jgw_test_sipp_scenario ("uas_dialog.xml", NULL), NULL, NULL);
  g_autofree char *line = g_strdup_printf ("line\\40127.0.0.1\\3a%u@" COMPONENT, server->port);
  /* alice has a SIP identity, so the gateway subscribes to the line's dialogs for her. */
  jgw_test_client_send (alice, "<presence type='subscribe' to='%s'/>", line);
  wait_presence (alice, line, "available");
  wait_presence (alice, line, "dnd");
  ck_assert (jgw_test_wait_log (gw->proc, "ignoring a dialog NOTIFY", 0, WAIT));
  wait_presence (alice, line, "available");
  /* The last watcher leaving ends the SIP subscription (Expires: 0). */
  jgw_test_client_send (alice, "<presence type='unsubscribe' to='%s'/>", line);
  g_autofree char *why = NULL;
  ck_assert_msg (jgw_test_sipp_wait (server, WAIT, &why), "%s", why);
  jgw_test_sipp_free (server);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("mwi");
  TCase *tc = tcase_create ("voicemail_and_lines");
  tcase_set_timeout (tc, 120);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_voicemail_notice_counts_and_unsubscribe);
  tcase_add_test (tc, test_line_presence_follows_a_call);
  tcase_add_test (tc, test_line_presence_from_dialog_events);
  suite_add_tcase (s, tc);
  return jgw_test_run_suite (s);
}
