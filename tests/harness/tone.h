/* tone.h — audio checks for tests: Goertzel tone detection, level in dBFS,
 * and a recorder that collects S16 mono samples from an appsink.
 * Reusable by any suite that verifies audio (add tone.c to its sources). */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

typedef struct _JgwToneRecorder JgwToneRecorder;

/** Share of the signal's power at FREQ (0..1; ~1 for a pure tone). */
double jgw_tone_share (const gint16 *samples, gsize n, guint rate, double freq);
/** RMS level in dBFS (-120 for digital silence). */
double jgw_tone_rms_db (const gint16 *samples, gsize n);

/** Record from APPSINK, which must output S16LE mono at RATE. */
JgwToneRecorder *jgw_tone_recorder_new (GstElement *appsink, guint rate);
void jgw_tone_recorder_free (JgwToneRecorder *rec);
/** Samples recorded so far. */
gsize jgw_tone_recorder_count (JgwToneRecorder *rec);
/** Copy of the last N samples (NULL if fewer); g_free it. */
gint16 *jgw_tone_recorder_last (JgwToneRecorder *rec, gsize n);

G_END_DECLS
