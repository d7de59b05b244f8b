/* config_check.c — value checks for configuration and user input. */
#include "jgw-build.h"
#include "config.h"
#include "config_check.h"

#include <gio/gio.h>
#include <string.h>
#include <sofia-sip/su_alloc.h>
#include <sofia-sip/url.h>

gboolean
jgw_check_host (const char *value)
{
  if (value == NULL || *value == '\0' || strlen (value) > 253)
    return FALSE;
  if (g_hostname_is_ip_address (value))
    return TRUE;
  /* A DNS name: labels of letters, digits and dashes, not starting with a
   * dash, and not all digits (that would be a broken IPv4 literal). */
  gboolean all_digits = TRUE;
  for (const char *p = value; *p; p++)
    {
      if (g_ascii_isalpha (*p) || *p == '-')
        all_digits = FALSE;
      else if (!g_ascii_isdigit (*p) && *p != '.')
        return FALSE;
      if ((p == value || p[-1] == '.') && (*p == '-' || *p == '.'))
        return FALSE;
    }
  return !all_digits;
}

gboolean
jgw_check_host_port (const char *value, char **host, guint16 *port)
{
  if (value == NULL)
    return FALSE;
  const char *colon = strrchr (value, ':');
  if (colon == NULL || colon == value)
    return FALSE;
  g_autofree char *h = NULL;
  if (value[0] == '[')
    {
      if (colon[-1] != ']')
        return FALSE;
      h = g_strndup (value + 1, (gsize) (colon - value - 2));
      if (!g_hostname_is_ip_address (h) || strchr (h, ':') == NULL)
        return FALSE;
    }
  else
    {
      h = g_strndup (value, (gsize) (colon - value));
      if (!jgw_check_host (h))
        return FALSE;
    }
  guint64 p;
  if (!jgw_check_uint (colon + 1, 1, 65535, &p))
    return FALSE;
  if (host)
    *host = g_steal_pointer (&h);
  if (port)
    *port = (guint16) p;
  return TRUE;
}

gboolean
jgw_check_sip_uri (const char *value)
{
  if (value == NULL || *value == '\0' || strchr (value, ' ') != NULL)
    return FALSE;
  su_home_t home[1] = { SU_HOME_INIT (home) };
  url_t *url = url_make (home, value);
  gboolean ok = url != NULL
                && (url->url_type == url_sip || url->url_type == url_sips)
                && url->url_host != NULL && *url->url_host != '\0';
  su_home_deinit (home);
  return ok;
}

gboolean
jgw_check_port_range (const char *value, guint16 *low, guint16 *high)
{
  if (value == NULL)
    return FALSE;
  g_auto (GStrv) parts = g_strsplit (value, "-", 2);
  guint64 lo, hi;
  if (g_strv_length (parts) != 2
      || !jgw_check_uint (g_strstrip (parts[0]), 1, 65535, &lo)
      || !jgw_check_uint (g_strstrip (parts[1]), 1, 65535, &hi) || lo > hi)
    return FALSE;
  *low = (guint16) lo;
  *high = (guint16) hi;
  return TRUE;
}

gboolean
jgw_check_uint (const char *value, guint64 min, guint64 max, guint64 *out)
{
  guint64 v;
  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, min, max, &v, NULL))
    return FALSE;
  if (out)
    *out = v;
  return TRUE;
}
