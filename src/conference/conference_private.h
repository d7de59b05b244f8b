/* conference_private.h — what conference.c (rooms, addressing) and
 * participant.c (SIP legs, PIN) share. Not for use outside src/conference. */
#pragma once

#include "conference/conference.h"
#include "media/mixer.h"
#include "sip/sip.h"
#include "xmpp/dispatch.h"

typedef struct _Participant Participant;

struct _JgwConferences {
  JgwCalls *calls;
  JgwComponent *component;
  JgwPresence *presence;
  char *domain;             /* the component's JID */
  JgwMediaConfig media;     /* own copy: the app's config may be replaced on reload */
  GHashTable *rooms;        /* name -> JgwConference*, owned */
  guint chat_handler;       /* PIN digits as chat messages */
};

struct _JgwConference {
  JgwConferences *confs;
  char *name, *pin, *moderator;
  char *jid;                /* conf-NAME@component: the caller shown to XMPP parties */
  gboolean locked;
  JgwMixer *mixer;
  GPtrArray *participants;  /* Participant*, owned, joining order */
  guint next_id;
};

typedef enum { PART_CALLING, PART_PIN, PART_JOINED } PartState;

struct _Participant {
  JgwConference *conf;
  char *id;
  char *address;
  PartState state;
  JgwSipCall *sip;          /* NULL once the SIP call ended */
  /* XMPP parties (participant_xmpp.c) */
  gboolean xmpp;
  char *device;             /* the full JID of the client in the call */
  JgwJingleSession *jingle; /* NULL once the session ended */
  char *jmi_id;             /* our XEP-0353 proposal (invited parties) */
  char *content_name, *ufrag, *pwd;
  guint ring_timer;
  JgwMixerLeg *leg;
  GString *digits;          /* PIN typed so far */
  guint64 sdp_version;
};

/* participant.c */
/** Take an incoming INVITE for CONF; PIN_GIVEN from the address or NULL. */
void jgw_participant_incoming (JgwConference *conf, JgwSipCall *sip, const JgwSipIncoming *info,
                               const char *pin_given);
/** Call TARGET for CONF. */
Participant *jgw_participant_invite (JgwConference *conf, const char *target, GError **error);
/** Hang up (if still connected) and free. */
void jgw_participant_free (Participant *p);
/** The mixer's DTMF for P. */
void jgw_participant_dtmf (Participant *p, char digit);
/** The first audio content of DESC (NULL-safe), or NULL. */
const JgwContent *jgw_participant_audio_content (const JgwSessionDesc *desc);

/** A new participant of CONF at ADDRESS (in CONF's list). */
Participant *jgw_participant_new (JgwConference *conf, const char *address);
/** P is in: mixed, and logged as "joined as participant ID". */
void jgw_participant_join (Participant *p);
/** Hang up P (SIP BYE or Jingle terminate) and drop it. */
void jgw_participant_hangup (Participant *p);

/* participant_xmpp.c */
/** The hook's Jingle and XEP-0353 callbacks (data: JgwConferences). */
extern const JgwJingleCallbacks jgw_participant_jingle_callbacks;
extern const JgwJmiCallbacks jgw_participant_jmi_callbacks;
/** Ring bare JID for CONF (XEP-0353 propose, else session-initiate). */
Participant *jgw_participant_invite_xmpp (JgwConference *conf, const char *jid, GError **error);
/** Trickle a local CANDIDATE of P's leg (NULL: end of candidates). */
void jgw_participant_xmpp_candidate (Participant *p, const JgwCandidate *candidate);
/** End P's Jingle session or proposal (from jgw_participant_free). */
void jgw_participant_xmpp_release (Participant *p);
/** A chat message to conf-*: PIN digits of an XMPP party. TRUE if taken. */
gboolean jgw_participant_xmpp_chat (JgwConferences *confs, xmpp_stanza_t *stanza);

/* conference.c */
/** "conf-NAME[*PIN]" -> NAME (lower case) and PIN (NULL if none). */
gboolean jgw_conference_parse_user (const char *user, char **name, char **pin);
/** Why CONF refuses a new caller with PIN_GIVEN, or NULL if it takes it. */
const char *jgw_conference_refusal (JgwConference *conf, const char *pin_given);
/** P is gone: drop it from its conference and free it. */
void jgw_conference_drop (JgwConference *conf, Participant *p);
