/* coturn.h — a private coturn (STUN + TURN over UDP) on loopback for
 * tests, with TURN REST credentials (use-auth-secret): whoever knows SECRET
 * (e.g. Prosody's mod_turn_external) can hand out credentials. */
#pragma once

#include "harness/harness.h"

G_BEGIN_DECLS

typedef struct {
  char *dir;
  guint16 port;            /* STUN/TURN listening port on 127.0.0.1 */
  guint16 relay_min, relay_max; /* relayed transport addresses come from here */
  JgwTestProc *proc;
} JgwTestCoturn;

/** Start turnserver with SECRET; waits until it listens (bounded). */
JgwTestCoturn *jgw_test_coturn_start (const char *secret);
void jgw_test_coturn_free (JgwTestCoturn *turn);

G_END_DECLS
