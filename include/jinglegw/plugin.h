/* jinglegw/plugin.h — the whole contract between jinglegw and a plugin.
 *
 * A plugin is a shared object NAME.so that exports exactly one symbol,
 * `jgw_plugin`, a const JgwPluginDesc (use JGW_PLUGIN_DEFINE). The daemon
 * loads it by name ([plugins] load), checks abi_version, and calls init with
 * a JgwPluginHost. Through the host, and only through it, a plugin reaches
 * the core: it reads its own configuration group and registers into typed
 * registries (directory backends). A plugin never calls jgw_* functions of
 * the daemon; it may use GLib/GIO, which both sides link dynamically.
 *
 * Lifetime: init runs once on the main thread; everything it registers
 * stays valid until close, which unregisters in reverse order and frees the
 * plugin's state. Plugins are closed in reverse load order.
 *
 * Threads: everything runs on the host's main context; a plugin does I/O
 * asynchronously there (sources on its fds), never blocking. */
#pragma once

#include <gio/gio.h>
#include <gmodule.h>

G_BEGIN_DECLS

/* Bumped whenever a struct in this file changes incompatibly. */
#define JGW_PLUGIN_ABI_VERSION 1
#define JGW_PLUGIN_SYMBOL "jgw_plugin"

/* Who someone is, as a backend knows it. Every field may be NULL. Built by
 * the backend with g_malloc/g_strdup and handed over (transfer full); the
 * receiver frees it with jgw_identity_free(). */
typedef struct {
  char *jid;           /* bare JID */
  char *sip_uri;       /* the user's SIP identity */
  char *auth_user;     /* SIP digest user */
  char *password;      /* SIP digest password; never log it */
  char *registrar;     /* SIP URI of the registrar */
  char *outbound_proxy; /* SIP URI every request of this identity goes through */
  char *display_name;
  char *country_code;  /* digits; overrides [dialplan] country-code */
  char *route_profile; /* a dial plan profile name, e.g. "on-net" */
  char **numbers;      /* phone numbers as stored (NULL-terminated) */
  char *source;        /* which backend answered ("static", "ldap", ...) */
} JgwIdentity;

/* One phone number of a directory entry and what it is ("work", "mobile"). */
typedef struct {
  char *number;
  char *description;
} JgwDirNumber;

/* An entry of the phone directory. */
typedef struct {
  char *id;          /* the backend's key (LDAP DN); NULL when adding */
  char *name;        /* display name */
  char *jid;         /* NULL if the person has no XMPP address */
  char *sip_uri;
  GPtrArray *numbers; /* of JgwDirNumber*, owned (frees its elements) */
} JgwDirEntry;

static inline void
jgw_identity_free (JgwIdentity *id)
{
  if (id == NULL)
    return;
  g_free (id->jid);
  g_free (id->sip_uri);
  g_free (id->auth_user);
  g_free (id->password);
  g_free (id->registrar);
  g_free (id->outbound_proxy);
  g_free (id->display_name);
  g_free (id->country_code);
  g_free (id->route_profile);
  g_strfreev (id->numbers);
  g_free (id->source);
  g_free (id);
}

static inline void
jgw_dir_number_free (gpointer p)
{
  JgwDirNumber *n = (JgwDirNumber *) p;
  g_free (n->number);
  g_free (n->description);
  g_free (n);
}

static inline JgwDirEntry *
jgw_dir_entry_new (void)
{
  JgwDirEntry *e = g_new0 (JgwDirEntry, 1);
  e->numbers = g_ptr_array_new_with_free_func (jgw_dir_number_free);
  return e;
}

static inline void
jgw_dir_entry_add_number (JgwDirEntry *e, const char *number, const char *description)
{
  JgwDirNumber *n = g_new0 (JgwDirNumber, 1);
  n->number = g_strdup (number);
  n->description = g_strdup (description);
  g_ptr_array_add (e->numbers, n);
}

static inline void
jgw_dir_entry_free (gpointer p)
{
  JgwDirEntry *e = (JgwDirEntry *) p;
  if (e == NULL)
    return;
  g_free (e->id);
  g_free (e->name);
  g_free (e->jid);
  g_free (e->sip_uri);
  g_ptr_array_unref (e->numbers);
  g_free (e);
}

/* Answers. Each request's callback is called exactly once, on the main
 * context, never before the request function has returned; ERROR is NULL on
 * success, and a lookup that found nobody succeeds with IDENTITY NULL. After
 * the GCancellable given with the request is cancelled, the callback still
 * comes, with G_IO_ERROR_CANCELLED; a plugin's close answers every request
 * still pending that way before it returns. Results are transfer full. */
typedef void (*JgwIdentityCb) (JgwIdentity *identity, const GError *error, gpointer user_data);
typedef void (*JgwEntriesCb) (GPtrArray *entries, const GError *error, gpointer user_data);
typedef void (*JgwDoneCb) (const GError *error, gpointer user_data);

/* A directory backend. Any operation may be NULL (not supported). */
typedef struct {
  const char *name; /* as listed in [identity] backends */
  gpointer self;    /* passed to every operation */
  /* Who is bare JID? */
  void (*by_jid) (gpointer self, const char *jid, GCancellable *cancel, JgwIdentityCb cb, gpointer user_data);
  /* Whose is this phone number (normalised, E.164 when possible)? */
  void (*by_number) (gpointer self, const char *number, GCancellable *cancel, JgwIdentityCb cb,
                     gpointer user_data);
  /* Whose is this SIP URI? */
  void (*by_sip_uri) (gpointer self, const char *uri, GCancellable *cancel, JgwIdentityCb cb,
                      gpointer user_data);
  /* Entries whose name or number contains QUERY, at most MAX. */
  void (*search) (gpointer self, const char *query, guint max, GCancellable *cancel, JgwEntriesCb cb,
                  gpointer user_data);
  /* One entry with all its numbers, by id (a one-element array, or empty). */
  void (*read) (gpointer self, const char *id, GCancellable *cancel, JgwEntriesCb cb, gpointer user_data);
  /* Add (entry->id NULL) or replace the name and numbers of an entry. */
  void (*save) (gpointer self, const JgwDirEntry *entry, GCancellable *cancel, JgwDoneCb cb,
                gpointer user_data);
} JgwDirectoryBackend;

typedef struct _JgwPluginHost JgwPluginHost;

/* What the core gives a plugin. Owned by the core; valid until close. */
struct _JgwPluginHost {
  guint abi_version;        /* JGW_PLUGIN_ABI_VERSION of the daemon */
  GKeyFile *config;         /* the whole configuration (read only) */
  const char *config_path;  /* name it in configuration errors */
  GMainContext *context;    /* where to attach sources */
  /* Registries. BACKEND must stay valid until unregistered. */
  gboolean (*register_directory) (JgwPluginHost *host, const JgwDirectoryBackend *backend, GError **error);
  void (*unregister_directory) (JgwPluginHost *host, const JgwDirectoryBackend *backend);
  gpointer core; /* the core's own data; plugins leave it alone */
};

typedef struct {
  guint abi_version;       /* JGW_PLUGIN_ABI_VERSION the plugin was built with */
  const char *name;        /* must match the file name */
  const char *description;
  /* Set up, register, store private state in *STATE; FALSE + ERROR to refuse. */
  gboolean (*init) (JgwPluginHost *host, gpointer *state, GError **error);
  /* Unregister everything and free STATE. */
  void (*close) (JgwPluginHost *host, gpointer state);
} JgwPluginDesc;

/* In the plugin's one source file that defines the descriptor. */
#define JGW_PLUGIN_DEFINE(NAME, DESCRIPTION, INIT, CLOSE)                 \
  G_MODULE_EXPORT extern const JgwPluginDesc jgw_plugin;                  \
  G_MODULE_EXPORT const JgwPluginDesc jgw_plugin = {                      \
    JGW_PLUGIN_ABI_VERSION, (NAME), (DESCRIPTION), (INIT), (CLOSE),       \
  }

G_END_DECLS
