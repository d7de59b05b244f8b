/* check_store.c — the SQLite store: private file, schema migration from an
 * old file, accounts without leaking passwords, settings, call records and
 * their CSV export. */
#include <check.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "harness/harness.h"
#include "identity/store.h"
#include "harness/suite.h"

static char *
db_path (const char *name)
{
  return g_build_filename (jgw_test_tmpdir ("store"), "sub", name, NULL);
}

static JgwStore *
open_ok (const char *path)
{
  g_autoptr (GError) error = NULL;
  JgwStore *s = jgw_store_open (path, &error);
  ck_assert_msg (s != NULL, "%s", error ? error->message : "");
  return s;
}

START_TEST (test_private_file)
{
  g_autofree char *path = db_path ("new.db");
  g_autoptr (JgwStore) s = open_ok (path);
  struct stat st;
  ck_assert_int_eq (g_stat (path, &st), 0);
  ck_assert_uint_eq (st.st_mode & 0777, 0600);
  g_autofree char *dir = g_path_get_dirname (path);
  ck_assert_int_eq (g_stat (dir, &st), 0);
  ck_assert_uint_eq (st.st_mode & 0777, 0700);
  ck_assert_int_eq (jgw_store_schema_version (s), JGW_STORE_SCHEMA_VERSION);
}
END_TEST

START_TEST (test_loose_mode_tightened)
{
  g_autofree char *path = db_path ("loose.db");
  g_autofree char *dir = g_path_get_dirname (path);
  g_mkdir_with_parents (dir, 0700);
  ck_assert (g_file_set_contents (path, "", 0, NULL));
  ck_assert_int_eq (g_chmod (path, 0644), 0);
  g_autoptr (JgwStore) s = open_ok (path);
  struct stat st;
  ck_assert_int_eq (g_stat (path, &st), 0);
  ck_assert_uint_eq (st.st_mode & 0777, 0600);
}
END_TEST

static void
account_fill (JgwAccount *a, const char *jid, const char *password)
{
  *a = (JgwAccount){ .jid = (char *) jid, .username = (char *) "alice", .password = (char *) password,
                     .registrar = (char *) "sip:127.0.0.1:5060", .outbound_proxy = NULL };
}

START_TEST (test_accounts)
{
  g_autofree char *path = db_path ("acc.db");
  g_autoptr (JgwStore) s = open_ok (path);
  g_autoptr (GError) error = NULL;
  JgwAccount in;
  account_fill (&in, "alice@example.com", "s3cret-pw");
  ck_assert (jgw_store_account_set (s, &in, &error));

  /* What XMPP replies are built from has no password in it. */
  g_autoptr (JgwAccount) shown = jgw_store_account_get (s, "alice@example.com", &error);
  ck_assert_ptr_nonnull (shown);
  ck_assert_ptr_null (shown->password);
  ck_assert (shown->has_password);
  ck_assert_str_eq (shown->username, "alice");
  ck_assert_str_eq (shown->registrar, "sip:127.0.0.1:5060");
  ck_assert (shown->created > 0);

  /* Changing the registrar without sending the password keeps it. */
  in.password = NULL;
  in.registrar = (char *) "sip:192.0.2.1";
  in.outbound_proxy = (char *) "sip:192.0.2.2;lr";
  ck_assert (jgw_store_account_set (s, &in, &error));
  g_autoptr (JgwAccount) cred = jgw_store_account_credentials (s, "alice@example.com", &error);
  ck_assert_str_eq (cred->password, "s3cret-pw");
  ck_assert_str_eq (cred->registrar, "sip:192.0.2.1");
  ck_assert_str_eq (cred->outbound_proxy, "sip:192.0.2.2;lr");

  account_fill (&in, "bob@example.com", NULL);
  ck_assert (jgw_store_account_set (s, &in, &error));
  g_autoptr (GPtrArray) all = jgw_store_account_list (s, &error);
  ck_assert_uint_eq (all->len, 2);
  JgwAccount *bob = g_ptr_array_index (all, 1);
  ck_assert_str_eq (bob->jid, "bob@example.com");
  ck_assert (!bob->has_password);

  ck_assert (jgw_store_account_remove (s, "alice@example.com", &error));
  ck_assert (!jgw_store_account_remove (s, "alice@example.com", &error));
  ck_assert (g_error_matches (error, JGW_STORE_ERROR, JGW_STORE_ERROR_NOT_FOUND));
  g_clear_error (&error);
  ck_assert_ptr_null (jgw_store_account_get (s, "alice@example.com", &error));
  ck_assert (g_error_matches (error, JGW_STORE_ERROR, JGW_STORE_ERROR_NOT_FOUND));
}
END_TEST

START_TEST (test_settings)
{
  g_autofree char *path = db_path ("set.db");
  g_autoptr (GError) error = NULL;
  {
    g_autoptr (JgwStore) s = open_ok (path);
    g_auto (JgwUserSettings) def = { 0 };
    ck_assert (jgw_store_settings_get (s, "alice@example.com", &def, &error));
    ck_assert (!def.dnd);
    ck_assert_int_eq (def.call_waiting, -1);
    ck_assert_ptr_null (def.forward_always);
    ck_assert_uint_eq (def.forward_no_answer_secs, 20);
    JgwUserSettings in = { .dnd = TRUE, .call_waiting = 0, .forward_busy = (char *) "+4930123456",
                           .forward_no_answer = (char *) "voicemail", .forward_no_answer_secs = 15,
                           .forward_unavailable = (char *) "bob@example.com",
                           .desk_phone = (char *) "sip:alice-desk@192.0.2.10" };
    ck_assert (jgw_store_settings_set (s, "alice@example.com", &in, &error));
  }
  /* Survives closing and reopening. */
  g_autoptr (JgwStore) s = open_ok (path);
  g_auto (JgwUserSettings) out = { 0 };
  ck_assert (jgw_store_settings_get (s, "alice@example.com", &out, &error));
  ck_assert (out.dnd);
  ck_assert_int_eq (out.call_waiting, 0);
  ck_assert_ptr_null (out.forward_always);
  ck_assert_str_eq (out.forward_busy, "+4930123456");
  ck_assert_str_eq (out.forward_no_answer, "voicemail");
  ck_assert_uint_eq (out.forward_no_answer_secs, 15);
  ck_assert_str_eq (out.forward_unavailable, "bob@example.com");
  ck_assert_str_eq (out.desk_phone, "sip:alice-desk@192.0.2.10");
}
END_TEST

static void
add_call (JgwStore *s, const char *user, const char *callee, gint64 start, gint64 answer, const char *reason)
{
  JgwCallRecord r = { .call_id = (char *) "c1", .user_jid = (char *) user, .direction = JGW_CALL_OUTGOING,
                      .caller = (char *) user, .callee = (char *) callee, .start = start,
                      .answer = answer, .end = start + 65500, .end_reason = (char *) reason,
                      .codec_xmpp = (char *) "opus/48000", .codec_sip = (char *) "PCMA/8000",
                      .loss_xmpp = 0.01, .loss_sip = 0.0, .jitter_xmpp = 3.5, .jitter_sip = 12.25 };
  g_autoptr (GError) error = NULL;
  ck_assert_msg (jgw_store_call_add (s, &r, &error), "%s", error ? error->message : "");
  ck_assert (r.id > 0);
}

START_TEST (test_calls)
{
  g_autofree char *path = db_path ("calls.db");
  g_autoptr (JgwStore) s = open_ok (path);
  gint64 t0 = 1795000000000; /* 2026-11-18T11:06:40Z */
  add_call (s, "alice@example.com", "+4930123456@sip.example.com", t0, t0 + 5500, "hangup");
  add_call (s, "alice@example.com", "Smith, \"J\"", t0 + 100000, 0, "no-answer");
  add_call (s, "bob@example.com", "=HYPERLINK(\"x\")", t0 + 200000, 0, "busy");
  g_autoptr (GError) error = NULL;

  g_autoptr (GPtrArray) alice = jgw_store_call_list (s, "alice@example.com", 10, &error);
  ck_assert_uint_eq (alice->len, 2);
  JgwCallRecord *newest = g_ptr_array_index (alice, 0);
  ck_assert_str_eq (newest->end_reason, "no-answer");
  ck_assert (jgw_call_record_duration (newest) == 0);
  JgwCallRecord *first = g_ptr_array_index (alice, 1);
  ck_assert_int_eq (first->direction, JGW_CALL_OUTGOING);
  ck_assert (jgw_call_record_duration (first) == 60.0);
  ck_assert_str_eq (first->codec_sip, "PCMA/8000");
  ck_assert (first->jitter_sip == 12.25);
  g_autoptr (GPtrArray) last = jgw_store_call_list (s, NULL, 1, &error);
  ck_assert_uint_eq (last->len, 1);
  ck_assert_str_eq (((JgwCallRecord *) g_ptr_array_index (last, 0))->user_jid, "bob@example.com");

  g_autofree char *csv = jgw_store_calls_csv (s, "alice@example.com", &error);
  ck_assert_ptr_nonnull (csv);
  g_auto (GStrv) lines = g_strsplit (csv, "\r\n", -1);
  ck_assert_uint_eq (g_strv_length (lines), 4); /* header, 2 rows, empty tail */
  ck_assert (g_str_has_prefix (lines[0], "call_id,user,direction,caller,callee,start,"));
  ck_assert_str_eq (lines[1], "c1,alice@example.com,out,alice@example.com,+4930123456@sip.example.com,"
                              "2026-11-18T11:06:40Z,2026-11-18T11:06:45Z,2026-11-18T11:07:45Z,60.000,"
                              "hangup,opus/48000,PCMA/8000,0.0100,0.0000,3.5,12.2");
  ck_assert (strstr (lines[2], ",\"Smith, \"\"J\"\"\",") != NULL);
  g_autofree char *all = jgw_store_calls_csv (s, NULL, &error);
  ck_assert (strstr (all, ",\"'=HYPERLINK(\"\"x\"\")\",") != NULL);
}
END_TEST

/* The schema as version 1 shipped it, with data in it. */
static const char v1_file[]
    = "CREATE TABLE accounts (jid TEXT PRIMARY KEY NOT NULL, username TEXT NOT NULL,"
      "  password TEXT, registrar TEXT NOT NULL, created INTEGER NOT NULL);"
      "CREATE TABLE settings (jid TEXT PRIMARY KEY NOT NULL, dnd INTEGER NOT NULL DEFAULT 0,"
      "  call_waiting INTEGER, forward_always TEXT, forward_busy TEXT, forward_no_answer TEXT,"
      "  forward_no_answer_secs INTEGER NOT NULL DEFAULT 20);"
      "INSERT INTO accounts VALUES ('carol@example.com', 'carol', 'pw1', 'sip:127.0.0.1', 1700000000);"
      "INSERT INTO settings (jid, dnd, forward_always) VALUES ('carol@example.com', 1, '1000');"
      "PRAGMA user_version = 1;";

static void
write_db (const char *path, const char *sql)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_mkdir_with_parents (dir, 0700);
  sqlite3 *db = NULL;
  ck_assert_int_eq (sqlite3_open (path, &db), SQLITE_OK);
  ck_assert_int_eq (sqlite3_exec (db, sql, NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close (db);
}

START_TEST (test_migrate_from_v1)
{
  g_autofree char *path = db_path ("v1.db");
  write_db (path, v1_file);
  g_autoptr (JgwStore) s = open_ok (path);
  ck_assert_int_eq (jgw_store_schema_version (s), JGW_STORE_SCHEMA_VERSION);
  g_autoptr (GError) error = NULL;
  g_autoptr (JgwAccount) a = jgw_store_account_credentials (s, "carol@example.com", &error);
  ck_assert_ptr_nonnull (a);
  ck_assert_str_eq (a->password, "pw1");
  ck_assert_ptr_null (a->outbound_proxy);
  ck_assert_int_eq (a->created, 1700000000);
  g_auto (JgwUserSettings) st = { 0 };
  ck_assert (jgw_store_settings_get (s, "carol@example.com", &st, &error));
  ck_assert (st.dnd);
  ck_assert_str_eq (st.forward_always, "1000");
  ck_assert_ptr_null (st.forward_unavailable);
  ck_assert_ptr_null (st.desk_phone);
  add_call (s, "carol@example.com", "1000", 1795000000000, 0, "busy");
}
END_TEST

START_TEST (test_refuses_bad_files)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *newer = db_path ("v99.db");
  write_db (newer, "CREATE TABLE x (y); PRAGMA user_version = 99;");
  ck_assert_ptr_null (jgw_store_open (newer, &error));
  ck_assert (g_error_matches (error, JGW_STORE_ERROR, JGW_STORE_ERROR_VERSION));
  ck_assert (strstr (error->message, "schema version 99 is newer") != NULL);
  g_clear_error (&error);

  g_autofree char *junk = db_path ("junk.db");
  g_autofree char *dir = g_path_get_dirname (junk);
  g_mkdir_with_parents (dir, 0700);
  ck_assert (g_file_set_contents (junk, "this is not an SQLite file, just text..........", -1, NULL));
  ck_assert_ptr_null (jgw_store_open (junk, &error));
  ck_assert (g_error_matches (error, JGW_STORE_ERROR, JGW_STORE_ERROR_SQL));
  ck_assert (strstr (error->message, junk) != NULL);
  g_clear_error (&error);

  ck_assert_ptr_null (jgw_store_open ("/dev/null/x/y.db", &error));
  ck_assert (g_error_matches (error, JGW_STORE_ERROR, JGW_STORE_ERROR_OPEN));
  ck_assert (strstr (error->message, "/dev/null/x/y.db: cannot create") != NULL);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("store");
  TCase *tc = tcase_create ("store");
  tcase_add_checked_fixture (tc, NULL, jgw_test_cleanup);
  tcase_add_test (tc, test_private_file);
  tcase_add_test (tc, test_loose_mode_tightened);
  tcase_add_test (tc, test_accounts);
  tcase_add_test (tc, test_settings);
  tcase_add_test (tc, test_calls);
  tcase_add_test (tc, test_migrate_from_v1);
  tcase_add_test (tc, test_refuses_bad_files);
  suite_add_tcase (s, tc);
  return jgw_test_run_suite (s);
}
