/* cmd_directory_form.c — the forms and texts of the `directory` command,
 * built from directory entries, and who may change which entry. */
#define G_LOG_DOMAIN "jgw-commands"
#include "commands/cmd_directory.h"

#include <stdio.h>
#include <string.h>

#include "xmpp/jid.h"

/* The number kinds an entry's form offers, as the directory names them. */
static const struct {
  const char *var, *label;
} kinds[] = { { "work", N_("Work numbers") }, { "mobile", N_("Mobile numbers") }, { "home", N_("Home numbers") } };

/* Digits, '+', '*', '#': the number as a JID's local part (interface.md). */
static char *
compact_number (const char *number)
{
  GString *s = g_string_new (NULL);
  for (const char *p = number; *p; p++)
    if (g_ascii_isdigit (*p) || *p == '+' || *p == '*' || *p == '#')
      g_string_append_c (s, *p);
  return g_string_free (s, FALSE);
}

char *
jgw_dir_dial_jid (const char *number, const char *sip_uri, const char *domain)
{
  if (number && *number)
    {
      g_autofree char *n = compact_number (number);
      return g_strdup_printf ("%s@%s", n, domain);
    }
  if (sip_uri == NULL)
    return NULL;
  const char *addr = g_str_has_prefix (sip_uri, "sip:") ? sip_uri + 4 : sip_uri;
  g_autofree char *local = jgw_jid_escape (addr);
  return g_strdup_printf ("%s@%s", local, domain);
}

gboolean
jgw_dir_is_admin (const JgwConfig *config, const char *bare)
{
  for (char **a = config->admins; a && *a; a++)
    if (g_ascii_strcasecmp (*a, bare) == 0)
      return TRUE;
  return FALSE;
}

gboolean
jgw_dir_may_modify (const JgwConfig *config, const char *bare, const JgwDirEntry *entry)
{
  if (jgw_dir_is_admin (config, bare))
    return TRUE;
  return entry && entry->jid && g_ascii_strcasecmp (entry->jid, bare) == 0;
}

JgwForm *
jgw_dir_search_form (JgwAdhocCall *call)
{
  JgwForm *form = jgw_form_new ("form", jgw_adhoc_call_tr (call, N_("Directory")),
                                jgw_adhoc_call_tr (call, N_("Search the directory by name or number, or add an entry.")));
  jgw_form_add_field (form, "query", "text-single", jgw_adhoc_call_tr (call, N_("Name or number")), FALSE, NULL);
  guint mode = jgw_form_add_field (form, "mode", "list-single", jgw_adhoc_call_tr (call, N_("What to do")), FALSE,
                                   "search");
  jgw_form_add_option (form, mode, "search", jgw_adhoc_call_tr (call, N_("Search")));
  jgw_form_add_option (form, mode, "add", jgw_adhoc_call_tr (call, N_("Add an entry")));
  return form;
}

static void
add_result_row (JgwForm *form, const JgwDirEntry *e, const JgwDirNumber *n, const char *domain, JgwAdhocCall *call)
{
  g_autofree char *jid = jgw_dir_dial_jid (n ? n->number : NULL, e->sip_uri, domain);
  const char *kind = n && n->description ? jgw_adhoc_call_tr (call, n->description) : "";
  const char *row[] = { e->name ? e->name : "", n ? n->number : (e->sip_uri ? e->sip_uri : ""), kind,
                        jid ? jid : "", e->jid ? e->jid : "", NULL };
  jgw_form_add_row (form, row);
}

static void
add_choice (JgwForm *form, guint field, const JgwDirEntry *e, const JgwDirNumber *n, guint ei, guint ni)
{
  g_autofree char *value = g_strdup_printf ("%u:%u", ei, ni);
  g_autofree char *label = g_strdup_printf ("%s — %s", e->name ? e->name : "?",
                                            n ? n->number : (e->sip_uri ? e->sip_uri : "-"));
  jgw_form_add_option (form, field, value, label);
}

JgwForm *
jgw_dir_results_form (JgwAdhocCall *call, GPtrArray *entries, const char *domain)
{
  JgwForm *form = jgw_form_new ("form", jgw_adhoc_call_tr (call, N_("Directory")),
                                jgw_adhoc_call_tr (call, N_("Choose an entry and what to do with it.")));
  guint choice = jgw_form_add_field (form, "choice", "list-single", jgw_adhoc_call_tr (call, N_("Entry")), TRUE, NULL);
  guint action = jgw_form_add_field (form, "action", "list-single", jgw_adhoc_call_tr (call, N_("Action")), TRUE,
                                     JGW_DIR_ACTION_DIAL);
  jgw_form_add_option (form, action, JGW_DIR_ACTION_DIAL, jgw_adhoc_call_tr (call, N_("Call from this client")));
  jgw_form_add_option (form, action, JGW_DIR_ACTION_DESK, jgw_adhoc_call_tr (call, N_("Call from my desk phone")));
  jgw_form_add_option (form, action, JGW_DIR_ACTION_EDIT, jgw_adhoc_call_tr (call, N_("Edit the entry")));
  jgw_form_add_column (form, "name", jgw_adhoc_call_tr (call, N_("Name")));
  jgw_form_add_column (form, "number", jgw_adhoc_call_tr (call, N_("Number")));
  jgw_form_add_column (form, "kind", jgw_adhoc_call_tr (call, N_("Kind")));
  jgw_form_add_column (form, "dial", jgw_adhoc_call_tr (call, N_("Call")));
  jgw_form_add_column (form, "jid", jgw_adhoc_call_tr (call, N_("XMPP address")));
  for (guint i = 0; i < entries->len; i++)
    {
      const JgwDirEntry *e = g_ptr_array_index (entries, i);
      for (guint j = 0; j < e->numbers->len; j++)
        {
          add_result_row (form, e, g_ptr_array_index (e->numbers, j), domain, call);
          add_choice (form, choice, e, g_ptr_array_index (e->numbers, j), i, j);
        }
      if (e->numbers->len == 0)
        {
          add_result_row (form, e, NULL, domain, call);
          add_choice (form, choice, e, NULL, i, 0);
        }
    }
  return form;
}

/* The numbers of E of KIND, comma-separated (NULL if none). */
static char *
numbers_of_kind (const JgwDirEntry *e, const char *kind)
{
  g_autoptr (GPtrArray) v = g_ptr_array_new ();
  for (guint i = 0; e && i < e->numbers->len; i++)
    {
      const JgwDirNumber *n = g_ptr_array_index (e->numbers, i);
      if (g_strcmp0 (n->description, kind) == 0)
        g_ptr_array_add (v, n->number);
    }
  if (v->len == 0)
    return NULL;
  g_ptr_array_add (v, NULL);
  return g_strjoinv (", ", (char **) v->pdata);
}

JgwForm *
jgw_dir_edit_form (JgwAdhocCall *call, const JgwDirEntry *entry, gboolean admin)
{
  JgwForm *form = jgw_form_new ("form", jgw_adhoc_call_tr (call, entry ? N_("Edit entry") : N_("New entry")),
                                jgw_adhoc_call_tr (call, N_("Several numbers of a kind are separated by commas.")));
  jgw_form_add_field (form, "name", "text-single", jgw_adhoc_call_tr (call, N_("Name")), TRUE,
                      entry ? entry->name : NULL);
  if (admin)
    jgw_form_add_field (form, "jid", "jid-single", jgw_adhoc_call_tr (call, N_("XMPP address")), FALSE,
                        entry ? entry->jid : NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *v = numbers_of_kind (entry, kinds[i].var);
      jgw_form_add_field (form, kinds[i].var, "text-single", jgw_adhoc_call_tr (call, kinds[i].label), FALSE, v);
    }
  return form;
}

JgwDirEntry *
jgw_dir_entry_from_form (JgwAdhocCall *call, const JgwDirEntry *old, gboolean admin)
{
  JgwDirEntry *e = jgw_dir_entry_new ();
  const char *name = jgw_adhoc_call_value (call, "name");
  e->id = old ? g_strdup (old->id) : NULL;
  e->name = name ? g_strstrip (g_strdup (name)) : NULL;
  e->jid = g_strdup (admin ? jgw_adhoc_call_value (call, "jid") : (old ? old->jid : NULL));
  e->sip_uri = old ? g_strdup (old->sip_uri) : NULL;
  if (e->jid && *e->jid == '\0')
    g_clear_pointer (&e->jid, g_free);
  for (gsize i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_auto (GStrv) parts = g_strsplit (jgw_adhoc_call_value (call, kinds[i].var) ?: "", ",", -1);
      for (char **p = parts; *p; p++)
        if (*g_strstrip (*p))
          jgw_dir_entry_add_number (e, *p, kinds[i].var);
    }
  return e;
}

gboolean
jgw_dir_parse_choice (const char *value, GPtrArray *entries, guint *entry, guint *number)
{
  guint e, n;
  char tail;
  if (value == NULL || entries == NULL || sscanf (value, "%u:%u%c", &e, &n, &tail) != 2 || e >= entries->len)
    return FALSE;
  const JgwDirEntry *d = g_ptr_array_index (entries, e);
  if (n >= MAX (d->numbers->len, 1u))
    return FALSE;
  *entry = e;
  *number = n;
  return TRUE;
}

char *
jgw_dir_entries_text (GPtrArray *entries, const char *domain, const JgwCatalog *cat, const char *lang)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < entries->len; i++)
    {
      const JgwDirEntry *e = g_ptr_array_index (entries, i);
      g_string_append_printf (s, "%s%s", s->len ? "\n" : "", e->name ? e->name : "?");
      for (guint j = 0; j < e->numbers->len; j++)
        {
          const JgwDirNumber *n = g_ptr_array_index (e->numbers, j);
          g_autofree char *jid = jgw_dir_dial_jid (n->number, NULL, domain);
          g_string_append_printf (s, "\n  %s (%s): %s", n->number,
                                  n->description ? jgw_tr (cat, lang, n->description) : "", jid);
        }
      if (e->numbers->len == 0 && e->sip_uri)
        {
          g_autofree char *jid = jgw_dir_dial_jid (NULL, e->sip_uri, domain);
          g_string_append_printf (s, "\n  %s: %s", e->sip_uri, jid);
        }
    }
  return g_string_free (s, FALSE);
}
