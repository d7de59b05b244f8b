/* check_dialplan.c — [dialplan] and [route:*]: validation messages that
 * name file, group and key; normalise-then-route tables; blocked prefixes. */
#include <check.h>
#include <glib.h>
#include <string.h>

#include "identity/dialplan.h"
#include "harness/suite.h"

#define PLAN                                          \
  "[dialplan]\n"                                      \
  "country-code = 49\n"                               \
  "blocked-prefixes = 0900, +49137, 0049 180 6\n"     \
  "[route:default]\n"                                 \
  "target = sip:127.0.0.1:5060\n"                     \
  "[route:+49]\n"                                     \
  "target = sip:trunk@192.0.2.10\n"                   \
  "profile = off-net\n"                               \
  "caller-id = +49 30 1234560\n"                      \
  "strip = 3\n"                                       \
  "prepend = 0\n"                                     \
  "[route:030]\n"                                     \
  "target = sip:192.0.2.20:5060\n"                    \
  "profile = on-net\n"                                \
  "[route:1]\n"                                       \
  "target = registrar\n"                              \
  "codecs = opus, pcma\n"                             \
  "ice = yes\n"                                       \
  "[route:*]\n"                                       \
  "caller-id = anonymous\n"                           \
  "[route:+1]\n"                                      \
  "profile = off-net\n"                               \
  "codecs = PCMU\n"                                   \
  "caller-id = number\n"

static JgwDialplan *
load (const char *text, GError **error)
{
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_assert_true (g_key_file_load_from_data (kf, text, (gsize) -1, G_KEY_FILE_NONE, NULL));
  return jgw_dialplan_new (kf, "test.conf", error);
}

static const struct {
  const char *country; /* the user's own country code, or NULL */
  const char *dialled;
  const char *number;  /* normalised */
  const char *prefix;  /* of the chosen route; NULL: blocked */
  const char *sent;    /* the number after strip/prepend */
} route_table[] = {
  { NULL, "030 123456", "+4930123456", "+4930", "+4930123456" },
  { NULL, "+49 (0)30 1234-56", "+4930123456", "+4930", "+4930123456" },
  { NULL, "089 12345", "+498912345", "+49", "08912345" },
  { NULL, "0171 1234567", "+491711234567", "+49", "01711234567" },
  { NULL, "+41 44 668 18 00", "+41446681800", "", "+41446681800" },
  { NULL, "00 44 20 7946 0958", "+442079460958", "", "+442079460958" },
  { NULL, "+48 601 234 567", "+48601234567", "", "+48601234567" },
  { NULL, "+1 212 555 0100", "+12125550100", "+1", "+12125550100" },
  { NULL, "1000", "1000", "1", "1000" },
  { NULL, "*21#", "*21#", "*", "*21#" },
  { NULL, "0900 123456", "+49900123456", NULL, NULL },
  { NULL, "+49 137 1234", "+491371234", NULL, NULL },
  { NULL, "0180 6 123", "+491806123", NULL, NULL },
  /* A user in Switzerland: "044 ..." is Zurich, not Germany. */
  { "41", "044 668 18 00", "+41446681800", "", "+41446681800" },
  /* ...and a Swiss user dialling a German number internationally. */
  { "41", "0049 30 123456", "+4930123456", "+4930", "+4930123456" },
  { "44", "020 7946 0958", "+442079460958", "", "+442079460958" },
};

START_TEST (test_route)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JgwDialplan) dp = load (PLAN, &error);
  ck_assert_msg (dp != NULL, "%s", error ? error->message : "");
  JgwNumberPlan np;
  jgw_dialplan_number_plan (dp, route_table[_i].country, &np);
  g_autofree char *n = jgw_number_normalise (route_table[_i].dialled, &np);
  ck_assert_str_eq (n, route_table[_i].number);
  const JgwRoute *r = jgw_dialplan_route (dp, n, &error);
  if (route_table[_i].prefix == NULL)
    {
      ck_assert_ptr_null (r);
      ck_assert (g_error_matches (error, JGW_DIALPLAN_ERROR, JGW_DIALPLAN_ERROR_BLOCKED));
      ck_assert_msg (strstr (error->message, "blocked") && strstr (error->message, n), "%s",
                     error->message);
      return;
    }
  ck_assert_msg (r != NULL, "%s", error ? error->message : "");
  ck_assert_str_eq (r->prefix, route_table[_i].prefix);
  g_autofree char *sent = jgw_route_apply (r, n);
  ck_assert_str_eq (sent, route_table[_i].sent);
}
END_TEST

START_TEST (test_profiles)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JgwDialplan) dp = load (PLAN, &error);
  ck_assert_ptr_nonnull (dp);
  const JgwRoute *on = jgw_dialplan_route (dp, "+4930123", NULL);
  ck_assert_str_eq (on->profile, "on-net");
  ck_assert_str_eq (on->codecs[0], "opus");
  ck_assert_ptr_null (on->codecs[1]);
  ck_assert_int_eq (on->srtp, JGW_SRTP_REQUIRED);
  ck_assert (on->ice);
  ck_assert_str_eq (on->target, "sip:192.0.2.20:5060");
  ck_assert_int_eq (on->caller_id, JGW_CALLER_ID_USER);

  const JgwRoute *off = jgw_dialplan_route (dp, "+4989123", NULL);
  ck_assert_str_eq (off->codecs[0], "PCMA");
  ck_assert_str_eq (off->codecs[1], "PCMU");
  ck_assert_int_eq (off->srtp, JGW_SRTP_OFF);
  ck_assert (!off->ice);
  ck_assert_int_eq (off->caller_id, JGW_CALLER_ID_FIXED);
  ck_assert_str_eq (off->caller_id_value, "+49 30 1234560");

  const JgwRoute *internal = jgw_dialplan_route (dp, "1000", NULL);
  ck_assert (internal->via_registrar);
  ck_assert_ptr_null (internal->target);
  ck_assert_str_eq (internal->codecs[1], "PCMA"); /* canonical spelling */
  ck_assert_int_eq (internal->srtp, JGW_SRTP_OPTIONAL);
  ck_assert (internal->ice);

  const JgwRoute *us = jgw_dialplan_route (dp, "+12125550100", NULL);
  ck_assert_str_eq (us->codecs[0], "PCMU"); /* codecs override the profile */
  ck_assert_int_eq (us->caller_id, JGW_CALLER_ID_NUMBER);
  ck_assert_int_eq (jgw_dialplan_route (dp, "*31#", NULL)->caller_id, JGW_CALLER_ID_ANONYMOUS);
  ck_assert_uint_eq (jgw_dialplan_routes (dp)->len, 6);
}
END_TEST

START_TEST (test_user_profile)
{
  g_autoptr (JgwDialplan) dp = load (PLAN, NULL);
  const JgwRoute *off = jgw_dialplan_route (dp, "+4989123", NULL);
  g_autoptr (JgwRoute) on = jgw_route_with_profile (off, "on-net");
  ck_assert_str_eq (on->codecs[0], "opus");
  ck_assert_int_eq (on->srtp, JGW_SRTP_REQUIRED);
  ck_assert (on->ice);
  /* where the call goes and who it claims to be stay the route's */
  ck_assert_str_eq (on->target, off->target);
  ck_assert_str_eq (on->caller_id_value, off->caller_id_value);
  g_autofree char *sent = jgw_route_apply (on, "+4989123");
  ck_assert_str_eq (sent, "089123");
  ck_assert_ptr_null (jgw_route_with_profile (off, "lan"));
}
END_TEST

START_TEST (test_defaults)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JgwDialplan) dp = load ("[other]\nx = 1\n", &error);
  ck_assert_ptr_nonnull (dp);
  JgwNumberPlan np;
  jgw_dialplan_number_plan (dp, NULL, &np);
  ck_assert_ptr_null (np.country_code);
  ck_assert_str_eq (np.international_prefix, "00");
  ck_assert_str_eq (np.national_prefix, "0");
  ck_assert (!np.us_international);
  const JgwRoute *r = jgw_dialplan_route (dp, "+4930123", &error);
  ck_assert_str_eq (r->prefix, "");
  ck_assert_str_eq (r->profile, "default");
  ck_assert_ptr_null (r->target);
  ck_assert_str_eq (r->codecs[0], "opus");
  ck_assert_int_eq (r->srtp, JGW_SRTP_OPTIONAL);
  ck_assert_uint_eq (jgw_dialplan_routes (dp)->len, 0);
}
END_TEST

START_TEST (test_us_plan)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JgwDialplan) dp = load ("[dialplan]\ncountry-code = 1\ninternational-prefix = 011\n"
                                     "national-prefix = 1\nus-international-prefix = on\n",
                                     &error);
  ck_assert_msg (dp != NULL, "%s", error ? error->message : "");
  JgwNumberPlan np;
  jgw_dialplan_number_plan (dp, NULL, &np);
  g_autofree char *a = jgw_number_normalise ("011 49 30 123456", &np);
  ck_assert_str_eq (a, "+4930123456");
  g_autofree char *b = jgw_number_normalise ("1 (212) 555-0100", &np);
  ck_assert_str_eq (b, "+12125550100");
}
END_TEST

static const struct {
  const char *text, *expect;
} bad_table[] = {
  { "[dialplan]\ncountry-code = 4x9\n", "test.conf: [dialplan] country-code: '4x9' is not 1 to 3 digits" },
  { "[dialplan]\ncountry-code = 4912\n", "test.conf: [dialplan] country-code: '4912' is not 1 to 3 digits" },
  { "[dialplan]\ninternational-prefix = +\n", "test.conf: [dialplan] international-prefix: '+'" },
  { "[dialplan]\nus-international-prefix = maybe\n",
    "test.conf: [dialplan] us-international-prefix: 'maybe' is not one of" },
  { "[dialplan]\nblocked-prefixes = 0900, premium\n",
    "test.conf: [dialplan] blocked-prefixes: 'premium' is not a number prefix" },
  { "[route:abc]\n", "test.conf: [route:abc] (group name): 'abc' is not a number prefix or 'default'" },
  { "[route:+49]\ntarget = http://example.com\n",
    "test.conf: [route:+49] target: 'http://example.com' is not a SIP URI or 'registrar'" },
  { "[route:+49]\ncodecs = opus, speex\n", "test.conf: [route:+49] codecs: unknown codec 'speex'" },
  { "[route:+49]\ncodecs = ,\n", "test.conf: [route:+49] codecs: needs at least one codec" },
  { "[route:+49]\nsrtp = maybe\n", "test.conf: [route:+49] srtp: 'maybe' is not one of off|optional|required" },
  { "[route:+49]\nprofile = lan\n", "test.conf: [route:+49] profile: 'lan' is not one of default|on-net|off-net" },
  { "[route:+49]\nice = sometimes\n", "test.conf: [route:+49] ice: 'sometimes' is not one of" },
  { "[route:+49]\nstrip = 99\n", "test.conf: [route:+49] strip: '99' is not a number from 0 to 15" },
  { "[route:+49]\ncaller-id = somebody\n", "test.conf: [route:+49] caller-id: 'somebody' is not user, number" },
  { "[route:+49]\nprepend = 0a\n", "test.conf: [route:+49] prepend: '0a' is not up to 8 digits" },
};

START_TEST (test_bad)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JgwDialplan) dp = load (bad_table[_i].text, &error);
  ck_assert_ptr_null (dp);
  ck_assert (g_error_matches (error, JGW_DIALPLAN_ERROR, JGW_DIALPLAN_ERROR_CONFIG));
  ck_assert_msg (strstr (error->message, bad_table[_i].expect), "got: %s", error->message);
}
END_TEST

START_TEST (test_all_errors_at_once)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JgwDialplan) dp
      = load ("[dialplan]\ncountry-code = x\n[route:+49]\nsrtp = no\nstrip = -1\n", &error);
  ck_assert_ptr_null (dp);
  ck_assert (strstr (error->message, "[dialplan] country-code"));
  ck_assert (strstr (error->message, "[route:+49] srtp"));
  ck_assert (strstr (error->message, "[route:+49] strip"));
}
END_TEST

START_TEST (test_example_file)
{
  g_autofree char *path = g_build_filename (JGW_TOP_SRCDIR, "conf", "jinglegw.conf.example", NULL);
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  ck_assert (g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, NULL));
  g_autoptr (GError) error = NULL;
  g_autoptr (JgwDialplan) dp = jgw_dialplan_new (kf, path, &error);
  ck_assert_msg (dp != NULL, "%s", error ? error->message : "");
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("dialplan");
  TCase *tc = tcase_create ("dialplan");
  tcase_add_loop_test (tc, test_route, 0, G_N_ELEMENTS (route_table));
  tcase_add_test (tc, test_profiles);
  tcase_add_test (tc, test_user_profile);
  tcase_add_test (tc, test_defaults);
  tcase_add_test (tc, test_us_plan);
  tcase_add_loop_test (tc, test_bad, 0, G_N_ELEMENTS (bad_table));
  tcase_add_test (tc, test_all_errors_at_once);
  tcase_add_test (tc, test_example_file);
  suite_add_tcase (s, tc);
  return jgw_test_run_suite (s);
}
