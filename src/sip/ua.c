/* ua.c — the one sofia-sip user agent: nua driven by the GLib main loop
 * through su_glib, listeners, dispatch of nua events to accounts and calls,
 * and the orderly shutdown. */
#define G_LOG_DOMAIN "jgw-sip"

#include "jgw-build.h"
#include "sip/sip_private.h"
#include "sip/sip_util.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sofia-sip/msg_addr.h>
#include <sofia-sip/nta_tag.h>
#include <sofia-sip/soa_session.h>
#include <sofia-sip/su_log.h>
#include <sofia-sip/su_tag_io.h>
#include <sofia-sip/tport_tag.h>
#include <string.h>

G_DEFINE_QUARK (jgw-sip-error-quark, jgw_sip_error)

#define JGW_SIP_ALLOW "INVITE, ACK, BYE, CANCEL, OPTIONS, INFO, UPDATE, REFER, NOTIFY"
#define JGW_SIP_MAX_MESSAGE (32 * 1024)
#define JGW_SIP_ACCEPT "application/sdp, application/dtmf-relay, application/dtmf, message/sipfrag, " \
  "application/simple-message-summary, application/dialog-info+xml"

/* Exported by libsofia-sip-ua but not declared in its public headers. */
extern su_log_t tport_log[], nta_log[], nua_log[];

/* Sofia prints its diagnostics (ICMP errors, parse failures) to stderr;
 * send them through GLib logging at debug level instead. */
static void
sofia_logger (void *stream, char const *fmt, va_list ap)
{
  (void) stream;
  g_autofree char *line = g_strdup_vprintf (fmt, ap);
  g_strchomp (line);
  if (*line)
    g_debug ("sofia: %s", line);
}

static void
redirect_sofia_logs (void)
{
  su_log_t *logs[] = { su_log_default, tport_log, nta_log, nua_log, soa_log };
  for (gsize i = 0; i < G_N_ELEMENTS (logs); i++)
    su_log_redirect (logs[i], sofia_logger, NULL);
}

static void nua_callback (nua_event_t event, int status, char const *phrase, nua_t *nua,
                          JgwSipUa *ua, nua_handle_t *nh, JgwSipHandle *hmagic,
                          sip_t const *sip, tagi_t tags[]);

/* Sofia reads the TLS key and certificate from one agent.pem in a directory;
 * the configuration names two PEM files, so build that directory. */
static gboolean
make_cert_dir (JgwSipUa *ua, GError **error)
{
  const JgwSipConfig *s = &ua->config->sip;
  g_autofree char *key = NULL, *cert = NULL;
  if (s->tls_certificate == NULL || s->tls_key == NULL)
    return g_set_error (error, JGW_SIP_ERROR, JGW_SIP_ERROR_INIT,
                        "[sip] tls-listen needs tls-certificate and tls-key"), FALSE;
  if (!g_file_get_contents (s->tls_key, &key, NULL, error)
      || !g_file_get_contents (s->tls_certificate, &cert, NULL, error))
    return FALSE;
  ua->cert_dir = g_dir_make_tmp ("jgw-sip-tls-XXXXXX", error);
  if (ua->cert_dir == NULL)
    return FALSE;
  g_autofree char *agent = g_build_filename (ua->cert_dir, "agent.pem", NULL);
  g_autofree char *ca = g_build_filename (ua->cert_dir, "cafile.pem", NULL);
  g_autofree char *both = g_strconcat (key, "\n", cert, NULL);
  return g_file_set_contents_full (agent, both, -1, G_FILE_SET_CONTENTS_NONE, 0600, error)
         && g_file_set_contents (ca, cert, -1, error);
}

static void
remove_cert_dir (JgwSipUa *ua)
{
  if (ua->cert_dir == NULL)
    return;
  const char *names[] = { "agent.pem", "cafile.pem" };
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *p = g_build_filename (ua->cert_dir, names[i], NULL);
      g_unlink (p);
    }
  g_rmdir (ua->cert_dir);
  g_clear_pointer (&ua->cert_dir, g_free);
}

static char *
listen_url (const char *scheme, const char *host, guint16 port)
{
  gboolean v6 = strchr (host, ':') != NULL;
  return g_strdup_printf ("%s:%s%s%s:%u", scheme, v6 ? "[" : "", host, v6 ? "]" : "", port);
}

static gboolean
check_tls (JgwSipUa *ua, GError **error)
{
  if (ua->config->sip.tls_listen_host == NULL)
    return TRUE;
#ifdef JGW_SOFIA_HAS_TLS
  return make_cert_dir (ua, error);
#else
  g_set_error (error, JGW_SIP_ERROR, JGW_SIP_ERROR_NO_TLS,
               "[sip] tls-listen is set, but the installed sofia-sip was built without TLS");
  return FALSE;
#endif
}

/* nua_create() fails without saying why (and leaks on that path), so a
 * taken port is detected first, by binding it ourselves for a moment. */
static gboolean
check_port_free (const char *host, guint16 port, GError **error)
{
  g_autoptr (GInetAddress) ip = g_inet_address_new_from_string (host);
  if (ip == NULL)
    return TRUE; /* not an IP literal: let sofia judge it */
  g_autoptr (GSocketAddress) addr = g_inet_socket_address_new (ip, port);
  GSocketType types[] = { G_SOCKET_TYPE_DATAGRAM, G_SOCKET_TYPE_STREAM };
  for (gsize i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr (GError) local = NULL;
      g_autoptr (GSocket) sock = g_socket_new (g_inet_address_get_family (ip), types[i], 0, &local);
      if (sock == NULL || !g_socket_bind (sock, addr, types[i] == G_SOCKET_TYPE_STREAM, &local))
        return g_set_error (error, JGW_SIP_ERROR, JGW_SIP_ERROR_INIT,
                            "cannot listen for SIP on %s port %u (%s): %s", host, port,
                            i == 0 ? "UDP" : "TCP", local->message), FALSE;
    }
  return TRUE;
}

static gboolean
create_nua (JgwSipUa *ua, GError **error)
{
  const JgwSipConfig *s = &ua->config->sip;
  if (!check_port_free (s->listen_host, s->listen_port, error)
      || (s->tls_listen_host && !check_port_free (s->tls_listen_host, s->tls_listen_port, error)))
    return FALSE;
  g_autofree char *url = listen_url ("sip", s->listen_host, s->listen_port);
  g_autofree char *sips = s->tls_listen_host
                            ? listen_url ("sips", s->tls_listen_host, s->tls_listen_port) : NULL;
  ua->nua = nua_create (ua->root, nua_callback, ua,
                        NUTAG_URL (url),
                        TAG_IF (sips, NUTAG_SIPS_URL (sips)),
                        TAG_IF (sips, NUTAG_CERTIFICATE_DIR (ua->cert_dir)),
                        TAG_IF (s->outbound_proxy, NUTAG_PROXY (s->outbound_proxy)),
                        /* Nothing we handle comes near this; larger is abuse. */
                        NTATAG_MAXSIZE (JGW_SIP_MAX_MESSAGE),
                        TAG_END ());
  if (ua->nua == NULL)
    return g_set_error (error, JGW_SIP_ERROR, JGW_SIP_ERROR_INIT,
                        "cannot start SIP on %s%s%s (address in use, or bad TLS files?)",
                        url, sips ? " and " : "", sips ? sips : ""), FALSE;
  /* Media is off: the media layer gives and takes SDP as text, so nua does
   * no offer/answer of its own. Session refreshes use UPDATE without SDP,
   * which needs no new offer from us (RFC 4028 9). */
  nua_set_params (ua->nua,
                  NUTAG_MEDIA_ENABLE (0),
                  NUTAG_AUTOANSWER (0), NUTAG_AUTOALERT (0), NUTAG_AUTOACK (1),
                  NUTAG_ENABLEINVITE (1),
                  SIPTAG_ALLOW_STR (JGW_SIP_ALLOW), NUTAG_ENABLEMESSAGE (0),
                  SIPTAG_ACCEPT_STR (JGW_SIP_ACCEPT),
                  SIPTAG_SUPPORTED_STR ("timer"),
                  SIPTAG_USER_AGENT_STR (s->user_agent),
                  NUTAG_SESSION_TIMER (1800), NUTAG_MIN_SE (90),
                  NUTAG_SESSION_REFRESHER (nua_any_refresher),
                  NUTAG_UPDATE_REFRESH (1),
                  NUTAG_OUTBOUND ("no-options-keepalive, no-validate, no-natify"),
                  NUTAG_KEEPALIVE (0),
                  TAG_END ());
  return TRUE;
}

static void
add_host (GPtrArray *hosts, const char *uri)
{
  char *host = uri ? jgw_sip_uri_host (uri) : NULL;
  if (host)
    g_ptr_array_insert (hosts, hosts->len - 1, host);
}

void
jgw_sip_ua_refresh_trusted (JgwSipUa *ua)
{
  GPtrArray *hosts = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (hosts, NULL);
  add_host (hosts, ua->config->sip.outbound_proxy);
  for (char **p = ua->config->sip.trusted_peers; p && *p; p++)
    add_host (hosts, *p);
  GHashTableIter it;
  gpointer value;
  g_hash_table_iter_init (&it, ua->accounts);
  while (g_hash_table_iter_next (&it, NULL, &value))
    add_host (hosts, ((JgwSipAccount *) value)->user.registrar);
  g_clear_pointer (&ua->trusted, g_ptr_array_unref);
  ua->trusted = hosts;
}

static gboolean
add_configured_accounts (JgwSipUa *ua, GError **error)
{
  for (guint i = 0; ua->config->users && i < ua->config->users->len; i++)
    if (!jgw_sip_ua_add_account (ua, g_ptr_array_index (ua->config->users, i), error))
      return FALSE;
  return TRUE;
}

JgwSipUa *
jgw_sip_ua_new (const JgwConfig *config, const JgwSipEvents *events, gpointer user_data,
                GError **error)
{
  JgwSipUa *ua = g_new0 (JgwSipUa, 1);
  ua->config = config;
  if (events)
    ua->events = *events;
  ua->user_data = user_data;
  ua->port = config->sip.listen_port;
  ua->pai = g_key_file_get_boolean (config->keyfile, "sip", "p-asserted-identity", NULL);
  ua->accounts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, jgw_sip_account_free);
  ua->calls = g_hash_table_new_full (NULL, NULL, jgw_sip_call_free, NULL);
  ua->subscriptions = g_hash_table_new_full (NULL, NULL, jgw_sip_subscription_free, NULL);
  su_init ();
  redirect_sofia_logs ();
  su_home_init (ua->home);
  ua->root = su_glib_root_create (ua);
  /* Without this, nua_create() runs the SIP stack in a thread of its own;
   * we want it on our one main loop. */
  su_root_threading (ua->root, 0);
  g_source_attach (su_glib_root_gsource (ua->root), g_main_context_get_thread_default ());
  jgw_sip_ua_refresh_trusted (ua);
  if (!check_tls (ua, error) || !create_nua (ua, error) || !add_configured_accounts (ua, error))
    {
      jgw_sip_ua_free (ua);
      return NULL;
    }
  g_message ("SIP listening on %s:%u (UDP, TCP)%s", config->sip.listen_host,
             config->sip.listen_port, config->sip.tls_listen_host ? " and TLS" : "");
  return ua;
}

guint16
jgw_sip_ua_port (JgwSipUa *ua)
{
  return ua->port;
}

char *
jgw_sip_ua_from (JgwSipUa *ua, const JgwUserConfig *user)
{
  (void) ua;
  if (user->display_name == NULL || *user->display_name == '\0')
    return g_strdup_printf ("<%s>", user->sip_uri);
  g_autoptr (GString) name = g_string_new (NULL);
  for (const char *p = user->display_name; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (name, '\\');
      g_string_append_c (name, *p);
    }
  return g_strdup_printf ("\"%s\" <%s>", name->str, user->sip_uri);
}

/* nua's credential string is SCHEME:"REALM":USER:PASSWORD. */
const char *
jgw_sip_ua_auth_string (JgwSipUa *ua, const JgwUserConfig *user, sip_t const *sip, char *buf,
                        gsize size)
{
  (void) ua;
  msg_auth_t const *au = sip->sip_www_authenticate ? sip->sip_www_authenticate
                                                   : sip->sip_proxy_authenticate;
  if (au == NULL || user->password == NULL)
    return NULL;
  const char *realm = msg_params_find (au->au_params, "realm=");
  const char *auth_user = user->auth_user;
  g_autofree char *uri_user = jgw_sip_uri_user (user->sip_uri);
  if (auth_user == NULL)
    auth_user = uri_user;
  if (realm == NULL || auth_user == NULL)
    return NULL;
  g_snprintf (buf, size, "%s:%s:%s:%s", au->au_scheme, realm, auth_user, user->password);
  return buf;
}

static void
drop_unsolicited (nua_event_t event, nua_handle_t *nh)
{
  /* nua already answered these (OPTIONS 200 with Allow/Accept, INFO or
   * MESSAGE outside a dialog...); the handle it made for them is ours to drop. */
  switch (event)
    {
    case nua_i_options: case nua_i_refer: case nua_i_publish: case nua_i_info:
    case nua_i_update: case nua_i_message: case nua_i_chat: case nua_i_subscribe:
    case nua_i_subscription: case nua_i_notify: case nua_i_method: case nua_i_register:
    case nua_i_bye: case nua_i_prack:
      if (nh)
        nua_handle_destroy (nh);
      break;
    default:
      break;
    }
}

static void
shutdown_event (JgwSipUa *ua, int status)
{
  if (status < 200 || ua->shutdown_complete)
    return;
  g_message ("SIP stack stopped (%d)", status);
  GHashTableIter it;
  gpointer value;
  g_hash_table_iter_init (&it, ua->calls);
  while (g_hash_table_iter_next (&it, &value, NULL))
    {
      jgw_sip_call_finish (value, 200, "Shutdown", FALSE);
      g_hash_table_iter_init (&it, ua->calls);
    }
  ua->shutdown_complete = TRUE;
  JgwSipDoneFunc done = ua->done;
  ua->done = NULL;
  if (done)
    done (ua, ua->done_data);
}

static void
nua_callback (nua_event_t event, int status, char const *phrase, nua_t *nua, JgwSipUa *ua,
              nua_handle_t *nh, JgwSipHandle *hmagic, sip_t const *sip, tagi_t tags[])
{
  (void) nua;
  g_debug ("nua %s %d %s", nua_event_name (event), status, phrase ? phrase : "");
  if (event == nua_r_shutdown)
    shutdown_event (ua, status);
  else if (hmagic == NULL && event == nua_i_invite)
    jgw_sip_call_in_invite (ua, nh, sip);
  else if (hmagic == NULL)
    drop_unsolicited (event, nh);
  else if (hmagic->kind == JGW_SIP_HANDLE_ACCOUNT)
    jgw_sip_account_event ((JgwSipAccount *) hmagic, event, status, phrase, sip);
  else if (hmagic->kind == JGW_SIP_HANDLE_SUBSCRIPTION)
    jgw_sip_subscription_event ((JgwSipSubscription *) hmagic, event, status, phrase, sip, tags);
  else
    jgw_sip_call_mid_event ((JgwSipCall *) hmagic, event, status, phrase, nh, sip, tags);
}

static void
stop_account_timer (gpointer key, gpointer value, gpointer data)
{
  (void) key, (void) data;
  jgw_sip_account_stop (value);
}

void
jgw_sip_ua_shutdown (JgwSipUa *ua, JgwSipDoneFunc done, gpointer user_data)
{
  g_return_if_fail (!ua->shutting_down);
  ua->shutting_down = TRUE;
  ua->done = done;
  ua->done_data = user_data;
  g_hash_table_foreach (ua->accounts, stop_account_timer, NULL);
  g_message ("SIP shutting down: unregistering, ending %u call(s)", g_hash_table_size (ua->calls));
  /* nua_shutdown un-REGISTERs every registration and BYEs/CANCELs every
   * call, then reports nua_r_shutdown (status >= 200 when finished). */
  nua_shutdown (ua->nua);
}

static void
sync_done (JgwSipUa *ua, gpointer data)
{
  (void) ua;
  *(gboolean *) data = TRUE;
}

/* A UA freed without a completed shutdown still must stop sofia cleanly:
 * nua_destroy() requires it. Bounded, since the far ends may be gone. */
static void
shutdown_sync (JgwSipUa *ua)
{
  gboolean finished = FALSE;
  if (!ua->shutting_down)
    jgw_sip_ua_shutdown (ua, sync_done, &finished);
  else
    ua->done = sync_done, ua->done_data = &finished;
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  GMainContext *ctx = g_main_context_get_thread_default ();
  while (!finished && g_get_monotonic_time () < end)
    if (!g_main_context_iteration (ctx, FALSE))
      g_usleep (1000);
}

void
jgw_sip_ua_free (JgwSipUa *ua)
{
  if (ua == NULL)
    return;
  if (ua->nua && !ua->shutdown_complete)
    shutdown_sync (ua);
  g_hash_table_remove_all (ua->calls);
  g_hash_table_remove_all (ua->subscriptions);
  g_hash_table_remove_all (ua->accounts);
  g_slist_free_full (g_steal_pointer (&ua->removing), jgw_sip_account_free);
  if (ua->nua)
    nua_destroy (ua->nua);
  if (ua->root)
    su_root_destroy (ua->root);
  su_home_deinit (ua->home);
  su_deinit ();
  remove_cert_dir (ua);
  g_clear_pointer (&ua->trusted, g_ptr_array_unref);
  g_hash_table_unref (ua->calls);
  g_hash_table_unref (ua->subscriptions);
  g_hash_table_unref (ua->accounts);
  g_free (ua);
}
