/* rtpleg.c — RTP socket pair from the port range, SDES keys. */
#define G_LOG_DOMAIN "jgw-media"

#include <interfaces.h>
#include <string.h>
#include <sys/random.h>

#include "media/media.h"
#include "media/rtpleg.h"

#define SRTP_KEY_LEN 30 /* 128-bit master key + 112-bit salt */

struct _JgwRtpLeg {
  GSocket *rtp, *rtcp;
  char *address;
  guint16 port;
};

static char *
default_address (const JgwMediaConfig *config)
{
  GList *ips;
  char *found = NULL;

  if (config->ice_addresses && config->ice_addresses[0])
    return g_strdup (config->ice_addresses[0]);
  ips = nice_interfaces_get_local_ips (FALSE);
  for (GList *l = ips; l && !found; l = l->next)
    if (!strchr (l->data, ':'))
      found = g_strdup (l->data);
  g_list_free_full (ips, g_free);
  return found ? found : g_strdup ("127.0.0.1");
}

static GSocket *
bind_udp (GInetAddress *addr, guint16 port)
{
  g_autoptr (GSocketAddress) sa = g_inet_socket_address_new (addr, port);
  g_autoptr (GSocket) sock = g_socket_new (g_inet_address_get_family (addr),
                                           G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, NULL);

  if (!sock || !g_socket_bind (sock, sa, FALSE, NULL))
    return NULL;
  return g_steal_pointer (&sock);
}

/* Pairs are tried from a random even port so that consecutive calls do not
 * reuse the ports the previous call's late packets still arrive on. */
static gboolean
bind_pair (JgwRtpLeg *leg, GInetAddress *addr, guint min, guint max)
{
  guint first = (min + 1) & ~1u;
  guint pairs = max > first ? (max - first + 1) / 2 : 0;
  guint start = pairs ? (guint) g_random_int_range (0, (gint32) pairs) : 0;

  for (guint i = 0; i < pairs; i++) {
    guint16 port = (guint16) (first + 2 * ((start + i) % pairs));

    leg->rtp = bind_udp (addr, port);
    leg->rtcp = leg->rtp ? bind_udp (addr, port + 1) : NULL;
    if (leg->rtcp) {
      g_socket_set_blocking (leg->rtcp, FALSE); /* read on the main loop, written from probes */
      leg->port = port;
      return TRUE;
    }
    g_clear_object (&leg->rtp);
  }
  return FALSE;
}

JgwRtpLeg *
jgw_rtp_leg_new (const JgwMediaConfig *config, GError **error)
{
  JgwRtpLeg *leg = g_new0 (JgwRtpLeg, 1);
  g_autoptr (GInetAddress) addr = NULL;

  leg->address = default_address (config);
  addr = g_inet_address_new_from_string (leg->address);
  if (!addr) {
    g_set_error (error, JGW_MEDIA_ERROR, JGW_MEDIA_ERROR_INVALID, "bad media address %s",
                 leg->address);
  } else if (!bind_pair (leg, addr, config->port_min ? config->port_min : 10000,
                         config->port_max ? config->port_max : 60000)) {
    g_set_error (error, JGW_MEDIA_ERROR, JGW_MEDIA_ERROR_NO_PORTS,
                 "no free RTP port pair in %u-%u on %s", config->port_min, config->port_max,
                 leg->address);
  } else {
    return leg;
  }
  jgw_rtp_leg_free (leg);
  return NULL;
}

void
jgw_rtp_leg_free (JgwRtpLeg *leg)
{
  if (!leg)
    return;
  if (leg->rtp)
    g_socket_close (leg->rtp, NULL);
  if (leg->rtcp)
    g_socket_close (leg->rtcp, NULL);
  g_clear_object (&leg->rtp);
  g_clear_object (&leg->rtcp);
  g_free (leg->address);
  g_free (leg);
}

GSocket *
jgw_rtp_leg_socket (JgwRtpLeg *leg)
{
  return leg->rtp;
}

GSocket *
jgw_rtp_leg_rtcp_socket (JgwRtpLeg *leg)
{
  return leg->rtcp;
}

const char *
jgw_rtp_leg_address (JgwRtpLeg *leg)
{
  return leg->address;
}

guint16
jgw_rtp_leg_port (JgwRtpLeg *leg)
{
  return leg->port;
}

gboolean
jgw_sdes_suite_supported (const char *suite)
{
  return suite && (g_str_equal (suite, "AES_CM_128_HMAC_SHA1_80")
                   || g_str_equal (suite, "AES_CM_128_HMAC_SHA1_32"));
}

const char *
jgw_sdes_auth_name (const char *suite)
{
  return g_str_has_suffix (suite, "_32") ? "hmac-sha1-32" : "hmac-sha1-80";
}

char *
jgw_sdes_new_key_params (void)
{
  guint8 key[SRTP_KEY_LEN];
  g_autofree char *b64 = NULL;

  /* SRTP keys need a cryptographic source, not g_random. */
  if (getrandom (key, sizeof key, 0) != (ssize_t) sizeof key)
    g_error ("getrandom failed: no entropy for SRTP keys");
  b64 = g_base64_encode (key, sizeof key);
  return g_strconcat ("inline:", b64, NULL);
}

GBytes *
jgw_sdes_parse_key (const char *key_params)
{
  g_autofree char *b64 = NULL;
  g_autofree guchar *key = NULL;
  gsize len = 0;

  if (!key_params || !g_str_has_prefix (key_params, "inline:"))
    return NULL;
  b64 = g_strndup (key_params + 7, strcspn (key_params + 7, "|"));
  key = g_base64_decode (b64, &len);
  if (len != SRTP_KEY_LEN)
    return NULL;
  return g_bytes_new (key, len);
}
