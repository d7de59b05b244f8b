/* it_sip_malformed.c — bad input from the network gets a proper SIP error
 * response and the UA stays up: unknown method, missing CSeq, missing
 * Call-ID, oversized header, INVITE with broken SDP; afterwards a call
 * still goes through. OPTIONS outside a dialog is answered with Allow and
 * Accept. */
#include <check.h>
#include <gio/gio.h>
#include <glib.h>
#include <string.h>

#include "config.h"
#include "harness/harness.h"
#include "harness/sipp.h"
#include "sip/sip.h"
#include "harness/suite.h"

static JgwConfig *config;
static JgwSipUa *ua;
static guint ended_status;
static gboolean done;

static void
ended_cb (JgwSipUa *u, JgwSipCall *call, guint status, const char *phrase, gboolean remote, gpointer d)
{
  (void) u, (void) call, (void) phrase, (void) remote, (void) d;
  ended_status = status;
}

static const JgwSipEvents events = { .ended = ended_cb };

static void
setup (void)
{
  guint16 port = jgw_test_free_port ();
  g_autofree char *ini = g_strdup_printf (
    "[component]\njid = gw.localhost\nsecret = s\n"
    "[sip]\nlisten = 127.0.0.1:%u\ndomain = 127.0.0.1\ntrusted-peers = 127.0.0.1\n"
    "[user:alice@localhost]\nsip-uri = sip:alice@127.0.0.1\n", port);
  g_autoptr (GError) error = NULL;
  config = jgw_config_load_data (ini, "it_sip_malformed", &error);
  ck_assert_msg (config != NULL, "%s", error ? error->message : "");
  ua = jgw_sip_ua_new (config, &events, NULL, &error);
  ck_assert_msg (ua != NULL, "%s", error ? error->message : "");
  ended_status = 0;
  done = FALSE;
}

static void
done_cb (JgwSipUa *u, gpointer d)
{
  (void) u, (void) d;
  done = TRUE;
}

static gboolean
flag_cond (gpointer d)
{
  return *(gboolean *) d;
}

static void
teardown (void)
{
  jgw_sip_ua_shutdown (ua, done_cb, NULL);
  jgw_test_wait (flag_cond, &done, 10000);
  jgw_sip_ua_free (ua);
  jgw_config_free (config);
  jgw_test_cleanup ();
}

#define HEAD(method, cseq)                                                           \
  method " sip:alice@[remote_ip]:[remote_port] SIP/2.0\n"                            \
  "Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]\n"               \
  "From: <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]\n"       \
  "To: <sip:alice@[remote_ip]:[remote_port]>\n"                                      \
  "Call-ID: [call_id]\n" cseq "Max-Forwards: 70\n"

static const struct {
  const char *name, *request, *status;
} raw_table[] = {
  { "unknown-method", HEAD ("FOO", "CSeq: 1 FOO\n") "Content-Length: 0\n", "501" },
  { "missing-cseq", HEAD ("OPTIONS", "") "Content-Length: 0\n", "400" },
  { "broken-sdp", HEAD ("INVITE", "CSeq: 1 INVITE\n")
    "Contact: <sip:sipp@[local_ip]:[local_port]>\nContent-Type: application/sdp\n"
    "Content-Length: [len]\n\nv=0\no=x\nm=audio\n", "400" },
  { "options", HEAD ("OPTIONS", "CSeq: 1 OPTIONS\n") "Accept: application/sdp\nContent-Length: 0\n", "200" },
};

static gboolean
ended_cond (gpointer d)
{
  (void) d;
  return ended_status != 0;
}

/* Afterwards the UA still places a call (the far end is busy: quick). */
static void
still_works (void)
{
  JgwTestSipp *s = jgw_test_sipp_start (jgw_test_srcpath ("tests/data/sip/uas_486.xml"), NULL, NULL);
  g_autofree char *to = g_strdup_printf ("sip:bob@127.0.0.1:%u", s->port);
  g_autoptr (GError) error = NULL;
  ck_assert (jgw_sip_call_new (ua, "alice@localhost", to, "v=0\r\n", &error));
  ck_assert_msg (jgw_test_wait (ended_cond, NULL, 10000), "call did not end");
  ck_assert_uint_eq (ended_status, 486);
  g_autofree char *why = NULL;
  ck_assert_msg (jgw_test_sipp_wait (s, 10000, &why), "%s", why);
  jgw_test_sipp_free (s);
}

START_TEST (test_raw)
{
  const char *subst[] = { "NAME", raw_table[_i].name, "REQUEST", raw_table[_i].request,
                          "STATUS", raw_table[_i].status, NULL };
  const char *scen = jgw_test_sipp_scenario ("uac_raw.xml.in", subst);
  g_autofree char *us = g_strdup_printf ("127.0.0.1:%u", jgw_sip_ua_port (ua));
  JgwTestSipp *s = jgw_test_sipp_start (scen, us, "alice");
  g_autofree char *why = NULL;
  ck_assert_msg (jgw_test_sipp_wait (s, 15000, &why), "%s: %s", raw_table[_i].name, why);
  jgw_test_sipp_free (s);
  still_works ();
}
END_TEST

/* Without a Call-ID SIPp cannot match the answer, so this one is sent and
 * read on a plain socket. */
static char *
udp_exchange (guint16 port, const char *request, guint timeout_ms)
{
  g_autoptr (GSocket) sock = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM,
                                           G_SOCKET_PROTOCOL_UDP, NULL);
  g_autoptr (GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) any = g_inet_socket_address_new (lo, 0);
  g_autoptr (GSocketAddress) to = g_inet_socket_address_new (lo, port);
  ck_assert (g_socket_bind (sock, any, FALSE, NULL));
  g_autoptr (GSocketAddress) local = g_socket_get_local_address (sock, NULL);
  guint16 lport = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
  g_autofree char *port_text = g_strdup_printf ("%u", lport);
  g_auto (GStrv) parts = g_strsplit (request, "@LPORT@", -1);
  g_autofree char *text = g_strjoinv (port_text, parts);
  ck_assert (g_socket_send_to (sock, to, text, strlen (text), NULL, NULL) > 0);
  g_socket_set_blocking (sock, FALSE);
  char buf[4096];
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  while (g_get_monotonic_time () < end)
    {
      gssize n = g_socket_receive (sock, buf, sizeof buf - 1, NULL, NULL);
      if (n > 0)
        return g_strndup (buf, n);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
  return NULL;
}

#define UDP_HEAD(method)                                                      \
  method " sip:alice@127.0.0.1 SIP/2.0\r\n"                                   \
  "Via: SIP/2.0/UDP 127.0.0.1:@LPORT@;branch=z9hG4bK-raw\r\n"                  \
  "From: <sip:x@127.0.0.1:@LPORT@>;tag=1\r\nTo: <sip:alice@127.0.0.1>\r\n"     \
  "Max-Forwards: 70\r\n"
#define CALL_ID "Call-ID: raw@127.0.0.1\r\n"
#define END "Content-Length: 0\r\n\r\n"

/* Requests whose answers SIPp cannot match to its call (no Call-ID, or a
 * CSeq that names no method it sent) are sent and read on a plain socket. */
static const struct {
  const char *name, *request, *status;
} udp_table[] = {
  { "missing-call-id", UDP_HEAD ("OPTIONS") "CSeq: 1 OPTIONS\r\n" END, "SIP/2.0 400" },
  { "bad-cseq", UDP_HEAD ("OPTIONS") CALL_ID "CSeq: one OPTIONS\r\n" END, "SIP/2.0 400" },
  { "method-mismatch", UDP_HEAD ("OPTIONS") CALL_ID "CSeq: 1 INVITE\r\n" END, "SIP/2.0 400" },
  { "bad-content-length", UDP_HEAD ("OPTIONS") CALL_ID "CSeq: 1 OPTIONS\r\nContent-Length: x\r\n\r\n",
    "SIP/2.0 400" },
};

START_TEST (test_udp)
{
  g_autofree char *resp = udp_exchange (jgw_sip_ua_port (ua), udp_table[_i].request, 5000);
  ck_assert_msg (resp != NULL, "%s: no answer", udp_table[_i].name);
  ck_assert_msg (g_str_has_prefix (resp, udp_table[_i].status), "%s: %s", udp_table[_i].name, resp);
  still_works ();
}
END_TEST

START_TEST (test_oversized_header)
{
  g_autoptr (GString) req = g_string_new (UDP_HEAD ("OPTIONS") CALL_ID "CSeq: 1 OPTIONS\r\nX-Big: ");
  for (int i = 0; i < 60000; i++)
    g_string_append_c (req, 'a');
  g_string_append (req, "\r\n" END);
  g_autofree char *resp = udp_exchange (jgw_sip_ua_port (ua), req->str, 5000);
  ck_assert_msg (resp != NULL, "no answer to an oversized request");
  ck_assert_msg (g_str_has_prefix (resp, "SIP/2.0 413") || g_str_has_prefix (resp, "SIP/2.0 513"),
                 "%.200s", resp);
  still_works ();
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("sip_malformed");
  TCase *tc = tcase_create ("malformed");
  tcase_set_timeout (tc, 60);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_loop_test (tc, test_raw, 0, G_N_ELEMENTS (raw_table));
  tcase_add_loop_test (tc, test_udp, 0, G_N_ELEMENTS (udp_table));
  tcase_add_test (tc, test_oversized_header);
  suite_add_tcase (s, tc);
  return jgw_test_run_suite (s);
}
