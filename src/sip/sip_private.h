/* sip_private.h — what the files of src/sip share: the UA, account and
 * call structs and the per-role handlers the nua callback dispatches to.
 * Not for use outside src/sip. */
#pragma once

#include "sip/sip.h"

typedef struct _JgwSipUa JgwSipUa;
typedef struct _JgwSipHandle JgwSipHandle;

#define NUA_MAGIC_T JgwSipUa
#define NUA_HMAGIC_T JgwSipHandle
#define SU_ROOT_MAGIC_T JgwSipUa

#include <sofia-sip/nua.h>
#include <sofia-sip/nua_tag.h>
#include <sofia-sip/sip_header.h>
#include <sofia-sip/sip_status.h>
#include <sofia-sip/su_glib.h>

typedef enum { JGW_SIP_HANDLE_ACCOUNT, JGW_SIP_HANDLE_CALL, JGW_SIP_HANDLE_SUBSCRIPTION } JgwSipHandleKind;

/* First member of accounts and calls, so that a nua handle's magic tells
 * which one it is. */
struct _JgwSipHandle {
  JgwSipHandleKind kind;
};

typedef struct {
  JgwSipHandle base;
  JgwSipUa *ua;
  JgwUserConfig user;        /* own copy */
  char *user_part;           /* user of sip_uri, matched against Request-URIs */
  char *host_part;
  nua_handle_t *nh;          /* REGISTER handle, or NULL */
  JgwSipRegState state;
  guint status;
  char *phrase;
  guint expires;
  guint auth_tries;
  guint backoff;             /* seconds before the next retry */
  guint retry_source;
  gboolean removing;         /* unregistering before being freed */
} JgwSipAccount;

typedef enum {
  JGW_SIP_CALL_CALLING,  /* outgoing INVITE sent */
  JGW_SIP_CALL_RINGING,  /* incoming, not answered yet */
  JGW_SIP_CALL_ANSWERED, /* incoming 200 sent, waiting for ACK */
  JGW_SIP_CALL_ACTIVE,
  JGW_SIP_CALL_ENDING,   /* CANCEL/BYE sent */
  JGW_SIP_CALL_ENDED,
} JgwSipCallState;

struct _JgwSipCall {
  JgwSipHandle base;
  JgwSipUa *ua;
  nua_handle_t *nh;
  char *id;
  char *jid;
  gboolean incoming;
  JgwSipCallState state;
  guint auth_tries;
  guint ring_timer;
  gboolean update_pending;   /* our re-INVITE is out */
  char *refer_event;         /* Event header of a received REFER, for NOTIFYs */
  char *remote_tag;          /* our INVITE's 2xx To and From tags (nua keeps its */
  char *local_tag;           /* copies private): the dialog for Replaces */
  gpointer data;
  const JgwSipEvents *events; /* where this call's events go: the UA's, or its owner's */
  gpointer events_data;
};

struct _JgwSipUa {
  const JgwConfig *config;
  JgwSipEvents events;
  gpointer user_data;
  su_home_t home[1];
  su_root_t *root;
  nua_t *nua;
  GHashTable *accounts;      /* jid -> JgwSipAccount*, owned */
  GHashTable *calls;         /* JgwSipCall* set, owned */
  GHashTable *subscriptions; /* JgwSipSubscription* set, owned */
  GSList *removing;          /* JgwSipAccount* waiting for their un-REGISTER, owned */
  GPtrArray *trusted;        /* hosts allowed to send requests, NULL-terminated */
  char *cert_dir;            /* sofia wants agent.pem in a directory */
  guint16 port;
  gboolean pai;              /* add P-Asserted-Identity to INVITEs */
  gboolean shutting_down;
  gboolean shutdown_complete;
  JgwSipDoneFunc done;
  gpointer done_data;
};

/* ua.c */
const char *jgw_sip_ua_auth_string (JgwSipUa *ua, const JgwUserConfig *user, sip_t const *sip,
                                    char *buf, gsize size);
char *jgw_sip_ua_from (JgwSipUa *ua, const JgwUserConfig *user);
void jgw_sip_ua_refresh_trusted (JgwSipUa *ua);

/* register.c */
JgwSipAccount *jgw_sip_account_new (JgwSipUa *ua, const JgwUserConfig *user);
void jgw_sip_account_free (gpointer account);
void jgw_sip_account_start (JgwSipAccount *acc);
void jgw_sip_account_stop (JgwSipAccount *acc);
void jgw_sip_account_event (JgwSipAccount *acc, nua_event_t event, int status, const char *phrase,
                            sip_t const *sip);
JgwSipAccount *jgw_sip_account_match (JgwSipUa *ua, const char *ruri_user, const char *ruri_host);

/* call_out.c / call_in.c / call_mid.c */
JgwSipCall *jgw_sip_call_alloc (JgwSipUa *ua, nua_handle_t *nh, const char *jid, gboolean incoming);
void jgw_sip_call_free (gpointer call);
void jgw_sip_call_finish (JgwSipCall *call, guint status, const char *phrase, gboolean by_remote);
void jgw_sip_call_out_event (JgwSipCall *call, nua_event_t event, int status, const char *phrase,
                             sip_t const *sip);
void jgw_sip_call_in_invite (JgwSipUa *ua, nua_handle_t *nh, sip_t const *sip);
void jgw_sip_call_mid_event (JgwSipCall *call, nua_event_t event, int status, const char *phrase,
                             nua_handle_t *nh, sip_t const *sip, tagi_t tags[]);
char *jgw_sip_payload (sip_t const *sip);


/* subscribe.c */
void jgw_sip_subscription_free (gpointer sub);
void jgw_sip_subscription_event (JgwSipSubscription *sub, nua_event_t event, int status,
                                 const char *phrase, sip_t const *sip, tagi_t tags[]);
