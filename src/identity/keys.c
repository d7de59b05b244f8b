/* keys.c — validation helpers for the identity module's config groups. */
#define G_LOG_DOMAIN "jgw-identity"
#include "identity/keys.h"

#include <string.h>

#include "config_check.h"

void
jgw_keycheck_init (JgwKeyCheck *ck, GKeyFile *kf, const char *file)
{
  ck->kf = kf;
  ck->file = file ? file : "<config>";
  ck->errors = g_string_new (NULL);
}

void
jgw_keycheck_complain (JgwKeyCheck *ck, const char *group, const char *key, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *what = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  if (ck->errors->len)
    g_string_append_c (ck->errors, '\n');
  g_string_append_printf (ck->errors, "%s: [%s] %s: %s", ck->file, group, key, what);
}

void
jgw_keycheck_warn_unknown (JgwKeyCheck *ck, const char *group, const char *const *known)
{
  g_auto (GStrv) keys = g_key_file_get_keys (ck->kf, group, NULL, NULL);
  for (char **k = keys; k && *k; k++)
    if (!g_strv_contains (known, *k))
      g_warning ("%s: [%s] unknown key '%s' is ignored", ck->file, group, *k);
}

char *
jgw_keycheck_str (JgwKeyCheck *ck, const char *group, const char *key, const char *fallback)
{
  g_autofree char *v = g_key_file_get_value (ck->kf, group, key, NULL);
  return v ? g_strdup (g_strstrip (v)) : g_strdup (fallback);
}

char **
jgw_keycheck_list (JgwKeyCheck *ck, const char *group, const char *key)
{
  g_autofree char *v = jgw_keycheck_str (ck, group, key, NULL);
  if (v == NULL)
    return NULL;
  g_auto (GStrv) raw = g_strsplit (v, ",", -1);
  GPtrArray *out = g_ptr_array_new ();
  for (char **p = raw; *p; p++)
    if (*g_strstrip (*p))
      g_ptr_array_add (out, g_strdup (*p));
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

gboolean
jgw_keycheck_bool (JgwKeyCheck *ck, const char *group, const char *key, gboolean fallback)
{
  static const char *const choices[] = { "false", "true", "no", "yes", "off", "on", "0", "1", NULL };
  int i = jgw_keycheck_enum (ck, group, key, choices, fallback ? 1 : 0);
  return i % 2 == 1;
}

guint
jgw_keycheck_uint (JgwKeyCheck *ck, const char *group, const char *key, guint min, guint max,
                   guint fallback)
{
  g_autofree char *v = jgw_keycheck_str (ck, group, key, NULL);
  guint64 out;
  if (v == NULL)
    return fallback;
  if (jgw_check_uint (v, min, max, &out))
    return (guint) out;
  jgw_keycheck_complain (ck, group, key, "'%s' is not a number from %u to %u", v, min, max);
  return fallback;
}

int
jgw_keycheck_enum (JgwKeyCheck *ck, const char *group, const char *key,
                   const char *const *choices, int fallback)
{
  g_autofree char *v = jgw_keycheck_str (ck, group, key, NULL);
  if (v == NULL)
    return fallback;
  for (int i = 0; choices[i]; i++)
    if (g_ascii_strcasecmp (v, choices[i]) == 0)
      return i;
  g_autofree char *all = g_strjoinv ("|", (char **) choices);
  jgw_keycheck_complain (ck, group, key, "'%s' is not one of %s", v, all);
  return fallback;
}

char *
jgw_keycheck_digits (JgwKeyCheck *ck, const char *group, const char *key, guint min, guint max,
                     const char *fallback)
{
  g_autofree char *v = jgw_keycheck_str (ck, group, key, NULL);
  if (v == NULL)
    return g_strdup (fallback);
  gsize n = strlen (v);
  gboolean ok = n >= min && n <= max && strspn (v, "0123456789") == n;
  if (ok)
    return g_steal_pointer (&v);
  jgw_keycheck_complain (ck, group, key, "'%s' is not %u to %u digits", v, min, max);
  return g_strdup (fallback);
}

gboolean
jgw_keycheck_finish (JgwKeyCheck *ck, GQuark domain, int code, GError **error)
{
  gboolean ok = ck->errors->len == 0;
  if (!ok)
    g_set_error_literal (error, domain, code, ck->errors->str);
  g_string_free (ck->errors, TRUE);
  ck->errors = NULL;
  return ok;
}
