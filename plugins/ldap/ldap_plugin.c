/* ldap_plugin.c — the "ldap" plugin: an identity and phone directory
 * backend on an LDAP server ([ldap] group), asynchronous on the main loop. */
#define G_LOG_DOMAIN "jgw-ldap"
#include <signal.h>
#include <string.h>

#include "jinglegw/plugin.h"
#include "ldap_conn.h"
#include "ldap_map.h"

#define LDAP_PLUGIN_ERROR (g_quark_from_static_string ("jgw-ldap-error-quark"))

typedef struct {
  JgwPluginHost *host;
  JgwDirectoryBackend backend;
  LdapConfig *cfg;
  LdConn *conn;
  char **attrs;
  GHashTable *cache; /* key -> CacheItem* */
  GQueue later;      /* of Req*, answered from an idle (cache hits, no-ops) */
} Ldap;

typedef struct {
  JgwIdentity *identity; /* NULL: known not to exist */
  gint64 expires;        /* monotonic µs */
} CacheItem;

typedef struct {
  Ldap *ldap;
  char *cache_key;
  GCancellable *cancel;
  JgwIdentityCb identity_cb;
  JgwEntriesCb entries_cb;
  JgwDoneCb done_cb;
  gpointer user_data;
  JgwIdentity *answer; /* for answers from an idle */
  GError *error;       /* likewise */
  guint idle_id;
} Req;

static void
cache_item_free (gpointer p)
{
  CacheItem *c = p;
  jgw_identity_free (c->identity);
  g_free (c);
}

/* "Small" cache: callers' numbers are many and mostly unknown, so the
 * table is pruned of expired answers, and emptied if that is not enough. */
#define CACHE_MAX 512

static void
cache_put (Ldap *l, const char *key, const JgwIdentity *id)
{
  gint64 now = g_get_monotonic_time ();
  if (g_hash_table_size (l->cache) >= CACHE_MAX)
    {
      GHashTableIter it;
      gpointer v;
      g_hash_table_iter_init (&it, l->cache);
      while (g_hash_table_iter_next (&it, NULL, &v))
        if (((CacheItem *) v)->expires <= now)
          g_hash_table_iter_remove (&it);
    }
  if (g_hash_table_size (l->cache) >= CACHE_MAX)
    g_hash_table_remove_all (l->cache);
  CacheItem *c = g_new0 (CacheItem, 1);
  c->identity = ldap_map_identity_copy (id);
  c->expires = now + (gint64) l->cfg->cache_ttl * G_USEC_PER_SEC;
  g_hash_table_replace (l->cache, g_strdup (key), c);
}

static Req *
req_new (Ldap *l, const char *cache_key, GCancellable *cancel, gpointer user_data)
{
  Req *r = g_new0 (Req, 1);
  r->ldap = l;
  r->cache_key = g_strdup (cache_key);
  r->cancel = cancel ? g_object_ref (cancel) : NULL;
  r->user_data = user_data;
  return r;
}

static void
req_free (Req *r)
{
  g_free (r->cache_key);
  g_clear_object (&r->cancel);
  g_free (r);
}

/* Call the request's callback with ERROR (or CANCELLED if it was cancelled). */
static void
req_answer (Req *r, JgwIdentity *identity, GPtrArray *entries, const GError *error)
{
  g_autoptr (GError) cancelled = NULL;
  if (error == NULL && r->cancel && g_cancellable_set_error_if_cancelled (r->cancel, &cancelled))
    {
      g_clear_pointer (&identity, jgw_identity_free);
      g_clear_pointer (&entries, g_ptr_array_unref);
      error = cancelled;
    }
  if (r->identity_cb)
    r->identity_cb (identity, error, r->user_data);
  else if (r->entries_cb)
    r->entries_cb (entries, error, r->user_data);
  else
    r->done_cb (error, r->user_data);
  req_free (r);
}

static gboolean
later_h (gpointer data)
{
  Req *r = data;
  r->idle_id = 0;
  g_queue_remove (&r->ldap->later, r);
  g_autoptr (GError) e = g_steal_pointer (&r->error);
  req_answer (r, g_steal_pointer (&r->answer), NULL, e);
  return G_SOURCE_REMOVE;
}

/* Answer from the main loop (never within the request call). */
static void
answer_later (Req *r, JgwIdentity *identity)
{
  r->answer = identity;
  r->idle_id = g_idle_add (later_h, r);
  g_queue_push_tail (&r->ldap->later, r);
}

static GError *
ldap_error (int rc, const char *message)
{
  int code = rc == LDAP_USER_CANCELLED ? G_IO_ERROR_CANCELLED : G_IO_ERROR_FAILED;
  if (rc == LDAP_INSUFFICIENT_ACCESS || rc == LDAP_STRONG_AUTH_REQUIRED)
    code = G_IO_ERROR_PERMISSION_DENIED;
  return g_error_new (G_IO_ERROR, code, "%s", message ? message : ldap_err2string (rc));
}

/* ---- identity look-ups ---- */

static void
lookup_done_h (int rc, const char *message, GPtrArray *entries, gpointer data)
{
  Req *r = data;
  if (rc != LDAP_SUCCESS)
    {
      g_autoptr (GError) e = ldap_error (rc, message);
      req_answer (r, NULL, NULL, e);
      return;
    }
  if (entries->len > 1)
    g_message ("%u directory entries match '%s'; using %s", entries->len, r->cache_key,
               ((LdEntry *) g_ptr_array_index (entries, 0))->dn);
  JgwIdentity *id = entries->len ? ldap_map_identity (r->ldap->cfg, g_ptr_array_index (entries, 0)) : NULL;
  if (r->ldap->cfg->cache_ttl > 0)
    cache_put (r->ldap, r->cache_key, id);
  req_answer (r, id, NULL, NULL);
}

static void
lookup (Ldap *l, const char *key, char *filter /* taken */, GCancellable *cancel, JgwIdentityCb cb, gpointer ud)
{
  Req *r = req_new (l, key, cancel, ud);
  r->identity_cb = cb;
  CacheItem *c = g_hash_table_lookup (l->cache, key);
  if (c && c->expires > g_get_monotonic_time ())
    answer_later (r, ldap_map_identity_copy (c->identity));
  else if (filter == NULL)
    answer_later (r, NULL);
  else
    ld_conn_search (l->conn, l->cfg->base, LDAP_SCOPE_SUBTREE, filter, l->attrs, 2, lookup_done_h, r);
  g_free (filter);
}

static void
by_jid (gpointer self, const char *jid, GCancellable *cancel, JgwIdentityCb cb, gpointer ud)
{
  Ldap *l = self;
  g_autofree char *key = g_strconcat ("jid:", jid, NULL);
  lookup (l, key, ldap_map_filter_jid (l->cfg, jid), cancel, cb, ud);
}

static void
by_number (gpointer self, const char *number, GCancellable *cancel, JgwIdentityCb cb, gpointer ud)
{
  Ldap *l = self;
  g_autofree char *key = g_strconcat ("number:", number, NULL);
  lookup (l, key, ldap_map_filter_number (l->cfg, number), cancel, cb, ud);
}

static void
by_sip_uri (gpointer self, const char *uri, GCancellable *cancel, JgwIdentityCb cb, gpointer ud)
{
  Ldap *l = self;
  g_autofree char *key = g_strconcat ("sip:", uri, NULL);
  lookup (l, key, ldap_map_filter_sip (l->cfg, uri), cancel, cb, ud);
}

/* ---- phone directory ---- */

static void
entries_done_h (int rc, const char *message, GPtrArray *entries, gpointer data)
{
  Req *r = data;
  if (rc != LDAP_SUCCESS && rc != LDAP_NO_SUCH_OBJECT)
    {
      g_autoptr (GError) e = ldap_error (rc, message);
      req_answer (r, NULL, NULL, e);
      return;
    }
  GPtrArray *out = g_ptr_array_new_with_free_func (jgw_dir_entry_free);
  for (guint i = 0; entries && i < entries->len; i++)
    g_ptr_array_add (out, ldap_map_dir_entry (r->ldap->cfg, g_ptr_array_index (entries, i)));
  req_answer (r, NULL, out, NULL);
}

static void
search (gpointer self, const char *query, guint max, GCancellable *cancel, JgwEntriesCb cb, gpointer ud)
{
  Ldap *l = self;
  Req *r = req_new (l, query, cancel, ud);
  r->entries_cb = cb;
  g_autofree char *filter = ldap_map_filter_search (l->cfg, query);
  guint limit = max && max < l->cfg->search_limit ? max : l->cfg->search_limit;
  ld_conn_search (l->conn, l->cfg->base, LDAP_SCOPE_SUBTREE, filter, l->attrs, (int) limit, entries_done_h, r);
}

static void
read_entry (gpointer self, const char *id, GCancellable *cancel, JgwEntriesCb cb, gpointer ud)
{
  Ldap *l = self;
  Req *r = req_new (l, id, cancel, ud);
  r->entries_cb = cb;
  ld_conn_search (l->conn, id, LDAP_SCOPE_BASE, "(objectClass=*)", l->attrs, 1, entries_done_h, r);
}

static void
save_done_h (int rc, const char *message, GPtrArray *entries, gpointer data)
{
  Req *r = data;
  if (rc == LDAP_SUCCESS)
    {
      g_hash_table_remove_all (r->ldap->cache); /* names and numbers changed */
      req_answer (r, NULL, NULL, NULL);
      return;
    }
  g_autofree char *what = g_strdup_printf ("cannot save directory entry '%s': %s", r->cache_key, message);
  g_autoptr (GError) e = ldap_error (rc, what);
  req_answer (r, NULL, NULL, e);
}

static void
save (gpointer self, const JgwDirEntry *entry, GCancellable *cancel, JgwDoneCb cb, gpointer ud)
{
  Ldap *l = self;
  gboolean add = entry->id == NULL;
  g_autofree char *dn = add && entry->name && *entry->name ? ldap_map_new_dn (l->cfg, entry) : g_strdup (entry->id);
  Req *r = req_new (l, dn, cancel, ud);
  r->done_cb = cb;
  if (dn == NULL)
    {
      r->error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "a new directory entry needs a name");
      answer_later (r, NULL);
      return;
    }
  LDAPMod **mods = ldap_map_mods (l->cfg, entry, add);
  if (add)
    ld_conn_add (l->conn, dn, mods, save_done_h, r);
  else
    ld_conn_modify (l->conn, dn, mods, save_done_h, r);
}

/* ---- plugin ---- */

static void ldap_close (JgwPluginHost *host, gpointer state);

/* libldap writes to its socket without MSG_NOSIGNAL: a server that went
 * away would kill the daemon with SIGPIPE on the next request. The daemon
 * should ignore SIGPIPE itself; make sure of it if it does not. */
static void
ignore_sigpipe (void)
{
  struct sigaction old;
  if (sigaction (SIGPIPE, NULL, &old) == 0 && old.sa_handler == SIG_DFL)
    {
      g_info ("ignoring SIGPIPE (writes to a closed LDAP connection)");
      signal (SIGPIPE, SIG_IGN);
    }
}

static gboolean
ldap_init (JgwPluginHost *host, gpointer *state, GError **error)
{
  LdapConfig *cfg = ldap_config_new (host->config, host->config_path, error);
  if (cfg == NULL)
    return FALSE;
  Ldap *l = g_new0 (Ldap, 1);
  l->host = host;
  l->cfg = cfg;
  l->attrs = ldap_map_attrs (cfg);
  l->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, cache_item_free);
  g_queue_init (&l->later);
  LdConnParams p = { cfg->uri, cfg->starttls, cfg->bind_dn, cfg->bind_password, cfg->timeout,
                     cfg->tls_verify, cfg->tls_ca_file };
  l->conn = ld_conn_new (&p);
  l->backend = (JgwDirectoryBackend){ .name = "ldap", .self = l, .by_jid = by_jid, .by_number = by_number,
                                      .by_sip_uri = by_sip_uri, .search = search, .read = read_entry,
                                      .save = save };
  if (!host->register_directory (host, &l->backend, error))
    {
      ldap_close (NULL, l);
      return FALSE;
    }
  ignore_sigpipe ();
  g_info ("LDAP directory %s, base %s", cfg->uri, cfg->base);
  *state = l;
  return TRUE;
}

static void
ldap_close (JgwPluginHost *host, gpointer state)
{
  Ldap *l = state;
  if (host)
    host->unregister_directory (host, &l->backend);
  /* Answer everything still pending before our code goes away. */
  ld_conn_free (l->conn);
  Req *r;
  while ((r = g_queue_pop_head (&l->later)))
    {
      g_source_remove (r->idle_id);
      g_autoptr (GError) e = r->error ? g_steal_pointer (&r->error)
                                      : g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "LDAP plugin closed");
      jgw_identity_free (r->answer);
      req_answer (r, NULL, NULL, e);
    }
  g_hash_table_unref (l->cache);
  g_strfreev (l->attrs);
  ldap_config_free (l->cfg);
  g_free (l);
}

JGW_PLUGIN_DEFINE ("ldap", "LDAP identities and phone directory", ldap_init, ldap_close);
