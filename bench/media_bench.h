/* media_bench.h — what bench/media's two processes share: the line
 * protocol between the gateway process (the JgwMediaSessions, measured)
 * and the peer process (every far end, and the latency probes), and the
 * probes themselves.
 *
 * Protocol (one line per message, fields separated by spaces; contents
 * are base64 keyfiles, see bench_content_encode):
 *   gw -> peer: XNEW i codec | XANSWER i content | XCAND i cand|- |
 *               SNEW i codec content | MEASURE | REPORT |
 *               BASELINE xmpp-codec sip-codec seconds | QUIT
 *   peer -> gw: XOFFER i content | SANSWER i content | RESULT k=v... |
 *               BASE k=v...
 * Ownership: returned strings and contents are new (g_free /
 * jgw_content_free); a BenchDir is owned by whoever embeds it. */
#pragma once

#include <gst/gst.h>

#include "mdesc.h"

/* One direction of audio between two far ends: loss counted where the
 * receiver gets RTP, latency samples (ms) from stamped packets
 * (pass-through) or tone onsets in decoded audio (transcoding). */
typedef struct {
  GMutex lock;
  gint64 last_onset_sent;   /* monotonic us, 0 = none pending */
  gint64 last_onset_heard;
  guint tx_frames;
  guint32 noise_seed;        /* the sender's quiet background */
  gboolean have_seq;
  guint64 sent;              /* packets (20 ms frames) the sender sent */
  guint64 first_seq, max_seq, received;
  guint64 merged_lost;       /* from bench_dir_merge */
  GArray *samples;          /* of double, ms */
} BenchDir;

void bench_dir_init (BenchDir *d);
void bench_dir_clear (BenchDir *d);
/** Forgets counts and samples (start of the measuring window). */
void bench_dir_reset (BenchDir *d);
/** Adds FROM's counts and samples to INTO. */
void bench_dir_merge (BenchDir *into, BenchDir *from);
/** "tx=.. rx=.. lost=.. n=.. med=.. p95=.." of D, with PREFIX before each key. */
char *bench_dir_report (BenchDir *d, const char *prefix);

/** Counts RTP packets (and sequence gaps) passing PAD into D. */
void bench_probe_rtp_rx (GstPad *pad, BenchDir *d);
/** Pass-through: writes a send time into each RTP payload passing PAD... */
void bench_probe_stamp_tx (GstPad *pad, BenchDir *d);
/** ...and reads it back where the other end receives it (in the clear). */
void bench_probe_stamp_rx (GstPad *pad, BenchDir *d);
/** Transcoding: PAD (raw audio of a live 20 ms source) sends a loud 20 ms
 * frame once per second over a quiet background... */
void bench_probe_onset_tx (GstPad *pad, BenchDir *d);
/** ...detected in the receiver's decoded audio (S16 mono, RATE Hz). */
void bench_probe_onset_rx (GstPad *pad, BenchDir *d, guint rate);

/** Sends one line (printf format, newline added) on CH. */
void bench_send (GIOChannel *ch, const char *fmt, ...) G_GNUC_PRINTF (2, 3);
/** Reads one line without its newline; NULL at end of stream. */
char *bench_read_line (GIOChannel *ch);
/** Run the main loop for SECONDS, blocking in poll like the daemon (a busy
 * loop with sleeps would add up to its sleep to every packet's latency). */
void bench_run_for (double seconds);
/** A content as one base64 word. */
char *bench_content_encode (const JgwContent *c);
/** The content of bench_content_encode()'s word (aborts on garbage). */
JgwContent *bench_content_decode (const char *word);
/** A candidate as one word, and back. */
char *bench_candidate_encode (const JgwCandidate *c);
JgwCandidate *bench_candidate_decode (const char *word);

/** Per CPU-second: 20 ms frames libopus encodes+decodes at COMPLEXITY
 *  (OPUS_FPS), and the same plus resampling 48 <-> 8 kHz (CALL_FPS). */
void bench_codec_bound (int complexity, double *opus_fps, double *call_fps);
/** Loopback UDP packets relayed (receive + send) per CPU-second. */
double bench_udp_bound (void);

/** The peer process: serves the protocol on socket FD until QUIT. */
int bench_peer_main (int fd);
