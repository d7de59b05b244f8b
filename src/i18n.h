/* i18n.h — translations of user-facing text (command labels, notes, chat
 * answers) chosen per request by its xml:lang, from gettext catalogues in
 * po/ (LANG.po). The catalogues are read directly rather than through the
 * process locale, because one process answers many users in different
 * languages and need not have their system locales installed.
 *
 * Ownership: a JgwCatalog owns its strings; jgw_tr() returns text owned by
 * the catalogue (or MSGID itself), valid while the catalogue lives. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Marks a string for extraction (xgettext --keyword=N_) without translating. */
#define N_(s) (s)

typedef struct _JgwCatalog JgwCatalog;

/** Load every *.po in DIR (a missing DIR gives an English-only catalogue). */
JgwCatalog *jgw_catalog_load (const char *dir);
/** Parse one PO text for language LANG into CATALOG (tests, reload). */
gboolean jgw_catalog_add_po (JgwCatalog *catalog, const char *lang, const char *text, GError **error);
void jgw_catalog_free (JgwCatalog *catalog);

/** MSGID in the language best matching LANG ("de", "de-AT", "de_DE"…); MSGID if none. */
const char *jgw_tr (const JgwCatalog *catalog, const char *lang, const char *msgid) G_GNUC_FORMAT (3);
/** The language jgw_tr() would use for LANG: a loaded one, or "en". */
const char *jgw_catalog_pick (const JgwCatalog *catalog, const char *lang);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JgwCatalog, jgw_catalog_free)

G_END_DECLS
