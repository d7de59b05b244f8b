/* dispatch.c — stanza routing with a guaranteed answer. */
#define G_LOG_DOMAIN "jgw-xmpp"
#include "xmpp/dispatch.h"

#include <string.h>

#include "xmpp/stanza.h"

typedef struct {
  guint id;
  char *name, *type, *ns;
  JgwStanzaHandler handler;
  gpointer user_data;
} Route;

struct _JgwDispatch {
  xmpp_ctx_t *ctx;
  JgwStanzaSink sink;
  gpointer sink_data;
  GPtrArray *routes;
  guint next_id;
};

static void
route_free (gpointer p)
{
  Route *r = p;
  g_free (r->name);
  g_free (r->type);
  g_free (r->ns);
  g_free (r);
}

JgwDispatch *
jgw_dispatch_new (xmpp_ctx_t *ctx, JgwStanzaSink sink, gpointer sink_data)
{
  JgwDispatch *d = g_new0 (JgwDispatch, 1);
  d->ctx = ctx;
  d->sink = sink;
  d->sink_data = sink_data;
  d->routes = g_ptr_array_new_with_free_func (route_free);
  return d;
}

void
jgw_dispatch_free (JgwDispatch *d)
{
  if (d == NULL)
    return;
  g_ptr_array_unref (d->routes);
  g_free (d);
}

guint
jgw_dispatch_add (JgwDispatch *d, const char *name, const char *type, const char *ns,
                  JgwStanzaHandler handler, gpointer user_data)
{
  Route *r = g_new0 (Route, 1);
  r->id = ++d->next_id;
  r->name = g_strdup (name);
  r->type = g_strdup (type);
  r->ns = g_strdup (ns);
  r->handler = handler;
  r->user_data = user_data;
  g_ptr_array_add (d->routes, r);
  return r->id;
}

void
jgw_dispatch_remove (JgwDispatch *d, guint id)
{
  for (guint i = 0; i < d->routes->len; i++)
    if (((Route *) g_ptr_array_index (d->routes, i))->id == id)
      {
        g_ptr_array_remove_index (d->routes, i);
        return;
      }
}

static gboolean
matches (const Route *r, const char *name, const char *type, const char *ns)
{
  return g_strcmp0 (r->name, name) == 0 && (r->type == NULL || g_strcmp0 (r->type, type) == 0)
         && (r->ns == NULL || g_strcmp0 (r->ns, ns) == 0);
}

/* RFC 6120 8.2.3 / RFC 6121 8.5: requests nobody handles get an error;
 * results and errors are never answered; presence needs no answer. */
static void
reply_unhandled (JgwDispatch *d, xmpp_stanza_t *stanza, const char *name, const char *type)
{
  gboolean iq_request = strcmp (name, "iq") == 0
                        && (g_strcmp0 (type, "get") == 0 || g_strcmp0 (type, "set") == 0);
  gboolean message = strcmp (name, "message") == 0 && g_strcmp0 (type, "error") != 0;
  if (!iq_request && !message)
    {
      g_debug ("ignored %s type=%s from %s", name, type ? type : "-",
               xmpp_stanza_get_from (stanza));
      return;
    }
  const char *ns = jgw_stanza_payload_ns (stanza);
  g_info ("no handler for %s type=%s ns=%s from %s: answering service-unavailable", name,
          type ? type : "-", ns ? ns : "-", xmpp_stanza_get_from (stanza));
  xmpp_stanza_t *err = jgw_stanza_error_reply (d->ctx, stanza, JGW_ERROR_CANCEL,
                                               "service-unavailable", NULL, NULL, NULL);
  d->sink (err, d->sink_data);
  xmpp_stanza_release (err);
}

void
jgw_dispatch_stanza (JgwDispatch *d, xmpp_stanza_t *stanza)
{
  const char *name = xmpp_stanza_get_name (stanza);
  const char *type = xmpp_stanza_get_type (stanza);
  const char *ns = jgw_stanza_payload_ns (stanza);
  if (name == NULL)
    return;
  /* A handler may add or remove routes; walk a snapshot of ids. */
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < d->routes->len; i++)
    if (matches (g_ptr_array_index (d->routes, i), name, type, ns))
      g_array_append_val (ids, ((Route *) g_ptr_array_index (d->routes, i))->id);
  for (guint k = 0; k < ids->len; k++)
    for (guint i = 0; i < d->routes->len; i++)
      {
        Route *r = g_ptr_array_index (d->routes, i);
        if (r->id == g_array_index (ids, guint, k) && r->handler (stanza, r->user_data))
          return;
      }
  reply_unhandled (d, stanza, name, type);
}
