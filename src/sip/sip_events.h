/* sip_events.h — pure parsers of SIP event bodies (no I/O): RFC 3842
 * message summaries (voicemail counts) and RFC 4235 dialog-info documents
 * (line state). Returned strings are newly allocated (g_free). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define JGW_SIP_EVENTS_ERROR (jgw_sip_events_error_quark ())
GQuark jgw_sip_events_error_quark (void);

typedef enum {
  JGW_SIP_EVENTS_ERROR_PARSE, /* not a well-formed body of that kind */
} JgwSipEventsError;

typedef struct {
  gboolean waiting;   /* Messages-Waiting: yes */
  char *account;      /* Message-Account URI, or NULL */
  guint voice_new, voice_old;
  gboolean has_voice; /* a Voice-Message line was present */
} JgwMessageSummary;

/** Parse an application/simple-message-summary BODY into OUT (cleared first). */
gboolean jgw_message_summary_parse (const char *body, JgwMessageSummary *out, GError **error);
void jgw_message_summary_clear (JgwMessageSummary *summary);

/** State of a line as a dialog-info document tells it. */
typedef enum {
  JGW_LINE_IDLE,
  JGW_LINE_RINGING,   /* early dialogs (trying, proceeding, early) */
  JGW_LINE_BUSY,      /* a confirmed dialog */
} JgwLineState;

/** The line state an application/dialog-info+xml BODY shows (the busiest
 * of its dialogs; none or all terminated = idle). */
gboolean jgw_dialog_info_parse (const char *body, JgwLineState *out, GError **error);

G_END_DECLS
