/* it_commands.c — the command framework from a real client through a real
 * Prosody: the chat fallback (help, unknown words, German), the `status`
 * command as an ad-hoc command and as a chat verb, in both languages. */
#include <check.h>
#include <string.h>

#include "harness/gateway.h"
#include "harness/prosody.h"
#include "harness/xmpp_client.h"
#include "harness/suite.h"

#define COMPONENT "gw.localhost"
#define WAIT 15000

static JgwTestProsody *prosody;
static JgwTestGateway *gw;
static JgwTestClient *alice;

static void
setup (void)
{
  const char *users[] = { "alice:alicepw", NULL };
  prosody = jgw_test_prosody_start (COMPONENT, "s3cret", users);
  g_autofree char *conf = jgw_test_gateway_config (prosody, NULL,
                                                   "[user:alice@localhost]\nsip-uri = sip:alice@127.0.0.1\n");
  gw = jgw_test_gateway_start (conf);
  ck_assert (jgw_test_gateway_wait_online (gw, 0, WAIT));
  alice = jgw_test_client_connect ("alice@localhost", "alicepw", prosody->c2s_port);
  ck_assert_ptr_nonnull (alice);
}

static void
teardown (void)
{
  g_clear_pointer (&alice, jgw_test_client_free);
  g_clear_pointer (&gw, jgw_test_gateway_free);
  g_clear_pointer (&prosody, jgw_test_prosody_free);
  jgw_test_cleanup ();
}

/* Send TEXT to the component (in LANG, may be NULL) and return the answer's body. */
static char *
chat (const char *lang, const char *text)
{
  return jgw_test_client_chat (alice, COMPONENT, lang, text, NULL, WAIT);
}

START_TEST (test_chat_help_and_unknown)
{
  g_autofree char *help = chat (NULL, "help");
  ck_assert_msg (strstr (help, "Commands you can send me") && strstr (help, "status"), "%s", help);
  g_autofree char *hilfe = chat (NULL, "Hilfe");
  ck_assert_msg (strstr (hilfe, "Befehle, die Sie mir schicken"), "%s", hilfe);
  g_autofree char *unknown = chat (NULL, "frobnicate now");
  ck_assert_msg (strstr (unknown, "frobnicate") && strstr (unknown, "help"), "%s", unknown);
  g_autofree char *unknown_de = chat ("de", "frobnicate");
  ck_assert_msg (strstr (unknown_de, "kenne ich nicht"), "%s", unknown_de);
}
END_TEST

START_TEST (test_status_chat_and_adhoc)
{
  g_autofree char *en = chat (NULL, "status");
  ck_assert_msg (strstr (en, "Line:") && strstr (en, "No calls in progress."), "%s", en);
  g_autofree char *de = chat ("de", "status");
  ck_assert_msg (strstr (de, "Leitung:") && strstr (de, "Keine laufenden Gespräche."), "%s", de);

  jgw_test_client_send (alice, "<iq type='set' id='st1' to='" COMPONENT "' xml:lang='de'>"
                               "<command xmlns='http://jabber.org/protocol/commands' node='status' "
                               "action='execute'/></iq>");
  xmpp_stanza_t *r = jgw_test_client_wait_id (alice, "iq", "st1", WAIT);
  ck_assert_ptr_nonnull (r);
  g_autofree char *text = jgw_test_stanza_to_string (r);
  xmpp_stanza_release (r);
  ck_assert_msg (strstr (text, "status=\"completed\"") && strstr (text, "Telefonstatus")
                   && strstr (text, "Keine laufenden Gespräche."),
                 "%s", text);
}
END_TEST

START_TEST (test_status_listed_in_disco)
{
  jgw_test_client_send (alice, "<iq type='get' id='d1' to='" COMPONENT "'><query "
                               "xmlns='http://jabber.org/protocol/disco#items' "
                               "node='http://jabber.org/protocol/commands'/></iq>");
  xmpp_stanza_t *r = jgw_test_client_wait_id (alice, "iq", "d1", WAIT);
  ck_assert_ptr_nonnull (r);
  g_autofree char *text = jgw_test_stanza_to_string (r);
  xmpp_stanza_release (r);
  ck_assert_msg (strstr (text, "node=\"status\""), "%s", text);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("commands");
  TCase *tc = tcase_create ("framework");
  tcase_set_timeout (tc, 120);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_chat_help_and_unknown);
  tcase_add_test (tc, test_status_chat_and_adhoc);
  tcase_add_test (tc, test_status_listed_in_disco);
  suite_add_tcase (s, tc);
  return jgw_test_run_suite (s);
}
