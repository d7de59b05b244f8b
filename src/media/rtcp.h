/* rtcp.h — the RTCP of one leg (RFC 3550 section 6), terminated at the
 * gateway: we send sender reports (SR + SDES CNAME) about what we send to
 * the leg, with a report block about what we receive from it, and read the
 * peer's reports. A peer's report block on our stream gives the round-trip
 * time, RFC 3550 6.4.1: RTT = A - LSR - DLSR.
 *
 * Reports ride on the outgoing RTP: the leg's sender probe calls
 * jgw_rtcp_leg_on_rtp() for every packet it sends, which calls EMIT (on
 * that streaming thread, no lock held) when a report is due. Intervals
 * follow RFC 3550 6.2 for two participants: 5 s minimum, randomised by
 * 0.5..1.5, the first one after half of it.
 *
 * Ownership: the leg does not own RX (the session does; it must outlive
 * the leg). EMIT gets a packet it must not keep beyond the call (borrowed).
 * Every function may be called from any thread. */
#pragma once

#include <glib.h>

#include "media/path.h"

G_BEGIN_DECLS

typedef struct _JgwRtcpLeg JgwRtcpLeg;

/** Sends one compound RTCP packet (DATA, LEN bytes). */
typedef void (*JgwRtcpEmitFunc) (const guint8 *data, gsize len, gpointer user_data);

/** A leg reporting about RX; EMIT sends a report. */
JgwRtcpLeg *jgw_rtcp_leg_new (JgwRxPath *rx, JgwRtcpEmitFunc emit, gpointer user_data);
/** NULL is allowed. */
void jgw_rtcp_leg_free (JgwRtcpLeg *leg);
/** An RTP packet was sent (SSRC, TIMESTAMP, PAYLOAD_LEN); may emit a report. */
void jgw_rtcp_leg_on_rtp (JgwRtcpLeg *leg, guint32 ssrc, guint32 timestamp, guint clock_rate,
                          gsize payload_len);
/** A compound RTCP packet from the peer (plain, already decrypted). */
void jgw_rtcp_leg_receive (JgwRtcpLeg *leg, const guint8 *data, gsize len);
/** Latest round-trip time in ms, or -1 before the first usable report. */
double jgw_rtcp_leg_rtt_ms (JgwRtcpLeg *leg);
/** Build a report now (for tests and for a forced send); free with g_bytes_unref. */
GBytes *jgw_rtcp_leg_build_report (JgwRtcpLeg *leg);

/** Middle 32 bits of the NTP time of REAL_US (microseconds since 1970). */
guint32 jgw_rtcp_ntp_short (gint64 real_us);
/** RFC 3550 6.4.1: RTT in ms from arrival A, LSR, DLSR (NTP short
 * format); -1 when LSR is 0 (the peer has no SR of ours yet). */
double jgw_rtcp_rtt_ms (guint32 arrival, guint32 lsr, guint32 dlsr);

G_END_DECLS
