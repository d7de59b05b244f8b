/* identity.c — asks the configured backends in order, one at a time. */
#define G_LOG_DOMAIN "jgw-identity"
#include "identity/identity.h"

#include <string.h>

#include "identity/identity_local.h"
#include "identity/identity_priv.h"
#include "identity/keys.h"

G_DEFINE_QUARK (jgw-identity-error-quark, jgw_identity_error)


typedef enum { ASK_JID, ASK_SIP, ASK_NUMBER } AskKind;

typedef struct {
  JgwIdentities *ids;   /* NULL once orphaned by jgw_identities_free */
  AskKind kind;
  char *key;
  char *number_fallback; /* for ASK_SIP: the URI's user as a number */
  guint next;
  GCancellable *cancel; /* ours, given to backends; follows the caller's */
  GCancellable *caller_cancel;
  gulong caller_handler;
  JgwIdentityCb cb;
  gpointer user_data;
  GError *first_error;
} Lookup;

static void lookup_step (Lookup *l);

static void
lookup_free (Lookup *l)
{
  if (l->caller_cancel)
    g_cancellable_disconnect (l->caller_cancel, l->caller_handler);
  g_clear_object (&l->caller_cancel);
  g_clear_object (&l->cancel);
  g_clear_error (&l->first_error);
  g_free (l->key);
  g_free (l->number_fallback);
  g_free (l);
}

/* Every request is answered exactly once, also after jgw_identities_free()
 * (then with CANCELLED), so that callers can always release their state. */
static void
lookup_finish (Lookup *l, JgwIdentity *identity, const GError *error)
{
  g_autoptr (GError) cancelled = NULL;
  if (l->ids != NULL)
    g_hash_table_remove (l->ids->pending, l);
  else
    {
      g_clear_pointer (&identity, jgw_identity_free);
      error = cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "identities were replaced");
    }
  l->cb (identity, error, l->user_data);
  lookup_free (l);
}

static void
lookup_answer_h (JgwIdentity *identity, const GError *error, gpointer data)
{
  Lookup *l = data;
  const JgwDirectoryBackend *b = l->ids ? g_ptr_array_index (l->ids->order, l->next - 1) : NULL;
  if (l->ids == NULL || g_cancellable_is_cancelled (l->cancel))
    {
      jgw_identity_free (identity);
      g_autoptr (GError) c = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "lookup cancelled");
      lookup_finish (l, NULL, c);
      return;
    }
  if (identity != NULL)
    {
      g_debug ("'%s' found by backend '%s'", l->key, b->name);
      lookup_finish (l, identity, NULL);
      return;
    }
  if (error != NULL)
    {
      g_warning ("identity backend '%s' failed for '%s': %s", b->name, l->key, error->message);
      if (l->first_error == NULL)
        l->first_error = g_error_copy (error);
    }
  lookup_step (l);
}

typedef void (*AskFn) (gpointer, const char *, GCancellable *, JgwIdentityCb, gpointer);

static AskFn
ask_fn (const JgwDirectoryBackend *b, AskKind kind)
{
  switch (kind)
    {
    case ASK_JID: return b->by_jid;
    case ASK_SIP: return b->by_sip_uri;
    case ASK_NUMBER: return b->by_number;
    }
  return NULL;
}

/* Nobody knew: succeed with NULL unless every backend asked failed. */
static void
lookup_give_up (Lookup *l)
{
  if (l->first_error == NULL)
    {
      lookup_finish (l, NULL, NULL);
      return;
    }
  g_autoptr (GError) e = g_error_new (JGW_IDENTITY_ERROR, JGW_IDENTITY_ERROR_UNAVAILABLE,
                                      "cannot look up '%s': %s", l->key, l->first_error->message);
  lookup_finish (l, NULL, e);
}

static void
lookup_step (Lookup *l)
{
  GPtrArray *order = l->ids->order;
  while (l->next < order->len)
    {
      const JgwDirectoryBackend *b = g_ptr_array_index (order, l->next++);
      AskFn fn = ask_fn (b, l->kind);
      if (fn != NULL)
        {
          fn (b->self, l->kind == ASK_NUMBER && l->number_fallback ? l->number_fallback : l->key, l->cancel,
              lookup_answer_h, l);
          return;
        }
    }
  /* A SIP URI nobody claims may still be someone's phone number. */
  if (l->kind == ASK_SIP && l->number_fallback != NULL)
    {
      l->kind = ASK_NUMBER;
      l->next = 0;
      lookup_step (l);
      return;
    }
  lookup_give_up (l);
}

static gboolean
lookup_start_h (gpointer data)
{
  Lookup *l = data;
  if (l->ids == NULL)
    lookup_finish (l, NULL, NULL);
  else
    lookup_step (l);
  return G_SOURCE_REMOVE;
}

static void
follow_cancel_h (GCancellable *caller, gpointer data)
{
  g_cancellable_cancel (G_CANCELLABLE (data));
}

static void
lookup_start (JgwIdentities *ids, AskKind kind, const char *key, GCancellable *cancel, JgwIdentityCb cb,
              gpointer user_data)
{
  Lookup *l = g_new0 (Lookup, 1);
  *l = (Lookup){ .ids = ids, .kind = kind, .key = g_strdup (key), .cancel = g_cancellable_new (),
                 .cb = cb, .user_data = user_data };
  if (cancel)
    {
      l->caller_cancel = g_object_ref (cancel);
      l->caller_handler = g_cancellable_connect (cancel, G_CALLBACK (follow_cancel_h), l->cancel, NULL);
    }
  g_autofree char *user = NULL, *host = NULL;
  if (kind == ASK_SIP && jgw_sip_uri_user_host (key, &user, &host))
    {
      JgwNumberPlan np;
      if (ids->dialplan)
        jgw_dialplan_number_plan (ids->dialplan, NULL, &np);
      l->number_fallback = jgw_number_normalise (user, ids->dialplan ? &np : NULL);
    }
  g_hash_table_add (ids->pending, l);
  g_idle_add (lookup_start_h, l);
}

void
jgw_identities_by_jid (JgwIdentities *ids, const char *jid, GCancellable *cancel, JgwIdentityCb cb,
                       gpointer user_data)
{
  g_autofree char *bare = g_utf8_strdown (jid, -1);
  lookup_start (ids, ASK_JID, bare, cancel, cb, user_data);
}

void
jgw_identities_by_sip (JgwIdentities *ids, const char *uri_or_number, GCancellable *cancel, JgwIdentityCb cb,
                       gpointer user_data)
{
  JgwNumberPlan np;
  if (ids->dialplan)
    jgw_dialplan_number_plan (ids->dialplan, NULL, &np);
  g_autofree char *number = jgw_number_normalise (uri_or_number, ids->dialplan ? &np : NULL);
  lookup_start (ids, number ? ASK_NUMBER : ASK_SIP, number ? number : uri_or_number, cancel, cb, user_data);
}

void
jgw_identities_by_number (JgwIdentities *ids, const char *number, GCancellable *cancel, JgwIdentityCb cb,
                          gpointer user_data)
{
  lookup_start (ids, ASK_NUMBER, number, cancel, cb, user_data);
}

/* ---- set-up ---- */

static void
add_backend (JgwIdentities *ids, const JgwDirectoryBackend *b)
{
  for (guint i = 0; i < ids->order->len; i++)
    if (g_ptr_array_index (ids->order, i) == b)
      return;
  g_ptr_array_add (ids->order, (gpointer) b);
  g_ptr_array_insert (ids->names, (gint) ids->names->len - 1, (gpointer) b->name);
}

static const JgwDirectoryBackend *
find_backend (JgwIdentities *ids, JgwPlugins *plugins, const char *name)
{
  if (strcmp (name, "static") == 0)
    return ids->static_b;
  if (strcmp (name, "store") == 0)
    return ids->store_b;
  return plugins ? jgw_plugins_directory (plugins, name) : NULL;
}

/* [identity] backends; absent: static, store, then every plugin backend. */
static char **
backend_names (JgwKeyCheck *ck, JgwPlugins *plugins)
{
  char **names = jgw_keycheck_list (ck, "identity", "backends");
  if (names != NULL)
    return names;
  GPtrArray *out = g_ptr_array_new ();
  g_ptr_array_add (out, g_strdup ("static"));
  g_ptr_array_add (out, g_strdup ("store"));
  g_autoptr (GPtrArray) dirs = plugins ? jgw_plugins_directories (plugins) : g_ptr_array_new ();
  for (guint i = 0; i < dirs->len; i++)
    g_ptr_array_add (out, g_strdup (((const JgwDirectoryBackend *) g_ptr_array_index (dirs, i))->name));
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

JgwIdentities *
jgw_identities_new (const JgwConfig *config, JgwStore *store, const JgwDialplan *dialplan, JgwPlugins *plugins,
                    GError **error)
{
  static const char *const keys[] = { "backends", NULL };
  JgwIdentities *ids = g_new0 (JgwIdentities, 1);
  ids->order = g_ptr_array_new ();
  ids->names = g_ptr_array_new ();
  g_ptr_array_add (ids->names, NULL);
  ids->dialplan = dialplan;
  ids->pending = g_hash_table_new (NULL, NULL);
  ids->dir_pending = g_hash_table_new (NULL, NULL);
  ids->static_b = jgw_static_backend_new (config, dialplan);
  ids->store_b = store ? jgw_store_backend_new (config, store, dialplan) : NULL;
  JgwKeyCheck ck;
  jgw_keycheck_init (&ck, config->keyfile, config->path);
  jgw_keycheck_warn_unknown (&ck, "identity", keys);
  g_auto (GStrv) names = backend_names (&ck, plugins);
  for (char **n = names; *n; n++)
    {
      const JgwDirectoryBackend *b = find_backend (ids, plugins, *n);
      if (b != NULL)
        add_backend (ids, b);
      else if (strcmp (*n, "store") == 0)
        g_info ("identity backend 'store' is not used: no store is open");
      else
        g_warning ("%s: [identity] backends: '%s' is not available (plugin not loaded?); skipped",
                   ck.file, *n);
    }
  add_backend (ids, ids->static_b); /* [user:JID] groups always work */
  if (!jgw_keycheck_finish (&ck, JGW_IDENTITY_ERROR, JGW_IDENTITY_ERROR_CONFIG, error))
    {
      jgw_identities_free (ids);
      return NULL;
    }
  return ids;
}

const char *const *
jgw_identities_order (JgwIdentities *ids)
{
  return (const char *const *) ids->names->pdata;
}

void
jgw_identities_free (JgwIdentities *ids)
{
  if (ids == NULL)
    return;
  /* Requests still out at a backend come back later; their callbacks then
   * get CANCELLED. Lookups are cancelled so that a slow backend (LDAP) can
   * abandon them. */
  GHashTableIter it;
  gpointer key;
  g_hash_table_iter_init (&it, ids->pending);
  while (g_hash_table_iter_next (&it, &key, NULL))
    {
      Lookup *l = key;
      l->ids = NULL;
      g_cancellable_cancel (l->cancel);
    }
  jgw_identities_orphan_directory_ops (ids);
  g_hash_table_unref (ids->pending);
  g_hash_table_unref (ids->dir_pending);
  g_ptr_array_unref (ids->order);
  g_ptr_array_unref (ids->names);
  jgw_local_backend_free (ids->static_b);
  if (ids->store_b)
    jgw_local_backend_free (ids->store_b);
  g_free (ids);
}
