/* strophe_source.c — libstrophe on the GLib main loop. */
#define G_LOG_DOMAIN "jgw-xmpp"
#include "xmpp/strophe_source.h"

#include <fcntl.h>
#include <glib-unix.h>
#include <sys/select.h>
#include <unistd.h>

/* libstrophe's own timers (connect timeout, keepalive) need a heartbeat. */
#define TICK_MS 200

struct _JgwStropheSource {
  xmpp_ctx_t *ctx;
  int fd;              /* -1 when no socket */
  guint fd_watch;
  guint tick;
  guint flush_idle;
};

/* libstrophe's sockopt callback carries no user data; the fd is handed back
 * through this slot, which is set only for the duration of one synchronous
 * xmpp_connect_component() call on this thread. */
static _Thread_local int *fd_slot;

static gboolean
run_once (JgwStropheSource *s)
{
  xmpp_run_once (s->ctx, 0);
  return G_SOURCE_CONTINUE;
}

static gboolean
tick_cb (gpointer data)
{
  return run_once (data);
}

static gboolean
fd_cb (int fd, GIOCondition cond, gpointer data)
{
  return run_once (data);
}

static gboolean
flush_cb (gpointer data)
{
  JgwStropheSource *s = data;
  s->flush_idle = 0;
  run_once (s);
  return G_SOURCE_REMOVE;
}

/* select() cannot watch fds >= FD_SETSIZE; a busy gateway (hundreds of
 * calls, several sockets each) may be handed one on reconnect. Move the
 * socket to the lowest free number, or refuse it and let the reconnect
 * logic try again later. */
static int
sockopt_cb (xmpp_conn_t *conn, void *sock)
{
  int *fd = sock;
  if (*fd >= FD_SETSIZE)
    {
      int low = fcntl (*fd, F_DUPFD_CLOEXEC, 3);
      if (low < 0 || low >= FD_SETSIZE)
        {
          if (low >= 0)
            close (low);
          g_warning ("no file descriptor below %d is free for the XMPP connection", FD_SETSIZE);
          return -1;
        }
      close (*fd);
      *fd = low;
    }
  if (fd_slot)
    *fd_slot = *fd;
  return 0;
}

static void
watch_fd (JgwStropheSource *s, GIOCondition cond)
{
  if (s->fd_watch)
    g_source_remove (s->fd_watch);
  s->fd_watch = s->fd >= 0 ? g_unix_fd_add (s->fd, cond, fd_cb, s) : 0;
}

JgwStropheSource *
jgw_strophe_source_new (xmpp_ctx_t *ctx)
{
  JgwStropheSource *s = g_new0 (JgwStropheSource, 1);
  s->ctx = ctx;
  s->fd = -1;
  s->tick = g_timeout_add (TICK_MS, tick_cb, s);
  return s;
}

void
jgw_strophe_source_free (JgwStropheSource *s)
{
  if (s == NULL)
    return;
  g_clear_handle_id (&s->fd_watch, g_source_remove);
  g_clear_handle_id (&s->tick, g_source_remove);
  g_clear_handle_id (&s->flush_idle, g_source_remove);
  g_free (s);
}

int
jgw_strophe_source_connect_component (JgwStropheSource *s, xmpp_conn_t *conn, const char *host,
                                      guint16 port, xmpp_conn_handler handler, void *userdata)
{
  int fd = -1;
  xmpp_conn_set_sockopt_callback (conn, sockopt_cb);
  fd_slot = &fd;
  int rc = xmpp_connect_component (conn, host, port, handler, userdata);
  fd_slot = NULL;
  s->fd = rc == XMPP_EOK ? fd : -1;
  /* Writable means the non-blocking connect finished (or failed). */
  watch_fd (s, G_IO_IN | G_IO_OUT | G_IO_HUP | G_IO_ERR);
  return rc;
}

void
jgw_strophe_source_connected (JgwStropheSource *s)
{
  watch_fd (s, G_IO_IN | G_IO_HUP | G_IO_ERR);
}

void
jgw_strophe_source_forget (JgwStropheSource *s)
{
  s->fd = -1;
  g_clear_handle_id (&s->fd_watch, g_source_remove);
}

void
jgw_strophe_source_kick (JgwStropheSource *s)
{
  if (s->flush_idle == 0)
    s->flush_idle = g_idle_add (flush_cb, s);
}
