# xmpp module: sources into src/libjgw.la, its tests.
src_libjgw_la_SOURCES += \
	src/xmpp/jid.c src/xmpp/jid.h
src_libjgw_la_SOURCES += \
	src/xmpp/component.c src/xmpp/component.h \
	src/xmpp/disco.c src/xmpp/disco.h \
	src/xmpp/dispatch.c src/xmpp/dispatch.h \
	src/xmpp/stanza.c src/xmpp/stanza.h \
	src/xmpp/strophe_compat.c src/xmpp/strophe_compat.h \
	src/xmpp/strophe_source.c src/xmpp/strophe_source.h
src_libjgw_la_SOURCES += \
	src/xmpp/iq_tracker.c src/xmpp/iq_tracker.h \
	src/xmpp/presence.c src/xmpp/presence.h
src_libjgw_la_SOURCES += src/xmpp/iq_gateway.c src/xmpp/iq_gateway.h
src_libjgw_la_SOURCES += \
	src/xmpp/adhoc.c src/xmpp/adhoc.h \
	src/xmpp/form.c src/xmpp/form.h
src_libjgw_la_SOURCES += src/xmpp/register.c src/xmpp/register.h
src_libjgw_la_SOURCES += src/xmpp/extdisco.c src/xmpp/extdisco.h
check_PROGRAMS += tests/check_extdisco
tests_check_extdisco_SOURCES = tests/check_extdisco.c
tests_check_extdisco_CFLAGS = $(TEST_CFLAGS)
tests_check_extdisco_LDADD = $(TEST_LDADD)
TESTS += tests/check_extdisco
