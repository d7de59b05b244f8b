/* sip_3pcc.h — what third-party call control (RFC 3725) and attended
 * transfer (RFC 3891) need of SIP calls, beyond sip.h: an INVITE without
 * SDP whose 200 (carrying the far end's offer, reported as the
 * `established` event's SDP) is acknowledged later with the answer, and
 * the Replaces value of a dialog. Same ownership rules as sip.h. */
#pragma once

#include "sip/sip.h"

G_BEGIN_DECLS

/** Place an offerless call from JID's identity to TARGET (a SIP URI). The
 * 200 is not acknowledged until jgw_sip_call_ack() (or hang-up). */
JgwSipCall *jgw_sip_call_new_offerless (JgwSipUa *ua, const char *jid, const char *target,
                                        GError **error);
/** Acknowledge the 200 of an offerless call with SDP_ANSWER (NULL: none). */
gboolean jgw_sip_call_ack (JgwSipCall *call, const char *sdp_answer, GError **error);
/** "Call-ID;to-tag=THEIRS;from-tag=OURS" of an established call, as the far
 * end's dialog is named in a Replaces header (RFC 3891 section 3); g_free. */
char *jgw_sip_call_replaces (JgwSipCall *call, GError **error);
/** The Request-URI the call was placed to / came from (the far end's address
 * of record; g_free). */
char *jgw_sip_call_remote_uri (JgwSipCall *call);

G_END_DECLS
