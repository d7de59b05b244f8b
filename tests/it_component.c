/* it_component.c — the XMPP component against a real Prosody: discovery,
 * error replies, reconnection, a refused secret, and clean shutdown. */
#include <check.h>
#include <signal.h>
#include <string.h>

#include "harness/gateway.h"
#include "harness/prosody.h"
#include "harness/xmpp_client.h"
#include "harness/suite.h"

#define COMPONENT "gw.localhost"
#define SECRET "s3cret"
#define WAIT 15000

static JgwTestProsody *prosody;
static JgwTestGateway *gw;
static JgwTestClient *alice;

static void
setup (void)
{
  const char *users[] = { "alice:alicepw", "bob:bobpw", NULL };
  prosody = jgw_test_prosody_start (COMPONENT, SECRET, users);
  g_autofree char *conf = jgw_test_gateway_config (prosody, NULL, "[dialplan]\ncountry-code = 49\n");
  gw = jgw_test_gateway_start (conf);
  ck_assert_msg (jgw_test_gateway_wait_online (gw, 0, WAIT), "gateway did not connect; see %s",
                 jgw_test_log_path (gw->proc));
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

/* Send an iq and take its reply. */
static xmpp_stanza_t *
iq (const char *id, const char *type, const char *to, const char *payload)
{
  jgw_test_client_send (alice, "<iq type='%s' id='%s' to='%s'>%s</iq>", type, id, to, payload);
  xmpp_stanza_t *reply = jgw_test_client_wait_id (alice, "iq", id, WAIT);
  ck_assert_msg (reply != NULL, "no reply to iq %s", id);
  return reply;
}

static gboolean
has_feature (xmpp_stanza_t *query, const char *var)
{
  for (xmpp_stanza_t *c = xmpp_stanza_get_children (query); c; c = xmpp_stanza_get_next (c))
    if (g_strcmp0 (xmpp_stanza_get_name (c), "feature") == 0
        && g_strcmp0 (xmpp_stanza_get_attribute (c, "var"), var) == 0)
      return TRUE;
  return FALSE;
}

START_TEST (test_disco_info)
{
  xmpp_stanza_t *r = iq ("d1", "get", COMPONENT, "<query xmlns='http://jabber.org/protocol/disco#info'/>");
  ck_assert_str_eq (xmpp_stanza_get_type (r), "result");
  xmpp_stanza_t *identity = jgw_test_stanza_path (r, "query/identity");
  ck_assert_ptr_nonnull (identity);
  ck_assert_str_eq (xmpp_stanza_get_attribute (identity, "category"), "gateway");
  ck_assert_str_eq (xmpp_stanza_get_attribute (identity, "type"), "sip");
  ck_assert_ptr_nonnull (xmpp_stanza_get_attribute (identity, "name"));
  xmpp_stanza_t *query = jgw_test_stanza_path (r, "query");
  ck_assert (has_feature (query, "http://jabber.org/protocol/disco#info"));
  ck_assert (has_feature (query, "urn:xmpp:ping"));
  ck_assert (has_feature (query, "jabber:iq:version"));
  ck_assert (has_feature (query, "jabber:iq:gateway"));
  ck_assert (has_feature (query, "http://jabber.org/protocol/commands"));
  xmpp_stanza_release (r);

  /* A phone JID at the component answers as a phone. */
  r = iq ("d2", "get", "+4930123456@" COMPONENT, "<query xmlns='http://jabber.org/protocol/disco#info'/>");
  identity = jgw_test_stanza_path (r, "query/identity");
  ck_assert_str_eq (xmpp_stanza_get_attribute (identity, "category"), "client");
  ck_assert_str_eq (xmpp_stanza_get_attribute (identity, "type"), "phone");
  query = jgw_test_stanza_path (r, "query");
  ck_assert (has_feature (query, "urn:xmpp:jingle:1"));
  ck_assert (has_feature (query, "urn:xmpp:jingle:apps:rtp:audio"));
  ck_assert (has_feature (query, "urn:xmpp:jingle:transports:ice-udp:1"));
  ck_assert (has_feature (query, "urn:xmpp:jingle:apps:dtls:0"));
  ck_assert (has_feature (query, "urn:xmpp:jingle-message:0"));
  xmpp_stanza_release (r);
}
END_TEST

START_TEST (test_disco_items_ping_version)
{
  xmpp_stanza_t *r = iq ("i1", "get", COMPONENT, "<query xmlns='http://jabber.org/protocol/disco#items'/>");
  ck_assert_str_eq (xmpp_stanza_get_type (r), "result");
  ck_assert_ptr_nonnull (jgw_test_stanza_path (r, "query"));
  xmpp_stanza_release (r);

  /* The ad-hoc command list (XEP-0050) is a disco node; unknown nodes and
   * commands are item-not-found. */
  r = iq ("i2", "get", COMPONENT, "<query xmlns='http://jabber.org/protocol/disco#items' "
                                  "node='http://jabber.org/protocol/commands'/>");
  ck_assert_str_eq (xmpp_stanza_get_type (r), "result");
  ck_assert_str_eq (xmpp_stanza_get_attribute (jgw_test_stanza_path (r, "query"), "node"),
                    "http://jabber.org/protocol/commands");
  xmpp_stanza_release (r);
  r = iq ("i3", "get", COMPONENT, "<query xmlns='http://jabber.org/protocol/disco#items' node='nope'/>");
  ck_assert_ptr_nonnull (jgw_test_stanza_path (r, "error/item-not-found"));
  xmpp_stanza_release (r);
  r = iq ("c1", "set", COMPONENT, "<command xmlns='http://jabber.org/protocol/commands' node='nope'/>");
  ck_assert_ptr_nonnull (jgw_test_stanza_path (r, "error/item-not-found"));
  xmpp_stanza_release (r);

  r = iq ("p1", "get", COMPONENT, "<ping xmlns='urn:xmpp:ping'/>");
  ck_assert_str_eq (xmpp_stanza_get_type (r), "result");
  xmpp_stanza_release (r);

  r = iq ("v1", "get", COMPONENT, "<query xmlns='jabber:iq:version'/>");
  ck_assert_str_eq (xmpp_stanza_get_type (r), "result");
  xmpp_stanza_t *name = jgw_test_stanza_path (r, "query/name");
  g_autofree char *text = xmpp_stanza_get_text (name);
  ck_assert_str_eq (text, "jinglegw");
  ck_assert_ptr_nonnull (jgw_test_stanza_path (r, "query/version"));
  xmpp_stanza_release (r);
}
END_TEST

/* Every unknown request gets exactly one error; the ping sent after it is
 * answered after any duplicate would have been. */
START_TEST (test_unknown_iq_gets_one_error)
{
  const char *cases[][2] = {
    { "get", "<query xmlns='urn:example:nothing'/>" },
    { "set", "<frob xmlns='urn:example:nothing'/>" },
    { "get", "<query xmlns='http://jabber.org/protocol/disco#info' node='no-such-node'/>" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *id = g_strdup_printf ("u%zu", i);
      xmpp_stanza_t *r = iq (id, cases[i][0], COMPONENT, cases[i][1]);
      ck_assert_str_eq (xmpp_stanza_get_type (r), "error");
      xmpp_stanza_t *err = jgw_test_stanza_path (r, "error");
      ck_assert_ptr_nonnull (err);
      ck_assert_ptr_nonnull (xmpp_stanza_get_attribute (err, "type"));
      xmpp_stanza_release (r);
      xmpp_stanza_release (iq ("after", "get", COMPONENT, "<ping xmlns='urn:xmpp:ping'/>"));
      ck_assert_uint_eq (jgw_test_client_queued (alice, id), 0);
    }
  /* An error stanza is never answered. */
  jgw_test_client_send (alice, "<iq type='error' id='e1' to='" COMPONENT "'><error type='cancel'>"
                               "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
  xmpp_stanza_release (iq ("after2", "get", COMPONENT, "<ping xmlns='urn:xmpp:ping'/>"));
  ck_assert_uint_eq (jgw_test_client_queued (alice, "e1"), 0);
}
END_TEST

/* XEP-0100 6.3: what a user types becomes the JID to call. */
START_TEST (test_iq_gateway)
{
  xmpp_stanza_t *r = iq ("g1", "get", COMPONENT, "<query xmlns='jabber:iq:gateway'/>");
  ck_assert_str_eq (xmpp_stanza_get_type (r), "result");
  ck_assert_ptr_nonnull (jgw_test_stanza_path (r, "query/prompt"));
  ck_assert_ptr_nonnull (jgw_test_stanza_path (r, "query/desc"));
  xmpp_stanza_release (r);

  const char *cases[][2] = {
    { "030 123456", "+4930123456@" COMPONENT },
    { "+49 (0)30 1234-56", "+4930123456@" COMPONENT },
    { "0041 44 668 18 00", "+41446681800@" COMPONENT },
    { "1000", "1000@" COMPONENT },
    { "bob@example.org", "bob\\40example.org@" COMPONENT },
    { "sip:carol@192.0.2.7", "sip\\3acarol\\40192.0.2.7@" COMPONENT },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *id = g_strdup_printf ("g%zu", i + 2);
      g_autofree char *payload = g_strdup_printf ("<query xmlns='jabber:iq:gateway'><prompt>%s</prompt></query>",
                                                  cases[i][0]);
      r = iq (id, "set", COMPONENT, payload);
      ck_assert_str_eq (xmpp_stanza_get_type (r), "result");
      g_autofree char *jid = xmpp_stanza_get_text (jgw_test_stanza_path (r, "query/jid"));
      ck_assert_str_eq (jid, cases[i][1]);
      xmpp_stanza_release (r);
    }
  r = iq ("gbad", "set", COMPONENT, "<query xmlns='jabber:iq:gateway'><prompt>  </prompt></query>");
  ck_assert_str_eq (xmpp_stanza_get_type (r), "error");
  ck_assert_ptr_nonnull (jgw_test_stanza_path (r, "error/not-acceptable"));
  xmpp_stanza_release (r);
}
END_TEST

START_TEST (test_reconnect_after_server_restart)
{
  gsize mark = jgw_test_log_size (gw->proc);
  jgw_test_prosody_stop (prosody);
  ck_assert (jgw_test_wait_log (gw->proc, "reconnecting to the XMPP server", mark, WAIT));
  mark = jgw_test_log_size (gw->proc);
  jgw_test_prosody_restart (prosody);
  gint64 back = g_get_monotonic_time ();
  ck_assert_msg (jgw_test_gateway_wait_online (gw, mark, WAIT), "no reconnect; see %s",
                 jgw_test_log_path (gw->proc));
  /* Backoff starts at 1 s and doubles; a short outage is healed quickly. */
  ck_assert_int_lt (g_get_monotonic_time () - back, 10 * G_USEC_PER_SEC);
  ck_assert (jgw_test_running (gw->proc));
  g_clear_pointer (&alice, jgw_test_client_free);
  alice = jgw_test_client_connect ("alice@localhost", "alicepw", prosody->c2s_port);
  ck_assert_ptr_nonnull (alice);
  xmpp_stanza_t *r = iq ("p2", "get", COMPONENT, "<ping xmlns='urn:xmpp:ping'/>");
  ck_assert_str_eq (xmpp_stanza_get_type (r), "result");
  xmpp_stanza_release (r);
}
END_TEST

START_TEST (test_wrong_secret)
{
  g_autofree char *conf = jgw_test_gateway_config (prosody, "not-the-secret", NULL);
  JgwTestGateway *bad = jgw_test_gateway_start (conf);
  ck_assert_msg (jgw_test_wait_log (bad->proc, "rejected the component secret", 0, WAIT),
                 "no clear error; see %s", jgw_test_log_path (bad->proc));
  /* It keeps trying with backoff instead of crashing or giving up. */
  ck_assert (jgw_test_wait_log (bad->proc, "reconnecting to the XMPP server in 2.0 s", 0, WAIT));
  ck_assert (jgw_test_running (bad->proc));
  jgw_test_signal (bad->proc, SIGTERM);
  int status = -1;
  ck_assert (jgw_test_wait_exit (bad->proc, 5000, &status));
  ck_assert_int_eq (status, 0);
  jgw_test_gateway_free (bad);
}
END_TEST

START_TEST (test_sigterm_exits_cleanly)
{
  gint64 start = g_get_monotonic_time ();
  jgw_test_signal (gw->proc, SIGTERM);
  int status = -1;
  ck_assert (jgw_test_wait_exit (gw->proc, 5000, &status));
  ck_assert_int_eq (status, 0);
  ck_assert_int_lt (g_get_monotonic_time () - start, 5 * G_USEC_PER_SEC);
  ck_assert (jgw_test_wait_log (gw->proc, "XMPP stream closed", 0, 1000));
}
END_TEST

START_TEST (test_sighup_reload_keeps_running)
{
  gsize mark = jgw_test_log_size (gw->proc);
  jgw_test_signal (gw->proc, SIGHUP);
  ck_assert (jgw_test_wait_log (gw->proc, "configuration reloaded", mark, WAIT));
  xmpp_stanza_t *r = iq ("p3", "get", COMPONENT, "<ping xmlns='urn:xmpp:ping'/>");
  ck_assert_str_eq (xmpp_stanza_get_type (r), "result");
  xmpp_stanza_release (r);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("component");
  TCase *tc = tcase_create ("prosody");
  tcase_set_timeout (tc, 90);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_disco_info);
  tcase_add_test (tc, test_disco_items_ping_version);
  tcase_add_test (tc, test_unknown_iq_gets_one_error);
  tcase_add_test (tc, test_iq_gateway);
  tcase_add_test (tc, test_reconnect_after_server_restart);
  tcase_add_test (tc, test_wrong_secret);
  tcase_add_test (tc, test_sigterm_exits_cleanly);
  tcase_add_test (tc, test_sighup_reload_keeps_running);
  suite_add_tcase (s, tc);
  return jgw_test_run_suite (s);
}
