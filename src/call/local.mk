# call module: sources into src/libjgw.la, its tests.
src_libjgw_la_SOURCES += src/call/address.c src/call/address.h \
	src/call/router.c src/call/router.h

check_PROGRAMS += tests/check_address
tests_check_address_SOURCES = tests/check_address.c
tests_check_address_CFLAGS = $(TEST_CFLAGS)
tests_check_address_LDADD = $(TEST_LDADD)
TESTS += tests/check_address

src_libjgw_la_SOURCES += \
	src/call/calls.c src/call/calls.h src/call/call_private.h src/call/calls_watch.c src/call/call_3pcc.c src/call/call_transfer.c \
	src/call/call.c src/call/call_in.c src/call/call_out.c src/call/call_mid.c \
	src/call/call_rules.c src/call/call_rules.h

src_libjgw_la_SOURCES += src/call/call_control.c src/call/call_dial.c src/call/call_early.c
src_libjgw_la_SOURCES += src/call/call_lookup.c

# Mid-call behaviour end to end (hold, DTMF, hang-up, cancel, concurrency, media timeout).
check_PROGRAMS += tests/it_call_mid
tests_it_call_mid_SOURCES = tests/it_call_mid.c
tests_it_call_mid_CFLAGS = $(TEST_CFLAGS)
tests_it_call_mid_LDADD = $(IT_LDADD)
TESTS += tests/it_call_mid
EXTRA_DIST += tests/data/call/uas_hold_dtmf.xml tests/data/call/uac_hold_dtmf_bye.xml


# Users known only to the directory on the call path (slapd, baresip, SIPp, Jingle peer).
check_PROGRAMS += tests/it_ldap_call
tests_it_ldap_call_SOURCES = tests/it_ldap_call.c
tests_it_ldap_call_CFLAGS = $(TEST_CFLAGS)
tests_it_ldap_call_LDADD = tests/harness/libslapd.la $(IT_LDADD)
TESTS += tests/it_ldap_call
EXTRA_DIST += tests/data/call/ldap_call.ldif tests/data/call/uac_lookup.xml.in tests/data/call/uas_from_check.xml
# Media of bridged calls end to end: RFC 4733 both ways, mute, hold by senders.
check_PROGRAMS += tests/it_call_media
tests_it_call_media_SOURCES = tests/it_call_media.c
tests_it_call_media_CFLAGS = $(TEST_CFLAGS)
tests_it_call_media_LDADD = $(IT_LDADD)
TESTS += tests/it_call_media
EXTRA_DIST += tests/data/call/uas_hold_resume.xml
EXTRA_DIST += tests/data/call/uas_late_answer.xml tests/data/call/uas_early_media.xml tests/data/call/uas_info_dtmf.xml
