/* store_calls.c — call records and their CSV export. */
#define G_LOG_DOMAIN "jgw-store"
#include "identity/store_priv.h"

#include <string.h>

void
jgw_call_record_free (JgwCallRecord *r)
{
  if (r == NULL)
    return;
  g_free (r->call_id);
  g_free (r->user_jid);
  g_free (r->caller);
  g_free (r->callee);
  g_free (r->end_reason);
  g_free (r->codec_xmpp);
  g_free (r->codec_sip);
  g_free (r->forwarded_to);
  g_free (r);
}

double
jgw_call_record_duration (const JgwCallRecord *r)
{
  if (r->answer <= 0 || r->end < r->answer)
    return 0;
  return (double) (r->end - r->answer) / 1000.0;
}

gboolean
jgw_store_call_add (JgwStore *store, JgwCallRecord *r, GError **error)
{
  sqlite3_stmt *s = jgw_store_stmt (store, STMT_CALL_ADD, error);
  if (s == NULL)
    return FALSE;
  jgw_store_bind_str (s, 1, r->call_id);
  jgw_store_bind_str (s, 2, r->user_jid);
  jgw_store_bind_str (s, 3, r->direction == JGW_CALL_INCOMING ? "in" : "out");
  jgw_store_bind_str (s, 4, r->caller);
  jgw_store_bind_str (s, 5, r->callee);
  sqlite3_bind_int64 (s, 6, r->start);
  sqlite3_bind_int64 (s, 7, r->answer);
  sqlite3_bind_int64 (s, 8, r->end);
  jgw_store_bind_str (s, 9, r->end_reason);
  jgw_store_bind_str (s, 10, r->codec_xmpp);
  jgw_store_bind_str (s, 11, r->codec_sip);
  sqlite3_bind_double (s, 12, r->loss_xmpp);
  sqlite3_bind_double (s, 13, r->loss_sip);
  sqlite3_bind_double (s, 14, r->jitter_xmpp);
  sqlite3_bind_double (s, 15, r->jitter_sip);
  jgw_store_bind_str (s, 16, r->forwarded_to);
  if (!jgw_store_step_done (store, s, "cannot save the call record", error))
    return FALSE;
  r->id = sqlite3_last_insert_rowid (store->db);
  return TRUE;
}

static JgwCallRecord *
record_from_row (sqlite3_stmt *s)
{
  JgwCallRecord *r = g_new0 (JgwCallRecord, 1);
  r->id = sqlite3_column_int64 (s, 0);
  r->call_id = jgw_store_col_str (s, 1);
  r->user_jid = jgw_store_col_str (s, 2);
  r->direction = g_strcmp0 ((const char *) sqlite3_column_text (s, 3), "in") == 0 ? JGW_CALL_INCOMING
                                                                                   : JGW_CALL_OUTGOING;
  r->caller = jgw_store_col_str (s, 4);
  r->callee = jgw_store_col_str (s, 5);
  r->start = sqlite3_column_int64 (s, 6);
  r->answer = sqlite3_column_int64 (s, 7);
  r->end = sqlite3_column_int64 (s, 8);
  r->end_reason = jgw_store_col_str (s, 9);
  r->codec_xmpp = jgw_store_col_str (s, 10);
  r->codec_sip = jgw_store_col_str (s, 11);
  r->loss_xmpp = sqlite3_column_double (s, 12);
  r->loss_sip = sqlite3_column_double (s, 13);
  r->jitter_xmpp = sqlite3_column_double (s, 14);
  r->jitter_sip = sqlite3_column_double (s, 15);
  r->forwarded_to = jgw_store_col_str (s, 16);
  return r;
}

/* Run a call query (?1 user, ?2 limit where the statement has them). */
static GPtrArray *
call_query (JgwStore *store, JgwStoreStmt id, const char *user_jid, gint64 limit, GError **error)
{
  sqlite3_stmt *s = jgw_store_stmt (store, id, error);
  if (s == NULL)
    return NULL;
  if (sqlite3_bind_parameter_count (s) >= 1 && user_jid)
    jgw_store_bind_str (s, 1, user_jid);
  if (sqlite3_bind_parameter_count (s) >= 2)
    sqlite3_bind_int64 (s, 2, limit);
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) jgw_call_record_free);
  int rc;
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    g_ptr_array_add (out, record_from_row (s));
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    {
      jgw_store_set_error (store, "cannot read call records", error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

GPtrArray *
jgw_store_call_list (JgwStore *store, const char *user_jid, guint limit, GError **error)
{
  return call_query (store, user_jid ? STMT_CALL_LIST_USER : STMT_CALL_LIST_ALL, user_jid,
                     limit ? (gint64) limit : -1, error);
}

/* RFC 4180: quote a field when it holds a separator, a quote or a line break;
 * a leading = - @ (or + not starting a number) is prefixed with ' so spreadsheets do not run caller-
 * controlled text (a SIP display name) as a formula. */
static void
csv_field (GString *out, const char *v, gboolean last)
{
  v = v ? v : "";
  gboolean formula = v[0] == '=' || v[0] == '-' || v[0] == '@' || (v[0] == '+' && !g_ascii_isdigit (v[1]));
  if (strpbrk (v, ",\"\r\n") != NULL || formula)
    {
      g_string_append_c (out, '"');
      if (formula)
        g_string_append_c (out, '\'');
      for (const char *p = v; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, v);
  g_string_append (out, last ? "\r\n" : ",");
}

static char *
iso_time (gint64 ms)
{
  if (ms <= 0)
    return g_strdup ("");
  g_autoptr (GDateTime) t = g_date_time_new_from_unix_utc (ms / 1000);
  return g_date_time_format (t, "%Y-%m-%dT%H:%M:%SZ");
}

static void
csv_row (GString *out, const JgwCallRecord *r)
{
  g_autofree char *start = iso_time (r->start), *answer = iso_time (r->answer), *end = iso_time (r->end);
  char num[6][G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd (num[0], sizeof num[0], "%.3f", jgw_call_record_duration (r));
  g_ascii_formatd (num[1], sizeof num[1], "%.4f", r->loss_xmpp);
  g_ascii_formatd (num[2], sizeof num[2], "%.4f", r->loss_sip);
  g_ascii_formatd (num[3], sizeof num[3], "%.1f", r->jitter_xmpp);
  g_ascii_formatd (num[4], sizeof num[4], "%.1f", r->jitter_sip);
  const char *fields[] = { r->call_id, r->user_jid, r->direction == JGW_CALL_INCOMING ? "in" : "out",
                           r->caller, r->callee, start, answer, end, num[0], r->end_reason,
                           r->codec_xmpp, r->codec_sip, num[1], num[2], num[3], num[4] };
  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    csv_field (out, fields[i], i + 1 == G_N_ELEMENTS (fields));
}

char *
jgw_store_calls_csv (JgwStore *store, const char *user_jid, GError **error)
{
  g_autoptr (GPtrArray) rows
      = call_query (store, user_jid ? STMT_CALL_EXPORT_USER : STMT_CALL_EXPORT_ALL, user_jid, 0, error);
  if (rows == NULL)
    return NULL;
  GString *out = g_string_new ("call_id,user,direction,caller,callee,start,answer,end,duration_s,"
                               "end_reason,codec_xmpp,codec_sip,loss_xmpp,loss_sip,jitter_xmpp_ms,"
                               "jitter_sip_ms\r\n");
  for (guint i = 0; i < rows->len; i++)
    csv_row (out, g_ptr_array_index (rows, i));
  return g_string_free (out, FALSE);
}
