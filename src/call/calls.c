/* calls.c — the call manager: SIP user agent events and Jingle session
 * events are routed to the call they belong to. */
#define G_LOG_DOMAIN "jgw-call"
#include "call/call_private.h"
#include "call/call_rules.h"

#include <string.h>

#include "log.h"
#include "xmpp/jid.h"
#include "xmpp/stanza.h"

#define NS_JINGLE "urn:xmpp:jingle:1"

static JgwCall *
sip_owner (JgwSipCall *sip)
{
  JgwCall *call = jgw_sip_call_get_data (sip);
  return call && call->state != CALL_ENDED ? call : NULL;
}

static JgwCall *
jingle_owner (JgwJingleSession *session)
{
  JgwCall *call = jgw_jingle_session_get_data (session);
  return call && call->state != CALL_ENDED ? call : NULL;
}

/* --- SIP events --- */

static void
sip_registration (JgwSipUa *ua, const char *jid, const JgwSipRegistration *reg, gpointer data)
{
  g_info ("SIP registration of %s: %s (%u %s)", jid, jgw_sip_reg_state_name (reg->state), reg->status,
          reg->phrase);
}

static guint
sip_policy (JgwSipUa *ua, const char *jid, gpointer data)
{
  return jgw_call_in_policy (data, jid);
}

static gboolean
sip_claim (JgwSipUa *ua, const char *ruri_user, gpointer data)
{
  JgwCalls *calls = data;
  return (calls->conference && calls->conference->sip_claim (ruri_user, calls->conference_data))
         || jgw_call_lookup_claims (calls, ruri_user);
}

static void
sip_incoming (JgwSipUa *ua, JgwSipCall *sip, const JgwSipIncoming *info, gpointer data)
{
  JgwCalls *calls = data;
  if (info->claimed && calls->conference && info->target_user
      && calls->conference->sip_claim (info->target_user, calls->conference_data))
    calls->conference->sip_incoming (sip, info, calls->conference_data);
  else if (jgw_call_lookup_wanted (calls, info))
    jgw_call_lookup_incoming (calls, sip, info);
  else if (info->claimed)
    jgw_sip_call_reject (sip, 404, NULL);
  else
    jgw_call_in_incoming (calls, sip, info);
}

static void
sip_progress (JgwSipUa *ua, JgwSipCall *sip, guint status, const char *phrase, const char *early_sdp,
              gpointer data)
{
  JgwCall *call = sip_owner (sip);
  if (call)
    jgw_call_out_progress (call, status);
  if (call && early_sdp && !call->incoming)
    jgw_call_out_early_media (call, early_sdp);
}

static void
sip_established (JgwSipUa *ua, JgwSipCall *sip, const char *answer_sdp, gpointer data)
{
  JgwCall *call = sip_owner (sip);
  if (call && call->third_party)
    jgw_call_3pcc_established (call, sip, answer_sdp);
  else if (call && call->dialing)
    jgw_call_dial_established (call, answer_sdp);
  else if (call && !call->incoming)
    jgw_call_out_established (call, answer_sdp);
}

static char *
sip_update (JgwSipUa *ua, JgwSipCall *sip, JgwSipDirection dir, const char *sdp_offer, gpointer data)
{
  JgwCall *call = sip_owner (sip);
  return call ? jgw_call_sip_update (call, dir, sdp_offer) : NULL;
}

static void
sip_update_result (JgwSipUa *ua, JgwSipCall *sip, guint status, const char *phrase, const char *answer_sdp,
                   gpointer data)
{
  JgwCall *call = sip_owner (sip);
  if (call && status >= 300)
    JGW_LOG_CALL (G_LOG_LEVEL_WARNING, call->id, "re-INVITE refused: %u %s", status, phrase);
}

static void
sip_dtmf (JgwSipUa *ua, JgwSipCall *sip, char digit, guint duration_ms, gpointer data)
{
  JgwCall *call = sip_owner (sip);
  if (call)
    jgw_call_dtmf_to_xmpp (call, digit, duration_ms);
}

static void
sip_refer (JgwSipUa *ua, JgwSipCall *sip, const char *target, gpointer data)
{
  JgwCall *call = sip_owner (sip);
  /* Re-targeting the bridge on a REFER is not done yet: decline it. */
  if (call)
    JGW_LOG_CALL (G_LOG_LEVEL_MESSAGE, call->id, "transfer to %s requested by the far end: declined", target);
  jgw_sip_call_refer_notify (sip, 603, NULL);
}

static void
sip_transfer_progress (JgwSipUa *ua, JgwSipCall *sip, guint status, const char *phrase, gpointer data)
{
  JgwCall *call = sip_owner (sip);
  if (call && sip == call->sip)
    jgw_call_transfer_progress (call, status, phrase);
}

static void
sip_ended (JgwSipUa *ua, JgwSipCall *sip, guint status, const char *phrase, gboolean by_remote, gpointer data)
{
  JgwCall *call = sip_owner (sip);
  if (call == NULL)
    return;
  if (sip == call->desk)
    call->desk = NULL;
  else
    call->sip = NULL;
  JgwReason reason = jgw_reason_from_sip_status (status);
  jgw_call_end (call, reason, status == 200 ? NULL : phrase, status);
}

static const JgwSipEvents sip_events = {
  .registration = sip_registration,
  .incoming_policy = sip_policy,
  .claim = sip_claim,
  .incoming = sip_incoming,
  .progress = sip_progress,
  .established = sip_established,
  .update = sip_update,
  .update_result = sip_update_result,
  .dtmf = sip_dtmf,
  .refer = sip_refer,
  .transfer_progress = sip_transfer_progress,
  .ended = sip_ended,
};

/* --- Jingle events --- */

/* The conference's Jingle callbacks if it takes SESSION's events: sessions
 * that no call owns (conference sessions never carry session data). */
static const JgwJingleCallbacks *
conference_jingle (JgwCalls *calls, JgwJingleSession *session)
{
  if (calls->conference == NULL || calls->conference->jingle == NULL
      || jgw_jingle_session_get_data (session) != NULL)
    return NULL;
  return calls->conference->jingle;
}

static void
jingle_initiated (JgwJingleSession *session, const JgwJingle *jingle, gpointer data)
{
  JgwCalls *calls = data;
  g_autofree char *local = jgw_jid_local (jgw_jingle_session_get_local (session));
  const JgwJingleCallbacks *conf = conference_jingle (calls, session);
  if (conf && local && calls->conference->sip_claim (local, calls->conference_data))
    conf->initiated (session, jingle, calls->conference_data);
  else
    jgw_call_out_initiated (calls, session, jingle);
}

static void
jingle_accepted (JgwJingleSession *session, const JgwJingle *jingle, gpointer data)
{
  JgwCall *call = jingle_owner (session);
  const JgwJingleCallbacks *conf = conference_jingle (data, session);
  if (conf)
    conf->accepted (session, jingle, ((JgwCalls *) data)->conference_data);
  else if (call && call->incoming)
    jgw_call_in_accepted (call, jingle);
  else if (call && call->dialing)
    jgw_call_dial_accepted (call, jingle);
}

static void
jingle_terminated (JgwJingleSession *session, JgwReason reason, const char *text, gpointer data)
{
  JgwCall *call = jingle_owner (session);
  const JgwJingleCallbacks *conf = conference_jingle (data, session);
  if (conf)
    conf->terminated (session, reason, text, ((JgwCalls *) data)->conference_data);
  if (call == NULL)
    return;
  call->jingle = NULL;
  jgw_call_end (call, reason, text, jgw_reason_to_sip_status (reason));
}

static void
jingle_info (JgwJingleSession *session, const JgwJingle *jingle, gpointer data)
{
  JgwCall *call = jingle_owner (session);
  const JgwJingleCallbacks *conf = conference_jingle (data, session);
  if (conf && conf->info)
    conf->info (session, jingle, ((JgwCalls *) data)->conference_data);
  else if (call)
    jgw_call_jingle_info (call, jingle);
}

static void
jingle_transport_info (JgwJingleSession *session, const JgwJingle *jingle, gpointer data)
{
  JgwCall *call = jingle_owner (session);
  const JgwJingleCallbacks *conf = conference_jingle (data, session);
  if (conf)
    conf->transport_info (session, jingle, ((JgwCalls *) data)->conference_data);
  else if (call)
    jgw_call_transport_info (call, jingle);
}

static void
jingle_content (JgwJingleSession *session, const JgwJingle *jingle, gpointer data)
{
  JgwCall *call = jingle_owner (session);
  if (call)
    jgw_call_jingle_content (call, jingle);
}

static const JgwJingleCallbacks jingle_callbacks = {
  jingle_initiated, jingle_accepted, jingle_terminated, jingle_info, jingle_transport_info, jingle_content,
};

static void
jingle_send (xmpp_stanza_t *stanza, gpointer data)
{
  JgwCalls *calls = data;
  jgw_component_send (calls->component, stanza);
}

/* --- XEP-0353 --- */

JgwCall *
jgw_calls_find_jmi (JgwCalls *calls, const char *id)
{
  GHashTableIter it;
  gpointer value;
  g_hash_table_iter_init (&it, calls->calls);
  while (g_hash_table_iter_next (&it, NULL, &value))
    {
      JgwCall *call = value;
      if (call->state != CALL_ENDED && g_strcmp0 (call->jmi_id, id) == 0)
        return call;
    }
  return NULL;
}

/* A client proposes a call to a phone JID: we can always take it, so we
 * proceed at once and its session-initiate follows (XEP-0353 section 3). */
static void
jmi_proposed (JgwJmi *jmi, const JgwJmiMessage *msg, gpointer data)
{
  g_autofree char *user = jgw_jid_bare (msg->from);
  gboolean audio = msg->media == NULL || g_strv_contains ((const char *const *) msg->media, "audio");
  if (!audio || user == NULL)
    {
      jgw_jmi_reject (jmi, msg->id, JGW_REASON_UNSUPPORTED_APPLICATIONS, NULL);
      return;
    }
  g_info ("%s proposes a call to %s (%s): proceeding", msg->from, msg->to, msg->id);
  jgw_jmi_proceed (jmi, msg->id, NULL);
}

/* The conference's XEP-0353 callbacks for proposal ID if no call made it. */
static const JgwJmiCallbacks *
conference_jmi (JgwCalls *calls, const char *id)
{
  if (calls->conference == NULL || calls->conference->jmi == NULL || jgw_calls_find_jmi (calls, id))
    return NULL;
  return calls->conference->jmi;
}

static void
jmi_ringing (JgwJmi *jmi, const char *id, const char *device, gpointer data)
{
  JgwCall *call = jgw_calls_find_jmi (data, id);
  const JgwJmiCallbacks *conf = conference_jmi (data, id);
  if (conf && conf->ringing)
    conf->ringing (jmi, id, device, ((JgwCalls *) data)->conference_data);
  if (call)
    JGW_LOG_CALL (G_LOG_LEVEL_INFO, call->id, "%s rings", device);
}

static void
jmi_proceeded (JgwJmi *jmi, const char *id, const char *device, gpointer data)
{
  JgwCall *call = jgw_calls_find_jmi (data, id);
  const JgwJmiCallbacks *conf = conference_jmi (data, id);
  if (conf)
    conf->proceeded (jmi, id, device, ((JgwCalls *) data)->conference_data);
  else if (call && call->incoming && call->jingle == NULL)
    jgw_call_in_proceeded (call, device);
}

static void
jmi_ended (JgwJmi *jmi, const char *id, JgwJmiKind kind, JgwReason reason, gpointer data)
{
  JgwCall *call = jgw_calls_find_jmi (data, id);
  const JgwJmiCallbacks *conf = conference_jmi (data, id);
  if (conf)
    conf->ended (jmi, id, kind, reason, ((JgwCalls *) data)->conference_data);
  if (call == NULL || call->jingle)
    return;
  /* Forget the proposal first: it is over, nothing to retract. */
  g_clear_pointer (&call->jmi_id, g_free);
  if (reason == JGW_REASON_NONE)
    reason = kind == JGW_JMI_REJECT ? JGW_REASON_DECLINE : JGW_REASON_TIMEOUT;
  /* Nobody picked up within the ring time: 480, as for direct ringing. */
  guint status = kind == JGW_JMI_REJECT ? jgw_reason_to_sip_status (reason) : 480;
  if (kind != JGW_JMI_REJECT && jgw_call_rules_no_answer (call))
    return;
  jgw_call_end (call, reason, kind == JGW_JMI_REJECT ? "declined" : "no answer", status);
}

static void
jmi_finished (JgwJmi *jmi, const char *id, JgwReason reason, gpointer data)
{
  g_debug ("proposal %s finished", id);
}

static const JgwJmiCallbacks jmi_callbacks = {
  jmi_proposed, jmi_ringing, jmi_proceeded, jmi_ended, jmi_finished,
};

/* --- XMPP glue --- */

static gboolean
jingle_iq_h (xmpp_stanza_t *stanza, gpointer data)
{
  JgwCalls *calls = data;
  return jgw_jingle_manager_handle_iq (calls->jingle, stanza);
}

/* Digits sent as a chat message to the call's JID are played as DTMF:
 * Conversations and Dino have no keypad. */
static gboolean
message_h (xmpp_stanza_t *stanza, gpointer data)
{
  JgwCalls *calls = data;
  if (jgw_jmi_handle_message (calls->jmi, stanza))
    return TRUE;
  xmpp_stanza_t *body = xmpp_stanza_get_child_by_name (stanza, "body");
  g_autofree char *text = body ? xmpp_stanza_get_text (body) : NULL;
  g_autofree char *user = jgw_jid_bare (xmpp_stanza_get_from (stanza));
  g_autofree char *to = jgw_jid_bare (xmpp_stanza_get_to (stanza));
  if (text == NULL || user == NULL || to == NULL)
    return FALSE;
  g_strstrip (text);
  if (*text == '\0' || strspn (text, "0123456789*#ABCDabcd") != strlen (text))
    return FALSE;
  g_autoptr (GPtrArray) mine = jgw_calls_of_user (calls, user);
  for (guint i = 0; i < mine->len; i++)
    {
      JgwCall *call = g_ptr_array_index (mine, i);
      if (g_strcmp0 (call->peer, to) == 0 && call->state == CALL_ACTIVE)
        {
          g_autoptr (GError) error = NULL;
          g_autofree char *upper = g_ascii_strup (text, -1);
          if (!jgw_call_send_dtmf (call, upper, &error))
            JGW_LOG_CALL (G_LOG_LEVEL_INFO, call->id, "DTMF not sent: %s", error->message);
          return TRUE;
        }
    }
  return FALSE;
}

/* A device going offline ends its calls (issue: presence unavailable). */
static void
presence_watch (const char *full_jid, gboolean available, gboolean features_known, gpointer data)
{
  JgwCalls *calls = data;
  if (available)
    return;
  GHashTableIter it;
  gpointer value;
  g_hash_table_iter_init (&it, calls->calls);
  while (g_hash_table_iter_next (&it, NULL, &value))
    {
      JgwCall *call = value;
      if (call->jingle && g_strcmp0 (jgw_jingle_session_get_peer (call->jingle), full_jid) == 0)
        jgw_call_end (call, JGW_REASON_GONE, "the client went offline", 480);
    }
}

/* --- accounts --- */

static void
add_store_account (JgwCalls *calls, const char *jid)
{
  g_autoptr (JgwAccount) a = jgw_store_account_credentials (calls->store, jid, NULL);
  if (a == NULL)
    return;
  const char *host = a->registrar + (g_str_has_prefix (a->registrar, "sips:") ? 5 : 4);
  g_autofree char *sip_uri = g_strdup_printf ("sip:%s@%.*s", a->username, (int) strcspn (host, ";?"), host);
  JgwUserConfig user = { .jid = (char *) jid, .sip_uri = sip_uri, .auth_user = a->username,
                         .password = a->password, .registrar = a->registrar };
  g_autoptr (GError) error = NULL;
  if (!jgw_sip_ua_add_account (calls->sip, &user, &error))
    g_warning ("SIP account of %s not started: %s", jid, error->message);
}

void
jgw_calls_account_changed (JgwCalls *calls, const char *bare_jid, gboolean registered)
{
  if (jgw_config_find_user (calls->config, bare_jid))
    return; /* a static identity wins over an in-band one */
  jgw_sip_ua_remove_account (calls->sip, bare_jid);
  if (registered)
    add_store_account (calls, bare_jid);
}

/* --- life cycle --- */

JgwCalls *
jgw_calls_new (const JgwConfig *config, JgwComponent *component, JgwPresence *presence,
               const JgwRouter *router, JgwStore *store, GError **error)
{
  JgwCalls *calls = g_new0 (JgwCalls, 1);
  calls->config = config;
  calls->component = component;
  calls->presence = presence;
  calls->router = router;
  calls->store = store;
  calls->calls = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, jgw_call_free);
  calls->watchers = g_array_new (FALSE, FALSE, sizeof (Watcher));
  calls->lookups = g_hash_table_new (NULL, NULL);
  calls->sip = jgw_sip_ua_new (config, &sip_events, calls, error);
  if (calls->sip == NULL)
    {
      g_hash_table_unref (calls->lookups);
      g_array_unref (calls->watchers);
      g_hash_table_unref (calls->calls);
      g_free (calls);
      return NULL;
    }
  calls->jingle = jgw_jingle_manager_new (jgw_component_ctx (component), config->calls.max_calls_per_user,
                                          jingle_send, &jingle_callbacks, calls);
  calls->jmi = jgw_jmi_new (jgw_component_ctx (component), config->calls.ring_time * 1000, jingle_send,
                            &jmi_callbacks, calls);
  JgwDispatch *d = jgw_component_dispatch (component);
  calls->handlers[0] = jgw_dispatch_add (d, "iq", "set", NS_JINGLE, jingle_iq_h, calls);
  calls->handlers[1] = jgw_dispatch_add (d, "iq", "result", NULL, jingle_iq_h, calls);
  calls->handlers[2] = jgw_dispatch_add (d, "iq", "error", NULL, jingle_iq_h, calls);
  calls->handlers[3] = jgw_dispatch_add (d, "message", NULL, NULL, message_h, calls);
  jgw_presence_set_watch (presence, presence_watch, calls);
  g_autoptr (GPtrArray) accounts = jgw_store_account_list (store, NULL);
  for (guint i = 0; accounts && i < accounts->len; i++)
    jgw_calls_account_changed (calls, ((JgwAccount *) g_ptr_array_index (accounts, i))->jid, TRUE);
  return calls;
}

static void
sip_stopped (JgwSipUa *ua, gpointer data)
{
  JgwCalls *calls = data;
  JgwCallsStopped done = calls->stopped;
  calls->stopped = NULL;
  if (done)
    done (calls->stopped_data);
}

void
jgw_calls_shutdown (JgwCalls *calls, JgwCallsStopped done, gpointer user_data)
{
  GHashTableIter it;
  gpointer value;
  g_hash_table_iter_init (&it, calls->calls);
  while (g_hash_table_iter_next (&it, NULL, &value))
    jgw_call_end (value, JGW_REASON_SUCCESS, "the gateway is shutting down", 503);
  calls->stopped = done;
  calls->stopped_data = user_data;
  jgw_sip_ua_shutdown (calls->sip, sip_stopped, calls);
}

void
jgw_calls_free (JgwCalls *calls)
{
  if (calls == NULL)
    return;
  jgw_presence_set_watch (calls->presence, NULL, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (calls->handlers); i++)
    jgw_dispatch_remove (jgw_component_dispatch (calls->component), calls->handlers[i]);
  g_clear_handle_id (&calls->reap_idle, g_source_remove);
  jgw_call_lookups_orphan (calls);
  g_hash_table_unref (calls->lookups);
  jgw_jingle_manager_free (calls->jingle);
  jgw_jmi_free (calls->jmi);
  g_hash_table_unref (calls->calls);
  g_array_unref (calls->watchers);
  jgw_sip_ua_free (calls->sip);
  g_free (calls);
}

void
jgw_calls_set_router (JgwCalls *calls, const JgwRouter *router)
{
  calls->router = router;
}

void
jgw_calls_set_extdisco (JgwCalls *calls, JgwExtdisco *extdisco)
{
  calls->extdisco = extdisco;
}

void
jgw_calls_set_identities (JgwCalls *calls, JgwIdentities *identities)
{
  /* Look-ups pending at the old identities are answered CANCELLED when
   * they are freed; call_lookup.c then asks these. */
  calls->identities = identities;
}

void
jgw_calls_set_config (JgwCalls *calls, const JgwConfig *config)
{
  calls->config = config;
}

void
jgw_calls_set_conference_hook (JgwCalls *calls, const JgwCallsConferenceHook *hook, gpointer data)
{
  calls->conference = hook;
  calls->conference_data = data;
}

JgwJingleManager *
jgw_calls_jingle (JgwCalls *calls)
{
  return calls->jingle;
}

JgwJmi *
jgw_calls_jmi (JgwCalls *calls)
{
  return calls->jmi;
}

JgwSipUa *
jgw_calls_sip (JgwCalls *calls)
{
  return calls->sip;
}

guint
jgw_calls_count (JgwCalls *calls)
{
  guint n = 0;
  GHashTableIter it;
  gpointer value;
  g_hash_table_iter_init (&it, calls->calls);
  while (g_hash_table_iter_next (&it, NULL, &value))
    n += ((JgwCall *) value)->state != CALL_ENDED;
  return n;
}

static gint
by_start (gconstpointer a, gconstpointer b)
{
  const JgwCall *ca = *(JgwCall *const *) a, *cb = *(JgwCall *const *) b;
  return ca->start_ms < cb->start_ms ? -1 : ca->start_ms > cb->start_ms;
}

GPtrArray *
jgw_calls_of_user (JgwCalls *calls, const char *bare_jid)
{
  GPtrArray *out = g_ptr_array_new ();
  GHashTableIter it;
  gpointer value;
  g_hash_table_iter_init (&it, calls->calls);
  while (g_hash_table_iter_next (&it, NULL, &value))
    {
      JgwCall *call = value;
      if (call->state != CALL_ENDED && g_ascii_strcasecmp (call->user, bare_jid) == 0)
        g_ptr_array_add (out, call);
    }
  g_ptr_array_sort (out, by_start);
  return out;
}
