/* call_out.c — the life of a call object, and calls we place: INVITE with
 * the media layer's SDP offer, digest auth, provisional responses with
 * early SDP, the answer, and every failure with its status. */
#define G_LOG_DOMAIN "jgw-sip"

#include "log.h"
#include "sip/sip_private.h"
#include "sip/sip_util.h"

#include <string.h>

JgwSipCall *
jgw_sip_call_alloc (JgwSipUa *ua, nua_handle_t *nh, const char *jid, gboolean incoming)
{
  JgwSipCall *call = g_new0 (JgwSipCall, 1);
  call->base.kind = JGW_SIP_HANDLE_CALL;
  call->ua = ua;
  call->nh = nh;
  call->jid = g_strdup (jid);
  call->incoming = incoming;
  call->events = &ua->events;
  call->events_data = ua->user_data;
  nua_handle_bind (nh, &call->base);
  g_hash_table_add (ua->calls, call);
  return call;
}

void
jgw_sip_call_free (gpointer p)
{
  JgwSipCall *call = p;
  g_clear_handle_id (&call->ring_timer, g_source_remove);
  if (call->nh)
    {
      nua_handle_bind (call->nh, NULL);
      nua_handle_destroy (call->nh);
    }
  g_free (call->id);
  g_free (call->jid);
  g_free (call->refer_event);
  g_free (call->remote_tag);
  g_free (call->local_tag);
  g_free (call);
}

void
jgw_sip_call_finish (JgwSipCall *call, guint status, const char *phrase, gboolean by_remote)
{
  JgwSipUa *ua = call->ua;
  if (call->state == JGW_SIP_CALL_ENDED)
    return;
  call->state = JGW_SIP_CALL_ENDED;
  if (phrase == NULL || *phrase == '\0')
    phrase = jgw_sip_status_phrase (status);
  JGW_LOG_CALL (G_LOG_LEVEL_MESSAGE, call->id, "SIP call of %s ended: %u %s (%s)", call->jid,
                status, phrase, by_remote ? "by far end" : "by us");
  if (call->events->ended)
    call->events->ended (ua, call, status, phrase, by_remote, call->events_data);
  g_hash_table_remove (ua->calls, call);
}

char *
jgw_sip_payload (sip_t const *sip)
{
  if (sip == NULL || sip->sip_payload == NULL || sip->sip_payload->pl_len == 0)
    return NULL;
  return g_strndup (sip->sip_payload->pl_data, sip->sip_payload->pl_len);
}

static JgwSipAccount *
account_or_error (JgwSipUa *ua, const char *jid, GError **error)
{
  JgwSipAccount *acc = jid ? g_hash_table_lookup (ua->accounts, jid) : NULL;
  if (ua->shutting_down)
    g_set_error (error, JGW_SIP_ERROR, JGW_SIP_ERROR_SHUTDOWN, "SIP is shutting down");
  else if (acc == NULL)
    g_set_error (error, JGW_SIP_ERROR, JGW_SIP_ERROR_ARGUMENT, "no SIP identity for '%s'",
                 jid ? jid : "(null)");
  return ua->shutting_down ? NULL : acc;
}

static char *
asserted_identity (JgwSipAccount *acc)
{
  g_autofree char *from = jgw_sip_ua_from (acc->ua, &acc->user);
  return g_strdup_printf ("P-Asserted-Identity: %s", from);
}

JgwSipCall *
jgw_sip_call_new (JgwSipUa *ua, const char *jid, const char *target, const char *sdp_offer,
                  GError **error)
{
  JgwSipAccount *acc = account_or_error (ua, jid, error);
  if (acc == NULL)
    return NULL;
  if (target == NULL || (g_ascii_strncasecmp (target, "sip:", 4) != 0
                         && g_ascii_strncasecmp (target, "sips:", 5) != 0))
    return g_set_error (error, JGW_SIP_ERROR, JGW_SIP_ERROR_ARGUMENT,
                        "'%s' is not a SIP URI", target ? target : "(null)"), NULL;
  g_autofree char *from = jgw_sip_ua_from (ua, &acc->user);
  g_autofree char *call_id = g_uuid_string_random ();
  g_autofree char *pai = ua->pai ? asserted_identity (acc) : NULL;
  nua_handle_t *nh = nua_handle (ua->nua, NULL, SIPTAG_TO_STR (target), SIPTAG_FROM_STR (from),
                                 SIPTAG_CALL_ID_STR (call_id), TAG_END ());
  JgwSipCall *call = jgw_sip_call_alloc (ua, nh, jid, FALSE);
  call->id = g_steal_pointer (&call_id);
  call->state = JGW_SIP_CALL_CALLING;
  JGW_LOG_CALL (G_LOG_LEVEL_MESSAGE, call->id, "SIP call from %s to %s", jid, target);
  nua_invite (nh, TAG_IF (acc->user_part, NUTAG_M_USERNAME (acc->user_part)),
              TAG_IF (sdp_offer, SIPTAG_CONTENT_TYPE_STR ("application/sdp")),
              TAG_IF (sdp_offer, SIPTAG_PAYLOAD_STR (sdp_offer)),
              TAG_IF (pai, SIPTAG_HEADER_STR (pai)), TAG_END ());
  return call;
}

static gboolean
call_try_auth (JgwSipCall *call, int status, sip_t const *sip)
{
  char buf[512];
  JgwSipAccount *acc = g_hash_table_lookup (call->ua->accounts, call->jid);
  if ((status != 401 && status != 407) || acc == NULL || call->auth_tries >= 1
      || call->state == JGW_SIP_CALL_ENDING)
    return FALSE;
  const char *auth = jgw_sip_ua_auth_string (call->ua, &acc->user, sip, buf, sizeof buf);
  if (auth == NULL)
    return FALSE;
  call->auth_tries++;
  nua_authenticate (call->nh, NUTAG_AUTH (auth), TAG_END ());
  return TRUE;
}

static void
update_answered (JgwSipCall *call, int status, const char *phrase, sip_t const *sip)
{
  JgwSipUa *ua = call->ua;
  g_autofree char *sdp = jgw_sip_payload (sip);
  call->update_pending = FALSE;
  JGW_LOG_CALL (G_LOG_LEVEL_INFO, call->id, "re-INVITE answered: %d %s", status, phrase);
  if (call->events->update_result)
    call->events->update_result (ua, call, status, phrase, sdp, call->events_data);
}

static void
invite_answered (JgwSipCall *call, int status, const char *phrase, sip_t const *sip)
{
  JgwSipUa *ua = call->ua;
  g_autofree char *sdp = jgw_sip_payload (sip);
  if (status < 200)
    {
      if (call->events->progress)
        call->events->progress (ua, call, status, phrase, sdp, call->events_data);
      return;
    }
  if (status < 300 && call->state == JGW_SIP_CALL_CALLING)
    {
      call->state = JGW_SIP_CALL_ACTIVE;
      call->remote_tag = sip && sip->sip_to && sip->sip_to->a_tag ? g_strdup (sip->sip_to->a_tag) : NULL;
      call->local_tag = sip && sip->sip_from && sip->sip_from->a_tag ? g_strdup (sip->sip_from->a_tag) : NULL;
      JGW_LOG_CALL (G_LOG_LEVEL_MESSAGE, call->id, "SIP call answered: %d %s", status, phrase);
      if (call->events->established)
        call->events->established (ua, call, sdp, call->events_data);
    }
  else if (status >= 300)
    jgw_sip_call_finish (call, status, phrase, call->state != JGW_SIP_CALL_ENDING);
}

void
jgw_sip_call_out_event (JgwSipCall *call, nua_event_t event, int status, const char *phrase,
                        sip_t const *sip)
{
  (void) event;
  if (call_try_auth (call, status, sip))
    return;
  if (call->update_pending && status >= 200)
    update_answered (call, status, phrase, sip);
  else if (!call->update_pending)
    invite_answered (call, status, phrase, sip);
}
