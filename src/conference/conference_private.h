/* conference_private.h — what conference.c (rooms, addressing) and
 * participant.c (SIP legs, PIN) share. Not for use outside src/conference. */
#pragma once

#include "conference/conference.h"
#include "media/mixer.h"
#include "sip/sip.h"

typedef struct _Participant Participant;

struct _JgwConferences {
  JgwCalls *calls;
  JgwMediaConfig media;     /* own copy: the app's config may be replaced on reload */
  GHashTable *rooms;        /* name -> JgwConference*, owned */
};

struct _JgwConference {
  JgwConferences *confs;
  char *name, *pin, *moderator;
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

/* conference.c */
/** P is gone: drop it from its conference and free it. */
void jgw_conference_drop (JgwConference *conf, Participant *p);
