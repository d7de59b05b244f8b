/* calls_watch.c — who is told about call events, and the accessors that
 * watchers use to describe a call. */
#define G_LOG_DOMAIN "jgw-call"
#include "call/call_private.h"

guint
jgw_calls_watch (JgwCalls *calls, JgwCallsWatchFunc func, gpointer user_data)
{
  Watcher w = { ++calls->watch_counter, func, user_data };
  g_array_append_val (calls->watchers, w);
  return w.id;
}

void
jgw_calls_unwatch (JgwCalls *calls, guint id)
{
  for (guint i = 0; i < calls->watchers->len; i++)
    if (g_array_index (calls->watchers, Watcher, i).id == id)
      {
        g_array_remove_index (calls->watchers, i);
        return;
      }
}

void
jgw_calls_emit (JgwCalls *calls, JgwCall *call, JgwCallEvent event)
{
  /* A watcher may unwatch itself: walk a copy. */
  g_autoptr (GArray) copy = g_array_copy (calls->watchers);
  for (guint i = 0; i < copy->len; i++)
    {
      Watcher *w = &g_array_index (copy, Watcher, i);
      w->func (call, event, w->user_data);
    }
}

void
jgw_call_set_state (JgwCall *call, CallState state)
{
  if (call->state == state)
    return;
  call->state = state;
  if (state == CALL_RINGING)
    jgw_calls_emit (call->calls, call, JGW_CALL_EVENT_RINGING);
  else if (state == CALL_ACTIVE)
    jgw_calls_emit (call->calls, call, JGW_CALL_EVENT_ANSWERED);
}

const char *
jgw_call_get_user (JgwCall *call)
{
  return call->user;
}

const char *
jgw_call_get_remote (JgwCall *call)
{
  return call->remote;
}

const char *
jgw_call_get_remote_name (JgwCall *call)
{
  return call->remote_name;
}

gboolean
jgw_call_is_held (JgwCall *call)
{
  return call->held || call->held_by_peer;
}

gboolean
jgw_call_is_third_party (JgwCall *call)
{
  return call->third_party;
}

gboolean
jgw_call_was_answered (JgwCall *call)
{
  return call->answer_ms != 0;
}

const char *
jgw_call_get_end_reason (JgwCall *call)
{
  return call->end_reason;
}
