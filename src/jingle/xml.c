/* xml.c — typed attribute access over libstrophe stanzas. */
#define G_LOG_DOMAIN "jgw-jingle"
#include "jingle/xml.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "jingle/jingle.h"

xmpp_stanza_t *
jgw_xml_add_child (xmpp_stanza_t *parent, const char *name, const char *ns)
{
  xmpp_stanza_t *child = xmpp_stanza_new (xmpp_stanza_get_context (parent));
  xmpp_stanza_set_name (child, name);
  if (ns != NULL)
    xmpp_stanza_set_ns (child, ns);
  xmpp_stanza_add_child_ex (parent, child, 0);
  return child;
}

void
jgw_xml_set (xmpp_stanza_t *st, const char *key, const char *value)
{
  if (value != NULL)
    xmpp_stanza_set_attribute (st, key, value);
}

void
jgw_xml_set_uint (xmpp_stanza_t *st, const char *key, guint64 value)
{
  char buf[24];
  g_snprintf (buf, sizeof buf, "%" G_GUINT64_FORMAT, value);
  xmpp_stanza_set_attribute (st, key, buf);
}

gboolean
jgw_xml_req (xmpp_stanza_t *st, const char *key, const char **out, GError **error)
{
  const char *v = xmpp_stanza_get_attribute (st, key);
  if (v == NULL || *v == '\0')
    {
      g_set_error (error, JGW_JINGLE_ERROR, JGW_JINGLE_ERROR_BAD_REQUEST,
                   "<%s/> lacks attribute '%s'", xmpp_stanza_get_name (st), key);
      return FALSE;
    }
  *out = v;
  return TRUE;
}

gboolean
jgw_xml_uint (xmpp_stanza_t *st, const char *key, guint64 max, gboolean required,
              guint64 *out, GError **error)
{
  const char *v = xmpp_stanza_get_attribute (st, key);
  if (v == NULL)
    {
      if (!required)
        return TRUE;
      return jgw_xml_req (st, key, &v, error);
    }
  guint64 n = 0;
  /* g_ascii_string_to_unsigned rejects signs, spaces and trailing junk. */
  if (!g_ascii_string_to_unsigned (v, 10, 0, max, &n, NULL))
    {
      g_set_error (error, JGW_JINGLE_ERROR, JGW_JINGLE_ERROR_BAD_REQUEST,
                   "<%s/> attribute '%s'='%s' is not a number in 0..%" G_GUINT64_FORMAT,
                   xmpp_stanza_get_name (st), key, v, max);
      return FALSE;
    }
  *out = n;
  return TRUE;
}

char *
jgw_xml_text (xmpp_stanza_t *st)
{
  char *raw = xmpp_stanza_get_text (st);
  char *res = g_strstrip (g_strdup (raw != NULL ? raw : ""));
  if (raw != NULL)
    xmpp_free (xmpp_stanza_get_context (st), raw);
  return res;
}

gboolean
jgw_xml_is (xmpp_stanza_t *st, const char *name, const char *ns)
{
  if (!xmpp_stanza_is_tag (st))
    return FALSE;
  const char *n = xmpp_stanza_get_name (st);
  if (n == NULL || strcmp (n, name) != 0)
    return FALSE;
  return ns == NULL || g_strcmp0 (xmpp_stanza_get_ns (st), ns) == 0;
}
