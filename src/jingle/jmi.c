/* jmi.c — XEP-0353 proposal state: who proposed, which device won,
 * timeouts and tie-breaks. */
#define G_LOG_DOMAIN "jgw-jingle"
#include "jingle/jmi_private.h"

#include <string.h>

#include "jingle/jingle.h"
#include "xmpp/jid.h"

static void
proposal_free (gpointer data)
{
  JgwJmiProposal *p = data;
  if (p->timer)
    g_source_remove (p->timer);
  g_free (p->id);
  g_free (p->local);
  g_free (p->peer);
  g_free (p->device);
  g_free (p);
}

JgwJmi *
jgw_jmi_new (xmpp_ctx_t *ctx, guint timeout_ms, JgwJmiSendFunc send, const JgwJmiCallbacks *callbacks,
             gpointer user_data)
{
  JgwJmi *j = g_new0 (JgwJmi, 1);
  j->ctx = ctx;
  j->timeout_ms = timeout_ms;
  j->send = send;
  if (callbacks != NULL)
    j->cb = *callbacks;
  j->user_data = user_data;
  j->proposals = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, proposal_free);
  return j;
}

void
jgw_jmi_free (JgwJmi *j)
{
  if (j == NULL)
    return;
  g_hash_table_unref (j->proposals);
  g_free (j);
}

guint
jgw_jmi_count (JgwJmi *j)
{
  return g_hash_table_size (j->proposals);
}

void
jgw_jmi_send (JgwJmi *j, JgwJmiKind kind, const char *id, const char *from, const char *to, JgwReason reason,
          gboolean tie_break)
{
  JgwJmiMessage m = { .kind = kind, .id = (char *) id, .from = (char *) from, .to = (char *) to,
                      .reason = reason, .tie_break = tie_break };
  xmpp_stanza_t *st = jgw_jmi_build (j->ctx, &m);
  if (j->send != NULL)
    j->send (st, j->user_data);
  xmpp_stanza_release (st);
}

static void
forget (JgwJmi *j, const char *id)
{
  g_hash_table_remove (j->proposals, id);
}

static gboolean
timeout_cb (gpointer data)
{
  JgwJmiProposal *p = data;
  JgwJmi *j = p->jmi;
  g_autofree char *id = g_strdup (p->id);
  p->timer = 0;
  g_message ("JMI propose %s to %s unanswered: retracting", p->id, p->peer);
  jgw_jmi_send (j, JGW_JMI_RETRACT, p->id, p->local, p->peer, JGW_REASON_TIMEOUT, FALSE);
  forget (j, id);
  if (j->cb.ended != NULL)
    j->cb.ended (j, id, JGW_JMI_RETRACT, JGW_REASON_TIMEOUT, j->user_data);
  return G_SOURCE_REMOVE;
}

JgwJmiProposal *
jgw_jmi_proposal_add (JgwJmi *j, const char *id, const char *local, const char *peer, gboolean outgoing)
{
  JgwJmiProposal *p = g_new0 (JgwJmiProposal, 1);
  p->jmi = j;
  p->id = g_strdup (id);
  p->local = g_strdup (local);
  p->peer = g_strdup (peer);
  p->outgoing = outgoing;
  g_hash_table_replace (j->proposals, p->id, p);
  return p;
}

static JgwJmiProposal *
find (JgwJmi *j, const char *id, gboolean outgoing, GError **error)
{
  JgwJmiProposal *p = g_hash_table_lookup (j->proposals, id);
  if (p != NULL && p->outgoing == outgoing)
    return p;
  g_set_error (error, JGW_JINGLE_ERROR, JGW_JINGLE_ERROR_UNKNOWN_SESSION, "no %s proposal %s",
               outgoing ? "outgoing" : "incoming", id);
  return NULL;
}

const char *
jgw_jmi_propose (JgwJmi *j, const char *local, const char *peer, const char *id, const char *const *media,
                 GError **error)
{
  return jgw_jmi_propose_named (j, local, peer, id, media, NULL, error);
}

const char *
jgw_jmi_propose_named (JgwJmi *j, const char *local, const char *peer, const char *id,
                       const char *const *media, const char *nick, GError **error)
{
  static const char *const audio[] = { "audio", NULL };
  g_autofree char *generated = id ? NULL : g_uuid_string_random ();
  g_autofree char *bare = jgw_jid_bare (peer);
  id = id ? id : generated;
  if (g_hash_table_contains (j->proposals, id))
    {
      g_set_error (error, JGW_JINGLE_ERROR, JGW_JINGLE_ERROR_OUT_OF_ORDER, "proposal %s exists", id);
      return NULL;
    }
  /* To the bare JID so that every device of the callee rings (XEP-0353 3.1). */
  JgwJmiProposal *p = jgw_jmi_proposal_add (j, id, local, bare, TRUE);
  JgwJmiMessage m = { .kind = JGW_JMI_PROPOSE, .id = p->id, .from = p->local, .to = p->peer,
                      .media = (GStrv) (media ? media : audio), .nick = (char *) nick };
  xmpp_stanza_t *st = jgw_jmi_build (j->ctx, &m);
  if (j->send != NULL)
    j->send (st, j->user_data);
  xmpp_stanza_release (st);
  if (j->timeout_ms)
    p->timer = g_timeout_add (j->timeout_ms, timeout_cb, p);
  return p->id;
}

gboolean
jgw_jmi_retract (JgwJmi *j, const char *id, JgwReason reason, GError **error)
{
  JgwJmiProposal *p = find (j, id, TRUE, error);
  if (p == NULL)
    return FALSE;
  jgw_jmi_send (j, JGW_JMI_RETRACT, p->id, p->local, p->peer, reason, FALSE);
  forget (j, id);
  return TRUE;
}

gboolean
jgw_jmi_ringing (JgwJmi *j, const char *id, GError **error)
{
  JgwJmiProposal *p = find (j, id, FALSE, error);
  if (p != NULL)
    jgw_jmi_send (j, JGW_JMI_RINGING, p->id, p->local, p->peer, JGW_REASON_NONE, FALSE);
  return p != NULL;
}

gboolean
jgw_jmi_proceed (JgwJmi *j, const char *id, GError **error)
{
  JgwJmiProposal *p = find (j, id, FALSE, error);
  if (p == NULL)
    return FALSE;
  p->proceeded = TRUE;
  jgw_jmi_send (j, JGW_JMI_PROCEED, p->id, p->local, p->peer, JGW_REASON_NONE, FALSE);
  return TRUE;
}

gboolean
jgw_jmi_reject (JgwJmi *j, const char *id, JgwReason reason, GError **error)
{
  JgwJmiProposal *p = find (j, id, FALSE, error);
  if (p == NULL)
    return FALSE;
  jgw_jmi_send (j, JGW_JMI_REJECT, p->id, p->local, p->peer, reason != JGW_REASON_NONE ? reason : JGW_REASON_DECLINE,
            FALSE);
  forget (j, id);
  return TRUE;
}

gboolean
jgw_jmi_finish (JgwJmi *j, const char *id, JgwReason reason, GError **error)
{
  JgwJmiProposal *p = g_hash_table_lookup (j->proposals, id);
  if (p == NULL)
    return find (j, id, TRUE, error) != NULL;
  /* To the device that took the call: the bare JID would ring nobody. */
  const char *to = p->outgoing && p->device ? p->device : p->peer;
  jgw_jmi_send (j, JGW_JMI_FINISH, p->id, p->local, to, reason != JGW_REASON_NONE ? reason : JGW_REASON_SUCCESS, FALSE);
  forget (j, id);
  return TRUE;
}
