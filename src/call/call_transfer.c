/* call_transfer.c — transfers of a user's call: blind (REFER the SIP party
 * to a new target, RFC 3515) and attended (REFER the SIP party of one call
 * to the SIP party of the other with Replaces, RFC 3891, so that the two
 * talk to each other). The user's own legs end when the SIP party reports
 * the transfer succeeded. */
#define G_LOG_DOMAIN "jgw-call"
#include "call/call_private.h"

#include "log.h"
#include "sip/sip_3pcc.h"

static gboolean
check_transferable (JgwCall *call, GError **error)
{
  if (call->state != CALL_ACTIVE || call->sip == NULL)
    return g_set_error_literal (error, JGW_CALL_ERROR, JGW_CALL_ERROR_STATE, "the call is not active"), FALSE;
  if (call->transfer_to)
    return g_set_error (error, JGW_CALL_ERROR, JGW_CALL_ERROR_STATE, "the call is already being transferred to %s",
                        call->transfer_to), FALSE;
  return TRUE;
}

gboolean
jgw_call_transfer (JgwCall *call, const char *target, GError **error)
{
  if (!check_transferable (call, error))
    return FALSE;
  g_autofree char *uri = jgw_call_resolve_target (call->calls, call->user, target, error);
  if (uri == NULL || !jgw_sip_call_transfer (call->sip, uri, error))
    return FALSE;
  call->transfer_to = g_steal_pointer (&uri);
  JGW_LOG_CALL (G_LOG_LEVEL_MESSAGE, call->id, "%s transfers %s to %s", call->user, call->remote,
                call->transfer_to);
  return TRUE;
}

/* RFC 3261 URI headers: ";" "=" "@" and friends percent-encoded. */
static char *
uri_header_escape (const char *value)
{
  return g_uri_escape_string (value, "-_.!~*'()", FALSE);
}

gboolean
jgw_call_transfer_attended (JgwCall *call, JgwCall *consult, GError **error)
{
  if (call == consult)
    return g_set_error_literal (error, JGW_CALL_ERROR, JGW_CALL_ERROR_STATE,
                                "a call cannot be transferred to itself"), FALSE;
  if (!check_transferable (call, error) || !check_transferable (consult, error))
    return FALSE;
  g_autofree char *replaces = jgw_sip_call_replaces (consult->sip, error);
  g_autofree char *where = replaces ? jgw_sip_call_remote_uri (consult->sip) : NULL;
  if (replaces == NULL)
    return FALSE;
  if (where == NULL)
    return g_set_error_literal (error, JGW_CALL_ERROR, JGW_CALL_ERROR_FAILED,
                                "the consultation call has no dialog to replace"), FALSE;
  g_autofree char *escaped = uri_header_escape (replaces);
  g_autofree char *refer_to = g_strdup_printf ("<%s?Replaces=%s>", where, escaped);
  if (!jgw_sip_call_transfer (call->sip, refer_to, error))
    return FALSE;
  call->transfer_to = g_strdup (consult->remote);
  call->consult_id = g_strdup (consult->id);
  JGW_LOG_CALL (G_LOG_LEVEL_MESSAGE, call->id, "%s connects %s with %s (call %s)", call->user, call->remote,
                consult->remote, consult->id);
  return TRUE;
}

static void
end_consultation (JgwCall *call)
{
  JgwCall *consult = call->consult_id ? g_hash_table_lookup (call->calls->calls, call->consult_id) : NULL;
  if (consult && consult->state != CALL_ENDED)
    jgw_call_end (consult, JGW_REASON_SUCCESS, "transferred", 0);
}

void
jgw_call_transfer_progress (JgwCall *call, guint status, const char *phrase)
{
  if (call->transfer_to == NULL || status < 200 || status == 202)
    return;
  if (status < 300)
    {
      JGW_LOG_CALL (G_LOG_LEVEL_MESSAGE, call->id, "transfer to %s done", call->transfer_to);
      end_consultation (call);
      jgw_call_end (call, JGW_REASON_SUCCESS, "transferred", 0);
      return;
    }
  JGW_LOG_CALL (G_LOG_LEVEL_WARNING, call->id, "transfer to %s failed: %u %s", call->transfer_to, status,
                phrase ? phrase : "");
  g_clear_pointer (&call->transfer_to, g_free);
  g_clear_pointer (&call->consult_id, g_free);
}
