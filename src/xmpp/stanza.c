/* stanza.c — reply and child builders on top of libstrophe. */
#define G_LOG_DOMAIN "jgw-xmpp"
#include "xmpp/stanza.h"

#define NS_STANZAS "urn:ietf:params:xml:ns:xmpp-stanzas"

/* Swap addressing and keep the id; xml:lang is not copied because
 * libstrophe would write it without its prefix. */
static xmpp_stanza_t *
reply_skeleton (xmpp_ctx_t *ctx, xmpp_stanza_t *request, const char *type)
{
  xmpp_stanza_t *reply = xmpp_stanza_new (ctx);
  xmpp_stanza_set_name (reply, xmpp_stanza_get_name (request));
  xmpp_stanza_set_type (reply, type);
  const char *id = xmpp_stanza_get_id (request);
  if (id)
    xmpp_stanza_set_id (reply, id);
  const char *from = xmpp_stanza_get_from (request);
  const char *to = xmpp_stanza_get_to (request);
  if (from)
    xmpp_stanza_set_to (reply, from);
  if (to)
    xmpp_stanza_set_from (reply, to);
  return reply;
}

xmpp_stanza_t *
jgw_stanza_iq_reply (xmpp_ctx_t *ctx, xmpp_stanza_t *request, const char *type)
{
  return reply_skeleton (ctx, request, type);
}

xmpp_stanza_t *
jgw_stanza_add_child (xmpp_stanza_t *parent, const char *name, const char *ns)
{
  xmpp_stanza_t *child = xmpp_stanza_new (xmpp_stanza_get_context (parent));
  xmpp_stanza_set_name (child, name);
  if (ns)
    xmpp_stanza_set_ns (child, ns);
  xmpp_stanza_add_child (parent, child);
  xmpp_stanza_release (child);
  return child;
}

xmpp_stanza_t *
jgw_stanza_add_text_child (xmpp_stanza_t *parent, const char *name, const char *ns,
                           const char *text)
{
  xmpp_stanza_t *child = jgw_stanza_add_child (parent, name, ns);
  xmpp_stanza_t *t = xmpp_stanza_new (xmpp_stanza_get_context (parent));
  xmpp_stanza_set_text (t, text);
  xmpp_stanza_add_child (child, t);
  xmpp_stanza_release (t);
  return child;
}

xmpp_stanza_t *
jgw_stanza_error_reply (xmpp_ctx_t *ctx, xmpp_stanza_t *request, const char *error_type,
                        const char *condition, const char *text, const char *app_ns,
                        const char *app_name)
{
  xmpp_stanza_t *reply = reply_skeleton (ctx, request, "error");
  xmpp_stanza_t *error = jgw_stanza_add_child (reply, "error", NULL);
  xmpp_stanza_set_attribute (error, "type", error_type);
  jgw_stanza_add_child (error, condition, NS_STANZAS);
  if (text)
    {
      xmpp_stanza_t *t = jgw_stanza_add_text_child (error, "text", NS_STANZAS, text);
      xmpp_stanza_set_attribute (t, "xml:lang", "en");
    }
  if (app_ns && app_name)
    jgw_stanza_add_child (error, app_name, app_ns);
  return reply;
}

const char *
jgw_stanza_payload_ns (xmpp_stanza_t *stanza)
{
  for (xmpp_stanza_t *c = xmpp_stanza_get_children (stanza); c; c = xmpp_stanza_get_next (c))
    if (xmpp_stanza_is_tag (c))
      return xmpp_stanza_get_ns (c);
  return NULL;
}

const char *
jgw_stanza_lang (xmpp_stanza_t *s)
{
  const char *l = xmpp_stanza_get_attribute (s, "xml:lang");
  return l ? l : xmpp_stanza_get_attribute (s, "lang");
}
