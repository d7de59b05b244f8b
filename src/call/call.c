/* call.c — one bridged call: creation, the media session, ending both legs
 * with matching reasons, and the call record. */
#define G_LOG_DOMAIN "jgw-call"
#include "call/call_private.h"

#include "log.h"
#include "sdp/sdp.h"

G_DEFINE_QUARK (jgw-call-error-quark, jgw_call_error)

static gint64
now_ms (void)
{
  return g_get_real_time () / 1000;
}

JgwCall *
jgw_call_new (JgwCalls *calls, gboolean incoming, const char *user)
{
  JgwCall *call = g_new0 (JgwCall, 1);
  call->calls = calls;
  call->id = g_strdup_printf ("c%" G_GUINT64_FORMAT "-%04x", ++calls->counter, g_random_int () & 0xffff);
  call->incoming = incoming;
  call->user = g_strdup (user);
  call->start_ms = now_ms ();
  call->sdp_version = 1;
  g_hash_table_insert (calls->calls, call->id, call);
  return call;
}

void
jgw_call_attach_jingle (JgwCall *call, JgwJingleSession *session)
{
  call->jingle = session;
  jgw_jingle_session_set_data (session, call, NULL);
}

void
jgw_call_attach_sip (JgwCall *call, JgwSipCall *sip)
{
  call->sip = sip;
  jgw_sip_call_set_data (sip, call);
}

const JgwContent *
jgw_call_audio_content (const JgwSessionDesc *desc)
{
  for (guint i = 0; desc && i < desc->contents->len; i++)
    {
      const JgwContent *c = g_ptr_array_index (desc->contents, i);
      if (g_strcmp0 (c->media, "audio") == 0)
        return c;
    }
  return NULL;
}

JgwSessionDesc *
jgw_call_desc_for (const JgwContent *content)
{
  JgwSessionDesc *desc = jgw_session_desc_new ();
  g_ptr_array_add (desc->contents, jgw_content_copy (content));
  return desc;
}

/* Our offer to a Jingle device, from the call's media session. */
JgwSessionDesc *
jgw_call_xmpp_offer (JgwCall *call, GError **error)
{
  g_autoptr (JgwContent) local = jgw_media_session_get_local (call->media, JGW_MEDIA_LEG_XMPP, error);
  if (local == NULL)
    return NULL;
  g_free (local->name);
  local->name = g_strdup ("audio");
  g_free (local->creator);
  local->creator = g_strdup ("initiator");
  call->content_name = g_strdup ("audio");
  return jgw_call_desc_for (local);
}

char *
jgw_call_sdp (JgwCall *call, const JgwContent *content, JgwSdpAuthor author)
{
  g_autoptr (JgwSessionDesc) desc = jgw_call_desc_for (content);
  const JgwConfig *cfg = call->calls->config;
  const char *origin = content->rtp_addr ? content->rtp_addr : cfg->sip.listen_host;
  guint64 session_id = g_str_hash (call->id);
  return jgw_sdp_write (desc, author, session_id, call->sdp_version++, origin);
}

/* What the call record and logs call the end. */
static const char *
reason_name (JgwReason reason)
{
  const char *name = jgw_reason_to_string (reason);
  return name ? name : "hangup";
}

static void
record (JgwCall *call)
{
  JgwMediaStats stats = { 0 };
  if (call->media)
    jgw_media_session_get_stats (call->media, &stats);
  JgwCallRecord rec = {
    .call_id = call->id,
    .user_jid = call->user,
    .direction = call->incoming ? JGW_CALL_INCOMING : JGW_CALL_OUTGOING,
    .caller = call->incoming ? call->remote : call->user,
    .callee = call->incoming ? call->user : call->remote,
    .start = call->start_ms,
    .answer = call->answer_ms,
    .end = now_ms (),
    .end_reason = call->end_reason,
    .codec_xmpp = stats.leg[JGW_MEDIA_LEG_XMPP].codec,
    .codec_sip = stats.leg[JGW_MEDIA_LEG_SIP].codec,
    .forwarded_to = call->forwarded_to,
  };
  for (int leg = 0; leg < 2; leg++)
    {
      const JgwMediaLegStats *s = &stats.leg[leg];
      guint64 expected = s->packets_received + s->packets_lost;
      double loss = expected ? (double) s->packets_lost / (double) expected : 0;
      if (leg == JGW_MEDIA_LEG_XMPP)
        rec.loss_xmpp = loss, rec.jitter_xmpp = s->jitter_ms;
      else
        rec.loss_sip = loss, rec.jitter_sip = s->jitter_ms;
      if (call->media) /* RTT only here: the call record has no column for it */
        JGW_LOG_CALL (G_LOG_LEVEL_INFO, call->id,
                      "media %s leg: codec %s, sent %" G_GUINT64_FORMAT ", received %" G_GUINT64_FORMAT
                      ", lost %" G_GUINT64_FORMAT ", jitter %.1f ms, rtt %.1f ms",
                      leg == JGW_MEDIA_LEG_XMPP ? "XMPP" : "SIP", s->codec ? s->codec : "-",
                      s->packets_sent, s->packets_received, s->packets_lost, s->jitter_ms, s->rtt_ms);
    }
  g_autoptr (GError) error = NULL;
  if (!jgw_store_call_add (call->calls->store, &rec, &error))
    JGW_LOG_CALL (G_LOG_LEVEL_WARNING, call->id, "call record not written: %s", error->message);
  jgw_media_stats_clear (&stats);
}

void
jgw_call_free (gpointer p)
{
  JgwCall *call = p;
  g_clear_handle_id (&call->ring_timer, g_source_remove);
  jgw_extdisco_cancel (call->calls->extdisco, call->extdisco_id);
  jgw_media_session_free (call->media);
  g_free (call->id);
  g_free (call->user);
  g_free (call->peer);
  g_free (call->remote);
  g_free (call->remote_name);
  g_free (call->content_name);
  g_free (call->jmi_id);
  jgw_session_desc_free (call->offer);
  g_free (call->end_reason);
  g_free (call->desk_offer);
  g_free (call->transfer_to);
  g_free (call->consult_id);
  g_free (call->forwarded_to);
  g_free (call);
}

/* Ended calls are freed outside the callbacks that ended them: a media
 * session must not be freed from inside its own callback. */
static gboolean
reap_cb (gpointer data)
{
  JgwCalls *calls = data;
  calls->reap_idle = 0;
  GHashTableIter it;
  gpointer value;
  g_hash_table_iter_init (&it, calls->calls);
  while (g_hash_table_iter_next (&it, NULL, &value))
    if (((JgwCall *) value)->state == CALL_ENDED)
      g_hash_table_iter_remove (&it);
  return G_SOURCE_REMOVE;
}

void
jgw_call_end (JgwCall *call, JgwReason reason, const char *text, guint sip_status)
{
  if (call->state == CALL_ENDED)
    return;
  gboolean answered = call->state == CALL_ACTIVE;
  call->state = CALL_ENDED;
  /* A reason set beforehand (a call refused before ringing) is more precise. */
  if (call->end_reason == NULL)
    call->end_reason = g_strdup (reason_name (reason));
  g_clear_handle_id (&call->ring_timer, g_source_remove);
  JGW_LOG_CALL (G_LOG_LEVEL_MESSAGE, call->id, "call of %s with %s ended: %s%s%s", call->user,
                call->remote ? call->remote : "?", call->end_reason, text ? " - " : "", text ? text : "");
  JgwJingleSession *session = g_steal_pointer (&call->jingle);
  if (session)
    {
      jgw_jingle_session_set_data (session, NULL, NULL);
      jgw_jingle_session_terminate (session, reason, text);
    }
  else if (call->jmi_id && call->incoming && !answered)
    /* Still proposing: every device stops ringing. Once answered the
     * proposal is over; a retract then would confuse the client. */
    jgw_jmi_retract (call->calls->jmi, call->jmi_id, reason, NULL);
  if (call->jmi_id && (session || !call->incoming))
    jgw_jmi_finish (call->calls->jmi, call->jmi_id, reason, NULL);
  JgwSipCall *sip = g_steal_pointer (&call->sip);
  if (sip)
    {
      jgw_sip_call_set_data (sip, NULL);
      if (call->incoming && !answered)
        jgw_sip_call_reject (sip, sip_status >= 300 ? sip_status : 480, NULL);
      else
        jgw_sip_call_hangup (sip);
    }
  jgw_call_3pcc_release (call);
  record (call);
  jgw_calls_emit (call->calls, call, JGW_CALL_EVENT_ENDED);
  if (call->calls->reap_idle == 0)
    call->calls->reap_idle = g_idle_add (reap_cb, call->calls);
}

/* --- media callbacks --- */

static void
local_candidate_cb (JgwMediaSession *media, const JgwCandidate *candidate, gpointer data)
{
  JgwCall *call = data;
  if (call->jingle == NULL)
    return;
  g_autoptr (JgwContent) local = jgw_media_session_get_local (media, JGW_MEDIA_LEG_XMPP, NULL);
  if (local == NULL || local->ice == NULL)
    return;
  g_autoptr (JgwContent) content = jgw_content_new (call->content_name, "audio");
  content->ice = jgw_ice_transport_new ();
  content->ice->ufrag = g_strdup (local->ice->ufrag);
  content->ice->pwd = g_strdup (local->ice->pwd);
  if (candidate)
    g_ptr_array_add (content->ice->candidates, jgw_candidate_copy (candidate));
  else
    content->ice->end_of_candidates = TRUE;
  g_autoptr (JgwSessionDesc) desc = jgw_call_desc_for (content);
  g_autoptr (GError) error = NULL;
  if (!jgw_jingle_session_send_transport_info (call->jingle, desc, &error))
    JGW_LOG_CALL (G_LOG_LEVEL_INFO, call->id, "candidate not sent: %s", error->message);
}

static void
ice_state_cb (JgwMediaSession *media, JgwMediaIceState state, gpointer data)
{
  JgwCall *call = data;
  static const char *const names[] = { "gathering", "connecting", "connected", "failed" };
  JGW_LOG_CALL (G_LOG_LEVEL_INFO, call->id, "ICE %s", names[state]);
}

static void
secured_cb (JgwMediaSession *media, gpointer data)
{
  JgwCall *call = data;
  JGW_LOG_CALL (G_LOG_LEVEL_INFO, call->id, "DTLS-SRTP established with %s", call->user);
}

static void
failed_cb (JgwMediaSession *media, JgwMediaFailure failure, const char *message, gpointer data)
{
  JgwCall *call = data;
  static const struct {
    JgwReason reason;
    guint sip;
  } map[] = {
    [JGW_MEDIA_FAIL_ICE] = { JGW_REASON_CONNECTIVITY_ERROR, 503 },
    [JGW_MEDIA_FAIL_DTLS] = { JGW_REASON_SECURITY_ERROR, 488 },
    [JGW_MEDIA_FAIL_SECURITY] = { JGW_REASON_SECURITY_ERROR, 488 },
    [JGW_MEDIA_FAIL_NO_PORTS] = { JGW_REASON_MEDIA_ERROR, 503 },
    [JGW_MEDIA_FAIL_PIPELINE] = { JGW_REASON_MEDIA_ERROR, 500 },
    [JGW_MEDIA_FAIL_TIMEOUT] = { JGW_REASON_TIMEOUT, 408 },
  };
  JGW_LOG_CALL (G_LOG_LEVEL_WARNING, call->id, "media failed: %s", message);
  jgw_call_end (call, map[failure].reason, message, map[failure].sip);
}

static void
dtmf_cb (JgwMediaSession *media, JgwMediaLeg leg, char digit, gpointer data)
{
  JgwCall *call = data;
  char digits[2] = { digit, '\0' };
  gboolean relayed = jgw_media_session_relays_dtmf (media, leg);
  JGW_LOG_CALL (G_LOG_LEVEL_INFO, call->id, "DTMF %c from the %s leg%s", digit,
                leg == JGW_MEDIA_LEG_SIP ? "SIP" : "XMPP", relayed ? ", relayed as RFC 4733" : "");
  /* Relayed in the media path already; otherwise fall back to what the
   * other leg has (SIP INFO, a chat message). */
  if (relayed)
    return;
  if (leg == JGW_MEDIA_LEG_XMPP)
    jgw_call_send_dtmf (call, digits, NULL);
  else
    jgw_call_dtmf_to_xmpp (call, digit, 100);
}

static const JgwMediaCallbacks media_callbacks = {
  local_candidate_cb, ice_state_cb, secured_cb, failed_cb, dtmf_cb,
};

static void
ice_servers_cb (const GPtrArray *servers, gpointer data)
{
  JgwCall *call = data;
  call->extdisco_id = 0;
  if (servers->len > 0)
    JGW_LOG_CALL (G_LOG_LEVEL_INFO, call->id, "ICE: %u STUN/TURN services from %s's server",
                  servers->len, call->user);
  if (call->media)
    jgw_media_session_start_gathering (call->media, servers);
}

/* With XEP-0215, the XMPP leg's gathering waits (bounded by the lookup's
 * timeout) for the services of the user's server; candidates trickle. */
gboolean
jgw_call_start_media (JgwCall *call, GError **error)
{
  const JgwMediaConfig *config = &call->calls->config->media;
  JgwExtdisco *ed = config->external_services ? call->calls->extdisco : NULL;
  const char *at = call->user ? strchr (call->user, '@') : NULL;
  if (!ed || !at)
    {
      call->media = jgw_media_session_new (config, &media_callbacks, call, error);
      return call->media != NULL;
    }
  call->media = jgw_media_session_new_deferred (config, &media_callbacks, call, error);
  if (!call->media)
    return FALSE;
  g_autofree char *domain = g_strndup (at + 1, strcspn (at + 1, "/"));
  call->extdisco_id = jgw_extdisco_lookup (ed, domain, ice_servers_cb, call);
  return TRUE;
}

/* --- public accessors --- */

const char *
jgw_call_get_id (JgwCall *call)
{
  return call->id;
}

const char *
jgw_call_get_peer (JgwCall *call)
{
  return call->peer;
}

gboolean
jgw_call_is_incoming (JgwCall *call)
{
  return call->incoming;
}

const char *
jgw_call_get_state_name (JgwCall *call)
{
  switch (call->state)
    {
    case CALL_SETUP:
      return "setup";
    case CALL_RINGING:
      return "ringing";
    case CALL_ACTIVE:
      return call->held ? "held" : "active";
    case CALL_ENDED:
      return "ended";
    }
  return "?";
}

void
jgw_call_hangup (JgwCall *call)
{
  jgw_call_end (call, JGW_REASON_SUCCESS, "hung up by the user", 487);
}
