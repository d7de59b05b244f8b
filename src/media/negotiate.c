/* negotiate.c — offer/answer of each leg in the JgwContent model: codec
 * and telephone-event choice, ICE/DTLS role, SDES keys. */
#define G_LOG_DOMAIN "jgw-media"

#include <string.h>

#include "media/session-private.h"

/* The remote's payload for our codec: the other leg's codec if offered
 * (pass-through), else the first one we support, in the remote's order. */
static const JgwPayload *
choose_payload (JgwMediaSession *s, JgwMediaLeg leg, const JgwContent *remote)
{
  const JgwCodec *other = s->neg[!leg].codec;
  const JgwPayload *first = NULL;

  for (guint i = 0; i < remote->payloads->len; i++) {
    const JgwPayload *p = remote->payloads->pdata[i];
    const JgwCodec *c = jgw_codec_for_payload (p);

    if (c && c == other)
      return p;
    if (c && !first)
      first = p;
  }
  return first;
}

static gboolean
negotiate_codec (JgwMediaSession *s, JgwMediaLeg leg, const JgwContent *remote, GError **error)
{
  JgwLegNeg *n = &s->neg[leg];
  const JgwPayload *p = choose_payload (s, leg, remote);
  const JgwPayload *te;

  if (!p) {
    g_set_error (error, JGW_MEDIA_ERROR, JGW_MEDIA_ERROR_NO_CODEC,
                 "no supported audio codec offered (opus, G722, PCMU, PCMA)");
    return FALSE;
  }
  n->codec = jgw_codec_for_payload (p);
  n->send_pt = p->id;
  n->recv_pt = n->offered ? n->codec->default_pt : p->id;
  te = jgw_codec_find_telephone_event (remote, n->codec->rtp_rate);
  n->send_te = te ? te->id : -1;
  n->te_rate = te ? te->clockrate : 0;
  /* As offerer we receive with the PT we offered for that rate. */
  n->recv_te = !te ? -1 : !n->offered ? te->id : te->clockrate == 48000 ? TE_PT_48K : TE_PT_8K;
  return TRUE;
}

static gboolean
negotiate_dtls (JgwMediaSession *s, const JgwContent *remote, GError **error)
{
  return jgw_ice_leg_set_remote_dtls (s->ice, remote->ice, s->neg[JGW_MEDIA_LEG_XMPP].offered, &s->dtls_client,
                                      error);
}

static JgwCrypto *
new_crypto (guint tag, const char *suite)
{
  JgwCrypto *c = g_new0 (JgwCrypto, 1);

  c->tag = tag;
  c->suite = g_strdup (suite);
  c->key_params = jgw_sdes_new_key_params ();
  return c;
}

static gboolean
negotiate_sdes (JgwMediaSession *s, const JgwContent *remote, GError **error)
{
  gboolean offered = s->neg[JGW_MEDIA_LEG_SIP].offered;

  for (guint i = 0; remote->crypto && i < remote->crypto->len; i++) {
    const JgwCrypto *rc = remote->crypto->pdata[i];
    g_autoptr (GBytes) key = jgw_sdes_parse_key (rc->key_params);

    if (!jgw_sdes_suite_supported (rc->suite) || !key)
      continue;
    for (guint j = 0; offered && j < s->sdes_offer->len && !s->sdes_local; j++) {
      JgwCrypto *ours = s->sdes_offer->pdata[j];

      if (ours->tag == rc->tag && g_str_equal (ours->suite, rc->suite))
        s->sdes_local = ours;
    }
    if (!offered) {
      s->sdes_local = new_crypto (rc->tag, rc->suite);
      g_ptr_array_add (s->sdes_offer, s->sdes_local); /* owned there */
    }
    if (s->sdes_local) {
      s->sdes_remote_key = g_steal_pointer (&key);
      s->sdes_suite = g_strdup (rc->suite);
      return TRUE;
    }
  }
  if (remote->crypto_required || (offered && s->srtp_required)) {
    g_set_error (error, JGW_MEDIA_ERROR, JGW_MEDIA_ERROR_INVALID,
                 "SRTP is required but no supported crypto suite was agreed");
    return FALSE;
  }
  return TRUE;
}

static gboolean
maybe_start (JgwMediaSession *s, GError **error)
{
  if (!s->neg[0].remote || !s->neg[1].remote || s->pipeline || s->failed)
    return TRUE;
  return jgw_media_pipeline_start (s, error);
}

gboolean
jgw_media_session_set_remote (JgwMediaSession *s, JgwMediaLeg leg, const JgwContent *remote,
                              GError **error)
{
  JgwLegNeg *n = &s->neg[leg];

  if (n->remote || s->failed) {
    g_set_error (error, JGW_MEDIA_ERROR, JGW_MEDIA_ERROR_STATE,
                 "remote description already set (no re-negotiation yet)");
    return FALSE;
  }
  if (leg == JGW_MEDIA_LEG_SIP && (!remote->rtp_addr || !remote->rtp_port)) {
    g_set_error (error, JGW_MEDIA_ERROR, JGW_MEDIA_ERROR_INVALID,
                 "the SIP content has no RTP address and port");
    return FALSE;
  }
  if (!negotiate_codec (s, leg, remote, error)
      || (leg == JGW_MEDIA_LEG_XMPP && !negotiate_dtls (s, remote, error))
      || (leg == JGW_MEDIA_LEG_SIP && !negotiate_sdes (s, remote, error))) {
    n->codec = NULL;
    return FALSE;
  }
  n->remote = jgw_content_copy (remote);
  return maybe_start (s, error);
}

/* Running SIP leg, new remote description with the same codec: send to
 * the new address with the new payload types (an early answer in a 183
 * followed by a different one in the 200, RFC 3261 13.2.1 / RFC 6337 3.1). */
static gboolean
update_sip_remote (JgwMediaSession *s, const JgwContent *remote, GError **error)
{
  JgwLegNeg *n = &s->neg[JGW_MEDIA_LEG_SIP];
  const JgwCodec *was = n->codec;
  JgwLegNeg saved = *n;

  if (!remote->rtp_addr || !remote->rtp_port) {
    g_set_error (error, JGW_MEDIA_ERROR, JGW_MEDIA_ERROR_INVALID,
                 "the SIP content has no RTP address and port");
    return FALSE;
  }
  if (!negotiate_codec (s, JGW_MEDIA_LEG_SIP, remote, error))
    return FALSE;
  if (n->codec != was) {
    *n = saved;
    g_set_error (error, JGW_MEDIA_ERROR, JGW_MEDIA_ERROR_STATE,
                 "the new SIP answer changes the codec from %s to %s (not supported mid-call)",
                 was->name, jgw_codec_for_payload (choose_payload (s, JGW_MEDIA_LEG_SIP, remote))->name);
    return FALSE;
  }
  g_clear_pointer (&n->remote, jgw_content_free);
  n->remote = jgw_content_copy (remote);
  jgw_media_pipeline_update_sip (s);
  return TRUE;
}

gboolean
jgw_media_session_update_remote (JgwMediaSession *s, JgwMediaLeg leg, const JgwContent *remote,
                                 GError **error)
{
  if (!s->neg[leg].remote)
    return jgw_media_session_set_remote (s, leg, remote, error);
  if (leg != JGW_MEDIA_LEG_SIP || s->failed) {
    g_set_error (error, JGW_MEDIA_ERROR, JGW_MEDIA_ERROR_STATE,
                 "only the SIP leg's remote description can be updated");
    return FALSE;
  }
  return update_sip_remote (s, remote, error);
}

static void
add_payloads (JgwMediaSession *s, JgwMediaLeg leg, JgwContent *c)
{
  JgwLegNeg *n = &s->neg[leg];
  const JgwCodec *other = s->neg[!leg].codec;
  const JgwCodec *const *all = jgw_codec_all ();

  if (n->remote) {
    g_ptr_array_add (c->payloads, jgw_codec_payload (n->codec, n->recv_pt));
    if (n->recv_te >= 0) {
      JgwPayload *te = jgw_payload_new ((guint8) n->recv_te, "telephone-event", n->te_rate, 1);
      jgw_payload_set_param (te, "events", "0-15");
      g_ptr_array_add (c->payloads, te);
    }
    return;
  }
  if (other)
    g_ptr_array_add (c->payloads, jgw_codec_payload (other, other->default_pt));
  for (guint i = 0; all[i]; i++)
    if (all[i] != other)
      g_ptr_array_add (c->payloads, jgw_codec_payload (all[i], all[i]->default_pt));
  for (guint rate = 8000; rate <= 48000; rate += 40000) {
    JgwPayload *te = jgw_payload_new (rate == 8000 ? TE_PT_8K : TE_PT_48K, "telephone-event",
                                      rate, 1);
    jgw_payload_set_param (te, "events", "0-15");
    g_ptr_array_add (c->payloads, te);
  }
}

static void
describe_xmpp (JgwMediaSession *s, JgwContent *c)
{
  JgwFingerprint *fp = g_new0 (JgwFingerprint, 1);
  gboolean answer = s->neg[JGW_MEDIA_LEG_XMPP].remote != NULL;

  c->rtcp_mux = TRUE;
  c->ice = jgw_ice_transport_new ();
  jgw_ice_leg_describe (s->ice, c->ice);
  fp->hash = g_strdup ("sha-256");
  fp->value = g_strdup (s->fingerprint);
  fp->setup = g_strdup (!answer ? "actpass" : s->dtls_client ? "active" : "passive");
  c->ice->fingerprint = fp;
}

static void
describe_sip (JgwMediaSession *s, JgwContent *c)
{
  gboolean answer = s->neg[JGW_MEDIA_LEG_SIP].remote != NULL;

  c->rtp_addr = g_strdup (jgw_rtp_leg_address (s->rtp));
  c->rtp_port = jgw_rtp_leg_port (s->rtp);
  if (!answer && s->srtp_required && s->sdes_offer->len == 0) {
    g_ptr_array_add (s->sdes_offer, new_crypto (1, "AES_CM_128_HMAC_SHA1_80"));
    g_ptr_array_add (s->sdes_offer, new_crypto (2, "AES_CM_128_HMAC_SHA1_32"));
  }
  c->crypto_required = !answer && s->srtp_required;
  for (guint i = 0; i < s->sdes_offer->len; i++) {
    JgwCrypto *k = s->sdes_offer->pdata[i];
    JgwCrypto *copy;

    if (answer && k != s->sdes_local)
      continue;
    copy = g_new0 (JgwCrypto, 1);
    copy->tag = k->tag;
    copy->suite = g_strdup (k->suite);
    copy->key_params = g_strdup (k->key_params);
    g_ptr_array_add (c->crypto, copy);
  }
}

JgwContent *
jgw_media_session_get_local (JgwMediaSession *s, JgwMediaLeg leg, GError **error)
{
  JgwLegNeg *n = &s->neg[leg];
  JgwContent *c;

  if (s->failed) {
    g_set_error (error, JGW_MEDIA_ERROR, JGW_MEDIA_ERROR_STATE, "the media session failed");
    return NULL;
  }
  if (!n->remote)
    n->offered = TRUE;
  c = jgw_content_new (n->remote ? n->remote->name : "audio", "audio");
  if (n->remote && n->remote->creator) {
    g_free (c->creator);
    c->creator = g_strdup (n->remote->creator);
  }
  add_payloads (s, leg, c);
  if (leg == JGW_MEDIA_LEG_XMPP)
    describe_xmpp (s, c);
  else
    describe_sip (s, c);
  return c;
}

gboolean
jgw_media_session_add_remote_candidate (JgwMediaSession *s, const JgwCandidate *candidate,
                                        GError **error)
{
  return jgw_ice_leg_add_candidate (s->ice, candidate, error);
}

void
jgw_media_session_set_sip_srtp_required (JgwMediaSession *s, gboolean required)
{
  s->srtp_required = required;
}
