/* call_early.c — early media on calls to SIP: a 183 Session Progress with
 * SDP starts the bridge before the answer, so that the user hears the
 * ringback or announcement of the far end (RFC 3960 gateway model).
 *
 * The client is the Jingle offerer and has our answer only at session-
 * accept; so that it can run ICE and DTLS before that, we send it our
 * transport (credentials, candidates, DTLS fingerprint and role) in a
 * transport-info, which XEP-0176 allows the responder at any time after
 * the session-initiate. A client that waits for session-accept simply
 * starts then: nothing is forwarded before (STOX media: keep the SDP). The
 * 200 then re-applies the SIP answer if it differs from the early one. */
#define G_LOG_DOMAIN "jgw-call"
#include "call/call_private.h"

#include "log.h"
#include "sdp/sdp.h"

/* Our XMPP transport, complete, as a transport-info (no description). */
static void
offer_transport (JgwCall *call)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JgwContent) local = jgw_media_session_get_local (call->media, JGW_MEDIA_LEG_XMPP, &error);
  if (local == NULL || local->ice == NULL)
    {
      JGW_LOG_CALL (G_LOG_LEVEL_INFO, call->id, "no transport for early media: %s",
                    error ? error->message : "no ICE");
      return;
    }
  g_autoptr (JgwContent) content = jgw_content_new (call->content_name, NULL);
  g_free (content->creator);
  content->creator = g_strdup ("initiator");
  content->ice = jgw_ice_transport_copy (local->ice);
  g_autoptr (JgwSessionDesc) desc = jgw_call_desc_for (content);
  if (!jgw_jingle_session_send_transport_info (call->jingle, desc, &error))
    JGW_LOG_CALL (G_LOG_LEVEL_INFO, call->id, "early transport not sent: %s", error->message);
}

/* The audio content of SDP (an answer from the SIP party); NULL with ERROR. */
static JgwSessionDesc *
parse_answer (const char *sdp, GError **error)
{
  g_autoptr (JgwSessionDesc) desc = jgw_sdp_parse (sdp, JGW_SDP_AUTHOR_RESPONDER, error);
  if (desc != NULL && jgw_call_audio_content (desc) == NULL)
    {
      g_set_error_literal (error, JGW_CALL_ERROR, JGW_CALL_ERROR_INVALID, "the SIP answer has no audio");
      return NULL;
    }
  return g_steal_pointer (&desc);
}

void
jgw_call_out_early_media (JgwCall *call, const char *sdp)
{
  if (call->state != CALL_RINGING || call->media == NULL || call->jingle == NULL || call->third_party)
    return;
  g_autoptr (GError) error = NULL;
  g_autoptr (JgwSessionDesc) answer = parse_answer (sdp, &error);
  if (answer == NULL
      || !jgw_media_session_update_remote (call->media, JGW_MEDIA_LEG_SIP, jgw_call_audio_content (answer), &error))
    {
      /* Not fatal: the 200 brings the answer that counts. */
      JGW_LOG_CALL (G_LOG_LEVEL_INFO, call->id, "early media not bridged: %s", error->message);
      return;
    }
  jgw_media_session_set_early (call->media, TRUE);
  if (call->early_media)
    return;
  call->early_media = TRUE;
  JGW_LOG_CALL (G_LOG_LEVEL_MESSAGE, call->id, "early media from %s", call->remote);
  /* A client that accepted our own session-initiate (dial command) has
   * our transport already. */
  if (!jgw_jingle_session_is_initiator (call->jingle))
    offer_transport (call);
}

gboolean
jgw_call_apply_sip_answer (JgwCall *call, const char *sdp, GError **error)
{
  /* RFC 3261 13.2.1: after an answer in a reliable 183 the 200 may carry
   * none; ours was the early one then. */
  if (sdp == NULL && call->early_media)
    {
      jgw_media_session_set_early (call->media, FALSE);
      return TRUE;
    }
  if (sdp == NULL)
    {
      g_set_error_literal (error, JGW_CALL_ERROR, JGW_CALL_ERROR_INVALID, "the SIP answer has no SDP");
      return FALSE;
    }
  g_autoptr (JgwSessionDesc) answer = parse_answer (sdp, error);
  if (answer == NULL
      || !jgw_media_session_update_remote (call->media, JGW_MEDIA_LEG_SIP, jgw_call_audio_content (answer), error))
    return FALSE;
  jgw_media_session_set_early (call->media, FALSE);
  return TRUE;
}
