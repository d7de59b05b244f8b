/* check_srtcp.c — SRTCP of an SDES-SRTP leg (src/media/srtcp.h): our
 * contexts against each other, against GStreamer's srtpenc/srtpdec (an
 * SRTCP implementation we do not drive), and with packets an attacker or
 * a broken phone could send. */
#include <check.h>
#include <gst/app/gstappsink.h>
#include <gst/app/gstappsrc.h>
#include <gst/gst.h>
#include <string.h>

#include "harness/suite.h"
#include "media/media.h"
#include "media/srtcp.h"

#define KEY_A "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d"
#define KEY_B "f0e0d0c0b0a09080706050403020100fffeeeddccbbaa998877665544332"
#define SUITE_80 "AES_CM_128_HMAC_SHA1_80"
#define SUITE_32 "AES_CM_128_HMAC_SHA1_32"

static GBytes *
key (const char *hex)
{
  guint8 k[30];

  for (guint i = 0; i < sizeof k; i++) {
    char byte[3] = { hex[2 * i], hex[2 * i + 1], 0 };

    k[i] = (guint8) strtoul (byte, NULL, 16);
  }
  return g_bytes_new (k, sizeof k);
}

/* Sender report (RFC 3550 6.4.1), no report blocks, from SSRC. */
static gsize
sender_report (guint8 *out, guint32 ssrc)
{
  static const guint8 sr[28] = { 0x80, 200, 0, 6, 0, 0, 0, 0, 0xe8, 1, 2, 3, 4, 5, 6, 7,
                                 0, 0, 0x10, 0, 0, 0, 0, 50, 0, 0, 0x1f, 0x40 };

  memcpy (out, sr, sizeof sr);
  out[4] = ssrc >> 24, out[5] = ssrc >> 16, out[6] = ssrc >> 8, out[7] = ssrc;
  return sizeof sr;
}

/* Our side (local A, remote B) and the peer's (local B, remote A). */
static void
pair (const char *suite, JgwSrtcp **ours, JgwSrtcp **theirs)
{
  g_autoptr (GBytes) a = key (KEY_A);
  g_autoptr (GBytes) b = key (KEY_B);
  g_autoptr (GError) error = NULL;

  *ours = jgw_srtcp_new (suite, a, b, &error);
  ck_assert_msg (*ours, "%s", error ? error->message : "?");
  *theirs = jgw_srtcp_new (suite, b, a, &error);
  ck_assert_msg (*theirs, "%s", error ? error->message : "?");
}

static void
round_trip (const char *suite)
{
  g_autoptr (JgwSrtcp) ours = NULL;
  g_autoptr (JgwSrtcp) theirs = NULL;
  guint8 plain[64], wire[64 + JGW_SRTCP_OVERHEAD];
  gsize len = sender_report (plain, 0x11223344), n;

  pair (suite, &ours, &theirs);
  for (int i = 0; i < 3; i++) {
    n = jgw_srtcp_protect (ours, plain, len, wire, sizeof wire);
    /* E flag + 31-bit index, then an 80-bit tag, for _32 too (RFC 4568). */
    ck_assert_uint_eq (n, len + 14);
    ck_assert (wire[len] & 0x80);
    ck_assert_int_ne (memcmp (wire + 8, plain + 8, len - 8), 0);
    ck_assert_uint_eq (jgw_srtcp_unprotect (theirs, wire, n), len);
    ck_assert_int_eq (memcmp (wire, plain, len), 0);
  }
}

START_TEST (test_round_trip_80)
{
  round_trip (SUITE_80);
}
END_TEST

START_TEST (test_round_trip_32)
{
  round_trip (SUITE_32);
}
END_TEST

START_TEST (test_bad_packets_dropped)
{
  g_autoptr (JgwSrtcp) ours = NULL;
  g_autoptr (JgwSrtcp) theirs = NULL;
  guint8 plain[64], wire[64 + JGW_SRTCP_OVERHEAD], copy[sizeof wire], junk[1500];
  gsize len = sender_report (plain, 0x55667788);
  gsize n;

  pair (SUITE_80, &ours, &theirs);
  n = jgw_srtcp_protect (ours, plain, len, wire, sizeof wire);
  ck_assert_uint_gt (n, 0);
  /* A plain report, a flipped bit, a cut tag, our own key: not authentic. */
  ck_assert_uint_eq (jgw_srtcp_unprotect (theirs, plain, len), 0);
  memcpy (copy, wire, n);
  copy[12] ^= 1;
  ck_assert_uint_eq (jgw_srtcp_unprotect (theirs, copy, n), 0);
  memcpy (copy, wire, n);
  ck_assert_uint_eq (jgw_srtcp_unprotect (theirs, copy, n - 1), 0);
  memcpy (copy, wire, n);
  ck_assert_uint_eq (jgw_srtcp_unprotect (ours, copy, n), 0);
  /* Too short, too long, noise. */
  ck_assert_uint_eq (jgw_srtcp_unprotect (theirs, copy, 3), 0);
  ck_assert_uint_eq (jgw_srtcp_unprotect (theirs, copy, 0), 0);
  for (guint i = 0; i < sizeof junk; i++)
    junk[i] = (guint8) g_random_int ();
  ck_assert_uint_eq (jgw_srtcp_unprotect (theirs, junk, sizeof junk), 0);
  junk[0] = 0x80, junk[1] = 200;
  ck_assert_uint_eq (jgw_srtcp_unprotect (theirs, junk, 40), 0);
  /* The genuine one still passes, once: a replay is dropped. */
  memcpy (copy, wire, n);
  ck_assert_uint_eq (jgw_srtcp_unprotect (theirs, copy, n), len);
  memcpy (copy, wire, n);
  ck_assert_uint_eq (jgw_srtcp_unprotect (theirs, copy, n), 0);
  /* Nothing is protected into a buffer too small for the trailer. */
  ck_assert_uint_eq (jgw_srtcp_protect (ours, plain, len, copy, len + 13), 0);
}
END_TEST

START_TEST (test_bad_key)
{
  g_autoptr (GBytes) a = key (KEY_A);
  g_autoptr (GBytes) short_key = g_bytes_new ("0123456789", 10);
  g_autoptr (GError) error = NULL;

  ck_assert_ptr_null (jgw_srtcp_new (SUITE_80, a, short_key, &error));
  g_assert_error (error, JGW_MEDIA_ERROR, JGW_MEDIA_ERROR_INVALID);
}
END_TEST

/* One buffer through a one-element GStreamer pipeline DESC (appsrc "src",
 * appsink "sink"); the bytes that come out, or NULL. */
static GBytes *
through_gst (const char *desc, const guint8 *data, gsize len)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GstElement) pipe = gst_parse_launch (desc, &error);
  g_autoptr (GstElement) src = NULL;
  g_autoptr (GstElement) sink = NULL;
  g_autoptr (GstSample) sample = NULL;
  GBytes *out = NULL;

  ck_assert_msg (pipe, "%s", error ? error->message : "?");
  src = gst_bin_get_by_name (GST_BIN (pipe), "src");
  sink = gst_bin_get_by_name (GST_BIN (pipe), "sink");
  gst_element_set_state (pipe, GST_STATE_PLAYING);
  gst_app_src_push_buffer (GST_APP_SRC (src), gst_buffer_new_memdup (data, len));
  sample = gst_app_sink_try_pull_sample (GST_APP_SINK (sink), 5 * GST_SECOND);
  if (sample) {
    GstBuffer *buf = gst_sample_get_buffer (sample);
    gsize size = gst_buffer_get_size (buf);
    guint8 *bytes = g_malloc (size);

    gst_buffer_extract (buf, 0, bytes, size);
    out = g_bytes_new_take (bytes, size);
  }
  gst_element_set_state (pipe, GST_STATE_NULL);
  return out;
}

/* GStreamer's srtpenc/srtpdec set up as for the SIP leg's RTP
 * (pipeline.c): the suite's RTP tag, SRTCP with hmac-sha1-80. */
static void
interop (const char *suite, const char *rtp_auth)
{
  g_autoptr (JgwSrtcp) ours = NULL;
  g_autoptr (JgwSrtcp) theirs = NULL;
  guint8 plain[64], wire[64 + JGW_SRTCP_OVERHEAD];
  gsize len = sender_report (plain, 0x01020304), n;
  g_autofree char *enc = g_strdup_printf (
      "appsrc name=src caps=application/x-rtcp ! senc.rtcp_sink_0 srtpenc name=senc key=%s "
      "rtp-auth=%s rtcp-cipher=aes-128-icm rtcp-auth=hmac-sha1-80 senc.rtcp_src_0 ! "
      "appsink name=sink sync=false",
      KEY_B, rtp_auth);
  g_autofree char *dec = g_strdup_printf (
      "appsrc name=src caps=\"application/x-srtcp,ssrc=(uint)16909060,srtp-key=(buffer)%s,"
      "srtp-cipher=aes-128-icm,srtp-auth=%s,srtcp-cipher=aes-128-icm,srtcp-auth=hmac-sha1-80\" ! "
      "sdec.rtcp_sink srtpdec name=sdec sdec.rtcp_src ! appsink name=sink sync=false",
      KEY_A, rtp_auth);
  g_autoptr (GBytes) from_gst = NULL;
  g_autoptr (GBytes) to_gst = NULL;
  guint8 buf[64 + JGW_SRTCP_OVERHEAD];

  pair (suite, &ours, &theirs);
  /* The peer's srtpenc (key B) -> our unprotect. */
  from_gst = through_gst (enc, plain, len);
  ck_assert (from_gst);
  ck_assert_uint_eq (g_bytes_get_size (from_gst), len + 14);
  memcpy (buf, g_bytes_get_data (from_gst, NULL), len + 14);
  ck_assert_uint_eq (jgw_srtcp_unprotect (ours, buf, len + 14), len);
  ck_assert_int_eq (memcmp (buf, plain, len), 0);
  /* Our protect (key A) -> the peer's srtpdec. */
  n = jgw_srtcp_protect (ours, plain, len, wire, sizeof wire);
  ck_assert_uint_eq (n, len + 14);
  to_gst = through_gst (dec, wire, n);
  ck_assert_msg (to_gst, "srtpdec refused our SRTCP");
  ck_assert_uint_eq (g_bytes_get_size (to_gst), len);
  ck_assert_int_eq (memcmp (g_bytes_get_data (to_gst, NULL), plain, len), 0);
}

START_TEST (test_gst_interop_80)
{
  interop (SUITE_80, "hmac-sha1-80");
}
END_TEST

START_TEST (test_gst_interop_32)
{
  interop (SUITE_32, "hmac-sha1-32");
}
END_TEST

JGW_TEST_FULL_UNWIND

static Suite *
srtcp_suite (void)
{
  Suite *s = suite_create ("srtcp");
  TCase *tc = tcase_create ("srtcp");

  tcase_add_checked_fixture (tc, jgw_test_gst_setup, jgw_test_gst_teardown);
  tcase_set_timeout (tc, 30);
  tcase_add_test (tc, test_round_trip_80);
  tcase_add_test (tc, test_round_trip_32);
  tcase_add_test (tc, test_bad_packets_dropped);
  tcase_add_test (tc, test_bad_key);
  tcase_add_test (tc, test_gst_interop_80);
  tcase_add_test (tc, test_gst_interop_32);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return jgw_test_run_suite (srtcp_suite ());
}
