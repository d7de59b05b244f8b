/* number.c — phone number recognition and normalisation. */
#define G_LOG_DOMAIN "jgw-identity"
#include "identity/number.h"

#include <string.h>

/* Longer than any dialable string (E.164 has at most 15 digits; service
 * codes and internal extensions are short): anything longer is not a number. */
#define MAX_DIGITS 32

static gboolean
is_separator (char c)
{
  /* "030/123456" is the common German notation, hence the slash. */
  return c == ' ' || c == '\t' || c == '-' || c == '.' || c == '/' || c == '(' || c == ')'
         || c == '[' || c == ']';
}

static gboolean
is_dial_char (char c)
{
  return g_ascii_isdigit (c) || c == '*' || c == '#';
}

/* "+44 (0)20 7946 0958": the "(0)" is the national prefix written for
 * domestic callers and must not be dialled after the country code. */
static gboolean
is_trunk_zero (const char *p, const GString *out)
{
  gboolean international = out->len > 1 && (out->str[0] == '+' || g_str_has_prefix (out->str, "00"));
  return international && g_str_has_prefix (p, "(0)");
}

char *
jgw_number_strip (const char *s)
{
  if (s == NULL || strlen (s) > 4 * MAX_DIGITS)
    return NULL;
  g_autoptr (GString) out = g_string_new (NULL);
  gboolean have_digit = FALSE;
  for (const char *p = s; *p; p++)
    {
      if (is_trunk_zero (p, out))
        p += 2;
      else if (*p == '+' && out->len == 0)
        g_string_append_c (out, '+');
      else if (is_dial_char (*p))
        {
          have_digit |= g_ascii_isdigit (*p);
          g_string_append_c (out, *p);
        }
      else if (!is_separator (*p))
        return NULL;
    }
  if (!have_digit || out->len > MAX_DIGITS)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
jgw_number_is_phone (const char *s)
{
  g_autofree char *stripped = jgw_number_strip (s);
  return stripped != NULL;
}

/* The digits after PREFIX when N starts with it and more follows. */
static const char *
after_prefix (const char *n, const char *prefix)
{
  gsize len = strlen (prefix);
  if (len == 0 || strncmp (n, prefix, len) != 0 || n[len] == '\0')
    return NULL;
  return n + len;
}

char *
jgw_number_normalise (const char *s, const JgwNumberPlan *plan)
{
  g_autofree char *n = jgw_number_strip (s);
  if (n == NULL)
    return NULL;
  /* Service codes (*21#) and already international numbers stay as they are. */
  if (strpbrk (n, "*#") != NULL || n[0] == '+')
    return g_steal_pointer (&n);
  const char *intl = plan && plan->international_prefix ? plan->international_prefix : "00";
  const char *rest = after_prefix (n, intl);
  if (rest == NULL && plan && plan->us_international)
    rest = after_prefix (n, "011");
  if (rest != NULL)
    return g_strconcat ("+", rest, NULL);
  const char *national = plan && plan->national_prefix ? plan->national_prefix : "0";
  rest = after_prefix (n, national);
  if (rest != NULL && plan && plan->country_code && *plan->country_code)
    return g_strconcat ("+", plan->country_code, rest, NULL);
  return g_steal_pointer (&n);
}

gboolean
jgw_number_is_e164 (const char *normalised)
{
  return normalised != NULL && normalised[0] == '+' && g_ascii_isdigit (normalised[1]);
}
