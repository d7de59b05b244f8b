/* component.c — XEP-0114 connection life cycle on the GLib main loop. */
#define G_LOG_DOMAIN "jgw-xmpp"
#include "xmpp/component.h"

#include "log.h"
#include "xmpp/strophe_compat.h"
#include "xmpp/strophe_source.h"

#define BACKOFF_FIRST_MS 1000
#define BACKOFF_MAX_MS 30000

typedef enum { ST_IDLE, ST_CONNECTING, ST_ONLINE, ST_STOPPING } State;

struct _JgwComponent {
  char *jid, *secret, *host;
  guint16 port;
  xmpp_ctx_t *ctx;
  xmpp_conn_t *conn;
  JgwStropheSource *source;
  JgwDispatch *dispatch;
  State state;
  guint attempt;
  guint retry_timer;
  JgwComponentStateFunc state_func;
  gpointer state_data;
  JgwComponentStopped stopped;
  gpointer stopped_data;
};

static void schedule_reconnect (JgwComponent *comp);

static void
strophe_log (void *userdata, xmpp_log_level_t level, const char *area, const char *msg)
{
  /* libstrophe's own chatter is debug material; its errors we report
   * ourselves with context from the connection handler. Its trace holds
   * whole stanzas, so secrets are removed first. */
  g_autofree char *safe = jgw_log_redact (msg);
  g_debug ("libstrophe %s: %s", area, safe);
}

static const xmpp_log_t strophe_logger = { strophe_log, NULL };

guint
jgw_component_backoff_ms (guint attempt)
{
  guint64 ms = (guint64) BACKOFF_FIRST_MS << MIN (attempt, 16u);
  return (guint) MIN (ms, (guint64) BACKOFF_MAX_MS);
}

void
jgw_component_sink (xmpp_stanza_t *stanza, gpointer component)
{
  jgw_component_send (component, stanza);
}

JgwComponent *
jgw_component_new (const JgwComponentConfig *config)
{
  JgwComponent *comp = g_new0 (JgwComponent, 1);
  xmpp_initialize ();
  comp->ctx = xmpp_ctx_new (NULL, &strophe_logger);
  comp->source = jgw_strophe_source_new (comp->ctx);
  comp->dispatch = jgw_dispatch_new (comp->ctx, jgw_component_sink, comp);
  jgw_component_reconfigure (comp, config);
  return comp;
}

void
jgw_component_reconfigure (JgwComponent *comp, const JgwComponentConfig *config)
{
  g_free (comp->jid);
  g_free (comp->secret);
  g_free (comp->host);
  comp->jid = g_strdup (config->jid);
  comp->secret = g_strdup (config->secret);
  comp->host = g_strdup (config->host);
  comp->port = config->port;
}

static void
release_conn (JgwComponent *comp)
{
  jgw_strophe_source_forget (comp->source);
  g_clear_pointer (&comp->conn, xmpp_conn_release);
}

void
jgw_component_free (JgwComponent *comp)
{
  if (comp == NULL)
    return;
  g_clear_handle_id (&comp->retry_timer, g_source_remove);
  release_conn (comp);
  jgw_dispatch_free (comp->dispatch);
  jgw_strophe_source_free (comp->source);
  xmpp_ctx_free (comp->ctx);
  g_free (comp->jid);
  g_free (comp->secret);
  g_free (comp->host);
  g_free (comp);
}

static int
stanza_cb (xmpp_conn_t *conn, xmpp_stanza_t *stanza, void *userdata)
{
  JgwComponent *comp = userdata;
  jgw_dispatch_stanza (comp->dispatch, stanza);
  return 1; /* keep the handler */
}

static void
set_online (JgwComponent *comp, gboolean online)
{
  if (comp->state_func)
    comp->state_func (comp, online, comp->state_data);
}

static void
log_disconnect (JgwComponent *comp, int error, xmpp_stream_error_t *se)
{
  if (se && se->type == XMPP_SE_NOT_AUTHORIZED)
    g_warning ("the XMPP server at %s:%u rejected the component secret for %s "
               "(stream error not-authorized); check [component] secret",
               comp->host, comp->port, comp->jid);
  else if (se)
    g_warning ("XMPP stream error from %s:%u%s%s", comp->host, comp->port,
               se->text ? ": " : "", se->text ? se->text : "");
  else if (error)
    g_warning ("XMPP connection to %s:%u lost or refused: %s", comp->host, comp->port,
               g_strerror (error));
  else
    g_message ("XMPP connection to %s:%u closed", comp->host, comp->port);
}

static void
conn_cb (xmpp_conn_t *conn, xmpp_conn_event_t event, int error, xmpp_stream_error_t *se,
         void *userdata)
{
  JgwComponent *comp = userdata;
  if (event == XMPP_CONN_CONNECT)
    {
      g_message ("connected to the XMPP server at %s:%u as %s", comp->host, comp->port, comp->jid);
      comp->attempt = 0;
      comp->state = ST_ONLINE;
      jgw_strophe_source_connected (comp->source);
      xmpp_handler_add (conn, stanza_cb, NULL, NULL, NULL, comp);
      set_online (comp, TRUE);
      return;
    }
  /* XMPP_CONN_DISCONNECT or XMPP_CONN_FAIL: the socket is already closed. */
  jgw_strophe_source_forget (comp->source);
  gboolean was_online = comp->state == ST_ONLINE;
  if (comp->state == ST_STOPPING)
    {
      g_message ("XMPP stream closed");
      comp->state = ST_IDLE;
      if (comp->stopped)
        comp->stopped (comp->stopped_data);
      return;
    }
  log_disconnect (comp, error, se);
  comp->state = ST_IDLE;
  if (was_online)
    set_online (comp, FALSE);
  schedule_reconnect (comp);
}

static void
connect_now (JgwComponent *comp)
{
  release_conn (comp);
  comp->conn = xmpp_conn_new (comp->ctx);
  xmpp_conn_set_jid (comp->conn, comp->jid);
  xmpp_conn_set_pass (comp->conn, comp->secret);
  if (!jgw_strophe_prepare_component (comp->conn))
    g_warning ("libstrophe work-around for component connections failed; connecting anyway");
  g_info ("connecting to the XMPP server at %s:%u (attempt %u)", comp->host, comp->port,
          comp->attempt + 1);
  comp->state = ST_CONNECTING;
  int rc = jgw_strophe_source_connect_component (comp->source, comp->conn, comp->host,
                                                 comp->port, conn_cb, comp);
  if (rc != XMPP_EOK)
    {
      g_warning ("cannot connect to the XMPP server at %s:%u (libstrophe error %d)", comp->host,
                 comp->port, rc);
      comp->state = ST_IDLE;
      schedule_reconnect (comp);
    }
}

static gboolean
retry_cb (gpointer data)
{
  JgwComponent *comp = data;
  comp->retry_timer = 0;
  connect_now (comp);
  return G_SOURCE_REMOVE;
}

static void
schedule_reconnect (JgwComponent *comp)
{
  guint ms = jgw_component_backoff_ms (comp->attempt++);
  g_message ("reconnecting to the XMPP server in %u.%u s", ms / 1000, ms % 1000 / 100);
  /* The old connection cannot be released from inside its own callback;
   * the timer does it before connecting again. */
  comp->retry_timer = g_timeout_add (ms, retry_cb, comp);
}

void
jgw_component_start (JgwComponent *comp)
{
  comp->attempt = 0;
  connect_now (comp);
}

void
jgw_component_stop (JgwComponent *comp, JgwComponentStopped done, gpointer user_data)
{
  g_clear_handle_id (&comp->retry_timer, g_source_remove);
  comp->stopped = done;
  comp->stopped_data = user_data;
  if (comp->state == ST_ONLINE || comp->state == ST_CONNECTING)
    {
      gboolean online = comp->state == ST_ONLINE;
      comp->state = ST_STOPPING;
      if (online)
        set_online (comp, FALSE);
      xmpp_disconnect (comp->conn);
      jgw_strophe_source_kick (comp->source);
      return;
    }
  comp->state = ST_IDLE;
  if (done)
    done (user_data);
}

void
jgw_component_set_state_func (JgwComponent *comp, JgwComponentStateFunc func, gpointer user_data)
{
  comp->state_func = func;
  comp->state_data = user_data;
}

gboolean
jgw_component_is_online (JgwComponent *comp)
{
  return comp->state == ST_ONLINE;
}

gboolean
jgw_component_send (JgwComponent *comp, xmpp_stanza_t *stanza)
{
  if (comp->state != ST_ONLINE)
    {
      g_debug ("XMPP stream is down; dropped a <%s/> stanza", xmpp_stanza_get_name (stanza));
      return FALSE;
    }
  xmpp_send (comp->conn, stanza);
  jgw_strophe_source_kick (comp->source);
  return TRUE;
}

const char *
jgw_component_jid (JgwComponent *comp)
{
  return comp->jid;
}

xmpp_ctx_t *
jgw_component_ctx (JgwComponent *comp)
{
  return comp->ctx;
}

JgwDispatch *
jgw_component_dispatch (JgwComponent *comp)
{
  return comp->dispatch;
}
