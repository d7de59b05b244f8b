/* srtcp.c — SRTCP contexts of an SDES-SRTP leg (see srtcp.h).
 *
 * libsrtp2 has one global crypto kernel, which GStreamer's srtp plugin
 * initialises too (srtp_init in its plugin_init). A second srtp_init is
 * not free (it reruns every self test, and fails registering its debug
 * module twice), and srtp_shutdown would pull the kernel from under
 * srtpenc/srtpdec: so we call srtp_init only when libsrtp tells us it is
 * not initialised yet (srtp_create gives init_fail), and never shut it
 * down. Both happen on the main thread, like GStreamer's plugin loading
 * for our pipelines. */
#define G_LOG_DOMAIN "jgw-media"

#include "media/srtcp.h"

#include <srtp2/srtp.h>
#include <string.h>

#include "media/media.h"

#define SDES_KEY_LEN 30 /* AES-128 master key + 112-bit salt */
/* libsrtp may write a whole maximum trailer (plus 4) past the packet. */
#define ROOM (SRTP_MAX_TRAILER_LEN + 4)

G_STATIC_ASSERT (JGW_SRTCP_OVERHEAD == 4 + 10);

typedef struct {
  GMutex lock;
  srtp_t srtp;
} Direction;

struct _JgwSrtcp {
  Direction tx, rx;
};

static void
set_policy (srtp_policy_t *policy, const char *suite, const guint8 *key, gboolean outbound)
{
  memset (policy, 0, sizeof *policy);
  if (g_str_has_suffix (suite, "_32"))
    srtp_crypto_policy_set_aes_cm_128_hmac_sha1_32 (&policy->rtp);
  else
    srtp_crypto_policy_set_rtp_default (&policy->rtp);
  /* AES-128-CM + HMAC-SHA1-80 for both suites (RFC 4568 6.2.2). */
  srtp_crypto_policy_set_rtcp_default (&policy->rtcp);
  policy->ssrc.type = outbound ? ssrc_any_outbound : ssrc_any_inbound;
  policy->key = (unsigned char *) key;
  policy->window_size = 128;
}

static gboolean
create (Direction *d, const char *suite, GBytes *key, gboolean outbound, GError **error)
{
  guint8 material[SDES_KEY_LEN];
  srtp_policy_t policy;
  srtp_err_status_t status;

  if (!key || g_bytes_get_size (key) != SDES_KEY_LEN) {
    g_set_error (error, JGW_MEDIA_ERROR, JGW_MEDIA_ERROR_INVALID,
                 "SRTCP: the SDES key is not %d bytes", SDES_KEY_LEN);
    return FALSE;
  }
  memcpy (material, g_bytes_get_data (key, NULL), sizeof material);
  set_policy (&policy, suite, material, outbound);
  status = srtp_create (&d->srtp, &policy);
  if (status == srtp_err_status_init_fail && srtp_init () == srtp_err_status_ok)
    status = srtp_create (&d->srtp, &policy);
  memset (material, 0, sizeof material);
  if (status != srtp_err_status_ok) {
    d->srtp = NULL;
    g_set_error (error, JGW_MEDIA_ERROR, JGW_MEDIA_ERROR_STATE,
                 "SRTCP: libsrtp refused the %s context (error %d)", suite, (int) status);
    return FALSE;
  }
  return TRUE;
}

JgwSrtcp *
jgw_srtcp_new (const char *suite, GBytes *local_key, GBytes *remote_key, GError **error)
{
  g_autoptr (JgwSrtcp) ctx = g_new0 (JgwSrtcp, 1);

  g_mutex_init (&ctx->tx.lock);
  g_mutex_init (&ctx->rx.lock);
  if (!create (&ctx->tx, suite, local_key, TRUE, error)
      || !create (&ctx->rx, suite, remote_key, FALSE, error))
    return NULL;
  return g_steal_pointer (&ctx);
}

static void
clear (Direction *d)
{
  if (d->srtp)
    srtp_dealloc (d->srtp);
  g_mutex_clear (&d->lock);
}

void
jgw_srtcp_free (JgwSrtcp *ctx)
{
  if (!ctx)
    return;
  clear (&ctx->tx);
  clear (&ctx->rx);
  g_free (ctx);
}

gsize
jgw_srtcp_protect (JgwSrtcp *ctx, const guint8 *data, gsize len, guint8 *out, gsize out_size)
{
  /* 32-bit aligned, with the room libsrtp wants behind the packet. */
  guint32 buf[(JGW_SRTCP_MAX_PACKET + ROOM + 3) / 4];
  int n = (int) len;
  srtp_err_status_t status;

  if (len < 8 || len > JGW_SRTCP_MAX_PACKET || out_size < len + JGW_SRTCP_OVERHEAD)
    return 0;
  memcpy (buf, data, len);
  g_mutex_lock (&ctx->tx.lock);
  status = ctx->tx.srtp ? srtp_protect_rtcp (ctx->tx.srtp, buf, &n) : srtp_err_status_fail;
  g_mutex_unlock (&ctx->tx.lock);
  if (status != srtp_err_status_ok || n < 0 || (gsize) n > out_size) {
    g_debug ("SRTCP: cannot protect a %" G_GSIZE_FORMAT "-byte report (error %d)", len,
             (int) status);
    return 0;
  }
  memcpy (out, buf, (gsize) n);
  return (gsize) n;
}

gsize
jgw_srtcp_unprotect (JgwSrtcp *ctx, guint8 *data, gsize len)
{
  guint32 buf[(JGW_SRTCP_MAX_PACKET + JGW_SRTCP_OVERHEAD + 3) / 4];
  int n = (int) len;
  srtp_err_status_t status;

  /* Header (8) plus E/index and tag: anything shorter is not SRTCP. */
  if (len < 8 + JGW_SRTCP_OVERHEAD || len > sizeof buf) {
    g_debug ("SRTCP: dropped a %" G_GSIZE_FORMAT "-byte packet (bad length)", len);
    return 0;
  }
  memcpy (buf, data, len);
  g_mutex_lock (&ctx->rx.lock);
  status = ctx->rx.srtp ? srtp_unprotect_rtcp (ctx->rx.srtp, buf, &n) : srtp_err_status_fail;
  g_mutex_unlock (&ctx->rx.lock);
  if (status != srtp_err_status_ok || n <= 0 || (gsize) n > len) {
    g_debug ("SRTCP: dropped a %" G_GSIZE_FORMAT "-byte packet (%s, error %d)", len,
             status == srtp_err_status_auth_fail ? "not authentic"
             : status == srtp_err_status_replay_fail || status == srtp_err_status_replay_old
                 ? "replayed"
                 : "malformed",
             (int) status);
    return 0;
  }
  memcpy (data, buf, (gsize) n);
  return (gsize) n;
}
