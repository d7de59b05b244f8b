/* sdp_write.c — JgwSessionDesc to SDP text. Attribute order follows what
 * browsers emit (RFC 8829 section 5.2.1) so peers that are picky about it
 * see a familiar offer. */
#define G_LOG_DOMAIN "jgw-sdp"
#include "sdp/sdp.h"

#include <string.h>

static const char *
addr_type (const char *addr)
{
  return strchr (addr, ':') != NULL ? "IP6" : "IP4";
}

/* The m=/c= pair for ICE contents is the default candidate (RFC 8839 4.2.1.1):
 * the highest-priority RTP candidate, or the discard port before gathering. */
static void
default_address (const JgwContent *c, const char **addr, guint *port)
{
  const JgwCandidate *best = NULL;
  *addr = c->rtp_addr;
  *port = c->rtp_port;
  if (c->rtp_addr != NULL || c->ice == NULL)
    return;
  for (guint i = 0; i < c->ice->candidates->len; i++)
    {
      const JgwCandidate *cand = g_ptr_array_index (c->ice->candidates, i);
      if (cand->component == 1 && (best == NULL || cand->priority > best->priority))
        best = cand;
    }
  *addr = best ? best->ip : NULL;
  *port = best ? best->port : 9;
}

static gboolean
has_feedback (const JgwContent *c)
{
  for (guint i = 0; i < c->payloads->len; i++)
    if (((JgwPayload *) g_ptr_array_index (c->payloads, i))->rtcp_fb->len > 0)
      return TRUE;
  return FALSE;
}

static const char *
proto_of (const JgwContent *c)
{
  gboolean fb = has_feedback (c);
  if (c->ice != NULL && c->ice->fingerprint != NULL)
    return "UDP/TLS/RTP/SAVPF";
  if (c->crypto != NULL && c->crypto->len > 0)
    return fb ? "RTP/SAVPF" : "RTP/SAVP";
  return fb ? "RTP/AVPF" : "RTP/AVP";
}

static void
write_mline (GString *s, const JgwContent *c)
{
  const char *addr;
  guint port;
  default_address (c, &addr, &port);
  if (addr == NULL)
    addr = "0.0.0.0";
  g_string_append_printf (s, "m=%s %u %s", c->media ? c->media : "audio", port, proto_of (c));
  for (guint i = 0; i < c->payloads->len; i++)
    g_string_append_printf (s, " %u", ((JgwPayload *) g_ptr_array_index (c->payloads, i))->id);
  g_string_append_printf (s, "\r\nc=IN %s %s\r\n", addr_type (addr), addr);
  if (c->bandwidth_kbps)
    g_string_append_printf (s, "b=AS:%u\r\n", c->bandwidth_kbps);
  if (c->rtcp_port && !c->rtcp_mux)
    g_string_append_printf (s, "a=rtcp:%u\r\n", c->rtcp_port);
}

static void
write_candidate (GString *s, const JgwCandidate *c)
{
  g_string_append_printf (s, "a=candidate:%s %u %s %u %s %u typ %s", c->foundation, c->component,
                          c->protocol, c->priority, c->ip, c->port, c->type ? c->type : "host");
  if (c->rel_addr != NULL)
    g_string_append_printf (s, " raddr %s rport %u", c->rel_addr, c->rel_port);
  if (c->tcptype != NULL)
    g_string_append_printf (s, " tcptype %s", c->tcptype);
  g_string_append_printf (s, " generation %u", c->generation);
  if (c->network)
    g_string_append_printf (s, " network-id %u", c->network);
  g_string_append (s, "\r\n");
}

static void
write_transport (GString *s, const JgwContent *c)
{
  const JgwIceTransport *ice = c->ice;
  if (ice == NULL)
    return;
  if (ice->ufrag != NULL)
    g_string_append_printf (s, "a=ice-ufrag:%s\r\n", ice->ufrag);
  if (ice->pwd != NULL)
    g_string_append_printf (s, "a=ice-pwd:%s\r\n", ice->pwd);
  if (ice->fingerprint != NULL)
    {
      g_string_append_printf (s, "a=fingerprint:%s %s\r\n", ice->fingerprint->hash, ice->fingerprint->value);
      if (ice->fingerprint->setup != NULL)
        g_string_append_printf (s, "a=setup:%s\r\n", ice->fingerprint->setup);
    }
  for (guint i = 0; i < ice->candidates->len; i++)
    write_candidate (s, g_ptr_array_index (ice->candidates, i));
  if (ice->end_of_candidates)
    g_string_append (s, "a=end-of-candidates\r\n");
}

static void
write_media_attrs (GString *s, const JgwContent *c, JgwSdpAuthor author)
{
  g_string_append_printf (s, "a=mid:%s\r\n", c->name);
  for (guint i = 0; i < c->hdrexts->len; i++)
    {
      const JgwHdrExt *h = g_ptr_array_index (c->hdrexts, i);
      JgwSenders senders = JGW_SENDERS_BOTH;
      const char *dir = NULL;
      if (h->senders != NULL && g_strcmp0 (h->senders, "both") != 0)
        {
          senders = g_str_equal (h->senders, "initiator") ? JGW_SENDERS_INITIATOR
                    : g_str_equal (h->senders, "responder") ? JGW_SENDERS_RESPONDER : JGW_SENDERS_NONE;
          dir = jgw_sdp_direction (senders, author);
        }
      g_string_append_printf (s, "a=extmap:%u%s%s %s\r\n", h->id, dir ? "/" : "", dir ? dir : "", h->uri);
    }
  g_string_append_printf (s, "a=%s\r\n", jgw_sdp_direction (c->senders, author));
  if (c->rtcp_mux)
    g_string_append (s, "a=rtcp-mux\r\n");
  for (guint i = 0; i < c->crypto->len; i++)
    {
      const JgwCrypto *k = g_ptr_array_index (c->crypto, i);
      g_string_append_printf (s, "a=crypto:%u %s %s%s%s\r\n", k->tag, k->suite, k->key_params,
                              k->session_params ? " " : "", k->session_params ? k->session_params : "");
    }
}

static void
write_fmtp (GString *s, const JgwPayload *pt)
{
  if (pt->params->len == 0)
    return;
  g_string_append_printf (s, "a=fmtp:%u ", pt->id);
  for (guint i = 0; i < pt->params->len; i++)
    {
      const JgwParam *p = g_ptr_array_index (pt->params, i);
      g_string_append_printf (s, "%s%s%s%s", i ? ";" : "", p->name, p->value ? "=" : "", p->value ? p->value : "");
    }
  g_string_append (s, "\r\n");
}

static void
write_payloads (GString *s, const JgwContent *c)
{
  guint ptime = 0, maxptime = 0;
  for (guint i = 0; i < c->payloads->len; i++)
    {
      const JgwPayload *pt = g_ptr_array_index (c->payloads, i);
      g_string_append_printf (s, "a=rtpmap:%u %s/%u", pt->id, pt->name ? pt->name : "", pt->clockrate);
      if (pt->channels)
        g_string_append_printf (s, "/%u", pt->channels);
      g_string_append (s, "\r\n");
      for (guint k = 0; k < pt->rtcp_fb->len; k++)
        {
          const JgwRtcpFb *fb = g_ptr_array_index (pt->rtcp_fb, k);
          g_string_append_printf (s, "a=rtcp-fb:%u %s%s%s\r\n", pt->id, fb->type, fb->subtype ? " " : "",
                                  fb->subtype ? fb->subtype : "");
        }
      write_fmtp (s, pt);
      /* SDP has one ptime per m= line: the first payload that names one wins. */
      ptime = ptime ? ptime : pt->ptime;
      maxptime = maxptime ? maxptime : pt->maxptime;
    }
  if (ptime)
    g_string_append_printf (s, "a=ptime:%u\r\n", ptime);
  if (maxptime)
    g_string_append_printf (s, "a=maxptime:%u\r\n", maxptime);
}

static void
write_sources (GString *s, const JgwContent *c)
{
  for (guint i = 0; i < c->ssrc_groups->len; i++)
    {
      const JgwSsrcGroup *g = g_ptr_array_index (c->ssrc_groups, i);
      g_string_append_printf (s, "a=ssrc-group:%s", g->semantics);
      for (guint k = 0; k < g->ssrcs->len; k++)
        g_string_append_printf (s, " %u", g_array_index (g->ssrcs, guint32, k));
      g_string_append (s, "\r\n");
    }
  for (guint i = 0; i < c->ssrcs->len; i++)
    {
      const JgwSsrc *src = g_ptr_array_index (c->ssrcs, i);
      for (guint k = 0; src->params && k < src->params->len; k++)
        {
          const JgwParam *p = g_ptr_array_index (src->params, k);
          g_string_append_printf (s, "a=ssrc:%u %s%s%s\r\n", src->ssrc, p->name, p->value ? ":" : "",
                                  p->value ? p->value : "");
        }
      if (src->params == NULL || src->params->len == 0)
        g_string_append_printf (s, "a=ssrc:%u\r\n", src->ssrc);
    }
}

static void
write_session (GString *s, const JgwSessionDesc *desc, guint64 id, guint64 version, const char *origin)
{
  const char *o = origin ? origin : "0.0.0.0";
  g_string_append_printf (s, "v=0\r\no=- %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " IN %s %s\r\ns=-\r\nt=0 0\r\n", id,
                          version, addr_type (o), o);
  for (guint i = 0; i < desc->groups->len; i++)
    {
      const JgwGroup *g = g_ptr_array_index (desc->groups, i);
      g_string_append_printf (s, "a=group:%s", g->semantics);
      for (guint k = 0; g->contents && g->contents[k]; k++)
        g_string_append_printf (s, " %s", g->contents[k]);
      g_string_append (s, "\r\n");
    }
}

char *
jgw_sdp_write (const JgwSessionDesc *desc, JgwSdpAuthor author, guint64 session_id, guint64 version,
               const char *origin_addr)
{
  GString *s = g_string_new (NULL);
  write_session (s, desc, session_id, version, origin_addr);
  for (guint i = 0; i < desc->contents->len; i++)
    {
      const JgwContent *c = g_ptr_array_index (desc->contents, i);
      write_mline (s, c);
      write_transport (s, c);
      write_media_attrs (s, c, author);
      write_payloads (s, c);
      write_sources (s, c);
    }
  return g_string_free (s, FALSE);
}
