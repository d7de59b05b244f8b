/* call_control.c — what a user's commands do to their own calls: find the
 * call, answer or decline it from a command, mute, volume, DTMF checks.
 * The commands layer checks nothing about ownership itself: every look-up
 * here is by the requesting user, so nobody reaches another user's call. */
#define G_LOG_DOMAIN "jgw-call"
#include "call/call_private.h"

#include <string.h>

#include "log.h"

#define NS_RTP_AUDIO "urn:xmpp:jingle:apps:rtp:audio"

JgwCall *
jgw_calls_find_for_user (JgwCalls *calls, const char *user, const char *call_id, GError **error)
{
  g_autoptr (GPtrArray) mine = jgw_calls_of_user (calls, user);
  if (call_id && *call_id)
    {
      for (guint i = 0; i < mine->len; i++)
        if (g_strcmp0 (((JgwCall *) g_ptr_array_index (mine, i))->id, call_id) == 0)
          return g_ptr_array_index (mine, i);
      g_set_error_literal (error, JGW_CALL_ERROR, JGW_CALL_ERROR_NOT_FOUND, "You have no call with this id.");
      return NULL;
    }
  if (mine->len == 0)
    {
      g_set_error_literal (error, JGW_CALL_ERROR, JGW_CALL_ERROR_NOT_FOUND, "You have no call in progress.");
      return NULL;
    }
  return g_ptr_array_index (mine, mine->len - 1);
}

gboolean
jgw_call_is_ringing_user (JgwCall *call)
{
  return call->incoming && call->state == CALL_RINGING;
}

static gboolean
check_ringing (JgwCall *call, GError **error)
{
  if (jgw_call_is_ringing_user (call))
    return TRUE;
  g_set_error_literal (error, JGW_CALL_ERROR, JGW_CALL_ERROR_STATE, "The call is not ringing you.");
  return FALSE;
}

gboolean
jgw_call_answer_on (JgwCall *call, const char *device, GError **error)
{
  if (!check_ringing (call, error))
    return FALSE;
  if (!jgw_presence_has_feature (call->calls->presence, device, NS_RTP_AUDIO))
    {
      g_set_error_literal (error, JGW_CALL_ERROR, JGW_CALL_ERROR_STATE,
                           "Your client cannot take Jingle audio calls; answer on one that can.");
      return FALSE;
    }
  if (call->jingle != NULL)
    {
      /* Rung directly: the session went to one device already. */
      g_set_error_literal (error, JGW_CALL_ERROR, JGW_CALL_ERROR_STATE,
                           "The call rings on another client; answer it there.");
      return FALSE;
    }
  JGW_LOG_CALL (G_LOG_LEVEL_MESSAGE, call->id, "%s answers by command", device);
  jgw_call_in_proceeded (call, device);
  return call->state != CALL_ENDED;
}

gboolean
jgw_call_reject (JgwCall *call, GError **error)
{
  if (!check_ringing (call, error))
    return FALSE;
  jgw_call_end (call, JGW_REASON_DECLINE, "declined by the user", 603);
  return TRUE;
}

static gboolean
check_media (JgwCall *call, GError **error)
{
  if (call->state == CALL_ACTIVE && call->media != NULL)
    return TRUE;
  g_set_error_literal (error, JGW_CALL_ERROR, JGW_CALL_ERROR_STATE, "the call is not active");
  return FALSE;
}

gboolean
jgw_call_set_mute (JgwCall *call, gboolean mute, GError **error)
{
  if (!check_media (call, error))
    return FALSE;
  jgw_media_session_set_mute (call->media, JGW_MEDIA_LEG_SIP, mute);
  call->muted = mute;
  JGW_LOG_CALL (G_LOG_LEVEL_MESSAGE, call->id, "%s %s towards %s", call->user, mute ? "muted" : "unmuted",
                call->remote);
  return TRUE;
}

gboolean
jgw_call_is_muted (JgwCall *call)
{
  return call->muted;
}

gboolean
jgw_call_set_volume (JgwCall *call, double gain_db, GError **error)
{
  if (!(gain_db >= JGW_CALL_VOLUME_MIN && gain_db <= JGW_CALL_VOLUME_MAX))
    {
      g_set_error_literal (error, JGW_CALL_ERROR, JGW_CALL_ERROR_INVALID,
                           "The volume must be between -30 and 12 dB.");
      return FALSE;
    }
  if (!check_media (call, error) || !jgw_media_session_set_volume (call->media, gain_db, error))
    return FALSE;
  call->volume_db = gain_db;
  JGW_LOG_CALL (G_LOG_LEVEL_MESSAGE, call->id, "volume of %s set to %.1f dB", call->user, gain_db);
  return TRUE;
}

double
jgw_call_get_volume (JgwCall *call)
{
  return call->volume_db;
}

gboolean
jgw_call_dtmf_valid (const char *digits)
{
  gsize n = digits ? strlen (digits) : 0;
  return n > 0 && n <= 32 && strspn (digits, "0123456789*#ABCD") == n;
}
