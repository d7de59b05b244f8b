/* identity_local.h — the two built-in identity backends, "static"
 * ([user:JID] groups) and "store" (accounts registered in-band), behind the
 * same JgwDirectoryBackend vtable the plugins use. Internal to
 * src/identity/. Backends borrow what they are given and are freed with
 * jgw_local_backend_free(). */
#pragma once

#include "config.h"
#include "identity/dialplan.h"
#include "identity/store.h"
#include "jinglegw/plugin.h"

JgwDirectoryBackend *jgw_static_backend_new (const JgwConfig *config, const JgwDialplan *dialplan);
JgwDirectoryBackend *jgw_store_backend_new (const JgwConfig *config, JgwStore *store,
                                            const JgwDialplan *dialplan);
void jgw_local_backend_free (JgwDirectoryBackend *backend);

/* Answer CB later from the main loop (backends never answer synchronously);
 * with G_IO_ERROR_CANCELLED if CANCEL fired meanwhile. Takes IDENTITY and ERROR. */
void jgw_identity_reply_later (JgwIdentityCb cb, gpointer user_data, JgwIdentity *identity, GError *error,
                               GCancellable *cancel);

/* The user and host of a sip:/sips: URI (user percent-decoded); FALSE if none. */
gboolean jgw_sip_uri_user_host (const char *uri, char **user, char **host);
