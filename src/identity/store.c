/* store.c — SQLite store: file, schema migrations, statement cache. */
#define G_LOG_DOMAIN "jgw-store"
#include "identity/store_priv.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

G_DEFINE_QUARK (jgw-store-error-quark, jgw_store_error)

/* Migration N takes a file from version N-1 to N; never edit one that has
 * shipped, add the next instead. */
static const char *const migrations[] = {
  NULL,
  /* 1: in-band registered accounts and per-user settings */
  "CREATE TABLE accounts (jid TEXT PRIMARY KEY NOT NULL, username TEXT NOT NULL,"
  "  password TEXT, registrar TEXT NOT NULL, created INTEGER NOT NULL);"
  "CREATE TABLE settings (jid TEXT PRIMARY KEY NOT NULL, dnd INTEGER NOT NULL DEFAULT 0,"
  "  call_waiting INTEGER, forward_always TEXT, forward_busy TEXT, forward_no_answer TEXT,"
  "  forward_no_answer_secs INTEGER NOT NULL DEFAULT 20);",
  /* 2: outbound proxy per account, forward when unavailable, call records */
  "ALTER TABLE accounts ADD COLUMN outbound_proxy TEXT;"
  "ALTER TABLE settings ADD COLUMN forward_unavailable TEXT;"
  "CREATE TABLE calls (id INTEGER PRIMARY KEY, call_id TEXT, user_jid TEXT NOT NULL,"
  "  direction TEXT NOT NULL CHECK (direction IN ('in', 'out')), caller TEXT, callee TEXT,"
  "  start_ms INTEGER NOT NULL, answer_ms INTEGER NOT NULL DEFAULT 0, end_ms INTEGER NOT NULL,"
  "  end_reason TEXT, codec_xmpp TEXT, codec_sip TEXT, loss_xmpp REAL, loss_sip REAL,"
  "  jitter_xmpp REAL, jitter_sip REAL);"
  "CREATE INDEX calls_by_user ON calls (user_jid, start_ms);",
  /* 3: the user's desk phone for click-to-call */
  "ALTER TABLE settings ADD COLUMN desk_phone TEXT;",
  /* 4: where a call forwarded before it rang went */
  "ALTER TABLE calls ADD COLUMN forwarded_to TEXT;",
};
G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == JGW_STORE_SCHEMA_VERSION + 1);

#define CALL_COLUMNS                                                                     \
  "id, call_id, user_jid, direction, caller, callee, start_ms, answer_ms, end_ms, end_reason," \
  " codec_xmpp, codec_sip, loss_xmpp, loss_sip, jitter_xmpp, jitter_sip, forwarded_to"

static const char *const statements[STMT_COUNT] = {
  [STMT_ACCOUNT_SET]
  = "INSERT INTO accounts (jid, username, password, registrar, outbound_proxy, created)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (jid) DO UPDATE SET"
    " username = excluded.username, password = COALESCE (excluded.password, accounts.password),"
    " registrar = excluded.registrar, outbound_proxy = excluded.outbound_proxy",
  [STMT_ACCOUNT_GET] = "SELECT jid, username, password, registrar, outbound_proxy, created"
                       " FROM accounts WHERE jid = ?1",
  [STMT_ACCOUNT_REMOVE] = "DELETE FROM accounts WHERE jid = ?1",
  [STMT_ACCOUNT_LIST] = "SELECT jid, username, password, registrar, outbound_proxy, created"
                        " FROM accounts ORDER BY jid",
  [STMT_SETTINGS_GET] = "SELECT dnd, call_waiting, forward_always, forward_busy, forward_no_answer,"
                         " forward_no_answer_secs, forward_unavailable, desk_phone FROM settings WHERE jid = ?1",
  [STMT_SETTINGS_SET]
  = "INSERT OR REPLACE INTO settings (jid, dnd, call_waiting, forward_always, forward_busy,"
     " forward_no_answer, forward_no_answer_secs, forward_unavailable, desk_phone)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
  [STMT_CALL_ADD]
  = "INSERT INTO calls (call_id, user_jid, direction, caller, callee, start_ms, answer_ms, end_ms,"
    " end_reason, codec_xmpp, codec_sip, loss_xmpp, loss_sip, jitter_xmpp, jitter_sip, forwarded_to)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
  [STMT_CALL_LIST_USER] = "SELECT " CALL_COLUMNS " FROM calls WHERE user_jid = ?1"
                          " ORDER BY start_ms DESC, id DESC LIMIT ?2",
  [STMT_CALL_LIST_ALL] = "SELECT " CALL_COLUMNS " FROM calls ORDER BY start_ms DESC, id DESC LIMIT ?2",
  [STMT_CALL_EXPORT_USER] = "SELECT " CALL_COLUMNS " FROM calls WHERE user_jid = ?1 ORDER BY start_ms, id",
  [STMT_CALL_EXPORT_ALL] = "SELECT " CALL_COLUMNS " FROM calls ORDER BY start_ms, id",
};

void
jgw_store_set_error (JgwStore *store, const char *what, GError **error)
{
  g_set_error (error, JGW_STORE_ERROR, JGW_STORE_ERROR_SQL, "%s: %s: %s", store->path, what,
               sqlite3_errmsg (store->db));
}

sqlite3_stmt *
jgw_store_stmt (JgwStore *store, JgwStoreStmt id, GError **error)
{
  sqlite3_stmt *s = store->stmts[id];
  if (s != NULL)
    {
      sqlite3_reset (s);
      sqlite3_clear_bindings (s);
      return s;
    }
  if (sqlite3_prepare_v3 (store->db, statements[id], -1, SQLITE_PREPARE_PERSISTENT, &s, NULL) != SQLITE_OK)
    {
      jgw_store_set_error (store, "cannot prepare statement", error);
      return NULL;
    }
  store->stmts[id] = s;
  return s;
}

void
jgw_store_bind_str (sqlite3_stmt *stmt, int index, const char *value)
{
  if (value)
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

char *
jgw_store_col_str (sqlite3_stmt *stmt, int index)
{
  const unsigned char *v = sqlite3_column_text (stmt, index);
  return v ? g_strdup ((const char *) v) : NULL;
}

gboolean
jgw_store_step_done (JgwStore *store, sqlite3_stmt *stmt, const char *what, GError **error)
{
  int rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  jgw_store_set_error (store, what, error);
  return FALSE;
}

/* Create the file (and its directory) private before SQLite opens it: it
 * holds SIP passwords. SQLite gives its journal the database's mode. */
static gboolean
ensure_private_file (const char *path, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = -1;
  if (g_mkdir_with_parents (dir, 0700) == 0)
    fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0)
    {
      int e = errno;
      g_set_error (error, JGW_STORE_ERROR, JGW_STORE_ERROR_OPEN, "%s: cannot create: %s", path,
                   g_strerror (e));
      return FALSE;
    }
  struct stat st;
  if (fstat (fd, &st) == 0 && (st.st_mode & 077) != 0)
    {
      g_warning ("%s: was accessible to other users; setting mode 0600", path);
      if (fchmod (fd, 0600) != 0)
        g_warning ("%s: chmod failed: %s", path, g_strerror (errno));
    }
  close (fd);
  return TRUE;
}

static gboolean
exec (JgwStore *store, const char *sql, const char *what, GError **error)
{
  char *msg = NULL;
  if (sqlite3_exec (store->db, sql, NULL, NULL, &msg) == SQLITE_OK)
    return TRUE;
  g_set_error (error, JGW_STORE_ERROR, JGW_STORE_ERROR_SQL, "%s: %s: %s", store->path, what,
               msg ? msg : "unknown error");
  sqlite3_free (msg);
  return FALSE;
}

int
jgw_store_schema_version (JgwStore *store)
{
  sqlite3_stmt *s = NULL;
  int version = -1;
  if (sqlite3_prepare_v2 (store->db, "PRAGMA user_version", -1, &s, NULL) == SQLITE_OK
      && sqlite3_step (s) == SQLITE_ROW)
    version = sqlite3_column_int (s, 0);
  sqlite3_finalize (s);
  return version;
}

/* One transaction per step, so a failed step leaves the previous version. */
static gboolean
migrate (JgwStore *store, GError **error)
{
  int version = jgw_store_schema_version (store);
  if (version < 0)
    {
      jgw_store_set_error (store, "cannot read the schema version", error);
      return FALSE;
    }
  if (version > JGW_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, JGW_STORE_ERROR, JGW_STORE_ERROR_VERSION,
                   "%s: schema version %d is newer than this jinglegw supports (%d)", store->path,
                   version, JGW_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  for (int v = version + 1; v <= JGW_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *what = g_strdup_printf ("migration to schema version %d", v);
      g_autofree char *sql = g_strdup_printf ("BEGIN IMMEDIATE; %s PRAGMA user_version = %d; COMMIT;",
                                              migrations[v], v);
      if (!exec (store, sql, what, error))
        {
          sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
      if (version > 0)
        g_message ("%s: migrated to schema version %d", store->path, v);
    }
  return TRUE;
}

JgwStore *
jgw_store_open (const char *path, GError **error)
{
  if (!ensure_private_file (path, error))
    return NULL;
  g_autoptr (JgwStore) store = g_new0 (JgwStore, 1);
  store->path = g_strdup (path);
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW;
  if (sqlite3_open_v2 (path, &store->db, flags, NULL) != SQLITE_OK)
    {
      g_set_error (error, JGW_STORE_ERROR, JGW_STORE_ERROR_OPEN, "%s: cannot open: %s", path,
                   store->db ? sqlite3_errmsg (store->db) : "out of memory");
      return NULL;
    }
  sqlite3_extended_result_codes (store->db, 1);
  if (!exec (store, "PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;", "setup", error)
      || !migrate (store, error))
    return NULL;
  return g_steal_pointer (&store);
}

void
jgw_store_close (JgwStore *store)
{
  if (store == NULL)
    return;
  for (int i = 0; i < STMT_COUNT; i++)
    sqlite3_finalize (store->stmts[i]);
  sqlite3_close (store->db);
  g_free (store->path);
  g_free (store);
}
