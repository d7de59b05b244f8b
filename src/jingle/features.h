/* features.h — the disco#info features (XEP-0030) of what src/jingle
 * actually implements, for the component's disco and caps. Static data. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/** NULL-terminated list of Jingle-related features (transfer none). */
const char *const *jgw_jingle_features (void);

G_END_DECLS
