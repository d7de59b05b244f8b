/* call_mid.c — an established call: re-INVITE (hold/unhold) both ways,
 * REFER both ways with sipfrag NOTIFYs, DTMF in SIP INFO, hang-up, and the
 * dispatch of a call handle's nua events. */
#define G_LOG_DOMAIN "jgw-sip"

#include "log.h"
#include "sip/sip_private.h"
#include "sip/sip_util.h"

#include <stdlib.h>
#include <string.h>

static const char *const dir_names[] = { "sendrecv", "sendonly", "recvonly", "inactive" };

static void
reinvite_received (JgwSipCall *call, sip_t const *sip)
{
  JgwSipUa *ua = call->ua;
  g_autofree char *offer = jgw_sip_payload (sip);
  if (offer && !jgw_sip_sdp_valid (offer))
    {
      nua_respond (call->nh, 400, "Bad Session Description", TAG_END ());
      return;
    }
  JgwSipDirection dir = offer ? jgw_sip_sdp_direction (offer) : JGW_SIP_DIR_SENDRECV;
  JGW_LOG_CALL (G_LOG_LEVEL_MESSAGE, call->id, "re-INVITE from far end: %s", dir_names[dir]);
  g_autofree char *answer = call->events->update
                              ? call->events->update (ua, call, dir, offer, call->events_data) : NULL;
  if (answer == NULL)
    nua_respond (call->nh, SIP_488_NOT_ACCEPTABLE, TAG_END ());
  else
    nua_respond (call->nh, SIP_200_OK, SIPTAG_CONTENT_TYPE_STR ("application/sdp"),
                 SIPTAG_PAYLOAD_STR (answer), TAG_END ());
}

static void
info_received (JgwSipCall *call, sip_t const *sip)
{
  JgwSipUa *ua = call->ua;
  g_autofree char *body = jgw_sip_payload (sip);
  char digit;
  guint duration;
  const char *type = sip && sip->sip_content_type ? sip->sip_content_type->c_type : NULL;
  if (!jgw_sip_dtmf_parse (type, body, &digit, &duration))
    return;
  JGW_LOG_CALL (G_LOG_LEVEL_INFO, call->id, "DTMF '%c' (%u ms) via SIP INFO", digit, duration);
  if (call->events->dtmf)
    call->events->dtmf (ua, call, digit, duration, call->events_data);
}

static void
refer_received (JgwSipCall *call, sip_t const *sip)
{
  JgwSipUa *ua = call->ua;
  if (sip == NULL || sip->sip_refer_to == NULL)
    return;
  su_home_t home[1] = { SU_HOME_INIT (home) };
  char *target = url_as_string (home, sip->sip_refer_to->r_url);
  g_free (call->refer_event);
  call->refer_event = g_strdup_printf ("refer;id=%u", sip->sip_cseq ? sip->sip_cseq->cs_seq : 0);
  JGW_LOG_CALL (G_LOG_LEVEL_MESSAGE, call->id, "REFER to %s", target);
  if (call->events->refer)
    call->events->refer (ua, call, target, call->events_data);
  else
    jgw_sip_call_refer_notify (call, 603, NULL);
  su_home_deinit (home);
}

/* "SIP/2.0 180 Ringing" -> 180 and "Ringing". */
static guint
parse_sipfrag (const char *frag, const char **phrase)
{
  if (frag == NULL || strncmp (frag, "SIP/2.0 ", 8) != 0)
    return 0;
  char *end;
  guint status = (guint) strtoul (frag + 8, &end, 10);
  *phrase = jgw_sip_status_phrase (status);
  return status >= 100 && status < 700 ? status : 0;
}

static void
transfer_report (JgwSipCall *call, guint status, const char *phrase)
{
  JgwSipUa *ua = call->ua;
  JGW_LOG_CALL (G_LOG_LEVEL_INFO, call->id, "transfer progress: %u %s", status, phrase);
  if (call->events->transfer_progress)
    call->events->transfer_progress (ua, call, status, phrase, call->events_data);
}

static void
notify_received (JgwSipCall *call, sip_t const *sip)
{
  g_autofree char *frag = jgw_sip_payload (sip);
  const char *phrase = NULL;
  guint status = parse_sipfrag (frag, &phrase);
  if (status)
    transfer_report (call, status, phrase);
}

static void
ack_received (JgwSipCall *call, sip_t const *sip)
{
  JgwSipUa *ua = call->ua;
  if (call->state != JGW_SIP_CALL_ANSWERED)
    return;
  /* After an offerless INVITE our 200 carried the offer; the answer is here. */
  g_autofree char *sdp = jgw_sip_payload (sip);
  call->state = JGW_SIP_CALL_ACTIVE;
  JGW_LOG_CALL (G_LOG_LEVEL_MESSAGE, call->id, "SIP call established");
  if (call->events->established)
    call->events->established (ua, call, sdp, call->events_data);
}

static void
state_changed (JgwSipCall *call, int status, const char *phrase, tagi_t tags[])
{
  int callstate = -1;
  tl_gets (tags, NUTAG_CALLSTATE_REF (callstate), TAG_END ());
  if (callstate != nua_callstate_terminated)
    return;
  gboolean remote = call->state != JGW_SIP_CALL_ENDING;
  jgw_sip_call_finish (call, status >= 300 ? (guint) status : 200, phrase, remote);
}

void
jgw_sip_call_mid_event (JgwSipCall *call, nua_event_t event, int status, const char *phrase,
                        nua_handle_t *nh, sip_t const *sip, tagi_t tags[])
{
  (void) nh;
  switch (event)
    {
    case nua_r_invite: jgw_sip_call_out_event (call, event, status, phrase, sip); break;
    case nua_i_invite: reinvite_received (call, sip); break;
    case nua_i_ack: ack_received (call, sip); break;
    case nua_i_info: info_received (call, sip); break;
    case nua_i_refer: refer_received (call, sip); break;
    case nua_i_notify: notify_received (call, sip); break;
    case nua_r_refer:
      if (status >= 200)
        transfer_report (call, status, phrase);
      break;
    case nua_i_cancel: jgw_sip_call_finish (call, 487, "Cancelled by caller", TRUE); break;
    case nua_i_bye: jgw_sip_call_finish (call, 200, "Hung up by far end", TRUE); break;
    case nua_r_bye:
      if (status >= 200)
        jgw_sip_call_finish (call, 200, "Hung up", FALSE);
      break;
    case nua_i_state: state_changed (call, status, phrase, tags); break;
    default: break;
    }
}

void
jgw_sip_call_hangup (JgwSipCall *call)
{
  switch (call->state)
    {
    case JGW_SIP_CALL_CALLING:
      call->state = JGW_SIP_CALL_ENDING;
      nua_cancel (call->nh, TAG_END ());
      break;
    case JGW_SIP_CALL_RINGING:
      jgw_sip_call_reject (call, 480, NULL);
      break;
    case JGW_SIP_CALL_ANSWERED:
    case JGW_SIP_CALL_ACTIVE:
      call->state = JGW_SIP_CALL_ENDING;
      nua_bye (call->nh, TAG_END ());
      break;
    default:
      break;
    }
}

static gboolean
check_active (JgwSipCall *call, GError **error)
{
  if (call->state == JGW_SIP_CALL_ACTIVE)
    return TRUE;
  g_set_error (error, JGW_SIP_ERROR, JGW_SIP_ERROR_ARGUMENT, "SIP call %s is not established",
               call->id);
  return FALSE;
}

gboolean
jgw_sip_call_update (JgwSipCall *call, const char *sdp, GError **error)
{
  if (!check_active (call, error))
    return FALSE;
  if (call->update_pending)
    return g_set_error (error, JGW_SIP_ERROR, JGW_SIP_ERROR_ARGUMENT,
                        "a re-INVITE is already pending on %s", call->id), FALSE;
  call->update_pending = TRUE;
  JGW_LOG_CALL (G_LOG_LEVEL_MESSAGE, call->id, "sending re-INVITE (%s)",
                dir_names[jgw_sip_sdp_direction (sdp)]);
  nua_invite (call->nh, SIPTAG_CONTENT_TYPE_STR ("application/sdp"), SIPTAG_PAYLOAD_STR (sdp),
              TAG_END ());
  return TRUE;
}

gboolean
jgw_sip_call_transfer (JgwSipCall *call, const char *target, GError **error)
{
  if (!check_active (call, error))
    return FALSE;
  JGW_LOG_CALL (G_LOG_LEVEL_MESSAGE, call->id, "sending REFER to %s", target);
  nua_refer (call->nh, SIPTAG_REFER_TO_STR (target), TAG_END ());
  return TRUE;
}

gboolean
jgw_sip_call_refer_notify (JgwSipCall *call, guint status, GError **error)
{
  if (call->refer_event == NULL)
    return g_set_error (error, JGW_SIP_ERROR, JGW_SIP_ERROR_ARGUMENT,
                        "no REFER received on %s", call->id), FALSE;
  g_autofree char *frag = g_strdup_printf ("SIP/2.0 %u %s\r\n", status,
                                           jgw_sip_status_phrase (status));
  nua_notify (call->nh,
              NUTAG_SUBSTATE (status >= 200 ? nua_substate_terminated : nua_substate_active),
              SIPTAG_CONTENT_TYPE_STR ("message/sipfrag"), SIPTAG_PAYLOAD_STR (frag),
              SIPTAG_EVENT_STR (call->refer_event), TAG_END ());
  return TRUE;
}

gboolean
jgw_sip_call_send_dtmf (JgwSipCall *call, char digit, guint duration_ms, GError **error)
{
  if (!check_active (call, error))
    return FALSE;
  if (digit == '\0' || strchr ("0123456789*#ABCD", g_ascii_toupper (digit)) == NULL)
    return g_set_error (error, JGW_SIP_ERROR, JGW_SIP_ERROR_ARGUMENT, "'%c' is not a DTMF digit",
                        digit), FALSE;
  g_autofree char *body = g_strdup_printf ("Signal=%c\r\nDuration=%u\r\n",
                                           g_ascii_toupper (digit), duration_ms);
  nua_info (call->nh, SIPTAG_CONTENT_TYPE_STR ("application/dtmf-relay"),
            SIPTAG_PAYLOAD_STR (body), TAG_END ());
  return TRUE;
}

const char *
jgw_sip_call_get_id (JgwSipCall *call)
{
  return call->id;
}

const char *
jgw_sip_call_get_jid (JgwSipCall *call)
{
  return call->jid;
}

gboolean
jgw_sip_call_is_incoming (JgwSipCall *call)
{
  return call->incoming;
}

void
jgw_sip_call_set_data (JgwSipCall *call, gpointer data)
{
  call->data = data;
}

gpointer
jgw_sip_call_get_data (JgwSipCall *call)
{
  return call->data;
}

void
jgw_sip_call_set_events (JgwSipCall *call, const JgwSipEvents *events, gpointer user_data)
{
  call->events = events ? events : &call->ua->events;
  call->events_data = events ? user_data : call->ua->user_data;
}
