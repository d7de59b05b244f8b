/* sipp.c — run SIPp scenarios for tests (see sipp.h). */
#include "harness/sipp.h"

#include <check.h>
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

const char *
jgw_test_sipp_scenario (const char *name, const char *const *subst)
{
  g_autofree char *path = g_build_filename ("tests", "data", "sip", name, NULL);
  g_autofree char *text = NULL;
  ck_assert_msg (g_file_get_contents (jgw_test_srcpath (path), &text, NULL, NULL),
                 "no scenario %s", name);
  for (const char *const *kv = subst; kv && kv[0] && kv[1]; kv += 2)
    {
      g_autofree char *key = g_strdup_printf ("@%s@", kv[0]);
      g_auto (GStrv) parts = g_strsplit (text, key, -1);
      g_free (text);
      text = g_strjoinv (kv[1], parts);
    }
  return jgw_test_write_file (jgw_test_tmpdir ("sipp-scen"), name, text);
}

/* SIPp has no readiness signal; its UDP port being taken is one. */
static gboolean
udp_bound (gpointer data)
{
  guint16 port = GPOINTER_TO_UINT (data);
  int fd = socket (AF_INET, SOCK_DGRAM, 0);
  struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons (port),
                            .sin_addr.s_addr = htonl (INADDR_LOOPBACK) };
  gboolean taken = bind (fd, (struct sockaddr *) &sa, sizeof sa) < 0 && errno == EADDRINUSE;
  close (fd);
  return taken;
}

JgwTestSipp *
jgw_test_sipp_start (const char *scenario, const char *remote, const char *service)
{
  ck_assert_msg (jgw_test_have ("sipp"), "sipp is not installed");
  JgwTestSipp *s = g_new0 (JgwTestSipp, 1);
  s->port = jgw_test_free_port ();
  guint16 media = jgw_test_free_ports (2);
  s->dir = g_strdup (jgw_test_tmpdir ("sipp"));
  g_autofree char *port = g_strdup_printf ("%u", s->port);
  g_autofree char *mport = g_strdup_printf ("%u", media);
  g_autofree char *log = g_build_filename (s->dir, "sipp.out", NULL);
  g_autofree char *err = g_build_filename (s->dir, "errors.log", NULL);
  g_autofree char *msg = g_build_filename (s->dir, "messages.log", NULL);
  GPtrArray *argv = g_ptr_array_new ();
  const char *fixed[] = { "timeout", "60", "sipp", "-sf", scenario, "-i", "127.0.0.1",
                          "-mi", "127.0.0.1", "-p", port, "-mp", mport, "-m", "1", "-nostdin",
                          "-timeout", "30s", "-trace_err", "-error_file", err, "-trace_msg",
                          "-message_file", msg, NULL };
  for (const char **a = fixed; *a; a++)
    g_ptr_array_add (argv, (gpointer) *a);
  if (service)
    g_ptr_array_add (argv, "-s"), g_ptr_array_add (argv, (gpointer) service);
  if (remote)
    g_ptr_array_add (argv, (gpointer) remote);
  g_ptr_array_add (argv, NULL);
  s->proc = jgw_test_spawn ((const char *const *) argv->pdata, s->dir, log);
  g_ptr_array_free (argv, TRUE);
  if (remote == NULL)
    ck_assert_msg (jgw_test_wait (udp_bound, GUINT_TO_POINTER (s->port), 10000),
                   "sipp did not bind port %u", s->port);
  return s;
}

gboolean
jgw_test_sipp_wait (JgwTestSipp *s, guint timeout_ms, char **why)
{
  int status = -1;
  gboolean exited = jgw_test_wait_exit (s->proc, timeout_ms, &status);
  if (exited && status == 0)
    return TRUE;
  if (why)
    {
      g_autofree char *err_path = g_build_filename (s->dir, "errors.log", NULL);
      g_autofree char *out_path = g_build_filename (s->dir, "sipp.out", NULL);
      g_autofree char *err = NULL, *out = NULL;
      g_file_get_contents (err_path, &err, NULL, NULL);
      g_file_get_contents (out_path, &out, NULL, NULL);
      *why = g_strdup_printf ("sipp %s (status %d): %s %s", exited ? "failed" : "timed out",
                              status, err ? err : "", out ? out : "");
    }
  return FALSE;
}

void
jgw_test_sipp_free (JgwTestSipp *s)
{
  if (s == NULL)
    return;
  if (jgw_test_running (s->proc))
    jgw_test_stop (s->proc, 2000);
  g_free (s->dir);
  g_free (s);
}
