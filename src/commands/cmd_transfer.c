/* cmd_transfer.c — the `transfer` command and chat verb: blind (the SIP
 * party is asked to call a new number) or attended (the user's two calls
 * are connected to each other). Only the requester's own calls. */
#define G_LOG_DOMAIN "jgw-commands"
#include "commands/commands_private.h"

/* CALL_ID among BARE's own calls that have a SIP party; NULL if not. */
static JgwCall *
own_call (JgwCommands *cmds, const char *bare, const char *call_id)
{
  g_autoptr (GPtrArray) mine = jgw_calls_of_user (cmds->ctx->calls, bare);
  for (guint i = 0; i < mine->len; i++)
    if (g_strcmp0 (jgw_call_get_id (g_ptr_array_index (mine, i)), call_id) == 0)
      return g_ptr_array_index (mine, i);
  return NULL;
}

/* The call a transfer acts on when none is named: the newest one not held,
 * else the newest. */
static JgwCall *
default_call (JgwCommands *cmds, const char *bare)
{
  g_autoptr (GPtrArray) mine = jgw_calls_of_user (cmds->ctx->calls, bare);
  for (guint i = mine->len; i > 0; i--)
    if (!jgw_call_is_held (g_ptr_array_index (mine, i - 1)))
      return g_ptr_array_index (mine, i - 1);
  return mine->len ? g_ptr_array_index (mine, mine->len - 1) : NULL;
}

/* The user's other call, for an attended transfer of CALL. */
static JgwCall *
other_call (JgwCommands *cmds, const char *bare, JgwCall *call)
{
  g_autoptr (GPtrArray) mine = jgw_calls_of_user (cmds->ctx->calls, bare);
  for (guint i = mine->len; i > 0; i--)
    if (g_ptr_array_index (mine, i - 1) != call)
      return g_ptr_array_index (mine, i - 1);
  return NULL;
}

static char *
call_label (JgwCall *call)
{
  const char *name = jgw_call_get_remote_name (call);
  return g_strdup_printf ("%s%s%s (%s)", jgw_call_get_remote (call), name ? " " : "", name ? name : "",
                          jgw_call_get_state_name (call));
}

static void
add_call_options (JgwForm *form, guint field, GPtrArray *mine)
{
  for (guint i = 0; i < mine->len; i++)
    {
      JgwCall *c = g_ptr_array_index (mine, i);
      g_autofree char *label = call_label (c);
      jgw_form_add_option (form, field, jgw_call_get_id (c), label);
    }
}

static void
show_form (JgwAdhocCall *ac, JgwCommands *cmds, GPtrArray *mine)
{
  const char *bare = jgw_adhoc_call_bare (ac);
  JgwCall *call = default_call (cmds, bare);
  JgwCall *other = other_call (cmds, bare, call);
  JgwForm *form = jgw_form_new ("form", jgw_adhoc_call_tr (ac, N_("Transfer a call")),
                                jgw_adhoc_call_tr (ac, N_("Blind: give the number to transfer to. "
                                                          "Attended: choose your other call to connect to.")));
  guint f = jgw_form_add_field (form, "call", "list-single", jgw_adhoc_call_tr (ac, N_("Call")), TRUE,
                                jgw_call_get_id (call));
  add_call_options (form, f, mine);
  f = jgw_form_add_field (form, "mode", "list-single", jgw_adhoc_call_tr (ac, N_("Kind of transfer")), TRUE, "blind");
  jgw_form_add_option (form, f, "blind", jgw_adhoc_call_tr (ac, N_("Blind")));
  jgw_form_add_option (form, f, "attended", jgw_adhoc_call_tr (ac, N_("Attended (connect my two calls)")));
  jgw_form_add_field (form, "target", "text-single", jgw_adhoc_call_tr (ac, N_("Transfer to (number or address)")),
                      FALSE, NULL);
  f = jgw_form_add_field (form, "consult", "list-single", jgw_adhoc_call_tr (ac, N_("Connect with call")), FALSE,
                          other ? jgw_call_get_id (other) : NULL);
  add_call_options (form, f, mine);
  jgw_adhoc_call_set_stage (ac, 1);
  jgw_adhoc_call_show (ac, form, JGW_ADHOC_OFFER_COMPLETE);
}

/* Run the submitted transfer; every refusal names its reason. */
static void
run (JgwAdhocCall *ac, JgwCommands *cmds)
{
  const char *bare = jgw_adhoc_call_bare (ac);
  const char *id = jgw_adhoc_call_value (ac, "call");
  const char *mode = jgw_adhoc_call_value (ac, "mode");
  const char *target = jgw_adhoc_call_value (ac, "target");
  const char *consult_id = jgw_adhoc_call_value (ac, "consult");
  gboolean attended = g_strcmp0 (mode, "attended") == 0;
  JgwCall *call = id ? own_call (cmds, bare, id) : default_call (cmds, bare);
  if (call == NULL)
    {
      jgw_adhoc_call_fail (ac, "item-not-found", jgw_adhoc_call_tr (ac, N_("You have no such call.")));
      return;
    }
  if (mode && !attended && g_strcmp0 (mode, "blind") != 0)
    {
      jgw_adhoc_call_fail (ac, "bad-request",
                           jgw_adhoc_call_tr (ac, N_("The kind of transfer must be blind or attended.")));
      return;
    }
  if (!attended && (target == NULL || *target == '\0'))
    {
      jgw_adhoc_call_fail (ac, "bad-request",
                           jgw_adhoc_call_tr (ac, N_("Give the number or address to transfer to.")));
      return;
    }
  JgwCall *consult = attended ? (consult_id ? own_call (cmds, bare, consult_id) : other_call (cmds, bare, call))
                              : NULL;
  if (attended && consult == NULL)
    {
      jgw_adhoc_call_fail (ac, "item-not-found",
                           jgw_adhoc_call_tr (ac, N_("You have no other call to connect this one with.")));
      return;
    }
  g_autoptr (GError) error = NULL;
  gboolean ok = attended ? jgw_call_transfer_attended (call, consult, &error)
                         : jgw_call_transfer (call, target, &error);
  if (!ok)
    {
      g_autofree char *text = g_strdup_printf ("%s: %s", jgw_adhoc_call_tr (ac, N_("Cannot transfer the call")),
                                               error->message);
      jgw_adhoc_call_fail (ac, "not-acceptable", text);
      return;
    }
  g_autofree char *note = g_strdup_printf (jgw_adhoc_call_tr (ac, N_("Transferring %s to %s.")),
                                           jgw_call_get_remote (call),
                                           attended ? jgw_call_get_remote (consult) : target);
  jgw_adhoc_call_note (ac, "info", note);
  jgw_adhoc_call_complete (ac, NULL);
}

static void
transfer_execute (JgwAdhocCall *ac, gpointer data)
{
  JgwCommands *cmds = data;
  g_autoptr (GPtrArray) mine = jgw_calls_of_user (cmds->ctx->calls, jgw_adhoc_call_bare (ac));
  gboolean submitted = jgw_adhoc_call_value (ac, "target") || jgw_adhoc_call_value (ac, "consult")
                       || jgw_adhoc_call_value (ac, "mode");
  if (jgw_adhoc_call_stage (ac) > 0 || submitted)
    run (ac, cmds);
  else if (mine->len == 0)
    jgw_adhoc_call_fail (ac, "item-not-found", jgw_adhoc_call_tr (ac, N_("You have no call to transfer.")));
  else
    show_form (ac, cmds, mine);
}

/* The newest of BARE's calls on hold, or NULL. */
static JgwCall *
held_call (JgwCommands *cmds, const char *bare)
{
  g_autoptr (GPtrArray) mine = jgw_calls_of_user (cmds->ctx->calls, bare);
  for (guint i = mine->len; i > 0; i--)
    if (jgw_call_is_held (g_ptr_array_index (mine, i - 1)))
      return g_ptr_array_index (mine, i - 1);
  return NULL;
}

/* "transfer NUMBER": blind; "transfer" alone: connect the user's two calls.
 * As a desk phone does it, the party on hold (the first call) is the one
 * asked to call the party the user talks to (the consultation), so the
 * REFER goes to the held party, with Replaces naming the consultation. */
static void
transfer_chat (JgwChatRequest *r, const char *args, gpointer data)
{
  JgwCommands *cmds = data;
  const char *bare = jgw_chat_request_bare (r);
  JgwCall *held = *args ? NULL : held_call (cmds, bare);
  JgwCall *talking = held ? default_call (cmds, bare) : NULL;
  gboolean consulting = talking && talking != held;
  JgwCall *call = consulting ? held : default_call (cmds, bare);
  JgwCall *other = consulting ? talking : call ? other_call (cmds, bare, call) : NULL;
  if (call == NULL)
    {
      jgw_chat_reply (r, jgw_chat_request_tr (r, N_("You have no call to transfer.")));
      return;
    }
  if (*args == '\0' && other == NULL)
    {
      jgw_chat_reply (r, jgw_chat_request_tr (r, N_("Transfer to which number? For example: "
                                                    "transfer 030123456")));
      return;
    }
  g_autoptr (GError) error = NULL;
  gboolean ok = *args ? jgw_call_transfer (call, args, &error) : jgw_call_transfer_attended (call, other, &error);
  if (!ok)
    {
      g_autofree char *text = g_strdup_printf ("%s: %s", jgw_chat_request_tr (r, N_("Cannot transfer the call")),
                                               error->message);
      jgw_chat_reply (r, text);
      return;
    }
  g_autofree char *text = g_strdup_printf (jgw_chat_request_tr (r, N_("Transferring %s to %s.")),
                                           jgw_call_get_remote (call), *args ? args : jgw_call_get_remote (other));
  jgw_chat_reply (r, text);
}

static const JgwAdhocCommand transfer_command = { "transfer", N_("Transfer a call"), FALSE, transfer_execute };

void
jgw_cmd_transfer_register (JgwCommands *cmds)
{
  jgw_adhoc_register (cmds->ctx->adhoc, &transfer_command, cmds);
  jgw_chat_add_verb (cmds, "transfer", "verbinden",
                     N_("transfer NUMBER — hand your call over; transfer alone connects your two calls"),
                     transfer_chat, cmds);
}
