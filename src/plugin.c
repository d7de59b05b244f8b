/* plugin.c — GModule loader and the registries plugins fill. */
#define G_LOG_DOMAIN "jgw-plugin"
#include "plugin.h"

#include <string.h>

G_DEFINE_QUARK (jgw-plugin-error-quark, jgw_plugin_error)

typedef struct {
  GModule *module;
  const JgwPluginDesc *desc;
  gpointer state;
} Plugin;

typedef struct {
  const JgwDirectoryBackend *backend;
  const Plugin *owner;
  char *name; /* a copy: the backend may already be freed when it is dropped */
} DirectoryEntry;

struct _JgwPlugins {
  JgwPluginHost host;
  GPtrArray *plugins;     /* of Plugin*, load order */
  GArray *directories;    /* of DirectoryEntry */
  const Plugin *current;  /* the plugin whose init/close runs now */
};

static gboolean
register_directory (JgwPluginHost *host, const JgwDirectoryBackend *backend, GError **error)
{
  JgwPlugins *p = host->core;
  if (backend == NULL || backend->name == NULL || jgw_plugins_directory (p, backend->name) != NULL)
    {
      g_set_error (error, JGW_PLUGIN_ERROR, JGW_PLUGIN_ERROR_EXISTS,
                   "directory backend '%s' is already registered", backend && backend->name ? backend->name : "(null)");
      return FALSE;
    }
  DirectoryEntry e = { backend, p->current, g_strdup (backend->name) };
  g_array_append_val (p->directories, e);
  g_debug ("directory backend '%s' registered", backend->name);
  return TRUE;
}

static void
unregister_directory (JgwPluginHost *host, const JgwDirectoryBackend *backend)
{
  JgwPlugins *p = host->core;
  for (guint i = 0; i < p->directories->len; i++)
    if (g_array_index (p->directories, DirectoryEntry, i).backend == backend)
      {
        g_free (g_array_index (p->directories, DirectoryEntry, i).name);
        g_array_remove_index (p->directories, i);
        return;
      }
}

/* A plugin that failed or forgot to unregister must not leave dangling
 * backends behind: its code is about to be unloaded. */
static void
drop_registrations_of (JgwPlugins *p, const Plugin *owner)
{
  for (guint i = p->directories->len; i-- > 0;)
    {
      DirectoryEntry *e = &g_array_index (p->directories, DirectoryEntry, i);
      if (e->owner != owner)
        continue;
      g_warning ("plugin '%s' left directory backend '%s' registered; removed", owner->desc->name, e->name);
      g_free (e->name);
      g_array_remove_index (p->directories, i);
    }
}

JgwPlugins *
jgw_plugins_new (GKeyFile *config, const char *config_path)
{
  JgwPlugins *p = g_new0 (JgwPlugins, 1);
  p->host = (JgwPluginHost){
    .abi_version = JGW_PLUGIN_ABI_VERSION,
    .config = config,
    .config_path = config_path,
    .context = g_main_context_default (),
    .register_directory = register_directory,
    .unregister_directory = unregister_directory,
    .core = p,
  };
  p->plugins = g_ptr_array_new ();
  p->directories = g_array_new (FALSE, FALSE, sizeof (DirectoryEntry));
  return p;
}

static gboolean
valid_name (const char *name)
{
  gsize n = name ? strlen (name) : 0;
  return n > 0 && n <= 64 && strspn (name, "abcdefghijklmnopqrstuvwxyz0123456789_-") == n;
}

/* Open the module and find a descriptor of our ABI in it. */
static GModule *
open_module (const char *dir, const char *name, const JgwPluginDesc **desc, GError **error)
{
  g_autofree char *file = g_strconcat (name, ".so", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  GModule *m = g_module_open (path, G_MODULE_BIND_LOCAL);
  gpointer sym = NULL;
  if (m == NULL)
    g_set_error (error, JGW_PLUGIN_ERROR, JGW_PLUGIN_ERROR_LOAD, "%s", g_module_error ());
  else if (!g_module_symbol (m, JGW_PLUGIN_SYMBOL, &sym) || sym == NULL)
    g_set_error (error, JGW_PLUGIN_ERROR, JGW_PLUGIN_ERROR_LOAD, "%s: no '%s' descriptor", path,
                 JGW_PLUGIN_SYMBOL);
  else if ((*desc = sym)->abi_version != JGW_PLUGIN_ABI_VERSION)
    g_set_error (error, JGW_PLUGIN_ERROR, JGW_PLUGIN_ERROR_ABI,
                 "%s: built for plugin ABI %u, this jinglegw has %u", path, (*desc)->abi_version,
                 JGW_PLUGIN_ABI_VERSION);
  else if ((*desc)->init == NULL || (*desc)->name == NULL || strcmp ((*desc)->name, name) != 0)
    g_set_error (error, JGW_PLUGIN_ERROR, JGW_PLUGIN_ERROR_LOAD,
                 "%s: descriptor is incomplete or names another plugin", path);
  else
    return m;
  if (m)
    g_module_close (m);
  return NULL;
}

gboolean
jgw_plugins_load (JgwPlugins *p, const char *dir, const char *name, GError **error)
{
  if (!valid_name (name))
    {
      g_set_error (error, JGW_PLUGIN_ERROR, JGW_PLUGIN_ERROR_NAME, "'%s' is not a plugin name", name);
      return FALSE;
    }
  if (jgw_plugins_loaded (p, name))
    {
      g_set_error (error, JGW_PLUGIN_ERROR, JGW_PLUGIN_ERROR_EXISTS, "plugin '%s' is already loaded", name);
      return FALSE;
    }
  Plugin *pl = g_new0 (Plugin, 1);
  pl->module = open_module (dir, name, &pl->desc, error);
  g_autoptr (GError) local = NULL;
  p->current = pl;
  gboolean ok = pl->module && pl->desc->init (&p->host, &pl->state, &local);
  p->current = NULL;
  if (pl->module && !ok)
    {
      g_set_error (error, JGW_PLUGIN_ERROR, JGW_PLUGIN_ERROR_INIT, "plugin '%s' did not start: %s", name,
                   local ? local->message : "no reason given");
      drop_registrations_of (p, pl);
    }
  if (!ok)
    {
      if (pl->module)
        g_module_close (pl->module);
      g_free (pl);
      return FALSE;
    }
  g_ptr_array_add (p->plugins, pl);
  g_message ("plugin '%s' loaded (%s)", name, pl->desc->description ? pl->desc->description : "");
  return TRUE;
}

guint
jgw_plugins_load_all (JgwPlugins *p, const char *dir, const char *const *names)
{
  guint n = 0;
  for (const char *const *name = names; name && *name; name++)
    {
      g_autoptr (GError) error = NULL;
      if (jgw_plugins_load (p, dir, *name, &error))
        n++;
      else
        g_warning ("plugin '%s' skipped: %s", *name, error->message);
    }
  return n;
}

gboolean
jgw_plugins_loaded (JgwPlugins *p, const char *name)
{
  for (guint i = 0; i < p->plugins->len; i++)
    if (strcmp (((Plugin *) g_ptr_array_index (p->plugins, i))->desc->name, name) == 0)
      return TRUE;
  return FALSE;
}

const JgwDirectoryBackend *
jgw_plugins_directory (JgwPlugins *p, const char *name)
{
  for (guint i = 0; i < p->directories->len; i++)
    {
      const DirectoryEntry *e = &g_array_index (p->directories, DirectoryEntry, i);
      if (g_strcmp0 (e->name, name) == 0)
        return e->backend;
    }
  return NULL;
}

GPtrArray *
jgw_plugins_directories (JgwPlugins *p)
{
  GPtrArray *out = g_ptr_array_new ();
  for (guint i = 0; i < p->directories->len; i++)
    g_ptr_array_add (out, (gpointer) g_array_index (p->directories, DirectoryEntry, i).backend);
  return out;
}

void
jgw_plugins_free (JgwPlugins *p)
{
  if (p == NULL)
    return;
  for (guint i = p->plugins->len; i-- > 0;)
    {
      Plugin *pl = g_ptr_array_index (p->plugins, i);
      p->current = pl;
      if (pl->desc->close)
        pl->desc->close (&p->host, pl->state);
      p->current = NULL;
      drop_registrations_of (p, pl);
      g_module_close (pl->module);
      g_free (pl);
    }
  g_ptr_array_unref (p->plugins);
  for (guint i = 0; i < p->directories->len; i++)
    g_free (g_array_index (p->directories, DirectoryEntry, i).name);
  g_array_unref (p->directories);
  g_free (p);
}
