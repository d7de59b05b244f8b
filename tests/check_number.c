/* check_number.c — phone number recognition and normalisation with real
 * numbers as people in DE, CH, PL, UK and the US write them. */
#include <check.h>
#include <glib.h>

#include "identity/number.h"
#include "harness/suite.h"

static const JgwNumberPlan plan_de = { "49", NULL, NULL, FALSE };
static const JgwNumberPlan plan_ch = { "41", "00", "0", FALSE };
/* Poland has no national trunk prefix: numbers are dialled as 9 digits. */
static const JgwNumberPlan plan_pl = { "48", "00", "", FALSE };
static const JgwNumberPlan plan_uk = { "44", "00", "0", FALSE };
/* NANP: 011 international, 1 national; 00 kept for travellers' habits. */
static const JgwNumberPlan plan_us = { "1", "00", "1", TRUE };
static const JgwNumberPlan plan_none = { NULL, NULL, NULL, FALSE };

static const struct {
  const JgwNumberPlan *plan;
  const char *in, *out;
} table[] = {
  /* DE */
  { &plan_de, "+49 30 1234-56", "+4930123456" },
  { &plan_de, "0049301234", "+49301234" },
  { &plan_de, "030 123456", "+4930123456" },
  { &plan_de, "030/123456", "+4930123456" },
  { &plan_de, "(030) 123.456", "+4930123456" },
  { &plan_de, "+49 (0)30 123456", "+4930123456" },
  { &plan_de, "0171 1234567", "+491711234567" },
  { &plan_de, "1000", "1000" },
  { &plan_de, "110", "110" },
  { &plan_de, "*21#", "*21#" },
  { &plan_de, "#31# 030 123456", "#31#030123456" },
  { &plan_de, "+41 44 668 18 00", "+41446681800" },
  /* 011 is not international unless configured: a German national number. */
  { &plan_de, "011 44 20 7946 0958", "+4911442079460958" },
  /* CH */
  { &plan_ch, "044 668 18 00", "+41446681800" },
  { &plan_ch, "0041 44 668 18 00", "+41446681800" },
  { &plan_ch, "+41 (0)44 668 18 00", "+41446681800" },
  { &plan_ch, "079 123 45 67", "+41791234567" },
  { &plan_ch, "117", "117" },
  /* PL */
  { &plan_pl, "22 123 45 67", "221234567" },
  { &plan_pl, "0048 22 123 45 67", "+48221234567" },
  { &plan_pl, "+48 601 234 567", "+48601234567" },
  { &plan_pl, "112", "112" },
  /* UK */
  { &plan_uk, "020 7946 0958", "+442079460958" },
  { &plan_uk, "+44 (0)20 7946 0958", "+442079460958" },
  { &plan_uk, "00 44 161 496 0000", "+441614960000" },
  { &plan_uk, "07700 900123", "+447700900123" },
  { &plan_uk, "999", "999" },
  { &plan_uk, "2000", "2000" },
  /* US */
  { &plan_us, "+1 (212) 555-0100", "+12125550100" },
  { &plan_us, "1-212-555-0100", "+12125550100" },
  { &plan_us, "011 49 30 123456", "+4930123456" },
  { &plan_us, "011-44-20-7946-0958", "+442079460958" },
  { &plan_us, "(212) 555-0100", "2125550100" },
  { &plan_us, "911", "911" },
  { &plan_us, "*67", "*67" },
  /* No country code configured: national numbers stay as dialled. */
  { &plan_none, "030 123456", "030123456" },
  { &plan_none, "0049 30 123456", "+4930123456" },
  { NULL, "0 30 123", "030123" },
};

START_TEST (test_normalise)
{
  g_autofree char *n = jgw_number_normalise (table[_i].in, table[_i].plan);
  ck_assert_msg (n != NULL, "'%s' not recognised", table[_i].in);
  ck_assert_str_eq (n, table[_i].out);
  ck_assert (jgw_number_is_phone (table[_i].in));
  /* Normalising a normalised number changes nothing (calling back works). */
  g_autofree char *again = jgw_number_normalise (n, table[_i].plan);
  ck_assert_str_eq (again, n);
}
END_TEST

static const char *const not_numbers[] = {
  "", "alice", "+", "12a", "+49+30", "*", "#", "bob@example.org", "030 12\n34",
  "1234567890123456789012345678901234567890", "++49", "0x30", "30,5",
};

START_TEST (test_not_number)
{
  ck_assert (!jgw_number_is_phone (not_numbers[_i]));
  ck_assert_ptr_null (jgw_number_normalise (not_numbers[_i], &plan_de));
  ck_assert_ptr_null (jgw_number_strip (not_numbers[_i]));
}
END_TEST

START_TEST (test_strip_and_e164)
{
  g_autofree char *s = jgw_number_strip (" +44 (0)20 7946-0958 ");
  ck_assert_str_eq (s, "+442079460958");
  g_autofree char *t = jgw_number_strip ("(0)30 123");
  ck_assert_str_eq (t, "030123");
  ck_assert_ptr_null (jgw_number_strip (NULL));
  ck_assert (jgw_number_is_e164 ("+4930123"));
  ck_assert (!jgw_number_is_e164 ("030123"));
  ck_assert (!jgw_number_is_e164 ("+"));
  ck_assert (!jgw_number_is_e164 (NULL));
}
END_TEST

static Suite *
number_suite (void)
{
  Suite *s = suite_create ("number");
  TCase *tc = tcase_create ("normalise");
  tcase_add_loop_test (tc, test_normalise, 0, G_N_ELEMENTS (table));
  tcase_add_loop_test (tc, test_not_number, 0, G_N_ELEMENTS (not_numbers));
  tcase_add_test (tc, test_strip_and_e164);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return jgw_test_run_suite (number_suite ());
}
