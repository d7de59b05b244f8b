/* session.c — the session manager: the table of sessions, iq replies,
 * request tracking and deferred freeing while callbacks run. */
#define G_LOG_DOMAIN "jgw-jingle"
#include "jingle/session_private.h"

#include <string.h>

#include "jingle/xml.h"
#include "xmpp/jid.h"

static char *
session_key (const char *peer, const char *sid)
{
  return g_strconcat (peer, "\n", sid, NULL);
}

static void
session_free (gpointer data)
{
  JgwJingleSession *s = data;
  if (s->destroy != NULL)
    s->destroy (s->data);
  g_free (s->sid);
  g_free (s->peer);
  g_free (s->local);
  g_free (s->peer_bare);
  jgw_session_desc_free (s->local_desc);
  jgw_session_desc_free (s->remote);
  g_free (s);
}

static void
request_free (gpointer data)
{
  JgwJingleRequest *r = data;
  g_free (r->peer);
  g_free (r->sid);
  g_free (r);
}

JgwJingleManager *
jgw_jingle_manager_new (xmpp_ctx_t *ctx, guint max_per_user, JgwJingleSendFunc send,
                        const JgwJingleCallbacks *callbacks, gpointer user_data)
{
  JgwJingleManager *m = g_new0 (JgwJingleManager, 1);
  m->ctx = ctx;
  m->max_per_user = max_per_user;
  m->send = send;
  if (callbacks != NULL)
    m->cb = *callbacks;
  m->user_data = user_data;
  m->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, session_free);
  m->requests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, request_free);
  m->ended = g_ptr_array_new_with_free_func (session_free);
  return m;
}

void
jgw_jingle_manager_free (JgwJingleManager *m)
{
  if (m == NULL)
    return;
  g_hash_table_unref (m->sessions);
  g_hash_table_unref (m->requests);
  g_ptr_array_unref (m->ended);
  g_free (m);
}

JgwJingleSession *
jgw_jingle_manager_lookup (JgwJingleManager *m, const char *peer, const char *sid)
{
  g_autofree char *key = session_key (peer, sid);
  return g_hash_table_lookup (m->sessions, key);
}

guint
jgw_jingle_manager_count (JgwJingleManager *m)
{
  return g_hash_table_size (m->sessions);
}

guint
jgw_jingle_manager_count_user (JgwJingleManager *m, const char *peer)
{
  g_autofree char *bare = jgw_jid_bare (peer);
  GHashTableIter it;
  gpointer value;
  guint n = 0;
  g_hash_table_iter_init (&it, m->sessions);
  while (g_hash_table_iter_next (&it, NULL, &value))
    n += g_strcmp0 (((JgwJingleSession *) value)->peer_bare, bare) == 0;
  return n;
}

JgwJingleSession *
jgw_jingle_session_new (JgwJingleManager *m, const char *local, const char *peer, const char *sid,
                        gboolean initiator)
{
  JgwJingleSession *s = g_new0 (JgwJingleSession, 1);
  s->manager = m;
  s->local = g_strdup (local);
  s->peer = g_strdup (peer);
  s->peer_bare = jgw_jid_bare (peer);
  s->sid = g_strdup (sid);
  s->initiator = initiator;
  s->state = JGW_SESSION_PENDING;
  g_hash_table_insert (m->sessions, session_key (peer, sid), s);
  return s;
}

void
jgw_jingle_session_end (JgwJingleSession *s, JgwReason reason, const char *text)
{
  JgwJingleManager *m = s->manager;
  if (s->state == JGW_SESSION_ENDED)
    return;
  s->state = JGW_SESSION_ENDED;
  g_autofree char *key = session_key (s->peer, s->sid);
  gpointer stored_key = NULL;
  g_hash_table_steal_extended (m->sessions, key, &stored_key, NULL);
  g_free (stored_key);
  g_ptr_array_add (m->ended, s);
  /* Called with the session still allocated so the owner can read it. */
  if (reason != JGW_REASON_NONE && m->cb.terminated != NULL)
    m->cb.terminated (s, reason, text, m->user_data);
  if (m->dispatching == 0)
    g_ptr_array_set_size (m->ended, 0);
}

static void
send_stanza (JgwJingleManager *m, xmpp_stanza_t *st)
{
  if (m->send != NULL)
    m->send (st, m->user_data);
  xmpp_stanza_release (st);
}

void
jgw_jingle_session_send_jingle (JgwJingleSession *s, const JgwJingle *j)
{
  JgwJingleManager *m = s->manager;
  g_autofree char *id = g_strdup_printf ("jgw-jingle-%" G_GUINT64_FORMAT, ++m->next_id);
  xmpp_stanza_t *iq = xmpp_iq_new (m->ctx, "set", id);
  xmpp_stanza_set_from (iq, s->local);
  xmpp_stanza_set_to (iq, s->peer);
  xmpp_stanza_add_child_ex (iq, jgw_jingle_build (m->ctx, j), 0);
  JgwJingleRequest *r = g_new0 (JgwJingleRequest, 1);
  r->peer = g_strdup (s->peer);
  r->sid = g_strdup (s->sid);
  r->action = j->action;
  g_hash_table_insert (m->requests, g_strdup (id), r);
  send_stanza (m, iq);
}

void
jgw_jingle_reply_result (JgwJingleManager *m, xmpp_stanza_t *iq)
{
  xmpp_stanza_t *res = xmpp_iq_new (m->ctx, "result", xmpp_stanza_get_id (iq));
  jgw_xml_set (res, "to", xmpp_stanza_get_from (iq));
  jgw_xml_set (res, "from", xmpp_stanza_get_to (iq));
  send_stanza (m, res);
}

void
jgw_jingle_reply_error (JgwJingleManager *m, xmpp_stanza_t *iq, const GError *error)
{
  g_debug ("jingle iq %s from %s refused: %s", xmpp_stanza_get_id (iq), xmpp_stanza_get_from (iq), error->message);
  send_stanza (m, jgw_jingle_error_reply (iq, error));
}

void
jgw_jingle_reply_code (JgwJingleManager *m, xmpp_stanza_t *iq, JgwJingleErrorCode code, const char *message)
{
  g_autoptr (GError) error = g_error_new_literal (JGW_JINGLE_ERROR, code, message);
  jgw_jingle_reply_error (m, iq, error);
}

/* An answer to one of our requests: an error ends a session that was
 * being set up (XEP-0166 section 6.3.2), later errors only get logged. */
static void
handle_response (JgwJingleManager *m, xmpp_stanza_t *iq, JgwJingleRequest *r)
{
  JgwJingleSession *s = jgw_jingle_manager_lookup (m, r->peer, r->sid);
  if (s == NULL)
    return;
  if (s->pending == r->action)
    s->pending = JGW_ACTION_UNKNOWN;
  if (g_strcmp0 (xmpp_stanza_get_type (iq), "error") != 0)
    return;
  g_message ("peer %s refused %s of session %s", r->peer, jgw_jingle_action_to_string (r->action), r->sid);
  if (r->action == JGW_ACTION_SESSION_INITIATE || r->action == JGW_ACTION_SESSION_ACCEPT)
    jgw_jingle_session_end (s, JGW_REASON_GENERAL_ERROR, "the peer refused the request");
}

gboolean
jgw_jingle_manager_handle_iq (JgwJingleManager *m, xmpp_stanza_t *iq)
{
  const char *type = xmpp_stanza_get_type (iq);
  const char *id = xmpp_stanza_get_id (iq);
  gboolean handled = FALSE;
  m->dispatching++;
  if (g_strcmp0 (type, "set") == 0)
    {
      xmpp_stanza_t *jingle = xmpp_stanza_get_child_by_name_and_ns (iq, "jingle", JGW_NS_JINGLE);
      if ((handled = jingle != NULL))
        jgw_jingle_session_dispatch (m, iq, jingle);
    }
  else if ((g_strcmp0 (type, "result") == 0 || g_strcmp0 (type, "error") == 0) && id != NULL)
    {
      gpointer key, value;
      if ((handled = g_hash_table_steal_extended (m->requests, id, &key, &value)))
        {
          handle_response (m, iq, value);
          g_free (key);
          request_free (value);
        }
    }
  if (--m->dispatching == 0)
    g_ptr_array_set_size (m->ended, 0);
  return handled;
}

const char *
jgw_jingle_session_get_sid (JgwJingleSession *s)
{
  return s->sid;
}

const char *
jgw_jingle_session_get_peer (JgwJingleSession *s)
{
  return s->peer;
}

const char *
jgw_jingle_session_get_local (JgwJingleSession *s)
{
  return s->local;
}

gboolean
jgw_jingle_session_is_initiator (JgwJingleSession *s)
{
  return s->initiator;
}

JgwSessionState
jgw_jingle_session_get_state (JgwJingleSession *s)
{
  return s->state;
}

const JgwSessionDesc *
jgw_jingle_session_get_remote (JgwJingleSession *s)
{
  return s->remote;
}

void
jgw_jingle_session_set_data (JgwJingleSession *s, gpointer data, GDestroyNotify destroy)
{
  if (s->destroy != NULL)
    s->destroy (s->data);
  s->data = data;
  s->destroy = destroy;
}

gpointer
jgw_jingle_session_get_data (JgwJingleSession *s)
{
  return s->data;
}
