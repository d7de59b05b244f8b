/* jmi_private.h — what jmi.c and jmi_in.c share. Not a public API. */
#pragma once

#include "jingle/jmi.h"

typedef struct {
  JgwJmi *jmi;
  char *id, *local, *peer; /* peer: bare JID (outgoing) or full JID (incoming) */
  gboolean outgoing, proceeded;
  char *device;            /* the full JID that proceeded first (outgoing) */
  guint timer;
} JgwJmiProposal;

struct _JgwJmi {
  xmpp_ctx_t *ctx;
  guint timeout_ms;
  JgwJmiSendFunc send;
  JgwJmiCallbacks cb;
  gpointer user_data;
  GHashTable *proposals; /* id -> JgwJmiProposal (owned) */
};

/** Sends a JMI message of KIND about ID. */
void jgw_jmi_send (JgwJmi *j, JgwJmiKind kind, const char *id, const char *from, const char *to, JgwReason reason,
                   gboolean tie_break);
/** Records a proposal (transfer none). */
JgwJmiProposal *jgw_jmi_proposal_add (JgwJmi *j, const char *id, const char *local, const char *peer,
                                      gboolean outgoing);
