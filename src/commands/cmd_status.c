/* cmd_status.c — the `status` command and chat verb: the user's SIP
 * registration, calls in progress and the settings in force
 * (status_settings.c). */
#define G_LOG_DOMAIN "jgw-commands"
#include "commands/commands_private.h"
#include "commands/status_settings.h"

static const char *
registration_text (JgwSipRegState state)
{
  switch (state)
    {
    case JGW_SIP_REG_NONE:
      return N_("no SIP registration");
    case JGW_SIP_REG_REGISTERING:
      return N_("registering");
    case JGW_SIP_REG_REGISTERED:
      return N_("registered");
    case JGW_SIP_REG_FAILED:
      return N_("registration failed");
    case JGW_SIP_REG_UNREGISTERED:
      return N_("not registered");
    }
  return "?";
}

/* One status line per fact, translated through TR with CATALOG/LANG. */
static GPtrArray *
status_lines (JgwCommands *cmds, const char *bare, const char *lang)
{
  const JgwCatalog *cat = cmds->ctx->catalog;
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  JgwSipRegistration reg = { 0 };
  if (!jgw_sip_ua_get_registration (jgw_calls_sip (cmds->ctx->calls), bare, &reg))
    reg.state = JGW_SIP_REG_NONE;
  g_ptr_array_add (lines, g_strdup_printf ("%s: %s", jgw_tr (cat, lang, N_("Line")),
                                           jgw_tr (cat, lang, registration_text (reg.state))));
  g_autoptr (GPtrArray) mine = jgw_calls_of_user (cmds->ctx->calls, bare);
  if (mine->len == 0)
    g_ptr_array_add (lines, g_strdup (jgw_tr (cat, lang, N_("No calls in progress."))));
  for (guint i = 0; i < mine->len; i++)
    {
      JgwCall *call = g_ptr_array_index (mine, i);
      const char *name = jgw_call_get_remote_name (call);
      g_ptr_array_add (lines, g_strdup_printf ("%s %s%s%s%s: %s",
                                               jgw_tr (cat, lang, jgw_call_is_incoming (call) ? N_("Call from")
                                                                                              : N_("Call to")),
                                               jgw_call_get_remote (call), name ? " (" : "", name ? name : "",
                                               name ? ")" : "",
                                               jgw_tr (cat, lang, jgw_call_get_state_name (call))));
    }
  return lines;
}

static void
status_execute (JgwAdhocCall *call, gpointer data)
{
  JgwCommands *cmds = data;
  const char *lang = jgw_adhoc_call_lang (call);
  g_autoptr (GPtrArray) lines = status_lines (cmds, jgw_adhoc_call_bare (call), lang);
  JgwForm *form = jgw_form_new ("result", jgw_adhoc_call_tr (call, N_("Phone status")), NULL);
  for (guint i = 0; i < lines->len; i++)
    jgw_form_add_field (form, NULL, "fixed", NULL, FALSE, g_ptr_array_index (lines, i));
  g_autoptr (GPtrArray) settings = g_ptr_array_new_with_free_func (g_free);
  jgw_status_settings (cmds, jgw_adhoc_call_bare (call), lang, settings, form);
  jgw_adhoc_call_complete (call, form);
}

static void
status_chat (JgwChatRequest *r, const char *args, gpointer data)
{
  JgwCommands *cmds = data;
  g_autoptr (GPtrArray) lines = status_lines (cmds, jgw_chat_request_bare (r), jgw_chat_request_lang (r));
  jgw_status_settings (cmds, jgw_chat_request_bare (r), jgw_chat_request_lang (r), lines, NULL);
  g_ptr_array_add (lines, NULL);
  g_autofree char *text = g_strjoinv ("\n", (char **) lines->pdata);
  jgw_chat_reply (r, text);
}

static const JgwAdhocCommand status_command = { "status", N_("Phone status"), FALSE, status_execute };

void
jgw_cmd_status_register (JgwCommands *cmds)
{
  jgw_adhoc_register (cmds->ctx->adhoc, &status_command, cmds);
  jgw_chat_add_verb (cmds, "status", NULL, N_("status — your line, calls and settings"), status_chat, cmds);
}
