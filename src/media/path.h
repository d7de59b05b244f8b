/* path.h — per-packet work on both legs, done in pad probes on GStreamer's
 * streaming threads: accept/drop by payload type, RFC 3550 receive
 * statistics, RFC 4733 DTMF parsing and generation, pass-through payload
 * type rewriting, hold/mute, symmetric-RTP latching.
 *
 * Each JgwRxPath/JgwTxPath is embedded in the session and guarded by its
 * own mutex; the probes and the main-context API both take it. Events for
 * the main context are posted as application messages on the pipeline bus
 * (names in JGW_PATH_MSG_*), never as direct calls. */
#pragma once

#include <gst/gst.h>
#include <gio/gio.h>

G_BEGIN_DECLS

#define JGW_PATH_MSG_DTMF "jgw-dtmf"    /* fields: leg (int), digit (int) */
#define JGW_PATH_MSG_LATCH "jgw-latch"  /* fields: leg, address (string) */

typedef struct _JgwRtcpLeg JgwRtcpLeg;

typedef struct {
  char digit;
  guint duration;          /* RTP clock units; 0 = until jgw_tx_path_dtmf_stop() */
  gboolean stopped;        /* open-ended, and its end came before it started */
} JgwDtmfRequest;

typedef struct {
  GMutex lock;
  guint8 audio_pt;
  int te_pt;               /* -1: peer did not negotiate telephone-event */
  guint clock_rate;
  guint te_rate;           /* telephone-event clock rate (may differ from the audio's) */
  gboolean passthrough, hold, mute;
  gboolean blocked;        /* XMPP leg: until the peer's DTLS certificate is verified */
  guint8 silence_byte;     /* pass-through mute: fill instead of drop */
  int fwd_te_pts[2];       /* pass-through: the other leg's telephone-event PTs, forwarded */
  guint64 packets_sent;
  JgwRtcpLeg *rtcp;        /* told about every packet sent; NULL = no RTCP */
  /* DTMF generation: replaces outgoing audio packets, keeps seq/SSRC. */
  GQueue pending;          /* of JgwDtmfRequest* */
  JgwDtmfRequest *current;
  gboolean stop_requested;
  guint32 start_ts, last_ts, final_duration;
  guint end_left, gap_left;
  gboolean first;
} JgwTxPath;

typedef struct {
  GMutex lock;
  int leg;
  guint8 pts[2];           /* accepted audio payload types (ours, theirs) */
  int te_pts[2];
  guint clock_rate;
  gint gate_open;          /* atomic: FALSE drops everything (until DTLS verified) */
  gint64 last_rx_us;       /* atomic-ish: read under lock */
  GstElement *bus_element; /* pipeline, to post messages on (no ref) */
  JgwTxPath *relay;        /* other leg's sender, for DTMF relay; NULL = none */
  gboolean forward_te;     /* pass-through, telephone-event at the same rate on both legs */
  gboolean event_forwarded; /* the current event is forwarded as is (else regenerated) */
  /* Transcoding: an event replaces audio, so the decoder would starve and
   * the other leg's packets (which carry relayed DTMF) would stop; each
   * event packet is turned into a silent audio packet instead. */
  int filler;              /* -1 drop; 0x100 Opus PLC packet; else G.711 byte */
  guint32 last_audio_ts, audio_step;
  /* RFC 3550 receive statistics */
  gboolean have_seq;
  guint32 ssrc, cycles, received, bytes;
  guint32 base_received;   /* received when the current SSRC started */
  guint64 lost_before;     /* lost under earlier SSRCs */
  guint16 base_seq, max_seq;
  gint64 prev_transit;
  double jitter;           /* RTP units */
  /* DTMF parsing */
  gboolean have_event, event_ended;
  guint32 event_ts;
  /* symmetric RTP */
  GstElement *latch_sink;  /* udpsink to re-point; NULL = no latching */
  GInetSocketAddress *latched;
} JgwRxPath;

void jgw_tx_path_init (JgwTxPath *tx);
void jgw_tx_path_clear (JgwTxPath *tx);
/** Queue DIGIT for DURATION (RTP units; 0 = until stop). */
void jgw_tx_path_dtmf_start (JgwTxPath *tx, char digit, guint duration);
/** End the current open-ended digit (relayed DTMF end). */
void jgw_tx_path_dtmf_stop (JgwTxPath *tx);
/** Probe for the pad that feeds the sender of the leg; user data is the JgwTxPath. */
GstPadProbeReturn jgw_tx_path_probe (GstPad *pad, GstPadProbeInfo *info, gpointer user_data);

void jgw_rx_path_init (JgwRxPath *rx, int leg);
void jgw_rx_path_clear (JgwRxPath *rx);
/** Probe for the pad after the receiver/decryptor; user data is the JgwRxPath. */
GstPadProbeReturn jgw_rx_path_probe (GstPad *pad, GstPadProbeInfo *info, gpointer user_data);
/** Packets lost so far (expected - received). */
guint64 jgw_rx_path_lost (JgwRxPath *rx);

/** The peer's DTLS certificate is verified: let packets through both ways. */
void jgw_path_open_secured (JgwRxPath *rx, JgwTxPath *tx);

/** RFC 4733 event code of DIGIT, or -1. */
int jgw_dtmf_event (char digit);
/** Digit of an RFC 4733 event code, or 0. */
char jgw_dtmf_digit (int event);

G_END_DECLS
