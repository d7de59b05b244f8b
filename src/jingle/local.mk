# jingle module: sources into src/libjgw.la, its tests and fuzz targets.
src_libjgw_la_SOURCES += \
	src/jingle/jingle.c src/jingle/jingle.h \
	src/jingle/jingle_build.c \
	src/jingle/rtp.c src/jingle/rtp_build.c \
	src/jingle/ice_udp.c \
	src/jingle/xml.c src/jingle/xml.h \
	src/jingle/error.c \
	src/jingle/reason.c src/jingle/reason.h \
	src/jingle/session.c src/jingle/session.h src/jingle/session_private.h \
	src/jingle/session_in.c src/jingle/session_out.c \
	src/jingle/jmi.c src/jingle/jmi.h src/jingle/jmi_private.h \
	src/jingle/jmi_in.c src/jingle/jmi_message.c \
	src/jingle/features.c src/jingle/features.h
# XEP-0115 caps lives in src/xmpp but is ours (pure); listed here so that
# src/xmpp/local.mk stays untouched.
src_libjgw_la_SOURCES += src/xmpp/caps.c src/xmpp/caps.h

JINGLE_TEST_UTIL = tests/check_jingle_util.c tests/check_jingle_util.h

check_PROGRAMS += tests/check_jingle tests/check_jingle_session tests/check_jingle_jmi tests/check_jingle_caps
TESTS += tests/check_jingle tests/check_jingle_session tests/check_jingle_jmi tests/check_jingle_caps

tests_check_jingle_SOURCES = tests/check_jingle.c $(JINGLE_TEST_UTIL)
tests_check_jingle_CFLAGS = $(TEST_CFLAGS)
tests_check_jingle_LDADD = $(IT_LDADD)

tests_check_jingle_session_SOURCES = tests/check_jingle_session.c $(JINGLE_TEST_UTIL)
tests_check_jingle_session_CFLAGS = $(TEST_CFLAGS)
tests_check_jingle_session_LDADD = $(IT_LDADD)

tests_check_jingle_jmi_SOURCES = tests/check_jingle_jmi.c $(JINGLE_TEST_UTIL)
tests_check_jingle_jmi_CFLAGS = $(TEST_CFLAGS)
tests_check_jingle_jmi_LDADD = $(IT_LDADD)

tests_check_jingle_caps_SOURCES = tests/check_jingle_caps.c
tests_check_jingle_caps_CFLAGS = $(TEST_CFLAGS)
tests_check_jingle_caps_LDADD = $(TEST_LDADD)

# Captured stanzas and SDP (README says where each comes from); also fuzz seeds.
EXTRA_DIST += tests/data/jingle
# libFuzzer targets: built and run by tests/fuzz/run-fuzzers (clang), not by configure.
EXTRA_DIST += tests/fuzz/fuzz_jingle.c tests/fuzz/fuzz_sdp.c tests/fuzz/run-fuzzers
