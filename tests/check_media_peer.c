/* check_media_peer.c — XMPP-side (ICE + DTLS-SRTP) and SIP-side (RTP)
 * peers for the media suite; see check_media_peer.h. */
#include <gst/rtp/rtp.h>
#include <string.h>

#include "check_media_peer.h"
#include "harness/harness.h"
#include "media/ice.h"

typedef struct {
  const char *name, *rtp_name;
  guint8 pt;
  guint clock, rate;
  const char *enc, *dec;
} PeerCodec;

static const PeerCodec peer_codecs[] = {
  { "opus", "OPUS", 111, 48000, 48000, "opusenc ! rtpopuspay pt=111", "rtpopusdepay ! opusdec" },
  { "PCMU", "PCMU", 0, 8000, 8000, "mulawenc ! rtppcmupay pt=0", "rtppcmudepay ! mulawdec" },
  { "PCMA", "PCMA", 8, 8000, 8000, "alawenc ! rtppcmapay pt=8", "rtppcmadepay ! alawdec" },
  { "G722", "G722", 9, 8000, 16000, "avenc_g722 ! rtpg722pay pt=9", "rtpg722depay ! avdec_g722" },
};

static const PeerCodec *
peer_codec (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (peer_codecs); i++)
    if (g_str_equal (peer_codecs[i].name, name))
      return &peer_codecs[i];
  g_error ("unknown codec %s", name);
}

static char *
rtp_caps (const PeerCodec *c)
{
  return g_strdup_printf ("application/x-rtp,media=(string)audio,clock-rate=(int)%u,"
                          "encoding-name=(string)%s,payload=(int)%u",
                          c->clock, c->rtp_name, c->pt);
}

static GstElement *
launch (const char *desc)
{
  g_autoptr (GError) err = NULL;
  GstElement *p = gst_parse_launch (desc, &err);

  if (!p)
    g_error ("peer pipeline: %s", err->message);
  return p;
}

static GstElement *
by_name (GstElement *pipeline, const char *name)
{
  GstElement *e = gst_bin_get_by_name (GST_BIN (pipeline), name);

  gst_object_unref (e); /* the pipeline holds it */
  return e;
}

static void
on_peer_candidate (NiceAgent *agent, NiceCandidate *nc, gpointer data)
{
  XmppPeer *p = data;
  JgwCandidate *c = g_new0 (JgwCandidate, 1);
  char ip[NICE_ADDRESS_STRING_LEN];

  nice_address_to_string (&nc->addr, ip);
  c->component = nc->component_id;
  c->foundation = g_strdup (nc->foundation);
  c->id = g_strdup_printf ("peer%u", p->pending->len);
  c->ip = g_strdup (ip);
  c->port = (guint16) nice_address_get_port (&nc->addr);
  c->priority = nc->priority;
  c->protocol = g_strdup ("udp");
  c->type = g_strdup ("host");
  g_ptr_array_add (p->pending, c);
}

static gboolean
peer_gathered (gpointer data)
{
  XmppPeer *p = data;

  return p->pending->len > 0;
}

static void
xmpp_peer_content (XmppPeer *p, const PeerCodec *c)
{
  g_autofree char *pem = NULL;
  JgwPayload *te;

  p->content = jgw_content_new ("audio", "audio");
  g_ptr_array_add (p->content->payloads, jgw_payload_new (c->pt, c->name, c->clock,
                                                          c->clock == 48000 ? 2 : 1));
  te = jgw_payload_new (c->clock == 48000 ? 110 : 101, "telephone-event", c->clock, 1);
  g_ptr_array_add (p->content->payloads, te);
  p->content->rtcp_mux = TRUE;
  p->content->ice = jgw_ice_transport_new ();
  nice_agent_get_local_credentials (p->agent, p->stream, &p->content->ice->ufrag,
                                    &p->content->ice->pwd);
  for (guint i = 0; i < p->pending->len; i++)
    g_ptr_array_add (p->content->ice->candidates, jgw_candidate_copy (p->pending->pdata[i]));
  p->content->ice->end_of_candidates = TRUE;
  p->content->ice->fingerprint = g_new0 (JgwFingerprint, 1);
  g_object_get (by_name (p->pipeline, "dec"), "pem", &pem, NULL);
  p->content->ice->fingerprint->hash = g_strdup ("sha-256");
  p->content->ice->fingerprint->setup = g_strdup ("actpass");
  p->content->ice->fingerprint->value = jgw_dtls_fingerprint (pem, "sha-256");
}

/* With RTCP, an rtpsession (GStreamer's RFC 3550 implementation) sits in
 * the receive path and answers the session's sender reports. */
static XmppPeer *
xmpp_peer_create (const char *codec, double freq, gboolean rtcp)
{
  const PeerCodec *c = peer_codec (codec);
  XmppPeer *p = g_new0 (XmppPeer, 1);
  g_autofree char *id = g_strdup_printf ("peer-%p", (void *) p);
  g_autofree char *caps = rtp_caps (c);
  g_autofree char *desc = NULL;
  NiceAddress lo;

  p->codec = g_strdup (codec);
  p->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) jgw_candidate_free);
  p->agent = nice_agent_new_full (g_main_context_get_thread_default (),
                                  NICE_COMPATIBILITY_RFC5245, NICE_AGENT_OPTION_ICE_TRICKLE);
  g_object_set (p->agent, "controlling-mode", TRUE, "ice-tcp", FALSE, "upnp", FALSE, NULL);
  p->stream = nice_agent_add_stream (p->agent, 1);
  nice_address_init (&lo);
  nice_address_set_from_string (&lo, "127.0.0.1");
  nice_agent_add_local_address (p->agent, &lo);
  g_signal_connect (p->agent, "new-candidate-full", G_CALLBACK (on_peer_candidate), p);
  nice_agent_gather_candidates (p->agent, p->stream);
  g_assert_true (jgw_test_wait (peer_gathered, p, 5000));
  desc = g_strdup_printf (
      "dtlssrtpenc name=enc connection-id=%s is-client=false ! nicesink name=nsink sync=false "
      "async=false  audiotestsrc is-live=true wave=sine freq=%g volume=0.3 samplesperbuffer=%u ! "
      "audioconvert ! "
      "audioresample ! audio/x-raw,rate=%u,channels=1 ! %s ! enc.rtp_sink_0  "
      "nicesrc name=nsrc ! dtlssrtpdec name=dec connection-id=%s  dec.rtp_src ! "
      "capssetter replace=true caps=\"%s\" ! %s rtpjitterbuffer latency=60 ! %s ! audioconvert ! "
      "audioresample ! audio/x-raw,format=S16LE,rate=8000,channels=1 ! appsink name=rec "
      "sync=false  %s",
      id, freq, c->rate / 50, c->rate, c->enc, id, caps,
      rtcp ? "sess.recv_rtp_sink  sess.recv_rtp_src !" : "", c->dec,
      rtcp ? "rtpsession name=sess rtcp-min-interval=1000000000  dec.rtcp_src ! sess.recv_rtcp_sink "
             " sess.send_rtcp_src ! enc.rtcp_sink_0"
           : "dec.rtcp_src ! fakesink sync=false async=false");
  p->pipeline = launch (desc);
  g_object_set (by_name (p->pipeline, "nsrc"), "agent", p->agent, "stream", p->stream,
                "component", 1, NULL);
  g_object_set (by_name (p->pipeline, "nsink"), "agent", p->agent, "stream", p->stream,
                "component", 1, NULL);
  p->rec = jgw_tone_recorder_new (by_name (p->pipeline, "rec"), 8000);
  xmpp_peer_content (p, c);
  return p;
}

XmppPeer *
xmpp_peer_new (const char *codec, double freq)
{
  return xmpp_peer_create (codec, freq, FALSE);
}

XmppPeer *
xmpp_peer_new_rtcp (const char *codec, double freq)
{
  return xmpp_peer_create (codec, freq, TRUE);
}

void
xmpp_peer_add_candidate (XmppPeer *p, const JgwCandidate *c)
{
  NiceCandidate *nc;
  GSList one = { 0 };

  if (!c) {
    nice_agent_peer_candidate_gathering_done (p->agent, p->stream);
    return;
  }
  nc = nice_candidate_new (NICE_CANDIDATE_TYPE_HOST);
  nice_address_set_from_string (&nc->addr, c->ip);
  nice_address_set_port (&nc->addr, c->port);
  nc->stream_id = p->stream;
  nc->component_id = 1;
  nc->priority = c->priority;
  g_strlcpy (nc->foundation, c->foundation, sizeof nc->foundation);
  one.data = nc;
  nice_agent_set_remote_candidates (p->agent, p->stream, 1, &one);
  nice_candidate_free (nc);
}

void
xmpp_peer_set_remote (XmppPeer *p, const JgwContent *answer)
{
  nice_agent_set_remote_credentials (p->agent, p->stream, answer->ice->ufrag, answer->ice->pwd);
  for (guint i = 0; i < answer->ice->candidates->len; i++)
    xmpp_peer_add_candidate (p, answer->ice->candidates->pdata[i]);
  if (answer->ice->end_of_candidates)
    xmpp_peer_add_candidate (p, NULL);
  gst_element_set_state (p->pipeline, GST_STATE_PLAYING);
}

void
xmpp_peer_free (XmppPeer *p)
{
  gst_element_set_state (p->pipeline, GST_STATE_NULL);
  jgw_tone_recorder_free (p->rec);
  gst_object_unref (p->pipeline);
  g_signal_handlers_disconnect_by_data (p->agent, p);
  g_object_unref (p->agent);
  g_ptr_array_unref (p->pending);
  jgw_content_free (p->content);
  g_free (p->codec);
  g_free (p);
}

/* Telephone-event packets: record each new event's digit, keep them out
 * of the audio decoder. */
static GstPadProbeReturn
sip_peer_probe (GstPad *pad, GstPadProbeInfo *info, gpointer data)
{
  SipPeer *p = data;
  GstRTPBuffer rtp = GST_RTP_BUFFER_INIT;
  GstPadProbeReturn ret = GST_PAD_PROBE_OK;

  if (!gst_rtp_buffer_map (GST_PAD_PROBE_INFO_BUFFER (info), GST_MAP_READ, &rtp))
    return GST_PAD_PROBE_DROP;
  if (gst_rtp_buffer_get_payload_type (&rtp) == p->te_pt) {
    const guint8 *pl = gst_rtp_buffer_get_payload (&rtp);
    guint32 ts = gst_rtp_buffer_get_timestamp (&rtp);

    g_mutex_lock (&p->lock);
    if ((!p->have_event || ts != p->last_event_ts) && pl[0] < 16)
      g_string_append_c (p->digits, "0123456789*#ABCD"[pl[0]]);
    p->have_event = TRUE;
    p->last_event_ts = ts;
    g_mutex_unlock (&p->lock);
    ret = GST_PAD_PROBE_DROP;
  }
  gst_rtp_buffer_unmap (&rtp);
  return ret;
}

static void
sip_peer_content (SipPeer *p, const PeerCodec *c, const JgwContent *offer)
{
  p->content = jgw_content_new ("audio", "audio");
  g_ptr_array_add (p->content->payloads, jgw_payload_new (c->pt, c->name, c->clock,
                                                          c->clock == 48000 ? 2 : 1));
  for (guint i = 0; i < offer->payloads->len; i++) {
    const JgwPayload *o = offer->payloads->pdata[i];

    if (g_str_equal (o->name, "telephone-event") && o->clockrate == c->clock) {
      p->te_pt = o->id;
      g_ptr_array_add (p->content->payloads, jgw_payload_copy (o));
    }
  }
  p->content->rtp_addr = g_strdup ("127.0.0.1");
  p->content->rtp_port = p->port;
}

static char *
hex (const guint8 *data, gsize len)
{
  GString *s = g_string_new (NULL);

  for (gsize i = 0; i < len; i++)
    g_string_append_printf (s, "%02x", data[i]);
  return g_string_free (s, FALSE);
}

/* SDES: our key goes into the answer, the offer's key into srtpdec caps. */
static void
sip_peer_srtp (SipPeer *p, const JgwContent *offer, char **enc, char **caps)
{
  const JgwCrypto *theirs = offer->crypto->pdata[0];
  guint8 key[30];
  gsize len = 0;
  g_autofree guchar *their_key = NULL;
  g_autofree char *b64 = NULL;
  g_autofree char *kx = NULL;
  g_autofree char *tx = NULL;
  JgwCrypto *ours = g_new0 (JgwCrypto, 1);
  char *old;

  g_assert_true (g_str_equal (theirs->suite, "AES_CM_128_HMAC_SHA1_80"));
  for (gsize i = 0; i < sizeof key; i++)
    key[i] = (guint8) g_random_int_range (0, 256);
  b64 = g_base64_encode (key, sizeof key);
  ours->tag = theirs->tag;
  ours->suite = g_strdup (theirs->suite);
  ours->key_params = g_strconcat ("inline:", b64, NULL);
  g_ptr_array_add (p->content->crypto, ours);
  their_key = g_base64_decode (theirs->key_params + strlen ("inline:"), &len);
  g_assert_cmpuint (len, ==, 30);
  kx = hex (key, sizeof key);
  tx = hex (their_key, len);
  old = *enc;
  *enc = g_strdup_printf ("%s ! senc.rtp_sink_0  srtpenc name=senc key=%s rtp-auth=hmac-sha1-80 "
                          "senc.rtp_src_0", old, kx);
  g_free (old);
  old = *caps;
  *caps = g_strdup_printf ("application/x-srtp%s,srtp-key=(buffer)%s,srtp-cipher=(string)aes-128-icm,"
                           "srtp-auth=(string)hmac-sha1-80,srtcp-cipher=(string)aes-128-icm,"
                           "srtcp-auth=(string)hmac-sha1-80",
                           old + strlen ("application/x-rtp"), tx);
  g_free (old);
}

static GstCaps *
on_request_key (GstElement *dec, guint ssrc, gpointer data)
{
  return gst_caps_ref (((SipPeer *) data)->srtp_caps);
}

static GSocket *
bind_loopback (guint16 *port)
{
  g_autoptr (GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) any = g_inet_socket_address_new (lo, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  GSocket *s = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, 0, NULL);

  g_assert_true (g_socket_bind (s, any, FALSE, NULL));
  bound = g_socket_get_local_address (s, NULL);
  *port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  return s;
}

/* An rtpsession in the receive path, RTCP on its own socket (signalled as
 * a=rtcp), reports sent to the offer's RTP port + 1; with SDES they pass
 * srtpenc/srtpdec (SRTCP, the same keys as the RTP). */
static char *
sip_peer_rtcp_desc (SipPeer *p, const JgwContent *offer, gboolean srtp)
{
  guint16 port;

  p->rtcp_socket = bind_loopback (&port);
  p->content->rtcp_port = port;
  return g_strdup_printf ("rtpsession name=sess rtcp-min-interval=1000000000 "
                          " udpsrc name=rsrc caps=application/x-%s ! %s sess.recv_rtcp_sink "
                          " sess.send_rtcp_src ! %s udpsink name=rsink sync=false async=false "
                          "host=%s port=%u",
                          srtp ? "srtcp" : "rtcp", srtp ? "sdec.rtcp_sink sdec.rtcp_src !" : "",
                          srtp ? "senc.rtcp_sink_0 senc.rtcp_src_0 !" : "", offer->rtp_addr,
                          offer->rtp_port + 1u);
}

static SipPeer *
sip_peer_create (const char *codec, double freq, const JgwContent *offer, gboolean srtp,
                 gboolean rtcp)
{
  const PeerCodec *c = peer_codec (codec);
  SipPeer *p = g_new0 (SipPeer, 1);
  g_autofree char *caps = rtp_caps (c);
  g_autofree char *enc = g_strdup (c->enc);
  g_autofree char *desc = NULL;
  g_autofree char *rtcp_desc = NULL;
  g_autoptr (GstPad) pad = NULL;

  g_mutex_init (&p->lock);
  p->digits = g_string_new (NULL);
  p->te_pt = -1;
  p->socket = bind_loopback (&p->port);
  sip_peer_content (p, c, offer);
  if (srtp)
    sip_peer_srtp (p, offer, &enc, &caps);
  rtcp_desc = rtcp ? sip_peer_rtcp_desc (p, offer, srtp) : g_strdup ("");
  desc = g_strdup_printf (
      "udpsink name=usink sync=false async=false  audiotestsrc is-live=true wave=sine freq=%g "
      "volume=0.3 samplesperbuffer=%u ! audioconvert ! audioresample ! audio/x-raw,rate=%u,channels=1 ! %s ! usink. "
      " udpsrc name=usrc caps=\"%s\" ! %s %s rtpjitterbuffer latency=60 ! %s ! audioconvert ! "
      "audioresample ! audio/x-raw,format=S16LE,rate=8000,channels=1 ! appsink name=rec "
      "sync=false  %s",
      freq, c->rate / 50, c->rate, enc, caps, srtp ? "srtpdec name=sdec !" : "",
      p->rtcp_socket ? "sess.recv_rtp_sink  sess.recv_rtp_src !" : "", c->dec, rtcp_desc);
  p->pipeline = launch (desc);
  g_object_set (by_name (p->pipeline, "usink"), "socket", p->socket, "close-socket", FALSE,
                "host", offer->rtp_addr, "port", (gint) offer->rtp_port, NULL);
  g_object_set (by_name (p->pipeline, "usrc"), "socket", p->socket, "close-socket", FALSE, NULL);
  if (p->rtcp_socket) {
    g_object_set (by_name (p->pipeline, "rsrc"), "socket", p->rtcp_socket, "close-socket", FALSE,
                  NULL);
    g_object_set (by_name (p->pipeline, "rsink"), "socket", p->rtcp_socket, "close-socket",
                  FALSE, NULL);
  }
  pad = gst_element_get_static_pad (by_name (p->pipeline, "usrc"), "src");
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, sip_peer_probe, p, NULL);
  p->rec = jgw_tone_recorder_new (by_name (p->pipeline, "rec"), 8000);
  if (srtp) {
    p->srtp_caps = gst_caps_from_string (caps);
    g_signal_connect (by_name (p->pipeline, "sdec"), "request-key", G_CALLBACK (on_request_key), p);
  }
  gst_element_set_state (p->pipeline, GST_STATE_PLAYING);
  return p;
}

SipPeer *
sip_peer_new (const char *codec, double freq, const JgwContent *offer, gboolean srtp)
{
  return sip_peer_create (codec, freq, offer, srtp, FALSE);
}

SipPeer *
sip_peer_new_rtcp (const char *codec, double freq, const JgwContent *offer, gboolean srtp)
{
  return sip_peer_create (codec, freq, offer, srtp, TRUE);
}

char *
sip_peer_digits (SipPeer *p)
{
  char *d;

  g_mutex_lock (&p->lock);
  d = g_strdup (p->digits->str);
  g_mutex_unlock (&p->lock);
  return d;
}

void
sip_peer_free (SipPeer *p)
{
  gst_element_set_state (p->pipeline, GST_STATE_NULL);
  jgw_tone_recorder_free (p->rec);
  gst_object_unref (p->pipeline);
  g_socket_close (p->socket, NULL);
  g_object_unref (p->socket);
  if (p->rtcp_socket) {
    g_socket_close (p->rtcp_socket, NULL);
    g_object_unref (p->rtcp_socket);
  }
  if (p->srtp_caps)
    gst_caps_unref (p->srtp_caps);
  jgw_content_free (p->content);
  g_string_free (p->digits, TRUE);
  g_mutex_clear (&p->lock);
  g_free (p);
}
