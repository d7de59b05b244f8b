/* mdesc.c — constructors, deep copies and destructors of the media model. */
#include "mdesc.h"

#include <string.h>

JgwParam *
jgw_param_new (const char *name, const char *value)
{
  JgwParam *p = g_new0 (JgwParam, 1);
  p->name = g_strdup (name);
  p->value = g_strdup (value);
  return p;
}

void
jgw_param_free (gpointer data)
{
  JgwParam *p = data;
  g_free (p->name);
  g_free (p->value);
  g_free (p);
}

static gpointer
param_copy (gconstpointer src, gpointer unused)
{
  const JgwParam *p = src;
  return jgw_param_new (p->name, p->value);
}

void
jgw_rtcp_fb_free (gpointer data)
{
  JgwRtcpFb *fb = data;
  g_free (fb->type);
  g_free (fb->subtype);
  g_free (fb);
}

static gpointer
rtcp_fb_copy (gconstpointer src, gpointer unused)
{
  const JgwRtcpFb *s = src;
  JgwRtcpFb *fb = g_new0 (JgwRtcpFb, 1);
  fb->type = g_strdup (s->type);
  fb->subtype = g_strdup (s->subtype);
  return fb;
}

/* Deep-copies an owned pointer array; NULL stays NULL. */
static GPtrArray *
array_copy (const GPtrArray *src, GCopyFunc copy, GDestroyNotify free_func)
{
  if (src == NULL)
    return NULL;
  GPtrArray *dst = g_ptr_array_copy ((GPtrArray *) src, copy, NULL);
  g_ptr_array_set_free_func (dst, free_func);
  return dst;
}

JgwPayload *
jgw_payload_new (guint8 id, const char *name, guint clockrate, guint channels)
{
  JgwPayload *p = g_new0 (JgwPayload, 1);
  p->id = id;
  p->name = g_strdup (name);
  p->clockrate = clockrate;
  p->channels = channels;
  p->params = g_ptr_array_new_with_free_func (jgw_param_free);
  p->rtcp_fb = g_ptr_array_new_with_free_func (jgw_rtcp_fb_free);
  return p;
}

JgwPayload *
jgw_payload_copy (const JgwPayload *s)
{
  JgwPayload *p = g_new0 (JgwPayload, 1);
  *p = *s;
  p->name = g_strdup (s->name);
  p->params = array_copy (s->params, param_copy, jgw_param_free);
  p->rtcp_fb = array_copy (s->rtcp_fb, rtcp_fb_copy, jgw_rtcp_fb_free);
  return p;
}

void
jgw_payload_free (JgwPayload *p)
{
  if (p == NULL)
    return;
  g_free (p->name);
  g_clear_pointer (&p->params, g_ptr_array_unref);
  g_clear_pointer (&p->rtcp_fb, g_ptr_array_unref);
  g_free (p);
}

const char *
jgw_payload_get_param (const JgwPayload *payload, const char *name)
{
  for (guint i = 0; payload->params && i < payload->params->len; i++)
    {
      const JgwParam *p = g_ptr_array_index (payload->params, i);
      if (g_ascii_strcasecmp (p->name, name) == 0)
        return p->value;
    }
  return NULL;
}

void
jgw_payload_set_param (JgwPayload *payload, const char *name, const char *value)
{
  for (guint i = 0; i < payload->params->len; i++)
    {
      JgwParam *p = g_ptr_array_index (payload->params, i);
      if (g_ascii_strcasecmp (p->name, name) == 0)
        {
          g_free (p->value);
          p->value = g_strdup (value);
          return;
        }
    }
  g_ptr_array_add (payload->params, jgw_param_new (name, value));
}

static gpointer
payload_copy_cb (gconstpointer src, gpointer unused)
{
  return jgw_payload_copy (src);
}

static void
hdrext_free (gpointer data)
{
  JgwHdrExt *h = data;
  g_free (h->uri);
  g_free (h->senders);
  g_free (h);
}

static gpointer
hdrext_copy (gconstpointer src, gpointer unused)
{
  const JgwHdrExt *s = src;
  JgwHdrExt *h = g_new0 (JgwHdrExt, 1);
  h->id = s->id;
  h->uri = g_strdup (s->uri);
  h->senders = g_strdup (s->senders);
  return h;
}

static void
ssrc_free (gpointer data)
{
  JgwSsrc *s = data;
  g_clear_pointer (&s->params, g_ptr_array_unref);
  g_free (s);
}

static gpointer
ssrc_copy (gconstpointer src, gpointer unused)
{
  const JgwSsrc *s = src;
  JgwSsrc *d = g_new0 (JgwSsrc, 1);
  d->ssrc = s->ssrc;
  d->params = array_copy (s->params, param_copy, jgw_param_free);
  return d;
}

static void
ssrc_group_free (gpointer data)
{
  JgwSsrcGroup *g = data;
  g_free (g->semantics);
  g_clear_pointer (&g->ssrcs, g_array_unref);
  g_free (g);
}

static gpointer
ssrc_group_copy (gconstpointer src, gpointer unused)
{
  const JgwSsrcGroup *s = src;
  JgwSsrcGroup *g = g_new0 (JgwSsrcGroup, 1);
  g->semantics = g_strdup (s->semantics);
  g->ssrcs = g_array_copy (s->ssrcs);
  return g;
}

static void
crypto_free (gpointer data)
{
  JgwCrypto *c = data;
  g_free (c->suite);
  g_free (c->key_params);
  g_free (c->session_params);
  g_free (c);
}

static gpointer
crypto_copy (gconstpointer src, gpointer unused)
{
  const JgwCrypto *s = src;
  JgwCrypto *c = g_new0 (JgwCrypto, 1);
  c->tag = s->tag;
  c->suite = g_strdup (s->suite);
  c->key_params = g_strdup (s->key_params);
  c->session_params = g_strdup (s->session_params);
  return c;
}

void
jgw_candidate_free (JgwCandidate *c)
{
  if (c == NULL)
    return;
  g_free (c->foundation);
  g_free (c->id);
  g_free (c->ip);
  g_free (c->protocol);
  g_free (c->type);
  g_free (c->rel_addr);
  g_free (c->tcptype);
  g_free (c);
}

JgwCandidate *
jgw_candidate_copy (const JgwCandidate *s)
{
  JgwCandidate *c = g_new0 (JgwCandidate, 1);
  *c = *s;
  c->foundation = g_strdup (s->foundation);
  c->id = g_strdup (s->id);
  c->ip = g_strdup (s->ip);
  c->protocol = g_strdup (s->protocol);
  c->type = g_strdup (s->type);
  c->rel_addr = g_strdup (s->rel_addr);
  c->tcptype = g_strdup (s->tcptype);
  return c;
}

static gpointer
candidate_copy_cb (gconstpointer src, gpointer unused)
{
  return jgw_candidate_copy (src);
}

JgwFingerprint *
jgw_fingerprint_copy (const JgwFingerprint *s)
{
  if (s == NULL)
    return NULL;
  JgwFingerprint *f = g_new0 (JgwFingerprint, 1);
  f->hash = g_strdup (s->hash);
  f->setup = g_strdup (s->setup);
  f->value = g_strdup (s->value);
  return f;
}

void
jgw_fingerprint_free (JgwFingerprint *f)
{
  if (f == NULL)
    return;
  g_free (f->hash);
  g_free (f->setup);
  g_free (f->value);
  g_free (f);
}

JgwIceTransport *
jgw_ice_transport_new (void)
{
  JgwIceTransport *t = g_new0 (JgwIceTransport, 1);
  t->candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) jgw_candidate_free);
  return t;
}

JgwIceTransport *
jgw_ice_transport_copy (const JgwIceTransport *s)
{
  if (s == NULL)
    return NULL;
  JgwIceTransport *t = g_new0 (JgwIceTransport, 1);
  t->ufrag = g_strdup (s->ufrag);
  t->pwd = g_strdup (s->pwd);
  t->candidates = array_copy (s->candidates, candidate_copy_cb, (GDestroyNotify) jgw_candidate_free);
  t->fingerprint = jgw_fingerprint_copy (s->fingerprint);
  t->end_of_candidates = s->end_of_candidates;
  return t;
}

void
jgw_ice_transport_free (JgwIceTransport *t)
{
  if (t == NULL)
    return;
  g_free (t->ufrag);
  g_free (t->pwd);
  g_clear_pointer (&t->candidates, g_ptr_array_unref);
  jgw_fingerprint_free (t->fingerprint);
  g_free (t);
}

JgwContent *
jgw_content_new (const char *name, const char *media)
{
  JgwContent *c = g_new0 (JgwContent, 1);
  c->name = g_strdup (name);
  c->creator = g_strdup ("initiator");
  c->media = g_strdup (media);
  c->payloads = g_ptr_array_new_with_free_func ((GDestroyNotify) jgw_payload_free);
  c->hdrexts = g_ptr_array_new_with_free_func (hdrext_free);
  c->ssrcs = g_ptr_array_new_with_free_func (ssrc_free);
  c->ssrc_groups = g_ptr_array_new_with_free_func (ssrc_group_free);
  c->crypto = g_ptr_array_new_with_free_func (crypto_free);
  return c;
}

JgwContent *
jgw_content_copy (const JgwContent *s)
{
  JgwContent *c = g_new0 (JgwContent, 1);
  *c = *s;
  c->name = g_strdup (s->name);
  c->creator = g_strdup (s->creator);
  c->media = g_strdup (s->media);
  c->payloads = array_copy (s->payloads, payload_copy_cb, (GDestroyNotify) jgw_payload_free);
  c->hdrexts = array_copy (s->hdrexts, hdrext_copy, hdrext_free);
  c->ssrcs = array_copy (s->ssrcs, ssrc_copy, ssrc_free);
  c->ssrc_groups = array_copy (s->ssrc_groups, ssrc_group_copy, ssrc_group_free);
  c->crypto = array_copy (s->crypto, crypto_copy, crypto_free);
  c->ice = jgw_ice_transport_copy (s->ice);
  c->rtp_addr = g_strdup (s->rtp_addr);
  return c;
}

void
jgw_content_free (JgwContent *c)
{
  if (c == NULL)
    return;
  g_free (c->name);
  g_free (c->creator);
  g_free (c->media);
  g_clear_pointer (&c->payloads, g_ptr_array_unref);
  g_clear_pointer (&c->hdrexts, g_ptr_array_unref);
  g_clear_pointer (&c->ssrcs, g_ptr_array_unref);
  g_clear_pointer (&c->ssrc_groups, g_ptr_array_unref);
  g_clear_pointer (&c->crypto, g_ptr_array_unref);
  jgw_ice_transport_free (c->ice);
  g_free (c->rtp_addr);
  g_free (c);
}

static gpointer
content_copy_cb (gconstpointer src, gpointer unused)
{
  return jgw_content_copy (src);
}

static void
group_free (gpointer data)
{
  JgwGroup *g = data;
  g_free (g->semantics);
  g_strfreev (g->contents);
  g_free (g);
}

static gpointer
group_copy (gconstpointer src, gpointer unused)
{
  const JgwGroup *s = src;
  JgwGroup *g = g_new0 (JgwGroup, 1);
  g->semantics = g_strdup (s->semantics);
  g->contents = g_strdupv (s->contents);
  return g;
}

JgwSessionDesc *
jgw_session_desc_new (void)
{
  JgwSessionDesc *d = g_new0 (JgwSessionDesc, 1);
  d->contents = g_ptr_array_new_with_free_func ((GDestroyNotify) jgw_content_free);
  d->groups = g_ptr_array_new_with_free_func (group_free);
  return d;
}

JgwSessionDesc *
jgw_session_desc_copy (const JgwSessionDesc *s)
{
  JgwSessionDesc *d = g_new0 (JgwSessionDesc, 1);
  d->contents = array_copy (s->contents, content_copy_cb, (GDestroyNotify) jgw_content_free);
  d->groups = array_copy (s->groups, group_copy, group_free);
  return d;
}

void
jgw_session_desc_free (JgwSessionDesc *d)
{
  if (d == NULL)
    return;
  g_clear_pointer (&d->contents, g_ptr_array_unref);
  g_clear_pointer (&d->groups, g_ptr_array_unref);
  g_free (d);
}
