/* check_config.c — configuration loading: good files, and bad files whose
 * message must name the file, group and key. */
#include <check.h>
#include <glib.h>
#include <string.h>

#include "config.h"
#include "harness/suite.h"

#define GOOD                                                                 \
  "[component]\njid = sip.example.com\nsecret = s3cret\nhost = 127.0.0.1\n"  \
  "port = 5347\n"                                                            \
  "[sip]\nlisten = 127.0.0.1:5070\ndomain = example.com\n"                   \
  "outbound-proxy = sip:127.0.0.1:5060\n"                                    \
  "[media]\nice-addresses = 127.0.0.1\nport-range = 40000-49999\n"           \
  "[user:alice@example.com]\nsip-uri = sip:alice@example.com\n"              \
  "password = pw\nregistrar = sip:127.0.0.1:5060\ndisplay-name = Alice\n"    \
  "desk-phone = sip:alice-desk@192.0.2.10\n"

START_TEST (test_good)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JgwConfig) c = jgw_config_load_data (GOOD, "good.conf", &error);
  ck_assert_msg (c != NULL, "%s", error ? error->message : "");
  ck_assert_str_eq (c->component.jid, "sip.example.com");
  ck_assert_uint_eq (c->component.port, 5347);
  ck_assert_str_eq (c->sip.listen_host, "127.0.0.1");
  ck_assert_uint_eq (c->sip.listen_port, 5070);
  ck_assert_str_eq (c->sip.outbound_proxy, "sip:127.0.0.1:5060");
  ck_assert_uint_eq (c->media.port_min, 40000);
  ck_assert_uint_eq (c->media.port_max, 49999);
  ck_assert_str_eq (c->media.ice_addresses[0], "127.0.0.1");
  ck_assert_uint_eq (c->users->len, 1);
  const JgwUserConfig *u = jgw_config_find_user (c, "Alice@Example.com");
  ck_assert_ptr_nonnull (u);
  ck_assert_str_eq (u->sip_uri, "sip:alice@example.com");
  ck_assert_str_eq (u->display_name, "Alice");
  ck_assert_str_eq (u->desk_phone, "sip:alice-desk@192.0.2.10");
  /* defaults */
  ck_assert_uint_eq (c->calls.ring_time, 30);
  ck_assert_uint_eq (c->media.media_timeout, 30);
  ck_assert_str_eq (c->log_level, "message");
}
END_TEST

START_TEST (test_example_file)
{
  g_autofree char *path = g_build_filename (JGW_TOP_SRCDIR, "conf", "jinglegw.conf.example", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (JgwConfig) c = jgw_config_load (path, &error);
  ck_assert_msg (c != NULL, "%s", error ? error->message : "");
}
END_TEST

/* Each bad file: a replacement applied to GOOD and words the error must hold. */
static const struct {
  const char *from, *to, *expect;
} bad_table[] = {
  { "port = 5347", "port = 99999", "bad.conf: [component] port: '99999' is out of range" },
  { "port = 5347", "port = x", "[component] port" },
  { "jid = sip.example.com\n", "", "[component] jid: missing required key" },
  { "secret = s3cret\n", "", "[component] secret: missing required key" },
  { "host = 127.0.0.1", "host = 127.0.0.1.5", "[component] host: '127.0.0.1.5' is not an IP address" },
  { "host = 127.0.0.1", "host = not an address", "[component] host" },
  { "jid = sip.example.com", "jid = bad jid@", "[component] jid: 'bad jid@' is not a valid JID" },
  { "listen = 127.0.0.1:5070", "listen = 127.0.0.1", "[sip] listen" },
  { "outbound-proxy = sip:127.0.0.1:5060", "outbound-proxy = http://x", "[sip] outbound-proxy: 'http://x' is not a valid SIP URI" },
  { "sip-uri = sip:alice@example.com", "sip-uri = alice", "[user:alice@example.com] sip-uri" },
  { "desk-phone = sip:alice-desk@192.0.2.10", "desk-phone = 2001",
    "[user:alice@example.com] desk-phone: '2001' is not a valid SIP URI" },
  { "[user:alice@example.com]", "[user:not a jid]", "[user:not a jid] (group name)" },
  { "port-range = 40000-49999", "port-range = 50000-40000", "[media] port-range" },
  { "ice-addresses = 127.0.0.1", "ice-addresses = 127.0.0.1, ::1, bad host", "[media] ice-addresses: 'bad host'" },
  { "[sip]\n", "[sip]\ntls-listen = 127.0.0.1:5061\n", "[sip] tls-certificate: required when tls-listen is set" },
};

START_TEST (test_bad)
{
  g_autoptr (GString) data = g_string_new (GOOD);
  ck_assert (g_string_replace (data, bad_table[_i].from, bad_table[_i].to, 1) == 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (JgwConfig) c = jgw_config_load_data (data->str, "bad.conf", &error);
  ck_assert_ptr_null (c);
  ck_assert_ptr_nonnull (error);
  ck_assert_msg (strstr (error->message, bad_table[_i].expect) != NULL,
                 "expected '%s' in '%s'", bad_table[_i].expect, error->message);
}
END_TEST

START_TEST (test_not_ini)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JgwConfig) c = jgw_config_load_data ("this is not [an ini", "x.conf", &error);
  ck_assert_ptr_null (c);
  ck_assert (g_str_has_prefix (error->message, "x.conf: "));
  g_autoptr (GError) error2 = NULL;
  g_autoptr (JgwConfig) c2 = jgw_config_load ("/nonexistent/jinglegw.conf", &error2);
  ck_assert_ptr_null (c2);
  ck_assert (g_str_has_prefix (error2->message, "/nonexistent/jinglegw.conf: "));
}
END_TEST

START_TEST (test_unknown_key_is_warning)
{
  g_autoptr (GString) data = g_string_new (GOOD);
  g_string_append (data, "[sip]\nfrobnicate = 1\n[nonsense]\na = b\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (JgwConfig) c = jgw_config_load_data (data->str, "w.conf", &error);
  ck_assert_msg (c != NULL, "%s", error ? error->message : "");
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("config");
  TCase *tc = tcase_create ("config");
  tcase_add_test (tc, test_good);
  tcase_add_test (tc, test_example_file);
  tcase_add_loop_test (tc, test_bad, 0, G_N_ELEMENTS (bad_table));
  tcase_add_test (tc, test_not_ini);
  tcase_add_test (tc, test_unknown_key_is_warning);
  suite_add_tcase (s, tc);
  return jgw_test_run_suite (s);
}
