/* fixture.c — Prosody + gateway + logged-in clients for integration suites. */
#include "harness/fixture.h"

#include <check.h>
#include <string.h>

#define WAIT_ONLINE 20000

JgwTestFixture *
jgw_test_fixture_new (const char *const *users)
{
  JgwTestFixture *f = g_new0 (JgwTestFixture, 1);

  f->users = g_strdupv ((char **) users);
  f->clients = g_ptr_array_new_with_free_func ((GDestroyNotify) jgw_test_client_free);
  f->prosody = jgw_test_prosody_start (JGW_TEST_COMPONENT, "s3cret", users);
  return f;
}

void
jgw_test_fixture_start_gateway (JgwTestFixture *f, guint media_ports, const char *extra)
{
  g_autoptr (GString) text = g_string_new ("[sip]\ntrusted-peers = 127.0.0.1\n");

  if (media_ports) {
    guint16 media = jgw_test_free_ports (media_ports);
    g_string_append_printf (text, "[media]\nport-range = %u-%u\n", media, media + media_ports - 1);
  }
  g_string_append (text, extra ? extra : "");
  f->config = jgw_test_gateway_config (f->prosody, NULL, text->str);
  f->sip_port = jgw_test_gateway_config_sip_port (f->config);
  f->gw = jgw_test_gateway_start (f->config);
  ck_assert_msg (jgw_test_gateway_wait_online (f->gw, 0, WAIT_ONLINE), "the gateway never came online; see %s",
                 jgw_test_log_path (f->gw->proc));
}

JgwTestFixture *
jgw_test_fixture_start (const char *const *users, guint media_ports, const char *extra)
{
  JgwTestFixture *f = jgw_test_fixture_new (users);

  jgw_test_fixture_start_gateway (f, media_ports, extra);
  return f;
}

JgwTestClient *
jgw_test_fixture_login (JgwTestFixture *f, const char *name)
{
  g_autofree char *prefix = g_strconcat (name, ":", NULL);
  g_autofree char *jid = g_strconcat (name, "@localhost", NULL);
  const char *password = NULL;
  JgwTestClient *c;

  for (char **u = f->users; *u && !password; u++)
    if (g_str_has_prefix (*u, prefix))
      password = *u + strlen (prefix);
  ck_assert_msg (password != NULL, "%s is not one of the fixture's users", name);
  c = jgw_test_client_connect (jid, password, f->prosody->c2s_port);
  ck_assert_msg (c != NULL, "%s could not log in", jid);
  g_ptr_array_add (f->clients, c);
  return c;
}

void
jgw_test_fixture_free (JgwTestFixture *f)
{
  if (!f)
    return;
  g_ptr_array_unref (f->clients);
  g_clear_pointer (&f->gw, jgw_test_gateway_free);
  g_clear_pointer (&f->prosody, jgw_test_prosody_free);
  g_free (f->config);
  g_strfreev (f->users);
  g_free (f);
  jgw_test_cleanup ();
}
