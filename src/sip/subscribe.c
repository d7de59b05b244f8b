/* subscribe.c — SIP event subscriptions (RFC 6665) from a mapped user's
 * identity: message-summary for voicemail (RFC 3842), dialog state for line
 * presence (RFC 4235). nua refreshes them before they expire; NOTIFY bodies
 * are handed up as text, unparsed. */
#define G_LOG_DOMAIN "jgw-sip"

#include "sip/sip_private.h"

#include <string.h>

struct _JgwSipSubscription {
  JgwSipHandle base;
  JgwSipUa *ua;
  nua_handle_t *nh;
  char *jid;
  char *target;
  char *event;
  guint auth_tries;
  gboolean ending;           /* unsubscribe sent, or the owner let go */
  gboolean failed;           /* the SUBSCRIBE was refused: nothing to end */
  gboolean in_callback;      /* the owner's status callback runs */
  JgwSipNotifyFunc notify;
  JgwSipSubscribeFunc status;
  gpointer user_data;
};

void
jgw_sip_subscription_free (gpointer p)
{
  JgwSipSubscription *sub = p;
  if (sub->nh)
    {
      nua_handle_bind (sub->nh, NULL);
      nua_handle_destroy (sub->nh);
    }
  g_free (sub->jid);
  g_free (sub->target);
  g_free (sub->event);
  g_free (sub);
}

JgwSipSubscription *
jgw_sip_subscribe (JgwSipUa *ua, const char *jid, const char *target, const char *event,
                   const char *accept, guint expires, JgwSipNotifyFunc notify,
                   JgwSipSubscribeFunc status, gpointer user_data, GError **error)
{
  JgwSipAccount *acc = g_hash_table_lookup (ua->accounts, jid);
  if (ua->shutting_down)
    return g_set_error (error, JGW_SIP_ERROR, JGW_SIP_ERROR_SHUTDOWN, "SIP is shutting down"), NULL;
  if (acc == NULL)
    return g_set_error (error, JGW_SIP_ERROR, JGW_SIP_ERROR_ARGUMENT, "%s has no SIP identity", jid), NULL;
  url_t *url = url_hdup (ua->home, (url_t const *) url_make (ua->home, target));
  if (url == NULL || (url->url_type != url_sip && url->url_type != url_sips))
    return g_set_error (error, JGW_SIP_ERROR, JGW_SIP_ERROR_ARGUMENT, "not a SIP URI: %s", target), NULL;
  JgwSipSubscription *sub = g_new0 (JgwSipSubscription, 1);
  sub->base.kind = JGW_SIP_HANDLE_SUBSCRIPTION;
  sub->ua = ua;
  sub->jid = g_strdup (jid);
  sub->target = g_strdup (target);
  sub->event = g_strdup (event);
  sub->notify = notify;
  sub->status = status;
  sub->user_data = user_data;
  g_autofree char *from = jgw_sip_ua_from (ua, &acc->user);
  g_autofree char *to = g_strdup_printf ("<%s>", target);
  g_autofree char *exp = g_strdup_printf ("%u", expires);
  sub->nh = nua_handle (ua->nua, (JgwSipHandle *) sub, NUTAG_URL (url), SIPTAG_FROM_STR (from),
                        SIPTAG_TO_STR (to), TAG_END ());
  su_free (ua->home, url);
  g_hash_table_add (ua->subscriptions, sub);
  nua_subscribe (sub->nh, SIPTAG_EVENT_STR (event), SIPTAG_ACCEPT_STR (accept),
                 SIPTAG_EXPIRES_STR (exp), TAG_END ());
  g_message ("subscribing %s to %s events of %s", jid, event, target);
  return sub;
}

void
jgw_sip_unsubscribe (JgwSipSubscription *sub)
{
  if (sub == NULL)
    return;
  sub->notify = NULL;
  sub->status = NULL;
  JgwSipUa *ua = sub->ua;
  if (sub->failed && !sub->in_callback)
    return (void) g_hash_table_remove (ua->subscriptions, sub);
  if (ua->shutting_down || sub->ending || sub->failed)
    {
      /* nua_shutdown ends what is left, or subscribe_result() frees it
       * after the callback; the UA frees it. */
      sub->ending = TRUE;
      return;
    }
  sub->ending = TRUE;
  g_message ("unsubscribing %s from %s events of %s", sub->jid, sub->event, sub->target);
  nua_unsubscribe (sub->nh, TAG_END ());
}

static gboolean
try_auth (JgwSipSubscription *sub, int status, sip_t const *sip)
{
  JgwSipAccount *acc = g_hash_table_lookup (sub->ua->accounts, sub->jid);
  if ((status != 401 && status != 407) || acc == NULL || sub->auth_tries >= 1)
    return FALSE;
  char buf[512];
  const char *auth = jgw_sip_ua_auth_string (sub->ua, &acc->user, sip, buf, sizeof buf);
  if (auth == NULL)
    return FALSE;
  sub->auth_tries++;
  nua_authenticate (sub->nh, NUTAG_AUTH (auth), TAG_END ());
  return TRUE;
}

static void
finished (JgwSipSubscription *sub)
{
  g_hash_table_remove (sub->ua->subscriptions, sub);
}

static void
subscribe_result (JgwSipSubscription *sub, int status, const char *phrase, sip_t const *sip)
{
  if (status < 200 || try_auth (sub, status, sip))
    return;
  if (status < 300)
    sub->auth_tries = 0;
  sub->failed = status >= 300;
  g_message ("SUBSCRIBE %s for %s: %d %s", sub->event, sub->target, status, phrase ? phrase : "");
  sub->in_callback = TRUE;
  if (sub->status)
    sub->status (sub, (guint) status, phrase ? phrase : "", sub->user_data);
  sub->in_callback = FALSE;
  if (status >= 300 && sub->ending)
    finished (sub);
}

static void
notify_received (JgwSipSubscription *sub, sip_t const *sip, tagi_t tags[])
{
  int substate = nua_substate_active;
  tl_gets (tags, NUTAG_SUBSTATE_REF (substate), TAG_END ());
  g_autofree char *body = jgw_sip_payload (sip);
  const char *type = sip && sip->sip_content_type ? sip->sip_content_type->c_type : NULL;
  g_debug ("NOTIFY %s from %s (%s, %zu bytes)", sub->event, sub->target, type ? type : "no body",
           body ? strlen (body) : 0);
  if (sub->notify && body)
    sub->notify (sub, type, body, sub->user_data);
  if (substate == nua_substate_terminated && sub->ending)
    finished (sub);
}

void
jgw_sip_subscription_event (JgwSipSubscription *sub, nua_event_t event, int status,
                            const char *phrase, sip_t const *sip, tagi_t tags[])
{
  switch (event)
    {
    case nua_r_subscribe:
      subscribe_result (sub, status, phrase, sip);
      break;
    case nua_i_notify:
      notify_received (sub, sip, tags);
      break;
    case nua_r_unsubscribe:
      /* After a 2xx the notifier still sends a terminating NOTIFY; keep the
       * handle until then so that it is answered 200, not 481. */
      if (status >= 300)
        finished (sub);
      break;
    default:
      break;
    }
}

const char *
jgw_sip_subscription_get_jid (JgwSipSubscription *sub)
{
  return sub->jid;
}
