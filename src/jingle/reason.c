/* reason.c — Jingle reasons <-> SIP statuses <-> text, in one table.
 *
 * Jingle -> SIP is the "status" column: the final response the gateway
 * sends to a pending INVITE (a confirmed dialog is ended by BYE whatever
 * the reason; success has 200 for that). SIP -> Jingle is sip_to_jingle[]
 * below; several statuses fold onto one reason. The pairs follow the
 * termination mapping of RFC 7247 section 8 / draft-ietf-stox-media and
 * the RFC 3261 meaning of each status. */
#define G_LOG_DOMAIN "jgw-jingle"
#include "jingle/reason.h"

#include <string.h>

static const struct {
  JgwReason reason;
  const char *name;
  guint status;
  const char *text;
} reasons[] = {
  { JGW_REASON_ALTERNATIVE_SESSION, "alternative-session", 480, "The call continues in another session" },
  { JGW_REASON_BUSY, "busy", 486, "The callee is busy" },
  { JGW_REASON_CANCEL, "cancel", 487, "The call was cancelled" },
  { JGW_REASON_CONNECTIVITY_ERROR, "connectivity-error", 503, "No media connectivity could be established" },
  { JGW_REASON_DECLINE, "decline", 603, "The callee declined the call" },
  { JGW_REASON_EXPIRED, "expired", 480, "The call request expired" },
  { JGW_REASON_FAILED_APPLICATION, "failed-application", 488, "The media application failed" },
  { JGW_REASON_FAILED_TRANSPORT, "failed-transport", 488, "The media transport failed" },
  { JGW_REASON_GENERAL_ERROR, "general-error", 500, "The call failed" },
  { JGW_REASON_GONE, "gone", 410, "The callee is gone" },
  { JGW_REASON_INCOMPATIBLE_PARAMETERS, "incompatible-parameters", 488, "No common media parameters" },
  { JGW_REASON_MEDIA_ERROR, "media-error", 488, "Media error" },
  { JGW_REASON_SECURITY_ERROR, "security-error", 488, "Media security could not be negotiated" },
  { JGW_REASON_SUCCESS, "success", 200, "The call ended normally" },
  { JGW_REASON_TIMEOUT, "timeout", 408, "The callee did not answer in time" },
  { JGW_REASON_UNSUPPORTED_APPLICATIONS, "unsupported-applications", 415, "The media type is not supported" },
  { JGW_REASON_UNSUPPORTED_TRANSPORTS, "unsupported-transports", 488, "The media transport is not supported" },
};

static const struct {
  guint status;
  JgwReason reason;
} sip_to_jingle[] = {
  { 200, JGW_REASON_SUCCESS },
  { 401, JGW_REASON_SECURITY_ERROR },  /* authentication failures */
  { 403, JGW_REASON_DECLINE },
  { 404, JGW_REASON_GONE },
  { 407, JGW_REASON_SECURITY_ERROR },
  { 408, JGW_REASON_TIMEOUT },
  { 410, JGW_REASON_GONE },
  { 415, JGW_REASON_UNSUPPORTED_APPLICATIONS },
  { 480, JGW_REASON_TIMEOUT },         /* temporarily unavailable: nobody answered */
  { 486, JGW_REASON_BUSY },
  { 487, JGW_REASON_CANCEL },
  { 488, JGW_REASON_INCOMPATIBLE_PARAMETERS },
  { 503, JGW_REASON_CONNECTIVITY_ERROR },
  { 504, JGW_REASON_TIMEOUT },
  { 600, JGW_REASON_BUSY },
  { 603, JGW_REASON_DECLINE },
  { 604, JGW_REASON_GONE },
  { 606, JGW_REASON_INCOMPATIBLE_PARAMETERS },
};

const char *
jgw_reason_to_string (JgwReason reason)
{
  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    if (reasons[i].reason == reason)
      return reasons[i].name;
  return NULL;
}

JgwReason
jgw_reason_from_string (const char *name)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (reasons); i++)
    if (strcmp (reasons[i].name, name) == 0)
      return reasons[i].reason;
  return JGW_REASON_NONE;
}

const char *
jgw_reason_text (JgwReason reason)
{
  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    if (reasons[i].reason == reason)
      return reasons[i].text;
  return "No reason given";
}

guint
jgw_reason_to_sip_status (JgwReason reason)
{
  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    if (reasons[i].reason == reason)
      return reasons[i].status;
  return 500;
}

JgwReason
jgw_reason_from_sip_status (guint status)
{
  for (guint i = 0; i < G_N_ELEMENTS (sip_to_jingle); i++)
    if (sip_to_jingle[i].status == status)
      return sip_to_jingle[i].reason;
  if (status >= 200 && status < 300)
    return JGW_REASON_SUCCESS;
  /* RFC 3261 section 21: an unknown status is treated as its class's x00. */
  if (status >= 600)
    return JGW_REASON_DECLINE;
  return JGW_REASON_GENERAL_ERROR;
}
