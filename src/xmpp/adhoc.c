/* adhoc.c — the XEP-0050 engine. */
#define G_LOG_DOMAIN "jgw-adhoc"
#include "xmpp/adhoc.h"

#include <string.h>

#include "xmpp/jid.h"
#include "xmpp/stanza.h"

#define NS_DISCO_INFO "http://jabber.org/protocol/disco#info"

typedef struct {
  const JgwAdhocCommand *command;
  gpointer user_data;
} Registration;

typedef struct {
  JgwAdhoc *adhoc;
  char *id;
  char *owner;             /* full JID that started it */
  const Registration *reg;
  guint stage;
  guint offers;            /* actions offered with the last form */
  gpointer state;
  GDestroyNotify destroy;
  guint timer;
  gboolean expired;
  JgwAdhocCall *busy;      /* an unanswered call */
} Session;

struct _JgwAdhocCall {
  JgwAdhoc *adhoc;
  xmpp_stanza_t *request;  /* our reference */
  Session *session;
  JgwAdhocAction action;
  JgwFormValues *values;
  const char *lang;
  char *bare;
  GPtrArray *notes;        /* of char* pairs: type, text */
};

struct _JgwAdhoc {
  xmpp_ctx_t *ctx;
  JgwDispatch *dispatch;
  JgwStanzaSink send;
  gpointer send_data;
  const JgwCatalog *catalog;
  char **admins;
  guint timeout_s;
  GPtrArray *commands;     /* of Registration* */
  GHashTable *sessions;    /* id -> Session* */
  guint handler;
  guint64 counter;
};

static void
session_free (gpointer p)
{
  Session *s = p;
  g_clear_handle_id (&s->timer, g_source_remove);
  if (s->destroy && s->state)
    s->destroy (s->state);
  if (s->busy)
    s->busy->session = NULL;
  g_free (s->id);
  g_free (s->owner);
  g_free (s);
}

static void
send_release (JgwAdhoc *a, xmpp_stanza_t *stanza)
{
  a->send (stanza, a->send_data);
  xmpp_stanza_release (stanza);
}

static gboolean
is_admin (JgwAdhoc *a, const char *bare)
{
  return a->admins && g_strv_contains ((const char *const *) a->admins, bare);
}

static const Registration *
find_command (JgwAdhoc *a, const char *node)
{
  for (guint i = 0; node && i < a->commands->len; i++)
    {
      const Registration *r = g_ptr_array_index (a->commands, i);
      if (strcmp (r->command->node, node) == 0)
        return r;
    }
  return NULL;
}

static void
fail_request (JgwAdhoc *a, xmpp_stanza_t *request, const char *type, const char *condition,
              const char *text, const char *app)
{
  send_release (a, jgw_stanza_error_reply (a->ctx, request, type, condition, text,
                                           app ? JGW_NS_COMMANDS : NULL, app));
}

/* The session ends when its time is up; its id is remembered as expired
 * for as long again, so that a late answer is told why it failed. */
static gboolean
expire_cb (gpointer data)
{
  Session *s = data;
  if (s->busy)
    return G_SOURCE_CONTINUE; /* a command is still working on it */
  if (s->expired)
    {
      s->timer = 0;
      g_hash_table_remove (s->adhoc->sessions, s->id);
      return G_SOURCE_REMOVE;
    }
  s->expired = TRUE;
  if (s->destroy && s->state)
    s->destroy (s->state);
  s->state = NULL;
  g_info ("command session %s (%s) expired", s->id, s->reg->command->node);
  return G_SOURCE_CONTINUE;
}

static Session *
session_new (JgwAdhoc *a, const Registration *reg, const char *owner)
{
  Session *s = g_new0 (Session, 1);
  s->adhoc = a;
  s->id = g_strdup_printf ("%s-%" G_GUINT64_FORMAT "-%08x", reg->command->node, ++a->counter,
                           g_random_int ());
  s->owner = g_strdup (owner);
  s->reg = reg;
  s->timer = g_timeout_add_seconds (a->timeout_s, expire_cb, s);
  g_hash_table_insert (a->sessions, s->id, s);
  return s;
}

static void
call_free (JgwAdhocCall *call)
{
  if (call->session)
    call->session->busy = NULL;
  xmpp_stanza_release (call->request);
  jgw_form_values_free (call->values);
  g_ptr_array_unref (call->notes);
  g_free (call->bare);
  g_free (call);
}

static xmpp_stanza_t *
command_reply (JgwAdhocCall *call, const char *status)
{
  xmpp_stanza_t *reply = jgw_stanza_iq_reply (call->adhoc->ctx, call->request, "result");
  xmpp_stanza_t *cmd = jgw_stanza_add_child (reply, "command", JGW_NS_COMMANDS);
  xmpp_stanza_set_attribute (cmd, "node", call->session->reg->command->node);
  xmpp_stanza_set_attribute (cmd, "sessionid", call->session->id);
  xmpp_stanza_set_attribute (cmd, "status", status);
  xmpp_stanza_set_attribute (cmd, "xml:lang", call->lang);
  return reply;
}

static void
add_notes_and_form (JgwAdhocCall *call, xmpp_stanza_t *reply, JgwForm *form)
{
  xmpp_stanza_t *cmd = xmpp_stanza_get_child_by_ns (reply, JGW_NS_COMMANDS);
  if (form)
    {
      xmpp_stanza_t *x = jgw_form_to_stanza (form, call->adhoc->ctx);
      xmpp_stanza_add_child (cmd, x);
      xmpp_stanza_release (x);
      jgw_form_free (form);
    }
  for (guint i = 0; i + 1 < call->notes->len; i += 2)
    {
      xmpp_stanza_t *n = jgw_stanza_add_text_child (cmd, "note", NULL, g_ptr_array_index (call->notes, i + 1));
      xmpp_stanza_set_attribute (n, "type", g_ptr_array_index (call->notes, i));
    }
}

/* Ends the call, and the session unless it goes on. */
static void
finish (JgwAdhocCall *call, gboolean session_goes_on)
{
  Session *s = call->session;
  call_free (call);
  if (s && !session_goes_on)
    g_hash_table_remove (s->adhoc->sessions, s->id);
}

/* The engine was freed or the session dropped while the command worked:
 * the request still gets its one answer. */
static gboolean
answer_lost_session (JgwAdhocCall *call, JgwForm *form)
{
  if (call->session)
    return FALSE;
  jgw_form_free (form);
  fail_request (call->adhoc, call->request, JGW_ERROR_CANCEL, "not-allowed",
                "the command session has expired", "session-expired");
  finish (call, FALSE);
  return TRUE;
}

void
jgw_adhoc_call_show (JgwAdhocCall *call, JgwForm *form, guint offers)
{
  if (answer_lost_session (call, form))
    return;
  xmpp_stanza_t *reply = command_reply (call, "executing");
  xmpp_stanza_t *actions = jgw_stanza_add_child (xmpp_stanza_get_child_by_ns (reply, JGW_NS_COMMANDS),
                                                 "actions", NULL);
  xmpp_stanza_set_attribute (actions, "execute", offers & JGW_ADHOC_OFFER_COMPLETE ? "complete" : "next");
  if (offers & JGW_ADHOC_OFFER_PREV)
    jgw_stanza_add_child (actions, "prev", NULL);
  if (offers & JGW_ADHOC_OFFER_NEXT)
    jgw_stanza_add_child (actions, "next", NULL);
  if (offers & JGW_ADHOC_OFFER_COMPLETE)
    jgw_stanza_add_child (actions, "complete", NULL);
  add_notes_and_form (call, reply, form);
  call->session->offers = offers;
  send_release (call->adhoc, reply);
  finish (call, TRUE);
}

void
jgw_adhoc_call_complete (JgwAdhocCall *call, JgwForm *form)
{
  if (answer_lost_session (call, form))
    return;
  xmpp_stanza_t *reply = command_reply (call, "completed");
  add_notes_and_form (call, reply, form);
  send_release (call->adhoc, reply);
  finish (call, FALSE);
}

void
jgw_adhoc_call_fail (JgwAdhocCall *call, const char *condition, const char *text)
{
  const char *type = g_strcmp0 (condition, "forbidden") == 0 || g_strcmp0 (condition, "not-authorized") == 0
                         ? JGW_ERROR_AUTH
                     : g_strcmp0 (condition, "bad-request") == 0 || g_strcmp0 (condition, "not-acceptable") == 0
                         ? JGW_ERROR_MODIFY
                         : JGW_ERROR_CANCEL;
  fail_request (call->adhoc, call->request, type, condition, text, NULL);
  finish (call, FALSE);
}

void
jgw_adhoc_call_note (JgwAdhocCall *call, const char *type, const char *text)
{
  g_ptr_array_add (call->notes, g_strdup (type));
  g_ptr_array_add (call->notes, g_strdup (text));
}

/* Maps the request's action onto what the session offered. */
static gboolean
parse_action (const char *attr, gboolean in_session, guint offers, JgwAdhocAction *out, gboolean *cancel)
{
  *cancel = g_strcmp0 (attr, "cancel") == 0;
  if (attr == NULL || strcmp (attr, "execute") == 0)
    *out = !in_session ? JGW_ADHOC_EXECUTE
           : offers & JGW_ADHOC_OFFER_COMPLETE ? JGW_ADHOC_COMPLETE
                                               : JGW_ADHOC_NEXT;
  else if (strcmp (attr, "next") == 0)
    *out = JGW_ADHOC_NEXT;
  else if (strcmp (attr, "prev") == 0)
    *out = JGW_ADHOC_PREV;
  else if (strcmp (attr, "complete") == 0)
    *out = JGW_ADHOC_COMPLETE;
  else
    return *cancel;
  return TRUE;
}

static gboolean
offered (JgwAdhocAction action, guint offers)
{
  return action == JGW_ADHOC_EXECUTE || (action == JGW_ADHOC_NEXT && offers & JGW_ADHOC_OFFER_NEXT)
         || (action == JGW_ADHOC_PREV && offers & JGW_ADHOC_OFFER_PREV)
         || (action == JGW_ADHOC_COMPLETE && offers & JGW_ADHOC_OFFER_COMPLETE);
}

static void
reply_canceled (JgwAdhoc *a, xmpp_stanza_t *request, Session *s)
{
  xmpp_stanza_t *reply = jgw_stanza_iq_reply (a->ctx, request, "result");
  xmpp_stanza_t *cmd = jgw_stanza_add_child (reply, "command", JGW_NS_COMMANDS);
  xmpp_stanza_set_attribute (cmd, "node", s->reg->command->node);
  xmpp_stanza_set_attribute (cmd, "sessionid", s->id);
  xmpp_stanza_set_attribute (cmd, "status", "canceled");
  send_release (a, reply);
  g_hash_table_remove (a->sessions, s->id);
}

/* Finds the session a follow-up names, answering the error itself if none. */
static Session *
continued_session (JgwAdhoc *a, xmpp_stanza_t *stanza, const char *sid, const char *from)
{
  Session *s = g_hash_table_lookup (a->sessions, sid);
  if (s && s->expired)
    {
      fail_request (a, stanza, JGW_ERROR_CANCEL, "not-allowed", "the command session has expired",
                    "session-expired");
      return NULL;
    }
  if (s == NULL || strcmp (s->owner, from) != 0 || s->busy)
    {
      fail_request (a, stanza, JGW_ERROR_MODIFY, "bad-request", "unknown command session",
                    "bad-sessionid");
      return NULL;
    }
  return s;
}

static gboolean
command_h (xmpp_stanza_t *stanza, gpointer data)
{
  JgwAdhoc *a = data;
  xmpp_stanza_t *cmd = xmpp_stanza_get_child_by_ns (stanza, JGW_NS_COMMANDS);
  const char *from = xmpp_stanza_get_from (stanza);
  g_autofree char *bare = from ? jgw_jid_bare (from) : NULL;
  const Registration *reg = find_command (a, xmpp_stanza_get_attribute (cmd, "node"));
  if (reg == NULL || bare == NULL)
    {
      fail_request (a, stanza, JGW_ERROR_CANCEL, "item-not-found", "no such command", NULL);
      return TRUE;
    }
  if (reg->command->admin_only && !is_admin (a, bare))
    {
      fail_request (a, stanza, JGW_ERROR_AUTH, "forbidden", "this command is for administrators", NULL);
      return TRUE;
    }
  const char *sid = xmpp_stanza_get_attribute (cmd, "sessionid");
  Session *s = sid ? continued_session (a, stanza, sid, from) : NULL;
  if (sid && s == NULL)
    return TRUE;
  if (s && s->reg != reg)
    {
      fail_request (a, stanza, JGW_ERROR_MODIFY, "bad-request", "session of another command", "bad-sessionid");
      return TRUE;
    }
  JgwAdhocAction action;
  gboolean cancel;
  if (!parse_action (xmpp_stanza_get_attribute (cmd, "action"), s != NULL, s ? s->offers : 0, &action, &cancel)
      || (!cancel && s && !offered (action, s->offers)) || (cancel && s == NULL))
    {
      fail_request (a, stanza, JGW_ERROR_MODIFY, "bad-request", "this action is not possible now",
                    cancel ? "bad-action" : "malformed-action");
      return TRUE;
    }
  if (cancel)
    {
      reply_canceled (a, stanza, s);
      return TRUE;
    }
  JgwAdhocCall *call = g_new0 (JgwAdhocCall, 1);
  call->adhoc = a;
  call->request = xmpp_stanza_clone (stanza);
  call->session = s ? s : session_new (a, reg, from);
  call->session->busy = call;
  call->action = action;
  call->values = jgw_form_values_parse (xmpp_stanza_get_child_by_ns (cmd, JGW_NS_DATA));
  const char *lang = jgw_stanza_lang (cmd);
  call->lang = jgw_catalog_pick (a->catalog, lang ? lang : jgw_stanza_lang (stanza));
  call->notes = g_ptr_array_new_with_free_func (g_free);
  call->bare = g_steal_pointer (&bare);
  reg->command->execute (call, reg->user_data);
  return TRUE;
}

JgwAdhoc *
jgw_adhoc_new (xmpp_ctx_t *ctx, JgwDispatch *dispatch, JgwStanzaSink send, gpointer send_data,
               const JgwCatalog *catalog, const char *const *admins, guint session_timeout_s)
{
  JgwAdhoc *a = g_new0 (JgwAdhoc, 1);
  a->ctx = ctx;
  a->dispatch = dispatch;
  a->send = send;
  a->send_data = send_data;
  a->catalog = catalog;
  a->admins = g_strdupv ((char **) admins);
  a->timeout_s = session_timeout_s ? session_timeout_s : 600;
  a->commands = g_ptr_array_new_with_free_func (g_free);
  a->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, session_free);
  a->handler = jgw_dispatch_add (dispatch, "iq", "set", JGW_NS_COMMANDS, command_h, a);
  return a;
}

void
jgw_adhoc_free (JgwAdhoc *a)
{
  if (a == NULL)
    return;
  jgw_dispatch_remove (a->dispatch, a->handler);
  g_hash_table_unref (a->sessions);
  g_ptr_array_unref (a->commands);
  g_strfreev (a->admins);
  g_free (a);
}

void
jgw_adhoc_register (JgwAdhoc *a, const JgwAdhocCommand *command, gpointer user_data)
{
  Registration *r = g_new0 (Registration, 1);
  r->command = command;
  r->user_data = user_data;
  g_ptr_array_add (a->commands, r);
}

void
jgw_adhoc_set_admins (JgwAdhoc *a, const char *const *admins)
{
  g_strfreev (a->admins);
  a->admins = g_strdupv ((char **) admins);
}

guint
jgw_adhoc_open_sessions (JgwAdhoc *a)
{
  guint n = 0;
  GHashTableIter it;
  gpointer value;
  g_hash_table_iter_init (&it, a->sessions);
  while (g_hash_table_iter_next (&it, NULL, &value))
    n += !((Session *) value)->expired;
  return n;
}

gboolean
jgw_adhoc_disco_node (xmpp_stanza_t *request, const char *node, gboolean items, xmpp_stanza_t *query,
                      gpointer data)
{
  JgwAdhoc *a = data;
  g_autofree char *bare = jgw_jid_bare (xmpp_stanza_get_from (request));
  const char *lang = jgw_catalog_pick (a->catalog, jgw_stanza_lang (request));
  if (items && strcmp (node, JGW_NS_COMMANDS) == 0)
    {
      for (guint i = 0; i < a->commands->len; i++)
        {
          const Registration *r = g_ptr_array_index (a->commands, i);
          if (r->command->admin_only && !is_admin (a, bare))
            continue;
          xmpp_stanza_t *item = jgw_stanza_add_child (query, "item", NULL);
          xmpp_stanza_set_attribute (item, "jid", xmpp_stanza_get_to (request));
          xmpp_stanza_set_attribute (item, "node", r->command->node);
          xmpp_stanza_set_attribute (item, "name", jgw_tr (a->catalog, lang, r->command->name));
        }
      return TRUE;
    }
  const Registration *r = find_command (a, node);
  if (items || r == NULL || (r->command->admin_only && !is_admin (a, bare)))
    return items && r != NULL;
  xmpp_stanza_t *id = jgw_stanza_add_child (query, "identity", NULL);
  xmpp_stanza_set_attribute (id, "category", "automation");
  xmpp_stanza_set_attribute (id, "type", "command-node");
  xmpp_stanza_set_attribute (id, "name", jgw_tr (a->catalog, lang, r->command->name));
  xmpp_stanza_set_attribute (jgw_stanza_add_child (query, "feature", NULL), "var", JGW_NS_COMMANDS);
  xmpp_stanza_set_attribute (jgw_stanza_add_child (query, "feature", NULL), "var", JGW_NS_DATA);
  return TRUE;
}

const char *
jgw_adhoc_call_from (JgwAdhocCall *call)
{
  return xmpp_stanza_get_from (call->request);
}

const char *
jgw_adhoc_call_bare (JgwAdhocCall *call)
{
  return call->bare;
}

const char *
jgw_adhoc_call_lang (JgwAdhocCall *call)
{
  return call->lang;
}

JgwAdhocAction
jgw_adhoc_call_action (JgwAdhocCall *call)
{
  return call->action;
}

const char *
jgw_adhoc_call_value (JgwAdhocCall *call, const char *var)
{
  return jgw_form_values_get (call->values, var);
}

const char *const *
jgw_adhoc_call_values (JgwAdhocCall *call, const char *var)
{
  return jgw_form_values_get_all (call->values, var);
}

const char *
jgw_adhoc_call_tr (JgwAdhocCall *call, const char *msgid)
{
  return jgw_tr (call->adhoc->catalog, call->lang, msgid);
}

guint
jgw_adhoc_call_stage (JgwAdhocCall *call)
{
  return call->session ? call->session->stage : 0;
}

void
jgw_adhoc_call_set_stage (JgwAdhocCall *call, guint stage)
{
  if (call->session)
    call->session->stage = stage;
}

gpointer
jgw_adhoc_call_get_state (JgwAdhocCall *call)
{
  return call->session ? call->session->state : NULL;
}

void
jgw_adhoc_call_set_state (JgwAdhocCall *call, gpointer state, GDestroyNotify destroy)
{
  Session *s = call->session;
  if (s == NULL)
    {
      if (destroy && state)
        destroy (state);
      return;
    }
  if (s->destroy && s->state && s->state != state)
    s->destroy (s->state);
  s->state = state;
  s->destroy = destroy;
}
