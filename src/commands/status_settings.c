/* status_settings.c — the settings part of `status`: what a call to the
 * user meets right now. Values come from the store, falling back to the
 * configuration where the store has no setting (call waiting, desk phone),
 * so the answer says what is in force, not what was typed. */
#define G_LOG_DOMAIN "jgw-commands"
#include "commands/status_settings.h"

typedef struct {
  const char *var;   /* result form field */
  const char *label; /* chat line and field label */
} Forward;

static const Forward forwards[] = {
  { "forward-always", N_("Forward all calls to") },
  { "forward-busy", N_("Forward when busy or do not disturb to") },
  { "forward-no-answer", N_("Forward when not answered to") },
  { "forward-unavailable", N_("Forward when no client is online to") },
};

static const char *
forward_target (const JgwUserSettings *s, gsize i)
{
  const char *const targets[] = { s->forward_always, s->forward_busy, s->forward_no_answer,
                                  s->forward_unavailable };
  return targets[i] && *targets[i] ? targets[i] : NULL;
}

static void
add_flag (const JgwCatalog *cat, const char *lang, GPtrArray *lines, JgwForm *form, const char *var,
          const char *label, gboolean on)
{
  const char *label_tr = jgw_tr (cat, lang, label);
  g_ptr_array_add (lines, g_strdup_printf ("%s: %s", label_tr, jgw_tr (cat, lang, on ? N_("on") : N_("off"))));
  if (form)
    jgw_form_add_field (form, var, "boolean", label_tr, FALSE, on ? "1" : "0");
}

static void
add_forwards (const JgwCatalog *cat, const char *lang, const JgwUserSettings *s, GPtrArray *lines, JgwForm *form)
{
  gboolean any = FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (forwards); i++)
    {
      const char *target = forward_target (s, i);
      const char *label = jgw_tr (cat, lang, forwards[i].label);
      if (form)
        jgw_form_add_field (form, forwards[i].var, "text-single", label, FALSE, target);
      if (target == NULL)
        continue;
      any = TRUE;
      if (i == 2)
        g_ptr_array_add (lines, g_strdup_printf (jgw_tr (cat, lang, N_("%s %s (after %u s)")), label, target,
                                                 s->forward_no_answer_secs));
      else
        g_ptr_array_add (lines, g_strdup_printf ("%s %s", label, target));
    }
  if (!any)
    g_ptr_array_add (lines, g_strdup (jgw_tr (cat, lang, N_("No call forwarding."))));
  if (form && forward_target (s, 2))
    {
      g_autofree char *secs = g_strdup_printf ("%u", s->forward_no_answer_secs);
      jgw_form_add_field (form, "forward-no-answer-secs", "text-single",
                          jgw_tr (cat, lang, N_("Ring time before forwarding (seconds)")), FALSE, secs);
    }
}

void
jgw_status_settings (JgwCommands *cmds, const char *bare, const char *lang, GPtrArray *lines, JgwForm *form)
{
  const JgwCatalog *cat = cmds->ctx->catalog;
  const JgwUserConfig *uc = jgw_config_find_user (cmds->ctx->config, bare);
  g_auto (JgwUserSettings) s = { 0 };
  jgw_store_settings_get (cmds->ctx->store, bare, &s, NULL);
  gboolean waiting = s.call_waiting < 0 ? cmds->ctx->config->calls.call_waiting : s.call_waiting != 0;
  const char *desk = s.desk_phone ? s.desk_phone : uc ? uc->desk_phone : NULL;
  add_flag (cat, lang, lines, form, "dnd", N_("Do not disturb"), s.dnd);
  add_flag (cat, lang, lines, form, "call-waiting", N_("Call waiting"), waiting);
  add_forwards (cat, lang, &s, lines, form);
  g_ptr_array_add (lines, desk ? g_strdup_printf ("%s: %s", jgw_tr (cat, lang, N_("Desk phone")), desk)
                               : g_strdup (jgw_tr (cat, lang, N_("You have no desk phone set."))));
  if (form)
    jgw_form_add_field (form, "desk-phone", "text-single", jgw_tr (cat, lang, N_("Desk phone")), FALSE, desk);
}
