/* harness.c — temp dirs, ports, peer processes and bounded waits for tests.
 * Test-only code: it keeps its registry of processes and dirs in file-level
 * state so that cleanup also runs from atexit(). */
#include "harness.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

struct _JgwTestProc {
  GPid pid;
  char *log_path;
  gboolean exited;
  int status;
};

static GPtrArray *procs;    /* of JgwTestProc*, owned */
static GPtrArray *tmpdirs;  /* of char*, owned */
static GPtrArray *strings;  /* paths handed out, owned */
static guint16 next_port;

static void
proc_free (gpointer p)
{
  JgwTestProc *proc = p;
  if (!proc->exited)
    jgw_test_stop (proc, 2000);
  g_free (proc->log_path);
  g_free (proc);
}

static const char *
keep (char *s)
{
  if (strings == NULL)
    strings = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (strings, s);
  return s;
}

static void
ensure_registry (void)
{
  if (procs)
    return;
  procs = g_ptr_array_new_with_free_func (proc_free);
  tmpdirs = g_ptr_array_new_with_free_func (g_free);
  atexit (jgw_test_cleanup);
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  if (dir)
    {
      const char *name;
      while ((name = g_dir_read_name (dir)))
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            remove_tree (child);
          else
            g_unlink (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

void
jgw_test_cleanup (void)
{
  if (procs == NULL)
    return;
  g_ptr_array_set_size (procs, 0);
  for (guint i = 0; i < tmpdirs->len && !g_getenv ("JGW_KEEP_TMP"); i++)
    remove_tree (g_ptr_array_index (tmpdirs, i));
  g_ptr_array_set_size (tmpdirs, 0);
}

const char *
jgw_test_tmpdir (const char *prefix)
{
  ensure_registry ();
  g_autofree char *tmpl = g_strdup_printf ("jgw-%s-XXXXXX", prefix);
  char *dir = g_dir_make_tmp (tmpl, NULL);
  g_assert_nonnull (dir);
  g_ptr_array_add (tmpdirs, dir);
  return dir;
}

static gboolean
port_free (int type, guint16 port)
{
  int fd = socket (AF_INET, type, 0);
  if (fd < 0)
    return FALSE;
  int one = 1;
  setsockopt (fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons (port) };
  sa.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  gboolean ok = bind (fd, (struct sockaddr *) &sa, sizeof sa) == 0;
  close (fd);
  return ok;
}

guint16
jgw_test_free_ports (guint n)
{
  /* Walk a window away from the ephemeral range, starting at a point that
   * depends on the PID so that parallel test programs rarely collide. */
  if (next_port == 0)
    next_port = (guint16) (20000 + (getpid () * 37) % 12000);
  for (guint tries = 0; tries < 2000; tries++)
    {
      guint16 base = next_port;
      next_port = (guint16) (next_port + n + 1);
      if (next_port > 32000)
        next_port = 20000;
      gboolean ok = TRUE;
      for (guint i = 0; i < n && ok; i++)
        ok = port_free (SOCK_STREAM, (guint16) (base + i)) && port_free (SOCK_DGRAM, (guint16) (base + i));
      if (ok)
        return base;
    }
  g_error ("no free loopback ports");
}

guint16
jgw_test_free_port (void)
{
  return jgw_test_free_ports (1);
}

static void
child_setup (gpointer data)
{
  /* Peers die with the test process, even when it crashes. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
  setsid ();
}

JgwTestProc *
jgw_test_spawn_env (const char *const *argv, const char *const *env, const char *cwd,
                    const char *log_path)
{
  ensure_registry ();
  int fd = g_open (log_path, O_WRONLY | O_CREAT | O_APPEND, 0644);
  g_assert_cmpint (fd, >=, 0);
  char **envp = g_get_environ ();
  for (const char *const *e = env; e && *e; e++)
    {
      g_auto (GStrv) kv = g_strsplit (*e, "=", 2);
      envp = g_environ_setenv (envp, kv[0], kv[1] ? kv[1] : "", TRUE);
    }
  GError *error = NULL;
  GPid pid;
  gboolean ok = g_spawn_async_with_fds (cwd, (char **) argv, envp,
                                        G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                                        child_setup, NULL, &pid, -1, fd, fd, &error);
  g_strfreev (envp);
  close (fd);
  if (!ok)
    g_error ("cannot start %s: %s", argv[0], error->message);
  JgwTestProc *proc = g_new0 (JgwTestProc, 1);
  proc->pid = pid;
  proc->log_path = g_strdup (log_path);
  g_ptr_array_add (procs, proc);
  return proc;
}

JgwTestProc *
jgw_test_spawn (const char *const *argv, const char *cwd, const char *log_path)
{
  return jgw_test_spawn_env (argv, NULL, cwd, log_path);
}

static gboolean
reap (JgwTestProc *proc)
{
  if (proc->exited)
    return TRUE;
  int st;
  pid_t r = waitpid (proc->pid, &st, WNOHANG);
  if (r == proc->pid || (r < 0 && errno == ECHILD))
    {
      proc->exited = TRUE;
      proc->status = r < 0 ? -1 : WIFEXITED (st) ? WEXITSTATUS (st) : 128 + WTERMSIG (st);
    }
  return proc->exited;
}

gboolean
jgw_test_running (JgwTestProc *proc)
{
  return !reap (proc);
}

GPid
jgw_test_pid (JgwTestProc *proc)
{
  return proc->pid;
}

const char *
jgw_test_log_path (JgwTestProc *proc)
{
  return proc->log_path;
}

void
jgw_test_signal (JgwTestProc *proc, int sig)
{
  if (!reap (proc))
    kill (proc->pid, sig);
}

static gboolean
exited_cond (gpointer data)
{
  return reap (data);
}

gboolean
jgw_test_wait_exit (JgwTestProc *proc, guint timeout_ms, int *status)
{
  gboolean done = jgw_test_wait (exited_cond, proc, timeout_ms);
  if (done && status)
    *status = proc->status;
  return done;
}

int
jgw_test_stop (JgwTestProc *proc, guint timeout_ms)
{
  if (reap (proc))
    return proc->status >= 128 ? -2 : proc->status;
  kill (proc->pid, SIGTERM);
  int status;
  if (jgw_test_wait_exit (proc, timeout_ms, &status))
    return status;
  kill (-proc->pid, SIGKILL); /* its process group: workers too */
  kill (proc->pid, SIGKILL);
  jgw_test_wait_exit (proc, 2000, NULL);
  return -1;
}

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_REMOVE;
}

gboolean
jgw_test_wait (JgwTestCond cond, gpointer data, guint timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  GMainContext *ctx = g_main_context_default ();
  while (!cond (data))
    {
      if (g_get_monotonic_time () >= end)
        return FALSE;
      /* A short timer wakes the iteration so that conditions which are
       * not main-loop events (files, child processes) are polled too. */
      GSource *tick = g_timeout_source_new (10);
      g_source_set_callback (tick, (GSourceFunc) tick_cb, NULL, NULL);
      g_source_attach (tick, ctx);
      g_main_context_iteration (ctx, TRUE);
      g_source_destroy (tick);
      g_source_unref (tick);
    }
  return TRUE;
}

typedef struct {
  guint16 port;
} TcpWait;

static gboolean
tcp_cond (gpointer data)
{
  TcpWait *w = data;
  int fd = socket (AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons (w->port) };
  sa.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  gboolean ok = connect (fd, (struct sockaddr *) &sa, sizeof sa) == 0;
  close (fd);
  return ok;
}

gboolean
jgw_test_wait_tcp (guint16 port, guint timeout_ms)
{
  TcpWait w = { port };
  return jgw_test_wait (tcp_cond, &w, timeout_ms);
}

typedef struct {
  JgwTestProc *proc;
  const char *needle;
  gsize from;
} LogWait;

static gboolean
log_cond (gpointer data)
{
  LogWait *w = data;
  g_autofree char *text = NULL;
  gsize len;
  if (!g_file_get_contents (w->proc->log_path, &text, &len, NULL) || len < w->from)
    return FALSE;
  return strstr (text + w->from, w->needle) != NULL;
}

gboolean
jgw_test_wait_log (JgwTestProc *proc, const char *needle, gsize from, guint timeout_ms)
{
  LogWait w = { proc, needle, from };
  return jgw_test_wait (log_cond, &w, timeout_ms);
}

gsize
jgw_test_log_size (JgwTestProc *proc)
{
  GStatBuf st;
  return g_stat (proc->log_path, &st) == 0 ? (gsize) st.st_size : 0;
}

const char *
jgw_test_write_file (const char *dir, const char *name, const char *text)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GError) error = NULL;
  if (!g_file_set_contents (path, text, -1, &error))
    g_error ("cannot write %s: %s", path, error->message);
  return keep (path);
}

const char *
jgw_test_srcpath (const char *relative)
{
  const char *top = g_getenv ("JGW_TOP_SRCDIR");
  return keep (g_build_filename (top ? top : JGW_TOP_SRCDIR, relative, NULL));
}

const char *
jgw_test_buildpath (const char *relative)
{
  const char *top = g_getenv ("JGW_TOP_BUILDDIR");
  return keep (g_build_filename (top ? top : JGW_TOP_BUILDDIR, relative, NULL));
}

gboolean
jgw_test_have (const char *program)
{
  g_autofree char *path = g_find_program_in_path (program);
  return path != NULL;
}
