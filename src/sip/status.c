/* status.c — SIP status codes as words people understand, for logs and the
 * call layer (the Jingle reason mapping lives in src/jingle). */
#include "sip/sip.h"

static const struct {
  guint status;
  const char *phrase;
} phrases[] = {
  { 100, "Trying" },
  { 180, "Ringing" },
  { 181, "Call Is Being Forwarded" },
  { 182, "Queued" },
  { 183, "Session Progress" },
  { 200, "OK" },
  { 202, "Accepted" },
  { 300, "Multiple Choices" },
  { 301, "Moved Permanently" },
  { 302, "Moved Temporarily" },
  { 400, "Bad Request" },
  { 401, "Unauthorized" },
  { 402, "Payment Required" },
  { 403, "Forbidden" },
  { 404, "Not Found" },
  { 405, "Method Not Allowed" },
  { 406, "Not Acceptable" },
  { 407, "Proxy Authentication Required" },
  { 408, "Request Timeout" },
  { 410, "Gone" },
  { 413, "Request Entity Too Large" },
  { 415, "Unsupported Media Type" },
  { 416, "Unsupported URI Scheme" },
  { 420, "Bad Extension" },
  { 421, "Extension Required" },
  { 422, "Session Interval Too Small" },
  { 423, "Interval Too Brief" },
  { 480, "Temporarily Unavailable" },
  { 481, "Call/Transaction Does Not Exist" },
  { 482, "Loop Detected" },
  { 483, "Too Many Hops" },
  { 484, "Address Incomplete" },
  { 485, "Ambiguous" },
  { 486, "Busy Here" },
  { 487, "Request Terminated" },
  { 488, "Not Acceptable Here" },
  { 491, "Request Pending" },
  { 493, "Undecipherable" },
  { 500, "Server Internal Error" },
  { 501, "Not Implemented" },
  { 502, "Bad Gateway" },
  { 503, "Service Unavailable" },
  { 504, "Server Time-out" },
  { 505, "Version Not Supported" },
  { 513, "Message Too Large" },
  { 600, "Busy Everywhere" },
  { 603, "Decline" },
  { 604, "Does Not Exist Anywhere" },
  { 606, "Not Acceptable" },
};

/* RFC 3261 8.1.3.2: an unknown code is treated as the x00 of its class. */
static const char *const class_phrases[] = {
  "Unknown", "Provisional", "Success", "Redirected",
  "Request Failure", "Server Failure", "Global Failure",
};

const char *
jgw_sip_status_phrase (guint status)
{
  for (gsize i = 0; i < G_N_ELEMENTS (phrases); i++)
    if (phrases[i].status == status)
      return phrases[i].phrase;
  if (status >= 100 && status < 700)
    return class_phrases[status / 100];
  return class_phrases[0];
}

const char *
jgw_sip_reg_state_name (JgwSipRegState state)
{
  switch (state)
    {
    case JGW_SIP_REG_NONE: return "none";
    case JGW_SIP_REG_REGISTERING: return "registering";
    case JGW_SIP_REG_REGISTERED: return "registered";
    case JGW_SIP_REG_FAILED: return "failed";
    case JGW_SIP_REG_UNREGISTERED: return "unregistered";
    }
  return "unknown";
}
