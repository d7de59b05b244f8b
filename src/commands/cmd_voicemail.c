/* cmd_voicemail.c — the `voicemail` command and chat verb: subscribe to or
 * leave the user's mailbox (message-summary), show the counts, and give the
 * JID to call to listen to it. New voicemail is noticed by mailbox.c. */
#define G_LOG_DOMAIN "jgw-commands"
#include "commands/mailbox.h"

#include <string.h>

typedef enum { VM_SHOW, VM_SUBSCRIBE, VM_UNSUBSCRIBE, VM_DIAL, VM_BAD } VmAction;

static const char *const action_names[] = { "show", "subscribe", "unsubscribe", "dial" };
static const char *const action_names_de[] = { "zeigen", "abonnieren", "abbestellen", "anrufen" };
static const char *const action_labels[] = { N_("Show the message counts"), N_("Subscribe to my mailbox"),
                                             N_("Unsubscribe from my mailbox"), N_("Call my mailbox") };

static VmAction
parse_action (const char *word)
{
  if (word == NULL || *word == '\0')
    return VM_SHOW;
  for (gsize i = 0; i < G_N_ELEMENTS (action_names); i++)
    if (g_ascii_strcasecmp (word, action_names[i]) == 0 || g_ascii_strcasecmp (word, action_names_de[i]) == 0)
      return (VmAction) i;
  if (g_ascii_strcasecmp (word, "on") == 0 || g_ascii_strcasecmp (word, "an") == 0)
    return VM_SUBSCRIBE;
  if (g_ascii_strcasecmp (word, "off") == 0 || g_ascii_strcasecmp (word, "aus") == 0)
    return VM_UNSUBSCRIBE;
  return VM_BAD;
}

/* Run ACTION for BARE; one line of text for the answer (transfer full) and,
 * for dial, the mailbox JID in *DIAL_JID. FALSE if it failed. */
static gboolean
run_action (JgwCommands *cmds, JgwMailboxes *boxes, VmAction action, const char *bare, const char *lang,
            char **text, char **dial_jid)
{
  const JgwCatalog *cat = cmds->ctx->catalog;
  g_autoptr (GError) error = NULL;
  const JgwMailboxInfo *info = jgw_mailbox_info (boxes, bare);
  switch (action)
    {
    case VM_SUBSCRIBE:
      if (!jgw_mailbox_subscribe (boxes, bare, lang, &error))
        return *text = g_strdup (jgw_tr (cat, lang, N_("You have no SIP line, so there is no mailbox."))), FALSE;
      *text = g_strdup (jgw_tr (cat, lang, N_("Subscribed to your mailbox; new voicemail will be announced here.")));
      return TRUE;
    case VM_UNSUBSCRIBE:
      *text = g_strdup (jgw_tr (cat, lang, jgw_mailbox_unsubscribe (boxes, bare)
                                               ? N_("Unsubscribed from your mailbox.")
                                               : N_("You are not subscribed to your mailbox.")));
      return TRUE;
    case VM_DIAL:
      *dial_jid = jgw_mailbox_dial_jid (boxes, bare, &error);
      if (*dial_jid == NULL)
        return *text = g_strdup (jgw_tr (cat, lang, N_("You have no SIP line, so there is no mailbox."))), FALSE;
      *text = g_strdup_printf (jgw_tr (cat, lang, N_("Call %s to listen to your voicemail.")), *dial_jid);
      return TRUE;
    case VM_SHOW:
    case VM_BAD:
      break;
    }
  if (info == NULL || !info->subscribed)
    return *text = g_strdup (jgw_tr (cat, lang, N_("You are not subscribed to your mailbox."))), TRUE;
  g_autofree char *counts = jgw_mailbox_counts_text (boxes, info, lang);
  *text = g_strdup_printf ("%s: %s", jgw_tr (cat, lang, N_("Voicemail")), counts);
  return TRUE;
}

/* --- ad-hoc --- */

static JgwForm *
result_form (JgwAdhocCall *call, JgwMailboxes *boxes, const char *dial_jid)
{
  const JgwMailboxInfo *info = jgw_mailbox_info (boxes, jgw_adhoc_call_bare (call));
  JgwForm *form = jgw_form_new ("result", jgw_adhoc_call_tr (call, N_("Voicemail")), NULL);
  gboolean on = info && info->subscribed;
  jgw_form_add_field (form, "subscribed", "boolean", jgw_adhoc_call_tr (call, N_("Subscribed")), FALSE,
                      on ? "1" : "0");
  if (info && info->known)
    {
      g_autofree char *n = g_strdup_printf ("%u", info->voice_new);
      g_autofree char *o = g_strdup_printf ("%u", info->voice_old);
      jgw_form_add_field (form, "new", "text-single", jgw_adhoc_call_tr (call, N_("New messages")), FALSE, n);
      jgw_form_add_field (form, "old", "text-single", jgw_adhoc_call_tr (call, N_("Old messages")), FALSE, o);
    }
  if (dial_jid)
    jgw_form_add_field (form, "jid", "jid-single", jgw_adhoc_call_tr (call, N_("Mailbox to call")), FALSE,
                        dial_jid);
  return form;
}

static void
voicemail_finish (JgwAdhocCall *call, JgwCommands *cmds, JgwMailboxes *boxes, const char *word)
{
  VmAction action = parse_action (word);
  if (action == VM_BAD)
    return jgw_adhoc_call_fail (call, "bad-request", jgw_adhoc_call_tr (call, N_("Unknown voicemail action.")));
  g_autofree char *text = NULL, *dial_jid = NULL;
  gboolean ok = run_action (cmds, boxes, action, jgw_adhoc_call_bare (call), jgw_adhoc_call_lang (call), &text,
                            &dial_jid);
  if (!ok)
    return jgw_adhoc_call_fail (call, "item-not-found", text);
  jgw_adhoc_call_note (call, "info", text);
  jgw_adhoc_call_complete (call, result_form (call, boxes, dial_jid));
}

static void
voicemail_show_form (JgwAdhocCall *call, JgwCommands *cmds, JgwMailboxes *boxes)
{
  g_autofree char *text = NULL, *unused = NULL;
  run_action (cmds, boxes, VM_SHOW, jgw_adhoc_call_bare (call), jgw_adhoc_call_lang (call), &text, &unused);
  JgwForm *form = jgw_form_new ("form", jgw_adhoc_call_tr (call, N_("Voicemail")),
                                jgw_adhoc_call_tr (call, N_("Choose what to do with your mailbox.")));
  jgw_form_add_field (form, NULL, "fixed", NULL, FALSE, text);
  guint f = jgw_form_add_field (form, "action", "list-single", jgw_adhoc_call_tr (call, N_("Action")), TRUE,
                                "show");
  for (gsize i = 0; i < G_N_ELEMENTS (action_names); i++)
    jgw_form_add_option (form, f, action_names[i], jgw_adhoc_call_tr (call, action_labels[i]));
  jgw_adhoc_call_set_stage (call, 1);
  jgw_adhoc_call_show (call, form, JGW_ADHOC_OFFER_COMPLETE);
}

static void
voicemail_execute (JgwAdhocCall *call, gpointer data)
{
  JgwCommands *cmds = data;
  JgwMailboxes *boxes = cmds->mailboxes;
  const char *word = jgw_adhoc_call_value (call, "action");
  /* A web app may send its choice with the execute request itself. */
  if (jgw_adhoc_call_stage (call) == 0 && word == NULL)
    voicemail_show_form (call, cmds, boxes);
  else
    voicemail_finish (call, cmds, boxes, word);
}

/* --- chat --- */

static void
voicemail_chat (JgwChatRequest *r, const char *args, gpointer data)
{
  JgwCommands *cmds = data;
  VmAction action = parse_action (args);
  if (action == VM_BAD)
    return jgw_chat_reply (r, jgw_chat_request_tr (r, N_("Use: voicemail [show|subscribe|unsubscribe|dial]")));
  g_autofree char *text = NULL, *dial_jid = NULL;
  run_action (cmds, cmds->mailboxes, action, jgw_chat_request_bare (r), jgw_chat_request_lang (r), &text,
              &dial_jid);
  jgw_chat_reply (r, text);
}

static const JgwAdhocCommand voicemail_command = { "voicemail", N_("Voicemail"), FALSE, voicemail_execute };

static void
mailboxes_free (gpointer data)
{
  JgwCommands *cmds = data;
  g_clear_pointer (&cmds->mailboxes, jgw_mailboxes_free);
}

void
jgw_cmd_voicemail_register (JgwCommands *cmds)
{
  cmds->mailboxes = jgw_mailboxes_new (cmds);
  jgw_commands_on_free (cmds, mailboxes_free, cmds);
  jgw_adhoc_register (cmds->ctx->adhoc, &voicemail_command, cmds);
  jgw_chat_add_verb (cmds, "voicemail", "mailbox",
                     N_("voicemail [show|subscribe|unsubscribe|dial] — your mailbox"), voicemail_chat, cmds);
}
