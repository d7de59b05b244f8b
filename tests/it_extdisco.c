/* it_extdisco.c — XEP-0215 end to end: the user's Prosody offers a real
 * coturn through mod_turn_external (TURN REST credentials); the gateway,
 * with no TURN server in [media], asks alice's server for its services and
 * its ICE agent gathers a relay candidate from that coturn, which the
 * Jingle client (aiortc) receives in the session-accept or a
 * transport-info. The call must still work (tone heard). */
#include <check.h>
#include <math.h>
#include <string.h>

#include "harness/baresip.h"
#include "harness/coturn.h"
#include "harness/fixture.h"
#include "harness/jingle_peer.h"
#include "harness/suite.h"

#define COMPONENT JGW_TEST_COMPONENT
#define WAIT 20000
#define TURN_SECRET "turn-s3cret"

static JgwTestFixture *fx;
static JgwTestCoturn *turn;

/* Prosody 0.12 ships mod_turn_external; a second VirtualHost block adds to
 * the host, and the component must be allowed to ask (external_service_access). */
static void
enable_turn_external (JgwTestProsody *prosody)
{
  g_autofree char *old = NULL;
  g_autofree char *text = NULL;

  ck_assert (g_file_get_contents (prosody->config_path, &old, NULL, NULL));
  text = g_strdup_printf ("%s\nVirtualHost 'localhost'\n"
                          "    modules_enabled = { 'roster'; 'saslauth'; 'disco'; 'ping'; "
                          "'presence'; 'message'; 'iq'; 'turn_external' }\n"
                          "    turn_external_secret = '%s'\n"
                          "    turn_external_host = '127.0.0.1'\n"
                          "    turn_external_port = %u\n"
                          "    turn_external_ttl = 3600\n"
                          "    external_service_access = { '%s' }\n",
                          old, TURN_SECRET, turn->port, COMPONENT);
  ck_assert (g_file_set_contents (prosody->config_path, text, -1, NULL));
  jgw_test_prosody_restart (prosody);
}

static void
setup (void)
{
  const char *users[] = { "alice:alicepw", NULL };

  turn = jgw_test_coturn_start (TURN_SECRET);
  fx = jgw_test_fixture_new (users);
  enable_turn_external (fx->prosody);
  jgw_test_fixture_start_gateway (fx, 40,
                                  "[media]\nexternal-services-timeout = 3000\n"
                                  "[user:alice@localhost]\nsip-uri = sip:alice@127.0.0.1\n");
  ck_assert_msg (strstr (fx->config, "turn-server") == NULL, "the test needs [media] without TURN");
}

static void
teardown (void)
{
  g_clear_pointer (&turn, jgw_test_coturn_free);
  g_clear_pointer (&fx, jgw_test_fixture_free);
}

/* The port of the first relay candidate the peer got from the gateway, or 0. */
static guint
relay_port (const char *log)
{
  const char *p = strstr (log, " typ relay");
  const char *start;

  if (!p)
    return 0;
  start = p;
  while (start > log && start[-1] != ' ')
    start--;
  return (guint) g_ascii_strtoull (start, NULL, 10);
}

START_TEST (test_relay_from_users_server)
{
  JgwTestBaresipOptions o = { .user = "bob", .answermode = "auto", .tone_hz = 1000 };
  JgwTestBaresip *phone = jgw_test_baresip_start_full (&o);
  g_autofree char *target = g_strdup_printf ("bob\\40127.0.0.1\\3a%u@" COMPONENT, phone->sip_port);
  JgwTestProc *peer = jgw_test_peer_start (fx->prosody->c2s_port, NULL, NULL, "--call", target,
                                           "--no-jmi", "--hangup-after", "3", "--verbose", NULL);
  g_autofree char *json = jgw_test_peer_result (peer);
  g_autofree char *log = NULL;
  guint port;

  ck_assert_msg (jgw_test_wait_log (fx->gw->proc, "STUN/TURN services from alice@localhost", 0, WAIT),
                 "the gateway did not use alice's server's services; see %s",
                 jgw_test_log_path (fx->gw->proc));
  ck_assert (g_file_get_contents (jgw_test_log_path (peer), &log, NULL, NULL));
  ck_assert_msg (jgw_test_json_has (json, "session-accept"), "no session-accept: %s", json);
  port = relay_port (log);
  ck_assert_msg (port >= turn->relay_min && port <= turn->relay_max,
                 "no relay candidate from coturn (%u-%u) reached the client (port %u); see %s",
                 turn->relay_min, turn->relay_max, port, jgw_test_log_path (peer));
  jgw_test_baresip_free (phone);
}
END_TEST

static Suite *
extdisco_suite (void)
{
  Suite *s = suite_create ("extdisco");
  TCase *tc = tcase_create ("turn");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_relay_from_users_server);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return jgw_test_run_suite (extdisco_suite ());
}
