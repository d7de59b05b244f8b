/* extdisco.c — XEP-0215 client: STUN/TURN services of users' servers. */
#define G_LOG_DOMAIN "jgw-xmpp"

#include <string.h>

#include "xmpp/extdisco.h"
#include "xmpp/stanza.h"

#define RETRY_US (G_GINT64_CONSTANT (600) * G_USEC_PER_SEC)     /* ask a silent/refusing server again */
#define DEFAULT_TTL_US (G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC) /* services without an expiry */
#define MARGIN_US (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)     /* renew before credentials expire */
#define MIN_TTL_US (G_GINT64_CONSTANT (30) * G_USEC_PER_SEC)

typedef struct {
  guint id;
  JgwExtdiscoFunc func;
  gpointer user_data;
} Waiter;

typedef struct {
  JgwExtdisco *ed;
  char *domain;
  GPtrArray *servers;      /* of JgwIceServer */
  gint64 valid_until;      /* real time, us */
  gboolean asking, logged;
  GArray *waiters;         /* of Waiter */
} Entry;

struct _JgwExtdisco {
  JgwComponent *comp;
  JgwIqTracker *tracker;
  guint timeout_ms;
  GHashTable *entries;     /* domain -> Entry, owned */
  guint next_id;
};

static void
entry_free (gpointer data)
{
  Entry *e = data;

  g_free (e->domain);
  g_ptr_array_unref (e->servers);
  g_array_unref (e->waiters);
  g_free (e);
}

JgwExtdisco *
jgw_extdisco_new (JgwComponent *comp, JgwIqTracker *tracker, guint timeout_ms)
{
  JgwExtdisco *ed = g_new0 (JgwExtdisco, 1);

  ed->comp = comp;
  ed->tracker = tracker;
  ed->timeout_ms = timeout_ms ? timeout_ms : 3000;
  ed->entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, entry_free);
  return ed;
}

void
jgw_extdisco_free (JgwExtdisco *ed)
{
  if (!ed)
    return;
  g_hash_table_unref (ed->entries);
  g_free (ed);
}

static gint64
parse_expires (const char *text)
{
  g_autoptr (GDateTime) dt = text ? g_date_time_new_from_iso8601 (text, NULL) : NULL;

  return dt ? g_date_time_to_unix (dt) : 0;
}

/* One <service/>: UDP STUN or TURN with what libnice needs; else NULL. */
static JgwIceServer *
parse_service (xmpp_stanza_t *el)
{
  const char *type = xmpp_stanza_get_attribute (el, "type");
  const char *transport = xmpp_stanza_get_attribute (el, "transport");
  const char *host = xmpp_stanza_get_attribute (el, "host");
  const char *port = xmpp_stanza_get_attribute (el, "port");
  JgwIceServer *s;

  if (!type || !host || (transport && g_ascii_strcasecmp (transport, "udp") != 0)
      || (!g_str_equal (type, "stun") && !g_str_equal (type, "turn")))
    return NULL;
  s = g_new0 (JgwIceServer, 1);
  s->turn = g_str_equal (type, "turn");
  s->host = g_strdup (host);
  s->port = (guint16) (port ? g_ascii_strtoull (port, NULL, 10) : 3478);
  s->username = g_strdup (xmpp_stanza_get_attribute (el, "username"));
  s->password = g_strdup (xmpp_stanza_get_attribute (el, "password"));
  /* A restricted TURN service without inline credentials would need a
   * <credentials/> request (XEP-0215 3.3): not asked; skipped. */
  if (s->port == 0 || (s->turn && (!s->username || !s->password))) {
    jgw_ice_server_free (s);
    return NULL;
  }
  return s;
}

GPtrArray *
jgw_extdisco_parse (xmpp_stanza_t *services, gint64 *expires)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (jgw_ice_server_free);

  *expires = 0;
  for (xmpp_stanza_t *c = services ? xmpp_stanza_get_children (services) : NULL; c;
       c = xmpp_stanza_get_next (c)) {
    const char *name = xmpp_stanza_get_name (c);
    JgwIceServer *s;
    gint64 exp;

    if (!name || !g_str_equal (name, "service") || !(s = parse_service (c)))
      continue;
    g_ptr_array_add (out, s);
    exp = parse_expires (xmpp_stanza_get_attribute (c, "expires"));
    if (exp && (!*expires || exp < *expires))
      *expires = exp;
  }
  return out;
}

static void
notify (Entry *e)
{
  g_autoptr (GArray) waiters = e->waiters;
  g_autoptr (GPtrArray) servers = g_ptr_array_ref (e->servers);

  e->waiters = g_array_new (FALSE, FALSE, sizeof (Waiter));
  for (guint i = 0; i < waiters->len; i++) {
    Waiter *w = &g_array_index (waiters, Waiter, i);

    w->func (servers, w->user_data);
  }
}

static void
set_failed (Entry *e, const char *why)
{
  if (!e->logged)
    g_message ("XEP-0215: %s %s; its users' calls use the [media] STUN/TURN servers only",
               e->domain, why);
  e->logged = TRUE;
  g_ptr_array_set_size (e->servers, 0);
  e->valid_until = g_get_real_time () + RETRY_US;
}

static void
set_services (Entry *e, xmpp_stanza_t *services)
{
  gint64 expires = 0, now = g_get_real_time ();
  g_autoptr (GPtrArray) list = jgw_extdisco_parse (services, &expires);

  g_ptr_array_unref (e->servers);
  e->servers = g_steal_pointer (&list);
  e->valid_until = expires ? expires * G_USEC_PER_SEC - MARGIN_US : now + DEFAULT_TTL_US;
  e->valid_until = MAX (e->valid_until, now + MIN_TTL_US);
  g_info ("XEP-0215: %s offers %u usable STUN/TURN services", e->domain, e->servers->len);
}

static void
on_reply (xmpp_stanza_t *reply, gpointer data)
{
  Entry *e = data;
  const char *type = reply ? xmpp_stanza_get_type (reply) : NULL;
  xmpp_stanza_t *services = NULL;

  e->asking = FALSE;
  if (reply && type && g_str_equal (type, "result"))
    services = xmpp_stanza_get_child_by_name_and_ns (reply, "services", JGW_NS_EXTDISCO);
  if (!reply) {
    g_autofree char *why = g_strdup_printf ("did not answer the external service discovery "
                                            "within %u ms", e->ed->timeout_ms);
    set_failed (e, why);
  } else if (!services) {
    set_failed (e, "does not offer " JGW_NS_EXTDISCO " (error or empty answer)");
  } else {
    set_services (e, services);
  }
  notify (e);
}

static void
ask (JgwExtdisco *ed, Entry *e)
{
  xmpp_stanza_t *iq = xmpp_iq_new (jgw_component_ctx (ed->comp), "get", NULL);

  e->asking = TRUE;
  xmpp_stanza_set_from (iq, jgw_component_jid (ed->comp));
  xmpp_stanza_set_to (iq, e->domain);
  jgw_stanza_add_child (iq, "services", JGW_NS_EXTDISCO);
  jgw_iq_tracker_send (ed->tracker, iq, ed->timeout_ms, on_reply, e);
  xmpp_stanza_release (iq);
}

guint
jgw_extdisco_lookup (JgwExtdisco *ed, const char *domain, JgwExtdiscoFunc func, gpointer user_data)
{
  Entry *e = g_hash_table_lookup (ed->entries, domain);
  Waiter w = { ++ed->next_id, func, user_data };

  if (!e) {
    e = g_new0 (Entry, 1);
    e->ed = ed;
    e->domain = g_strdup (domain);
    e->servers = g_ptr_array_new_with_free_func (jgw_ice_server_free);
    e->waiters = g_array_new (FALSE, FALSE, sizeof (Waiter));
    g_hash_table_insert (ed->entries, e->domain, e);
  }
  if (!e->asking && e->valid_until > g_get_real_time ()) {
    func (e->servers, user_data);
    return 0;
  }
  g_array_append_val (e->waiters, w);
  if (!e->asking)
    ask (ed, e);
  return w.id;
}

void
jgw_extdisco_cancel (JgwExtdisco *ed, guint id)
{
  GHashTableIter it;
  gpointer value;

  if (!ed || !id)
    return;
  g_hash_table_iter_init (&it, ed->entries);
  while (g_hash_table_iter_next (&it, NULL, &value)) {
    Entry *e = value;

    for (guint i = 0; i < e->waiters->len; i++)
      if (g_array_index (e->waiters, Waiter, i).id == id) {
        g_array_remove_index (e->waiters, i);
        return;
      }
  }
}
