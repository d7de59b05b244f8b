/* error.c — JGW_JINGLE_ERROR codes to XMPP stanza errors (XEP-0166
 * section 8 and RFC 6120 section 8.3.3). */
#define G_LOG_DOMAIN "jgw-jingle"
#include "jingle/jingle.h"
#include "jingle/xml.h"

static const struct {
  const char *type, *condition, *app;
} conditions[] = {
  [JGW_JINGLE_ERROR_BAD_REQUEST] = { "modify", "bad-request", NULL },
  [JGW_JINGLE_ERROR_UNKNOWN_SESSION] = { "cancel", "item-not-found", "unknown-session" },
  [JGW_JINGLE_ERROR_OUT_OF_ORDER] = { "wait", "unexpected-request", "out-of-order" },
  [JGW_JINGLE_ERROR_TIE_BREAK] = { "cancel", "conflict", "tie-break" },
  [JGW_JINGLE_ERROR_UNSUPPORTED_INFO] = { "modify", "feature-not-implemented", "unsupported-info" },
  [JGW_JINGLE_ERROR_RESOURCE_CONSTRAINT] = { "wait", "resource-constraint", NULL },
  [JGW_JINGLE_ERROR_NOT_ACCEPTABLE] = { "modify", "not-acceptable", NULL },
};

static guint
index_of (const GError *error)
{
  if (error == NULL || error->domain != JGW_JINGLE_ERROR || (guint) error->code >= G_N_ELEMENTS (conditions))
    return G_N_ELEMENTS (conditions);
  return (guint) error->code;
}

const char *
jgw_jingle_error_condition (const GError *error)
{
  guint i = index_of (error);
  return i < G_N_ELEMENTS (conditions) ? conditions[i].condition : "internal-server-error";
}

const char *
jgw_jingle_error_app_condition (const GError *error)
{
  guint i = index_of (error);
  return i < G_N_ELEMENTS (conditions) ? conditions[i].app : NULL;
}

xmpp_stanza_t *
jgw_jingle_error_reply (xmpp_stanza_t *request, const GError *error)
{
  guint i = index_of (error);
  const char *type = i < G_N_ELEMENTS (conditions) ? conditions[i].type : "cancel";
  /* Built by hand: RFC 6120 8.3.1 lets us leave the request's payload out. */
  xmpp_stanza_t *reply = xmpp_iq_new (xmpp_stanza_get_context (request), "error", xmpp_stanza_get_id (request));
  jgw_xml_set (reply, "to", xmpp_stanza_get_from (request));
  jgw_xml_set (reply, "from", xmpp_stanza_get_to (request));
  xmpp_stanza_t *err = jgw_xml_add_child (reply, "error", NULL);
  xmpp_stanza_set_attribute (err, "type", type);
  jgw_xml_add_child (err, jgw_jingle_error_condition (error), "urn:ietf:params:xml:ns:xmpp-stanzas");
  if (jgw_jingle_error_app_condition (error) != NULL)
    jgw_xml_add_child (err, jgw_jingle_error_app_condition (error), JGW_NS_JINGLE_ERRORS);
  return reply;
}
