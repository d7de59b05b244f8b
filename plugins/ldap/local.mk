# LDAP directory/identity plugin: ldap.so, needing nothing from the core
# but what the host struct passes (-no-undefined proves it).
pkglib_LTLIBRARIES += plugins/ldap/ldap.la
plugins_ldap_ldap_la_SOURCES = \
	plugins/ldap/ldap_plugin.c \
	plugins/ldap/ldap_conn.c plugins/ldap/ldap_conn.h plugins/ldap/ldap_conn_priv.h \
	plugins/ldap/ldap_op.c \
	plugins/ldap/ldap_config.c \
	plugins/ldap/ldap_map.c plugins/ldap/ldap_map.h
plugins_ldap_ldap_la_CFLAGS = $(AM_CFLAGS) $(GLIB_CFLAGS) $(LDAP_CFLAGS)
plugins_ldap_ldap_la_LDFLAGS = $(AM_LDFLAGS) -module -avoid-version -no-undefined
plugins_ldap_ldap_la_LIBADD = $(GLIB_LIBS) $(LDAP_LIBS)

# Against a real slapd on loopback.
noinst_LTLIBRARIES += tests/harness/libslapd.la
tests_harness_libslapd_la_SOURCES = tests/harness/slapd.c tests/harness/slapd.h
tests_harness_libslapd_la_CFLAGS = $(TEST_CFLAGS)

check_PROGRAMS += tests/it_ldap
tests_it_ldap_SOURCES = tests/it_ldap.c
tests_it_ldap_CFLAGS = $(TEST_CFLAGS)
tests_it_ldap_LDADD = tests/harness/libslapd.la $(IT_LDADD)
TESTS += tests/it_ldap
EXTRA_DIST += tests/data/identity/directory.ldif \
	tests/data/identity/slapd-cert.pem tests/data/identity/slapd-key.pem
