/* it_register.c — XEP-0077 in-band registration of a SIP account from a
 * real client through a real Prosody: form, legacy fields, roster
 * integration, change, removal, refusal, and no password ever echoed. */
#include <check.h>
#include <string.h>

#include "harness/gateway.h"
#include "harness/prosody.h"
#include "harness/xmpp_client.h"
#include "harness/suite.h"

#define COMPONENT "gw.localhost"
#define WAIT 15000
#define PASSWORD "Zq8-unique-sip-pw"

static JgwTestProsody *prosody;
static JgwTestGateway *gw;
static JgwTestClient *alice;

static void
start (const char *extra)
{
  g_autofree char *conf = jgw_test_gateway_config (prosody, NULL, extra);
  gw = jgw_test_gateway_start (conf);
  ck_assert (jgw_test_gateway_wait_online (gw, 0, WAIT));
  alice = jgw_test_client_connect ("alice@localhost", "alicepw", prosody->c2s_port);
  ck_assert_ptr_nonnull (alice);
  jgw_test_client_send (alice, "<iq type='get' id='roster'><query xmlns='jabber:iq:roster'/></iq>");
  xmpp_stanza_release (jgw_test_client_wait_id (alice, "iq", "roster", WAIT));
  jgw_test_client_send (alice, "<presence/>");
}

static void
setup (void)
{
  const char *users[] = { "alice:alicepw", NULL };
  prosody = jgw_test_prosody_start (COMPONENT, "s3cret", users);
}

static void
teardown (void)
{
  g_clear_pointer (&alice, jgw_test_client_free);
  g_clear_pointer (&gw, jgw_test_gateway_free);
  g_clear_pointer (&prosody, jgw_test_prosody_free);
  jgw_test_cleanup ();
}

static xmpp_stanza_t *
iq (const char *id, const char *type, const char *payload)
{
  jgw_test_client_send (alice, "<iq type='%s' id='%s' to='" COMPONENT "'>"
                               "<query xmlns='jabber:iq:register'>%s</query></iq>", type, id, payload);
  xmpp_stanza_t *r = jgw_test_client_wait_id (alice, "iq", id, WAIT);
  ck_assert_msg (r != NULL, "no answer to %s", id);
  return r;
}

static gboolean
presence_of_type (xmpp_stanza_t *s, gpointer type)
{
  return g_strcmp0 (xmpp_stanza_get_name (s), "presence") == 0
         && g_strcmp0 (xmpp_stanza_get_type (s), type) == 0
         && g_strcmp0 (xmpp_stanza_get_from (s), COMPONENT) == 0;
}

static char *
text (xmpp_stanza_t *s)
{
  return jgw_test_stanza_to_string (s);
}

#define FORM(user, pw, registrar)                                                            \
  "<x xmlns='jabber:x:data' type='submit'>"                                                  \
  "<field var='FORM_TYPE'><value>jabber:iq:register</value></field>"                         \
  "<field var='username'><value>" user "</value></field>"                                    \
  "<field var='password'><value>" pw "</value></field>"                                      \
  "<field var='registrar'><value>" registrar "</value></field></x>"

START_TEST (test_register_change_remove)
{
  start (NULL);
  xmpp_stanza_t *r = iq ("g1", "get", "");
  ck_assert_str_eq (xmpp_stanza_get_type (r), "result");
  ck_assert_ptr_null (jgw_test_stanza_path (r, "query/registered"));
  ck_assert_ptr_nonnull (jgw_test_stanza_path (r, "query/x"));
  xmpp_stanza_release (r);

  r = iq ("s1", "set", FORM ("alice", PASSWORD, "127.0.0.1:5060"));
  ck_assert_str_eq (xmpp_stanza_get_type (r), "result");
  xmpp_stanza_release (r);
  /* The gateway joins alice's roster (XEP-0100). */
  xmpp_stanza_t *sub = jgw_test_client_wait (alice, presence_of_type, "subscribe", WAIT);
  ck_assert_msg (sub != NULL, "no subscription request after registering");
  xmpp_stanza_release (sub);

  r = iq ("g2", "get", "");
  ck_assert_ptr_nonnull (jgw_test_stanza_path (r, "query/registered"));
  g_autofree char *shown = text (r);
  ck_assert_ptr_nonnull (strstr (shown, "sip:127.0.0.1:5060"));
  ck_assert_ptr_null (strstr (shown, PASSWORD));
  xmpp_stanza_release (r);

  /* A change without a password keeps the stored one. */
  r = iq ("s2", "set", FORM ("alice2", "", "sip:127.0.0.1:5062"));
  ck_assert_str_eq (xmpp_stanza_get_type (r), "result");
  xmpp_stanza_release (r);
  r = iq ("g3", "get", "");
  g_autofree char *changed = text (r);
  ck_assert_ptr_nonnull (strstr (changed, "alice2"));
  xmpp_stanza_release (r);

  r = iq ("rm", "set", "<remove/>");
  ck_assert_str_eq (xmpp_stanza_get_type (r), "result");
  xmpp_stanza_release (r);
  xmpp_stanza_t *unsub = jgw_test_client_wait (alice, presence_of_type, "unsubscribe", WAIT);
  ck_assert_msg (unsub != NULL, "the gateway did not leave the roster");
  xmpp_stanza_release (unsub);
  r = iq ("g4", "get", "");
  ck_assert_ptr_null (jgw_test_stanza_path (r, "query/registered"));
  xmpp_stanza_release (r);
  r = iq ("rm2", "set", "<remove/>");
  ck_assert_ptr_nonnull (jgw_test_stanza_path (r, "error/item-not-found"));
  xmpp_stanza_release (r);

  /* The password appears nowhere in the gateway's debug log. */
  g_autofree char *log = NULL;
  ck_assert (g_file_get_contents (jgw_test_log_path (gw->proc), &log, NULL, NULL));
  ck_assert_ptr_null (strstr (log, PASSWORD));
}
END_TEST

START_TEST (test_legacy_fields_and_bad_values)
{
  start (NULL);
  xmpp_stanza_t *r = iq ("l1", "set", "<username>alice@127.0.0.1</username><password>pw</password>");
  ck_assert_str_eq (xmpp_stanza_get_type (r), "result");
  xmpp_stanza_release (r);
  r = iq ("g1", "get", "");
  g_autofree char *shown = text (r);
  ck_assert_ptr_nonnull (strstr (shown, "sip:127.0.0.1"));
  xmpp_stanza_release (r);

  const char *bad[] = {
    FORM ("", "pw", "127.0.0.1"),
    FORM ("alice", "pw", ""),
    FORM ("al ice", "pw", "127.0.0.1"),
    FORM ("alice", "pw", "not a host"),
  };
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *id = g_strdup_printf ("b%zu", i);
      r = iq (id, "set", bad[i]);
      ck_assert_msg (jgw_test_stanza_path (r, "error/not-acceptable") != NULL, "case %zu accepted", i);
      xmpp_stanza_release (r);
    }
}
END_TEST

START_TEST (test_not_allowed)
{
  start ("[registration]\nallowed = example.org, bob@localhost\n");
  xmpp_stanza_t *r = iq ("n1", "set", FORM ("alice", "pw", "127.0.0.1"));
  ck_assert_ptr_nonnull (jgw_test_stanza_path (r, "error/not-allowed"));
  xmpp_stanza_release (r);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("register");
  TCase *tc = tcase_create ("prosody");
  tcase_set_timeout (tc, 90);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_register_change_remove);
  tcase_add_test (tc, test_legacy_fields_and_bad_values);
  tcase_add_test (tc, test_not_allowed);
  suite_add_tcase (s, tc);
  return jgw_test_run_suite (s);
}
