/* cmd_journal.c — the `journal` command and chat verb: the user's calls
 * (incoming, outgoing, missed) with time, duration and party as an XEP-0004
 * table, newest first, and calling an entry back (from the desk phone by
 * click-to-call, or by giving the JID to call from the client). Admins may
 * read another user's journal and export everyone's call records as CSV. */
#define G_LOG_DOMAIN "jgw-commands"
#include "commands/commands_private.h"

#include <stdlib.h>
#include <string.h>

#define JOURNAL_ROWS 20

static gboolean
is_admin (JgwCommands *cmds, const char *bare)
{
  char **admins = cmds->ctx->config->admins;
  return admins && g_strv_contains ((const char *const *) admins, bare);
}

/* Incoming calls that did not ring say why (call_rules.c end reasons). */
static const char *
kind_text (const JgwCallRecord *rec)
{
  static const char *const not_rung[][2] = {
    { "forwarded", N_("forwarded") },
    { "dnd", N_("missed (do not disturb)") },
    { "busy", N_("missed (busy)") },
    { "unavailable", N_("missed (no client online)") },
  };
  if (rec->direction == JGW_CALL_OUTGOING)
    return N_("outgoing");
  if (rec->answer)
    return N_("incoming");
  for (gsize i = 0; i < G_N_ELEMENTS (not_rung); i++)
    if (g_strcmp0 (rec->end_reason, not_rung[i][0]) == 0 && (i > 0 || rec->forwarded_to))
      return not_rung[i][1];
  return N_("missed");
}

/* The party of REC as the user knows it: the caller for incoming calls. */
static const char *
party (const JgwCallRecord *rec)
{
  const char *p = rec->direction == JGW_CALL_INCOMING ? rec->caller : rec->callee;
  return p ? p : "";
}

/* KIND, and where a forwarded call went ("forwarded → sip:..."). */
static char *
kind_label (const JgwCatalog *cat, const char *lang, const JgwCallRecord *rec)
{
  const char *kind = jgw_tr (cat, lang, kind_text (rec));
  if (rec->direction == JGW_CALL_INCOMING && !rec->answer && rec->forwarded_to)
    return g_strdup_printf ("%s → %s", kind, rec->forwarded_to);
  return g_strdup (kind);
}

static char *
format_time (gint64 ms)
{
  g_autoptr (GDateTime) t = g_date_time_new_from_unix_local (ms / 1000);
  return t ? g_date_time_format (t, "%Y-%m-%d %H:%M") : g_strdup ("?");
}

static char *
format_duration (const JgwCallRecord *rec)
{
  guint secs = (guint) jgw_call_record_duration (rec);
  return g_strdup_printf ("%u:%02u", secs / 60, secs % 60);
}

/* One line per call for the chat verb and the entry list. */
static char *
record_line (const JgwCatalog *cat, const char *lang, const JgwCallRecord *rec)
{
  g_autofree char *time = format_time (rec->start);
  g_autofree char *dur = format_duration (rec);
  g_autofree char *kind = kind_label (cat, lang, rec);
  return g_strdup_printf ("%s %s %s (%s)", time, kind, party (rec), dur);
}

static void
add_table (JgwAdhocCall *call, const JgwCatalog *cat, JgwForm *form, GPtrArray *records)
{
  jgw_form_add_column (form, "time", jgw_adhoc_call_tr (call, N_("Time")));
  jgw_form_add_column (form, "direction", jgw_adhoc_call_tr (call, N_("Direction")));
  jgw_form_add_column (form, "party", jgw_adhoc_call_tr (call, N_("Name or number")));
  jgw_form_add_column (form, "duration", jgw_adhoc_call_tr (call, N_("Duration")));
  for (guint i = 0; i < records->len; i++)
    {
      const JgwCallRecord *rec = g_ptr_array_index (records, i);
      g_autofree char *time = format_time (rec->start);
      g_autofree char *dur = format_duration (rec);
      g_autofree char *kind = kind_label (cat, jgw_adhoc_call_lang (call), rec);
      const char *row[] = { time, kind, party (rec), dur, NULL };
      jgw_form_add_row (form, row);
    }
}

static void
journal_form (JgwAdhocCall *call, JgwCommands *cmds, const char *bare)
{
  g_autoptr (GPtrArray) records = jgw_store_call_list (cmds->ctx->store, bare, JOURNAL_ROWS, NULL);
  JgwForm *form = jgw_form_new ("form", jgw_adhoc_call_tr (call, N_("Call journal")),
                                jgw_adhoc_call_tr (call, N_("Your calls, newest first. Pick one to call back.")));
  guint e = jgw_form_add_field (form, "entry", "list-single", jgw_adhoc_call_tr (call, N_("Call back")), FALSE, NULL);
  for (guint i = 0; records && i < records->len; i++)
    {
      const JgwCallRecord *rec = g_ptr_array_index (records, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, rec->id);
      g_autofree char *line = record_line (cmds->ctx->catalog, jgw_adhoc_call_lang (call), rec);
      jgw_form_add_option (form, e, id, line);
    }
  guint d = jgw_form_add_field (form, "device", "list-single", jgw_adhoc_call_tr (call, N_("Call back from")), FALSE,
                                "client");
  jgw_form_add_option (form, d, "client", jgw_adhoc_call_tr (call, N_("this chat client")));
  jgw_form_add_option (form, d, "desk-phone", jgw_adhoc_call_tr (call, N_("my desk phone")));
  if (is_admin (cmds, bare))
    {
      jgw_form_add_field (form, "user", "jid-single", jgw_adhoc_call_tr (call, N_("Journal of another user (admin)")),
                          FALSE, NULL);
      jgw_form_add_field (form, "export", "boolean",
                          jgw_adhoc_call_tr (call, N_("Export all call records as CSV (admin)")), FALSE, "0");
    }
  if (records)
    add_table (call, cmds->ctx->catalog, form, records);
  jgw_adhoc_call_set_stage (call, 1);
  jgw_adhoc_call_show (call, form, JGW_ADHOC_OFFER_COMPLETE);
}

static void
export_csv (JgwAdhocCall *call, JgwCommands *cmds, const char *user)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *csv = jgw_store_calls_csv (cmds->ctx->store, user && *user ? user : NULL, &error);
  if (csv == NULL)
    {
      g_warning ("CSV export: %s", error->message);
      jgw_adhoc_call_fail (call, "internal-server-error", jgw_adhoc_call_tr (call, N_("The export failed.")));
      return;
    }
  JgwForm *form = jgw_form_new ("result", jgw_adhoc_call_tr (call, N_("Call records (CSV)")), NULL);
  guint f = jgw_form_add_field (form, "csv", "text-multi", "CSV", FALSE, NULL);
  g_auto (GStrv) lines = g_strsplit (csv, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    if (*g_strchomp (lines[i]))
      jgw_form_add_value (form, f, lines[i]);
  jgw_adhoc_call_complete (call, form);
}

static void
other_journal (JgwAdhocCall *call, JgwCommands *cmds, const char *user)
{
  g_autoptr (GPtrArray) records = jgw_store_call_list (cmds->ctx->store, user, JOURNAL_ROWS, NULL);
  JgwForm *form = jgw_form_new ("result", jgw_adhoc_call_tr (call, N_("Call journal")), user);
  if (records)
    add_table (call, cmds->ctx->catalog, form, records);
  jgw_adhoc_call_complete (call, form);
}

static const JgwCallRecord *
find_record (GPtrArray *records, const char *id)
{
  gint64 want = g_ascii_strtoll (id, NULL, 10);
  for (guint i = 0; records && i < records->len; i++)
    if (((JgwCallRecord *) g_ptr_array_index (records, i))->id == want)
      return g_ptr_array_index (records, i);
  return NULL;
}

/* Click-to-call: the gateway rings the desk phone, then TARGET. */
static void
call_back_desk (JgwAdhocCall *call, JgwCommands *cmds, const char *bare, const char *target)
{
  g_autoptr (GError) error = NULL;
  if (jgw_calls_click_to_call (cmds->ctx->calls, bare, target, &error) == NULL)
    {
      g_autofree char *text = g_strdup_printf (
        "%s (%s)", jgw_adhoc_call_tr (call, N_("Your desk phone could not be called.")), error->message);
      jgw_adhoc_call_fail (call, "not-acceptable", text);
      return;
    }
  jgw_adhoc_call_note (call, "info", jgw_adhoc_call_tr (call, N_("Your desk phone rings; pick it up to call back.")));
  jgw_adhoc_call_complete (call, NULL);
}

/* From the chat client: the JID to call, as a clickable jid-single. */
static void
call_back_client (JgwAdhocCall *call, JgwCommands *cmds, const char *bare, const char *target)
{
  g_autofree char *jid = jgw_router_jid_for_input (cmds->ctx->router, bare, target, NULL);
  if (jid == NULL)
    {
      jgw_adhoc_call_fail (call, "not-acceptable", jgw_adhoc_call_tr (call, N_("This entry cannot be called back.")));
      return;
    }
  JgwForm *form = jgw_form_new ("result", jgw_adhoc_call_tr (call, N_("Call back")), NULL);
  jgw_form_add_field (form, "jid", "jid-single", jgw_adhoc_call_tr (call, N_("Call this address from your client")),
                      FALSE, jid);
  jgw_adhoc_call_note (call, "info", jgw_adhoc_call_tr (call, N_("Call this address from your client to call back.")));
  jgw_adhoc_call_complete (call, form);
}

static void
call_back (JgwAdhocCall *call, JgwCommands *cmds, const char *bare, const char *entry)
{
  g_autoptr (GPtrArray) records = jgw_store_call_list (cmds->ctx->store, bare, JOURNAL_ROWS, NULL);
  const JgwCallRecord *rec = find_record (records, entry);
  if (rec == NULL || *party (rec) == '\0')
    jgw_adhoc_call_fail (call, "bad-request", jgw_adhoc_call_tr (call, N_("There is no such entry in your journal.")));
  else if (g_strcmp0 (jgw_adhoc_call_value (call, "device"), "desk-phone") == 0)
    call_back_desk (call, cmds, bare, party (rec));
  else
    call_back_client (call, cmds, bare, party (rec));
}

static void
journal_execute (JgwAdhocCall *call, gpointer data)
{
  JgwCommands *cmds = data;
  const char *bare = jgw_adhoc_call_bare (call);
  jgw_commands_remember_lang (cmds, bare, jgw_adhoc_call_lang (call));
  if (jgw_adhoc_call_stage (call) == 0)
    {
      journal_form (call, cmds, bare);
      return;
    }
  const char *user = jgw_adhoc_call_value (call, "user");
  gboolean export = jgw_cmd_parse_on_off (jgw_adhoc_call_value (call, "export")) == 1;
  gboolean other = user && *user && g_strcmp0 (user, bare) != 0;
  const char *entry = jgw_adhoc_call_value (call, "entry");
  if ((export || other) && !is_admin (cmds, bare))
    jgw_adhoc_call_fail (call, "forbidden",
                         jgw_adhoc_call_tr (call, N_("Only an administrator may read other users' calls.")));
  else if (export)
    export_csv (call, cmds, user);
  else if (other)
    other_journal (call, cmds, user);
  else if (entry && *entry)
    call_back (call, cmds, bare, entry);
  else
    jgw_adhoc_call_complete (call, NULL);
}

static void
journal_chat (JgwChatRequest *r, const char *args, gpointer data)
{
  JgwCommands *cmds = data;
  const char *bare = jgw_chat_request_bare (r);
  jgw_commands_remember_lang (cmds, bare, jgw_chat_request_lang (r));
  g_autoptr (GPtrArray) records = jgw_store_call_list (cmds->ctx->store, bare, 10, NULL);
  if (records == NULL || records->len == 0)
    {
      jgw_chat_reply (r, jgw_chat_request_tr (r, N_("No calls in your journal.")));
      return;
    }
  GString *text = g_string_new (jgw_chat_request_tr (r, N_("Your calls, newest first:")));
  for (guint i = 0; i < records->len; i++)
    {
      g_autofree char *line = record_line (cmds->ctx->catalog, jgw_chat_request_lang (r),
                                           g_ptr_array_index (records, i));
      g_string_append_printf (text, "\n%s", line);
    }
  jgw_chat_reply (r, text->str);
  g_string_free (text, TRUE);
}

static const JgwAdhocCommand journal_command = { "journal", N_("Call journal"), FALSE, journal_execute };

void
jgw_cmd_journal_register (JgwCommands *cmds)
{
  jgw_adhoc_register (cmds->ctx->adhoc, &journal_command, cmds);
  jgw_chat_add_verb (cmds, "journal", "anrufliste", N_("journal — your recent calls"), journal_chat, cmds);
}
