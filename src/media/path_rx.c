/* path_rx.c — the receiving side of a leg: payload type filter, RFC 3550
 * statistics, RFC 4733 parsing (reported, and relayed to the other leg's
 * sender) and symmetric-RTP latching. */
#define G_LOG_DOMAIN "jgw-media"

#include <gst/net/gstnetaddressmeta.h>
#include <gst/rtp/rtp.h>
#include <string.h>

#include "media/path.h"

void
jgw_rx_path_init (JgwRxPath *rx, int leg)
{
  memset (rx, 0, sizeof *rx);
  g_mutex_init (&rx->lock);
  rx->leg = leg;
  rx->te_pts[0] = rx->te_pts[1] = -1;
  rx->filler = -1;
}

void
jgw_rx_path_clear (JgwRxPath *rx)
{
  g_clear_object (&rx->latched);
  g_mutex_clear (&rx->lock);
}

static void
post (JgwRxPath *rx, GstStructure *s)
{
  if (rx->bus_element)
    gst_element_post_message (rx->bus_element,
                              gst_message_new_application (GST_OBJECT (rx->bus_element), s));
  else
    gst_structure_free (s);
}

/* RFC 3550 A.1/A.8, called with the lock held. */
static void
update_stats (JgwRxPath *rx, GstRTPBuffer *rtp)
{
  guint16 seq = gst_rtp_buffer_get_seq (rtp);
  guint32 ssrc = gst_rtp_buffer_get_ssrc (rtp);
  gint64 now = g_get_monotonic_time ();
  gint64 arrival = now * (gint64) rx->clock_rate / G_USEC_PER_SEC;
  gint64 transit = arrival - (gint64) gst_rtp_buffer_get_timestamp (rtp);

  if (!rx->have_seq || ssrc != rx->ssrc) {
    if (rx->have_seq) {
      g_debug ("leg %d: SSRC %08x -> %08x", rx->leg, rx->ssrc, ssrc);
      rx->lost_before = jgw_rx_path_lost (rx);
    }
    rx->have_seq = TRUE;
    rx->ssrc = ssrc;
    rx->base_seq = rx->max_seq = seq;
    rx->cycles = 0;
    rx->base_received = rx->received;
    rx->prev_transit = transit;
    rx->jitter = 0;
  } else {
    gint16 delta = (gint16) (seq - rx->max_seq);
    gint64 d = ABS (transit - rx->prev_transit);

    if (delta > 0) {
      if (seq < rx->max_seq)
        rx->cycles += 65536;
      rx->max_seq = seq;
    }
    /* Timestamps jump at a DTMF event or a new talk spurt; ignore those. */
    if (d < (gint64) rx->clock_rate)
      rx->jitter += ((double) d - rx->jitter) / 16.0;
    rx->prev_transit = transit;
  }
  rx->received++;
  rx->bytes += gst_rtp_buffer_get_payload_len (rtp);
  rx->last_rx_us = now;
}

guint64
jgw_rx_path_lost (JgwRxPath *rx)
{
  gint64 expected = (gint64) rx->cycles + rx->max_seq - rx->base_seq + 1;
  gint64 got = (gint64) rx->received - rx->base_received;

  return rx->have_seq && expected > got ? (guint64) (expected - got) + rx->lost_before : 0;
}

/* A telephone-event packet: report a new event once, relay start and end.
 * SAME_STREAM: it belongs to the audio's RTP stream (same SSRC). Only such
 * events are forwarded as they are; events in a stream of their own (as
 * some WebRTC stacks send them) would add a second SSRC on the other leg,
 * so they are regenerated in the other leg's audio stream instead. */
static void
handle_dtmf (JgwRxPath *rx, GstRTPBuffer *rtp, gboolean same_stream)
{
  const guint8 *p = gst_rtp_buffer_get_payload (rtp);
  guint32 ts = gst_rtp_buffer_get_timestamp (rtp);
  char digit;

  if (gst_rtp_buffer_get_payload_len (rtp) < 4 || !(digit = jgw_dtmf_digit (p[0])))
    return;
  if (!rx->have_event || ts != rx->event_ts) {
    rx->have_event = TRUE;
    rx->event_ts = ts;
    rx->event_ended = FALSE;
    rx->event_forwarded = rx->forward_te && same_stream;
    if (rx->relay && !rx->event_forwarded)
      jgw_tx_path_dtmf_start (rx->relay, digit, 0);
    post (rx, gst_structure_new (JGW_PATH_MSG_DTMF, "leg", G_TYPE_INT, rx->leg,
                                 "digit", G_TYPE_INT, (int) digit, NULL));
  }
  if ((p[1] & 0x80) && !rx->event_ended) {
    rx->event_ended = TRUE;
    if (rx->relay && !rx->event_forwarded)
      jgw_tx_path_dtmf_stop (rx->relay);
  }
}

/* A silent audio packet in place of the event packet RTP (transcoding). */
static GstBuffer *
filler_packet (JgwRxPath *rx, GstRTPBuffer *rtp)
{
  gboolean opus = rx->filler == 0x100;
  guint len = opus ? 1 : rx->audio_step;
  GstBuffer *out = gst_rtp_buffer_new_allocate (len, 0, 0);
  GstRTPBuffer o = GST_RTP_BUFFER_INIT;

  rx->last_audio_ts += rx->audio_step;
  gst_rtp_buffer_map (out, GST_MAP_WRITE, &o);
  gst_rtp_buffer_set_payload_type (&o, rx->pts[1]);
  gst_rtp_buffer_set_seq (&o, gst_rtp_buffer_get_seq (rtp));
  gst_rtp_buffer_set_ssrc (&o, gst_rtp_buffer_get_ssrc (rtp));
  gst_rtp_buffer_set_timestamp (&o, rx->last_audio_ts);
  /* 0xF8: a TOC byte without frame data, which Opus decodes as a lost frame. */
  memset (gst_rtp_buffer_get_payload (&o), opus ? 0xf8 : rx->filler, len);
  gst_rtp_buffer_unmap (&o);
  GST_BUFFER_PTS (out) = GST_BUFFER_PTS (rtp->buffer);
  GST_BUFFER_DTS (out) = GST_BUFFER_DTS (rtp->buffer);
  return out;
}

/* Symmetric RTP: send to wherever the peer's packets really come from. */
static void
latch (JgwRxPath *rx, GstBuffer *buf)
{
  GstNetAddressMeta *meta = gst_buffer_get_net_address_meta (buf);
  g_autofree char *host = NULL;
  guint16 port;

  if (!meta || !G_IS_INET_SOCKET_ADDRESS (meta->addr))
    return;
  if (rx->latched && g_inet_address_equal (
          g_inet_socket_address_get_address (rx->latched),
          g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (meta->addr)))
      && g_inet_socket_address_get_port (rx->latched)
             == g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (meta->addr)))
    return;
  g_clear_object (&rx->latched);
  rx->latched = G_INET_SOCKET_ADDRESS (g_object_ref (meta->addr));
  host = g_inet_address_to_string (g_inet_socket_address_get_address (rx->latched));
  port = g_inet_socket_address_get_port (rx->latched);
  g_signal_emit_by_name (rx->latch_sink, "clear");
  g_signal_emit_by_name (rx->latch_sink, "add", host, (gint) port);
  post (rx, gst_structure_new (JGW_PATH_MSG_LATCH, "leg", G_TYPE_INT, rx->leg, "address",
                               G_TYPE_STRING, host, "port", G_TYPE_INT, (int) port, NULL));
}

GstPadProbeReturn
jgw_rx_path_probe (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  JgwRxPath *rx = user_data;
  GstBuffer *buf = GST_PAD_PROBE_INFO_BUFFER (info);
  GstRTPBuffer rtp = GST_RTP_BUFFER_INIT;
  GstPadProbeReturn ret = GST_PAD_PROBE_DROP;
  GstBuffer *replaced = NULL;
  guint8 pt;

  if (!g_atomic_int_get (&rx->gate_open) || !gst_rtp_buffer_map (buf, GST_MAP_READ, &rtp))
    return GST_PAD_PROBE_DROP;
  pt = gst_rtp_buffer_get_payload_type (&rtp);
  g_mutex_lock (&rx->lock);
  if (pt == rx->pts[0] || pt == rx->pts[1]) {
    guint32 ts = gst_rtp_buffer_get_timestamp (&rtp);

    update_stats (rx, &rtp);
    if (ts != rx->last_audio_ts && ts - rx->last_audio_ts < rx->clock_rate / 10)
      rx->audio_step = ts - rx->last_audio_ts;
    rx->last_audio_ts = ts;
    ret = GST_PAD_PROBE_OK;
  } else if (pt == rx->te_pts[0] || pt == rx->te_pts[1]) {
    gboolean same_stream = rx->have_seq && gst_rtp_buffer_get_ssrc (&rtp) == rx->ssrc;

    /* Statistics and fillers follow the audio stream only. */
    if (same_stream)
      update_stats (rx, &rtp);
    handle_dtmf (rx, &rtp, same_stream);
    if (rx->event_forwarded && same_stream)
      ret = GST_PAD_PROBE_OK;
    else if (same_stream && rx->filler >= 0 && rx->audio_step)
      replaced = filler_packet (rx, &rtp);
  }
  if (ret == GST_PAD_PROBE_OK && rx->latch_sink)
    latch (rx, buf);
  g_mutex_unlock (&rx->lock);
  gst_rtp_buffer_unmap (&rtp);
  if (replaced) {
    GST_PAD_PROBE_INFO_DATA (info) = replaced;
    gst_buffer_unref (buf);
    ret = GST_PAD_PROBE_OK;
  }
  return ret;
}
