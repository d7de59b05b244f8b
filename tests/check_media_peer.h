/* check_media_peer.h — the far ends used by the media suite, both real
 * stacks on loopback: an XMPP-side peer (its own libnice agent with
 * DTLS-SRTP in GStreamer, like a Jingle client) and a SIP-side peer (plain
 * RTP with udpsrc/udpsink on one socket, like a phone). Each sends a sine
 * tone and records what it receives (8 kHz S16 mono). */
#pragma once

#include <agent.h>

#include "harness/tone.h"
#include "mdesc.h"

typedef struct {
  NiceAgent *agent;
  guint stream;
  GstElement *pipeline;
  JgwToneRecorder *rec;
  JgwContent *content;     /* our offer */
  GPtrArray *pending;      /* local candidates gathered */
  char *codec;
} XmppPeer;

typedef struct {
  GSocket *socket;
  GSocket *rtcp_socket;    /* NULL: the peer sends no RTCP */
  guint16 port;
  GstElement *pipeline;
  JgwToneRecorder *rec;
  JgwContent *content;     /* our answer */
  GMutex lock;
  GString *digits;         /* RFC 4733 digits received */
  guint32 last_event_ts;
  gboolean have_event;
  int te_pt;
  GstCaps *srtp_caps;       /* the session's key, for srtpdec's request-key */
} SipPeer;

/** CODEC is "opus", "PCMU", "PCMA" or "G722"; FREQ the tone it sends. */
XmppPeer *xmpp_peer_new (const char *codec, double freq);
/** Remote credentials/candidates (the session's answer) and start media. */
/** The same, with an RTCP session answering the session's reports. */
XmppPeer *xmpp_peer_new_rtcp (const char *codec, double freq);
void xmpp_peer_set_remote (XmppPeer *p, const JgwContent *answer);
void xmpp_peer_add_candidate (XmppPeer *p, const JgwCandidate *c);
void xmpp_peer_free (XmppPeer *p);

/** A peer answering the session's offer OFFER with CODEC; with SRTP it
 * accepts the offer's first crypto line (SDES, AES_CM_128_HMAC_SHA1_80). */
SipPeer *sip_peer_new (const char *codec, double freq, const JgwContent *offer, gboolean srtp);
/** The same with RTCP (its own socket, a=rtcp) answering reports; SRTCP with SRTP. */
SipPeer *sip_peer_new_rtcp (const char *codec, double freq, const JgwContent *offer,
                            gboolean srtp);
char *sip_peer_digits (SipPeer *p);
void sip_peer_free (SipPeer *p);
