/* jmi_in.c — incoming XEP-0353 messages: proposals from callers, answers
 * from the devices of our callees, and crossing proposals (tie-break). */
#define G_LOG_DOMAIN "jgw-jingle"
#include "jingle/jmi_private.h"

#include <string.h>

#include "xmpp/jid.h"

/* XEP-0353 "Tie Breaking": of two crossing proposals the lower id (octet
 * order) wins. Returns TRUE if the incoming MSG lost and was rejected. */
static gboolean
tie_break (JgwJmi *j, const JgwJmiMessage *msg)
{
  g_autofree char *bare = jgw_jid_bare (msg->from);
  GHashTableIter it;
  gpointer value;
  g_hash_table_iter_init (&it, j->proposals);
  while (g_hash_table_iter_next (&it, NULL, &value))
    {
      JgwJmiProposal *ours = value;
      if (!ours->outgoing || ours->proceeded || g_strcmp0 (ours->peer, bare) != 0)
        continue;
      if (strcmp (msg->id, ours->id) > 0)
        {
          jgw_jmi_send (j, JGW_JMI_REJECT, msg->id, msg->to, msg->from, JGW_REASON_EXPIRED, TRUE);
          return TRUE;
        }
      g_autofree char *lost = g_strdup (ours->id);
      jgw_jmi_send (j, JGW_JMI_RETRACT, ours->id, ours->local, ours->peer, JGW_REASON_EXPIRED, TRUE);
      g_hash_table_iter_remove (&it);
      if (j->cb.ended != NULL)
        j->cb.ended (j, lost, JGW_JMI_RETRACT, JGW_REASON_EXPIRED, j->user_data);
      return FALSE;
    }
  return FALSE;
}

static void
handle_propose (JgwJmi *j, const JgwJmiMessage *msg)
{
  if (g_hash_table_contains (j->proposals, msg->id))
    return; /* a duplicate, e.g. from MAM catch-up: already ringing */
  if (tie_break (j, msg))
    return;
  jgw_jmi_proposal_add (j, msg->id, msg->to, msg->from, FALSE);
  if (j->cb.proposed != NULL)
    j->cb.proposed (j, msg, j->user_data);
}

/* Answers from the callee's devices to our proposal P. */
static void
handle_answer (JgwJmi *j, JgwJmiProposal *p, const JgwJmiMessage *msg)
{
  g_autofree char *id = g_strdup (p->id);
  if (msg->kind == JGW_JMI_RINGING && !p->proceeded && j->cb.ringing != NULL)
    j->cb.ringing (j, id, msg->from, j->user_data);
  else if (msg->kind == JGW_JMI_PROCEED && !p->proceeded)
    {
      /* First device wins; later ones learn it through carbons of this one. */
      p->proceeded = TRUE;
      p->device = g_strdup (msg->from);
      if (p->timer)
        g_source_remove (p->timer);
      p->timer = 0;
      if (j->cb.proceeded != NULL)
        j->cb.proceeded (j, id, msg->from, j->user_data);
    }
  else if (msg->kind == JGW_JMI_REJECT && !p->proceeded)
    {
      g_hash_table_remove (j->proposals, id);
      if (j->cb.ended != NULL)
        j->cb.ended (j, id, JGW_JMI_REJECT, msg->reason != JGW_REASON_NONE ? msg->reason : JGW_REASON_DECLINE,
                     j->user_data);
    }
  else
    g_debug ("JMI %s: ignoring a late answer from %s", id, msg->from);
}

/* From the caller of the incoming proposal P: retract or finish. */
static void
handle_caller (JgwJmi *j, JgwJmiProposal *p, const JgwJmiMessage *msg)
{
  g_autofree char *id = g_strdup (p->id);
  JgwReason reason = msg->reason;
  if (msg->kind != JGW_JMI_RETRACT && msg->kind != JGW_JMI_FINISH)
    return;
  g_hash_table_remove (j->proposals, id);
  if (msg->kind == JGW_JMI_RETRACT && j->cb.ended != NULL)
    j->cb.ended (j, id, JGW_JMI_RETRACT, reason != JGW_REASON_NONE ? reason : JGW_REASON_CANCEL, j->user_data);
  if (msg->kind == JGW_JMI_FINISH && j->cb.finished != NULL)
    j->cb.finished (j, id, reason != JGW_REASON_NONE ? reason : JGW_REASON_SUCCESS, j->user_data);
}

static void
dispatch (JgwJmi *j, const JgwJmiMessage *msg)
{
  if (msg->kind == JGW_JMI_PROPOSE)
    {
      handle_propose (j, msg);
      return;
    }
  JgwJmiProposal *p = g_hash_table_lookup (j->proposals, msg->id);
  g_autofree char *bare = jgw_jid_bare (msg->from);
  /* Only the proposal's peer may move it on. */
  if (p != NULL && p->outgoing && g_strcmp0 (p->peer, bare) == 0)
    {
      if (msg->kind == JGW_JMI_FINISH)
        {
          handle_caller (j, p, msg);
          return;
        }
      handle_answer (j, p, msg);
      return;
    }
  if (p != NULL && !p->outgoing && g_strcmp0 (p->peer, msg->from) == 0)
    {
      handle_caller (j, p, msg);
      return;
    }
  g_debug ("JMI %s %s from %s: no matching proposal", msg->id, msg->from, msg->to ? msg->to : "");
}

gboolean
jgw_jmi_handle_message (JgwJmi *j, xmpp_stanza_t *message)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JgwJmiMessage) msg = jgw_jmi_parse (message, &error);
  if (msg == NULL && error != NULL)
    g_message ("dropping JMI message from %s: %s", xmpp_stanza_get_from (message), error->message);
  if (msg == NULL)
    return error != NULL;
  dispatch (j, msg);
  return TRUE;
}
