/* check_identity.c — the identity API over the static map, the store and a
 * plugin backend: asking order, reverse look-ups by SIP URI and number, a
 * failing backend, cancellation, and freeing with requests still out. */
#include <check.h>
#include <glib.h>
#include <string.h>

#include "harness/harness.h"
#include "identity/identity.h"
#include "harness/suite.h"

#define CONF                                                                    \
  "[component]\njid = sip.example.com\nsecret = s\n"                            \
  "[sip]\nlisten = 127.0.0.1:5070\ndomain = example.com\n"                      \
  "outbound-proxy = sip:127.0.0.1:5060\n"                                       \
  "[dialplan]\ncountry-code = 49\n"                                             \
  "[user:alice@example.com]\nsip-uri = sip:alice@example.com\npassword = apw\n" \
  "display-name = Alice Example\nregistrar = sip:127.0.0.1:5060\n"              \
  "[user:bob@example.com]\nsip-uri = sip:+4930123456@example.com\n"             \
  "country-code = 49\nroute-profile = on-net\n[testdir]\ndomain = example.org\n"

typedef struct {
  JgwConfig *config;
  JgwDialplan *dialplan;
  JgwStore *store;
  JgwPlugins *plugins;
  JgwIdentities *ids;
} Fixture;

static Fixture fx;

static void
setup_with (const char *extra)
{
  g_autofree char *text = g_strconcat (CONF, extra, NULL);
  g_autoptr (GError) error = NULL;
  fx.config = jgw_config_load_data (text, "test.conf", &error);
  ck_assert_msg (fx.config != NULL, "%s", error ? error->message : "");
  fx.dialplan = jgw_dialplan_new (fx.config->keyfile, "test.conf", &error);
  ck_assert_ptr_nonnull (fx.dialplan);
  g_autofree char *db = g_build_filename (jgw_test_tmpdir ("identity"), "store.db", NULL);
  fx.store = jgw_store_open (db, &error);
  ck_assert_ptr_nonnull (fx.store);
  JgwAccount carol = { .jid = (char *) "carol@example.com", .username = (char *) "carol",
                       .password = (char *) "cpw", .registrar = (char *) "127.0.0.1:5060" };
  ck_assert (jgw_store_account_set (fx.store, &carol, &error));
  fx.plugins = jgw_plugins_new (fx.config->keyfile, "test.conf");
  ck_assert (jgw_plugins_load (fx.plugins, jgw_test_buildpath ("tests/plugins/.libs"), "testdir", &error));
  fx.ids = jgw_identities_new (fx.config, fx.store, fx.dialplan, fx.plugins, &error);
  ck_assert_msg (fx.ids != NULL, "%s", error ? error->message : "");
}

static void
setup (void)
{
  setup_with ("[identity]\nbackends = testdir, store, static\n");
}

static void
teardown (void)
{
  jgw_identities_free (fx.ids);
  jgw_plugins_free (fx.plugins);
  jgw_store_close (fx.store);
  jgw_dialplan_free (fx.dialplan);
  jgw_config_free (fx.config);
  memset (&fx, 0, sizeof fx);
  jgw_test_cleanup ();
}

typedef struct {
  int calls;
  JgwIdentity *identity;
  GError *error;
} Answer;

static void
answer_h (JgwIdentity *identity, const GError *error, gpointer data)
{
  Answer *a = data;
  a->calls++;
  a->identity = identity;
  a->error = error ? g_error_copy (error) : NULL;
}

static gboolean
answered (gpointer data)
{
  return ((Answer *) data)->calls > 0;
}

static void
answer_clear (Answer *a)
{
  jgw_identity_free (a->identity);
  g_clear_error (&a->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Answer, answer_clear)

typedef enum { BY_JID, BY_SIP, BY_NUMBER } By;

static void
ask (By by, const char *key, GCancellable *cancel, Answer *a)
{
  if (by == BY_JID)
    jgw_identities_by_jid (fx.ids, key, cancel, answer_h, a);
  else if (by == BY_SIP)
    jgw_identities_by_sip (fx.ids, key, cancel, answer_h, a);
  else
    jgw_identities_by_number (fx.ids, key, cancel, answer_h, a);
  ck_assert_int_eq (a->calls, 0); /* never from within the request */
  ck_assert (jgw_test_wait (answered, a, 3000));
  ck_assert_int_eq (a->calls, 1);
}

static const struct {
  By by;
  const char *key;
  const char *jid;    /* NULL: nobody */
  const char *source;
  const char *sip_uri;
} lookup_table[] = {
  { BY_JID, "alice@example.com", "alice@example.com", "static", "sip:alice@example.com" },
  { BY_JID, "Alice@Example.COM", "alice@example.com", "static", "sip:alice@example.com" },
  { BY_JID, "carol@example.com", "carol@example.com", "store", "sip:carol@127.0.0.1" },
  { BY_JID, "alice@example.org", "alice@example.org", "testdir", "sip:alice@example.org" },
  { BY_JID, "mallory@example.com", NULL, NULL, NULL },
  { BY_SIP, "sip:alice@example.com", "alice@example.com", "static", NULL },
  { BY_SIP, "<sip:alice@127.0.0.1:5070;transport=udp>", "alice@example.com", "static", NULL },
  { BY_SIP, "sip:alice@evil.example.net", NULL, NULL, NULL },
  { BY_SIP, "sip:carol@127.0.0.1", "carol@example.com", "store", NULL },
  { BY_SIP, "sip:carol@example.com", "carol@example.com", "store", NULL },
  /* Request-URI with the number in national format: found by number. */
  { BY_SIP, "sip:030123456@example.com", "bob@example.com", "static", "sip:+4930123456@example.com" },
  { BY_SIP, "030 123456", "bob@example.com", "static", NULL },
  /* testdir fails for +49 numbers; static still answers. */
  { BY_NUMBER, "+4930123456", "bob@example.com", "static", NULL },
};

START_TEST (test_lookup)
{
  g_auto (Answer) a = { 0 };
  ask (lookup_table[_i].by, lookup_table[_i].key, NULL, &a);
  ck_assert_msg (a.error == NULL, "%s", a.error ? a.error->message : "");
  if (lookup_table[_i].jid == NULL)
    {
      ck_assert_ptr_null (a.identity);
      return;
    }
  ck_assert_msg (a.identity != NULL, "%s not found", lookup_table[_i].key);
  ck_assert_str_eq (a.identity->jid, lookup_table[_i].jid);
  ck_assert_str_eq (a.identity->source, lookup_table[_i].source);
  if (lookup_table[_i].sip_uri)
    ck_assert_str_eq (a.identity->sip_uri, lookup_table[_i].sip_uri);
}
END_TEST

START_TEST (test_credentials)
{
  g_auto (Answer) a = { 0 };
  ask (BY_JID, "alice@example.com", NULL, &a);
  ck_assert_str_eq (a.identity->password, "apw");
  ck_assert_str_eq (a.identity->auth_user, "alice");
  ck_assert_str_eq (a.identity->registrar, "sip:127.0.0.1:5060");
  ck_assert_str_eq (a.identity->outbound_proxy, "sip:127.0.0.1:5060");
  ck_assert_str_eq (a.identity->display_name, "Alice Example");
  g_auto (Answer) c = { 0 };
  ask (BY_JID, "carol@example.com", NULL, &c);
  ck_assert_str_eq (c.identity->password, "cpw");
  ck_assert_str_eq (c.identity->registrar, "sip:127.0.0.1:5060");
  g_auto (Answer) b = { 0 };
  ask (BY_JID, "bob@example.com", NULL, &b);
  ck_assert_str_eq (b.identity->country_code, "49");
  ck_assert_str_eq (b.identity->numbers[0], "+4930123456");
  ck_assert_str_eq (b.identity->route_profile, "on-net");
  ck_assert_ptr_null (a.identity->route_profile);
}
END_TEST

START_TEST (test_backend_down)
{
  /* Nobody has it and the only directory that could failed: not "unknown". */
  g_auto (Answer) a = { 0 };
  ask (BY_NUMBER, "+4989999", NULL, &a);
  ck_assert_ptr_null (a.identity);
  ck_assert (g_error_matches (a.error, JGW_IDENTITY_ERROR, JGW_IDENTITY_ERROR_UNAVAILABLE));
  ck_assert (strstr (a.error->message, "test directory is down") != NULL);
}
END_TEST

START_TEST (test_order)
{
  const char *const *order = jgw_identities_order (fx.ids);
  ck_assert_str_eq (order[0], "testdir");
  ck_assert_str_eq (order[1], "store");
  ck_assert_str_eq (order[2], "static");
  ck_assert_ptr_null (order[3]);
}
END_TEST

START_TEST (test_default_order)
{
  teardown ();
  setup_with ("[identity]\nbackends = ldap, store\n");
  const char *const *order = jgw_identities_order (fx.ids);
  /* ldap is not loaded: skipped; static always comes along. */
  ck_assert_str_eq (order[0], "store");
  ck_assert_str_eq (order[1], "static");
  ck_assert_ptr_null (order[2]);
  teardown ();
  setup_with ("");
  order = jgw_identities_order (fx.ids);
  ck_assert_str_eq (order[0], "static");
  ck_assert_str_eq (order[1], "store");
  ck_assert_str_eq (order[2], "testdir");
}
END_TEST

START_TEST (test_cancel)
{
  g_autoptr (GCancellable) cancel = g_cancellable_new ();
  Answer a = { 0 };
  jgw_identities_by_jid (fx.ids, "alice@example.org", cancel, answer_h, &a);
  g_cancellable_cancel (cancel);
  ck_assert (jgw_test_wait (answered, &a, 3000));
  ck_assert_int_eq (a.calls, 1);
  ck_assert_ptr_null (a.identity);
  ck_assert (g_error_matches (a.error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  answer_clear (&a);
}
END_TEST

static gboolean
never (gpointer data)
{
  return FALSE;
}

START_TEST (test_free_with_pending)
{
  Answer a = { 0 }, b = { 0 };
  jgw_identities_by_jid (fx.ids, "alice@example.org", NULL, answer_h, &a);
  jgw_identities_by_sip (fx.ids, "sip:carol@example.com", NULL, answer_h, &b);
  jgw_identities_free (fx.ids);
  fx.ids = NULL;
  jgw_test_wait (never, NULL, 200); /* let the backends answer into the void */
  ck_assert_int_eq (a.calls, 0);
  ck_assert_int_eq (b.calls, 0);
}
END_TEST

typedef struct {
  int calls;
  GError *error;
} EntriesAnswer;

static void
entries_h (GPtrArray *entries, const GError *error, gpointer data)
{
  EntriesAnswer *e = data;
  e->calls++;
  e->error = error ? g_error_copy (error) : NULL;
  if (entries)
    g_ptr_array_unref (entries);
}

static gboolean
entries_answered (gpointer data)
{
  return ((EntriesAnswer *) data)->calls > 0;
}

START_TEST (test_no_directory)
{
  EntriesAnswer e = { 0 };
  jgw_identities_search (fx.ids, "Smith", 10, NULL, entries_h, &e);
  ck_assert_int_eq (e.calls, 0);
  ck_assert (jgw_test_wait (entries_answered, &e, 2000));
  ck_assert (g_error_matches (e.error, JGW_IDENTITY_ERROR, JGW_IDENTITY_ERROR_UNSUPPORTED));
  g_clear_error (&e.error);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("identity");
  TCase *tc = tcase_create ("identity");
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_loop_test (tc, test_lookup, 0, G_N_ELEMENTS (lookup_table));
  tcase_add_test (tc, test_credentials);
  tcase_add_test (tc, test_backend_down);
  tcase_add_test (tc, test_order);
  tcase_add_test (tc, test_default_order);
  tcase_add_test (tc, test_cancel);
  tcase_add_test (tc, test_free_with_pending);
  tcase_add_test (tc, test_no_directory);
  suite_add_tcase (s, tc);
  return jgw_test_run_suite (s);
}
