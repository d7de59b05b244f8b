/* cmd_conference.c — the `conference` command and chat verb: create a
 * conference on the built-in mixer, invite, list, mute/unmute, remove,
 * lock/unlock, end (moderator only), or have the gateway call an external
 * conference bridge. One form (action + arguments) so that web apps can
 * submit it in one request. */
#define G_LOG_DOMAIN "jgw-commands"
#include "commands/commands_private.h"

#include <string.h>

#include "conference/conference.h"

typedef struct {
  JgwCommands *cmds;
  JgwConferences *confs;
} Family;

typedef struct {
  const char *action, *name, *pin, *target, *participant;
} Request;

/* What an action produced: a text, or an error CONDITION with the text;
 * LIST holds the participants for "list". */
typedef struct {
  const char *condition;
  char *text;
  GPtrArray *list;
} Outcome;

static const char *const actions[][2] = {
  { "create", N_("Create") },       { "invite", N_("Invite") },   { "list", N_("List participants") },
  { "mute", N_("Mute") },           { "unmute", N_("Unmute") },   { "remove", N_("Remove") },
  { "lock", N_("Lock") },           { "unlock", N_("Unlock") },   { "end", N_("End") },
  { "bridge", N_("Join an external bridge") },
};

#define TR(msgid) jgw_tr (f->cmds->ctx->catalog, lang, msgid)

static void
fail (Outcome *o, const char *condition, char *text)
{
  o->condition = condition;
  o->text = text;
}

/* A SIP URI for what the user typed: number, SIP address or name. */
static char *
sip_target (Family *f, const char *user, const char *typed, GError **error)
{
  const JgwRouter *router = f->cmds->ctx->router;
  g_autofree char *jid = jgw_router_jid_for_input (router, user, typed, error);
  JgwAddressContext ctx;
  g_autoptr (JgwSipTarget) target = NULL;
  char *at = jid ? strrchr (jid, '@') : NULL;

  if (!at)
    return NULL;
  *at = '\0';
  jgw_router_context (router, user, &ctx);
  target = jgw_address_to_sip (jid, &ctx, error);
  return target ? g_strdup (target->uri) : NULL;
}

static void
do_create (Family *f, const char *user, const char *lang, const Request *r, Outcome *o)
{
  g_autoptr (GError) error = NULL;

  if (!jgw_conferences_create (f->confs, r->name, r->pin, user, &error)) {
    fail (o, "bad-request", g_strdup_printf (TR (N_("Failed: %s")), error->message));
    return;
  }
  o->text = g_strdup_printf (TR (N_("Conference %s created. Dial in: sip:%s%s@%s")), r->name,
                             JGW_CONFERENCE_PREFIX, r->name, f->cmds->ctx->config->sip.domain);
}

static void
do_bridge (Family *f, const char *user, const char *lang, const Request *r, Outcome *o)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *jid = jgw_router_jid_for_input (f->cmds->ctx->router, user, r->target, &error);

  if (!jid) {
    fail (o, "bad-request", g_strdup_printf (TR (N_("Failed: %s")), error->message));
    return;
  }
  /* Click-to-call rings the user's desk phone first, then the bridge;
   * without it the user's own client calls the bridge's JID. */
  if (jgw_calls_click_to_call (f->cmds->ctx->calls, user, r->target, NULL))
    o->text = g_strdup_printf (TR (N_("Calling %s for you: your desk phone rings first.")), r->target);
  else
    o->text = g_strdup_printf (TR (N_("Call %s from your client to join the bridge.")), jid);
}

/* "xmpp:JID", or a bare JID of a user online at the gateway with a
 * client: the XMPP user is rung; anything else is dialled over SIP. */
static char *
xmpp_target (Family *f, const char *typed)
{
  g_autoptr (GPtrArray) online = NULL;

  if (g_str_has_prefix (typed, "xmpp:"))
    return g_strdup (typed);
  if (!strchr (typed, '@') || strchr (typed, ':') || strchr (typed, '/'))
    return NULL;
  online = jgw_presence_resources (f->cmds->ctx->presence, typed);
  return online && online->len > 0 ? g_strconcat ("xmpp:", typed, NULL) : NULL;
}

static void
do_invite (Family *f, JgwConference *conf, const char *user, const char *lang, const Request *r,
           Outcome *o)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *uri = r->target ? xmpp_target (f, r->target) : NULL;

  if (!uri && r->target)
    uri = sip_target (f, user, r->target, &error);

  if (!uri || !jgw_conference_invite (conf, uri, &error)) {
    fail (o, "bad-request", g_strdup_printf (TR (N_("Failed: %s")),
                                             error ? error->message : TR (N_("nobody to call"))));
    return;
  }
  o->text = g_strdup_printf (TR (N_("Calling %s into conference %s.")), uri, r->name);
}

static void
do_participant (Family *f, JgwConference *conf, const char *lang, const Request *r, Outcome *o)
{
  g_autoptr (GError) error = NULL;
  gboolean ok, mute = g_str_equal (r->action, "mute");

  if (g_str_equal (r->action, "remove"))
    ok = jgw_conference_remove (conf, r->participant, &error);
  else
    ok = jgw_conference_set_mute (conf, r->participant, mute, &error);
  if (!ok) {
    fail (o, "item-not-found", g_strdup_printf (TR (N_("Failed: %s")), error->message));
    return;
  }
  o->text = g_strdup_printf (g_str_equal (r->action, "remove") ? TR (N_("Participant %s removed."))
                             : mute                             ? TR (N_("Participant %s muted."))
                                                                : TR (N_("Participant %s unmuted.")),
                             r->participant);
}

/* The moderator's actions on an existing conference. */
static void
do_moderated (Family *f, const char *user, const char *lang, const Request *r, Outcome *o)
{
  JgwConference *conf = jgw_conferences_find (f->confs, r->name);
  const char *a = r->action;

  if (!conf) {
    fail (o, "item-not-found", g_strdup_printf (TR (N_("No conference named %s.")), r->name));
  } else if (g_ascii_strcasecmp (jgw_conference_moderator (conf), user) != 0) {
    fail (o, "forbidden", g_strdup_printf (TR (N_("Only the moderator of %s may do this.")), r->name));
  } else if (g_str_equal (a, "invite")) {
    do_invite (f, conf, user, lang, r, o);
  } else if (g_str_equal (a, "list")) {
    o->list = jgw_conference_participants (conf);
    o->text = g_strdup_printf (TR (N_("Participants of %s")), r->name);
  } else if (g_str_equal (a, "lock") || g_str_equal (a, "unlock")) {
    jgw_conference_set_locked (conf, g_str_equal (a, "lock"));
    o->text = g_strdup_printf (g_str_equal (a, "lock") ? TR (N_("Conference %s locked."))
                                                       : TR (N_("Conference %s unlocked.")), r->name);
  } else if (g_str_equal (a, "end")) {
    jgw_conference_end (conf);
    o->text = g_strdup_printf (TR (N_("Conference %s ended.")), r->name);
  } else {
    do_participant (f, conf, lang, r, o);
  }
}

static gboolean
known_action (const char *action)
{
  for (gsize i = 0; action && i < G_N_ELEMENTS (actions); i++)
    if (g_str_equal (action, actions[i][0]))
      return TRUE;
  return FALSE;
}

static void
run (Family *f, const char *user, const char *lang, const Request *r, Outcome *o)
{
  if (!known_action (r->action))
    fail (o, "bad-request", g_strdup (TR (N_("Unknown action."))));
  else if (g_str_equal (r->action, "bridge") && !(r->target && *r->target))
    fail (o, "bad-request", g_strdup (TR (N_("The bridge's SIP URI is needed."))));
  else if (g_str_equal (r->action, "bridge"))
    do_bridge (f, user, lang, r, o);
  else if (!(r->name && *r->name))
    fail (o, "bad-request", g_strdup (TR (N_("A conference name is needed."))));
  else if (g_str_equal (r->action, "create"))
    do_create (f, user, lang, r, o);
  else
    do_moderated (f, user, lang, r, o);
}

/* --- ad-hoc --- */

static JgwForm *
request_form (JgwAdhocCall *call)
{
  JgwForm *form = jgw_form_new ("form", jgw_adhoc_call_tr (call, N_("Conference")),
                                jgw_adhoc_call_tr (call, N_("Choose an action and fill in what it needs.")));
  guint a = jgw_form_add_field (form, "action", "list-single", jgw_adhoc_call_tr (call, N_("Action")),
                                TRUE, "create");

  for (gsize i = 0; i < G_N_ELEMENTS (actions); i++)
    jgw_form_add_option (form, a, actions[i][0], jgw_adhoc_call_tr (call, actions[i][1]));
  jgw_form_add_field (form, "name", "text-single", jgw_adhoc_call_tr (call, N_("Conference name")),
                      FALSE, NULL);
  jgw_form_add_field (form, "pin", "text-private", jgw_adhoc_call_tr (call, N_("PIN (optional, digits)")),
                      FALSE, NULL);
  jgw_form_add_field (form, "target", "text-single",
                      jgw_adhoc_call_tr (call, N_("Number, SIP address or JID to call")), FALSE, NULL);
  jgw_form_add_field (form, "participant", "text-single", jgw_adhoc_call_tr (call, N_("Participant")),
                      FALSE, NULL);
  return form;
}

static JgwForm *
list_form (JgwAdhocCall *call, const Outcome *o)
{
  JgwForm *form = jgw_form_new ("result", o->text, NULL);

  jgw_form_add_column (form, "participant", jgw_adhoc_call_tr (call, N_("Participant")));
  jgw_form_add_column (form, "address", jgw_adhoc_call_tr (call, N_("Address")));
  jgw_form_add_column (form, "state", jgw_adhoc_call_tr (call, N_("State")));
  jgw_form_add_column (form, "muted", jgw_adhoc_call_tr (call, N_("Muted")));
  for (guint i = 0; i < o->list->len; i++) {
    JgwParticipantInfo *p = o->list->pdata[i];
    const char *row[] = { p->id, p->address, p->state, p->muted ? "true" : "false", NULL };

    jgw_form_add_row (form, row);
  }
  return form;
}

static void
conference_execute (JgwAdhocCall *call, gpointer data)
{
  Family *f = data;
  Outcome o = { 0 };
  Request r = { jgw_adhoc_call_value (call, "action"), jgw_adhoc_call_value (call, "name"),
                jgw_adhoc_call_value (call, "pin"), jgw_adhoc_call_value (call, "target"),
                jgw_adhoc_call_value (call, "participant") };

  if (jgw_adhoc_call_stage (call) == 0 && jgw_adhoc_call_action (call) == JGW_ADHOC_EXECUTE
      && !r.action) {
    jgw_adhoc_call_set_stage (call, 1);
    jgw_adhoc_call_show (call, request_form (call), JGW_ADHOC_OFFER_COMPLETE);
    return;
  }
  run (f, jgw_adhoc_call_bare (call), jgw_adhoc_call_lang (call), &r, &o);
  if (o.condition) {
    jgw_adhoc_call_fail (call, o.condition, o.text);
  } else {
    jgw_adhoc_call_note (call, "info", o.text);
    jgw_adhoc_call_complete (call, o.list ? list_form (call, &o) : NULL);
  }
  g_free (o.text);
  g_clear_pointer (&o.list, g_ptr_array_unref);
}

/* --- chat: conference ACTION [NAME] [ARGUMENT] --- */

static void
conference_chat (JgwChatRequest *req, const char *args, gpointer data)
{
  Family *f = data;
  g_auto (GStrv) words = g_strsplit_set (args, " \t", 3);
  const char *arg = words[0] && words[1] ? words[2] : NULL;
  Request r = { words[0], words[0] ? words[1] : NULL, arg, arg, arg };
  Outcome o = { 0 };
  g_autoptr (GString) text = NULL;

  if (r.action && g_str_equal (r.action, "bridge"))
    r.target = r.name;
  run (f, jgw_chat_request_bare (req), jgw_chat_request_lang (req), &r, &o);
  text = g_string_new (o.text);
  for (guint i = 0; o.list && i < o.list->len; i++) {
    JgwParticipantInfo *p = o.list->pdata[i];

    g_string_append_printf (text, "\n%s: %s (%s%s)", p->id, p->address, p->state,
                            p->muted ? jgw_chat_request_tr (req, N_(", muted")) : "");
  }
  jgw_chat_reply (req, text->str);
  g_free (o.text);
  g_clear_pointer (&o.list, g_ptr_array_unref);
}

static const JgwAdhocCommand conference_command = { "conference", N_("Conference"), FALSE,
                                                    conference_execute };

static void
family_free (gpointer data)
{
  Family *f = data;

  jgw_conferences_free (f->confs);
  g_free (f);
}

void
jgw_cmd_conference_register (JgwCommands *cmds)
{
  Family *f;

  if (!cmds->ctx->calls)
    return;
  f = g_new0 (Family, 1);
  f->cmds = cmds;
  f->confs = jgw_conferences_new (cmds->ctx->calls, &cmds->ctx->config->media, cmds->ctx->component,
                                  cmds->ctx->presence, cmds->ctx->config->component.jid);
  jgw_commands_on_free (cmds, family_free, f);
  jgw_adhoc_register (cmds->ctx->adhoc, &conference_command, f);
  jgw_chat_add_verb (cmds, "conference", "konferenz",
                     N_("conference create|invite|list|mute|unmute|remove|lock|unlock|end NAME "
                        "[PIN|NUMBER|ID], conference bridge URI — conferences"),
                     conference_chat, f);
}
