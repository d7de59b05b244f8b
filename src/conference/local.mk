# conference module: the mixer (src/media/mixer*), conferences, the
# `conference` command family, and their end-to-end test.
src_libjgw_la_SOURCES += \
	src/media/mixer.c src/media/mixer.h src/media/mixer-private.h src/media/mixer_leg.c \
	src/media/mixer_xmpp.c \
	src/conference/conference.c src/conference/conference.h \
	src/conference/conference_private.h src/conference/participant.c \
	src/conference/participant_xmpp.c \
	src/commands/cmd_conference.c

check_PROGRAMS += tests/it_conference
tests_it_conference_SOURCES = tests/it_conference.c tests/conference_util.c tests/conference_util.h
tests_it_conference_CFLAGS = $(TEST_CFLAGS)
tests_it_conference_LDADD = $(IT_LDADD)
TESTS += tests/it_conference

check_PROGRAMS += tests/it_conference_xmpp
tests_it_conference_xmpp_SOURCES = tests/it_conference_xmpp.c tests/conference_util.c tests/conference_util.h
tests_it_conference_xmpp_CFLAGS = $(TEST_CFLAGS)
tests_it_conference_xmpp_LDADD = $(IT_LDADD)
TESTS += tests/it_conference_xmpp
