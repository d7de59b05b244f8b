/* iq_tracker.h — iq requests the gateway sends and the answers it waits
 * for: each request gets a fresh id, and exactly one callback, with the
 * result, the error, or NULL after the timeout.
 *
 * Ownership: the tracker belongs to the app and registers itself on the
 * component's dispatcher; the reply passed to a callback is borrowed for
 * the duration of the call. */
#pragma once

#include "xmpp/component.h"

G_BEGIN_DECLS

typedef struct _JgwIqTracker JgwIqTracker;

/** REPLY is the result or error iq, or NULL on timeout / stream loss. */
typedef void (*JgwIqReplyFunc) (xmpp_stanza_t *reply, gpointer user_data);

JgwIqTracker *jgw_iq_tracker_new (JgwComponent *comp);
/** Frees pending requests, calling their callbacks with NULL. */
void jgw_iq_tracker_free (JgwIqTracker *tracker);

/** Send IQ (transfer none; its id is set here) and call FUNC once. */
void jgw_iq_tracker_send (JgwIqTracker *tracker, xmpp_stanza_t *iq, guint timeout_ms,
                          JgwIqReplyFunc func, gpointer user_data);
/** Number of requests still waiting (for tests and status). */
guint jgw_iq_tracker_pending (JgwIqTracker *tracker);

G_END_DECLS
