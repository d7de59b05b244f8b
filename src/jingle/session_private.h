/* session_private.h — what session.c, session_in.c and session_out.c
 * share. Not a public API. */
#pragma once

#include "jingle/session.h"

struct _JgwJingleSession {
  JgwJingleManager *manager;
  char *sid, *peer, *local, *peer_bare;
  gboolean initiator;
  JgwSessionState state;
  JgwSessionDesc *local_desc; /* our offer or answer */
  JgwSessionDesc *remote;     /* the peer's offer or answer */
  JgwJingleAction pending;    /* our content-add/transport-replace awaiting its answer */
  gpointer data;
  GDestroyNotify destroy;
};

struct _JgwJingleManager {
  xmpp_ctx_t *ctx;
  guint max_per_user;
  JgwJingleSendFunc send;
  JgwJingleCallbacks cb;
  gpointer user_data;
  GHashTable *sessions; /* "peer\nsid" -> JgwJingleSession (owned) */
  GHashTable *requests; /* our iq id -> JgwJingleRequest (owned) */
  GPtrArray *ended;     /* sessions to free once the current dispatch returns */
  guint dispatching;
  guint64 next_id;
};

typedef struct {
  char *peer, *sid;
  JgwJingleAction action;
} JgwJingleRequest;

/** A new session registered in MANAGER (transfer none). */
JgwJingleSession *jgw_jingle_session_new (JgwJingleManager *m, const char *local, const char *peer,
                                          const char *sid, gboolean initiator);
/** Removes SESSION; if REASON is not NONE the terminated callback runs first. */
void jgw_jingle_session_end (JgwJingleSession *s, JgwReason reason, const char *text);
/** Sessions with the bare JID of PEER. */
guint jgw_jingle_manager_count_user (JgwJingleManager *m, const char *peer);
/** Sends an iq set from S carrying J, remembering it as a request. */
void jgw_jingle_session_send_jingle (JgwJingleSession *s, const JgwJingle *j);
/** Replies result to IQ. */
void jgw_jingle_reply_result (JgwJingleManager *m, xmpp_stanza_t *iq);
/** Replies the error of ERROR to IQ. */
void jgw_jingle_reply_error (JgwJingleManager *m, xmpp_stanza_t *iq, const GError *error);
/** Replies to IQ with a new error CODE (JGW_JINGLE_ERROR) and MESSAGE. */
void jgw_jingle_reply_code (JgwJingleManager *m, xmpp_stanza_t *iq, JgwJingleErrorCode code, const char *message);
/** Handles an incoming <jingle/> set (session_in.c); answers IQ exactly once. */
void jgw_jingle_session_dispatch (JgwJingleManager *m, xmpp_stanza_t *iq, xmpp_stanza_t *jingle);
