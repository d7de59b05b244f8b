/* log.c — the GLib structured log writer used by the daemon. */
#include "log.h"

#include <stdio.h>
#include <string.h>

static const struct {
  const char *name;
  GLogLevelFlags level;
} levels[] = {
  { "error", G_LOG_LEVEL_CRITICAL },
  { "warning", G_LOG_LEVEL_WARNING },
  { "message", G_LOG_LEVEL_MESSAGE },
  { "info", G_LOG_LEVEL_INFO },
  { "debug", G_LOG_LEVEL_DEBUG },
};

gboolean
jgw_log_level_parse (const char *name, GLogLevelFlags *level)
{
  for (gsize i = 0; name && i < G_N_ELEMENTS (levels); i++)
    if (g_ascii_strcasecmp (levels[i].name, name) == 0)
      {
        *level = levels[i].level;
        return TRUE;
      }
  return FALSE;
}

static const char *
level_word (GLogLevelFlags level)
{
  if (level & G_LOG_LEVEL_ERROR)
    return "FATAL";
  if (level & G_LOG_LEVEL_CRITICAL)
    return "ERROR";
  if (level & G_LOG_LEVEL_WARNING)
    return "WARN";
  if (level & G_LOG_LEVEL_MESSAGE)
    return "NOTE";
  if (level & G_LOG_LEVEL_INFO)
    return "INFO";
  return "DEBUG";
}

/* Lower GLib level bits are more severe. */
static gboolean
shown (GLogLevelFlags level, GLogLevelFlags max)
{
  return (level & G_LOG_LEVEL_MASK) <= max || (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL));
}

static GLogWriterOutput
writer (GLogLevelFlags level, const GLogField *fields, gsize n_fields, gpointer user_data)
{
  JgwLogSettings *s = user_data;
  if (!shown (level, s->max_level))
    return G_LOG_WRITER_HANDLED;
  if (s->journal && g_log_writer_journald (level, fields, n_fields, NULL) == G_LOG_WRITER_HANDLED)
    return G_LOG_WRITER_HANDLED;

  const char *msg = "", *domain = NULL, *call = NULL;
  for (gsize i = 0; i < n_fields; i++)
    {
      if (strcmp (fields[i].key, "MESSAGE") == 0)
        msg = fields[i].value;
      else if (strcmp (fields[i].key, "GLIB_DOMAIN") == 0)
        domain = fields[i].value;
      else if (strcmp (fields[i].key, "JGW_CALL_ID") == 0)
        call = fields[i].value;
    }
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%H:%M:%S.%f");
  stamp[12] = '\0'; /* milliseconds are enough */
  GString *line = g_string_new (NULL);
  g_string_append_printf (line, "%s %-5s ", stamp, level_word (level));
  if (domain)
    g_string_append_printf (line, "%s: ", domain);
  if (call)
    g_string_append_printf (line, "[call %s] ", call);
  /* One event, one line: newlines inside the message are flattened. */
  for (const char *p = msg; *p; p++)
    g_string_append_c (line, *p == '\n' ? ' ' : *p);
  g_string_append_c (line, '\n');
  fputs (line->str, stderr);
  g_string_free (line, TRUE);
  fflush (stderr);
  return G_LOG_WRITER_HANDLED;
}

void
jgw_log_init (JgwLogSettings *settings)
{
  settings->journal = g_log_writer_is_journald (fileno (stderr));
  g_log_set_writer_func (writer, settings, NULL);
}

char *
jgw_log_redact (const char *text)
{
  /* Registration stanzas carry SIP passwords in forms or legacy fields. */
  if (strstr (text, "jabber:iq:register") != NULL)
    return g_strdup ("(a jabber:iq:register stanza, hidden: it may hold credentials)");
  GString *out = g_string_new (NULL);
  const char *p = text;
  const char *key;
  while ((key = strstr (p, "inline:")) != NULL)
    {
      g_string_append_len (out, p, key - p);
      g_string_append (out, "inline:(hidden)");
      p = key + strlen ("inline:");
      p += strspn (p, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=|:^");
    }
  g_string_append (out, p);
  return g_string_free (out, FALSE);
}
