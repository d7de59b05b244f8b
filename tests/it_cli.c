/* it_cli.c — the command line of interface.md and its exit codes. */
#include <check.h>
#include <string.h>

#include "harness/harness.h"
#include "harness/suite.h"

/* Run the daemon with ARGS; returns its exit status, output in *OUT. */
static int
run (const char *const *args, char **out)
{
  const char *dir = jgw_test_tmpdir ("cli");
  g_autofree char *log = g_build_filename (dir, "out.log", NULL);
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_ptr_array_add (argv, (gpointer) jgw_test_buildpath ("src/jinglegw"));
  for (const char *const *a = args; *a; a++)
    g_ptr_array_add (argv, (gpointer) *a);
  g_ptr_array_add (argv, NULL);
  JgwTestProc *proc = jgw_test_spawn ((const char *const *) argv->pdata, dir, log);
  int status = -1;
  ck_assert (jgw_test_wait_exit (proc, 10000, &status));
  g_file_get_contents (log, out, NULL, NULL);
  return status;
}

START_TEST (test_check_config_ok)
{
  g_autofree char *out = NULL;
  const char *args[] = { "--check-config", "-c", jgw_test_srcpath ("conf/jinglegw.conf.example"), NULL };
  ck_assert_int_eq (run (args, &out), 0);
  ck_assert_ptr_nonnull (strstr (out, "configuration is valid"));
}
END_TEST

START_TEST (test_check_config_bad_port)
{
  g_autofree char *text = NULL;
  ck_assert (g_file_get_contents (jgw_test_srcpath ("conf/jinglegw.conf.example"), &text, NULL, NULL));
  g_autoptr (GString) bad = g_string_new (text);
  ck_assert_uint_eq (g_string_replace (bad, "port = 5347", "port = 99999", 1), 1);
  const char *path = jgw_test_write_file (jgw_test_tmpdir ("cli"), "bad.conf", bad->str);
  g_autofree char *out = NULL;
  const char *args[] = { "--check-config", "-c", path, NULL };
  ck_assert_int_eq (run (args, &out), 2);
  ck_assert_ptr_nonnull (strstr (out, "bad.conf: [component] port: '99999' is out of range"));
}
END_TEST

/* Groups owned by modules (here the dial plan) are checked too. */
START_TEST (test_check_config_bad_route)
{
  g_autofree char *text = NULL;
  ck_assert (g_file_get_contents (jgw_test_srcpath ("conf/jinglegw.conf.example"), &text, NULL, NULL));
  g_autofree char *bad = g_strconcat (text, "\n[route:+49]\ntarget = not a uri\n", NULL);
  const char *path = jgw_test_write_file (jgw_test_tmpdir ("cli"), "route.conf", bad);
  g_autofree char *out = NULL;
  const char *args[] = { "--check-config", "-c", path, NULL };
  ck_assert_int_eq (run (args, &out), 2);
  ck_assert_msg (strstr (out, "[route:+49] target") != NULL, "%s", out);
}
END_TEST

START_TEST (test_missing_file_and_usage)
{
  g_autofree char *out1 = NULL, *out2 = NULL, *out3 = NULL, *out4 = NULL;
  const char *missing[] = { "-c", "/nonexistent/jinglegw.conf", NULL };
  ck_assert_int_eq (run (missing, &out1), 2);
  ck_assert_ptr_nonnull (strstr (out1, "/nonexistent/jinglegw.conf"));
  const char *bogus[] = { "--bogus", NULL };
  ck_assert_int_eq (run (bogus, &out2), 2);
  const char *level[] = { "-l", "loud", "-c", jgw_test_srcpath ("conf/jinglegw.conf.example"), NULL };
  ck_assert_int_eq (run (level, &out3), 2);
  ck_assert_ptr_nonnull (strstr (out3, "unknown log level 'loud'"));
  const char *version[] = { "-V", NULL };
  ck_assert_int_eq (run (version, &out4), 0);
  ck_assert (g_str_has_prefix (out4, "jinglegw "));
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("cli");
  TCase *tc = tcase_create ("cli");
  tcase_set_timeout (tc, 60);
  tcase_add_checked_fixture (tc, NULL, jgw_test_cleanup);
  tcase_add_test (tc, test_check_config_ok);
  tcase_add_test (tc, test_check_config_bad_port);
  tcase_add_test (tc, test_check_config_bad_route);
  tcase_add_test (tc, test_missing_file_and_usage);
  suite_add_tcase (s, tc);
  return jgw_test_run_suite (s);
}
