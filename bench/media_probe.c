/* media_probe.c — loss and latency probes on the far ends' pipelines.
 * Both far ends of a call live in the peer process, so one clock
 * (g_get_monotonic_time) times a direction's send and receive. Probes run
 * on GStreamer streaming threads, hence the lock. */
#include <gst/audio/audio.h>
#include <gst/rtp/rtp.h>
#include <string.h>

#include "media_bench.h"

#define STAMP_MAGIC 0x4a475754u /* "JGWT" */
#define ONSET_PERIOD 50         /* frames of 20 ms: one onset per second */
#define ONSET_LEVEL 3000        /* S16 threshold; background <= 400, onset ~9800 */

void
bench_dir_init (BenchDir *d)
{
  memset (d, 0, sizeof *d);
  g_mutex_init (&d->lock);
  d->samples = g_array_new (FALSE, FALSE, sizeof (double));
}

void
bench_dir_clear (BenchDir *d)
{
  g_array_unref (d->samples);
  g_mutex_clear (&d->lock);
}

void
bench_dir_reset (BenchDir *d)
{
  g_mutex_lock (&d->lock);
  d->have_seq = FALSE;
  d->received = 0;
  d->sent = 0;
  d->merged_lost = 0;
  g_array_set_size (d->samples, 0);
  g_mutex_unlock (&d->lock);
}

static int
cmp_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Called with the lock held. */
static guint64
dir_lost (const BenchDir *d)
{
  guint64 expected = d->have_seq ? d->max_seq - d->first_seq + 1 : 0;

  return d->merged_lost + (expected > d->received ? expected - d->received : 0);
}

void
bench_dir_merge (BenchDir *into, BenchDir *from)
{
  g_mutex_lock (&from->lock);
  into->merged_lost += dir_lost (from);
  into->received += from->received;
  into->sent += from->sent;
  g_array_append_vals (into->samples, from->samples->data, from->samples->len);
  g_mutex_unlock (&from->lock);
}

char *
bench_dir_report (BenchDir *d, const char *prefix)
{
  guint64 lost;
  double med = -1, p95 = -1;
  char *s;

  g_mutex_lock (&d->lock);
  lost = dir_lost (d);
  g_array_sort (d->samples, cmp_double);
  if (d->samples->len) {
    med = g_array_index (d->samples, double, d->samples->len / 2);
    p95 = g_array_index (d->samples, double, (d->samples->len * 95) / 100);
  }
  s = g_strdup_printf ("%stx=%" G_GUINT64_FORMAT " %srx=%" G_GUINT64_FORMAT
                       " %slost=%" G_GUINT64_FORMAT
                       " %sn=%u %smed=%.3f %sp95=%.3f",
                       prefix, d->sent, prefix, d->received, prefix, lost, prefix, d->samples->len, prefix, med,
                       prefix, p95);
  g_mutex_unlock (&d->lock);
  return s;
}

static void
add_sample (BenchDir *d, gint64 us)
{
  double ms = us / 1000.0;

  g_array_append_val (d->samples, ms);
}

/* Extended sequence numbers: the nearest to the highest seen so far. */
static GstPadProbeReturn
rtp_rx (GstPad *pad, GstPadProbeInfo *info, gpointer data)
{
  BenchDir *d = data;
  GstRTPBuffer rtp = GST_RTP_BUFFER_INIT;
  guint64 ext;

  if (!gst_rtp_buffer_map (GST_PAD_PROBE_INFO_BUFFER (info), GST_MAP_READ, &rtp))
    return GST_PAD_PROBE_OK;
  g_mutex_lock (&d->lock);
  ext = gst_rtp_buffer_get_seq (&rtp);
  if (!d->have_seq) {
    d->have_seq = TRUE;
    d->first_seq = d->max_seq = ext + 65536;
  } else {
    ext += d->max_seq & ~G_GUINT64_CONSTANT (0xffff);
    if (ext + 32768 < d->max_seq)
      ext += 65536;
    else if (ext > d->max_seq + 32768)
      ext -= 65536;
    d->max_seq = MAX (d->max_seq, ext);
  }
  d->received++;
  g_mutex_unlock (&d->lock);
  gst_rtp_buffer_unmap (&rtp);
  return GST_PAD_PROBE_OK;
}

void
bench_probe_rtp_rx (GstPad *pad, BenchDir *d)
{
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, rtp_rx, d, NULL);
}

static GstPadProbeReturn
stamp_tx (GstPad *pad, GstPadProbeInfo *info, gpointer data)
{
  BenchDir *d = data;
  GstBuffer *buf = gst_buffer_make_writable (GST_PAD_PROBE_INFO_BUFFER (info));
  GstRTPBuffer rtp = GST_RTP_BUFFER_INIT;

  GST_PAD_PROBE_INFO_DATA (info) = buf;
  g_mutex_lock (&d->lock);
  d->sent++;
  g_mutex_unlock (&d->lock);
  if (gst_rtp_buffer_map (buf, GST_MAP_WRITE, &rtp)) {
    if (gst_rtp_buffer_get_payload_len (&rtp) >= 12) {
      guint8 *pl = gst_rtp_buffer_get_payload (&rtp);
      guint32 magic = STAMP_MAGIC;
      gint64 now = g_get_monotonic_time ();

      memcpy (pl, &magic, 4);
      memcpy (pl + 4, &now, 8);
    }
    gst_rtp_buffer_unmap (&rtp);
  }
  return GST_PAD_PROBE_OK;
}

void
bench_probe_stamp_tx (GstPad *pad, BenchDir *d)
{
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, stamp_tx, d, NULL);
}

static GstPadProbeReturn
stamp_rx (GstPad *pad, GstPadProbeInfo *info, gpointer data)
{
  BenchDir *d = data;
  GstRTPBuffer rtp = GST_RTP_BUFFER_INIT;
  gint64 now = g_get_monotonic_time (), sent;
  guint32 magic;

  if (!gst_rtp_buffer_map (GST_PAD_PROBE_INFO_BUFFER (info), GST_MAP_READ, &rtp))
    return GST_PAD_PROBE_OK;
  if (gst_rtp_buffer_get_payload_len (&rtp) >= 12) {
    const guint8 *pl = gst_rtp_buffer_get_payload (&rtp);

    memcpy (&magic, pl, 4);
    memcpy (&sent, pl + 4, 8);
    g_mutex_lock (&d->lock);
    if (magic == STAMP_MAGIC)
      add_sample (d, now - sent);
    g_mutex_unlock (&d->lock);
  }
  gst_rtp_buffer_unmap (&rtp);
  return GST_PAD_PROBE_OK;
}

void
bench_probe_stamp_rx (GstPad *pad, BenchDir *d)
{
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, stamp_rx, d, NULL);
}

/* Between onsets the source's tone is replaced by quiet white noise: the
 * codecs then work on a real signal (no DTX, no digital silence; a pure
 * tone would let Opus at complexity >= 7 pick CELT and run unrealistically
 * cheaply), and the onset stands 20 dB above it. */
static void
quiet_noise (GstBuffer *buf, const GstAudioInfo *ai, guint32 *seed)
{
  GstMapInfo map;

  if (!gst_buffer_map (buf, &map, GST_MAP_READWRITE))
    return;
  if (GST_AUDIO_INFO_FORMAT (ai) == GST_AUDIO_FORMAT_S16)
    for (gsize i = 0; i < map.size / 2; i++) {
      *seed = *seed * 1664525u + 1013904223u;
      ((gint16 *) map.data)[i] = (gint16) ((gint32) (*seed >> 16) % 800 - 400);
    }
  else if (GST_AUDIO_INFO_FORMAT (ai) == GST_AUDIO_FORMAT_F32)
    for (gsize i = 0; i < map.size / 4; i++) {
      *seed = *seed * 1664525u + 1013904223u;
      ((float *) map.data)[i] = ((gint32) (*seed >> 16) % 800 - 400) / 32768.0f;
    }
  else
    g_error ("bench: onset source format %s", GST_AUDIO_INFO_NAME (ai));
  gst_buffer_unmap (buf, &map);
}

static GstPadProbeReturn
onset_tx (GstPad *pad, GstPadProbeInfo *info, gpointer data)
{
  BenchDir *d = data;
  g_autoptr (GstCaps) caps = gst_pad_get_current_caps (pad);
  GstAudioInfo ai;
  GstBuffer *buf;

  if (!caps || !gst_audio_info_from_caps (&ai, caps))
    return GST_PAD_PROBE_OK;
  g_mutex_lock (&d->lock);
  d->sent++;
  if (d->tx_frames++ % ONSET_PERIOD == 0) {
    d->last_onset_sent = g_get_monotonic_time ();
    g_mutex_unlock (&d->lock);
    return GST_PAD_PROBE_OK;
  }
  g_mutex_unlock (&d->lock);
  buf = gst_buffer_make_writable (GST_PAD_PROBE_INFO_BUFFER (info));
  GST_PAD_PROBE_INFO_DATA (info) = buf;
  quiet_noise (buf, &ai, &d->noise_seed);
  return GST_PAD_PROBE_OK;
}

void
bench_probe_onset_tx (GstPad *pad, BenchDir *d)
{
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, onset_tx, d, NULL);
}

/* The onset's time is the buffer's arrival plus the onset's offset in it
 * (when it would be played); the baseline is measured the same way. */
static GstPadProbeReturn
onset_rx (GstPad *pad, GstPadProbeInfo *info, gpointer data)
{
  BenchDir *d = data;
  guint rate = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (pad), "bench-rate"));
  gint64 now = g_get_monotonic_time ();
  GstMapInfo map;

  if (!gst_buffer_map (GST_PAD_PROBE_INFO_BUFFER (info), &map, GST_MAP_READ))
    return GST_PAD_PROBE_OK;
  g_mutex_lock (&d->lock);
  for (gsize i = 0; i < map.size / 2; i++) {
    gint16 s = ((const gint16 *) map.data)[i];
    gint64 t = now + (gint64) i * G_USEC_PER_SEC / rate;

    if (ABS (s) < ONSET_LEVEL || t - d->last_onset_heard < G_USEC_PER_SEC / 2)
      continue;
    d->last_onset_heard = t;
    if (d->last_onset_sent && t - d->last_onset_sent < G_USEC_PER_SEC / 2)
      add_sample (d, t - d->last_onset_sent);
    d->last_onset_sent = 0;
    break;
  }
  g_mutex_unlock (&d->lock);
  gst_buffer_unmap (GST_PAD_PROBE_INFO_BUFFER (info), &map);
  return GST_PAD_PROBE_OK;
}

void
bench_probe_onset_rx (GstPad *pad, BenchDir *d, guint rate)
{
  g_object_set_data (G_OBJECT (pad), "bench-rate", GUINT_TO_POINTER (rate));
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, onset_rx, d, NULL);
}
