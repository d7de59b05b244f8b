/* call_3pcc.c — calls the gateway places between two SIP parties on a
 * user's behalf (click-to-call). */
#define G_LOG_DOMAIN "jgw-call"
#include "call/call_private.h"

JgwCall *
jgw_calls_click_to_call (JgwCalls *calls, const char *user, const char *target, GError **error)
{
  g_set_error (error, JGW_CALL_ERROR, JGW_CALL_ERROR_STATE, "click-to-call is not available yet");
  return NULL;
}
