/* it_ldap.c — the ldap plugin against a real slapd on loopback: look-ups
 * by JID, number and SIP URI, directory search/read/add/modify, a bind that
 * may not write, a wrong password, bad configuration, and a server that is
 * stopped and started again under a running plugin. */
#include <check.h>
#include <glib.h>
#include <string.h>

#include "harness/slapd.h"
#include "identity/identity.h"
#include "plugin.h"
#include "harness/suite.h"

static JgwTestSlapd *slapd;
static GKeyFile *kf;
static JgwPlugins *plugins;
static const JgwDirectoryBackend *dir;

#define BASE_CONF                                      \
  "[sip]\ndomain = example.com\n"                      \
  "[dialplan]\ncountry-code = 49\n"                    \
  "[ldap]\nbase = dc=example,dc=org\n"                 \
  "people-base = ou=people,dc=example,dc=org\n"       \
  "sip-attribute = labeledURI\ntimeout = 3\n"

/* Load the plugin with [ldap] uri (default: our slapd) plus EXTRA keys. */
static gboolean
load_plugin_uri (const char *uri, const char *extra, GError **error)
{
  g_autofree char *text = g_strdup_printf (BASE_CONF "uri = %s\n%s", uri, extra);
  kf = g_key_file_new ();
  ck_assert (g_key_file_load_from_data (kf, text, (gsize) -1, G_KEY_FILE_NONE, NULL));
  plugins = jgw_plugins_new (kf, "ldap.conf");
  if (!jgw_plugins_load (plugins, jgw_test_buildpath ("plugins/ldap/.libs"), "ldap", error))
    return FALSE;
  dir = jgw_plugins_directory (plugins, "ldap");
  return dir != NULL;
}

static gboolean
load_plugin (const char *extra, GError **error)
{
  return load_plugin_uri (slapd->uri, extra, error);
}

static void
setup_admin (void)
{
  slapd = jgw_test_slapd_start (jgw_test_srcpath ("tests/data/identity/directory.ldif"));
  g_autoptr (GError) error = NULL;
  ck_assert_msg (load_plugin ("bind-dn = " JGW_TEST_SLAPD_ROOTDN "\nbind-password = " JGW_TEST_SLAPD_ROOTPW "\n",
                              &error),
                 "%s", error ? error->message : "");
}

static void
setup_slapd_only (void)
{
  slapd = jgw_test_slapd_start (jgw_test_srcpath ("tests/data/identity/directory.ldif"));
}

static void
teardown (void)
{
  g_clear_pointer (&plugins, jgw_plugins_free);
  g_clear_pointer (&kf, g_key_file_unref);
  dir = NULL;
  g_clear_pointer (&slapd, jgw_test_slapd_free);
  jgw_test_cleanup ();
}

/* ---- waiting for answers ---- */

typedef struct {
  gboolean done;
  JgwIdentity *identity;
  GPtrArray *entries;
  GError *error;
} Answer;

static void
identity_h (JgwIdentity *identity, const GError *error, gpointer data)
{
  Answer *a = data;
  a->done = TRUE;
  a->identity = identity;
  a->error = error ? g_error_copy (error) : NULL;
}

static void
entries_h (GPtrArray *entries, const GError *error, gpointer data)
{
  Answer *a = data;
  a->done = TRUE;
  a->entries = entries;
  a->error = error ? g_error_copy (error) : NULL;
}

static void
done_h (const GError *error, gpointer data)
{
  Answer *a = data;
  a->done = TRUE;
  a->error = error ? g_error_copy (error) : NULL;
}

static gboolean
is_done (gpointer data)
{
  return ((Answer *) data)->done;
}

static void
answer_clear (Answer *a)
{
  jgw_identity_free (a->identity);
  if (a->entries)
    g_ptr_array_unref (a->entries);
  g_clear_error (&a->error);
  memset (a, 0, sizeof *a);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Answer, answer_clear)

static void
wait_answer (Answer *a)
{
  ck_assert (!a->done); /* never answered from within the request */
  ck_assert_msg (jgw_test_wait (is_done, a, 10000), "no answer from the ldap plugin");
}

typedef enum { JID, NUMBER, SIP } Key;

static void
lookup (Key k, const char *key, Answer *a)
{
  if (k == JID)
    dir->by_jid (dir->self, key, NULL, identity_h, a);
  else if (k == NUMBER)
    dir->by_number (dir->self, key, NULL, identity_h, a);
  else
    dir->by_sip_uri (dir->self, key, NULL, identity_h, a);
  wait_answer (a);
}

/* ---- cases ---- */

static const struct {
  Key k;
  const char *key;
  const char *jid, *name, *sip_uri; /* jid "": found but has none; name NULL: nobody */
} lookup_table[] = {
  { JID, "alice@example.org", "alice@example.org", "Alice Example", "sip:+49301234567@example.com" },
  { JID, "bob@example.org", "bob@example.org", "Bob Builder", "sip:+49307654321@example.com" },
  { JID, "carol@example.org", "carol@example.org", "Carol Smith", "sip:carol@pbx.example.org" },
  { JID, "mallory@example.org", NULL, NULL, NULL },
  { JID, "a*)(uid=*@example.org", NULL, NULL, NULL }, /* filter injection finds nobody */
  { NUMBER, "+49301234567", "alice@example.org", "Alice Example", NULL },
  { NUMBER, "+491711234567", "alice@example.org", "Alice Example", NULL },
  /* stored as "030 7654321": found through the national form */
  { NUMBER, "+49307654321", "bob@example.org", "Bob Builder", NULL },
  { NUMBER, "+41446681800", "carol@example.org", "Carol Smith", NULL },
  /* a phone book entry without a JID still names the caller (CNIP) */
  { NUMBER, "+49305550000", "", "Pizza Service", NULL },
  { NUMBER, "+4930999999", NULL, NULL, NULL },
  { SIP, "<sip:carol@pbx.example.org;transport=tcp>", "carol@example.org", "Carol Smith", NULL },
  { SIP, "sip:nobody@pbx.example.org", NULL, NULL, NULL },
};

START_TEST (test_lookup)
{
  g_auto (Answer) a = { 0 };
  lookup (lookup_table[_i].k, lookup_table[_i].key, &a);
  ck_assert_msg (a.error == NULL, "%s", a.error ? a.error->message : "");
  if (lookup_table[_i].name == NULL)
    {
      ck_assert_ptr_null (a.identity);
      return;
    }
  ck_assert_msg (a.identity != NULL, "%s not found", lookup_table[_i].key);
  if (*lookup_table[_i].jid)
    ck_assert_str_eq (a.identity->jid, lookup_table[_i].jid);
  else
    ck_assert_ptr_null (a.identity->jid);
  ck_assert_str_eq (a.identity->display_name, lookup_table[_i].name);
  ck_assert_str_eq (a.identity->source, "ldap");
  if (lookup_table[_i].sip_uri)
    ck_assert_str_eq (a.identity->sip_uri, lookup_table[_i].sip_uri);
}
END_TEST

START_TEST (test_search_and_read)
{
  g_auto (Answer) a = { 0 };
  dir->search (dir->self, "Smith", 10, NULL, entries_h, &a);
  wait_answer (&a);
  ck_assert_msg (a.error == NULL, "%s", a.error ? a.error->message : "");
  ck_assert_uint_eq (a.entries->len, 1);
  JgwDirEntry *carol = g_ptr_array_index (a.entries, 0);
  ck_assert_str_eq (carol->name, "Carol Smith");
  ck_assert_str_eq (carol->sip_uri, "sip:carol@pbx.example.org");

  g_auto (Answer) n = { 0 };
  dir->search (dir->self, "5550", 10, NULL, entries_h, &n); /* by number, spaces ignored */
  wait_answer (&n);
  ck_assert_uint_eq (n.entries->len, 1);
  ck_assert_str_eq (((JgwDirEntry *) g_ptr_array_index (n.entries, 0))->name, "Pizza Service");

  g_auto (Answer) r = { 0 };
  dir->read (dir->self, "uid=alice,ou=people,dc=example,dc=org", NULL, entries_h, &r);
  wait_answer (&r);
  ck_assert_uint_eq (r.entries->len, 1);
  JgwDirEntry *alice = g_ptr_array_index (r.entries, 0);
  ck_assert_str_eq (alice->jid, "alice@example.org");
  ck_assert_uint_eq (alice->numbers->len, 2);
  JgwDirNumber *work = g_ptr_array_index (alice->numbers, 0), *mobile = g_ptr_array_index (alice->numbers, 1);
  ck_assert_str_eq (work->number, "+49 30 1234567");
  ck_assert_str_eq (work->description, "work");
  ck_assert_str_eq (mobile->description, "mobile");

  g_auto (Answer) none = { 0 };
  dir->read (dir->self, "uid=nobody,ou=people,dc=example,dc=org", NULL, entries_h, &none);
  wait_answer (&none);
  ck_assert_ptr_null (none.error);
  ck_assert_uint_eq (none.entries->len, 0);
}
END_TEST

START_TEST (test_add_modify)
{
  g_autoptr (GPtrArray) keep = g_ptr_array_new_with_free_func (jgw_dir_entry_free);
  JgwDirEntry *who = jgw_dir_entry_new ();
  g_ptr_array_add (keep, who);
  who->name = g_strdup ("Doctor Who");
  jgw_dir_entry_add_number (who, "+44 20 7946 0958", "work");
  jgw_dir_entry_add_number (who, "+44 7700 900123", "mobile");
  g_auto (Answer) add = { 0 };
  dir->save (dir->self, who, NULL, done_h, &add);
  wait_answer (&add);
  ck_assert_msg (add.error == NULL, "%s", add.error ? add.error->message : "");

  g_auto (Answer) found = { 0 };
  lookup (NUMBER, "+447700900123", &found);
  ck_assert_str_eq (found.identity->display_name, "Doctor Who");

  /* Modify: a new name, only the mobile number left. */
  g_auto (Answer) s = { 0 };
  dir->search (dir->self, "Who", 10, NULL, entries_h, &s);
  wait_answer (&s);
  ck_assert_uint_eq (s.entries->len, 1);
  JgwDirEntry *e = g_ptr_array_index (s.entries, 0);
  ck_assert_str_eq (e->id, "cn=Doctor Who,ou=people,dc=example,dc=org");
  g_free (e->name);
  e->name = g_strdup ("The Doctor");
  g_ptr_array_remove_index (e->numbers, 0);
  g_auto (Answer) mod = { 0 };
  dir->save (dir->self, e, NULL, done_h, &mod);
  wait_answer (&mod);
  ck_assert_msg (mod.error == NULL, "%s", mod.error ? mod.error->message : "");

  g_auto (Answer) gone = { 0 };
  lookup (NUMBER, "+442079460958", &gone);
  ck_assert_ptr_null (gone.identity);
  g_auto (Answer) renamed = { 0 };
  lookup (NUMBER, "+447700900123", &renamed); /* the cache was dropped on save */
  ck_assert_str_eq (renamed.identity->display_name, "The Doctor");

  JgwDirEntry *nameless = jgw_dir_entry_new ();
  g_ptr_array_add (keep, nameless);
  g_auto (Answer) bad = { 0 };
  dir->save (dir->self, nameless, NULL, done_h, &bad);
  wait_answer (&bad);
  ck_assert (g_error_matches (bad.error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT));
}
END_TEST

START_TEST (test_write_not_allowed)
{
  g_autoptr (GError) error = NULL;
  ck_assert (load_plugin ("bind-dn = uid=alice,ou=people,dc=example,dc=org\nbind-password = alicepw\n", &error));
  g_auto (Answer) a = { 0 };
  lookup (JID, "bob@example.org", &a); /* reading is fine */
  ck_assert_ptr_nonnull (a.identity);
  JgwDirEntry *e = jgw_dir_entry_new ();
  e->name = g_strdup ("Not Allowed");
  jgw_dir_entry_add_number (e, "+49 30 111", "work");
  g_auto (Answer) w = { 0 };
  dir->save (dir->self, e, NULL, done_h, &w);
  wait_answer (&w);
  jgw_dir_entry_free (e);
  ck_assert (g_error_matches (w.error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED));
  ck_assert_msg (strstr (w.error->message, "cannot save directory entry 'cn=Not Allowed,ou=people,dc=example,dc=org'")
                     && strstr (w.error->message, "Insufficient access"),
                 "%s", w.error->message);
}
END_TEST

START_TEST (test_wrong_password)
{
  g_autoptr (GError) error = NULL;
  ck_assert (load_plugin ("bind-dn = " JGW_TEST_SLAPD_ROOTDN "\nbind-password = wrong\n", &error));
  g_auto (Answer) a = { 0 };
  lookup (JID, "alice@example.org", &a);
  ck_assert_ptr_null (a.identity);
  ck_assert_ptr_nonnull (a.error);
  g_autofree char *want = g_strdup_printf ("LDAP bind to %s as " JGW_TEST_SLAPD_ROOTDN " failed: Invalid credentials",
                                           slapd->uri);
  ck_assert_msg (strstr (a.error->message, want), "%s", a.error->message);
  ck_assert (strstr (a.error->message, "wrong") == NULL); /* never the password */
}
END_TEST

START_TEST (test_server_restart)
{
  g_auto (Answer) a = { 0 };
  lookup (JID, "alice@example.org", &a);
  ck_assert_ptr_nonnull (a.identity);

  jgw_test_slapd_stop (slapd);
  /* A cached answer still comes; a new question fails clearly, quickly. */
  g_auto (Answer) cached = { 0 };
  lookup (JID, "alice@example.org", &cached);
  ck_assert_ptr_nonnull (cached.identity);
  g_auto (Answer) down = { 0 };
  lookup (JID, "bob@example.org", &down);
  ck_assert_ptr_null (down.identity);
  ck_assert_ptr_nonnull (down.error);
  ck_assert_msg (strstr (down.error->message, slapd->uri) || strstr (down.error->message, "LDAP server"), "%s",
                 down.error->message);

  /* Back again: the same plugin recovers by itself. */
  jgw_test_slapd_restart (slapd);
  g_auto (Answer) back = { 0 };
  lookup (JID, "bob@example.org", &back);
  ck_assert_msg (back.error == NULL, "%s", back.error ? back.error->message : "");
  ck_assert_str_eq (back.identity->display_name, "Bob Builder");

  /* Restart while connected and idle: the next request notices and resends. */
  jgw_test_slapd_stop (slapd);
  jgw_test_slapd_restart (slapd);
  g_auto (Answer) again = { 0 };
  lookup (NUMBER, "+41446681800", &again);
  ck_assert_msg (again.error == NULL, "%s", again.error ? again.error->message : "");
  ck_assert_str_eq (again.identity->jid, "carol@example.org");
}
END_TEST

/* ldaps:// and StartTLS with the server's certificate trusted; the same
 * server is refused when its certificate is not. */
static const struct {
  gboolean ldaps, starttls, trust;
} tls_table[] = {
  { TRUE, FALSE, TRUE },
  { FALSE, TRUE, TRUE },
  { TRUE, FALSE, FALSE },
  { FALSE, TRUE, FALSE },
};

START_TEST (test_tls)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *extra = g_strdup_printf ("starttls = %s\n%s%s\n", tls_table[_i].starttls ? "true" : "false",
                                            tls_table[_i].trust ? "tls-ca-file = " : "",
                                            tls_table[_i].trust ? slapd->ca_file : "");
  ck_assert (load_plugin_uri (tls_table[_i].ldaps ? slapd->ldaps_uri : slapd->uri, extra, &error));
  g_auto (Answer) a = { 0 };
  lookup (JID, "alice@example.org", &a);
  if (tls_table[_i].trust)
    {
      ck_assert_msg (a.error == NULL, "%s", a.error ? a.error->message : "");
      ck_assert_str_eq (a.identity->display_name, "Alice Example");
      return;
    }
  ck_assert_ptr_null (a.identity);
  ck_assert_ptr_nonnull (a.error);
  ck_assert_msg (strstr (a.error->message, "certificate trusted"), "%s", a.error->message);
}
END_TEST

static gboolean
tick_h (gpointer data)
{
  (*(int *) data)++;
  return G_SOURCE_CONTINUE;
}

/* A server that accepts the connection and then says nothing: the request
 * fails after [ldap] timeout while the main loop keeps running. */
START_TEST (test_silent_server)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSocket) sock = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, 0, &error);
  g_autoptr (GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) addr = g_inet_socket_address_new (lo, 0);
  ck_assert (g_socket_bind (sock, addr, TRUE, &error) && g_socket_listen (sock, &error));
  g_autoptr (GSocketAddress) bound = g_socket_get_local_address (sock, &error);
  guint16 port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_autofree char *uri = g_strdup_printf ("ldap://127.0.0.1:%u", port);
  ck_assert (load_plugin_uri (uri, "timeout = 1\n", &error));

  int ticks = 0;
  guint tick = g_timeout_add (50, tick_h, &ticks);
  gint64 t0 = g_get_monotonic_time ();
  g_auto (Answer) a = { 0 };
  lookup (JID, "alice@example.org", &a);
  g_source_remove (tick);
  gint64 ms = (g_get_monotonic_time () - t0) / 1000;
  ck_assert_ptr_null (a.identity);
  ck_assert_msg (a.error && strstr (a.error->message, "within 1 s"), "%s",
                 a.error ? a.error->message : "no error");
  ck_assert_msg (ms >= 900 && ms < 3000, "answered after %" G_GINT64_FORMAT " ms", ms);
  ck_assert_msg (ticks >= 10, "the main loop was blocked (%d ticks)", ticks);
}
END_TEST

START_TEST (test_cancel)
{
  g_autoptr (GCancellable) cancel = g_cancellable_new ();
  g_auto (Answer) a = { 0 };
  dir->by_jid (dir->self, "carol@example.org", cancel, identity_h, &a);
  g_cancellable_cancel (cancel);
  wait_answer (&a);
  ck_assert_ptr_null (a.identity);
  ck_assert (g_error_matches (a.error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
}
END_TEST

static const struct {
  const char *conf, *expect;
} bad_conf[] = {
  { "[ldap]\nbase = dc=x\n", "ldap.conf: [ldap] uri: missing required key" },
  { "[ldap]\nuri = http://127.0.0.1\nbase = dc=x\n", "ldap.conf: [ldap] uri: 'http://127.0.0.1' is not an ldap://" },
  { "[ldap]\nuri = ldap://127.0.0.1\n", "ldap.conf: [ldap] base: missing required key" },
  { "[ldap]\nuri = ldaps://127.0.0.1\nbase = dc=x\nstarttls = true\n", "[ldap] starttls: cannot be used with ldaps://" },
  { "[ldap]\nuri = ldap://127.0.0.1\nbase = dc=x\njid-attribute = uid\n", "[ldap] jid-domain: required when" },
  { "[ldap]\nuri = ldap://127.0.0.1\nbase = dc=x\ncache-ttl = -5\n", "[ldap] cache-ttl: '-5' is not a number" },
  { "[ldap]\nuri = ldap://127.0.0.1\nbase = dc=x\nbind-dn = cn=a\n", "[ldap] bind-password: required with bind-dn" },
  { "[ldap]\nuri = ldap://127.0.0.1\nbase = dc=x\nfilter = objectClass=person\n", "[ldap] filter:" },
};

START_TEST (test_bad_config)
{
  kf = g_key_file_new ();
  ck_assert (g_key_file_load_from_data (kf, bad_conf[_i].conf, (gsize) -1, G_KEY_FILE_NONE, NULL));
  plugins = jgw_plugins_new (kf, "ldap.conf");
  g_autoptr (GError) error = NULL;
  ck_assert (!jgw_plugins_load (plugins, jgw_test_buildpath ("plugins/ldap/.libs"), "ldap", &error));
  ck_assert_msg (strstr (error->message, bad_conf[_i].expect), "%s", error->message);
  ck_assert_ptr_null (jgw_plugins_directory (plugins, "ldap"));
}
END_TEST

/* A user known only through LDAP: the identity API finds her by JID, by
 * the Request-URI of a call to her number, and names her as a caller. */
START_TEST (test_identity_api)
{
  g_autofree char *text = g_strdup_printf ("[component]\njid = sip.example.com\nsecret = s\n"
                                           "[sip]\nlisten = 127.0.0.1:5070\ndomain = example.com\n"
                                           "[dialplan]\ncountry-code = 49\n"
                                           "[identity]\nbackends = ldap\n"
                                           "[ldap]\nuri = %s\nbase = dc=example,dc=org\n", slapd->uri);
  g_autoptr (GError) error = NULL;
  g_autoptr (JgwConfig) config = jgw_config_load_data (text, "it.conf", &error);
  ck_assert_msg (config != NULL, "%s", error ? error->message : "");
  g_autoptr (JgwDialplan) dp = jgw_dialplan_new (config->keyfile, config->path, &error);
  g_autoptr (JgwPlugins) p = jgw_plugins_new (config->keyfile, config->path);
  ck_assert (jgw_plugins_load (p, jgw_test_buildpath ("plugins/ldap/.libs"), "ldap", &error));
  g_autoptr (JgwIdentities) ids = jgw_identities_new (config, NULL, dp, p, &error);
  ck_assert_ptr_nonnull (ids);

  g_auto (Answer) a = { 0 };
  jgw_identities_by_jid (ids, "Alice@example.org", NULL, identity_h, &a);
  wait_answer (&a);
  ck_assert_str_eq (a.identity->sip_uri, "sip:+49301234567@example.com");

  /* An INVITE to her number in national format rings her JID. */
  g_auto (Answer) call = { 0 };
  jgw_identities_by_sip (ids, "sip:030-1234567@example.com;user=phone", NULL, identity_h, &call);
  wait_answer (&call);
  ck_assert_msg (call.identity != NULL, "%s", call.error ? call.error->message : "not found");
  ck_assert_str_eq (call.identity->jid, "alice@example.org");

  g_auto (Answer) caller = { 0 };
  jgw_identities_by_number (ids, "+49305550000", NULL, identity_h, &caller);
  wait_answer (&caller);
  ck_assert_str_eq (caller.identity->display_name, "Pizza Service");

  g_auto (Answer) book = { 0 };
  jgw_identities_search (ids, "Builder", 5, NULL, entries_h, &book);
  wait_answer (&book);
  ck_assert_uint_eq (book.entries->len, 1);
}
END_TEST

static void
teardown_plain (void)
{
  teardown ();
}

int
main (void)
{
  Suite *s = suite_create ("ldap");
  TCase *tc = tcase_create ("directory");
  tcase_set_timeout (tc, 60);
  tcase_add_checked_fixture (tc, setup_admin, teardown);
  tcase_add_loop_test (tc, test_lookup, 0, G_N_ELEMENTS (lookup_table));
  tcase_add_test (tc, test_search_and_read);
  tcase_add_test (tc, test_add_modify);
  tcase_add_test (tc, test_server_restart);
  tcase_add_test (tc, test_identity_api);
  tcase_add_test (tc, test_cancel);
  suite_add_tcase (s, tc);
  TCase *bind = tcase_create ("bind");
  tcase_set_timeout (bind, 60);
  tcase_add_checked_fixture (bind, setup_slapd_only, teardown);
  tcase_add_test (bind, test_write_not_allowed);
  tcase_add_test (bind, test_wrong_password);
  tcase_add_loop_test (bind, test_tls, 0, G_N_ELEMENTS (tls_table));
  suite_add_tcase (s, bind);
  TCase *conf = tcase_create ("config");
  tcase_add_checked_fixture (conf, NULL, teardown_plain);
  tcase_add_loop_test (conf, test_bad_config, 0, G_N_ELEMENTS (bad_conf));
  tcase_add_test (conf, test_silent_server);
  suite_add_tcase (s, conf);
  return jgw_test_run_suite (s);
}
