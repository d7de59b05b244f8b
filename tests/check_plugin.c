/* check_plugin.c — the GModule loader: a good plugin registers a directory
 * backend that answers asynchronously; broken plugins are logged and
 * skipped without leaving registrations behind. */
#include <check.h>
#include <glib.h>
#include <string.h>

#include "harness/harness.h"
#include "plugin.h"
#include "harness/suite.h"

static const char *
plugin_dir (void)
{
  return jgw_test_buildpath ("tests/plugins/.libs");
}

static GKeyFile *
config (void)
{
  GKeyFile *kf = g_key_file_new ();
  g_key_file_load_from_data (kf, "[testdir]\ndomain = example.org\n", (gsize) -1, G_KEY_FILE_NONE, NULL);
  return kf;
}

typedef struct {
  gboolean done;
  JgwIdentity *identity;
} Answer;

static void
answer_h (JgwIdentity *identity, const GError *error, gpointer data)
{
  Answer *a = data;
  ck_assert_ptr_null (error);
  a->identity = identity;
  a->done = TRUE;
}

static gboolean
answered (gpointer data)
{
  return ((Answer *) data)->done;
}

START_TEST (test_good_plugin)
{
  g_autoptr (GKeyFile) kf = config ();
  g_autoptr (JgwPlugins) p = jgw_plugins_new (kf, "test.conf");
  g_autoptr (GError) error = NULL;
  ck_assert_msg (jgw_plugins_load (p, plugin_dir (), "testdir", &error), "%s", error ? error->message : "");
  ck_assert (jgw_plugins_loaded (p, "testdir"));
  const JgwDirectoryBackend *b = jgw_plugins_directory (p, "testdir");
  ck_assert_ptr_nonnull (b);

  Answer a = { 0 };
  b->by_jid (b->self, "alice@example.org", NULL, answer_h, &a);
  ck_assert (!a.done); /* never synchronously */
  ck_assert (jgw_test_wait (answered, &a, 2000));
  ck_assert_str_eq (a.identity->sip_uri, "sip:alice@example.org"); /* read its config group */
  jgw_identity_free (a.identity);

  Answer none = { 0 };
  b->by_jid (b->self, "mallory@example.org", NULL, answer_h, &none);
  ck_assert (jgw_test_wait (answered, &none, 2000));
  ck_assert_ptr_null (none.identity);

  ck_assert (!jgw_plugins_load (p, plugin_dir (), "testdir", &error));
  ck_assert (g_error_matches (error, JGW_PLUGIN_ERROR, JGW_PLUGIN_ERROR_EXISTS));
}
END_TEST

static const struct {
  const char *name;
  JgwPluginError code;
  const char *words;
} bad_table[] = {
  { "testfail", JGW_PLUGIN_ERROR_INIT, "plugin 'testfail' did not start: refusing: test.conf has no server" },
  { "testabi", JGW_PLUGIN_ERROR_ABI, "built for plugin ABI 999, this jinglegw has 1" },
  { "testnosym", JGW_PLUGIN_ERROR_LOAD, "no 'jgw_plugin' descriptor" },
  { "missing", JGW_PLUGIN_ERROR_LOAD, "missing.so" },
  { "../etc/x", JGW_PLUGIN_ERROR_NAME, "'../etc/x' is not a plugin name" },
};

START_TEST (test_bad_plugin)
{
  g_autoptr (GKeyFile) kf = config ();
  g_autoptr (JgwPlugins) p = jgw_plugins_new (kf, "test.conf");
  g_autoptr (GError) error = NULL;
  ck_assert (!jgw_plugins_load (p, plugin_dir (), bad_table[_i].name, &error));
  ck_assert (g_error_matches (error, JGW_PLUGIN_ERROR, bad_table[_i].code));
  ck_assert_msg (strstr (error->message, bad_table[_i].words), "got: %s", error->message);
  ck_assert (!jgw_plugins_loaded (p, bad_table[_i].name));
  ck_assert_ptr_null (jgw_plugins_directory (p, bad_table[_i].name));
}
END_TEST

START_TEST (test_load_all_skips_failures)
{
  g_autoptr (GKeyFile) kf = config ();
  g_autoptr (JgwPlugins) p = jgw_plugins_new (kf, "test.conf");
  const char *const names[] = { "testabi", "testfail", "testdir", "missing", NULL };
  ck_assert_uint_eq (jgw_plugins_load_all (p, plugin_dir (), names), 1);
  ck_assert_ptr_nonnull (jgw_plugins_directory (p, "testdir"));
  ck_assert_ptr_null (jgw_plugins_directory (p, "testfail"));
  ck_assert_uint_eq (jgw_plugins_load_all (p, plugin_dir (), NULL), 0);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("plugin");
  TCase *tc = tcase_create ("plugin");
  tcase_add_checked_fixture (tc, NULL, jgw_test_cleanup);
  tcase_add_test (tc, test_good_plugin);
  tcase_add_loop_test (tc, test_bad_plugin, 0, G_N_ELEMENTS (bad_table));
  tcase_add_test (tc, test_load_all_skips_failures);
  suite_add_tcase (s, tc);
  return jgw_test_run_suite (s);
}
