/* router.h — who dials how: the numbering plan and addressing context of
 * each user (their country code over [dialplan]), and the route a number
 * takes. Built from one configuration; replaced whole on reload.
 *
 * Ownership: the router keeps pointers into CONFIG, which must outlive it;
 * contexts it fills borrow from the router. */
#pragma once

#include "call/address.h"
#include "config.h"
#include "identity/dialplan.h"

G_BEGIN_DECLS

typedef struct _JgwRouter JgwRouter;

/** Validate the dial plan of CONFIG and build the router. */
JgwRouter *jgw_router_new (const JgwConfig *config, GError **error);
void jgw_router_free (JgwRouter *router);

/** Fill OUT with the addressing context of BARE_JID (any JID works; users
 * without a country code of their own get the [dialplan] one). */
void jgw_router_context (const JgwRouter *router, const char *bare_jid, JgwAddressContext *out);

/** The JID to call for what BARE_JID typed (a number in any dialling
 * form, a SIP address, or a name), per the user's numbering plan. */
char *jgw_router_jid_for_input (const JgwRouter *router, const char *bare_jid, const char *typed,
                                GError **error);

/** The dial plan (transfer none). */
const JgwDialplan *jgw_router_dialplan (const JgwRouter *router);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JgwRouter, jgw_router_free)

G_END_DECLS
