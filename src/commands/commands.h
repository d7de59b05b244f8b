/* commands.h — the phone actions users run: XEP-0050 ad-hoc commands
 * (node names fixed in interface.md) and the chat fallback that runs the
 * same actions from plain messages to the component ("call 030123", "help").
 *
 * Ownership: jgw_commands_new() borrows CTX, which the application owns
 * and keeps up to date (it swaps identities/router/config on reload; the
 * commands read the fields each time and never keep them). Everything the
 * command families register is removed by jgw_commands_free(). */
#pragma once

#include "call/calls.h"
#include "call/router.h"
#include "config.h"
#include "i18n.h"
#include "identity/identity.h"
#include "identity/store.h"
#include "xmpp/adhoc.h"
#include "xmpp/component.h"
#include "xmpp/presence.h"

G_BEGIN_DECLS

typedef struct {
  const JgwConfig *config;
  JgwComponent *component;
  JgwPresence *presence;
  JgwStore *store;
  JgwCalls *calls;
  JgwIdentities *identities;
  const JgwRouter *router;
  JgwAdhoc *adhoc;
  const JgwCatalog *catalog;
} JgwCommandsContext;

typedef struct _JgwCommands JgwCommands;

/** Register every command family on CTX->adhoc and the chat fallback on the
 * component's dispatcher. */
JgwCommands *jgw_commands_new (const JgwCommandsContext *ctx);
void jgw_commands_free (JgwCommands *commands);

G_END_DECLS
