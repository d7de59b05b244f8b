/* iq_gateway.h — XEP-0100 jabber:iq:gateway: turns what a user typed
 * ("030 123456", "bob@example.org") into the JID to call at the component.
 * Ownership: registers on the component's dispatcher; the router is
 * borrowed and may be swapped on reload with jgw_iq_gateway_set_router(). */
#pragma once

#include "call/router.h"
#include "xmpp/component.h"

G_BEGIN_DECLS

#define JGW_NS_IQ_GATEWAY "jabber:iq:gateway"

typedef struct _JgwIqGateway JgwIqGateway;

JgwIqGateway *jgw_iq_gateway_new (JgwComponent *comp, const JgwRouter *router);
void jgw_iq_gateway_set_router (JgwIqGateway *gateway, const JgwRouter *router);
void jgw_iq_gateway_free (JgwIqGateway *gateway);

G_END_DECLS
