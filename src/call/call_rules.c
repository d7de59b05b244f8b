/* call_rules.c — do not disturb, call waiting and call forwarding for
 * incoming SIP calls. The rules, in order: unconditional forward; DND (busy
 * forward, else 486); busy = the concurrent-call limit or a call in progress
 * with call waiting off (busy forward, else 486); no client online
 * (unavailable forward, else 480); otherwise the call rings, and the
 * no-answer forward replaces the 480 when the ring time is over. */
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

guint
jgw_call_rules_check (JgwCalls *calls, const char *jid, char **forward_to)
{
  g_auto (JgwUserSettings) settings = { 0 };
  *forward_to = NULL;
  jgw_store_settings_get (calls->store, jid, &settings, NULL);
  if (settings.forward_always && forward_or (calls, jid, settings.forward_always, 0, forward_to) == 302)
    return 302;
  if (settings.dnd)
    return forward_or (calls, jid, settings.forward_busy, 486, forward_to);
  g_autoptr (GPtrArray) active = jgw_calls_of_user (calls, jid);
  if (active->len >= calls->config->calls.max_calls_per_user
      || (active->len > 0 && !call_waiting_on (calls, &settings)))
    return forward_or (calls, jid, settings.forward_busy, 486, forward_to);
  g_autofree char *device = jgw_call_in_pick_device (calls, jid);
  if (device == NULL)
    return forward_or (calls, jid, settings.forward_unavailable, 480, forward_to);
  return 0;
}

gboolean
jgw_call_rules_divert (JgwCalls *calls, JgwSipCall *sip, const char *jid)
{
  g_autofree char *target = NULL;
  if (jgw_call_rules_check (calls, jid, &target) != 302)
    return FALSE;
  g_autoptr (GError) error = NULL;
  if (!jgw_sip_call_redirect (sip, target, &error))
    {
      g_warning ("forwarding the call for %s failed: %s", jid, error->message);
      jgw_sip_call_reject (sip, 480, NULL);
    }
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
