/* slapd.h — a private OpenLDAP server for tests: slapd.conf and an mdb
 * database in a temp dir, loaded from an LDIF with slapadd, listening on a
 * free loopback port. Suffix dc=example,dc=org; the root DN
 * cn=admin,dc=example,dc=org has password "secret"; everyone else may read.
 * It also speaks TLS (ldaps:// and StartTLS) with the self-signed
 * certificate tests/data/identity/slapd-cert.pem for 127.0.0.1.
 * Stopped by jgw_test_cleanup() like every harness process. */
#pragma once

#include "harness/harness.h"

G_BEGIN_DECLS

typedef struct {
  JgwTestProc *proc; /* NULL while stopped */
  char *dir;         /* owned */
  char *conf;        /* owned: path of slapd.conf */
  char *uri;         /* owned: ldap://127.0.0.1:PORT */
  char *ldaps_uri;   /* owned: ldaps://127.0.0.1:TLS_PORT */
  const char *ca_file; /* the certificate to trust (harness-owned path) */
  guint16 port, tls_port;
} JgwTestSlapd;

#define JGW_TEST_SLAPD_SUFFIX "dc=example,dc=org"
#define JGW_TEST_SLAPD_ROOTDN "cn=admin,dc=example,dc=org"
#define JGW_TEST_SLAPD_ROOTPW "secret"

/** Set up a directory from LDIF (a path) and start slapd; aborts the test on failure. */
JgwTestSlapd *jgw_test_slapd_start (const char *ldif);
/** Stop slapd (the data stays). */
void jgw_test_slapd_stop (JgwTestSlapd *slapd);
/** Start it again on the same port with the same data; waits until it accepts. */
void jgw_test_slapd_restart (JgwTestSlapd *slapd);
/** Stop if running and free. */
void jgw_test_slapd_free (JgwTestSlapd *slapd);

G_END_DECLS
