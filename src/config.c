/* config.c — load the INI file, check it against config_schema.c, fill the
 * typed structs with values and defaults. Every problem names the file, the
 * group and the key; all problems are reported at once. */
#include "jgw-build.h"
#include "config.h"

#include <string.h>

#include "config_check.h"
#include "config_schema.h"
#include "xmpp/jid.h"

G_DEFINE_QUARK (jgw-config-error-quark, jgw_config_error)

static void
user_config_free (gpointer p)
{
  JgwUserConfig *u = p;
  g_free (u->jid);
  g_free (u->sip_uri);
  g_free (u->auth_user);
  g_free (u->password);
  g_free (u->registrar);
  g_free (u->display_name);
  g_free (u->country_code);
  g_free (u->desk_phone);
  g_free (u);
}

void
jgw_config_free (JgwConfig *c)
{
  if (c == NULL)
    return;
  g_free (c->path);
  g_clear_pointer (&c->keyfile, g_key_file_unref);
  g_free (c->log_level);
  g_free (c->component.jid);
  g_free (c->component.secret);
  g_free (c->component.host);
  g_free (c->component.name);
  g_free (c->sip.listen_host);
  g_free (c->sip.domain);
  g_free (c->sip.outbound_proxy);
  g_free (c->sip.tls_listen_host);
  g_free (c->sip.tls_certificate);
  g_free (c->sip.tls_key);
  g_strfreev (c->sip.trusted_peers);
  g_free (c->sip.user_agent);
  g_strfreev (c->media.ice_addresses);
  g_free (c->media.stun_server);
  g_free (c->media.turn_server);
  g_free (c->media.turn_user);
  g_free (c->media.turn_password);
  g_free (c->store_path);
  g_strfreev (c->admins);
  g_strfreev (c->registration_allowed);
  g_strfreev (c->plugins);
  g_free (c->plugin_dir);
  g_clear_pointer (&c->users, g_ptr_array_unref);
  g_free (c);
}

/* Lists may be written "a, b" or "a;b" (GKeyFile's own separator). */
static char **
split_list (const char *value)
{
  g_auto (GStrv) raw = g_strsplit_set (value, ",;", -1);
  GPtrArray *out = g_ptr_array_new ();
  for (char **p = raw; *p; p++)
    {
      char *item = g_strstrip (*p);
      if (*item)
        g_ptr_array_add (out, g_strdup (item));
    }
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

/* Returns NULL if VALUE fits SPEC, else a sentence saying what is wrong. */
static char *
check_value (const JgwKeySpec *spec, const char *value)
{
  g_auto (GStrv) items = NULL;
  guint16 a, b;

  switch (spec->type)
    {
    case JGW_KEY_STRING:
    case JGW_KEY_SECRET:
    case JGW_KEY_LIST:
      return *value ? NULL : g_strdup ("must not be empty");
    case JGW_KEY_PATH:
      return *value ? NULL : g_strdup ("must be a file path");
    case JGW_KEY_DOMAIN:
      return jgw_jid_is_valid (value) && !strchr (value, '@') && !strchr (value, '/')
                 ? NULL
                 : g_strdup_printf ("'%s' is not a valid JID domain", value);
    case JGW_KEY_HOST:
      return jgw_check_host (value) ? NULL
                                    : g_strdup_printf ("'%s' is not an IP address or host name", value);
    case JGW_KEY_HOSTPORT:
      return jgw_check_host_port (value, NULL, NULL)
                 ? NULL
                 : g_strdup_printf ("'%s' is not an address:port (port 1-65535)", value);
    case JGW_KEY_UINT:
      return jgw_check_uint (value, spec->min, spec->max, NULL)
                 ? NULL
                 : g_strdup_printf ("'%s' is out of range (%" G_GUINT64_FORMAT "-%" G_GUINT64_FORMAT ")",
                                    value, spec->min, spec->max);
    case JGW_KEY_BOOL:
      return g_strcmp0 (value, "true") == 0 || g_strcmp0 (value, "false") == 0
                 ? NULL
                 : g_strdup_printf ("'%s' is not true or false", value);
    case JGW_KEY_SIPURI:
      return jgw_check_sip_uri (value) ? NULL
                                       : g_strdup_printf ("'%s' is not a valid SIP URI", value);
    case JGW_KEY_HOSTLIST:
      items = split_list (value);
      for (char **p = items; *p; p++)
        if (!jgw_check_host (*p))
          return g_strdup_printf ("'%s' is not an IP address or host name", *p);
      return NULL;
    case JGW_KEY_JIDLIST:
      items = split_list (value);
      for (char **p = items; *p; p++)
        if (!jgw_jid_is_valid (*p) || strchr (*p, '/'))
          return g_strdup_printf ("'%s' is not a valid bare JID", *p);
      return NULL;
    case JGW_KEY_RANGE:
      return jgw_check_port_range (value, &a, &b)
                 ? NULL
                 : g_strdup_printf ("'%s' is not a port range LOW-HIGH within 1-65535", value);
    case JGW_KEY_ENUM:
      items = g_strsplit (spec->choices, "|", -1);
      return g_strv_contains ((const char *const *) items, value)
                 ? NULL
                 : g_strdup_printf ("'%s' is not one of %s", value, spec->choices);
    case JGW_KEY_DIGITS:
      {
        gsize n = strlen (value);
        gboolean digits = n >= spec->min && n <= spec->max;
        for (const char *p = value; digits && *p; p++)
          digits = g_ascii_isdigit (*p);
        return digits ? NULL
                      : g_strdup_printf ("'%s' must be %" G_GUINT64_FORMAT "-%" G_GUINT64_FORMAT " digits",
                                         value, spec->min, spec->max);
      }
    }
  g_assert_not_reached ();
}

typedef struct {
  const char *name;
  GKeyFile *kf;
  GString *errors;
} Checker;

static void G_GNUC_PRINTF (4, 5)
complain (Checker *ck, const char *group, const char *key, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *what = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  if (ck->errors->len)
    g_string_append_c (ck->errors, '\n');
  g_string_append_printf (ck->errors, "%s: [%s] %s: %s", ck->name, group, key, what);
}

static void
check_group (Checker *ck, const char *group)
{
  if (g_str_has_prefix (group, "user:"))
    {
      const char *jid = group + strlen ("user:");
      if (!jgw_jid_is_valid (jid) || !strchr (jid, '@') || strchr (jid, '/'))
        complain (ck, group, "(group name)", "'%s' is not a bare JID user@domain", jid);
    }
  g_auto (GStrv) keys = g_key_file_get_keys (ck->kf, group, NULL, NULL);
  for (char **k = keys; k && *k; k++)
    {
      const JgwKeySpec *spec = jgw_schema_lookup (group, *k);
      if (spec == NULL)
        {
          g_warning ("%s: [%s] unknown key '%s' is ignored", ck->name, group, *k);
          continue;
        }
      g_autofree char *value = g_key_file_get_value (ck->kf, group, *k, NULL);
      g_strstrip (value);
      g_autofree char *why = check_value (spec, value);
      if (why)
        complain (ck, group, *k, "%s", why);
    }
}

static void
check_required (Checker *ck, char **groups)
{
  gsize n;
  const JgwKeySpec *rows = jgw_schema_rows (&n);
  for (gsize i = 0; i < n; i++)
    {
      if (!rows[i].required)
        continue;
      gboolean pattern = g_str_has_suffix (rows[i].group, "*");
      if (!pattern && !g_key_file_has_key (ck->kf, rows[i].group, rows[i].key, NULL))
        complain (ck, rows[i].group, rows[i].key, "missing required key");
      for (char **g = groups; pattern && *g; g++)
        if (jgw_schema_lookup (*g, rows[i].key) == &rows[i]
            && !g_key_file_has_key (ck->kf, *g, rows[i].key, NULL))
          complain (ck, *g, rows[i].key, "missing required key");
    }
  if (g_key_file_has_key (ck->kf, "sip", "tls-listen", NULL))
    for (const char *const *k = (const char *const[]){ "tls-certificate", "tls-key", NULL }; *k; k++)
      if (!g_key_file_has_key (ck->kf, "sip", *k, NULL))
        complain (ck, "sip", *k, "required when tls-listen is set");
}

static char *
get_str (GKeyFile *kf, const char *group, const char *key, const char *fallback)
{
  g_autofree char *v = g_key_file_get_value (kf, group, key, NULL);
  if (v == NULL)
    return g_strdup (fallback);
  return g_strdup (g_strstrip (v));
}

static guint
get_uint (GKeyFile *kf, const char *group, const char *key, guint fallback)
{
  g_autofree char *v = get_str (kf, group, key, NULL);
  guint64 out;
  return v && jgw_check_uint (v, 0, G_MAXUINT, &out) ? (guint) out : fallback;
}

static char **
get_list (GKeyFile *kf, const char *group, const char *key)
{
  g_autofree char *v = get_str (kf, group, key, NULL);
  return v ? split_list (v) : NULL;
}

static void
fill_users (JgwConfig *c, char **groups)
{
  c->users = g_ptr_array_new_with_free_func (user_config_free);
  for (char **g = groups; *g; g++)
    {
      if (!g_str_has_prefix (*g, "user:"))
        continue;
      JgwUserConfig *u = g_new0 (JgwUserConfig, 1);
      u->jid = g_utf8_strdown (*g + strlen ("user:"), -1);
      u->sip_uri = get_str (c->keyfile, *g, "sip-uri", NULL);
      u->auth_user = get_str (c->keyfile, *g, "auth-user", NULL);
      u->password = get_str (c->keyfile, *g, "password", NULL);
      u->registrar = get_str (c->keyfile, *g, "registrar", NULL);
      u->display_name = get_str (c->keyfile, *g, "display-name", NULL);
      u->country_code = get_str (c->keyfile, *g, "country-code", NULL);
      u->desk_phone = get_str (c->keyfile, *g, "desk-phone", NULL);
      g_ptr_array_add (c->users, u);
    }
}

static void
fill (JgwConfig *c, char **groups)
{
  GKeyFile *kf = c->keyfile;
  c->log_level = get_str (kf, "log", "level", "message");

  c->component.jid = get_str (kf, "component", "jid", NULL);
  c->component.secret = get_str (kf, "component", "secret", NULL);
  c->component.host = get_str (kf, "component", "host", "127.0.0.1");
  c->component.port = (guint16) get_uint (kf, "component", "port", 5347);
  c->component.name = get_str (kf, "component", "name", "SIP gateway");

  g_autofree char *listen = get_str (kf, "sip", "listen", NULL);
  jgw_check_host_port (listen, &c->sip.listen_host, &c->sip.listen_port);
  g_autofree char *tls = get_str (kf, "sip", "tls-listen", NULL);
  if (tls)
    jgw_check_host_port (tls, &c->sip.tls_listen_host, &c->sip.tls_listen_port);
  c->sip.domain = get_str (kf, "sip", "domain", NULL);
  c->sip.outbound_proxy = get_str (kf, "sip", "outbound-proxy", NULL);
  c->sip.tls_certificate = get_str (kf, "sip", "tls-certificate", NULL);
  c->sip.tls_key = get_str (kf, "sip", "tls-key", NULL);
  c->sip.trusted_peers = get_list (kf, "sip", "trusted-peers");
  c->sip.registration_expires = get_uint (kf, "sip", "registration-expires", 600);
  c->sip.user_agent = get_str (kf, "sip", "user-agent", "jinglegw/" PACKAGE_VERSION);

  c->media.ice_addresses = get_list (kf, "media", "ice-addresses");
  g_autofree char *range = get_str (kf, "media", "port-range", "40000-49999");
  jgw_check_port_range (range, &c->media.port_min, &c->media.port_max);
  c->media.stun_server = get_str (kf, "media", "stun-server", NULL);
  c->media.turn_server = get_str (kf, "media", "turn-server", NULL);
  c->media.turn_user = get_str (kf, "media", "turn-user", NULL);
  c->media.turn_password = get_str (kf, "media", "turn-password", NULL);
  c->media.opus_complexity = get_uint (kf, "media", "opus-complexity", 5);
  c->media.media_timeout = get_uint (kf, "media", "media-timeout", 30);
  c->media.jitter_latency = get_uint (kf, "media", "jitter-latency", 40);
  g_autofree char *extdisco = get_str (kf, "media", "external-services", "true");
  c->media.external_services = g_strcmp0 (extdisco, "true") == 0;
  c->media.external_services_timeout = get_uint (kf, "media", "external-services-timeout", 3000);

  c->calls.ring_time = get_uint (kf, "calls", "ring-time", 30);
  c->calls.max_calls_per_user = get_uint (kf, "calls", "max-calls-per-user", 4);
  g_autofree char *cw = get_str (kf, "calls", "call-waiting", "true");
  c->calls.call_waiting = g_strcmp0 (cw, "true") == 0;

  c->store_path = get_str (kf, "store", "path", JGW_LOCALSTATEDIR "/lib/jinglegw/jinglegw.db");
  c->admins = get_list (kf, "admin", "jids");
  g_autofree char *reg = get_str (kf, "registration", "enabled", "true");
  c->registration_enabled = g_strcmp0 (reg, "true") == 0;
  c->registration_allowed = get_list (kf, "registration", "allowed");
  c->plugins = get_list (kf, "plugins", "load");
  c->plugin_dir = get_str (kf, "plugins", "directory", JGW_PLUGINDIR);
  fill_users (c, groups);
}

static JgwConfig *
validate (GKeyFile *kf, const char *name, GError **error)
{
  g_auto (GStrv) groups = g_key_file_get_groups (kf, NULL);
  Checker ck = { name, kf, g_string_new (NULL) };
  for (char **g = groups; *g; g++)
    {
      if (jgw_schema_group_known (*g))
        check_group (&ck, *g);
      else if (!jgw_schema_group_foreign (*g))
        g_warning ("%s: unknown group [%s] is ignored", name, *g);
    }
  check_required (&ck, groups);
  if (ck.errors->len)
    {
      g_set_error_literal (error, JGW_CONFIG_ERROR, JGW_CONFIG_ERROR_INVALID, ck.errors->str);
      g_string_free (ck.errors, TRUE);
      return NULL;
    }
  g_string_free (ck.errors, TRUE);
  JgwConfig *c = g_new0 (JgwConfig, 1);
  c->path = g_strdup (name);
  c->keyfile = g_key_file_ref (kf);
  fill (c, groups);
  return c;
}

JgwConfig *
jgw_config_load_data (const char *data, const char *name, GError **error)
{
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_autoptr (GError) local = NULL;
  if (!g_key_file_load_from_data (kf, data, (gsize) -1, G_KEY_FILE_NONE, &local))
    {
      g_set_error (error, JGW_CONFIG_ERROR, JGW_CONFIG_ERROR_READ, "%s: %s", name, local->message);
      return NULL;
    }
  return validate (kf, name, error);
}

JgwConfig *
jgw_config_load (const char *path, GError **error)
{
  g_autofree char *data = NULL;
  g_autoptr (GError) local = NULL;
  if (!g_file_get_contents (path, &data, NULL, &local))
    {
      g_set_error (error, JGW_CONFIG_ERROR, JGW_CONFIG_ERROR_READ, "%s: %s", path, local->message);
      return NULL;
    }
  return jgw_config_load_data (data, path, error);
}

const JgwUserConfig *
jgw_config_find_user (const JgwConfig *config, const char *bare_jid)
{
  for (guint i = 0; config->users && i < config->users->len; i++)
    {
      const JgwUserConfig *u = g_ptr_array_index (config->users, i);
      if (g_ascii_strcasecmp (u->jid, bare_jid) == 0)
        return u;
    }
  return NULL;
}
