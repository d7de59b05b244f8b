# sip module: sources into src/libjgw.la, its tests.
src_libjgw_la_SOURCES += \
	src/sip/sip.h src/sip/sip_private.h src/sip/sip_util.h \
	src/sip/ua.c src/sip/register.c \
	src/sip/call_out.c src/sip/call_in.c src/sip/call_mid.c \
	src/sip/sip_util.c src/sip/status.c

check_PROGRAMS += tests/check_sip_util
tests_check_sip_util_SOURCES = tests/check_sip_util.c
tests_check_sip_util_CFLAGS = $(TEST_CFLAGS)
tests_check_sip_util_LDADD = $(TEST_LDADD)
TESTS += tests/check_sip_util

EXTRA_DIST += tests/data/sip
