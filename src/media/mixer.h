/* mixer.h — the audio of a conference: N participant legs in one
 * GStreamer pipeline, each decoded to 16 kHz mono; every participant hears
 * the mix of all the others (mix-minus: one audiomixer per participant fed
 * by every other participant's decoded audio), never itself.
 *
 * Legs are SIP legs (plain RTP on a port pair from [media] port-range,
 * symmetric RTP, RFC 4733 DTMF reported) or XMPP legs (libnice ICE with
 * trickle, DTLS-SRTP with rtcp-mux, the peer's certificate checked
 * against its fingerprint before any media passes; usually Opus). A leg negotiates like a media
 * session's SIP leg: offer (get_local, then set_remote with the answer) or
 * answer (set_remote with the offer, then get_local). Once negotiated its
 * media runs (DTMF is reported) but it is only mixed after
 * jgw_mixer_leg_set_in_mix (TRUE): a caller can type a PIN first.
 *
 * Threads: GStreamer's streaming threads; every callback runs on the main
 * context the mixer was created on.
 *
 * Ownership: jgw_mixer_new() borrows CONFIG and CALLBACKS (they must
 * outlive it). Legs belong to the mixer: jgw_mixer_leg_free() removes one,
 * jgw_mixer_free() removes them all. Contents given are copied, contents
 * returned are the caller's. */
#pragma once

#include <glib.h>

#include "config.h"
#include "mdesc.h"

G_BEGIN_DECLS

typedef struct _JgwMixer JgwMixer;
typedef struct _JgwMixerLeg JgwMixerLeg;

typedef struct {
  /* An RFC 4733 digit ('0'-'9', '*', '#', 'A'-'D') started on LEG. */
  void (*dtmf) (JgwMixer *mixer, JgwMixerLeg *leg, char digit, gpointer user_data);
  /* The pipeline failed: no leg has media any more. */
  void (*failed) (JgwMixer *mixer, const char *message, gpointer user_data);
  /* XMPP leg: a local candidate found after get_local (trickle ICE);
   * CANDIDATE is NULL once gathering is done. */
  void (*local_candidate) (JgwMixer *mixer, JgwMixerLeg *leg, const JgwCandidate *candidate,
                           gpointer user_data);
  /* XMPP leg: ICE or DTLS failed, or the certificate did not match: the
   * leg has no media; free it. */
  void (*leg_failed) (JgwMixer *mixer, JgwMixerLeg *leg, const char *message, gpointer user_data);
} JgwMixerCallbacks;

/** A mixer with no legs; its pipeline runs from now on. */
JgwMixer *jgw_mixer_new (const JgwMediaConfig *config, const JgwMixerCallbacks *callbacks,
                         gpointer user_data, GError **error);
/** Stop everything and free every leg. NULL is allowed. */
void jgw_mixer_free (JgwMixer *mixer);
/** Number of legs (negotiated or not). */
guint jgw_mixer_leg_count (JgwMixer *mixer);

/** A new SIP leg with its RTP port pair bound (JGW_MEDIA_ERROR_NO_PORTS). */
JgwMixerLeg *jgw_mixer_leg_new_sip (JgwMixer *mixer, GError **error);
/** A new XMPP leg: its ICE agent starts gathering at once. */
JgwMixerLeg *jgw_mixer_leg_new_xmpp (JgwMixer *mixer, GError **error);
/** A trickled remote candidate of an XMPP leg; NULL = end-of-candidates. */
gboolean jgw_mixer_leg_add_candidate (JgwMixerLeg *leg, const JgwCandidate *candidate,
                                      GError **error);
/** Remove LEG from the mix, stop its media, release its ports. */
void jgw_mixer_leg_free (JgwMixerLeg *leg);
/** The remote offer or answer (copied); media starts with it. */
gboolean jgw_mixer_leg_set_remote (JgwMixerLeg *leg, const JgwContent *remote, GError **error);
/** Our offer (before set_remote) or answer (after); caller frees. */
JgwContent *jgw_mixer_leg_get_local (JgwMixerLeg *leg, GError **error);
/** Mix LEG in (it hears the others, they hear it) or take it out. */
void jgw_mixer_leg_set_in_mix (JgwMixerLeg *leg, gboolean in_mix);
/** Mute LEG: the others stop hearing it (it still hears them). */
void jgw_mixer_leg_set_mute (JgwMixerLeg *leg, gboolean mute);
gboolean jgw_mixer_leg_is_muted (JgwMixerLeg *leg);
/** The name of the codec in use, or NULL before negotiation. */
const char *jgw_mixer_leg_codec (JgwMixerLeg *leg);
/** Owner data for the leg (not freed by the mixer). */
void jgw_mixer_leg_set_data (JgwMixerLeg *leg, gpointer data);
gpointer jgw_mixer_leg_get_data (JgwMixerLeg *leg);

G_END_DECLS
