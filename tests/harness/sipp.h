/* sipp.h — SIPp as a scripted SIP peer for tests: one call of a scenario
 * from tests/data/sip/, on a free loopback port, with a bounded lifetime.
 * Processes die at jgw_test_cleanup(). */
#pragma once

#include "harness/harness.h"

G_BEGIN_DECLS

typedef struct {
  JgwTestProc *proc;
  guint16 port;    /* its SIP port */
  char *dir;       /* its working dir (logs), owned by the harness */
} JgwTestSipp;

/** Render tests/data/sip/NAME (replacing "@KEY@" by VALUE for each KEY,
 * VALUE pair in SUBST, NULL-terminated) into a temp file; path owned by
 * the harness. */
const char *jgw_test_sipp_scenario (const char *name, const char *const *subst);
/** Start SIPp on SCENARIO (a path). REMOTE "127.0.0.1:PORT" makes it call
 * there (UAC); NULL makes it wait for a call (UAS), and returns once its
 * port is bound. SERVICE is the Request-URI user for a UAC (or NULL). */
JgwTestSipp *jgw_test_sipp_start (const char *scenario, const char *remote, const char *service);
/** Wait up to TIMEOUT_MS for it to finish; TRUE if its one call succeeded.
 * On failure the reason (its error log) is in *WHY (g_free) if WHY is set. */
gboolean jgw_test_sipp_wait (JgwTestSipp *s, guint timeout_ms, char **why);
void jgw_test_sipp_free (JgwTestSipp *s);

G_END_DECLS
