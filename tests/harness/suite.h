/* suite.h — the one main() runner of every Check program. Header-only so
 * unit tests (linked without libharness) can use it as well. */
#pragma once

#include <check.h>
#include <gst/gst.h>
#include <stdlib.h>
#include <unistd.h>

/* Only in ASan builds. */
extern void __lsan_do_leak_check (void) __attribute__ ((weak));

static inline void
jgw_test_exit_now (int status, void *data)
{
  if (__lsan_do_leak_check)
    __lsan_do_leak_check ();
  _exit (status);
}

/** Checked setup of suites that run GStreamer pipelines in the test
 * process: each forked test initialises its own (a fork after GStreamer's
 * threads exist left GLib's thread keys broken). */
static inline void
jgw_test_gst_setup (void)
{
  gst_init (NULL, NULL);
}

/* For suites whose leaks LeakSanitizer must tell from GLib's deliberate
 * one-off allocations (tests/lsan.supp): GLib and GStreamer are built
 * without frame pointers, so the fast unwinder stops at g_malloc. Slower,
 * hence only where asked for: put JGW_TEST_FULL_UNWIND at file scope. */
#if defined(__SANITIZE_ADDRESS__)
#define JGW_TEST_FULL_UNWIND                                                                     \
  const char *__asan_default_options (void);                                                   \
  const char *__asan_default_options (void) { return "fast_unwind_on_malloc=0"; }
#else
#define JGW_TEST_FULL_UNWIND
#endif

/** Checked teardown of suites that run GStreamer pipelines in the test
 * process. Each test runs in a forked child that exits right after it,
 * while a GStreamer pool thread may still be finishing a task of a freed
 * pipeline: the libraries' destructors (run by exit) then pull GLib's
 * thread-private data from under it and it aborts. The child ends without
 * destructors, after LeakSanitizer's check. */
static inline void
jgw_test_gst_teardown (void)
{
  on_exit (jgw_test_exit_now, NULL);
}

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
