/* prosody.c — a private Prosody for integration tests. */
#include "harness/prosody.h"

#include <string.h>

static const char config_template[] =
  "-- Private Prosody for jinglegw tests: foreground, loopback, no TLS.\n"
  "run_as_root = true\n"
  "pidfile = '%s/prosody.pid'\n"
  "data_path = '%s/data'\n"
  "log = { debug = '%s/debug.log'; info = '*console' }\n"
  "interfaces = { '127.0.0.1' }\n"
  "c2s_ports = { %u }\n"
  "component_ports = { %u }\n"
  "component_interfaces = { '127.0.0.1' }\n"
  "s2s_ports = { }\n"
  "http_ports = { }\n"
  "https_ports = { }\n"
  "modules_enabled = { 'roster'; 'saslauth'; 'disco'; 'ping'; 'presence'; 'message'; 'iq' }\n"
  "modules_disabled = { 's2s' }\n"
  "authentication = 'internal_plain'\n"
  "storage = 'internal'\n"
  "c2s_require_encryption = false\n"
  "allow_unencrypted_plain_auth = true\n"
  "VirtualHost 'localhost'\n"
  "Component '%s'\n"
  "    component_secret = '%s'\n";

static void
register_user (JgwTestProsody *p, const char *spec)
{
  g_auto (GStrv) parts = g_strsplit (spec, ":", 2);
  const char *argv[] = { "prosodyctl", "--config", p->config_path, "register", parts[0],
                         "localhost", parts[1], NULL };
  g_autofree char *log = g_build_filename (p->dir, "prosodyctl.log", NULL);
  JgwTestProc *proc = jgw_test_spawn (argv, p->dir, log);
  int status = -1;
  g_assert_true (jgw_test_wait_exit (proc, 20000, &status));
  g_assert_cmpint (status, ==, 0);
}

static void
launch (JgwTestProsody *p)
{
  const char *argv[] = { "prosody", "-F", "--config", p->config_path, NULL };
  g_autofree char *log = g_build_filename (p->dir, "prosody.log", NULL);
  p->proc = jgw_test_spawn (argv, p->dir, log);
  if (!jgw_test_wait_tcp (p->c2s_port, 20000) || !jgw_test_wait_tcp (p->component_port, 5000))
    g_error ("Prosody did not start; see %s", log);
}

JgwTestProsody *
jgw_test_prosody_start (const char *component_jid, const char *secret, const char *const *users)
{
  g_assert_true (jgw_test_have ("prosody"));
  JgwTestProsody *p = g_new0 (JgwTestProsody, 1);
  p->dir = g_strdup (jgw_test_tmpdir ("prosody"));
  g_autofree char *data = g_build_filename (p->dir, "data", NULL);
  g_autofree char *certs = g_build_filename (p->dir, "certs", NULL);
  g_mkdir_with_parents (data, 0700);
  g_mkdir_with_parents (certs, 0700);
  p->c2s_port = jgw_test_free_port ();
  p->component_port = jgw_test_free_port ();
  p->component_jid = g_strdup (component_jid);
  p->component_secret = g_strdup (secret);
  g_autofree char *text = g_strdup_printf (config_template, p->dir, p->dir, p->dir, p->c2s_port,
                                           p->component_port, component_jid, secret);
  p->config_path = g_strdup (jgw_test_write_file (p->dir, "prosody.cfg.lua", text));
  for (const char *const *u = users; u && *u; u++)
    register_user (p, *u);
  launch (p);
  return p;
}

void
jgw_test_prosody_stop (JgwTestProsody *p)
{
  if (p->proc)
    jgw_test_stop (p->proc, 5000);
  p->proc = NULL;
}

void
jgw_test_prosody_restart (JgwTestProsody *p)
{
  jgw_test_prosody_stop (p);
  launch (p);
}

void
jgw_test_prosody_free (JgwTestProsody *p)
{
  if (p == NULL)
    return;
  jgw_test_prosody_stop (p);
  g_free (p->dir);
  g_free (p->config_path);
  g_free (p->component_jid);
  g_free (p->component_secret);
  g_free (p);
}
