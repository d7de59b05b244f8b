/* strophe_compat.c — libstrophe workarounds.
 *
 * Defect (libstrophe 0.12.2, still in upstream master in 2025): only
 * xmpp_connect_client() allocates conn->sm_state (the XEP-0198 stream
 * management state). xmpp_connect_component() never does, yet the stanza
 * path reads conn->sm_state->sm_enabled for every stanza received, so the
 * first stanza after the component handshake dereferences NULL, and so
 * would the reset at disconnect. We make libstrophe allocate the state with
 * its public API: a client connect whose socket is refused by our sockopt
 * callback before any packet is sent (numeric host, so no DNS either).
 * tests/check_xmpp.c proves the state exists afterwards, and the component
 * integration suite would crash if the defect came back unhandled. */
#define G_LOG_DOMAIN "jgw-xmpp"
#include "xmpp/strophe_compat.h"

static int
refuse_socket_cb (xmpp_conn_t *conn, void *sock)
{
  return -1; /* libstrophe closes the socket and gives up: nothing is sent */
}

static void
ignore_conn_event (xmpp_conn_t *conn, xmpp_conn_event_t event, int error,
                   xmpp_stream_error_t *stream_error, void *userdata)
{
}

gboolean
jgw_strophe_prepare_component (xmpp_conn_t *conn)
{
  xmpp_conn_set_sockopt_callback (conn, refuse_socket_cb);
  int rc = xmpp_connect_client (conn, "127.0.0.1", 1, ignore_conn_event, NULL);
  xmpp_conn_set_sockopt_callback (conn, NULL);
  if (rc == XMPP_EOK)
    {
      g_warning ("libstrophe work-around: the refused connect unexpectedly started");
      return FALSE;
    }
  return xmpp_conn_is_disconnected (conn);
}
