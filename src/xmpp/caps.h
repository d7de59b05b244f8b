/* caps.h — XEP-0115 entity capabilities: the verification string of an
 * identity/feature set (section 5.1, SHA-1, no data forms). Pure. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  const char *category, *type; /* required */
  const char *lang, *name;     /* optional, NULL = empty */
} JgwCapsIdentity;

/** Base64 SHA-1 'ver' for N_IDS IDENTITIES and the NULL-terminated
 *  FEATURES (transfer full, g_free). Inputs need not be sorted. */
char *jgw_caps_ver (const JgwCapsIdentity *identities, gsize n_ids, const char *const *features);

G_END_DECLS
