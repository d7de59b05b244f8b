/* iq_gateway.c — XEP-0100 section 6.3 (jabber:iq:gateway). */
#define G_LOG_DOMAIN "jgw-xmpp"
#include "xmpp/iq_gateway.h"

#include "xmpp/jid.h"
#include "xmpp/stanza.h"

struct _JgwIqGateway {
  JgwComponent *comp;
  const JgwRouter *router;
  guint handlers[2];
};

static void
reply (JgwIqGateway *g, xmpp_stanza_t *stanza)
{
  jgw_component_send (g->comp, stanza);
  xmpp_stanza_release (stanza);
}

static gboolean
get_h (xmpp_stanza_t *stanza, gpointer data)
{
  JgwIqGateway *g = data;
  xmpp_stanza_t *r = jgw_stanza_iq_reply (jgw_component_ctx (g->comp), stanza, "result");
  xmpp_stanza_t *q = jgw_stanza_add_child (r, "query", JGW_NS_IQ_GATEWAY);
  jgw_stanza_add_text_child (q, "desc", NULL,
                             "Enter a phone number (in any usual form) or a SIP address.");
  jgw_stanza_add_text_child (q, "prompt", NULL, "Phone number or SIP address");
  reply (g, r);
  return TRUE;
}

static gboolean
set_h (xmpp_stanza_t *stanza, gpointer data)
{
  JgwIqGateway *g = data;
  xmpp_ctx_t *ctx = jgw_component_ctx (g->comp);
  xmpp_stanza_t *q = xmpp_stanza_get_child_by_ns (stanza, JGW_NS_IQ_GATEWAY);
  xmpp_stanza_t *prompt = q ? xmpp_stanza_get_child_by_name (q, "prompt") : NULL;
  g_autofree char *typed = prompt ? xmpp_stanza_get_text (prompt) : NULL;
  g_autofree char *bare = jgw_jid_bare (xmpp_stanza_get_from (stanza));
  g_autoptr (GError) error = NULL;
  g_autofree char *jid = jgw_router_jid_for_input (g->router, bare, typed, &error);
  if (jid == NULL)
    {
      reply (g, jgw_stanza_error_reply (ctx, stanza, JGW_ERROR_MODIFY, "not-acceptable",
                                        error->message, NULL, NULL));
      return TRUE;
    }
  xmpp_stanza_t *r = jgw_stanza_iq_reply (ctx, stanza, "result");
  xmpp_stanza_t *rq = jgw_stanza_add_child (r, "query", JGW_NS_IQ_GATEWAY);
  jgw_stanza_add_text_child (rq, "jid", NULL, jid);
  /* Clients written against the older draft read <prompt>. */
  jgw_stanza_add_text_child (rq, "prompt", NULL, jid);
  reply (g, r);
  return TRUE;
}

JgwIqGateway *
jgw_iq_gateway_new (JgwComponent *comp, const JgwRouter *router)
{
  JgwIqGateway *g = g_new0 (JgwIqGateway, 1);
  g->comp = comp;
  g->router = router;
  JgwDispatch *d = jgw_component_dispatch (comp);
  g->handlers[0] = jgw_dispatch_add (d, "iq", "get", JGW_NS_IQ_GATEWAY, get_h, g);
  g->handlers[1] = jgw_dispatch_add (d, "iq", "set", JGW_NS_IQ_GATEWAY, set_h, g);
  return g;
}

void
jgw_iq_gateway_set_router (JgwIqGateway *g, const JgwRouter *router)
{
  g->router = router;
}

void
jgw_iq_gateway_free (JgwIqGateway *g)
{
  if (g == NULL)
    return;
  for (gsize i = 0; i < G_N_ELEMENTS (g->handlers); i++)
    jgw_dispatch_remove (jgw_component_dispatch (g->comp), g->handlers[i]);
  g_free (g);
}
