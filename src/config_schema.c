/* config_schema.c — every known group and key, with its type and bounds.
 * Adding a key means adding one row here and documenting it in
 * conf/jinglegw.conf.example; plugins validate their own groups. */
#include "config_schema.h"

#include <string.h>

static const JgwKeySpec schema[] = {
  /* group            key                   type            req    min  max    choices */
  { "component",      "jid",                JGW_KEY_DOMAIN,   TRUE,  0, 0,     NULL },
  { "component",      "secret",             JGW_KEY_SECRET,   TRUE,  0, 0,     NULL },
  { "component",      "host",               JGW_KEY_HOST,     FALSE, 0, 0,     NULL },
  { "component",      "port",               JGW_KEY_UINT,     FALSE, 1, 65535, NULL },
  { "component",      "name",               JGW_KEY_STRING,   FALSE, 0, 0,     NULL },

  { "log",            "level",              JGW_KEY_ENUM,     FALSE, 0, 0,     "error|warning|message|info|debug" },

  { "sip",            "listen",             JGW_KEY_HOSTPORT, TRUE,  0, 0,     NULL },
  { "sip",            "domain",             JGW_KEY_HOST,     TRUE,  0, 0,     NULL },
  { "sip",            "outbound-proxy",     JGW_KEY_SIPURI,   FALSE, 0, 0,     NULL },
  { "sip",            "tls-listen",         JGW_KEY_HOSTPORT, FALSE, 0, 0,     NULL },
  { "sip",            "tls-certificate",    JGW_KEY_PATH,     FALSE, 0, 0,     NULL },
  { "sip",            "tls-key",            JGW_KEY_PATH,     FALSE, 0, 0,     NULL },
  { "sip",            "trusted-peers",      JGW_KEY_HOSTLIST, FALSE, 0, 0,     NULL },
  { "sip",            "registration-expires", JGW_KEY_UINT,   FALSE, 60, 86400, NULL },
  { "sip",            "user-agent",         JGW_KEY_STRING,   FALSE, 0, 0,     NULL },
  { "sip",            "p-asserted-identity", JGW_KEY_BOOL,    FALSE, 0, 0,     NULL },

  { "media",          "ice-addresses",      JGW_KEY_HOSTLIST, FALSE, 0, 0,     NULL },
  { "media",          "port-range",         JGW_KEY_RANGE,    FALSE, 0, 0,     NULL },
  { "media",          "stun-server",        JGW_KEY_HOSTPORT, FALSE, 0, 0,     NULL },
  { "media",          "turn-server",        JGW_KEY_HOSTPORT, FALSE, 0, 0,     NULL },
  { "media",          "turn-user",          JGW_KEY_STRING,   FALSE, 0, 0,     NULL },
  { "media",          "turn-password",      JGW_KEY_SECRET,   FALSE, 0, 0,     NULL },
  { "media",          "opus-complexity",    JGW_KEY_UINT,     FALSE, 0, 10,    NULL },
  { "media",          "media-timeout",      JGW_KEY_UINT,     FALSE, 5, 3600,  NULL },
  { "media",          "jitter-latency",     JGW_KEY_UINT,     FALSE, 0, 1000,  NULL },
  { "media",          "external-services",  JGW_KEY_BOOL,     FALSE, 0, 0,     NULL },
  { "media",          "external-services-timeout", JGW_KEY_UINT, FALSE, 100, 30000, NULL },

  { "calls",          "ring-time",          JGW_KEY_UINT,     FALSE, 5, 600,   NULL },
  { "calls",          "max-calls-per-user", JGW_KEY_UINT,     FALSE, 1, 64,    NULL },
  { "calls",          "call-waiting",       JGW_KEY_BOOL,     FALSE, 0, 0,     NULL },
  { "calls",          "voicemail-number",   JGW_KEY_STRING,   FALSE, 0, 0,     NULL },
  { "calls",          "lookup-timeout",     JGW_KEY_UINT,     FALSE, 1, 30,    NULL },

  { "store",          "path",               JGW_KEY_PATH,     FALSE, 0, 0,     NULL },

  { "admin",          "jids",               JGW_KEY_JIDLIST,  FALSE, 0, 0,     NULL },

  { "registration",   "enabled",            JGW_KEY_BOOL,     FALSE, 0, 0,     NULL },
  { "registration",   "allowed",            JGW_KEY_LIST,     FALSE, 0, 0,     NULL },

  { "plugins",        "load",               JGW_KEY_LIST,     FALSE, 0, 0,     NULL },
  { "plugins",        "directory",          JGW_KEY_PATH,     FALSE, 0, 0,     NULL },

  { "user:*",         "sip-uri",            JGW_KEY_SIPURI,   TRUE,  0, 0,     NULL },
  { "user:*",         "auth-user",          JGW_KEY_STRING,   FALSE, 0, 0,     NULL },
  { "user:*",         "password",           JGW_KEY_SECRET,   FALSE, 0, 0,     NULL },
  { "user:*",         "registrar",          JGW_KEY_SIPURI,   FALSE, 0, 0,     NULL },
  { "user:*",         "display-name",       JGW_KEY_STRING,   FALSE, 0, 0,     NULL },
  { "user:*",         "desk-phone",         JGW_KEY_SIPURI,   FALSE, 0, 0,     NULL },
  { "user:*",         "country-code",       JGW_KEY_DIGITS,   FALSE, 1, 3,     NULL },
  { "user:*",         "mailbox",            JGW_KEY_SIPURI,   FALSE, 0, 0,     NULL },
  { "user:*",         "route-profile",      JGW_KEY_ENUM,     FALSE, 0, 0,     "default|on-net|off-net" },
};

/* Groups whose keys belong to a plugin or a later module: accepted as they
 * are here, checked by their owner. */
static const char *const foreign_groups[] = {
  "dialplan", "route:*", "ldap", "identity", NULL,
};

static gboolean
group_matches (const char *pattern, const char *group)
{
  gsize n = strlen (pattern);
  if (n > 0 && pattern[n - 1] == '*')
    return strncmp (pattern, group, n - 1) == 0 && group[n - 1] != '\0';
  return strcmp (pattern, group) == 0;
}

const JgwKeySpec *
jgw_schema_lookup (const char *group, const char *key)
{
  for (gsize i = 0; i < G_N_ELEMENTS (schema); i++)
    if (group_matches (schema[i].group, group) && strcmp (schema[i].key, key) == 0)
      return &schema[i];
  return NULL;
}

gboolean
jgw_schema_group_known (const char *group)
{
  for (gsize i = 0; i < G_N_ELEMENTS (schema); i++)
    if (group_matches (schema[i].group, group))
      return TRUE;
  return FALSE;
}

gboolean
jgw_schema_group_foreign (const char *group)
{
  for (const char *const *g = foreign_groups; *g; g++)
    if (group_matches (*g, group))
      return TRUE;
  return FALSE;
}

const JgwKeySpec *
jgw_schema_rows (gsize *n)
{
  *n = G_N_ELEMENTS (schema);
  return schema;
}
