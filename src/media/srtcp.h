/* srtcp.h — SRTCP (RFC 3711) for the SIP leg when it uses SDES-SRTP
 * (RFC 4568): the RTP of such a leg goes through GStreamer's srtpenc and
 * srtpdec, but its RTCP is terminated by us (rtcp.h) on the leg's own RTCP
 * socket, so it is protected here with libsrtp2 directly.
 *
 * One context per leg, two directions that share nothing: our key
 * protects what we send, the peer's key unprotects what we receive. Both
 * suites we negotiate (AES_CM_128_HMAC_SHA1_80 and _32) protect SRTCP
 * with AES-128-CM and an 80-bit HMAC-SHA1 tag: RFC 4568 6.2.1/6.2.2 keep
 * the 80-bit tag for SRTCP even for the _32 suite.
 *
 * Threads: protect and unprotect may run on different threads at the same
 * time (each direction has its own lock). Ownership: jgw_srtcp_new()
 * copies the keys; free the result with jgw_srtcp_free(). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/** Bytes SRTCP adds to a packet (E flag + index, 80-bit tag). */
#define JGW_SRTCP_OVERHEAD 14
/** Largest RTCP packet handled (plain, before protection). */
#define JGW_SRTCP_MAX_PACKET 1400

typedef struct _JgwSrtcp JgwSrtcp;

/** A context for SUITE; LOCAL_KEY and REMOTE_KEY are 30-byte master key+salt. */
JgwSrtcp *jgw_srtcp_new (const char *suite, GBytes *local_key, GBytes *remote_key,
                         GError **error);
/** NULL is allowed. */
void jgw_srtcp_free (JgwSrtcp *ctx);
/** Protect the compound RTCP packet DATA (LEN bytes, at most
 * JGW_SRTCP_MAX_PACKET) into OUT (OUT_SIZE at least LEN +
 * JGW_SRTCP_OVERHEAD); the SRTCP length, or 0 on failure (logged). */
gsize jgw_srtcp_protect (JgwSrtcp *ctx, const guint8 *data, gsize len, guint8 *out,
                         gsize out_size);
/** Check and decrypt the SRTCP packet DATA (LEN bytes) in place; the plain
 * RTCP length, or 0 when it is malformed, unauthenticated or a replay
 * (logged at debug level: the packet is dropped). */
gsize jgw_srtcp_unprotect (JgwSrtcp *ctx, guint8 *data, gsize len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JgwSrtcp, jgw_srtcp_free)

G_END_DECLS
