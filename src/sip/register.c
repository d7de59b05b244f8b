/* register.c — one SIP identity per mapped user: REGISTER with digest
 * auth, refresh (done by nua before expiry), retry with backoff after any
 * failure so that a registration recovers by itself when the registrar
 * comes back, and un-REGISTER on removal and shutdown. */
#define G_LOG_DOMAIN "jgw-sip"

#include "sip/sip_private.h"
#include "sip/sip_util.h"

#include <string.h>

#define BACKOFF_MIN 1  /* seconds */
#define BACKOFF_MAX 30
/* nua answers a stale nonce itself; a second challenge to our answer
 * means the credentials are wrong (answering again only yields 904). */
#define AUTH_TRIES_MAX 1

static void
copy_user (JgwUserConfig *dst, const JgwUserConfig *src)
{
  dst->jid = g_strdup (src->jid);
  dst->sip_uri = g_strdup (src->sip_uri);
  dst->auth_user = g_strdup (src->auth_user);
  dst->password = g_strdup (src->password);
  dst->registrar = g_strdup (src->registrar);
  dst->display_name = g_strdup (src->display_name);
  dst->country_code = g_strdup (src->country_code);
}

JgwSipAccount *
jgw_sip_account_new (JgwSipUa *ua, const JgwUserConfig *user)
{
  JgwSipAccount *acc = g_new0 (JgwSipAccount, 1);
  acc->base.kind = JGW_SIP_HANDLE_ACCOUNT;
  acc->ua = ua;
  copy_user (&acc->user, user);
  acc->user_part = jgw_sip_uri_user (user->sip_uri);
  acc->host_part = jgw_sip_uri_host (user->sip_uri);
  acc->phrase = g_strdup ("");
  acc->backoff = BACKOFF_MIN;
  return acc;
}

void
jgw_sip_account_free (gpointer p)
{
  JgwSipAccount *acc = p;
  g_clear_handle_id (&acc->retry_source, g_source_remove);
  if (acc->nh)
    nua_handle_destroy (acc->nh);
  g_free (acc->user.jid);
  g_free (acc->user.sip_uri);
  g_free (acc->user.auth_user);
  g_free (acc->user.password);
  g_free (acc->user.registrar);
  g_free (acc->user.display_name);
  g_free (acc->user.country_code);
  g_free (acc->user_part);
  g_free (acc->host_part);
  g_free (acc->phrase);
  g_free (acc);
}

static void
set_state (JgwSipAccount *acc, JgwSipRegState state, guint status, const char *phrase)
{
  JgwSipUa *ua = acc->ua;
  acc->state = state;
  acc->status = status;
  g_free (acc->phrase);
  acc->phrase = g_strdup (phrase ? phrase : "");
  if (state == JGW_SIP_REG_FAILED)
    g_warning ("SIP registration of %s at %s failed: %u %s", acc->user.jid, acc->user.registrar,
               status, acc->phrase);
  else
    g_message ("SIP registration of %s: %s %u %s", acc->user.jid, jgw_sip_reg_state_name (state),
               status, acc->phrase);
  JgwSipRegistration reg = { state, status, acc->phrase, acc->expires };
  if (ua->events.registration && !acc->removing)
    ua->events.registration (ua, acc->user.jid, &reg, ua->user_data);
}

static void
send_register (JgwSipAccount *acc)
{
  JgwSipUa *ua = acc->ua;
  if (acc->nh == NULL)
    {
      g_autofree char *from = jgw_sip_ua_from (ua, &acc->user);
      acc->nh = nua_handle (ua->nua, &acc->base, SIPTAG_TO_STR (acc->user.sip_uri),
                            SIPTAG_FROM_STR (from), TAG_END ());
    }
  g_autofree char *expires = g_strdup_printf ("%u", ua->config->sip.registration_expires);
  acc->auth_tries = 0;
  set_state (acc, JGW_SIP_REG_REGISTERING, 0, "");
  nua_register (acc->nh, NUTAG_REGISTRAR (acc->user.registrar),
                TAG_IF (acc->user_part, NUTAG_M_USERNAME (acc->user_part)),
                SIPTAG_EXPIRES_STR (expires), TAG_END ());
}

void
jgw_sip_account_start (JgwSipAccount *acc)
{
  if (acc->user.password && acc->user.registrar)
    send_register (acc);
  else
    g_info ("SIP identity %s for %s: no credentials, not registering", acc->user.sip_uri,
            acc->user.jid);
}

static gboolean
retry_cb (gpointer data)
{
  JgwSipAccount *acc = data;
  acc->retry_source = 0;
  send_register (acc);
  return G_SOURCE_REMOVE;
}

/* Start over on a fresh handle: after a failed refresh nua's registration
 * usage may be gone, and a new Call-ID is what a restarted registrar expects. */
static void
schedule_retry (JgwSipAccount *acc)
{
  if (acc->nh)
    nua_handle_destroy (acc->nh), acc->nh = NULL;
  if (acc->ua->shutting_down)
    return;
  g_clear_handle_id (&acc->retry_source, g_source_remove);
  acc->retry_source = g_timeout_add_seconds (acc->backoff, retry_cb, acc);
  g_info ("SIP registration of %s: retry in %u s", acc->user.jid, acc->backoff);
  acc->backoff = MIN (acc->backoff * 2, BACKOFF_MAX);
}

static gboolean
try_auth (JgwSipAccount *acc, int status, sip_t const *sip)
{
  char buf[512];
  if ((status != 401 && status != 407) || sip == NULL || acc->auth_tries >= AUTH_TRIES_MAX)
    return FALSE;
  const char *auth = jgw_sip_ua_auth_string (acc->ua, &acc->user, sip, buf, sizeof buf);
  if (auth == NULL)
    return FALSE;
  acc->auth_tries++;
  nua_authenticate (acc->nh, NUTAG_AUTH (auth), TAG_END ());
  return TRUE;
}

static guint
granted_expires (JgwSipAccount *acc, sip_t const *sip)
{
  if (sip && sip->sip_contact && sip->sip_contact->m_expires)
    return (guint) strtoul (sip->sip_contact->m_expires, NULL, 10);
  if (sip && sip->sip_expires)
    return sip->sip_expires->ex_delta;
  return acc->ua->config->sip.registration_expires;
}

static void
register_result (JgwSipAccount *acc, int status, const char *phrase, sip_t const *sip)
{
  if (status >= 200 && acc->ua->shutting_down)
    {
      /* A REGISTER still in progress when shutdown began: answering its
       * challenge now would keep nua_shutdown() waiting; drop it instead. */
      nua_handle_destroy (acc->nh), acc->nh = NULL;
      set_state (acc, JGW_SIP_REG_UNREGISTERED, status, phrase);
      return;
    }
  if (status < 200 || try_auth (acc, status, sip))
    return;
  if (status < 300)
    {
      acc->expires = granted_expires (acc, sip);
      acc->backoff = BACKOFF_MIN;
      acc->auth_tries = 0;
      set_state (acc, JGW_SIP_REG_REGISTERED, status, phrase);
      return;
    }
  acc->expires = 0;
  set_state (acc, JGW_SIP_REG_FAILED, status, phrase);
  schedule_retry (acc);
}

static void
unregister_result (JgwSipAccount *acc, int status, const char *phrase, sip_t const *sip)
{
  if (status < 200 || try_auth (acc, status, sip))
    return;
  acc->expires = 0;
  set_state (acc, JGW_SIP_REG_UNREGISTERED, status, phrase);
  if (acc->removing)
    {
      acc->ua->removing = g_slist_remove (acc->ua->removing, acc);
      jgw_sip_account_free (acc);
    }
}

void
jgw_sip_account_event (JgwSipAccount *acc, nua_event_t event, int status, const char *phrase,
                       sip_t const *sip)
{
  if (event == nua_r_register)
    register_result (acc, status, phrase, sip);
  else if (event == nua_r_unregister)
    unregister_result (acc, status, phrase, sip);
}

void
jgw_sip_account_stop (JgwSipAccount *acc)
{
  g_clear_handle_id (&acc->retry_source, g_source_remove);
  if (acc->nh == NULL || acc->state == JGW_SIP_REG_REGISTERED)
    return; /* nua_shutdown() un-REGISTERs the registered ones */
  /* A REGISTER still in flight (or failed) has nothing to undo, and nua's
   * shutdown would wait for its challenge to be answered: drop it. */
  nua_handle_destroy (acc->nh);
  acc->nh = NULL;
  set_state (acc, JGW_SIP_REG_UNREGISTERED, 0, "Shutdown");
}

static gboolean
host_is_ours (JgwSipUa *ua, JgwSipAccount *acc, const char *host)
{
  const char *listen = ua->config->sip.listen_host;
  return host == NULL || g_ascii_strcasecmp (host, ua->config->sip.domain) == 0
         || g_ascii_strcasecmp (host, listen) == 0
         || (acc->host_part && g_ascii_strcasecmp (host, acc->host_part) == 0)
         || strcmp (listen, "0.0.0.0") == 0 || strcmp (listen, "::") == 0;
}

JgwSipAccount *
jgw_sip_account_match (JgwSipUa *ua, const char *ruri_user, const char *ruri_host)
{
  GHashTableIter it;
  gpointer value;
  if (ruri_user == NULL)
    return NULL;
  g_hash_table_iter_init (&it, ua->accounts);
  while (g_hash_table_iter_next (&it, NULL, &value))
    {
      JgwSipAccount *acc = value;
      if (g_strcmp0 (acc->user_part, ruri_user) == 0 && host_is_ours (ua, acc, ruri_host))
        return acc;
    }
  return NULL;
}

gboolean
jgw_sip_ua_add_account (JgwSipUa *ua, const JgwUserConfig *user, GError **error)
{
  if (ua->shutting_down)
    return g_set_error (error, JGW_SIP_ERROR, JGW_SIP_ERROR_SHUTDOWN, "SIP is shutting down"), FALSE;
  if (user->jid == NULL || user->sip_uri == NULL || g_hash_table_contains (ua->accounts, user->jid))
    return g_set_error (error, JGW_SIP_ERROR, JGW_SIP_ERROR_ARGUMENT,
                        "SIP account for '%s' is incomplete or exists already",
                        user->jid ? user->jid : "(null)"), FALSE;
  JgwSipAccount *acc = jgw_sip_account_new (ua, user);
  g_hash_table_insert (ua->accounts, acc->user.jid, acc);
  jgw_sip_ua_refresh_trusted (ua);
  jgw_sip_account_start (acc);
  return TRUE;
}

gboolean
jgw_sip_ua_remove_account (JgwSipUa *ua, const char *jid)
{
  JgwSipAccount *acc = g_hash_table_lookup (ua->accounts, jid);
  if (acc == NULL)
    return FALSE;
  g_hash_table_steal (ua->accounts, jid);
  jgw_sip_ua_refresh_trusted (ua);
  g_clear_handle_id (&acc->retry_source, g_source_remove);
  if (acc->nh && acc->state == JGW_SIP_REG_REGISTERED)
    {
      acc->removing = TRUE; /* freed when the un-REGISTER is answered */
      ua->removing = g_slist_prepend (ua->removing, acc);
      nua_unregister (acc->nh, TAG_END ());
    }
  else
    jgw_sip_account_free (acc);
  return TRUE;
}

gboolean
jgw_sip_ua_get_registration (JgwSipUa *ua, const char *jid, JgwSipRegistration *out)
{
  JgwSipAccount *acc = g_hash_table_lookup (ua->accounts, jid);
  if (acc == NULL)
    return FALSE;
  *out = (JgwSipRegistration){ acc->state, acc->status, acc->phrase, acc->expires };
  return TRUE;
}
