/* jid.c — JID shape checks and XEP-0106 escaping. */
#include "xmpp/jid.h"

#include <string.h>

/* RFC 7622 forbids these in a local part (besides controls and spaces). */
static const char local_forbidden[] = "\"&'/:<>@";

gboolean
jgw_jid_is_valid (const char *jid)
{
  if (jid == NULL || *jid == '\0' || !g_utf8_validate (jid, -1, NULL))
    return FALSE;
  const char *slash = strchr (jid, '/');
  gsize bare_len = slash ? (gsize) (slash - jid) : strlen (jid);
  if (slash && (slash[1] == '\0' || strlen (slash + 1) > 1023))
    return FALSE;
  const char *at = memchr (jid, '@', bare_len);
  const char *domain = at ? at + 1 : jid;
  gsize domain_len = bare_len - (gsize) (domain - jid);
  if (domain_len == 0 || domain_len > 1023 || (at && (at == jid || at - jid > 1023)))
    return FALSE;
  for (const char *p = jid; p < jid + bare_len; p++)
    {
      if ((guchar) *p <= ' ' || *p == 0x7f)
        return FALSE;
      if (p < domain && p != at && strchr (local_forbidden, *p))
        return FALSE;
      if (p >= domain && strchr (local_forbidden, *p) && *p != ':')
        return FALSE;
    }
  return domain[0] != '.' && domain[domain_len - 1] != '.';
}

char *
jgw_jid_bare (const char *jid)
{
  if (!jgw_jid_is_valid (jid))
    return NULL;
  const char *slash = strchr (jid, '/');
  g_autofree char *bare = slash ? g_strndup (jid, (gsize) (slash - jid)) : g_strdup (jid);
  return g_utf8_strdown (bare, -1);
}

char *
jgw_jid_local (const char *jid)
{
  g_autofree char *bare = jgw_jid_bare (jid);
  char *at = bare ? strchr (bare, '@') : NULL;
  return at ? g_strndup (bare, (gsize) (at - bare)) : NULL;
}

char *
jgw_jid_domain (const char *jid)
{
  g_autofree char *bare = jgw_jid_bare (jid);
  if (bare == NULL)
    return NULL;
  char *at = strchr (bare, '@');
  return g_strdup (at ? at + 1 : bare);
}

const char *
jgw_jid_resource (const char *jid)
{
  const char *slash = jid ? strchr (jid, '/') : NULL;
  return slash && slash[1] ? slash + 1 : NULL;
}

/* XEP-0106 section 3.1: the ten characters and their escapes. */
static const struct {
  char c;
  const char *esc;
} escapes[] = {
  { ' ', "20" }, { '"', "22" }, { '&', "26" }, { '\'', "27" }, { '/', "2f" },
  { ':', "3a" }, { '<', "3c" }, { '>', "3e" }, { '@', "40" }, { '\\', "5c" },
};

static char
escape_sequence_char (const char *p)
{
  if (p[0] != '\\' || !g_ascii_isxdigit (p[1]) || !g_ascii_isxdigit (p[2]))
    return '\0';
  for (gsize i = 0; i < G_N_ELEMENTS (escapes); i++)
    if (g_ascii_tolower (p[1]) == escapes[i].esc[0] && g_ascii_tolower (p[2]) == escapes[i].esc[1])
      return escapes[i].c;
  return '\0';
}

char *
jgw_jid_escape (const char *local)
{
  GString *out = g_string_sized_new (strlen (local) + 8);
  for (const char *p = local; *p; p++)
    {
      /* A backslash is escaped only where it would otherwise start one of
       * the escape sequences (XEP-0106 section 4.3). */
      if (*p == '\\' && escape_sequence_char (p) == '\0')
        {
          g_string_append_c (out, '\\');
          continue;
        }
      const char *esc = NULL;
      for (gsize i = 0; i < G_N_ELEMENTS (escapes) && !esc; i++)
        if (escapes[i].c == *p)
          esc = escapes[i].esc;
      if (esc)
        g_string_append_printf (out, "\\%s", esc);
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

char *
jgw_jid_unescape (const char *local)
{
  GString *out = g_string_sized_new (strlen (local));
  for (const char *p = local; *p; p++)
    {
      char c = escape_sequence_char (p);
      if (c)
        {
          g_string_append_c (out, c);
          p += 2;
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}
