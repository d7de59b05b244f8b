/* adhoc.h — XEP-0050 ad-hoc commands: command registry, per-requester
 * listing in disco, multi-stage sessions (sessionid, next/prev/complete/
 * cancel, expiry), admin-only nodes, notes, and answers in the requester's
 * language. Each command family registers a JgwAdhocCommand; its execute
 * function gets a JgwAdhocCall and answers it exactly once, at once or later
 * (e.g. after an LDAP search).
 *
 * Ownership: the engine owns sessions and calls. A command's per-session
 * state is set with jgw_adhoc_call_set_state() and freed by the engine with
 * the given destroy function when the session ends. Forms passed to the
 * respond functions are taken (transfer full). */
#pragma once

#include "i18n.h"
#include "xmpp/dispatch.h"
#include "xmpp/form.h"

G_BEGIN_DECLS

#define JGW_NS_COMMANDS "http://jabber.org/protocol/commands"

typedef struct _JgwAdhoc JgwAdhoc;
typedef struct _JgwAdhocCall JgwAdhocCall;

typedef enum {
  JGW_ADHOC_EXECUTE,
  JGW_ADHOC_NEXT,
  JGW_ADHOC_PREV,
  JGW_ADHOC_COMPLETE,
} JgwAdhocAction;

/* Actions offered with a form (bit flags). */
typedef enum {
  JGW_ADHOC_OFFER_NEXT = 1 << 0,
  JGW_ADHOC_OFFER_PREV = 1 << 1,
  JGW_ADHOC_OFFER_COMPLETE = 1 << 2,
} JgwAdhocOffer;

typedef struct {
  const char *node;     /* fixed name, interface.md */
  const char *name;     /* English label, translated per request (N_) */
  gboolean admin_only;
  void (*execute) (JgwAdhocCall *call, gpointer user_data);
} JgwAdhocCommand;

/** An engine answering on DISPATCH; stanzas go out through SEND.
 * ADMINS are bare JIDs (may be NULL); CATALOG is borrowed. */
JgwAdhoc *jgw_adhoc_new (xmpp_ctx_t *ctx, JgwDispatch *dispatch, JgwStanzaSink send,
                         gpointer send_data, const JgwCatalog *catalog,
                         const char *const *admins, guint session_timeout_s);
void jgw_adhoc_free (JgwAdhoc *adhoc);
/** Register COMMAND (static storage) with USER_DATA for its execute. */
void jgw_adhoc_register (JgwAdhoc *adhoc, const JgwAdhocCommand *command, gpointer user_data);
/** Replace the admin list (reload). */
void jgw_adhoc_set_admins (JgwAdhoc *adhoc, const char *const *admins);
/** How many command sessions are open (not yet expired). */
guint jgw_adhoc_open_sessions (JgwAdhoc *adhoc);
/** Fill a disco query for NODE (commands list or one command); FALSE if not ours.
 * Matches JgwDiscoNodeFunc so it can be given to jgw_disco_add_node_provider(). */
gboolean jgw_adhoc_disco_node (xmpp_stanza_t *request, const char *node, gboolean items,
                               xmpp_stanza_t *query, gpointer adhoc);

/* --- what a command sees of a call --- */
const char *jgw_adhoc_call_from (JgwAdhocCall *call);  /* full JID */
const char *jgw_adhoc_call_bare (JgwAdhocCall *call);  /* bare JID */
const char *jgw_adhoc_call_lang (JgwAdhocCall *call);  /* language picked for the answer */
JgwAdhocAction jgw_adhoc_call_action (JgwAdhocCall *call);
/** The submitted form's first value for VAR, or NULL. */
const char *jgw_adhoc_call_value (JgwAdhocCall *call, const char *var);
const char *const *jgw_adhoc_call_values (JgwAdhocCall *call, const char *var);
/** Translate MSGID into the call's language. */
const char *jgw_adhoc_call_tr (JgwAdhocCall *call, const char *msgid) G_GNUC_FORMAT (2);
/** The stage counter of this session (0 at first execute); commands move it. */
guint jgw_adhoc_call_stage (JgwAdhocCall *call);
void jgw_adhoc_call_set_stage (JgwAdhocCall *call, guint stage);
gpointer jgw_adhoc_call_get_state (JgwAdhocCall *call);
void jgw_adhoc_call_set_state (JgwAdhocCall *call, gpointer state, GDestroyNotify destroy);

/** Add a note (type "info", "warn" or "error") to the coming answer. */
void jgw_adhoc_call_note (JgwAdhocCall *call, const char *type, const char *text);
/** Answer: show FORM, stay executing, offer OFFERS (default action: the first of
 * complete/next offered). */
void jgw_adhoc_call_show (JgwAdhocCall *call, JgwForm *form, guint offers);
/** Answer: done, with an optional result FORM and the notes added. */
void jgw_adhoc_call_complete (JgwAdhocCall *call, JgwForm *form);
/** Answer with an XMPP error (RFC 6120 CONDITION, e.g. "bad-request",
 * "forbidden", "not-acceptable") and a human-readable TEXT; the session ends. */
void jgw_adhoc_call_fail (JgwAdhocCall *call, const char *condition, const char *text);

G_END_DECLS
