/* register.h — XEP-0077 in-band registration with the gateway: a user
 * enters, changes or removes their own SIP account (user name, password,
 * registrar, optional outbound proxy) from any chat client. Accounts live
 * in the store; passwords are never logged and never sent back. Who may
 * register is restricted by [registration] allowed.
 *
 * Ownership: registers on the component's dispatcher; STORE and PRESENCE
 * are borrowed. The changed callback runs after the store was updated. */
#pragma once

#include "config.h"
#include "identity/store.h"
#include "xmpp/component.h"
#include "xmpp/presence.h"

G_BEGIN_DECLS

#define JGW_NS_REGISTER "jabber:iq:register"

typedef struct _JgwRegister JgwRegister;

/** BARE_JID's account was stored (REGISTERED) or removed. */
typedef void (*JgwRegisterFunc) (const char *bare_jid, gboolean registered, gpointer user_data);

JgwRegister *jgw_register_new (JgwComponent *comp, JgwStore *store, JgwPresence *presence,
                               const JgwConfig *config);
void jgw_register_free (JgwRegister *reg);
/** Use CONFIG's [registration] from now on (borrowed, reload). */
void jgw_register_set_config (JgwRegister *reg, const JgwConfig *config);
void jgw_register_set_changed_func (JgwRegister *reg, JgwRegisterFunc func, gpointer user_data);

/** Whether BARE_JID may register under ALLOWED (domains or JIDs; NULL or
 * empty: users of COMPONENT's parent domain). Pure. */
gboolean jgw_register_allowed (const char *const *allowed, const char *component, const char *bare_jid);

G_END_DECLS
