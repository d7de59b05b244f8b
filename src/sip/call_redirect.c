/* call_redirect.c — call forwarding on the SIP side: an incoming INVITE
 * that is not ours to ring is redirected (302 Moved Temporarily with the
 * forward target as Contact, RFC 3261 section 21.3.3), and a user's own
 * ring time replaces the configured one. */
#define G_LOG_DOMAIN "jgw-sip"

#include "log.h"
#include "sip/sip_private.h"

gboolean
jgw_sip_call_redirect (JgwSipCall *call, const char *contact, GError **error)
{
  if (!call->incoming || call->state != JGW_SIP_CALL_RINGING)
    {
      g_set_error (error, JGW_SIP_ERROR, JGW_SIP_ERROR_ARGUMENT,
                   "SIP call %s is not an incoming call waiting for an answer", call->id);
      return FALSE;
    }
  if (contact == NULL || g_ascii_strncasecmp (contact, "sip", 3) != 0)
    {
      g_set_error (error, JGW_SIP_ERROR, JGW_SIP_ERROR_ARGUMENT, "not a SIP URI to redirect to: %s",
                   contact ? contact : "(none)");
      return FALSE;
    }
  g_autofree char *header = g_strdup_printf ("<%s>", contact);
  JGW_LOG_CALL (G_LOG_LEVEL_MESSAGE, call->id, "redirecting the call for %s to %s", call->jid, contact);
  nua_respond (call->nh, SIP_302_MOVED_TEMPORARILY, SIPTAG_CONTACT_STR (header), TAG_END ());
  jgw_sip_call_finish (call, 302, "Moved Temporarily", FALSE);
  return TRUE;
}

static gboolean
ring_timeout (gpointer data)
{
  JgwSipCall *call = data;
  call->ring_timer = 0;
  nua_respond (call->nh, SIP_480_TEMPORARILY_UNAVAILABLE, TAG_END ());
  jgw_sip_call_finish (call, 480, "No answer", FALSE);
  return G_SOURCE_REMOVE;
}

void
jgw_sip_call_set_ring_time (JgwSipCall *call, guint seconds)
{
  if (!call->incoming || call->state != JGW_SIP_CALL_RINGING)
    return;
  g_clear_handle_id (&call->ring_timer, g_source_remove);
  call->ring_timer = g_timeout_add_seconds (MAX (seconds, 1), ring_timeout, call);
}
