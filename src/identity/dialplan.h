/* dialplan.h — where a dialled number goes: the [dialplan] numbering plan,
 * blocked prefixes and [route:PREFIX] groups (longest prefix wins), each
 * with a media/security profile and a caller-ID rule.
 *
 * Ownership: jgw_dialplan_new() returns a new plan freed with
 * jgw_dialplan_free(); routes returned by jgw_dialplan_route() belong to the
 * plan (transfer none) and live as long as it. Pure: no I/O. */
#pragma once

#include <glib.h>

#include "identity/number.h"

G_BEGIN_DECLS

#define JGW_DIALPLAN_ERROR (jgw_dialplan_error_quark ())
GQuark jgw_dialplan_error_quark (void);

typedef enum {
  JGW_DIALPLAN_ERROR_CONFIG,  /* a [dialplan] or [route:*] key is wrong */
  JGW_DIALPLAN_ERROR_BLOCKED, /* the number starts with a blocked prefix */
} JgwDialplanError;

typedef enum { JGW_SRTP_OFF, JGW_SRTP_OPTIONAL, JGW_SRTP_REQUIRED } JgwSrtpPolicy;

typedef enum {
  JGW_CALLER_ID_USER,      /* the user's SIP URI (default) */
  JGW_CALLER_ID_NUMBER,    /* the user's phone number from the identity */
  JGW_CALLER_ID_ANONYMOUS, /* withheld: anonymous From, Privacy: id */
  JGW_CALLER_ID_FIXED,     /* caller_id_value: a number or SIP URI (trunk main number) */
} JgwCallerIdRule;

typedef struct {
  char *prefix;      /* normalised prefix ("+49", "1", "*"), "" for [route:default] */
  char *target;      /* next hop SIP URI; NULL: [sip] outbound-proxy / direct */
  gboolean via_registrar; /* target = registrar: the user's own registrar */
  char **codecs;     /* in order of preference, SDP encoding names (opus, G722, PCMU, PCMA) */
  JgwSrtpPolicy srtp;
  gboolean ice;      /* ICE on the SIP leg */
  JgwCallerIdRule caller_id;
  char *caller_id_value; /* for JGW_CALLER_ID_FIXED */
  guint strip;       /* digits removed from the front of the number before sending */
  char *prepend;     /* then put in front, e.g. "0" for a trunk that wants national format */
  char *profile;     /* "on-net", "off-net" or "default" */
} JgwRoute;

typedef struct _JgwDialplan JgwDialplan;

/** Read and validate [dialplan] and every [route:*] of KF (read from FILE,
 * named in messages). All problems are reported in one error. */
JgwDialplan *jgw_dialplan_new (GKeyFile *kf, const char *file, GError **error);
void jgw_dialplan_free (JgwDialplan *plan);

/** The numbering plan for a user whose own country code is COUNTRY_CODE
 * (NULL: the [dialplan] one). Strings in *OUT belong to PLAN / the argument. */
void jgw_dialplan_number_plan (const JgwDialplan *plan, const char *country_code, JgwNumberPlan *out);

/** The route for a normalised NUMBER (longest prefix; the default route if
 * none matches); NULL with JGW_DIALPLAN_ERROR_BLOCKED if it is blocked. */
const JgwRoute *jgw_dialplan_route (const JgwDialplan *plan, const char *number, GError **error);

/** A copy of ROUTE with the codecs, SRTP and ICE of PROFILE (default,
 * on-net, off-net) — for users with their own route-profile; NULL if PROFILE
 * is unknown. Free with jgw_route_free(). */
JgwRoute *jgw_route_with_profile (const JgwRoute *route, const char *profile);
void jgw_route_free (JgwRoute *route);

/** NUMBER as sent on ROUTE (strip, then prepend). */
char *jgw_route_apply (const JgwRoute *route, const char *number);

/** The routes in file order (for status/debug output). */
const GPtrArray *jgw_dialplan_routes (const JgwDialplan *plan);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JgwDialplan, jgw_dialplan_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JgwRoute, jgw_route_free)

G_END_DECLS
