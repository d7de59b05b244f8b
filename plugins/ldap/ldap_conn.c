/* ldap_conn.c — asynchronous LDAP on the main loop (see ldap_conn.h). */
#define G_LOG_DOMAIN "jgw-ldap"
#include "ldap_conn_priv.h"

#include <glib-unix.h>
#include <string.h>

static void conn_open (LdConn *c);
static void conn_watch (LdConn *c, GIOCondition cond);

static void
fail_waiting (LdConn *c, int rc, const char *message)
{
  Op *op;
  while ((op = g_queue_pop_head (&c->waiting)))
    ld_op_fail_later (op, rc, message);
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
        ld_op_fail_later (op, LDAP_SERVER_DOWN, why ? why : "LDAP connection closed");
    }
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

static void
flush_waiting (LdConn *c)
{
  Op *op;
  while (c->state == CONN_UP && (op = g_queue_pop_head (&c->waiting)))
    if (!ld_op_send (c, op))
      {
        /* The server went away while we were idle: reconnect and resend. */
        g_queue_push_head (&c->waiting, op);
        conn_close (c, "LDAP server went away");
        conn_open (c);
        return;
      }
}

void
ld_conn_submit (LdConn *c, Op *op)
{
  g_queue_push_tail (&c->waiting, op);
  if (c->state == CONN_DOWN)
    conn_open (c);
  else
    flush_waiting (c);
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
  int rc = ld_result_code (c, msg, &why);
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
  if (op != NULL)
    ld_op_message (c, op, msg);
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
      if (rc < 0 && c->state != CONN_UP)
        {
          /* Refused or dropped while connecting: reconnecting at once would
           * spin; the requests fail and the next one tries again. */
          g_autofree char *why = connect_error (c, LDAP_SERVER_DOWN);
          g_warning ("%s", why);
          conn_close (c, NULL);
          fail_waiting (c, LDAP_SERVER_DOWN, why);
          return G_SOURCE_REMOVE;
        }
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
  c->setup_timeout_id = g_timeout_add (c->p.timeout * 1000, setup_timeout_h, c);
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
    ld_op_finish (op, LDAP_USER_CANCELLED, "LDAP plugin closed");
  while ((op = g_queue_pop_head (&c->later)))
    {
      g_source_remove (op->idle_id);
      ld_op_finish (op, op->rc, op->message);
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
