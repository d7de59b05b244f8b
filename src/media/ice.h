/* ice.h — the XMPP leg's transport: one libnice agent (full ICE, trickle,
 * one component because of rtcp-mux) on the session's main context, plus
 * the DTLS certificate fingerprint helpers.
 *
 * Ownership: jgw_ice_leg_new() returns a leg freed with jgw_ice_leg_free();
 * candidates passed to the callback are owned by the leg (copy to keep). */
#pragma once

#include <agent.h>
#include <gst/gst.h>

#include "config.h"
#include "mdesc.h"
#include "media/media.h"

G_BEGIN_DECLS

typedef struct _JgwIceLeg JgwIceLeg;

typedef void (*JgwIceCandidateFunc) (const JgwCandidate *candidate, gpointer user_data);
typedef void (*JgwIceStateFunc) (NiceComponentState state, gpointer user_data);

/** Create the agent on CONTEXT; gathering starts at once unless DEFER. */
JgwIceLeg *jgw_ice_leg_new (const JgwMediaConfig *config, GMainContext *context,
                            gboolean defer, JgwIceCandidateFunc candidate_func,
                            JgwIceStateFunc state_func, gpointer user_data, GError **error);
/** Deferred leg: add SERVERS (of JgwIceServer, NULL = none) to the
 * configured ones and start gathering; FALSE if it cannot start. */
gboolean jgw_ice_leg_gather (JgwIceLeg *leg, const GPtrArray *servers, GError **error);
void jgw_ice_leg_free (JgwIceLeg *leg);
NiceAgent *jgw_ice_leg_agent (JgwIceLeg *leg);
guint jgw_ice_leg_stream (JgwIceLeg *leg);
/** Offerer controls (RFC 8445 6.1.1); call before the first remote data. */
void jgw_ice_leg_set_controlling (JgwIceLeg *leg, gboolean controlling);
/** Fill ICE with our credentials and the candidates gathered so far; from
 * now on new candidates go to the candidate callback (trickle). */
void jgw_ice_leg_describe (JgwIceLeg *leg, JgwIceTransport *ice);
/** Remote credentials and candidates. */
gboolean jgw_ice_leg_set_remote (JgwIceLeg *leg, const JgwIceTransport *ice, GError **error);
/** The XMPP peer's ICE-UDP transport with its DTLS fingerprint (required):
 * sets the remote, our ICE role (controlling if we OFFERED) and, in
 * DTLS_CLIENT, whether we take the DTLS client role. */
gboolean jgw_ice_leg_set_remote_dtls (JgwIceLeg *leg, const JgwIceTransport *ice, gboolean offered,
                                      gboolean *dtls_client, GError **error);
/** One trickled remote candidate; NULL = end-of-candidates. */
gboolean jgw_ice_leg_add_candidate (JgwIceLeg *leg, const JgwCandidate *candidate,
                                    GError **error);

/** Fingerprint ("AB:CD:...") of the first certificate in PEM, with HASH
 * ("sha-256", "sha-1", "sha-384", "sha-512"); NULL if unknown/invalid. */
char *jgw_dtls_fingerprint (const char *pem, const char *hash);
/** Whether the peer's certificate (PEM, from the DTLS decoder) has the
 * fingerprint WANT it signalled; a mismatch is logged with both values. */
gboolean jgw_dtls_peer_matches (const JgwFingerprint *want, const char *pem);
/** A dtlssrtpdec (ref sunk, the caller's to unref) for CONN_ID, which its
 * dtlssrtpenc must be given too, and in *FINGERPRINT (g_free) the sha-256
 * fingerprint of its certificate, which is ours to signal. */
GstElement *jgw_dtls_decoder_new (const char *conn_id, char **fingerprint, GError **error);

G_END_DECLS
