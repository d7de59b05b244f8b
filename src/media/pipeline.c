/* pipeline.c — the GStreamer graph of a session and its bus handling.
 *
 *  ingress(ICE) > dtlssrtpdec.rtp_src ~rx[XMPP]~ dir(X->S) ~tx[SIP]~ [srtpenc] ! udpsink
 *  ingress(UDP) > [srtpdec] ~rx[SIP]~ dir(S->X) ~tx[XMPP]~ dtlssrtpenc ! nicesink
 *
 * (~ = pad probe of path.c; ingress.c pushes from the main context). dir()
 * is a transcoding chain (jitter buffer, depay, decode, resample, volume,
 * encode, pay) or only a caps setter for pass-through. The UDP ingress and
 * udpsink share one socket (symmetric RTP). */
#define G_LOG_DOMAIN "jgw-media"

#include <string.h>

#include "media/session-private.h"

static GstElement *
make (JgwMediaSession *s, const char *factory, GError **error)
{
  GstElement *e = gst_element_factory_make (factory, NULL);

  if (!e)
    g_set_error (error, JGW_MEDIA_ERROR, JGW_MEDIA_ERROR_STATE,
                 "GStreamer element %s is missing", factory);
  else
    gst_bin_add (GST_BIN (s->pipeline), e);
  return e;
}

static gboolean
link_pads (GstPad *src, GstPad *sink, GError **error)
{
  GstPadLinkReturn r = gst_pad_link (src, sink);

  if (r != GST_PAD_LINK_OK)
    g_set_error (error, JGW_MEDIA_ERROR, JGW_MEDIA_ERROR_STATE, "cannot link %s:%s to %s:%s (%d)",
                 GST_DEBUG_PAD_NAME (src), GST_DEBUG_PAD_NAME (sink), r);
  gst_object_unref (src);
  gst_object_unref (sink);
  return r == GST_PAD_LINK_OK;
}

/* One direction FROM -> TO as a bin with ghost pads; probes on its edges. */
static GstElement *
direction_bin (JgwMediaSession *s, JgwMediaLeg from, JgwMediaLeg to, GError **error)
{
  JgwLegNeg *f = &s->neg[from], *t = &s->neg[to];
  g_autofree char *desc = NULL;
  GstElement *bin;

  if (s->passthrough)
    desc = jgw_codec_passthrough_desc (f->codec, f->recv_pt);
  else
    desc = jgw_codec_transcode_desc (f->codec, f->recv_pt, t->codec, t->send_pt,
                                     s->config->jitter_latency ? s->config->jitter_latency : 60,
                                     s->config->opus_complexity);
  bin = gst_parse_bin_from_description (desc, TRUE, error);
  if (!bin)
    return NULL;
  gst_bin_add (GST_BIN (s->pipeline), bin);
  s->vol[to] = s->passthrough ? NULL : gst_bin_get_by_name (GST_BIN (bin), "vol");
  if (s->vol[to])
    gst_object_unref (s->vol[to]); /* the pipeline keeps it alive */
  gst_pad_add_probe (GST_ELEMENT_CAST (bin)->sinkpads->data, GST_PAD_PROBE_TYPE_BUFFER,
                     jgw_rx_path_probe, &s->rx[from], NULL);
  gst_pad_add_probe (GST_ELEMENT_CAST (bin)->srcpads->data, GST_PAD_PROBE_TYPE_BUFFER,
                     jgw_tx_path_probe, &s->tx[to], NULL);
  return bin;
}

static void
post_app (JgwMediaSession *s, GstStructure *st)
{
  gst_element_post_message (s->pipeline, gst_message_new_application (NULL, st));
}

/* Streaming thread: hand over to the main context through the bus. The PEM
 * travels in the message: dtlsdec replaces its copy without a lock, so it
 * is read only here, in the thread that wrote it. */
static void
on_peer_pem (GObject *dec, GParamSpec *pspec, gpointer data)
{
  g_autofree char *pem = NULL;

  g_object_get (dec, "peer-pem", &pem, NULL);
  post_app (data, gst_structure_new ("jgw-peer-pem", "pem", G_TYPE_STRING, pem, NULL));
}

static void
on_dtls_state (GObject *dec, GParamSpec *pspec, gpointer data)
{
  int state = 0;

  g_object_get (dec, "connection-state", &state, NULL);
  if (state == 2 /* GST_DTLS_CONNECTION_STATE_FAILED */)
    post_app (data, gst_structure_new_empty ("jgw-dtls-failed"));
}

static gboolean
build_xmpp_leg (JgwMediaSession *s, GstElement *in_bin, GstElement *out_bin, GError **error)
{
  NiceAgent *agent = jgw_ice_leg_agent (s->ice);
  guint stream = jgw_ice_leg_stream (s->ice);
  GstElement *sink, *enc, *rtcp_sink;
  g_autoptr (GstPad) dec_sink = NULL;

  if (!(sink = make (s, "nicesink", error)) || !(enc = make (s, "dtlssrtpenc", error))
      || !(rtcp_sink = make (s, "fakesink", error)))
    return FALSE;
  /* Not floating (we keep a ref): the bin takes one of its own. */
  gst_bin_add (GST_BIN (s->pipeline), s->dtlsdec);
  g_object_set (sink, "agent", agent, "stream", stream, "component", 1, "sync", FALSE,
                "async", FALSE, NULL);
  g_object_set (rtcp_sink, "sync", FALSE, "async", FALSE, NULL);
  g_object_set (enc, "connection-id", s->conn_id, "is-client", s->dtls_client, NULL);
  g_signal_connect (s->dtlsdec, "notify::peer-pem", G_CALLBACK (on_peer_pem), s);
  g_signal_connect (s->dtlsdec, "notify::connection-state", G_CALLBACK (on_dtls_state), s);
  dec_sink = gst_element_get_static_pad (s->dtlsdec, "sink");
  s->ingress[JGW_MEDIA_LEG_XMPP] = jgw_ingress_new_nice (agent, stream, s->context, s->pipeline,
                                                         dec_sink);
  return gst_element_link (enc, sink)
         && link_pads (gst_element_get_static_pad (s->dtlsdec, "rtp_src"),
                       gst_element_get_static_pad (in_bin, "sink"), error)
         && link_pads (gst_element_get_static_pad (s->dtlsdec, "rtcp_src"),
                       gst_element_get_static_pad (rtcp_sink, "sink"), error)
         && link_pads (gst_element_get_static_pad (out_bin, "src"),
                       gst_element_request_pad_simple (enc, "rtp_sink_0"), error)
         && jgw_media_rtcp_build_xmpp (s, enc, error);
}

static GstCaps *
on_request_key (GstElement *dec, guint ssrc, gpointer data)
{
  JgwMediaSession *s = data;
  g_autoptr (GstBuffer) key = gst_buffer_new_wrapped_bytes (s->sdes_remote_key);

  return gst_caps_new_simple ("application/x-srtp", "srtp-key", GST_TYPE_BUFFER, key,
                              "srtp-cipher", G_TYPE_STRING, "aes-128-icm", "srtp-auth",
                              G_TYPE_STRING, jgw_sdes_auth_name (s->sdes_suite), "srtcp-cipher",
                              G_TYPE_STRING, "aes-128-icm", "srtcp-auth", G_TYPE_STRING,
                              "hmac-sha1-80", NULL);
}

/* SDES: decryptor after the ingress, encryptor before udpsink. *RX_PAD
 * becomes the decryptor's input. */
static gboolean
build_srtp (JgwMediaSession *s, GstPad **rx_pad, GstElement *udpsink, GstPad **tx_pad,
            GError **error)
{
  GstElement *dec, *enc;
  GstPad *out;
  g_autoptr (GBytes) key = jgw_sdes_parse_key (s->sdes_local->key_params);
  g_autoptr (GstBuffer) buf = gst_buffer_new_wrapped_bytes (key);
  gboolean tag32 = g_str_has_suffix (s->sdes_suite, "_32");

  if (!(dec = make (s, "srtpdec", error)) || !(enc = make (s, "srtpenc", error)))
    return FALSE;
  g_signal_connect (dec, "request-key", G_CALLBACK (on_request_key), s);
  g_object_set (enc, "key", buf, "rtp-cipher", 1, "rtp-auth", tag32 ? 1 : 2, "rtcp-cipher", 1,
                "rtcp-auth", 2, NULL);
  out = *rx_pad;
  *rx_pad = gst_element_get_static_pad (dec, "rtp_sink");
  if (!link_pads (gst_element_get_static_pad (dec, "rtp_src"), out, error))
    return FALSE;
  /* rtp_src_0 only exists once rtp_sink_0 has been requested. */
  *tx_pad = gst_element_request_pad_simple (enc, "rtp_sink_0");
  return link_pads (gst_element_get_static_pad (enc, "rtp_src_0"),
                    gst_element_get_static_pad (udpsink, "sink"), error);
}

static gboolean
build_sip_leg (JgwMediaSession *s, GstElement *in_bin, GstElement *out_bin, GError **error)
{
  JgwContent *remote = s->neg[JGW_MEDIA_LEG_SIP].remote;
  GstElement *sink;
  g_autoptr (GstCaps) caps = NULL;
  g_autoptr (GstPad) rx_pad = gst_element_get_static_pad (in_bin, "sink");
  GstPad *tx_pad = NULL;

  if (!(sink = make (s, "udpsink", error)))
    return FALSE;
  g_object_set (sink, "socket", jgw_rtp_leg_socket (s->rtp), "close-socket", FALSE, "host",
                remote->rtp_addr, "port", (gint) remote->rtp_port, "sync", FALSE, "async", FALSE,
                NULL);
  s->rx[JGW_MEDIA_LEG_SIP].latch_sink = sink;
  if (s->sdes_local && !build_srtp (s, &rx_pad, sink, &tx_pad, error)) {
    gst_clear_object (&tx_pad);
    return FALSE;
  }
  caps = gst_caps_new_empty_simple (s->sdes_local ? "application/x-srtp" : "application/x-rtp");
  s->ingress[JGW_MEDIA_LEG_SIP] = jgw_ingress_new_socket (jgw_rtp_leg_socket (s->rtp), s->context,
                                                          caps, s->pipeline, rx_pad);
  if (!tx_pad)
    tx_pad = gst_element_get_static_pad (sink, "sink");
  return link_pads (gst_element_get_static_pad (out_bin, "src"), tx_pad, error);
}

static void
verify_peer (JgwMediaSession *s, const char *pem)
{
  if (s->secured || !pem)
    return;
  if (!jgw_dtls_peer_matches (s->neg[JGW_MEDIA_LEG_XMPP].remote->ice->fingerprint, pem)) {
    jgw_media_session_fail (s, JGW_MEDIA_FAIL_SECURITY,
                            "DTLS certificate does not match the signalled fingerprint");
    return;
  }
  s->secured = TRUE;
  jgw_path_open_secured (&s->rx[JGW_MEDIA_LEG_XMPP], &s->tx[JGW_MEDIA_LEG_XMPP]);
  if (s->cb->secured)
    s->cb->secured (s, s->user_data);
}

static void
on_application (JgwMediaSession *s, const GstStructure *st)
{
  int leg = 0, digit = 0;

  if (gst_structure_has_name (st, "jgw-peer-pem")) {
    verify_peer (s, gst_structure_get_string (st, "pem"));
  } else if (gst_structure_has_name (st, "jgw-dtls-failed")) {
    jgw_media_session_fail (s, JGW_MEDIA_FAIL_DTLS, "DTLS handshake failed");
  } else if (gst_structure_has_name (st, JGW_PATH_MSG_DTMF)) {
    gst_structure_get_int (st, "leg", &leg);
    gst_structure_get_int (st, "digit", &digit);
    if (s->cb->dtmf)
      s->cb->dtmf (s, (JgwMediaLeg) leg, (char) digit, s->user_data);
  } else if (gst_structure_has_name (st, JGW_PATH_MSG_LATCH)) {
    g_info ("SIP leg: sending RTP to %s:%d (symmetric RTP)",
            gst_structure_get_string (st, "address"),
            g_value_get_int (gst_structure_get_value (st, "port")));
  }
}

static gboolean
on_bus (GstBus *bus, GstMessage *msg, gpointer data)
{
  JgwMediaSession *s = data;
  g_autoptr (GError) err = NULL;
  g_autofree char *dbg = NULL;

  if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_APPLICATION) {
    on_application (s, gst_message_get_structure (msg));
  } else if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR) {
    gst_message_parse_error (msg, &err, &dbg);
    g_warning ("media pipeline: %s (%s)", err->message, dbg ? dbg : "");
    jgw_media_session_fail (s, JGW_MEDIA_FAIL_PIPELINE, err->message);
  }
  return G_SOURCE_CONTINUE;
}

/* Media timeout: a leg without any RTP for [media] media-timeout seconds. */
static gboolean
on_timer (gpointer data)
{
  JgwMediaSession *s = data;
  gint64 now = g_get_monotonic_time ();
  gint64 limit = (gint64) s->config->media_timeout * G_USEC_PER_SEC;

  for (int leg = 0; leg < 2 && limit > 0 && !s->early; leg++) {
    gint64 last;

    g_mutex_lock (&s->rx[leg].lock);
    last = MAX (s->rx[leg].last_rx_us, s->started_us);
    g_mutex_unlock (&s->rx[leg].lock);
    if (now - last > limit) {
      g_autofree char *m = g_strdup_printf ("no RTP on the %s leg for %u s",
                                            leg == JGW_MEDIA_LEG_XMPP ? "XMPP" : "SIP",
                                            s->config->media_timeout);
      s->timer = 0;
      jgw_media_session_fail (s, JGW_MEDIA_FAIL_TIMEOUT, m);
      return G_SOURCE_REMOVE;
    }
  }
  return G_SOURCE_CONTINUE;
}

static void
configure_paths (JgwMediaSession *s)
{
  for (int leg = 0; leg < 2; leg++) {
    JgwLegNeg *n = &s->neg[leg], *o = &s->neg[!leg];
    JgwRxPath *rx = &s->rx[leg];
    JgwTxPath *tx = &s->tx[leg];

    rx->pts[0] = n->recv_pt;
    rx->pts[1] = n->send_pt;
    rx->te_pts[0] = n->recv_te;
    rx->te_pts[1] = n->send_te;
    rx->clock_rate = n->codec->rtp_rate;
    rx->bus_element = s->pipeline;
    rx->relay = o->send_te >= 0 ? &s->tx[!leg] : NULL;
    /* Forwarding keeps the event's timestamps and durations, which is only
     * right when both legs count them in the same clock. */
    rx->forward_te = s->passthrough && rx->relay && n->te_rate == o->te_rate;
    rx->filler = s->passthrough ? -1
                 : n->codec->rtp_rate == 48000 ? 0x100
                 : n->codec->silence_byte ? n->codec->silence_byte : -1;
    rx->gate_open = leg != JGW_MEDIA_LEG_XMPP;
    tx->audio_pt = n->send_pt;
    tx->te_pt = n->send_te;
    tx->clock_rate = n->codec->rtp_rate;
    tx->te_rate = n->te_rate;
    tx->passthrough = s->passthrough;
    tx->silence_byte = n->codec->silence_byte;
    tx->fwd_te_pts[0] = o->recv_te;
    tx->fwd_te_pts[1] = o->send_te;
    tx->blocked = leg == JGW_MEDIA_LEG_XMPP;
  }
}

void
jgw_media_pipeline_update_sip (JgwMediaSession *s)
{
  JgwLegNeg *n = &s->neg[JGW_MEDIA_LEG_SIP];
  JgwRxPath *rx = &s->rx[JGW_MEDIA_LEG_SIP];
  JgwTxPath *tx = &s->tx[JGW_MEDIA_LEG_SIP];
  GstElement *sink = rx->latch_sink;

  g_mutex_lock (&rx->lock);
  rx->pts[1] = n->send_pt;
  rx->te_pts[1] = n->send_te;
  g_clear_object (&rx->latched);   /* latch again onto wherever the new answer's media comes from */
  g_mutex_unlock (&rx->lock);
  g_mutex_lock (&tx->lock);
  tx->audio_pt = n->send_pt;
  tx->te_pt = n->send_te;
  tx->te_rate = n->te_rate;
  g_mutex_unlock (&tx->lock);
  if (sink) {
    g_signal_emit_by_name (sink, "clear");
    g_signal_emit_by_name (sink, "add", n->remote->rtp_addr, (gint) n->remote->rtp_port);
  }
  g_info ("SIP leg: remote now %s:%u (PT %u)", n->remote->rtp_addr, n->remote->rtp_port,
          n->send_pt);
}

gboolean
jgw_media_pipeline_start (JgwMediaSession *s, GError **error)
{
  GstElement *xs, *sx;
  g_autoptr (GstBus) bus = NULL;

  s->passthrough = s->neg[0].codec == s->neg[1].codec;
  s->pipeline = gst_pipeline_new (NULL);
  configure_paths (s);
  if (!(xs = direction_bin (s, JGW_MEDIA_LEG_XMPP, JGW_MEDIA_LEG_SIP, error))
      || !(sx = direction_bin (s, JGW_MEDIA_LEG_SIP, JGW_MEDIA_LEG_XMPP, error))
      || !build_xmpp_leg (s, xs, sx, error) || !build_sip_leg (s, sx, xs, error)) {
    if (error && !*error)
      g_set_error (error, JGW_MEDIA_ERROR, JGW_MEDIA_ERROR_STATE, "cannot link the pipeline");
    jgw_media_pipeline_stop (s);
    return FALSE;
  }
  jgw_media_rtcp_start_sip (s);
  bus = gst_pipeline_get_bus (GST_PIPELINE (s->pipeline));
  s->bus_watch = gst_bus_add_watch (bus, on_bus, s);
  s->started_us = g_get_monotonic_time ();
  s->timer = g_timeout_add_seconds (1, on_timer, s);
  if (gst_element_set_state (s->pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE) {
    g_set_error (error, JGW_MEDIA_ERROR, JGW_MEDIA_ERROR_STATE, "pipeline refused to play");
    jgw_media_pipeline_stop (s);
    return FALSE;
  }
  return TRUE;
}

void
jgw_media_pipeline_stop (JgwMediaSession *s)
{
  g_clear_handle_id (&s->timer, g_source_remove);
  if (!s->pipeline)
    return;
  for (int leg = 0; leg < 2; leg++)
    g_clear_pointer (&s->ingress[leg], jgw_ingress_free);
  gst_element_set_state (s->pipeline, GST_STATE_NULL);
  jgw_media_rtcp_stop (s); /* after NULL: no sender thread pushes any more */
  g_signal_handlers_disconnect_by_data (s->dtlsdec, s);
  if (s->bus_watch) {
    g_autoptr (GstBus) bus = gst_pipeline_get_bus (GST_PIPELINE (s->pipeline));

    gst_bus_remove_watch (bus);
    s->bus_watch = 0;
  }
  s->vol[0] = s->vol[1] = NULL;
  s->rx[JGW_MEDIA_LEG_SIP].latch_sink = NULL;
  s->rx[0].bus_element = s->rx[1].bus_element = NULL;
  gst_clear_object (&s->pipeline);
}
