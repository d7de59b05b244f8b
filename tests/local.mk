# Test harness and the suites of the core.
EXTRA_DIST += tests/run-test tests/lsan.supp

check_PROGRAMS += tests/check_config tests/check_jid
tests_check_config_SOURCES = tests/check_config.c
tests_check_config_CFLAGS = $(TEST_CFLAGS)
tests_check_config_LDADD = $(TEST_LDADD)
tests_check_jid_SOURCES = tests/check_jid.c
tests_check_jid_CFLAGS = $(TEST_CFLAGS)
tests_check_jid_LDADD = $(TEST_LDADD)
TESTS += tests/check_config tests/check_jid
