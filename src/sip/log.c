/* log.c — call-tagged log lines of the SIP side (see sip_private.h). */
#define G_LOG_DOMAIN "jgw-sip"

#include "sip/sip_private.h"

void
jgw_sip_log_call (GLogLevelFlags level, const char *call_id, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_log_structured (G_LOG_DOMAIN, level, "JGW_CALL_ID", call_id ? call_id : "-", "MESSAGE", "%s",
                    msg);
}
