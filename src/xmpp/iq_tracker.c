/* iq_tracker.c — outgoing iq requests matched with their answers. */
#define G_LOG_DOMAIN "jgw-xmpp"
#include "xmpp/iq_tracker.h"

typedef struct {
  JgwIqTracker *tracker;
  char *id;
  char *to;
  JgwIqReplyFunc func;
  gpointer user_data;
  guint timer;
} Pending;

struct _JgwIqTracker {
  JgwComponent *comp;
  GHashTable *pending; /* id -> Pending*, owned */
  guint handlers[2];
  guint64 counter;
};

static void
pending_free (gpointer p)
{
  Pending *req = p;
  g_clear_handle_id (&req->timer, g_source_remove);
  g_free (req->id);
  g_free (req->to);
  g_free (req);
}

/* Remove REQ from the table first, so that its callback may send again. */
static void
finish (Pending *req, xmpp_stanza_t *reply)
{
  JgwIqReplyFunc func = req->func;
  gpointer data = req->user_data;
  g_hash_table_remove (req->tracker->pending, req->id);
  func (reply, data);
}

static gboolean
answer_h (xmpp_stanza_t *stanza, gpointer data)
{
  JgwIqTracker *t = data;
  const char *id = xmpp_stanza_get_id (stanza);
  Pending *req = id ? g_hash_table_lookup (t->pending, id) : NULL;
  if (req == NULL)
    return FALSE;
  /* Only the addressee may answer (RFC 6120 8.1.2.1). */
  const char *from = xmpp_stanza_get_from (stanza);
  if (g_strcmp0 (from, req->to) != 0)
    {
      g_info ("ignored an answer to %s from %s instead of %s", id, from, req->to);
      return TRUE;
    }
  finish (req, stanza);
  return TRUE;
}

static gboolean
timeout_cb (gpointer data)
{
  Pending *req = data;
  req->timer = 0;
  g_info ("no answer to iq %s from %s", req->id, req->to);
  finish (req, NULL);
  return G_SOURCE_REMOVE;
}

JgwIqTracker *
jgw_iq_tracker_new (JgwComponent *comp)
{
  JgwIqTracker *t = g_new0 (JgwIqTracker, 1);
  t->comp = comp;
  t->pending = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, pending_free);
  JgwDispatch *d = jgw_component_dispatch (comp);
  t->handlers[0] = jgw_dispatch_add (d, "iq", "result", NULL, answer_h, t);
  t->handlers[1] = jgw_dispatch_add (d, "iq", "error", NULL, answer_h, t);
  return t;
}

void
jgw_iq_tracker_free (JgwIqTracker *t)
{
  if (t == NULL)
    return;
  for (gsize i = 0; i < G_N_ELEMENTS (t->handlers); i++)
    jgw_dispatch_remove (jgw_component_dispatch (t->comp), t->handlers[i]);
  GHashTableIter it;
  gpointer value;
  while (g_hash_table_size (t->pending) > 0)
    {
      g_hash_table_iter_init (&it, t->pending);
      g_hash_table_iter_next (&it, NULL, &value);
      finish (value, NULL);
    }
  g_hash_table_unref (t->pending);
  g_free (t);
}

void
jgw_iq_tracker_send (JgwIqTracker *t, xmpp_stanza_t *iq, guint timeout_ms, JgwIqReplyFunc func,
                     gpointer user_data)
{
  Pending *req = g_new0 (Pending, 1);
  req->tracker = t;
  req->id = g_strdup_printf ("jgw%" G_GUINT64_FORMAT, ++t->counter);
  req->to = g_strdup (xmpp_stanza_get_to (iq));
  req->func = func;
  req->user_data = user_data;
  xmpp_stanza_set_id (iq, req->id);
  g_hash_table_insert (t->pending, req->id, req);
  if (!jgw_component_send (t->comp, iq))
    {
      finish (req, NULL);
      return;
    }
  req->timer = g_timeout_add (timeout_ms, timeout_cb, req);
}

guint
jgw_iq_tracker_pending (JgwIqTracker *t)
{
  return g_hash_table_size (t->pending);
}
