/* calls.h — the bridged calls of the gateway. JgwCalls owns the SIP user
 * agent, the Jingle session manager and every call; a call owns both legs
 * (a Jingle session, a SIP call) and the media session between them, and
 * maps each leg's events to the other (ringing, answer, hold, DTMF,
 * hang-up with the right reason). Nothing else talks across legs.
 *
 * Ownership: jgw_calls_new() borrows CONFIG, COMPONENT, PRESENCE, ROUTER
 * and STORE, which must outlive it; it registers handlers on the
 * component's dispatcher. JgwCall pointers handed out are valid until the
 * call ends (the main loop iteration after its end). */
#pragma once

#include "call/router.h"
#include "config.h"
#include "identity/store.h"
#include "sip/sip.h"
#include "xmpp/component.h"
#include "xmpp/iq_tracker.h"
#include "xmpp/presence.h"

G_BEGIN_DECLS

#define JGW_CALL_ERROR (jgw_call_error_quark ())
GQuark jgw_call_error_quark (void);

typedef enum {
  JGW_CALL_ERROR_STATE,   /* not possible in the call's state */
  JGW_CALL_ERROR_FAILED,  /* a leg refused it */
} JgwCallError;

typedef struct _JgwCalls JgwCalls;
typedef struct _JgwCall JgwCall;
typedef void (*JgwCallsStopped) (gpointer user_data);

JgwCalls *jgw_calls_new (const JgwConfig *config, JgwComponent *component, JgwPresence *presence,
                         const JgwRouter *router, JgwStore *store, GError **error);
/** Hang up every call on both legs, unregister, stop SIP; DONE afterwards. */
void jgw_calls_shutdown (JgwCalls *calls, JgwCallsStopped done, gpointer user_data);
void jgw_calls_free (JgwCalls *calls);
/** Use ROUTER from now on (reload). */
void jgw_calls_set_router (JgwCalls *calls, const JgwRouter *router);

/** The SIP user agent (registration state for commands; transfer none). */
JgwSipUa *jgw_calls_sip (JgwCalls *calls);
/** A user registered, changed or removed an in-band SIP account. */
void jgw_calls_account_changed (JgwCalls *calls, const char *bare_jid, gboolean registered);

/* What happened to a call, for watchers (notices, line presence, journal). */
typedef enum {
  JGW_CALL_EVENT_STARTED,   /* created; the parties are known */
  JGW_CALL_EVENT_RINGING,   /* the called side rings */
  JGW_CALL_EVENT_ANSWERED,  /* both legs connected */
  JGW_CALL_EVENT_HOLD,      /* either side held or resumed: see jgw_call_is_held() */
  JGW_CALL_EVENT_ENDED,     /* both legs gone (the call is freed after the watchers ran) */
} JgwCallEvent;

/** Called for every event of every call; CALL is valid during the call only. */
typedef void (*JgwCallsWatchFunc) (JgwCall *call, JgwCallEvent event, gpointer user_data);
/** Watch every call; returns an id for jgw_calls_unwatch(). */
guint jgw_calls_watch (JgwCalls *calls, JgwCallsWatchFunc func, gpointer user_data);
void jgw_calls_unwatch (JgwCalls *calls, guint id);

/** Click-to-call: ring USER's own desk phone first (the SIP phone set in
 * their settings or [user:JID] desk-phone); when it answers, call TARGET
 * (dial input: number, SIP address or JID as for `dial`) and connect the
 * two. Returns the call (transfer none), or NULL with ERROR. */
JgwCall *jgw_calls_click_to_call (JgwCalls *calls, const char *user, const char *target, GError **error);

/* Conferences (src/conference) take the SIP INVITEs for the addresses they
 * claim; those calls never become JgwCalls. */
typedef struct {
  gboolean (*sip_claim) (const char *ruri_user, gpointer data);
  void (*sip_incoming) (JgwSipCall *sip, const JgwSipIncoming *info, gpointer data);
} JgwCallsConferenceHook;
/** Route conference addresses to HOOK (static storage; NULL = none). */
void jgw_calls_set_conference_hook (JgwCalls *calls, const JgwCallsConferenceHook *hook, gpointer data);

/** Number of calls in progress. */
guint jgw_calls_count (JgwCalls *calls);
/** The calls of BARE_JID, oldest first (transfer container). */
GPtrArray *jgw_calls_of_user (JgwCalls *calls, const char *bare_jid);

const char *jgw_call_get_id (JgwCall *call);
/** The other party as a JID at the component (transfer none). */
const char *jgw_call_get_peer (JgwCall *call);
gboolean jgw_call_is_incoming (JgwCall *call);
/** "ringing", "active", "held" ... for status displays. */
const char *jgw_call_get_state_name (JgwCall *call);
/** The XMPP user's bare JID. */
const char *jgw_call_get_user (JgwCall *call);
/** The SIP party (URI or number) and its display name (may be NULL). */
const char *jgw_call_get_remote (JgwCall *call);
const char *jgw_call_get_remote_name (JgwCall *call);
/** Whether either side holds the call. */
gboolean jgw_call_is_held (JgwCall *call);
/** Whether the call was answered (also after it ended). */
gboolean jgw_call_was_answered (JgwCall *call);
/** Why the call ended (a Jingle reason name), NULL while it runs. */
const char *jgw_call_get_end_reason (JgwCall *call);
/** End the call on both legs (the user hung up). */
void jgw_call_hangup (JgwCall *call);
/** Put the far (SIP) party on hold or take it off (re-INVITE). */
gboolean jgw_call_set_hold (JgwCall *call, gboolean hold, GError **error);
/** Send DIGITS to the SIP party (RFC 4733 when negotiated, else SIP INFO). */
gboolean jgw_call_send_dtmf (JgwCall *call, const char *digits, GError **error);

G_END_DECLS
