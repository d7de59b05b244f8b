/* main.c — command line, signals, the one main loop, exit codes. The only
 * place with process-wide state: the log settings and the running app. */
#include "jgw-build.h"
#include <glib-unix.h>
#include <gst/gst.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include "app.h"
#include "config.h"
#include "log.h"

enum { EXIT_OK = 0, EXIT_RUNTIME = 1, EXIT_USAGE = 2 };

/* SIGTERM must end the process within 5 s even if a peer never answers. */
#define SHUTDOWN_GUARD_MS 4000

typedef struct {
  GMainLoop *loop;
  JgwApp *app;
  char *config_path;
  gboolean stopping;
} Daemon;

static JgwLogSettings log_settings = { G_LOG_LEVEL_MESSAGE, FALSE };

static gboolean
shutdown_guard_cb (gpointer data)
{
  Daemon *d = data;
  g_warning ("shutdown did not finish in time; exiting anyway");
  g_main_loop_quit (d->loop);
  return G_SOURCE_REMOVE;
}

static void
stopped_cb (gpointer data)
{
  Daemon *d = data;
  g_main_loop_quit (d->loop);
}

static gboolean
terminate_cb (gpointer data)
{
  Daemon *d = data;
  if (d->stopping)
    return G_SOURCE_CONTINUE;
  d->stopping = TRUE;
  g_message ("signal received, shutting down");
  g_timeout_add (SHUTDOWN_GUARD_MS, shutdown_guard_cb, d);
  jgw_app_stop (d->app, stopped_cb, d);
  return G_SOURCE_CONTINUE;
}

static gboolean
reload_cb (gpointer data)
{
  Daemon *d = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JgwConfig) config = jgw_config_load (d->config_path, &error);
  if (config == NULL || !jgw_app_check_config (config, &error))
    {
      g_warning ("reload refused, keeping the running configuration: %s", error->message);
      return G_SOURCE_CONTINUE;
    }
  GLogLevelFlags level;
  if (jgw_log_level_parse (config->log_level, &level))
    log_settings.max_level = level;
  jgw_app_reload (d->app, g_steal_pointer (&config));
  return G_SOURCE_CONTINUE;
}

int
main (int argc, char **argv)
{
  g_autofree char *config_path = NULL;
  g_autofree char *level_name = NULL;
  gboolean check_only = FALSE, version = FALSE;
  const GOptionEntry entries[] = {
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &config_path, "Configuration file", "FILE" },
    { "check-config", 0, 0, G_OPTION_ARG_NONE, &check_only, "Validate the configuration and exit", NULL },
    { "log-level", 'l', 0, G_OPTION_ARG_STRING, &level_name, "error, warning, message, info or debug", "LEVEL" },
    { "version", 'V', 0, G_OPTION_ARG_NONE, &version, "Print the version and exit", NULL },
    { NULL },
  };

  setlocale (LC_ALL, "");
  /* libldap and others write to sockets without MSG_NOSIGNAL: a peer that
   * went away must be an error return, not the end of the process. */
  signal (SIGPIPE, SIG_IGN);
  jgw_log_init (&log_settings);
  g_autoptr (GOptionContext) opts = g_option_context_new ("- XMPP Jingle to SIP gateway");
  g_option_context_add_main_entries (opts, entries, NULL);
  g_autoptr (GError) error = NULL;
  if (!g_option_context_parse (opts, &argc, &argv, &error) || argc > 1)
    {
      fprintf (stderr, "jinglegw: %s\nTry 'jinglegw --help'.\n",
               error ? error->message : "unexpected argument");
      return EXIT_USAGE;
    }
  if (version)
    {
      printf ("jinglegw %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }
  if (level_name && !jgw_log_level_parse (level_name, &log_settings.max_level))
    {
      fprintf (stderr, "jinglegw: unknown log level '%s'\n", level_name);
      return EXIT_USAGE;
    }
  if (config_path == NULL)
    config_path = g_strdup (JGW_SYSCONFDIR "/jinglegw/jinglegw.conf");

  g_autoptr (JgwConfig) config = jgw_config_load (config_path, &error);
  if (config == NULL || !jgw_app_check_config (config, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return EXIT_USAGE;
    }
  if (check_only)
    {
      printf ("%s: configuration is valid\n", config_path);
      return EXIT_OK;
    }
  if (level_name == NULL)
    jgw_log_level_parse (config->log_level, &log_settings.max_level);

  gst_init (NULL, NULL);
  Daemon d = { .loop = g_main_loop_new (NULL, FALSE), .config_path = config_path };
  d.app = jgw_app_new (g_steal_pointer (&config), &error);
  if (d.app == NULL)
    {
      g_warning ("cannot start: %s", error->message);
      g_main_loop_unref (d.loop);
      return EXIT_RUNTIME;
    }
  if (!jgw_app_start (d.app, &error))
    {
      g_critical ("cannot start: %s", error->message);
      g_clear_pointer (&d.app, jgw_app_free);
      g_main_loop_unref (d.loop);
      return EXIT_RUNTIME;
    }
  g_unix_signal_add (SIGTERM, terminate_cb, &d);
  g_unix_signal_add (SIGINT, terminate_cb, &d);
  g_unix_signal_add (SIGHUP, reload_cb, &d);
  g_message ("jinglegw %s running as %s", PACKAGE_VERSION, jgw_app_get_config (d.app)->component.jid);
  g_main_loop_run (d.loop);

  int status = jgw_app_failed (d.app) ? EXIT_RUNTIME : EXIT_OK;
  jgw_app_free (d.app);
  g_main_loop_unref (d.loop);
  gst_deinit ();
  g_message ("stopped");
  return status;
}
