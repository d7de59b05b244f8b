/* ldap_conn.h — one reused LDAP connection driven from the GLib main loop:
 * requests are sent with the asynchronous libldap calls and answers are
 * read with ldap_result() and a zero timeout whenever the socket
 * (LDAP_OPT_DESC) is readable. The connection (and its bind) is opened on
 * the first request, and again after the server went away; a search that
 * was out when the connection broke is sent once more.
 *
 * Ownership: ld_conn_new() copies its arguments; ld_conn_free() answers
 * every pending request with LDAP_USER_CANCELLED. Callbacks run on the main
 * loop, never from within the request call; ENTRIES (of LdEntry*) belong to
 * the connection and are freed after the callback returns. */
#pragma once

#include <glib.h>
#include <ldap.h>

G_BEGIN_DECLS

typedef struct {
  char *dn;
  GHashTable *attrs; /* lower-cased attribute name -> GPtrArray of char* values */
} LdEntry;

/* The values of ATTR in E (NULL if none); transfer none. */
GPtrArray *ld_entry_values (const LdEntry *e, const char *attr);
/* The first value of ATTR, or NULL; transfer none. */
const char *ld_entry_first (const LdEntry *e, const char *attr);

typedef struct _LdConn LdConn;

/* RC is LDAP_SUCCESS or an LDAP result code; MESSAGE says what went wrong in
 * words fit for a log line and a user (never contains the password). */
typedef void (*LdDone) (int rc, const char *message, GPtrArray *entries, gpointer user_data);

typedef struct {
  const char *uri;           /* ldap:// or ldaps:// */
  gboolean starttls;
  const char *bind_dn;       /* NULL: anonymous */
  const char *bind_password;
  guint timeout;             /* seconds for connect+bind and for each request */
  gboolean tls_verify;       /* verify the server certificate (default on) */
  const char *tls_ca_file;   /* optional CA bundle */
} LdConnParams;

LdConn *ld_conn_new (const LdConnParams *params);
void ld_conn_free (LdConn *conn);

/** Search BASE with SCOPE (LDAP_SCOPE_*), FILTER, ATTRS (NULL: all), at most SIZELIMIT entries (0: no limit). */
void ld_conn_search (LdConn *conn, const char *base, int scope, const char *filter, char **attrs, int sizelimit,
                     LdDone cb, gpointer user_data);
/** Free MODS built with GLib (g_new LDAPMod, g_strdup type, g_strdupv values). */
void ld_mods_free (LDAPMod **mods);

/** Add DN with MODS (taken; freed with ld_mods_free). */
void ld_conn_add (LdConn *conn, const char *dn, LDAPMod **mods, LdDone cb, gpointer user_data);
/** Modify DN with MODS (taken). */
void ld_conn_modify (LdConn *conn, const char *dn, LDAPMod **mods, LdDone cb, gpointer user_data);

/** Whether a bound connection is open right now (for tests and status). */
gboolean ld_conn_is_up (LdConn *conn);

G_END_DECLS
