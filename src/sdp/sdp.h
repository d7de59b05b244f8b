/* sdp.h — SDP (RFC 8866) text <-> JgwSessionDesc, for the SIP leg.
 *
 * One m= line per content; a=mid, a=group:BUNDLE, rtpmap/fmtp/rtcp-fb,
 * ptime/maxptime, extmap, ssrc/ssrc-group, ICE (ufrag/pwd/candidate/
 * end-of-candidates, RFC 8839), DTLS fingerprint/setup (RFC 8842), SDES
 * crypto (RFC 4568), rtcp-mux, b=AS and the direction attributes.
 *
 * SDP directions are relative to the SDP's author while Jingle `senders`
 * is absolute, so both directions take the author's Jingle role.
 *
 * Own parser rather than GstSDPMessage: gst_sdp_message_parse_buffer()
 * accepts almost any input without telling what was wrong, while the SIP
 * leg must answer a bad offer with a precise 488/400 and log why; a small
 * line parser also keeps this pure core (and its fuzz target) free of
 * GStreamer.
 *
 * Ownership: jgw_sdp_write() returns a g_malloc'd string, jgw_sdp_parse()
 * a new JgwSessionDesc (jgw_session_desc_free). Inputs are not kept. */
#pragma once

#include <glib.h>

#include "mdesc.h"

G_BEGIN_DECLS

#define JGW_SDP_ERROR (jgw_sdp_error_quark ())
GQuark jgw_sdp_error_quark (void);

typedef enum {
  JGW_SDP_ERROR_SYNTAX,      /* a line that is not SDP */
  JGW_SDP_ERROR_UNSUPPORTED, /* valid SDP we cannot carry (no m= line, bad version) */
} JgwSdpErrorCode;

/* The Jingle role of whoever wrote (or will read as its own) the SDP. */
typedef enum {
  JGW_SDP_AUTHOR_INITIATOR,
  JGW_SDP_AUTHOR_RESPONDER,
} JgwSdpAuthor;

/** Writes DESC as SDP text with CRLF line ends (transfer full).
 *  SESSION_ID/VERSION fill the o= line; ORIGIN_ADDR may be NULL (0.0.0.0). */
char *jgw_sdp_write (const JgwSessionDesc *desc, JgwSdpAuthor author, guint64 session_id,
                     guint64 version, const char *origin_addr);
/** Parses SDP text (transfer full); NULL with JGW_SDP_ERROR on bad input. */
JgwSessionDesc *jgw_sdp_parse (const char *sdp, JgwSdpAuthor author, GError **error);

/** SDP direction attribute ("sendrecv", ...) for Jingle SENDERS seen by AUTHOR. */
const char *jgw_sdp_direction (JgwSenders senders, JgwSdpAuthor author);
/** Jingle senders for SDP DIRECTION written by AUTHOR; FALSE if unknown. */
gboolean jgw_sdp_senders (const char *direction, JgwSdpAuthor author, JgwSenders *out);

G_END_DECLS
