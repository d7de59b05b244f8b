/* call_in.c — calls we receive: who may send them, which user they are
 * for, the owner's busy/DND decision, ringing, answer or refusal, and the
 * ring timeout. Every INVITE gets exactly one final answer. */
#define G_LOG_DOMAIN "jgw-sip"

#include "log.h"
#include "sip/sip_private.h"
#include "sip/sip_util.h"

#include <arpa/inet.h>
#include <sofia-sip/msg_addr.h>
#include <string.h>

static void
refuse (nua_handle_t *nh, guint status, const char *phrase)
{
  nua_respond (nh, status, phrase ? phrase : jgw_sip_status_phrase (status), TAG_END ());
  nua_handle_destroy (nh);
}

static gboolean
source_address (JgwSipUa *ua, char *buf, gsize size)
{
  msg_t *msg = nua_current_request (ua->nua);
  su_sockaddr_t *su = msg ? msg_addr (msg) : NULL;
  return su && inet_ntop (su->su_family, SU_ADDR (su), buf, size) != NULL;
}

/* A display name as sent may be quoted ("Bob \"B\" Smith"). */
static char *
unquote_display (const char *display)
{
  if (display == NULL || *display == '\0')
    return NULL;
  gsize n = strlen (display);
  if (n < 2 || display[0] != '"' || display[n - 1] != '"')
    return g_strdup (display);
  g_autoptr (GString) out = g_string_new (NULL);
  for (const char *p = display + 1; p < display + n - 1; p++)
    {
      if (*p == '\\' && p + 1 < display + n - 1)
        p++;
      g_string_append_c (out, *p);
    }
  return g_strdup (out->str);
}

/* Why the INVITE must be refused before anyone rings, or 0. */
static guint
precheck (JgwSipUa *ua, sip_t const *sip, const char *source, JgwSipAccount **acc,
          const char **phrase)
{
  url_t const *ruri = sip->sip_request->rq_url;
  *phrase = NULL;
  if (ua->shutting_down)
    return 503;
  if (!jgw_sip_source_trusted (source, (const char *const *) ua->trusted->pdata))
    return *phrase = "Not a trusted peer", 403;
  *acc = jgw_sip_account_match (ua, ruri->url_user, ruri->url_host);
  if (*acc == NULL && !(ruri->url_user && ua->events.claim && ua->events.claim (ua, ruri->url_user, ua->user_data)))
    return 404;
  if (sip->sip_payload && sip->sip_content_type
      && g_ascii_strcasecmp (sip->sip_content_type->c_type, "application/sdp") != 0)
    return 415;
  g_autofree char *sdp = jgw_sip_payload (sip);
  if (sdp && !jgw_sip_sdp_valid (sdp))
    return *phrase = "Bad Session Description", 400;
  return 0;
}

static gboolean
ring_timeout (gpointer data)
{
  JgwSipCall *call = data;
  call->ring_timer = 0;
  nua_respond (call->nh, SIP_480_TEMPORARILY_UNAVAILABLE, TAG_END ());
  jgw_sip_call_finish (call, 480, "No answer", FALSE);
  return G_SOURCE_REMOVE;
}

static void
announce (JgwSipUa *ua, JgwSipCall *call, sip_t const *sip)
{
  su_home_t home[1] = { SU_HOME_INIT (home) };
  url_t const *from = sip->sip_from->a_url;
  g_autofree char *display = unquote_display (sip->sip_from->a_display);
  g_autofree char *sdp = jgw_sip_payload (sip);
  char *uri = url_as_string (home, from);
  url_t const *ruri = sip->sip_request->rq_url;
  JgwSipIncoming info = { call->jid, uri, from->url_user, from->url_host, display, sdp, ruri->url_user,
                          g_hash_table_lookup (ua->accounts, call->jid) == NULL };
  JGW_LOG_CALL (G_LOG_LEVEL_MESSAGE, call->id, "incoming SIP call from %s for %s", uri, call->jid);
  if (call->events->incoming)
    call->events->incoming (ua, call, &info, call->events_data);
  else
    jgw_sip_call_reject (call, 480, NULL);
  su_home_deinit (home);
}

void
jgw_sip_call_in_invite (JgwSipUa *ua, nua_handle_t *nh, sip_t const *sip)
{
  char source[64] = "";
  JgwSipAccount *acc = NULL;
  const char *phrase;
  source_address (ua, source, sizeof source);
  guint status = precheck (ua, sip, source, &acc, &phrase);
  if (status == 0 && acc && ua->events.incoming_policy)
    status = ua->events.incoming_policy (ua, acc->user.jid, ua->user_data);
  if (status != 0)
    {
      g_message ("SIP INVITE for %s from %s refused: %u %s", sip->sip_request->rq_url->url_user
                 ? sip->sip_request->rq_url->url_user : "(none)", source, status,
                 phrase ? phrase : jgw_sip_status_phrase (status));
      refuse (nh, status, phrase);
      return;
    }
  /* A claimed call (no account) is named by its Request-URI user. */
  JgwSipCall *call = jgw_sip_call_alloc (ua, nh, acc ? acc->user.jid : sip->sip_request->rq_url->url_user, TRUE);
  call->id = g_strdup (sip->sip_call_id->i_id);
  call->state = JGW_SIP_CALL_RINGING;
  call->ring_timer = g_timeout_add_seconds (MAX (ua->config->calls.ring_time, 1), ring_timeout, call);
  announce (ua, call, sip);
}

static gboolean
check_ringing (JgwSipCall *call, GError **error)
{
  if (call->incoming && call->state == JGW_SIP_CALL_RINGING)
    return TRUE;
  g_set_error (error, JGW_SIP_ERROR, JGW_SIP_ERROR_ARGUMENT,
               "SIP call %s is not an incoming call waiting for an answer", call->id);
  return FALSE;
}

gboolean
jgw_sip_call_ring (JgwSipCall *call, GError **error)
{
  if (!check_ringing (call, error))
    return FALSE;
  nua_respond (call->nh, SIP_180_RINGING, TAG_END ());
  return TRUE;
}

gboolean
jgw_sip_call_answer (JgwSipCall *call, const char *sdp, GError **error)
{
  if (!check_ringing (call, error))
    return FALSE;
  JgwSipAccount *acc = g_hash_table_lookup (call->ua->accounts, call->jid);
  g_clear_handle_id (&call->ring_timer, g_source_remove);
  call->state = JGW_SIP_CALL_ANSWERED;
  JGW_LOG_CALL (G_LOG_LEVEL_MESSAGE, call->id, "answering SIP call for %s", call->jid);
  nua_respond (call->nh, SIP_200_OK,
               TAG_IF (acc && acc->user_part, NUTAG_M_USERNAME (acc ? acc->user_part : NULL)),
               TAG_IF (sdp, SIPTAG_CONTENT_TYPE_STR ("application/sdp")),
               TAG_IF (sdp, SIPTAG_PAYLOAD_STR (sdp)), TAG_END ());
  return TRUE;
}

gboolean
jgw_sip_call_reject (JgwSipCall *call, guint status, GError **error)
{
  if (!check_ringing (call, error))
    return FALSE;
  if (status < 300 || status > 699)
    status = 480;
  nua_respond (call->nh, status, jgw_sip_status_phrase (status), TAG_END ());
  jgw_sip_call_finish (call, status, NULL, FALSE);
  return TRUE;
}

gboolean
jgw_sip_call_reject_retry (JgwSipCall *call, guint status, guint retry_after, GError **error)
{
  if (!check_ringing (call, error))
    return FALSE;
  if (status < 300 || status > 699)
    status = 503;
  g_autofree char *seconds = g_strdup_printf ("%u", retry_after);
  nua_respond (call->nh, status, jgw_sip_status_phrase (status), SIPTAG_RETRY_AFTER_STR (seconds), TAG_END ());
  jgw_sip_call_finish (call, status, NULL, FALSE);
  return TRUE;
}
