/* mixer_xmpp.c — the XMPP transport of a conference leg:
 *
 *   ingress(ICE) > dtlssrtpdec.rtp_src ~rx~ ! decode ...   (ingress.c: pushed from the loop)
 *   ... encode ~tx~ ! dtlssrtpenc ! nicesink      (rtcp-mux, one component)
 *
 * Nothing passes either way until the peer's DTLS certificate matched the
 * fingerprint it signalled (XEP-0320, RFC 5763). */
#define G_LOG_DOMAIN "jgw-media"

#include "media/mixer-private.h"

#define MSG_PEER_PEM "jgw-mixer-peer-pem"
#define MSG_DTLS_FAILED "jgw-mixer-dtls-failed"

static void
on_ice_candidate (const JgwCandidate *candidate, gpointer data)
{
  JgwMixerLeg *leg = data;

  if (leg->mixer->cb->local_candidate)
    leg->mixer->cb->local_candidate (leg->mixer, leg, candidate, leg->mixer->user_data);
}

static void
on_ice_state (NiceComponentState state, gpointer data)
{
  if (state == NICE_COMPONENT_STATE_FAILED)
    jgw_mixer_leg_fail (data, "ICE failed: no working candidate pair");
}

gboolean
jgw_mixer_xmpp_init (JgwMixerLeg *leg, GError **error)
{
  /* Unique per process: the DTLS elements of one leg find each other by it. */
  leg->conn_id = g_strdup_printf ("jgw-mix-%p-%08x", (void *) leg, g_random_int ());
  if (!(leg->dtlsdec = jgw_dtls_decoder_new (leg->conn_id, &leg->fingerprint, error)))
    return FALSE;
  leg->ice = jgw_ice_leg_new (leg->mixer->config, g_main_context_get_thread_default (), FALSE,
                              on_ice_candidate, on_ice_state, leg, error);
  return leg->ice != NULL;
}

void
jgw_mixer_xmpp_clear (JgwMixerLeg *leg)
{
  if (leg->dtlsdec)
    g_signal_handlers_disconnect_by_data (leg->dtlsdec, leg);
  gst_clear_object (&leg->dtlsdec);
  g_clear_pointer (&leg->ice, jgw_ice_leg_free);
  g_clear_pointer (&leg->fingerprint, g_free);
  g_clear_pointer (&leg->conn_id, g_free);
}

gboolean
jgw_mixer_xmpp_set_remote (JgwMixerLeg *leg, const JgwContent *remote, GError **error)
{
  return jgw_ice_leg_set_remote_dtls (leg->ice, remote->ice, leg->offered, &leg->dtls_client, error);
}

void
jgw_mixer_xmpp_describe (JgwMixerLeg *leg, JgwContent *c)
{
  JgwFingerprint *fp = g_new0 (JgwFingerprint, 1);

  c->rtcp_mux = TRUE;
  c->ice = jgw_ice_transport_new ();
  jgw_ice_leg_describe (leg->ice, c->ice);
  fp->hash = g_strdup ("sha-256");
  fp->value = g_strdup (leg->fingerprint);
  fp->setup = g_strdup (!leg->remote ? "actpass" : leg->dtls_client ? "active" : "passive");
  c->ice->fingerprint = fp;
}

/* Streaming threads: hand over to the main context through the bus. */
static void
post (JgwMixerLeg *leg, const char *name)
{
  GstStructure *st = gst_structure_new (name, "leg", G_TYPE_INT, (int) leg->id, NULL);

  gst_element_post_message (leg->mixer->pipeline, gst_message_new_application (NULL, st));
}

/* The PEM is read here, in the thread that wrote it (dtlsdec does not lock it). */
static void
on_peer_pem (GObject *dec, GParamSpec *pspec, gpointer data)
{
  JgwMixerLeg *leg = data;
  g_autofree char *pem = NULL;

  g_object_get (dec, "peer-pem", &pem, NULL);
  gst_element_post_message (leg->mixer->pipeline,
                            gst_message_new_application (NULL, gst_structure_new (MSG_PEER_PEM, "leg", G_TYPE_INT,
                                                                                  (int) leg->id, "pem",
                                                                                  G_TYPE_STRING, pem, NULL)));
}

static void
on_dtls_state (GObject *dec, GParamSpec *pspec, gpointer data)
{
  int state = 0;

  g_object_get (dec, "connection-state", &state, NULL);
  if (state == 2 /* GST_DTLS_CONNECTION_STATE_FAILED */)
    post (data, MSG_DTLS_FAILED);
}

static GstElement *
make (JgwMixerLeg *leg, const char *factory, GError **error)
{
  GstElement *e = gst_element_factory_make (factory, NULL);

  if (!e)
    g_set_error (error, JGW_MEDIA_ERROR, JGW_MEDIA_ERROR_STATE,
                 "GStreamer element %s is missing", factory);
  else
    gst_bin_add (GST_BIN (leg->mixer->pipeline), e);
  return e;
}

static gboolean
link_pads (GstPad *src, GstPad *sink)
{
  gboolean ok = gst_pad_link (src, sink) == GST_PAD_LINK_OK;

  gst_object_unref (src);
  gst_object_unref (sink);
  return ok;
}

gboolean
jgw_mixer_xmpp_build (JgwMixerLeg *leg, GError **error)
{
  NiceAgent *agent = jgw_ice_leg_agent (leg->ice);
  guint stream = jgw_ice_leg_stream (leg->ice);
  g_autoptr (GstPad) rtp_src = NULL;
  g_autoptr (GstPad) dec_sink = NULL;

  if (!(leg->sink = make (leg, "nicesink", error))
      || !(leg->dtlsenc = make (leg, "dtlssrtpenc", error))
      || !(leg->rtcp_sink = make (leg, "fakesink", error)))
    return FALSE;
  /* Not floating (we keep a ref): the bin takes one of its own. */
  gst_bin_add (GST_BIN (leg->mixer->pipeline), leg->dtlsdec);
  g_object_set (leg->sink, "agent", agent, "stream", stream, "component", 1, "sync", FALSE,
                "async", FALSE, NULL);
  g_object_set (leg->rtcp_sink, "sync", FALSE, "async", FALSE, NULL);
  g_object_set (leg->dtlsenc, "connection-id", leg->conn_id, "is-client", leg->dtls_client, NULL);
  g_signal_connect (leg->dtlsdec, "notify::peer-pem", G_CALLBACK (on_peer_pem), leg);
  g_signal_connect (leg->dtlsdec, "notify::connection-state", G_CALLBACK (on_dtls_state), leg);
  rtp_src = gst_element_get_static_pad (leg->dtlsdec, "rtp_src");
  gst_pad_add_probe (rtp_src, GST_PAD_PROBE_TYPE_BUFFER, jgw_rx_path_probe, &leg->rx, NULL);
  dec_sink = gst_element_get_static_pad (leg->dtlsdec, "sink");
  leg->ingress = jgw_ingress_new_nice (agent, stream, NULL, leg->mixer->pipeline, dec_sink);
  return gst_element_link (leg->dtlsenc, leg->sink)
         && link_pads (gst_object_ref (rtp_src), gst_element_get_static_pad (leg->dec, "sink"))
         && link_pads (gst_element_get_static_pad (leg->dtlsdec, "rtcp_src"),
                       gst_element_get_static_pad (leg->rtcp_sink, "sink"))
         && link_pads (gst_element_get_static_pad (leg->enc, "src"),
                       gst_element_request_pad_simple (leg->dtlsenc, "rtp_sink_0"));
}

static void
verify_peer (JgwMixerLeg *leg, const char *pem)
{
  if (leg->secured || !pem)
    return;
  if (!jgw_dtls_peer_matches (leg->remote->ice->fingerprint, pem)) {
    jgw_mixer_leg_fail (leg, "DTLS certificate does not match the signalled fingerprint");
    return;
  }
  leg->secured = TRUE;
  jgw_path_open_secured (&leg->rx, &leg->tx);
  g_info ("conference leg %u: DTLS-SRTP established", leg->id);
}

void
jgw_mixer_xmpp_message (JgwMixerLeg *leg, const GstStructure *st)
{
  if (!leg->ice || !leg->running)
    return;
  if (gst_structure_has_name (st, MSG_PEER_PEM))
    verify_peer (leg, gst_structure_get_string (st, "pem"));
  else if (gst_structure_has_name (st, MSG_DTLS_FAILED))
    jgw_mixer_leg_fail (leg, "DTLS handshake failed");
}
