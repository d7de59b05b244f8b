/* call_in.c — a SIP call to a user's identity rings their XMPP client:
 * INVITE -> session-initiate from CALLER@component (draft-ietf-stox-media),
 * session-accept -> 200, decline/busy -> 603/486, CANCEL -> terminate. */
#define G_LOG_DOMAIN "jgw-call"
#include "call/call_private.h"
#include "call/call_rules.h"

#include "log.h"
#include "sdp/sdp.h"
#include "xmpp/jid.h"

#define NS_RTP_AUDIO "urn:xmpp:jingle:apps:rtp:audio"
#define NS_JMI "urn:xmpp:jingle-message:0"

/* The highest-priority device of USER that advertises FEATURE, or NULL. */
static char *
first_device_with (JgwCalls *calls, const char *user, const char *feature)
{
  g_autoptr (GPtrArray) devices = jgw_presence_resources (calls->presence, user);
  for (guint i = 0; i < devices->len; i++)
    if (jgw_presence_has_feature (calls->presence, g_ptr_array_index (devices, i), feature))
      return g_strdup (g_ptr_array_index (devices, i));
  return NULL;
}

/* The device to ring: the highest-priority one that says it takes Jingle
 * audio, else the highest-priority one whose features are not known yet. */
char *
jgw_call_in_pick_device (JgwCalls *calls, const char *user)
{
  char *audio = first_device_with (calls, user, NS_RTP_AUDIO);
  if (audio)
    return audio;
  g_autoptr (GPtrArray) devices = jgw_presence_resources (calls->presence, user);
  for (guint i = 0; i < devices->len; i++)
    if (!jgw_presence_features_known (calls->presence, g_ptr_array_index (devices, i)))
      return g_strdup (g_ptr_array_index (devices, i));
  return NULL;
}

/* DND, busy and forwarding (call_rules.c) are applied in
 * jgw_call_in_incoming(), where the caller is known, so that the calls
 * they refuse are recorded: nothing is refused this early. */
guint
jgw_call_in_policy (JgwCalls *calls, const char *jid)
{
  (void) calls;
  (void) jid;
  return 0;
}

static gboolean
ring_timeout_cb (gpointer data)
{
  JgwCall *call = data;
  call->ring_timer = 0;
  if (jgw_call_rules_no_answer (call))
    return G_SOURCE_REMOVE;
  jgw_call_end (call, JGW_REASON_TIMEOUT, "no answer", 480);
  return G_SOURCE_REMOVE;
}

static void
set_caller (JgwCall *call, const JgwSipIncoming *info)
{
  JgwAddressContext ctx;
  jgw_router_context (call->calls->router, call->user, &ctx);
  g_autoptr (JgwCaller) caller = jgw_address_from_sip (info->caller_uri, info->display_name, &ctx, NULL);
  call->peer = g_strdup (caller ? caller->jid : ctx.component);
  call->remote = g_strdup (caller && caller->number ? caller->number : info->caller_uri);
  call->remote_name = g_strdup (caller ? caller->name : NULL);
}

/* Media for the SIP offer, and the Jingle offer for the device. */
static JgwSessionDesc *
prepare_offer (JgwCall *call, const char *sdp_offer, GError **error)
{
  g_autoptr (JgwSessionDesc) offer = sdp_offer ? jgw_sdp_parse (sdp_offer, JGW_SDP_AUTHOR_INITIATOR, error) : NULL;
  const JgwContent *content = jgw_call_audio_content (offer);
  if (content == NULL)
    {
      if (error && *error == NULL)
        g_set_error_literal (error, JGW_CALL_ERROR, JGW_CALL_ERROR_FAILED, "the INVITE offers no audio");
      return NULL;
    }
  if (!jgw_call_start_media (call, error)
      || !jgw_media_session_set_remote (call->media, JGW_MEDIA_LEG_SIP, content, error))
    return NULL;
  return jgw_call_xmpp_offer (call, error);
}

static JgwCall *
incoming_call (JgwCalls *calls, const JgwSipIncoming *info)
{
  JgwCall *call = jgw_call_new (calls, TRUE, info->jid);
  set_caller (call, info);
  return call;
}

void
jgw_call_in_incoming (JgwCalls *calls, JgwSipCall *sip, const JgwSipIncoming *info)
{
  if (jgw_call_rules_screen (calls, sip, info, incoming_call))
    return;
  JgwCall *call = incoming_call (calls, info);
  jgw_call_attach_sip (call, sip);
  JGW_LOG_CALL (G_LOG_LEVEL_MESSAGE, call->id, "%s%s%s calls %s", call->remote_name ? call->remote_name : "",
                call->remote_name ? " " : "", info->caller_uri, info->jid);
  jgw_calls_emit (calls, call, JGW_CALL_EVENT_STARTED);
  g_autoptr (GError) error = NULL;
  g_autoptr (JgwSessionDesc) offer = prepare_offer (call, info->sdp_offer, &error);
  if (offer == NULL)
    {
      jgw_call_end (call, JGW_REASON_INCOMPATIBLE_PARAMETERS, error ? error->message : NULL, 488);
      return;
    }
  /* XEP-0353 rings every device of the user; it is used when one of them
   * says it understands it. */
  g_autofree char *jmi_device = first_device_with (calls, info->jid, NS_JMI);
  if (jmi_device)
    {
      /* The caller's name (From display name or the directory's, CNIP)
       * rides along as a XEP-0172 nick, so the callee sees who calls. */
      const char *id = jgw_jmi_propose_named (calls->jmi, call->peer, info->jid, NULL, NULL, call->remote_name,
                                              &error);
      if (id == NULL)
        {
          jgw_call_end (call, JGW_REASON_GENERAL_ERROR, error->message, 500);
          return;
        }
      call->jmi_id = g_strdup (id);
      call->offer = g_steal_pointer (&offer);
    }
  else
    {
      g_autofree char *device = jgw_call_in_pick_device (calls, info->jid);
      JgwJingleSession *session = device ? jgw_jingle_manager_initiate (calls->jingle, call->peer, device,
                                                                         NULL, offer, &error)
                                         : NULL;
      if (session == NULL)
        {
          jgw_call_end (call, JGW_REASON_GONE, error ? error->message : "no client to ring", 480);
          return;
        }
      jgw_call_attach_jingle (call, session);
    }
  jgw_sip_call_ring (sip, NULL);
  jgw_call_set_state (call, CALL_RINGING);
  call->ring_timer = g_timeout_add_seconds (jgw_call_rules_ring_time (call), ring_timeout_cb, call);
}

void
jgw_call_in_accepted (JgwCall *call, const JgwJingle *jingle)
{
  g_autoptr (GError) error = NULL;
  const JgwContent *answer = jgw_call_audio_content (jingle->desc);
  if (answer == NULL || !jgw_media_session_set_remote (call->media, JGW_MEDIA_LEG_XMPP, answer, &error))
    {
      jgw_call_end (call, JGW_REASON_INCOMPATIBLE_PARAMETERS, error ? error->message : "no audio accepted", 488);
      return;
    }
  g_autoptr (JgwContent) local = jgw_media_session_get_local (call->media, JGW_MEDIA_LEG_SIP, &error);
  g_autofree char *sdp = local ? jgw_call_sdp (call, local, JGW_SDP_AUTHOR_RESPONDER) : NULL;
  if (sdp == NULL || call->sip == NULL || !jgw_sip_call_answer (call->sip, sdp, &error))
    {
      jgw_call_end (call, JGW_REASON_FAILED_APPLICATION, error ? error->message : "SIP leg gone", 500);
      return;
    }
  g_clear_handle_id (&call->ring_timer, g_source_remove);
  call->answer_ms = g_get_real_time () / 1000;
  jgw_call_set_state (call, CALL_ACTIVE);
  JGW_LOG_CALL (G_LOG_LEVEL_MESSAGE, call->id, "answered by %s", jgw_jingle_session_get_peer (call->jingle));
}

void
jgw_call_in_proceeded (JgwCall *call, const char *device)
{
  g_autoptr (GError) error = NULL;
  JgwJingleSession *session = jgw_jingle_manager_initiate (call->calls->jingle, call->peer, device, call->jmi_id,
                                                           call->offer, &error);
  if (session == NULL)
    {
      jgw_call_end (call, JGW_REASON_GENERAL_ERROR, error->message, 500);
      return;
    }
  JGW_LOG_CALL (G_LOG_LEVEL_INFO, call->id, "%s picked up the proposal", device);
  jgw_call_attach_jingle (call, session);
}
