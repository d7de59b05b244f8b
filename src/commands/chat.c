/* chat.c — the chat fallback: a plain message to the component ("help",
 * "call 030123456", "hangup", "dnd on") runs a command family's verb and
 * is answered in text, for clients without an ad-hoc command UI. */
#define G_LOG_DOMAIN "jgw-commands"
#include "commands/commands_private.h"

#include <string.h>

#include "xmpp/jid.h"
#include "xmpp/stanza.h"

typedef struct {
  char *verb;
  char *verb_de;
  const char *usage;
  JgwChatVerbFunc func;
  gpointer user_data;
} ChatVerb;

struct _JgwChatRequest {
  JgwCommands *cmds;
  char *from;
  char *bare;
  char *to;
  const char *lang;
  char *thread;
};

static void
chat_verb_free (gpointer p)
{
  ChatVerb *v = p;
  g_free (v->verb);
  g_free (v->verb_de);
  g_free (v);
}

void
jgw_chat_add_verb (JgwCommands *cmds, const char *verb, const char *verb_de, const char *usage,
                   JgwChatVerbFunc func, gpointer user_data)
{
  ChatVerb *v = g_new0 (ChatVerb, 1);
  v->verb = g_ascii_strdown (verb, -1);
  v->verb_de = verb_de ? g_utf8_strdown (verb_de, -1) : NULL;
  v->usage = usage;
  v->func = func;
  v->user_data = user_data;
  g_ptr_array_add (cmds->verbs, v);
}

const char *
jgw_chat_request_from (JgwChatRequest *r)
{
  return r->from;
}

const char *
jgw_chat_request_bare (JgwChatRequest *r)
{
  return r->bare;
}

const char *
jgw_chat_request_lang (JgwChatRequest *r)
{
  return r->lang;
}

const char *
jgw_chat_request_tr (JgwChatRequest *r, const char *msgid)
{
  return jgw_tr (r->cmds->ctx->catalog, r->lang, msgid);
}

static void
request_free (JgwChatRequest *r)
{
  g_free (r->from);
  g_free (r->bare);
  g_free (r->to);
  g_free (r->thread);
  g_free (r);
}

void
jgw_chat_reply (JgwChatRequest *r, const char *text)
{
  JgwComponent *component = r->cmds->ctx->component;
  xmpp_ctx_t *ctx = jgw_component_ctx (component);
  xmpp_stanza_t *msg = xmpp_message_new (ctx, "chat", r->from, NULL);
  xmpp_stanza_set_from (msg, r->to);
  xmpp_stanza_set_attribute (msg, "xml:lang", r->lang);
  xmpp_message_set_body (msg, text);
  if (r->thread)
    jgw_stanza_add_text_child (msg, "thread", NULL, r->thread);
  jgw_component_send (component, msg);
  xmpp_stanza_release (msg);
  request_free (r);
}

static void
help (JgwChatRequest *r, JgwCommands *cmds)
{
  GString *text = g_string_new (jgw_chat_request_tr (r, N_("Commands you can send me:")));
  for (guint i = 0; i < cmds->verbs->len; i++)
    {
      ChatVerb *v = g_ptr_array_index (cmds->verbs, i);
      g_string_append_printf (text, "\n  %s", jgw_chat_request_tr (r, v->usage));
    }
  jgw_chat_reply (r, text->str);
  g_string_free (text, TRUE);
}

static ChatVerb *
find_verb (JgwCommands *cmds, const char *word, gboolean *german)
{
  for (guint i = 0; i < cmds->verbs->len; i++)
    {
      ChatVerb *v = g_ptr_array_index (cmds->verbs, i);
      *german = v->verb_de && strcmp (v->verb_de, word) == 0;
      if (*german || strcmp (v->verb, word) == 0)
        return v;
    }
  return NULL;
}

/* The language of the answer: a German verb is answered in German, else
 * the message's xml:lang (servers fill in the stream's language). */
static const char *
pick_lang (JgwCommands *cmds, xmpp_stanza_t *stanza, gboolean german)
{
  return jgw_catalog_pick (cmds->ctx->catalog, german ? "de" : jgw_stanza_lang (stanza));
}

static void
run (JgwCommands *cmds, xmpp_stanza_t *stanza, char *text)
{
  char *args = text + strcspn (text, " \t\n");
  if (*args)
    *args++ = '\0';
  g_strstrip (args);
  g_autofree char *word = g_utf8_strdown (text, -1);
  gboolean german = FALSE;
  ChatVerb *v = find_verb (cmds, word, &german);
  gboolean is_help = strcmp (word, "help") == 0 || strcmp (word, "hilfe") == 0 || strcmp (word, "?") == 0;
  JgwChatRequest *r = g_new0 (JgwChatRequest, 1);
  r->cmds = cmds;
  r->from = g_strdup (xmpp_stanza_get_from (stanza));
  r->bare = jgw_jid_bare (r->from);
  r->to = g_strdup (xmpp_stanza_get_to (stanza));
  r->lang = pick_lang (cmds, stanza, german || strcmp (word, "hilfe") == 0);
  xmpp_stanza_t *thread = xmpp_stanza_get_child_by_name (stanza, "thread");
  r->thread = thread ? xmpp_stanza_get_text (thread) : NULL;
  if (v)
    v->func (r, args, v->user_data);
  else if (is_help)
    help (r, cmds);
  else
    {
      g_autofree char *reply = g_strdup_printf (
        jgw_chat_request_tr (r, N_("I do not know \"%s\". Send \"help\" for the list of commands.")), word);
      jgw_chat_reply (r, reply);
    }
}

/* Messages to the component itself carry commands; chat states and other
 * bodiless messages need no answer. */
static gboolean
message_h (xmpp_stanza_t *stanza, gpointer data)
{
  JgwCommands *cmds = data;
  const char *to = xmpp_stanza_get_to (stanza);
  const char *from = xmpp_stanza_get_from (stanza);
  if (to == NULL || from == NULL || strchr (to, '@') != NULL
      || g_strcmp0 (xmpp_stanza_get_type (stanza), "groupchat") == 0)
    return FALSE;
  xmpp_stanza_t *body = xmpp_stanza_get_child_by_name (stanza, "body");
  g_autofree char *text = body ? xmpp_stanza_get_text (body) : NULL;
  if (text == NULL)
    return TRUE;
  g_strstrip (text);
  if (*text == '\0')
    return TRUE;
  run (cmds, stanza, text);
  return TRUE;
}

void
jgw_chat_start (JgwCommands *cmds)
{
  cmds->verbs = g_ptr_array_new_with_free_func (chat_verb_free);
  cmds->chat_handler = jgw_dispatch_add (jgw_component_dispatch (cmds->ctx->component), "message", NULL,
                                         NULL, message_h, cmds);
}

void
jgw_chat_stop (JgwCommands *cmds)
{
  jgw_dispatch_remove (jgw_component_dispatch (cmds->ctx->component), cmds->chat_handler);
  g_ptr_array_unref (cmds->verbs);
}
