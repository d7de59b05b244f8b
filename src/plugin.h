/* plugin.h — loads plugins (include/jinglegw/plugin.h) with GModule and
 * keeps the registries they fill.
 *
 * Ownership: jgw_plugins_new() returns a loader freed with
 * jgw_plugins_free(), which closes the plugins in reverse load order and
 * unloads them. CONFIG must outlive the loader. Backends returned by
 * jgw_plugins_directory() belong to their plugin (transfer none) and are
 * valid until jgw_plugins_free(). Main thread only. */
#pragma once

#include <glib.h>

#include "jinglegw/plugin.h"

G_BEGIN_DECLS

#define JGW_PLUGIN_ERROR (jgw_plugin_error_quark ())
GQuark jgw_plugin_error_quark (void);

typedef enum {
  JGW_PLUGIN_ERROR_NAME,    /* not a plugin name */
  JGW_PLUGIN_ERROR_LOAD,    /* dlopen failed or no descriptor */
  JGW_PLUGIN_ERROR_ABI,     /* built for another ABI version */
  JGW_PLUGIN_ERROR_INIT,    /* the plugin refused to start */
  JGW_PLUGIN_ERROR_EXISTS,  /* already loaded / backend name taken */
} JgwPluginError;

typedef struct _JgwPlugins JgwPlugins;

/** A loader whose plugins see CONFIG (read from CONFIG_PATH). */
JgwPlugins *jgw_plugins_new (GKeyFile *config, const char *config_path);
void jgw_plugins_free (JgwPlugins *plugins);

/** Load DIR/NAME.so and run its init. */
gboolean jgw_plugins_load (JgwPlugins *plugins, const char *dir, const char *name, GError **error);
/** Load each of NAMES (may be NULL); a plugin that fails is logged with the
 * reason and skipped. Returns how many loaded. */
guint jgw_plugins_load_all (JgwPlugins *plugins, const char *dir, const char *const *names);
/** Whether plugin NAME is loaded. */
gboolean jgw_plugins_loaded (JgwPlugins *plugins, const char *name);

/** The directory backend registered as NAME, or NULL. */
const JgwDirectoryBackend *jgw_plugins_directory (JgwPlugins *plugins, const char *name);

/** Every registered directory backend in registration order (a new array
 * of borrowed backends). */
GPtrArray *jgw_plugins_directories (JgwPlugins *plugins);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JgwPlugins, jgw_plugins_free)

G_END_DECLS
