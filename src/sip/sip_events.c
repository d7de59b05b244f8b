/* sip_events.c — parsers of message-summary (RFC 3842 5.2) and
 * dialog-info (RFC 4235 4) bodies. */
#include "sip/sip_events.h"

#include <stdlib.h>
#include <string.h>

G_DEFINE_QUARK (jgw-sip-events-error-quark, jgw_sip_events_error)

void
jgw_message_summary_clear (JgwMessageSummary *summary)
{
  g_clear_pointer (&summary->account, g_free);
  memset (summary, 0, sizeof *summary);
}

/* "4/8" or "4/8 (1/2)": new/old, urgent counts in brackets are ignored. */
static gboolean
parse_counts (const char *value, guint *new_count, guint *old_count)
{
  char *end = NULL;
  guint64 n = g_ascii_strtoull (value, &end, 10);
  if (end == value || *end != '/')
    return FALSE;
  const char *second = end + 1;
  guint64 o = g_ascii_strtoull (second, &end, 10);
  if (end == second || n > G_MAXUINT16 || o > G_MAXUINT16)
    return FALSE;
  while (*end == ' ' || *end == '\t')
    end++;
  if (*end != '\0' && *end != '(')
    return FALSE;
  *new_count = (guint) n, *old_count = (guint) o;
  return TRUE;
}

static gboolean
summary_line (const char *name, const char *value, JgwMessageSummary *out, gboolean *seen_waiting)
{
  if (g_ascii_strcasecmp (name, "Messages-Waiting") == 0)
    {
      *seen_waiting = TRUE;
      out->waiting = g_ascii_strcasecmp (value, "yes") == 0;
      return out->waiting || g_ascii_strcasecmp (value, "no") == 0;
    }
  if (g_ascii_strcasecmp (name, "Message-Account") == 0)
    {
      g_free (out->account);
      out->account = g_strdup (value);
    }
  else if (g_ascii_strcasecmp (name, "Voice-Message") == 0)
    {
      out->has_voice = TRUE;
      return parse_counts (value, &out->voice_new, &out->voice_old);
    }
  return TRUE; /* other message classes and extension headers */
}

gboolean
jgw_message_summary_parse (const char *body, JgwMessageSummary *out, GError **error)
{
  memset (out, 0, sizeof *out);
  gboolean seen_waiting = FALSE;
  g_auto (GStrv) lines = g_strsplit (body ? body : "", "\n", -1);
  for (char **l = lines; *l; l++)
    {
      char *line = g_strstrip (*l);
      char *colon = strchr (line, ':');
      if (*line == '\0')
        continue;
      if (colon == NULL)
        break; /* the optional message headers after a blank line are not ours */
      *colon = '\0';
      if (!summary_line (g_strstrip (line), g_strstrip (colon + 1), out, &seen_waiting))
        {
          jgw_message_summary_clear (out);
          return g_set_error (error, JGW_SIP_EVENTS_ERROR, JGW_SIP_EVENTS_ERROR_PARSE,
                              "bad %s line in message summary", line), FALSE;
        }
    }
  if (!seen_waiting)
    {
      jgw_message_summary_clear (out);
      return g_set_error_literal (error, JGW_SIP_EVENTS_ERROR, JGW_SIP_EVENTS_ERROR_PARSE,
                                  "message summary without Messages-Waiting"), FALSE;
    }
  return TRUE;
}

/* --- dialog-info --- */

typedef struct {
  gboolean root_seen;
  gboolean in_dialog, in_state;
  GString *state;
  JgwLineState line;
} DialogParse;

static const char *
local_name (const char *name)
{
  const char *colon = strrchr (name, ':');
  return colon ? colon + 1 : name;
}

static void
dialog_start (GMarkupParseContext *ctx, const char *name, const char **attr_names,
              const char **attr_values, gpointer data, GError **error)
{
  (void) ctx, (void) attr_names, (void) attr_values;
  DialogParse *d = data;
  const char *local = local_name (name);
  if (!d->root_seen && strcmp (local, "dialog-info") != 0)
    g_set_error (error, JGW_SIP_EVENTS_ERROR, JGW_SIP_EVENTS_ERROR_PARSE,
                 "root element is <%s>, not <dialog-info>", name);
  d->root_seen = TRUE;
  if (strcmp (local, "dialog") == 0)
    d->in_dialog = TRUE;
  else if (d->in_dialog && strcmp (local, "state") == 0)
    d->in_state = TRUE, g_string_truncate (d->state, 0);
}

static JgwLineState
state_of (const char *text)
{
  if (strcmp (text, "confirmed") == 0)
    return JGW_LINE_BUSY;
  if (strcmp (text, "trying") == 0 || strcmp (text, "proceeding") == 0 || strcmp (text, "early") == 0)
    return JGW_LINE_RINGING;
  return JGW_LINE_IDLE;
}

static void
dialog_end (GMarkupParseContext *ctx, const char *name, gpointer data, GError **error)
{
  (void) ctx, (void) error;
  DialogParse *d = data;
  const char *local = local_name (name);
  if (d->in_state && strcmp (local, "state") == 0)
    {
      d->in_state = FALSE;
      JgwLineState s = state_of (g_strstrip (d->state->str));
      d->line = MAX (d->line, s);
    }
  else if (strcmp (local, "dialog") == 0)
    d->in_dialog = FALSE;
}

static void
dialog_text (GMarkupParseContext *ctx, const char *text, gsize len, gpointer data, GError **error)
{
  (void) ctx, (void) error;
  DialogParse *d = data;
  if (d->in_state)
    g_string_append_len (d->state, text, (gssize) len);
}

gboolean
jgw_dialog_info_parse (const char *body, JgwLineState *out, GError **error)
{
  static const GMarkupParser parser = { dialog_start, dialog_end, dialog_text, NULL, NULL };
  DialogParse d = { .state = g_string_new (NULL), .line = JGW_LINE_IDLE };
  GMarkupParseContext *ctx = g_markup_parse_context_new (&parser, 0, &d, NULL);
  gboolean ok = g_markup_parse_context_parse (ctx, body ? body : "", -1, error)
                && g_markup_parse_context_end_parse (ctx, error);
  g_markup_parse_context_free (ctx);
  g_string_free (d.state, TRUE);
  if (ok && !d.root_seen)
    ok = (g_set_error_literal (error, JGW_SIP_EVENTS_ERROR, JGW_SIP_EVENTS_ERROR_PARSE,
                               "empty dialog-info document"), FALSE);
  if (ok)
    *out = d.line;
  return ok;
}
