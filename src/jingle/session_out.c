/* session_out.c — our own actions on a session. */
#define G_LOG_DOMAIN "jgw-jingle"
#include "jingle/session_private.h"

#include <string.h>

const char *
jgw_jingle_answer_setup (const char *offer_setup)
{
  return g_strcmp0 (offer_setup, "active") == 0 ? "passive" : "active";
}

static gboolean
check_live (JgwJingleSession *s, GError **error)
{
  if (s->state != JGW_SESSION_ENDED)
    return TRUE;
  g_set_error (error, JGW_JINGLE_ERROR, JGW_JINGLE_ERROR_OUT_OF_ORDER, "session %s has ended", s->sid);
  return FALSE;
}

static void
send_action (JgwJingleSession *s, JgwJingleAction action, const JgwSessionDesc *desc, JgwJingleInfo info,
             const char *info_name)
{
  g_autoptr (JgwJingle) j = jgw_jingle_new (action, s->sid);
  if (desc != NULL)
    {
      jgw_session_desc_free (j->desc);
      j->desc = jgw_session_desc_copy (desc);
    }
  j->info = info;
  j->info_name = g_strdup (info_name);
  if (info == JGW_INFO_MUTE || info == JGW_INFO_UNMUTE)
    j->info_creator = g_strdup (s->initiator ? "initiator" : "responder");
  if (action == JGW_ACTION_SESSION_INITIATE)
    j->initiator = g_strdup (s->local);
  if (action == JGW_ACTION_SESSION_ACCEPT)
    j->responder = g_strdup (s->local);
  jgw_jingle_session_send_jingle (s, j);
}

JgwJingleSession *
jgw_jingle_manager_initiate (JgwJingleManager *m, const char *local, const char *peer, const char *sid,
                             const JgwSessionDesc *offer, GError **error)
{
  g_autofree char *generated = sid ? NULL : g_uuid_string_random ();
  sid = sid ? sid : generated;
  if (jgw_jingle_manager_lookup (m, peer, sid) != NULL)
    {
      g_set_error (error, JGW_JINGLE_ERROR, JGW_JINGLE_ERROR_OUT_OF_ORDER, "session %s exists", sid);
      return NULL;
    }
  if (m->max_per_user && jgw_jingle_manager_count_user (m, peer) >= m->max_per_user)
    {
      g_set_error (error, JGW_JINGLE_ERROR, JGW_JINGLE_ERROR_RESOURCE_CONSTRAINT, "too many sessions with %s", peer);
      return NULL;
    }
  JgwJingleSession *s = jgw_jingle_session_new (m, local, peer, sid, TRUE);
  s->local_desc = jgw_session_desc_copy (offer);
  send_action (s, JGW_ACTION_SESSION_INITIATE, offer, JGW_INFO_NONE, NULL);
  return s;
}

static gboolean
answer_ok (const JgwSessionDesc *answer, GError **error)
{
  for (guint i = 0; i < answer->contents->len; i++)
    {
      const JgwContent *c = g_ptr_array_index (answer->contents, i);
      const JgwFingerprint *fp = c->ice ? c->ice->fingerprint : NULL;
      if (fp != NULL && g_strcmp0 (fp->setup, "active") != 0 && g_strcmp0 (fp->setup, "passive") != 0)
        {
          /* Dino drops calls whose answer says actpass (RFC 8842 5.3). */
          g_set_error (error, JGW_JINGLE_ERROR, JGW_JINGLE_ERROR_NOT_ACCEPTABLE,
                       "content %s: answer setup '%s' must be active or passive", c->name,
                       fp->setup ? fp->setup : "(none)");
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
jgw_jingle_session_accept (JgwJingleSession *s, const JgwSessionDesc *answer, GError **error)
{
  if (s->initiator || s->state != JGW_SESSION_PENDING)
    {
      g_set_error (error, JGW_JINGLE_ERROR, JGW_JINGLE_ERROR_OUT_OF_ORDER, "session %s cannot be accepted now", s->sid);
      return FALSE;
    }
  if (!answer_ok (answer, error))
    return FALSE;
  jgw_session_desc_free (s->local_desc);
  s->local_desc = jgw_session_desc_copy (answer);
  s->state = JGW_SESSION_ACTIVE;
  send_action (s, JGW_ACTION_SESSION_ACCEPT, answer, JGW_INFO_NONE, NULL);
  return TRUE;
}

void
jgw_jingle_session_terminate (JgwJingleSession *s, JgwReason reason, const char *text)
{
  if (s->state == JGW_SESSION_ENDED)
    return;
  g_autoptr (JgwJingle) j = jgw_jingle_new (JGW_ACTION_SESSION_TERMINATE, s->sid);
  j->reason = reason != JGW_REASON_NONE ? reason : JGW_REASON_SUCCESS;
  j->reason_text = g_strdup (text);
  jgw_jingle_session_send_jingle (s, j);
  jgw_jingle_session_end (s, JGW_REASON_NONE, NULL);
}

gboolean
jgw_jingle_session_send_info (JgwJingleSession *s, JgwJingleInfo info, const char *name, GError **error)
{
  if (!check_live (s, error))
    return FALSE;
  send_action (s, JGW_ACTION_SESSION_INFO, NULL, info, name);
  return TRUE;
}

gboolean
jgw_jingle_session_send_transport_info (JgwJingleSession *s, const JgwSessionDesc *candidates, GError **error)
{
  if (!check_live (s, error))
    return FALSE;
  send_action (s, JGW_ACTION_TRANSPORT_INFO, candidates, JGW_INFO_NONE, NULL);
  return TRUE;
}

gboolean
jgw_jingle_session_send_action (JgwJingleSession *s, JgwJingleAction action, const JgwSessionDesc *desc,
                                GError **error)
{
  if (!check_live (s, error))
    return FALSE;
  if (action == JGW_ACTION_CONTENT_ADD || action == JGW_ACTION_TRANSPORT_REPLACE)
    s->pending = action;
  send_action (s, action, desc, JGW_INFO_NONE, NULL);
  return TRUE;
}
