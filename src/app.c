/* app.c — wires the subsystems together and shuts them down in order. */
#define G_LOG_DOMAIN "jgw-app"
#include "app.h"

#include "xmpp/component.h"
#include "xmpp/disco.h"
#include "xmpp/iq_tracker.h"
#include "xmpp/presence.h"

struct _JgwApp {
  JgwConfig *config;
  JgwComponent *component;
  JgwDisco *disco;
  JgwIqTracker *iq;
  JgwPresence *presence;
  gboolean failed;
  JgwAppStopped stopped;
  gpointer stopped_data;
};

static void
add_users (JgwApp *app)
{
  for (guint i = 0; i < app->config->users->len; i++)
    jgw_presence_add_user (app->presence,
                           ((JgwUserConfig *) g_ptr_array_index (app->config->users, i))->jid);
}

JgwApp *
jgw_app_new (JgwConfig *config, GError **error)
{
  JgwApp *app = g_new0 (JgwApp, 1);
  app->config = config;
  app->component = jgw_component_new (&config->component);
  app->disco = jgw_disco_new (app->component, config->component.name);
  app->iq = jgw_iq_tracker_new (app->component);
  app->presence = jgw_presence_new (app->component, app->iq);
  add_users (app);
  return app;
}

gboolean
jgw_app_start (JgwApp *app, GError **error)
{
  jgw_component_start (app->component);
  return TRUE;
}

static void
component_stopped_cb (gpointer data)
{
  JgwApp *app = data;
  if (app->stopped)
    app->stopped (app->stopped_data);
}

void
jgw_app_stop (JgwApp *app, JgwAppStopped done, gpointer user_data)
{
  app->stopped = done;
  app->stopped_data = user_data;
  jgw_component_stop (app->component, component_stopped_cb, app);
}

void
jgw_app_reload (JgwApp *app, JgwConfig *config)
{
  /* The component connection keeps running; new settings apply at the
   * next connect. */
  jgw_component_reconfigure (app->component, &config->component);
  jgw_config_free (app->config);
  app->config = config;
  add_users (app);
  g_message ("configuration reloaded from %s", config->path);
}

gboolean
jgw_app_failed (JgwApp *app)
{
  return app->failed;
}

const JgwConfig *
jgw_app_get_config (JgwApp *app)
{
  return app->config;
}

void
jgw_app_free (JgwApp *app)
{
  if (app == NULL)
    return;
  jgw_presence_free (app->presence);
  jgw_iq_tracker_free (app->iq);
  jgw_disco_free (app->disco);
  jgw_component_free (app->component);
  jgw_config_free (app->config);
  g_free (app);
}
