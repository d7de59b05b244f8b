/* participant_xmpp.c — XMPP parties of a conference: a Jingle client
 * that calls conf-NAME[*PIN]@component, or a user the moderator invites
 * (XEP-0353 propose to every device when one supports it, else a
 * session-initiate to the best device), caller conf-NAME@component. Their
 * media is an XMPP leg of the conference mixer (ICE, DTLS-SRTP, Opus). */
#define G_LOG_DOMAIN "jgw-conference"

#include <string.h>

#include "conference/conference_private.h"
#include "xmpp/jid.h"

#define NS_RTP_AUDIO "urn:xmpp:jingle:apps:rtp:audio"
#define NS_JMI "urn:xmpp:jingle-message:0"
/* An invited user who neither answers nor declines is given up on. */
#define RING_SECONDS 60

static Participant *
find (JgwConferences *confs, JgwJingleSession *session, const char *jmi_id)
{
  GHashTableIter it;
  gpointer value;

  g_hash_table_iter_init (&it, confs->rooms);
  while (g_hash_table_iter_next (&it, NULL, &value)) {
    JgwConference *conf = value;

    for (guint i = 0; i < conf->participants->len; i++) {
      Participant *p = conf->participants->pdata[i];

      if (p->xmpp && ((session && p->jingle == session)
                      || (jmi_id && g_strcmp0 (p->jmi_id, jmi_id) == 0)))
        return p;
    }
  }
  return NULL;
}

static Participant *
xmpp_participant (JgwConference *conf, const char *bare_jid, GError **error)
{
  g_autofree char *address = g_strconcat ("xmpp:", bare_jid, NULL);
  Participant *p = jgw_participant_new (conf, address);

  p->xmpp = TRUE;
  p->leg = jgw_mixer_leg_new_xmpp (conf->mixer, error);
  if (!p->leg) {
    jgw_conference_drop (conf, p);
    return NULL;
  }
  jgw_mixer_leg_set_data (p->leg, p);
  return p;
}

/* Our content for P's session: offer (no remote yet) or answer. */
static JgwSessionDesc *
local_desc (Participant *p, const char *creator, GError **error)
{
  g_autoptr (JgwContent) local = jgw_mixer_leg_get_local (p->leg, error);
  JgwSessionDesc *desc;

  if (!local)
    return NULL;
  g_free (local->name);
  local->name = g_strdup (p->content_name);
  g_free (local->creator);
  local->creator = g_strdup (creator);
  g_free (p->ufrag);
  g_free (p->pwd);
  p->ufrag = g_strdup (local->ice->ufrag);
  p->pwd = g_strdup (local->ice->pwd);
  desc = jgw_session_desc_new ();
  g_ptr_array_add (desc->contents, g_steal_pointer (&local));
  return desc;
}

/* --- a client calls conf-NAME[*PIN]@component --- */

static void
refuse (JgwJingleSession *session, JgwReason reason, const char *text)
{
  g_message ("conference: refusing the Jingle call of %s to %s: %s",
             jgw_jingle_session_get_peer (session), jgw_jingle_session_get_local (session), text);
  jgw_jingle_session_terminate (session, reason, text);
}

static gboolean
take_call (Participant *p, const JgwContent *offer, GError **error)
{
  g_autoptr (JgwSessionDesc) answer = NULL;

  p->content_name = g_strdup (offer->name);
  if (!jgw_mixer_leg_set_remote (p->leg, offer, error)
      || !(answer = local_desc (p, offer->creator ? offer->creator : "initiator", error)))
    return FALSE;
  return jgw_jingle_session_accept (p->jingle, answer, error);
}

/* Why CONF (or none) cannot take the offer OFFER with PIN, or NULL. */
static const char *
refusal (JgwConference *conf, const JgwContent *offer, const char *pin, JgwReason *reason)
{
  *reason = JGW_REASON_DECLINE;
  if (!conf) {
    *reason = JGW_REASON_GONE;
    return "no such conference";
  }
  if (jgw_conference_refusal (conf, pin))
    return jgw_conference_refusal (conf, pin);
  *reason = JGW_REASON_UNSUPPORTED_APPLICATIONS;
  return offer ? NULL : "audio only";
}

static void
on_initiated (JgwJingleSession *session, const JgwJingle *jingle, gpointer data)
{
  g_autofree char *local = jgw_jid_local (jgw_jingle_session_get_local (session));
  g_autofree char *bare = jgw_jid_bare (jgw_jingle_session_get_peer (session));
  g_autofree char *name = NULL, *pin = NULL;
  g_autoptr (GError) error = NULL;
  const JgwContent *offer = jgw_participant_audio_content (jingle->desc);
  JgwConference *conf = NULL;
  JgwReason reason;
  const char *why;
  Participant *p;

  if (jgw_conference_parse_user (local, &name, &pin))
    conf = jgw_conferences_find (data, name);
  if ((why = refusal (conf, offer, pin, &reason))) {
    refuse (session, reason, why);
    return;
  }
  if (!(p = xmpp_participant (conf, bare, &error))) {
    refuse (session, JGW_REASON_MEDIA_ERROR, error->message);
    return;
  }
  p->jingle = session;
  p->device = g_strdup (jgw_jingle_session_get_peer (session));
  if (!take_call (p, offer, &error)) {
    g_message ("conference %s: cannot take %s: %s", conf->name, p->address, error->message);
    p->jingle = NULL;
    jgw_conference_drop (conf, p);
    refuse (session, JGW_REASON_INCOMPATIBLE_PARAMETERS, error->message);
    return;
  }
  p->state = conf->pin && !pin ? PART_PIN : PART_CALLING;
  if (p->state == PART_PIN)
    g_message ("conference %s: %s must type the PIN", conf->name, p->address);
  else
    jgw_participant_join (p);
}

/* --- the moderator invites a user --- */

static char *
device_with (JgwConferences *confs, const char *bare, const char *feature)
{
  g_autoptr (GPtrArray) devices = jgw_presence_resources (confs->presence, bare);

  for (guint i = 0; devices && i < devices->len; i++)
    if (!feature || jgw_presence_has_feature (confs->presence, devices->pdata[i], feature)
        || !jgw_presence_features_known (confs->presence, devices->pdata[i]))
      return g_strdup (devices->pdata[i]);
  return NULL;
}

static gboolean
ring_timeout (gpointer data)
{
  Participant *p = data;

  p->ring_timer = 0;
  g_message ("conference %s: %s did not answer", p->conf->name, p->address);
  jgw_conference_drop (p->conf, p);
  return G_SOURCE_REMOVE;
}

/* Send DEVICE the session-initiate (sid = our proposal's id, if any). */
static gboolean
ring_device (Participant *p, const char *device, GError **error)
{
  JgwJingleManager *jingle = jgw_calls_jingle (p->conf->confs->calls);
  g_autoptr (JgwSessionDesc) offer = NULL;

  p->content_name = g_strdup ("audio");
  if (!(offer = local_desc (p, "initiator", error)))
    return FALSE;
  p->jingle = jgw_jingle_manager_initiate (jingle, p->conf->jid, device, p->jmi_id, offer, error);
  if (!p->jingle)
    return FALSE;
  p->device = g_strdup (device);
  return TRUE;
}

Participant *
jgw_participant_invite_xmpp (JgwConference *conf, const char *jid, GError **error)
{
  JgwConferences *confs = conf->confs;
  g_autofree char *bare = jgw_jid_bare (jid);
  g_autofree char *jmi = bare ? device_with (confs, bare, NS_JMI) : NULL;
  g_autofree char *device = bare && !jmi ? device_with (confs, bare, NS_RTP_AUDIO) : NULL;
  Participant *p;
  const char *id = NULL;

  if (!jmi && !device) {
    g_set_error (error, JGW_CONFERENCE_ERROR, JGW_CONFERENCE_ERROR_INVALID,
                 "%s has no client online that takes Jingle calls", jid);
    return NULL;
  }
  if (!(p = xmpp_participant (conf, bare, error)))
    return NULL;
  if (jmi && (id = jgw_jmi_propose (jgw_calls_jmi (confs->calls), conf->jid, bare, NULL, NULL, error)))
    p->jmi_id = g_strdup (id);
  if (jmi ? id == NULL : !ring_device (p, device, error)) {
    jgw_conference_drop (conf, p);
    return NULL;
  }
  p->ring_timer = g_timeout_add_seconds (RING_SECONDS, ring_timeout, p);
  g_message ("conference %s: ringing %s as participant %s", conf->name, p->address, p->id);
  return p;
}

static void
on_accepted (JgwJingleSession *session, const JgwJingle *jingle, gpointer data)
{
  Participant *p = find (data, session, NULL);
  const JgwContent *answer = jgw_participant_audio_content (jingle->desc);
  g_autoptr (GError) error = NULL;

  if (!p)
    return;
  g_clear_handle_id (&p->ring_timer, g_source_remove);
  if (!answer || !jgw_mixer_leg_set_remote (p->leg, answer, &error)) {
    g_message ("conference %s: %s answered unusable media: %s", p->conf->name, p->address,
               error ? error->message : "no audio");
    jgw_jingle_session_terminate (session, JGW_REASON_INCOMPATIBLE_PARAMETERS, NULL);
    p->jingle = NULL;
    jgw_conference_drop (p->conf, p);
    return;
  }
  jgw_participant_join (p);
}

/* --- both ways --- */

static void
on_terminated (JgwJingleSession *session, JgwReason reason, const char *text, gpointer data)
{
  Participant *p = find (data, session, NULL);

  if (!p)
    return;
  p->jingle = NULL; /* freed by the manager after this callback */
  g_message ("conference %s: participant %s (%s) left: %s", p->conf->name, p->id, p->address,
             jgw_reason_to_string (reason) ? jgw_reason_to_string (reason) : "hangup");
  jgw_conference_drop (p->conf, p);
}

static void
on_transport_info (JgwJingleSession *session, const JgwJingle *jingle, gpointer data)
{
  Participant *p = find (data, session, NULL);

  for (guint i = 0; p && jingle->desc && i < jingle->desc->contents->len; i++) {
    const JgwContent *c = jingle->desc->contents->pdata[i];

    for (guint k = 0; c->ice && k < c->ice->candidates->len; k++)
      jgw_mixer_leg_add_candidate (p->leg, c->ice->candidates->pdata[k], NULL);
    if (c->ice && c->ice->end_of_candidates)
      jgw_mixer_leg_add_candidate (p->leg, NULL, NULL);
  }
}

static void
on_info (JgwJingleSession *session, const JgwJingle *jingle, gpointer data)
{
  /* Ringing, hold, mute...: nothing to do for a mix (acknowledged already). */
}

static void
on_content (JgwJingleSession *session, const JgwJingle *jingle, gpointer data)
{
}

void
jgw_participant_xmpp_candidate (Participant *p, const JgwCandidate *candidate)
{
  g_autoptr (JgwContent) content = NULL;
  g_autoptr (JgwSessionDesc) desc = NULL;

  if (!p->jingle || !p->ufrag)
    return;
  content = jgw_content_new (p->content_name, "audio");
  content->ice = jgw_ice_transport_new ();
  content->ice->ufrag = g_strdup (p->ufrag);
  content->ice->pwd = g_strdup (p->pwd);
  if (candidate)
    g_ptr_array_add (content->ice->candidates, jgw_candidate_copy (candidate));
  else
    content->ice->end_of_candidates = TRUE;
  desc = jgw_session_desc_new ();
  g_ptr_array_add (desc->contents, g_steal_pointer (&content));
  jgw_jingle_session_send_transport_info (p->jingle, desc, NULL);
}

void
jgw_participant_xmpp_release (Participant *p)
{
  JgwJmi *jmi = jgw_calls_jmi (p->conf->confs->calls);

  g_clear_handle_id (&p->ring_timer, g_source_remove);
  if (p->jingle)
    jgw_jingle_session_terminate (p->jingle, JGW_REASON_SUCCESS, NULL);
  else if (p->jmi_id)
    jgw_jmi_retract (jmi, p->jmi_id, JGW_REASON_CANCEL, NULL);
  if (p->jingle && p->jmi_id)
    jgw_jmi_finish (jmi, p->jmi_id, JGW_REASON_SUCCESS, NULL);
  p->jingle = NULL;
}

const JgwJingleCallbacks jgw_participant_jingle_callbacks = {
  on_initiated, on_accepted, on_terminated, on_info, on_transport_info, on_content,
};

/* --- XEP-0353 of our proposals --- */

static void
jmi_proposed (JgwJmi *jmi, const JgwJmiMessage *msg, gpointer data)
{
}

static void
jmi_ringing (JgwJmi *jmi, const char *id, const char *device, gpointer data)
{
}

static void
jmi_proceeded (JgwJmi *jmi, const char *id, const char *device, gpointer data)
{
  Participant *p = find (data, NULL, id);
  g_autoptr (GError) error = NULL;

  if (!p || p->jingle)
    return;
  if (!ring_device (p, device, &error)) {
    g_message ("conference %s: cannot call %s: %s", p->conf->name, device, error->message);
    jgw_conference_drop (p->conf, p);
  }
}

static void
jmi_ended (JgwJmi *jmi, const char *id, JgwJmiKind kind, JgwReason reason, gpointer data)
{
  Participant *p = find (data, NULL, id);

  if (!p || p->jingle)
    return;
  g_clear_pointer (&p->jmi_id, g_free); /* over: nothing to retract */
  g_message ("conference %s: %s %s", p->conf->name, p->address,
             kind == JGW_JMI_REJECT ? "declined" : "did not answer");
  jgw_conference_drop (p->conf, p);
}

static void
jmi_finished (JgwJmi *jmi, const char *id, JgwReason reason, gpointer data)
{
}

const JgwJmiCallbacks jgw_participant_jmi_callbacks = {
  jmi_proposed, jmi_ringing, jmi_proceeded, jmi_ended, jmi_finished,
};

/* --- the PIN as a chat message to conf-NAME@component --- */

gboolean
jgw_participant_xmpp_chat (JgwConferences *confs, xmpp_stanza_t *stanza)
{
  const char *from = xmpp_stanza_get_from (stanza);
  xmpp_stanza_t *body = xmpp_stanza_get_child_by_name (stanza, "body");
  g_autofree char *text = body ? xmpp_stanza_get_text (body) : NULL;
  g_autofree char *local = jgw_jid_local (xmpp_stanza_get_to (stanza));
  g_autofree char *name = NULL, *pin = NULL;
  JgwConference *conf;

  if (!text || !from || !jgw_conference_parse_user (local, &name, &pin)
      || !(conf = jgw_conferences_find (confs, name)))
    return FALSE;
  g_strstrip (text);
  for (guint i = 0; i < conf->participants->len; i++) {
    Participant *p = conf->participants->pdata[i];

    if (!p->xmpp || p->state != PART_PIN || g_strcmp0 (p->device, from) != 0)
      continue;
    for (const char *d = text; *d && *d != '#'; d++)
      if (g_ascii_isdigit (*d))
        jgw_participant_dtmf (p, *d);
    jgw_participant_dtmf (p, '#'); /* may free P */
    return TRUE;
  }
  return FALSE;
}
