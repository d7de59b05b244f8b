/* participant.c — one party of a conference: its SIP call (taken from
 * the call layer or placed by us), its mixer leg, and the PIN it types. */
#define G_LOG_DOMAIN "jgw-conference"

#include "conference/conference_private.h"
#include "log.h"
#include "sdp/sdp.h"

#define MAX_PIN_DIGITS 16

static const JgwSipEvents participant_events;
static void join (Participant *p);

static Participant *
participant_new (JgwConference *conf, const char *address)
{
  Participant *p = g_new0 (Participant, 1);

  p->conf = conf;
  p->id = g_strdup_printf ("%u", ++conf->next_id);
  p->address = g_strdup (address);
  p->digits = g_string_new (NULL);
  g_ptr_array_add (conf->participants, p);
  return p;
}

Participant *
jgw_participant_new (JgwConference *conf, const char *address)
{
  return participant_new (conf, address);
}

void
jgw_participant_free (Participant *p)
{
  if (p->xmpp)
    jgw_participant_xmpp_release (p);
  if (p->sip) {
    jgw_sip_call_set_events (p->sip, NULL, NULL);
    jgw_sip_call_set_data (p->sip, NULL);
    jgw_sip_call_hangup (p->sip);
  }
  jgw_mixer_leg_free (p->leg);
  g_string_free (p->digits, TRUE);
  g_free (p->id);
  g_free (p->address);
  g_free (p->device);
  g_free (p->jmi_id);
  g_free (p->content_name);
  g_free (p->ufrag);
  g_free (p->pwd);
  g_free (p);
}

const JgwContent *
jgw_participant_audio_content (const JgwSessionDesc *desc)
{
  for (guint i = 0; desc && i < desc->contents->len; i++) {
    const JgwContent *c = desc->contents->pdata[i];

    if (g_strcmp0 (c->media, "audio") == 0)
      return c;
  }
  return NULL;
}

/* The remote SDP of P's leg: offer or answer. */
static gboolean
take_remote (Participant *p, const char *sdp, JgwSdpAuthor author, GError **error)
{
  g_autoptr (JgwSessionDesc) desc = sdp ? jgw_sdp_parse (sdp, author, error) : NULL;
  const JgwContent *audio = jgw_participant_audio_content (desc);

  if (!audio) {
    if (error && !*error)
      g_set_error (error, JGW_CONFERENCE_ERROR, JGW_CONFERENCE_ERROR_FAILED, "no audio in the SDP");
    return FALSE;
  }
  return jgw_mixer_leg_set_remote (p->leg, audio, error);
}

/* Our SDP for P's leg, written as AUTHOR. */
static char *
local_sdp (Participant *p, JgwSdpAuthor author, GError **error)
{
  g_autoptr (JgwContent) local = jgw_mixer_leg_get_local (p->leg, error);
  g_autoptr (JgwSessionDesc) desc = NULL;

  if (!local)
    return NULL;
  desc = jgw_session_desc_new ();
  g_ptr_array_add (desc->contents, g_steal_pointer (&local));
  return jgw_sdp_write (desc, author, g_str_hash (p->address) ^ GPOINTER_TO_UINT (p),
                        p->sdp_version++, NULL);
}

void
jgw_participant_join (Participant *p)
{
  join (p);
}

void
jgw_participant_hangup (Participant *p)
{
  if (p->sip)
    jgw_sip_call_hangup (p->sip); /* its ended event drops it */
  else
    jgw_conference_drop (p->conf, p);
}

static void
join (Participant *p)
{
  p->state = PART_JOINED;
  jgw_mixer_leg_set_in_mix (p->leg, TRUE);
  g_message ("conference %s: %s joined as participant %s", p->conf->name, p->address, p->id);
}

void
jgw_participant_incoming (JgwConference *conf, JgwSipCall *sip, const JgwSipIncoming *info,
                          const char *pin_given)
{
  g_autoptr (GError) error = NULL;
  Participant *p = participant_new (conf, info->caller_uri);
  g_autofree char *answer = NULL;

  p->sip = sip;
  jgw_sip_call_set_events (sip, &participant_events, p);
  p->leg = jgw_mixer_leg_new_sip (conf->mixer, &error);
  if (!p->leg || !take_remote (p, info->sdp_offer, JGW_SDP_AUTHOR_INITIATOR, &error)
      || !(answer = local_sdp (p, JGW_SDP_AUTHOR_RESPONDER, &error))) {
    g_message ("conference %s: cannot take %s: %s", conf->name, p->address, error->message);
    jgw_sip_call_reject (sip, 488, NULL);
    return; /* the ended event drops the participant */
  }
  p->state = conf->pin && !pin_given ? PART_PIN : PART_CALLING;
  jgw_mixer_leg_set_data (p->leg, p);
  if (!jgw_sip_call_answer (sip, answer, &error)) {
    g_message ("conference %s: cannot answer %s: %s", conf->name, p->address, error->message);
    jgw_sip_call_hangup (sip);
    return;
  }
  if (p->state == PART_PIN)
    g_message ("conference %s: %s must type the PIN", conf->name, p->address);
  else
    join (p);
}

Participant *
jgw_participant_invite (JgwConference *conf, const char *target, GError **error)
{
  JgwSipUa *ua = jgw_calls_sip (conf->confs->calls);
  Participant *p = participant_new (conf, target);
  g_autofree char *offer = NULL;

  p->leg = jgw_mixer_leg_new_sip (conf->mixer, error);
  if (p->leg)
    jgw_mixer_leg_set_data (p->leg, p);
  if (!p->leg || !(offer = local_sdp (p, JGW_SDP_AUTHOR_INITIATOR, error))
      || !(p->sip = jgw_sip_call_new (ua, conf->moderator, target, offer, error))) {
    g_ptr_array_remove (conf->participants, p);
    jgw_participant_free (p);
    return NULL;
  }
  jgw_sip_call_set_events (p->sip, &participant_events, p);
  g_message ("conference %s: calling %s as participant %s", conf->name, target, p->id);
  return p;
}

void
jgw_participant_dtmf (Participant *p, char digit)
{
  if (p->state != PART_PIN)
    return;
  if (digit != '#' && p->digits->len < MAX_PIN_DIGITS) {
    g_string_append_c (p->digits, digit);
    return;
  }
  if (g_strcmp0 (p->digits->str, p->conf->pin) == 0) {
    join (p);
    return;
  }
  g_message ("conference %s: wrong PIN from %s, hanging up", p->conf->name, p->address);
  jgw_participant_hangup (p);
}

/* --- SIP events of participants' calls --- */

static void
on_established (JgwSipUa *ua, JgwSipCall *sip, const char *answer_sdp, gpointer data)
{
  Participant *p = data;
  g_autoptr (GError) error = NULL;

  if (jgw_sip_call_is_incoming (sip))
    return; /* media already runs since our 200 */
  if (!take_remote (p, answer_sdp, JGW_SDP_AUTHOR_RESPONDER, &error)) {
    g_message ("conference %s: %s answered unusable SDP: %s", p->conf->name, p->address,
               error->message);
    jgw_sip_call_hangup (sip);
    return;
  }
  join (p);
}

static void
on_dtmf (JgwSipUa *ua, JgwSipCall *sip, char digit, guint duration_ms, gpointer data)
{
  jgw_participant_dtmf (data, digit);
}

static char *
on_update (JgwSipUa *ua, JgwSipCall *sip, JgwSipDirection dir, const char *sdp_offer, gpointer data)
{
  Participant *p = data;

  /* Keep the media as negotiated: answer a refresh with the same SDP. */
  return jgw_mixer_leg_codec (p->leg) ? local_sdp (p, JGW_SDP_AUTHOR_RESPONDER, NULL) : NULL;
}

static void
on_refer (JgwSipUa *ua, JgwSipCall *sip, const char *target, gpointer data)
{
  jgw_sip_call_refer_notify (sip, 603, NULL);
}

static void
on_ended (JgwSipUa *ua, JgwSipCall *sip, guint status, const char *phrase, gboolean by_remote,
          gpointer data)
{
  Participant *p = data;

  g_message ("conference %s: participant %s (%s) left: %u %s", p->conf->name, p->id, p->address,
             status, phrase);
  p->sip = NULL;
  jgw_conference_drop (p->conf, p);
}

static const JgwSipEvents participant_events = {
  .established = on_established,
  .update = on_update,
  .dtmf = on_dtmf,
  .refer = on_refer,
  .ended = on_ended,
};
