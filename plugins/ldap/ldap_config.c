/* ldap_config.c — [ldap] keys: read, validate, default. */
#define G_LOG_DOMAIN "jgw-ldap"
#include "ldap_map.h"

#include <string.h>

static const char *const known_keys[] = {
  "uri", "starttls", "tls-verify", "tls-ca-file", "bind-dn", "bind-password", "base", "people-base",
  "filter", "jid-attribute", "jid-domain", "number-attributes", "sip-attribute", "name-attributes",
  "country-code", "cache-ttl", "timeout", "search-limit", NULL,
};

typedef struct {
  GKeyFile *kf;
  const char *file;
  GString *errors;
} Check;

static void G_GNUC_PRINTF (3, 4)
complain (Check *ck, const char *key, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *what = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_string_append_printf (ck->errors, "%s%s: [ldap] %s: %s", ck->errors->len ? "\n" : "", ck->file, key, what);
}

static char *
str (Check *ck, const char *key, const char *fallback)
{
  g_autofree char *v = g_key_file_get_value (ck->kf, "ldap", key, NULL);
  return v && *g_strstrip (v) ? g_strdup (v) : g_strdup (fallback);
}

static char **
list (Check *ck, const char *key, const char *fallback)
{
  g_autofree char *v = str (ck, key, fallback);
  g_auto (GStrv) raw = g_strsplit (v ? v : "", ",", -1);
  GPtrArray *out = g_ptr_array_new ();
  for (char **p = raw; *p; p++)
    if (*g_strstrip (*p))
      g_ptr_array_add (out, g_strdup (*p));
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

static gboolean
boolean (Check *ck, const char *key, gboolean fallback)
{
  g_autofree char *v = str (ck, key, NULL);
  if (v == NULL)
    return fallback;
  if (g_ascii_strcasecmp (v, "true") == 0 || g_ascii_strcasecmp (v, "yes") == 0 || strcmp (v, "1") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (v, "false") == 0 || g_ascii_strcasecmp (v, "no") == 0 || strcmp (v, "0") == 0)
    return FALSE;
  complain (ck, key, "'%s' is not true or false", v);
  return fallback;
}

static guint
number (Check *ck, const char *key, guint min, guint max, guint fallback)
{
  g_autofree char *v = str (ck, key, NULL);
  guint64 n;
  if (v == NULL)
    return fallback;
  if (g_ascii_string_to_unsigned (v, 10, min, max, &n, NULL))
    return (guint) n;
  complain (ck, key, "'%s' is not a number from %u to %u", v, min, max);
  return fallback;
}

static gboolean
is_attribute (const char *a)
{
  return a && g_ascii_isalpha (a[0]) && strspn (a, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") == strlen (a);
}

static void
check_values (Check *ck, LdapConfig *c)
{
  if (c->uri == NULL)
    complain (ck, "uri", "missing required key");
  else if (!g_str_has_prefix (c->uri, "ldap://") && !g_str_has_prefix (c->uri, "ldaps://"))
    complain (ck, "uri", "'%s' is not an ldap:// or ldaps:// URI", c->uri);
  else if (!ldap_is_ldap_url (c->uri))
    complain (ck, "uri", "'%s' is not a valid LDAP URI", c->uri);
  if (c->starttls && c->uri && g_str_has_prefix (c->uri, "ldaps://"))
    complain (ck, "starttls", "cannot be used with ldaps:// (already TLS)");
  if (c->base == NULL)
    complain (ck, "base", "missing required key");
  if (c->bind_dn && c->bind_password == NULL)
    complain (ck, "bind-password", "required with bind-dn");
  if (c->filter[0] != '(' || c->filter[strlen (c->filter) - 1] != ')')
    complain (ck, "filter", "'%s' is not an LDAP filter in parentheses", c->filter);
  if (!is_attribute (c->jid_attribute))
    complain (ck, "jid-attribute", "'%s' is not an attribute name", c->jid_attribute);
  else if (g_ascii_strcasecmp (c->jid_attribute, "mail") != 0 && c->jid_domain == NULL)
    complain (ck, "jid-domain", "required when jid-attribute is not mail");
  for (char **a = c->number_attributes; *a; a++)
    if (!is_attribute (*a))
      complain (ck, "number-attributes", "'%s' is not an attribute name", *a);
  for (char **a = c->name_attributes; *a; a++)
    if (!is_attribute (*a))
      complain (ck, "name-attributes", "'%s' is not an attribute name", *a);
  if (c->name_attributes[0] == NULL)
    complain (ck, "name-attributes", "needs at least one attribute");
  if (c->sip_attribute && !is_attribute (c->sip_attribute))
    complain (ck, "sip-attribute", "'%s' is not an attribute name", c->sip_attribute);
  if (c->country_code && strspn (c->country_code, "0123456789") != strlen (c->country_code))
    complain (ck, "country-code", "'%s' is not digits", c->country_code);
}

LdapConfig *
ldap_config_new (GKeyFile *kf, const char *file, GError **error)
{
  Check ck = { kf, file ? file : "<config>", g_string_new (NULL) };
  g_auto (GStrv) keys = g_key_file_get_keys (kf, "ldap", NULL, NULL);
  for (char **k = keys; k && *k; k++)
    if (!g_strv_contains (known_keys, *k))
      g_warning ("%s: [ldap] unknown key '%s' is ignored", ck.file, *k);
  LdapConfig *c = g_new0 (LdapConfig, 1);
  c->uri = str (&ck, "uri", NULL);
  c->starttls = boolean (&ck, "starttls", FALSE);
  c->tls_verify = boolean (&ck, "tls-verify", TRUE);
  c->tls_ca_file = str (&ck, "tls-ca-file", NULL);
  c->bind_dn = str (&ck, "bind-dn", NULL);
  c->bind_password = str (&ck, "bind-password", NULL);
  c->base = str (&ck, "base", NULL);
  c->people_base = str (&ck, "people-base", c->base);
  c->filter = str (&ck, "filter", "(objectClass=inetOrgPerson)");
  c->jid_attribute = str (&ck, "jid-attribute", "mail");
  c->jid_domain = str (&ck, "jid-domain", NULL);
  c->number_attributes = list (&ck, "number-attributes", "telephoneNumber, mobile, homePhone");
  c->sip_attribute = str (&ck, "sip-attribute", NULL);
  c->name_attributes = list (&ck, "name-attributes", "displayName, cn");
  g_autofree char *dialplan_cc = g_key_file_get_value (kf, "dialplan", "country-code", NULL);
  c->country_code = str (&ck, "country-code", dialplan_cc ? g_strstrip (dialplan_cc) : NULL);
  c->sip_domain = g_key_file_get_value (kf, "sip", "domain", NULL);
  if (c->sip_domain)
    g_strstrip (c->sip_domain);
  c->cache_ttl = number (&ck, "cache-ttl", 0, 86400, 60);
  c->timeout = number (&ck, "timeout", 1, 120, 5);
  c->search_limit = number (&ck, "search-limit", 1, 1000, 50);
  check_values (&ck, c);
  if (ck.errors->len == 0)
    {
      g_string_free (ck.errors, TRUE);
      return c;
    }
  g_set_error_literal (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE, ck.errors->str);
  g_string_free (ck.errors, TRUE);
  ldap_config_free (c);
  return NULL;
}

void
ldap_config_free (LdapConfig *c)
{
  if (c == NULL)
    return;
  g_free (c->uri);
  g_free (c->tls_ca_file);
  g_free (c->bind_dn);
  if (c->bind_password)
    memset (c->bind_password, 0, strlen (c->bind_password));
  g_free (c->bind_password);
  g_free (c->base);
  g_free (c->people_base);
  g_free (c->filter);
  g_free (c->jid_attribute);
  g_free (c->jid_domain);
  g_strfreev (c->number_attributes);
  g_free (c->sip_attribute);
  g_strfreev (c->name_attributes);
  g_free (c->country_code);
  g_free (c->sip_domain);
  g_free (c);
}
