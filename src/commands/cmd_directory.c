/* cmd_directory.c — the `directory` command and the `find`/`suche` chat
 * verb: search the phone directory by name or number, dial an entry (from
 * this client: its JID at the component; or click-to-call from the desk
 * phone), add or modify entries (rules in cmd_directory.h).
 *
 * Stages: 0 search form -> 1 results (or the edit form for "add") ->
 * 2 dial / desk / edit form -> 3 save. Directory answers are asynchronous;
 * a family object outlives the commands while answers are pending, so an
 * answer after shutdown is dropped instead of touching freed state. */
#define G_LOG_DOMAIN "jgw-commands"
#include "commands/cmd_directory.h"

typedef struct {
  gint refs;
  JgwCommands *cmds; /* NULL after shutdown */
  GCancellable *cancel;
} Family;

/* Per session: the last search's entries and the entry being edited. */
typedef struct {
  GPtrArray *entries;
  JgwDirEntry *editing; /* borrowed from entries, NULL when adding */
} DirState;

/* One pending directory answer. */
typedef struct {
  Family *family;
  JgwAdhocCall *call;
  JgwChatRequest *chat;
} Pending;

enum { STAGE_SEARCH, STAGE_RESULTS, STAGE_CHOSEN, STAGE_SAVE };

static void
family_unref (Family *f)
{
  if (g_atomic_int_dec_and_test (&f->refs))
    {
      g_object_unref (f->cancel);
      g_free (f);
    }
}

static void
family_shutdown (gpointer data)
{
  Family *f = data;
  f->cmds = NULL;
  g_cancellable_cancel (f->cancel);
  family_unref (f);
}

static void
dir_state_free (gpointer p)
{
  DirState *s = p;
  if (s->entries)
    g_ptr_array_unref (s->entries);
  g_free (s);
}

static DirState *
state_of (JgwAdhocCall *call)
{
  DirState *s = jgw_adhoc_call_get_state (call);
  if (s == NULL)
    {
      s = g_new0 (DirState, 1);
      jgw_adhoc_call_set_state (call, s, dir_state_free);
    }
  return s;
}

static Pending *
pending_new (Family *f, JgwAdhocCall *call, JgwChatRequest *chat)
{
  Pending *p = g_new0 (Pending, 1);
  g_atomic_int_inc (&f->refs);
  p->family = f;
  p->call = call;
  p->chat = chat;
  return p;
}

/* FALSE when the gateway is shutting down: the answer is dropped. */
static gboolean
pending_done (Pending *p, JgwCommands **cmds)
{
  Family *f = p->family;
  *cmds = f->cmds;
  g_free (p);
  family_unref (f);
  return *cmds != NULL;
}

static const char *
domain_of (JgwCommands *cmds)
{
  return cmds->ctx->config->component.jid;
}

static void
show_search (JgwAdhocCall *call)
{
  jgw_adhoc_call_set_stage (call, STAGE_RESULTS);
  jgw_adhoc_call_show (call, jgw_dir_search_form (call), JGW_ADHOC_OFFER_NEXT);
}

static void
search_done (GPtrArray *entries, const GError *error, gpointer data)
{
  Pending *p = data;
  JgwAdhocCall *call = p->call;
  JgwCommands *cmds;
  if (!pending_done (p, &cmds))
    {
      if (entries)
        g_ptr_array_unref (entries);
      return;
    }
  if (error)
    {
      g_info ("directory search for %s failed: %s", jgw_adhoc_call_bare (call), error->message);
      jgw_adhoc_call_fail (call, "service-unavailable", jgw_adhoc_call_tr (call, N_("The directory is not available.")));
      return;
    }
  if (entries->len == 0)
    {
      g_ptr_array_unref (entries);
      jgw_adhoc_call_note (call, "info", jgw_adhoc_call_tr (call, N_("No entries found.")));
      jgw_adhoc_call_complete (call, NULL);
      return;
    }
  DirState *s = state_of (call);
  if (s->entries)
    g_ptr_array_unref (s->entries);
  s->entries = entries;
  jgw_adhoc_call_set_stage (call, STAGE_CHOSEN);
  jgw_adhoc_call_show (call, jgw_dir_results_form (call, entries, domain_of (cmds)),
                       JGW_ADHOC_OFFER_COMPLETE | JGW_ADHOC_OFFER_NEXT | JGW_ADHOC_OFFER_PREV);
}

static void
show_edit (JgwCommands *cmds, JgwAdhocCall *call, JgwDirEntry *entry)
{
  const char *bare = jgw_adhoc_call_bare (call);
  gboolean add = entry == NULL;
  if (add ? !jgw_dir_is_admin (cmds->ctx->config, bare) : !jgw_dir_may_modify (cmds->ctx->config, bare, entry))
    {
      g_info ("directory: %s may not %s %s", bare, add ? "add entries" : "modify", add ? "" : entry->id);
      jgw_adhoc_call_fail (call, "forbidden",
                           jgw_adhoc_call_tr (call, add ? N_("Only administrators may add directory entries.")
                                                        : N_("You may only modify your own directory entry.")));
      return;
    }
  state_of (call)->editing = entry;
  jgw_adhoc_call_set_stage (call, STAGE_SAVE);
  jgw_adhoc_call_show (call, jgw_dir_edit_form (call, entry, jgw_dir_is_admin (cmds->ctx->config, bare)),
                       JGW_ADHOC_OFFER_COMPLETE | JGW_ADHOC_OFFER_PREV);
}

static void
stage_search (JgwCommands *cmds, JgwAdhocCall *call, Family *f)
{
  const char *query = jgw_adhoc_call_value (call, "query");
  if (g_strcmp0 (jgw_adhoc_call_value (call, "mode"), "add") == 0)
    {
      show_edit (cmds, call, NULL);
      return;
    }
  if (query == NULL || *query == '\0')
    {
      jgw_adhoc_call_fail (call, "bad-request", jgw_adhoc_call_tr (call, N_("Please enter a name or number.")));
      return;
    }
  guint max = 50;
  jgw_identities_search (cmds->ctx->identities, query, max, f->cancel, search_done, pending_new (f, call, NULL));
}

static void
dial_result (JgwCommands *cmds, JgwAdhocCall *call, const JgwDirEntry *e, const JgwDirNumber *n)
{
  g_autofree char *jid = jgw_dir_dial_jid (n ? n->number : NULL, e->sip_uri, domain_of (cmds));
  if (jid == NULL)
    {
      jgw_adhoc_call_fail (call, "not-acceptable", jgw_adhoc_call_tr (call, N_("This entry has no number.")));
      return;
    }
  JgwForm *form = jgw_form_new ("result", jgw_adhoc_call_tr (call, N_("Directory")), NULL);
  jgw_form_add_field (form, "name", "text-single", jgw_adhoc_call_tr (call, N_("Name")), FALSE, e->name);
  jgw_form_add_field (form, "jid", "jid-single", jgw_adhoc_call_tr (call, N_("Call this address")), FALSE, jid);
  jgw_adhoc_call_note (call, "info", jgw_adhoc_call_tr (call, N_("Start a call to this address from your client.")));
  jgw_adhoc_call_complete (call, form);
}

static void
desk_call (JgwCommands *cmds, JgwAdhocCall *call, const JgwDirEntry *e, const JgwDirNumber *n)
{
  g_autoptr (GError) error = NULL;
  const char *target = n ? n->number : e->sip_uri;
  if (target == NULL || !jgw_calls_click_to_call (cmds->ctx->calls, jgw_adhoc_call_bare (call), target, &error))
    {
      g_info ("directory: click-to-call for %s failed: %s", jgw_adhoc_call_bare (call),
              error ? error->message : "no number");
      jgw_adhoc_call_fail (call, "not-acceptable", jgw_adhoc_call_tr (call, N_("Your desk phone cannot be called.")));
      return;
    }
  jgw_adhoc_call_note (call, "info", jgw_adhoc_call_tr (call, N_("Your desk phone rings; pick it up to call.")));
  jgw_adhoc_call_complete (call, NULL);
}

static void
stage_chosen (JgwCommands *cmds, JgwAdhocCall *call)
{
  DirState *s = state_of (call);
  guint ei, ni;
  if (!jgw_dir_parse_choice (jgw_adhoc_call_value (call, "choice"), s->entries, &ei, &ni))
    {
      jgw_adhoc_call_fail (call, "bad-request", jgw_adhoc_call_tr (call, N_("Please choose an entry.")));
      return;
    }
  JgwDirEntry *e = g_ptr_array_index (s->entries, ei);
  const JgwDirNumber *n = e->numbers->len ? g_ptr_array_index (e->numbers, ni) : NULL;
  const char *action = jgw_adhoc_call_value (call, "action");
  if (action == NULL || g_strcmp0 (action, JGW_DIR_ACTION_DIAL) == 0)
    dial_result (cmds, call, e, n);
  else if (g_strcmp0 (action, JGW_DIR_ACTION_DESK) == 0)
    desk_call (cmds, call, e, n);
  else if (g_strcmp0 (action, JGW_DIR_ACTION_EDIT) == 0)
    show_edit (cmds, call, e);
  else
    jgw_adhoc_call_fail (call, "bad-request", jgw_adhoc_call_tr (call, N_("Unknown action.")));
}

static void
save_done (const GError *error, gpointer data)
{
  Pending *p = data;
  JgwAdhocCall *call = p->call;
  JgwCommands *cmds;
  if (!pending_done (p, &cmds))
    return;
  if (error)
    {
      g_info ("directory: saving for %s failed: %s", jgw_adhoc_call_bare (call), error->message);
      jgw_adhoc_call_fail (call, "not-allowed", jgw_adhoc_call_tr (call, N_("The directory refused the change.")));
      return;
    }
  jgw_adhoc_call_note (call, "info", jgw_adhoc_call_tr (call, N_("The entry was saved.")));
  jgw_adhoc_call_complete (call, NULL);
}

static void
stage_save (JgwCommands *cmds, JgwAdhocCall *call, Family *f)
{
  DirState *s = state_of (call);
  const char *bare = jgw_adhoc_call_bare (call);
  gboolean admin = jgw_dir_is_admin (cmds->ctx->config, bare);
  /* Checked again: a session's state is the user's, but rules may have been reloaded. */
  if (s->editing ? !jgw_dir_may_modify (cmds->ctx->config, bare, s->editing) : !admin)
    {
      jgw_adhoc_call_fail (call, "forbidden", jgw_adhoc_call_tr (call, N_("You may only modify your own directory entry.")));
      return;
    }
  g_autoptr (GError) error = NULL;
  JgwDirEntry *entry = jgw_dir_entry_from_form (call, s->editing, admin);
  if (entry->name == NULL || *entry->name == '\0')
    {
      jgw_dir_entry_free (entry);
      jgw_adhoc_call_fail (call, "bad-request", jgw_adhoc_call_tr (call, N_("The entry needs a name.")));
      return;
    }
  g_info ("directory: %s %s entry '%s'", bare, s->editing ? "modifies" : "adds", entry->name);
  jgw_identities_save (cmds->ctx->identities, entry, f->cancel, save_done, pending_new (f, call, NULL));
  jgw_dir_entry_free (entry);
}

static void
directory_execute (JgwAdhocCall *call, gpointer data)
{
  Family *f = data;
  JgwCommands *cmds = f->cmds;
  if (jgw_adhoc_call_action (call) == JGW_ADHOC_PREV)
    {
      show_search (call);
      return;
    }
  switch (jgw_adhoc_call_stage (call))
    {
    case STAGE_SEARCH:
      show_search (call);
      break;
    case STAGE_RESULTS:
      stage_search (cmds, call, f);
      break;
    case STAGE_CHOSEN:
      stage_chosen (cmds, call);
      break;
    default:
      stage_save (cmds, call, f);
      break;
    }
}

static void
find_done (GPtrArray *entries, const GError *error, gpointer data)
{
  Pending *p = data;
  JgwChatRequest *r = p->chat;
  JgwCommands *cmds;
  if (!pending_done (p, &cmds))
    {
      if (entries)
        g_ptr_array_unref (entries);
      return; /* the chat request goes with the commands */
    }
  if (error)
    jgw_chat_reply (r, jgw_chat_request_tr (r, N_("The directory is not available.")));
  else if (entries->len == 0)
    jgw_chat_reply (r, jgw_chat_request_tr (r, N_("No entries found.")));
  else
    {
      g_autofree char *text = jgw_dir_entries_text (entries, domain_of (cmds), cmds->ctx->catalog,
                                                    jgw_chat_request_lang (r));
      jgw_chat_reply (r, text);
    }
  if (entries)
    g_ptr_array_unref (entries);
}

static void
find_chat (JgwChatRequest *r, const char *args, gpointer data)
{
  Family *f = data;
  if (*args == '\0')
    {
      jgw_chat_reply (r, jgw_chat_request_tr (r, N_("Please enter a name or number.")));
      return;
    }
  jgw_identities_search (f->cmds->ctx->identities, args, 20, f->cancel, find_done, pending_new (f, NULL, r));
}

static const JgwAdhocCommand directory_command = { "directory", N_("Directory"), FALSE, directory_execute };

void
jgw_cmd_directory_register (JgwCommands *cmds)
{
  Family *f = g_new0 (Family, 1);
  f->refs = 1;
  f->cmds = cmds;
  f->cancel = g_cancellable_new ();
  jgw_adhoc_register (cmds->ctx->adhoc, &directory_command, f);
  jgw_chat_add_verb (cmds, "find", "suche", N_("find NAME — search the directory"), find_chat, f);
  jgw_commands_on_free (cmds, family_shutdown, f);
}
