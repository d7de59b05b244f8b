/* baresip.c — start and drive a test baresip (see baresip.h). */
#include "harness/baresip.h"

#include <check.h>
#include <string.h>

#include "harness/tone.h"
#include "harness/wav.h"

static const char config_fmt[] =
  "poll_method\tepoll\n"
  "sip_listen\t127.0.0.1:%u\n"
  "sip_trans_def\tudp\n"
  "sip_verify_server\tno\n"
  "call_local_timeout\t120\n"
  "call_max_calls\t4\n"
  "audio_player\talsa,null\n"
  "audio_source\tausine,%u\n"
  "ausrc_srate\t48000\n"
  "ausrc_channels\t2\n"
  "auplay_srate\t48000\n"
  "audio_alert\talsa,null\n"
  "audio_level\tno\n"
  "rtp_ports\t%u-%u\n"
  "rtcp_mux\tno\n"
  "dns_server\t127.0.0.1:53\n"
  "dns_fallback\t127.0.0.1:53\n"
  "net_interface\t127.0.0.1\n"
  "module_path\t/usr/lib/baresip/modules\n"
  "module\tg711.so\n"
  "module\tausine.so\n"
  "module\talsa.so\n"
  "module\tctrl_tcp.so\n"
  "module_app\taccount.so\n"
  "module_app\tmenu.so\n"
  "ctrl_tcp_listen\t127.0.0.1:%u\n"
  "%s";

/* One try at starting B on fresh ports: FALSE if baresip exited (a port
 * taken meanwhile by another test program) or did not listen in time. */
static gboolean
try_start (JgwTestBaresip *b, const JgwTestBaresipOptions *o, const char *log)
{
  /* baresip also binds SIP/TLS on sip_port + 1: keep that one free too. */
  b->sip_port = jgw_test_free_ports (3);
  b->ctrl_port = b->sip_port + 2;
  g_free (b->uri);
  b->uri = g_strdup_printf ("sip:%s@127.0.0.1:%u", o->user, b->sip_port);
  guint16 rtp = jgw_test_free_ports (8);
  g_autofree char *rec = g_build_filename (b->dir, "rec", NULL);
  /* sndfile dumps both directions; files are named by time only. */
  g_autofree char *extra = g_strdup_printf (
    "%s%s%s%s", o->record ? "module\tsndfile.so\nsnd_path\t" : "", o->record ? rec : "", o->record ? "\n" : "",
    o->mediaenc ? "module\tsrtp.so\nmodule\trtcpsummary.so\n" : "");
  g_autofree char *config = g_strdup_printf (config_fmt, b->sip_port, o->tone_hz ? o->tone_hz : 440, rtp,
                                             rtp + 7, b->ctrl_port, extra);
  g_autofree char *account = g_strdup_printf (
    "<sip:%s@127.0.0.1>;regint=0;answermode=%s;audio_codecs=%s%s%s\n", o->user, o->answermode,
    o->codecs ? o->codecs : "PCMU/8000/1", o->mediaenc ? ";mediaenc=" : "", o->mediaenc ? o->mediaenc : "");
  const char *argv[] = { "baresip", "-f", b->dir, "-t", "60", NULL };

  g_mkdir_with_parents (rec, 0700);
  jgw_test_write_file (b->dir, "config", config);
  jgw_test_write_file (b->dir, "accounts", account);
  b->proc = jgw_test_spawn (argv, b->dir, log);
  for (int waited = 0; waited < 10000 && jgw_test_running (b->proc); waited += 250)
    if (jgw_test_wait_tcp (b->ctrl_port, 250))
      return TRUE;
  jgw_test_stop (b->proc, 3000);
  return FALSE;
}

JgwTestBaresip *
jgw_test_baresip_start_full (const JgwTestBaresipOptions *o)
{
  ck_assert_msg (jgw_test_have ("baresip"), "baresip is not installed");
  JgwTestBaresip *b = g_new0 (JgwTestBaresip, 1);
  b->dir = g_strdup (jgw_test_tmpdir ("baresip"));
  g_autofree char *log = g_build_filename (b->dir, "baresip.log", NULL);

  for (int attempt = 0; attempt < 3; attempt++)
    if (try_start (b, o, log))
      return b;
  ck_abort_msg ("baresip did not start three times; see %s", log);
  return NULL;
}

JgwTestBaresip *
jgw_test_baresip_start (const char *user, const char *answermode)
{
  JgwTestBaresipOptions o = { .user = user, .answermode = answermode };
  return jgw_test_baresip_start_full (&o);
}

char *
jgw_test_baresip_recording (JgwTestBaresip *b)
{
  g_autofree char *rec = g_build_filename (b->dir, "rec", NULL);
  g_autoptr (GDir) dir = g_dir_open (rec, 0, NULL);
  const char *name;
  char *newest = NULL;
  while (dir && (name = g_dir_read_name (dir)))
    if (g_str_has_suffix (name, "-dec.wav") && (newest == NULL || strcmp (name, newest) > 0))
      {
        g_free (newest);
        newest = g_strdup (name);
      }
  g_autofree char *found = newest;
  return found ? g_build_filename (rec, found, NULL) : NULL;
}

gboolean
jgw_test_baresip_command (JgwTestBaresip *b, const char *command, const char *params)
{
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_socket_client_set_timeout (client, 5);
  g_autoptr (GSocketConnection) conn =
    g_socket_client_connect_to_host (client, "127.0.0.1", b->ctrl_port, NULL, NULL);
  if (conn == NULL)
    return FALSE;
  g_autofree char *json = g_strdup_printf ("{\"command\":\"%s\",\"params\":\"%s\",\"token\":\"t\"}",
                                           command, params ? params : "");
  g_autofree char *netstring = g_strdup_printf ("%zu:%s,", strlen (json), json);
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (conn));
  if (!g_output_stream_write_all (out, netstring, strlen (netstring), NULL, NULL, NULL))
    return FALSE;
  /* Events may come before the response; read until the response. */
  g_autoptr (GString) got = g_string_new (NULL);
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (conn));
  char buf[2048];
  for (int i = 0; i < 8 && !strstr (got->str, "\"response\":true"); i++)
    {
      gssize n = g_input_stream_read (in, buf, sizeof buf, NULL, NULL);
      if (n <= 0)
        break;
      g_string_append_len (got, buf, n);
    }
  const char *resp = strstr (got->str, "\"response\":true");
  return resp != NULL && strstr (resp, "\"ok\":true") != NULL;
}

void
jgw_test_baresip_free (JgwTestBaresip *b)
{
  if (b == NULL)
    return;
  jgw_test_stop (b->proc, 3000);
  g_free (b->dir);
  g_free (b->uri);
  g_free (b);
}

JgwTestBaresip *
jgw_test_baresip_phone (const char *user, guint tone_hz)
{
  JgwTestBaresipOptions o = { .user = user, .answermode = "auto", .tone_hz = tone_hz, .record = TRUE };
  return jgw_test_baresip_start_full (&o);
}

char *
jgw_test_baresip_final_recording (JgwTestBaresip *b, guint timeout_ms)
{
  ck_assert_msg (jgw_test_wait_log (b->proc, "terminated", 0, timeout_ms), "the phone's call did not end: %s", b->dir);
  char *path = jgw_test_baresip_recording (b);
  ck_assert_msg (path != NULL, "baresip recorded nothing: %s", b->dir);
  return path;
}

void
jgw_test_baresip_assert_heard (JgwTestBaresip *b, double hz, guint timeout_ms)
{
  g_autofree char *path = jgw_test_baresip_final_recording (b, timeout_ms);
  g_autofree char *why = NULL;
  gsize n = 0;
  guint rate = 0;
  g_autofree gint16 *samples = jgw_test_wav_read (path, &n, &rate, &why);
  ck_assert_msg (samples != NULL, "%s", why);
  ck_assert_msg (n > rate * 2, "only %zu samples recorded", n);
  /* The best second of the recording, in half-second steps: the call's
   * start and end, and a packet lost on a loaded machine, must not hide a
   * tone that was there. */
  double best = 0, level = -120;
  for (gsize at = 0; at + rate <= n; at += rate / 2)
    {
      double share = jgw_tone_share (samples + at, rate, rate, hz);
      if (share > best)
        best = share, level = jgw_tone_rms_db (samples + at, rate);
    }
  ck_assert_msg (best > 0.5, "%s heard no %.0f Hz tone (best share %.2f, level %.1f dBFS)", b->dir, hz, best,
                 level);
}
