/* xmpp_client.c — libstrophe c2s client driven by bounded waits. */
#include "harness/xmpp_client.h"

#include <check.h>
#include <stdarg.h>
#include <string.h>

struct _JgwTestClient {
  xmpp_ctx_t *ctx;
  xmpp_conn_t *conn;
  gboolean connected, failed;
  GQueue received; /* of xmpp_stanza_t*, owned */
  guint commands;  /* ids of jgw_test_client_command() requests */
};

static int
stanza_cb (xmpp_conn_t *conn, xmpp_stanza_t *stanza, void *data)
{
  JgwTestClient *c = data;
  g_queue_push_tail (&c->received, xmpp_stanza_clone (stanza));
  return 1;
}

static void
conn_cb (xmpp_conn_t *conn, xmpp_conn_event_t event, int error, xmpp_stream_error_t *se,
         void *data)
{
  JgwTestClient *c = data;
  if (event == XMPP_CONN_CONNECT)
    {
      c->connected = TRUE;
      xmpp_handler_add (conn, stanza_cb, NULL, NULL, NULL, c);
    }
  else
    {
      c->connected = FALSE;
      c->failed = TRUE;
    }
}

/* One step of both loops: libstrophe's select and the GLib context. */
static void
pump (JgwTestClient *c)
{
  xmpp_run_once (c->ctx, 5);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
settled (gpointer data)
{
  JgwTestClient *c = data;
  pump (c);
  return c->connected || c->failed;
}

JgwTestClient *
jgw_test_client_connect (const char *jid, const char *password, guint16 port)
{
  JgwTestClient *c = g_new0 (JgwTestClient, 1);
  xmpp_initialize ();
  c->ctx = xmpp_ctx_new (NULL, NULL);
  c->conn = xmpp_conn_new (c->ctx);
  xmpp_conn_set_flags (c->conn, XMPP_CONN_FLAG_DISABLE_TLS);
  xmpp_conn_set_jid (c->conn, jid);
  xmpp_conn_set_pass (c->conn, password);
  if (xmpp_connect_client (c->conn, "127.0.0.1", port, conn_cb, c) != XMPP_EOK
      || !jgw_test_wait (settled, c, 10000) || !c->connected)
    {
      jgw_test_client_free (c);
      return NULL;
    }
  return c;
}

void
jgw_test_client_free (JgwTestClient *c)
{
  if (c == NULL)
    return;
  if (c->connected)
    {
      xmpp_disconnect (c->conn);
      for (int i = 0; i < 50 && c->connected; i++)
        xmpp_run_once (c->ctx, 10);
    }
  xmpp_stanza_t *s;
  while ((s = g_queue_pop_head (&c->received)))
    xmpp_stanza_release (s);
  xmpp_conn_release (c->conn);
  xmpp_ctx_free (c->ctx);
  g_free (c);
}

const char *
jgw_test_client_jid (JgwTestClient *c)
{
  return xmpp_conn_get_bound_jid (c->conn);
}

void
jgw_test_client_send (JgwTestClient *c, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *xml = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  /* Parsed only to check it: libstrophe's parser drops the xml: prefix,
   * so sending the parsed stanza would turn xml:lang into lang. */
  xmpp_stanza_t *s = xmpp_stanza_new_from_string (c->ctx, xml);
  g_assert_nonnull (s);
  xmpp_stanza_release (s);
  xmpp_send_raw (c->conn, xml, strlen (xml));
  pump (c);
}

typedef struct {
  JgwTestClient *c;
  JgwTestStanzaMatch match;
  gpointer data;
  xmpp_stanza_t *found;
} Wait;

static gboolean
take_cond (gpointer data)
{
  Wait *w = data;
  pump (w->c);
  for (GList *l = w->c->received.head; l; l = l->next)
    if (w->match (l->data, w->data))
      {
        w->found = l->data;
        g_queue_delete_link (&w->c->received, l);
        return TRUE;
      }
  return FALSE;
}

xmpp_stanza_t *
jgw_test_client_wait (JgwTestClient *c, JgwTestStanzaMatch match, gpointer data, guint timeout_ms)
{
  Wait w = { c, match, data, NULL };
  jgw_test_wait (take_cond, &w, timeout_ms);
  return w.found;
}

typedef struct {
  const char *name, *id;
} IdMatch;

static gboolean
id_match (xmpp_stanza_t *s, gpointer data)
{
  IdMatch *m = data;
  return (m->name == NULL || g_strcmp0 (xmpp_stanza_get_name (s), m->name) == 0)
         && (m->id == NULL || g_strcmp0 (xmpp_stanza_get_id (s), m->id) == 0);
}

xmpp_stanza_t *
jgw_test_client_wait_id (JgwTestClient *c, const char *name, const char *id, guint timeout_ms)
{
  IdMatch m = { name, id };
  return jgw_test_client_wait (c, id_match, &m, timeout_ms);
}

guint
jgw_test_client_queued (JgwTestClient *c, const char *id)
{
  guint n = 0;
  for (GList *l = c->received.head; l; l = l->next)
    n += g_strcmp0 (xmpp_stanza_get_id (l->data), id) == 0;
  return n;
}

typedef struct {
  const char *from, *needle;
} BodyMatch;

static gboolean
body_matches (xmpp_stanza_t *s, gpointer data)
{
  const BodyMatch *m = data;
  xmpp_stanza_t *body = g_strcmp0 (xmpp_stanza_get_name (s), "message") == 0
                          ? xmpp_stanza_get_child_by_name (s, "body") : NULL;
  if (body == NULL || g_strcmp0 (xmpp_stanza_get_from (s), m->from) != 0)
    return FALSE;
  g_autofree char *text = xmpp_stanza_get_text (body);
  return m->needle == NULL || (text && strstr (text, m->needle));
}

char *
jgw_test_client_wait_body (JgwTestClient *c, const char *from, const char *needle, guint timeout_ms)
{
  BodyMatch m = { from, needle };
  xmpp_stanza_t *s = jgw_test_client_wait (c, body_matches, &m, timeout_ms);
  if (s == NULL)
    return NULL;
  char *body = xmpp_stanza_get_text (xmpp_stanza_get_child_by_name (s, "body"));
  xmpp_stanza_release (s);
  return body;
}

char *
jgw_test_client_chat (JgwTestClient *c, const char *jid, const char *lang, const char *text, const char *needle,
                      guint timeout_ms)
{
  jgw_test_client_send (c, "<message type='chat' to='%s'%s%s%s><body>%s</body></message>", jid,
                        lang ? " xml:lang='" : "", lang ? lang : "", lang ? "'" : "", text);
  char *body = jgw_test_client_wait_body (c, jid, needle, timeout_ms);
  ck_assert_msg (body != NULL, "no answer%s%s to \"%s\"", needle ? " with " : "", needle ? needle : "", text);
  return body;
}

char *
jgw_test_stanza_to_string (xmpp_stanza_t *stanza)
{
  char *buf = NULL;
  size_t len = 0;
  if (xmpp_stanza_to_text (stanza, &buf, &len) != XMPP_EOK)
    return g_strdup ("(unprintable)");
  char *copy = g_strndup (buf, len);
  xmpp_free (xmpp_stanza_get_context (stanza), buf);
  return copy;
}

xmpp_stanza_t *
jgw_test_stanza_path (xmpp_stanza_t *stanza, const char *path)
{
  g_auto (GStrv) names = g_strsplit (path, "/", -1);
  xmpp_stanza_t *cur = stanza;
  for (char **n = names; cur && *n; n++)
    cur = xmpp_stanza_get_child_by_name (cur, *n);
  return cur;
}

char *
jgw_test_form_fields_valist (const char *first, va_list ap)
{
  GString *fields = g_string_new (NULL);

  for (const char *var = first; var; var = va_arg (ap, const char *))
    g_string_append_printf (fields, "<field var='%s'><value>%s</value></field>", var,
                            va_arg (ap, const char *));
  return g_string_free (fields, FALSE);
}

char *
jgw_test_form_fields (const char *var, ...)
{
  va_list ap;
  va_start (ap, var);
  char *fields = jgw_test_form_fields_valist (var, ap);
  va_end (ap);
  return fields;
}

char *
jgw_test_client_command (JgwTestClient *c, const char *jid, const char *lang, const char *node,
                         const char *action, const char *sessionid, const char *fields,
                         guint timeout_ms)
{
  g_autofree char *id = g_strdup_printf ("adhoc%u", ++c->commands);
  gboolean form = fields != NULL;

  jgw_test_client_send (c,
                        "<iq type='set' id='%s' to='%s'%s%s%s><command "
                        "xmlns='http://jabber.org/protocol/commands' node='%s'%s%s%s action='%s'>"
                        "%s%s%s</command></iq>",
                        id, jid, lang ? " xml:lang='" : "", lang ? lang : "", lang ? "'" : "", node,
                        sessionid ? " sessionid='" : "", sessionid ? sessionid : "", sessionid ? "'" : "",
                        action ? action : "execute", form ? "<x xmlns='jabber:x:data' type='submit'>" : "",
                        form ? fields : "", form ? "</x>" : "");
  xmpp_stanza_t *r = jgw_test_client_wait_id (c, "iq", id, timeout_ms);
  ck_assert_msg (r != NULL, "no answer to command %s (%s)", node, action ? action : "execute");
  char *text = jgw_test_stanza_to_string (r);
  xmpp_stanza_release (r);
  return text;
}

char *
jgw_test_client_execute (JgwTestClient *c, const char *jid, const char *lang, const char *node,
                         guint timeout_ms, ...)
{
  va_list ap;
  va_start (ap, timeout_ms);
  const char *first = va_arg (ap, const char *);
  g_autofree char *fields = jgw_test_form_fields_valist (first, ap);
  va_end (ap);
  return jgw_test_client_command (c, jid, lang, node, NULL, NULL, *fields ? fields : NULL, timeout_ms);
}

char *
jgw_test_command_session (const char *text)
{
  const char *p = strstr (text, "sessionid=\"");

  ck_assert_msg (p != NULL, "no sessionid in %s", text);
  p += strlen ("sessionid=\"");
  return g_strndup (p, strcspn (p, "\""));
}
