/* sdp_ice.c — ICE (RFC 8839) and DTLS (RFC 8842) attributes; at session
 * level they are defaults that media sections inherit. */
#define G_LOG_DOMAIN "jgw-sdp"
#include "sdp/sdp_parse.h"

#include <string.h>

/* Optional "name value" pairs after "typ <type>" (RFC 8839 section 5.1). */
static gboolean
candidate_extensions (JgwSdpParser *p, JgwCandidate *c, char **f, GError **error)
{
  for (guint i = 0; f[i] && f[i + 1]; i += 2)
    {
      guint64 n = 0;
      const char *k = f[i], *val = f[i + 1];
      if (strcmp (k, "raddr") == 0)
        c->rel_addr = (g_free (c->rel_addr), g_strdup (val));
      else if (strcmp (k, "tcptype") == 0)
        c->tcptype = (g_free (c->tcptype), g_strdup (val));
      else if (strcmp (k, "rport") == 0 || strcmp (k, "generation") == 0 || strcmp (k, "network-id") == 0)
        {
          if (!jgw_sdp_uint (val, strcmp (k, "rport") == 0 ? 65535 : G_MAXUINT32, &n))
            return jgw_sdp_fail (p, error, "bad candidate %s '%s'", k, val);
          if (k[0] == 'r')
            c->rel_port = (guint16) n;
          else if (k[0] == 'g')
            c->generation = (guint) n;
          else
            c->network = (guint) n;
        }
    }
  return TRUE;
}

/* <foundation> <component> <transport> <priority> <address> <port> typ <type> ... */
static gboolean
attr_candidate (JgwSdpParser *p, const char *v, GError **error)
{
  g_auto (GStrv) f = g_strsplit (v, " ", 0);
  guint64 comp = 0, prio = 0, port = 0;
  if (g_strv_length (f) < 8 || strcmp (f[6], "typ") != 0 || !*f[0] || !*f[2] || !*f[4] || !*f[7]
      || !jgw_sdp_uint (f[1], 256, &comp) || !jgw_sdp_uint (f[3], G_MAXUINT32, &prio)
      || !jgw_sdp_uint (f[5], 65535, &port))
    return jgw_sdp_fail (p, error, "bad candidate '%s'", v);
  JgwCandidate *c = g_new0 (JgwCandidate, 1);
  c->foundation = g_strdup (f[0]);
  c->component = (guint) comp;
  c->protocol = g_ascii_strdown (f[2], -1); /* Jingle wants "udp"; browsers write "UDP" */
  c->priority = (guint32) prio;
  c->ip = g_strdup (f[4]);
  c->port = (guint16) port;
  c->type = g_strdup (f[7]);
  /* Jingle needs an id; derive it from the line so a re-parse gives the same one. */
  c->id = g_strdup_printf ("%08x", g_str_hash (v));
  if (!candidate_extensions (p, c, f + 8, error))
    {
      jgw_candidate_free (c);
      return FALSE;
    }
  g_ptr_array_add (jgw_sdp_ice (p)->candidates, c);
  return TRUE;
}

static gboolean
attr_fingerprint (JgwSdpParser *p, const char *v, GError **error)
{
  g_auto (GStrv) f = g_strsplit (v, " ", 0);
  if (g_strv_length (f) != 2 || !*f[0] || !*f[1])
    return jgw_sdp_fail (p, error, "bad fingerprint '%s'", v);
  JgwFingerprint **dst = p->media ? &jgw_sdp_ice (p)->fingerprint : &p->sess_fp;
  if (*dst == NULL)
    *dst = g_new0 (JgwFingerprint, 1);
  g_free ((*dst)->hash);
  g_free ((*dst)->value);
  (*dst)->hash = g_ascii_strdown (f[0], -1);
  (*dst)->value = g_strdup (f[1]);
  return TRUE;
}

static gboolean
attr_setup (JgwSdpParser *p, const char *v, GError **error)
{
  if (strcmp (v, "actpass") && strcmp (v, "active") && strcmp (v, "passive") && strcmp (v, "holdconn"))
    return jgw_sdp_fail (p, error, "bad setup '%s'", v);
  JgwFingerprint **dst = p->media ? &jgw_sdp_ice (p)->fingerprint : &p->sess_fp;
  if (*dst == NULL)
    *dst = g_new0 (JgwFingerprint, 1);
  g_free ((*dst)->setup);
  (*dst)->setup = g_strdup (v);
  return TRUE;
}

static gboolean
set_string (JgwSdpParser *p, char **media_dst, char **sess_dst, const char *v, GError **error)
{
  char **dst = p->media ? media_dst : sess_dst;
  if (!*v)
    return jgw_sdp_fail (p, error, "empty ICE credential");
  g_free (*dst);
  *dst = g_strdup (v);
  return TRUE;
}

gboolean
jgw_sdp_attr_transport (JgwSdpParser *p, const char *name, const char *v, GError **error)
{
  if (strcmp (name, "fingerprint") == 0)
    return attr_fingerprint (p, v, error);
  if (strcmp (name, "setup") == 0)
    return attr_setup (p, v, error);
  if (strcmp (name, "ice-ufrag") == 0)
    return set_string (p, p->media ? &jgw_sdp_ice (p)->ufrag : NULL, &p->sess_ufrag, v, error);
  if (strcmp (name, "ice-pwd") == 0)
    return set_string (p, p->media ? &jgw_sdp_ice (p)->pwd : NULL, &p->sess_pwd, v, error);
  if (p->media == NULL)
    return TRUE;
  if (strcmp (name, "candidate") == 0)
    return attr_candidate (p, v, error);
  if (strcmp (name, "end-of-candidates") == 0)
    jgw_sdp_ice (p)->end_of_candidates = TRUE;
  return TRUE;
}
