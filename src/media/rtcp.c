/* rtcp.c — RTCP reports of one leg and the round-trip time (RFC 3550 6). */
#define G_LOG_DOMAIN "jgw-media"

#include <gst/rtp/rtp.h>
#include <string.h>

#include "media/rtcp.h"

#define INTERVAL_US (5 * G_USEC_PER_SEC) /* RFC 3550 6.2: Tmin */
#define NTP_OFFSET G_GUINT64_CONSTANT (2208988800) /* 1900 -> 1970 */
#define SENT_KEPT 8                       /* SRs a late report may refer to */

struct _JgwRtcpLeg {
  GMutex lock;
  JgwRxPath *rx;
  JgwRtcpEmitFunc emit;
  gpointer user_data;
  guint32 cname_ssrc;      /* ours if nothing was sent yet */
  /* what we send */
  gboolean sending;
  guint32 ssrc, rtp_ts, packets, octets;
  guint clock_rate;
  gint64 rtp_ts_us;        /* monotonic time of rtp_ts */
  gint64 next_us;
  guint32 sent_lsr[SENT_KEPT];
  guint sent_next;
  /* what we heard */
  guint32 peer_lsr;
  gint64 peer_sr_us;       /* monotonic arrival of the peer's last SR */
  guint32 prior_expected, prior_received, prior_ssrc;
  double rtt_ms;
};

guint32
jgw_rtcp_ntp_short (gint64 real_us)
{
  guint64 sec = (guint64) (real_us / G_USEC_PER_SEC) + NTP_OFFSET;
  guint64 frac = ((guint64) (real_us % G_USEC_PER_SEC) << 32) / G_USEC_PER_SEC;

  return (guint32) (((sec & 0xffff) << 16) | (frac >> 16));
}

static guint64
ntp_full (gint64 real_us)
{
  guint64 sec = (guint64) (real_us / G_USEC_PER_SEC) + NTP_OFFSET;

  return (sec << 32) | (((guint64) (real_us % G_USEC_PER_SEC) << 32) / G_USEC_PER_SEC);
}

double
jgw_rtcp_rtt_ms (guint32 arrival, guint32 lsr, guint32 dlsr)
{
  gint32 rtt;

  if (lsr == 0)
    return -1;
  /* Signed: on loopback A - LSR - DLSR can round to a unit below zero. */
  rtt = (gint32) (arrival - lsr - dlsr);
  return MAX (rtt, 0) * 1000.0 / 65536.0;
}

static gint64
next_interval (gboolean first)
{
  double base = first ? INTERVAL_US / 2.0 : INTERVAL_US;

  return (gint64) (base * g_random_double_range (0.5, 1.5));
}

JgwRtcpLeg *
jgw_rtcp_leg_new (JgwRxPath *rx, JgwRtcpEmitFunc emit, gpointer user_data)
{
  JgwRtcpLeg *leg = g_new0 (JgwRtcpLeg, 1);

  g_mutex_init (&leg->lock);
  leg->rx = rx;
  leg->emit = emit;
  leg->user_data = user_data;
  leg->cname_ssrc = g_random_int ();
  leg->rtt_ms = -1;
  leg->next_us = g_get_monotonic_time () + next_interval (TRUE);
  return leg;
}

void
jgw_rtcp_leg_free (JgwRtcpLeg *leg)
{
  if (!leg)
    return;
  g_mutex_clear (&leg->lock);
  g_free (leg);
}

/* RFC 3550 6.4.1 report block about what RX received; lock held. */
static void
add_report_block (JgwRtcpLeg *leg, GstRTCPPacket *packet, gint64 now)
{
  JgwRxPath *rx = leg->rx;
  guint32 ssrc, ext_max, expected, received, jitter, fraction = 0, dlsr = 0;
  gint64 lost, exp_int, lost_int;

  g_mutex_lock (&rx->lock);
  if (!rx->have_seq) {
    g_mutex_unlock (&rx->lock);
    return;
  }
  ssrc = rx->ssrc;
  ext_max = rx->cycles + rx->max_seq;
  expected = ext_max - rx->base_seq + 1;
  received = rx->received - rx->base_received;
  jitter = (guint32) rx->jitter;
  g_mutex_unlock (&rx->lock);
  if (ssrc != leg->prior_ssrc)
    leg->prior_expected = leg->prior_received = 0, leg->prior_ssrc = ssrc;
  lost = CLAMP ((gint64) expected - received, -0x800000, 0x7fffff);
  exp_int = (gint64) expected - leg->prior_expected;
  lost_int = exp_int - ((gint64) received - leg->prior_received);
  if (exp_int > 0 && lost_int > 0)
    fraction = (guint32) MIN ((lost_int << 8) / exp_int, 255);
  leg->prior_expected = expected;
  leg->prior_received = received;
  if (leg->peer_lsr)
    dlsr = (guint32) (((now - leg->peer_sr_us) << 16) / G_USEC_PER_SEC);
  gst_rtcp_packet_add_rb (packet, ssrc, (guint8) fraction, (gint32) lost, ext_max, jitter,
                          leg->peer_lsr, dlsr);
}

/* SR (or RR before we sent anything) + SDES CNAME; lock held. */
static GBytes *
build_locked (JgwRtcpLeg *leg)
{
  GstBuffer *buf = gst_rtcp_buffer_new (1400);
  GstRTCPBuffer rtcp = GST_RTCP_BUFFER_INIT;
  GstRTCPPacket p;
  gint64 now = g_get_monotonic_time (), real = g_get_real_time ();
  guint32 ssrc = leg->sending ? leg->ssrc : leg->cname_ssrc;
  g_autofree char *cname = g_strdup_printf ("jinglegw-%08x", leg->cname_ssrc);
  GBytes *out;

  gst_rtcp_buffer_map (buf, GST_MAP_READWRITE, &rtcp);
  if (leg->sending) {
    guint32 rtp_ts = leg->rtp_ts
                     + (guint32) ((now - leg->rtp_ts_us) * leg->clock_rate / G_USEC_PER_SEC);

    gst_rtcp_buffer_add_packet (&rtcp, GST_RTCP_TYPE_SR, &p);
    gst_rtcp_packet_sr_set_sender_info (&p, ssrc, ntp_full (real), rtp_ts, leg->packets,
                                        leg->octets);
    leg->sent_lsr[leg->sent_next++ % SENT_KEPT] = jgw_rtcp_ntp_short (real);
  } else {
    gst_rtcp_buffer_add_packet (&rtcp, GST_RTCP_TYPE_RR, &p);
    gst_rtcp_packet_rr_set_ssrc (&p, ssrc);
  }
  add_report_block (leg, &p, now);
  gst_rtcp_buffer_add_packet (&rtcp, GST_RTCP_TYPE_SDES, &p);
  gst_rtcp_packet_sdes_add_item (&p, ssrc);
  gst_rtcp_packet_sdes_add_entry (&p, GST_RTCP_SDES_CNAME, (guint8) strlen (cname),
                                  (const guint8 *) cname);
  gst_rtcp_buffer_unmap (&rtcp);
  {
    gpointer data = NULL;
    gsize size = 0;

    gst_buffer_extract_dup (buf, 0, gst_buffer_get_size (buf), &data, &size);
    out = g_bytes_new_take (data, size);
  }
  gst_buffer_unref (buf);
  return out;
}

GBytes *
jgw_rtcp_leg_build_report (JgwRtcpLeg *leg)
{
  GBytes *out;

  g_mutex_lock (&leg->lock);
  out = build_locked (leg);
  g_mutex_unlock (&leg->lock);
  return out;
}

void
jgw_rtcp_leg_on_rtp (JgwRtcpLeg *leg, guint32 ssrc, guint32 timestamp, guint clock_rate,
                     gsize payload_len)
{
  gint64 now = g_get_monotonic_time ();
  g_autoptr (GBytes) report = NULL;

  g_mutex_lock (&leg->lock);
  if (leg->sending && ssrc != leg->ssrc)
    leg->packets = leg->octets = 0; /* a new source: its counts start again */
  leg->sending = TRUE;
  leg->ssrc = ssrc;
  leg->rtp_ts = timestamp;
  leg->rtp_ts_us = now;
  leg->clock_rate = clock_rate;
  leg->packets++;
  leg->octets += (guint32) payload_len;
  if (now >= leg->next_us) {
    leg->next_us = now + next_interval (FALSE);
    report = build_locked (leg);
  }
  g_mutex_unlock (&leg->lock);
  if (report)
    leg->emit (g_bytes_get_data (report, NULL), g_bytes_get_size (report), leg->user_data);
}

/* A report block of the peer: RTT when it refers to an SR of ours. Lock held. */
static void
report_block (JgwRtcpLeg *leg, GstRTCPPacket *p, guint i, guint32 arrival)
{
  guint32 ssrc, ext, jitter, lsr, dlsr;
  guint8 fraction;
  gint32 lost;

  gst_rtcp_packet_get_rb (p, i, &ssrc, &fraction, &lost, &ext, &jitter, &lsr, &dlsr);
  for (guint k = 0; lsr && k < SENT_KEPT; k++)
    if (leg->sent_lsr[k] == lsr) {
      leg->rtt_ms = jgw_rtcp_rtt_ms (arrival, lsr, dlsr);
      return;
    }
}

static void
parse_packet (JgwRtcpLeg *leg, GstRTCPPacket *p, guint32 arrival)
{
  GstRTCPType type = gst_rtcp_packet_get_type (p);
  guint32 ssrc, rtptime, count, octets;
  guint64 ntp;

  if (type == GST_RTCP_TYPE_SR) {
    gst_rtcp_packet_sr_get_sender_info (p, &ssrc, &ntp, &rtptime, &count, &octets);
    leg->peer_lsr = (guint32) (ntp >> 16);
    leg->peer_sr_us = g_get_monotonic_time ();
  }
  if (type == GST_RTCP_TYPE_SR || type == GST_RTCP_TYPE_RR)
    for (guint i = 0; i < gst_rtcp_packet_get_rb_count (p); i++)
      report_block (leg, p, i, arrival);
}

void
jgw_rtcp_leg_receive (JgwRtcpLeg *leg, const guint8 *data, gsize len)
{
  guint32 arrival = jgw_rtcp_ntp_short (g_get_real_time ());
  GstBuffer *buf;
  GstRTCPBuffer rtcp = GST_RTCP_BUFFER_INIT;
  GstRTCPPacket p;
  gboolean more;

  /* Reduced-size RTCP (RFC 5506) is what some WebRTC stacks send. */
  if (!gst_rtcp_buffer_validate_data_reduced ((guint8 *) data, (guint) len))
    return;
  buf = gst_buffer_new_memdup (data, len);
  gst_rtcp_buffer_map (buf, GST_MAP_READ, &rtcp);
  g_mutex_lock (&leg->lock);
  for (more = gst_rtcp_buffer_get_first_packet (&rtcp, &p); more;
       more = gst_rtcp_packet_move_to_next (&p))
    parse_packet (leg, &p, arrival);
  g_mutex_unlock (&leg->lock);
  gst_rtcp_buffer_unmap (&rtcp);
  gst_buffer_unref (buf);
}

double
jgw_rtcp_leg_rtt_ms (JgwRtcpLeg *leg)
{
  double rtt;

  g_mutex_lock (&leg->lock);
  rtt = leg->rtt_ms;
  g_mutex_unlock (&leg->lock);
  return rtt;
}
