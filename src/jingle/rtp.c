/* rtp.c — XEP-0167 RTP <description/> with XEP-0293 rtcp-fb, XEP-0294
 * rtp-hdrext and XEP-0339 source/ssrc-group, to and from JgwContent. */
#define G_LOG_DOMAIN "jgw-jingle"
#include "jingle/jingle.h"
#include "jingle/xml.h"

#include <string.h>

/* Children in the parent's namespace come from the network with it set
 * and from our own builder without it; both are the same element. */
static gboolean
is_rtp (xmpp_stanza_t *st, const char *name)
{
  return jgw_xml_is (st, name, NULL)
         && (xmpp_stanza_get_ns (st) == NULL || strcmp (xmpp_stanza_get_ns (st), JGW_NS_RTP) == 0);
}

static gboolean
parse_param (xmpp_stanza_t *st, GPtrArray *params, GError **error)
{
  const char *name;
  if (!jgw_xml_req (st, "name", &name, error))
    return FALSE;
  JgwParam *p = g_new0 (JgwParam, 1);
  p->name = g_strdup (name);
  p->value = g_strdup (xmpp_stanza_get_attribute (st, "value"));
  g_ptr_array_add (params, p);
  return TRUE;
}

static gboolean
parse_rtcp_fb (xmpp_stanza_t *st, GPtrArray *fbs, GError **error)
{
  const char *type;
  if (!jgw_xml_req (st, "type", &type, error))
    return FALSE;
  JgwRtcpFb *fb = g_new0 (JgwRtcpFb, 1);
  fb->type = g_strdup (type);
  fb->subtype = g_strdup (xmpp_stanza_get_attribute (st, "subtype"));
  g_ptr_array_add (fbs, fb);
  return TRUE;
}

static gboolean
parse_payload_attrs (xmpp_stanza_t *st, guint64 v[5], GError **error)
{
  return jgw_xml_uint (st, "id", 127, TRUE, &v[0], error)
         && jgw_xml_uint (st, "clockrate", G_MAXUINT32, FALSE, &v[1], error)
         && jgw_xml_uint (st, "channels", 255, FALSE, &v[2], error)
         && jgw_xml_uint (st, "ptime", G_MAXUINT32, FALSE, &v[3], error)
         && jgw_xml_uint (st, "maxptime", G_MAXUINT32, FALSE, &v[4], error);
}

static gboolean
parse_payload (xmpp_stanza_t *st, JgwContent *content, GError **error)
{
  guint64 v[5] = { 0 };
  if (!parse_payload_attrs (st, v, error))
    return FALSE;
  g_autoptr (JgwPayload) pt = jgw_payload_new ((guint8) v[0], xmpp_stanza_get_attribute (st, "name"),
                                               (guint) v[1], (guint) v[2]);
  pt->ptime = (guint) v[3];
  pt->maxptime = (guint) v[4];
  for (xmpp_stanza_t *c = xmpp_stanza_get_children (st); c; c = xmpp_stanza_get_next (c))
    {
      if (is_rtp (c, "parameter") && !parse_param (c, pt->params, error))
        return FALSE;
      if (jgw_xml_is (c, "rtcp-fb", JGW_NS_RTCP_FB) && !parse_rtcp_fb (c, pt->rtcp_fb, error))
        return FALSE;
    }
  g_ptr_array_add (content->payloads, g_steal_pointer (&pt));
  return TRUE;
}

static gboolean
parse_crypto (xmpp_stanza_t *st, JgwContent *content, GError **error)
{
  const char *suite, *key;
  guint64 tag = 0;
  if (!jgw_xml_req (st, "crypto-suite", &suite, error) || !jgw_xml_req (st, "key-params", &key, error)
      || !jgw_xml_uint (st, "tag", G_MAXUINT32, TRUE, &tag, error))
    return FALSE;
  JgwCrypto *c = g_new0 (JgwCrypto, 1);
  c->tag = (guint) tag;
  c->suite = g_strdup (suite);
  c->key_params = g_strdup (key);
  c->session_params = g_strdup (xmpp_stanza_get_attribute (st, "session-params"));
  g_ptr_array_add (content->crypto, c);
  return TRUE;
}

static gboolean
parse_encryption (xmpp_stanza_t *st, JgwContent *content, GError **error)
{
  const char *req = xmpp_stanza_get_attribute (st, "required");
  content->crypto_required = req != NULL && (strcmp (req, "1") == 0 || strcmp (req, "true") == 0);
  for (xmpp_stanza_t *c = xmpp_stanza_get_children (st); c; c = xmpp_stanza_get_next (c))
    if (is_rtp (c, "crypto") && !parse_crypto (c, content, error))
      return FALSE;
  return TRUE;
}

static gboolean
parse_hdrext (xmpp_stanza_t *st, JgwContent *content, GError **error)
{
  guint64 id = 0;
  const char *uri;
  /* RFC 8285 ids go to 255; RFC 5285 reserved 4096-4351 for negotiation. */
  if (!jgw_xml_uint (st, "id", 4351, TRUE, &id, error) || !jgw_xml_req (st, "uri", &uri, error))
    return FALSE;
  JgwHdrExt *h = g_new0 (JgwHdrExt, 1);
  h->id = (guint) id;
  h->uri = g_strdup (uri);
  h->senders = g_strdup (xmpp_stanza_get_attribute (st, "senders"));
  g_ptr_array_add (content->hdrexts, h);
  return TRUE;
}

static gboolean
parse_source (xmpp_stanza_t *st, JgwContent *content, GError **error)
{
  guint64 ssrc = 0;
  if (!jgw_xml_uint (st, "ssrc", G_MAXUINT32, TRUE, &ssrc, error))
    return FALSE;
  JgwSsrc *s = g_new0 (JgwSsrc, 1);
  s->ssrc = (guint32) ssrc;
  s->params = g_ptr_array_new_with_free_func (jgw_param_free);
  g_ptr_array_add (content->ssrcs, s);
  for (xmpp_stanza_t *c = xmpp_stanza_get_children (st); c; c = xmpp_stanza_get_next (c))
    if (jgw_xml_is (c, "parameter", NULL) && !parse_param (c, s->params, error))
      return FALSE;
  return TRUE;
}

static gboolean
parse_ssrc_group (xmpp_stanza_t *st, JgwContent *content, GError **error)
{
  const char *sem;
  if (!jgw_xml_req (st, "semantics", &sem, error))
    return FALSE;
  JgwSsrcGroup *g = g_new0 (JgwSsrcGroup, 1);
  g->semantics = g_strdup (sem);
  g->ssrcs = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_ptr_array_add (content->ssrc_groups, g);
  for (xmpp_stanza_t *c = xmpp_stanza_get_children (st); c; c = xmpp_stanza_get_next (c))
    {
      guint64 ssrc = 0;
      if (!jgw_xml_is (c, "source", NULL))
        continue;
      if (!jgw_xml_uint (c, "ssrc", G_MAXUINT32, TRUE, &ssrc, error))
        return FALSE;
      guint32 v = (guint32) ssrc;
      g_array_append_val (g->ssrcs, v);
    }
  return TRUE;
}

static gboolean
parse_bandwidth (xmpp_stanza_t *st, JgwContent *content, GError **error)
{
  const char *type = xmpp_stanza_get_attribute (st, "type");
  g_autofree char *text = jgw_xml_text (st);
  guint64 kbps = 0;
  if (g_strcmp0 (type, "AS") != 0)
    return TRUE; /* only application-specific maximum maps to the model */
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT32, &kbps, NULL))
    {
      g_set_error (error, JGW_JINGLE_ERROR, JGW_JINGLE_ERROR_BAD_REQUEST, "bad <bandwidth/> '%s'", text);
      return FALSE;
    }
  content->bandwidth_kbps = (guint) kbps;
  return TRUE;
}

/* XEP-0293 section 3: rtcp-fb directly in <description/> applies to every payload. */
static gboolean
parse_child (xmpp_stanza_t *c, JgwContent *content, GPtrArray *shared_fb, GError **error)
{
  if (is_rtp (c, "payload-type"))
    return parse_payload (c, content, error);
  if (is_rtp (c, "encryption"))
    return parse_encryption (c, content, error);
  if (is_rtp (c, "bandwidth"))
    return parse_bandwidth (c, content, error);
  if (is_rtp (c, "rtcp-mux"))
    content->rtcp_mux = TRUE;
  else if (jgw_xml_is (c, "rtp-hdrext", JGW_NS_HDREXT))
    return parse_hdrext (c, content, error);
  else if (jgw_xml_is (c, "source", JGW_NS_SSMA))
    return parse_source (c, content, error);
  else if (jgw_xml_is (c, "ssrc-group", JGW_NS_SSMA))
    return parse_ssrc_group (c, content, error);
  else if (jgw_xml_is (c, "rtcp-fb", JGW_NS_RTCP_FB))
    return parse_rtcp_fb (c, shared_fb, error);
  return TRUE;
}

gboolean
jgw_rtp_parse (xmpp_stanza_t *description, JgwContent *content, GError **error)
{
  const char *media;
  g_autoptr (GPtrArray) shared_fb = g_ptr_array_new_with_free_func (jgw_rtcp_fb_free);
  if (!jgw_xml_req (description, "media", &media, error))
    return FALSE;
  g_free (content->media);
  content->media = g_strdup (media);
  for (xmpp_stanza_t *c = xmpp_stanza_get_children (description); c; c = xmpp_stanza_get_next (c))
    if (!parse_child (c, content, shared_fb, error))
      return FALSE;
  for (guint i = 0; i < content->payloads->len; i++)
    for (guint j = 0; j < shared_fb->len; j++)
      {
        JgwPayload *pt = g_ptr_array_index (content->payloads, i);
        const JgwRtcpFb *s = g_ptr_array_index (shared_fb, j);
        JgwRtcpFb *fb = g_new0 (JgwRtcpFb, 1);
        fb->type = g_strdup (s->type);
        fb->subtype = g_strdup (s->subtype);
        g_ptr_array_add (pt->rtcp_fb, fb);
      }
  return TRUE;
}
