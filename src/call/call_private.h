/* call_private.h — what the files of src/call share about a call. */
#pragma once

#include "call/calls.h"
#include "jingle/jmi.h"
#include "jingle/session.h"
#include "media/media.h"
#include "sdp/sdp.h"

typedef enum {
  CALL_SETUP,    /* legs being set up, nobody rings yet */
  CALL_RINGING,  /* the called side rings */
  CALL_ACTIVE,   /* answered on both legs */
  CALL_ENDED,    /* both legs gone; freed at the next idle */
} CallState;

typedef struct {
  guint id;
  JgwCallsWatchFunc func;
  gpointer user_data;
} Watcher;

struct _JgwCalls {
  const JgwConfig *config;
  JgwComponent *component;
  JgwPresence *presence;
  const JgwRouter *router;
  JgwStore *store;
  JgwSipUa *sip;
  JgwJingleManager *jingle;
  JgwJmi *jmi;
  GHashTable *calls;       /* id -> JgwCall*, owned */
  guint handlers[4];
  GArray *watchers;        /* Watcher, in jgw_calls_watch() order */
  guint watch_counter;
  guint64 counter;
  guint reap_idle;
  JgwCallsStopped stopped;
  gpointer stopped_data;
  const JgwCallsConferenceHook *conference;
  gpointer conference_data;
  JgwExtdisco *extdisco;   /* borrowed; NULL = no XEP-0215 */
  JgwIdentities *identities; /* borrowed, may be NULL (call_lookup.c) */
  GHashTable *lookups;       /* pending directory look-ups of call_lookup.c (set) */
};

struct _JgwCall {
  JgwCalls *calls;
  char *id;
  gboolean incoming;       /* SIP -> XMPP */
  CallState state;
  char *user;              /* bare JID of the XMPP user */
  guint extdisco_id;       /* pending XEP-0215 lookup for the ICE agent */
  char *peer;              /* the other party as a JID at the component */
  char *remote;            /* the SIP party (URI or number) for records */
  char *remote_name;       /* display name, may be NULL */
  JgwJingleSession *jingle;
  char *content_name;      /* the XMPP leg's content */
  char *jmi_id;            /* XEP-0353 proposal (ours or the client's) */
  JgwSessionDesc *offer;   /* incoming: our Jingle offer, sent on proceed */
  JgwSipCall *sip;
  JgwMediaSession *media;
  guint ring_timer;
  gboolean ringing_sent;
  gboolean held;           /* we put the SIP party on hold */
  gboolean held_by_peer;   /* the SIP party put us on hold */
  guint64 sdp_version;
  gint64 start_ms, answer_ms;
  char *end_reason;
  /* Click-to-call and transfer (call_3pcc.c, call_transfer.c). */
  gboolean third_party;    /* two SIP legs: desk is the user's phone, sip the target */
  JgwSipCall *desk;
  char *desk_offer;        /* the desk phone's SDP offer (its 200) */
  gboolean desk_acked;     /* the target's answer went to the desk phone */
  char *transfer_to;       /* REFER sent to the SIP party: where to */
  char *consult_id;        /* attended transfer: the call that ends with this one */
  gboolean dialing;        /* placed by the dial command: Jingle first, then SIP */
  gboolean muted;          /* the user muted towards the SIP party */
  double volume_db;        /* gain of what the user hears */
  char *forwarded_to;      /* forwarded before ringing: the target (call_rules.c) */
  gboolean early_media;    /* a 183's SDP is bridged before the answer (call_early.c) */
};

/* calls.c */
/** Tell the watchers about EVENT of CALL. */
void jgw_calls_emit (JgwCalls *calls, JgwCall *call, JgwCallEvent event);

/* call.c */
/** Move CALL to STATE and tell the watchers (RINGING/ACTIVE). */
void jgw_call_set_state (JgwCall *call, CallState state);
/** Free CALL (the table's destroy function; legs must be detached). */
void jgw_call_free (gpointer call);
JgwCall *jgw_call_new (JgwCalls *calls, gboolean incoming, const char *user);
/** End both legs: Jingle with REASON/TEXT, SIP with SIP_STATUS (an INVITE
 * not yet answered) or BYE/CANCEL. Records the call; frees it later. */
void jgw_call_end (JgwCall *call, JgwReason reason, const char *text, guint sip_status);
void jgw_call_attach_jingle (JgwCall *call, JgwJingleSession *session);
void jgw_call_attach_sip (JgwCall *call, JgwSipCall *sip);
/** Create the media session with the call as the callbacks' data. */
gboolean jgw_call_start_media (JgwCall *call, GError **error);
/** SDP text for a content of ours on the SIP leg, written as AUTHOR. */
char *jgw_call_sdp (JgwCall *call, const JgwContent *content, JgwSdpAuthor author);
/** The first audio content of DESC as a media-layer content, or NULL. */
const JgwContent *jgw_call_audio_content (const JgwSessionDesc *desc);
/** A one-content session description around CONTENT (copied). */
JgwSessionDesc *jgw_call_desc_for (const JgwContent *content);
/** Our Jingle offer (content "audio", we initiate) from the call's media session. */
JgwSessionDesc *jgw_call_xmpp_offer (JgwCall *call, GError **error);

/* call_out.c: XMPP -> SIP */
void jgw_call_out_initiated (JgwCalls *calls, JgwJingleSession *session, const JgwJingle *jingle);
void jgw_call_out_progress (JgwCall *call, guint status);
void jgw_call_out_established (JgwCall *call, const char *answer_sdp);

/* call_in.c: SIP -> XMPP */
guint jgw_call_in_policy (JgwCalls *calls, const char *jid);
/** The device to ring for USER (g_free), or NULL if none is online. */
char *jgw_call_in_pick_device (JgwCalls *calls, const char *user);
void jgw_call_in_incoming (JgwCalls *calls, JgwSipCall *sip, const JgwSipIncoming *info);
void jgw_call_in_accepted (JgwCall *call, const JgwJingle *jingle);
/** A device proceeded on our proposal: send it the session-initiate. */
void jgw_call_in_proceeded (JgwCall *call, const char *device);
/** The call whose proposal is ID, or NULL. */
JgwCall *jgw_calls_find_jmi (JgwCalls *calls, const char *id);

/* call_lookup.c: directory look-ups on the call path */
/** Whether an INVITE for RURI_USER (no account) may be a directory user. */
gboolean jgw_call_lookup_claims (JgwCalls *calls, const char *ruri_user);
/** An INVITE that needs the directory first: the callee (INFO->claimed) and/or
 * the caller's name (no display name); rings via jgw_call_in_incoming(). */
void jgw_call_lookup_incoming (JgwCalls *calls, JgwSipCall *sip, const JgwSipIncoming *info);
/** Whether INFO should go through jgw_call_lookup_incoming(). */
gboolean jgw_call_lookup_wanted (JgwCalls *calls, const JgwSipIncoming *info);
/** The calling user of CALL has no static or in-band line: ask the
 * directory for their identity, then place the call to LOCAL. */
void jgw_call_lookup_line (JgwCall *call, const char *local);
/** Forget pending look-ups (the manager is freed): their answers are dropped. */
void jgw_call_lookups_orphan (JgwCalls *calls);

/* call_out.c */
/** Place CALL's SIP call to LOCAL (its line is known); ends CALL on failure. */
void jgw_call_out_place (JgwCall *call, const char *local);

/* call_3pcc.c: click-to-call */
/** The SIP URI for DIAL (number, SIP address, JID) as USER dials it; NULL with ERROR. */
char *jgw_call_resolve_target (JgwCalls *calls, const char *user, const char *dial, GError **error);
/** SIP leg SIP of a click-to-call call was answered with SDP. */
void jgw_call_3pcc_established (JgwCall *call, JgwSipCall *sip, const char *sdp);
gboolean jgw_call_3pcc_set_hold (JgwCall *call, gboolean hold, GError **error);
/** Hang up the desk phone leg (from jgw_call_end); frees the 3PCC fields. */
void jgw_call_3pcc_release (JgwCall *call);

/* call_transfer.c */
/** The SIP party reports how our REFER goes (sipfrag or REFER status). */
void jgw_call_transfer_progress (JgwCall *call, guint status, const char *phrase);

/* call_mid.c: both ways during a call */
void jgw_call_jingle_info (JgwCall *call, const JgwJingle *jingle);
/** content-modify (senders change -> re-INVITE); other content actions are logged. */
void jgw_call_jingle_content (JgwCall *call, const JgwJingle *jingle);
char *jgw_call_sip_update (JgwCall *call, JgwSipDirection dir, const char *sdp_offer);
void jgw_call_transport_info (JgwCall *call, const JgwJingle *jingle);
/** A digit from the SIP party to the client: RFC 4733, else a chat message. */
void jgw_call_dtmf_to_xmpp (JgwCall *call, char digit, guint duration_ms);

/* call_out.c */
/** The SIP Request-URI for LOCAL after the dial plan; NULL with REASON/TEXT. */
char *jgw_call_out_target (JgwCall *call, const char *local, JgwReason *reason, char **text);

/* call_early.c */
/** A 183 with SDP on a call we placed: bridge the early media. */
void jgw_call_out_early_media (JgwCall *call, const char *sdp);
/** The SIP party's final answer SDP (NULL: the early one stands); FALSE with ERROR. */
gboolean jgw_call_apply_sip_answer (JgwCall *call, const char *sdp, GError **error);

/* call_dial.c */
void jgw_call_dial_accepted (JgwCall *call, const JgwJingle *jingle);
void jgw_call_dial_established (JgwCall *call, const char *answer_sdp);
