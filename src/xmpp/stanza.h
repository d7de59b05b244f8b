/* stanza.h — small helpers to build replies and children with libstrophe.
 * Every function returning xmpp_stanza_t* returns a new reference that the
 * caller releases with xmpp_stanza_release(); children added to a parent
 * are owned by the parent. */
#pragma once

#include <glib.h>
#include <strophe.h>

G_BEGIN_DECLS

/* RFC 6120 section 8.3.2 error types. */
#define JGW_ERROR_CANCEL "cancel"
#define JGW_ERROR_MODIFY "modify"
#define JGW_ERROR_AUTH "auth"
#define JGW_ERROR_WAIT "wait"

/** An iq of TYPE answering REQUEST: same id, to = request's from. */
xmpp_stanza_t *jgw_stanza_iq_reply (xmpp_ctx_t *ctx, xmpp_stanza_t *request, const char *type);

/** An error reply to REQUEST (iq, message or presence) with the RFC 6120
 * CONDITION, optional TEXT, and an optional application-specific condition
 * element APP_NAME in APP_NS (e.g. Jingle's unknown-session). */
xmpp_stanza_t *jgw_stanza_error_reply (xmpp_ctx_t *ctx, xmpp_stanza_t *request,
                                       const char *error_type, const char *condition,
                                       const char *text, const char *app_ns,
                                       const char *app_name);

/** Add a new child NAME (namespace NS or NULL) to PARENT; returns it
 * (transfer none: the parent owns it). */
xmpp_stanza_t *jgw_stanza_add_child (xmpp_stanza_t *parent, const char *name, const char *ns);
/** Add <NAME>TEXT</NAME> to PARENT; returns the child (transfer none). */
xmpp_stanza_t *jgw_stanza_add_text_child (xmpp_stanza_t *parent, const char *name,
                                          const char *ns, const char *text);
/** The stanza's xml:lang, or NULL (libstrophe's parser drops the xml: prefix). */
const char *jgw_stanza_lang (xmpp_stanza_t *stanza);
/** The namespace of the first element child, or NULL. */
const char *jgw_stanza_payload_ns (xmpp_stanza_t *stanza);

G_END_DECLS
