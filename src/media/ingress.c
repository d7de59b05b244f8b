/* ingress.c — packets read on the session's main context, pushed into the
 * pipeline from there (see ingress.h). The push runs the pipeline up to
 * the first element with a thread of its own: the jitter buffer when
 * transcoding, dtlssrtpenc's sender or udpsink in pass-through. */
#define G_LOG_DOMAIN "jgw-media"

#include <gst/net/gstnetaddressmeta.h>
#include <sys/socket.h>

#include "media/ingress.h"

#define BURST 32   /* datagrams per wake-up at most: other sources get their turn */
#define MAX_DATAGRAM 2048

struct _JgwIngress {
  GstPad *pad;
  GstElement *pipeline;
  NiceAgent *agent;
  guint stream;
  GMainContext *context;
  GSource *source;
};

static JgwIngress *
ingress_new (GstElement *pipeline, GstCaps *caps, GstPad *sink)
{
  JgwIngress *in = g_new0 (JgwIngress, 1);
  g_autofree char *id = NULL;
  GstSegment segment;
  GstPadLinkReturn r;

  in->pipeline = gst_object_ref (pipeline);
  in->pad = gst_object_ref_sink (gst_pad_new (NULL, GST_PAD_SRC));
  gst_pad_set_active (in->pad, TRUE);
  r = gst_pad_link (in->pad, sink);
  if (r != GST_PAD_LINK_OK)
    g_warning ("media ingress: cannot link to %s:%s (%d)", GST_DEBUG_PAD_NAME (sink), r);
  /* Sticky: kept on our pad and sent with the first packet if the
   * pipeline is not playing yet. */
  id = g_strdup_printf ("jgw-ingress-%p", (void *) in);
  gst_pad_push_event (in->pad, gst_event_new_stream_start (id));
  if (caps)
    gst_pad_push_event (in->pad, gst_event_new_caps (caps));
  gst_segment_init (&segment, GST_FORMAT_TIME);
  gst_pad_push_event (in->pad, gst_event_new_segment (&segment));
  return in;
}

/* Stamped with the arrival's running time, as a live source would: the
 * jitter buffer measures jitter and schedules its output from it. */
static void
push (JgwIngress *in, GstBuffer *buf)
{
  GstClockTime now = gst_element_get_current_running_time (in->pipeline);
  GstFlowReturn r;

  GST_BUFFER_PTS (buf) = GST_BUFFER_DTS (buf) = now;
  r = gst_pad_push (in->pad, buf);
  if (r != GST_FLOW_OK && r != GST_FLOW_FLUSHING)
    g_debug ("media ingress: packet refused downstream (%s)", gst_flow_get_name (r));
}

static void
on_nice_recv (NiceAgent *agent, guint stream, guint component, guint len, gchar *data,
              gpointer user_data)
{
  if (len > 0)
    push (user_data, gst_buffer_new_memdup (data, len));
}

JgwIngress *
jgw_ingress_new_nice (NiceAgent *agent, guint stream, GMainContext *context, GstElement *pipeline,
                      GstPad *sink)
{
  JgwIngress *in = ingress_new (pipeline, NULL, sink);

  in->agent = g_object_ref (agent);
  in->stream = stream;
  in->context = context ? g_main_context_ref (context) : g_main_context_ref_thread_default ();
  nice_agent_attach_recv (agent, stream, 1, in->context, on_nice_recv, in);
  return in;
}

/* One datagram into a buffer with its sender, or NULL when none is waiting. */
static GstBuffer *
receive (GSocket *socket)
{
  GstBuffer *buf = gst_buffer_new_allocate (NULL, MAX_DATAGRAM, NULL);
  struct sockaddr_storage from;
  socklen_t from_len = sizeof from;
  g_autoptr (GSocketAddress) addr = NULL;
  GstMapInfo map;
  gssize n;

  gst_buffer_map (buf, &map, GST_MAP_WRITE);
  /* Non-blocking per call: udpsink sends on the same socket and wants it blocking. */
  n = recvfrom (g_socket_get_fd (socket), map.data, map.size, MSG_DONTWAIT,
                (struct sockaddr *) &from, &from_len);
  gst_buffer_unmap (buf, &map);
  if (n <= 0) {
    gst_buffer_unref (buf);
    return NULL;
  }
  gst_buffer_set_size (buf, n);
  addr = g_socket_address_new_from_native (&from, from_len);
  if (addr)
    gst_buffer_add_net_address_meta (buf, addr);
  return buf;
}

static gboolean
on_readable (GSocket *socket, GIOCondition condition, gpointer user_data)
{
  GstBuffer *buf;

  for (int i = 0; i < BURST && (buf = receive (socket)); i++)
    push (user_data, buf);
  return G_SOURCE_CONTINUE;
}

JgwIngress *
jgw_ingress_new_socket (GSocket *socket, GMainContext *context, GstCaps *caps,
                        GstElement *pipeline, GstPad *sink)
{
  JgwIngress *in = ingress_new (pipeline, caps, sink);

  in->source = g_socket_create_source (socket, G_IO_IN, NULL);
  g_source_set_callback (in->source, (GSourceFunc) (void (*) (void)) on_readable, in, NULL);
  g_source_attach (in->source, context);
  return in;
}

void
jgw_ingress_free (JgwIngress *in)
{
  g_autoptr (GstPad) peer = NULL;

  if (!in)
    return;
  if (in->agent)
    nice_agent_attach_recv (in->agent, in->stream, 1, in->context, NULL, NULL);
  if (in->source) {
    g_source_destroy (in->source);
    g_source_unref (in->source);
  }
  peer = gst_pad_get_peer (in->pad);
  gst_pad_set_active (in->pad, FALSE);
  if (peer)
    gst_pad_unlink (in->pad, peer);
  gst_object_unref (in->pad);
  g_clear_object (&in->agent);
  g_clear_pointer (&in->context, g_main_context_unref);
  gst_object_unref (in->pipeline);
  g_free (in);
}
