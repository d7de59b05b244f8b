/* sdp_attr.c — a= attributes at session and media level. Attributes the
 * model does not hold are skipped; malformed ones we use are errors. */
#define G_LOG_DOMAIN "jgw-sdp"
#include "sdp/sdp_parse.h"

#include <string.h>

static JgwPayload *
find_payload (JgwSdpParser *p, const char *id_str)
{
  guint64 id = 0;
  if (!jgw_sdp_uint (id_str, 127, &id))
    return NULL;
  for (guint i = 0; i < p->media->payloads->len; i++)
    if (((JgwPayload *) g_ptr_array_index (p->media->payloads, i))->id == id)
      return g_ptr_array_index (p->media->payloads, i);
  return NULL;
}

static void
add_param (GPtrArray *params, const char *name, const char *value)
{
  g_ptr_array_add (params, jgw_param_new (name, value));
}

/* a=rtpmap:<pt> <name>/<clock>[/<channels>] */
static gboolean
attr_rtpmap (JgwSdpParser *p, const char *v, GError **error)
{
  g_auto (GStrv) f = g_strsplit (v, " ", 2);
  JgwPayload *pt = find_payload (p, f[0]);
  if (pt == NULL || f[1] == NULL)
    return pt != NULL || f[1] != NULL ? TRUE : jgw_sdp_fail (p, error, "bad rtpmap '%s'", v);
  g_auto (GStrv) enc = g_strsplit (f[1], "/", 3);
  guint64 clock = 0, ch = 0;
  if (!enc[0][0] || !jgw_sdp_uint (enc[1], G_MAXUINT32, &clock) || (enc[2] && !jgw_sdp_uint (enc[2], 255, &ch)))
    return jgw_sdp_fail (p, error, "bad rtpmap '%s'", v);
  g_free (pt->name);
  pt->name = g_strdup (enc[0]);
  pt->clockrate = (guint) clock;
  pt->channels = (guint) ch;
  return TRUE;
}

/* a=fmtp:<pt> k=v;k2=v2 — items without '=' (telephone-event "0-16") are
 * kept as flag parameters so that they survive both directions. */
static gboolean
attr_fmtp (JgwSdpParser *p, const char *v, GError **error)
{
  g_auto (GStrv) f = g_strsplit (v, " ", 2);
  JgwPayload *pt = find_payload (p, f[0]);
  if (pt == NULL || f[1] == NULL)
    return TRUE;
  g_auto (GStrv) items = g_strsplit (f[1], ";", 0);
  for (guint i = 0; items[i]; i++)
    {
      char *item = g_strstrip (items[i]);
      char *eq = strchr (item, '=');
      if (!*item)
        continue;
      if (eq)
        *eq = '\0';
      add_param (pt->params, g_strstrip (item), eq ? g_strstrip (eq + 1) : NULL);
    }
  return TRUE;
}

static void
add_rtcp_fb (JgwPayload *pt, const char *type, const char *subtype)
{
  JgwRtcpFb *fb = g_new0 (JgwRtcpFb, 1);
  fb->type = g_strdup (type);
  fb->subtype = g_strdup (subtype);
  g_ptr_array_add (pt->rtcp_fb, fb);
}

/* a=rtcp-fb:<pt|*> <type> [<subtype>] */
static gboolean
attr_rtcp_fb (JgwSdpParser *p, const char *v, GError **error)
{
  g_auto (GStrv) f = g_strsplit (v, " ", 3);
  if (g_strv_length (f) < 2 || !*f[1])
    return jgw_sdp_fail (p, error, "bad rtcp-fb '%s'", v);
  for (guint i = 0; i < p->media->payloads->len; i++)
    {
      JgwPayload *pt = g_ptr_array_index (p->media->payloads, i);
      if (strcmp (f[0], "*") == 0 || pt == find_payload (p, f[0]))
        add_rtcp_fb (pt, f[1], f[2]);
    }
  return TRUE;
}

/* a=extmap:<id>[/<direction>] <uri> [<attributes>] */
static gboolean
attr_extmap (JgwSdpParser *p, const char *v, GError **error)
{
  g_auto (GStrv) f = g_strsplit (v, " ", 3);
  guint64 id = 0;
  JgwSenders senders = JGW_SENDERS_BOTH;
  if (g_strv_length (f) < 2 || !*f[1])
    return jgw_sdp_fail (p, error, "bad extmap '%s'", v);
  char *slash = strchr (f[0], '/');
  if (slash)
    *slash++ = '\0';
  if (!jgw_sdp_uint (f[0], 4351, &id) || (slash && !jgw_sdp_senders (slash, p->author, &senders)))
    return jgw_sdp_fail (p, error, "bad extmap '%s'", v);
  static const char *const names[] = { NULL, "initiator", "responder", "none" };
  JgwHdrExt *h = g_new0 (JgwHdrExt, 1);
  h->id = (guint) id;
  h->uri = g_strdup (f[1]);
  h->senders = g_strdup (names[senders]);
  g_ptr_array_add (p->media->hdrexts, h);
  return TRUE;
}

/* a=ssrc:<ssrc> <attribute>[:<value>] — lines of one ssrc are merged. */
static gboolean
attr_ssrc (JgwSdpParser *p, const char *v, GError **error)
{
  g_auto (GStrv) f = g_strsplit (v, " ", 2);
  guint64 id = 0;
  JgwSsrc *src = NULL;
  if (!jgw_sdp_uint (f[0], G_MAXUINT32, &id))
    return jgw_sdp_fail (p, error, "bad ssrc '%s'", v);
  for (guint i = 0; i < p->media->ssrcs->len && src == NULL; i++)
    if (((JgwSsrc *) g_ptr_array_index (p->media->ssrcs, i))->ssrc == id)
      src = g_ptr_array_index (p->media->ssrcs, i);
  if (src == NULL)
    {
      src = g_new0 (JgwSsrc, 1);
      src->ssrc = (guint32) id;
      src->params = g_ptr_array_new_with_free_func (jgw_param_free);
      g_ptr_array_add (p->media->ssrcs, src);
    }
  if (f[1] == NULL || !*f[1])
    return TRUE;
  char *colon = strchr (f[1], ':');
  if (colon)
    *colon++ = '\0';
  add_param (src->params, f[1], colon);
  return TRUE;
}

static gboolean
attr_ssrc_group (JgwSdpParser *p, const char *v, GError **error)
{
  g_auto (GStrv) f = g_strsplit (v, " ", 0);
  if (!f[0] || !*f[0])
    return jgw_sdp_fail (p, error, "bad ssrc-group '%s'", v);
  JgwSsrcGroup *g = g_new0 (JgwSsrcGroup, 1);
  g->semantics = g_strdup (f[0]);
  g->ssrcs = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_ptr_array_add (p->media->ssrc_groups, g);
  for (guint i = 1; f[i]; i++)
    {
      guint64 id = 0;
      if (!jgw_sdp_uint (f[i], G_MAXUINT32, &id))
        return jgw_sdp_fail (p, error, "bad ssrc-group '%s'", v);
      guint32 s = (guint32) id;
      g_array_append_val (g->ssrcs, s);
    }
  return TRUE;
}

/* a=crypto:<tag> <suite> <key-params> [<session-params>] */
static gboolean
attr_crypto (JgwSdpParser *p, const char *v, GError **error)
{
  g_auto (GStrv) f = g_strsplit (v, " ", 4);
  guint64 tag = 0;
  if (g_strv_length (f) < 3 || !jgw_sdp_uint (f[0], 999999999, &tag) || !*f[1] || !*f[2])
    return jgw_sdp_fail (p, error, "bad crypto '%s'", v);
  JgwCrypto *k = g_new0 (JgwCrypto, 1);
  k->tag = (guint) tag;
  k->suite = g_strdup (f[1]);
  k->key_params = g_strdup (f[2]);
  k->session_params = g_strdup (f[3]);
  g_ptr_array_add (p->media->crypto, k);
  return TRUE;
}

static gboolean
attr_media (JgwSdpParser *p, const char *name, const char *v, GError **error)
{
  guint64 n = 0;
  if (strcmp (name, "rtpmap") == 0)
    return attr_rtpmap (p, v, error);
  if (strcmp (name, "fmtp") == 0)
    return attr_fmtp (p, v, error);
  if (strcmp (name, "rtcp-fb") == 0)
    return attr_rtcp_fb (p, v, error);
  if (strcmp (name, "extmap") == 0)
    return attr_extmap (p, v, error);
  if (strcmp (name, "ssrc") == 0)
    return attr_ssrc (p, v, error);
  if (strcmp (name, "ssrc-group") == 0)
    return attr_ssrc_group (p, v, error);
  if (strcmp (name, "crypto") == 0)
    return attr_crypto (p, v, error);
  if (strcmp (name, "rtcp-mux") == 0)
    p->media->rtcp_mux = TRUE;
  else if (strcmp (name, "mid") == 0 && *v)
    {
      g_free (p->media->name);
      p->media->name = g_strdup (v);
    }
  else if (strcmp (name, "ptime") == 0 || strcmp (name, "maxptime") == 0)
    {
      /* Some stacks write fractional ptimes ("20.0"); keep the integer part. */
      g_autofree char *num = g_strndup (v, strcspn (v, "."));
      if (!jgw_sdp_uint (num, 100000, &n))
        return jgw_sdp_fail (p, error, "bad %s '%s'", name, v);
      *(name[0] == 'p' ? &p->ptime : &p->maxptime) = (guint) n;
    }
  else if (strcmp (name, "rtcp") == 0)
    {
      g_autofree char *port = g_strndup (v, strcspn (v, " "));
      if (!jgw_sdp_uint (port, 65535, &n))
        return jgw_sdp_fail (p, error, "bad rtcp '%s'", v);
      p->media->rtcp_port = (guint16) n;
    }
  else
    return jgw_sdp_attr_transport (p, name, v, error);
  return TRUE;
}

static gboolean
attr_group (JgwSdpParser *p, const char *v, GError **error)
{
  g_auto (GStrv) f = g_strsplit (v, " ", 0);
  if (!f[0] || !*f[0])
    return jgw_sdp_fail (p, error, "bad group '%s'", v);
  JgwGroup *g = g_new0 (JgwGroup, 1);
  g->semantics = g_strdup (f[0]);
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();
  for (guint i = 1; f[i]; i++)
    if (*f[i])
      g_strv_builder_add (b, f[i]);
  g->contents = g_strv_builder_end (b);
  g_ptr_array_add (p->desc->groups, g);
  return TRUE;
}

gboolean
jgw_sdp_attr (JgwSdpParser *p, const char *value, GError **error)
{
  g_autofree char *name = g_strndup (value, strcspn (value, ":"));
  const char *v = value[strlen (name)] == ':' ? value + strlen (name) + 1 : "";
  JgwSenders unused;
  if (jgw_sdp_senders (name, p->author, &unused))
    {
      char **dst = p->media ? &p->media_dir : &p->sess_dir;
      g_free (*dst);
      *dst = g_strdup (name);
      return TRUE;
    }
  if (p->media == NULL)
    return strcmp (name, "group") == 0 ? attr_group (p, v, error) : jgw_sdp_attr_transport (p, name, v, error);
  return attr_media (p, name, v, error);
}
