/* strophe_source.h — drives one libstrophe context from the GLib main loop:
 * a watch on the connection's socket, a short tick for libstrophe's timers,
 * and a flush after stanzas are queued from outside libstrophe callbacks.
 *
 * Ownership: the caller keeps CTX and the connections; jgw_strophe_source
 * only references them and must be freed before they are. */
#pragma once

#include <glib.h>
#include <strophe.h>

G_BEGIN_DECLS

typedef struct _JgwStropheSource JgwStropheSource;

/** Attach CTX to the thread-default main context. */
JgwStropheSource *jgw_strophe_source_new (xmpp_ctx_t *ctx);
void jgw_strophe_source_free (JgwStropheSource *source);

/** Connect CONN as a component and watch its socket. The socket's fd is
 * kept below FD_SETSIZE because libstrophe select()s on it. Returns the
 * libstrophe result (XMPP_EOK when the connect is under way). */
int jgw_strophe_source_connect_component (JgwStropheSource *source, xmpp_conn_t *conn,
                                          const char *host, guint16 port,
                                          xmpp_conn_handler handler, void *userdata);
/** The socket is gone (disconnect event): stop watching it. */
void jgw_strophe_source_forget (JgwStropheSource *source);
/** The connection is established: watch for input only. */
void jgw_strophe_source_connected (JgwStropheSource *source);
/** Stanzas were queued outside libstrophe's callbacks: flush soon. */
void jgw_strophe_source_kick (JgwStropheSource *source);

G_END_DECLS
