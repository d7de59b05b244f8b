/* features.c — each entry names the file that implements it. Audio only:
 * no urn:xmpp:jingle:apps:rtp:video, no file transfer, no raw-udp. */
#define G_LOG_DOMAIN "jgw-jingle"
#include "jingle/features.h"

#include "jingle/jingle.h"

static const char *const features[] = {
  JGW_NS_JINGLE,     /* XEP-0166: session.c, session_in.c, session_out.c */
  JGW_NS_RTP,        /* XEP-0167: rtp.c, rtp_build.c */
  JGW_NS_RTP_AUDIO,  /* XEP-0167 section 11: audio sessions */
  JGW_NS_RTP_INFO,   /* XEP-0167 section 7: session-info, both ways */
  JGW_NS_ICE_UDP,    /* XEP-0176: ice_udp.c, trickle via transport-info */
  JGW_NS_DTLS,       /* XEP-0320: fingerprint and setup, ice_udp.c */
  JGW_NS_RTCP_FB,    /* XEP-0293: rtcp-fb carried through to SDP */
  JGW_NS_HDREXT,     /* XEP-0294: rtp-hdrext carried through to SDP */
  JGW_NS_SSMA,       /* XEP-0339: source/ssrc-group */
  JGW_NS_GROUPING,   /* XEP-0338: BUNDLE group */
  JGW_NS_JMI,        /* XEP-0353: jmi.c, jmi_in.c */
  NULL,
};

const char *const *
jgw_jingle_features (void)
{
  return features;
}
