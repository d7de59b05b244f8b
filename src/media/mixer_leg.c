/* mixer_leg.c — one conference leg: offer/answer on the SIP side and its
 * elements in the mixer's pipeline:
 *
 *   udpsrc ~rx~ ! jitterbuffer ! depay ! decode ! 48 kHz mono ! volume ! tee
 *   audiomixer ! resample ! encode ! pay ~tx~ ! udpsink
 *
 * (~ = the pad probes of path.c: payload filter, statistics, DTMF,
 * symmetric RTP). The tee feeds the other legs' mixers (mixer.c). */
#define G_LOG_DOMAIN "jgw-media"

#include "media/mixer-private.h"

/* Wideband is what phones and most conference bridges mix at; 48 kHz
 * would triple the mixing work for no gain with G.711/G.722 parties. */
#define MIX_RATE 16000
#define MIX_LATENCY_MS 200
#define MIX_CAPS "audio/x-raw,format=S16LE,rate=16000,channels=1"

gboolean
jgw_mixer_leg_negotiate (JgwMixerLeg *leg, const JgwContent *remote, GError **error)
{
  const JgwPayload *p = NULL, *te;

  for (guint i = 0; i < remote->payloads->len && !p; i++)
    if (jgw_codec_for_payload (remote->payloads->pdata[i]))
      p = remote->payloads->pdata[i];
  if (!p) {
    g_set_error (error, JGW_MEDIA_ERROR, JGW_MEDIA_ERROR_NO_CODEC,
                 "no supported audio codec offered (opus, G722, PCMU, PCMA)");
    return FALSE;
  }
  if (!leg->ice && (!remote->rtp_addr || !remote->rtp_port)) {
    g_set_error (error, JGW_MEDIA_ERROR, JGW_MEDIA_ERROR_INVALID,
                 "the SIP content has no RTP address and port");
    return FALSE;
  }
  if (!leg->ice && remote->crypto_required) {
    g_set_error (error, JGW_MEDIA_ERROR, JGW_MEDIA_ERROR_INVALID,
                 "SRTP is required, conferences take plain RTP only");
    return FALSE;
  }
  leg->codec = jgw_codec_for_payload (p);
  leg->send_pt = p->id;
  leg->recv_pt = leg->offered ? leg->codec->default_pt : p->id;
  te = jgw_codec_find_telephone_event (remote, leg->codec->rtp_rate);
  leg->send_te = te ? te->id : -1;
  leg->te_rate = te ? te->clockrate : 0;
  /* As offerer we receive with the PT we offered for that rate. */
  leg->recv_te = !te ? -1 : !leg->offered ? te->id : te->clockrate == 48000 ? TE_PT_48K : TE_PT_8K;
  return !leg->ice || jgw_mixer_xmpp_set_remote (leg, remote, error);
}

static GstElement *
add (JgwMixer *m, GstElement *e)
{
  gst_bin_add (GST_BIN (m->pipeline), e);
  return e;
}

static GstElement *
make (JgwMixer *m, const char *factory, GError **error)
{
  GstElement *e = gst_element_factory_make (factory, NULL);

  if (!e)
    g_set_error (error, JGW_MEDIA_ERROR, JGW_MEDIA_ERROR_STATE,
                 "GStreamer element %s is missing", factory);
  return e ? add (m, e) : NULL;
}

static GstElement *
decode_bin (JgwMixerLeg *leg, GError **error)
{
  g_autofree char *caps = jgw_codec_rtp_caps (leg->codec, leg->recv_pt);
  guint latency = leg->mixer->config->jitter_latency ? leg->mixer->config->jitter_latency : 60;
  g_autofree char *desc = g_strdup_printf (
      "capssetter replace=true caps=\"%s\" ! rtpjitterbuffer latency=%u drop-on-latency=true ! "
      "%s ! audioconvert ! audioresample quality=2 ! " MIX_CAPS " ! volume name=vol",
      caps, latency, leg->codec->depay_dec);
  GstElement *bin = gst_parse_bin_from_description (desc, TRUE, error);

  if (bin) {
    add (leg->mixer, bin);
    leg->vol = gst_bin_get_by_name (GST_BIN (bin), "vol");
    gst_object_unref (leg->vol); /* the bin keeps it alive */
    g_object_set (leg->vol, "mute", leg->muted, NULL);
  }
  return bin;
}

static GstElement *
encode_bin (JgwMixerLeg *leg, GError **error)
{
  const JgwCodec *c = leg->codec;
  g_autofree char *enc = c->enc_pay ? g_strdup (c->enc_pay)
                                    : g_strdup_printf ("opusenc complexity=%u bitrate=32000 "
                                                       "audio-type=voice frame-size=20 ! rtpopuspay",
                                                       leg->mixer->config->opus_complexity);
  g_autofree char *desc = g_strdup_printf (
      "capsfilter caps=\"" MIX_CAPS "\" ! audioconvert ! audioresample quality=2 ! "
      "audio/x-raw,rate=%u,channels=1 ! %s pt=%u",
      MIN (c->audio_rate, MIX_RATE), enc, leg->send_pt);
  GstElement *bin = gst_parse_bin_from_description (desc, TRUE, error);

  return bin ? add (leg->mixer, bin) : NULL;
}

static void
configure_paths (JgwMixerLeg *leg)
{
  JgwRxPath *rx = &leg->rx;
  JgwTxPath *tx = &leg->tx;

  rx->pts[0] = leg->recv_pt;
  rx->pts[1] = leg->send_pt;
  rx->te_pts[0] = leg->recv_te;
  rx->te_pts[1] = leg->send_te;
  rx->clock_rate = leg->codec->rtp_rate;
  rx->bus_element = leg->mixer->pipeline;
  rx->filler = leg->codec->rtp_rate == 48000 ? 0x100
               : leg->codec->silence_byte ? leg->codec->silence_byte : -1;
  /* XMPP: closed both ways until the peer's certificate is verified. */
  rx->gate_open = leg->ice == NULL;
  rx->latch_sink = leg->ice ? NULL : leg->sink;
  tx->audio_pt = leg->send_pt;
  tx->clock_rate = leg->codec->rtp_rate;
  tx->blocked = leg->ice != NULL;
}

/* SIP: udpsrc ! decode and encode ! udpsink on the leg's socket. */
static gboolean
build_udp (JgwMixerLeg *leg, GError **error)
{
  g_autoptr (GstCaps) caps = gst_caps_new_empty_simple ("application/x-rtp");
  GSocket *sock = jgw_rtp_leg_socket (leg->rtp);
  g_autoptr (GstPad) src_pad = NULL;

  if (!(leg->src = make (leg->mixer, "udpsrc", error))
      || !(leg->sink = make (leg->mixer, "udpsink", error)))
    return FALSE;
  g_object_set (leg->src, "socket", sock, "close-socket", FALSE, "caps", caps, NULL);
  g_object_set (leg->sink, "socket", sock, "close-socket", FALSE, "host", leg->remote->rtp_addr,
                "port", (gint) leg->remote->rtp_port, "sync", FALSE, "async", FALSE, NULL);
  src_pad = gst_element_get_static_pad (leg->src, "src");
  gst_pad_add_probe (src_pad, GST_PAD_PROBE_TYPE_BUFFER, jgw_rx_path_probe, &leg->rx, NULL);
  return gst_element_link (leg->src, leg->dec) && gst_element_link (leg->enc, leg->sink);
}

/* The decoded audio of a leg is laid out on the pipeline clock before it
 * reaches the mixers: a jitter buffer's timestamps follow the sender
 * (a Python or loaded sender bursts and stalls; a resync jumps seconds),
 * and an audiomixer places a buffer stamped in the future seconds later
 * (holding that listener's mix back), or drops one stamped in the past.
 * Here each buffer follows the previous one, unless the stream stalled
 * (start again at "now") or runs too far ahead of the clock (drop it). */
#define RETIME_SLACK (100 * GST_MSECOND)
#define RETIME_AHEAD (120 * GST_MSECOND)

static GstPadProbeReturn
retime (GstPad *pad, GstPadProbeInfo *info, gpointer data)
{
  JgwMixerLeg *leg = data;
  GstBuffer *buf = GST_PAD_PROBE_INFO_BUFFER (info);
  GstClockTime now, dur;

  /* No element or pipeline locks here: the main thread may hold them
   * while it links a new branch and waits for this thread. */
  if (!leg->clock)
    return GST_PAD_PROBE_OK;
  now = gst_clock_get_time (leg->clock) - leg->base_time;
  dur = gst_util_uint64_scale (gst_buffer_get_size (buf) / 2, GST_SECOND, MIX_RATE);
  if (!GST_CLOCK_TIME_IS_VALID (leg->next_pts) || leg->next_pts + RETIME_SLACK < now)
    leg->next_pts = now;
  else if (leg->next_pts > now + RETIME_AHEAD)
    return GST_PAD_PROBE_DROP;
  buf = gst_buffer_make_writable (buf);
  GST_BUFFER_PTS (buf) = leg->next_pts;
  GST_BUFFER_DTS (buf) = GST_CLOCK_TIME_NONE;
  GST_BUFFER_DURATION (buf) = dur;
  GST_PAD_PROBE_INFO_DATA (info) = buf;
  leg->next_pts += dur;
  return GST_PAD_PROBE_OK;
}

static gboolean
build (JgwMixerLeg *leg, GError **error)
{
  JgwMixer *m = leg->mixer;
  g_autoptr (GstPad) enc_pad = NULL;
  g_autoptr (GstPad) dec_pad = NULL;

  if (!(leg->dec = decode_bin (leg, error)) || !(leg->tee = make (m, "tee", error))
      || !(leg->mix = make (m, "audiomixer", error)) || !(leg->enc = encode_bin (leg, error)))
    return FALSE;
  g_object_set (leg->tee, "allow-not-linked", TRUE, NULL);
  /* Live mixing: start at the first input, not at running time 0 (which
   * would send the whole time before the first speaker as a burst). */
  gst_util_set_object_arg (G_OBJECT (leg->mix), "start-time-selection", "first");
  /* One output buffer per RTP packet time, and room for a loaded
   * machine's scheduling delays: input later than this is dropped. */
  g_object_set (leg->mix, "latency", (guint64) MIX_LATENCY_MS * GST_MSECOND,
                "output-buffer-duration", (guint64) 20 * GST_MSECOND, NULL);
  leg->next_pts = GST_CLOCK_TIME_NONE;
  gst_clear_object (&leg->clock);
  leg->clock = gst_pipeline_get_clock (GST_PIPELINE (m->pipeline));
  leg->base_time = gst_element_get_base_time (m->pipeline);
  dec_pad = gst_element_get_static_pad (leg->dec, "src");
  gst_pad_add_probe (dec_pad, GST_PAD_PROBE_TYPE_BUFFER, retime, leg, NULL);
  enc_pad = gst_element_get_static_pad (leg->enc, "src");
  gst_pad_add_probe (enc_pad, GST_PAD_PROBE_TYPE_BUFFER, jgw_tx_path_probe, &leg->tx, NULL);
  if (!(leg->ice ? jgw_mixer_xmpp_build (leg, error) : build_udp (leg, error))
      || !gst_element_link (leg->dec, leg->tee) || !gst_element_link (leg->mix, leg->enc)) {
    if (error && !*error)
      g_set_error (error, JGW_MEDIA_ERROR, JGW_MEDIA_ERROR_STATE,
                   "cannot link conference leg %u", leg->id);
    return FALSE;
  }
  configure_paths (leg);
  return TRUE;
}

/* RTP that arrived before the leg ran (an invited party starts sending
 * with its 200 OK, while building the leg can take a second under load)
 * is stale: played now it would put this speaker's stream seconds ahead
 * of the clock in the jitter buffer, and the others' mixers would hold
 * it back or drop it until the jitter buffer resynchronised. */
static void
drain_backlog (JgwMixerLeg *leg)
{
  GSocket *sock = jgw_rtp_leg_socket (leg->rtp);
  char buf[2048];
  guint dropped = 0;

  while (g_socket_receive_with_blocking (sock, buf, sizeof buf, FALSE, NULL, NULL) >= 0)
    dropped++;
  if (dropped)
    g_message ("conference leg %u: dropped %u stale RTP packets", leg->id, dropped);
}

gboolean
jgw_mixer_leg_start (JgwMixerLeg *leg, GError **error)
{
  GstElement *all[10];
  int n = 0;

  if (!build (leg, error)) {
    jgw_mixer_leg_stop (leg);
    return FALSE;
  }
  /* Downstream first, so nothing pushes into an element not yet running. */
  all[n++] = leg->sink;
  if (leg->ice)
    all[n++] = leg->dtlsenc, all[n++] = leg->rtcp_sink;
  all[n++] = leg->enc, all[n++] = leg->mix, all[n++] = leg->tee, all[n++] = leg->dec;
  if (leg->ice)
    all[n++] = leg->dtlsdec;
  if (leg->src)
    all[n++] = leg->src;
  if (!leg->ice)
    drain_backlog (leg);
  for (int i = 0; i < n; i++)
    gst_element_sync_state_with_parent (all[i]);
  leg->running = TRUE;
  return TRUE;
}

static void
drop (JgwMixer *m, GstElement **e)
{
  if (!*e)
    return;
  gst_element_set_state (*e, GST_STATE_NULL);
  gst_bin_remove (GST_BIN (m->pipeline), *e);
  *e = NULL;
}

void
jgw_mixer_leg_stop (JgwMixerLeg *leg)
{
  JgwMixer *m = leg->mixer;

  jgw_mixer_unlink_leg (m, leg);
  g_mutex_lock (&leg->rx.lock);
  leg->rx.latch_sink = NULL;
  leg->rx.bus_element = NULL;
  g_mutex_unlock (&leg->rx.lock);
  /* Upstream first, so nothing pushes into an element already stopped. */
  g_clear_pointer (&leg->ingress, jgw_ingress_free);
  drop (m, &leg->src);
  if (leg->dtlsdec && GST_OBJECT_PARENT (leg->dtlsdec)) {
    /* Ours (it holds our certificate): out of the pipeline, not freed. */
    g_signal_handlers_disconnect_by_data (leg->dtlsdec, leg);
    gst_element_set_state (leg->dtlsdec, GST_STATE_NULL);
    gst_bin_remove (GST_BIN (m->pipeline), leg->dtlsdec);
  }
  drop (m, &leg->rtcp_sink);
  drop (m, &leg->dec);
  drop (m, &leg->tee);
  drop (m, &leg->mix);
  drop (m, &leg->enc);
  drop (m, &leg->dtlsenc);
  drop (m, &leg->sink);
  leg->vol = NULL;
  leg->running = FALSE;
}
