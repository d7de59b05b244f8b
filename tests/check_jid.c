/* check_jid.c — JID shape checks and XEP-0106 escaping (table-driven). */
#include <check.h>
#include <glib.h>

#include "xmpp/jid.h"
#include "harness/suite.h"

static const struct {
  const char *raw, *escaped;
} escape_table[] = {
  /* Examples from XEP-0106 section 5 plus the gateway's own cases. */
  { "space cadet", "space\\20cadet" },
  { "call me \"ishmael\"", "call\\20me\\20\\22ishmael\\22" },
  { "at&t guy", "at\\26t\\20guy" },
  { "d'artagnan", "d\\27artagnan" },
  { "/.fanboy", "\\2f.fanboy" },
  { "::foo::", "\\3a\\3afoo\\3a\\3a" },
  { "<foo>", "\\3cfoo\\3e" },
  { "user@host", "user\\40host" },
  { "c:\\net", "c\\3a\\net" },
  { "c:\\\\net", "c\\3a\\\\net" },
  { "c:\\cool stuff", "c\\3a\\cool\\20stuff" },
  { "c:\\5commas", "c\\3a\\5c5commas" },
  { "bob@example.org", "bob\\40example.org" },
  { "+4930123456", "+4930123456" },
};

START_TEST (test_escape)
{
  g_autofree char *esc = jgw_jid_escape (escape_table[_i].raw);
  ck_assert_str_eq (esc, escape_table[_i].escaped);
  g_autofree char *back = jgw_jid_unescape (esc);
  ck_assert_str_eq (back, escape_table[_i].raw);
}
END_TEST

START_TEST (test_unescape_leaves_unknown)
{
  g_autofree char *a = jgw_jid_unescape ("a\\41b\\zz\\");
  ck_assert_str_eq (a, "a\\41b\\zz\\");
  g_autofree char *b = jgw_jid_unescape ("BOB\\40EXAMPLE.ORG");
  ck_assert_str_eq (b, "BOB@EXAMPLE.ORG");
}
END_TEST

static const struct {
  const char *jid;
  gboolean valid;
} valid_table[] = {
  { "alice@example.com", TRUE },
  { "alice@example.com/phone", TRUE },
  { "sip.example.com", TRUE },
  { "bob\\40example.org@sip.example.com", TRUE },
  { "+4930123456@sip.example.com", TRUE },
  { "", FALSE },
  { "@example.com", FALSE },
  { "alice@", FALSE },
  { "al ice@example.com", FALSE },
  { "a<b@example.com", FALSE },
  { "alice@example.com/", FALSE },
  { "alice@.example.com", FALSE },
  { "alice@exa mple.com", FALSE },
};

START_TEST (test_valid)
{
  ck_assert_int_eq (jgw_jid_is_valid (valid_table[_i].jid), valid_table[_i].valid);
}
END_TEST

START_TEST (test_parts)
{
  const char *jid = "Alice@Example.COM/Dino.x1";
  g_autofree char *bare = jgw_jid_bare (jid);
  g_autofree char *local = jgw_jid_local (jid);
  g_autofree char *domain = jgw_jid_domain (jid);
  ck_assert_str_eq (bare, "alice@example.com");
  ck_assert_str_eq (local, "alice");
  ck_assert_str_eq (domain, "example.com");
  ck_assert_str_eq (jgw_jid_resource (jid), "Dino.x1");
  ck_assert_ptr_null (jgw_jid_resource ("example.com"));
  g_autofree char *nolocal = jgw_jid_local ("example.com");
  ck_assert_ptr_null (nolocal);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("jid");
  TCase *tc = tcase_create ("jid");
  tcase_add_loop_test (tc, test_escape, 0, G_N_ELEMENTS (escape_table));
  tcase_add_test (tc, test_unescape_leaves_unknown);
  tcase_add_loop_test (tc, test_valid, 0, G_N_ELEMENTS (valid_table));
  tcase_add_test (tc, test_parts);
  suite_add_tcase (s, tc);
  return jgw_test_run_suite (s);
}
