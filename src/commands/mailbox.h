/* mailbox.h — users' voicemail boxes for the voicemail family: the SIP
 * message-summary subscription (RFC 3842) of each user who asked for it (or
 * has [user:JID] mailbox configured), the counts last notified, and a chat
 * notice when new voicemail arrives.
 *
 * Ownership: JgwMailboxes belongs to the voicemail family and is freed by
 * jgw_commands_free(); JgwMailboxInfo pointers are borrowed and valid until
 * the next main loop iteration. */
#pragma once

#include "commands/commands_private.h"

G_BEGIN_DECLS

typedef struct _JgwMailboxes JgwMailboxes;

typedef struct {
  const char *uri;      /* the subscribed URI */
  gboolean subscribed;  /* a subscription is running (or being set up) */
  guint status;         /* last SUBSCRIBE status, 0 before the answer */
  gboolean known;       /* a summary was notified */
  gboolean waiting;
  guint voice_new, voice_old;
  const char *account;  /* Message-Account of the last summary, or NULL */
} JgwMailboxInfo;

/** Create the mailboxes and subscribe those configured with `mailbox`. */
JgwMailboxes *jgw_mailboxes_new (JgwCommands *cmds);
/** Unsubscribe every mailbox and free. */
void jgw_mailboxes_free (JgwMailboxes *boxes);

/** Subscribe BARE's mailbox; notices go out in LANG. FALSE with ERROR if
 * the user has no SIP identity. Subscribing again only updates LANG. */
gboolean jgw_mailbox_subscribe (JgwMailboxes *boxes, const char *bare, const char *lang, GError **error);
/** End BARE's subscription; FALSE if there was none. */
gboolean jgw_mailbox_unsubscribe (JgwMailboxes *boxes, const char *bare);
/** BARE's mailbox, or NULL if never subscribed. */
const JgwMailboxInfo *jgw_mailbox_info (JgwMailboxes *boxes, const char *bare);
/** The JID at the component that BARE calls to reach the mailbox ([calls]
 * voicemail-number, else the notified Message-Account, else the mailbox
 * URI) (transfer full), or NULL with ERROR. */
char *jgw_mailbox_dial_jid (JgwMailboxes *boxes, const char *bare, GError **error);
/** "2 new, 8 old" style text in LANG (transfer full). */
char *jgw_mailbox_counts_text (JgwMailboxes *boxes, const JgwMailboxInfo *info, const char *lang);

G_END_DECLS
