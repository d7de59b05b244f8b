/* sdp_parse.h — private state shared by the SDP line parser (sdp_parse.c)
 * and its a= attribute handlers (sdp_attr.c). Not a public API. */
#pragma once

#include "sdp/sdp.h"

typedef struct {
  JgwSdpAuthor author;
  JgwSessionDesc *desc;
  JgwContent *media;        /* current m= section, NULL at session level */
  guint line;               /* 1-based, for error messages */
  /* Session-level values that media sections inherit. */
  char *sess_addr, *sess_ufrag, *sess_pwd, *sess_dir;
  JgwFingerprint *sess_fp;
  /* Per media section. */
  char *media_dir;
  guint ptime, maxptime;
  gboolean has_mid;
} JgwSdpParser;

/** Error "line N: ..." in JGW_SDP_ERROR_SYNTAX; returns FALSE. */
gboolean jgw_sdp_fail (JgwSdpParser *p, GError **error, const char *fmt, ...) G_GNUC_PRINTF (3, 4);
/** Decimal in [0, MAX] with nothing else around it. */
gboolean jgw_sdp_uint (const char *s, guint64 max, guint64 *out);
/** Handles one a= line VALUE ("name[:value]") at session or media level. */
gboolean jgw_sdp_attr (JgwSdpParser *p, const char *value, GError **error);
/** Handles ICE/DTLS attribute NAME with value V (sdp_ice.c). */
gboolean jgw_sdp_attr_transport (JgwSdpParser *p, const char *name, const char *v, GError **error);
/** The transport of the current media, created on first use. */
JgwIceTransport *jgw_sdp_ice (JgwSdpParser *p);
