/* it_register_kamailio.c — XEP-0077 in-band registration end to end down to
 * the SIP registrar: a real client registers its SIP account at the
 * gateway through a real Prosody; the gateway REGISTERs those stored
 * credentials at a real Kamailio with digest auth (challenge, then bound),
 * a call to the user's address through Kamailio reaches the gateway; the
 * registration removed in-band unbinds it at Kamailio (a call then gets
 * Kamailio's 404), and a wrong password never binds. */
#include <check.h>
#include <string.h>

#include "harness/gateway.h"
#include "harness/kamailio.h"
#include "harness/prosody.h"
#include "harness/sipp.h"
#include "harness/suite.h"
#include "harness/xmpp_client.h"
#include "harness/jingle_peer.h"

#define COMPONENT "gw.localhost"
#define WAIT 15000
#define SIP_PASSWORD "Kq7-sip-secret"

static JgwTestProsody *prosody;
static JgwTestKamailio *kamailio;
static JgwTestGateway *gw;
static JgwTestClient *alice;

static void
setup (void)
{
  const char *users[] = { "alice:alicepw", NULL };
  const char *sip_users[] = { "alice:" SIP_PASSWORD, NULL };
  prosody = jgw_test_prosody_start (COMPONENT, "s3cret", users);
  kamailio = jgw_test_kamailio_start (sip_users, 60);
  /* Every request goes through Kamailio, as behind a PBX. */
  g_autofree char *sip = g_strdup_printf ("[sip]\ntrusted-peers = 127.0.0.1\noutbound-proxy = %s\n", kamailio->uri);
  g_autofree char *conf = jgw_test_gateway_config (prosody, NULL, sip);
  gw = jgw_test_gateway_start (conf);
  ck_assert (jgw_test_gateway_wait_online (gw, 0, WAIT));
  /* No available presence: a call that reaches the gateway finds no
   * device and is answered 480, which tells it from Kamailio's 404. */
  alice = jgw_test_client_connect ("alice@localhost", "alicepw", prosody->c2s_port);
  ck_assert_ptr_nonnull (alice);
}

static void
teardown (void)
{
  g_clear_pointer (&alice, jgw_test_client_free);
  g_clear_pointer (&gw, jgw_test_gateway_free);
  g_clear_pointer (&kamailio, jgw_test_kamailio_free);
  g_clear_pointer (&prosody, jgw_test_prosody_free);
  jgw_test_cleanup ();
}

static char *
register_iq (const char *id, const char *payload)
{
  jgw_test_client_send (alice, "<iq type='set' id='%s' to='" COMPONENT "'>"
                               "<query xmlns='jabber:iq:register'>%s</query></iq>", id, payload);
  xmpp_stanza_t *r = jgw_test_client_wait_id (alice, "iq", id, WAIT);
  ck_assert_msg (r != NULL, "no answer to %s", id);
  char *text = jgw_test_stanza_to_string (r);
  xmpp_stanza_release (r);
  return text;
}

static void
register_account (const char *password)
{
  g_autofree char *form = g_strdup_printf (
    "<x xmlns='jabber:x:data' type='submit'>"
    "<field var='FORM_TYPE'><value>jabber:iq:register</value></field>"
    "<field var='username'><value>alice</value></field>"
    "<field var='password'><value>%s</value></field>"
    "<field var='registrar'><value>%s</value></field></x>",
    password, kamailio->uri);
  g_autofree char *answer = register_iq ("reg", form);
  ck_assert_msg (strstr (answer, "type=\"result\""), "%s", answer);
}

/* SIPp calls alice through Kamailio and expects STATUS. */
static void
call_alice_via_kamailio (const char *status)
{
  const char *subst[] = { "USER", "alice", "CTYPE", "application/sdp", "BODY",
                          "v=0\no=- 1 1 IN IP4 127.0.0.1\ns=-\nc=IN IP4 127.0.0.1\nt=0 0\nm=audio 4000 RTP/AVP 0\n",
                          "STATUS", status, NULL };
  g_autofree char *kam = g_strdup_printf ("127.0.0.1:%u", kamailio->port);
  JgwTestSipp *s = jgw_test_sipp_start (jgw_test_sipp_scenario ("uac_refused.xml.in", subst), kam, "alice");
  g_autofree char *why = NULL;
  ck_assert_msg (jgw_test_sipp_wait (s, WAIT, &why), "call to alice via Kamailio, expected %s: %s", status,
                 why ? why : "?");
  jgw_test_sipp_free (s);
}

START_TEST (test_inband_registration_registers_at_kamailio)
{
  gsize kmark = jgw_test_log_size (kamailio->proc);
  call_alice_via_kamailio ("404"); /* nobody bound yet */
  register_account (SIP_PASSWORD);
  /* The stored credentials answer Kamailio's digest challenge. */
  ck_assert_msg (jgw_test_wait_log (kamailio->proc, "AUTH-CHALLENGE alice", kmark, WAIT), "no REGISTER");
  ck_assert_msg (jgw_test_wait_log (kamailio->proc, ": BOUND alice", kmark, WAIT), "alice was not bound; see %s",
                 jgw_test_log_path (kamailio->proc));
  ck_assert (jgw_test_wait_log (gw->proc, "SIP registration of alice@localhost: registered", 0, WAIT));
  /* The binding points at the gateway: a call to alice reaches it. */
  call_alice_via_kamailio ("480");
  ck_assert (jgw_test_wait_log (gw->proc, "for alice@localhost not rung: unavailable", 0, WAIT));

  gsize unmark = jgw_test_log_size (kamailio->proc);
  g_autofree char *removed = register_iq ("rm", "<remove/>");
  ck_assert_msg (strstr (removed, "type=\"result\""), "%s", removed);
  ck_assert_msg (jgw_test_wait_log (kamailio->proc, ": UNBOUND alice", unmark, WAIT),
                 "removing the registration did not unregister; see %s", jgw_test_log_path (kamailio->proc));
  call_alice_via_kamailio ("404");
}
END_TEST

/* The in-band account also places calls: Kamailio challenges the INVITE
 * and the stored credentials answer it; the far end's 486 comes back. */
START_TEST (test_inband_user_calls_out)
{
  gsize kmark = jgw_test_log_size (kamailio->proc);
  register_account (SIP_PASSWORD);
  ck_assert (jgw_test_wait_log (kamailio->proc, ": BOUND alice", kmark, WAIT));
  const char *subst[] = { NULL };
  JgwTestSipp *sipp = jgw_test_sipp_start (jgw_test_sipp_scenario ("uas_486.xml", subst), NULL, NULL);
  g_autofree char *target = g_strdup_printf ("busy\\40127.0.0.1\\3a%u@" COMPONENT, sipp->port);
  JgwTestProc *peer = jgw_test_peer_start (prosody->c2s_port, NULL, NULL, "--call", target, "--no-jmi", NULL);
  g_autofree char *json = jgw_test_peer_result (peer);
  ck_assert_msg (jgw_test_wait_log (kamailio->proc, "AUTHED-INVITE alice", kmark, WAIT),
                 "the INVITE was not authenticated; see %s", jgw_test_log_path (kamailio->proc));
  ck_assert_msg (strstr (json, "\"terminate_reason\": \"busy\"") != NULL, "busy not reported: %s", json);
  ck_assert (jgw_test_sipp_wait (sipp, WAIT, NULL));
  jgw_test_sipp_free (sipp);
}
END_TEST

START_TEST (test_wrong_password_never_binds)
{
  gsize kmark = jgw_test_log_size (kamailio->proc);
  register_account ("not-the-password");
  ck_assert (jgw_test_wait_log (kamailio->proc, "AUTH-CHALLENGE alice", kmark, WAIT));
  ck_assert_msg (jgw_test_wait_log (gw->proc, "SIP registration of alice@localhost: failed", 0, WAIT),
                 "no failed registration; see %s", jgw_test_log_path (gw->proc));
  g_autofree char *klog = NULL;
  g_file_get_contents (jgw_test_log_path (kamailio->proc), &klog, NULL, NULL);
  ck_assert_msg (klog && strstr (klog + kmark, ": BOUND alice") == NULL, "a wrong password was bound");
  call_alice_via_kamailio ("404");
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("register_kamailio");
  TCase *tc = tcase_create ("inband");
  tcase_set_timeout (tc, 90);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_inband_registration_registers_at_kamailio);
  tcase_add_test (tc, test_inband_user_calls_out);
  tcase_add_test (tc, test_wrong_password_never_binds);
  suite_add_tcase (s, tc);
  return jgw_test_run_suite (s);
}
