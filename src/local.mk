# Core: process, configuration, logging, the app that owns the subsystems.
bin_PROGRAMS += src/jinglegw
src_jinglegw_SOURCES = src/main.c
src_jinglegw_LDADD = src/libjgw.la $(DEPS_LIBS) $(LDAP_LIBS)
src_jinglegw_LDFLAGS = $(AM_LDFLAGS) -export-dynamic

src_libjgw_la_SOURCES += \
	src/app.c src/app.h \
	src/config.c src/config.h \
	src/config_check.c src/config_check.h \
	src/config_schema.c src/config_schema.h \
	src/log.c src/log.h \
	src/mdesc.c src/mdesc.h \
	src/i18n.c src/i18n.h
