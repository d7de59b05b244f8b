/* path_tx.c — the sending side of a leg: hold, pass-through mute and
 * payload type, and RFC 4733 DTMF generated in place of audio packets
 * (same SSRC and sequence numbers, so receivers see one clean stream and
 * no extra thread or source element is needed). */
#define G_LOG_DOMAIN "jgw-media"

#include <gst/rtp/rtp.h>
#include <string.h>

#include "media/path.h"
#include "media/rtcp.h"

#define DTMF_END_PACKETS 3   /* RFC 4733 2.5.1.4: the end packet is sent three times */
#define DTMF_GAP_PACKETS 3   /* audio packets between two digits */
#define DTMF_VOLUME 10       /* -10 dBm0 */

int
jgw_dtmf_event (char digit)
{
  static const char codes[] = "0123456789*#ABCD";
  const char *p = digit ? strchr (codes, g_ascii_toupper (digit)) : NULL;

  return p ? (int) (p - codes) : -1;
}

char
jgw_dtmf_digit (int event)
{
  static const char codes[] = "0123456789*#ABCD";

  return event >= 0 && event < 16 ? codes[event] : 0;
}

void
jgw_tx_path_init (JgwTxPath *tx)
{
  memset (tx, 0, sizeof *tx);
  g_mutex_init (&tx->lock);
  g_queue_init (&tx->pending);
  tx->te_pt = -1;
  tx->fwd_te_pts[0] = tx->fwd_te_pts[1] = -1;
}

void
jgw_tx_path_clear (JgwTxPath *tx)
{
  g_queue_clear_full (&tx->pending, g_free);
  g_clear_pointer (&tx->current, g_free);
  g_mutex_clear (&tx->lock);
}

void
jgw_tx_path_dtmf_start (JgwTxPath *tx, char digit, guint duration)
{
  JgwDtmfRequest *req = g_new0 (JgwDtmfRequest, 1);

  req->digit = digit;
  req->duration = duration;
  g_mutex_lock (&tx->lock);
  g_queue_push_tail (&tx->pending, req);
  g_mutex_unlock (&tx->lock);
}

void
jgw_tx_path_dtmf_stop (JgwTxPath *tx)
{
  JgwDtmfRequest *last;

  g_mutex_lock (&tx->lock);
  /* The end belongs to the newest relayed digit; it may still be queued
   * behind one being played (relayed digits come faster than we end them). */
  last = g_queue_peek_tail (&tx->pending);
  if (last && last->duration == 0)
    last->stopped = TRUE;
  else
    tx->stop_requested = TRUE;
  g_mutex_unlock (&tx->lock);
}

/* DURATION (audio clock units) in the telephone-event's clock units. The
 * event's timestamp stays in the audio clock (it is the same RTP stream);
 * only the duration field counts in the event's own rate, as RFC 4733 2.5.1.3
 * defines it and as libwebrtc sends telephone-event/8000 next to Opus. */
static guint64
te_units (const JgwTxPath *tx, guint32 duration)
{
  if (!tx->te_rate || tx->te_rate == tx->clock_rate || !tx->clock_rate)
    return duration;
  return (guint64) duration * tx->te_rate / tx->clock_rate;
}

/* Decide whether this audio packet becomes a DTMF packet; fills the event
 * payload and returns TRUE if so. Called with the lock held. */
static gboolean
dtmf_step (JgwTxPath *tx, guint32 ts, guint8 payload[4], gboolean *marker)
{
  guint32 step = tx->last_ts && ts != tx->last_ts ? ts - tx->last_ts : tx->clock_rate / 50;
  guint32 duration;

  tx->last_ts = ts;
  if (!tx->current) {
    if (tx->gap_left > 0) {
      tx->gap_left--;
      return FALSE;
    }
    tx->current = g_queue_pop_head (&tx->pending);
    if (!tx->current)
      return FALSE;
    tx->start_ts = ts;
    tx->first = TRUE;
    tx->end_left = 0;
    tx->stop_requested = tx->current->stopped;
  }
  duration = ts - tx->start_ts + step;
  if (tx->end_left == 0) {
    /* A relayed digit lasts until its end came, and at least 40 ms so that
     * receivers that ignore very short events still take it. */
    gboolean done = tx->current->duration
                      ? duration >= tx->current->duration
                      : ((tx->stop_requested && duration >= tx->clock_rate / 25)
                         || duration >= 5 * tx->clock_rate);
    guint64 te_duration = te_units (tx, duration);

    if (done || te_duration > 0xffff) {
      tx->final_duration = (guint32) MIN (te_duration, 0xffff);
      tx->end_left = DTMF_END_PACKETS;
    }
  }
  duration = tx->end_left > 0 ? tx->final_duration : (guint32) MIN (te_units (tx, duration), 0xffff);
  payload[0] = (guint8) jgw_dtmf_event (tx->current->digit);
  payload[1] = (tx->end_left > 0 ? 0x80 : 0) | DTMF_VOLUME;
  payload[2] = (guint8) (duration >> 8);
  payload[3] = (guint8) duration;
  *marker = tx->first;
  tx->first = FALSE;
  if (tx->end_left > 0 && --tx->end_left == 0) {
    g_clear_pointer (&tx->current, g_free);
    tx->gap_left = DTMF_GAP_PACKETS;
  }
  return TRUE;
}

/* A telephone-event packet in place of AUDIO (whose seq/ssrc it keeps). */
static GstBuffer *
dtmf_packet (GstRTPBuffer *audio, guint8 pt, guint32 ts, const guint8 payload[4], gboolean marker)
{
  GstBuffer *out = gst_rtp_buffer_new_allocate (4, 0, 0);
  GstRTPBuffer rtp = GST_RTP_BUFFER_INIT;

  gst_rtp_buffer_map (out, GST_MAP_WRITE, &rtp);
  gst_rtp_buffer_set_payload_type (&rtp, pt);
  gst_rtp_buffer_set_seq (&rtp, gst_rtp_buffer_get_seq (audio));
  gst_rtp_buffer_set_ssrc (&rtp, gst_rtp_buffer_get_ssrc (audio));
  gst_rtp_buffer_set_timestamp (&rtp, ts);
  gst_rtp_buffer_set_marker (&rtp, marker);
  memcpy (gst_rtp_buffer_get_payload (&rtp), payload, 4);
  gst_rtp_buffer_unmap (&rtp);
  GST_BUFFER_PTS (out) = GST_BUFFER_PTS (audio->buffer);
  GST_BUFFER_DTS (out) = GST_BUFFER_DTS (audio->buffer);
  return out;
}

/* Pass-through mute: keep the stream (timing, NAT bindings) with silence. */
static gboolean
silence (GstRTPBuffer *rtp, guint8 fill)
{
  if (!fill)
    return FALSE;
  memset (gst_rtp_buffer_get_payload (rtp), fill, gst_rtp_buffer_get_payload_len (rtp));
  return TRUE;
}

static gboolean
is_forwarded_te (JgwTxPath *tx, guint8 pt)
{
  return tx->te_pt >= 0 && (pt == tx->fwd_te_pts[0] || pt == tx->fwd_te_pts[1]);
}

GstPadProbeReturn
jgw_tx_path_probe (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  JgwTxPath *tx = user_data;
  GstBuffer *buf = gst_buffer_make_writable (GST_PAD_PROBE_INFO_BUFFER (info));
  GstRTPBuffer rtp = GST_RTP_BUFFER_INIT;
  GstBuffer *replaced = NULL;
  GstPadProbeReturn ret = GST_PAD_PROBE_OK;
  guint8 payload[4];
  gboolean marker;
  guint32 ssrc, ts;
  gsize len;

  GST_PAD_PROBE_INFO_DATA (info) = buf;
  if (!gst_rtp_buffer_map (buf, GST_MAP_READWRITE, &rtp))
    return GST_PAD_PROBE_DROP;
  g_mutex_lock (&tx->lock);
  if (tx->blocked || tx->hold || (tx->mute && tx->passthrough && !silence (&rtp, tx->silence_byte))) {
    ret = GST_PAD_PROBE_DROP;
  } else if (is_forwarded_te (tx, gst_rtp_buffer_get_payload_type (&rtp))) {
    gst_rtp_buffer_set_payload_type (&rtp, (guint8) tx->te_pt);
    tx->packets_sent++;
  } else {
    gst_rtp_buffer_set_payload_type (&rtp, tx->audio_pt);
    if (tx->te_pt >= 0 && dtmf_step (tx, gst_rtp_buffer_get_timestamp (&rtp), payload, &marker))
      replaced = dtmf_packet (&rtp, (guint8) tx->te_pt, tx->start_ts, payload, marker);
    tx->packets_sent++;
  }
  ssrc = gst_rtp_buffer_get_ssrc (&rtp);
  ts = replaced ? tx->start_ts : gst_rtp_buffer_get_timestamp (&rtp);
  len = replaced ? 4 : gst_rtp_buffer_get_payload_len (&rtp);
  g_mutex_unlock (&tx->lock);
  gst_rtp_buffer_unmap (&rtp);
  if (replaced) {
    gst_buffer_unref (buf);
    GST_PAD_PROBE_INFO_DATA (info) = replaced;
  }
  /* Outside the lock: a due report is sent from here (rtcp.h). */
  if (ret == GST_PAD_PROBE_OK && tx->rtcp)
    jgw_rtcp_leg_on_rtp (tx->rtcp, ssrc, ts, tx->clock_rate, len);
  return ret;
}

void
jgw_path_open_secured (JgwRxPath *rx, JgwTxPath *tx)
{
  g_atomic_int_set (&rx->gate_open, TRUE);
  g_mutex_lock (&tx->lock);
  tx->blocked = FALSE;
  g_mutex_unlock (&tx->lock);
}
