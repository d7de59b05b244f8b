/* call_3pcc.c — offerless INVITEs acknowledged by hand (RFC 3725 flow I:
 * the desk phone's offer goes to the target, the target's answer comes back
 * in the ACK) and the dialog identifiers attended transfer needs. */
#define G_LOG_DOMAIN "jgw-sip"

#include "log.h"
#include "sip/sip_3pcc.h"
#include "sip/sip_private.h"

JgwSipCall *
jgw_sip_call_new_offerless (JgwSipUa *ua, const char *jid, const char *target, GError **error)
{
  JgwSipAccount *acc = jid ? g_hash_table_lookup (ua->accounts, jid) : NULL;
  if (ua->shutting_down)
    return g_set_error (error, JGW_SIP_ERROR, JGW_SIP_ERROR_SHUTDOWN, "SIP is shutting down"), NULL;
  if (acc == NULL)
    return g_set_error (error, JGW_SIP_ERROR, JGW_SIP_ERROR_ARGUMENT, "no SIP identity for '%s'",
                        jid ? jid : "(null)"), NULL;
  if (target == NULL || (g_ascii_strncasecmp (target, "sip:", 4) != 0
                         && g_ascii_strncasecmp (target, "sips:", 5) != 0))
    return g_set_error (error, JGW_SIP_ERROR, JGW_SIP_ERROR_ARGUMENT, "'%s' is not a SIP URI",
                        target ? target : "(null)"), NULL;
  g_autofree char *from = jgw_sip_ua_from (ua, &acc->user);
  g_autofree char *call_id = g_uuid_string_random ();
  nua_handle_t *nh = nua_handle (ua->nua, NULL, SIPTAG_TO_STR (target), SIPTAG_FROM_STR (from),
                                 SIPTAG_CALL_ID_STR (call_id), TAG_END ());
  JgwSipCall *call = jgw_sip_call_alloc (ua, nh, jid, FALSE);
  call->id = g_steal_pointer (&call_id);
  call->state = JGW_SIP_CALL_CALLING;
  JGW_LOG_CALL (G_LOG_LEVEL_MESSAGE, call->id, "offerless SIP call from %s to %s", jid, target);
  /* The 200 carries the offer; its answer only exists once the other party
   * answered, so nua must not send the ACK by itself. */
  nua_invite (nh, NUTAG_AUTOACK (0), TAG_IF (acc->user_part, NUTAG_M_USERNAME (acc->user_part)),
              TAG_END ());
  return call;
}

gboolean
jgw_sip_call_ack (JgwSipCall *call, const char *sdp_answer, GError **error)
{
  if (call->incoming || call->state != JGW_SIP_CALL_ACTIVE)
    return g_set_error (error, JGW_SIP_ERROR, JGW_SIP_ERROR_ARGUMENT,
                        "SIP call %s has no 200 to acknowledge", call->id), FALSE;
  JGW_LOG_CALL (G_LOG_LEVEL_MESSAGE, call->id, "ACK %s the answer", sdp_answer ? "with" : "without");
  nua_ack (call->nh, TAG_IF (sdp_answer, SIPTAG_CONTENT_TYPE_STR ("application/sdp")),
           TAG_IF (sdp_answer, SIPTAG_PAYLOAD_STR (sdp_answer)), TAG_END ());
  return TRUE;
}

char *
jgw_sip_call_replaces (JgwSipCall *call, GError **error)
{
  sip_to_t const *local = call->nh ? nua_handle_local (call->nh) : NULL;
  sip_to_t const *remote = call->nh ? nua_handle_remote (call->nh) : NULL;
  /* nua's addresses of a call we placed are the To and From we asked for,
   * without the tags: those of its 2xx are kept by call_out.c. */
  const char *remote_tag = remote && remote->a_tag ? remote->a_tag : call->remote_tag;
  const char *local_tag = local && local->a_tag ? local->a_tag : call->local_tag;
  if (call->state != JGW_SIP_CALL_ACTIVE || local_tag == NULL || remote_tag == NULL)
    return g_set_error (error, JGW_SIP_ERROR, JGW_SIP_ERROR_ARGUMENT,
                        "SIP call %s has no established dialog", call->id), NULL;
  return g_strdup_printf ("%s;to-tag=%s;from-tag=%s", call->id, remote_tag, local_tag);
}

char *
jgw_sip_call_remote_uri (JgwSipCall *call)
{
  sip_to_t const *remote = call->nh ? nua_handle_remote (call->nh) : NULL;
  if (remote == NULL)
    return NULL;
  su_home_t home[1] = { SU_HOME_INIT (home) };
  char *text = url_as_string (home, remote->a_url);
  char *out = g_strdup (text);
  su_home_deinit (home);
  return out;
}
