/* call_rules.c — do not disturb, call waiting and call forwarding for
 * incoming SIP calls. The rules, in order: unconditional forward; DND (busy
 * forward, else 486); busy = the concurrent-call limit or a call in progress
 * with call waiting off (busy forward, else 486); no client online
 * (unavailable forward, else 480); otherwise the call rings, and the
 * no-answer forward replaces the 480 when the ring time is over. A call
 * that does not ring is still a call of the user's: it gets a record with
 * why (and where it was forwarded to), and watchers see it end. */
#define G_LOG_DOMAIN "jgw-call"
#include "call/call_rules.h"

#include <string.h>

#include "log.h"

static gboolean
call_waiting_on (JgwCalls *calls, const JgwUserSettings *settings)
{
  return settings->call_waiting < 0 ? calls->config->calls.call_waiting : settings->call_waiting != 0;
}

/* The SIP URI for a forward target as the user typed it (number, SIP
 * address, JID at the component), by the user's numbering plan. */
static char *
target_uri (JgwCalls *calls, const char *jid, const char *typed)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *target_jid = jgw_router_jid_for_input (calls->router, jid, typed, &error);
  if (target_jid == NULL)
    {
      g_warning ("forward target \"%s\" of %s is not usable: %s", typed, jid, error->message);
      return NULL;
    }
  g_autofree char *local = g_strndup (target_jid, strcspn (target_jid, "@"));
  JgwAddressContext ctx;
  jgw_router_context (calls->router, jid, &ctx);
  g_autoptr (JgwSipTarget) target = jgw_address_to_sip (local, &ctx, &error);
  if (target == NULL)
    {
      g_warning ("forward target \"%s\" of %s is not usable: %s", typed, jid, error->message);
      return NULL;
    }
  return g_strdup (target->uri);
}

/* STATUS, or 302 with *FORWARD_TO when TYPED is a usable target. */
static guint
forward_or (JgwCalls *calls, const char *jid, const char *typed, guint status, char **forward_to)
{
  char *uri = typed && *typed ? target_uri (calls, jid, typed) : NULL;
  if (uri == NULL)
    return status;
  *forward_to = uri;
  return 302;
}

/* Why a call for JID would not ring ("dnd", "busy", "unavailable"), with
 * the *STATUS to refuse it with and the *FORWARD that takes it instead;
 * NULL if it rings. */
static const char *
refusal (JgwCalls *calls, const char *jid, const JgwUserSettings *settings, guint *status, const char **forward)
{
  g_autoptr (GPtrArray) active = jgw_calls_of_user (calls, jid);
  *status = 486;
  *forward = settings->forward_busy;
  if (settings->dnd)
    return "dnd";
  if (active->len >= calls->config->calls.max_calls_per_user
      || (active->len > 0 && !call_waiting_on (calls, settings)))
    return "busy";
  g_autofree char *device = jgw_call_in_pick_device (calls, jid);
  *status = 480;
  *forward = settings->forward_unavailable;
  return device == NULL ? "unavailable" : NULL;
}

/* What to do with a new incoming call for JID: 0 ring it, 302 forward it
 * (*FORWARD_TO is the SIP URI, g_free), else the status to refuse it with;
 * *WHY is the end reason of a call that does not ring: "forwarded" or one
 * of refusal()'s. */
static guint
verdict (JgwCalls *calls, const char *jid, char **forward_to, const char **why)
{
  g_auto (JgwUserSettings) settings = { 0 };
  *forward_to = NULL;
  *why = "forwarded";
  jgw_store_settings_get (calls->store, jid, &settings, NULL);
  if (settings.forward_always && forward_or (calls, jid, settings.forward_always, 0, forward_to) == 302)
    return 302;
  guint status = 0;
  const char *forward = NULL;
  *why = refusal (calls, jid, &settings, &status, &forward);
  if (*why == NULL)
    return 0;
  status = forward_or (calls, jid, forward, status, forward_to);
  if (status == 302)
    *why = "forwarded";
  return status;
}

gboolean
jgw_call_rules_screen (JgwCalls *calls, JgwSipCall *sip, const JgwSipIncoming *info, JgwCallRulesMake make)
{
  g_autofree char *target = NULL;
  const char *why = NULL;
  guint status = verdict (calls, info->jid, &target, &why);
  if (status == 0)
    return FALSE;
  /* Recorded like any call (journal, missed-call notice, line presence),
   * though it never rang. */
  JgwCall *call = make (calls, info);
  call->end_reason = g_strdup (why);
  JGW_LOG_CALL (G_LOG_LEVEL_MESSAGE, call->id, "call from %s for %s not rung: %s%s%s", info->caller_uri, info->jid,
                why, target ? " to " : "", target ? target : "");
  if (status != 302)
    {
      jgw_call_attach_sip (call, sip);
      jgw_call_end (call, status == 486 ? JGW_REASON_BUSY : JGW_REASON_GONE, why, status);
      return TRUE;
    }
  g_autoptr (GError) error = NULL;
  if (jgw_sip_call_redirect (sip, target, &error))
    call->forwarded_to = g_steal_pointer (&target);
  else
    {
      g_warning ("forwarding the call for %s failed: %s", info->jid, error->message);
      jgw_sip_call_reject (sip, 480, NULL);
      g_free (call->end_reason);
      call->end_reason = g_strdup ("unavailable");
    }
  jgw_call_end (call, JGW_REASON_SUCCESS, "forwarded", 0);
  return TRUE;
}

guint
jgw_call_rules_ring_time (JgwCall *call)
{
  g_auto (JgwUserSettings) settings = { 0 };
  guint seconds = call->calls->config->calls.ring_time;
  jgw_store_settings_get (call->calls->store, call->user, &settings, NULL);
  if (settings.forward_no_answer && *settings.forward_no_answer && settings.forward_no_answer_secs > 0)
    seconds = settings.forward_no_answer_secs;
  /* The SIP leg's own timer is only a safety net behind ours. */
  if (call->sip)
    jgw_sip_call_set_ring_time (call->sip, seconds + 2);
  return seconds;
}

gboolean
jgw_call_rules_no_answer (JgwCall *call)
{
  g_auto (JgwUserSettings) settings = { 0 };
  jgw_store_settings_get (call->calls->store, call->user, &settings, NULL);
  g_autofree char *target = NULL;
  if (call->sip == NULL || forward_or (call->calls, call->user, settings.forward_no_answer, 0, &target) != 302)
    return FALSE;
  JgwSipCall *sip = g_steal_pointer (&call->sip);
  jgw_sip_call_set_data (sip, NULL);
  g_autoptr (GError) error = NULL;
  if (!jgw_sip_call_redirect (sip, target, &error))
    {
      JGW_LOG_CALL (G_LOG_LEVEL_WARNING, call->id, "forward on no answer failed: %s", error->message);
      jgw_sip_call_reject (sip, 480, NULL);
    }
  jgw_call_end (call, JGW_REASON_TIMEOUT, "forwarded: no answer", 0);
  return TRUE;
}
