/* it_sip_tls.c — the optional TLS listener: with a certificate and key it
 * accepts SIP over TLS (OPTIONS answered through openssl s_client); with
 * unreadable files the UA refuses to start with a clear error. */
#include <check.h>
#include <gio/gio.h>
#include <glib.h>
#include <string.h>

#include "config.h"
#include "harness/harness.h"
#include "sip/sip.h"
#include "harness/suite.h"

static gboolean done;

static void
done_cb (JgwSipUa *ua, gpointer d)
{
  (void) ua, (void) d;
  done = TRUE;
}

static gboolean
done_cond (gpointer d)
{
  (void) d;
  return done;
}

static JgwConfig *
tls_config (guint16 port, guint16 tls_port, const char *cert, const char *key)
{
  g_autofree char *ini = g_strdup_printf (
    "[component]\njid = gw.localhost\nsecret = s\n"
    "[sip]\nlisten = 127.0.0.1:%u\ndomain = 127.0.0.1\ntls-listen = 127.0.0.1:%u\n"
    "tls-certificate = %s\ntls-key = %s\n"
    "[user:alice@localhost]\nsip-uri = sip:alice@127.0.0.1\n", port, tls_port, cert, key);
  g_autoptr (GError) error = NULL;
  JgwConfig *c = jgw_config_load_data (ini, "it_sip_tls", &error);
  ck_assert_msg (c != NULL, "%s", error ? error->message : "");
  return c;
}

static void
make_cert (const char *dir, char **cert, char **key)
{
  *cert = g_build_filename (dir, "cert.pem", NULL);
  *key = g_build_filename (dir, "key.pem", NULL);
  g_autofree char *log = g_build_filename (dir, "openssl.log", NULL);
  const char *argv[] = { "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                         *key, "-out", *cert, "-days", "1", "-subj", "/CN=127.0.0.1", NULL };
  JgwTestProc *p = jgw_test_spawn (argv, dir, log);
  int status = -1;
  ck_assert (jgw_test_wait_exit (p, 30000, &status));
  ck_assert_int_eq (status, 0);
}

START_TEST (test_tls_options)
{
  ck_assert_msg (jgw_test_have ("openssl"), "openssl is not installed");
  const char *dir = jgw_test_tmpdir ("sip-tls");
  g_autofree char *cert = NULL, *key = NULL;
  make_cert (dir, &cert, &key);
  guint16 port = jgw_test_free_port (), tls_port = jgw_test_free_port ();
  g_autoptr (JgwConfig) c = tls_config (port, tls_port, cert, key);
  g_autoptr (GError) error = NULL;
  JgwSipUa *ua = jgw_sip_ua_new (c, NULL, NULL, &error);
  ck_assert_msg (ua != NULL, "%s", error ? error->message : "");
  ck_assert (jgw_test_wait_tcp (tls_port, 5000));
  g_autofree char *req = g_strdup_printf (
    "OPTIONS sip:alice@127.0.0.1:%u;transport=tls SIP/2.0\r\n"
    "Via: SIP/2.0/TLS 127.0.0.1:5999;branch=z9hG4bK-tls1\r\n"
    "From: <sip:probe@127.0.0.1>;tag=1\r\nTo: <sip:alice@127.0.0.1>\r\n"
    "Call-ID: tls1@127.0.0.1\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\n"
    "Content-Length: 0\r\n\r\n", tls_port);
  const char *req_path = jgw_test_write_file (dir, "options.txt", req);
  g_autofree char *cmd = g_strdup_printf (
    "timeout 10 openssl s_client -connect 127.0.0.1:%u -quiet -ign_eof < '%s'", tls_port, req_path);
  g_autofree char *log = g_build_filename (dir, "s_client.log", NULL);
  const char *argv[] = { "sh", "-c", cmd, NULL };
  JgwTestProc *p = jgw_test_spawn (argv, dir, log);
  ck_assert_msg (jgw_test_wait_log (p, "SIP/2.0 200", 0, 10000), "no answer over TLS; see %s", log);
  jgw_test_stop (p, 1000);
  jgw_sip_ua_shutdown (ua, done_cb, NULL);
  ck_assert (jgw_test_wait (done_cond, NULL, 10000));
  jgw_sip_ua_free (ua);
}
END_TEST

START_TEST (test_tls_missing_files)
{
  guint16 port = jgw_test_free_port (), tls_port = jgw_test_free_port ();
  g_autoptr (JgwConfig) c = tls_config (port, tls_port, "/nonexistent/cert.pem", "/nonexistent/key.pem");
  g_autoptr (GError) error = NULL;
  JgwSipUa *ua = jgw_sip_ua_new (c, NULL, NULL, &error);
  ck_assert_ptr_null (ua);
  ck_assert_ptr_nonnull (error);
  ck_assert_msg (strstr (error->message, "/nonexistent/") != NULL, "%s", error->message);
}
END_TEST

/* Another process holds the port: the UA refuses to start and says where. */
START_TEST (test_listen_in_use)
{
  guint16 port = jgw_test_free_port ();
  g_autoptr (GSocket) holder = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM,
                                             G_SOCKET_PROTOCOL_UDP, NULL);
  g_autoptr (GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) addr = g_inet_socket_address_new (lo, port);
  ck_assert (g_socket_bind (holder, addr, FALSE, NULL));
  g_autofree char *ini = g_strdup_printf ("[component]\njid = gw.localhost\nsecret = s\n"
                                          "[sip]\nlisten = 127.0.0.1:%u\ndomain = 127.0.0.1\n", port);
  g_autoptr (JgwConfig) c = jgw_config_load_data (ini, "in_use", NULL);
  ck_assert_ptr_nonnull (c);
  g_autoptr (GError) error = NULL;
  ck_assert_ptr_null (jgw_sip_ua_new (c, NULL, NULL, &error));
  g_autofree char *where = g_strdup_printf ("127.0.0.1 port %u (UDP)", port);
  ck_assert_msg (error && strstr (error->message, where), "%s", error ? error->message : "");
}
END_TEST

static guint
thread_count (void)
{
  GDir *dir = g_dir_open ("/proc/self/task", 0, NULL);
  guint n = 0;
  while (dir && g_dir_read_name (dir))
    n++;
  if (dir)
    g_dir_close (dir);
  return n;
}

/* The SIP stack runs on the caller's main loop: no thread of its own. */
START_TEST (test_no_stack_thread)
{
  g_autofree char *ini = g_strdup_printf ("[component]\njid = gw.localhost\nsecret = s\n"
                                          "[sip]\nlisten = 127.0.0.1:%u\ndomain = 127.0.0.1\n",
                                          jgw_test_free_port ());
  g_autoptr (JgwConfig) c = jgw_config_load_data (ini, "threads", NULL);
  guint before = thread_count ();
  JgwSipUa *ua = jgw_sip_ua_new (c, NULL, NULL, NULL);
  ck_assert_ptr_nonnull (ua);
  ck_assert_uint_eq (thread_count (), before);
  jgw_sip_ua_shutdown (ua, done_cb, NULL);
  ck_assert (jgw_test_wait (done_cond, NULL, 10000));
  jgw_sip_ua_free (ua);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("sip_tls");
  TCase *tc = tcase_create ("tls");
  tcase_set_timeout (tc, 60);
  tcase_add_checked_fixture (tc, NULL, jgw_test_cleanup);
  tcase_add_test (tc, test_tls_options);
  tcase_add_test (tc, test_tls_missing_files);
  tcase_add_test (tc, test_listen_in_use);
  tcase_add_test (tc, test_no_stack_thread);
  suite_add_tcase (s, tc);
  return jgw_test_run_suite (s);
}
