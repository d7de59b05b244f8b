/* call_out.c — a Jingle call from an XMPP user to LOCAL@component becomes a
 * SIP call to the address interface.md gives for LOCAL (draft-ietf-stox-
 * media: session-initiate -> INVITE, 180 -> ringing, 200 -> session-accept). */
#define G_LOG_DOMAIN "jgw-call"
#include "call/call_private.h"

#include "identity/number.h"
#include "log.h"
#include "sdp/sdp.h"
#include "xmpp/jid.h"

/* The user must own a SIP identity here (static or registered in-band). */
static gboolean
user_has_line (JgwCalls *calls, const char *user)
{
  if (jgw_config_find_user (calls->config, user))
    return TRUE;
  g_autoptr (JgwAccount) account = jgw_store_account_get (calls->store, user, NULL);
  return account != NULL;
}

/* The SIP Request-URI for LOCAL, after the dial plan; NULL with a reason. */
char *
jgw_call_out_target (JgwCall *call, const char *local, JgwReason *reason, char **text)
{
  JgwAddressContext ctx;
  jgw_router_context (call->calls->router, call->user, &ctx);
  g_autoptr (GError) error = NULL;
  g_autoptr (JgwSipTarget) target = jgw_address_to_sip (local, &ctx, &error);
  if (target == NULL)
    {
      *reason = JGW_REASON_GENERAL_ERROR;
      *text = g_strdup (error->message);
      return NULL;
    }
  if (target->number == NULL)
    return g_strdup (target->uri);
  const JgwRoute *route = jgw_dialplan_route (jgw_router_dialplan (call->calls->router), target->number, &error);
  if (route == NULL)
    {
      *reason = JGW_REASON_DECLINE;
      *text = g_strdup (error->message);
      return NULL;
    }
  g_autofree char *number = jgw_route_apply (route, target->number);
  g_autofree char *user = jgw_address_uri_user_escape (number);
  if (route->srtp == JGW_SRTP_REQUIRED)
    jgw_media_session_set_sip_srtp_required (call->media, TRUE);
  return g_strconcat ("sip:", user, "@", ctx.sip_domain, NULL);
}

static gboolean
place_sip_call (JgwCall *call, const char *target, GError **error)
{
  g_autoptr (JgwContent) offer = jgw_media_session_get_local (call->media, JGW_MEDIA_LEG_SIP, error);
  if (offer == NULL)
    return FALSE;
  g_autofree char *sdp = jgw_call_sdp (call, offer, JGW_SDP_AUTHOR_INITIATOR);
  JgwSipCall *sip = jgw_sip_call_new (call->calls->sip, call->user, target, sdp, error);
  if (sip == NULL)
    return FALSE;
  jgw_call_attach_sip (call, sip);
  return TRUE;
}

void
jgw_call_out_initiated (JgwCalls *calls, JgwJingleSession *session, const JgwJingle *jingle)
{
  g_autofree char *user = jgw_jid_bare (jgw_jingle_session_get_peer (session));
  g_autofree char *local = jgw_jid_local (jgw_jingle_session_get_local (session));
  JgwCall *call = jgw_call_new (calls, FALSE, user);
  jgw_call_attach_jingle (call, session);
  call->peer = jgw_jid_bare (jgw_jingle_session_get_local (session));
  g_autofree char *unescaped = local ? jgw_jid_unescape (local) : NULL;
  call->remote = g_strdup (unescaped ? unescaped : "?");
  JGW_LOG_CALL (G_LOG_LEVEL_MESSAGE, call->id, "%s calls %s", jgw_jingle_session_get_peer (session),
                call->peer);
  jgw_calls_emit (calls, call, JGW_CALL_EVENT_STARTED);

  const JgwContent *content = jgw_call_audio_content (jingle->desc);
  if (!user_has_line (calls, user) && calls->identities == NULL)
    {
      jgw_call_end (call, JGW_REASON_DECLINE, "you have no phone line at this gateway", 0);
      return;
    }
  if (content == NULL || local == NULL)
    {
      jgw_call_end (call, JGW_REASON_UNSUPPORTED_APPLICATIONS, "only audio calls to a number or SIP address", 0);
      return;
    }
  call->content_name = g_strdup (content->name);
  g_autoptr (GError) error = NULL;
  if (!jgw_call_start_media (call, &error)
      || !jgw_media_session_set_remote (call->media, JGW_MEDIA_LEG_XMPP, content, &error))
    {
      jgw_call_end (call, JGW_REASON_INCOMPATIBLE_PARAMETERS, error->message, 0);
      return;
    }
  /* A user known only to the directory gets their line from it first. */
  if (user_has_line (calls, user))
    jgw_call_out_place (call, local);
  else
    jgw_call_lookup_line (call, local);
}

void
jgw_call_out_place (JgwCall *call, const char *local)
{
  g_autoptr (GError) error = NULL;
  JgwReason reason = JGW_REASON_GENERAL_ERROR;
  g_autofree char *why = NULL;
  g_autofree char *target = jgw_call_out_target (call, local, &reason, &why);
  if (target == NULL)
    {
      jgw_call_end (call, reason, why, 0);
      return;
    }
  g_free (call->remote);
  call->remote = g_strdup (target);
  if (!place_sip_call (call, target, &error))
    {
      jgw_call_end (call, JGW_REASON_GENERAL_ERROR, error->message, 0);
      return;
    }
  jgw_call_set_state (call, CALL_RINGING);
}

void
jgw_call_out_progress (JgwCall *call, guint status)
{
  /* 180 and 183 both mean the far end is alerting (STOX media 5.2); a
   * 183's SDP is bridged as early media by call_early.c. */
  if ((status == 180 || status == 183) && !call->ringing_sent && call->jingle)
    {
      call->ringing_sent = TRUE;
      jgw_jingle_session_send_info (call->jingle, JGW_INFO_RINGING, NULL, NULL);
    }
}

void
jgw_call_out_established (JgwCall *call, const char *answer_sdp)
{
  g_autoptr (GError) error = NULL;
  if (!jgw_call_apply_sip_answer (call, answer_sdp, &error))
    {
      jgw_call_end (call, JGW_REASON_INCOMPATIBLE_PARAMETERS, error->message, 488);
      return;
    }
  g_autoptr (JgwContent) local = jgw_media_session_get_local (call->media, JGW_MEDIA_LEG_XMPP, &error);
  if (local == NULL)
    {
      jgw_call_end (call, JGW_REASON_FAILED_APPLICATION, error->message, 488);
      return;
    }
  g_free (local->name);
  local->name = g_strdup (call->content_name);
  g_autoptr (JgwSessionDesc) desc = jgw_call_desc_for (local);
  if (call->jingle == NULL || !jgw_jingle_session_accept (call->jingle, desc, &error))
    {
      jgw_call_end (call, JGW_REASON_FAILED_APPLICATION, error ? error->message : "session gone", 500);
      return;
    }
  call->answer_ms = g_get_real_time () / 1000;
  jgw_call_set_state (call, CALL_ACTIVE);
  JGW_LOG_CALL (G_LOG_LEVEL_MESSAGE, call->id, "answered by %s", call->remote);
}
