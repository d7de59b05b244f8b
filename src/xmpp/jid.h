/* jid.h — JID checks and XEP-0106 JID escaping. Pure functions: no I/O, no
 * state. Functions returning char* return a new string the caller frees. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/** Rough RFC 7622 shape check: [local@]domain[/resource], parts non-empty,
 * no spaces or forbidden characters in local/domain, each part <= 1023. */
gboolean jgw_jid_is_valid (const char *jid);

/** The bare JID (local@domain or domain), lower-cased; NULL if invalid. */
char *jgw_jid_bare (const char *jid);
/** The local part, or NULL if there is none. */
char *jgw_jid_local (const char *jid);
/** The domain part, or NULL if invalid. */
char *jgw_jid_domain (const char *jid);
/** The resource (transfer none: points into JID), or NULL. */
const char *jgw_jid_resource (const char *jid);

/** XEP-0106: escape a string so it can be a JID local part. */
char *jgw_jid_escape (const char *local);
/** XEP-0106: undo jgw_jid_escape; unknown \xx sequences stay as they are. */
char *jgw_jid_unescape (const char *local);

G_END_DECLS
