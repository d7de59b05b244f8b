/* identity.h — who is who on each side: a JID's SIP identity (URI,
 * credentials, display name, country code, route profile), the JID behind a
 * SIP URI or phone number, caller names for numbers (CLIP/CNIP), and the
 * phone directory. Backends are asked in the order of [identity] backends:
 * "static" ([user:JID] groups, always available), "store" (accounts
 * registered in-band) and directory plugins by name (e.g. "ldap").
 *
 * Every answer is asynchronous (LDAP is): the callback runs exactly once, on
 * the main loop, never from within the request call; a cancelled request
 * answers G_IO_ERROR_CANCELLED. Identities and entries passed to callbacks
 * are transfer full (jgw_identity_free / g_ptr_array_unref); they carry
 * passwords, which must never be logged or sent to XMPP clients.
 *
 * Ownership: jgw_identities_new() borrows CONFIG, STORE, DIALPLAN and
 * PLUGINS, which must outlive it. A request pending at jgw_identities_free()
 * is still answered once, later, with G_IO_ERROR_CANCELLED (never from
 * within the free), so callers can always release what they passed as
 * user_data; their callbacks must therefore not assume the JgwIdentities
 * they asked still exists. */
#pragma once

#include <gio/gio.h>

#include "config.h"
#include "identity/dialplan.h"
#include "identity/store.h"
#include "jinglegw/plugin.h"
#include "plugin.h"

G_BEGIN_DECLS

#define JGW_IDENTITY_ERROR (jgw_identity_error_quark ())
GQuark jgw_identity_error_quark (void);

typedef enum {
  JGW_IDENTITY_ERROR_CONFIG,      /* [identity] is wrong */
  JGW_IDENTITY_ERROR_UNAVAILABLE, /* every backend asked failed (directory down) */
  JGW_IDENTITY_ERROR_UNSUPPORTED, /* no backend can do this (no directory) */
} JgwIdentityError;

typedef struct _JgwIdentities JgwIdentities;

/** Set up from [identity] (validated here); STORE, DIALPLAN, PLUGINS may be NULL. */
JgwIdentities *jgw_identities_new (const JgwConfig *config, JgwStore *store, const JgwDialplan *dialplan,
                                   JgwPlugins *plugins, GError **error);
void jgw_identities_free (JgwIdentities *ids);

/** The backend names in the order they are asked. */
const char *const *jgw_identities_order (JgwIdentities *ids);

/** The SIP identity of bare JID (NULL identity: nobody knows it). */
void jgw_identities_by_jid (JgwIdentities *ids, const char *jid, GCancellable *cancel, JgwIdentityCb cb,
                            gpointer user_data);
/** Who owns this SIP URI (a Request-URI) or phone number? */
void jgw_identities_by_sip (JgwIdentities *ids, const char *uri_or_number, GCancellable *cancel,
                            JgwIdentityCb cb, gpointer user_data);
/** Who has this phone number (CLIP/CNIP: its display_name names the caller)? */
void jgw_identities_by_number (JgwIdentities *ids, const char *number, GCancellable *cancel,
                               JgwIdentityCb cb, gpointer user_data);

/** Directory: entries whose name or number contains QUERY (first backend that searches). */
void jgw_identities_search (JgwIdentities *ids, const char *query, guint max, GCancellable *cancel,
                            JgwEntriesCb cb, gpointer user_data);
/** Directory: one entry by id. */
void jgw_identities_read (JgwIdentities *ids, const char *id, GCancellable *cancel, JgwEntriesCb cb,
                          gpointer user_data);
/** Directory: add (id NULL) or modify an entry. */
void jgw_identities_save (JgwIdentities *ids, const JgwDirEntry *entry, GCancellable *cancel, JgwDoneCb cb,
                          gpointer user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JgwIdentities, jgw_identities_free)

G_END_DECLS
