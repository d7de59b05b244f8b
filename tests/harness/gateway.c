/* gateway.c — start the daemon under test. */
#include "harness/gateway.h"

#include <stdlib.h>
#include <string.h>

char *
jgw_test_gateway_config (const JgwTestProsody *prosody, const char *secret, const char *extra)
{
  guint16 sip = jgw_test_free_port ();
  const char *dir = jgw_test_tmpdir ("store");
  return g_strdup_printf ("[component]\njid = %s\nsecret = %s\nhost = 127.0.0.1\nport = %u\n"
                          "[sip]\nlisten = 127.0.0.1:%u\ndomain = 127.0.0.1\n"
                          "[media]\nice-addresses = 127.0.0.1\n"
                          "[store]\npath = %s/jinglegw.db\n%s",
                          prosody->component_jid, secret ? secret : prosody->component_secret,
                          prosody->component_port, sip, dir, extra ? extra : "");
}

guint16
jgw_test_gateway_config_sip_port (const char *config_text)
{
  const char *listen = strstr (config_text, "\n[sip]\nlisten = 127.0.0.1:");
  g_assert (listen != NULL);
  return (guint16) atoi (listen + strlen ("\n[sip]\nlisten = 127.0.0.1:"));
}

JgwTestGateway *
jgw_test_gateway_start (const char *config_text)
{
  JgwTestGateway *gw = g_new0 (JgwTestGateway, 1);
  gw->dir = g_strdup (jgw_test_tmpdir ("gateway"));
  gw->config_path = g_strdup (jgw_test_write_file (gw->dir, "jinglegw.conf", config_text));
  /* JGW_TEST_WRAPPER (e.g. "valgrind -q" or "gdb -batch -ex run -ex bt
   * --args") runs the daemon under a debugger for a failing case. */
  g_auto (GStrv) wrapper = g_strsplit (g_getenv ("JGW_TEST_WRAPPER") ? g_getenv ("JGW_TEST_WRAPPER") : "", " ", -1);
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  for (char **w = wrapper; *w; w++)
    if (**w)
      g_ptr_array_add (argv, *w);
  const char *own[] = { jgw_test_buildpath ("src/jinglegw"), "-c", gw->config_path, "-l", "debug", NULL };
  for (const char **a = own; *a; a++)
    g_ptr_array_add (argv, (gpointer) *a);
  g_ptr_array_add (argv, NULL);
  g_autofree char *log = g_build_filename (gw->dir, "jinglegw.log", NULL);
  /* Full malloc stacks let tests/lsan.supp recognise GLib's one-time
   * allocation in a library constructor (_dl_init) at the daemon's exit. */
  const char *env[] = { "ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:fast_unwind_on_malloc=0", NULL };
  gw->proc = jgw_test_spawn_env ((const char *const *) argv->pdata, env, gw->dir, log);
  return gw;
}

gboolean
jgw_test_gateway_wait_online (JgwTestGateway *gw, gsize from, guint timeout_ms)
{
  return jgw_test_wait_log (gw->proc, "connected to the XMPP server", from, timeout_ms);
}

void
jgw_test_gateway_free (JgwTestGateway *gw)
{
  if (gw == NULL)
    return;
  if (jgw_test_running (gw->proc))
    jgw_test_stop (gw->proc, 5000);
  g_free (gw->dir);
  g_free (gw->config_path);
  g_free (gw);
}
