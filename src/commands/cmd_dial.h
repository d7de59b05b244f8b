/* cmd_dial.h — placing a call for a command (dial, redial, chat `call`). */
#pragma once

#include "commands/commands_private.h"

typedef enum {
  DIAL_DEVICE_AUTO,   /* this client if it takes Jingle, another of the user's clients, else the desk phone */
  DIAL_DEVICE_CLIENT, /* a Jingle client of the user (the requester first) */
  DIAL_DEVICE_PHONE,  /* the user's desk phone (click-to-call) */
} DialDevice;

/** Call TARGET for REQUESTER (full JID) on DEVICE. Returns the call (transfer
 * none) and a translated outcome in *TEXT, or NULL with the reason in *TEXT
 * and an XMPP condition in *CONDITION. */
JgwCall *jgw_cmd_dial_place (JgwCommands *cmds, const char *requester, const char *target, DialDevice device,
                             const char *lang, char **text, const char **condition);

/** Whether an outcome's CONDITION refuses the request (an iq error) rather
 * than reporting an action that could not be done (a note); cmd_callctl.c. */
gboolean jgw_cmd_is_refusal (const char *condition);
