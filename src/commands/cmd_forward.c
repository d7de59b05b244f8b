/* cmd_forward.c — the `forward` command and chat verb: call forwarding
 * unconditionally, on busy (or DND), on no answer after a ring time, and
 * when no client is online, to a number or SIP address (enforced by
 * call/call_rules.c with a 302 redirect). */
#define G_LOG_DOMAIN "jgw-commands"
#include "commands/commands_private.h"

#include <stdlib.h>
#include <string.h>

#define RING_MIN 5
#define RING_MAX 300
#define RING_DEFAULT 20

typedef struct {
  const char *value;  /* form value and English chat word */
  const char *de;     /* German chat word */
  const char *label;  /* N_ */
} Condition;

static const Condition conditions[] = {
  { "always", "immer", N_("Always") },
  { "busy", "besetzt", N_("When busy or do not disturb") },
  { "no-answer", "keine-antwort", N_("When not answered") },
  { "unavailable", "nicht-erreichbar", N_("When no client is online") },
  { "off", "aus", N_("Off (all forwarding)") },
};

static const Condition *
condition_find (const char *word)
{
  for (gsize i = 0; word && i < G_N_ELEMENTS (conditions); i++)
    if (g_ascii_strcasecmp (word, conditions[i].value) == 0 || g_ascii_strcasecmp (word, conditions[i].de) == 0)
      return &conditions[i];
  return NULL;
}

static char **
slot (JgwUserSettings *s, const char *condition)
{
  if (strcmp (condition, "always") == 0)
    return &s->forward_always;
  if (strcmp (condition, "busy") == 0)
    return &s->forward_busy;
  if (strcmp (condition, "no-answer") == 0)
    return &s->forward_no_answer;
  return &s->forward_unavailable;
}

/* RING as seconds (empty: the default) into *OUT; FALSE if out of range. */
static gboolean
parse_ring_time (const char *ring, guint *out)
{
  if (ring == NULL || *ring == '\0')
    return *out = RING_DEFAULT, TRUE;
  char *end = NULL;
  long secs = strtol (ring, &end, 10);
  if (*end != '\0' || secs < RING_MIN || secs > RING_MAX)
    return FALSE;
  *out = (guint) secs;
  return TRUE;
}

/* Set CONDITION's target ("off": clear all) after checking it; on failure
 * *WHY is an English msgid saying what is wrong, for the user. */
static gboolean
forward_set (JgwCommands *cmds, const char *bare, const char *condition, const char *target, const char *ring,
             const char **why)
{
  g_auto (JgwUserSettings) s = { 0 };
  if (!jgw_store_settings_get (cmds->ctx->store, bare, &s, NULL))
    return *why = N_("The setting could not be saved."), FALSE;
  if (strcmp (condition, "off") == 0)
    {
      for (gsize i = 0; i < 4; i++)
        g_clear_pointer (slot (&s, conditions[i].value), g_free);
      return jgw_store_settings_set (cmds->ctx->store, bare, &s, NULL)
             || (*why = N_("The setting could not be saved."), FALSE);
    }
  g_autofree char *t = g_strstrip (g_strdup (target ? target : ""));
  if (*t == '\0')
    return *why = N_("Give a number or SIP address to forward to."), FALSE;
  g_autoptr (GError) error = NULL;
  g_autofree char *jid = jgw_router_jid_for_input (cmds->ctx->router, bare, t, &error);
  if (jid == NULL)
    return *why = N_("That is not a number or SIP address to forward to."), FALSE;
  if (strcmp (condition, "no-answer") == 0 && !parse_ring_time (ring, &s.forward_no_answer_secs))
    return *why = N_("The ring time must be a whole number of seconds from 5 to 300."), FALSE;
  g_free (*slot (&s, condition));
  *slot (&s, condition) = g_steal_pointer (&t);
  g_message ("%s: forward %s to %s", bare, condition, *slot (&s, condition));
  return jgw_store_settings_set (cmds->ctx->store, bare, &s, NULL)
         || (*why = N_("The setting could not be saved."), FALSE);
}

/* The forwards in force, one line each, in LANG. */
static char *
forward_summary (JgwCommands *cmds, const char *bare, const char *lang)
{
  const JgwCatalog *cat = cmds->ctx->catalog;
  g_auto (JgwUserSettings) s = { 0 };
  jgw_store_settings_get (cmds->ctx->store, bare, &s, NULL);
  GString *text = g_string_new (NULL);
  for (gsize i = 0; i < 4; i++)
    {
      const char *target = *slot (&s, conditions[i].value);
      if (target == NULL)
        continue;
      g_string_append_printf (text, "%s%s: %s", text->len ? "\n" : "", jgw_tr (cat, lang, conditions[i].label),
                              target);
      if (i == 2)
        g_string_append_printf (text, " (%u s)", s.forward_no_answer_secs);
    }
  if (text->len == 0)
    g_string_append (text, jgw_tr (cat, lang, N_("No call forwarding.")));
  return g_string_free (text, FALSE);
}

static void
forward_form (JgwAdhocCall *call, JgwCommands *cmds)
{
  g_autofree char *now = forward_summary (cmds, jgw_adhoc_call_bare (call), jgw_adhoc_call_lang (call));
  JgwForm *form = jgw_form_new ("form", jgw_adhoc_call_tr (call, N_("Call forwarding")),
                                jgw_adhoc_call_tr (call, N_("Forward your incoming calls to a number or SIP address.")));
  jgw_form_add_field (form, "current", "fixed", NULL, FALSE, now);
  guint c = jgw_form_add_field (form, "condition", "list-single", jgw_adhoc_call_tr (call, N_("When")), TRUE,
                                "always");
  for (gsize i = 0; i < G_N_ELEMENTS (conditions); i++)
    jgw_form_add_option (form, c, conditions[i].value, jgw_adhoc_call_tr (call, conditions[i].label));
  jgw_form_add_field (form, "target", "text-single", jgw_adhoc_call_tr (call, N_("Forward to (number or SIP address)")),
                      FALSE, NULL);
  jgw_form_add_field (form, "ring-time", "text-single",
                      jgw_adhoc_call_tr (call, N_("Ring time in seconds before forwarding (when not answered)")),
                      FALSE, G_STRINGIFY (RING_DEFAULT));
  jgw_adhoc_call_set_stage (call, 1);
  jgw_adhoc_call_show (call, form, JGW_ADHOC_OFFER_COMPLETE);
}

static void
forward_execute (JgwAdhocCall *call, gpointer data)
{
  JgwCommands *cmds = data;
  const char *bare = jgw_adhoc_call_bare (call);
  jgw_commands_remember_lang (cmds, bare, jgw_adhoc_call_lang (call));
  if (jgw_adhoc_call_stage (call) == 0)
    {
      forward_form (call, cmds);
      return;
    }
  const Condition *cond = condition_find (jgw_adhoc_call_value (call, "condition"));
  const char *why = NULL;
  if (cond == NULL)
    why = N_("Choose when to forward: always, busy, no-answer, unavailable or off.");
  else
    forward_set (cmds, bare, cond->value, jgw_adhoc_call_value (call, "target"),
                 jgw_adhoc_call_value (call, "ring-time"), &why);
  if (why)
    {
      jgw_adhoc_call_fail (call, "bad-request", jgw_adhoc_call_tr (call, why));
      return;
    }
  g_autofree char *now = forward_summary (cmds, bare, jgw_adhoc_call_lang (call));
  jgw_adhoc_call_note (call, "info", now);
  jgw_adhoc_call_complete (call, NULL);
}

/* forward | forward off | forward COND TARGET | forward no-answer SECS TARGET */
static void
forward_chat (JgwChatRequest *r, const char *args, gpointer data)
{
  JgwCommands *cmds = data;
  const char *bare = jgw_chat_request_bare (r);
  jgw_commands_remember_lang (cmds, bare, jgw_chat_request_lang (r));
  g_auto (GStrv) words = g_strsplit_set (args, " \t", 3);
  const Condition *cond = *args ? condition_find (words[0]) : NULL;
  const char *why = NULL;
  if (*args && cond == NULL)
    why = N_("Choose when to forward: always, busy, no-answer, unavailable or off.");
  else if (cond)
    {
      /* "no-answer 15 TARGET": a leading whole number is the ring time. */
      const char *w1 = words[0] ? words[1] : NULL;
      gboolean secs = strcmp (cond->value, "no-answer") == 0 && w1 && words[2]
                      && (g_ascii_isdigit (w1[0]) || w1[0] == '-');
      g_autofree char *rest = secs ? g_strdup (words[2])
                              : w1 && words[2] ? g_strjoin (" ", w1, words[2], NULL) : g_strdup (w1);
      forward_set (cmds, bare, cond->value, rest, secs ? w1 : NULL, &why);
    }
  g_autofree char *now = forward_summary (cmds, bare, jgw_chat_request_lang (r));
  jgw_chat_reply (r, why ? jgw_chat_request_tr (r, why) : now);
}

static const JgwAdhocCommand forward_command = { "forward", N_("Call forwarding"), FALSE, forward_execute };

void
jgw_cmd_forward_register (JgwCommands *cmds)
{
  jgw_adhoc_register (cmds->ctx->adhoc, &forward_command, cmds);
  jgw_chat_add_verb (cmds, "forward", "umleiten",
                     N_("forward always|busy|unavailable TARGET, forward no-answer SECONDS TARGET, forward off"),
                     forward_chat, cmds);
}
