# xmpp module: sources into src/libjgw.la, its tests.
src_libjgw_la_SOURCES += \
	src/xmpp/jid.c src/xmpp/jid.h
