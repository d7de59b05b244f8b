/* app.c — wires the subsystems together and shuts them down in order. */
#define G_LOG_DOMAIN "jgw-app"
#include "app.h"

#include "xmpp/component.h"
#include "xmpp/disco.h"

struct _JgwApp {
  JgwConfig *config;
  JgwComponent *component;
  JgwDisco *disco;
  gboolean failed;
  JgwAppStopped stopped;
  gpointer stopped_data;
};

JgwApp *
jgw_app_new (JgwConfig *config, GError **error)
{
  JgwApp *app = g_new0 (JgwApp, 1);
  app->config = config;
  app->component = jgw_component_new (&config->component);
  app->disco = jgw_disco_new (app->component, config->component.name);
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
  jgw_disco_free (app->disco);
  jgw_component_free (app->component);
  jgw_config_free (app->config);
  g_free (app);
}
