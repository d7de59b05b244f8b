/* prosody.h — a private Prosody on free loopback ports for tests: one
 * VirtualHost "localhost" with users, and one external component. */
#pragma once

#include "harness/harness.h"

G_BEGIN_DECLS

typedef struct {
  char *dir;            /* its temp dir (config, data, log) */
  char *config_path;
  guint16 c2s_port;
  guint16 component_port;
  char *component_jid;
  char *component_secret;
  JgwTestProc *proc;
} JgwTestProsody;

/** Start Prosody with COMPONENT_JID/SECRET and USERS ("name:password",
 * NULL-terminated) on host "localhost"; waits until both ports listen. */
JgwTestProsody *jgw_test_prosody_start (const char *component_jid, const char *secret,
                                        const char *const *users);
/** Stop it (SIGTERM, bounded). */
void jgw_test_prosody_stop (JgwTestProsody *prosody);
/** Start it again with the same configuration, data and ports. */
void jgw_test_prosody_restart (JgwTestProsody *prosody);
void jgw_test_prosody_free (JgwTestProsody *prosody);

G_END_DECLS
