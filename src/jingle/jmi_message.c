/* jmi_message.c — XEP-0353 message payloads to and from JgwJmiMessage. */
#define G_LOG_DOMAIN "jgw-jingle"
#include "jingle/jmi.h"

#include <string.h>

#include "jingle/jingle.h"
#include "jingle/xml.h"

static const char *const kind_names[] = {
  [JGW_JMI_PROPOSE] = "propose", [JGW_JMI_RINGING] = "ringing", [JGW_JMI_PROCEED] = "proceed",
  [JGW_JMI_ACCEPT] = "accept",   [JGW_JMI_REJECT] = "reject",   [JGW_JMI_RETRACT] = "retract",
  [JGW_JMI_FINISH] = "finish",
};

void
jgw_jmi_message_free (JgwJmiMessage *m)
{
  if (m == NULL)
    return;
  g_free (m->id);
  g_free (m->from);
  g_free (m->to);
  g_strfreev (m->media);
  g_free (m->text);
  g_free (m->migrated_to);
  g_free (m->nick);
  g_free (m);
}

static void
parse_children (xmpp_stanza_t *el, JgwJmiMessage *m)
{
  g_autoptr (GStrvBuilder) media = g_strv_builder_new ();
  for (xmpp_stanza_t *c = xmpp_stanza_get_children (el); c; c = xmpp_stanza_get_next (c))
    {
      if (jgw_xml_is (c, "description", NULL) && xmpp_stanza_get_attribute (c, "media"))
        g_strv_builder_add (media, xmpp_stanza_get_attribute (c, "media"));
      else if (jgw_xml_is (c, "tie-break", NULL))
        m->tie_break = TRUE;
      else if (jgw_xml_is (c, "migrated", NULL) && m->migrated_to == NULL)
        m->migrated_to = g_strdup (xmpp_stanza_get_attribute (c, "to"));
      else if (jgw_xml_is (c, "reason", NULL))
        {
          for (xmpp_stanza_t *r = xmpp_stanza_get_children (c); r; r = xmpp_stanza_get_next (r))
            if (xmpp_stanza_is_tag (r) && strcmp (xmpp_stanza_get_name (r), "text") == 0)
              {
                if (m->text == NULL) /* the first of repeated <text/> counts */
                  m->text = jgw_xml_text (r);
              }
            else if (xmpp_stanza_is_tag (r) && m->reason == JGW_REASON_NONE)
              m->reason = jgw_reason_from_string (xmpp_stanza_get_name (r));
        }
    }
  m->media = g_strv_builder_end (media);
}

JgwJmiMessage *
jgw_jmi_parse (xmpp_stanza_t *message, GError **error)
{
  for (xmpp_stanza_t *c = xmpp_stanza_get_children (message); c; c = xmpp_stanza_get_next (c))
    {
      if (!xmpp_stanza_is_tag (c) || g_strcmp0 (xmpp_stanza_get_ns (c), JGW_NS_JMI) != 0)
        continue;
      JgwJmiKind kind = JGW_JMI_NONE;
      for (guint i = 1; i < G_N_ELEMENTS (kind_names); i++)
        if (strcmp (xmpp_stanza_get_name (c), kind_names[i]) == 0)
          kind = (JgwJmiKind) i;
      const char *id = xmpp_stanza_get_attribute (c, "id");
      if (kind == JGW_JMI_NONE || id == NULL || *id == '\0' || xmpp_stanza_get_from (message) == NULL)
        {
          g_set_error (error, JGW_JINGLE_ERROR, JGW_JINGLE_ERROR_BAD_REQUEST, "malformed <%s xmlns='%s'/>",
                       xmpp_stanza_get_name (c), JGW_NS_JMI);
          return NULL;
        }
      JgwJmiMessage *m = g_new0 (JgwJmiMessage, 1);
      m->kind = kind;
      m->id = g_strdup (id);
      m->from = g_strdup (xmpp_stanza_get_from (message));
      m->to = g_strdup (xmpp_stanza_get_to (message));
      parse_children (c, m);
      return m;
    }
  return NULL;
}

static void
build_reason (xmpp_stanza_t *el, const JgwJmiMessage *m)
{
  if (m->reason == JGW_REASON_NONE)
    return;
  xmpp_stanza_t *r = jgw_xml_add_child (el, "reason", JGW_NS_JINGLE);
  jgw_xml_add_child (r, jgw_reason_to_string (m->reason), NULL);
  if (m->text != NULL)
    {
      xmpp_stanza_t *t = xmpp_stanza_new (xmpp_stanza_get_context (el));
      xmpp_stanza_set_text (t, m->text);
      xmpp_stanza_add_child_ex (jgw_xml_add_child (r, "text", NULL), t, 0);
    }
}

xmpp_stanza_t *
jgw_jmi_build (xmpp_ctx_t *ctx, const JgwJmiMessage *m)
{
  g_autofree char *msg_id = g_strdup_printf ("jmi-%s-%s", kind_names[m->kind], m->id);
  xmpp_stanza_t *msg = xmpp_message_new (ctx, "chat", m->to, msg_id);
  jgw_xml_set (msg, "from", m->from);
  xmpp_stanza_t *el = jgw_xml_add_child (msg, kind_names[m->kind], JGW_NS_JMI);
  jgw_xml_set (el, "id", m->id);
  for (guint i = 0; m->media && m->media[i]; i++)
    jgw_xml_set (jgw_xml_add_child (el, "description", JGW_NS_RTP), "media", m->media[i]);
  build_reason (el, m);
  if (m->tie_break)
    jgw_xml_add_child (el, "tie-break", NULL);
  if (m->migrated_to != NULL)
    jgw_xml_set (jgw_xml_add_child (el, "migrated", NULL), "to", m->migrated_to);
  if (m->nick != NULL && *m->nick != '\0')
    {
      xmpp_stanza_t *nick = jgw_xml_add_child (msg, "nick", "http://jabber.org/protocol/nick");
      xmpp_stanza_t *text = xmpp_stanza_new (ctx);
      xmpp_stanza_set_text (text, m->nick);
      xmpp_stanza_add_child (nick, text);
      xmpp_stanza_release (text);
    }
  /* XEP-0353 section 3: JMI messages carry a store hint so MAM keeps them. */
  jgw_xml_add_child (msg, "store", "urn:xmpp:hints");
  return msg;
}
