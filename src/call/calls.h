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
#include "identity/identity.h"
#include "identity/store.h"
#include "jingle/jmi.h"
#include "jingle/session.h"
#include "sip/sip.h"
#include "xmpp/component.h"
#include "xmpp/extdisco.h"
#include "xmpp/iq_tracker.h"
#include "xmpp/presence.h"

G_BEGIN_DECLS

#define JGW_CALL_ERROR (jgw_call_error_quark ())
GQuark jgw_call_error_quark (void);

typedef enum {
  JGW_CALL_ERROR_STATE,   /* not possible in the call's state */
  JGW_CALL_ERROR_FAILED,  /* a leg refused it */
  JGW_CALL_ERROR_NOT_FOUND, /* no such call of the user */
  JGW_CALL_ERROR_INVALID, /* a bad value (digits, volume, address) */
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
/** XEP-0215 client for the users' STUN/TURN services (borrowed; NULL = none). */
void jgw_calls_set_extdisco (JgwCalls *calls, JgwExtdisco *extdisco);
/** Use IDENTITIES (borrowed; NULL = none) from now on for users known only
 * to a directory, caller names and look-ups on the INVITE path. Look-ups
 * still pending at the old object are asked again at the new one. */
void jgw_calls_set_identities (JgwCalls *calls, JgwIdentities *identities);
/** Use CONFIG (borrowed; it must outlive CALLS or the next call) from now on (reload). */
void jgw_calls_set_config (JgwCalls *calls, const JgwConfig *config);

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
 * claim; those calls never become JgwCalls. Likewise on the XMPP side: a
 * session-initiate to CLAIMED@component goes to JINGLE->initiated, and
 * every Jingle event of a session no call owns (session data NULL) and
 * every XEP-0353 event of a proposal no call made goes to JINGLE / JMI
 * (NULL = none). Conferences start their own sessions and proposals with
 * jgw_calls_jingle() and jgw_calls_jmi() and must not set session data. */
typedef struct {
  gboolean (*sip_claim) (const char *ruri_user, gpointer data);
  void (*sip_incoming) (JgwSipCall *sip, const JgwSipIncoming *info, gpointer data);
  const JgwJingleCallbacks *jingle;
  const JgwJmiCallbacks *jmi;
} JgwCallsConferenceHook;
/** The Jingle session manager (transfer none). */
JgwJingleManager *jgw_calls_jingle (JgwCalls *calls);
/** The XEP-0353 handler (transfer none). */
JgwJmi *jgw_calls_jmi (JgwCalls *calls);
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
/** Whether CALL is a click-to-call call (the user talks on the desk phone). */
gboolean jgw_call_is_third_party (JgwCall *call);
/** Blind transfer: ask the SIP party (REFER) to call TARGET (dial input as
 * for `dial`); the call ends once the SIP party reports success. */
gboolean jgw_call_transfer (JgwCall *call, const char *target, GError **error);
/** Attended transfer: connect the SIP party of CALL with the SIP party of
 * CONSULT (REFER with Replaces); both calls end once it succeeded. */
gboolean jgw_call_transfer_attended (JgwCall *call, JgwCall *consult, GError **error);

/* call_control.c: what the user's commands do to their calls. */
/** USER's call CALL_ID, or with CALL_ID NULL or "" their most recent one;
 * NULL with NOT_FOUND when USER has no such call (transfer none). */
JgwCall *jgw_calls_find_for_user (JgwCalls *calls, const char *user, const char *call_id, GError **error);
/** Whether the call rings the user (incoming, not answered yet). */
gboolean jgw_call_is_ringing_user (JgwCall *call);
/** Answer a call ringing the user on DEVICE (a full JID of the user that
 * takes Jingle audio): the gateway sends it the session. */
gboolean jgw_call_answer_on (JgwCall *call, const char *device, GError **error);
/** Decline a call ringing the user (SIP 603 Decline). */
gboolean jgw_call_reject (JgwCall *call, GError **error);
/** Silence (or not) what the SIP party hears from the user. */
gboolean jgw_call_set_mute (JgwCall *call, gboolean mute, GError **error);
gboolean jgw_call_is_muted (JgwCall *call);
/** Gain of what the user hears, in dB (JGW_CALL_VOLUME_MIN..MAX). */
gboolean jgw_call_set_volume (JgwCall *call, double gain_db, GError **error);
double jgw_call_get_volume (JgwCall *call);
#define JGW_CALL_VOLUME_MIN (-30.0)
#define JGW_CALL_VOLUME_MAX 12.0
/** Whether DIGITS are valid DTMF (1-32 of 0-9 * # A-D). */
gboolean jgw_call_dtmf_valid (const char *digits);

/* call_dial.c */
/** Dial TARGET (a number, SIP address or JID at the component) for the
 * user owning DEVICE: ring DEVICE with a Jingle call from the target's JID
 * and place the SIP call once it accepts. Returns the call (transfer none). */
JgwCall *jgw_calls_dial (JgwCalls *calls, const char *device, const char *target, GError **error);
/** The full JID of USER to ring for a call placed by REQUESTER: REQUESTER
 * when it takes Jingle audio, else the user's best Jingle device; NULL if none. */
char *jgw_calls_dial_device (JgwCalls *calls, const char *requester);

G_END_DECLS
