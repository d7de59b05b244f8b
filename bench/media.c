/* bench/media.c — cost of bridged media sessions, and the raw bounds they
 * are compared with (not a test; run by hand, see docs/performance.md).
 *
 *   bench/media [N calls] [seconds] [xmpp codec] [sip codec]
 *   JGW_BENCH_IDLE=1 bench/media N      (sessions playing, no traffic)
 *   env: JGW_OPUS_COMPLEXITY (5), JGW_JITTER_LATENCY (40 ms, as [media] jitter-latency)
 *
 * This process runs only the N JgwMediaSessions, so its CPU, threads and
 * RSS are the gateway's. The far ends (the suite's ICE+DTLS-SRTP peer and
 * RTP peer, 20 ms packets both ways = 50 pkt/s per direction) run in a
 * forked peer process (media_peer_proc.c), moved to the CPUs this process
 * is not pinned to; signalling goes over a socketpair (media_bench.h).
 * Latency and loss are measured there, on one clock for both ends. */
#define _GNU_SOURCE
#include <gst/gst.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check_media_peer.h"
#include "harness/harness.h"
#include "media/media.h"
#include "media_bench.h"

typedef struct {
  GIOChannel *ch;
  GQueue lines;             /* of char *, from the peer process */
} Link;

typedef struct {
  JgwMediaSession *s;
  Link *link;
  guint index;
  gboolean secured;
} Call;

static char *ice_addresses[] = { "127.0.0.1", NULL };

static void
on_candidate (JgwMediaSession *s, const JgwCandidate *c, gpointer data)
{
  Call *call = data;
  g_autofree char *word = c ? bench_candidate_encode (c) : g_strdup ("-");

  bench_send (call->link->ch, "XCAND %u %s", call->index, word);
}

static void
on_secured (JgwMediaSession *s, gpointer data)
{
  ((Call *) data)->secured = TRUE;
}

static double
cpu_seconds (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

static long
status_value (const char *key)
{
  g_autofree char *status = NULL;
  const char *p;

  g_file_get_contents ("/proc/self/status", &status, NULL, NULL);
  p = strstr (status, key);
  return p ? atol (p + strlen (key)) : 0;
}

static gboolean
on_peer_line (GIOChannel *ch, GIOCondition cond, gpointer data)
{
  Link *link = data;

  do {
    char *line = bench_read_line (ch);

    if (!line)
      g_error ("bench: the peer process ended");
    g_queue_push_tail (&link->lines, line);
  } while (g_io_channel_get_buffer_condition (ch) & G_IO_IN);
  return G_SOURCE_CONTINUE;
}

/* The peer's next line, which must start with WORD; the rest (transfer full). */
static char *
expect (Link *link, const char *word)
{
  g_autofree char *line = NULL;
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (g_queue_is_empty (&link->lines) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  line = g_queue_pop_head (&link->lines);
  if (!line || !g_str_has_prefix (line, word) || line[strlen (word)] != ' ')
    g_error ("bench: expected %s from the peer process, got %s", word, line ? line : "nothing");
  return g_strdup (line + strlen (word) + 1);
}

/* The content word after the call index in REST. */
static JgwContent *
content_after_index (const char *rest)
{
  const char *sp = strchr (rest, ' ');

  g_assert (sp);
  return bench_content_decode (sp + 1);
}

static void
call_start (Call *c, const JgwMediaConfig *config, const JgwMediaCallbacks *cb, const char *xc,
            const char *sc)
{
  g_autoptr (JgwContent) xoffer = NULL;
  g_autoptr (JgwContent) answer = NULL;
  g_autoptr (JgwContent) offer = NULL;
  g_autoptr (JgwContent) sanswer = NULL;
  g_autofree char *rest = NULL;
  g_autofree char *word = NULL;
  g_autofree char *oword = NULL;
  g_autofree char *srest = NULL;

  bench_send (c->link->ch, "XNEW %u %s", c->index, xc);
  rest = expect (c->link, "XOFFER");
  xoffer = content_after_index (rest);
  c->s = jgw_media_session_new (config, cb, c, NULL);
  g_assert (jgw_media_session_set_remote (c->s, JGW_MEDIA_LEG_XMPP, xoffer, NULL));
  answer = jgw_media_session_get_local (c->s, JGW_MEDIA_LEG_XMPP, NULL);
  word = bench_content_encode (answer);
  bench_send (c->link->ch, "XANSWER %u %s", c->index, word);
  offer = jgw_media_session_get_local (c->s, JGW_MEDIA_LEG_SIP, NULL);
  oword = bench_content_encode (offer);
  bench_send (c->link->ch, "SNEW %u %s %s", c->index, sc, oword);
  srest = expect (c->link, "SANSWER");
  sanswer = content_after_index (srest);
  g_assert (jgw_media_session_set_remote (c->s, JGW_MEDIA_LEG_SIP, sanswer, NULL));
}

/* Gateway side alone: N sessions with running pipelines whose far ends
 * are silent (no peers in the process), for threads and memory per call. */
static void
idle_sessions (guint n, const JgwMediaConfig *config, const JgwMediaCallbacks *cb)
{
  g_autofree JgwMediaSession **s = g_new0 (JgwMediaSession *, n);
  XmppPeer *xp = xmpp_peer_new ("opus", 440); /* only its content is used */
  long rss0, thr0;
  double cpu0;

  bench_run_for (0.2);
  rss0 = status_value ("VmRSS:");
  thr0 = status_value ("Threads:");
  for (guint i = 0; i < n; i++) {
    g_autoptr (JgwContent) sip = jgw_content_new ("audio", "audio");
    g_autoptr (JgwContent) answer = NULL;

    s[i] = jgw_media_session_new (config, cb, NULL, NULL);
    g_assert (jgw_media_session_set_remote (s[i], JGW_MEDIA_LEG_XMPP, xp->content, NULL));
    answer = jgw_media_session_get_local (s[i], JGW_MEDIA_LEG_XMPP, NULL);
    g_ptr_array_add (sip->payloads, jgw_payload_new (8, "PCMA", 8000, 1));
    sip->rtp_addr = g_strdup ("127.0.0.1");
    sip->rtp_port = 9;
    g_assert (jgw_media_session_set_remote (s[i], JGW_MEDIA_LEG_SIP, sip, NULL));
  }
  bench_run_for (1.0);
  cpu0 = cpu_seconds ();
  bench_run_for (3.0);
  printf ("gateway only (opus<->PCMA, %u sessions playing, no traffic): rss/call=%ld kB, "
          "threads/call=%.2f, cpu=%.2f%% of one core\n", n,
          (status_value ("VmRSS:") - rss0) / (long) n,
          (double) (status_value ("Threads:") - thr0) / n, 100 * (cpu_seconds () - cpu0) / 3.0);
  fflush (stdout);
  for (guint i = 0; i < n; i++)
    jgw_media_session_free (s[i]);
  xmpp_peer_free (xp);
  bench_run_for (0.5); /* GStreamer's pool threads finish the freed pipelines' tasks before exit */
}


/* The peer process gets the CPUs this process is not pinned to (all of
 * them when it is not pinned), so far ends never take the gateway's core. */
static void
pin_peer_process (void)
{
  cpu_set_t mine, others;
  long ncpu = sysconf (_SC_NPROCESSORS_ONLN);

  CPU_ZERO (&others);
  if (sched_getaffinity (0, sizeof mine, &mine) != 0)
    return;
  for (long i = 0; i < ncpu && i < CPU_SETSIZE; i++)
    if (!CPU_ISSET (i, &mine))
      CPU_SET (i, &others);
  if (CPU_COUNT (&others) > 0)
    sched_setaffinity (0, sizeof others, &others);
}

/* Forks the peer process; before gst_init, so each process has its own
 * GStreamer (the child never returns). */
static Link *
spawn_peer (pid_t *pid)
{
  int sv[2];
  Link *link = g_new0 (Link, 1);

  if (socketpair (AF_UNIX, SOCK_STREAM, 0, sv) != 0)
    g_error ("bench: socketpair failed");
  *pid = fork ();
  if (*pid < 0)
    g_error ("bench: fork failed");
  if (*pid == 0) {
    close (sv[0]);
    pin_peer_process ();
    gst_init (NULL, NULL);
    _exit (bench_peer_main (sv[1]));
  }
  close (sv[1]);
  link->ch = g_io_channel_unix_new (sv[0]);
  g_io_channel_set_encoding (link->ch, NULL, NULL);
  g_io_channel_set_close_on_unref (link->ch, TRUE);
  g_io_add_watch (link->ch, G_IO_IN | G_IO_HUP, on_peer_line, link);
  return link;
}

/* The number after " KEY=" in a RESULT/BASE line, -1 when absent. */
static double
kv (const char *line, const char *key)
{
  g_autofree char *pat = g_strconcat (" ", key, "=", NULL);
  g_autofree char *padded = g_strconcat (" ", line, NULL);
  const char *p = strstr (padded, pat);

  return p ? g_ascii_strtod (p + strlen (pat), NULL) : -1;
}

static double
kvd (const char *line, const char *dir, const char *key)
{
  g_autofree char *k = g_strconcat (dir, ".", key, NULL);

  return kv (line, k);
}

/* Added latency: the path's median and 95th percentile minus the
 * baseline's median (percentiles do not subtract; this charges the whole
 * tail to the gateway). */
static void
print_direction (const char *dir, const char *name, const char *res, const char *base,
                 double nominal)
{
  double tx = kvd (res, dir, "tx"), rx = kvd (res, dir, "rx"), gaps = kvd (res, dir, "lost");

  printf ("%s: sent %.0f%% of 50 pkt/s/call; delivered %.0f of %.0f (loss %.2f%%; sequence "
          "gaps %.0f)\n", name, 100 * tx / nominal, rx, tx, tx > 0 ? 100 * (tx - rx) / tx : 0, gaps);
  printf ("%s: latency n=%.0f med=%.2f p95=%.2f ms, baseline n=%.0f med=%.2f p95=%.2f ms => "
          "added med=%.2f p95=%.2f ms\n",
          name, kvd (res, dir, "n"), kvd (res, dir, "med"), kvd (res, dir, "p95"),
          kvd (base, dir, "n"), kvd (base, dir, "med"), kvd (base, dir, "p95"),
          kvd (res, dir, "med") - kvd (base, dir, "med"),
          kvd (res, dir, "p95") - kvd (base, dir, "med"));
}

typedef struct {
  double cpu, wall;
  long rss, threads;
  guint up;
} Window;

/* Starts N calls, lets them settle, measures the gateway over SECS; the
 * peer's RESULT line (transfer full) and the calls' sessions freed. */
static char *
measure (Link *link, guint n, double secs, const JgwMediaConfig *config, const char *xc,
         const char *sc, Window *w)
{
  JgwMediaCallbacks cb = { .local_candidate = on_candidate, .secured = on_secured };
  g_autofree Call *calls = g_new0 (Call, n);
  long rss0 = status_value ("VmRSS:"), thr0 = status_value ("Threads:");
  double cpu0;
  gint64 t0;

  for (guint i = 0; i < n; i++) {
    calls[i].link = link;
    calls[i].index = i;
    call_start (&calls[i], config, &cb, xc, sc);
  }
  bench_run_for (3.0); /* ICE, DTLS, jitter buffers settle */
  for (guint i = 0; i < n; i++)
    w->up += calls[i].secured;
  bench_send (link->ch, "MEASURE");
  cpu0 = cpu_seconds ();
  t0 = g_get_monotonic_time ();
  bench_run_for (secs);
  w->cpu = cpu_seconds () - cpu0;
  w->wall = (g_get_monotonic_time () - t0) / 1e6;
  w->rss = status_value ("VmRSS:") - rss0;
  w->threads = status_value ("Threads:") - thr0;
  bench_send (link->ch, "REPORT");
  for (guint i = 0; i < n; i++)
    jgw_media_session_free (calls[i].s);
  return expect (link, "RESULT");
}

static void
print_results (guint n, const char *xc, const char *sc, const JgwMediaConfig *config,
               const Window *w, const double bounds[3], const char *res, const char *base)
{
  gboolean pass = g_str_equal (xc, sc);
  double share = w->cpu / w->wall / n, bound = pass ? bounds[2] / 100 : bounds[1] / 50;

  printf ("calls=%u up=%u %s<->%s cx=%u jitter-latency=%u ms window=%.1f s\n", n, w->up, xc, sc,
          config->opus_complexity, config->jitter_latency, w->wall);
  printf ("gateway process: cpu=%.1f%% of one core, %.3f%%/call => %.0f calls/core "
          "(bound %.0f, ratio %.3f); rss/call=%ld kB; threads/call=%.2f; peer process cpu=%.1f%%\n",
          100 * w->cpu / w->wall, 100 * share, 1 / share, bound, 1 / share / bound,
          w->rss / (long) n, (double) w->threads / n, 100 * kv (res, "peer-cpu") / w->wall);
  print_direction ("x2s", "xmpp->sip", res, base, 50.0 * n * w->wall);
  print_direction ("s2x", "sip->xmpp", res, base, 50.0 * n * w->wall);
  printf ("bounds: opus enc+dec cx%u %.0f frames/cpu-s, with resampling 48<->8 kHz %.0f (= %.0f "
          "transcoded calls/core at 50 frames/s); udp relay %.0f pkt/cpu-s (= %.0f pass-through "
          "calls/core at 100 pkt/s)\n",
          config->opus_complexity, bounds[0], bounds[1], bounds[1] / 50, bounds[2], bounds[2] / 100);
}

int
main (int argc, char **argv)
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 10;
  double secs = argc > 2 ? atof (argv[2]) : 10;
  const char *xc = argc > 3 ? argv[3] : "opus";
  const char *sc = argc > 4 ? argv[4] : "PCMA";
  JgwMediaConfig config = { .ice_addresses = ice_addresses, .port_min = 20000,
                            .port_max = 39999, .opus_complexity = 5, .jitter_latency = 40 };
  g_autofree char *loadavg = NULL;
  g_autofree char *res = NULL;
  g_autofree char *base = NULL;
  double opus_fps, call_fps, relay_pps;
  Window w = { 0 };
  Link *link;
  pid_t pid = 0;

  if (g_getenv ("JGW_OPUS_COMPLEXITY"))
    config.opus_complexity = (guint) atoi (g_getenv ("JGW_OPUS_COMPLEXITY"));
  if (g_getenv ("JGW_JITTER_LATENCY"))
    config.jitter_latency = (guint) atoi (g_getenv ("JGW_JITTER_LATENCY"));
  g_file_get_contents ("/proc/loadavg", &loadavg, NULL, NULL);
  printf ("load average before: %s", loadavg ? loadavg : "?\n");
  if (g_getenv ("JGW_BENCH_IDLE")) {
    JgwMediaCallbacks none = { 0 };

    gst_init (&argc, &argv);
    idle_sessions (n, &config, &none);
    return 0;
  }
  link = spawn_peer (&pid);
  gst_init (&argc, &argv);
  /* Bounds first, while no call runs. */
  bench_codec_bound ((int) config.opus_complexity, &opus_fps, &call_fps);
  relay_pps = bench_udp_bound ();
  bench_run_for (0.2);
  res = measure (link, n, secs, &config, xc, sc, &w);
  bench_send (link->ch, "BASELINE %s %s 4", xc, sc);
  base = expect (link, "BASE");
  print_results (n, xc, sc, &config, &w, (double[]){ opus_fps, call_fps, relay_pps }, res, base);
  bench_send (link->ch, "QUIT");
  waitpid (pid, NULL, 0);
  g_io_channel_unref (link->ch);
  g_queue_clear_full (&link->lines, g_free);
  g_free (link);
  jgw_test_cleanup ();
  return 0;
}
