/* test_plugin.c — plugins for check_plugin, one source built four ways:
 * TEST_GOOD registers a directory backend, TEST_FAIL registers one and then
 * refuses to start, TEST_ABI has a wrong ABI version, TEST_NOSYM exports no
 * descriptor. Links only GLib: no core symbol may be needed. */
#include "jinglegw/plugin.h"

typedef struct {
  JgwPluginHost *host;
  JgwDirectoryBackend backend;
  char *domain;
} State;

typedef struct {
  JgwIdentityCb cb;
  gpointer user_data;
  JgwIdentity *identity;
  GError *error;
} Reply;

static gboolean
reply_h (gpointer data)
{
  Reply *r = data;
  r->cb (r->identity, r->error, r->user_data);
  g_clear_error (&r->error);
  g_free (r);
  return G_SOURCE_REMOVE;
}

/* alice@DOMAIN is known; everyone else is not. */
static void
by_jid (gpointer self, const char *jid, GCancellable *cancel, JgwIdentityCb cb, gpointer user_data)
{
  State *st = self;
  Reply *r = g_new0 (Reply, 1);
  r->cb = cb;
  r->user_data = user_data;
  g_autofree char *alice = g_strconcat ("alice@", st->domain, NULL);
  if (g_strcmp0 (jid, alice) == 0)
    {
      r->identity = g_new0 (JgwIdentity, 1);
      r->identity->jid = g_strdup (jid);
      r->identity->sip_uri = g_strconcat ("sip:alice@", st->domain, NULL);
      r->identity->source = g_strdup (st->backend.name);
    }
  g_idle_add (reply_h, r);
}

/* Numbers starting with +49 make this backend fail, as a directory that is
 * down would: the next backend must still be asked. */
static void
by_number (gpointer self, const char *number, GCancellable *cancel, JgwIdentityCb cb, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  if (g_str_has_prefix (number, "+49"))
    error = g_error_new (G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE, "test directory is down");
  /* Errors travel through an idle as well (never answer synchronously). */
  Reply *r = g_new0 (Reply, 1);
  r->cb = cb;
  r->user_data = user_data;
  r->error = g_steal_pointer (&error);
  g_idle_add (reply_h, r);
}

static G_GNUC_UNUSED gboolean
test_init (JgwPluginHost *host, gpointer *state, GError **error)
{
  State *st = g_new0 (State, 1);
  st->host = host;
  st->domain = g_key_file_get_string (host->config, "testdir", "domain", NULL);
  if (st->domain == NULL)
    st->domain = g_strdup ("example.com");
  st->backend = (JgwDirectoryBackend){ .name = TEST_NAME, .self = st, .by_jid = by_jid, .by_number = by_number };
  if (!host->register_directory (host, &st->backend, error))
    {
      g_free (st->domain);
      g_free (st);
      return FALSE;
    }
#ifdef TEST_FAIL
  /* Refuse after registering (and "forget" to unregister): the loader must
   * drop the registration before unloading the code. */
  g_free (st->domain);
  st->domain = g_strdup ("gone");
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "refusing: %s has no server", host->config_path);
  g_free (st->domain);
  g_free (st);
  return FALSE;
#else
  *state = st;
  return TRUE;
#endif
}

static G_GNUC_UNUSED void
test_close (JgwPluginHost *host, gpointer state)
{
  State *st = state;
  host->unregister_directory (host, &st->backend);
  g_free (st->domain);
  g_free (st);
}

#if defined(TEST_GOOD) || defined(TEST_FAIL)
JGW_PLUGIN_DEFINE (TEST_NAME, "test directory", test_init, test_close);
#elif defined(TEST_ABI)
G_MODULE_EXPORT extern const JgwPluginDesc jgw_plugin;
G_MODULE_EXPORT const JgwPluginDesc jgw_plugin = { 999, TEST_NAME, "from the future", test_init, test_close };
#else
/* TEST_NOSYM: a shared object that is not a plugin. */
G_MODULE_EXPORT int not_a_plugin (void);
G_MODULE_EXPORT int
not_a_plugin (void)
{
  return 1;
}
#endif
