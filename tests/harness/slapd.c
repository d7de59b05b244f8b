/* slapd.c — a private slapd for LDAP tests (see slapd.h). */
#include "harness/slapd.h"

#include <check.h>
#include <glib/gstdio.h>

static const char conf_template[]
    = "# written by the jinglegw test harness\n"
      "include /etc/ldap/schema/core.schema\n"
      "include /etc/ldap/schema/cosine.schema\n"
      "include /etc/ldap/schema/nis.schema\n"
      "include /etc/ldap/schema/inetorgperson.schema\n"
      "pidfile %s/slapd.pid\n"
      "argsfile %s/slapd.args\n"
      "modulepath /usr/lib/ldap\n"
      "moduleload back_mdb\n"
      "database mdb\n"
      "maxsize 10485760\n"
      "suffix \"" JGW_TEST_SLAPD_SUFFIX "\"\n"
      "rootdn \"" JGW_TEST_SLAPD_ROOTDN "\"\n"
      "rootpw " JGW_TEST_SLAPD_ROOTPW "\n"
      "directory %s/data\n"
      "index objectClass,uid,mail,telephoneNumber,mobile,homePhone,cn eq\n"
      "TLSCertificateFile %s\n"
      "TLSCertificateKeyFile %s\n";

static void
run_slapadd (JgwTestSlapd *s, const char *ldif)
{
  g_autofree char *log = g_build_filename (s->dir, "slapadd.log", NULL);
  const char *argv[] = { "slapadd", "-f", s->conf, "-l", ldif, NULL };
  JgwTestProc *p = jgw_test_spawn (argv, s->dir, log);
  int status = -1;
  ck_assert_msg (jgw_test_wait_exit (p, 20000, &status), "slapadd did not finish");
  ck_assert_msg (status == 0, "slapadd failed (%d), see %s", status, log);
}

void
jgw_test_slapd_restart (JgwTestSlapd *s)
{
  g_autofree char *log = g_build_filename (s->dir, "slapd.log", NULL);
  /* -d 0: stay in the foreground so the harness owns the process. */
  g_autofree char *urls = g_strdup_printf ("%s %s", s->uri, s->ldaps_uri);
  const char *argv[] = { "slapd", "-f", s->conf, "-h", urls, "-d", "0", NULL };
  s->proc = jgw_test_spawn (argv, s->dir, log);
  ck_assert_msg (jgw_test_wait_tcp (s->port, 10000) && jgw_test_wait_tcp (s->tls_port, 10000),
                 "slapd did not listen on %u and %u, see %s", s->port, s->tls_port, log);
}

JgwTestSlapd *
jgw_test_slapd_start (const char *ldif)
{
  ck_assert_msg (jgw_test_have ("slapd") && jgw_test_have ("slapadd"), "slapd/slapadd not installed (slapd package)");
  JgwTestSlapd *s = g_new0 (JgwTestSlapd, 1);
  s->dir = g_strdup (jgw_test_tmpdir ("slapd"));
  g_autofree char *data = g_build_filename (s->dir, "data", NULL);
  g_mkdir_with_parents (data, 0700);
  s->ca_file = jgw_test_srcpath ("tests/data/identity/slapd-cert.pem");
  g_autofree char *text = g_strdup_printf (conf_template, s->dir, s->dir, s->dir, s->ca_file,
                                           jgw_test_srcpath ("tests/data/identity/slapd-key.pem"));
  s->conf = g_strdup (jgw_test_write_file (s->dir, "slapd.conf", text));
  s->port = jgw_test_free_port ();
  s->tls_port = jgw_test_free_port ();
  s->uri = g_strdup_printf ("ldap://127.0.0.1:%u/", s->port);
  s->ldaps_uri = g_strdup_printf ("ldaps://127.0.0.1:%u/", s->tls_port);
  run_slapadd (s, ldif);
  jgw_test_slapd_restart (s);
  return s;
}

void
jgw_test_slapd_stop (JgwTestSlapd *s)
{
  if (s->proc == NULL)
    return;
  jgw_test_stop (s->proc, 5000);
  s->proc = NULL;
}

void
jgw_test_slapd_free (JgwTestSlapd *s)
{
  if (s == NULL)
    return;
  jgw_test_slapd_stop (s);
  g_free (s->dir);
  g_free (s->conf);
  g_free (s->uri);
  g_free (s->ldaps_uri);
  g_free (s);
}
