/* check_jingle_util.c — see check_jingle_util.h. */
#include "check_jingle_util.h"

#include <string.h>

#include "harness/harness.h"

xmpp_stanza_t *
jt_load (xmpp_ctx_t *ctx, const char *name)
{
  g_autofree char *rel = g_build_filename ("tests/data/jingle", name, NULL);
  g_autofree char *data = NULL;
  g_assert_true (g_file_get_contents (jgw_test_srcpath (rel), &data, NULL, NULL));
  xmpp_stanza_t *st = xmpp_stanza_new_from_string (ctx, data);
  g_assert_nonnull (st);
  return st;
}

char *
jt_text (xmpp_stanza_t *st)
{
  char *buf = NULL;
  size_t len = 0;
  g_assert_cmpint (xmpp_stanza_to_text (st, &buf, &len), ==, 0);
  char *res = g_strndup (buf, len);
  xmpp_free (xmpp_stanza_get_context (st), buf);
  return res;
}

static gboolean
ignored (const char *const *ignore, const char *elem, const char *attr)
{
  g_autofree char *key = attr ? g_strdup_printf ("%s@%s", elem, attr) : g_strdup (elem);
  return ignore != NULL && g_strv_contains (ignore, key);
}

/* "elem@attr=value" entries drop an attribute only when it has a default value. */
static gboolean
ignored_value (const char *const *ignore, const char *elem, const char *attr, const char *value)
{
  g_autofree char *key = g_strdup_printf ("%s@%s=%s", elem, attr, value);
  return ignore != NULL && g_strv_contains (ignore, key);
}

static gint
cmp_str (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static char *
canon_rec (xmpp_stanza_t *st, const char *parent_ns, const char *const *ignore)
{
  const char *name = xmpp_stanza_get_name (st);
  const char *ns = xmpp_stanza_get_ns (st) ? xmpp_stanza_get_ns (st) : parent_ns;
  if (ignored (ignore, name, NULL))
    return NULL;
  GString *out = g_string_new (NULL);
  g_string_append_printf (out, "<{%s}%s", ns ? ns : "", name);
  const char *attrs[128];
  int n = xmpp_stanza_get_attributes (st, attrs, G_N_ELEMENTS (attrs));
  g_autoptr (GPtrArray) av = g_ptr_array_new_with_free_func (g_free);
  for (int i = 0; i + 1 < n; i += 2)
    if (!g_str_has_prefix (attrs[i], "xmlns") && !ignored (ignore, name, attrs[i])
        && !ignored_value (ignore, name, attrs[i], attrs[i + 1]))
      g_ptr_array_add (av, g_strdup_printf (" %s='%s'", attrs[i], attrs[i + 1]));
  g_ptr_array_sort (av, cmp_str);
  for (guint i = 0; i < av->len; i++)
    g_string_append (out, g_ptr_array_index (av, i));
  g_string_append (out, ">");
  g_autoptr (GPtrArray) kids = g_ptr_array_new_with_free_func (g_free);
  for (xmpp_stanza_t *c = xmpp_stanza_get_children (st); c; c = xmpp_stanza_get_next (c))
    {
      if (xmpp_stanza_is_text (c))
        {
          g_autofree char *t = g_strstrip (g_strdup (xmpp_stanza_get_text_ptr (c)));
          if (*t)
            g_ptr_array_add (kids, g_strdup_printf ("\"%s\"", t));
          continue;
        }
      char *k = canon_rec (c, ns, ignore);
      if (k)
        g_ptr_array_add (kids, k);
    }
  g_ptr_array_sort (kids, cmp_str);
  for (guint i = 0; i < kids->len; i++)
    g_string_append (out, g_ptr_array_index (kids, i));
  g_string_append (out, "</>");
  return g_string_free (out, FALSE);
}

char *
jt_canon (xmpp_stanza_t *st, const char *const *ignore)
{
  return canon_rec (st, NULL, ignore);
}

gboolean
jt_same (const char *a, const char *b)
{
  size_t i = 0;
  while (a[i] && a[i] == b[i])
    i++;
  if (a[i] == b[i])
    return TRUE;
  size_t from = i > 200 ? i - 200 : 0;
  g_printerr ("difference at %zu:\n  got:  %.400s\n  want: %.400s\n", i, a + from, b + from);
  return FALSE;
}
