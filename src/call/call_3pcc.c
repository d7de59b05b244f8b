/* call_3pcc.c — click-to-call: third-party call control per RFC 3725
 * flow I. The gateway calls the user's desk phone without SDP; the phone's
 * 200 carries its offer, which becomes the INVITE to the target; the
 * target's answer goes back to the phone in the ACK. Media flows directly
 * between the two phones (no media session here). Flow I holds the phone's
 * 200 unacknowledged while the target rings, so a target that rings longer
 * than the phone retransmits its 200 (32 s) loses the call; flows that
 * avoid this need a re-INVITE round the gateway does not do yet. */
#define G_LOG_DOMAIN "jgw-call"
#include "call/call_private.h"

#include <string.h>

#include "log.h"
#include "sip/sip_3pcc.h"
#include "xmpp/jid.h"

/* The local part of DIAL as a JID at the component would have it. */
static char *
dial_local (JgwAddressContext *ctx, const char *dial, GError **error)
{
  g_autofree char *suffix = g_strconcat ("@", ctx->component, NULL);
  if (g_str_has_suffix (dial, suffix))
    return g_strndup (dial, strlen (dial) - strlen (suffix));
  g_autofree char *jid = jgw_address_jid_for_input (dial, ctx, error);
  return jid ? jgw_jid_local (jid) : NULL;
}

char *
jgw_call_resolve_target (JgwCalls *calls, const char *user, const char *dial, GError **error)
{
  JgwAddressContext ctx;
  jgw_router_context (calls->router, user, &ctx);
  g_autofree char *local = dial && *dial ? dial_local (&ctx, dial, error) : NULL;
  if (local == NULL)
    {
      if (error && *error == NULL)
        g_set_error_literal (error, JGW_CALL_ERROR, JGW_CALL_ERROR_FAILED, "no number or address given");
      return NULL;
    }
  g_autoptr (JgwSipTarget) target = jgw_address_to_sip (local, &ctx, error);
  if (target == NULL)
    return NULL;
  if (target->number == NULL)
    return g_strdup (target->uri);
  const JgwRoute *route = jgw_dialplan_route (jgw_router_dialplan (calls->router), target->number, error);
  if (route == NULL)
    return NULL;
  g_autofree char *number = jgw_route_apply (route, target->number);
  g_autofree char *escaped = jgw_address_uri_user_escape (number);
  return g_strconcat ("sip:", escaped, "@", ctx.sip_domain, NULL);
}

/* The user's desk phone: the stored setting wins over [user:JID] desk-phone. */
static char *
desk_phone_of (JgwCalls *calls, const char *user)
{
  g_auto (JgwUserSettings) settings = { 0 };
  if (jgw_store_settings_get (calls->store, user, &settings, NULL) && settings.desk_phone)
    return g_strdup (settings.desk_phone);
  const JgwUserConfig *uc = jgw_config_find_user (calls->config, user);
  return uc && uc->desk_phone ? g_strdup (uc->desk_phone) : NULL;
}

static gboolean
has_line (JgwCalls *calls, const char *user)
{
  if (jgw_config_find_user (calls->config, user))
    return TRUE;
  g_autoptr (JgwAccount) account = jgw_store_account_get (calls->store, user, NULL);
  return account != NULL;
}

JgwCall *
jgw_calls_click_to_call (JgwCalls *calls, const char *user, const char *target, GError **error)
{
  if (!has_line (calls, user))
    return g_set_error_literal (error, JGW_CALL_ERROR, JGW_CALL_ERROR_STATE,
                                "you have no phone line at this gateway"), NULL;
  g_autofree char *desk = desk_phone_of (calls, user);
  if (desk == NULL)
    return g_set_error_literal (error, JGW_CALL_ERROR, JGW_CALL_ERROR_STATE, "you have no desk phone set"), NULL;
  g_autoptr (GPtrArray) mine = jgw_calls_of_user (calls, user);
  if (mine->len >= calls->config->calls.max_calls_per_user)
    return g_set_error_literal (error, JGW_CALL_ERROR, JGW_CALL_ERROR_STATE, "you have too many calls"), NULL;
  g_autofree char *uri = jgw_call_resolve_target (calls, user, target, error);
  if (uri == NULL)
    return NULL;
  JgwSipCall *leg = jgw_sip_call_new_offerless (calls->sip, user, desk, error);
  if (leg == NULL)
    return NULL;
  JgwCall *call = jgw_call_new (calls, FALSE, user);
  call->third_party = TRUE;
  call->desk = leg;
  jgw_sip_call_set_data (leg, call);
  call->remote = g_steal_pointer (&uri);
  JgwAddressContext ctx;
  jgw_router_context (calls->router, user, &ctx);
  g_autoptr (JgwCaller) peer = jgw_address_from_sip (call->remote, NULL, &ctx, NULL);
  call->peer = g_strdup (peer ? peer->jid : ctx.component);
  JGW_LOG_CALL (G_LOG_LEVEL_MESSAGE, call->id, "click-to-call of %s: desk phone %s, then %s", user, desk,
                call->remote);
  jgw_calls_emit (calls, call, JGW_CALL_EVENT_STARTED);
  return call;
}

/* The desk phone answered with its offer: now call the target with it. */
static void
desk_answered (JgwCall *call, const char *offer)
{
  g_autoptr (GError) error = NULL;
  if (offer == NULL)
    {
      jgw_call_end (call, JGW_REASON_INCOMPATIBLE_PARAMETERS, "the desk phone sent no SDP offer", 488);
      return;
    }
  call->desk_offer = g_strdup (offer);
  JGW_LOG_CALL (G_LOG_LEVEL_MESSAGE, call->id, "desk phone answered: calling %s", call->remote);
  JgwSipCall *sip = jgw_sip_call_new (call->calls->sip, call->user, call->remote, offer, &error);
  if (sip == NULL)
    {
      jgw_call_end (call, JGW_REASON_GENERAL_ERROR, error->message, 0);
      return;
    }
  jgw_call_attach_sip (call, sip);
  jgw_call_set_state (call, CALL_RINGING);
}

/* The target answered: its answer completes the desk phone's session. */
static void
target_answered (JgwCall *call, const char *answer)
{
  g_autoptr (GError) error = NULL;
  if (answer == NULL || call->desk == NULL || !jgw_sip_call_ack (call->desk, answer, &error))
    {
      jgw_call_end (call, JGW_REASON_INCOMPATIBLE_PARAMETERS,
                    error ? error->message : "the target's answer has no SDP", 488);
      return;
    }
  call->desk_acked = TRUE;
  call->answer_ms = g_get_real_time () / 1000;
  jgw_call_set_state (call, CALL_ACTIVE);
  JGW_LOG_CALL (G_LOG_LEVEL_MESSAGE, call->id, "answered by %s: desk phone connected", call->remote);
}

void
jgw_call_3pcc_established (JgwCall *call, JgwSipCall *sip, const char *sdp)
{
  if (sip == call->desk && call->desk_offer == NULL)
    desk_answered (call, sdp);
  else if (sip == call->sip && call->state != CALL_ACTIVE)
    target_answered (call, sdp);
}

/* OFFER with its session version raised by BUMP and every media direction
 * replaced by a session-level DIRECTION (RFC 4566 order: before the first m=). */
static char *
offer_with_direction (const char *offer, guint64 bump, const char *direction)
{
  g_auto (GStrv) lines = g_strsplit (offer, "\n", -1);
  g_autoptr (GString) out = g_string_new (NULL);
  gboolean placed = FALSE;
  for (char **l = lines; *l; l++)
    {
      g_strchomp (*l);
      if (**l == '\0')
        continue;
      if (g_str_has_prefix (*l, "a=sendrecv") || g_str_has_prefix (*l, "a=sendonly")
          || g_str_has_prefix (*l, "a=recvonly") || g_str_has_prefix (*l, "a=inactive"))
        continue;
      g_auto (GStrv) o = g_str_has_prefix (*l, "o=") ? g_strsplit (*l, " ", 4) : NULL;
      if (o && g_strv_length (o) == 4)
        {
          guint64 version = g_ascii_strtoull (o[2], NULL, 10) + bump;
          g_string_append_printf (out, "%s %s %" G_GUINT64_FORMAT " %s\r\n", o[0], o[1], version, o[3]);
          continue;
        }
      if (!placed && g_str_has_prefix (*l, "m="))
        {
          g_string_append_printf (out, "a=%s\r\n", direction);
          placed = TRUE;
        }
      g_string_append_printf (out, "%s\r\n", *l);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
jgw_call_3pcc_set_hold (JgwCall *call, gboolean hold, GError **error)
{
  /* The desk phone does not know: it keeps sending, so the target is told
   * to neither send nor listen (inactive), not just to stop sending. */
  g_autofree char *sdp = offer_with_direction (call->desk_offer, call->sdp_version++,
                                               hold ? "inactive" : "sendrecv");
  if (!jgw_sip_call_update (call->sip, sdp, error))
    return FALSE;
  call->held = hold;
  jgw_calls_emit (call->calls, call, JGW_CALL_EVENT_HOLD);
  JGW_LOG_CALL (G_LOG_LEVEL_MESSAGE, call->id, "%s put %s %s hold", call->user, call->remote, hold ? "on" : "off");
  return TRUE;
}

void
jgw_call_3pcc_release (JgwCall *call)
{
  JgwSipCall *desk = g_steal_pointer (&call->desk);
  if (desk)
    {
      jgw_sip_call_set_data (desk, NULL);
      /* An unacknowledged 200 is acknowledged first so the BYE is in-dialog. */
      if (call->desk_offer && !call->desk_acked)
        jgw_sip_call_ack (desk, NULL, NULL);
      jgw_sip_call_hangup (desk);
    }
}
