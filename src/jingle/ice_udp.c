/* ice_udp.c — XEP-0176 ICE-UDP <transport/> with XEP-0320 DTLS
 * <fingerprint/>, to and from JgwIceTransport. */
#define G_LOG_DOMAIN "jgw-jingle"
#include "jingle/jingle.h"
#include "jingle/xml.h"

#include <string.h>

static gboolean
parse_candidate_numbers (xmpp_stanza_t *st, JgwCandidate *c, GError **error)
{
  guint64 comp = 0, gen = 0, net = 0, port = 0, prio = 0, rport = 0;
  if (!jgw_xml_uint (st, "component", 256, TRUE, &comp, error)
      || !jgw_xml_uint (st, "generation", G_MAXUINT32, FALSE, &gen, error)
      || !jgw_xml_uint (st, "network", G_MAXUINT32, FALSE, &net, error)
      || !jgw_xml_uint (st, "port", 65535, TRUE, &port, error)
      || !jgw_xml_uint (st, "priority", G_MAXUINT32, TRUE, &prio, error)
      || !jgw_xml_uint (st, "rel-port", 65535, FALSE, &rport, error))
    return FALSE;
  c->component = (guint) comp;
  c->generation = (guint) gen;
  c->network = (guint) net;
  c->port = (guint16) port;
  c->priority = (guint32) prio;
  c->rel_port = (guint16) rport;
  return TRUE;
}

static JgwCandidate *
parse_candidate (xmpp_stanza_t *st, GError **error)
{
  const char *foundation, *ip, *protocol;
  JgwCandidate *c = g_new0 (JgwCandidate, 1);
  if (!jgw_xml_req (st, "foundation", &foundation, error) || !jgw_xml_req (st, "ip", &ip, error)
      || !jgw_xml_req (st, "protocol", &protocol, error) || !parse_candidate_numbers (st, c, error))
    {
      jgw_candidate_free (c);
      return NULL;
    }
  c->foundation = g_strdup (foundation);
  c->ip = g_strdup (ip);
  c->protocol = g_strdup (protocol);
  c->id = g_strdup (xmpp_stanza_get_attribute (st, "id"));
  /* XEP-0176 makes type mandatory, but a missing one can only be a host. */
  c->type = g_strdup (xmpp_stanza_get_attribute (st, "type"));
  if (c->type == NULL)
    c->type = g_strdup ("host");
  c->rel_addr = g_strdup (xmpp_stanza_get_attribute (st, "rel-addr"));
  c->tcptype = g_strdup (xmpp_stanza_get_attribute (st, "tcptype"));
  return c;
}

static JgwFingerprint *
parse_fingerprint (xmpp_stanza_t *st, GError **error)
{
  const char *hash;
  if (!jgw_xml_req (st, "hash", &hash, error))
    return NULL;
  g_autofree char *value = jgw_xml_text (st);
  if (*value == '\0')
    {
      g_set_error (error, JGW_JINGLE_ERROR, JGW_JINGLE_ERROR_BAD_REQUEST, "empty <fingerprint/>");
      return NULL;
    }
  const char *setup = xmpp_stanza_get_attribute (st, "setup");
  if (setup != NULL && strcmp (setup, "actpass") != 0 && strcmp (setup, "active") != 0
      && strcmp (setup, "passive") != 0 && strcmp (setup, "holdconn") != 0)
    {
      g_set_error (error, JGW_JINGLE_ERROR, JGW_JINGLE_ERROR_BAD_REQUEST, "bad fingerprint setup '%s'", setup);
      return NULL;
    }
  JgwFingerprint *fp = g_new0 (JgwFingerprint, 1);
  fp->hash = g_strdup (hash);
  fp->setup = g_strdup (setup);
  fp->value = g_steal_pointer (&value);
  return fp;
}

static gboolean
parse_transport_child (xmpp_stanza_t *c, JgwIceTransport *ice, GError **error)
{
  const char *ns = xmpp_stanza_get_ns (c);
  gboolean own = ns == NULL || strcmp (ns, JGW_NS_ICE_UDP) == 0;
  if (own && jgw_xml_is (c, "candidate", NULL))
    {
      JgwCandidate *cand = parse_candidate (c, error);
      if (cand == NULL)
        return FALSE;
      g_ptr_array_add (ice->candidates, cand);
    }
  else if (jgw_xml_is (c, "fingerprint", JGW_NS_DTLS))
    {
      if (ice->fingerprint != NULL)
        return TRUE; /* several hashes: we use the first */
      ice->fingerprint = parse_fingerprint (c, error);
      return ice->fingerprint != NULL;
    }
  return TRUE;
}

JgwIceTransport *
jgw_ice_udp_parse (xmpp_stanza_t *transport, GError **error)
{
  JgwIceTransport *ice = jgw_ice_transport_new ();
  ice->ufrag = g_strdup (xmpp_stanza_get_attribute (transport, "ufrag"));
  ice->pwd = g_strdup (xmpp_stanza_get_attribute (transport, "pwd"));
  for (xmpp_stanza_t *c = xmpp_stanza_get_children (transport); c; c = xmpp_stanza_get_next (c))
    if (!parse_transport_child (c, ice, error))
      {
        jgw_ice_transport_free (ice);
        return NULL;
      }
  return ice;
}

static void
build_candidate (xmpp_stanza_t *parent, const JgwCandidate *c)
{
  xmpp_stanza_t *st = jgw_xml_add_child (parent, "candidate", NULL);
  jgw_xml_set_uint (st, "component", c->component);
  jgw_xml_set (st, "foundation", c->foundation);
  jgw_xml_set_uint (st, "generation", c->generation);
  jgw_xml_set (st, "id", c->id);
  jgw_xml_set (st, "ip", c->ip);
  jgw_xml_set_uint (st, "network", c->network);
  jgw_xml_set_uint (st, "port", c->port);
  jgw_xml_set_uint (st, "priority", c->priority);
  jgw_xml_set (st, "protocol", c->protocol);
  jgw_xml_set (st, "type", c->type);
  jgw_xml_set (st, "rel-addr", c->rel_addr);
  if (c->rel_addr != NULL)
    jgw_xml_set_uint (st, "rel-port", c->rel_port);
  jgw_xml_set (st, "tcptype", c->tcptype);
}

void
jgw_ice_udp_build (xmpp_stanza_t *parent, const JgwIceTransport *ice)
{
  xmpp_stanza_t *tr = jgw_xml_add_child (parent, "transport", JGW_NS_ICE_UDP);
  jgw_xml_set (tr, "ufrag", ice->ufrag);
  jgw_xml_set (tr, "pwd", ice->pwd);
  if (ice->fingerprint != NULL)
    {
      xmpp_stanza_t *fp = jgw_xml_add_child (tr, "fingerprint", JGW_NS_DTLS);
      jgw_xml_set (fp, "hash", ice->fingerprint->hash);
      jgw_xml_set (fp, "setup", ice->fingerprint->setup);
      xmpp_stanza_t *text = xmpp_stanza_new (xmpp_stanza_get_context (parent));
      xmpp_stanza_set_text (text, ice->fingerprint->value);
      xmpp_stanza_add_child_ex (fp, text, 0);
    }
  for (guint i = 0; ice->candidates && i < ice->candidates->len; i++)
    build_candidate (tr, g_ptr_array_index (ice->candidates, i));
}
