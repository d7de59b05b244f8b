/* extdisco.h — XEP-0215 external service discovery, client side: the STUN
 * and TURN services a user's XMPP server offers, asked for by the
 * component (<services xmlns='urn:xmpp:extdisco:2'/> to the server's
 * domain) and cached per domain until the earliest expiry the server gave.
 * A server without the feature, an error or no answer within the timeout
 * gives an empty list (logged once per domain; asked again after a while).
 *
 * Ownership: the JgwExtdisco belongs to the app and borrows the component
 * and the tracker; the tracker must be freed BEFORE it (pending answers then complete with
 * nothing). Server lists passed to callbacks are borrowed for the call. */
#pragma once

#include "media/media.h"
#include "xmpp/iq_tracker.h"

G_BEGIN_DECLS

#define JGW_NS_EXTDISCO "urn:xmpp:extdisco:2"

typedef struct _JgwExtdisco JgwExtdisco;

/** SERVERS: of JgwIceServer, possibly empty, never NULL. */
typedef void (*JgwExtdiscoFunc) (const GPtrArray *servers, gpointer user_data);

/** Ask through COMP and TRACKER (borrowed), waiting at most TIMEOUT_MS. */
JgwExtdisco *jgw_extdisco_new (JgwComponent *comp, JgwIqTracker *tracker, guint timeout_ms);
void jgw_extdisco_free (JgwExtdisco *ed);
/** The services of DOMAIN: FUNC is called at once from a fresh cache,
 * else once the server answered (or not). Returns an id for cancel (0 if
 * FUNC was already called). */
guint jgw_extdisco_lookup (JgwExtdisco *ed, const char *domain, JgwExtdiscoFunc func,
                           gpointer user_data);
/** FUNC of lookup ID will not be called. */
void jgw_extdisco_cancel (JgwExtdisco *ed, guint id);

/** The UDP STUN/TURN services in SERVICES (the <services/> element), with
 * the earliest expires (unix seconds, 0 = none given) in EXPIRES. Pure. */
GPtrArray *jgw_extdisco_parse (xmpp_stanza_t *services, gint64 *expires);

G_END_DECLS
