/* store.h — the embedded SQLite store: SIP accounts users registered in-band
 * (XEP-0077), per-user settings, and call records with a CSV export.
 *
 * The file is created with mode 0600 (it holds SIP passwords) and carries
 * its schema version in PRAGMA user_version; opening an older file migrates
 * it, a newer one is refused. Every call runs on the main thread; the
 * statements are prepared once and reused.
 *
 * Ownership: jgw_store_open() returns a store freed with jgw_store_close().
 * Returned structs and arrays are new (free with their _free function or
 * g_ptr_array_unref); arguments are borrowed. Passwords are never logged;
 * only jgw_store_account_credentials() and jgw_store_account_list() return
 * them (for the SIP registration); anything that builds XMPP replies uses
 * jgw_store_account_get(), which leaves the password out. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define JGW_STORE_ERROR (jgw_store_error_quark ())
GQuark jgw_store_error_quark (void);

typedef enum {
  JGW_STORE_ERROR_OPEN,      /* cannot create or open the file */
  JGW_STORE_ERROR_VERSION,   /* written by a newer jinglegw */
  JGW_STORE_ERROR_SQL,       /* SQLite reported an error */
  JGW_STORE_ERROR_NOT_FOUND, /* no such account / record */
} JgwStoreError;

/* The schema version this build writes. */
#define JGW_STORE_SCHEMA_VERSION 4

typedef struct _JgwStore JgwStore;

typedef struct {
  char *jid;            /* bare JID of the owner (key) */
  char *username;       /* SIP user (auth user) */
  char *password;       /* NULL unless fetched as credentials */
  gboolean has_password;
  char *registrar;      /* SIP URI or domain of the registrar */
  char *outbound_proxy; /* optional SIP URI, NULL if none */
  gint64 created;       /* unix seconds, set by the store */
} JgwAccount;

typedef struct {
  gboolean dnd;
  int call_waiting;          /* -1: not set, use [calls] call-waiting; 0/1 */
  char *forward_always;      /* unconditional forward target (number/JID/URI), NULL: off */
  char *forward_busy;        /* when busy or DND */
  char *forward_no_answer;   /* after forward_no_answer_secs of ringing */
  guint forward_no_answer_secs;
  char *forward_unavailable; /* when no client is online */
  char *desk_phone;          /* SIP URI click-to-call rings first; NULL: [user:JID] desk-phone */
} JgwUserSettings;

typedef enum { JGW_CALL_INCOMING, JGW_CALL_OUTGOING } JgwCallDirection;

typedef struct {
  gint64 id;            /* row id, set by the store */
  char *call_id;        /* the gateway's call id (log correlation) */
  char *user_jid;       /* the XMPP user the call belongs to */
  JgwCallDirection direction;
  char *caller, *callee; /* JIDs, SIP URIs or numbers as shown to the user */
  gint64 start, answer, end; /* unix ms; answer 0 if never answered */
  char *end_reason;     /* e.g. "hangup", "busy", "no-answer", "media-timeout"; for calls
                         * refused or forwarded before ringing "dnd", "busy",
                         * "unavailable", "forwarded" */
  char *codec_xmpp, *codec_sip; /* per leg, e.g. "opus/48000", "PCMA/8000" */
  double loss_xmpp, loss_sip;   /* fraction of packets lost, 0..1 */
  double jitter_xmpp, jitter_sip; /* ms */
  char *forwarded_to;   /* a call forwarded before it rang: the target, else NULL */
} JgwCallRecord;

/** Open (creating with mode 0600, and its directory with 0700) and migrate. */
JgwStore *jgw_store_open (const char *path, GError **error);
void jgw_store_close (JgwStore *store);
/** The schema version of the open file (JGW_STORE_SCHEMA_VERSION after open). */
int jgw_store_schema_version (JgwStore *store);

/** Insert or replace JID's account (ACCOUNT->password NULL keeps the old one). */
gboolean jgw_store_account_set (JgwStore *store, const JgwAccount *account, GError **error);
/** JID's account without its password; NULL + NOT_FOUND if none. */
JgwAccount *jgw_store_account_get (JgwStore *store, const char *jid, GError **error);
/** JID's account with its password (for REGISTER only). */
JgwAccount *jgw_store_account_credentials (JgwStore *store, const char *jid, GError **error);
/** Remove JID's account; NOT_FOUND if there was none. */
gboolean jgw_store_account_remove (JgwStore *store, const char *jid, GError **error);
/** Every account with credentials (to start registrations), by JID. */
GPtrArray *jgw_store_account_list (JgwStore *store, GError **error);
void jgw_account_free (JgwAccount *account);

/** JID's settings into OUT (defaults if none stored); clear with jgw_user_settings_clear. */
gboolean jgw_store_settings_get (JgwStore *store, const char *jid, JgwUserSettings *out, GError **error);
gboolean jgw_store_settings_set (JgwStore *store, const char *jid, const JgwUserSettings *settings,
                                 GError **error);
void jgw_user_settings_clear (JgwUserSettings *settings);

/** Append a finished call; sets RECORD->id. */
gboolean jgw_store_call_add (JgwStore *store, JgwCallRecord *record, GError **error);
/** The newest LIMIT calls of USER_JID (NULL: everyone's), newest first. */
GPtrArray *jgw_store_call_list (JgwStore *store, const char *user_jid, guint limit, GError **error);
/** Calls of USER_JID (NULL: all) as CSV (RFC 4180, header line, oldest first). */
char *jgw_store_calls_csv (JgwStore *store, const char *user_jid, GError **error);
/** Seconds from answer to end (0 if never answered). */
double jgw_call_record_duration (const JgwCallRecord *record);
void jgw_call_record_free (JgwCallRecord *record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JgwStore, jgw_store_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JgwAccount, jgw_account_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JgwCallRecord, jgw_call_record_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (JgwUserSettings, jgw_user_settings_clear)

G_END_DECLS
