# sip module: sources into src/libjgw.la, its tests.
src_libjgw_la_SOURCES += \
	src/sip/sip.h src/sip/sip_private.h src/sip/sip_util.h \
	src/sip/ua.c src/sip/register.c \
	src/sip/call_out.c src/sip/call_in.c src/sip/call_mid.c \
	src/sip/call_3pcc.c src/sip/sip_3pcc.h \
	src/sip/sip_util.c src/sip/status.c src/sip/call_redirect.c \
	src/sip/subscribe.c src/sip/sip_events.c src/sip/sip_events.h

check_PROGRAMS += tests/check_sip_util
tests_check_sip_util_SOURCES = tests/check_sip_util.c
tests_check_sip_util_CFLAGS = $(TEST_CFLAGS)
tests_check_sip_util_LDADD = $(TEST_LDADD)
TESTS += tests/check_sip_util

check_PROGRAMS += tests/check_sip_events
tests_check_sip_events_SOURCES = tests/check_sip_events.c
tests_check_sip_events_CFLAGS = $(TEST_CFLAGS)
tests_check_sip_events_LDADD = $(TEST_LDADD)
TESTS += tests/check_sip_events

EXTRA_DIST += tests/data/sip

check_PROGRAMS += tests/it_sip_register
tests_it_sip_register_SOURCES = tests/it_sip_register.c
tests_it_sip_register_CFLAGS = $(TEST_CFLAGS)
tests_it_sip_register_LDADD = $(IT_LDADD)
TESTS += tests/it_sip_register

check_PROGRAMS += tests/it_sip_call
tests_it_sip_call_SOURCES = tests/it_sip_call.c
tests_it_sip_call_CFLAGS = $(TEST_CFLAGS)
tests_it_sip_call_LDADD = $(IT_LDADD)
TESTS += tests/it_sip_call

check_PROGRAMS += tests/it_sip_malformed
tests_it_sip_malformed_SOURCES = tests/it_sip_malformed.c
tests_it_sip_malformed_CFLAGS = $(TEST_CFLAGS)
tests_it_sip_malformed_LDADD = $(IT_LDADD)
TESTS += tests/it_sip_malformed

check_PROGRAMS += tests/it_sip_tls
tests_it_sip_tls_SOURCES = tests/it_sip_tls.c
tests_it_sip_tls_CFLAGS = $(TEST_CFLAGS)
tests_it_sip_tls_LDADD = $(IT_LDADD)
TESTS += tests/it_sip_tls

check_PROGRAMS += tests/it_sip_baresip
tests_it_sip_baresip_SOURCES = tests/it_sip_baresip.c
tests_it_sip_baresip_CFLAGS = $(TEST_CFLAGS)
tests_it_sip_baresip_LDADD = $(IT_LDADD)
TESTS += tests/it_sip_baresip
