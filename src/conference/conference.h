/* conference.h — conferences on the built-in mixer (src/media/mixer.h).
 *
 * A conference has a name, an optional PIN, a moderator (the bare JID of
 * its creator), participants and a locked flag. Addresses:
 *   - SIP: sip:conf-NAME@<gateway> joins (the PIN is then asked: type it
 *     with DTMF, RFC 4733 or SIP INFO, ended by '#'); sip:conf-NAME*PIN@...
 *     gives the PIN in the address. A wrong PIN or a locked room: 403.
 *   - XMPP: a Jingle session to conf-NAME@<component> (or
 *     conf-NAME*PIN@...) joins; without the PIN in the JID it is typed as
 *     DTMF or sent as a chat message (digits) to that JID.
 *   - The moderator invites: the gateway calls a SIP URI from the
 *     moderator's SIP identity, or rings an XMPP user's Jingle clients
 *     (XEP-0353, caller conf-NAME@<component>); answering puts them in.
 * The call layer hands INVITEs for conf-* to this module through
 * jgw_calls_set_conference_hook(); such calls never become JgwCalls.
 *
 * Ownership: jgw_conferences_new() borrows CALLS (must outlive it) and
 * copies what it needs of MEDIA. Conference and participant pointers are
 * valid until the conference ends or the participant leaves; look them up
 * again by name/id instead of keeping them. */
#pragma once

#include "call/calls.h"
#include "config.h"

G_BEGIN_DECLS

#define JGW_CONFERENCE_ERROR (jgw_conference_error_quark ())
GQuark jgw_conference_error_quark (void);

typedef enum {
  JGW_CONFERENCE_ERROR_INVALID,   /* bad name, PIN or address */
  JGW_CONFERENCE_ERROR_EXISTS,    /* a conference of that name runs */
  JGW_CONFERENCE_ERROR_NOT_FOUND, /* no such conference or participant */
  JGW_CONFERENCE_ERROR_FAILED,    /* media or SIP refused */
} JgwConferenceError;

/* The SIP user part prefix of conference addresses. */
#define JGW_CONFERENCE_PREFIX "conf-"

typedef struct _JgwConferences JgwConferences;
typedef struct _JgwConference JgwConference;

typedef struct {
  char *id;        /* short, stable within the conference ("1", "2", ...) */
  char *address;   /* SIP URI of the party, or xmpp:BARE-JID */
  char *state;     /* "calling", "pin", "joined" */
  gboolean muted;
} JgwParticipantInfo;

/** Conferences on CALLS; COMPONENT and PRESENCE (borrowed) reach XMPP
 * parties, whose caller JID is conf-NAME@DOMAIN. */
JgwConferences *jgw_conferences_new (JgwCalls *calls, const JgwMediaConfig *media,
                                     JgwComponent *component, JgwPresence *presence,
                                     const char *domain);
/** End every conference (BYE to every participant) and free. NULL allowed. */
void jgw_conferences_free (JgwConferences *confs);

/** Create conference NAME ([a-z0-9._-], up to 32) with optional PIN (digits). */
JgwConference *jgw_conferences_create (JgwConferences *confs, const char *name, const char *pin,
                                       const char *moderator, GError **error);
/** The running conference NAME, or NULL. */
JgwConference *jgw_conferences_find (JgwConferences *confs, const char *name);
/** The conferences moderated by BARE_JID (transfer container). */
GPtrArray *jgw_conferences_of (JgwConferences *confs, const char *bare_jid);
/** Hang up every participant and forget the conference. */
void jgw_conference_end (JgwConference *conf);

const char *jgw_conference_name (JgwConference *conf);
const char *jgw_conference_moderator (JgwConference *conf);
gboolean jgw_conference_has_pin (JgwConference *conf);
gboolean jgw_conference_locked (JgwConference *conf);
/** A locked room takes no new callers (invitations still work). */
void jgw_conference_set_locked (JgwConference *conf, gboolean locked);
/** Call TARGET: a SIP URI (from the moderator's SIP identity) or
 * "xmpp:" + bare JID (rings its Jingle clients from conf-NAME@component);
 * it joins on answer. */
gboolean jgw_conference_invite (JgwConference *conf, const char *target, GError **error);
/** The participants in joining order; free with g_ptr_array_unref. */
GPtrArray *jgw_conference_participants (JgwConference *conf);
gboolean jgw_conference_set_mute (JgwConference *conf, const char *id, gboolean mute, GError **error);
/** Hang up participant ID. */
gboolean jgw_conference_remove (JgwConference *conf, const char *id, GError **error);

G_END_DECLS
