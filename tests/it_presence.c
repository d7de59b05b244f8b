/* it_presence.c — the component as a presence contact of its users, with
 * a real Prosody: subscription both ways, device tracking with caps
 * resolved by disco, offline devices, and probes after a gateway restart. */
#include <check.h>
#include <signal.h>
#include <string.h>

#include "harness/gateway.h"
#include "harness/prosody.h"
#include "harness/xmpp_client.h"
#include "harness/suite.h"

#define COMPONENT "gw.localhost"
#define WAIT 15000
#define USERS "[user:alice@localhost]\nsip-uri = sip:alice@127.0.0.1\n"

static JgwTestProsody *prosody;
static JgwTestGateway *gw;
static JgwTestClient *alice;

static void
start_gateway (void)
{
  g_autofree char *conf = jgw_test_gateway_config (prosody, NULL, USERS);
  gw = jgw_test_gateway_start (conf);
  ck_assert (jgw_test_gateway_wait_online (gw, 0, WAIT));
}

static void
setup (void)
{
  const char *users[] = { "alice:alicepw", NULL };
  prosody = jgw_test_prosody_start (COMPONENT, "s3cret", users);
  start_gateway ();
  alice = jgw_test_client_connect ("alice@localhost", "alicepw", prosody->c2s_port);
  ck_assert_ptr_nonnull (alice);
  /* An "interested resource" (RFC 6121 2.1.6) that receives subscriptions. */
  jgw_test_client_send (alice, "<iq type='get' id='roster1'><query xmlns='jabber:iq:roster'/></iq>");
  xmpp_stanza_release (jgw_test_client_wait_id (alice, "iq", "roster1", WAIT));
  jgw_test_client_send (alice, "<presence><priority>5</priority>"
                               "<c xmlns='http://jabber.org/protocol/caps' hash='sha-1' "
                               "node='urn:test:client' ver='QgayPKawpkPSDYmwT/WM94uAlu0='/></presence>");
}

static void
teardown (void)
{
  g_clear_pointer (&alice, jgw_test_client_free);
  g_clear_pointer (&gw, jgw_test_gateway_free);
  g_clear_pointer (&prosody, jgw_test_prosody_free);
  jgw_test_cleanup ();
}

typedef struct {
  const char *type, *from;
} PresenceMatch;

static gboolean
presence_match (xmpp_stanza_t *s, gpointer data)
{
  PresenceMatch *m = data;
  return g_strcmp0 (xmpp_stanza_get_name (s), "presence") == 0
         && g_strcmp0 (xmpp_stanza_get_type (s), m->type) == 0
         && g_strcmp0 (xmpp_stanza_get_from (s), m->from) == 0;
}

static gboolean
caps_query_match (xmpp_stanza_t *s, gpointer data)
{
  xmpp_stanza_t *q = xmpp_stanza_get_child_by_ns (s, "http://jabber.org/protocol/disco#info");
  return g_strcmp0 (xmpp_stanza_get_name (s), "iq") == 0 && q
         && g_strcmp0 (xmpp_stanza_get_attribute (q, "node"), data) == 0;
}

/* alice subscribes to the gateway; it approves and asks back; she approves. */
static void
subscribe_both_ways (void)
{
  jgw_test_client_send (alice, "<presence type='subscribe' to='" COMPONENT "'/>");
  PresenceMatch approved = { "subscribed", COMPONENT };
  xmpp_stanza_t *s = jgw_test_client_wait (alice, presence_match, &approved, WAIT);
  ck_assert_msg (s != NULL, "the gateway did not approve the subscription");
  xmpp_stanza_release (s);
  PresenceMatch asks = { "subscribe", COMPONENT };
  s = jgw_test_client_wait (alice, presence_match, &asks, WAIT);
  ck_assert_msg (s != NULL, "the gateway did not ask for alice's presence");
  xmpp_stanza_release (s);
  jgw_test_client_send (alice, "<presence type='subscribed' to='" COMPONENT "'/>");
}

/* The gateway resolves alice's caps with disco#info on node#ver; answer. */
static void
answer_caps_query (void)
{
  xmpp_stanza_t *q = jgw_test_client_wait (alice, caps_query_match,
                                           "urn:test:client#QgayPKawpkPSDYmwT/WM94uAlu0=", WAIT);
  ck_assert_msg (q != NULL, "no disco#info for the caps");
  ck_assert_str_eq (xmpp_stanza_get_type (q), "get");
  jgw_test_client_send (alice,
                        "<iq type='result' id='%s' to='%s'><query xmlns='http://jabber.org/protocol/disco#info' "
                        "node='urn:test:client#QgayPKawpkPSDYmwT/WM94uAlu0='>"
                        "<identity category='client' type='pc'/>"
                        "<feature var='urn:xmpp:jingle:1'/><feature var='urn:xmpp:jingle:apps:rtp:1'/>"
                        "<feature var='urn:xmpp:jingle:apps:rtp:audio'/><feature var='urn:xmpp:jingle-message:0'/>"
                        "</query></iq>",
                        xmpp_stanza_get_id (q), xmpp_stanza_get_from (q));
  xmpp_stanza_release (q);
}

START_TEST (test_subscription_and_caps)
{
  subscribe_both_ways ();
  answer_caps_query ();
  g_autofree char *online = g_strdup_printf ("device %s is online", jgw_test_client_jid (alice));
  ck_assert (jgw_test_wait_log (gw->proc, online, 0, WAIT));
  ck_assert (jgw_test_wait_log (gw->proc, "QgayPKawpkPSDYmwT/WM94uAlu0=: 4 features", 0, WAIT));

  /* Going offline is noticed. */
  gsize mark = jgw_test_log_size (gw->proc);
  jgw_test_client_send (alice, "<presence type='unavailable'/>");
  g_autofree char *offline = g_strdup_printf ("device %s went offline", jgw_test_client_jid (alice));
  ck_assert_msg (jgw_test_wait_log (gw->proc, offline, mark, WAIT), "offline not seen; see %s",
                 jgw_test_log_path (gw->proc));
}
END_TEST

START_TEST (test_probe_after_restart)
{
  subscribe_both_ways ();
  answer_caps_query ();
  g_autofree char *online = g_strdup_printf ("device %s is online", jgw_test_client_jid (alice));
  ck_assert (jgw_test_wait_log (gw->proc, online, 0, WAIT));

  /* A restarted gateway knows nothing; its probe brings alice's device back
   * without alice doing anything, and the caps come from a fresh query. */
  jgw_test_stop (gw->proc, 5000);
  g_clear_pointer (&gw, jgw_test_gateway_free);
  start_gateway ();
  answer_caps_query ();
  ck_assert_msg (jgw_test_wait_log (gw->proc, online, 0, WAIT), "probe did not find alice; see %s",
                 jgw_test_log_path (gw->proc));
}
END_TEST

START_TEST (test_phone_jid_subscription)
{
  /* A number can be put in a roster (busy-lamp field): approved at once. */
  jgw_test_client_send (alice, "<presence type='subscribe' to='+4930123456@" COMPONENT "'/>");
  PresenceMatch approved = { "subscribed", "+4930123456@" COMPONENT };
  xmpp_stanza_t *s = jgw_test_client_wait (alice, presence_match, &approved, WAIT);
  ck_assert_msg (s != NULL, "subscription to a phone JID not approved");
  xmpp_stanza_release (s);
  /* Its presence carries caps, and disco on node#ver answers (XEP-0115). */
  PresenceMatch available = { NULL, "+4930123456@" COMPONENT };
  s = jgw_test_client_wait (alice, presence_match, &available, WAIT);
  ck_assert_msg (s != NULL, "no presence from the phone JID");
  xmpp_stanza_t *c = xmpp_stanza_get_child_by_ns (s, "http://jabber.org/protocol/caps");
  ck_assert_ptr_nonnull (c);
  g_autofree char *node = g_strdup_printf ("%s#%s", xmpp_stanza_get_attribute (c, "node"),
                                           xmpp_stanza_get_attribute (c, "ver"));
  xmpp_stanza_release (s);
  jgw_test_client_send (alice, "<iq type='get' id='caps1' to='+4930123456@" COMPONENT "'>"
                               "<query xmlns='http://jabber.org/protocol/disco#info' node='%s'/></iq>", node);
  xmpp_stanza_t *r = jgw_test_client_wait_id (alice, "iq", "caps1", WAIT);
  ck_assert_ptr_nonnull (r);
  ck_assert_str_eq (xmpp_stanza_get_type (r), "result");
  ck_assert_str_eq (xmpp_stanza_get_attribute (jgw_test_stanza_path (r, "query"), "node"), node);
  xmpp_stanza_release (r);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("presence");
  TCase *tc = tcase_create ("prosody");
  tcase_set_timeout (tc, 90);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_subscription_and_caps);
  tcase_add_test (tc, test_probe_after_restart);
  tcase_add_test (tc, test_phone_jid_subscription);
  suite_add_tcase (s, tc);
  return jgw_test_run_suite (s);
}
