/* ldap_conn.c — asynchronous LDAP on the main loop (see ldap_conn.h). */
#define G_LOG_DOMAIN "jgw-ldap"
#include "ldap_conn.h"

#include <glib-unix.h>
#include <string.h>

typedef enum { OP_SEARCH, OP_ADD, OP_MODIFY } OpKind;
typedef enum { CONN_DOWN, CONN_TLS, CONN_BINDING, CONN_UP } ConnState;

typedef struct {
  LdConn *conn;
  OpKind kind;
  char *base; /* search base, or the DN to add/modify */
  int scope;
  char *filter;
  char **attrs;
  int sizelimit;
  LDAPMod **mods;
  int msgid;        /* -1 until sent */
  gboolean retried;
  GPtrArray *entries; /* of LdEntry* */
  guint timeout_id;
  LdDone cb;
  gpointer user_data;
  int rc;           /* for answers given from an idle */
  char *message;
  guint idle_id;    /* set while such an answer is scheduled */
} Op;

struct _LdConn {
  LdConnParams p;   /* strings owned */
  LDAP *ld;
  ConnState state;
  int setup_msgid;  /* StartTLS or bind request */
  GSource *watch;
  guint setup_timeout_id;
  GQueue waiting;   /* of Op*, not sent yet */
  GHashTable *sent; /* msgid -> Op* */
  GQueue later;     /* of Op*, answers scheduled from an idle */
};

static void conn_open (LdConn *c);
static void conn_watch (LdConn *c, GIOCondition cond);

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

static void
op_free (Op *op)
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

static void
op_finish (Op *op, int rc, const char *message)
{
  op->cb (rc, message, rc == LDAP_SUCCESS ? op->entries : NULL, op->user_data);
  op_free (op);
}

static gboolean
op_finish_idle_h (gpointer data)
{
  Op *op = data;
  op->idle_id = 0;
  g_queue_remove (&op->conn->later, op);
  op_finish (op, op->rc, op->message);
  return G_SOURCE_REMOVE;
}

/* Answer OP from the main loop, not from the current call stack. */
static void
op_fail_later (Op *op, int rc, const char *message)
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

static void
fail_waiting (LdConn *c, int rc, const char *message)
{
  Op *op;
  while ((op = g_queue_pop_head (&c->waiting)))
    op_fail_later (op, rc, message);
}

/* Drop the connection. Searches that were out are sent again once over a
 * new connection; writes are not (the server may have done them). */
static void
conn_close (LdConn *c, const char *why)
{
  if (c->watch)
    {
      g_source_destroy (c->watch);
      g_clear_pointer (&c->watch, g_source_unref);
    }
  if (c->setup_timeout_id)
    g_source_remove (c->setup_timeout_id);
  c->setup_timeout_id = 0;
  if (c->ld)
    ldap_unbind_ext (c->ld, NULL, NULL);
  c->ld = NULL;
  c->state = CONN_DOWN;
  GHashTableIter it;
  gpointer v;
  g_hash_table_iter_init (&it, c->sent);
  while (g_hash_table_iter_next (&it, NULL, &v))
    {
      Op *op = v;
      g_hash_table_iter_remove (&it);
      op->msgid = -1;
      if (op->kind == OP_SEARCH && !op->retried && why != NULL)
        {
          op->retried = TRUE;
          g_ptr_array_set_size (op->entries, 0);
          g_queue_push_tail (&c->waiting, op);
        }
      else
        op_fail_later (op, LDAP_SERVER_DOWN, why ? why : "LDAP connection closed");
    }
}

static char *
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

/* Why connecting failed, in words; libldap reports a refused certificate
 * only as a connect error, so say where to look when TLS was involved. */
static char *
connect_error (LdConn *c, int rc)
{
  g_autofree char *why = ld_error (c, rc);
  gboolean tls = c->p.starttls || g_str_has_prefix (c->p.uri, "ldaps://");
  return g_strdup_printf ("cannot reach LDAP server %s: %s%s", c->p.uri, why,
                          tls ? " (TLS: is the server certificate trusted? see tls-ca-file, tls-verify)" : "");
}

/* Send OP now; FALSE if the connection turned out to be dead. */
static gboolean
op_send (LdConn *c, Op *op)
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
  op_fail_later (op, rc, msg);
  return TRUE;
}

static void
flush_waiting (LdConn *c)
{
  Op *op;
  while (c->state == CONN_UP && (op = g_queue_pop_head (&c->waiting)))
    if (!op_send (c, op))
      {
        /* The server went away while we were idle: reconnect and resend. */
        g_queue_push_head (&c->waiting, op);
        conn_close (c, "LDAP server went away");
        conn_open (c);
        return;
      }
}

static void
submit (LdConn *c, Op *op)
{
  op->conn = c;
  op->msgid = -1;
  op->entries = g_ptr_array_new_with_free_func (entry_free);
  g_queue_push_tail (&c->waiting, op);
  if (c->state == CONN_DOWN)
    conn_open (c);
  else
    flush_waiting (c);
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

static int
result_code (LdConn *c, LDAPMessage *msg, char **message)
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

static void
bind_send (LdConn *c)
{
  struct berval cred = { 0, NULL };
  if (c->p.bind_password)
    cred = (struct berval){ strlen (c->p.bind_password), (char *) c->p.bind_password };
  int rc = ldap_sasl_bind (c->ld, c->p.bind_dn, LDAP_SASL_SIMPLE, &cred, NULL, NULL, &c->setup_msgid);
  c->state = CONN_BINDING;
  if (rc != LDAP_SUCCESS)
    {
      g_autofree char *msg = connect_error (c, rc);
      g_warning ("%s", msg);
      conn_close (c, NULL);
      fail_waiting (c, rc, msg);
    }
}

/* The answer to StartTLS or to the bind. */
static void
setup_answer (LdConn *c, LDAPMessage *msg)
{
  g_autofree char *why = NULL;
  int rc = result_code (c, msg, &why);
  if (rc == LDAP_SUCCESS && c->state == CONN_TLS)
    {
      /* The TLS handshake itself is synchronous in libldap; it is bounded
       * by LDAP_OPT_NETWORK_TIMEOUT. */
      rc = ldap_install_tls (c->ld);
      if (rc == LDAP_SUCCESS)
        {
          bind_send (c);
          return;
        }
      g_free (why);
      g_autofree char *detail = ld_error (c, rc);
      why = g_strdup_printf ("%s (is the server certificate trusted? see tls-ca-file, tls-verify)", detail);
    }
  if (rc == LDAP_SUCCESS)
    {
      c->state = CONN_UP;
      g_source_remove (c->setup_timeout_id);
      c->setup_timeout_id = 0;
      g_debug ("bound to %s as %s", c->p.uri, c->p.bind_dn ? c->p.bind_dn : "anonymous");
      conn_watch (c, G_IO_IN);
      flush_waiting (c);
      return;
    }
  g_autofree char *text = c->state == CONN_TLS
                              ? g_strdup_printf ("StartTLS with %s failed: %s", c->p.uri, why)
                              : g_strdup_printf ("LDAP bind to %s as %s failed: %s", c->p.uri,
                                                 c->p.bind_dn ? c->p.bind_dn : "anonymous", why);
  g_warning ("%s", text);
  conn_close (c, NULL);
  fail_waiting (c, rc, text);
}

static void
handle_message (LdConn *c, LDAPMessage *msg)
{
  int msgid = ldap_msgid (msg);
  if (c->state != CONN_UP && msgid == c->setup_msgid)
    {
      setup_answer (c, msg);
      return;
    }
  Op *op = g_hash_table_lookup (c->sent, GINT_TO_POINTER (msgid));
  int type = ldap_msgtype (msg);
  if (op == NULL || type == LDAP_RES_SEARCH_REFERENCE)
    return;
  if (type == LDAP_RES_SEARCH_ENTRY)
    {
      g_ptr_array_add (op->entries, entry_from_msg (c->ld, msg));
      return;
    }
  g_hash_table_remove (c->sent, GINT_TO_POINTER (msgid));
  g_autofree char *why = NULL;
  int rc = result_code (c, msg, &why);
  /* A size limit still delivers the entries found so far. */
  if (rc == LDAP_SIZELIMIT_EXCEEDED)
    rc = LDAP_SUCCESS;
  op_finish (op, rc, why);
}

/* Read every answer libldap has (it may buffer more than one). */
static gboolean
readable_h (gint fd, GIOCondition cond, gpointer data)
{
  LdConn *c = data;
  struct timeval zero = { 0, 0 };
  for (;;)
    {
      LDAPMessage *msg = NULL;
      int rc = ldap_result (c->ld, LDAP_RES_ANY, LDAP_MSG_ONE, &zero, &msg);
      if (rc == 0)
        break;
      if (rc < 0)
        {
          g_message ("LDAP server %s went away; reconnecting when needed", c->p.uri);
          conn_close (c, "LDAP server went away");
          if (!g_queue_is_empty (&c->waiting))
            conn_open (c);
          return G_SOURCE_REMOVE;
        }
      handle_message (c, msg);
      ldap_msgfree (msg);
      if (c->ld == NULL) /* closed while handling */
        return G_SOURCE_REMOVE;
    }
  if (c->state != CONN_UP && (cond & G_IO_OUT))
    conn_watch (c, G_IO_IN); /* connected: from now on only answers matter */
  return G_SOURCE_CONTINUE;
}

static void
conn_watch (LdConn *c, GIOCondition cond)
{
  ber_socket_t fd = -1;
  if (c->watch)
    {
      g_source_destroy (c->watch);
      g_clear_pointer (&c->watch, g_source_unref);
    }
  if (ldap_get_option (c->ld, LDAP_OPT_DESC, &fd) != LDAP_OPT_SUCCESS || fd < 0)
    return;
  c->watch = g_unix_fd_source_new (fd, cond | G_IO_HUP | G_IO_ERR);
  g_source_set_callback (c->watch, G_SOURCE_FUNC (readable_h), c, NULL);
  g_source_attach (c->watch, NULL);
}

static gboolean
setup_timeout_h (gpointer data)
{
  LdConn *c = data;
  c->setup_timeout_id = 0;
  g_autofree char *msg = g_strdup_printf ("LDAP server %s did not answer within %u s", c->p.uri, c->p.timeout);
  g_warning ("%s", msg);
  conn_close (c, NULL);
  fail_waiting (c, LDAP_TIMEOUT, msg);
  return G_SOURCE_REMOVE;
}

static gboolean
set_options (LdConn *c)
{
  int version = LDAP_VERSION3;
  struct timeval net = { (time_t) c->p.timeout, 0 };
  int require = c->p.tls_verify ? LDAP_OPT_X_TLS_DEMAND : LDAP_OPT_X_TLS_NEVER;
  int newctx = 0;
  gboolean ok = ldap_set_option (c->ld, LDAP_OPT_PROTOCOL_VERSION, &version) == LDAP_OPT_SUCCESS
                && ldap_set_option (c->ld, LDAP_OPT_REFERRALS, LDAP_OPT_OFF) == LDAP_OPT_SUCCESS
                && ldap_set_option (c->ld, LDAP_OPT_NETWORK_TIMEOUT, &net) == LDAP_OPT_SUCCESS
                /* connect() must not block the loop: libldap finishes it when
                 * the socket becomes writable and we call ldap_result(). */
                && ldap_set_option (c->ld, LDAP_OPT_CONNECT_ASYNC, LDAP_OPT_ON) == LDAP_OPT_SUCCESS
                && ldap_set_option (c->ld, LDAP_OPT_X_TLS_REQUIRE_CERT, &require) == LDAP_OPT_SUCCESS;
  if (ok && c->p.tls_ca_file)
    ok = ldap_set_option (c->ld, LDAP_OPT_X_TLS_CACERTFILE, c->p.tls_ca_file) == LDAP_OPT_SUCCESS;
  if (ok)
    ok = ldap_set_option (c->ld, LDAP_OPT_X_TLS_NEWCTX, &newctx) == LDAP_OPT_SUCCESS;
  return ok;
}

static void
conn_open (LdConn *c)
{
  int rc = ldap_initialize (&c->ld, c->p.uri);
  if (rc != LDAP_SUCCESS || !set_options (c))
    {
      g_autofree char *msg = g_strdup_printf ("cannot set up LDAP for %s: %s", c->p.uri, ldap_err2string (rc));
      conn_close (c, NULL);
      fail_waiting (c, rc ? rc : LDAP_OTHER, msg);
      return;
    }
  c->setup_timeout_id = g_timeout_add_seconds (c->p.timeout, setup_timeout_h, c);
  if (c->p.starttls)
    {
      c->state = CONN_TLS;
      rc = ldap_start_tls (c->ld, NULL, NULL, &c->setup_msgid);
      if (rc != LDAP_SUCCESS)
        {
          g_autofree char *msg = connect_error (c, rc);
          g_warning ("%s", msg);
          conn_close (c, NULL);
          fail_waiting (c, rc, msg);
          return;
        }
    }
  else
    bind_send (c);
  if (c->ld != NULL)
    conn_watch (c, G_IO_IN | G_IO_OUT);
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
  op_finish (op, LDAP_TIMEOUT, msg);
  return G_SOURCE_REMOVE;
}

static Op *
op_new (LdConn *c, OpKind kind, const char *base, LdDone cb, gpointer user_data)
{
  Op *op = g_new0 (Op, 1);
  op->conn = c;
  op->kind = kind;
  op->base = g_strdup (base);
  op->cb = cb;
  op->user_data = user_data;
  op->timeout_id = g_timeout_add_seconds (c->p.timeout, op_timeout_h, op);
  return op;
}

void
ld_conn_search (LdConn *c, const char *base, int scope, const char *filter, char **attrs, int sizelimit,
                LdDone cb, gpointer user_data)
{
  Op *op = op_new (c, OP_SEARCH, base, cb, user_data);
  op->scope = scope;
  op->filter = g_strdup (filter);
  op->attrs = g_strdupv (attrs);
  op->sizelimit = sizelimit;
  submit (c, op);
}

void
ld_conn_add (LdConn *c, const char *dn, LDAPMod **mods, LdDone cb, gpointer user_data)
{
  Op *op = op_new (c, OP_ADD, dn, cb, user_data);
  op->mods = mods;
  submit (c, op);
}

void
ld_conn_modify (LdConn *c, const char *dn, LDAPMod **mods, LdDone cb, gpointer user_data)
{
  Op *op = op_new (c, OP_MODIFY, dn, cb, user_data);
  op->mods = mods;
  submit (c, op);
}

gboolean
ld_conn_is_up (LdConn *c)
{
  return c->state == CONN_UP;
}

LdConn *
ld_conn_new (const LdConnParams *p)
{
  LdConn *c = g_new0 (LdConn, 1);
  c->p = *p;
  c->p.uri = g_strdup (p->uri);
  c->p.bind_dn = g_strdup (p->bind_dn);
  c->p.bind_password = g_strdup (p->bind_password);
  c->p.tls_ca_file = g_strdup (p->tls_ca_file);
  c->p.timeout = p->timeout ? p->timeout : 5;
  g_queue_init (&c->waiting);
  g_queue_init (&c->later);
  c->sent = g_hash_table_new (NULL, NULL);
  c->state = CONN_DOWN;
  return c;
}

void
ld_conn_free (LdConn *c)
{
  if (c == NULL)
    return;
  GHashTableIter it;
  gpointer v;
  g_hash_table_iter_init (&it, c->sent);
  while (g_hash_table_iter_next (&it, NULL, &v))
    g_queue_push_tail (&c->waiting, v);
  g_hash_table_remove_all (c->sent);
  conn_close (c, NULL);
  /* Pending requests are answered now: their owners are being closed too,
   * and the plugin's code is unloaded after this. */
  Op *op;
  while ((op = g_queue_pop_head (&c->waiting)))
    op_finish (op, LDAP_USER_CANCELLED, "LDAP plugin closed");
  while ((op = g_queue_pop_head (&c->later)))
    {
      g_source_remove (op->idle_id);
      op_finish (op, op->rc, op->message);
    }
  g_hash_table_unref (c->sent);
  g_free ((char *) c->p.uri);
  g_free ((char *) c->p.bind_dn);
  if (c->p.bind_password)
    memset ((char *) c->p.bind_password, 0, strlen (c->p.bind_password));
  g_free ((char *) c->p.bind_password);
  g_free ((char *) c->p.tls_ca_file);
  g_free (c);
}
