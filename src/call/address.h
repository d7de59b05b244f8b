/* address.h — the addressing rules of interface.md: a JID local part at the
 * component becomes a SIP target, and a SIP caller becomes a JID at the
 * component such that calling that JID back reaches the same caller.
 * Pure functions: no I/O, no state.
 *
 * Ownership: returned structs are new and freed with their _free function
 * (g_autoptr works); every string inside belongs to the struct. Strings in
 * JgwAddressContext are borrowed for the duration of the call only. */
#pragma once

#include <glib.h>

#include "identity/number.h"

G_BEGIN_DECLS

#define JGW_ADDRESS_ERROR (jgw_address_error_quark ())
GQuark jgw_address_error_quark (void);

typedef enum {
  JGW_ADDRESS_ERROR_INVALID, /* not an address we can call or show */
} JgwAddressError;

typedef struct {
  const char *component;          /* the component's domain (sip.example.com) */
  const char *sip_domain;         /* [sip] domain */
  const char *const *local_hosts; /* more hosts whose callers count as "in
                                   * sip.domain" (trunk, proxy); NULL-terminated or NULL */
  JgwNumberPlan plan;             /* the user's numbering plan */
} JgwAddressContext;

typedef enum {
  JGW_TARGET_SIP,    /* an explicit SIP address (LOCAL contained @) */
  JGW_TARGET_NUMBER, /* a phone number at sip.domain */
  JGW_TARGET_USER,   /* another name at sip.domain */
} JgwTargetKind;

typedef struct {
  JgwTargetKind kind;
  char *uri;    /* sip:... ready for a Request-URI */
  char *number; /* the normalised number for JGW_TARGET_NUMBER, else NULL */
} JgwSipTarget;

typedef struct {
  char *jid;    /* CALLER@component, bare */
  char *local;  /* CALLER (escaped local part) */
  char *number; /* the normalised number when the caller is a number, else NULL */
  char *name;   /* display name from SIP, unquoted; NULL if none */
} JgwCaller;

/** The SIP target for a call to LOCAL@component (LOCAL still escaped). */
JgwSipTarget *jgw_address_to_sip (const char *local, const JgwAddressContext *ctx, GError **error);
void jgw_sip_target_free (JgwSipTarget *target);

/** The caller JID for a SIP caller URI (sip:, sips: or tel:) with an
 * optional DISPLAY name (may be NULL or quoted). */
JgwCaller *jgw_address_from_sip (const char *uri, const char *display, const JgwAddressContext *ctx,
                                 GError **error);
void jgw_caller_free (JgwCaller *caller);

/** The JID to call for what a user typed (XEP-0100 jabber:iq:gateway, the
 * dial command): a phone number ("030 123456") becomes its normalised form,
 * a SIP address ("bob@example.org", "sip:bob@example.org") or a name its
 * XEP-0106-escaped form, at the component. Calling the result reaches what
 * jgw_address_to_sip() makes of it. */
char *jgw_address_jid_for_input (const char *input, const JgwAddressContext *ctx, GError **error);

/** Percent-encode S for the user part of a SIP URI (RFC 3261 "user"). */
char *jgw_address_uri_user_escape (const char *s);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JgwSipTarget, jgw_sip_target_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JgwCaller, jgw_caller_free)

G_END_DECLS
