# identity module: sources into src/libjgw.la, its tests.
src_libjgw_la_SOURCES += src/identity/number.c src/identity/number.h

check_PROGRAMS += tests/check_number
tests_check_number_SOURCES = tests/check_number.c
tests_check_number_CFLAGS = $(TEST_CFLAGS)
tests_check_number_LDADD = $(TEST_LDADD)
TESTS += tests/check_number
