/* mixer-private.h — what mixer.c (pipeline, mix edges, bus) and
 * mixer_leg.c (negotiation and the elements of one leg) share. Not for use
 * outside src/media. */
#pragma once

#include <gst/gst.h>

#include "media/codec.h"
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
};

struct _JgwMixerLeg {
  JgwMixer *mixer;
  guint id;
  gpointer data;
  JgwRtpLeg *rtp;
  JgwContent *remote;
  gboolean offered;
  const JgwCodec *codec;
  guint8 send_pt, recv_pt;
  int send_te, recv_te;
  JgwRxPath rx;
  JgwTxPath tx;
  /* udpsrc ! decode ! volume ! tee  and  audiomixer ! encode ! udpsink */
  GstElement *src, *dec, *vol, *tee, *mix, *enc, *sink;
  gboolean running, in_mix, muted;
};

/* mixer_leg.c */
/** Add LEG's elements to the pipeline and start them. */
gboolean jgw_mixer_leg_start (JgwMixerLeg *leg, GError **error);
/** Stop LEG's elements and take them out of the pipeline (idempotent). */
void jgw_mixer_leg_stop (JgwMixerLeg *leg);
/** Choose codec and telephone-event from REMOTE. */
gboolean jgw_mixer_leg_negotiate (JgwMixerLeg *leg, const JgwContent *remote, GError **error);

/* mixer.c */
/** Remove every edge from or to LEG. */
void jgw_mixer_unlink_leg (JgwMixer *mixer, JgwMixerLeg *leg);
