/* jmi.h — XEP-0353 Jingle Message Initiation, both ways: propose (to the
 * callee's bare JID so every device rings, with a store hint), ringing,
 * proceed, accept, reject, retract, finish, and the tie-break of crossing
 * proposals. The first device to proceed wins; a propose nobody answers
 * is retracted with reason timeout after timeout_ms (GLib timer on the
 * thread-default main context). No network I/O: messages go out through
 * the owner's send function.
 *
 * Ownership: JgwJmi owns its proposals; a proposal is forgotten when it
 * ends (reject, retract, timeout, finish). Stanzas passed to the send
 * function are transfer none (released after the call). JgwJmiMessage
 * from jgw_jmi_parse() is freed with jgw_jmi_message_free(). Callbacks
 * get transfer-none arguments and may call any jgw_jmi_* function. */
#pragma once

#include <glib.h>
#include <strophe.h>

#include "jingle/reason.h"

G_BEGIN_DECLS

typedef enum {
  JGW_JMI_NONE = 0,
  JGW_JMI_PROPOSE,
  JGW_JMI_RINGING,
  JGW_JMI_PROCEED,
  JGW_JMI_ACCEPT,
  JGW_JMI_REJECT,
  JGW_JMI_RETRACT,
  JGW_JMI_FINISH,
} JgwJmiKind;

typedef struct {
  JgwJmiKind kind;
  char *id;
  char *from, *to;
  GStrv media;        /* propose: media of each <description/> */
  JgwReason reason;   /* NONE when absent */
  char *text;
  gboolean tie_break; /* <tie-break/> in reject/retract */
  char *migrated_to;  /* finish: <migrated to='...'/> */
  char *nick;         /* propose: the caller's name (XEP-0172), or NULL */
} JgwJmiMessage;

void jgw_jmi_message_free (JgwJmiMessage *msg);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JgwJmiMessage, jgw_jmi_message_free)
/** Parses a <message/>; NULL without error if it carries no JMI element,
 *  NULL with JGW_JINGLE_ERROR_BAD_REQUEST if it is malformed. */
JgwJmiMessage *jgw_jmi_parse (xmpp_stanza_t *message, GError **error);
/** Builds the <message type='chat'/> for MSG with a store hint (transfer full). */
xmpp_stanza_t *jgw_jmi_build (xmpp_ctx_t *ctx, const JgwJmiMessage *msg);

typedef struct _JgwJmi JgwJmi;

typedef struct {
  /** An incoming propose (after tie-break): answer with ringing/proceed/reject. */
  void (*proposed) (JgwJmi *jmi, const JgwJmiMessage *msg, gpointer user_data);
  /** A device of the callee rings for our propose ID. */
  void (*ringing) (JgwJmi *jmi, const char *id, const char *device, gpointer user_data);
  /** DEVICE proceeded first: send it session-initiate with sid ID. */
  void (*proceeded) (JgwJmi *jmi, const char *id, const char *device, gpointer user_data);
  /** The proposal ID ended before a session: KIND is REJECT (callee),
   *  RETRACT (caller, timeout, or we lost a tie-break). */
  void (*ended) (JgwJmi *jmi, const char *id, JgwJmiKind kind, JgwReason reason, gpointer user_data);
  /** The peer sent finish for ID. */
  void (*finished) (JgwJmi *jmi, const char *id, JgwReason reason, gpointer user_data);
} JgwJmiCallbacks;

typedef void (*JgwJmiSendFunc) (xmpp_stanza_t *stanza, gpointer user_data);

/** New JMI handler (transfer full); TIMEOUT_MS bounds an unanswered propose. */
JgwJmi *jgw_jmi_new (xmpp_ctx_t *ctx, guint timeout_ms, JgwJmiSendFunc send, const JgwJmiCallbacks *callbacks,
                     gpointer user_data);
/** Frees JMI, cancelling timers, without sending anything. */
void jgw_jmi_free (JgwJmi *jmi);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JgwJmi, jgw_jmi_free)

/** Feeds a <message/>; TRUE if it was a JMI message (handled or ignored as stale). */
gboolean jgw_jmi_handle_message (JgwJmi *jmi, xmpp_stanza_t *message);
/** Proposes a call from LOCAL to PEER (made bare) for MEDIA (NULL = audio).
 *  ID NULL generates a UUID. Returns the id (transfer none) or NULL. */
const char *jgw_jmi_propose (JgwJmi *jmi, const char *local, const char *peer, const char *id,
                             const char *const *media, GError **error);
/** As jgw_jmi_propose(), naming the caller NICK (XEP-0172) when not NULL,
 *  so the callee sees who calls before answering. */
const char *jgw_jmi_propose_named (JgwJmi *jmi, const char *local, const char *peer, const char *id,
                                   const char *const *media, const char *nick, GError **error);
/** Retracts our propose ID (e.g. the SIP caller hung up). */
gboolean jgw_jmi_retract (JgwJmi *jmi, const char *id, JgwReason reason, GError **error);
/** Tells the caller of the incoming proposal ID that we ring. */
gboolean jgw_jmi_ringing (JgwJmi *jmi, const char *id, GError **error);
/** Accepts the incoming proposal ID; the caller then sends session-initiate. */
gboolean jgw_jmi_proceed (JgwJmi *jmi, const char *id, GError **error);
/** Rejects the incoming proposal ID with REASON (busy, decline, ...). */
gboolean jgw_jmi_reject (JgwJmi *jmi, const char *id, JgwReason reason, GError **error);
/** Sends finish for ID after its session ended, and forgets it. */
gboolean jgw_jmi_finish (JgwJmi *jmi, const char *id, JgwReason reason, GError **error);
/** Number of live proposals. */
guint jgw_jmi_count (JgwJmi *jmi);

G_END_DECLS
