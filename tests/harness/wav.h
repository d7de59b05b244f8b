/* wav.h — read a 16-bit PCM WAV file (what baresip's sndfile module
 * records) as mono samples, for tone checks. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/** Samples of PATH mixed down to mono (g_free), or NULL with the reason
 * in *WHY (g_free). *N and *RATE describe them. */
gint16 *jgw_test_wav_read (const char *path, gsize *n, guint *rate, char **why);

G_END_DECLS
