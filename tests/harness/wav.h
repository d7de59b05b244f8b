/* wav.h — read a 16-bit PCM WAV file (what baresip's sndfile module
 * records) as mono samples, for tone checks. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/** Samples of PATH mixed down to mono (g_free), or NULL with the reason
 * in *WHY (g_free). *N and *RATE describe them. */
gint16 *jgw_test_wav_read (const char *path, gsize *n, guint *rate, char **why);

/** In the WAV at PATH between FROM_END and TO_END seconds before its end:
 * each tone of HEARD (0-terminated) present (> 8 % of the power), each of
 * NOT_HEARD absent (< 4 %); fails the test naming WHO otherwise. */
void jgw_test_wav_assert_tones (const char *who, const char *path, double from_end, double to_end,
                                const guint *heard, const guint *not_heard);

G_END_DECLS
