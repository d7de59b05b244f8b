/* ldap_map.h — the LDAP plugin's configuration and the mapping between
 * directory entries and jinglegw identities / phone book entries: which
 * attributes mean what, the search filters, and the changes for add/modify.
 * Pure: no I/O. Strings returned are new (g_free). */
#pragma once

#include "jinglegw/plugin.h"
#include "ldap_conn.h"

G_BEGIN_DECLS

typedef struct {
  char *uri;
  gboolean starttls;
  gboolean tls_verify;
  char *tls_ca_file;
  char *bind_dn;
  char *bind_password;
  char *base;
  char *people_base;     /* where new entries go */
  char *filter;          /* what a person entry is */
  char *jid_attribute;   /* mail (a JID) or e.g. uid (+ jid_domain) */
  char *jid_domain;
  char **number_attributes;
  char *sip_attribute;   /* optional */
  char **name_attributes;
  char *country_code;    /* for numbers stored in national format */
  char *sip_domain;      /* [sip] domain, for identities without a SIP attribute */
  guint cache_ttl;       /* seconds; 0: no cache */
  guint timeout;
  guint search_limit;
} LdapConfig;

/** Read and validate [ldap] of KF; messages name FILE, group and key. */
LdapConfig *ldap_config_new (GKeyFile *kf, const char *file, GError **error);
void ldap_config_free (LdapConfig *cfg);

/** The attributes every search asks for (NULL-terminated, new). */
char **ldap_map_attrs (const LdapConfig *cfg);

/** Filters; NULL when the key cannot match anything (e.g. foreign JID domain). */
char *ldap_map_filter_jid (const LdapConfig *cfg, const char *jid);
char *ldap_map_filter_number (const LdapConfig *cfg, const char *number);
char *ldap_map_filter_sip (const LdapConfig *cfg, const char *uri);
char *ldap_map_filter_search (const LdapConfig *cfg, const char *query);

JgwIdentity *ldap_map_identity (const LdapConfig *cfg, const LdEntry *e);
JgwDirEntry *ldap_map_dir_entry (const LdapConfig *cfg, const LdEntry *e);
JgwIdentity *ldap_map_identity_copy (const JgwIdentity *id);

/** The DN a new entry gets, and the changes to add / modify it. */
char *ldap_map_new_dn (const LdapConfig *cfg, const JgwDirEntry *entry);
LDAPMod **ldap_map_mods (const LdapConfig *cfg, const JgwDirEntry *entry, gboolean add);

G_END_DECLS
