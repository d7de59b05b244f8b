/* session_in.c — incoming Jingle actions (XEP-0166 section 7): checks of
 * who may act and when, the iq answer, then the owner's callback. */
#define G_LOG_DOMAIN "jgw-jingle"
#include "jingle/session_private.h"

#include <string.h>

/* RFC 8842 5.3: an answer's setup is active or passive. A missing one is
 * taken as active (RFC 4145 section 4; older Jitsi omits it), but actpass
 * and holdconn leave both sides waiting for the other's ClientHello. */
static gboolean
answer_setup_ok (const JgwSessionDesc *desc)
{
  for (guint i = 0; i < desc->contents->len; i++)
    {
      const JgwContent *c = g_ptr_array_index (desc->contents, i);
      const JgwFingerprint *fp = c->ice ? c->ice->fingerprint : NULL;
      if (fp != NULL && (g_strcmp0 (fp->setup, "actpass") == 0 || g_strcmp0 (fp->setup, "holdconn") == 0))
        return FALSE;
    }
  return TRUE;
}

/* The reason to end a fresh session whose offer we cannot take, or NONE. */
static JgwReason
offer_problem (const JgwSessionDesc *desc)
{
  for (guint i = 0; i < desc->contents->len; i++)
    {
      const JgwContent *c = g_ptr_array_index (desc->contents, i);
      if (c->media == NULL)
        return JGW_REASON_UNSUPPORTED_APPLICATIONS;
      if (c->ice == NULL)
        return JGW_REASON_UNSUPPORTED_TRANSPORTS;
    }
  return JGW_REASON_NONE;
}

static void
handle_initiate (JgwJingleManager *m, xmpp_stanza_t *iq, JgwJingle *j)
{
  const char *from = xmpp_stanza_get_from (iq);
  JgwJingleSession *old = jgw_jingle_manager_lookup (m, from, j->sid);
  if (old != NULL)
    {
      /* Both sides initiated with the same sid at once (XEP-0166 7.2.16). */
      gboolean crossed = old->initiator && old->state == JGW_SESSION_PENDING;
      jgw_jingle_reply_code (m, iq, crossed ? JGW_JINGLE_ERROR_TIE_BREAK : JGW_JINGLE_ERROR_OUT_OF_ORDER,
                             "session exists");
      return;
    }
  if (j->desc->contents->len == 0)
    {
      jgw_jingle_reply_code (m, iq, JGW_JINGLE_ERROR_BAD_REQUEST, "session-initiate without content");
      return;
    }
  if (m->max_per_user && jgw_jingle_manager_count_user (m, from) >= m->max_per_user)
    {
      jgw_jingle_reply_code (m, iq, JGW_JINGLE_ERROR_RESOURCE_CONSTRAINT, "too many sessions");
      return;
    }
  JgwJingleSession *s = jgw_jingle_session_new (m, xmpp_stanza_get_to (iq), from, j->sid, FALSE);
  s->remote = jgw_session_desc_copy (j->desc);
  jgw_jingle_reply_result (m, iq);
  /* XEP-0166 6.3.2: acknowledge first, then terminate what we cannot do. */
  JgwReason problem = offer_problem (j->desc);
  if (problem != JGW_REASON_NONE)
    jgw_jingle_session_terminate (s, problem, NULL);
  else if (m->cb.initiated != NULL)
    m->cb.initiated (s, j, m->user_data);
}

static void
handle_accept (JgwJingleManager *m, JgwJingleSession *s, xmpp_stanza_t *iq, JgwJingle *j)
{
  if (!s->initiator || s->state != JGW_SESSION_PENDING)
    {
      jgw_jingle_reply_code (m, iq, JGW_JINGLE_ERROR_OUT_OF_ORDER, "session-accept out of order");
      return;
    }
  if (!answer_setup_ok (j->desc))
    {
      jgw_jingle_reply_code (m, iq, JGW_JINGLE_ERROR_NOT_ACCEPTABLE, "answer setup must be active or passive");
      jgw_jingle_session_terminate (s, JGW_REASON_INCOMPATIBLE_PARAMETERS, "DTLS setup must be active or passive");
      return;
    }
  jgw_jingle_reply_result (m, iq);
  s->state = JGW_SESSION_ACTIVE;
  jgw_session_desc_free (s->remote);
  s->remote = jgw_session_desc_copy (j->desc);
  if (m->cb.accepted != NULL)
    m->cb.accepted (s, j, m->user_data);
}

static void
handle_info (JgwJingleManager *m, JgwJingleSession *s, xmpp_stanza_t *iq, JgwJingle *j)
{
  if (j->info == JGW_INFO_UNSUPPORTED)
    {
      jgw_jingle_reply_code (m, iq, JGW_JINGLE_ERROR_UNSUPPORTED_INFO, "unknown session-info payload");
      return;
    }
  jgw_jingle_reply_result (m, iq);
  /* An empty session-info is a ping (XEP-0166 7.2.13): the result is all. */
  if (j->info != JGW_INFO_NONE && m->cb.info != NULL)
    m->cb.info (s, j, m->user_data);
}

static void
handle_content (JgwJingleManager *m, JgwJingleSession *s, xmpp_stanza_t *iq, JgwJingle *j)
{
  /* A content-add or transport-replace crossing ours: tie-break (XEP-0166 7.2.16). */
  if ((j->action == JGW_ACTION_CONTENT_ADD || j->action == JGW_ACTION_TRANSPORT_REPLACE) && s->pending == j->action)
    {
      jgw_jingle_reply_code (m, iq, JGW_JINGLE_ERROR_TIE_BREAK, "crossing request");
      return;
    }
  if ((j->action == JGW_ACTION_CONTENT_ACCEPT || j->action == JGW_ACTION_CONTENT_REJECT)
      && s->pending == JGW_ACTION_CONTENT_ADD)
    s->pending = JGW_ACTION_UNKNOWN;
  if ((j->action == JGW_ACTION_TRANSPORT_ACCEPT || j->action == JGW_ACTION_TRANSPORT_REJECT)
      && s->pending == JGW_ACTION_TRANSPORT_REPLACE)
    s->pending = JGW_ACTION_UNKNOWN;
  jgw_jingle_reply_result (m, iq);
  if (m->cb.content != NULL)
    m->cb.content (s, j, m->user_data);
}

static void
handle_action (JgwJingleManager *m, JgwJingleSession *s, xmpp_stanza_t *iq, JgwJingle *j)
{
  switch (j->action)
    {
    case JGW_ACTION_SESSION_ACCEPT:
      handle_accept (m, s, iq, j);
      return;
    case JGW_ACTION_SESSION_TERMINATE:
      jgw_jingle_reply_result (m, iq);
      jgw_jingle_session_end (s, j->reason != JGW_REASON_NONE ? j->reason : JGW_REASON_SUCCESS, j->reason_text);
      return;
    case JGW_ACTION_SESSION_INFO:
      handle_info (m, s, iq, j);
      return;
    case JGW_ACTION_TRANSPORT_INFO:
      jgw_jingle_reply_result (m, iq);
      if (m->cb.transport_info != NULL)
        m->cb.transport_info (s, j, m->user_data);
      return;
    default:
      handle_content (m, s, iq, j);
      return;
    }
}

void
jgw_jingle_session_dispatch (JgwJingleManager *m, xmpp_stanza_t *iq, xmpp_stanza_t *jingle)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JgwJingle) j = jgw_jingle_parse (jingle, &error);
  const char *from = xmpp_stanza_get_from (iq);
  if (j == NULL)
    {
      jgw_jingle_reply_error (m, iq, error);
      return;
    }
  if (from == NULL || xmpp_stanza_get_to (iq) == NULL)
    {
      jgw_jingle_reply_code (m, iq, JGW_JINGLE_ERROR_BAD_REQUEST, "iq without from or to");
      return;
    }
  if (j->action == JGW_ACTION_SESSION_INITIATE)
    {
      handle_initiate (m, iq, j);
      return;
    }
  /* Keyed by the peer's full JID: anyone else acting on the sid gets unknown-session. */
  JgwJingleSession *s = jgw_jingle_manager_lookup (m, from, j->sid);
  if (s == NULL || g_strcmp0 (s->local, xmpp_stanza_get_to (iq)) != 0)
    {
      jgw_jingle_reply_code (m, iq, JGW_JINGLE_ERROR_UNKNOWN_SESSION, "unknown session");
      return;
    }
  handle_action (m, s, iq, j);
}
