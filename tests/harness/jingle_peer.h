/* jingle_peer.h — drive tests/peers/jingle_peer.py, the independent Jingle
 * client, from integration tests: start it as some user's device, wait
 * until the gateway knows that device, and read its one-line JSON result.
 *
 * Ownership: the returned process belongs to the harness (stopped by
 * jgw_test_cleanup); result strings are the caller's (g_free). */
#pragma once

#include "harness/gateway.h"
#include "harness/harness.h"

G_BEGIN_DECLS

/** Start the peer as USER@localhost/RESOURCE (password USER "pw"; NULL
 * means "alice" and "peer") against Prosody's c2s PORT, with a 45 s bound
 * of its own; the NULL-terminated ARGS follow (a later --timeout wins). */
JgwTestProc *jgw_test_peer_start (guint16 port, const char *user, const char *resource, ...)
  G_GNUC_NULL_TERMINATED;
/** Start alice@localhost/peer subscribed to COMPONENT with the NULL-terminated
 * ARGS, and wait (20 s) until GW knows the device and its features. */
JgwTestProc *jgw_test_peer_start_known (JgwTestGateway *gw, guint16 port, const char *component, ...)
  G_GNUC_NULL_TERMINATED;
/** Wait until GW logs DEVICE (a full JID) online after log offset MARK and
 * knows its features (caps resolve once per client version, so any time). */
void jgw_test_peer_wait_known (JgwTestGateway *gw, const char *device, gsize mark, guint timeout_ms);
/** Wait (60 s) for the peer to exit; its JSON result line (transfer full). */
char *jgw_test_peer_result (JgwTestProc *peer);
/** Assert the peer's result JSON reports hearing a HZ tone (within 25 Hz,
 * louder than -40 dBFS). */
void jgw_test_peer_assert_heard (const char *json, double hz);
/** The number KEY has in JSON; NAN if absent or null. */
double jgw_test_json_number (const char *json, const char *key);
/** Whether JSON contains TEXT as a quoted string. */
gboolean jgw_test_json_has (const char *json, const char *text);

G_END_DECLS
