/* line_presence.c — a busy-lamp field: any phone JID at the component
 * (NUMBER@component, user\40host@component) can be in a roster, and its
 * presence shows the line's state, from the gateway's own calls, from RFC
 * 4235 dialog NOTIFYs where the SIP server offers them, and (for a user's
 * own number) from the user's do-not-disturb setting.
 *
 * idle: available, "idle"; ringing: show=away, "ringing"; in a call (also on
 * hold): show=dnd, "on the phone"; DND on an idle own line: show=dnd,
 * "do not disturb". Status texts go out in English and German. */
#define G_LOG_DOMAIN "jgw-commands"
#include "commands/commands_private.h"

#include "call/address.h"
#include "sip/sip_events.h"
#include "xmpp/jid.h"
#include "xmpp/stanza.h"

#define DIALOG_EXPIRES 3600
#define DIALOG_ACCEPT "application/dialog-info+xml"

typedef enum { SHOW_IDLE, SHOW_RINGING, SHOW_BUSY, SHOW_DND, SHOW_NONE } LineShow;

static const char *const show_values[] = { NULL, "away", "dnd", "dnd" };
static const char *const show_texts[] = { N_("idle"), N_("ringing"), N_("on the phone"), N_("do not disturb") };

struct _JgwLinePresence {
  JgwCommands *cmds;
  GHashTable *lines; /* phone JID -> Line*, owned */
  GHashTable *calls; /* JgwCall* -> CallLines*, owned */
  guint watch;
};

typedef struct {
  JgwLinePresence *lp;
  char *jid;             /* the phone JID, bare */
  GHashTable *watchers;  /* bare JIDs, owned set */
  JgwSipSubscription *dialog;
  gboolean dialog_refused;
  JgwLineState sip_state;
  LineShow shown;
} Line;

typedef struct {
  char *own;   /* the user's own line JID, or NULL */
  char *peer;  /* the SIP party's JID */
  JgwLineState state;
} CallLines;

static void
line_free (gpointer p)
{
  Line *line = p;
  jgw_sip_unsubscribe (line->dialog);
  g_hash_table_unref (line->watchers);
  g_free (line->jid);
  g_free (line);
}

static void
call_lines_free (gpointer p)
{
  CallLines *c = p;
  g_free (c->own);
  g_free (c->peer);
  g_free (c);
}

/* The JID a user's own SIP identity has at the component: what their calls
 * show as caller (interface.md, Addressing). */
static char *
own_line_jid (JgwLinePresence *lp, const char *bare)
{
  const JgwCommandsContext *ctx = lp->cmds->ctx;
  for (guint i = 0; ctx->config->users && i < ctx->config->users->len; i++)
    {
      const JgwUserConfig *u = g_ptr_array_index (ctx->config->users, i);
      if (g_ascii_strcasecmp (u->jid, bare) != 0)
        continue;
      JgwAddressContext actx;
      jgw_router_context (ctx->router, u->jid, &actx);
      g_autoptr (JgwCaller) caller = jgw_address_from_sip (u->sip_uri, NULL, &actx, NULL);
      return caller ? g_strdup (caller->jid) : NULL;
    }
  return NULL;
}

/* The user whose own line PHONE_JID is, or NULL (borrowed from the config). */
static const char *
line_owner (JgwLinePresence *lp, const char *phone_jid)
{
  const JgwConfig *config = lp->cmds->ctx->config;
  for (guint i = 0; config->users && i < config->users->len; i++)
    {
      const JgwUserConfig *u = g_ptr_array_index (config->users, i);
      g_autofree char *own = own_line_jid (lp, u->jid);
      if (g_strcmp0 (own, phone_jid) == 0)
        return u->jid;
    }
  return NULL;
}

static gboolean
user_dnd (JgwLinePresence *lp, const char *bare)
{
  JgwUserSettings s = { 0 };
  JgwStore *store = lp->cmds->ctx->store;
  if (bare == NULL || store == NULL || !jgw_store_settings_get (store, bare, &s, NULL))
    return FALSE;
  gboolean dnd = s.dnd;
  jgw_user_settings_clear (&s);
  return dnd;
}

static LineShow
line_show (JgwLinePresence *lp, Line *line)
{
  JgwLineState state = line->sip_state;
  GHashTableIter it;
  gpointer value;
  g_hash_table_iter_init (&it, lp->calls);
  while (g_hash_table_iter_next (&it, NULL, &value))
    {
      CallLines *c = value;
      if (g_strcmp0 (c->own, line->jid) == 0 || g_strcmp0 (c->peer, line->jid) == 0)
        state = MAX (state, c->state);
    }
  if (state == JGW_LINE_BUSY)
    return SHOW_BUSY;
  if (state == JGW_LINE_RINGING)
    return SHOW_RINGING;
  return user_dnd (lp, line_owner (lp, line->jid)) ? SHOW_DND : SHOW_IDLE;
}

static void
send_line (JgwLinePresence *lp, Line *line, LineShow show, const char *to)
{
  const JgwCommandsContext *ctx = lp->cmds->ctx;
  xmpp_stanza_t *s = jgw_presence_stanza_new (ctx->presence, line->jid, to, NULL);
  if (show_values[show])
    jgw_stanza_add_text_child (s, "show", NULL, show_values[show]);
  xmpp_stanza_t *en = jgw_stanza_add_text_child (s, "status", NULL, show_texts[show]);
  xmpp_stanza_set_attribute (en, "xml:lang", "en");
  const char *de_text = jgw_tr (ctx->catalog, "de", show_texts[show]);
  if (g_strcmp0 (jgw_catalog_pick (ctx->catalog, "de"), "de") == 0)
    xmpp_stanza_set_attribute (jgw_stanza_add_text_child (s, "status", NULL, de_text), "xml:lang", "de");
  jgw_component_send (ctx->component, s);
  xmpp_stanza_release (s);
}

static void
line_update (JgwLinePresence *lp, Line *line)
{
  LineShow show = line_show (lp, line);
  if (show == line->shown)
    return;
  line->shown = show;
  g_message ("line %s: %s", line->jid, show_texts[show]);
  GHashTableIter it;
  gpointer watcher;
  g_hash_table_iter_init (&it, line->watchers);
  while (g_hash_table_iter_next (&it, &watcher, NULL))
    send_line (lp, line, show, watcher);
}

static void
update_jid (JgwLinePresence *lp, const char *jid)
{
  Line *line = jid ? g_hash_table_lookup (lp->lines, jid) : NULL;
  if (line)
    line_update (lp, line);
}

/* --- dialog events (RFC 4235) --- */

static void
dialog_notify (JgwSipSubscription *sub, const char *content_type, const char *body, gpointer data)
{
  Line *line = data;
  JgwLineState state;
  g_autoptr (GError) error = NULL;
  if (content_type && g_ascii_strcasecmp (content_type, DIALOG_ACCEPT) != 0)
    return (void) g_warning ("line %s: ignoring a NOTIFY of type %s", line->jid, content_type);
  if (!jgw_dialog_info_parse (body, &state, &error))
    return (void) g_warning ("line %s: ignoring a dialog NOTIFY: %s", line->jid, error->message);
  line->sip_state = state;
  line_update (line->lp, line);
}

static void
dialog_status (JgwSipSubscription *sub, guint status, const char *phrase, gpointer data)
{
  Line *line = data;
  if (status < 300)
    return;
  g_message ("line %s: no dialog events from SIP (%u %s); showing the gateway's calls only", line->jid, status,
             phrase);
  line->dialog = NULL;
  line->dialog_refused = TRUE;
  line->sip_state = JGW_LINE_IDLE;
  jgw_sip_unsubscribe (sub);
  line_update (line->lp, line);
}

/* Subscribe from WATCHER's SIP identity; watchers without one cannot. */
static void
dialog_start (JgwLinePresence *lp, Line *line, const char *watcher)
{
  const JgwCommandsContext *ctx = lp->cmds->ctx;
  if (line->dialog || line->dialog_refused || !jgw_sip_ua_get_registration (jgw_calls_sip (ctx->calls), watcher, &(JgwSipRegistration) { 0 }))
    return;
  JgwAddressContext actx;
  jgw_router_context (ctx->router, watcher, &actx);
  g_autofree char *local = jgw_jid_local (line->jid);
  g_autoptr (GError) error = NULL;
  g_autoptr (JgwSipTarget) target = local ? jgw_address_to_sip (local, &actx, &error) : NULL;
  if (target)
    line->dialog = jgw_sip_subscribe (jgw_calls_sip (ctx->calls), watcher, target->uri, "dialog", DIALOG_ACCEPT,
                                      DIALOG_EXPIRES, dialog_notify, dialog_status, line, &error);
  if (line->dialog == NULL)
    g_info ("line %s: no dialog subscription: %s", line->jid, error ? error->message : "no address");
}

/* --- the roster side --- */

static Line *
line_get (JgwLinePresence *lp, const char *phone_jid)
{
  Line *line = g_hash_table_lookup (lp->lines, phone_jid);
  if (line == NULL)
    {
      line = g_new0 (Line, 1);
      line->lp = lp;
      line->jid = g_strdup (phone_jid);
      line->watchers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      line->shown = SHOW_NONE;
      g_hash_table_insert (lp->lines, line->jid, line);
    }
  return line;
}

static void
send_plain (JgwLinePresence *lp, const char *from, const char *to, const char *type)
{
  xmpp_stanza_t *s = jgw_presence_stanza_new (lp->cmds->ctx->presence, from, to, type);
  jgw_component_send (lp->cmds->ctx->component, s);
  xmpp_stanza_release (s);
}

static void
watcher_add (JgwLinePresence *lp, const char *watcher, const char *phone_jid, gboolean approve)
{
  Line *line = line_get (lp, phone_jid);
  g_hash_table_add (line->watchers, g_strdup (watcher));
  if (approve)
    send_plain (lp, phone_jid, watcher, "subscribed");
  if (line->shown == SHOW_NONE)
    line->shown = line_show (lp, line);
  send_line (lp, line, line->shown, watcher);
  dialog_start (lp, line, watcher);
}

static void
watcher_remove (JgwLinePresence *lp, const char *watcher, const char *phone_jid)
{
  send_plain (lp, phone_jid, watcher, "unsubscribed");
  send_plain (lp, phone_jid, watcher, "unavailable");
  Line *line = g_hash_table_lookup (lp->lines, phone_jid);
  if (line && g_hash_table_remove (line->watchers, watcher) && g_hash_table_size (line->watchers) == 0)
    g_hash_table_remove (lp->lines, phone_jid);
}

static gboolean
phone_presence (const char *type, const char *from_bare, const char *phone_jid, gpointer data)
{
  JgwLinePresence *lp = data;
  g_autofree char *bare = jgw_jid_bare (phone_jid);
  if (bare == NULL)
    return FALSE;
  if (g_strcmp0 (type, "subscribe") == 0 || g_strcmp0 (type, "probe") == 0)
    watcher_add (lp, from_bare, bare, g_strcmp0 (type, "subscribe") == 0);
  else if (g_strcmp0 (type, "unsubscribe") == 0)
    watcher_remove (lp, from_bare, bare);
  else
    return FALSE;
  return TRUE;
}

/* --- the gateway's calls --- */

static JgwLineState
call_state (JgwCall *call, JgwCallEvent event)
{
  if (event == JGW_CALL_EVENT_ANSWERED || event == JGW_CALL_EVENT_HOLD || jgw_call_was_answered (call))
    return JGW_LINE_BUSY;
  return JGW_LINE_RINGING;
}

static void
call_event (JgwCall *call, JgwCallEvent event, gpointer data)
{
  JgwLinePresence *lp = data;
  CallLines *c = g_hash_table_lookup (lp->calls, call);
  if (c == NULL && event != JGW_CALL_EVENT_ENDED)
    {
      c = g_new0 (CallLines, 1);
      c->own = own_line_jid (lp, jgw_call_get_user (call));
      c->peer = jgw_call_get_peer (call) ? jgw_jid_bare (jgw_call_get_peer (call)) : NULL;
      g_hash_table_insert (lp->calls, call, c);
    }
  if (c == NULL)
    return;
  g_autofree char *own = g_strdup (c->own), *peer = g_strdup (c->peer);
  if (event == JGW_CALL_EVENT_ENDED)
    g_hash_table_remove (lp->calls, call);
  else
    c->state = call_state (call, event);
  update_jid (lp, own);
  update_jid (lp, peer);
}

void
jgw_line_presence_user_changed (JgwCommands *cmds, const char *bare_jid)
{
  if (cmds->line_presence == NULL)
    return;
  g_autofree char *own = own_line_jid (cmds->line_presence, bare_jid);
  update_jid (cmds->line_presence, own);
}

static void
line_presence_free (gpointer data)
{
  JgwCommands *cmds = data;
  JgwLinePresence *lp = cmds->line_presence;
  jgw_presence_set_phone_func (cmds->ctx->presence, NULL, NULL);
  jgw_calls_unwatch (cmds->ctx->calls, lp->watch);
  g_hash_table_unref (lp->lines);
  g_hash_table_unref (lp->calls);
  g_free (lp);
  cmds->line_presence = NULL;
}

void
jgw_line_presence_register (JgwCommands *cmds)
{
  JgwLinePresence *lp = g_new0 (JgwLinePresence, 1);
  lp->cmds = cmds;
  lp->lines = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, line_free);
  lp->calls = g_hash_table_new_full (NULL, NULL, NULL, call_lines_free);
  lp->watch = jgw_calls_watch (cmds->ctx->calls, call_event, lp);
  cmds->line_presence = lp;
  jgw_presence_set_phone_func (cmds->ctx->presence, phone_presence, lp);
  jgw_commands_on_free (cmds, line_presence_free, cmds);
}
