/* jingle.c — the <jingle/> element: action, sid, contents, groups,
 * reason and session-info, to and from JgwJingle. */
#define G_LOG_DOMAIN "jgw-jingle"
#include "jingle/jingle.h"
#include "jingle/xml.h"

#include <string.h>

G_DEFINE_QUARK (jgw-jingle-error-quark, jgw_jingle_error)

static const char *const action_names[] = {
  [JGW_ACTION_CONTENT_ACCEPT] = "content-accept",
  [JGW_ACTION_CONTENT_ADD] = "content-add",
  [JGW_ACTION_CONTENT_MODIFY] = "content-modify",
  [JGW_ACTION_CONTENT_REJECT] = "content-reject",
  [JGW_ACTION_CONTENT_REMOVE] = "content-remove",
  [JGW_ACTION_DESCRIPTION_INFO] = "description-info",
  [JGW_ACTION_SECURITY_INFO] = "security-info",
  [JGW_ACTION_SESSION_ACCEPT] = "session-accept",
  [JGW_ACTION_SESSION_INFO] = "session-info",
  [JGW_ACTION_SESSION_INITIATE] = "session-initiate",
  [JGW_ACTION_SESSION_TERMINATE] = "session-terminate",
  [JGW_ACTION_TRANSPORT_ACCEPT] = "transport-accept",
  [JGW_ACTION_TRANSPORT_INFO] = "transport-info",
  [JGW_ACTION_TRANSPORT_REJECT] = "transport-reject",
  [JGW_ACTION_TRANSPORT_REPLACE] = "transport-replace",
};

static const char *const info_names[] = {
  [JGW_INFO_ACTIVE] = "active", [JGW_INFO_HOLD] = "hold",   [JGW_INFO_UNHOLD] = "unhold",
  [JGW_INFO_MUTE] = "mute",     [JGW_INFO_UNMUTE] = "unmute", [JGW_INFO_RINGING] = "ringing",
};

const char *
jgw_jingle_action_to_string (JgwJingleAction action)
{
  return action < G_N_ELEMENTS (action_names) ? action_names[action] : NULL;
}

JgwJingleAction
jgw_jingle_action_from_string (const char *name)
{
  for (guint i = 1; name != NULL && i < G_N_ELEMENTS (action_names); i++)
    if (strcmp (action_names[i], name) == 0)
      return (JgwJingleAction) i;
  return JGW_ACTION_UNKNOWN;
}

const char *
jgw_jingle_info_to_string (JgwJingleInfo info)
{
  return info < G_N_ELEMENTS (info_names) ? info_names[info] : NULL;
}

JgwJingle *
jgw_jingle_new (JgwJingleAction action, const char *sid)
{
  JgwJingle *j = g_new0 (JgwJingle, 1);
  j->action = action;
  j->sid = g_strdup (sid);
  j->desc = jgw_session_desc_new ();
  return j;
}

void
jgw_jingle_free (JgwJingle *j)
{
  if (j == NULL)
    return;
  g_free (j->sid);
  g_free (j->initiator);
  g_free (j->responder);
  jgw_session_desc_free (j->desc);
  g_free (j->reason_text);
  g_free (j->alternative_sid);
  g_free (j->info_creator);
  g_free (j->info_name);
  g_free (j);
}

static gboolean
is_jingle (xmpp_stanza_t *st, const char *name)
{
  return jgw_xml_is (st, name, NULL)
         && (xmpp_stanza_get_ns (st) == NULL || strcmp (xmpp_stanza_get_ns (st), JGW_NS_JINGLE) == 0);
}

static gboolean
parse_senders (const char *s, JgwSenders *out, GError **error)
{
  static const char *const names[] = { "both", "initiator", "responder", "none" };
  if (s == NULL)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (s, names[i]) == 0)
      {
        *out = (JgwSenders) i;
        return TRUE;
      }
  g_set_error (error, JGW_JINGLE_ERROR, JGW_JINGLE_ERROR_BAD_REQUEST, "bad senders '%s'", s);
  return FALSE;
}

static gboolean
parse_content_children (xmpp_stanza_t *st, JgwContent *c, GError **error)
{
  for (xmpp_stanza_t *ch = xmpp_stanza_get_children (st); ch; ch = xmpp_stanza_get_next (ch))
    {
      if (jgw_xml_is (ch, "description", JGW_NS_RTP) && !jgw_rtp_parse (ch, c, error))
        return FALSE;
      if (jgw_xml_is (ch, "transport", JGW_NS_ICE_UDP))
        {
          jgw_ice_transport_free (c->ice);
          c->ice = jgw_ice_udp_parse (ch, error);
          if (c->ice == NULL)
            return FALSE;
        }
    }
  return TRUE;
}

static JgwContent *
parse_content (xmpp_stanza_t *st, GError **error)
{
  const char *name;
  if (!jgw_xml_req (st, "name", &name, error))
    return NULL;
  g_autoptr (JgwContent) c = jgw_content_new (name, NULL);
  const char *creator = xmpp_stanza_get_attribute (st, "creator");
  if (creator != NULL && strcmp (creator, "initiator") != 0 && strcmp (creator, "responder") != 0)
    {
      g_set_error (error, JGW_JINGLE_ERROR, JGW_JINGLE_ERROR_BAD_REQUEST, "bad creator '%s'", creator);
      return NULL;
    }
  if (creator != NULL)
    {
      g_free (c->creator);
      c->creator = g_strdup (creator);
    }
  if (!parse_senders (xmpp_stanza_get_attribute (st, "senders"), &c->senders, error)
      || !parse_content_children (st, c, error))
    return NULL;
  return g_steal_pointer (&c);
}

static gboolean
parse_group (xmpp_stanza_t *st, JgwSessionDesc *desc, GError **error)
{
  const char *sem;
  if (!jgw_xml_req (st, "semantics", &sem, error))
    return FALSE;
  g_autoptr (GStrvBuilder) names = g_strv_builder_new ();
  for (xmpp_stanza_t *c = xmpp_stanza_get_children (st); c; c = xmpp_stanza_get_next (c))
    {
      const char *name;
      if (!jgw_xml_is (c, "content", NULL))
        continue;
      if (!jgw_xml_req (c, "name", &name, error))
        return FALSE;
      g_strv_builder_add (names, name);
    }
  JgwGroup *g = g_new0 (JgwGroup, 1);
  g->semantics = g_strdup (sem);
  g->contents = g_strv_builder_end (names);
  g_ptr_array_add (desc->groups, g);
  return TRUE;
}

static void
parse_reason (xmpp_stanza_t *st, JgwJingle *j)
{
  for (xmpp_stanza_t *c = xmpp_stanza_get_children (st); c; c = xmpp_stanza_get_next (c))
    {
      if (!xmpp_stanza_is_tag (c))
        continue;
      const char *name = xmpp_stanza_get_name (c);
      /* Repeated <text/> or <reason/> (seen by the fuzzer): the first one counts. */
      if (strcmp (name, "text") == 0 && j->reason_text == NULL)
        j->reason_text = jgw_xml_text (c);
      else if (j->reason == JGW_REASON_NONE)
        j->reason = jgw_reason_from_string (name);
      if (strcmp (name, "alternative-session") == 0 && j->alternative_sid == NULL)
        {
          xmpp_stanza_t *sid = xmpp_stanza_get_child_by_name (c, "sid");
          j->alternative_sid = sid ? jgw_xml_text (sid) : NULL;
        }
    }
  /* XEP-0166 section 7.4: an unknown condition is treated as general-error. */
  if (j->reason == JGW_REASON_NONE)
    j->reason = JGW_REASON_GENERAL_ERROR;
}

static void
parse_info (xmpp_stanza_t *st, JgwJingle *j)
{
  const char *name = xmpp_stanza_get_name (st);
  j->info = JGW_INFO_UNSUPPORTED;
  if (g_strcmp0 (xmpp_stanza_get_ns (st), JGW_NS_RTP_INFO) != 0)
    return;
  for (guint i = 1; i < G_N_ELEMENTS (info_names); i++)
    if (strcmp (name, info_names[i]) == 0)
      j->info = (JgwJingleInfo) i;
  j->info_creator = g_strdup (xmpp_stanza_get_attribute (st, "creator"));
  j->info_name = g_strdup (xmpp_stanza_get_attribute (st, "name"));
}

static gboolean
parse_child (xmpp_stanza_t *c, JgwJingle *j, GError **error)
{
  if (is_jingle (c, "content"))
    {
      JgwContent *content = parse_content (c, error);
      if (content == NULL)
        return FALSE;
      g_ptr_array_add (j->desc->contents, content);
    }
  else if (jgw_xml_is (c, "group", JGW_NS_GROUPING))
    return parse_group (c, j->desc, error);
  else if (is_jingle (c, "reason"))
    parse_reason (c, j);
  else if (xmpp_stanza_is_tag (c) && j->action == JGW_ACTION_SESSION_INFO && j->info == JGW_INFO_NONE)
    parse_info (c, j);
  return TRUE;
}

static gboolean
parse_header (xmpp_stanza_t *st, JgwJingle *j, GError **error)
{
  const char *action, *sid;
  if (!jgw_xml_is (st, "jingle", JGW_NS_JINGLE))
    {
      g_set_error (error, JGW_JINGLE_ERROR, JGW_JINGLE_ERROR_BAD_REQUEST, "not a <jingle xmlns='%s'/>", JGW_NS_JINGLE);
      return FALSE;
    }
  if (!jgw_xml_req (st, "action", &action, error) || !jgw_xml_req (st, "sid", &sid, error))
    return FALSE;
  j->action = jgw_jingle_action_from_string (action);
  if (j->action == JGW_ACTION_UNKNOWN)
    {
      g_set_error (error, JGW_JINGLE_ERROR, JGW_JINGLE_ERROR_BAD_REQUEST, "unknown action '%s'", action);
      return FALSE;
    }
  j->sid = g_strdup (sid);
  j->initiator = g_strdup (xmpp_stanza_get_attribute (st, "initiator"));
  j->responder = g_strdup (xmpp_stanza_get_attribute (st, "responder"));
  return TRUE;
}

JgwJingle *
jgw_jingle_parse (xmpp_stanza_t *jingle, GError **error)
{
  g_return_val_if_fail (jingle != NULL, NULL);
  g_autoptr (JgwJingle) j = jgw_jingle_new (JGW_ACTION_UNKNOWN, NULL);
  if (!parse_header (jingle, j, error))
    return NULL;
  for (xmpp_stanza_t *c = xmpp_stanza_get_children (jingle); c; c = xmpp_stanza_get_next (c))
    if (!parse_child (c, j, error))
      return NULL;
  return g_steal_pointer (&j);
}
