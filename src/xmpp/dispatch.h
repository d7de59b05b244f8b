/* dispatch.h — routes each received stanza to the handlers registered for
 * its (element name, type, payload namespace), and guarantees that every
 * iq get/set and every message is answered exactly once: if no handler takes
 * it, an error reply is produced here. Errors are never answered.
 *
 * Ownership: the dispatcher owns its handler list; handlers' user data stays
 * the registrant's. A handler returning TRUE has replied (or will). */
#pragma once

#include <glib.h>
#include <strophe.h>

G_BEGIN_DECLS

typedef struct _JgwDispatch JgwDispatch;

/** A stanza handler: return TRUE when the stanza is taken. */
typedef gboolean (*JgwStanzaHandler) (xmpp_stanza_t *stanza, gpointer user_data);
/** Where replies go (the component's send function). */
typedef void (*JgwStanzaSink) (xmpp_stanza_t *stanza, gpointer user_data);

JgwDispatch *jgw_dispatch_new (xmpp_ctx_t *ctx, JgwStanzaSink sink, gpointer sink_data);
void jgw_dispatch_free (JgwDispatch *dispatch);

/** Register HANDLER for stanzas NAME ("iq", "message", "presence") of TYPE
 * (NULL = any) whose first child element is in NS (NULL = any). Handlers
 * are tried in registration order. Returns an id for removal. */
guint jgw_dispatch_add (JgwDispatch *dispatch, const char *name, const char *type,
                        const char *ns, JgwStanzaHandler handler, gpointer user_data);
void jgw_dispatch_remove (JgwDispatch *dispatch, guint id);

/** Route STANZA (transfer none). */
void jgw_dispatch_stanza (JgwDispatch *dispatch, xmpp_stanza_t *stanza);

G_END_DECLS
