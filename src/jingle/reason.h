/* reason.h — the one table between Jingle <reason/> conditions (XEP-0166
 * section 7.4), SIP status codes and human-readable text, following
 * RFC 7247 and draft-ietf-stox-media (section "Termination").
 * Pure and static: nothing to free. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  JGW_REASON_NONE = 0,             /* no <reason/> given */
  JGW_REASON_ALTERNATIVE_SESSION,
  JGW_REASON_BUSY,
  JGW_REASON_CANCEL,
  JGW_REASON_CONNECTIVITY_ERROR,
  JGW_REASON_DECLINE,
  JGW_REASON_EXPIRED,
  JGW_REASON_FAILED_APPLICATION,
  JGW_REASON_FAILED_TRANSPORT,
  JGW_REASON_GENERAL_ERROR,
  JGW_REASON_GONE,
  JGW_REASON_INCOMPATIBLE_PARAMETERS,
  JGW_REASON_MEDIA_ERROR,
  JGW_REASON_SECURITY_ERROR,
  JGW_REASON_SUCCESS,
  JGW_REASON_TIMEOUT,
  JGW_REASON_UNSUPPORTED_APPLICATIONS,
  JGW_REASON_UNSUPPORTED_TRANSPORTS,
} JgwReason;

/** Element name of REASON, e.g. "busy"; NULL for JGW_REASON_NONE. */
const char *jgw_reason_to_string (JgwReason reason);
/** Reason for the element name NAME; JGW_REASON_NONE when unknown. */
JgwReason jgw_reason_from_string (const char *name);
/** English description of REASON for logs and the <text/> element. */
const char *jgw_reason_text (JgwReason reason);
/** SIP final status to answer an INVITE (or 200 for a BYE) when the Jingle
 *  side ends with REASON. */
guint jgw_reason_to_sip_status (JgwReason reason);
/** Jingle reason for a SIP final status (>= 300), or SUCCESS for BYE (200). */
JgwReason jgw_reason_from_sip_status (guint status);

G_END_DECLS
