/* config.h — the gateway's configuration: load a GKeyFile, validate every
 * known group and key, and expose the result as plain typed structs.
 *
 * Ownership: jgw_config_load*() return a new JgwConfig that the caller frees
 * with jgw_config_free(); every string and array inside belongs to it.
 * Nothing here does I/O besides reading the one file. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define JGW_CONFIG_ERROR (jgw_config_error_quark ())
GQuark jgw_config_error_quark (void);

typedef enum {
  JGW_CONFIG_ERROR_READ,    /* file missing, unreadable, not an INI file */
  JGW_CONFIG_ERROR_INVALID, /* a key is missing or its value is wrong */
} JgwConfigError;

typedef struct {
  char *jid;        /* the component's domain, e.g. sip.example.com */
  char *secret;     /* XEP-0114 shared secret */
  char *host;       /* the XMPP server's component listener */
  guint16 port;
  char *name;       /* disco identity name */
} JgwComponentConfig;

typedef struct {
  char *listen_host;       /* SIP over UDP and TCP */
  guint16 listen_port;
  char *domain;            /* domain of dialled numbers and users' identities */
  char *outbound_proxy;    /* optional SIP URI; NULL if unset */
  char *tls_listen_host;   /* optional TLS listener; NULL if unset */
  guint16 tls_listen_port;
  char *tls_certificate;   /* PEM paths, required with tls-listen */
  char *tls_key;
  char **trusted_peers;    /* addresses allowed to send requests, besides registrars/proxy */
  guint registration_expires; /* seconds */
  char *user_agent;
} JgwSipConfig;

typedef struct {
  char **ice_addresses;    /* NULL = every non-loopback interface */
  guint16 port_min, port_max;
  char *stun_server;       /* host:port or NULL */
  char *turn_server;       /* host:port or NULL */
  char *turn_user;
  char *turn_password;
  guint opus_complexity;   /* 0..10 */
  guint media_timeout;     /* seconds without RTP before a call is ended */
  guint jitter_latency;    /* ms target of the jitter buffers */
  gboolean external_services;        /* XEP-0215: ask users' servers for STUN/TURN */
  guint external_services_timeout;   /* ms to wait for that answer */
} JgwMediaConfig;

typedef struct {
  guint ring_time;          /* seconds an incoming call rings before 480 */
  guint max_calls_per_user;
  gboolean call_waiting;    /* default for users without a setting */
} JgwCallsConfig;

typedef struct {
  char *jid;          /* bare JID, from the group name [user:JID] */
  char *sip_uri;
  char *auth_user;    /* optional */
  char *password;     /* optional; never logged */
  char *registrar;    /* optional SIP URI; with password => REGISTER */
  char *display_name; /* optional */
  char *country_code; /* optional, digits; overrides [dialplan] country-code */
  char *desk_phone;   /* optional SIP URI rung first by click-to-call */
} JgwUserConfig;

typedef struct {
  char *path;               /* the file it came from, or "<data>" */
  GKeyFile *keyfile;        /* the raw file, for plugins' own groups */
  char *log_level;          /* error|warning|message|info|debug */
  JgwComponentConfig component;
  JgwSipConfig sip;
  JgwMediaConfig media;
  JgwCallsConfig calls;
  char *store_path;         /* SQLite file */
  gboolean registration_enabled; /* XEP-0077 in-band registration offered */
  char **registration_allowed;   /* domains or bare JIDs; NULL: the component's parent domain */
  char **admins;            /* bare JIDs allowed to run admin commands */
  char **plugins;           /* plugin names to load */
  char *plugin_dir;
  GPtrArray *users;         /* of JgwUserConfig*, in file order */
} JgwConfig;

/** Load and validate FILE; warnings (unknown keys) go to the log. */
JgwConfig *jgw_config_load (const char *path, GError **error);

/** Same, from a string (tests); NAME is used in messages. */
JgwConfig *jgw_config_load_data (const char *data, const char *name, GError **error);

void jgw_config_free (JgwConfig *config);

/** The [user:JID] entry for a bare JID, or NULL (transfer none). */
const JgwUserConfig *jgw_config_find_user (const JgwConfig *config, const char *bare_jid);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JgwConfig, jgw_config_free)

G_END_DECLS
