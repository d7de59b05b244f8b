/* check_address.c — interface.md "Addressing": JID -> SIP target, SIP
 * caller -> JID, and that calling the caller's JID back reaches the caller. */
#include <check.h>
#include <glib.h>
#include <string.h>

#include "call/address.h"
#include "harness/suite.h"

static const char *const trunk_hosts[] = { "203.0.113.5", NULL };

static const JgwAddressContext ctx = {
  .component = "sip.example.com",
  .sip_domain = "example.com",
  .local_hosts = trunk_hosts,
  .plan = { "49", "00", "0", FALSE },
};

static const struct {
  const char *local;
  JgwTargetKind kind;
  const char *uri, *number;
} to_sip_table[] = {
  { "bob\\40example.org", JGW_TARGET_SIP, "sip:bob@example.org", NULL },
  { "bob\\40127.0.0.1\\3a5080", JGW_TARGET_SIP, "sip:bob@127.0.0.1:5080", NULL },
  { "sip\\3abob\\40example.org", JGW_TARGET_SIP, "sip:bob@example.org", NULL },
  { "sips\\3abob\\40example.org", JGW_TARGET_SIP, "sips:bob@example.org", NULL },
  { "sip\\3apbx.example.org", JGW_TARGET_SIP, "sip:pbx.example.org", NULL },
  { "john\\20doe\\40example.org", JGW_TARGET_SIP, "sip:john%20doe@example.org", NULL },
  { "+4930123456", JGW_TARGET_NUMBER, "sip:+4930123456@example.com", "+4930123456" },
  { "+49\\2030\\201234-56", JGW_TARGET_NUMBER, "sip:+4930123456@example.com", "+4930123456" },
  { "0049301234", JGW_TARGET_NUMBER, "sip:+49301234@example.com", "+49301234" },
  { "030\\20123456", JGW_TARGET_NUMBER, "sip:+4930123456@example.com", "+4930123456" },
  { "+41446681800", JGW_TARGET_NUMBER, "sip:+41446681800@example.com", "+41446681800" },
  { "1000", JGW_TARGET_NUMBER, "sip:1000@example.com", "1000" },
  { "*21#", JGW_TARGET_NUMBER, "sip:*21%23@example.com", "*21#" },
  { "alice", JGW_TARGET_USER, "sip:alice@example.com", NULL },
  { "john\\20doe", JGW_TARGET_USER, "sip:john%20doe@example.com", NULL },
  { "conf-room.1", JGW_TARGET_USER, "sip:conf-room.1@example.com", NULL },
};

START_TEST (test_to_sip)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JgwSipTarget) t = jgw_address_to_sip (to_sip_table[_i].local, &ctx, &error);
  ck_assert_msg (t != NULL, "%s: %s", to_sip_table[_i].local, error ? error->message : "");
  ck_assert_int_eq (t->kind, to_sip_table[_i].kind);
  ck_assert_str_eq (t->uri, to_sip_table[_i].uri);
  if (to_sip_table[_i].number)
    ck_assert_str_eq (t->number, to_sip_table[_i].number);
  else
    ck_assert_ptr_null (t->number);
}
END_TEST

static const char *const to_sip_bad[] = {
  "", "\\40example.org", "bob\\40", "bob\\40exa\\20mple.org", "bob\\40host\\3a99999", "sip\\3a",
  "sip\\3abob\\40",
};

START_TEST (test_to_sip_bad)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JgwSipTarget) t = jgw_address_to_sip (to_sip_bad[_i], &ctx, &error);
  ck_assert_ptr_null (t);
  ck_assert (g_error_matches (error, JGW_ADDRESS_ERROR, JGW_ADDRESS_ERROR_INVALID));
  ck_assert (error->message[0] != '\0');
}
END_TEST

static const struct {
  const char *uri, *display;
  const char *jid, *number, *name;
  const char *callback; /* what calling the JID back dials */
} from_sip_table[] = {
  { "sip:+4930123456@example.com", "Bob", "+4930123456@sip.example.com", "+4930123456", "Bob",
    "sip:+4930123456@example.com" },
  { "sip:030123456@Example.COM;user=phone", NULL, "+4930123456@sip.example.com", "+4930123456",
    NULL, "sip:+4930123456@example.com" },
  { "<sip:+4930123456@203.0.113.5:5060;transport=udp>", " \"\" ", "+4930123456@sip.example.com",
    "+4930123456", NULL, "sip:+4930123456@example.com" },
  { "sip:alice@example.com", "\"Alice \\\"Al\\\" Example\"", "alice@sip.example.com", NULL,
    "Alice \"Al\" Example", "sip:alice@example.com" },
  { "sip:1000@example.com", NULL, "1000@sip.example.com", "1000", NULL, "sip:1000@example.com" },
  { "sip:bob@example.org", NULL, "bob\\40example.org@sip.example.com", NULL, NULL,
    "sip:bob@example.org" },
  { "sip:bob:secret@127.0.0.1:5080;transport=tcp?subject=x", NULL,
    "bob\\40127.0.0.1\\3a5080@sip.example.com", NULL, NULL, "sip:bob@127.0.0.1:5080" },
  { "sip:+41446681800@pstn.example.net", NULL, "+41446681800\\40pstn.example.net@sip.example.com",
    "+41446681800", NULL, "sip:+41446681800@pstn.example.net" },
  { "sip:a%20b@example.com", NULL, "a\\20b@sip.example.com", NULL, NULL,
    "sip:a%20b@example.com" },
  { "sip:a%40b@example.com", NULL, "a\\40b\\40example.com@sip.example.com", NULL, NULL,
    "sip:a%40b@example.com" },
  { "sip:anonymous@anonymous.invalid", "Anonymous", "anonymous\\40anonymous.invalid@sip.example.com",
    NULL, "Anonymous", "sip:anonymous@anonymous.invalid" },
  { "sip:pbx.example.org", NULL, "sip\\3apbx.example.org@sip.example.com", NULL, NULL,
    "sip:pbx.example.org" },
  { "tel:+41-44-668-18-00;phone-context=+41", NULL, "+41446681800@sip.example.com",
    "+41446681800", NULL, "sip:+41446681800@example.com" },
  { "SIP:*21%23@example.com", NULL, "*21#@sip.example.com", "*21#", NULL, "sip:*21%23@example.com" },
};

START_TEST (test_from_sip)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JgwCaller) c
      = jgw_address_from_sip (from_sip_table[_i].uri, from_sip_table[_i].display, &ctx, &error);
  ck_assert_msg (c != NULL, "%s: %s", from_sip_table[_i].uri, error ? error->message : "");
  ck_assert_str_eq (c->jid, from_sip_table[_i].jid);
  if (from_sip_table[_i].number)
    ck_assert_str_eq (c->number, from_sip_table[_i].number);
  else
    ck_assert_ptr_null (c->number);
  if (from_sip_table[_i].name)
    ck_assert_str_eq (c->name, from_sip_table[_i].name);
  else
    ck_assert_ptr_null (c->name);
  /* Calling back is calling the same JID. */
  g_autoptr (JgwSipTarget) t = jgw_address_to_sip (c->local, &ctx, &error);
  ck_assert_msg (t != NULL, "%s: %s", c->local, error ? error->message : "");
  ck_assert_str_eq (t->uri, from_sip_table[_i].callback);
}
END_TEST

static const char *const from_sip_bad[] = {
  "", "mailto:bob@example.org", "sip:", "sip:@example.com", "sip:bob@", "tel:", "tel:alice",
  "sip:bob@exa mple.org", "sip:%zz@example.com",
};

START_TEST (test_from_sip_bad)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JgwCaller) c = jgw_address_from_sip (from_sip_bad[_i], NULL, &ctx, &error);
  ck_assert_ptr_null (c);
  ck_assert (g_error_matches (error, JGW_ADDRESS_ERROR, JGW_ADDRESS_ERROR_INVALID));
  g_autoptr (JgwCaller) n = jgw_address_from_sip (NULL, NULL, &ctx, NULL);
  ck_assert_ptr_null (n);
}
END_TEST

static const struct {
  const char *input, *jid, *uri;
} input_table[] = {
  { "030 123456", "+4930123456@sip.example.com", "sip:+4930123456@example.com" },
  { " +44 (0)20 7946 0958 ", "+442079460958@sip.example.com", "sip:+442079460958@example.com" },
  { "1000", "1000@sip.example.com", "sip:1000@example.com" },
  { "*21#", "*21#@sip.example.com", "sip:*21%23@example.com" },
  { "bob@example.org", "bob\\40example.org@sip.example.com", "sip:bob@example.org" },
  { "sip:bob@example.org", "sip\\3abob\\40example.org@sip.example.com", "sip:bob@example.org" },
  { "alice", "alice@sip.example.com", "sip:alice@example.com" },
  { "John Doe", "john\\20doe@sip.example.com", "sip:john%20doe@example.com" },
};

START_TEST (test_jid_for_input)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *jid = jgw_address_jid_for_input (input_table[_i].input, &ctx, &error);
  ck_assert_msg (jid != NULL, "%s", error ? error->message : "");
  g_autofree char *lower = g_utf8_strdown (jid, -1);
  g_autofree char *want = g_utf8_strdown (input_table[_i].jid, -1);
  ck_assert_str_eq (lower, want);
  /* and calling that JID dials what the user meant */
  g_autofree char *local = g_strndup (jid, strrchr (jid, '@') - jid);
  g_autoptr (JgwSipTarget) t = jgw_address_to_sip (local, &ctx, &error);
  g_autofree char *uri = g_utf8_strdown (t->uri, -1);
  g_autofree char *want_uri = g_utf8_strdown (input_table[_i].uri, -1);
  ck_assert_str_eq (uri, want_uri);
}
END_TEST

START_TEST (test_jid_for_bad_input)
{
  const char *bad[] = { "", "   ", "bob@", "@example.org", NULL };
  for (const char **b = bad; *b; b++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *jid = jgw_address_jid_for_input (*b, &ctx, &error);
      ck_assert_msg (jid == NULL, "'%s' gave %s", *b, jid);
      ck_assert (g_error_matches (error, JGW_ADDRESS_ERROR, JGW_ADDRESS_ERROR_INVALID));
    }
}
END_TEST

START_TEST (test_user_escape)
{
  g_autofree char *a = jgw_address_uri_user_escape ("a b;c?d#e@f+g");
  ck_assert_str_eq (a, "a%20b%3Bc%3Fd%23e%40f+g");
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("address");
  TCase *tc = tcase_create ("address");
  tcase_add_loop_test (tc, test_to_sip, 0, G_N_ELEMENTS (to_sip_table));
  tcase_add_loop_test (tc, test_to_sip_bad, 0, G_N_ELEMENTS (to_sip_bad));
  tcase_add_loop_test (tc, test_from_sip, 0, G_N_ELEMENTS (from_sip_table));
  tcase_add_loop_test (tc, test_from_sip_bad, 0, G_N_ELEMENTS (from_sip_bad));
  tcase_add_test (tc, test_user_escape);
  tcase_add_loop_test (tc, test_jid_for_input, 0, G_N_ELEMENTS (input_table));
  tcase_add_test (tc, test_jid_for_bad_input);
  suite_add_tcase (s, tc);
  return jgw_test_run_suite (s);
}
