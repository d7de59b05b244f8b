/* media_wire.c — the lines bench/media's processes exchange: contents
 * (only the fields the bench's far ends use) and ICE candidates. */
#include <stdarg.h>
#include <stdlib.h>

#include "media_bench.h"

void
bench_send (GIOChannel *ch, const char *fmt, ...)
{
  va_list ap;
  g_autofree char *line = NULL;
  g_autofree char *full = NULL;

  va_start (ap, fmt);
  line = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  full = g_strconcat (line, "\n", NULL);
  if (g_io_channel_write_chars (ch, full, -1, NULL, NULL) != G_IO_STATUS_NORMAL
      || g_io_channel_flush (ch, NULL) != G_IO_STATUS_NORMAL)
    g_error ("bench: the other process is gone");
}

char *
bench_read_line (GIOChannel *ch)
{
  char *line = NULL;
  gsize term = 0;

  if (g_io_channel_read_line (ch, &line, NULL, &term, NULL) != G_IO_STATUS_NORMAL)
    return NULL;
  line[term] = '\0';
  return line;
}

char *
bench_candidate_encode (const JgwCandidate *c)
{
  return g_strdup_printf ("%u,%s,%s,%u,%u,%s", c->component, c->foundation, c->ip, c->port,
                          c->priority, c->type ? c->type : "host");
}

JgwCandidate *
bench_candidate_decode (const char *word)
{
  g_auto (GStrv) f = g_strsplit (word, ",", 6);
  JgwCandidate *c = g_new0 (JgwCandidate, 1);

  if (g_strv_length (f) != 6)
    g_error ("bench: bad candidate %s", word);
  c->component = (guint) atoi (f[0]);
  c->foundation = g_strdup (f[1]);
  c->id = g_strdup_printf ("c%s", f[1]);
  c->ip = g_strdup (f[2]);
  c->port = (guint16) atoi (f[3]);
  c->priority = (guint32) strtoul (f[4], NULL, 10);
  c->protocol = g_strdup ("udp");
  c->type = g_strdup (f[5]);
  return c;
}

static void
encode_ice (GKeyFile *kf, const JgwIceTransport *ice)
{
  g_autoptr (GPtrArray) cands = g_ptr_array_new_with_free_func (g_free);

  g_key_file_set_string (kf, "c", "ufrag", ice->ufrag);
  g_key_file_set_string (kf, "c", "pwd", ice->pwd);
  g_key_file_set_boolean (kf, "c", "eoc", ice->end_of_candidates);
  for (guint i = 0; i < ice->candidates->len; i++)
    g_ptr_array_add (cands, bench_candidate_encode (ice->candidates->pdata[i]));
  g_ptr_array_add (cands, NULL);
  g_key_file_set_string_list (kf, "c", "cands", (const char *const *) cands->pdata, cands->len - 1);
  if (ice->fingerprint) {
    g_key_file_set_string (kf, "c", "fp-hash", ice->fingerprint->hash);
    g_key_file_set_string (kf, "c", "fp-setup", ice->fingerprint->setup);
    g_key_file_set_string (kf, "c", "fp", ice->fingerprint->value);
  }
}

char *
bench_content_encode (const JgwContent *c)
{
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_autoptr (GPtrArray) pts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *data = NULL;
  gsize len = 0;

  for (guint i = 0; i < c->payloads->len; i++) {
    const JgwPayload *p = c->payloads->pdata[i];

    g_ptr_array_add (pts, g_strdup_printf ("%u/%s/%u/%u", p->id, p->name, p->clockrate,
                                           p->channels));
  }
  g_ptr_array_add (pts, NULL);
  g_key_file_set_string_list (kf, "c", "payloads", (const char *const *) pts->pdata, pts->len - 1);
  g_key_file_set_boolean (kf, "c", "rtcp-mux", c->rtcp_mux);
  if (c->rtp_addr)
    g_key_file_set_string (kf, "c", "addr", c->rtp_addr);
  g_key_file_set_integer (kf, "c", "port", c->rtp_port);
  g_key_file_set_integer (kf, "c", "rtcp-port", c->rtcp_port);
  if (c->ice)
    encode_ice (kf, c->ice);
  data = g_key_file_to_data (kf, &len, NULL);
  return g_base64_encode ((const guchar *) data, len);
}

static void
decode_ice (GKeyFile *kf, JgwContent *c)
{
  g_auto (GStrv) cands = g_key_file_get_string_list (kf, "c", "cands", NULL, NULL);

  c->ice = jgw_ice_transport_new ();
  c->ice->ufrag = g_key_file_get_string (kf, "c", "ufrag", NULL);
  c->ice->pwd = g_key_file_get_string (kf, "c", "pwd", NULL);
  c->ice->end_of_candidates = g_key_file_get_boolean (kf, "c", "eoc", NULL);
  for (guint i = 0; cands && cands[i]; i++)
    g_ptr_array_add (c->ice->candidates, bench_candidate_decode (cands[i]));
  if (g_key_file_has_key (kf, "c", "fp", NULL)) {
    c->ice->fingerprint = g_new0 (JgwFingerprint, 1);
    c->ice->fingerprint->hash = g_key_file_get_string (kf, "c", "fp-hash", NULL);
    c->ice->fingerprint->setup = g_key_file_get_string (kf, "c", "fp-setup", NULL);
    c->ice->fingerprint->value = g_key_file_get_string (kf, "c", "fp", NULL);
  }
}

JgwContent *
bench_content_decode (const char *word)
{
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_auto (GStrv) pts = NULL;
  g_autofree guchar *data = NULL;
  gsize len = 0;
  JgwContent *c = jgw_content_new ("audio", "audio");

  data = g_base64_decode (word, &len);
  if (!g_key_file_load_from_data (kf, (const char *) data, len, G_KEY_FILE_NONE, NULL))
    g_error ("bench: bad content line");
  pts = g_key_file_get_string_list (kf, "c", "payloads", NULL, NULL);
  for (guint i = 0; pts && pts[i]; i++) {
    g_auto (GStrv) f = g_strsplit (pts[i], "/", 4);

    g_ptr_array_add (c->payloads, jgw_payload_new ((guint8) atoi (f[0]), f[1],
                                                   (guint) atoi (f[2]), (guint) atoi (f[3])));
  }
  c->rtcp_mux = g_key_file_get_boolean (kf, "c", "rtcp-mux", NULL);
  c->rtp_addr = g_key_file_get_string (kf, "c", "addr", NULL);
  c->rtp_port = (guint16) g_key_file_get_integer (kf, "c", "port", NULL);
  c->rtcp_port = (guint16) g_key_file_get_integer (kf, "c", "rtcp-port", NULL);
  if (g_key_file_has_key (kf, "c", "ufrag", NULL))
    decode_ice (kf, c);
  return c;
}

static gboolean
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

void
bench_run_for (double seconds)
{
  gboolean done = FALSE;

  g_timeout_add ((guint) (seconds * 1000), set_flag, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}
