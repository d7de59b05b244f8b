/* cmd_directory.h — what the `directory` command's files share: the forms
 * and texts built from directory entries (cmd_directory_form.c) for the
 * command flow and chat verb (cmd_directory.c).
 *
 * Who may write: admins ([admin] jids) add and modify any entry; any other
 * user may only modify the entry whose JID is their own bare JID (and not
 * hand it to another JID); everyone may search and dial. */
#pragma once

#include "commands/commands_private.h"

/* The form's dial actions on a chosen entry. */
#define JGW_DIR_ACTION_DIAL "dial"
#define JGW_DIR_ACTION_DESK "desk"
#define JGW_DIR_ACTION_EDIT "edit"

/** The JID at DOMAIN that calls NUMBER (or SIP_URI when NUMBER is NULL). */
char *jgw_dir_dial_jid (const char *number, const char *sip_uri, const char *domain);
/** Whether BARE may modify ENTRY (admins, or the entry's own JID). */
gboolean jgw_dir_may_modify (const JgwConfig *config, const char *bare, const JgwDirEntry *entry);
gboolean jgw_dir_is_admin (const JgwConfig *config, const char *bare);

/** Stage 0: the search form. */
JgwForm *jgw_dir_search_form (JgwAdhocCall *call);
/** Stage 1: ENTRIES as a table plus the choice of entry/number and action. */
JgwForm *jgw_dir_results_form (JgwAdhocCall *call, GPtrArray *entries, const char *domain);
/** The form to edit ENTRY (NULL: a new one); ADMIN may set the JID. */
JgwForm *jgw_dir_edit_form (JgwAdhocCall *call, const JgwDirEntry *entry, gboolean admin);
/** A new entry from the submitted edit form, based on OLD (NULL: add). */
JgwDirEntry *jgw_dir_entry_from_form (JgwAdhocCall *call, const JgwDirEntry *old, gboolean admin);
/** Which entry and number a choice value "E:N" names; FALSE if none. */
gboolean jgw_dir_parse_choice (const char *value, GPtrArray *entries, guint *entry, guint *number);
/** One line per number of each entry, for chat answers. */
char *jgw_dir_entries_text (GPtrArray *entries, const char *domain, const JgwCatalog *cat, const char *lang);
