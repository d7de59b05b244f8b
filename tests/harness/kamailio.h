/* kamailio.h — a Kamailio registrar/proxy with digest auth for tests, on a
 * free loopback port in a temp dir, from tests/data/sip/kamailio.cfg.in.
 * Freed by jgw_test_kamailio_free(); its process also dies at
 * jgw_test_cleanup(). */
#pragma once

#include "harness/harness.h"

G_BEGIN_DECLS

typedef struct {
  JgwTestProc *proc;
  guint16 port;
  char *dir;      /* owned by the harness */
  char *cfg;      /* path, owned by the harness */
  char *uri;      /* "sip:127.0.0.1:PORT", owned */
} JgwTestKamailio;

/** Start Kamailio; USERS is "user:password" pairs (NULL-terminated);
 * MAX_EXPIRES caps registrations (s). Fails the test if it does not come up. */
JgwTestKamailio *jgw_test_kamailio_start (const char *const *users, guint max_expires);
/** Stop it (SIGTERM), keeping its port and config for a restart. */
void jgw_test_kamailio_stop (JgwTestKamailio *k);
/** Start it again on the same port; TRUE when it accepts connections. */
gboolean jgw_test_kamailio_restart (JgwTestKamailio *k);
void jgw_test_kamailio_free (JgwTestKamailio *k);

G_END_DECLS
