# jingle module: sources into src/libjgw.la, its tests.
src_libjgw_la_SOURCES += \
	src/jingle/jingle.c src/jingle/jingle.h \
	src/jingle/jingle_build.c \
	src/jingle/rtp.c src/jingle/rtp_build.c \
	src/jingle/ice_udp.c \
	src/jingle/xml.c src/jingle/xml.h \
	src/jingle/error.c \
	src/jingle/session.c src/jingle/session.h src/jingle/session_private.h \
	src/jingle/session_in.c src/jingle/session_out.c \
	src/jingle/reason.c src/jingle/reason.h \
	src/jingle/features.c src/jingle/features.h \
	src/jingle/jmi.c src/jingle/jmi.h src/jingle/jmi_private.h \
	src/jingle/jmi_in.c src/jingle/jmi_message.c
# XEP-0115 caps lives in src/xmpp but is ours (pure); listed here so that
# src/xmpp/local.mk stays untouched.
src_libjgw_la_SOURCES += src/xmpp/caps.c src/xmpp/caps.h

check_PROGRAMS += tests/check_jingle
tests_check_jingle_SOURCES = tests/check_jingle.c tests/check_jingle_util.c tests/check_jingle_util.h
tests_check_jingle_CFLAGS = $(TEST_CFLAGS)
tests_check_jingle_LDADD = $(IT_LDADD)
TESTS += tests/check_jingle

EXTRA_DIST += tests/data/jingle

check_PROGRAMS += tests/check_jingle_session
tests_check_jingle_session_SOURCES = tests/check_jingle_session.c tests/check_jingle_util.c tests/check_jingle_util.h
tests_check_jingle_session_CFLAGS = $(TEST_CFLAGS)
tests_check_jingle_session_LDADD = $(IT_LDADD)
TESTS += tests/check_jingle_session

check_PROGRAMS += tests/check_jingle_caps
tests_check_jingle_caps_SOURCES = tests/check_jingle_caps.c
tests_check_jingle_caps_CFLAGS = $(TEST_CFLAGS)
tests_check_jingle_caps_LDADD = $(TEST_LDADD)
TESTS += tests/check_jingle_caps

check_PROGRAMS += tests/check_jingle_jmi
tests_check_jingle_jmi_SOURCES = tests/check_jingle_jmi.c tests/check_jingle_util.c tests/check_jingle_util.h
tests_check_jingle_jmi_CFLAGS = $(TEST_CFLAGS)
tests_check_jingle_jmi_LDADD = $(IT_LDADD)
TESTS += tests/check_jingle_jmi

# libFuzzer targets: built and run by tests/fuzz/run-fuzzers (clang), not by configure.
EXTRA_DIST += tests/fuzz/fuzz_jingle.c tests/fuzz/fuzz_sdp.c tests/fuzz/run-fuzzers
