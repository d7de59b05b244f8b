/* it_directory.c — the `directory` command end to end: a real client on a
 * real Prosody, the gateway with the ldap plugin on a real slapd. Search by
 * name and by number (English and German), the dial action, the `find` /
 * `suche` chat verb, modify by an admin landing in slapd (read back by a
 * second search), a modify by someone else refused, and a directory that
 * is down (clear error, recovery). */
#include <check.h>
#include <string.h>

#include "harness/gateway.h"
#include "harness/prosody.h"
#include "harness/slapd.h"
#include "harness/xmpp_client.h"
#include "harness/suite.h"

#define COMPONENT "gw.localhost"
#define WAIT 15000

static JgwTestSlapd *slapd;
static JgwTestProsody *prosody;
static JgwTestGateway *gw;
static JgwTestClient *alice; /* admin */
static JgwTestClient *mallory;

static void
setup (void)
{
  const char *users[] = { "alice:alicepw", "mallory:mallorypw", NULL };
  slapd = jgw_test_slapd_start (jgw_test_srcpath ("tests/data/identity/directory.ldif"));
  prosody = jgw_test_prosody_start (COMPONENT, "s3cret", users);
  g_autofree char *extra = g_strdup_printf (
    "[admin]\njids = alice@localhost\n"
    "[plugins]\nload = ldap\ndirectory = %s\n"
    "[dialplan]\ncountry-code = 49\n"
    "[ldap]\nuri = %s\nbase = dc=example,dc=org\npeople-base = ou=people,dc=example,dc=org\n"
    "bind-dn = " JGW_TEST_SLAPD_ROOTDN "\nbind-password = " JGW_TEST_SLAPD_ROOTPW "\ntimeout = 3\ncache-ttl = 0\n"
    "[user:alice@localhost]\nsip-uri = sip:alice@127.0.0.1\n",
    jgw_test_buildpath ("plugins/ldap/.libs"), slapd->uri);
  g_autofree char *conf = jgw_test_gateway_config (prosody, NULL, extra);
  gw = jgw_test_gateway_start (conf);
  ck_assert (jgw_test_gateway_wait_online (gw, 0, WAIT));
  alice = jgw_test_client_connect ("alice@localhost", "alicepw", prosody->c2s_port);
  mallory = jgw_test_client_connect ("mallory@localhost", "mallorypw", prosody->c2s_port);
  ck_assert_ptr_nonnull (alice);
  ck_assert_ptr_nonnull (mallory);
}

static void
teardown (void)
{
  g_clear_pointer (&alice, jgw_test_client_free);
  g_clear_pointer (&mallory, jgw_test_client_free);
  g_clear_pointer (&gw, jgw_test_gateway_free);
  g_clear_pointer (&prosody, jgw_test_prosody_free);
  g_clear_pointer (&slapd, jgw_test_slapd_free);
  jgw_test_cleanup ();
}

/* Run `directory` as C in LANG: ACTION (NULL: execute) in SESSION (NULL:
 * a new one) submitting FIELDS (NULL: no form); the answer as text. */
static char *
command (JgwTestClient *c, const char *lang, const char *action, const char *session, const char *fields)
{
  return jgw_test_client_command (c, COMPONENT, lang, "directory", action, session, fields, WAIT);
}

#define FIELD(var, value) "<field var='" var "'><value>" value "</value></field>"

/* Execute, then submit QUERY; the results answer as text. */
static char *
search (JgwTestClient *c, const char *lang, const char *query, char **session)
{
  g_autofree char *first = command (c, lang, NULL, NULL, NULL);
  ck_assert_msg (strstr (first, "var=\"query\""), "%s", first);
  *session = jgw_test_command_session (first);
  g_autofree char *fields = g_strdup_printf (FIELD ("mode", "search") "<field var='query'><value>%s</value></field>",
                                             query);
  return command (c, lang, "next", *session, fields);
}

START_TEST (test_search_by_name_and_number)
{
  g_autofree char *session = NULL;
  g_autofree char *en = search (alice, NULL, "Carol", &session);
  ck_assert_msg (strstr (en, "Carol Smith") && strstr (en, "+41 44 668 18 00") && strstr (en, "<reported")
                   && strstr (en, "+41446681800@" COMPONENT) && strstr (en, "label=\"Name\""),
                 "%s", en);
  g_autofree char *s2 = NULL;
  g_autofree char *de = search (alice, "de", "5550000", &s2);
  ck_assert_msg (strstr (de, "Pizza Service") && strstr (de, "Telefonbuch") && strstr (de, "label=\"Nummer\"")
                   && strstr (de, "dienstlich"),
                 "%s", de);
  /* Second stage: dial the chosen entry from this client. */
  g_autofree char *dial = command (alice, "de", "complete", s2, FIELD ("choice", "0:0") FIELD ("action", "dial"));
  ck_assert_msg (strstr (dial, "status=\"completed\"") && strstr (dial, "jid-single")
                   && strstr (dial, "+49305550000@" COMPONENT),
                 "%s", dial);
  g_autofree char *s3 = NULL;
  g_autofree char *none = search (alice, NULL, "Nobody-here", &s3);
  ck_assert_msg (strstr (none, "No entries found."), "%s", none);
}
END_TEST

/* Send TEXT to the component; the answer's body. */
static char *
chat (const char *text)
{
  return jgw_test_client_chat (alice, COMPONENT, NULL, text, NULL, WAIT);
}

START_TEST (test_find_chat)
{
  g_autofree char *en = chat ("find bob");
  ck_assert_msg (strstr (en, "Bob Builder") && strstr (en, "030 7654321 (work): 0307654321@" COMPONENT), "%s", en);
  g_autofree char *de = chat ("suche Bob");
  ck_assert_msg (strstr (de, "Bob Builder") && strstr (de, "(dienstlich)"), "%s", de);
}
END_TEST

START_TEST (test_modify_by_admin_and_refused)
{
  /* Mallory may search but not modify Bob's entry. */
  g_autofree char *ms = NULL;
  g_autofree char *mres = search (mallory, NULL, "Bob Builder", &ms);
  ck_assert_msg (strstr (mres, "Bob Builder"), "%s", mres);
  g_autofree char *refused = command (mallory, NULL, "next", ms, FIELD ("choice", "0:0") FIELD ("action", "edit"));
  ck_assert_msg (strstr (refused, "type=\"error\"") && strstr (refused, "forbidden")
                   && strstr (refused, "only modify your own"),
                 "%s", refused);

  /* Alice (admin) gives Bob a mobile number. */
  g_autofree char *s = NULL;
  g_autofree char *res = search (alice, NULL, "Bob Builder", &s);
  g_autofree char *edit = command (alice, NULL, "next", s, FIELD ("choice", "0:0") FIELD ("action", "edit"));
  ck_assert_msg (strstr (edit, "var=\"mobile\"") && strstr (edit, "030 7654321"), "%s", edit);
  g_autofree char *saved = command (alice, NULL, "complete", s,
                                    FIELD ("name", "Bob Builder") FIELD ("jid", "bob@example.org")
                                        FIELD ("work", "030 7654321") FIELD ("mobile", "0171 9999999"));
  ck_assert_msg (strstr (saved, "status=\"completed\"") && strstr (saved, "The entry was saved."), "%s", saved);

  /* Read back from slapd: a search by the new number finds Bob. */
  g_autofree char *s4 = NULL;
  g_autofree char *back = search (alice, NULL, "9999999", &s4);
  ck_assert_msg (strstr (back, "Bob Builder") && strstr (back, "0171 9999999"), "%s", back);

  /* Mallory may not add entries either. */
  g_autofree char *first = command (mallory, NULL, NULL, NULL, NULL);
  g_autofree char *ms2 = jgw_test_command_session (first);
  g_autofree char *noadd = command (mallory, NULL, "next", ms2, FIELD ("mode", "add"));
  ck_assert_msg (strstr (noadd, "forbidden"), "%s", noadd);
}
END_TEST

/* A directory that is down answers a clear error within the LDAP timeout
 * (3 s), and searches work again once it is back. */
START_TEST (test_directory_down)
{
  jgw_test_slapd_stop (slapd);
  gint64 t0 = g_get_monotonic_time ();
  g_autofree char *s = NULL;
  g_autofree char *down = search (alice, "de", "Carol", &s);
  ck_assert_msg (strstr (down, "service-unavailable") && strstr (down, "nicht erreichbar"), "%s", down);
  ck_assert_int_lt (g_get_monotonic_time () - t0, 8 * G_USEC_PER_SEC);
  jgw_test_slapd_restart (slapd);
  g_autofree char *s2 = NULL;
  g_autofree char *back = search (alice, NULL, "Carol", &s2);
  ck_assert_msg (strstr (back, "Carol Smith"), "%s", back);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("directory");
  TCase *tc = tcase_create ("command");
  tcase_set_timeout (tc, 120);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_search_by_name_and_number);
  tcase_add_test (tc, test_find_chat);
  tcase_add_test (tc, test_modify_by_admin_and_refused);
  tcase_add_test (tc, test_directory_down);
  suite_add_tcase (s, tc);
  return jgw_test_run_suite (s);
}
