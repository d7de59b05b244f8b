/* session.h — XEP-0166 Jingle sessions: a manager that owns every session
 * keyed by (peer full JID, sid), answers each incoming Jingle iq exactly
 * once (result or an error with the Jingle condition) and sends our own
 * actions. No network I/O: stanzas go out through the owner's send
 * function, events come up through JgwJingleCallbacks.
 *
 * Ownership:
 * - The manager owns its sessions. A session stays valid until it ends:
 *   after jgw_jingle_session_terminate(), after the terminated callback
 *   returns, or when the manager is freed (no callback then).
 * - Every stanza passed to the send function is transfer none: the manager
 *   releases it after the call, so copy it (xmpp_stanza_copy) to keep it.
 * - Callbacks get the parsed JgwJingle as transfer none (valid during the
 *   call only). They may call any session function, including terminate
 *   on the session being reported (freed once the dispatch returns).
 * - The xmpp_ctx_t must outlive the manager. */
#pragma once

#include <glib.h>
#include <strophe.h>

#include "jingle/jingle.h"

G_BEGIN_DECLS

typedef struct _JgwJingleManager JgwJingleManager;
typedef struct _JgwJingleSession JgwJingleSession;

typedef enum {
  JGW_SESSION_PENDING, /* session-initiate sent or received, not accepted yet */
  JGW_SESSION_ACTIVE,  /* session-accept sent or received */
  JGW_SESSION_ENDED,   /* terminated; about to be freed */
} JgwSessionState;

typedef struct {
  /** A peer's session-initiate was acknowledged; answer with accept or terminate. */
  void (*initiated) (JgwJingleSession *session, const JgwJingle *jingle, gpointer user_data);
  /** The peer accepted our session-initiate (its answer is in jingle->desc). */
  void (*accepted) (JgwJingleSession *session, const JgwJingle *jingle, gpointer user_data);
  /** The session ended by the peer (session-terminate, or an error reply to our request). */
  void (*terminated) (JgwJingleSession *session, JgwReason reason, const char *text, gpointer user_data);
  /** session-info with an XEP-0167 payload (ringing, hold, mute, ...). */
  void (*info) (JgwJingleSession *session, const JgwJingle *jingle, gpointer user_data);
  /** transport-info: trickled candidates (and possibly end-of-candidates). */
  void (*transport_info) (JgwJingleSession *session, const JgwJingle *jingle, gpointer user_data);
  /** content-*, description-info, security-info and transport-accept/reject/replace. */
  void (*content) (JgwJingleSession *session, const JgwJingle *jingle, gpointer user_data);
} JgwJingleCallbacks;

/** Sends STANZA (transfer none). */
typedef void (*JgwJingleSendFunc) (xmpp_stanza_t *stanza, gpointer user_data);

/** New manager (transfer full). MAX_PER_USER bounds the sessions of one
 *  peer bare JID (0 = unlimited). CALLBACKS is copied. */
JgwJingleManager *jgw_jingle_manager_new (xmpp_ctx_t *ctx, guint max_per_user, JgwJingleSendFunc send,
                                          const JgwJingleCallbacks *callbacks, gpointer user_data);
/** Frees the manager and its sessions without sending anything. */
void jgw_jingle_manager_free (JgwJingleManager *manager);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JgwJingleManager, jgw_jingle_manager_free)

/** Feeds an iq. A set with <jingle/> is answered exactly once; a result
 *  or error matching one of our requests is consumed. Returns FALSE for
 *  iqs that are none of these (the caller answers them). */
gboolean jgw_jingle_manager_handle_iq (JgwJingleManager *manager, xmpp_stanza_t *iq);
/** The session with PEER (full JID) and SID, or NULL (transfer none). */
JgwJingleSession *jgw_jingle_manager_lookup (JgwJingleManager *manager, const char *peer, const char *sid);
/** Number of live sessions. */
guint jgw_jingle_manager_count (JgwJingleManager *manager);

/** Starts a session from LOCAL to PEER with OFFER (copied) and sends
 *  session-initiate; SID NULL generates one. Transfer none. */
JgwJingleSession *jgw_jingle_manager_initiate (JgwJingleManager *manager, const char *local, const char *peer,
                                               const char *sid, const JgwSessionDesc *offer, GError **error);

/** Sends session-accept with ANSWER. A DTLS answer must say setup active or
 *  passive (RFC 8842 5.3); actpass is refused with NOT_ACCEPTABLE. */
gboolean jgw_jingle_session_accept (JgwJingleSession *session, const JgwSessionDesc *answer, GError **error);
/** Sends session-terminate with REASON (TEXT optional) and ends the session. */
void jgw_jingle_session_terminate (JgwJingleSession *session, JgwReason reason, const char *text);
/** Sends session-info with INFO (mute/unmute may name a content in NAME). */
gboolean jgw_jingle_session_send_info (JgwJingleSession *session, JgwJingleInfo info, const char *name,
                                       GError **error);
/** Sends transport-info carrying the transports of CANDIDATES (trickle). */
gboolean jgw_jingle_session_send_transport_info (JgwJingleSession *session, const JgwSessionDesc *candidates,
                                                 GError **error);
/** Sends a content-level ACTION (content-add, transport-replace, ...) with DESC. */
gboolean jgw_jingle_session_send_action (JgwJingleSession *session, JgwJingleAction action,
                                         const JgwSessionDesc *desc, GError **error);

const char *jgw_jingle_session_get_sid (JgwJingleSession *session);
const char *jgw_jingle_session_get_peer (JgwJingleSession *session);
const char *jgw_jingle_session_get_local (JgwJingleSession *session);
gboolean jgw_jingle_session_is_initiator (JgwJingleSession *session);
JgwSessionState jgw_jingle_session_get_state (JgwJingleSession *session);
/** Remote description: the peer's offer or answer, NULL before (transfer none). */
const JgwSessionDesc *jgw_jingle_session_get_remote (JgwJingleSession *session);
/** Attaches owner data, freed with DESTROY when the session is freed. */
void jgw_jingle_session_set_data (JgwJingleSession *session, gpointer data, GDestroyNotify destroy);
gpointer jgw_jingle_session_get_data (JgwJingleSession *session);

/** The DTLS role an answerer takes for the offerer's SETUP (RFC 8842 5.3):
 *  "active" for actpass or passive, "passive" for active. */
const char *jgw_jingle_answer_setup (const char *offer_setup);

G_END_DECLS
