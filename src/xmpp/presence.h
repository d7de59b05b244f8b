/* presence.h — who of the gateway's users is online, on which devices, and
 * what those devices can do (XEP-0115 caps, resolved by disco and cached by
 * verification string). The component makes itself a presence contact of
 * its users (XEP-0100 style): it approves their subscriptions, asks for
 * theirs, probes them when the stream comes up, and answers probes and
 * subscriptions for every JID at the component (phone JIDs included).
 *
 * Ownership: JgwPresence belongs to the app; returned JIDs are borrowed
 * unless said otherwise. Watch callbacks must not free the JgwPresence. */
#pragma once

#include "xmpp/component.h"
#include "xmpp/iq_tracker.h"

G_BEGIN_DECLS

#define JGW_NS_CAPS "http://jabber.org/protocol/caps"

typedef struct _JgwPresence JgwPresence;

/** A device came (AVAILABLE) or went; FEATURES_KNOWN once caps resolved. */
typedef void (*JgwPresenceFunc) (const char *full_jid, gboolean available,
                                 gboolean features_known, gpointer user_data);

JgwPresence *jgw_presence_new (JgwComponent *comp, JgwIqTracker *iq);
void jgw_presence_free (JgwPresence *presence);

/** Announce XEP-0115 caps (NODE, and the ver of the component and of phone
 * JIDs) in the presence the component sends. Strings are copied. */
void jgw_presence_set_caps (JgwPresence *presence, const char *node, const char *component_ver,
                            const char *phone_ver);

/** Handles presence subscriptions and probes to phone JIDs (LOCAL@component)
 * instead of the default (approve, plain available): TYPE is "subscribe",
 * "unsubscribe", "probe" or "unsubscribed"; FROM_BARE the sender; return
 * TRUE when handled. */
typedef gboolean (*JgwPresencePhoneFunc) (const char *type, const char *from_bare, const char *phone_jid,
                                          gpointer user_data);
/** Set (or with NULL clear) the phone JID handler (line presence). */
void jgw_presence_set_phone_func (JgwPresence *presence, JgwPresencePhoneFunc func, gpointer user_data);
/** A presence stanza FROM -> TO of TYPE (NULL = available) carrying the
 * component's caps, to add show/status to and send (transfer full). */
xmpp_stanza_t *jgw_presence_stanza_new (JgwPresence *presence, const char *from, const char *to,
                                        const char *type);

/** Be told about devices coming, going and being resolved. */
void jgw_presence_set_watch (JgwPresence *presence, JgwPresenceFunc func, gpointer user_data);

/** BARE_JID is a user of the gateway: it is probed whenever the stream
 * comes up, and asked for a subscription the first time. */
void jgw_presence_add_user (JgwPresence *presence, const char *bare_jid);

/** BARE_JID just registered: add it and ask for its presence now
 * (XEP-0100 section 4.1.1, the gateway joins the user's roster). */
void jgw_presence_subscribe_user (JgwPresence *presence, const char *bare_jid);
/** BARE_JID unregistered: leave its roster (unsubscribe, unsubscribed,
 * unavailable) and forget its devices. */
void jgw_presence_remove_user (JgwPresence *presence, const char *bare_jid);

/** Full JIDs of BARE_JID's available devices, by descending priority
 * (transfer container: free the array, not the strings). */
GPtrArray *jgw_presence_resources (JgwPresence *presence, const char *bare_jid);
/** Whether FULL_JID is available and advertises VAR (FALSE if unknown). */
gboolean jgw_presence_has_feature (JgwPresence *presence, const char *full_jid, const char *var);
/** Whether FULL_JID's features are known yet. */
gboolean jgw_presence_features_known (JgwPresence *presence, const char *full_jid);

G_END_DECLS
