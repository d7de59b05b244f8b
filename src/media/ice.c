/* ice.c — libnice agent of the XMPP leg and DTLS fingerprints. */
#define G_LOG_DOMAIN "jgw-media"

#include <string.h>

#include "media/ice.h"
#include "media/media.h"

struct _JgwIceLeg {
  NiceAgent *agent;
  const JgwMediaConfig *config;
  gboolean gathering;
  guint stream;
  GPtrArray *gathered;     /* of JgwCandidate: before describe() */
  gboolean described, gathering_done;
  /* The peer's candidates wait until it has our credentials (describe()):
   * checks sent before that go unanswered and, during a long ring, fail
   * the whole agent before the call is answered. */
  GPtrArray *held;         /* of JgwCandidate */
  gboolean held_end;
  guint next_id;
  JgwIceCandidateFunc candidate_func;
  JgwIceStateFunc state_func;
  gpointer user_data;
};

static const char *const type_names[] = { "host", "srflx", "prflx", "relay" };

static JgwCandidate *
from_nice (JgwIceLeg *leg, const NiceCandidate *nc)
{
  JgwCandidate *c = g_new0 (JgwCandidate, 1);
  char ip[NICE_ADDRESS_STRING_LEN];

  nice_address_to_string (&nc->addr, ip);
  c->component = nc->component_id;
  c->foundation = g_strdup (nc->foundation);
  c->id = g_strdup_printf ("jgw%u", leg->next_id++);
  c->ip = g_strdup (ip);
  c->port = (guint16) nice_address_get_port (&nc->addr);
  c->priority = nc->priority;
  c->protocol = g_strdup ("udp");
  c->type = g_strdup (type_names[nc->type]);
  if (nc->type != NICE_CANDIDATE_TYPE_HOST && nice_address_is_valid (&nc->base_addr)) {
    nice_address_to_string (&nc->base_addr, ip);
    c->rel_addr = g_strdup (ip);
    c->rel_port = (guint16) nice_address_get_port (&nc->base_addr);
  }
  return c;
}

static NiceCandidate *
to_nice (JgwIceLeg *leg, const JgwCandidate *c)
{
  NiceCandidateType type = NICE_CANDIDATE_TYPE_HOST;
  NiceCandidate *nc;

  for (guint i = 0; i < G_N_ELEMENTS (type_names); i++)
    if (c->type && g_str_equal (c->type, type_names[i]))
      type = (NiceCandidateType) i;
  nc = nice_candidate_new (type);
  if (!c->ip || !nice_address_set_from_string (&nc->addr, c->ip)) {
    nice_candidate_free (nc);
    return NULL;
  }
  nice_address_set_port (&nc->addr, c->port);
  nc->stream_id = leg->stream;
  nc->component_id = c->component ? c->component : 1;
  nc->priority = c->priority;
  nc->transport = NICE_CANDIDATE_TRANSPORT_UDP;
  g_strlcpy (nc->foundation, c->foundation ? c->foundation : "1", sizeof nc->foundation);
  return nc;
}

static void
on_new_candidate (NiceAgent *agent, NiceCandidate *nc, gpointer data)
{
  JgwIceLeg *leg = data;
  JgwCandidate *c;

  if (nc->transport != NICE_CANDIDATE_TRANSPORT_UDP)
    return;
  c = from_nice (leg, nc);
  if (!leg->described) {
    g_ptr_array_add (leg->gathered, c);
    return;
  }
  leg->candidate_func (c, leg->user_data);
  jgw_candidate_free (c);
}

static void
on_gathering_done (NiceAgent *agent, guint stream, gpointer data)
{
  JgwIceLeg *leg = data;

  leg->gathering_done = TRUE;
  if (leg->described)
    leg->candidate_func (NULL, leg->user_data);
}

static void
on_state (NiceAgent *agent, guint stream, guint component, guint state, gpointer data)
{
  JgwIceLeg *leg = data;

  leg->state_func ((NiceComponentState) state, leg->user_data);
}

static gboolean
split_host_port (const char *hostport, char **host, guint *port)
{
  const char *colon = hostport ? strrchr (hostport, ':') : NULL;

  if (!colon)
    return FALSE;
  *host = g_strndup (hostport, (gsize) (colon - hostport));
  *port = (guint) g_ascii_strtoull (colon + 1, NULL, 10);
  return *port > 0;
}

static void
configure_servers (JgwIceLeg *leg, const JgwMediaConfig *config)
{
  g_autofree char *host = NULL;
  g_autofree char *turn = NULL;
  guint port = 0;

  if (split_host_port (config->stun_server, &host, &port))
    g_object_set (leg->agent, "stun-server", host, "stun-server-port", port, NULL);
  if (split_host_port (config->turn_server, &turn, &port))
    nice_agent_set_relay_info (leg->agent, leg->stream, 1, turn, port,
                               config->turn_user ? config->turn_user : "",
                               config->turn_password ? config->turn_password : "",
                               NICE_RELAY_TYPE_TURN_UDP);
}

/* Servers of the user's XMPP server (XEP-0215): every TURN server is used;
 * libnice knows one STUN server, so the configured one wins. */
static void
add_servers (JgwIceLeg *leg, const GPtrArray *servers)
{
  gboolean have_stun = leg->config->stun_server != NULL;

  for (guint i = 0; servers && i < servers->len; i++) {
    const JgwIceServer *s = servers->pdata[i];

    if (s->turn)
      nice_agent_set_relay_info (leg->agent, leg->stream, 1, s->host, s->port,
                                 s->username ? s->username : "", s->password ? s->password : "",
                                 NICE_RELAY_TYPE_TURN_UDP);
    else if (!have_stun && g_hostname_is_ip_address (s->host)) {
      g_object_set (leg->agent, "stun-server", s->host, "stun-server-port", (guint) s->port, NULL);
      have_stun = TRUE;
    }
  }
}

gboolean
jgw_ice_leg_gather (JgwIceLeg *leg, const GPtrArray *servers, GError **error)
{
  if (leg->gathering)
    return TRUE;
  leg->gathering = TRUE;
  add_servers (leg, servers);
  if (!nice_agent_gather_candidates (leg->agent, leg->stream)) {
    g_set_error (error, JGW_MEDIA_ERROR, JGW_MEDIA_ERROR_NO_PORTS,
                 "ICE: no local candidate could be gathered (ports %u-%u)",
                 leg->config->port_min, leg->config->port_max);
    return FALSE;
  }
  return TRUE;
}

static gboolean
add_addresses (JgwIceLeg *leg, const JgwMediaConfig *config, GError **error)
{
  for (guint i = 0; config->ice_addresses && config->ice_addresses[i]; i++) {
    NiceAddress addr;

    nice_address_init (&addr);
    if (!nice_address_set_from_string (&addr, config->ice_addresses[i])
        || !nice_agent_add_local_address (leg->agent, &addr)) {
      g_set_error (error, JGW_MEDIA_ERROR, JGW_MEDIA_ERROR_INVALID,
                   "ice-addresses: cannot use %s", config->ice_addresses[i]);
      return FALSE;
    }
  }
  return TRUE;
}

JgwIceLeg *
jgw_ice_leg_new (const JgwMediaConfig *config, GMainContext *context, gboolean defer,
                 JgwIceCandidateFunc candidate_func, JgwIceStateFunc state_func,
                 gpointer user_data, GError **error)
{
  JgwIceLeg *leg = g_new0 (JgwIceLeg, 1);

  leg->config = config;
  leg->candidate_func = candidate_func;
  leg->state_func = state_func;
  leg->user_data = user_data;
  leg->gathered = g_ptr_array_new_with_free_func ((GDestroyNotify) jgw_candidate_free);
  leg->held = g_ptr_array_new_with_free_func ((GDestroyNotify) jgw_candidate_free);
  leg->agent = nice_agent_new_full (context, NICE_COMPATIBILITY_RFC5245,
                                    NICE_AGENT_OPTION_ICE_TRICKLE);
  g_object_set (leg->agent, "ice-tcp", FALSE, "upnp", FALSE, NULL);
  leg->stream = nice_agent_add_stream (leg->agent, 1);
  if (config->port_min && config->port_max)
    nice_agent_set_port_range (leg->agent, leg->stream, 1, config->port_min, config->port_max);
  configure_servers (leg, config);
  g_signal_connect (leg->agent, "new-candidate-full", G_CALLBACK (on_new_candidate), leg);
  g_signal_connect (leg->agent, "candidate-gathering-done", G_CALLBACK (on_gathering_done), leg);
  g_signal_connect (leg->agent, "component-state-changed", G_CALLBACK (on_state), leg);
  if (!add_addresses (leg, config, error) || (!defer && !jgw_ice_leg_gather (leg, NULL, error))) {
    jgw_ice_leg_free (leg);
    return NULL;
  }
  return leg;
}

void
jgw_ice_leg_free (JgwIceLeg *leg)
{
  if (!leg)
    return;
  g_signal_handlers_disconnect_by_data (leg->agent, leg);
  nice_agent_remove_stream (leg->agent, leg->stream);
  g_object_unref (leg->agent);
  g_ptr_array_unref (leg->gathered);
  g_ptr_array_unref (leg->held);
  g_free (leg);
}

NiceAgent *
jgw_ice_leg_agent (JgwIceLeg *leg)
{
  return leg->agent;
}

guint
jgw_ice_leg_stream (JgwIceLeg *leg)
{
  return leg->stream;
}

void
jgw_ice_leg_set_controlling (JgwIceLeg *leg, gboolean controlling)
{
  g_object_set (leg->agent, "controlling-mode", controlling, NULL);
}

static void
release_held (JgwIceLeg *leg)
{
  g_autoptr (GPtrArray) held = g_steal_pointer (&leg->held);
  g_autoptr (GError) error = NULL;

  leg->held = g_ptr_array_new_with_free_func ((GDestroyNotify) jgw_candidate_free);
  for (guint i = 0; i < held->len; i++)
    if (!jgw_ice_leg_add_candidate (leg, held->pdata[i], &error)) {
      g_message ("ICE: %s", error->message);
      g_clear_error (&error);
    }
  if (leg->held_end)
    jgw_ice_leg_add_candidate (leg, NULL, NULL);
}

void
jgw_ice_leg_describe (JgwIceLeg *leg, JgwIceTransport *ice)
{
  g_autofree char *ufrag = NULL;
  g_autofree char *pwd = NULL;

  nice_agent_get_local_credentials (leg->agent, leg->stream, &ufrag, &pwd);
  g_free (ice->ufrag);
  g_free (ice->pwd);
  ice->ufrag = g_steal_pointer (&ufrag);
  ice->pwd = g_steal_pointer (&pwd);
  for (guint i = 0; i < leg->gathered->len; i++)
    g_ptr_array_add (ice->candidates, jgw_candidate_copy (leg->gathered->pdata[i]));
  ice->end_of_candidates = leg->gathering_done;
  if (!leg->described) {
    leg->described = TRUE;
    release_held (leg);
  }
}

gboolean
jgw_ice_leg_add_candidate (JgwIceLeg *leg, const JgwCandidate *candidate, GError **error)
{
  NiceCandidate *nc;
  GSList one = { 0 };

  if (!candidate) {
    if (leg->described)
      nice_agent_peer_candidate_gathering_done (leg->agent, leg->stream);
    leg->held_end = !leg->described;
    return TRUE;
  }
  if (candidate->protocol && g_ascii_strcasecmp (candidate->protocol, "udp") != 0)
    return TRUE; /* no ICE-TCP: ignored, not an error */
  if (!(nc = to_nice (leg, candidate))) {
    g_set_error (error, JGW_MEDIA_ERROR, JGW_MEDIA_ERROR_INVALID,
                 "bad ICE candidate address %s", candidate->ip ? candidate->ip : "(none)");
    return FALSE;
  }
  if (!leg->described) {
    g_ptr_array_add (leg->held, jgw_candidate_copy (candidate));
    nice_candidate_free (nc);
    return TRUE;
  }
  one.data = nc;
  nice_agent_set_remote_candidates (leg->agent, leg->stream, nc->component_id, &one);
  nice_candidate_free (nc);
  return TRUE;
}

gboolean
jgw_ice_leg_set_remote (JgwIceLeg *leg, const JgwIceTransport *ice, GError **error)
{
  if (!ice->ufrag || !ice->pwd
      || !nice_agent_set_remote_credentials (leg->agent, leg->stream, ice->ufrag, ice->pwd)) {
    g_set_error (error, JGW_MEDIA_ERROR, JGW_MEDIA_ERROR_INVALID,
                 "remote ICE transport lacks ufrag/pwd");
    return FALSE;
  }
  for (guint i = 0; ice->candidates && i < ice->candidates->len; i++)
    if (!jgw_ice_leg_add_candidate (leg, ice->candidates->pdata[i], error))
      return FALSE;
  if (ice->end_of_candidates)
    jgw_ice_leg_add_candidate (leg, NULL, NULL);
  return TRUE;
}

gboolean
jgw_ice_leg_set_remote_dtls (JgwIceLeg *leg, const JgwIceTransport *ice, gboolean offered,
                             gboolean *dtls_client, GError **error)
{
  const JgwFingerprint *fp = ice ? ice->fingerprint : NULL;

  if (!ice) {
    g_set_error (error, JGW_MEDIA_ERROR, JGW_MEDIA_ERROR_INVALID,
                 "the XMPP content has no ICE-UDP transport");
    return FALSE;
  }
  if (!fp || !fp->value || !fp->hash) {
    g_set_error (error, JGW_MEDIA_ERROR, JGW_MEDIA_ERROR_INVALID,
                 "the XMPP content has no DTLS fingerprint (XEP-0320 is required)");
    return FALSE;
  }
  /* RFC 5763 5: the answerer picks; we answer actpass with active. */
  *dtls_client = !(fp->setup && g_str_equal (fp->setup, "active"));
  jgw_ice_leg_set_controlling (leg, offered);
  return jgw_ice_leg_set_remote (leg, ice, error);
}

static GChecksumType
checksum_type (const char *hash, gboolean *ok)
{
  *ok = TRUE;
  if (!g_ascii_strcasecmp (hash, "sha-256"))
    return G_CHECKSUM_SHA256;
  if (!g_ascii_strcasecmp (hash, "sha-1"))
    return G_CHECKSUM_SHA1;
  if (!g_ascii_strcasecmp (hash, "sha-384"))
    return G_CHECKSUM_SHA384;
  if (!g_ascii_strcasecmp (hash, "sha-512"))
    return G_CHECKSUM_SHA512;
  *ok = FALSE;
  return G_CHECKSUM_SHA256;
}

char *
jgw_dtls_fingerprint (const char *pem, const char *hash)
{
  static const char begin[] = "-----BEGIN CERTIFICATE-----";
  const char *start = pem ? strstr (pem, begin) : NULL;
  const char *end = start ? strstr (start, "-----END CERTIFICATE-----") : NULL;
  g_autofree char *b64 = NULL;
  g_autofree guchar *der = NULL;
  guint8 digest[64];
  gsize der_len, len = sizeof digest;
  gboolean ok;
  GChecksumType type = checksum_type (hash ? hash : "", &ok);
  g_autoptr (GChecksum) sum = NULL;
  GString *out;

  if (!end || !ok)
    return NULL;
  start += sizeof begin - 1;
  b64 = g_strndup (start, (gsize) (end - start));
  der = g_base64_decode (b64, &der_len);
  sum = g_checksum_new (type);
  g_checksum_update (sum, der, der_len);
  g_checksum_get_digest (sum, digest, &len);
  out = g_string_new (NULL);
  for (gsize i = 0; i < len; i++)
    g_string_append_printf (out, i ? ":%02X" : "%02X", digest[i]);
  return g_string_free (out, FALSE);
}

GstElement *
jgw_dtls_decoder_new (const char *conn_id, char **fingerprint, GError **error)
{
  GstElement *dec = gst_element_factory_make ("dtlssrtpdec", NULL);
  g_autofree char *pem = NULL;

  if (!dec) {
    g_set_error (error, JGW_MEDIA_ERROR, JGW_MEDIA_ERROR_STATE,
                 "GStreamer element dtlssrtpdec is missing (gstreamer1.0-plugins-bad)");
    return NULL;
  }
  gst_object_ref_sink (dec);
  g_object_set (dec, "connection-id", conn_id, NULL);
  g_object_get (dec, "pem", &pem, NULL);
  if (!(*fingerprint = jgw_dtls_fingerprint (pem, "sha-256"))) {
    g_set_error (error, JGW_MEDIA_ERROR, JGW_MEDIA_ERROR_STATE, "no DTLS certificate");
    gst_object_unref (dec);
    return NULL;
  }
  return dec;
}

gboolean
jgw_dtls_peer_matches (const JgwFingerprint *want, const char *pem)
{
  g_autofree char *got = want ? jgw_dtls_fingerprint (pem, want->hash) : NULL;

  if (got && want->value && g_ascii_strcasecmp (got, want->value) == 0)
    return TRUE;
  g_message ("DTLS peer certificate %s %s, signalled %s", want ? want->hash : "(no hash)",
             got ? got : "(unparsable)", want && want->value ? want->value : "(none)");
  return FALSE;
}
