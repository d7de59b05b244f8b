/* it_ldap_call.c — users known only to the directory, on the call path, end
 * to end: a real slapd (the ldap plugin), a private Prosody, the gateway,
 * a real SIP phone (baresip: its own tone, recording what it hears), SIPp
 * for the refusals and the independent Jingle client (tests/peers).
 *
 * Carol has no [user:JID] group: her JID, number, SIP URI and name come
 * from LDAP. She calls a phone (From is her directory identity) and is
 * called by number and by SIP user; Dave (a number in the directory, no
 * XMPP) calls without a display name and is named by the directory
 * (CNIP, the XEP-0172 nick of the JMI propose). Unknown users get 404;
 * with the directory down, 503 with Retry-After within the bound; a
 * reload while look-ups are pending neither hangs nor leaks. */
#include <check.h>
#include <signal.h>
#include <string.h>

#include "harness/baresip.h"
#include "harness/gateway.h"
#include "harness/jingle_peer.h"
#include "harness/prosody.h"
#include "harness/sipp.h"
#include "harness/slapd.h"
#include "harness/suite.h"
#include "harness/xmpp_client.h"

#define COMPONENT "gw.localhost"
#define WAIT 20000
#define PEER_TONE 440
#define PHONE_TONE 1000
#define LOOKUP_TIMEOUT 2

static JgwTestSlapd *slapd;
static JgwTestProsody *prosody;
static JgwTestGateway *gw;
static guint16 gw_sip_port;

static void
setup (void)
{
  const char *users[] = { "carol:carolpw", NULL };
  slapd = jgw_test_slapd_start (jgw_test_srcpath ("tests/data/call/ldap_call.ldif"));
  prosody = jgw_test_prosody_start (COMPONENT, "s3cret", users);
  guint16 media = jgw_test_free_ports (40);
  g_autofree char *extra = g_strdup_printf (
    "[sip]\ntrusted-peers = 127.0.0.1\n"
    "[media]\nport-range = %u-%u\n"
    "[calls]\nring-time = 12\nlookup-timeout = %u\n"
    "[dialplan]\ncountry-code = 49\n"
    "[plugins]\nload = ldap\ndirectory = %s\n"
    "[ldap]\nuri = %s\nbase = dc=example,dc=org\nsip-attribute = labeledURI\n"
    "timeout = 5\ncache-ttl = 0\n",
    media, media + 39, LOOKUP_TIMEOUT, jgw_test_buildpath ("plugins/ldap/.libs"), slapd->uri);
  g_autofree char *conf = jgw_test_gateway_config (prosody, NULL, extra);
  gw_sip_port = jgw_test_gateway_config_sip_port (conf);
  gw = jgw_test_gateway_start (conf);
  ck_assert (jgw_test_gateway_wait_online (gw, 0, WAIT));
}

static void
teardown (void)
{
  g_clear_pointer (&gw, jgw_test_gateway_free);
  g_clear_pointer (&prosody, jgw_test_prosody_free);
  g_clear_pointer (&slapd, jgw_test_slapd_free);
  jgw_test_cleanup ();
}

static JgwTestBaresip *
phone_start (const char *user)
{
  JgwTestBaresipOptions o = { .user = user, .answermode = "auto", .tone_hz = PHONE_TONE, .record = TRUE };
  return jgw_test_baresip_start_full (&o);
}

/* --- (a) a directory user calls out --- */

START_TEST (test_ldap_user_calls_phone)
{
  JgwTestBaresip *phone = phone_start ("bob");
  g_autofree char *target = g_strdup_printf ("bob\\40127.0.0.1\\3a%u@" COMPONENT, phone->sip_port);
  JgwTestProc *peer = jgw_test_peer_start (prosody->c2s_port, "carol", "peer", "--call", target, "--tone", G_STRINGIFY (PEER_TONE), "--hangup-after", "5",
                                  "--no-jmi", NULL);
  g_autofree char *json = jgw_test_peer_result (peer);
  ck_assert_msg (jgw_test_json_has (json, "session-accept"), "no session-accept: %s", json);
  jgw_test_peer_assert_heard (json, PHONE_TONE);
  jgw_test_baresip_assert_heard (phone, PEER_TONE, WAIT);
  /* The phone saw Carol's directory SIP identity as the caller. */
  ck_assert_msg (jgw_test_wait_log (phone->proc, "from sip:carol@127.0.0.1", 0, WAIT),
                 "the phone did not see Carol's identity; see %s", jgw_test_log_path (phone->proc));
  jgw_test_baresip_free (phone);
}
END_TEST

/* tests/data/call/NAME with "@KEY@" replaced per SUBST, in a temp file
 * (path owned by the harness). */
static const char *
scenario (const char *name, const char *const *subst)
{
  g_autofree char *path = g_build_filename ("tests", "data", "call", name, NULL);
  g_autofree char *text = NULL;
  ck_assert_msg (g_file_get_contents (jgw_test_srcpath (path), &text, NULL, NULL), "no scenario %s", name);
  for (const char *const *kv = subst; kv && kv[0] && kv[1]; kv += 2)
    {
      g_autofree char *key = g_strdup_printf ("@%s@", kv[0]);
      g_auto (GStrv) parts = g_strsplit (text, key, -1);
      g_free (text);
      text = g_strjoinv (kv[1], parts);
    }
  return jgw_test_write_file (jgw_test_tmpdir ("scenario"), name, text);
}

/* From carries her directory display name and SIP URI (SIPp checks it). */
START_TEST (test_ldap_user_from_identity)
{
  JgwTestSipp *sipp = jgw_test_sipp_start (scenario ("uas_from_check.xml", NULL), NULL, NULL);
  g_autofree char *target = g_strdup_printf ("x\\40127.0.0.1\\3a%u@" COMPONENT, sipp->port);
  JgwTestProc *peer = jgw_test_peer_start (prosody->c2s_port, "carol", "peer", "--call", target, "--no-jmi", NULL);
  g_autofree char *json = jgw_test_peer_result (peer);
  g_autofree char *why = NULL;
  ck_assert_msg (jgw_test_sipp_wait (sipp, WAIT, &why), "From was not Carol's identity: %s", why ? why : "?");
  ck_assert_msg (strstr (json, "\"terminate_reason\": \"busy\""), "busy not reported: %s", json);
  jgw_test_sipp_free (sipp);
}
END_TEST

/* --- (b) a directory user is called; CNIP --- */

/* Dave's phone (a number in the directory, no display name) calls Carol
 * at URI_USER; she answers on JMI or direct. */
static void
phone_calls_carol (const char *uri_user, gboolean jmi)
{
  gsize mark = jgw_test_log_size (gw->proc);
  JgwTestProc *peer = jgw_test_peer_start (prosody->c2s_port, "carol", "peer", "--answer", "--subscribe", COMPONENT, "--tone", G_STRINGIFY (PEER_TONE),
                                  "--hangup-after", "5", jmi ? NULL : "--no-jmi", NULL);
  jgw_test_peer_wait_known (gw, "carol@localhost/peer", mark, WAIT);
  JgwTestBaresip *phone = phone_start ("+49305557770");
  g_autofree char *uri = g_strdup_printf ("sip:%s@127.0.0.1:%u", uri_user, gw_sip_port);
  ck_assert (jgw_test_baresip_command (phone, "dial", uri));
  g_autofree char *json = jgw_test_peer_result (peer);
  ck_assert_msg (jgw_test_json_has (json, jmi ? "propose" : "session-initiate"), "not rung as expected: %s", json);
  ck_assert_msg (strstr (json, "\"caller\": \"+49305557770@" COMPONENT "\""), "caller JID: %s", json);
  if (jmi)
    ck_assert_msg (strstr (json, "\"caller_nick\": \"Dave Caller\""), "no caller name from the directory: %s",
                   json);
  jgw_test_peer_assert_heard (json, PHONE_TONE);
  jgw_test_baresip_assert_heard (phone, PEER_TONE, WAIT);
  jgw_test_baresip_free (phone);
}

START_TEST (test_ldap_user_called_by_number_cnip)
{
  phone_calls_carol ("+49301112220", TRUE);
}
END_TEST

START_TEST (test_ldap_user_called_by_sip_user)
{
  phone_calls_carol ("carol", FALSE);
}
END_TEST

/* --- refusals within the bound --- */

/* SIPp calls USER and expects 100 Trying, then STATUS matching CHECK;
 * returns the seconds it took. */
static double
sipp_expect (const char *user, const char *status, const char *check)
{
  const char *subst[] = { "USER", user, "STATUS", status, "CHECK", check, NULL };
  const char *scen = scenario ("uac_lookup.xml.in", subst);
  g_autofree char *gw_addr = g_strdup_printf ("127.0.0.1:%u", gw_sip_port);
  gint64 t0 = g_get_monotonic_time ();
  JgwTestSipp *s = jgw_test_sipp_start (scen, gw_addr, user);
  g_autofree char *why = NULL;
  ck_assert_msg (jgw_test_sipp_wait (s, WAIT, &why), "INVITE for %s: expected %s: %s", user, status,
                 why ? why : "?");
  jgw_test_sipp_free (s);
  return (g_get_monotonic_time () - t0) / 1e6;
}

START_TEST (test_unknown_user_404)
{
  sipp_expect ("nobody", "404", "SIP/2.0 404");
  sipp_expect ("+49309999999", "404", "SIP/2.0 404");
}
END_TEST

START_TEST (test_directory_down_503)
{
  jgw_test_slapd_stop (slapd);
  double took = sipp_expect ("carol", "503", "Retry-After: *[0-9]+");
  ck_assert_msg (took < LOOKUP_TIMEOUT + 4, "503 came after %.1f s", took);
  /* A stopped (hanging) directory: the bound is ours, not the LDAP timeout. */
  jgw_test_slapd_restart (slapd);
  jgw_test_signal (slapd->proc, SIGSTOP);
  took = sipp_expect ("carol", "503", "Retry-After: *[0-9]+");
  jgw_test_signal (slapd->proc, SIGCONT);
  ck_assert_msg (took < LOOKUP_TIMEOUT + 4, "503 came after %.1f s with a hanging directory", took);
}
END_TEST

/* --- reload with look-ups pending --- */

static gboolean
no_sanitizer_report (const char *path)
{
  g_autofree char *log = NULL;
  g_file_get_contents (path, &log, NULL, NULL);
  return log && strstr (log, "Sanitizer") == NULL && strstr (log, "runtime error") == NULL;
}

START_TEST (test_reload_during_lookups)
{
  JgwTestClient *carol = jgw_test_client_connect ("carol@localhost", "carolpw", prosody->c2s_port);
  ck_assert_ptr_nonnull (carol);
  /* A hanging directory keeps both a call look-up and a search pending. */
  jgw_test_signal (slapd->proc, SIGSTOP);
  gsize mark = jgw_test_log_size (gw->proc);
  const char *subst[] = { "USER", "carol", "STATUS", "503", "CHECK", "Retry-After", NULL };
  g_autofree char *gw_addr = g_strdup_printf ("127.0.0.1:%u", gw_sip_port);
  JgwTestSipp *s = jgw_test_sipp_start (scenario ("uac_lookup.xml.in", subst), gw_addr,
                                        "carol");
  ck_assert (jgw_test_wait_log (gw->proc, "directory look-up (callee) started", mark, WAIT));
  jgw_test_client_send (carol, "<iq type='set' id='d1' to='" COMPONENT "'><command "
                               "xmlns='http://jabber.org/protocol/commands' node='directory' action='execute'/></iq>");
  xmpp_stanza_t *form = jgw_test_client_wait_id (carol, "iq", "d1", WAIT);
  ck_assert_ptr_nonnull (form);
  g_autofree char *form_text = jgw_test_stanza_to_string (form);
  xmpp_stanza_release (form);
  const char *sid = strstr (form_text, "sessionid=\"");
  ck_assert_msg (sid, "%s", form_text);
  g_autofree char *session = g_strndup (sid + 11, strcspn (sid + 11, "\""));
  jgw_test_client_send (carol, "<iq type='set' id='d2' to='" COMPONENT "'><command "
                               "xmlns='http://jabber.org/protocol/commands' node='directory' sessionid='%s' "
                               "action='next'><x xmlns='jabber:x:data' type='submit'><field var='mode'><value>search"
                               "</value></field><field var='query'><value>Smith</value></field></x></command></iq>",
                        session);
  jgw_test_signal (gw->proc, SIGHUP);
  ck_assert (jgw_test_wait_log (gw->proc, "configuration reloaded", mark, WAIT));
  /* Both get their one answer: the INVITE 503 (the hanging directory), the
   * search an answer (not a hang); then the directory comes back. */
  g_autofree char *why = NULL;
  ck_assert_msg (jgw_test_sipp_wait (s, WAIT, &why), "INVITE across the reload: %s", why ? why : "?");
  jgw_test_sipp_free (s);
  xmpp_stanza_t *answer = jgw_test_client_wait_id (carol, "iq", "d2", WAIT);
  ck_assert_msg (answer != NULL, "the search pending across the reload was never answered");
  xmpp_stanza_release (answer);
  jgw_test_signal (slapd->proc, SIGCONT);
  /* After the reload the new identities serve: a definite miss again. */
  sipp_expect ("nobody", "404", "SIP/2.0 404");
  jgw_test_client_free (carol);
  jgw_test_signal (gw->proc, SIGTERM);
  int status = -1;
  ck_assert (jgw_test_wait_exit (gw->proc, 10000, &status));
  ck_assert_msg (no_sanitizer_report (jgw_test_log_path (gw->proc)), "sanitizer report; see %s",
                 jgw_test_log_path (gw->proc));
  ck_assert_msg (WIFEXITED (status) && WEXITSTATUS (status) == 0, "the gateway exited with %d", status);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("ldap_call");
  TCase *tc = tcase_create ("directory users");
  tcase_set_timeout (tc, 120);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_ldap_user_calls_phone);
  tcase_add_test (tc, test_ldap_user_from_identity);
  tcase_add_test (tc, test_ldap_user_called_by_number_cnip);
  tcase_add_test (tc, test_ldap_user_called_by_sip_user);
  tcase_add_test (tc, test_unknown_user_404);
  tcase_add_test (tc, test_directory_down_503);
  tcase_add_test (tc, test_reload_during_lookups);
  suite_add_tcase (s, tc);
  return jgw_test_run_suite (s);
}
