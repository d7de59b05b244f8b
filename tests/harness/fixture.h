/* fixture.h — the standard gateway fixture of integration suites: a private
 * Prosody (host "localhost", component JGW_TEST_COMPONENT) with users, the
 * gateway with a suite's extra configuration, and clients logged in as
 * those users. A suite that changes Prosody first (e.g. a second
 * VirtualHost) does so between jgw_test_fixture_new() and
 * jgw_test_fixture_start_gateway().
 *
 * Ownership: the fixture owns Prosody, the gateway and every client it
 * logged in; jgw_test_fixture_free() ends them all. */
#pragma once

#include "harness/gateway.h"
#include "harness/prosody.h"
#include "harness/xmpp_client.h"

G_BEGIN_DECLS

#define JGW_TEST_COMPONENT "gw.localhost"

typedef struct {
  JgwTestProsody *prosody;
  JgwTestGateway *gw;
  char *config;       /* the gateway's configuration text */
  guint16 sip_port;   /* the gateway's SIP listener on 127.0.0.1 */
  char **users;       /* "name:password" */
  GPtrArray *clients; /* of JgwTestClient, owned */
} JgwTestFixture;

/** Start Prosody with USERS ("name:password", NULL-terminated); no gateway yet. */
JgwTestFixture *jgw_test_fixture_new (const char *const *users);
/** Start the gateway trusting SIP from 127.0.0.1, with MEDIA_PORTS free
 * consecutive ports as its [media] port-range (0: the default range), and
 * EXTRA configuration (appended verbatim; NULL: none); wait until its
 * component is online. Fails the test otherwise. */
void jgw_test_fixture_start_gateway (JgwTestFixture *f, guint media_ports, const char *extra);
/** Both steps: Prosody with USERS, then the gateway. */
JgwTestFixture *jgw_test_fixture_start (const char *const *users, guint media_ports, const char *extra);
/** Log in as NAME@localhost with its password from the users; the client
 * is the fixture's. Fails the test if the login fails. */
JgwTestClient *jgw_test_fixture_login (JgwTestFixture *f, const char *name);
/** Log the clients out, stop the gateway and Prosody, then jgw_test_cleanup(). */
void jgw_test_fixture_free (JgwTestFixture *f);

G_END_DECLS
