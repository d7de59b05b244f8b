/* commands.c — sets up the command families and the chat fallback, and
 * owns what they leave to be cleaned up. */
#define G_LOG_DOMAIN "jgw-commands"
#include "commands/commands_private.h"

#include "xmpp/jid.h"
#include "xmpp/stanza.h"

typedef struct {
  GDestroyNotify destroy;
  gpointer data;
} Cleanup;

/* Each family registers its ad-hoc commands and chat verbs. */
static void (*const families[]) (JgwCommands *) = {
  jgw_cmd_status_register,
  jgw_cmd_settings_register,
  jgw_cmd_forward_register,
  jgw_cmd_journal_register,
  jgw_cmd_notices_register,
  jgw_cmd_directory_register,
  jgw_cmd_transfer_register,
  jgw_cmd_desk_register,
  jgw_cmd_callctl_register,
  jgw_cmd_dial_register,
  jgw_cmd_redial_register,
  jgw_cmd_voicemail_register,
  jgw_line_presence_register,
  jgw_cmd_conference_register,
};

JgwCommands *
jgw_commands_new (const JgwCommandsContext *ctx)
{
  JgwCommands *cmds = g_new0 (JgwCommands, 1);
  cmds->ctx = ctx;
  cmds->cleanups = g_array_new (FALSE, FALSE, sizeof (Cleanup));
  jgw_chat_start (cmds);
  for (gsize i = 0; i < G_N_ELEMENTS (families); i++)
    families[i](cmds);
  return cmds;
}

void
jgw_commands_on_free (JgwCommands *cmds, GDestroyNotify destroy, gpointer data)
{
  Cleanup c = { destroy, data };
  g_array_append_val (cmds->cleanups, c);
}

void
jgw_commands_free (JgwCommands *cmds)
{
  if (cmds == NULL)
    return;
  for (guint i = cmds->cleanups->len; i > 0; i--)
    {
      Cleanup *c = &g_array_index (cmds->cleanups, Cleanup, i - 1);
      c->destroy (c->data);
    }
  g_array_unref (cmds->cleanups);
  jgw_chat_stop (cmds);
  g_free (cmds);
}

void
jgw_commands_notice (JgwCommands *cmds, const char *jid, const char *from_local, const char *text)
{
  JgwComponent *component = cmds->ctx->component;
  const char *domain = cmds->ctx->config->component.jid;
  g_autofree char *from = from_local ? g_strdup_printf ("%s@%s", from_local, domain) : g_strdup (domain);
  xmpp_ctx_t *ctx = jgw_component_ctx (component);
  xmpp_stanza_t *msg = xmpp_message_new (ctx, "chat", jid, NULL);
  xmpp_stanza_set_from (msg, from);
  xmpp_message_set_body (msg, text);
  jgw_component_send (component, msg);
  xmpp_stanza_release (msg);
}
