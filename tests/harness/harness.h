/* harness.h — what integration tests share: temp dirs, free loopback ports,
 * peer processes that die with the test, and bounded waits that iterate the
 * default main context (never sleeps as synchronisation).
 *
 * Everything created here is cleaned up by jgw_test_cleanup(), which
 * tests call from their teardown (also registered with atexit). Spawned
 * processes also get PR_SET_PDEATHSIG so they die if the test crashes. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _JgwTestProc JgwTestProc;
typedef gboolean (*JgwTestCond) (gpointer data);

/** A new temp dir (removed at cleanup unless JGW_KEEP_TMP is set). */
const char *jgw_test_tmpdir (const char *prefix);
/** A loopback port free for both TCP and UDP right now. */
guint16 jgw_test_free_port (void);
/** N consecutive free ports (UDP+TCP); returns the first. */
guint16 jgw_test_free_ports (guint n);

/** Start ARGV (argv[0] looked up in PATH) with stdout+stderr appended to
 * LOG_PATH, in CWD (or NULL). Aborts the test on failure to start. */
JgwTestProc *jgw_test_spawn (const char *const *argv, const char *cwd, const char *log_path);
/** Same with extra environment variables ("NAME=value", NULL-terminated). */
JgwTestProc *jgw_test_spawn_env (const char *const *argv, const char *const *env,
                                 const char *cwd, const char *log_path);
/** SIGTERM, then SIGKILL after TIMEOUT_MS; returns the exit status, or -1
 * if it had to be killed (-2 if it had already exited with a signal). */
int jgw_test_stop (JgwTestProc *proc, guint timeout_ms);
/** Send SIG (no wait). */
void jgw_test_signal (JgwTestProc *proc, int sig);
/** Wait up to TIMEOUT_MS for exit; TRUE if it exited (status in *STATUS,
 * as the shell would show it: code, or 128+signal). */
gboolean jgw_test_wait_exit (JgwTestProc *proc, guint timeout_ms, int *status);
gboolean jgw_test_running (JgwTestProc *proc);
GPid jgw_test_pid (JgwTestProc *proc);
const char *jgw_test_log_path (JgwTestProc *proc);

/** Iterate the default main context until COND holds or TIMEOUT_MS pass. */
gboolean jgw_test_wait (JgwTestCond cond, gpointer data, guint timeout_ms);
/** Wait until something accepts TCP connections on 127.0.0.1:PORT. */
gboolean jgw_test_wait_tcp (guint16 port, guint timeout_ms);
/** Wait until PROC's log contains NEEDLE (after byte offset FROM). */
gboolean jgw_test_wait_log (JgwTestProc *proc, const char *needle, gsize from, guint timeout_ms);
/** Current size of PROC's log, for jgw_test_wait_log's FROM. */
gsize jgw_test_log_size (JgwTestProc *proc);
/** Write TEXT into DIR/NAME; returns the path (owned by the harness). */
const char *jgw_test_write_file (const char *dir, const char *name, const char *text);
/** Path of a file in the source tree (tests/data/...), owned by the harness. */
const char *jgw_test_srcpath (const char *relative);
/** Path of a built file (src/jinglegw, plugins/...), owned by the harness. */
const char *jgw_test_buildpath (const char *relative);
/** Whether an executable is installed; tests needing it fail loudly if not. */
gboolean jgw_test_have (const char *program);

/** Stop every spawned process and remove temp dirs. Idempotent. */
void jgw_test_cleanup (void);

G_END_DECLS
