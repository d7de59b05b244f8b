/* status_settings.h — the settings in force for the `status` command: do
 * not disturb, call waiting, the four forwards and the desk phone, as chat
 * lines and as typed result-form fields (for web apps). */
#pragma once

#include "commands/commands_private.h"

/** Append the settings in force for BARE to LINES (g_free'd strings, in
 * LANG) and, when FORM is not NULL, as fields with fixed vars to FORM. */
void jgw_status_settings (JgwCommands *cmds, const char *bare, const char *lang, GPtrArray *lines, JgwForm *form);
