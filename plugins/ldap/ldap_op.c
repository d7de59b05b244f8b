/* ldap_op.c — LDAP requests: sending, their answers, timeouts, entries. */
#define G_LOG_DOMAIN "jgw-ldap"
#include "ldap_conn_priv.h"

#include <string.h>

GPtrArray *
ld_entry_values (const LdEntry *e, const char *attr)
{
  g_autofree char *key = g_ascii_strdown (attr, -1);
  return g_hash_table_lookup (e->attrs, key);
}

const char *
ld_entry_first (const LdEntry *e, const char *attr)
{
  GPtrArray *v = ld_entry_values (e, attr);
  return v && v->len ? g_ptr_array_index (v, 0) : NULL;
}

static void
entry_free (gpointer p)
{
  LdEntry *e = p;
  g_free (e->dn);
  g_hash_table_unref (e->attrs);
  g_free (e);
}

void
ld_mods_free (LDAPMod **mods)
{
  for (LDAPMod **m = mods; m && *m; m++)
    {
      g_free ((*m)->mod_type);
      g_strfreev ((*m)->mod_values);
      g_free (*m);
    }
  g_free (mods);
}

void
ld_op_free (Op *op)
{
  if (op->timeout_id)
    g_source_remove (op->timeout_id);
  g_free (op->base);
  g_free (op->filter);
  g_strfreev (op->attrs);
  ld_mods_free (op->mods);
  g_ptr_array_unref (op->entries);
  g_free (op->message);
  g_free (op);
}

void
ld_op_finish (Op *op, int rc, const char *message)
{
  op->cb (rc, message, rc == LDAP_SUCCESS ? op->entries : NULL, op->user_data);
  ld_op_free (op);
}

static gboolean
op_finish_idle_h (gpointer data)
{
  Op *op = data;
  op->idle_id = 0;
  g_queue_remove (&op->conn->later, op);
  ld_op_finish (op, op->rc, op->message);
  return G_SOURCE_REMOVE;
}

/* Answer OP from the main loop, not from the current call stack. */
void
ld_op_fail_later (Op *op, int rc, const char *message)
{
  if (op->timeout_id)
    g_source_remove (op->timeout_id);
  op->timeout_id = 0;
  op->rc = rc;
  g_free (op->message);
  op->message = g_strdup (message);
  op->idle_id = g_idle_add (op_finish_idle_h, op);
  g_queue_push_tail (&op->conn->later, op);
}

char *
ld_error (LdConn *c, int rc)
{
  char *diag = NULL;
  if (c->ld)
    ldap_get_option (c->ld, LDAP_OPT_DIAGNOSTIC_MESSAGE, &diag);
  /* libldap fills in "(unknown error code)" when it has nothing to say. */
  gboolean useful = diag && *diag && strcmp (diag, "(unknown error code)") != 0;
  char *msg = useful ? g_strdup_printf ("%s (%s)", ldap_err2string (rc), diag) : g_strdup (ldap_err2string (rc));
  ldap_memfree (diag);
  return msg;
}

/* Send OP now; FALSE if the connection turned out to be dead. */
gboolean
ld_op_send (LdConn *c, Op *op)
{
  int rc;
  struct timeval tv = { (time_t) c->p.timeout, 0 };
  if (op->kind == OP_SEARCH)
    rc = ldap_search_ext (c->ld, op->base, op->scope, op->filter, op->attrs, 0, NULL, NULL, &tv,
                          op->sizelimit, &op->msgid);
  else if (op->kind == OP_ADD)
    rc = ldap_add_ext (c->ld, op->base, op->mods, NULL, NULL, &op->msgid);
  else
    rc = ldap_modify_ext (c->ld, op->base, op->mods, NULL, NULL, &op->msgid);
  if (rc == LDAP_SUCCESS)
    {
      g_hash_table_insert (c->sent, GINT_TO_POINTER (op->msgid), op);
      return TRUE;
    }
  g_autofree char *msg = ld_error (c, rc);
  if (rc == LDAP_SERVER_DOWN || rc == LDAP_CONNECT_ERROR)
    return FALSE;
  ld_op_fail_later (op, rc, msg);
  return TRUE;
}

static LdEntry *
entry_from_msg (LDAP *ld, LDAPMessage *msg)
{
  LdEntry *e = g_new0 (LdEntry, 1);
  char *dn = ldap_get_dn (ld, msg);
  e->dn = g_strdup (dn);
  ldap_memfree (dn);
  e->attrs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  BerElement *ber = NULL;
  for (char *a = ldap_first_attribute (ld, msg, &ber); a; a = ldap_next_attribute (ld, msg, ber))
    {
      struct berval **vals = ldap_get_values_len (ld, msg, a);
      GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
      for (int i = 0; vals && vals[i]; i++)
        g_ptr_array_add (out, g_strndup (vals[i]->bv_val, vals[i]->bv_len));
      ldap_value_free_len (vals);
      g_hash_table_replace (e->attrs, g_ascii_strdown (a, -1), out);
      ldap_memfree (a);
    }
  ber_free (ber, 0);
  return e;
}

int
ld_result_code (LdConn *c, LDAPMessage *msg, char **message)
{
  int rc = LDAP_OTHER;
  char *diag = NULL;
  if (ldap_parse_result (c->ld, msg, &rc, NULL, &diag, NULL, NULL, 0) != LDAP_SUCCESS)
    rc = LDAP_OTHER;
  *message = diag && *diag ? g_strdup_printf ("%s (%s)", ldap_err2string (rc), diag)
                           : g_strdup (ldap_err2string (rc));
  ldap_memfree (diag);
  return rc;
}

static gboolean
op_timeout_h (gpointer data)
{
  Op *op = data;
  LdConn *c = op->conn;
  op->timeout_id = 0;
  if (op->msgid >= 0)
    {
      g_hash_table_remove (c->sent, GINT_TO_POINTER (op->msgid));
      ldap_abandon_ext (c->ld, op->msgid, NULL, NULL);
    }
  else
    g_queue_remove (&c->waiting, op);
  g_autofree char *msg = g_strdup_printf ("no answer from LDAP server %s within %u s", c->p.uri, c->p.timeout);
  ld_op_finish (op, LDAP_TIMEOUT, msg);
  return G_SOURCE_REMOVE;
}

Op *
ld_op_new (LdConn *c, OpKind kind, const char *base, LdDone cb, gpointer user_data)
{
  Op *op = g_new0 (Op, 1);
  op->conn = c;
  op->msgid = -1;
  op->entries = g_ptr_array_new_with_free_func (entry_free);
  op->kind = kind;
  op->base = g_strdup (base);
  op->cb = cb;
  op->user_data = user_data;
  op->timeout_id = g_timeout_add (c->p.timeout * 1000, op_timeout_h, op);
  return op;
}

void
ld_conn_search (LdConn *c, const char *base, int scope, const char *filter, char **attrs, int sizelimit,
                LdDone cb, gpointer user_data)
{
  Op *op = ld_op_new (c, OP_SEARCH, base, cb, user_data);
  op->scope = scope;
  op->filter = g_strdup (filter);
  op->attrs = g_strdupv (attrs);
  op->sizelimit = sizelimit;
  ld_conn_submit (c, op);
}

void
ld_conn_add (LdConn *c, const char *dn, LDAPMod **mods, LdDone cb, gpointer user_data)
{
  Op *op = ld_op_new (c, OP_ADD, dn, cb, user_data);
  op->mods = mods;
  ld_conn_submit (c, op);
}

void
ld_conn_modify (LdConn *c, const char *dn, LDAPMod **mods, LdDone cb, gpointer user_data)
{
  Op *op = ld_op_new (c, OP_MODIFY, dn, cb, user_data);
  op->mods = mods;
  ld_conn_submit (c, op);
}

void
ld_op_message (LdConn *c, Op *op, LDAPMessage *msg)
{
  int type = ldap_msgtype (msg);
  if (type == LDAP_RES_SEARCH_REFERENCE)
    return;
  if (type == LDAP_RES_SEARCH_ENTRY)
    {
      g_ptr_array_add (op->entries, entry_from_msg (c->ld, msg));
      return;
    }
  g_hash_table_remove (c->sent, GINT_TO_POINTER (op->msgid));
  g_autofree char *why = NULL;
  int rc = ld_result_code (c, msg, &why);
  /* A size limit still delivers the entries found so far. */
  if (rc == LDAP_SIZELIMIT_EXCEEDED)
    rc = LDAP_SUCCESS;
  ld_op_finish (op, rc, why);
}
