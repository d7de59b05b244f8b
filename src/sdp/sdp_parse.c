/* sdp_parse.c — SDP text to JgwSessionDesc: the line loop, v=/o=/c=/b=/m=
 * and what media sections inherit from the session level. */
#define G_LOG_DOMAIN "jgw-sdp"
#include "sdp/sdp_parse.h"

#include <stdarg.h>
#include <string.h>

gboolean
jgw_sdp_fail (JgwSdpParser *p, GError **error, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_set_error (error, JGW_SDP_ERROR, JGW_SDP_ERROR_SYNTAX, "SDP line %u: %s", p->line, msg);
  return FALSE;
}

gboolean
jgw_sdp_uint (const char *s, guint64 max, guint64 *out)
{
  return s != NULL && g_ascii_string_to_unsigned (s, 10, 0, max, out, NULL);
}

JgwIceTransport *
jgw_sdp_ice (JgwSdpParser *p)
{
  if (p->media->ice == NULL)
    p->media->ice = jgw_ice_transport_new ();
  return p->media->ice;
}

/* RFC 3551 static payload types, for m= lines that omit their rtpmap. */
static void
static_payload (JgwPayload *pt)
{
  static const struct {
    guint8 id;
    const char *name;
    guint clockrate;
  } table[] = { { 0, "PCMU", 8000 }, { 3, "GSM", 8000 }, { 4, "G723", 8000 }, { 8, "PCMA", 8000 },
                { 9, "G722", 8000 }, { 13, "CN", 8000 }, { 18, "G729", 8000 } };
  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    if (table[i].id == pt->id)
      {
        pt->name = g_strdup (table[i].name);
        pt->clockrate = table[i].clockrate;
      }
}

static gboolean
parse_c (JgwSdpParser *p, const char *v, GError **error)
{
  g_auto (GStrv) f = g_strsplit (v, " ", 0);
  if (g_strv_length (f) != 3 || strcmp (f[0], "IN") != 0 || (strcmp (f[1], "IP4") && strcmp (f[1], "IP6")) || !*f[2])
    return jgw_sdp_fail (p, error, "bad c= '%s'", v);
  /* Multicast TTL/count suffixes ("/127") are not for unicast calls: drop them. */
  char *slash = strchr (f[2], '/');
  if (slash)
    *slash = '\0';
  char **dst = p->media ? &p->media->rtp_addr : &p->sess_addr;
  g_free (*dst);
  *dst = g_strdup (f[2]);
  return TRUE;
}

static gboolean
parse_b (JgwSdpParser *p, const char *v, GError **error)
{
  guint64 kbps = 0;
  if (!g_str_has_prefix (v, "AS:"))
    return TRUE; /* TIAS, CT, RR, RS: not in the model */
  if (!jgw_sdp_uint (v + 3, G_MAXUINT32, &kbps))
    return jgw_sdp_fail (p, error, "bad b= '%s'", v);
  if (p->media)
    p->media->bandwidth_kbps = (guint) kbps;
  return TRUE;
}

static void
finish_media (JgwSdpParser *p)
{
  JgwContent *c = p->media;
  if (c == NULL)
    return;
  if (c->rtp_addr == NULL)
    c->rtp_addr = g_strdup (p->sess_addr);
  const char *dir = p->media_dir ? p->media_dir : p->sess_dir ? p->sess_dir : "sendrecv";
  jgw_sdp_senders (dir, p->author, &c->senders);
  if (p->sess_ufrag || p->sess_pwd || p->sess_fp)
    {
      JgwIceTransport *ice = jgw_sdp_ice (p);
      if (ice->ufrag == NULL)
        ice->ufrag = g_strdup (p->sess_ufrag);
      if (ice->pwd == NULL)
        ice->pwd = g_strdup (p->sess_pwd);
      if (ice->fingerprint == NULL)
        ice->fingerprint = jgw_fingerprint_copy (p->sess_fp);
    }
  for (guint i = 0; i < c->payloads->len; i++)
    {
      JgwPayload *pt = g_ptr_array_index (c->payloads, i);
      pt->ptime = p->ptime;
      pt->maxptime = p->maxptime;
    }
  g_clear_pointer (&p->media_dir, g_free);
  p->ptime = p->maxptime = 0;
  p->media = NULL;
}

static char *
default_name (JgwSdpParser *p, const char *media)
{
  guint same = 0;
  for (guint i = 0; i < p->desc->contents->len; i++)
    same += g_strcmp0 (((JgwContent *) g_ptr_array_index (p->desc->contents, i))->media, media) == 0;
  return same ? g_strdup_printf ("%s%u", media, same) : g_strdup (media);
}

static gboolean
parse_m (JgwSdpParser *p, const char *v, GError **error)
{
  g_auto (GStrv) f = g_strsplit (v, " ", 0);
  guint64 port = 0;
  finish_media (p);
  if (g_strv_length (f) < 3 || !*f[0])
    return jgw_sdp_fail (p, error, "bad m= '%s'", v);
  char *slash = strchr (f[1], '/'); /* port/count */
  if (slash)
    *slash = '\0';
  if (!jgw_sdp_uint (f[1], 65535, &port))
    return jgw_sdp_fail (p, error, "bad m= port '%s'", f[1]);
  g_autofree char *name = default_name (p, f[0]);
  JgwContent *c = jgw_content_new (name, f[0]);
  c->rtp_port = (guint16) port;
  g_ptr_array_add (p->desc->contents, c);
  p->media = c;
  p->has_mid = FALSE;
  gboolean rtp = strstr (f[2], "RTP/") != NULL;
  /* RFC 4568: an SAVP profile makes SDES mandatory, RTP/AVP + crypto is best effort. */
  c->crypto_required = strstr (f[2], "SAVP") != NULL;
  for (guint i = 3; rtp && f[i]; i++)
    {
      guint64 id = 0;
      if (!*f[i])
        continue;
      if (!jgw_sdp_uint (f[i], 127, &id))
        return jgw_sdp_fail (p, error, "bad payload type '%s'", f[i]);
      JgwPayload *pt = jgw_payload_new ((guint8) id, NULL, 0, 0);
      static_payload (pt);
      g_ptr_array_add (c->payloads, pt);
    }
  return TRUE;
}

static gboolean
parse_line (JgwSdpParser *p, const char *l, GError **error)
{
  if (l[0] == '\0')
    return TRUE; /* tolerate blank lines, e.g. a trailing one */
  if (!g_ascii_isalpha (l[0]) || l[1] != '=')
    return jgw_sdp_fail (p, error, "not a type=value line");
  const char *v = l + 2;
  switch (l[0])
    {
    case 'v':
      return strcmp (v, "0") == 0 || jgw_sdp_fail (p, error, "unsupported version '%s'", v);
    case 'c':
      return parse_c (p, v, error);
    case 'b':
      return parse_b (p, v, error);
    case 'm':
      return parse_m (p, v, error);
    case 'a':
      return jgw_sdp_attr (p, v, error);
    default:
      return TRUE; /* o s i u e p t r z k: nothing for the model */
    }
}

static void
parser_clear (JgwSdpParser *p)
{
  g_free (p->sess_addr);
  g_free (p->sess_ufrag);
  g_free (p->sess_pwd);
  g_free (p->sess_dir);
  g_free (p->media_dir);
  jgw_fingerprint_free (p->sess_fp);
  jgw_session_desc_free (p->desc);
}

JgwSessionDesc *
jgw_sdp_parse (const char *sdp, JgwSdpAuthor author, GError **error)
{
  JgwSdpParser p = { .author = author, .desc = jgw_session_desc_new () };
  g_auto (GStrv) lines = g_strsplit (sdp ? sdp : "", "\n", 0);
  gboolean ok = TRUE;
  for (guint i = 0; ok && lines[i]; i++)
    {
      p.line = i + 1;
      g_strchomp (lines[i]); /* CR of CRLF, and trailing blanks some stacks add */
      ok = (i > 0 || g_str_has_prefix (lines[i], "v="))
               ? parse_line (&p, lines[i], error)
               : jgw_sdp_fail (&p, error, "SDP must start with v=");
    }
  finish_media (&p);
  if (ok && p.desc->contents->len == 0)
    {
      g_set_error (error, JGW_SDP_ERROR, JGW_SDP_ERROR_UNSUPPORTED, "SDP has no m= line");
      ok = FALSE;
    }
  JgwSessionDesc *res = ok ? g_steal_pointer (&p.desc) : NULL;
  parser_clear (&p);
  return res;
}
