/* ldap_map.c — directory entries <-> identities and phone book entries. */
#define G_LOG_DOMAIN "jgw-ldap"
#include "ldap_map.h"

#include <string.h>

char **
ldap_map_attrs (const LdapConfig *cfg)
{
  GPtrArray *a = g_ptr_array_new ();
  g_ptr_array_add (a, g_strdup (cfg->jid_attribute));
  for (char **n = cfg->number_attributes; *n; n++)
    g_ptr_array_add (a, g_strdup (*n));
  for (char **n = cfg->name_attributes; *n; n++)
    g_ptr_array_add (a, g_strdup (*n));
  if (cfg->sip_attribute)
    g_ptr_array_add (a, g_strdup (cfg->sip_attribute));
  g_ptr_array_add (a, NULL);
  return (char **) g_ptr_array_free (a, FALSE);
}

/* RFC 4515 escaping of an assertion value. */
static char *
escape_value (const char *v)
{
  GString *out = g_string_new (NULL);
  for (const unsigned char *p = (const unsigned char *) v; *p; p++)
    if (strchr ("*()\\", *p) || *p < 0x20)
      g_string_append_printf (out, "\\%02x", *p);
    else
      g_string_append_c (out, (char) *p);
  return g_string_free (out, FALSE);
}

static char *
and_filter (const LdapConfig *cfg, const char *inner)
{
  return g_strdup_printf ("(&%s%s)", cfg->filter, inner);
}

char *
ldap_map_filter_jid (const LdapConfig *cfg, const char *jid)
{
  g_autofree char *value = NULL;
  if (g_ascii_strcasecmp (cfg->jid_attribute, "mail") == 0)
    value = escape_value (jid);
  else
    {
      const char *at = strchr (jid, '@');
      if (at == NULL || g_ascii_strcasecmp (at + 1, cfg->jid_domain) != 0)
        return NULL;
      g_autofree char *local = g_strndup (jid, (gsize) (at - jid));
      value = escape_value (local);
    }
  g_autofree char *inner = g_strdup_printf ("(%s=%s)", cfg->jid_attribute, value);
  return and_filter (cfg, inner);
}

/* The ways a number may be stored: as given, and in national format when
 * it is in our country ("+4930123" is also "030123"). LDAP's
 * telephoneNumberMatch ignores spaces and dashes. */
static GPtrArray *
number_variants (const LdapConfig *cfg, const char *number)
{
  GPtrArray *v = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (v, escape_value (number));
  if (cfg->country_code && number[0] == '+' && g_str_has_prefix (number + 1, cfg->country_code)
      && number[1 + strlen (cfg->country_code)] != '\0')
    {
      g_autofree char *national = g_strconcat ("0", number + 1 + strlen (cfg->country_code), NULL);
      g_ptr_array_add (v, escape_value (national));
    }
  return v;
}

char *
ldap_map_filter_number (const LdapConfig *cfg, const char *number)
{
  if (number == NULL || *number == '\0' || cfg->number_attributes[0] == NULL)
    return NULL;
  g_autoptr (GPtrArray) variants = number_variants (cfg, number);
  GString *inner = g_string_new ("(|");
  for (char **a = cfg->number_attributes; *a; a++)
    for (guint i = 0; i < variants->len; i++)
      g_string_append_printf (inner, "(%s=%s)", *a, (char *) g_ptr_array_index (variants, i));
  g_string_append_c (inner, ')');
  g_autofree char *s = g_string_free (inner, FALSE);
  return and_filter (cfg, s);
}

char *
ldap_map_filter_sip (const LdapConfig *cfg, const char *uri)
{
  if (cfg->sip_attribute == NULL)
    return NULL;
  const char *u = uri + (*uri == '<');
  g_autofree char *plain = g_strndup (u, strcspn (u, ";?>"));
  g_autofree char *value = escape_value (plain);
  g_autofree char *inner = g_strdup_printf ("(%s=%s)", cfg->sip_attribute, value);
  return and_filter (cfg, inner);
}

char *
ldap_map_filter_search (const LdapConfig *cfg, const char *query)
{
  g_autofree char *q = escape_value (query);
  GString *inner = g_string_new ("(|");
  for (char **a = cfg->name_attributes; *a; a++)
    g_string_append_printf (inner, "(%s=*%s*)", *a, q);
  for (char **a = cfg->number_attributes; *a; a++)
    g_string_append_printf (inner, "(%s=*%s*)", *a, q);
  g_string_append_printf (inner, "(%s=*%s*))", cfg->jid_attribute, q);
  g_autofree char *s = g_string_free (inner, FALSE);
  return and_filter (cfg, s);
}

static char *
jid_of (const LdapConfig *cfg, const LdEntry *e)
{
  const char *v = ld_entry_first (e, cfg->jid_attribute);
  if (v == NULL)
    return NULL;
  if (strchr (v, '@') != NULL)
    return g_utf8_strdown (v, -1);
  if (cfg->jid_domain == NULL)
    return NULL;
  g_autofree char *jid = g_strconcat (v, "@", cfg->jid_domain, NULL);
  return g_utf8_strdown (jid, -1);
}

static const char *
name_of (const LdapConfig *cfg, const LdEntry *e)
{
  for (char **a = cfg->name_attributes; *a; a++)
    if (ld_entry_first (e, *a))
      return ld_entry_first (e, *a);
  return NULL;
}

/* "+49 30 123-4" -> "+49301234", and "030 1234" -> "+49301234" with
 * country code 49: what goes into a SIP URI (E.164 where it can be). */
static char *
compact_number (const LdapConfig *cfg, const char *n)
{
  GString *out = g_string_new (NULL);
  for (const char *p = n; *p; p++)
    if (g_ascii_isdigit (*p) || ((*p == '+') && out->len == 0) || *p == '*' || *p == '#')
      g_string_append_c (out, *p);
  g_autofree char *digits = g_string_free (out, FALSE);
  gboolean dialable = strpbrk (digits, "*#") == NULL;
  if (dialable && g_str_has_prefix (digits, "00") && digits[2])
    return g_strconcat ("+", digits + 2, NULL);
  if (dialable && digits[0] == '0' && digits[1] && cfg->country_code)
    return g_strconcat ("+", cfg->country_code, digits + 1, NULL);
  return g_steal_pointer (&digits);
}

JgwIdentity *
ldap_map_identity (const LdapConfig *cfg, const LdEntry *e)
{
  JgwIdentity *id = g_new0 (JgwIdentity, 1);
  id->jid = jid_of (cfg, e);
  id->display_name = g_strdup (name_of (cfg, e));
  GPtrArray *numbers = g_ptr_array_new ();
  for (char **a = cfg->number_attributes; *a; a++)
    {
      GPtrArray *v = ld_entry_values (e, *a);
      for (guint i = 0; v && i < v->len; i++)
        g_ptr_array_add (numbers, g_strdup (g_ptr_array_index (v, i)));
    }
  g_ptr_array_add (numbers, NULL);
  id->numbers = (char **) g_ptr_array_free (numbers, FALSE);
  const char *sip = cfg->sip_attribute ? ld_entry_first (e, cfg->sip_attribute) : NULL;
  if (sip)
    id->sip_uri = g_strdup (sip);
  else if (cfg->sip_domain && id->numbers[0])
    {
      g_autofree char *n = compact_number (cfg, id->numbers[0]);
      id->sip_uri = g_strdup_printf ("sip:%s@%s", n, cfg->sip_domain);
    }
  id->source = g_strdup ("ldap");
  return id;
}

JgwIdentity *
ldap_map_identity_copy (const JgwIdentity *s)
{
  if (s == NULL)
    return NULL;
  JgwIdentity *d = g_new0 (JgwIdentity, 1);
  d->jid = g_strdup (s->jid);
  d->sip_uri = g_strdup (s->sip_uri);
  d->auth_user = g_strdup (s->auth_user);
  d->password = g_strdup (s->password);
  d->registrar = g_strdup (s->registrar);
  d->outbound_proxy = g_strdup (s->outbound_proxy);
  d->display_name = g_strdup (s->display_name);
  d->country_code = g_strdup (s->country_code);
  d->route_profile = g_strdup (s->route_profile);
  d->numbers = g_strdupv (s->numbers);
  d->source = g_strdup (s->source);
  return d;
}

/* telephoneNumber <-> "work", mobile <-> "mobile", homePhone <-> "home". */
static const struct {
  const char *attr, *description;
} kinds[] = { { "telephoneNumber", "work" }, { "mobile", "mobile" }, { "homePhone", "home" } };

static const char *
description_of (const char *attr)
{
  for (gsize i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_ascii_strcasecmp (attr, kinds[i].attr) == 0)
      return kinds[i].description;
  return attr;
}

static const char *
attr_for (const LdapConfig *cfg, const char *description)
{
  for (char **a = cfg->number_attributes; *a; a++)
    if (description && g_ascii_strcasecmp (description_of (*a), description) == 0)
      return *a;
  return cfg->number_attributes[0];
}

JgwDirEntry *
ldap_map_dir_entry (const LdapConfig *cfg, const LdEntry *e)
{
  JgwDirEntry *d = jgw_dir_entry_new ();
  d->id = g_strdup (e->dn);
  d->name = g_strdup (name_of (cfg, e));
  d->jid = jid_of (cfg, e);
  d->sip_uri = g_strdup (cfg->sip_attribute ? ld_entry_first (e, cfg->sip_attribute) : NULL);
  for (char **a = cfg->number_attributes; *a; a++)
    {
      GPtrArray *v = ld_entry_values (e, *a);
      for (guint i = 0; v && i < v->len; i++)
        jgw_dir_entry_add_number (d, g_ptr_array_index (v, i), description_of (*a));
    }
  return d;
}

/* RFC 4514 escaping of an RDN value. */
static char *
escape_rdn (const char *v)
{
  GString *out = g_string_new (NULL);
  gsize n = strlen (v);
  for (gsize i = 0; i < n; i++)
    {
      gboolean edge = (i == 0 && (v[i] == ' ' || v[i] == '#')) || (i == n - 1 && v[i] == ' ');
      if (edge || strchr (",+\"\\<>;=", v[i]))
        g_string_append_c (out, '\\');
      g_string_append_c (out, v[i]);
    }
  return g_string_free (out, FALSE);
}

char *
ldap_map_new_dn (const LdapConfig *cfg, const JgwDirEntry *entry)
{
  g_autofree char *rdn = escape_rdn (entry->name);
  return g_strdup_printf ("cn=%s,%s", rdn, cfg->people_base);
}

static void
mod_add (GPtrArray *mods, int op, const char *attr, GPtrArray *values /* of char*, or NULL */)
{
  LDAPMod *m = g_new0 (LDAPMod, 1);
  m->mod_op = op;
  m->mod_type = g_strdup (attr);
  GPtrArray *v = g_ptr_array_new ();
  for (guint i = 0; values && i < values->len; i++)
    g_ptr_array_add (v, g_strdup (g_ptr_array_index (values, i)));
  g_ptr_array_add (v, NULL);
  m->mod_values = (char **) g_ptr_array_free (v, FALSE);
  g_ptr_array_add (mods, m);
}

static void
mod_one (GPtrArray *mods, int op, const char *attr, const char *value)
{
  g_autoptr (GPtrArray) v = g_ptr_array_new ();
  g_ptr_array_add (v, (gpointer) value);
  mod_add (mods, op, attr, v);
}

LDAPMod **
ldap_map_mods (const LdapConfig *cfg, const JgwDirEntry *entry, gboolean add)
{
  GPtrArray *mods = g_ptr_array_new ();
  int op = add ? LDAP_MOD_ADD : LDAP_MOD_REPLACE;
  if (add)
    {
      const char *last = strrchr (entry->name, ' ');
      mod_one (mods, op, "objectClass", "inetOrgPerson");
      mod_one (mods, op, "cn", entry->name);
      mod_one (mods, op, "sn", last && last[1] ? last + 1 : entry->name);
    }
  if (entry->name)
    mod_one (mods, op, "displayName", entry->name);
  if (entry->jid && g_ascii_strcasecmp (cfg->jid_attribute, "mail") == 0)
    mod_one (mods, op, "mail", entry->jid);
  if (entry->sip_uri && cfg->sip_attribute)
    mod_one (mods, op, cfg->sip_attribute, entry->sip_uri);
  for (char **a = cfg->number_attributes; *a; a++)
    {
      g_autoptr (GPtrArray) v = g_ptr_array_new ();
      for (guint i = 0; entry->numbers && i < entry->numbers->len; i++)
        {
          const JgwDirNumber *n = g_ptr_array_index (entry->numbers, i);
          if (attr_for (cfg, n->description) == *a)
            g_ptr_array_add (v, n->number);
        }
      /* REPLACE with no values removes the attribute: numbers can be deleted. */
      if (v->len > 0 || !add)
        mod_add (mods, op, *a, v);
    }
  g_ptr_array_add (mods, NULL);
  return (LDAPMod **) g_ptr_array_free (mods, FALSE);
}
