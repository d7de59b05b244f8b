/* cmd_settings.c — the `dnd` and `call-waiting` commands and chat verbs:
 * two on/off call rules kept in the store (enforced by call/call_rules.c). */
#define G_LOG_DOMAIN "jgw-commands"
#include "commands/commands_private.h"

#include <string.h>

typedef enum { SETTING_DND, SETTING_CALL_WAITING } Setting;

typedef struct {
  const char *node;
  const char *title;         /* form title (N_) */
  const char *label;         /* the boolean field's label (N_) */
  const char *on_text, *off_text; /* outcome notes (N_) */
} SettingInfo;

static const SettingInfo infos[] = {
  [SETTING_DND] = { "dnd", N_("Do not disturb"), N_("Do not disturb (calls get busy or go to your busy forward)"),
                    N_("Do not disturb is on."), N_("Do not disturb is off.") },
  [SETTING_CALL_WAITING] = { "call-waiting", N_("Call waiting"),
                             N_("Call waiting (a second call rings while you are in a call)"),
                             N_("Call waiting is on."), N_("Call waiting is off.") },
};

static gboolean
setting_get (JgwCommands *cmds, const char *bare, Setting which)
{
  g_auto (JgwUserSettings) s = { 0 };
  jgw_store_settings_get (cmds->ctx->store, bare, &s, NULL);
  if (which == SETTING_DND)
    return s.dnd;
  return s.call_waiting < 0 ? cmds->ctx->config->calls.call_waiting : s.call_waiting != 0;
}

static gboolean
setting_set (JgwCommands *cmds, const char *bare, Setting which, gboolean on, GError **error)
{
  g_auto (JgwUserSettings) s = { 0 };
  if (!jgw_store_settings_get (cmds->ctx->store, bare, &s, error))
    return FALSE;
  if (which == SETTING_DND)
    s.dnd = on;
  else
    s.call_waiting = on ? 1 : 0;
  g_message ("%s: %s %s", bare, infos[which].node, on ? "on" : "off");
  if (!jgw_store_settings_set (cmds->ctx->store, bare, &s, error))
    return FALSE;
  if (which == SETTING_DND)
    jgw_line_presence_user_changed (cmds, bare);
  return TRUE;
}

/* "on"/"off" in English or German (also 1/0, true/false); -1 if neither. */
int
jgw_cmd_parse_on_off (const char *text)
{
  static const char *const on[] = { "on", "an", "ein", "1", "true", "yes", "ja", NULL };
  static const char *const off[] = { "off", "aus", "0", "false", "no", "nein", NULL };
  g_autofree char *word = g_utf8_strdown (text ? text : "", -1);
  g_strstrip (word);
  if (g_strv_contains (on, word))
    return 1;
  if (g_strv_contains (off, word))
    return 0;
  return -1;
}

static void
setting_execute (JgwAdhocCall *call, JgwCommands *cmds, Setting which)
{
  const SettingInfo *info = &infos[which];
  const char *bare = jgw_adhoc_call_bare (call);
  jgw_commands_remember_lang (cmds, bare, jgw_adhoc_call_lang (call));
  if (jgw_adhoc_call_stage (call) == 0)
    {
      JgwForm *form = jgw_form_new ("form", jgw_adhoc_call_tr (call, info->title), NULL);
      jgw_form_add_field (form, "enabled", "boolean", jgw_adhoc_call_tr (call, info->label), TRUE,
                          setting_get (cmds, bare, which) ? "1" : "0");
      jgw_adhoc_call_set_stage (call, 1);
      jgw_adhoc_call_show (call, form, JGW_ADHOC_OFFER_COMPLETE);
      return;
    }
  int on = jgw_cmd_parse_on_off (jgw_adhoc_call_value (call, "enabled"));
  if (on < 0)
    {
      jgw_adhoc_call_fail (call, "bad-request", jgw_adhoc_call_tr (call, N_("Choose on or off.")));
      return;
    }
  g_autoptr (GError) error = NULL;
  if (!setting_set (cmds, bare, which, on, &error))
    {
      g_warning ("%s: %s", bare, error->message);
      jgw_adhoc_call_fail (call, "internal-server-error",
                           jgw_adhoc_call_tr (call, N_("The setting could not be saved.")));
      return;
    }
  jgw_adhoc_call_note (call, "info", jgw_adhoc_call_tr (call, on ? info->on_text : info->off_text));
  jgw_adhoc_call_complete (call, NULL);
}

static void
setting_chat (JgwChatRequest *r, const char *args, JgwCommands *cmds, Setting which)
{
  const SettingInfo *info = &infos[which];
  const char *bare = jgw_chat_request_bare (r);
  jgw_commands_remember_lang (cmds, bare, jgw_chat_request_lang (r));
  int on = *args ? jgw_cmd_parse_on_off (args) : setting_get (cmds, bare, which);
  g_autoptr (GError) error = NULL;
  if (on < 0)
    jgw_chat_reply (r, jgw_chat_request_tr (r, N_("Choose on or off.")));
  else if (*args && !setting_set (cmds, bare, which, on, &error))
    jgw_chat_reply (r, jgw_chat_request_tr (r, N_("The setting could not be saved.")));
  else
    jgw_chat_reply (r, jgw_chat_request_tr (r, on ? info->on_text : info->off_text));
}

static void
dnd_execute (JgwAdhocCall *call, gpointer data)
{
  setting_execute (call, data, SETTING_DND);
}

static void
dnd_chat (JgwChatRequest *r, const char *args, gpointer data)
{
  setting_chat (r, args, data, SETTING_DND);
}

static void
cw_execute (JgwAdhocCall *call, gpointer data)
{
  setting_execute (call, data, SETTING_CALL_WAITING);
}

static void
cw_chat (JgwChatRequest *r, const char *args, gpointer data)
{
  setting_chat (r, args, data, SETTING_CALL_WAITING);
}

static const JgwAdhocCommand dnd_command = { "dnd", N_("Do not disturb"), FALSE, dnd_execute };
static const JgwAdhocCommand cw_command = { "call-waiting", N_("Call waiting"), FALSE, cw_execute };

void
jgw_cmd_settings_register (JgwCommands *cmds)
{
  jgw_adhoc_register (cmds->ctx->adhoc, &dnd_command, cmds);
  jgw_adhoc_register (cmds->ctx->adhoc, &cw_command, cmds);
  jgw_chat_add_verb (cmds, "dnd", "ruhe", N_("dnd on|off — do not disturb"), dnd_chat, cmds);
  jgw_chat_add_verb (cmds, "call-waiting", "anklopfen", N_("call-waiting on|off — a second call may ring"),
                     cw_chat, cmds);
}
