/* conference.c — the running conferences: creation, addressing of SIP
 * INVITEs to conf-NAME[*PIN], moderator actions, the end. */
#define G_LOG_DOMAIN "jgw-conference"

#include <string.h>

#include <gst/gst.h>

#include "conference/conference_private.h"

G_DEFINE_QUARK (jgw-conference-error-quark, jgw_conference_error)

#define MAX_NAME 32

static gboolean
valid_name (const char *name)
{
  gsize n = name ? strlen (name) : 0;

  return n > 0 && n <= MAX_NAME && strspn (name, "abcdefghijklmnopqrstuvwxyz0123456789._-") == n;
}

static gboolean
valid_pin (const char *pin)
{
  gsize n = pin ? strlen (pin) : 0;

  return n > 0 && n <= 16 && strspn (pin, "0123456789") == n;
}

gboolean
jgw_conference_parse_user (const char *user, char **name, char **pin)
{
  const char *rest;
  const char *star;

  if (!user || g_ascii_strncasecmp (user, JGW_CONFERENCE_PREFIX, strlen (JGW_CONFERENCE_PREFIX)) != 0)
    return FALSE;
  rest = user + strlen (JGW_CONFERENCE_PREFIX);
  star = strchr (rest, '*');
  *name = g_ascii_strdown (rest, star ? star - rest : -1);
  *pin = star ? g_strdup (star + 1) : NULL;
  return TRUE;
}

static gboolean
hook_claim (const char *ruri_user, gpointer data)
{
  g_autofree char *name = NULL;
  g_autofree char *pin = NULL;

  /* Every conf-* address is ours: unknown rooms get a clear 404 from us. */
  return jgw_conference_parse_user (ruri_user, &name, &pin);
}

static void
hook_incoming (JgwSipCall *sip, const JgwSipIncoming *info, gpointer data)
{
  JgwConferences *confs = data;
  g_autofree char *name = NULL;
  g_autofree char *pin = NULL;
  JgwConference *conf;

  jgw_conference_parse_user (info->target_user, &name, &pin);
  conf = jgw_conferences_find (confs, name);
  if (!conf) {
    g_message ("conference %s: no such conference (call from %s)", name, info->caller_uri);
    jgw_sip_call_reject (sip, 404, NULL);
  } else if (conf->locked) {
    g_message ("conference %s: locked, refusing %s", name, info->caller_uri);
    jgw_sip_call_reject (sip, 403, NULL);
  } else if (pin && g_strcmp0 (pin, conf->pin) != 0) {
    g_message ("conference %s: wrong PIN from %s", name, info->caller_uri);
    jgw_sip_call_reject (sip, 403, NULL);
  } else {
    jgw_participant_incoming (conf, sip, info, pin);
  }
}

const char *
jgw_conference_refusal (JgwConference *conf, const char *pin_given)
{
  if (conf->locked)
    return "the conference is locked";
  if (pin_given && g_strcmp0 (pin_given, conf->pin) != 0)
    return "wrong PIN";
  return NULL;
}

static const JgwCallsConferenceHook hook = {
  hook_claim, hook_incoming, &jgw_participant_jingle_callbacks, &jgw_participant_jmi_callbacks,
};

static gboolean
chat_h (xmpp_stanza_t *stanza, gpointer data)
{
  return jgw_participant_xmpp_chat (data, stanza);
}

static void
conference_free (gpointer data)
{
  JgwConference *conf = data;

  while (conf->participants->len > 0) {
    Participant *p = g_ptr_array_steal_index (conf->participants, conf->participants->len - 1);

    jgw_participant_free (p);
  }
  g_ptr_array_unref (conf->participants);
  jgw_mixer_free (conf->mixer);
  g_free (conf->name);
  g_free (conf->pin);
  g_free (conf->moderator);
  g_free (conf->jid);
  g_free (conf);
}

/* GStreamer's DTLS elements share one certificate, made (RSA key
 * generation) when the first one is asked for it: seconds under load,
 * which would stall the main loop at the first Jingle party and make its
 * client give up. Make it now, before the stream is up. */
static void
warm_up_dtls (void)
{
  GstElement *dec = gst_element_factory_make ("dtlssrtpdec", NULL);
  g_autofree char *pem = NULL;

  if (!dec)
    return;
  gst_object_ref_sink (dec);
  g_object_get (dec, "pem", &pem, NULL);
  gst_object_unref (dec);
}

JgwConferences *
jgw_conferences_new (JgwCalls *calls, const JgwMediaConfig *media, JgwComponent *component,
                     JgwPresence *presence, const char *domain)
{
  JgwConferences *confs = g_new0 (JgwConferences, 1);

  confs->calls = calls;
  confs->component = component;
  confs->presence = presence;
  confs->domain = g_strdup (domain);
  confs->chat_handler = jgw_dispatch_add (jgw_component_dispatch (component), "message", NULL, NULL,
                                          chat_h, confs);
  confs->media = *media;
  confs->media.ice_addresses = g_strdupv (media->ice_addresses);
  confs->media.stun_server = confs->media.turn_server = NULL;
  confs->media.turn_user = confs->media.turn_password = NULL;
  confs->rooms = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, conference_free);
  jgw_calls_set_conference_hook (calls, &hook, confs);
  warm_up_dtls ();
  return confs;
}

void
jgw_conferences_free (JgwConferences *confs)
{
  if (!confs)
    return;
  jgw_calls_set_conference_hook (confs->calls, NULL, NULL);
  jgw_dispatch_remove (jgw_component_dispatch (confs->component), confs->chat_handler);
  g_hash_table_unref (confs->rooms);
  g_free (confs->domain);
  g_strfreev (confs->media.ice_addresses);
  g_free (confs);
}

static void
on_mixer_dtmf (JgwMixer *mixer, JgwMixerLeg *leg, char digit, gpointer data)
{
  Participant *p = jgw_mixer_leg_get_data (leg);

  if (p)
    jgw_participant_dtmf (p, digit);
}

static void
on_mixer_failed (JgwMixer *mixer, const char *message, gpointer data)
{
  JgwConference *conf = data;

  g_warning ("conference %s: media failed (%s), ending it", conf->name, message);
  jgw_conference_end (conf);
}

static void
on_mixer_candidate (JgwMixer *mixer, JgwMixerLeg *leg, const JgwCandidate *candidate, gpointer data)
{
  Participant *p = jgw_mixer_leg_get_data (leg);

  if (p)
    jgw_participant_xmpp_candidate (p, candidate);
}

static void
on_mixer_leg_failed (JgwMixer *mixer, JgwMixerLeg *leg, const char *message, gpointer data)
{
  Participant *p = jgw_mixer_leg_get_data (leg);

  if (p) {
    g_message ("conference %s: participant %s (%s) lost its media", p->conf->name, p->id,
               p->address);
    jgw_participant_hangup (p);
  }
}

static const JgwMixerCallbacks mixer_callbacks = {
  on_mixer_dtmf, on_mixer_failed, on_mixer_candidate, on_mixer_leg_failed,
};

JgwConference *
jgw_conferences_create (JgwConferences *confs, const char *name, const char *pin,
                        const char *moderator, GError **error)
{
  g_autofree char *lower = name ? g_ascii_strdown (name, -1) : NULL;
  JgwConference *conf;

  if (!valid_name (lower) || (pin && *pin && !valid_pin (pin))) {
    g_set_error (error, JGW_CONFERENCE_ERROR, JGW_CONFERENCE_ERROR_INVALID,
                 !valid_name (lower) ? "the name must be 1-32 of a-z 0-9 . _ -"
                                     : "the PIN must be 1-16 digits");
    return NULL;
  }
  if (jgw_conferences_find (confs, lower)) {
    g_set_error (error, JGW_CONFERENCE_ERROR, JGW_CONFERENCE_ERROR_EXISTS,
                 "a conference named %s exists already", lower);
    return NULL;
  }
  conf = g_new0 (JgwConference, 1);
  conf->confs = confs;
  conf->name = g_steal_pointer (&lower);
  conf->pin = pin && *pin ? g_strdup (pin) : NULL;
  conf->moderator = g_strdup (moderator);
  conf->jid = g_strdup_printf (JGW_CONFERENCE_PREFIX "%s@%s", conf->name, confs->domain);
  conf->participants = g_ptr_array_new ();
  conf->mixer = jgw_mixer_new (&confs->media, &mixer_callbacks, conf, error);
  if (!conf->mixer) {
    conference_free (conf);
    return NULL;
  }
  g_hash_table_insert (confs->rooms, conf->name, conf);
  g_message ("conference %s created by %s%s", conf->name, moderator, conf->pin ? " with a PIN" : "");
  return conf;
}

JgwConference *
jgw_conferences_find (JgwConferences *confs, const char *name)
{
  return name ? g_hash_table_lookup (confs->rooms, name) : NULL;
}

GPtrArray *
jgw_conferences_of (JgwConferences *confs, const char *bare_jid)
{
  GPtrArray *out = g_ptr_array_new ();
  GHashTableIter it;
  gpointer value;

  g_hash_table_iter_init (&it, confs->rooms);
  while (g_hash_table_iter_next (&it, NULL, &value))
    if (g_ascii_strcasecmp (((JgwConference *) value)->moderator, bare_jid) == 0)
      g_ptr_array_add (out, value);
  return out;
}

void
jgw_conference_end (JgwConference *conf)
{
  g_message ("conference %s ended", conf->name);
  g_hash_table_remove (conf->confs->rooms, conf->name);
}

void
jgw_conference_drop (JgwConference *conf, Participant *p)
{
  if (g_ptr_array_remove (conf->participants, p))
    jgw_participant_free (p);
}

const char *
jgw_conference_name (JgwConference *conf)
{
  return conf->name;
}

const char *
jgw_conference_moderator (JgwConference *conf)
{
  return conf->moderator;
}

gboolean
jgw_conference_has_pin (JgwConference *conf)
{
  return conf->pin != NULL;
}

gboolean
jgw_conference_locked (JgwConference *conf)
{
  return conf->locked;
}

void
jgw_conference_set_locked (JgwConference *conf, gboolean locked)
{
  conf->locked = locked;
  g_message ("conference %s %s", conf->name, locked ? "locked" : "unlocked");
}

gboolean
jgw_conference_invite (JgwConference *conf, const char *target, GError **error)
{
  if (target && g_str_has_prefix (target, "xmpp:"))
    return jgw_participant_invite_xmpp (conf, target + 5, error) != NULL;
  if (!target || !(g_str_has_prefix (target, "sip:") || g_str_has_prefix (target, "sips:"))) {
    g_set_error (error, JGW_CONFERENCE_ERROR, JGW_CONFERENCE_ERROR_INVALID,
                 "not a SIP URI or xmpp:JID: %s", target ? target : "(none)");
    return FALSE;
  }
  return jgw_participant_invite (conf, target, error) != NULL;
}

static void
info_free (gpointer data)
{
  JgwParticipantInfo *info = data;

  g_free (info->id);
  g_free (info->address);
  g_free (info->state);
  g_free (info);
}

GPtrArray *
jgw_conference_participants (JgwConference *conf)
{
  static const char *const states[] = { "calling", "pin", "joined" };
  GPtrArray *out = g_ptr_array_new_with_free_func (info_free);

  for (guint i = 0; i < conf->participants->len; i++) {
    Participant *p = conf->participants->pdata[i];
    JgwParticipantInfo *info = g_new0 (JgwParticipantInfo, 1);

    info->id = g_strdup (p->id);
    info->address = g_strdup (p->address);
    info->state = g_strdup (states[p->state]);
    info->muted = p->leg && jgw_mixer_leg_is_muted (p->leg);
    g_ptr_array_add (out, info);
  }
  return out;
}

static Participant *
find_participant (JgwConference *conf, const char *id, GError **error)
{
  for (guint i = 0; id && i < conf->participants->len; i++) {
    Participant *p = conf->participants->pdata[i];

    if (g_str_equal (p->id, id))
      return p;
  }
  g_set_error (error, JGW_CONFERENCE_ERROR, JGW_CONFERENCE_ERROR_NOT_FOUND,
               "no participant %s in conference %s", id ? id : "(none)", conf->name);
  return NULL;
}

gboolean
jgw_conference_set_mute (JgwConference *conf, const char *id, gboolean mute, GError **error)
{
  Participant *p = find_participant (conf, id, error);

  if (!p || !p->leg)
    return FALSE;
  jgw_mixer_leg_set_mute (p->leg, mute);
  g_message ("conference %s: participant %s %s", conf->name, id, mute ? "muted" : "unmuted");
  return TRUE;
}

gboolean
jgw_conference_remove (JgwConference *conf, const char *id, GError **error)
{
  Participant *p = find_participant (conf, id, error);

  if (!p)
    return FALSE;
  g_message ("conference %s: removing participant %s (%s)", conf->name, id, p->address);
  jgw_conference_drop (conf, p);
  return TRUE;
}
