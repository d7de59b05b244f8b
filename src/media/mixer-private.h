/* mixer-private.h — what mixer.c (pipeline, mix edges, bus) and
 * mixer_leg.c (negotiation and the elements of one leg) share. Not for use
 * outside src/media. */
#pragma once

#include <gst/gst.h>

#include "media/codec.h"
#include "media/ice.h"
#include "media/ingress.h"
#include "media/media.h"
#include "media/mixer.h"
#include "media/path.h"
#include "media/rtpleg.h"

struct _JgwMixer {
  const JgwMediaConfig *config;
  const JgwMixerCallbacks *cb;
  gpointer user_data;
  GstElement *pipeline;
  guint bus_watch;
  guint next_id;
  gboolean failed;
  GPtrArray *legs;    /* JgwMixerLeg*, owned */
  GPtrArray *edges;   /* MixEdge*, owned: one per (speaker, listener) pair */
  GArray *failed_legs; /* ids of legs to report as failed (from an idle) */
  guint fail_idle;
};

struct _JgwMixerLeg {
  JgwMixer *mixer;
  guint id;
  gpointer data;
  JgwRtpLeg *rtp;            /* SIP leg */
  JgwIceLeg *ice;            /* XMPP leg (mixer_xmpp.c) */
  JgwIngress *ingress;       /* XMPP leg: its packets into the pipeline */
  GstElement *dtlsdec;       /* XMPP: made early, its certificate is our fingerprint */
  char *fingerprint, *conn_id;
  gboolean dtls_client, secured;
  JgwContent *remote;
  gboolean offered;
  const JgwCodec *codec;
  guint8 send_pt, recv_pt;
  int send_te, recv_te;
  guint te_rate;             /* of telephone-event (may differ from the audio's); 0 = none */
  JgwRxPath rx;
  JgwTxPath tx;
  /* udpsrc ! decode ! volume ! tee  and  audiomixer ! encode ! udpsink */
  GstElement *src, *dec, *vol, *tee, *mix, *enc, *sink; /* src: SIP legs only */
  GstElement *dtlsenc, *rtcp_sink; /* XMPP leg: around dtlsdec */
  gboolean running, in_mix, muted;
  GstClockTime next_pts;     /* retiming of its decoded audio (streaming thread) */
  GstClock *clock;           /* the pipeline's, taken on the main thread */
  GstClockTime base_time;
};

/* mixer_leg.c */
/** Add LEG's elements to the pipeline and start them. */
gboolean jgw_mixer_leg_start (JgwMixerLeg *leg, GError **error);
/** Stop LEG's elements and take them out of the pipeline (idempotent). */
void jgw_mixer_leg_stop (JgwMixerLeg *leg);
/** Choose codec and telephone-event from REMOTE. */
gboolean jgw_mixer_leg_negotiate (JgwMixerLeg *leg, const JgwContent *remote, GError **error);

/* mixer_xmpp.c */
/** Set up ICE and the DTLS element of a new XMPP LEG. */
gboolean jgw_mixer_xmpp_init (JgwMixerLeg *leg, GError **error);
void jgw_mixer_xmpp_clear (JgwMixerLeg *leg);
/** Remote ICE credentials/candidates and the DTLS role from REMOTE. */
gboolean jgw_mixer_xmpp_set_remote (JgwMixerLeg *leg, const JgwContent *remote, GError **error);
/** ICE transport and fingerprint of our offer or answer into C. */
void jgw_mixer_xmpp_describe (JgwMixerLeg *leg, JgwContent *c);
/** nicesrc ! dtlssrtpdec and dtlssrtpenc ! nicesink around DEC and ENC. */
gboolean jgw_mixer_xmpp_build (JgwMixerLeg *leg, GError **error);
/** Bus message of LEG's DTLS elements (peer certificate, failure). */
void jgw_mixer_xmpp_message (JgwMixerLeg *leg, const GstStructure *st);

/* mixer.c */
/** LEG lost its media: tell the owner. */
void jgw_mixer_leg_fail (JgwMixerLeg *leg, const char *message);
/** Remove every edge from or to LEG. */
void jgw_mixer_unlink_leg (JgwMixer *mixer, JgwMixerLeg *leg);
