/* ingress.h — where a leg's packets enter its pipeline: read on the
 * session's main context and pushed downstream from there, so a call has
 * no receiving thread of its own (nicesrc and udpsrc each ran one, woken
 * 50 times a second per call).
 *
 * Ownership: jgw_ingress_new_*() results are freed with jgw_ingress_free(),
 * which stops reading; the ingress holds a ref on the pipeline element it
 * takes running time from, and its own src pad, linked to the given sink
 * pad (caller keeps its ref on that). */
#pragma once

#include <agent.h>
#include <gio/gio.h>
#include <gst/gst.h>

G_BEGIN_DECLS

typedef struct _JgwIngress JgwIngress;

/** Packets of AGENT's STREAM (component 1) into SINK, read on CONTEXT
 * (NULL: the thread-default one), where libnice then also emits its
 * signals for that stream. */
JgwIngress *jgw_ingress_new_nice (NiceAgent *agent, guint stream, GMainContext *context,
                                  GstElement *pipeline, GstPad *sink);
/** Datagrams of SOCKET into SINK with CAPS, each carrying its sender's
 * address as a GstNetAddressMeta (symmetric RTP), read on CONTEXT. */
JgwIngress *jgw_ingress_new_socket (GSocket *socket, GMainContext *context, GstCaps *caps,
                                    GstElement *pipeline, GstPad *sink);
void jgw_ingress_free (JgwIngress *ingress);

G_END_DECLS
