/* check_extdisco.c — XEP-0215 <services/> parsing: which services the
 * ICE agent can use, their credentials and the earliest expiry. */
#include <check.h>
#include <strophe.h>

#include "harness/suite.h"
#include "xmpp/extdisco.h"

static xmpp_ctx_t *ctx;

static void
setup (void)
{
  xmpp_initialize ();
  ctx = xmpp_ctx_new (NULL, NULL);
}

static void
teardown (void)
{
  xmpp_ctx_free (ctx);
}

/* What Prosody 0.12's mod_turn_external answers, plus services the
 * gateway cannot use (TLS, TCP, no credentials, unknown type, no host). */
static const char reply[] =
  "<services xmlns='urn:xmpp:extdisco:2'>"
  "<service type='stun' transport='udp' host='192.0.2.10' port='3478'/>"
  "<service type='turn' transport='udp' host='192.0.2.10' port='3479' username='1795458835'"
  " password='WeAJVo9bdvNmaU9thKa6QBXCifc=' restricted='1' expires='2026-11-24T18:00:00Z'/>"
  "<service type='turn' transport='udp' host='192.0.2.11' username='u' password='p'"
  " expires='2026-11-24T17:00:00Z'/>"
  "<service type='turns' transport='tcp' host='192.0.2.10' port='5349' username='u' password='p'/>"
  "<service type='turn' transport='tcp' host='192.0.2.10' port='3478' username='u' password='p'/>"
  "<service type='turn' transport='udp' host='192.0.2.12' port='3478' restricted='1'/>"
  "<service type='ftp' host='192.0.2.13' port='21'/>"
  "<service type='stun' port='3478'/>"
  "</services>";

START_TEST (test_parse_services)
{
  xmpp_stanza_t *st = xmpp_stanza_new_from_string (ctx, reply);
  gint64 expires = -1;
  g_autoptr (GPtrArray) list = jgw_extdisco_parse (st, &expires);
  const JgwIceServer *s;

  ck_assert_uint_eq (list->len, 3);
  s = list->pdata[0];
  ck_assert (!s->turn);
  ck_assert_str_eq (s->host, "192.0.2.10");
  ck_assert_uint_eq (s->port, 3478);
  s = list->pdata[1];
  ck_assert (s->turn);
  ck_assert_uint_eq (s->port, 3479);
  ck_assert_str_eq (s->username, "1795458835");
  ck_assert_str_eq (s->password, "WeAJVo9bdvNmaU9thKa6QBXCifc=");
  s = list->pdata[2];
  ck_assert_uint_eq (s->port, 3478); /* the default port */
  /* 2026-11-24T17:00:00Z, the earlier of the two */
  ck_assert_int_eq (expires, 1795539600);
  xmpp_stanza_release (st);
}
END_TEST

START_TEST (test_parse_empty)
{
  xmpp_stanza_t *st = xmpp_stanza_new_from_string (ctx, "<services xmlns='urn:xmpp:extdisco:2'/>");
  gint64 expires = -1;
  g_autoptr (GPtrArray) list = jgw_extdisco_parse (st, &expires);
  g_autoptr (GPtrArray) none = jgw_extdisco_parse (NULL, &expires);

  ck_assert_uint_eq (list->len, 0);
  ck_assert_uint_eq (none->len, 0);
  ck_assert_int_eq (expires, 0);
  xmpp_stanza_release (st);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("extdisco");
  TCase *tc = tcase_create ("parse");
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_parse_services);
  tcase_add_test (tc, test_parse_empty);
  suite_add_tcase (s, tc);
  return jgw_test_run_suite (s);
}
