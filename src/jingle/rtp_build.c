/* rtp_build.c — JgwContent to an XEP-0167 <description/>. Children in the
 * description's own namespace carry no xmlns so the output stays compact. */
#define G_LOG_DOMAIN "jgw-jingle"
#include "jingle/jingle.h"
#include "jingle/xml.h"

static void
build_params (xmpp_stanza_t *parent, const GPtrArray *params)
{
  for (guint i = 0; params && i < params->len; i++)
    {
      const JgwParam *p = g_ptr_array_index (params, i);
      xmpp_stanza_t *st = jgw_xml_add_child (parent, "parameter", NULL);
      jgw_xml_set (st, "name", p->name);
      jgw_xml_set (st, "value", p->value);
    }
}

static void
build_rtcp_fb (xmpp_stanza_t *parent, const GPtrArray *fbs)
{
  for (guint i = 0; fbs && i < fbs->len; i++)
    {
      const JgwRtcpFb *fb = g_ptr_array_index (fbs, i);
      xmpp_stanza_t *st = jgw_xml_add_child (parent, "rtcp-fb", JGW_NS_RTCP_FB);
      jgw_xml_set (st, "type", fb->type);
      jgw_xml_set (st, "subtype", fb->subtype);
    }
}

static void
build_payload (xmpp_stanza_t *desc, const JgwPayload *pt)
{
  xmpp_stanza_t *st = jgw_xml_add_child (desc, "payload-type", NULL);
  jgw_xml_set_uint (st, "id", pt->id);
  jgw_xml_set (st, "name", pt->name);
  if (pt->clockrate)
    jgw_xml_set_uint (st, "clockrate", pt->clockrate);
  if (pt->channels)
    jgw_xml_set_uint (st, "channels", pt->channels);
  if (pt->ptime)
    jgw_xml_set_uint (st, "ptime", pt->ptime);
  if (pt->maxptime)
    jgw_xml_set_uint (st, "maxptime", pt->maxptime);
  build_params (st, pt->params);
  build_rtcp_fb (st, pt->rtcp_fb);
}

static void
build_encryption (xmpp_stanza_t *desc, const JgwContent *c)
{
  if (c->crypto == NULL || c->crypto->len == 0)
    return;
  xmpp_stanza_t *enc = jgw_xml_add_child (desc, "encryption", NULL);
  if (c->crypto_required)
    jgw_xml_set (enc, "required", "1");
  for (guint i = 0; i < c->crypto->len; i++)
    {
      const JgwCrypto *k = g_ptr_array_index (c->crypto, i);
      xmpp_stanza_t *st = jgw_xml_add_child (enc, "crypto", NULL);
      jgw_xml_set (st, "crypto-suite", k->suite);
      jgw_xml_set (st, "key-params", k->key_params);
      jgw_xml_set (st, "session-params", k->session_params);
      jgw_xml_set_uint (st, "tag", k->tag);
    }
}

static void
build_bandwidth (xmpp_stanza_t *desc, guint kbps)
{
  char buf[16];
  if (kbps == 0)
    return;
  xmpp_stanza_t *st = jgw_xml_add_child (desc, "bandwidth", NULL);
  jgw_xml_set (st, "type", "AS");
  xmpp_stanza_t *text = xmpp_stanza_new (xmpp_stanza_get_context (desc));
  g_snprintf (buf, sizeof buf, "%u", kbps);
  xmpp_stanza_set_text (text, buf);
  xmpp_stanza_add_child_ex (st, text, 0);
}

static void
build_hdrexts (xmpp_stanza_t *desc, const GPtrArray *hdrexts)
{
  for (guint i = 0; hdrexts && i < hdrexts->len; i++)
    {
      const JgwHdrExt *h = g_ptr_array_index (hdrexts, i);
      xmpp_stanza_t *st = jgw_xml_add_child (desc, "rtp-hdrext", JGW_NS_HDREXT);
      jgw_xml_set_uint (st, "id", h->id);
      jgw_xml_set (st, "uri", h->uri);
      jgw_xml_set (st, "senders", h->senders);
    }
}

static void
build_sources (xmpp_stanza_t *desc, const JgwContent *c)
{
  for (guint i = 0; c->ssrcs && i < c->ssrcs->len; i++)
    {
      const JgwSsrc *s = g_ptr_array_index (c->ssrcs, i);
      xmpp_stanza_t *st = jgw_xml_add_child (desc, "source", JGW_NS_SSMA);
      jgw_xml_set_uint (st, "ssrc", s->ssrc);
      build_params (st, s->params);
    }
  for (guint i = 0; c->ssrc_groups && i < c->ssrc_groups->len; i++)
    {
      const JgwSsrcGroup *g = g_ptr_array_index (c->ssrc_groups, i);
      xmpp_stanza_t *st = jgw_xml_add_child (desc, "ssrc-group", JGW_NS_SSMA);
      jgw_xml_set (st, "semantics", g->semantics);
      for (guint j = 0; j < g->ssrcs->len; j++)
        jgw_xml_set_uint (jgw_xml_add_child (st, "source", NULL), "ssrc",
                          g_array_index (g->ssrcs, guint32, j));
    }
}

void
jgw_rtp_build (xmpp_stanza_t *parent, const JgwContent *c)
{
  xmpp_stanza_t *desc = jgw_xml_add_child (parent, "description", JGW_NS_RTP);
  jgw_xml_set (desc, "media", c->media);
  for (guint i = 0; c->payloads && i < c->payloads->len; i++)
    build_payload (desc, g_ptr_array_index (c->payloads, i));
  build_encryption (desc, c);
  build_bandwidth (desc, c->bandwidth_kbps);
  if (c->rtcp_mux)
    jgw_xml_add_child (desc, "rtcp-mux", NULL);
  build_hdrexts (desc, c->hdrexts);
  build_sources (desc, c);
}
