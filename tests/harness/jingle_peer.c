/* jingle_peer.c — the Jingle peer driver shared by the call tests. */
#include "harness/jingle_peer.h"

#include <check.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

/* How long the gateway may take to see a device online and learn its caps. */
#define KNOWN_TIMEOUT_MS 20000

static void
add_fixed_args (GPtrArray *argv, guint16 port, const char *user, const char *resource)
{
  g_ptr_array_add (argv, g_strdup ("/usr/bin/python3"));
  g_ptr_array_add (argv, g_strdup (jgw_test_srcpath ("tests/peers/jingle_peer.py")));
  g_ptr_array_add (argv, g_strdup ("--jid"));
  g_ptr_array_add (argv, g_strdup_printf ("%s@localhost/%s", user, resource));
  g_ptr_array_add (argv, g_strdup ("--password"));
  g_ptr_array_add (argv, g_strdup_printf ("%spw", user));
  g_ptr_array_add (argv, g_strdup ("--port"));
  g_ptr_array_add (argv, g_strdup_printf ("%u", port));
  g_ptr_array_add (argv, g_strdup ("--timeout"));
  g_ptr_array_add (argv, g_strdup ("45"));
}

static JgwTestProc *
peer_spawn (guint16 port, const char *user, const char *resource, const char *const *lead, va_list ap)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  add_fixed_args (argv, port, user ? user : "alice", resource ? resource : "peer");
  for (const char *const *a = lead; *a; a++)
    g_ptr_array_add (argv, g_strdup (*a));
  for (const char *a = va_arg (ap, const char *); a; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, g_strdup (a));
  g_ptr_array_add (argv, NULL);
  const char *dir = jgw_test_tmpdir ("peer");
  g_autofree char *log = g_build_filename (dir, "peer.log", NULL);
  return jgw_test_spawn ((const char *const *) argv->pdata, dir, log);
}

JgwTestProc *
jgw_test_peer_start (guint16 port, const char *user, const char *resource, ...)
{
  const char *none[] = { NULL };
  va_list ap;
  va_start (ap, resource);
  JgwTestProc *peer = peer_spawn (port, user, resource, none, ap);
  va_end (ap);
  return peer;
}

JgwTestProc *
jgw_test_peer_start_known (JgwTestGateway *gw, guint16 port, const char *component, ...)
{
  const char *subscribe[] = { "--subscribe", component, NULL };
  gsize mark = jgw_test_log_size (gw->proc);
  va_list ap;
  va_start (ap, component);
  JgwTestProc *peer = peer_spawn (port, NULL, NULL, subscribe, ap);
  va_end (ap);
  jgw_test_peer_wait_known (gw, "alice@localhost/peer", mark, KNOWN_TIMEOUT_MS);
  return peer;
}

void
jgw_test_peer_wait_known (JgwTestGateway *gw, const char *device, gsize mark, guint timeout_ms)
{
  g_autofree char *line = g_strdup_printf ("device %s is online", device);
  ck_assert_msg (jgw_test_wait_log (gw->proc, line, mark, timeout_ms), "the gateway never saw %s; see %s", device,
                 jgw_test_log_path (gw->proc));
  ck_assert (jgw_test_wait_log (gw->proc, " features", 0, timeout_ms));
}

char *
jgw_test_peer_result (JgwTestProc *peer)
{
  int status = -1;
  ck_assert_msg (jgw_test_wait_exit (peer, 60000, &status), "the Jingle peer did not finish");
  g_autofree char *log = NULL;
  g_file_get_contents (jgw_test_log_path (peer), &log, NULL, NULL);
  const char *json = log ? g_strrstr (log, "{\"result\"") : NULL;
  ck_assert_msg (json != NULL, "no result from the Jingle peer; see %s", jgw_test_log_path (peer));
  return g_strndup (json, strcspn (json, "\n"));
}

void
jgw_test_peer_assert_heard (const char *json, double hz)
{
  double f = jgw_test_json_number (json, "rx_freq");
  double level = jgw_test_json_number (json, "rx_level_db");
  ck_assert_msg (!isnan (f) && fabs (f - hz) < 25, "the XMPP side heard %.1f Hz, not %.0f: %s", f, hz, json);
  ck_assert_msg (level > -40, "the XMPP side heard only %.1f dBFS", level);
}

double
jgw_test_json_number (const char *json, const char *key)
{
  g_autofree char *pattern = g_strdup_printf ("\"%s\": ", key);
  const char *p = strstr (json, pattern);
  if (p == NULL || strncmp (p + strlen (pattern), "null", 4) == 0)
    return NAN;
  return g_ascii_strtod (p + strlen (pattern), NULL);
}

gboolean
jgw_test_json_has (const char *json, const char *text)
{
  g_autofree char *quoted = g_strdup_printf ("\"%s\"", text);
  return strstr (json, quoted) != NULL;
}
