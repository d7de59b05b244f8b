/* media_bounds.c — the raw limits bench/media's results are compared
 * with, measured in the same run on the same core: the codec work of one
 * transcoded call (libopus encode + decode, and GStreamer's resampler
 * 48 kHz <-> 8 kHz at the gateway's audioresample quality=2) and a plain
 * UDP relay. */
#define _GNU_SOURCE
#include <gio/gio.h>
#include <gst/audio/audio.h>
#include <math.h>
#include <opus.h>
#include <time.h>

#include "media_bench.h"

/* This thread's CPU time: precise for short intervals, unlike getrusage. */
static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static GstAudioResampler *
resampler (int in, int out)
{
  GstStructure *options = gst_structure_new_empty ("options");
  GstAudioResampler *r;

  gst_audio_resampler_options_set_quality (GST_AUDIO_RESAMPLER_METHOD_KAISER, 2, in, out,
                                           options);
  r = gst_audio_resampler_new (GST_AUDIO_RESAMPLER_METHOD_KAISER, GST_AUDIO_RESAMPLER_FLAG_NONE,
                               GST_AUDIO_FORMAT_S16, 1, in, out, options);
  gst_structure_free (options);
  return r;
}

/* Speech-like: a gliding harmonic tone with noise (pure tones make
 * complexity >= 7 choose CELT and run unrealistically fast). */
static void
speech_frame (opus_int16 *pcm, int f)
{
  for (int i = 0; i < 960; i++) {
    double t = (f * 960 + i) / 48000.0;
    pcm[i] = (opus_int16) (6000 * sin (2 * G_PI * (150 + 50 * sin (t * 3)) * t)
                           + 3000 * sin (2 * G_PI * 900 * t) * sin (t * 7)
                           + g_random_int_range (-800, 800));
  }
}

void
bench_codec_bound (int complexity, double *opus_fps, double *call_fps)
{
  int err, frames = 3000;
  OpusEncoder *enc = opus_encoder_create (48000, 1, OPUS_APPLICATION_VOIP, &err);
  OpusDecoder *dec = opus_decoder_create (48000, 1, &err);
  GstAudioResampler *down = resampler (48000, 8000), *up = resampler (8000, 48000);
  opus_int16 pcm[960], out[960], narrow[160];
  unsigned char pkt[400];
  double opus = 0, resample = 0, t0;

  opus_encoder_ctl (enc, OPUS_SET_COMPLEXITY (complexity));
  opus_encoder_ctl (enc, OPUS_SET_BITRATE (32000));
  for (int f = 0; f < frames; f++) {
    gpointer in48[1] = { out }, out8[1] = { narrow }, in8[1] = { narrow }, out48[1] = { pcm };

    speech_frame (pcm, f);
    t0 = cpu_seconds ();
    int n = opus_encode (enc, pcm, 960, pkt, sizeof pkt);
    if (opus_decode (dec, pkt, n, out, 960, 0) < 0)
      g_error ("opus_decode failed");
    opus += cpu_seconds () - t0;
    t0 = cpu_seconds ();
    gst_audio_resampler_resample (down, in48, 960, out8, 160);
    gst_audio_resampler_resample (up, in8, 160, out48, 960);
    resample += cpu_seconds () - t0;
  }
  opus_encoder_destroy (enc);
  opus_decoder_destroy (dec);
  gst_audio_resampler_free (down);
  gst_audio_resampler_free (up);
  *opus_fps = frames / opus;
  *call_fps = frames / (opus + resample);
}

/* Raw bound: loopback UDP relay (recv + send per packet) packets per CPU second. */
double
bench_udp_bound (void)
{
  g_autoptr (GSocket) a = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, 0, NULL);
  g_autoptr (GSocket) r = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, 0, NULL);
  g_autoptr (GSocket) b = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, 0, NULL);
  g_autoptr (GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) any = g_inet_socket_address_new (lo, 0);
  g_autoptr (GSocketAddress) ra = NULL;
  g_autoptr (GSocketAddress) ba = NULL;
  char buf[172] = { 0 };
  int n = 100000;
  double t0, relay = 0;

  g_socket_bind (a, any, FALSE, NULL);
  g_socket_bind (r, any, FALSE, NULL);
  g_socket_bind (b, any, FALSE, NULL);
  ra = g_socket_get_local_address (r, NULL);
  ba = g_socket_get_local_address (b, NULL);
  for (int i = 0; i < n; i += 50) {
    for (int k = 0; k < 50; k++)
      g_socket_send_to (a, ra, buf, sizeof buf, NULL, NULL);
    t0 = cpu_seconds ();
    for (int k = 0; k < 50; k++) {
      gssize got = g_socket_receive (r, buf, sizeof buf, NULL, NULL);
      g_socket_send_to (r, ba, buf, got, NULL, NULL);
    }
    relay += cpu_seconds () - t0;
    for (int k = 0; k < 50; k++)
      g_socket_receive (b, buf, sizeof buf, NULL, NULL);
  }
  return relay > 0 ? n / relay : 0;
}

