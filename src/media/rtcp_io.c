/* rtcp_io.c — where each leg's RTCP goes in and out.
 *
 * XMPP leg (rtcp-mux, DTLS-SRTP): dtlssrtpdec's rtcp_src gives the peer's
 * decrypted reports (read in a probe); ours go into dtlssrtpenc's
 * rtcp_sink_0 through a pad of our own, pushed from the XMPP sender's
 * streaming thread (no extra element or thread).
 * SIP leg: the RTCP socket of the port pair, read by a source on the
 * session's main context, written with non-blocking sends to where the
 * peer's reports come from (symmetric RTCP), else to the port the SDP gave
 * (a=rtcp, or RTP port + 1). With SDES-SRTP the RTP goes through srtpenc/
 * srtpdec, but the reports are ours, so they are protected and checked
 * here (srtcp.h: our SDES key out, the peer's in); SRTCP that fails to
 * authenticate is dropped with a debug line. */
#define G_LOG_DOMAIN "jgw-media"

#include "media/session-private.h"

static void
emit_xmpp (const guint8 *data, gsize len, gpointer user_data)
{
  JgwMediaSession *s = user_data;
  g_autoptr (GstCaps) caps = NULL;
  GstSegment segment;

  if (!s->rtcp_pad)
    return;
  if (!s->rtcp_pad_ready) {
    s->rtcp_pad_ready = TRUE;
    gst_pad_set_active (s->rtcp_pad, TRUE);
    gst_pad_push_event (s->rtcp_pad, gst_event_new_stream_start ("jgw-rtcp"));
    caps = gst_caps_new_empty_simple ("application/x-rtcp");
    gst_pad_push_event (s->rtcp_pad, gst_event_new_caps (caps));
    gst_segment_init (&segment, GST_FORMAT_TIME);
    gst_pad_push_event (s->rtcp_pad, gst_event_new_segment (&segment));
  }
  gst_pad_push (s->rtcp_pad, gst_buffer_new_memdup (data, len));
}

static void
emit_sip (const guint8 *data, gsize len, gpointer user_data)
{
  JgwMediaSession *s = user_data;
  g_autoptr (GSocketAddress) dest = NULL;
  guint8 srtcp[JGW_SRTCP_MAX_PACKET + JGW_SRTCP_OVERHEAD];

  if (s->srtcp) {
    if (!(len = jgw_srtcp_protect (s->srtcp, data, len, srtcp, sizeof srtcp)))
      return;
    data = srtcp;
  }
  g_mutex_lock (&s->rtcp_lock);
  dest = s->rtcp_dest ? g_object_ref (s->rtcp_dest) : NULL;
  g_mutex_unlock (&s->rtcp_lock);
  if (dest) /* best effort: a lost report is only a later RTT */
    g_socket_send_to (jgw_rtp_leg_rtcp_socket (s->rtp), dest, (const char *) data, len, NULL,
                      NULL);
}

void
jgw_media_rtcp_init (JgwMediaSession *s)
{
  g_mutex_init (&s->rtcp_lock);
  s->rtcp[JGW_MEDIA_LEG_XMPP] = jgw_rtcp_leg_new (&s->rx[JGW_MEDIA_LEG_XMPP], emit_xmpp, s);
  s->rtcp[JGW_MEDIA_LEG_SIP] = jgw_rtcp_leg_new (&s->rx[JGW_MEDIA_LEG_SIP], emit_sip, s);
}

static GstPadProbeReturn
on_xmpp_rtcp (GstPad *pad, GstPadProbeInfo *info, gpointer data)
{
  GstBuffer *buf = GST_PAD_PROBE_INFO_BUFFER (info);
  GstMapInfo map;

  if (gst_buffer_map (buf, &map, GST_MAP_READ)) {
    jgw_rtcp_leg_receive (data, map.data, map.size);
    gst_buffer_unmap (buf, &map);
  }
  return GST_PAD_PROBE_OK;
}

gboolean
jgw_media_rtcp_build_xmpp (JgwMediaSession *s, GstElement *enc, GError **error)
{
  g_autoptr (GstPad) dec_pad = gst_element_get_static_pad (s->dtlsdec, "rtcp_src");
  g_autoptr (GstPad) sink = gst_element_request_pad_simple (enc, "rtcp_sink_0");

  gst_pad_add_probe (dec_pad, GST_PAD_PROBE_TYPE_BUFFER, on_xmpp_rtcp,
                     s->rtcp[JGW_MEDIA_LEG_XMPP], NULL);
  s->rtcp_pad = gst_object_ref_sink (gst_pad_new ("jgw_rtcp_src", GST_PAD_SRC));
  s->rtcp_pad_ready = FALSE;
  if (!sink || gst_pad_link (s->rtcp_pad, sink) != GST_PAD_LINK_OK) {
    g_set_error (error, JGW_MEDIA_ERROR, JGW_MEDIA_ERROR_STATE,
                 "cannot link RTCP into dtlssrtpenc");
    return FALSE;
  }
  s->tx[JGW_MEDIA_LEG_XMPP].rtcp = s->rtcp[JGW_MEDIA_LEG_XMPP];
  return TRUE;
}

static void
set_dest (JgwMediaSession *s, GSocketAddress *from)
{
  g_mutex_lock (&s->rtcp_lock);
  if (!s->rtcp_dest || !g_inet_address_equal (
          g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (s->rtcp_dest)),
          g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (from)))
      || g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (s->rtcp_dest))
             != g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (from))) {
    g_clear_object (&s->rtcp_dest);
    s->rtcp_dest = g_object_ref (from);
  }
  g_mutex_unlock (&s->rtcp_lock);
}

static gboolean
on_sip_rtcp (GSocket *socket, GIOCondition cond, gpointer data)
{
  JgwMediaSession *s = data;
  guint8 buf[1500];

  for (int i = 0; i < 16; i++) { /* bounded: other sources get their turn */
    g_autoptr (GSocketAddress) from = NULL;
    gssize n = g_socket_receive_from (socket, &from, (char *) buf, sizeof buf, NULL, NULL);

    if (n <= 0)
      break;
    if (s->srtcp && !(n = (gssize) jgw_srtcp_unprotect (s->srtcp, buf, (gsize) n)))
      continue; /* forged or garbled: nor may it redirect our reports (set_dest) */
    if (G_IS_INET_SOCKET_ADDRESS (from))
      set_dest (s, from);
    jgw_rtcp_leg_receive (s->rtcp[JGW_MEDIA_LEG_SIP], buf, (gsize) n);
  }
  return G_SOURCE_CONTINUE;
}

/* A leg whose keys libsrtp refuses keeps its audio, only without reports. */
static gboolean
start_srtcp (JgwMediaSession *s)
{
  g_autoptr (GBytes) local = jgw_sdes_parse_key (s->sdes_local->key_params);
  g_autoptr (GError) error = NULL;

  s->srtcp = jgw_srtcp_new (s->sdes_suite, local, s->sdes_remote_key, &error);
  if (!s->srtcp)
    g_warning ("SIP leg: no RTCP: %s", error->message);
  return s->srtcp != NULL;
}

void
jgw_media_rtcp_start_sip (JgwMediaSession *s)
{
  const JgwContent *remote = s->neg[JGW_MEDIA_LEG_SIP].remote;
  GSocket *sock = jgw_rtp_leg_rtcp_socket (s->rtp);
  g_autoptr (GInetAddress) addr = NULL;

  if (!remote->rtp_addr || s->rtcp_source || (s->sdes_local && !start_srtcp (s)))
    return;
  addr = g_inet_address_new_from_string (remote->rtp_addr);
  if (addr) {
    g_autoptr (GSocketAddress) dest = g_inet_socket_address_new (
        addr, remote->rtcp_port ? remote->rtcp_port : (guint16) (remote->rtp_port + 1));

    set_dest (s, dest);
  }
  s->rtcp_source = g_socket_create_source (sock, G_IO_IN, NULL);
  g_source_set_callback (s->rtcp_source, (GSourceFunc) (void (*) (void)) on_sip_rtcp, s, NULL);
  g_source_attach (s->rtcp_source, s->context);
  s->tx[JGW_MEDIA_LEG_SIP].rtcp = s->rtcp[JGW_MEDIA_LEG_SIP];
}

void
jgw_media_rtcp_stop (JgwMediaSession *s)
{
  s->tx[0].rtcp = s->tx[1].rtcp = NULL;
  if (s->rtcp_source) {
    g_source_destroy (s->rtcp_source);
    g_clear_pointer (&s->rtcp_source, g_source_unref);
  }
  g_clear_pointer (&s->srtcp, jgw_srtcp_free);
  if (s->rtcp_pad) {
    g_autoptr (GstPad) peer = gst_pad_get_peer (s->rtcp_pad);

    gst_pad_set_active (s->rtcp_pad, FALSE);
    if (peer)
      gst_pad_unlink (s->rtcp_pad, peer);
    gst_clear_object (&s->rtcp_pad);
  }
}

void
jgw_media_rtcp_clear (JgwMediaSession *s)
{
  jgw_media_rtcp_stop (s);
  g_clear_object (&s->rtcp_dest);
  jgw_rtcp_leg_free (s->rtcp[0]);
  jgw_rtcp_leg_free (s->rtcp[1]);
  s->rtcp[0] = s->rtcp[1] = NULL;
  g_mutex_clear (&s->rtcp_lock);
}
