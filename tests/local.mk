# Test harness and the suites of the core.
EXTRA_DIST += tests/run-test tests/lsan.supp tests/data/adhoc/de.po

check_PROGRAMS += tests/check_config tests/check_jid tests/check_xmpp tests/check_adhoc
tests_check_adhoc_SOURCES = tests/check_adhoc.c
tests_check_adhoc_CFLAGS = $(TEST_CFLAGS)
tests_check_adhoc_LDADD = $(TEST_LDADD)
tests_check_xmpp_SOURCES = tests/check_xmpp.c
tests_check_xmpp_CFLAGS = $(TEST_CFLAGS)
tests_check_xmpp_LDADD = $(TEST_LDADD)
tests_check_config_SOURCES = tests/check_config.c
tests_check_config_CFLAGS = $(TEST_CFLAGS)
tests_check_config_LDADD = $(TEST_LDADD)
tests_check_jid_SOURCES = tests/check_jid.c
tests_check_jid_CFLAGS = $(TEST_CFLAGS)
tests_check_jid_LDADD = $(TEST_LDADD)
TESTS += tests/check_config tests/check_jid tests/check_xmpp tests/check_adhoc

# Shared by integration suites: temp dirs, ports, peers, bounded waits.
noinst_LTLIBRARIES += tests/harness/libharness.la
tests_harness_libharness_la_SOURCES = \
	tests/harness/harness.c tests/harness/harness.h \
	tests/harness/gateway.c tests/harness/gateway.h \
	tests/harness/prosody.c tests/harness/prosody.h \
	tests/harness/xmpp_client.c tests/harness/xmpp_client.h \
	tests/harness/fixture.c tests/harness/fixture.h \
	tests/harness/jingle_peer.c tests/harness/jingle_peer.h \
	tests/harness/baresip.c tests/harness/baresip.h \
	tests/harness/sipp.c tests/harness/sipp.h \
	tests/harness/kamailio.c tests/harness/kamailio.h \
	tests/harness/tone.c tests/harness/tone.h \
	tests/harness/wav.c tests/harness/wav.h \
	tests/harness/suite.h
tests_harness_libharness_la_CFLAGS = $(TEST_CFLAGS)
# Integration suites link this instead of TEST_LDADD.
IT_LDADD = tests/harness/libharness.la $(TEST_LDADD)

check_PROGRAMS += tests/it_component
tests_it_component_SOURCES = tests/it_component.c
tests_it_component_CFLAGS = $(TEST_CFLAGS)
tests_it_component_LDADD = $(IT_LDADD)
TESTS += tests/it_component

check_PROGRAMS += tests/it_presence
tests_it_presence_SOURCES = tests/it_presence.c
tests_it_presence_CFLAGS = $(TEST_CFLAGS)
tests_it_presence_LDADD = $(IT_LDADD)
TESTS += tests/it_presence

check_PROGRAMS += tests/it_cli
tests_it_cli_SOURCES = tests/it_cli.c
tests_it_cli_CFLAGS = $(TEST_CFLAGS)
tests_it_cli_LDADD = $(IT_LDADD)
TESTS += tests/it_cli

check_PROGRAMS += tests/it_register
tests_it_register_SOURCES = tests/it_register.c
tests_it_register_CFLAGS = $(TEST_CFLAGS)
tests_it_register_LDADD = $(IT_LDADD)
TESTS += tests/it_register

check_PROGRAMS += tests/it_call
tests_it_call_SOURCES = tests/it_call.c
tests_it_call_CFLAGS = $(TEST_CFLAGS)
tests_it_call_LDADD = $(IT_LDADD)
TESTS += tests/it_call
