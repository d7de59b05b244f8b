/* log.h — one line per event on stderr, or the journal under systemd.
 * Modules log with GLib's g_debug/g_info/g_message/g_warning/g_critical;
 * call-related lines go through JGW_LOG_CALL so that every one carries the
 * call id. The level filter lives in a JgwLogSettings owned by main.c. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  GLogLevelFlags max_level; /* most verbose level shown */
  gboolean journal;         /* write to journald instead of stderr */
} JgwLogSettings;

/** Parse error|warning|message|info|debug into a GLib level. */
gboolean jgw_log_level_parse (const char *name, GLogLevelFlags *level);

/** Install the writer; SETTINGS must outlive the program's logging. */
void jgw_log_init (JgwLogSettings *settings);

/** TEXT (a protocol trace line) with secrets removed: stanzas of in-band
 * registration are hidden whole, SDES keys ("inline:...") are blanked.
 * Returns a new string. */
char *jgw_log_redact (const char *text);

/** A log line about one call: the call id is a field and a prefix. */
#define JGW_LOG_CALL(level, call_id, ...)                                   \
  g_log_structured (G_LOG_DOMAIN, (level), "JGW_CALL_ID",                   \
                    (call_id) ? (call_id) : "-", "MESSAGE", __VA_ARGS__)

G_END_DECLS
