/* suite.h — the one main() runner of every Check program. Header-only so
 * unit tests (linked without libharness) can use it as well. */
#pragma once

#include <check.h>

/** Run S (taking ownership) with Check's defaults; the process exit code. */
static inline int
jgw_test_run_suite (Suite *s)
{
  SRunner *sr = srunner_create (s);
  srunner_run_all (sr, CK_NORMAL);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? 0 : 1;
}
