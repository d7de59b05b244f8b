/* identity_local.c — the "static" and "store" identity backends. */
#define G_LOG_DOMAIN "jgw-identity"
#include "identity/identity_local.h"

#include <string.h>

#include "call/address.h"

typedef struct {
  JgwDirectoryBackend vt; /* first: the vtable is the handle */
  const JgwConfig *config;
  JgwStore *store;
  const JgwDialplan *dialplan;
} LocalBackend;

typedef struct {
  JgwIdentityCb cb;
  gpointer user_data;
  JgwIdentity *identity;
  GError *error;
  GCancellable *cancel;
} Reply;

static gboolean
reply_h (gpointer data)
{
  Reply *r = data;
  if (r->cancel && g_cancellable_is_cancelled (r->cancel) && r->error == NULL)
    {
      g_clear_pointer (&r->identity, jgw_identity_free);
      g_set_error_literal (&r->error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "lookup cancelled");
    }
  r->cb (r->identity, r->error, r->user_data);
  g_clear_error (&r->error);
  g_clear_object (&r->cancel);
  g_free (r);
  return G_SOURCE_REMOVE;
}

void
jgw_identity_reply_later (JgwIdentityCb cb, gpointer user_data, JgwIdentity *identity, GError *error,
                          GCancellable *cancel)
{
  Reply *r = g_new0 (Reply, 1);
  *r = (Reply){ cb, user_data, identity, error, cancel ? g_object_ref (cancel) : NULL };
  g_idle_add (reply_h, r);
}

gboolean
jgw_sip_uri_user_host (const char *uri, char **user, char **host)
{
  const char *p = uri;
  p += (*p == '<');
  if (g_ascii_strncasecmp (p, "sip:", 4) == 0)
    p += 4;
  else if (g_ascii_strncasecmp (p, "sips:", 5) == 0)
    p += 5;
  else
    return FALSE;
  const char *at = strchr (p, '@');
  if (at == NULL || at == p)
    return FALSE;
  g_autofree char *raw = g_strndup (p, strcspn (p, ":;@"));
  *user = g_uri_unescape_string (raw, NULL);
  *host = g_ascii_strdown (at + 1, (gssize) strcspn (at + 1, ":;?>"));
  return *user != NULL;
}

static char *
number_of (const LocalBackend *b, const char *user, const char *country_code)
{
  if (b->dialplan == NULL)
    return jgw_number_normalise (user, NULL);
  JgwNumberPlan np;
  jgw_dialplan_number_plan (b->dialplan, country_code, &np);
  return jgw_number_normalise (user, &np);
}

/* Whether HOST names our side: the identity's own host, sip.domain or the
 * address we listen on. */
static gboolean
host_is_ours (const LocalBackend *b, const char *host, const char *identity_host)
{
  return g_ascii_strcasecmp (host, identity_host) == 0
         || g_ascii_strcasecmp (host, b->config->sip.domain ? b->config->sip.domain : "") == 0
         || g_ascii_strcasecmp (host, b->config->sip.listen_host ? b->config->sip.listen_host : "") == 0;
}

/* ---- static: [user:JID] ---- */

/* route-profile of [user:JID] (validated by the core schema); JgwUserConfig
 * does not carry it, so it is read from the file, whose group name may be
 * written in any case. */
static char *
user_route_profile (const LocalBackend *b, const char *jid)
{
  g_auto (GStrv) groups = g_key_file_get_groups (b->config->keyfile, NULL);
  for (char **g = groups; *g; g++)
    if (g_str_has_prefix (*g, "user:") && g_ascii_strcasecmp (*g + 5, jid) == 0)
      {
        char *v = g_key_file_get_value (b->config->keyfile, *g, "route-profile", NULL);
        return v ? g_strstrip (v) : NULL;
      }
  return NULL;
}

static JgwIdentity *
identity_from_user (const LocalBackend *b, const JgwUserConfig *u)
{
  JgwIdentity *id = g_new0 (JgwIdentity, 1);
  g_autofree char *user = NULL, *host = NULL;
  jgw_sip_uri_user_host (u->sip_uri, &user, &host);
  id->jid = g_strdup (u->jid);
  id->sip_uri = g_strdup (u->sip_uri);
  id->auth_user = g_strdup (u->auth_user ? u->auth_user : user);
  id->password = g_strdup (u->password);
  id->registrar = g_strdup (u->registrar);
  id->outbound_proxy = g_strdup (b->config->sip.outbound_proxy);
  id->display_name = g_strdup (u->display_name);
  id->country_code = g_strdup (u->country_code);
  id->route_profile = user_route_profile (b, u->jid);
  g_autofree char *number = user ? number_of (b, user, u->country_code) : NULL;
  id->numbers = number ? g_strdupv ((char *[]){ number, NULL }) : NULL;
  id->source = g_strdup ("static");
  return id;
}

static void
static_by_jid (gpointer self, const char *jid, GCancellable *cancel, JgwIdentityCb cb, gpointer ud)
{
  LocalBackend *b = self;
  const JgwUserConfig *u = jgw_config_find_user (b->config, jid);
  jgw_identity_reply_later (cb, ud, u ? identity_from_user (b, u) : NULL, NULL, cancel);
}

/* The [user:...] whose sip-uri matches USER@HOST, or whose number is NUMBER. */
static const JgwUserConfig *
static_find (const LocalBackend *b, const char *want_user, const char *want_host, const char *want_number)
{
  for (guint i = 0; i < b->config->users->len; i++)
    {
      const JgwUserConfig *u = g_ptr_array_index (b->config->users, i);
      g_autofree char *user = NULL, *host = NULL;
      if (!jgw_sip_uri_user_host (u->sip_uri, &user, &host))
        continue;
      if (want_user && strcmp (user, want_user) == 0 && host_is_ours (b, want_host, host))
        return u;
      g_autofree char *number = want_number ? number_of (b, user, u->country_code) : NULL;
      if (number && strcmp (number, want_number) == 0)
        return u;
    }
  return NULL;
}

static void
static_by_sip_uri (gpointer self, const char *uri, GCancellable *cancel, JgwIdentityCb cb, gpointer ud)
{
  LocalBackend *b = self;
  g_autofree char *user = NULL, *host = NULL;
  const JgwUserConfig *u = jgw_sip_uri_user_host (uri, &user, &host) ? static_find (b, user, host, NULL) : NULL;
  jgw_identity_reply_later (cb, ud, u ? identity_from_user (b, u) : NULL, NULL, cancel);
}

static void
static_by_number (gpointer self, const char *number, GCancellable *cancel, JgwIdentityCb cb, gpointer ud)
{
  LocalBackend *b = self;
  const JgwUserConfig *u = static_find (b, NULL, NULL, number);
  jgw_identity_reply_later (cb, ud, u ? identity_from_user (b, u) : NULL, NULL, cancel);
}

JgwDirectoryBackend *
jgw_static_backend_new (const JgwConfig *config, const JgwDialplan *dialplan)
{
  LocalBackend *b = g_new0 (LocalBackend, 1);
  b->config = config;
  b->dialplan = dialplan;
  b->vt = (JgwDirectoryBackend){ .name = "static", .self = b, .by_jid = static_by_jid,
                                 .by_sip_uri = static_by_sip_uri, .by_number = static_by_number };
  return &b->vt;
}

void
jgw_local_backend_free (JgwDirectoryBackend *backend)
{
  g_free (backend); /* the vtable is the first member */
}

/* ---- store: accounts registered in-band ---- */

/* "sip:host:port;params", "host" or "user@host" -> "host". */
static char *
registrar_host (const char *registrar)
{
  const char *p = registrar;
  if (g_ascii_strncasecmp (p, "sip:", 4) == 0)
    p += 4;
  else if (g_ascii_strncasecmp (p, "sips:", 5) == 0)
    p += 5;
  const char *at = strchr (p, '@');
  p = at ? at + 1 : p;
  return g_ascii_strdown (p, (gssize) strcspn (p, ":;?>"));
}

static JgwIdentity *
identity_from_account (const JgwAccount *a)
{
  JgwIdentity *id = g_new0 (JgwIdentity, 1);
  g_autofree char *host = registrar_host (a->registrar);
  g_autofree char *user = jgw_address_uri_user_escape (a->username);
  id->jid = g_strdup (a->jid);
  id->sip_uri = g_strconcat ("sip:", user, "@", host, NULL);
  id->auth_user = g_strdup (a->username);
  id->password = g_strdup (a->password);
  id->registrar = g_str_has_prefix (a->registrar, "sip") ? g_strdup (a->registrar)
                                                          : g_strconcat ("sip:", a->registrar, NULL);
  id->outbound_proxy = g_strdup (a->outbound_proxy);
  id->source = g_strdup ("store");
  return id;
}

static void
store_by_jid (gpointer self, const char *jid, GCancellable *cancel, JgwIdentityCb cb, gpointer ud)
{
  LocalBackend *b = self;
  GError *error = NULL;
  g_autoptr (JgwAccount) a = jgw_store_account_credentials (b->store, jid, &error);
  if (g_error_matches (error, JGW_STORE_ERROR, JGW_STORE_ERROR_NOT_FOUND))
    g_clear_error (&error);
  jgw_identity_reply_later (cb, ud, a ? identity_from_account (a) : NULL, error, cancel);
}

/* The account whose username is USER at HOST, or whose username is NUMBER. */
static void
store_find (LocalBackend *b, const char *user, const char *host, const char *number, GCancellable *cancel,
            JgwIdentityCb cb, gpointer ud)
{
  GError *error = NULL;
  g_autoptr (GPtrArray) all = jgw_store_account_list (b->store, &error);
  JgwIdentity *found = NULL;
  for (guint i = 0; all && i < all->len && !found; i++)
    {
      const JgwAccount *a = g_ptr_array_index (all, i);
      g_autofree char *rhost = registrar_host (a->registrar);
      g_autofree char *n = number ? number_of (b, a->username, NULL) : NULL;
      if ((user && strcmp (a->username, user) == 0 && host_is_ours (b, host, rhost))
          || (n && strcmp (n, number) == 0))
        found = identity_from_account (a);
    }
  jgw_identity_reply_later (cb, ud, found, error, cancel);
}

static void
store_by_sip_uri (gpointer self, const char *uri, GCancellable *cancel, JgwIdentityCb cb, gpointer ud)
{
  g_autofree char *user = NULL, *host = NULL;
  if (!jgw_sip_uri_user_host (uri, &user, &host))
    {
      jgw_identity_reply_later (cb, ud, NULL, NULL, cancel);
      return;
    }
  store_find (self, user, host, NULL, cancel, cb, ud);
}

static void
store_by_number (gpointer self, const char *number, GCancellable *cancel, JgwIdentityCb cb, gpointer ud)
{
  store_find (self, NULL, NULL, number, cancel, cb, ud);
}

JgwDirectoryBackend *
jgw_store_backend_new (const JgwConfig *config, JgwStore *store, const JgwDialplan *dialplan)
{
  LocalBackend *b = g_new0 (LocalBackend, 1);
  b->config = config;
  b->store = store;
  b->dialplan = dialplan;
  b->vt = (JgwDirectoryBackend){ .name = "store", .self = b, .by_jid = store_by_jid,
                                 .by_sip_uri = store_by_sip_uri, .by_number = store_by_number };
  return &b->vt;
}
