/* store_accounts.c — in-band registered SIP accounts and per-user settings. */
#define G_LOG_DOMAIN "jgw-store"
#include "identity/store_priv.h"

#include <string.h>

void
jgw_account_free (JgwAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->jid);
  g_free (account->username);
  if (account->password)
    memset (account->password, 0, strlen (account->password));
  g_free (account->password);
  g_free (account->registrar);
  g_free (account->outbound_proxy);
  g_free (account);
}

gboolean
jgw_store_account_set (JgwStore *store, const JgwAccount *a, GError **error)
{
  sqlite3_stmt *s = jgw_store_stmt (store, STMT_ACCOUNT_SET, error);
  if (s == NULL)
    return FALSE;
  jgw_store_bind_str (s, 1, a->jid);
  jgw_store_bind_str (s, 2, a->username);
  jgw_store_bind_str (s, 3, a->password);
  jgw_store_bind_str (s, 4, a->registrar);
  jgw_store_bind_str (s, 5, a->outbound_proxy);
  sqlite3_bind_int64 (s, 6, g_get_real_time () / G_USEC_PER_SEC);
  return jgw_store_step_done (store, s, "cannot save the account", error);
}

static JgwAccount *
account_from_row (sqlite3_stmt *s, gboolean with_password)
{
  JgwAccount *a = g_new0 (JgwAccount, 1);
  a->jid = jgw_store_col_str (s, 0);
  a->username = jgw_store_col_str (s, 1);
  a->has_password = sqlite3_column_type (s, 2) != SQLITE_NULL;
  a->password = with_password ? jgw_store_col_str (s, 2) : NULL;
  a->registrar = jgw_store_col_str (s, 3);
  a->outbound_proxy = jgw_store_col_str (s, 4);
  a->created = sqlite3_column_int64 (s, 5);
  return a;
}

static JgwAccount *
account_fetch (JgwStore *store, const char *jid, gboolean with_password, GError **error)
{
  sqlite3_stmt *s = jgw_store_stmt (store, STMT_ACCOUNT_GET, error);
  if (s == NULL)
    return NULL;
  jgw_store_bind_str (s, 1, jid);
  int rc = sqlite3_step (s);
  JgwAccount *a = rc == SQLITE_ROW ? account_from_row (s, with_password) : NULL;
  if (rc == SQLITE_DONE)
    g_set_error (error, JGW_STORE_ERROR, JGW_STORE_ERROR_NOT_FOUND, "%s has no registered SIP account", jid);
  else if (rc != SQLITE_ROW)
    jgw_store_set_error (store, "cannot read the account", error);
  sqlite3_reset (s);
  return a;
}

JgwAccount *
jgw_store_account_get (JgwStore *store, const char *jid, GError **error)
{
  return account_fetch (store, jid, FALSE, error);
}

JgwAccount *
jgw_store_account_credentials (JgwStore *store, const char *jid, GError **error)
{
  return account_fetch (store, jid, TRUE, error);
}

gboolean
jgw_store_account_remove (JgwStore *store, const char *jid, GError **error)
{
  sqlite3_stmt *s = jgw_store_stmt (store, STMT_ACCOUNT_REMOVE, error);
  if (s == NULL)
    return FALSE;
  jgw_store_bind_str (s, 1, jid);
  if (!jgw_store_step_done (store, s, "cannot remove the account", error))
    return FALSE;
  if (sqlite3_changes (store->db) > 0)
    return TRUE;
  g_set_error (error, JGW_STORE_ERROR, JGW_STORE_ERROR_NOT_FOUND, "%s has no registered SIP account", jid);
  return FALSE;
}

GPtrArray *
jgw_store_account_list (JgwStore *store, GError **error)
{
  sqlite3_stmt *s = jgw_store_stmt (store, STMT_ACCOUNT_LIST, error);
  if (s == NULL)
    return NULL;
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) jgw_account_free);
  int rc;
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    g_ptr_array_add (out, account_from_row (s, TRUE));
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    {
      jgw_store_set_error (store, "cannot list accounts", error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

void
jgw_user_settings_clear (JgwUserSettings *st)
{
  g_clear_pointer (&st->forward_always, g_free);
  g_clear_pointer (&st->forward_busy, g_free);
  g_clear_pointer (&st->forward_no_answer, g_free);
  g_clear_pointer (&st->forward_unavailable, g_free);
  g_clear_pointer (&st->desk_phone, g_free);
}

static void
settings_defaults (JgwUserSettings *out)
{
  *out = (JgwUserSettings){ .dnd = FALSE, .call_waiting = -1, .forward_no_answer_secs = 20 };
}

gboolean
jgw_store_settings_get (JgwStore *store, const char *jid, JgwUserSettings *out, GError **error)
{
  settings_defaults (out);
  sqlite3_stmt *s = jgw_store_stmt (store, STMT_SETTINGS_GET, error);
  if (s == NULL)
    return FALSE;
  jgw_store_bind_str (s, 1, jid);
  int rc = sqlite3_step (s);
  if (rc == SQLITE_ROW)
    {
      out->dnd = sqlite3_column_int (s, 0) != 0;
      out->call_waiting = sqlite3_column_type (s, 1) == SQLITE_NULL ? -1 : sqlite3_column_int (s, 1) != 0;
      out->forward_always = jgw_store_col_str (s, 2);
      out->forward_busy = jgw_store_col_str (s, 3);
      out->forward_no_answer = jgw_store_col_str (s, 4);
      out->forward_no_answer_secs = (guint) sqlite3_column_int (s, 5);
      out->forward_unavailable = jgw_store_col_str (s, 6);
      out->desk_phone = jgw_store_col_str (s, 7);
    }
  sqlite3_reset (s);
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return TRUE;
  jgw_store_set_error (store, "cannot read settings", error);
  return FALSE;
}

gboolean
jgw_store_settings_set (JgwStore *store, const char *jid, const JgwUserSettings *st, GError **error)
{
  sqlite3_stmt *s = jgw_store_stmt (store, STMT_SETTINGS_SET, error);
  if (s == NULL)
    return FALSE;
  jgw_store_bind_str (s, 1, jid);
  sqlite3_bind_int (s, 2, st->dnd ? 1 : 0);
  if (st->call_waiting < 0)
    sqlite3_bind_null (s, 3);
  else
    sqlite3_bind_int (s, 3, st->call_waiting ? 1 : 0);
  jgw_store_bind_str (s, 4, st->forward_always);
  jgw_store_bind_str (s, 5, st->forward_busy);
  jgw_store_bind_str (s, 6, st->forward_no_answer);
  sqlite3_bind_int (s, 7, (int) st->forward_no_answer_secs);
  jgw_store_bind_str (s, 8, st->forward_unavailable);
  jgw_store_bind_str (s, 9, st->desk_phone);
  return jgw_store_step_done (store, s, "cannot save settings", error);
}
