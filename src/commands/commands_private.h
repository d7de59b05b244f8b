/* commands_private.h — what the command families share: the context, the
 * chat verb table, cleanup at shutdown, and sending a chat notice. */
#pragma once

#include "commands/commands.h"

typedef struct _JgwChatRequest JgwChatRequest;

/* A chat verb: ARGS is the rest of the line after the verb (trimmed, may be
 * ""). Answer with jgw_chat_reply() exactly once, now or later. */
typedef void (*JgwChatVerbFunc) (JgwChatRequest *request, const char *args, gpointer user_data);

struct _JgwCommands {
  const JgwCommandsContext *ctx;
  GPtrArray *verbs;     /* ChatVerb*, owned */
  GArray *cleanups;     /* Cleanup, run in reverse order by jgw_commands_free() */
  guint chat_handler;
  GHashTable *langs;    /* bare JID -> language the user last used (cmd_notices.c) */
  struct _JgwMailboxes *mailboxes;       /* voicemail family (mailbox.h) */
  struct _JgwLinePresence *line_presence; /* line_presence.c */
};

/** Run DESTROY (DATA) when the commands are freed (timers, watches, state). */
void jgw_commands_on_free (JgwCommands *cmds, GDestroyNotify destroy, gpointer data);

/* chat.c */
void jgw_chat_start (JgwCommands *cmds);
void jgw_chat_stop (JgwCommands *cmds);
/** Add chat verbs: VERB (English) and VERB_DE (German, may be NULL) both
 * run FUNC. USAGE is an English msgid shown by "help" (e.g. N_("call NUMBER
 * — place a call")), translated for the reader. */
void jgw_chat_add_verb (JgwCommands *cmds, const char *verb, const char *verb_de, const char *usage,
                        JgwChatVerbFunc func, gpointer user_data);
const char *jgw_chat_request_from (JgwChatRequest *request);  /* full JID */
const char *jgw_chat_request_bare (JgwChatRequest *request);  /* bare JID */
const char *jgw_chat_request_lang (JgwChatRequest *request);  /* language of the answer */
/** Translate MSGID for the request's language. */
const char *jgw_chat_request_tr (JgwChatRequest *request, const char *msgid) G_GNUC_FORMAT (2);
/** Answer the request with TEXT and free it. */
void jgw_chat_reply (JgwChatRequest *request, const char *text);

/** Send a chat message from the component (FROM_LOCAL@component, or the
 * component itself when NULL) to JID: missed calls, voicemail, redial. */
void jgw_commands_notice (JgwCommands *cmds, const char *jid, const char *from_local, const char *text);

/* One registration function per command family (one file each). */
void jgw_cmd_status_register (JgwCommands *cmds);
void jgw_cmd_settings_register (JgwCommands *cmds);
void jgw_cmd_forward_register (JgwCommands *cmds);
void jgw_cmd_journal_register (JgwCommands *cmds);
void jgw_cmd_notices_register (JgwCommands *cmds);

/* cmd_settings.c: "on"/"off" in English or German (1/0...); -1 if neither. */
int jgw_cmd_parse_on_off (const char *text);
/* cmd_notices.c: the language of a user's notices (their last request's). */
void jgw_commands_remember_lang (JgwCommands *cmds, const char *bare, const char *lang);
const char *jgw_commands_user_lang (JgwCommands *cmds, const char *bare);
void jgw_cmd_directory_register (JgwCommands *cmds);
void jgw_cmd_transfer_register (JgwCommands *cmds);
void jgw_cmd_desk_register (JgwCommands *cmds);
void jgw_cmd_callctl_register (JgwCommands *cmds);
void jgw_cmd_dial_register (JgwCommands *cmds);
void jgw_cmd_redial_register (JgwCommands *cmds);
void jgw_cmd_voicemail_register (JgwCommands *cmds);
void jgw_line_presence_register (JgwCommands *cmds);

typedef struct _JgwLinePresence JgwLinePresence;
/** BARE_JID's settings changed (DND): refresh the presence of their own line. */
void jgw_line_presence_user_changed (JgwCommands *cmds, const char *bare_jid);
void jgw_cmd_conference_register (JgwCommands *cmds);
