/* codec.h — the audio codecs the media path can speak and the GStreamer
 * chains that depayload/decode and encode/payload each of them.
 * Everything here is constant data or returns new strings (g_free). */
#pragma once

#include <glib.h>

#include "mdesc.h"

G_BEGIN_DECLS

typedef struct {
  const char *name;        /* SDP/Jingle encoding name, e.g. "PCMU" */
  guint rtp_rate;          /* RTP clock rate (8000 for G.722, RFC 3551) */
  guint audio_rate;        /* PCM rate of the codec */
  guint8 default_pt;       /* static PT, or our dynamic choice */
  guint8 silence_byte;     /* for muting without decoding; 0 = drop instead */
  const char *depay_dec;   /* gst-launch fragment: RTP -> raw audio */
  const char *enc_pay;     /* gst-launch fragment: raw audio -> RTP; NULL = Opus (built) */
} JgwCodec;

/** The codec named NAME at CLOCKRATE, or NULL if unsupported. */
const JgwCodec *jgw_codec_find (const char *name, guint clockrate);
/** The codec of PAYLOAD, or NULL if unsupported (telephone-event is not a codec). */
const JgwCodec *jgw_codec_for_payload (const JgwPayload *payload);
/** Every supported codec, in our preference order (NULL-terminated). */
const JgwCodec *const *jgw_codec_all (void);
/** Whether PAYLOAD is RFC 4733 telephone-event. */
gboolean jgw_codec_is_telephone_event (const JgwPayload *payload);
/* The payload types we offer telephone-event with, at 8 and 48 kHz. */
#define TE_PT_8K 101
#define TE_PT_48K 110

/** CONTENT's telephone-event payload at RATE (the audio codec's, RFC 4733
 * 2.1), else one at 8, 16 or 48 kHz (WebRTC clients offer
 * telephone-event/8000 next to Opus); NULL if none. */
const JgwPayload *jgw_codec_find_telephone_event (const JgwContent *content, guint rate);
/** Our description of CODEC with PT (fmtp for Opus: FEC, mono). */
JgwPayload *jgw_codec_payload (const JgwCodec *codec, guint8 pt);

/** Caps string of RTP packets of CODEC with PT. */
char *jgw_codec_rtp_caps (const JgwCodec *codec, guint8 pt);
/** gst-launch description of one transcoding direction (first element
 * sets the caps, last one is the payloader); contains "volume name=vol". */
char *jgw_codec_transcode_desc (const JgwCodec *from, guint8 from_pt, const JgwCodec *to,
                                guint8 to_pt, guint latency_ms, guint opus_complexity);
/** Same for pass-through (only sets caps). */
char *jgw_codec_passthrough_desc (const JgwCodec *codec, guint8 pt);

G_END_DECLS
