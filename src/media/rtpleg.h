/* rtpleg.h — the SIP leg's transport: an RTP/RTCP socket pair on an even
 * port of [media] port-range on the first ice-address, and SDES-SRTP keys
 * (RFC 4568). Ownership: jgw_rtp_leg_new() result freed with
 * jgw_rtp_leg_free(); sockets stay owned by the leg. */
#pragma once

#include <gio/gio.h>

#include "config.h"

G_BEGIN_DECLS

typedef struct _JgwRtpLeg JgwRtpLeg;

/** Bind the pair; fails with JGW_MEDIA_ERROR_NO_PORTS when the range is full. */
JgwRtpLeg *jgw_rtp_leg_new (const JgwMediaConfig *config, GError **error);
void jgw_rtp_leg_free (JgwRtpLeg *leg);
GSocket *jgw_rtp_leg_socket (JgwRtpLeg *leg);
/** The RTCP socket (RTP port + 1), non-blocking. */
GSocket *jgw_rtp_leg_rtcp_socket (JgwRtpLeg *leg);
const char *jgw_rtp_leg_address (JgwRtpLeg *leg);
guint16 jgw_rtp_leg_port (JgwRtpLeg *leg);

/** Whether SUITE is an SDES crypto suite we support. */
gboolean jgw_sdes_suite_supported (const char *suite);
/** GStreamer srtp auth name/enum for SUITE (80- or 32-bit tag). */
const char *jgw_sdes_auth_name (const char *suite);
/** A fresh "inline:<base64 of 30 random bytes>" key parameter. */
char *jgw_sdes_new_key_params (void);
/** The 30-byte master key+salt of KEY_PARAMS, or NULL if malformed. */
GBytes *jgw_sdes_parse_key (const char *key_params);

G_END_DECLS
