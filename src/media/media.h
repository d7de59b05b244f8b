/* media.h — the audio path of one call: a JgwMediaSession bridges the
 * XMPP leg (libnice ICE + DTLS-SRTP, rtcp-mux) and the SIP leg (plain RTP
 * or SDES-SRTP on a port from [media] port-range, symmetric RTP) through
 * one GStreamer pipeline.
 *
 * Flow: the call layer creates a session on the thread-default main
 * context, then for each leg either
 *   - offers: jgw_media_session_get_local() then set_remote(answer), or
 *   - answers: set_remote(offer) then get_local().
 * Once both legs know their remote content the pipeline starts. When both
 * legs chose the same codec, RTP is relayed without decoding (only the SRTP
 * keys differ); otherwise each direction is depayloaded, decoded, resampled,
 * re-encoded. When choosing the codec of a leg the codec of the other leg
 * is preferred if the remote offered it, so pass-through is used whenever
 * possible.
 *
 * Threads: GStreamer's streaming threads (one per source, one per jitter
 * buffer when transcoding); every callback below runs on the main context
 * the session was created on, never on a streaming thread.
 *
 * Linking: libnice must precede libsofia-sip-ua in the program's NEEDED
 * list (link with -Wl,--no-as-needed,-lnice first): sofia exports its own
 * stun_message_length(), which otherwise interposes libnice's and makes
 * every ICE connectivity check fail.
 *
 * Ownership: the session copies every JgwContent/JgwCandidate given to it;
 * contents it returns are new and freed by the caller. The config must
 * outlive the session. jgw_media_session_free() may be called from any
 * callback's caller context (not from inside a callback: schedule it). */
#pragma once

#include <glib.h>

#include "config.h"
#include "mdesc.h"

G_BEGIN_DECLS

#define JGW_MEDIA_ERROR (jgw_media_error_quark ())
GQuark jgw_media_error_quark (void);

typedef enum {
  JGW_MEDIA_ERROR_NO_CODEC,   /* no payload in common */
  JGW_MEDIA_ERROR_NO_PORTS,   /* port-range exhausted */
  JGW_MEDIA_ERROR_INVALID,    /* content lacks what the leg needs */
  JGW_MEDIA_ERROR_STATE,      /* call out of order, or unsupported now */
} JgwMediaError;

typedef enum {
  JGW_MEDIA_LEG_XMPP,
  JGW_MEDIA_LEG_SIP,
} JgwMediaLeg;

/* Why a session failed; the call should end with a matching reason. */
typedef enum {
  JGW_MEDIA_FAIL_ICE,        /* ICE found no working pair */
  JGW_MEDIA_FAIL_DTLS,       /* the DTLS handshake failed */
  JGW_MEDIA_FAIL_SECURITY,   /* peer certificate does not match its fingerprint */
  JGW_MEDIA_FAIL_NO_PORTS,
  JGW_MEDIA_FAIL_PIPELINE,   /* GStreamer error */
  JGW_MEDIA_FAIL_TIMEOUT,    /* no RTP on a leg for [media] media-timeout */
} JgwMediaFailure;

typedef enum {
  JGW_MEDIA_ICE_GATHERING,
  JGW_MEDIA_ICE_CONNECTING,
  JGW_MEDIA_ICE_CONNECTED,
  JGW_MEDIA_ICE_FAILED,
} JgwMediaIceState;

typedef struct _JgwMediaSession JgwMediaSession;

/* A STUN or TURN (UDP) server for the XMPP leg's ICE agent, besides the
 * [media] ones; e.g. from XEP-0215 external service discovery. */
typedef struct {
  gboolean turn;           /* TURN (relay candidates) or STUN */
  char *host;              /* IP literal, or a name libnice resolves (TURN) */
  guint16 port;
  char *username, *password; /* TURN credentials */
} JgwIceServer;

/** Copy / free a JgwIceServer (a GDestroyNotify). */
JgwIceServer *jgw_ice_server_copy (const JgwIceServer *server);
void jgw_ice_server_free (gpointer server);

typedef struct {
  /* A local candidate found after get_local(XMPP) (trickle ICE);
   * CANDIDATE is NULL once gathering is done (end-of-candidates). */
  void (*local_candidate) (JgwMediaSession *session, const JgwCandidate *candidate,
                           gpointer user_data);
  void (*ice_state) (JgwMediaSession *session, JgwMediaIceState state, gpointer user_data);
  /* DTLS done and the peer's certificate matched its fingerprint. */
  void (*secured) (JgwMediaSession *session, gpointer user_data);
  /* The session is dead (media stopped); free it and end the call. */
  void (*failed) (JgwMediaSession *session, JgwMediaFailure reason, const char *message,
                  gpointer user_data);
  /* An RFC 4733 digit ('0'-'9', '*', '#', 'A'-'D') started on LEG. */
  void (*dtmf) (JgwMediaSession *session, JgwMediaLeg leg, char digit, gpointer user_data);
} JgwMediaCallbacks;

typedef struct {
  char *codec;             /* encoding name, NULL before negotiation */
  guint64 packets_sent, packets_received, bytes_received;
  guint64 packets_lost;    /* from sequence numbers (RFC 3550 A.3) */
  double jitter_ms;        /* RFC 3550 interarrival jitter */
  double rtt_ms;           /* -1: unknown (no RTCP yet) */
} JgwMediaLegStats;

typedef struct {
  JgwMediaLegStats leg[2];   /* indexed by JgwMediaLeg */
  gboolean passthrough;
} JgwMediaStats;

/** Create a session; gathering starts at once. CONFIG and CALLBACKS must outlive it. */
JgwMediaSession *jgw_media_session_new (const JgwMediaConfig *config,
                                        const JgwMediaCallbacks *callbacks,
                                        gpointer user_data, GError **error);
/** The same, but ICE gathering waits for jgw_media_session_start_gathering()
 * (get_local() before that gives credentials and no candidates; they
 * trickle through local_candidate later). */
JgwMediaSession *jgw_media_session_new_deferred (const JgwMediaConfig *config,
                                                 const JgwMediaCallbacks *callbacks,
                                                 gpointer user_data, GError **error);
/** Start a deferred session's gathering with SERVERS (of JgwIceServer, NULL
 * = only [media]'s); once; a failure ends the session (failed callback). */
void jgw_media_session_start_gathering (JgwMediaSession *session, const GPtrArray *servers);
/** Stop media and release sockets, agent and pipeline. NULL is allowed. */
void jgw_media_session_free (JgwMediaSession *session);

/** The remote offer or answer of LEG (copied). */
gboolean jgw_media_session_set_remote (JgwMediaSession *session, JgwMediaLeg leg,
                                       const JgwContent *remote, GError **error);
/** A new remote description of LEG (only SIP; same codec): the 200 after an
 * early answer in a 183. The first call is set_remote. */
gboolean jgw_media_session_update_remote (JgwMediaSession *session, JgwMediaLeg leg,
                                          const JgwContent *remote, GError **error);
/** Early media (before the answer): the media timeout waits until it ends. */
void jgw_media_session_set_early (JgwMediaSession *session, gboolean early);
/** Our offer (before set_remote) or answer (after) for LEG; caller frees. */
JgwContent *jgw_media_session_get_local (JgwMediaSession *session, JgwMediaLeg leg,
                                         GError **error);
/** A trickled remote candidate of the XMPP leg; NULL = end-of-candidates. */
gboolean jgw_media_session_add_remote_candidate (JgwMediaSession *session,
                                                 const JgwCandidate *candidate,
                                                 GError **error);

/** Require SDES-SRTP (RTP/SAVP) in our offer on the SIP leg; call before get_local. */
void jgw_media_session_set_sip_srtp_required (JgwMediaSession *session, gboolean required);

/** Mute what LEG's peer hears (media from the other leg is silenced). */
void jgw_media_session_set_mute (JgwMediaSession *session, JgwMediaLeg to_leg, gboolean mute);
/** Gain in dB of what the XMPP user hears; fails in pass-through. */
gboolean jgw_media_session_set_volume (JgwMediaSession *session, double gain_db, GError **error);
/** Stop (or resume) sending anything to LEG. */
void jgw_media_session_set_hold (JgwMediaSession *session, JgwMediaLeg leg, gboolean hold);
/** Send RFC 4733 DIGITS (0-9*#A-D) to LEG, each DURATION_MS long. */
gboolean jgw_media_session_send_dtmf (JgwMediaSession *session, JgwMediaLeg leg,
                                      const char *digits, guint duration_ms, GError **error);
/** Whether RFC 4733 events received on FROM_LEG are relayed to the other
 * leg inside the media path (both legs negotiated telephone-event); if not,
 * the `dtmf` callback's digit must be passed on by other means. */
gboolean jgw_media_session_relays_dtmf (JgwMediaSession *session, JgwMediaLeg from_leg);
/** Fill STATS (codec strings newly allocated: free with jgw_media_stats_clear). */
void jgw_media_session_get_stats (JgwMediaSession *session, JgwMediaStats *stats);
void jgw_media_stats_clear (JgwMediaStats *stats);
/** Whether media flows (pipeline playing; on the XMPP leg: ICE and DTLS done). */
gboolean jgw_media_session_is_running (JgwMediaSession *session);

G_END_DECLS
