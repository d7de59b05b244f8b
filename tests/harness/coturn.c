/* coturn.c — a private coturn for integration tests. */
#include "harness/coturn.h"

static const char config_template[] =
  "# Private coturn for jinglegw tests: loopback only, UDP, foreground.\n"
  "listening-ip=127.0.0.1\n"
  "relay-ip=127.0.0.1\n"
  "listening-port=%u\n"
  "min-port=%u\n"
  "max-port=%u\n"
  "realm=localhost\n"
  "use-auth-secret\n"
  "static-auth-secret=%s\n"
  "fingerprint\n"
  "no-tls\n"
  "no-dtls\n"
  "no-tcp\n"
  "no-cli\n"
  "allow-loopback-peers\n"
  "no-software-attribute\n"
  "pidfile=%s/turnserver.pid\n"
  "userdb=%s/turndb\n"
  "log-file=stdout\n"
  "simple-log\n";

JgwTestCoturn *
jgw_test_coturn_start (const char *secret)
{
  JgwTestCoturn *t = g_new0 (JgwTestCoturn, 1);
  g_autofree char *text = NULL;
  g_autofree char *log = NULL;
  const char *conf;

  g_assert_true (jgw_test_have ("turnserver"));
  t->dir = g_strdup (jgw_test_tmpdir ("coturn"));
  t->port = jgw_test_free_port ();
  t->relay_min = jgw_test_free_ports (20);
  t->relay_max = t->relay_min + 19;
  text = g_strdup_printf (config_template, t->port, t->relay_min, t->relay_max, secret, t->dir,
                          t->dir);
  conf = jgw_test_write_file (t->dir, "turnserver.conf", text);
  log = g_build_filename (t->dir, "turnserver.log", NULL);
  {
    /* Bounded lifetime even if the test process dies without cleanup. */
    const char *argv[] = { "timeout", "600", "turnserver", "-c", conf, NULL };

    t->proc = jgw_test_spawn (argv, t->dir, log);
  }
  if (!jgw_test_wait_log (t->proc, "Total General servers", 0, 15000))
    g_error ("coturn did not start; see %s", log);
  return t;
}

void
jgw_test_coturn_free (JgwTestCoturn *t)
{
  if (!t)
    return;
  if (t->proc)
    jgw_test_stop (t->proc, 5000);
  g_free (t->dir);
  g_free (t);
}
