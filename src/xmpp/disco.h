/* disco.h — service discovery (XEP-0030) of the component and of the phone
 * JIDs at it, software version (XEP-0092) and ping (XEP-0199).
 *
 * The feature lists hold only what is implemented: each module adds its
 * features when it registers its handlers. Ownership: JgwDisco belongs to
 * the app; it registers on the component's dispatcher and must be freed
 * before the component. */
#pragma once

#include "xmpp/component.h"

G_BEGIN_DECLS

#define JGW_NS_DISCO_INFO "http://jabber.org/protocol/disco#info"
#define JGW_NS_DISCO_ITEMS "http://jabber.org/protocol/disco#items"
#define JGW_NS_VERSION "jabber:iq:version"
#define JGW_NS_PING "urn:xmpp:ping"

typedef struct _JgwDisco JgwDisco;

/** Answer discovery on COMP; NAME is the identity name of the gateway. */
JgwDisco *jgw_disco_new (JgwComponent *comp, const char *name);
void jgw_disco_free (JgwDisco *disco);

/** Answers disco#info (ITEMS FALSE) or disco#items (ITEMS TRUE) for NODE
 * on behalf of REQUEST's sender by filling QUERY; FALSE if NODE is not its. */
typedef gboolean (*JgwDiscoNodeFunc) (xmpp_stanza_t *request, const char *node, gboolean items,
                                      xmpp_stanza_t *query, gpointer user_data);

/** Let FUNC answer queries with a node (XEP-0030 section 3.2 / 4.2). */
void jgw_disco_add_node_provider (JgwDisco *disco, JgwDiscoNodeFunc func, gpointer user_data);

/** Advertise VAR on the component's own JID. */
void jgw_disco_add_feature (JgwDisco *disco, const char *var);
/** Advertise VAR on every phone JID (NUMBER@component). */
void jgw_disco_add_phone_feature (JgwDisco *disco, const char *var);
/* XEP-0115 node of this software; disco#info on NODE#VER answers as without. */
#define JGW_CAPS_NODE "urn:jinglegw:caps"

/** The XEP-0115 ver of the component (PHONE FALSE) or of phone JIDs. */
char *jgw_disco_caps_ver (JgwDisco *disco, gboolean phone);

/** The component's features, sorted (transfer none). */
const GPtrArray *jgw_disco_features (JgwDisco *disco);

G_END_DECLS
