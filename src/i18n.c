/* i18n.c — a minimal reader of gettext PO catalogues (msgid/msgstr with
 * continuation lines and C escapes; fuzzy and untranslated entries skipped). */
#define G_LOG_DOMAIN "jgw-i18n"
#include "i18n.h"

#include <string.h>

struct _JgwCatalog {
  GHashTable *langs; /* "de" -> GHashTable msgid -> msgstr */
};

G_DEFINE_QUARK (jgw-i18n-error-quark, jgw_i18n_error)

static GHashTable *
lang_table (JgwCatalog *c, const char *lang)
{
  GHashTable *t = g_hash_table_lookup (c->langs, lang);
  if (t == NULL)
    {
      t = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_insert (c->langs, g_ascii_strdown (lang, -1), t);
    }
  return t;
}

/* The quoted string on LINE (after its keyword), unescaped, or NULL. */
static char *
quoted (const char *line)
{
  const char *open = strchr (line, '"');
  const char *close = strrchr (line, '"');
  if (open == NULL || close == open)
    return NULL;
  g_autofree char *raw = g_strndup (open + 1, (gsize) (close - open - 1));
  return g_strcompress (raw);
}

typedef struct {
  GString *id, *str;
  GString *cur;      /* the one continuation lines append to */
  gboolean fuzzy, plural;
} Entry;

static void
entry_flush (Entry *e, GHashTable *table)
{
  if (e->id && e->str && e->id->len && e->str->len && !e->fuzzy && !e->plural)
    g_hash_table_replace (table, g_strdup (e->id->str), g_strdup (e->str->str));
  if (e->id)
    g_string_free (e->id, TRUE);
  if (e->str)
    g_string_free (e->str, TRUE);
  memset (e, 0, sizeof *e);
}

gboolean
jgw_catalog_add_po (JgwCatalog *c, const char *lang, const char *text, GError **error)
{
  GHashTable *table = lang_table (c, lang);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  Entry e = { 0 };
  for (guint n = 0; lines[n]; n++)
    {
      char *line = g_strstrip (lines[n]);
      g_autofree char *q = NULL;
      if (g_str_has_prefix (line, "#,") && strstr (line, "fuzzy"))
        {
          entry_flush (&e, table);
          e.fuzzy = TRUE;
        }
      else if (*line == '#' || *line == '\0')
        continue;
      else if (g_str_has_prefix (line, "msgid_plural"))
        e.plural = TRUE;
      else if (g_str_has_prefix (line, "msgid"))
        {
          gboolean fuzzy = e.fuzzy && e.id == NULL;
          entry_flush (&e, table);
          e.fuzzy = fuzzy;
          e.cur = e.id = g_string_new (q = quoted (line));
        }
      else if (g_str_has_prefix (line, "msgstr"))
        e.cur = e.str = g_string_new (q = quoted (line));
      else if (*line == '"' && e.cur && (q = quoted (line)))
        g_string_append (e.cur, q);
      else
        {
          entry_flush (&e, table);
          g_set_error (error, jgw_i18n_error_quark (), 0, "%s.po line %u: cannot parse '%s'", lang,
                       n + 1, line);
          return FALSE;
        }
    }
  entry_flush (&e, table);
  return TRUE;
}

JgwCatalog *
jgw_catalog_load (const char *dir)
{
  JgwCatalog *c = g_new0 (JgwCatalog, 1);
  c->langs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_hash_table_unref);
  g_autoptr (GDir) d = dir ? g_dir_open (dir, 0, NULL) : NULL;
  const char *name;
  while (d && (name = g_dir_read_name (d)))
    {
      if (!g_str_has_suffix (name, ".po"))
        continue;
      g_autofree char *lang = g_strndup (name, strlen (name) - 3);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *text = NULL;
      g_autoptr (GError) error = NULL;
      if (!g_file_get_contents (path, &text, NULL, &error) || !jgw_catalog_add_po (c, lang, text, &error))
        g_warning ("translations %s not loaded: %s", path, error->message);
      else
        g_info ("translations loaded: %s", lang);
    }
  return c;
}

void
jgw_catalog_free (JgwCatalog *c)
{
  if (c == NULL)
    return;
  g_hash_table_unref (c->langs);
  g_free (c);
}

/* "de-AT" and "de_AT" try "de-at", then "de". */
static GHashTable *
find_table (const JgwCatalog *c, const char *lang, const char **picked)
{
  if (c == NULL || lang == NULL || *lang == '\0')
    return NULL;
  g_autofree char *want = g_ascii_strdown (lang, -1);
  g_strdelimit (want, "_", '-');
  gpointer key, table;
  if (g_hash_table_lookup_extended (c->langs, want, &key, &table))
    {
      *picked = key;
      return table;
    }
  char *dash = strchr (want, '-');
  if (dash)
    *dash = '\0';
  if (g_hash_table_lookup_extended (c->langs, want, &key, &table))
    {
      *picked = key;
      return table;
    }
  return NULL;
}

const char *
jgw_tr (const JgwCatalog *c, const char *lang, const char *msgid)
{
  const char *picked;
  GHashTable *table = find_table (c, lang, &picked);
  const char *s = table ? g_hash_table_lookup (table, msgid) : NULL;
  return s ? s : msgid;
}

const char *
jgw_catalog_pick (const JgwCatalog *c, const char *lang)
{
  const char *picked = "en";
  find_table (c, lang, &picked);
  return picked;
}
