/* call_mid.c — during a call: hold both ways (session-info <-> re-INVITE
 * sendonly/inactive, STOX media 6), trickled candidates, DTMF to SIP. */
#define G_LOG_DOMAIN "jgw-call"
#include "call/call_private.h"

#include "log.h"
#include "sdp/sdp.h"

/* Our SIP leg's content with the direction DIRECTION ("sendonly"...). */
static char *
sip_sdp_with_direction (JgwCall *call, const char *direction, GError **error)
{
  g_autoptr (JgwContent) local = jgw_media_session_get_local (call->media, JGW_MEDIA_LEG_SIP, error);
  if (local == NULL)
    return NULL;
  /* Outgoing calls made us the SIP initiator; incoming ones the responder. */
  JgwSdpAuthor author = call->incoming ? JGW_SDP_AUTHOR_RESPONDER : JGW_SDP_AUTHOR_INITIATOR;
  jgw_sdp_senders (direction, author, &local->senders);
  return jgw_call_sdp (call, local, author);
}

/* Re-INVITE the SIP party with DIRECTION (ours, as the SIP side sees the
 * user); HOLD says whether the user no longer talks with it. */
static gboolean
set_direction (JgwCall *call, const char *direction, gboolean hold, GError **error)
{
  if (call->state != CALL_ACTIVE || call->sip == NULL)
    {
      g_set_error_literal (error, JGW_CALL_ERROR, JGW_CALL_ERROR_STATE, "the call is not active");
      return FALSE;
    }
  if (call->third_party)
    return call->held == hold || jgw_call_3pcc_set_hold (call, hold, error);
  g_autofree char *sdp = sip_sdp_with_direction (call, direction, error);
  if (sdp == NULL || !jgw_sip_call_update (call->sip, sdp, error))
    return FALSE;
  jgw_media_session_set_hold (call->media, JGW_MEDIA_LEG_SIP, hold);
  JGW_LOG_CALL (G_LOG_LEVEL_MESSAGE, call->id, "%s put %s %s hold (%s)", call->user, call->remote,
                hold ? "on" : "off", direction);
  if (call->held != hold)
    {
      call->held = hold;
      jgw_calls_emit (call->calls, call, JGW_CALL_EVENT_HOLD);
    }
  return TRUE;
}

gboolean
jgw_call_set_hold (JgwCall *call, gboolean hold, GError **error)
{
  if (call->held == hold && call->state == CALL_ACTIVE)
    return TRUE;
  return set_direction (call, hold ? "sendonly" : "sendrecv", hold, error);
}

/* The SIP direction for the client's new Jingle senders (XEP-0166 content-
 * modify; STOX media 6: a senders change maps to a re-INVITE). */
static const char *
direction_for_senders (JgwCall *call, JgwSenders senders)
{
  gboolean we_initiated = call->jingle && jgw_jingle_session_is_initiator (call->jingle);
  JgwSenders client = we_initiated ? JGW_SENDERS_RESPONDER : JGW_SENDERS_INITIATOR;
  if (senders == JGW_SENDERS_BOTH)
    return "sendrecv";
  if (senders == JGW_SENDERS_NONE)
    return "inactive";
  return senders == client ? "sendonly" : "recvonly";
}

void
jgw_call_jingle_content (JgwCall *call, const JgwJingle *jingle)
{
  const JgwContent *content = jingle->desc && jingle->desc->contents->len
                                ? g_ptr_array_index (jingle->desc->contents, 0) : NULL;
  if (jingle->action != JGW_ACTION_CONTENT_MODIFY || content == NULL)
    {
      JGW_LOG_CALL (G_LOG_LEVEL_INFO, call->id, "ignored Jingle %s", jgw_jingle_action_to_string (jingle->action));
      return;
    }
  const char *direction = direction_for_senders (call, content->senders);
  g_autoptr (GError) error = NULL;
  if (!set_direction (call, direction, content->senders != JGW_SENDERS_BOTH, &error))
    JGW_LOG_CALL (G_LOG_LEVEL_INFO, call->id, "senders change not passed on: %s", error->message);
}

void
jgw_call_jingle_info (JgwCall *call, const JgwJingle *jingle)
{
  g_autoptr (GError) error = NULL;
  switch (jingle->info)
    {
    case JGW_INFO_HOLD:
    case JGW_INFO_UNHOLD:
      if (!jgw_call_set_hold (call, jingle->info == JGW_INFO_HOLD, &error))
        JGW_LOG_CALL (G_LOG_LEVEL_INFO, call->id, "hold not passed on: %s", error->message);
      break;
    case JGW_INFO_MUTE:
    case JGW_INFO_UNMUTE:
      /* XEP-0167 mute: the user stops talking; make sure the SIP party
       * hears silence even if the client keeps sending (comfort noise). */
      if (!jgw_call_set_mute (call, jingle->info == JGW_INFO_MUTE, &error))
        JGW_LOG_CALL (G_LOG_LEVEL_INFO, call->id, "mute not applied: %s", error->message);
      break;
    default:
      break;
    }
}

char *
jgw_call_sip_update (JgwCall *call, JgwSipDirection dir, const char *sdp_offer)
{
  if (call->media == NULL || call->state != CALL_ACTIVE)
    return NULL;
  /* Answer the far end's direction with its mirror (RFC 3264 6.1). */
  static const char *const answer_dir[] = {
    [JGW_SIP_DIR_SENDRECV] = "sendrecv",
    [JGW_SIP_DIR_SENDONLY] = "recvonly",
    [JGW_SIP_DIR_RECVONLY] = "sendonly",
    [JGW_SIP_DIR_INACTIVE] = "inactive",
  };
  gboolean held = dir == JGW_SIP_DIR_SENDONLY || dir == JGW_SIP_DIR_INACTIVE;
  g_autoptr (GError) error = NULL;
  char *sdp = sip_sdp_with_direction (call, answer_dir[dir], &error);
  if (sdp == NULL)
    {
      JGW_LOG_CALL (G_LOG_LEVEL_WARNING, call->id, "cannot answer the re-INVITE: %s", error->message);
      return NULL;
    }
  jgw_media_session_set_hold (call->media, JGW_MEDIA_LEG_SIP, held || call->held);
  if (held != call->held_by_peer)
    {
      call->held_by_peer = held;
      jgw_calls_emit (call->calls, call, JGW_CALL_EVENT_HOLD);
    }
  if (call->jingle)
    jgw_jingle_session_send_info (call->jingle, held ? JGW_INFO_HOLD : JGW_INFO_UNHOLD, NULL, NULL);
  JGW_LOG_CALL (G_LOG_LEVEL_MESSAGE, call->id, "%s put the call %s hold", call->remote, held ? "on" : "off");
  return sdp;
}

void
jgw_call_transport_info (JgwCall *call, const JgwJingle *jingle)
{
  const JgwContent *content = jgw_call_audio_content (jingle->desc);
  if (content == NULL || content->ice == NULL || call->media == NULL)
    return;
  for (guint i = 0; i < content->ice->candidates->len; i++)
    jgw_media_session_add_remote_candidate (call->media, g_ptr_array_index (content->ice->candidates, i), NULL);
  if (content->ice->end_of_candidates)
    jgw_media_session_add_remote_candidate (call->media, NULL, NULL);
}

gboolean
jgw_call_send_dtmf (JgwCall *call, const char *digits, GError **error)
{
  if (call->state != CALL_ACTIVE || call->sip == NULL)
    {
      g_set_error_literal (error, JGW_CALL_ERROR, JGW_CALL_ERROR_STATE, "the call is not active");
      return FALSE;
    }
  /* RFC 4733 when the SIP party negotiated telephone-event, else SIP INFO. */
  if (call->media && jgw_media_session_send_dtmf (call->media, JGW_MEDIA_LEG_SIP, digits, 160, NULL))
    return TRUE;
  for (const char *d = digits; *d; d++)
    if (!jgw_sip_call_send_dtmf (call->sip, *d, 160, error))
      return FALSE;
  return TRUE;
}

void
jgw_call_dtmf_to_xmpp (JgwCall *call, char digit, guint duration_ms)
{
  char digits[2] = { digit, '\0' };
  if (call->state != CALL_ACTIVE || call->jingle == NULL)
    return;
  if (call->media && jgw_media_session_send_dtmf (call->media, JGW_MEDIA_LEG_XMPP, digits, duration_ms, NULL))
    return;
  /* The client negotiated no telephone-event: show the digit as text from
   * the call's JID, so the user still sees what the far end keyed. */
  xmpp_ctx_t *ctx = jgw_component_ctx (call->calls->component);
  xmpp_stanza_t *msg = xmpp_message_new (ctx, "chat", jgw_jingle_session_get_peer (call->jingle), NULL);
  xmpp_stanza_set_from (msg, call->peer);
  xmpp_message_set_body (msg, digits);
  jgw_component_send (call->calls->component, msg);
  xmpp_stanza_release (msg);
  JGW_LOG_CALL (G_LOG_LEVEL_INFO, call->id, "DTMF %c to %s as a chat message", digit, call->user);
}
