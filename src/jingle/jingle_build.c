/* jingle_build.c — JgwJingle to a <jingle/> element. */
#define G_LOG_DOMAIN "jgw-jingle"
#include "jingle/jingle.h"
#include "jingle/xml.h"

static void
build_content (xmpp_stanza_t *jingle, const JgwContent *c)
{
  static const char *const senders[] = { "both", "initiator", "responder", "none" };
  xmpp_stanza_t *st = jgw_xml_add_child (jingle, "content", NULL);
  jgw_xml_set (st, "creator", c->creator);
  jgw_xml_set (st, "name", c->name);
  /* "both" is the default; leaving it out keeps captured stanzas' shape. */
  if (c->senders != JGW_SENDERS_BOTH && (guint) c->senders < G_N_ELEMENTS (senders))
    jgw_xml_set (st, "senders", senders[c->senders]);
  if (c->media != NULL)
    jgw_rtp_build (st, c);
  if (c->ice != NULL)
    jgw_ice_udp_build (st, c->ice);
}

static void
build_groups (xmpp_stanza_t *jingle, const GPtrArray *groups)
{
  for (guint i = 0; groups && i < groups->len; i++)
    {
      const JgwGroup *g = g_ptr_array_index (groups, i);
      xmpp_stanza_t *st = jgw_xml_add_child (jingle, "group", JGW_NS_GROUPING);
      jgw_xml_set (st, "semantics", g->semantics);
      for (guint k = 0; g->contents && g->contents[k]; k++)
        jgw_xml_set (jgw_xml_add_child (st, "content", NULL), "name", g->contents[k]);
    }
}

static void
add_text (xmpp_stanza_t *parent, const char *text)
{
  xmpp_stanza_t *t = xmpp_stanza_new (xmpp_stanza_get_context (parent));
  xmpp_stanza_set_text (t, text);
  xmpp_stanza_add_child_ex (parent, t, 0);
}

static void
build_reason (xmpp_stanza_t *jingle, const JgwJingle *j)
{
  if (j->reason == JGW_REASON_NONE)
    return;
  xmpp_stanza_t *r = jgw_xml_add_child (jingle, "reason", NULL);
  xmpp_stanza_t *cond = jgw_xml_add_child (r, jgw_reason_to_string (j->reason), NULL);
  if (j->reason == JGW_REASON_ALTERNATIVE_SESSION && j->alternative_sid != NULL)
    add_text (jgw_xml_add_child (cond, "sid", NULL), j->alternative_sid);
  if (j->reason_text != NULL)
    add_text (jgw_xml_add_child (r, "text", NULL), j->reason_text);
}

static void
build_info (xmpp_stanza_t *jingle, const JgwJingle *j)
{
  const char *name = jgw_jingle_info_to_string (j->info);
  if (j->action != JGW_ACTION_SESSION_INFO || name == NULL)
    return;
  xmpp_stanza_t *st = jgw_xml_add_child (jingle, name, JGW_NS_RTP_INFO);
  jgw_xml_set (st, "creator", j->info_creator);
  jgw_xml_set (st, "name", j->info_name);
}

xmpp_stanza_t *
jgw_jingle_build (xmpp_ctx_t *ctx, const JgwJingle *j)
{
  xmpp_stanza_t *st = xmpp_stanza_new (ctx);
  xmpp_stanza_set_name (st, "jingle");
  xmpp_stanza_set_ns (st, JGW_NS_JINGLE);
  jgw_xml_set (st, "action", jgw_jingle_action_to_string (j->action));
  jgw_xml_set (st, "initiator", j->initiator);
  jgw_xml_set (st, "responder", j->responder);
  jgw_xml_set (st, "sid", j->sid);
  for (guint i = 0; j->desc && i < j->desc->contents->len; i++)
    build_content (st, g_ptr_array_index (j->desc->contents, i));
  if (j->desc != NULL)
    build_groups (st, j->desc->groups);
  build_reason (st, j);
  build_info (st, j);
  return st;
}
