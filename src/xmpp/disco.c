/* disco.c — disco#info/items, version and ping answers. */
#define G_LOG_DOMAIN "jgw-xmpp"
#include "jgw-build.h"
#include "xmpp/disco.h"

#include <string.h>

#include "xmpp/caps.h"
#include "xmpp/jid.h"
#include "xmpp/stanza.h"

typedef struct {
  JgwDiscoNodeFunc func;
  gpointer user_data;
} Provider;

struct _JgwDisco {
  JgwComponent *comp;
  char *name;
  GPtrArray *features;       /* of char*, sorted */
  GPtrArray *phone_features; /* of char*, sorted */
  GArray *providers;         /* of Provider */
  guint handlers[4];
};

static gint
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static void
add_sorted (GPtrArray *list, const char *var)
{
  for (guint i = 0; i < list->len; i++)
    if (strcmp (g_ptr_array_index (list, i), var) == 0)
      return;
  g_ptr_array_add (list, g_strdup (var));
  g_ptr_array_sort (list, compare_strings);
}

/* Whether TO names the component itself (no local part). */
static gboolean
to_component (JgwDisco *disco, xmpp_stanza_t *stanza)
{
  const char *to = xmpp_stanza_get_to (stanza);
  g_autofree char *bare = to ? jgw_jid_bare (to) : NULL;
  return bare && g_ascii_strcasecmp (bare, jgw_component_jid (disco->comp)) == 0;
}

static void
send_and_release (JgwDisco *disco, xmpp_stanza_t *reply)
{
  jgw_component_send (disco->comp, reply);
  xmpp_stanza_release (reply);
}

static void
add_identity (xmpp_stanza_t *query, const char *category, const char *type, const char *name)
{
  xmpp_stanza_t *id = jgw_stanza_add_child (query, "identity", NULL);
  xmpp_stanza_set_attribute (id, "category", category);
  xmpp_stanza_set_attribute (id, "type", type);
  if (name)
    xmpp_stanza_set_attribute (id, "name", name);
}

/* A query with a node goes to the providers; unknown nodes get
 * item-not-found. Returns FALSE when the query has no node. */
static gboolean
answer_node (JgwDisco *disco, xmpp_stanza_t *stanza, const char *ns, gboolean items)
{
  xmpp_ctx_t *ctx = jgw_component_ctx (disco->comp);
  xmpp_stanza_t *request = xmpp_stanza_get_child_by_ns (stanza, ns);
  const char *node = request ? xmpp_stanza_get_attribute (request, "node") : NULL;
  if (node == NULL || (!items && g_str_has_prefix (node, JGW_CAPS_NODE "#")))
    return FALSE;
  xmpp_stanza_t *reply = jgw_stanza_iq_reply (ctx, stanza, "result");
  xmpp_stanza_t *query = jgw_stanza_add_child (reply, "query", ns);
  xmpp_stanza_set_attribute (query, "node", node);
  for (guint i = 0; i < disco->providers->len; i++)
    {
      Provider *p = &g_array_index (disco->providers, Provider, i);
      if (p->func (stanza, node, items, query, p->user_data))
        {
          send_and_release (disco, reply);
          return TRUE;
        }
    }
  xmpp_stanza_release (reply);
  send_and_release (disco, jgw_stanza_error_reply (ctx, stanza, JGW_ERROR_CANCEL, "item-not-found",
                                                   "unknown node", NULL, NULL));
  return TRUE;
}

static gboolean
info_h (xmpp_stanza_t *stanza, gpointer data)
{
  JgwDisco *disco = data;
  xmpp_ctx_t *ctx = jgw_component_ctx (disco->comp);
  if (answer_node (disco, stanza, JGW_NS_DISCO_INFO, FALSE))
    return TRUE;
  gboolean self = to_component (disco, stanza);
  xmpp_stanza_t *reply = jgw_stanza_iq_reply (ctx, stanza, "result");
  xmpp_stanza_t *query = jgw_stanza_add_child (reply, "query", JGW_NS_DISCO_INFO);
  xmpp_stanza_t *asked = xmpp_stanza_get_child_by_ns (stanza, JGW_NS_DISCO_INFO);
  const char *caps_node = asked ? xmpp_stanza_get_attribute (asked, "node") : NULL;
  if (caps_node)
    xmpp_stanza_set_attribute (query, "node", caps_node);
  if (self)
    add_identity (query, "gateway", "sip", disco->name);
  else
    add_identity (query, "client", "phone", NULL);
  GPtrArray *list = self ? disco->features : disco->phone_features;
  for (guint i = 0; i < list->len; i++)
    xmpp_stanza_set_attribute (jgw_stanza_add_child (query, "feature", NULL), "var",
                               g_ptr_array_index (list, i));
  send_and_release (disco, reply);
  return TRUE;
}

static gboolean
items_h (xmpp_stanza_t *stanza, gpointer data)
{
  JgwDisco *disco = data;
  if (answer_node (disco, stanza, JGW_NS_DISCO_ITEMS, TRUE))
    return TRUE;
  xmpp_stanza_t *reply = jgw_stanza_iq_reply (jgw_component_ctx (disco->comp), stanza, "result");
  jgw_stanza_add_child (reply, "query", JGW_NS_DISCO_ITEMS);
  send_and_release (disco, reply);
  return TRUE;
}

static gboolean
version_h (xmpp_stanza_t *stanza, gpointer data)
{
  JgwDisco *disco = data;
  if (!to_component (disco, stanza))
    return FALSE;
  xmpp_stanza_t *reply = jgw_stanza_iq_reply (jgw_component_ctx (disco->comp), stanza, "result");
  xmpp_stanza_t *query = jgw_stanza_add_child (reply, "query", JGW_NS_VERSION);
  jgw_stanza_add_text_child (query, "name", NULL, PACKAGE_NAME);
  jgw_stanza_add_text_child (query, "version", NULL, PACKAGE_VERSION);
  send_and_release (disco, reply);
  return TRUE;
}

static gboolean
ping_h (xmpp_stanza_t *stanza, gpointer data)
{
  JgwDisco *disco = data;
  send_and_release (disco, jgw_stanza_iq_reply (jgw_component_ctx (disco->comp), stanza, "result"));
  return TRUE;
}

JgwDisco *
jgw_disco_new (JgwComponent *comp, const char *name)
{
  JgwDisco *disco = g_new0 (JgwDisco, 1);
  disco->comp = comp;
  disco->name = g_strdup (name);
  disco->features = g_ptr_array_new_with_free_func (g_free);
  disco->phone_features = g_ptr_array_new_with_free_func (g_free);
  disco->providers = g_array_new (FALSE, FALSE, sizeof (Provider));
  JgwDispatch *d = jgw_component_dispatch (comp);
  disco->handlers[0] = jgw_dispatch_add (d, "iq", "get", JGW_NS_DISCO_INFO, info_h, disco);
  disco->handlers[1] = jgw_dispatch_add (d, "iq", "get", JGW_NS_DISCO_ITEMS, items_h, disco);
  disco->handlers[2] = jgw_dispatch_add (d, "iq", "get", JGW_NS_VERSION, version_h, disco);
  disco->handlers[3] = jgw_dispatch_add (d, "iq", "get", JGW_NS_PING, ping_h, disco);
  const char *const own[] = { JGW_NS_DISCO_INFO, JGW_NS_DISCO_ITEMS, JGW_NS_VERSION, JGW_NS_PING };
  for (gsize i = 0; i < G_N_ELEMENTS (own); i++)
    jgw_disco_add_feature (disco, own[i]);
  jgw_disco_add_phone_feature (disco, JGW_NS_DISCO_INFO);
  jgw_disco_add_phone_feature (disco, JGW_NS_PING);
  return disco;
}

void
jgw_disco_free (JgwDisco *disco)
{
  if (disco == NULL)
    return;
  for (gsize i = 0; i < G_N_ELEMENTS (disco->handlers); i++)
    jgw_dispatch_remove (jgw_component_dispatch (disco->comp), disco->handlers[i]);
  g_ptr_array_unref (disco->features);
  g_ptr_array_unref (disco->phone_features);
  g_array_unref (disco->providers);
  g_free (disco->name);
  g_free (disco);
}

void
jgw_disco_add_node_provider (JgwDisco *disco, JgwDiscoNodeFunc func, gpointer user_data)
{
  Provider p = { func, user_data };
  g_array_append_val (disco->providers, p);
}

void
jgw_disco_add_feature (JgwDisco *disco, const char *var)
{
  add_sorted (disco->features, var);
}

void
jgw_disco_add_phone_feature (JgwDisco *disco, const char *var)
{
  add_sorted (disco->phone_features, var);
}

const GPtrArray *
jgw_disco_features (JgwDisco *disco)
{
  return disco->features;
}

char *
jgw_disco_caps_ver (JgwDisco *disco, gboolean phone)
{
  JgwCapsIdentity id = phone ? (JgwCapsIdentity){ "client", "phone", NULL, NULL }
                             : (JgwCapsIdentity){ "gateway", "sip", NULL, disco->name };
  GPtrArray *list = phone ? disco->phone_features : disco->features;
  g_autoptr (GPtrArray) vars = g_ptr_array_new ();
  for (guint i = 0; i < list->len; i++)
    g_ptr_array_add (vars, g_ptr_array_index (list, i));
  g_ptr_array_add (vars, NULL);
  return jgw_caps_ver (&id, 1, (const char *const *) vars->pdata);
}
