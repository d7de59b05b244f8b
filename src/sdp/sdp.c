/* sdp.c — error domain and the direction <-> senders mapping. */
#define G_LOG_DOMAIN "jgw-sdp"
#include "sdp/sdp.h"

#include <string.h>

G_DEFINE_QUARK (jgw-sdp-error-quark, jgw_sdp_error)

/* From the author's point of view: does it send, does it receive? */
static JgwSenders
senders_of (gboolean author_sends, gboolean author_receives, JgwSdpAuthor author)
{
  gboolean init_sends = author == JGW_SDP_AUTHOR_INITIATOR ? author_sends : author_receives;
  gboolean resp_sends = author == JGW_SDP_AUTHOR_INITIATOR ? author_receives : author_sends;
  if (init_sends && resp_sends)
    return JGW_SENDERS_BOTH;
  if (init_sends)
    return JGW_SENDERS_INITIATOR;
  return resp_sends ? JGW_SENDERS_RESPONDER : JGW_SENDERS_NONE;
}

const char *
jgw_sdp_direction (JgwSenders senders, JgwSdpAuthor author)
{
  static const char *const names[] = { "inactive", "sendonly", "recvonly", "sendrecv" };
  gboolean init_sends = senders == JGW_SENDERS_BOTH || senders == JGW_SENDERS_INITIATOR;
  gboolean resp_sends = senders == JGW_SENDERS_BOTH || senders == JGW_SENDERS_RESPONDER;
  gboolean sends = author == JGW_SDP_AUTHOR_INITIATOR ? init_sends : resp_sends;
  gboolean receives = author == JGW_SDP_AUTHOR_INITIATOR ? resp_sends : init_sends;
  return names[(sends ? 1 : 0) + (receives ? 2 : 0)];
}

gboolean
jgw_sdp_senders (const char *direction, JgwSdpAuthor author, JgwSenders *out)
{
  if (strcmp (direction, "sendrecv") == 0)
    *out = senders_of (TRUE, TRUE, author);
  else if (strcmp (direction, "sendonly") == 0)
    *out = senders_of (TRUE, FALSE, author);
  else if (strcmp (direction, "recvonly") == 0)
    *out = senders_of (FALSE, TRUE, author);
  else if (strcmp (direction, "inactive") == 0)
    *out = senders_of (FALSE, FALSE, author);
  else
    return FALSE;
  return TRUE;
}
