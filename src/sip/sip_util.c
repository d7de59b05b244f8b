/* sip_util.c — pure helpers: who may send us requests, URI parts, SDP
 * direction and DTMF bodies. Kept free of sofia state so that they can be
 * tested with tables. */
#define G_LOG_DOMAIN "jgw-sip"

#include "sip/sip_util.h"

#include <sofia-sip/sdp.h>
#include <sofia-sip/su_alloc.h>
#include <stdlib.h>
#include <string.h>

gboolean
jgw_sip_source_trusted (const char *source, const char *const *trusted)
{
  if (source == NULL || *source == '\0' || trusted == NULL)
    return FALSE;
  for (const char *const *t = trusted; *t; t++)
    {
      g_autofree char *host = jgw_sip_uri_host (*t);
      if (host && g_ascii_strcasecmp (host, source) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Skips "sip:"/"sips:" and "user@" so that P points at the host. */
static const char *
after_scheme (const char *uri)
{
  if (g_ascii_strncasecmp (uri, "sip:", 4) == 0)
    return uri + 4;
  if (g_ascii_strncasecmp (uri, "sips:", 5) == 0)
    return uri + 5;
  return uri;
}

char *
jgw_sip_uri_host (const char *uri)
{
  if (uri == NULL)
    return NULL;
  const char *p = after_scheme (uri);
  const char *at = strchr (p, '@');
  if (at)
    p = at + 1;
  if (*p == '[')
    {
      const char *end = strchr (p, ']');
      return end && end > p + 1 ? g_strndup (p + 1, end - p - 1) : NULL;
    }
  gsize n = strcspn (p, ":;?>");
  return n > 0 ? g_strndup (p, n) : NULL;
}

char *
jgw_sip_uri_user (const char *uri)
{
  if (uri == NULL)
    return NULL;
  const char *p = after_scheme (uri);
  const char *at = strchr (p, '@');
  if (at == NULL || at == p)
    return NULL;
  gsize n = strcspn (p, ":;@");
  return g_strndup (p, MIN (n, (gsize) (at - p)));
}

static gboolean
line_is (const char *line, gsize len, const char *what)
{
  gsize n = strlen (what);
  return len == n && strncmp (line, what, n) == 0;
}

static int
direction_of_line (const char *line, gsize len)
{
  if (line_is (line, len, "a=sendonly"))
    return JGW_SIP_DIR_SENDONLY;
  if (line_is (line, len, "a=recvonly"))
    return JGW_SIP_DIR_RECVONLY;
  if (line_is (line, len, "a=inactive"))
    return JGW_SIP_DIR_INACTIVE;
  if (line_is (line, len, "a=sendrecv"))
    return JGW_SIP_DIR_SENDRECV;
  /* RFC 2543 style hold, still sent by old phones. */
  if (line_is (line, len, "c=IN IP4 0.0.0.0"))
    return JGW_SIP_DIR_SENDONLY;
  return -1;
}

JgwSipDirection
jgw_sip_sdp_direction (const char *sdp)
{
  int session = -1, media = -1;
  gboolean in_audio = FALSE, seen_media = FALSE;
  for (const char *p = sdp; p && *p;)
    {
      gsize len = strcspn (p, "\r\n");
      if (strncmp (p, "m=", 2) == 0)
        {
          if (in_audio)
            break; /* only the first audio stream counts */
          in_audio = strncmp (p, "m=audio", 7) == 0;
          seen_media = TRUE;
        }
      else if (!seen_media || in_audio)
        {
          int d = direction_of_line (p, len);
          if (d >= 0 && !seen_media)
            session = d;
          else if (d >= 0)
            media = d;
        }
      p += len;
      p += strspn (p, "\r\n");
    }
  if (media >= 0)
    return media;
  return session >= 0 ? session : JGW_SIP_DIR_SENDRECV;
}

gboolean
jgw_sip_sdp_valid (const char *sdp)
{
  if (sdp == NULL || *sdp == '\0')
    return FALSE;
  su_home_t *home = su_home_new (sizeof (su_home_t));
  sdp_parser_t *parser = sdp_parse (home, sdp, strlen (sdp), sdp_f_strict);
  sdp_session_t *session = sdp_session (parser);
  gboolean ok = session != NULL && session->sdp_media != NULL
                && session->sdp_media->m_type != sdp_media_x;
  sdp_parser_free (parser);
  su_home_unref (home);
  return ok;
}

static char
normal_digit (char c)
{
  c = g_ascii_toupper (c);
  return c && strchr ("0123456789*#ABCD", c) ? c : '\0';
}

/* application/dtmf carries the digit or its RFC 4733 event number. */
static gboolean
parse_plain (const char *body, char *digit)
{
  g_autofree char *s = g_strstrip (g_strdup (body));
  if (strlen (s) == 1)
    *digit = normal_digit (s[0]);
  else if (g_ascii_isdigit (s[0]) && atoi (s) >= 10 && atoi (s) <= 15)
    *digit = "*#ABCD"[atoi (s) - 10];
  else
    *digit = '\0';
  return *digit != '\0';
}

static gboolean
parse_relay (const char *body, char *digit, guint *duration_ms)
{
  g_auto (GStrv) lines = g_strsplit_set (body, "\r\n", -1);
  *digit = '\0';
  for (char **l = lines; *l; l++)
    {
      char *eq = strchr (*l, '=');
      if (eq == NULL)
        continue;
      g_autofree char *key = g_strstrip (g_strndup (*l, eq - *l));
      g_autofree char *val = g_strstrip (g_strdup (eq + 1));
      if (g_ascii_strcasecmp (key, "Signal") == 0 && strlen (val) == 1)
        *digit = normal_digit (val[0]);
      else if (g_ascii_strcasecmp (key, "Duration") == 0)
        *duration_ms = (guint) g_ascii_strtoull (val, NULL, 10);
    }
  return *digit != '\0';
}

gboolean
jgw_sip_dtmf_parse (const char *content_type, const char *body, char *digit, guint *duration_ms)
{
  if (content_type == NULL || body == NULL)
    return FALSE;
  *duration_ms = 250; /* the usual default when the body does not say */
  if (g_ascii_strcasecmp (content_type, "application/dtmf-relay") == 0)
    return parse_relay (body, digit, duration_ms);
  if (g_ascii_strcasecmp (content_type, "application/dtmf") == 0)
    return parse_plain (body, digit);
  return FALSE;
}
