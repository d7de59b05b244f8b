/* session.c — JgwMediaSession: lifecycle, offer/answer of both legs, controls. */
#define G_LOG_DOMAIN "jgw-media"

#include <math.h>
#include <string.h>

#include "media/session-private.h"

G_DEFINE_QUARK (jgw-media-error-quark, jgw_media_error)

static void
on_ice_candidate (const JgwCandidate *candidate, gpointer data)
{
  JgwMediaSession *s = data;

  if (s->cb->local_candidate)
    s->cb->local_candidate (s, candidate, s->user_data);
}

static void
on_ice_state (NiceComponentState state, gpointer data)
{
  JgwMediaSession *s = data;
  JgwMediaIceState st = JGW_MEDIA_ICE_CONNECTING;

  if (state == NICE_COMPONENT_STATE_GATHERING)
    st = JGW_MEDIA_ICE_GATHERING;
  else if (state == NICE_COMPONENT_STATE_CONNECTED || state == NICE_COMPONENT_STATE_READY)
    st = JGW_MEDIA_ICE_CONNECTED;
  else if (state == NICE_COMPONENT_STATE_FAILED)
    st = JGW_MEDIA_ICE_FAILED;
  if (s->cb->ice_state)
    s->cb->ice_state (s, st, s->user_data);
  if (st == JGW_MEDIA_ICE_FAILED)
    jgw_media_session_fail (s, JGW_MEDIA_FAIL_ICE, "ICE failed: no working candidate pair");
}

static gboolean
init_dtls (JgwMediaSession *s, GError **error)
{
  /* Unique per process: the DTLS elements find each other by this id. */
  s->conn_id = g_strdup_printf ("jgw-%p-%08x", (void *) s, g_random_int ());
  s->dtlsdec = jgw_dtls_decoder_new (s->conn_id, &s->fingerprint, error);
  return s->dtlsdec != NULL;
}

JgwIceServer *
jgw_ice_server_copy (const JgwIceServer *server)
{
  JgwIceServer *c = g_new0 (JgwIceServer, 1);

  c->turn = server->turn;
  c->host = g_strdup (server->host);
  c->port = server->port;
  c->username = g_strdup (server->username);
  c->password = g_strdup (server->password);
  return c;
}

void
jgw_ice_server_free (gpointer data)
{
  JgwIceServer *s = data;

  if (!s)
    return;
  g_free (s->host);
  g_free (s->username);
  g_free (s->password);
  g_free (s);
}

static JgwMediaSession *
session_new (const JgwMediaConfig *config, const JgwMediaCallbacks *callbacks,
             gpointer user_data, gboolean defer, GError **error)
{
  JgwMediaSession *s = g_new0 (JgwMediaSession, 1);

  s->config = config;
  s->cb = callbacks;
  s->user_data = user_data;
  s->context = g_main_context_ref_thread_default ();
  s->sdes_offer = g_ptr_array_new ();
  for (int leg = 0; leg < 2; leg++) {
    jgw_rx_path_init (&s->rx[leg], leg);
    jgw_tx_path_init (&s->tx[leg]);
    s->neg[leg].send_te = s->neg[leg].recv_te = -1;
  }
  jgw_media_rtcp_init (s);
  if (!init_dtls (s, error)
      || !(s->rtp = jgw_rtp_leg_new (config, error))
      || !(s->ice = jgw_ice_leg_new (config, s->context, defer, on_ice_candidate, on_ice_state,
                                     s, error))) {
    jgw_media_session_free (s);
    return NULL;
  }
  return s;
}

JgwMediaSession *
jgw_media_session_new (const JgwMediaConfig *config, const JgwMediaCallbacks *callbacks,
                       gpointer user_data, GError **error)
{
  return session_new (config, callbacks, user_data, FALSE, error);
}

JgwMediaSession *
jgw_media_session_new_deferred (const JgwMediaConfig *config, const JgwMediaCallbacks *callbacks,
                                gpointer user_data, GError **error)
{
  return session_new (config, callbacks, user_data, TRUE, error);
}

void
jgw_media_session_start_gathering (JgwMediaSession *s, const GPtrArray *servers)
{
  g_autoptr (GError) error = NULL;

  if (!s->failed && !jgw_ice_leg_gather (s->ice, servers, &error))
    jgw_media_session_fail (s, JGW_MEDIA_FAIL_NO_PORTS, error->message);
}

static void
free_crypto (gpointer data, gpointer unused)
{
  JgwCrypto *c = data;

  if (!c)
    return;
  g_free (c->suite);
  g_free (c->key_params);
  g_free (c->session_params);
  g_free (c);
}

void
jgw_media_session_free (JgwMediaSession *s)
{
  if (!s)
    return;
  jgw_media_pipeline_stop (s);
  jgw_media_rtcp_clear (s);
  jgw_ice_leg_free (s->ice);
  jgw_rtp_leg_free (s->rtp);
  gst_clear_object (&s->dtlsdec);
  for (int leg = 0; leg < 2; leg++) {
    g_clear_pointer (&s->neg[leg].remote, jgw_content_free);
    g_clear_pointer (&s->neg[leg].local, jgw_content_free);
    jgw_rx_path_clear (&s->rx[leg]);
    jgw_tx_path_clear (&s->tx[leg]);
  }
  g_ptr_array_foreach (s->sdes_offer, free_crypto, NULL);
  g_ptr_array_unref (s->sdes_offer);
  g_clear_pointer (&s->sdes_remote_key, g_bytes_unref);
  g_free (s->sdes_suite);
  g_free (s->fingerprint);
  g_free (s->conn_id);
  g_main_context_unref (s->context);
  g_free (s);
}

void
jgw_media_session_fail (JgwMediaSession *s, JgwMediaFailure reason, const char *message)
{
  if (s->failed)
    return;
  s->failed = TRUE;
  g_message ("media session failed: %s", message);
  jgw_media_pipeline_stop (s);
  if (s->cb->failed)
    s->cb->failed (s, reason, message, s->user_data);
}

gboolean
jgw_media_session_is_running (JgwMediaSession *s)
{
  return s->pipeline && !s->failed && s->secured;
}

void
jgw_media_session_set_mute (JgwMediaSession *s, JgwMediaLeg to_leg, gboolean mute)
{
  if (s->vol[to_leg])
    g_object_set (s->vol[to_leg], "mute", mute, NULL);
  g_mutex_lock (&s->tx[to_leg].lock);
  s->tx[to_leg].mute = mute;
  g_mutex_unlock (&s->tx[to_leg].lock);
}

gboolean
jgw_media_session_set_volume (JgwMediaSession *s, double gain_db, GError **error)
{
  GstElement *vol = s->vol[JGW_MEDIA_LEG_XMPP];

  if (!vol) {
    g_set_error (error, JGW_MEDIA_ERROR, JGW_MEDIA_ERROR_STATE,
                 s->pipeline ? "volume needs transcoding (both legs use the same codec)"
                             : "media is not running yet");
    return FALSE;
  }
  /* volume accepts 0..10 (+20 dB). */
  g_object_set (vol, "volume", CLAMP (pow (10.0, gain_db / 20.0), 0.0, 10.0), NULL);
  return TRUE;
}

void
jgw_media_session_set_hold (JgwMediaSession *s, JgwMediaLeg leg, gboolean hold)
{
  g_mutex_lock (&s->tx[leg].lock);
  s->tx[leg].hold = hold;
  g_mutex_unlock (&s->tx[leg].lock);
}

gboolean
jgw_media_session_send_dtmf (JgwMediaSession *s, JgwMediaLeg leg, const char *digits,
                             guint duration_ms, GError **error)
{
  JgwLegNeg *n = &s->neg[leg];

  if (!s->pipeline || n->send_te < 0) {
    g_set_error (error, JGW_MEDIA_ERROR, JGW_MEDIA_ERROR_STATE,
                 "the peer of this leg did not negotiate telephone-event");
    return FALSE;
  }
  for (const char *d = digits; *d; d++)
    if (jgw_dtmf_event (*d) < 0) {
      g_set_error (error, JGW_MEDIA_ERROR, JGW_MEDIA_ERROR_INVALID, "not a DTMF digit: '%c'", *d);
      return FALSE;
    }
  for (const char *d = digits; *d; d++)
    jgw_tx_path_dtmf_start (&s->tx[leg], *d,
                            MAX (duration_ms, 40u) * n->codec->rtp_rate / 1000);
  return TRUE;
}

void
jgw_media_session_set_early (JgwMediaSession *s, gboolean early)
{
  if (s->early && !early)
    s->started_us = g_get_monotonic_time ();
  s->early = early;
}

gboolean
jgw_media_session_relays_dtmf (JgwMediaSession *s, JgwMediaLeg from_leg)
{
  return s->pipeline && s->neg[from_leg].recv_te >= 0 && s->neg[!from_leg].send_te >= 0;
}

void
jgw_media_session_get_stats (JgwMediaSession *s, JgwMediaStats *stats)
{
  memset (stats, 0, sizeof *stats);
  stats->passthrough = s->passthrough;
  for (int leg = 0; leg < 2; leg++) {
    JgwMediaLegStats *l = &stats->leg[leg];
    JgwRxPath *rx = &s->rx[leg];

    l->codec = s->neg[leg].codec ? g_strdup (s->neg[leg].codec->name) : NULL;
    g_mutex_lock (&rx->lock);
    l->packets_received = rx->received;
    l->bytes_received = rx->bytes;
    l->packets_lost = jgw_rx_path_lost (rx);
    l->jitter_ms = rx->clock_rate ? rx->jitter * 1000.0 / rx->clock_rate : 0;
    g_mutex_unlock (&rx->lock);
    g_mutex_lock (&s->tx[leg].lock);
    l->packets_sent = s->tx[leg].packets_sent;
    g_mutex_unlock (&s->tx[leg].lock);
    l->rtt_ms = jgw_rtcp_leg_rtt_ms (s->rtcp[leg]);
  }
}

void
jgw_media_stats_clear (JgwMediaStats *stats)
{
  for (int leg = 0; leg < 2; leg++)
    g_clear_pointer (&stats->leg[leg].codec, g_free);
}
