/* media_peer_proc.c — bench/media's peer process: every call's two far
 * ends (the suite's ICE+DTLS-SRTP XMPP peer and plain RTP SIP peer), the
 * loss and latency probes on them, and the baseline (the same probes
 * between two far ends talking directly, without the gateway). It runs in
 * its own process so that the gateway process's CPU, threads and memory
 * are the gateway's alone; one process for both ends of every call gives
 * one clock for latency. */
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "check_media_peer.h"
#include "harness/harness.h"
#include "media_bench.h"

typedef struct {
  XmppPeer *xp;
  SipPeer *sp;
  BenchDir x2s, s2x;
} PeerCall;

typedef struct {
  GIOChannel *ch;
  GMainLoop *loop;
  GPtrArray *calls;         /* of PeerCall, by index */
  double cpu0;
} Peer;

static double
cpu_seconds (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

/* A pad of the element named NAME, or of the first element made by the
 * factory NAME (the peers' audio sources have no name). */
static GstPad *
pad_of (GstElement *pipeline, const char *name, const char *pad)
{
  g_autoptr (GstElement) e = gst_bin_get_by_name (GST_BIN (pipeline), name);
  g_autoptr (GstIterator) it = NULL;
  GValue v = G_VALUE_INIT;

  if (!e) {
    it = gst_bin_iterate_recurse (GST_BIN (pipeline));
    while (!e && gst_iterator_next (it, &v) == GST_ITERATOR_OK) {
      GstElement *x = g_value_get_object (&v);
      GstElementFactory *f = gst_element_get_factory (x);

      if (f && g_str_equal (GST_OBJECT_NAME (f), name))
        e = gst_object_ref (x);
      g_value_reset (&v);
    }
    g_value_unset (&v);
  }
  if (!e)
    g_error ("bench: no element %s", name);
  return gst_element_get_static_pad (e, pad);
}

/* The sending end of a direction: stamps (pass-through) or onsets. */
static void
probe_tx (GstElement *pipeline, const char *rtp_elem, const char *rtp_pad, gboolean stamp,
          BenchDir *d)
{
  g_autoptr (GstPad) pad = stamp ? pad_of (pipeline, rtp_elem, rtp_pad)
                                 : pad_of (pipeline, "audiotestsrc", "src");

  if (stamp)
    bench_probe_stamp_tx (pad, d);
  else
    bench_probe_onset_tx (pad, d);
}

static void
probe_rx (GstElement *pipeline, const char *rtp_elem, const char *rtp_pad, gboolean stamp,
          BenchDir *d)
{
  g_autoptr (GstPad) pad = pad_of (pipeline, rtp_elem, rtp_pad);
  g_autoptr (GstPad) audio = pad_of (pipeline, "rec", "sink");

  bench_probe_rtp_rx (pad, d);
  if (stamp)
    bench_probe_stamp_rx (pad, d);
  else
    bench_probe_onset_rx (audio, d, 8000);
}

static void
sip_probes (SipPeer *sp, BenchDir *tx, BenchDir *rx, gboolean stamp)
{
  probe_tx (sp->pipeline, "usink", "sink", stamp, tx);
  probe_rx (sp->pipeline, "usrc", "src", stamp, rx);
}

static PeerCall *
call_at (Peer *p, const char *index)
{
  guint i = (guint) atoi (index);

  if (i >= p->calls->len || !p->calls->pdata[i])
    g_error ("bench peer: no call %u", i);
  return p->calls->pdata[i];
}

static void
call_free (gpointer data)
{
  PeerCall *c = data;

  if (!c)
    return;
  if (c->sp)
    sip_peer_free (c->sp);
  xmpp_peer_free (c->xp);
  bench_dir_clear (&c->x2s);
  bench_dir_clear (&c->s2x);
  g_free (c);
}

static void
on_xnew (Peer *p, char **f)
{
  guint i = (guint) atoi (f[1]);
  PeerCall *c = g_new0 (PeerCall, 1);
  g_autofree char *word = NULL;

  bench_dir_init (&c->x2s);
  bench_dir_init (&c->s2x);
  c->xp = xmpp_peer_new (f[2], 440);
  if (p->calls->len <= i)
    g_ptr_array_set_size (p->calls, i + 1);
  p->calls->pdata[i] = c;
  word = bench_content_encode (c->xp->content);
  bench_send (p->ch, "XOFFER %u %s", i, word);
}

static void
on_snew (Peer *p, char **f)
{
  PeerCall *c = call_at (p, f[1]);
  g_autoptr (JgwContent) offer = bench_content_decode (f[3]);
  gboolean stamp = g_str_equal (c->xp->codec, f[2]);
  g_autofree char *word = NULL;

  c->sp = sip_peer_new (f[2], 1000, offer, FALSE);
  sip_probes (c->sp, &c->s2x, &c->x2s, stamp);
  probe_tx (c->xp->pipeline, "enc", "rtp_sink_0", stamp, &c->x2s);
  probe_rx (c->xp->pipeline, "dec", "rtp_src", stamp, &c->s2x);
  word = bench_content_encode (c->sp->content);
  bench_send (p->ch, "SANSWER %s %s", f[1], word);
}

static void
on_report (Peer *p)
{
  BenchDir x2s, s2x;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  bench_dir_init (&x2s);
  bench_dir_init (&s2x);
  for (guint i = 0; i < p->calls->len; i++) {
    PeerCall *c = p->calls->pdata[i];

    bench_dir_merge (&x2s, &c->x2s);
    bench_dir_merge (&s2x, &c->s2x);
  }
  a = bench_dir_report (&x2s, "x2s.");
  b = bench_dir_report (&s2x, "s2x.");
  bench_send (p->ch, "RESULT %s %s peer-cpu=%.3f", a, b, cpu_seconds () - p->cpu0);
  bench_dir_clear (&x2s);
  bench_dir_clear (&s2x);
}

/* PAIRS pairs of plain RTP far ends sending CODEC straight to each other,
 * both ways, with the probes of a call; D gets both directions. */
static void
baseline (const char *codec, gboolean stamp, double secs, BenchDir *d)
{
  enum { PAIRS = 4 };
  SipPeer *a[PAIRS], *b[PAIRS];
  BenchDir ab[PAIRS], ba[PAIRS];
  g_autoptr (JgwContent) nowhere = jgw_content_new ("audio", "audio");

  nowhere->rtp_addr = g_strdup ("127.0.0.1");
  nowhere->rtp_port = 9;
  for (int i = 0; i < PAIRS; i++) {
    g_autoptr (JgwContent) to_a = jgw_content_new ("audio", "audio");
    g_autoptr (GstElement) usink = NULL;

    a[i] = sip_peer_new (codec, 440, nowhere, FALSE);
    to_a->rtp_addr = g_strdup ("127.0.0.1");
    to_a->rtp_port = a[i]->port;
    b[i] = sip_peer_new (codec, 1000, to_a, FALSE);
    usink = gst_bin_get_by_name (GST_BIN (a[i]->pipeline), "usink");
    g_object_set (usink, "port", (gint) b[i]->port, NULL);
    bench_dir_init (&ab[i]);
    bench_dir_init (&ba[i]);
    sip_probes (a[i], &ab[i], &ba[i], stamp);
    sip_probes (b[i], &ba[i], &ab[i], stamp);
  }
  bench_run_for (2.0);
  for (int i = 0; i < PAIRS; i++) {
    bench_dir_reset (&ab[i]);
    bench_dir_reset (&ba[i]);
  }
  bench_run_for (secs);
  for (int i = 0; i < PAIRS; i++) {
    sip_peer_free (a[i]);
    sip_peer_free (b[i]);
    bench_dir_merge (d, &ab[i]);
    bench_dir_merge (d, &ba[i]);
    bench_dir_clear (&ab[i]);
    bench_dir_clear (&ba[i]);
  }
}

/* X->S without the gateway is the XMPP end's codec end to end, S->X the
 * SIP end's; in pass-through both are the same codec. */
static void
on_baseline (Peer *p, char **f)
{
  gboolean stamp = g_str_equal (f[1], f[2]);
  double secs = g_ascii_strtod (f[3], NULL);
  BenchDir x2s, s2x;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  /* The calls' far ends go first: the baseline is the quiet, direct path. */
  g_ptr_array_set_size (p->calls, 0);
  bench_dir_init (&x2s);
  bench_dir_init (&s2x);
  baseline (f[1], stamp, secs, &x2s);
  baseline (f[2], stamp, secs, &s2x);
  a = bench_dir_report (&x2s, "x2s.");
  b = bench_dir_report (&s2x, "s2x.");
  bench_send (p->ch, "BASE %s %s", a, b);
  bench_dir_clear (&x2s);
  bench_dir_clear (&s2x);
}

static void
on_measure (Peer *p)
{
  for (guint i = 0; i < p->calls->len; i++) {
    PeerCall *c = p->calls->pdata[i];

    bench_dir_reset (&c->x2s);
    bench_dir_reset (&c->s2x);
  }
  p->cpu0 = cpu_seconds ();
}

static void
dispatch (Peer *p, const char *line)
{
  g_auto (GStrv) f = g_strsplit (line, " ", 0);
  guint n = g_strv_length (f);

  if (n == 3 && g_str_equal (f[0], "XNEW"))
    on_xnew (p, f);
  else if (n == 3 && g_str_equal (f[0], "XANSWER")) {
    g_autoptr (JgwContent) answer = bench_content_decode (f[2]);

    xmpp_peer_set_remote (call_at (p, f[1])->xp, answer);
  } else if (n == 3 && g_str_equal (f[0], "XCAND")) {
    JgwCandidate *cand = g_str_equal (f[2], "-") ? NULL : bench_candidate_decode (f[2]);

    xmpp_peer_add_candidate (call_at (p, f[1])->xp, cand);
    if (cand)
      jgw_candidate_free (cand);
  } else if (n == 4 && g_str_equal (f[0], "SNEW"))
    on_snew (p, f);
  else if (n == 1 && g_str_equal (f[0], "MEASURE"))
    on_measure (p);
  else if (n == 1 && g_str_equal (f[0], "REPORT"))
    on_report (p);
  else if (n == 4 && g_str_equal (f[0], "BASELINE"))
    on_baseline (p, f);
  else if (n == 1 && g_str_equal (f[0], "QUIT"))
    g_main_loop_quit (p->loop);
  else
    g_error ("bench peer: bad line %s", line);
}

static gboolean
on_input (GIOChannel *ch, GIOCondition cond, gpointer data)
{
  Peer *p = data;

  do {
    g_autofree char *line = bench_read_line (ch);

    if (!line) {
      g_main_loop_quit (p->loop);
      return G_SOURCE_REMOVE;
    }
    dispatch (p, line);
  } while (g_io_channel_get_buffer_condition (ch) & G_IO_IN);
  return G_SOURCE_CONTINUE;
}

int
bench_peer_main (int fd)
{
  Peer p = { 0 };

  p.ch = g_io_channel_unix_new (fd);
  g_io_channel_set_encoding (p.ch, NULL, NULL);
  p.loop = g_main_loop_new (NULL, FALSE);
  p.calls = g_ptr_array_new_with_free_func (call_free);
  g_io_add_watch (p.ch, G_IO_IN | G_IO_HUP, on_input, &p);
  g_main_loop_run (p.loop);
  g_ptr_array_unref (p.calls);
  g_main_loop_unref (p.loop);
  g_io_channel_unref (p.ch);
  jgw_test_cleanup ();
  return 0;
}
