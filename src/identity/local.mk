# identity module: sources into src/libjgw.la, its tests.
src_libjgw_la_SOURCES += src/identity/number.c src/identity/number.h

check_PROGRAMS += tests/check_number
tests_check_number_SOURCES = tests/check_number.c
tests_check_number_CFLAGS = $(TEST_CFLAGS)
tests_check_number_LDADD = $(TEST_LDADD)
TESTS += tests/check_number
src_libjgw_la_SOURCES += \
	src/identity/keys.c src/identity/keys.h \
	src/identity/dialplan.c src/identity/dialplan.h

check_PROGRAMS += tests/check_dialplan
tests_check_dialplan_SOURCES = tests/check_dialplan.c
tests_check_dialplan_CFLAGS = $(TEST_CFLAGS)
tests_check_dialplan_LDADD = $(TEST_LDADD)
TESTS += tests/check_dialplan

src_libjgw_la_SOURCES += \
	src/identity/store.c src/identity/store.h src/identity/store_priv.h \
	src/identity/store_accounts.c src/identity/store_calls.c

check_PROGRAMS += tests/check_store
tests_check_store_SOURCES = tests/check_store.c
tests_check_store_CFLAGS = $(TEST_CFLAGS)
tests_check_store_LDADD = $(IT_LDADD)
TESTS += tests/check_store

# The plugin loader and its public header (kept here with the directory
# backends it serves; the header is installed for out-of-tree plugins).
src_libjgw_la_SOURCES += src/plugin.c src/plugin.h include/jinglegw/plugin.h
jinglegwincludedir = $(includedir)/jinglegw
jinglegwinclude_HEADERS = include/jinglegw/plugin.h

# Test plugins: -no-undefined proves they need nothing from the core.
TEST_PLUGIN_FLAGS = -module -avoid-version -no-undefined -rpath /nowhere
check_LTLIBRARIES += tests/plugins/testdir.la tests/plugins/testfail.la \
	tests/plugins/testabi.la tests/plugins/testnosym.la
tests_plugins_testdir_la_SOURCES = tests/plugins/test_plugin.c
tests_plugins_testdir_la_CPPFLAGS = $(AM_CPPFLAGS) -DTEST_GOOD -DTEST_NAME='"testdir"'
tests_plugins_testdir_la_LDFLAGS = $(AM_LDFLAGS) $(TEST_PLUGIN_FLAGS)
tests_plugins_testdir_la_LIBADD = $(GLIB_LIBS)
tests_plugins_testfail_la_SOURCES = tests/plugins/test_plugin.c
tests_plugins_testfail_la_CPPFLAGS = $(AM_CPPFLAGS) -DTEST_FAIL -DTEST_NAME='"testfail"'
tests_plugins_testfail_la_LDFLAGS = $(AM_LDFLAGS) $(TEST_PLUGIN_FLAGS)
tests_plugins_testfail_la_LIBADD = $(GLIB_LIBS)
tests_plugins_testabi_la_SOURCES = tests/plugins/test_plugin.c
tests_plugins_testabi_la_CPPFLAGS = $(AM_CPPFLAGS) -DTEST_ABI -DTEST_NAME='"testabi"'
tests_plugins_testabi_la_LDFLAGS = $(AM_LDFLAGS) $(TEST_PLUGIN_FLAGS)
tests_plugins_testabi_la_LIBADD = $(GLIB_LIBS)
tests_plugins_testnosym_la_SOURCES = tests/plugins/test_plugin.c
tests_plugins_testnosym_la_CPPFLAGS = $(AM_CPPFLAGS) -DTEST_NOSYM -DTEST_NAME='"testnosym"'
tests_plugins_testnosym_la_LDFLAGS = $(AM_LDFLAGS) $(TEST_PLUGIN_FLAGS)
tests_plugins_testnosym_la_LIBADD = $(GLIB_LIBS)

check_PROGRAMS += tests/check_plugin
tests_check_plugin_SOURCES = tests/check_plugin.c
tests_check_plugin_CFLAGS = $(TEST_CFLAGS)
tests_check_plugin_LDADD = $(IT_LDADD)
TESTS += tests/check_plugin

src_libjgw_la_SOURCES += \
	src/identity/identity.c src/identity/identity.h src/identity/identity_priv.h \
	src/identity/identity_directory.c \
	src/identity/identity_local.c src/identity/identity_local.h

check_PROGRAMS += tests/check_identity
tests_check_identity_SOURCES = tests/check_identity.c
tests_check_identity_CFLAGS = $(TEST_CFLAGS)
tests_check_identity_LDADD = $(IT_LDADD)
TESTS += tests/check_identity

# In-band registration (XEP-0077) down to a real REGISTER at Kamailio.
check_PROGRAMS += tests/it_register_kamailio
tests_it_register_kamailio_SOURCES = tests/it_register_kamailio.c
tests_it_register_kamailio_CFLAGS = $(TEST_CFLAGS)
tests_it_register_kamailio_LDADD = $(IT_LDADD)
TESTS += tests/it_register_kamailio
