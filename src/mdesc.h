/* mdesc.h — the media description model shared by every side of a call:
 * the Jingle parser/builder (src/jingle), the SDP converter (src/sdp), the
 * SIP leg (src/sip) and the media pipelines (src/media). It holds what
 * XEP-0166/0167/0176/0320/0293/0294/0338/0339 and SDP can say about an
 * audio session, so that conversions in both directions are lossless.
 *
 * Ownership: every struct is created with its _new() and freed with its
 * _free(); a struct owns everything it points to, and each GPtrArray owns
 * its elements (free functions set). jgw_session_desc_copy() deep-copies. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char *name;
  char *value;            /* may be NULL (flag parameters) */
} JgwParam;

typedef struct {
  char *type;             /* XEP-0293 rtcp-fb type, e.g. "nack", "transport-cc" */
  char *subtype;          /* optional, e.g. "pli" */
} JgwRtcpFb;

typedef struct {
  guint8 id;              /* RTP payload type */
  char *name;             /* "opus", "PCMU", "telephone-event", ... */
  guint clockrate;
  guint channels;         /* 0 = unspecified (1) */
  guint ptime, maxptime;  /* 0 = unspecified */
  GPtrArray *params;      /* of JgwParam: fmtp */
  GPtrArray *rtcp_fb;     /* of JgwRtcpFb */
} JgwPayload;

typedef struct {
  guint id;
  char *uri;
  char *senders;          /* optional, Jingle senders value */
} JgwHdrExt;

typedef struct {
  guint32 ssrc;
  GPtrArray *params;      /* of JgwParam: cname, msid, ... */
} JgwSsrc;

typedef struct {
  char *semantics;        /* "FID", "SIM", ... */
  GArray *ssrcs;          /* of guint32 */
} JgwSsrcGroup;

typedef struct {
  guint component;        /* 1 RTP, 2 RTCP */
  char *foundation;
  guint generation;
  char *id;               /* Jingle candidate id (generated when absent in SDP) */
  char *ip;
  guint network;
  guint16 port;
  guint32 priority;
  char *protocol;         /* "udp" */
  char *type;             /* host, srflx, prflx, relay */
  char *rel_addr;         /* optional */
  guint16 rel_port;
  char *tcptype;          /* optional */
} JgwCandidate;

typedef struct {
  char *hash;             /* "sha-256" */
  char *setup;            /* actpass, active, passive */
  char *value;            /* colon-separated hex */
} JgwFingerprint;

typedef struct {
  guint tag;
  char *suite;            /* AES_CM_128_HMAC_SHA1_80 ... */
  char *key_params;       /* inline:BASE64[|lifetime][|MKI:len] */
  char *session_params;   /* optional */
} JgwCrypto;

typedef struct {
  char *ufrag, *pwd;
  GPtrArray *candidates;  /* of JgwCandidate */
  JgwFingerprint *fingerprint; /* NULL without DTLS */
  gboolean end_of_candidates;
} JgwIceTransport;

typedef enum {
  JGW_SENDERS_BOTH,
  JGW_SENDERS_INITIATOR,
  JGW_SENDERS_RESPONDER,
  JGW_SENDERS_NONE,
} JgwSenders;

typedef struct {
  char *name;             /* Jingle content name / SDP a=mid */
  char *creator;          /* "initiator" or "responder" */
  JgwSenders senders;
  char *media;            /* "audio" */
  GPtrArray *payloads;    /* of JgwPayload, in preference order */
  gboolean rtcp_mux;
  GPtrArray *hdrexts;     /* of JgwHdrExt */
  GPtrArray *ssrcs;       /* of JgwSsrc */
  GPtrArray *ssrc_groups; /* of JgwSsrcGroup */
  GPtrArray *crypto;      /* of JgwCrypto (SDES, XEP-0167 <encryption>) */
  gboolean crypto_required;
  guint bandwidth_kbps;   /* 0 = unspecified */
  JgwIceTransport *ice;   /* NULL when the content has no ICE */
  /* Plain RTP (SIP leg without ICE): the c= address and m= port. */
  char *rtp_addr;
  guint16 rtp_port;
  guint16 rtcp_port;      /* 0 = rtp_port + 1 */
} JgwContent;

typedef struct {
  char *semantics;        /* "BUNDLE" */
  GStrv contents;         /* content names */
} JgwGroup;

typedef struct {
  GPtrArray *contents;    /* of JgwContent */
  GPtrArray *groups;      /* of JgwGroup (XEP-0338) */
} JgwSessionDesc;

JgwParam *jgw_param_new (const char *name, const char *value);
/** Frees a JgwParam (a GDestroyNotify for parameter arrays). */
void jgw_param_free (gpointer param);
/** Frees a JgwRtcpFb (a GDestroyNotify for feedback arrays). */
void jgw_rtcp_fb_free (gpointer fb);

JgwSessionDesc *jgw_session_desc_new (void);
JgwSessionDesc *jgw_session_desc_copy (const JgwSessionDesc *desc);
void jgw_session_desc_free (JgwSessionDesc *desc);

JgwContent *jgw_content_new (const char *name, const char *media);
JgwContent *jgw_content_copy (const JgwContent *content);
void jgw_content_free (JgwContent *content);

JgwPayload *jgw_payload_new (guint8 id, const char *name, guint clockrate, guint channels);
JgwPayload *jgw_payload_copy (const JgwPayload *payload);
void jgw_payload_free (JgwPayload *payload);
/** Value of fmtp parameter NAME, or NULL (transfer none). */
const char *jgw_payload_get_param (const JgwPayload *payload, const char *name);
void jgw_payload_set_param (JgwPayload *payload, const char *name, const char *value);

JgwCandidate *jgw_candidate_copy (const JgwCandidate *candidate);
void jgw_candidate_free (JgwCandidate *candidate);
JgwIceTransport *jgw_ice_transport_new (void);
JgwIceTransport *jgw_ice_transport_copy (const JgwIceTransport *ice);
void jgw_ice_transport_free (JgwIceTransport *ice);
JgwFingerprint *jgw_fingerprint_copy (const JgwFingerprint *fp);
void jgw_fingerprint_free (JgwFingerprint *fp);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JgwSessionDesc, jgw_session_desc_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JgwContent, jgw_content_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JgwPayload, jgw_payload_free)

G_END_DECLS
