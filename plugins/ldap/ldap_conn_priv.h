/* ldap_conn_priv.h — what ldap_conn.c (the connection) and ldap_op.c (the
 * requests on it) share. Internal to the ldap plugin. */
#pragma once

#include "ldap_conn.h"

typedef enum { OP_SEARCH, OP_ADD, OP_MODIFY } OpKind;
typedef enum { CONN_DOWN, CONN_TLS, CONN_BINDING, CONN_UP } ConnState;

typedef struct {
  LdConn *conn;
  OpKind kind;
  char *base; /* search base, or the DN to add/modify */
  int scope;
  char *filter;
  char **attrs;
  int sizelimit;
  LDAPMod **mods;
  int msgid;        /* -1 until sent */
  gboolean retried;
  GPtrArray *entries; /* of LdEntry* */
  guint timeout_id;
  LdDone cb;
  gpointer user_data;
  int rc;           /* for answers given from an idle */
  char *message;
  guint idle_id;    /* set while such an answer is scheduled */
} Op;

struct _LdConn {
  LdConnParams p;   /* strings owned */
  LDAP *ld;
  ConnState state;
  int setup_msgid;  /* StartTLS or bind request */
  GSource *watch;
  guint setup_timeout_id;
  GQueue waiting;   /* of Op*, not sent yet */
  GHashTable *sent; /* msgid -> Op* */
  GQueue later;     /* of Op*, answers scheduled from an idle */
};

/* ldap_op.c: one request's life */
Op *ld_op_new (LdConn *c, OpKind kind, const char *base, LdDone cb, gpointer user_data);
void ld_op_free (Op *op);
/* Answer OP now (callback, then free). */
void ld_op_finish (Op *op, int rc, const char *message);
/* Answer OP from the main loop, not from the current call stack. */
void ld_op_fail_later (Op *op, int rc, const char *message);
/* Send OP; FALSE if the connection turned out to be dead. */
gboolean ld_op_send (LdConn *c, Op *op);
/* An answer (entry or result) to OP arrived. */
void ld_op_message (LdConn *c, Op *op, LDAPMessage *msg);
/* The words for RC with the server's diagnostic message. */
char *ld_error (LdConn *c, int rc);
/* The result code and its words from a result message. */
int ld_result_code (LdConn *c, LDAPMessage *msg, char **message);

/* ldap_conn.c: queue OP and get it sent (connecting first if needed). */
void ld_conn_submit (LdConn *c, Op *op);
