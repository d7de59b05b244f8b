/* cmd_callctl.c — commands on a call in progress: hangup, answer, reject,
 * hold, resume, mute, unmute, volume, dtmf. Each is an ad-hoc command and a
 * chat verb (English and German). They act on the requester's own calls
 * only (jgw_calls_find_for_user): the `call` field picks one by id, else the
 * most recent one is meant. */
#define G_LOG_DOMAIN "jgw-commands"
#include "commands/cmd_dial.h"

#include <stdlib.h>
#include <string.h>

typedef enum { ACT_HANGUP, ACT_ANSWER, ACT_REJECT, ACT_HOLD, ACT_RESUME, ACT_MUTE, ACT_UNMUTE, ACT_VOLUME, ACT_DTMF } Act;

typedef struct {
  Act act;
  const char *arg_var;  /* a required field besides `call`, or NULL */
  const char *arg_label;
  const char *verb, *verb_de, *usage;
} CtlSpec;

static const CtlSpec specs[] = {
  { ACT_HANGUP, NULL, NULL, "hangup", "auflegen", N_("hangup [CALL] — end a call") },
  { ACT_ANSWER, NULL, NULL, "answer", "annehmen", N_("answer [CALL] — take a ringing call on this client") },
  { ACT_REJECT, NULL, NULL, "reject", "ablehnen", N_("reject [CALL] — decline a ringing call") },
  { ACT_HOLD, NULL, NULL, "hold", "halten", N_("hold [CALL] — put a call on hold") },
  { ACT_RESUME, NULL, NULL, "resume", "fortsetzen", N_("resume [CALL] — take a call off hold") },
  { ACT_MUTE, NULL, NULL, "mute", "stumm", N_("mute [CALL] — the other party no longer hears you") },
  { ACT_UNMUTE, NULL, NULL, "unmute", "laut", N_("unmute [CALL] — the other party hears you again") },
  { ACT_VOLUME, "level", N_("Volume: up, down or a level in dB (-30 to 12)"), "volume", "lautstärke",
    N_("volume up|down|DB [CALL] — how loud you hear the call") },
  { ACT_DTMF, "digits", N_("Digits (0-9, *, #, A-D)"), "dtmf", "wahl", N_("dtmf DIGITS [CALL] — send tones") },
};

/* Ad-hoc commands need static storage; in the order of specs[]. */
static void ctl_execute (JgwAdhocCall *call, gpointer data);
static const JgwAdhocCommand commands[] = {
  { "hangup", N_("Hang up"), FALSE, ctl_execute },      { "answer", N_("Answer"), FALSE, ctl_execute },
  { "reject", N_("Reject"), FALSE, ctl_execute },       { "hold", N_("Hold"), FALSE, ctl_execute },
  { "resume", N_("Resume"), FALSE, ctl_execute },       { "mute", N_("Mute"), FALSE, ctl_execute },
  { "unmute", N_("Unmute"), FALSE, ctl_execute },       { "volume", N_("Volume"), FALSE, ctl_execute },
  { "dtmf", N_("Send DTMF tones"), FALSE, ctl_execute },
};
G_STATIC_ASSERT (G_N_ELEMENTS (commands) == G_N_ELEMENTS (specs));

typedef struct {
  JgwCommands *cmds;
  const CtlSpec *spec;
} CtlBinding;

/* The outcome of an action: TEXT (translated) and, on failure, an XMPP
 * error condition. */
typedef struct {
  char *text;
  const char *condition;
} Outcome;

static const char *
condition_for (const GError *error)
{
  if (error->domain != JGW_CALL_ERROR)
    return "internal-server-error";
  switch (error->code)
    {
    case JGW_CALL_ERROR_NOT_FOUND:
      return "item-not-found";
    case JGW_CALL_ERROR_INVALID:
      return "bad-request";
    case JGW_CALL_ERROR_STATE:
      return "unexpected-request";
    default:
      return "internal-server-error";
    }
}

/* "up", "down" or a level in dB, against the current gain; FALSE if bad. */
static gboolean
parse_volume (const char *text, double current, double *out)
{
  if (text == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (text, "up") == 0 || g_strcmp0 (text, "lauter") == 0)
    return *out = current + 3, TRUE;
  if (g_ascii_strcasecmp (text, "down") == 0 || g_strcmp0 (text, "leiser") == 0)
    return *out = current - 3, TRUE;
  char *end = NULL;
  *out = g_ascii_strtod (text, &end);
  return end != text && *end == '\0';
}

static gboolean
act_on (JgwCall *call, Act act, const char *arg, const char *requester, GError **error)
{
  double db = 0;
  switch (act)
    {
    case ACT_HANGUP:
      jgw_call_hangup (call);
      return TRUE;
    case ACT_ANSWER:
      return jgw_call_answer_on (call, requester, error);
    case ACT_REJECT:
      return jgw_call_reject (call, error);
    case ACT_HOLD:
    case ACT_RESUME:
      return jgw_call_set_hold (call, act == ACT_HOLD, error);
    case ACT_MUTE:
    case ACT_UNMUTE:
      return jgw_call_set_mute (call, act == ACT_MUTE, error);
    case ACT_VOLUME:
      if (!parse_volume (arg, jgw_call_get_volume (call), &db))
        {
          g_set_error_literal (error, JGW_CALL_ERROR, JGW_CALL_ERROR_INVALID,
                               "The volume must be between -30 and 12 dB.");
          return FALSE;
        }
      return jgw_call_set_volume (call, db, error);
    case ACT_DTMF:
      return jgw_call_send_dtmf (call, arg, error);
    }
  return FALSE;
}

static const char *
done_text (Act act)
{
  static const char *const texts[] = {
    [ACT_HANGUP] = N_("Call ended."),         [ACT_ANSWER] = N_("The call comes to this client."),
    [ACT_REJECT] = N_("Call declined."),      [ACT_HOLD] = N_("Call on hold."),
    [ACT_RESUME] = N_("Call resumed."),       [ACT_MUTE] = N_("Muted: the other party no longer hears you."),
    [ACT_UNMUTE] = N_("Unmuted."),            [ACT_VOLUME] = N_("Volume set to %.0f dB."),
    [ACT_DTMF] = N_("Tones sent: %s"),
  };
  return texts[act];
}

/* Check ARG, find the call, act; the translated outcome in OUT. */
static gboolean
ctl_run (JgwCommands *cmds, const CtlSpec *spec, const char *requester, const char *call_id, const char *arg,
         const char *lang, Outcome *out)
{
  const JgwCatalog *cat = cmds->ctx->catalog;
  g_autoptr (GError) error = NULL;
  g_autofree char *digits = spec->act == ACT_DTMF && arg ? g_ascii_strup (arg, -1) : NULL;
  g_autofree char *bare = g_strndup (requester, strcspn (requester, "/"));
  if (spec->act == ACT_DTMF && !jgw_call_dtmf_valid (digits))
    g_set_error_literal (&error, JGW_CALL_ERROR, JGW_CALL_ERROR_INVALID,
                         "Digits must be 0-9, *, #, A-D (at most 32).");
  JgwCall *call = error ? NULL : jgw_calls_find_for_user (cmds->ctx->calls, bare, call_id, &error);
  if (call == NULL || !act_on (call, spec->act, digits ? digits : arg, requester, &error))
    {
      out->condition = condition_for (error);
      out->text = g_strdup (jgw_tr (cat, lang, error->message));
      return FALSE;
    }
  if (spec->act == ACT_VOLUME)
    out->text = g_strdup_printf (jgw_tr (cat, lang, N_("Volume set to %.0f dB.")), jgw_call_get_volume (call));
  else if (spec->act == ACT_DTMF)
    out->text = g_strdup_printf (jgw_tr (cat, lang, N_("Tones sent: %s")), digits);
  else
    out->text = g_strdup (jgw_tr (cat, lang, done_text (spec->act)));
  return TRUE;
}

/* The form asking for the action's argument and, optionally, the call. */
static JgwForm *
ctl_form (JgwAdhocCall *ac, JgwCommands *cmds, const CtlSpec *spec)
{
  JgwForm *form = jgw_form_new ("form", jgw_adhoc_call_tr (ac, commands[spec - specs].name), NULL);
  jgw_form_add_field (form, spec->arg_var, "text-single", jgw_adhoc_call_tr (ac, spec->arg_label), TRUE, NULL);
  guint f = jgw_form_add_field (form, "call", "list-single", jgw_adhoc_call_tr (ac, N_("Call")), FALSE, NULL);
  g_autoptr (GPtrArray) mine = jgw_calls_of_user (cmds->ctx->calls, jgw_adhoc_call_bare (ac));
  for (guint i = 0; i < mine->len; i++)
    {
      JgwCall *c = g_ptr_array_index (mine, i);
      jgw_form_add_option (form, f, jgw_call_get_id (c), jgw_call_get_remote (c));
    }
  return form;
}

gboolean
jgw_cmd_is_refusal (const char *condition)
{
  return g_strcmp0 (condition, "bad-request") == 0 || g_strcmp0 (condition, "item-not-found") == 0;
}

static void
ctl_execute (JgwAdhocCall *ac, gpointer data)
{
  CtlBinding *b = data;
  const char *arg = b->spec->arg_var ? jgw_adhoc_call_value (ac, b->spec->arg_var) : NULL;
  if (b->spec->arg_var && arg == NULL && jgw_adhoc_call_stage (ac) == 0)
    {
      jgw_adhoc_call_set_stage (ac, 1);
      jgw_adhoc_call_show (ac, ctl_form (ac, b->cmds, b->spec), JGW_ADHOC_OFFER_COMPLETE);
      return;
    }
  Outcome out = { 0 };
  gboolean ok = ctl_run (b->cmds, b->spec, jgw_adhoc_call_from (ac), jgw_adhoc_call_value (ac, "call"), arg,
                         jgw_adhoc_call_lang (ac), &out);
  g_autofree char *text = out.text;
  /* A bad request is refused; an action that could not be done ends the
   * command with an error note (docs/commands.md, Conventions). */
  if (!ok && jgw_cmd_is_refusal (out.condition))
    {
      jgw_adhoc_call_fail (ac, out.condition, text);
      return;
    }
  jgw_adhoc_call_note (ac, ok ? "info" : "error", text);
  jgw_adhoc_call_complete (ac, NULL);
}

static void
ctl_chat (JgwChatRequest *r, const char *args, gpointer data)
{
  CtlBinding *b = data;
  g_auto (GStrv) words = g_strsplit_set (args, " \t", 3);
  const char *first = words[0] && *words[0] ? words[0] : NULL;
  const char *second = first && words[1] && *words[1] ? words[1] : NULL;
  const char *arg = b->spec->arg_var ? first : NULL;
  const char *call_id = b->spec->arg_var ? second : first;
  Outcome out = { 0 };
  ctl_run (b->cmds, b->spec, jgw_chat_request_from (r), call_id, arg, jgw_chat_request_lang (r), &out);
  g_autofree char *text = out.text;
  jgw_chat_reply (r, text);
}

void
jgw_cmd_callctl_register (JgwCommands *cmds)
{
  for (gsize i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      CtlBinding *b = g_new0 (CtlBinding, 1);
      b->cmds = cmds;
      b->spec = &specs[i];
      jgw_commands_on_free (cmds, g_free, b);
      jgw_adhoc_register (cmds->ctx->adhoc, &commands[i], b);
      jgw_chat_add_verb (cmds, specs[i].verb, specs[i].verb_de, specs[i].usage, ctl_chat, b);
    }
}
