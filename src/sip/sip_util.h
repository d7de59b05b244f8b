/* sip_util.h — small pure helpers of the SIP side (no I/O, no sofia state):
 * source trust check, URI host/user extraction, SDP direction, DTMF in
 * SIP INFO bodies. Returned strings are newly allocated (g_free). */
#pragma once

#include <glib.h>

#include "sip/sip.h"

G_BEGIN_DECLS

/** Whether SOURCE (an IP address text) is one of TRUSTED (hosts, NULL-terminated). */
gboolean jgw_sip_source_trusted (const char *source, const char *const *trusted);
/** Host part of a SIP URI or host[:port] text, without brackets; NULL if none. */
char *jgw_sip_uri_host (const char *uri);
/** User part of a SIP URI; NULL if it has none. */
char *jgw_sip_uri_user (const char *uri);
/** Direction the SDP asks for (first audio m= line, else session level). */
JgwSipDirection jgw_sip_sdp_direction (const char *sdp);
/** Whether SDP text parses as a session description with at least one m= line. */
gboolean jgw_sip_sdp_valid (const char *sdp);
/** Digit and duration from an INFO body of CONTENT_TYPE
 * (application/dtmf-relay or application/dtmf); FALSE if none. */
gboolean jgw_sip_dtmf_parse (const char *content_type, const char *body, char *digit, guint *duration_ms);

G_END_DECLS
