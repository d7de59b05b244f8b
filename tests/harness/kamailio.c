/* kamailio.c — start/stop/restart a test Kamailio (see kamailio.h). */
#include "harness/kamailio.h"

#include <check.h>
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static char *
users_block (const char *const *users)
{
  GString *s = g_string_new (NULL);
  for (const char *const *u = users; u && *u; u++)
    {
      const char *colon = strchr (*u, ':');
      g_assert (colon);
      g_string_append_printf (s, "    $sht(pw=>%.*s) = \"%s\";\n", (int) (colon - *u), *u,
                              colon + 1);
    }
  return g_string_free (s, FALSE);
}

static char *
replace (const char *text, const char *from, const char *to)
{
  g_auto (GStrv) parts = g_strsplit (text, from, -1);
  return g_strjoinv (to, parts);
}

/* Kamailio's workers may hold the port a moment after the main process
 * went; a restart must wait until UDP and TCP are free again. */
static gboolean
port_free (gpointer data)
{
  guint16 port = GPOINTER_TO_UINT (data);
  gboolean free_all = TRUE;
  int types[] = { SOCK_DGRAM, SOCK_STREAM };
  for (gsize i = 0; i < G_N_ELEMENTS (types); i++)
    {
      int fd = socket (AF_INET, types[i], 0);
      int one = 1;
      setsockopt (fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
      struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons (port),
                                .sin_addr.s_addr = htonl (INADDR_LOOPBACK) };
      if (bind (fd, (struct sockaddr *) &sa, sizeof sa) < 0)
        free_all = FALSE;
      close (fd);
    }
  return free_all;
}

static gboolean
launch (JgwTestKamailio *k)
{
  jgw_test_wait (port_free, GUINT_TO_POINTER (k->port), 10000);
  g_autofree char *pid = g_build_filename (k->dir, "kamailio.pid", NULL);
  g_autofree char *log = g_build_filename (k->dir, "kamailio.log", NULL);
  /* Bounded lifetime even if everything else fails to stop it. */
  const char *argv[] = { "timeout", "300", "kamailio", "-f", k->cfg, "-DD", "-E", "-P", pid,
                         "-Y", k->dir, "-m", "32", "-M", "4", NULL };
  k->proc = jgw_test_spawn (argv, k->dir, log);
  return jgw_test_wait_tcp (k->port, 15000);
}

JgwTestKamailio *
jgw_test_kamailio_start (const char *const *users, guint max_expires)
{
  ck_assert_msg (jgw_test_have ("kamailio"), "kamailio is not installed");
  JgwTestKamailio *k = g_new0 (JgwTestKamailio, 1);
  k->port = jgw_test_free_port ();
  k->dir = g_strdup (jgw_test_tmpdir ("kamailio"));
  k->uri = g_strdup_printf ("sip:127.0.0.1:%u", k->port);
  g_autofree char *tmpl = NULL;
  ck_assert (g_file_get_contents (jgw_test_srcpath ("tests/data/sip/kamailio.cfg.in"), &tmpl,
                                  NULL, NULL));
  g_autofree char *port = g_strdup_printf ("%u", k->port);
  g_autofree char *exp = g_strdup_printf ("%u", max_expires);
  g_autofree char *block = users_block (users);
  g_autofree char *a = replace (tmpl, "@PORT@", port);
  g_autofree char *b = replace (a, "@MAX_EXPIRES@", exp);
  g_autofree char *c = replace (b, "@USERS@", block);
  k->cfg = g_strdup (jgw_test_write_file (k->dir, "kamailio.cfg", c));
  ck_assert_msg (launch (k), "kamailio did not start; see %s/kamailio.log", k->dir);
  return k;
}

void
jgw_test_kamailio_stop (JgwTestKamailio *k)
{
  if (k->proc)
    jgw_test_stop (k->proc, 5000);
}

gboolean
jgw_test_kamailio_restart (JgwTestKamailio *k)
{
  jgw_test_kamailio_stop (k);
  return launch (k);
}

void
jgw_test_kamailio_free (JgwTestKamailio *k)
{
  if (k == NULL)
    return;
  jgw_test_kamailio_stop (k);
  g_free (k->dir);
  g_free (k->cfg);
  g_free (k->uri);
  g_free (k);
}
