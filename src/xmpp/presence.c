/* presence.c — users' devices and their capabilities. */
#define G_LOG_DOMAIN "jgw-xmpp"
#include "xmpp/presence.h"

#include <stdlib.h>
#include <string.h>

#include "xmpp/disco.h"
#include "xmpp/jid.h"
#include "xmpp/stanza.h"

#define CAPS_TIMEOUT_MS 10000

typedef struct {
  char *full_jid;
  int priority;
  char *caps_key;      /* "node#ver", or the full JID when no caps were sent */
} Device;

struct _JgwPresence {
  JgwComponent *comp;
  JgwIqTracker *iq;
  GHashTable *users;   /* bare JID -> GHashTable (full JID -> Device*) */
  GHashTable *caps;    /* caps key -> GHashTable set of features, or NULL while asked */
  guint handler;
  char *caps_node, *caps_ver_component, *caps_ver_phone;
  JgwPresenceFunc watch;
  gpointer watch_data;
  JgwPresencePhoneFunc phone_func;
  gpointer phone_data;
};

typedef struct {
  JgwPresence *presence;
  char *key;
} CapsQuery;

static void
device_free (gpointer p)
{
  Device *d = p;
  g_free (d->full_jid);
  g_free (d->caps_key);
  g_free (d);
}

/* Cache values are NULL while a query is out. */
static void
feature_set_free (gpointer set)
{
  if (set)
    g_hash_table_unref (set);
}

static GHashTable *
devices_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, NULL, device_free);
}

xmpp_stanza_t *
jgw_presence_stanza_new (JgwPresence *p, const char *from, const char *to, const char *type)
{
  xmpp_stanza_t *s = xmpp_presence_new (jgw_component_ctx (p->comp));
  xmpp_stanza_set_from (s, from);
  xmpp_stanza_set_to (s, to);
  if (type)
    xmpp_stanza_set_type (s, type);
  const char *ver = strchr (from, '@') ? p->caps_ver_phone : p->caps_ver_component;
  if (type == NULL && p->caps_node && ver)
    {
      xmpp_stanza_t *c = jgw_stanza_add_child (s, "c", JGW_NS_CAPS);
      xmpp_stanza_set_attribute (c, "hash", "sha-1");
      xmpp_stanza_set_attribute (c, "node", p->caps_node);
      xmpp_stanza_set_attribute (c, "ver", ver);
    }
  return s;
}

static void
send_presence (JgwPresence *p, const char *from, const char *to, const char *type)
{
  xmpp_stanza_t *s = jgw_presence_stanza_new (p, from, to, type);
  jgw_component_send (p->comp, s);
  xmpp_stanza_release (s);
}

void
jgw_presence_set_phone_func (JgwPresence *p, JgwPresencePhoneFunc func, gpointer user_data)
{
  p->phone_func = func;
  p->phone_data = user_data;
}

static GHashTable *
user_devices (JgwPresence *p, const char *bare)
{
  GHashTable *devices = g_hash_table_lookup (p->users, bare);
  if (devices == NULL)
    {
      devices = devices_new ();
      g_hash_table_insert (p->users, g_strdup (bare), devices);
    }
  return devices;
}

static void
notify (JgwPresence *p, const char *full, gboolean available)
{
  if (p->watch)
    p->watch (full, available, jgw_presence_features_known (p, full), p->watch_data);
}

static void
notify_key (JgwPresence *p, const char *key)
{
  GHashTableIter users, devs;
  gpointer devices, value;
  g_hash_table_iter_init (&users, p->users);
  while (g_hash_table_iter_next (&users, NULL, &devices))
    {
      g_hash_table_iter_init (&devs, devices);
      while (g_hash_table_iter_next (&devs, NULL, &value))
        if (g_strcmp0 (((Device *) value)->caps_key, key) == 0)
          notify (p, ((Device *) value)->full_jid, TRUE);
    }
}

static void
caps_reply (xmpp_stanza_t *reply, gpointer data)
{
  CapsQuery *q = data;
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  xmpp_stanza_t *query = reply && g_strcmp0 (xmpp_stanza_get_type (reply), "result") == 0
                             ? xmpp_stanza_get_child_by_ns (reply, JGW_NS_DISCO_INFO)
                             : NULL;
  for (xmpp_stanza_t *c = query ? xmpp_stanza_get_children (query) : NULL; c; c = xmpp_stanza_get_next (c))
    if (g_strcmp0 (xmpp_stanza_get_name (c), "feature") == 0 && xmpp_stanza_get_attribute (c, "var"))
      g_hash_table_add (set, g_strdup (xmpp_stanza_get_attribute (c, "var")));
  g_info ("capabilities %s: %u features%s", q->key, g_hash_table_size (set),
          query ? "" : " (no answer)");
  g_hash_table_replace (q->presence->caps, g_strdup (q->key), set);
  notify_key (q->presence, q->key);
  g_free (q->key);
  g_free (q);
}

/* Ask FULL for its features once per caps key; results are shared by every
 * device announcing the same key. */
static void
resolve_caps (JgwPresence *p, const char *full, const char *key, const char *node)
{
  if (g_hash_table_contains (p->caps, key))
    return;
  g_hash_table_insert (p->caps, g_strdup (key), NULL);
  xmpp_ctx_t *ctx = jgw_component_ctx (p->comp);
  xmpp_stanza_t *iq = xmpp_iq_new (ctx, "get", NULL);
  xmpp_stanza_set_from (iq, jgw_component_jid (p->comp));
  xmpp_stanza_set_to (iq, full);
  xmpp_stanza_t *query = jgw_stanza_add_child (iq, "query", JGW_NS_DISCO_INFO);
  if (node)
    xmpp_stanza_set_attribute (query, "node", node);
  CapsQuery *q = g_new0 (CapsQuery, 1);
  q->presence = p;
  q->key = g_strdup (key);
  jgw_iq_tracker_send (p->iq, iq, CAPS_TIMEOUT_MS, caps_reply, q);
  xmpp_stanza_release (iq);
}

static void
device_available (JgwPresence *p, const char *bare, const char *full, xmpp_stanza_t *stanza)
{
  Device *d = g_new0 (Device, 1);
  d->full_jid = g_strdup (full);
  xmpp_stanza_t *prio = xmpp_stanza_get_child_by_name (stanza, "priority");
  g_autofree char *prio_text = prio ? xmpp_stanza_get_text (prio) : NULL;
  d->priority = prio_text ? atoi (prio_text) : 0;
  xmpp_stanza_t *c = xmpp_stanza_get_child_by_ns (stanza, JGW_NS_CAPS);
  const char *node = c ? xmpp_stanza_get_attribute (c, "node") : NULL;
  const char *ver = c ? xmpp_stanza_get_attribute (c, "ver") : NULL;
  g_autofree char *caps_node = node && ver ? g_strdup_printf ("%s#%s", node, ver) : NULL;
  d->caps_key = g_strdup (caps_node ? caps_node : full);
  gboolean is_new = !g_hash_table_contains (user_devices (p, bare), full);
  g_hash_table_replace (user_devices (p, bare), d->full_jid, d);
  if (is_new)
    g_message ("device %s is online", full);
  resolve_caps (p, full, d->caps_key, caps_node);
  notify (p, full, TRUE);
}

static void
device_gone (JgwPresence *p, const char *bare, const char *full)
{
  GHashTable *devices = g_hash_table_lookup (p->users, bare);
  if (devices == NULL || !g_hash_table_remove (devices, full))
    return;
  g_message ("device %s went offline", full);
  notify (p, full, FALSE);
}

/* The user went away entirely (unsubscribed, or unavailable to bare). */
static void
user_gone (JgwPresence *p, const char *bare)
{
  GHashTable *devices = g_hash_table_lookup (p->users, bare);
  if (devices == NULL)
    return;
  g_autoptr (GPtrArray) fulls = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter it;
  gpointer full;
  g_hash_table_iter_init (&it, devices);
  while (g_hash_table_iter_next (&it, &full, NULL))
    g_ptr_array_add (fulls, g_strdup (full));
  for (guint i = 0; i < fulls->len; i++)
    device_gone (p, bare, g_ptr_array_index (fulls, i));
}

static void
handle_subscription (JgwPresence *p, const char *type, const char *from, const char *to,
                     const char *bare)
{
  if (strchr (to, '@') && p->phone_func && p->phone_func (type, bare, to, p->phone_data))
    return;
  if (strcmp (type, "subscribe") == 0)
    {
      /* Approve, show ourselves, and ask for the user's presence in turn. */
      send_presence (p, to, bare, "subscribed");
      send_presence (p, to, bare, NULL);
      if (!strchr (to, '@'))
        {
          jgw_presence_add_user (p, bare);
          send_presence (p, to, bare, "subscribe");
        }
    }
  else if (strcmp (type, "unsubscribe") == 0)
    {
      send_presence (p, to, bare, "unsubscribed");
      send_presence (p, to, bare, "unavailable");
    }
  else if (strcmp (type, "probe") == 0)
    send_presence (p, to, from, NULL);
  else if (strcmp (type, "unsubscribed") == 0 && !strchr (to, '@'))
    user_gone (p, bare);
}

static gboolean
presence_h (xmpp_stanza_t *stanza, gpointer data)
{
  JgwPresence *p = data;
  const char *from = xmpp_stanza_get_from (stanza);
  const char *to = xmpp_stanza_get_to (stanza);
  const char *type = xmpp_stanza_get_type (stanza);
  g_autofree char *bare = from ? jgw_jid_bare (from) : NULL;
  g_autofree char *to_bare = to ? jgw_jid_bare (to) : NULL;
  if (bare == NULL || to_bare == NULL)
    return TRUE;
  if (type && strcmp (type, "error") != 0 && strcmp (type, "unavailable") != 0)
    handle_subscription (p, type, from, to_bare, bare);
  else if (type && strcmp (type, "error") == 0)
    g_info ("presence error from %s", from);
  else if (jgw_jid_resource (from) == NULL)
    {
      if (type)
        user_gone (p, bare);
    }
  else if (type)
    device_gone (p, bare, from);
  else
    device_available (p, bare, from, stanza);
  return TRUE;
}

static void
online_cb (JgwComponent *comp, gboolean online, gpointer data)
{
  JgwPresence *p = data;
  if (!online)
    {
      /* Devices are unknown until the server tells us again. */
      GHashTableIter it;
      gpointer devices;
      g_hash_table_iter_init (&it, p->users);
      while (g_hash_table_iter_next (&it, NULL, &devices))
        g_hash_table_remove_all (devices);
      return;
    }
  GHashTableIter it;
  gpointer bare;
  g_hash_table_iter_init (&it, p->users);
  while (g_hash_table_iter_next (&it, &bare, NULL))
    {
      send_presence (p, jgw_component_jid (comp), bare, NULL);
      send_presence (p, jgw_component_jid (comp), bare, "probe");
    }
}

JgwPresence *
jgw_presence_new (JgwComponent *comp, JgwIqTracker *iq)
{
  JgwPresence *p = g_new0 (JgwPresence, 1);
  p->comp = comp;
  p->iq = iq;
  p->users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_hash_table_unref);
  p->caps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, feature_set_free);
  p->handler = jgw_dispatch_add (jgw_component_dispatch (comp), "presence", NULL, NULL, presence_h, p);
  jgw_component_set_state_func (comp, online_cb, p);
  return p;
}

void
jgw_presence_free (JgwPresence *p)
{
  if (p == NULL)
    return;
  jgw_component_set_state_func (p->comp, NULL, NULL);
  jgw_dispatch_remove (jgw_component_dispatch (p->comp), p->handler);
  g_hash_table_unref (p->users);
  g_hash_table_unref (p->caps);
  g_free (p->caps_node);
  g_free (p->caps_ver_component);
  g_free (p->caps_ver_phone);
  g_free (p);
}

void
jgw_presence_set_watch (JgwPresence *p, JgwPresenceFunc func, gpointer user_data)
{
  p->watch = func;
  p->watch_data = user_data;
}

void
jgw_presence_add_user (JgwPresence *p, const char *bare_jid)
{
  g_autofree char *bare = jgw_jid_bare (bare_jid);
  if (bare && !g_hash_table_contains (p->users, bare))
    g_hash_table_insert (p->users, g_strdup (bare), devices_new ());
}

static gint
by_priority (gconstpointer a, gconstpointer b)
{
  const Device *da = *(Device *const *) a, *db = *(Device *const *) b;
  return db->priority - da->priority;
}

GPtrArray *
jgw_presence_resources (JgwPresence *p, const char *bare_jid)
{
  g_autofree char *bare = jgw_jid_bare (bare_jid);
  GHashTable *devices = bare ? g_hash_table_lookup (p->users, bare) : NULL;
  GPtrArray *out = g_ptr_array_new ();
  if (devices == NULL)
    return out;
  g_autoptr (GPtrArray) list = g_ptr_array_new ();
  GHashTableIter it;
  gpointer device;
  g_hash_table_iter_init (&it, devices);
  while (g_hash_table_iter_next (&it, NULL, &device))
    g_ptr_array_add (list, device);
  g_ptr_array_sort (list, by_priority);
  for (guint i = 0; i < list->len; i++)
    g_ptr_array_add (out, ((Device *) g_ptr_array_index (list, i))->full_jid);
  return out;
}

static Device *
find_device (JgwPresence *p, const char *full_jid)
{
  g_autofree char *bare = jgw_jid_bare (full_jid);
  GHashTable *devices = bare ? g_hash_table_lookup (p->users, bare) : NULL;
  return devices ? g_hash_table_lookup (devices, full_jid) : NULL;
}

gboolean
jgw_presence_features_known (JgwPresence *p, const char *full_jid)
{
  Device *d = find_device (p, full_jid);
  return d && g_hash_table_lookup (p->caps, d->caps_key) != NULL;
}

gboolean
jgw_presence_has_feature (JgwPresence *p, const char *full_jid, const char *var)
{
  Device *d = find_device (p, full_jid);
  GHashTable *set = d ? g_hash_table_lookup (p->caps, d->caps_key) : NULL;
  return set && g_hash_table_contains (set, var);
}

void
jgw_presence_subscribe_user (JgwPresence *p, const char *bare_jid)
{
  jgw_presence_add_user (p, bare_jid);
  const char *self = jgw_component_jid (p->comp);
  send_presence (p, self, bare_jid, "subscribe");
  send_presence (p, self, bare_jid, NULL);
}

void
jgw_presence_remove_user (JgwPresence *p, const char *bare_jid)
{
  g_autofree char *bare = jgw_jid_bare (bare_jid);
  if (bare == NULL)
    return;
  const char *self = jgw_component_jid (p->comp);
  send_presence (p, self, bare, "unsubscribe");
  send_presence (p, self, bare, "unsubscribed");
  send_presence (p, self, bare, "unavailable");
  user_gone (p, bare);
  g_hash_table_remove (p->users, bare);
}

void
jgw_presence_set_caps (JgwPresence *p, const char *node, const char *component_ver, const char *phone_ver)
{
  g_free (p->caps_node);
  g_free (p->caps_ver_component);
  g_free (p->caps_ver_phone);
  p->caps_node = g_strdup (node);
  p->caps_ver_component = g_strdup (component_ver);
  p->caps_ver_phone = g_strdup (phone_ver);
}
