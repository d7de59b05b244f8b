/* cmd_notices.c — missed-call notices: every incoming call that was not
 * answered is reported to its user by a chat message from the caller's JID
 * at the component (so replying or calling back is one tap), in the
 * language the user last spoke to us in (English until then). That includes
 * calls refused before ringing (do not disturb, busy, no client online), as
 * a desk phone lists them; a call forwarded before ringing was taken care
 * of and is only in the journal. */
#define G_LOG_DOMAIN "jgw-commands"
#include "commands/commands_private.h"

#include <string.h>

typedef struct {
  JgwCommands *cmds;
  guint watch;
} Notices;

void
jgw_commands_remember_lang (JgwCommands *cmds, const char *bare, const char *lang)
{
  if (cmds->langs == NULL)
    {
      cmds->langs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      jgw_commands_on_free (cmds, (GDestroyNotify) g_hash_table_unref, cmds->langs);
    }
  if (bare && lang)
    g_hash_table_replace (cmds->langs, g_strdup (bare), g_strdup (lang));
}

const char *
jgw_commands_user_lang (JgwCommands *cmds, const char *bare)
{
  const char *lang = cmds->langs ? g_hash_table_lookup (cmds->langs, bare) : NULL;
  return lang ? lang : "en";
}

static void
notify_missed (JgwCommands *cmds, JgwCall *call)
{
  const char *user = jgw_call_get_user (call);
  const char *lang = jgw_commands_user_lang (cmds, user);
  const char *peer = jgw_call_get_peer (call);
  const char *at = peer ? strrchr (peer, '@') : NULL;
  g_autofree char *local = at ? g_strndup (peer, at - peer) : NULL;
  const char *name = jgw_call_get_remote_name (call);
  const char *remote = jgw_call_get_remote (call);
  g_autofree char *who = name && *name ? g_strdup_printf ("%s (%s)", name, remote) : g_strdup (remote);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = g_date_time_format (now, "%H:%M");
  g_autofree char *text = g_strdup_printf (jgw_tr (cmds->ctx->catalog, lang, N_("Missed call from %s at %s.")),
                                           who ? who : "?", time);
  jgw_commands_notice (cmds, user, local, text);
}

static void
call_event (JgwCall *call, JgwCallEvent event, gpointer data)
{
  Notices *n = data;
  if (event == JGW_CALL_EVENT_ENDED && jgw_call_is_incoming (call) && !jgw_call_was_answered (call)
      && g_strcmp0 (jgw_call_get_end_reason (call), "forwarded") != 0)
    notify_missed (n->cmds, call);
}

static void
notices_free (gpointer data)
{
  Notices *n = data;
  jgw_calls_unwatch (n->cmds->ctx->calls, n->watch);
  g_free (n);
}

void
jgw_cmd_notices_register (JgwCommands *cmds)
{
  Notices *n = g_new0 (Notices, 1);
  n->cmds = cmds;
  n->watch = jgw_calls_watch (cmds->ctx->calls, call_event, n);
  jgw_commands_on_free (cmds, notices_free, n);
}
