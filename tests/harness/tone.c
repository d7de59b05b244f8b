/* tone.c — Goertzel, RMS and an appsink recorder for audio assertions. */
#include <math.h>
#include <gst/app/gstappsink.h>

#include "harness/tone.h"

struct _JgwToneRecorder {
  GMutex lock;
  GArray *samples;   /* of gint16 */
  GstElement *sink;
  guint rate;
};

double
jgw_tone_share (const gint16 *s, gsize n, guint rate, double freq)
{
  double coeff = 2.0 * cos (2.0 * G_PI * freq / rate);
  double q1 = 0, q2 = 0, energy = 0, power, amp;

  for (gsize i = 0; i < n; i++) {
    double x = s[i] / 32768.0;
    double q0 = coeff * q1 - q2 + x;

    q2 = q1;
    q1 = q0;
    energy += x * x;
  }
  if (n == 0 || energy <= 0)
    return 0;
  power = q1 * q1 + q2 * q2 - coeff * q1 * q2;
  amp = 2.0 * sqrt (power) / n;             /* sine amplitude at FREQ */
  return (amp * amp / 2.0) / (energy / n);  /* its power over the total */
}

double
jgw_tone_rms_db (const gint16 *s, gsize n)
{
  double sum = 0;

  for (gsize i = 0; i < n; i++)
    sum += (s[i] / 32768.0) * (s[i] / 32768.0);
  return n && sum > 0 ? MAX (10.0 * log10 (sum / n), -120.0) : -120.0;
}

static GstFlowReturn
on_sample (GstAppSink *sink, gpointer data)
{
  JgwToneRecorder *rec = data;
  g_autoptr (GstSample) sample = gst_app_sink_pull_sample (sink);
  GstBuffer *buf = sample ? gst_sample_get_buffer (sample) : NULL;
  GstMapInfo map;

  if (buf && gst_buffer_map (buf, &map, GST_MAP_READ)) {
    g_mutex_lock (&rec->lock);
    g_array_append_vals (rec->samples, map.data, map.size / 2);
    g_mutex_unlock (&rec->lock);
    gst_buffer_unmap (buf, &map);
  }
  return GST_FLOW_OK;
}

JgwToneRecorder *
jgw_tone_recorder_new (GstElement *appsink, guint rate)
{
  JgwToneRecorder *rec = g_new0 (JgwToneRecorder, 1);
  GstAppSinkCallbacks cb = { .new_sample = on_sample };

  g_mutex_init (&rec->lock);
  rec->samples = g_array_new (FALSE, FALSE, sizeof (gint16));
  rec->sink = gst_object_ref (appsink);
  rec->rate = rate;
  gst_app_sink_set_callbacks (GST_APP_SINK (appsink), &cb, rec, NULL);
  return rec;
}

void
jgw_tone_recorder_free (JgwToneRecorder *rec)
{
  GstAppSinkCallbacks none = { 0 };

  if (!rec)
    return;
  gst_app_sink_set_callbacks (GST_APP_SINK (rec->sink), &none, NULL, NULL);
  gst_object_unref (rec->sink);
  g_array_unref (rec->samples);
  g_mutex_clear (&rec->lock);
  g_free (rec);
}

gsize
jgw_tone_recorder_count (JgwToneRecorder *rec)
{
  gsize n;

  g_mutex_lock (&rec->lock);
  n = rec->samples->len;
  g_mutex_unlock (&rec->lock);
  return n;
}

gint16 *
jgw_tone_recorder_last (JgwToneRecorder *rec, gsize n)
{
  gint16 *out = NULL;

  g_mutex_lock (&rec->lock);
  if (rec->samples->len >= n)
    out = g_memdup2 (&g_array_index (rec->samples, gint16, rec->samples->len - n),
                     n * sizeof (gint16));
  g_mutex_unlock (&rec->lock);
  return out;
}
