/* cmd_desk.c — the desk phone from chat: "deskphone [URI|off]" shows, sets
 * or clears the user's desk phone (stored setting, over [user:JID]
 * desk-phone), and "desk NUMBER" rings it, then connects it to NUMBER
 * (click-to-call, the same call the `dial` command places with device =
 * phone). */
#define G_LOG_DOMAIN "jgw-commands"
#include "commands/commands_private.h"

#include <string.h>

#include "sip/sip_util.h"

static gboolean
is_sip_uri (const char *text)
{
  g_autofree char *host = NULL;
  if (!g_str_has_prefix (text, "sip:") && !g_str_has_prefix (text, "sips:"))
    return FALSE;
  host = jgw_sip_uri_host (text);
  return host != NULL && *host != '\0' && strpbrk (text, " \t<>\"") == NULL;
}

/* The desk phone in force for BARE, or NULL (transfer full). */
static char *
desk_phone (JgwCommands *cmds, const char *bare)
{
  g_auto (JgwUserSettings) st = { 0 };
  if (jgw_store_settings_get (cmds->ctx->store, bare, &st, NULL) && st.desk_phone)
    return g_strdup (st.desk_phone);
  const JgwUserConfig *uc = jgw_config_find_user (cmds->ctx->config, bare);
  return uc && uc->desk_phone ? g_strdup (uc->desk_phone) : NULL;
}

static void
deskphone_chat (JgwChatRequest *r, const char *args, gpointer data)
{
  JgwCommands *cmds = data;
  const char *bare = jgw_chat_request_bare (r);
  gboolean clear = g_ascii_strcasecmp (args, "off") == 0 || g_ascii_strcasecmp (args, "aus") == 0;
  if (*args == '\0')
    {
      g_autofree char *uri = desk_phone (cmds, bare);
      g_autofree char *text = uri ? g_strdup_printf (jgw_chat_request_tr (r, N_("Your desk phone is %s.")), uri)
                                  : g_strdup (jgw_chat_request_tr (r, N_("You have no desk phone set.")));
      jgw_chat_reply (r, text);
      return;
    }
  if (!clear && !is_sip_uri (args))
    {
      g_autofree char *text = g_strdup_printf (jgw_chat_request_tr (r, N_("'%s' is not a SIP address "
                                                                         "(like sip:100@pbx.example.com).")),
                                               args);
      jgw_chat_reply (r, text);
      return;
    }
  g_auto (JgwUserSettings) st = { 0 };
  g_autoptr (GError) error = NULL;
  if (jgw_store_settings_get (cmds->ctx->store, bare, &st, &error))
    {
      g_free (st.desk_phone);
      st.desk_phone = clear ? NULL : g_strdup (args);
    }
  if (error || !jgw_store_settings_set (cmds->ctx->store, bare, &st, &error))
    {
      g_warning ("desk phone of %s not saved: %s", bare, error->message);
      jgw_chat_reply (r, jgw_chat_request_tr (r, N_("Your setting could not be saved.")));
      return;
    }
  g_autofree char *text = clear ? g_strdup (jgw_chat_request_tr (r, N_("Desk phone cleared.")))
                                : g_strdup_printf (jgw_chat_request_tr (r, N_("Your desk phone is %s.")), args);
  jgw_chat_reply (r, text);
}

static void
desk_chat (JgwChatRequest *r, const char *args, gpointer data)
{
  JgwCommands *cmds = data;
  if (*args == '\0')
    {
      jgw_chat_reply (r, jgw_chat_request_tr (r, N_("Call which number? For example: desk 030123456")));
      return;
    }
  g_autoptr (GError) error = NULL;
  JgwCall *call = jgw_calls_click_to_call (cmds->ctx->calls, jgw_chat_request_bare (r), args, &error);
  g_autofree char *text
    = call ? g_strdup_printf (jgw_chat_request_tr (r, N_("Your desk phone rings; answer it to call %s.")),
                              jgw_call_get_remote (call))
           : g_strdup_printf ("%s: %s", jgw_chat_request_tr (r, N_("Cannot call")), error->message);
  jgw_chat_reply (r, text);
}

void
jgw_cmd_desk_register (JgwCommands *cmds)
{
  jgw_chat_add_verb (cmds, "deskphone", "tischtelefon",
                     N_("deskphone [sip:ADDRESS|off] — show or set your desk phone"), deskphone_chat, cmds);
  jgw_chat_add_verb (cmds, "desk", "tisch", N_("desk NUMBER — ring your desk phone, then connect it to NUMBER"),
                     desk_chat, cmds);
}
