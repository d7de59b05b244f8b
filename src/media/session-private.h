/* session-private.h — the session struct, shared by session.c (API and
 * negotiation) and pipeline.c (building and running the GStreamer graph).
 * Not for use outside src/media. */
#pragma once

#include <gst/gst.h>

#include "media/codec.h"
#include "media/ice.h"
#include "media/ingress.h"
#include "media/media.h"
#include "media/path.h"
#include "media/rtcp.h"
#include "media/rtpleg.h"
#include "media/srtcp.h"

typedef struct {
  JgwContent *remote, *local;
  gboolean offered;              /* we sent the offer on this leg */
  const JgwCodec *codec;
  guint8 send_pt, recv_pt;       /* remote's PT (we send with it), ours */
  int send_te, recv_te;          /* telephone-event PTs, -1 = none */
  guint te_rate;                 /* its clock rate (the codec's if offered, else 8000...) */
} JgwLegNeg;

struct _JgwMediaSession {
  const JgwMediaConfig *config;
  const JgwMediaCallbacks *cb;
  gpointer user_data;
  GMainContext *context;
  JgwLegNeg neg[2];

  JgwIceLeg *ice;
  GstElement *dtlsdec;           /* created early: its certificate is our fingerprint */
  char *fingerprint;             /* ours, sha-256 */
  char *conn_id;
  gboolean dtls_client;
  gboolean secured;

  JgwRtpLeg *rtp;
  gboolean srtp_required;        /* offer SDES with RTP/SAVP on the SIP leg */
  GPtrArray *sdes_offer;         /* of JgwCrypto we offered */
  JgwCrypto *sdes_local;         /* key we send with */
  GBytes *sdes_remote_key;       /* key the peer sends with */
  char *sdes_suite;

  GstElement *pipeline;
  JgwIngress *ingress[2];        /* packets into the pipeline, by leg */
  GstElement *vol[2];            /* volume elements by destination leg (transcoding) */
  guint bus_watch, timer;
  gboolean passthrough, failed;
  gboolean early;                /* early media: the media timeout waits for the answer */
  gint64 started_us;
  JgwRxPath rx[2];
  JgwTxPath tx[2];

  /* RTCP, terminated per leg (rtcp.h); see rtcp_io.c. */
  JgwRtcpLeg *rtcp[2];
  GstPad *rtcp_pad;              /* XMPP leg: our reports into dtlssrtpenc */
  gboolean rtcp_pad_ready;       /* sticky events sent (XMPP sender thread only) */
  GSource *rtcp_source;          /* SIP leg: reads the RTCP socket */
  GMutex rtcp_lock;              /* guards rtcp_dest */
  GSocketAddress *rtcp_dest;     /* SIP leg: where reports go (symmetric RTCP) */
  JgwSrtcp *srtcp;               /* SIP leg with SDES: protects our reports, checks theirs */
};

/** Create the RTCP legs (at session creation). */
void jgw_media_rtcp_init (JgwMediaSession *session);
/** Hook RTCP into the XMPP leg: ENC is dtlssrtpenc, the decoder is s->dtlsdec. */
gboolean jgw_media_rtcp_build_xmpp (JgwMediaSession *session, GstElement *enc, GError **error);
/** Start RTCP on the SIP leg (SRTCP with SDES) once its remote is known. */
void jgw_media_rtcp_start_sip (JgwMediaSession *session);
/** Undo the build/start above after the pipeline stopped (idempotent). */
void jgw_media_rtcp_stop (JgwMediaSession *session);
/** Free the RTCP legs (at session free). */
void jgw_media_rtcp_clear (JgwMediaSession *session);

/** Build the pipeline once both legs are negotiated and set it playing. */
gboolean jgw_media_pipeline_start (JgwMediaSession *session, GError **error);
/** Apply the SIP leg's renegotiated address and payload types to the running pipeline. */
void jgw_media_pipeline_update_sip (JgwMediaSession *session);
/** Stop and drop the pipeline (idempotent). */
void jgw_media_pipeline_stop (JgwMediaSession *session);
/** Report FAILED once and stop media. */
void jgw_media_session_fail (JgwMediaSession *session, JgwMediaFailure reason,
                             const char *message);
