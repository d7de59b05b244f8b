/* call_dial.c — the `dial` command with the chat client as the phone: the
 * gateway rings the user's client with a Jingle call from the target's JID
 * (as call_in.c rings a device for a SIP caller), and places the SIP call
 * once the client accepts; the client hears the far end from then on. */
#define G_LOG_DOMAIN "jgw-call"
#include "call/call_private.h"

#include "log.h"
#include "sdp/sdp.h"
#include "xmpp/jid.h"

#define NS_RTP_AUDIO "urn:xmpp:jingle:apps:rtp:audio"

char *
jgw_calls_dial_device (JgwCalls *calls, const char *requester)
{
  if (jgw_presence_has_feature (calls->presence, requester, NS_RTP_AUDIO))
    return g_strdup (requester);
  g_autofree char *user = jgw_jid_bare (requester);
  g_autoptr (GPtrArray) devices = jgw_presence_resources (calls->presence, user);
  for (guint i = 0; i < devices->len; i++)
    if (jgw_presence_has_feature (calls->presence, g_ptr_array_index (devices, i), NS_RTP_AUDIO))
      return g_strdup (g_ptr_array_index (devices, i));
  return NULL;
}

/* The target's JID at the component: a JID there is taken as it is. */
static char *
peer_for (JgwCalls *calls, const char *user, const char *target, GError **error)
{
  JgwAddressContext ctx;
  jgw_router_context (calls->router, user, &ctx);
  g_autofree char *domain = jgw_jid_domain (target);
  if (domain && g_ascii_strcasecmp (domain, ctx.component) == 0 && !g_str_has_prefix (target, "sip:"))
    return jgw_jid_bare (target);
  return jgw_address_jid_for_input (target, &ctx, error);
}

static gboolean
user_has_line (JgwCalls *calls, const char *user)
{
  if (jgw_config_find_user (calls->config, user))
    return TRUE;
  g_autoptr (JgwAccount) account = jgw_store_account_get (calls->store, user, NULL);
  return account != NULL;
}

static gboolean
ring_timeout_cb (gpointer data)
{
  JgwCall *call = data;
  call->ring_timer = 0;
  jgw_call_end (call, JGW_REASON_TIMEOUT, "your client did not answer", 0);
  return G_SOURCE_REMOVE;
}

/* Fails the call (already started) with ERROR's text. */
static JgwCall *
dial_failed (JgwCall *call, JgwReason reason, const char *text, GError **error)
{
  g_set_error_literal (error, JGW_CALL_ERROR, JGW_CALL_ERROR_FAILED, text);
  jgw_call_end (call, reason, text, 0);
  return NULL;
}

JgwCall *
jgw_calls_dial (JgwCalls *calls, const char *device, const char *target, GError **error)
{
  g_autofree char *user = jgw_jid_bare (device);
  if (user == NULL || !user_has_line (calls, user))
    {
      g_set_error_literal (error, JGW_CALL_ERROR, JGW_CALL_ERROR_STATE, "you have no phone line at this gateway");
      return NULL;
    }
  g_autofree char *peer = peer_for (calls, user, target, error);
  if (peer == NULL)
    return NULL;
  g_autofree char *local = jgw_jid_local (peer);
  JgwCall *call = jgw_call_new (calls, FALSE, user);
  call->dialing = TRUE;
  call->ringing_sent = TRUE; /* the client rings itself; no SIP ringing to pass on */
  call->peer = g_steal_pointer (&peer);
  call->remote = local ? jgw_jid_unescape (local) : g_strdup (target);
  JGW_LOG_CALL (G_LOG_LEVEL_MESSAGE, call->id, "%s dials %s on %s", user, call->peer, device);
  jgw_calls_emit (calls, call, JGW_CALL_EVENT_STARTED);
  g_autoptr (GError) local_error = NULL;
  JgwReason reason = JGW_REASON_GENERAL_ERROR;
  g_autofree char *why = NULL;
  g_autofree char *sip_target = NULL;
  if (!jgw_call_start_media (call, &local_error))
    return dial_failed (call, JGW_REASON_MEDIA_ERROR, local_error->message, error);
  sip_target = local ? jgw_call_out_target (call, local, &reason, &why) : NULL;
  if (sip_target == NULL)
    return dial_failed (call, reason, why ? why : "not an address to call", error);
  g_free (call->remote);
  call->remote = g_steal_pointer (&sip_target);
  g_autoptr (JgwSessionDesc) offer = jgw_call_xmpp_offer (call, &local_error);
  JgwJingleSession *session = offer ? jgw_jingle_manager_initiate (calls->jingle, call->peer, device, NULL, offer,
                                                                    &local_error)
                                    : NULL;
  if (session == NULL)
    return dial_failed (call, JGW_REASON_GENERAL_ERROR, local_error->message, error);
  jgw_call_attach_jingle (call, session);
  jgw_call_set_state (call, CALL_RINGING);
  call->ring_timer = g_timeout_add_seconds (calls->config->calls.ring_time, ring_timeout_cb, call);
  return call;
}

void
jgw_call_dial_accepted (JgwCall *call, const JgwJingle *jingle)
{
  g_autoptr (GError) error = NULL;
  g_clear_handle_id (&call->ring_timer, g_source_remove);
  const JgwContent *answer = jgw_call_audio_content (jingle->desc);
  if (answer == NULL || !jgw_media_session_set_remote (call->media, JGW_MEDIA_LEG_XMPP, answer, &error))
    {
      jgw_call_end (call, JGW_REASON_INCOMPATIBLE_PARAMETERS, error ? error->message : "no audio accepted", 0);
      return;
    }
  g_autoptr (JgwContent) offer = jgw_media_session_get_local (call->media, JGW_MEDIA_LEG_SIP, &error);
  g_autofree char *sdp = offer ? jgw_call_sdp (call, offer, JGW_SDP_AUTHOR_INITIATOR) : NULL;
  JgwSipCall *sip = sdp ? jgw_sip_call_new (call->calls->sip, call->user, call->remote, sdp, &error) : NULL;
  if (sip == NULL)
    {
      jgw_call_end (call, JGW_REASON_GENERAL_ERROR, error ? error->message : "no SIP offer", 0);
      return;
    }
  jgw_call_attach_sip (call, sip);
  JGW_LOG_CALL (G_LOG_LEVEL_MESSAGE, call->id, "%s took the call: calling %s",
                jgw_jingle_session_get_peer (call->jingle), call->remote);
}

void
jgw_call_dial_established (JgwCall *call, const char *answer_sdp)
{
  g_autoptr (GError) error = NULL;
  if (!jgw_call_apply_sip_answer (call, answer_sdp, &error))
    {
      jgw_call_end (call, JGW_REASON_INCOMPATIBLE_PARAMETERS,
                    error ? error->message : "the SIP answer has no audio", 488);
      return;
    }
  call->answer_ms = g_get_real_time () / 1000;
  jgw_call_set_state (call, CALL_ACTIVE);
  JGW_LOG_CALL (G_LOG_LEVEL_MESSAGE, call->id, "answered by %s", call->remote);
}
