/* component.h — the XEP-0114 connection to the XMPP server: connects,
 * performs the handshake, reconnects with exponential backoff (capped at
 * 30 s) whenever the stream is lost or refused, and routes every received
 * stanza through its dispatcher.
 *
 * Ownership: the component owns its libstrophe context, connection and
 * dispatcher; stanzas passed to jgw_component_send() stay the caller's. */
#pragma once

#include <glib.h>
#include <strophe.h>

#include "config.h"
#include "xmpp/dispatch.h"

G_BEGIN_DECLS

typedef struct _JgwComponent JgwComponent;

/** Called when the stream comes up (ONLINE) or goes down. */
typedef void (*JgwComponentStateFunc) (JgwComponent *comp, gboolean online, gpointer user_data);
typedef void (*JgwComponentStopped) (gpointer user_data);

/** A component for CONFIG (copied); nothing happens before _start(). */
JgwComponent *jgw_component_new (const JgwComponentConfig *config);
void jgw_component_free (JgwComponent *comp);

/** Connect now, and keep reconnecting until _stop(). */
void jgw_component_start (JgwComponent *comp);
/** Close the stream cleanly; DONE runs once the connection is closed. */
void jgw_component_stop (JgwComponent *comp, JgwComponentStopped done, gpointer user_data);
/** Use CONFIG from now on (takes effect at the next connect). */
void jgw_component_reconfigure (JgwComponent *comp, const JgwComponentConfig *config);

void jgw_component_set_state_func (JgwComponent *comp, JgwComponentStateFunc func,
                                   gpointer user_data);
gboolean jgw_component_is_online (JgwComponent *comp);

/** Send STANZA (transfer none) if the stream is up; FALSE if dropped. */
gboolean jgw_component_send (JgwComponent *comp, xmpp_stanza_t *stanza);
/** jgw_component_send() as a JgwStanzaSink, COMPONENT as its data. */
void jgw_component_sink (xmpp_stanza_t *stanza, gpointer component);

/** The component's domain JID (transfer none). */
const char *jgw_component_jid (JgwComponent *comp);
/** The libstrophe context for building stanzas (transfer none). */
xmpp_ctx_t *jgw_component_ctx (JgwComponent *comp);
/** Where handlers are registered (transfer none). */
JgwDispatch *jgw_component_dispatch (JgwComponent *comp);

/** Backoff before reconnect attempt N (0-based), in ms: 1 s doubling, capped at 30 s. */
guint jgw_component_backoff_ms (guint attempt);

G_END_DECLS
