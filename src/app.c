/* app.c — wires the subsystems together and shuts them down in order. */
#define G_LOG_DOMAIN "jgw-app"
#include "app.h"

#include "call/calls.h"
#include "call/router.h"
#include "commands/commands.h"
#include "i18n.h"
#include "identity/identity.h"
#include "plugin.h"
#include "jingle/features.h"
#include "identity/store.h"
#include "xmpp/adhoc.h"
#include "xmpp/component.h"
#include "xmpp/disco.h"
#include "xmpp/iq_gateway.h"
#include "xmpp/iq_tracker.h"
#include "xmpp/presence.h"
#include "xmpp/register.h"

struct _JgwApp {
  JgwConfig *config;
  JgwComponent *component;
  JgwDisco *disco;
  JgwIqTracker *iq;
  JgwExtdisco *extdisco;
  JgwPresence *presence;
  JgwRouter *router;
  JgwIqGateway *iq_gateway;
  JgwCatalog *catalog;
  JgwStore *store;
  JgwRegister *reg;
  JgwCalls *calls;
  JgwPlugins *plugins;
  JgwIdentities *identities;
  JgwConfig *boot_config; /* the SIP UA keeps the configuration it started with */
  JgwAdhoc *adhoc;
  JgwCommandsContext commands_ctx; /* what the commands read; kept current on reload */
  JgwCommands *commands;
  gboolean failed;
  JgwAppStopped stopped;
  gpointer stopped_data;
};

/* Phone JIDs are what clients call: they carry the Jingle features, and
 * presence from them says so with caps (Conversations looks at caps). */
static void
announce_features (JgwApp *app)
{
  for (const char *const *f = jgw_jingle_features (); *f; f++)
    {
      jgw_disco_add_feature (app->disco, *f);
      jgw_disco_add_phone_feature (app->disco, *f);
    }
  g_autofree char *ver_component = jgw_disco_caps_ver (app->disco, FALSE);
  g_autofree char *ver_phone = jgw_disco_caps_ver (app->disco, TRUE);
  jgw_presence_set_caps (app->presence, JGW_CAPS_NODE, ver_component, ver_phone);
}

static void
account_changed (const char *bare_jid, gboolean registered, gpointer data)
{
  JgwApp *app = data;
  jgw_calls_account_changed (app->calls, bare_jid, registered);
}

/* Everyone with a static or in-band registered identity is a user whose
 * presence the gateway follows. */
static void
add_users (JgwApp *app)
{
  for (guint i = 0; i < app->config->users->len; i++)
    jgw_presence_add_user (app->presence,
                           ((JgwUserConfig *) g_ptr_array_index (app->config->users, i))->jid);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) accounts = jgw_store_account_list (app->store, &error);
  if (accounts == NULL)
    g_warning ("cannot list registered accounts: %s", error->message);
  for (guint i = 0; accounts && i < accounts->len; i++)
    jgw_presence_add_user (app->presence, ((JgwAccount *) g_ptr_array_index (accounts, i))->jid);
}

gboolean
jgw_app_check_config (const JgwConfig *config, GError **error)
{
  g_autoptr (JgwRouter) router = jgw_router_new (config, error);
  return router != NULL;
}

JgwApp *
jgw_app_new (JgwConfig *config, GError **error)
{
  JgwRouter *router = jgw_router_new (config, error);
  JgwStore *store = router ? jgw_store_open (config->store_path, error) : NULL;
  if (store == NULL)
    {
      g_clear_pointer (&router, jgw_router_free);
      jgw_config_free (config);
      return NULL;
    }
  JgwApp *app = g_new0 (JgwApp, 1);
  app->config = config;
  app->router = router;
  app->store = store;
  app->component = jgw_component_new (&config->component);
  app->disco = jgw_disco_new (app->component, config->component.name);
  app->iq = jgw_iq_tracker_new (app->component);
  app->extdisco = jgw_extdisco_new (app->component, app->iq, app->config->media.external_services_timeout);
  app->presence = jgw_presence_new (app->component, app->iq);
  app->iq_gateway = jgw_iq_gateway_new (app->component, app->router);
  jgw_disco_add_feature (app->disco, JGW_NS_IQ_GATEWAY);
  /* JGW_PODIR lets tests and uninstalled runs use the source tree's po/. */
  const char *podir = g_getenv ("JGW_PODIR");
  app->catalog = jgw_catalog_load (podir ? podir : JGW_PODIR);
  app->adhoc = jgw_adhoc_new (jgw_component_ctx (app->component), jgw_component_dispatch (app->component),
                              jgw_component_sink, app->component, app->catalog,
                              (const char *const *) config->admins, 0);
  jgw_disco_add_node_provider (app->disco, jgw_adhoc_disco_node, app->adhoc);
  jgw_disco_add_feature (app->disco, JGW_NS_COMMANDS);
  app->reg = jgw_register_new (app->component, app->store, app->presence, app->config);
  if (config->registration_enabled)
    jgw_disco_add_feature (app->disco, JGW_NS_REGISTER);
  add_users (app);
  app->plugins = jgw_plugins_new (config->keyfile, config->path);
  jgw_plugins_load_all (app->plugins, config->plugin_dir, (const char *const *) config->plugins);
  app->identities = jgw_identities_new (config, app->store, jgw_router_dialplan (app->router), app->plugins, error);
  app->calls = app->identities ? jgw_calls_new (app->config, app->component, app->presence, app->router,
                                                app->store, error)
                               : NULL;
  if (app->calls == NULL)
    {
      jgw_app_free (app);
      return NULL;
    }
  jgw_calls_set_extdisco (app->calls, app->extdisco);
  jgw_calls_set_identities (app->calls, app->identities);
  jgw_register_set_changed_func (app->reg, account_changed, app);
  app->commands_ctx = (JgwCommandsContext) {
    .config = app->config,
    .component = app->component,
    .presence = app->presence,
    .store = app->store,
    .calls = app->calls,
    .identities = app->identities,
    .router = app->router,
    .adhoc = app->adhoc,
    .catalog = app->catalog,
  };
  app->commands = jgw_commands_new (&app->commands_ctx);
  announce_features (app);
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

/* Calls end first (their Jingle terminates need the stream), then SIP
 * unregisters, then the stream closes. */
static void
calls_stopped_cb (gpointer data)
{
  JgwApp *app = data;
  jgw_component_stop (app->component, component_stopped_cb, app);
}

void
jgw_app_stop (JgwApp *app, JgwAppStopped done, gpointer user_data)
{
  app->stopped = done;
  app->stopped_data = user_data;
  jgw_calls_shutdown (app->calls, calls_stopped_cb, app);
}

void
jgw_app_reload (JgwApp *app, JgwConfig *config)
{
  g_autoptr (GError) error = NULL;
  JgwRouter *router = jgw_router_new (config, &error);
  if (router == NULL)
    {
      g_warning ("reload refused, keeping the running configuration: %s", error->message);
      jgw_config_free (config);
      return;
    }
  JgwIdentities *identities = jgw_identities_new (config, app->store, jgw_router_dialplan (router),
                                                  app->plugins, &error);
  if (identities == NULL)
    {
      g_warning ("reload refused, keeping the running configuration: %s", error->message);
      jgw_router_free (router);
      jgw_config_free (config);
      return;
    }
  jgw_identities_free (app->identities);
  app->identities = identities;
  jgw_iq_gateway_set_router (app->iq_gateway, router);
  jgw_calls_set_router (app->calls, router);
  jgw_calls_set_identities (app->calls, identities);
  jgw_calls_set_config (app->calls, config);
  jgw_adhoc_set_admins (app->adhoc, (const char *const *) config->admins);
  jgw_register_set_config (app->reg, config);
  jgw_router_free (app->router);
  app->router = router;
  /* The component connection keeps running; new settings apply at the
   * next connect. */
  jgw_component_reconfigure (app->component, &config->component);
  /* The SIP UA (and [sip], which needs a restart) keeps the first one. */
  if (app->boot_config == NULL)
    app->boot_config = app->config;
  else
    jgw_config_free (app->config);
  app->config = config;
  app->commands_ctx.config = config;
  app->commands_ctx.identities = identities;
  app->commands_ctx.router = router;
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
  jgw_commands_free (app->commands);
  jgw_calls_free (app->calls);
  jgw_identities_free (app->identities);
  jgw_plugins_free (app->plugins);
  jgw_register_free (app->reg);
  jgw_adhoc_free (app->adhoc);
  jgw_catalog_free (app->catalog);
  jgw_iq_gateway_free (app->iq_gateway);
  jgw_router_free (app->router);
  jgw_presence_free (app->presence);
  jgw_store_close (app->store);
  jgw_iq_tracker_free (app->iq);
  jgw_extdisco_free (app->extdisco); /* after the tracker: its pending answers end first */
  jgw_disco_free (app->disco);
  jgw_component_free (app->component);
  jgw_config_free (app->config);
  jgw_config_free (app->boot_config);
  g_free (app);
}
