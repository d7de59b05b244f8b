/* mixer.c — the conference pipeline: legs, the mix-minus edges between
 * them (speaker's tee ! queue ! listener's audiomixer) and the bus. */
#define G_LOG_DOMAIN "jgw-media"

#include "media/mixer-private.h"

/* One speaker -> listener edge. The queue gives each edge its own thread:
 * a listener's mixer that waits must not stall the speaker's other edges. */
typedef struct {
  JgwMixerLeg *from, *to;
  GstElement *queue;
  GstPad *tee_pad, *mix_pad;
} MixEdge;

static gboolean
on_bus (GstBus *bus, GstMessage *msg, gpointer data)
{
  JgwMixer *m = data;
  const GstStructure *st;
  g_autoptr (GError) err = NULL;
  g_autofree char *dbg = NULL;
  int id = -1, digit = 0;

  switch (GST_MESSAGE_TYPE (msg)) {
  case GST_MESSAGE_APPLICATION:
    st = gst_message_get_structure (msg);
    if (g_str_has_prefix (gst_structure_get_name (st), "jgw-mixer-")) {
      JgwMixerLeg *leg = NULL;

      gst_structure_get_int (st, "leg", &id);
      for (guint i = 0; i < m->legs->len && !leg; i++)
        if ((int) ((JgwMixerLeg *) m->legs->pdata[i])->id == id)
          leg = m->legs->pdata[i];
      if (leg)
        jgw_mixer_xmpp_message (leg, st);
      break;
    }
    if (!gst_structure_has_name (st, JGW_PATH_MSG_DTMF))
      break;
    gst_structure_get_int (st, "leg", &id);
    gst_structure_get_int (st, "digit", &digit);
    for (guint i = 0; i < m->legs->len; i++) {
      JgwMixerLeg *leg = m->legs->pdata[i];

      /* The callback may free legs: stop looking once it ran. */
      if ((int) leg->id == id) {
        if (m->cb->dtmf)
          m->cb->dtmf (m, leg, (char) digit, m->user_data);
        break;
      }
    }
    break;
  case GST_MESSAGE_LATENCY:
    /* A live leg joined: its jitter buffer changes the pipeline latency. */
    gst_bin_recalculate_latency (GST_BIN (m->pipeline));
    break;
  case GST_MESSAGE_ERROR:
    gst_message_parse_error (msg, &err, &dbg);
    g_warning ("conference pipeline: %s (%s)", err->message, dbg ? dbg : "");
    if (!m->failed && m->cb->failed) {
      m->failed = TRUE;
      m->cb->failed (m, err->message, m->user_data);
    }
    break;
  default:
    break;
  }
  return G_SOURCE_CONTINUE;
}

JgwMixer *
jgw_mixer_new (const JgwMediaConfig *config, const JgwMixerCallbacks *callbacks,
               gpointer user_data, GError **error)
{
  JgwMixer *m = g_new0 (JgwMixer, 1);
  g_autoptr (GstBus) bus = NULL;

  m->config = config;
  m->cb = callbacks;
  m->user_data = user_data;
  m->legs = g_ptr_array_new ();
  m->edges = g_ptr_array_new ();
  m->failed_legs = g_array_new (FALSE, FALSE, sizeof (guint));
  m->pipeline = gst_pipeline_new (NULL);
  bus = gst_pipeline_get_bus (GST_PIPELINE (m->pipeline));
  m->bus_watch = gst_bus_add_watch (bus, on_bus, m);
  if (gst_element_set_state (m->pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE) {
    g_set_error (error, JGW_MEDIA_ERROR, JGW_MEDIA_ERROR_STATE, "mixer pipeline refused to play");
    jgw_mixer_free (m);
    return NULL;
  }
  return m;
}

/* Failed legs are reported from an idle: ICE failures come from inside
 * libnice's own signal, where the owner must not free the leg. */
static gboolean
report_failures (gpointer data)
{
  JgwMixer *m = data;

  m->fail_idle = 0;
  while (m->failed_legs->len > 0) {
    guint id = g_array_index (m->failed_legs, guint, 0);

    g_array_remove_index (m->failed_legs, 0);
    for (guint i = 0; i < m->legs->len; i++) {
      JgwMixerLeg *leg = m->legs->pdata[i];

      if (leg->id == id && m->cb->leg_failed) {
        m->cb->leg_failed (m, leg, "media failed", m->user_data);
        break;
      }
    }
  }
  return G_SOURCE_REMOVE;
}

void
jgw_mixer_leg_fail (JgwMixerLeg *leg, const char *message)
{
  JgwMixer *m = leg->mixer;

  g_message ("conference leg %u: %s", leg->id, message);
  for (guint i = 0; i < m->failed_legs->len; i++)
    if (g_array_index (m->failed_legs, guint, i) == leg->id)
      return;
  g_array_append_val (m->failed_legs, leg->id);
  if (!m->fail_idle)
    m->fail_idle = g_idle_add (report_failures, m);
}

void
jgw_mixer_free (JgwMixer *m)
{
  if (!m)
    return;
  g_clear_handle_id (&m->fail_idle, g_source_remove);
  while (m->legs->len > 0)
    jgw_mixer_leg_free (m->legs->pdata[m->legs->len - 1]);
  gst_element_set_state (m->pipeline, GST_STATE_NULL);
  if (m->bus_watch) {
    g_autoptr (GstBus) bus = gst_pipeline_get_bus (GST_PIPELINE (m->pipeline));

    gst_bus_remove_watch (bus);
  }
  gst_object_unref (m->pipeline);
  g_ptr_array_unref (m->legs);
  g_ptr_array_unref (m->edges);
  g_array_unref (m->failed_legs);
  g_free (m);
}

guint
jgw_mixer_leg_count (JgwMixer *m)
{
  return m->legs->len;
}

/* --- edges --- */

/* Linking a branch to a running tee sends RECONFIGURE upstream: the
 * speaker's decoder chain would renegotiate and re-query allocation
 * through every branch (serialized queries wait in each listener's
 * mixer), stalling the speaker for every listener. Caps are fixed at
 * MIX_CAPS, so there is nothing to renegotiate. */
static GstPadProbeReturn
drop_reconfigure (GstPad *pad, GstPadProbeInfo *info, gpointer data)
{
  return GST_EVENT_TYPE (GST_PAD_PROBE_INFO_EVENT (info)) == GST_EVENT_RECONFIGURE
             ? GST_PAD_PROBE_DROP
             : GST_PAD_PROBE_OK;
}

static void
add_edge (JgwMixer *m, JgwMixerLeg *from, JgwMixerLeg *to)
{
  MixEdge *e = g_new0 (MixEdge, 1);
  g_autoptr (GstPad) qsink = NULL;
  g_autoptr (GstPad) qsrc = NULL;

  e->from = from;
  e->to = to;
  e->queue = gst_element_factory_make ("queue", NULL);
  g_object_set (e->queue, "max-size-time", (guint64) 200 * GST_MSECOND, "max-size-buffers", 0,
                "max-size-bytes", 0, "leaky", 2 /* downstream: drop old audio */, NULL);
  gst_bin_add (GST_BIN (m->pipeline), e->queue);
  qsink = gst_element_get_static_pad (e->queue, "sink");
  qsrc = gst_element_get_static_pad (e->queue, "src");
  e->mix_pad = gst_element_request_pad_simple (to->mix, "sink_%u");
  e->tee_pad = gst_element_request_pad_simple (from->tee, "src_%u");
  gst_pad_add_probe (e->tee_pad, GST_PAD_PROBE_TYPE_EVENT_UPSTREAM, drop_reconfigure, NULL, NULL);
  gst_pad_link (qsrc, e->mix_pad);
  gst_element_sync_state_with_parent (e->queue);
  gst_pad_link (e->tee_pad, qsink);
  g_ptr_array_add (m->edges, e);
}

static void
remove_edge (JgwMixer *m, MixEdge *e)
{
  /* Cut the speaker side first so that nothing flows into the queue. */
  gst_element_release_request_pad (e->from->tee, e->tee_pad);
  gst_object_unref (e->tee_pad);
  gst_element_release_request_pad (e->to->mix, e->mix_pad);
  gst_object_unref (e->mix_pad);
  gst_element_set_state (e->queue, GST_STATE_NULL);
  gst_bin_remove (GST_BIN (m->pipeline), e->queue);
  g_ptr_array_remove (m->edges, e);
  g_free (e);
}

void
jgw_mixer_unlink_leg (JgwMixer *m, JgwMixerLeg *leg)
{
  for (guint i = m->edges->len; i > 0; i--) {
    MixEdge *e = m->edges->pdata[i - 1];

    if (e->from == leg || e->to == leg)
      remove_edge (m, e);
  }
}

static void
link_leg (JgwMixer *m, JgwMixerLeg *leg)
{
  for (guint i = 0; i < m->legs->len; i++) {
    JgwMixerLeg *other = m->legs->pdata[i];

    if (other == leg || !other->running || !other->in_mix)
      continue;
    add_edge (m, leg, other);
    add_edge (m, other, leg);
  }
}

/* --- legs --- */

/* A leg of M with its packet paths; not yet in M's list. */
static JgwMixerLeg *
leg_new (JgwMixer *m)
{
  JgwMixerLeg *leg = g_new0 (JgwMixerLeg, 1);

  leg->mixer = m;
  leg->id = m->next_id++;
  leg->send_te = leg->recv_te = -1;
  jgw_rx_path_init (&leg->rx, (int) leg->id);
  jgw_tx_path_init (&leg->tx);
  return leg;
}

/* Undo leg_new() after a failed set-up. */
static JgwMixerLeg *
leg_discard (JgwMixerLeg *leg)
{
  jgw_rx_path_clear (&leg->rx);
  jgw_tx_path_clear (&leg->tx);
  g_free (leg);
  return NULL;
}

JgwMixerLeg *
jgw_mixer_leg_new_sip (JgwMixer *m, GError **error)
{
  JgwMixerLeg *leg = leg_new (m);

  leg->rtp = jgw_rtp_leg_new (m->config, error);
  if (!leg->rtp)
    return leg_discard (leg);
  g_ptr_array_add (m->legs, leg);
  return leg;
}

JgwMixerLeg *
jgw_mixer_leg_new_xmpp (JgwMixer *m, GError **error)
{
  JgwMixerLeg *leg = leg_new (m);

  if (!jgw_mixer_xmpp_init (leg, error)) {
    jgw_mixer_xmpp_clear (leg);
    gst_clear_object (&leg->clock);
    return leg_discard (leg);
  }
  g_ptr_array_add (m->legs, leg);
  return leg;
}

gboolean
jgw_mixer_leg_add_candidate (JgwMixerLeg *leg, const JgwCandidate *candidate, GError **error)
{
  if (!leg->ice) {
    g_set_error (error, JGW_MEDIA_ERROR, JGW_MEDIA_ERROR_STATE, "not an XMPP leg");
    return FALSE;
  }
  return jgw_ice_leg_add_candidate (leg->ice, candidate, error);
}

void
jgw_mixer_leg_free (JgwMixerLeg *leg)
{
  if (!leg)
    return;
  jgw_mixer_leg_stop (leg);
  g_ptr_array_remove (leg->mixer->legs, leg);
  jgw_rtp_leg_free (leg->rtp);
  jgw_mixer_xmpp_clear (leg);
  gst_clear_object (&leg->clock);
  g_clear_pointer (&leg->remote, jgw_content_free);
  jgw_rx_path_clear (&leg->rx);
  jgw_tx_path_clear (&leg->tx);
  g_free (leg);
}

gboolean
jgw_mixer_leg_set_remote (JgwMixerLeg *leg, const JgwContent *remote, GError **error)
{
  if (leg->remote || leg->mixer->failed) {
    g_set_error (error, JGW_MEDIA_ERROR, JGW_MEDIA_ERROR_STATE,
                 "remote description already set (no re-negotiation in conferences)");
    return FALSE;
  }
  if (!jgw_mixer_leg_negotiate (leg, remote, error))
    return FALSE;
  leg->remote = jgw_content_copy (remote);
  if (!jgw_mixer_leg_start (leg, error))
    return FALSE;
  if (leg->in_mix)
    link_leg (leg->mixer, leg);
  return TRUE;
}

static void
add_te (JgwContent *c, guint8 pt, guint rate)
{
  JgwPayload *te = jgw_payload_new (pt, "telephone-event", rate, 1);

  jgw_payload_set_param (te, "events", "0-15");
  g_ptr_array_add (c->payloads, te);
}

JgwContent *
jgw_mixer_leg_get_local (JgwMixerLeg *leg, GError **error)
{
  JgwContent *c;

  if (leg->mixer->failed) {
    g_set_error (error, JGW_MEDIA_ERROR, JGW_MEDIA_ERROR_STATE, "the conference media failed");
    return NULL;
  }
  if (!leg->remote)
    leg->offered = TRUE;
  c = jgw_content_new ("audio", "audio");
  if (leg->remote) {
    g_ptr_array_add (c->payloads, jgw_codec_payload (leg->codec, leg->recv_pt));
    if (leg->recv_te >= 0)
      add_te (c, (guint8) leg->recv_te, leg->te_rate);
  } else {
    for (const JgwCodec *const *all = jgw_codec_all (); *all; all++)
      g_ptr_array_add (c->payloads, jgw_codec_payload (*all, (*all)->default_pt));
    add_te (c, 101, 8000);
    add_te (c, 110, 48000);
  }
  if (leg->ice) {
    jgw_mixer_xmpp_describe (leg, c);
    return c;
  }
  c->rtp_addr = g_strdup (jgw_rtp_leg_address (leg->rtp));
  c->rtp_port = jgw_rtp_leg_port (leg->rtp);
  return c;
}

void
jgw_mixer_leg_set_in_mix (JgwMixerLeg *leg, gboolean in_mix)
{
  if (leg->in_mix == in_mix)
    return;
  leg->in_mix = in_mix;
  if (!leg->running)
    return;
  if (in_mix)
    link_leg (leg->mixer, leg);
  else
    jgw_mixer_unlink_leg (leg->mixer, leg);
}

void
jgw_mixer_leg_set_mute (JgwMixerLeg *leg, gboolean mute)
{
  leg->muted = mute;
  if (leg->vol)
    g_object_set (leg->vol, "mute", mute, NULL);
}

gboolean
jgw_mixer_leg_is_muted (JgwMixerLeg *leg)
{
  return leg->muted;
}

const char *
jgw_mixer_leg_codec (JgwMixerLeg *leg)
{
  return leg->codec ? leg->codec->name : NULL;
}

void
jgw_mixer_leg_set_data (JgwMixerLeg *leg, gpointer data)
{
  leg->data = data;
}

gpointer
jgw_mixer_leg_get_data (JgwMixerLeg *leg)
{
  return leg->data;
}
