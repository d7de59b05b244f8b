# identity module: sources into src/libjgw.la, its tests.
src_libjgw_la_SOURCES += src/identity/number.c src/identity/number.h

check_PROGRAMS += tests/check_number
tests_check_number_SOURCES = tests/check_number.c
tests_check_number_CFLAGS = $(TEST_CFLAGS)
tests_check_number_LDADD = $(TEST_LDADD)
TESTS += tests/check_number
src_libjgw_la_SOURCES += \
	src/identity/keys.c src/identity/keys.h \
	src/identity/dialplan.c src/identity/dialplan.h

check_PROGRAMS += tests/check_dialplan
tests_check_dialplan_SOURCES = tests/check_dialplan.c
tests_check_dialplan_CFLAGS = $(TEST_CFLAGS)
tests_check_dialplan_LDADD = $(TEST_LDADD)
TESTS += tests/check_dialplan

src_libjgw_la_SOURCES += \
	src/identity/store.c src/identity/store.h src/identity/store_priv.h \
	src/identity/store_accounts.c src/identity/store_calls.c

check_PROGRAMS += tests/check_store
tests_check_store_SOURCES = tests/check_store.c
tests_check_store_CFLAGS = $(TEST_CFLAGS)
tests_check_store_LDADD = $(IT_LDADD)
TESTS += tests/check_store
