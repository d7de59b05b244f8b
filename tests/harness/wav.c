/* wav.c — minimal RIFF/WAVE PCM reader for tests. */
#include "harness/wav.h"

#include <check.h>
#include <string.h>

#include "harness/tone.h"

static guint32
le32 (const guint8 *p)
{
  return (guint32) p[0] | (guint32) p[1] << 8 | (guint32) p[2] << 16 | (guint32) p[3] << 24;
}

static guint16
le16 (const guint8 *p)
{
  return (guint16) (p[0] | p[1] << 8);
}

gint16 *
jgw_test_wav_read (const char *path, gsize *n, guint *rate, char **why)
{
  g_autofree guint8 *data = NULL;
  gsize len = 0;
  if (!g_file_get_contents (path, (char **) &data, &len, NULL) || len < 12
      || memcmp (data, "RIFF", 4) != 0 || memcmp (data + 8, "WAVE", 4) != 0)
    {
      *why = g_strdup_printf ("%s is not a WAV file", path);
      return NULL;
    }
  guint channels = 0, bits = 0;
  /* Walk the chunks: "fmt " describes, "data" holds the samples. The data
   * size may be left unset by a recorder that was killed: use what is there. */
  for (gsize off = 12; off + 8 <= len;)
    {
      guint32 size = le32 (data + off + 4);
      const guint8 *body = data + off + 8;
      if (memcmp (data + off, "fmt ", 4) == 0 && size >= 16 && off + 8 + 16 <= len)
        {
          channels = le16 (body + 2);
          *rate = le32 (body + 4);
          bits = le16 (body + 14);
        }
      else if (memcmp (data + off, "data", 4) == 0)
        {
          if (channels == 0 || bits != 16)
            break;
          gsize avail = MIN ((gsize) size ? (gsize) size : len, len - off - 8);
          *n = avail / (2 * channels);
          gint16 *out = g_new (gint16, *n ? *n : 1);
          for (gsize i = 0; i < *n; i++)
            {
              int sum = 0;
              for (guint c = 0; c < channels; c++)
                sum += (gint16) le16 (body + 2 * (i * channels + c));
              out[i] = (gint16) (sum / (int) channels);
            }
          return out;
        }
      off += 8 + size + (size & 1);
    }
  *why = g_strdup_printf ("%s has no 16-bit PCM data", path);
  return NULL;
}

/* The share of each tone of HEARD and NOT_HEARD, to tell what was heard instead. */
static char *
shares (const gint16 *s, gsize n, guint rate, const guint *heard, const guint *not_heard)
{
  GString *out = g_string_new (NULL);

  for (const guint *f = heard; *f; f++)
    g_string_append_printf (out, " %u Hz %.2f", *f, jgw_tone_share (s, n, rate, *f));
  for (const guint *f = not_heard; *f; f++)
    g_string_append_printf (out, " %u Hz %.2f", *f, jgw_tone_share (s, n, rate, *f));
  return g_string_free (out, FALSE);
}

void
jgw_test_wav_assert_tones (const char *who, const char *path, double from_end, double to_end,
                           const guint *heard, const guint *not_heard)
{
  g_autofree char *why = NULL;
  gsize total = 0;
  guint rate = 0;
  g_autofree gint16 *all = jgw_test_wav_read (path, &total, &rate, &why);
  ck_assert_msg (all != NULL, "%s: %s", who, why);
  gsize a = (gsize) (from_end * rate), z = (gsize) (to_end * rate);
  ck_assert_msg (total > a && a > z, "%s: only %zu samples recorded", who, total);
  const gint16 *s = all + total - a;
  gsize n = a - z;
  for (const guint *f = heard; *f; f++)
    if (jgw_tone_share (s, n, rate, *f) <= 0.08)
      ck_abort_msg ("%s does not hear %u Hz (level %.1f dBFS;%s)", who, *f, jgw_tone_rms_db (s, n),
                    shares (s, n, rate, heard, not_heard));
  for (const guint *f = not_heard; *f; f++)
    ck_assert_msg (jgw_tone_share (s, n, rate, *f) < 0.04, "%s hears %u Hz (share %.2f)", who, *f,
                   jgw_tone_share (s, n, rate, *f));
}
