/* jingle.h — Jingle (XEP-0166) XML <-> model codec: one <jingle/> element
 * with its action, sid, contents (XEP-0167 RTP descriptions, XEP-0176
 * ICE-UDP transports with XEP-0320 DTLS fingerprints), XEP-0338 groups,
 * <reason/> and XEP-0167 session-info payloads. Pure: no I/O.
 *
 * Ownership: jgw_jingle_parse() returns a new JgwJingle the caller frees
 * with jgw_jingle_free(); it owns its strings and desc. jgw_jingle_build()
 * returns a new <jingle/> stanza the caller releases (or adds to an iq with
 * xmpp_stanza_add_child_ex (iq, st, 0)). The input stanza is never kept. */
#pragma once

#include <glib.h>
#include <strophe.h>

#include "jingle/reason.h"
#include "mdesc.h"

G_BEGIN_DECLS

#define JGW_NS_JINGLE "urn:xmpp:jingle:1"
#define JGW_NS_JINGLE_ERRORS "urn:xmpp:jingle:errors:1"
#define JGW_NS_RTP "urn:xmpp:jingle:apps:rtp:1"
#define JGW_NS_RTP_INFO "urn:xmpp:jingle:apps:rtp:info:1"
#define JGW_NS_RTP_AUDIO "urn:xmpp:jingle:apps:rtp:audio"
#define JGW_NS_RTCP_FB "urn:xmpp:jingle:apps:rtp:rtcp-fb:0"
#define JGW_NS_HDREXT "urn:xmpp:jingle:apps:rtp:rtp-hdrext:0"
#define JGW_NS_SSMA "urn:xmpp:jingle:apps:rtp:ssma:0"
#define JGW_NS_ICE_UDP "urn:xmpp:jingle:transports:ice-udp:1"
#define JGW_NS_DTLS "urn:xmpp:jingle:apps:dtls:0"
#define JGW_NS_GROUPING "urn:xmpp:jingle:apps:grouping:0"
#define JGW_NS_JMI "urn:xmpp:jingle-message:0"

#define JGW_JINGLE_ERROR (jgw_jingle_error_quark ())
GQuark jgw_jingle_error_quark (void);

/* Every code maps to an XMPP stanza error; see jgw_jingle_error_condition(). */
typedef enum {
  JGW_JINGLE_ERROR_BAD_REQUEST,     /* malformed: bad-request */
  JGW_JINGLE_ERROR_UNKNOWN_SESSION, /* item-not-found + <unknown-session/> */
  JGW_JINGLE_ERROR_OUT_OF_ORDER,    /* unexpected-request + <out-of-order/> */
  JGW_JINGLE_ERROR_TIE_BREAK,       /* conflict + <tie-break/> */
  JGW_JINGLE_ERROR_UNSUPPORTED_INFO, /* feature-not-implemented + <unsupported-info/> */
  JGW_JINGLE_ERROR_RESOURCE_CONSTRAINT, /* too many sessions */
  JGW_JINGLE_ERROR_NOT_ACCEPTABLE,  /* e.g. setup=actpass in an answer */
} JgwJingleErrorCode;

typedef enum {
  JGW_ACTION_UNKNOWN = 0,
  JGW_ACTION_CONTENT_ACCEPT,
  JGW_ACTION_CONTENT_ADD,
  JGW_ACTION_CONTENT_MODIFY,
  JGW_ACTION_CONTENT_REJECT,
  JGW_ACTION_CONTENT_REMOVE,
  JGW_ACTION_DESCRIPTION_INFO,
  JGW_ACTION_SECURITY_INFO,
  JGW_ACTION_SESSION_ACCEPT,
  JGW_ACTION_SESSION_INFO,
  JGW_ACTION_SESSION_INITIATE,
  JGW_ACTION_SESSION_TERMINATE,
  JGW_ACTION_TRANSPORT_ACCEPT,
  JGW_ACTION_TRANSPORT_INFO,
  JGW_ACTION_TRANSPORT_REJECT,
  JGW_ACTION_TRANSPORT_REPLACE,
} JgwJingleAction;

/* XEP-0167 section 7 session-info payloads. */
typedef enum {
  JGW_INFO_NONE = 0,   /* empty session-info: a ping */
  JGW_INFO_ACTIVE,
  JGW_INFO_HOLD,
  JGW_INFO_UNHOLD,
  JGW_INFO_MUTE,
  JGW_INFO_UNMUTE,
  JGW_INFO_RINGING,
  JGW_INFO_UNSUPPORTED, /* a payload we do not know: answer unsupported-info */
} JgwJingleInfo;

typedef struct {
  JgwJingleAction action;
  char *sid;
  char *initiator;        /* optional */
  char *responder;        /* optional */
  JgwSessionDesc *desc;   /* contents and groups; never NULL after parse */
  JgwReason reason;
  char *reason_text;      /* optional <text/> */
  char *alternative_sid;  /* <alternative-session><sid/> */
  JgwJingleInfo info;
  char *info_creator;     /* mute/unmute attributes, optional */
  char *info_name;
} JgwJingle;

/** New empty Jingle of ACTION for session SID (transfer full). */
JgwJingle *jgw_jingle_new (JgwJingleAction action, const char *sid);
void jgw_jingle_free (JgwJingle *jingle);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JgwJingle, jgw_jingle_free)

/** Action name, e.g. "session-initiate"; NULL for UNKNOWN. */
const char *jgw_jingle_action_to_string (JgwJingleAction action);
JgwJingleAction jgw_jingle_action_from_string (const char *name);
/** Element name of a session-info payload; NULL for NONE/UNSUPPORTED. */
const char *jgw_jingle_info_to_string (JgwJingleInfo info);

/** Parses a <jingle xmlns='urn:xmpp:jingle:1'/> element (transfer full);
 *  NULL and JGW_JINGLE_ERROR_BAD_REQUEST on malformed input. */
JgwJingle *jgw_jingle_parse (xmpp_stanza_t *jingle, GError **error);
/** Builds the <jingle/> element of JINGLE (transfer full). */
xmpp_stanza_t *jgw_jingle_build (xmpp_ctx_t *ctx, const JgwJingle *jingle);

/* Per-part codecs, used by the above and by content-level actions. */
/** Parses an XEP-0167 <description/> into CONTENT. */
gboolean jgw_rtp_parse (xmpp_stanza_t *description, JgwContent *content, GError **error);
/** Appends the <description/> of CONTENT to PARENT. */
void jgw_rtp_build (xmpp_stanza_t *parent, const JgwContent *content);
/** Parses an XEP-0176 <transport/> (transfer full). */
JgwIceTransport *jgw_ice_udp_parse (xmpp_stanza_t *transport, GError **error);
/** Appends the <transport/> of ICE to PARENT. */
void jgw_ice_udp_build (xmpp_stanza_t *parent, const JgwIceTransport *ice);

/** XMPP stanza error condition (RFC 6120) for an error of JGW_JINGLE_ERROR. */
const char *jgw_jingle_error_condition (const GError *error);
/** Jingle-specific error element (in JGW_NS_JINGLE_ERRORS) or NULL. */
const char *jgw_jingle_error_app_condition (const GError *error);
/** Builds the iq error reply to REQUEST for ERROR (transfer full). */
xmpp_stanza_t *jgw_jingle_error_reply (xmpp_stanza_t *request, const GError *error);

G_END_DECLS
