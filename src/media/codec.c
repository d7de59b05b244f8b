/* codec.c — codec table and the GStreamer fragments of each codec. */
#define G_LOG_DOMAIN "jgw-media"

#include "media/codec.h"

/* 20 ms packets for the G.711/G.722 payloaders, as every SIP phone expects. */
#define PTIME20 "min-ptime=20000000 max-ptime=20000000"

static const JgwCodec codecs[] = {
  { "opus", 48000, 48000, 111, 0, "rtpopusdepay ! opusdec plc=true", NULL },
  { "G722", 8000, 16000, 9, 0, "rtpg722depay ! avdec_g722", "avenc_g722 ! rtpg722pay " PTIME20 },
  { "PCMU", 8000, 8000, 0, 0xff, "rtppcmudepay ! mulawdec", "mulawenc ! rtppcmupay " PTIME20 },
  { "PCMA", 8000, 8000, 8, 0xd5, "rtppcmadepay ! alawdec", "alawenc ! rtppcmapay " PTIME20 },
};

static const JgwCodec *const all[] = { &codecs[0], &codecs[1], &codecs[2], &codecs[3], NULL };

const JgwCodec *const *
jgw_codec_all (void)
{
  return all;
}

const JgwCodec *
jgw_codec_find (const char *name, guint clockrate)
{
  for (gsize i = 0; i < G_N_ELEMENTS (codecs); i++)
    if (g_ascii_strcasecmp (codecs[i].name, name) == 0
        && (clockrate == 0 || clockrate == codecs[i].rtp_rate))
      return &codecs[i];
  return NULL;
}

const JgwCodec *
jgw_codec_for_payload (const JgwPayload *payload)
{
  if (payload->name)
    return jgw_codec_find (payload->name, payload->clockrate);
  /* Static payload types may come without a name (SDP without rtpmap). */
  for (gsize i = 0; i < G_N_ELEMENTS (codecs); i++)
    if (codecs[i].default_pt < 96 && codecs[i].default_pt == payload->id)
      return &codecs[i];
  return NULL;
}

gboolean
jgw_codec_is_telephone_event (const JgwPayload *payload)
{
  return payload->name && g_ascii_strcasecmp (payload->name, "telephone-event") == 0;
}

const JgwPayload *
jgw_codec_find_telephone_event (const JgwContent *content, guint rate)
{
  const JgwPayload *other = NULL;

  for (guint i = 0; i < content->payloads->len; i++) {
    const JgwPayload *p = content->payloads->pdata[i];

    if (!jgw_codec_is_telephone_event (p))
      continue;
    if (p->clockrate == rate)
      return p;
    if (!other && (p->clockrate == 8000 || p->clockrate == 16000 || p->clockrate == 48000))
      other = p;
  }
  return other;
}

JgwPayload *
jgw_codec_payload (const JgwCodec *codec, guint8 pt)
{
  gboolean opus = codec->rtp_rate == 48000;
  JgwPayload *p = jgw_payload_new (pt, codec->name, codec->rtp_rate, opus ? 2 : 1);

  if (opus) {
    jgw_payload_set_param (p, "useinbandfec", "1");
    jgw_payload_set_param (p, "minptime", "10");
  }
  return p;
}

char *
jgw_codec_rtp_caps (const JgwCodec *codec, guint8 pt)
{
  return g_strdup_printf ("application/x-rtp,media=(string)audio,clock-rate=(int)%u,"
                          "encoding-name=(string)%s,payload=(int)%u",
                          codec->rtp_rate, codec->rtp_rate == 48000 ? "OPUS" : codec->name, pt);
}

static char *
caps_setter (const JgwCodec *codec, guint8 pt)
{
  g_autofree char *caps = jgw_codec_rtp_caps (codec, pt);

  return g_strdup_printf ("capssetter replace=true caps=\"%s\"", caps);
}

char *
jgw_codec_transcode_desc (const JgwCodec *from, guint8 from_pt, const JgwCodec *to,
                          guint8 to_pt, guint latency_ms, guint opus_complexity)
{
  g_autofree char *setter = caps_setter (from, from_pt);
  g_autofree char *enc = to->enc_pay ? g_strdup (to->enc_pay)
                                      : g_strdup_printf (
                                          "opusenc complexity=%u inband-fec=true "
                                          "packet-loss-percentage=5 dtx=false bitrate=32000 "
                                          "audio-type=voice frame-size=20 ! rtpopuspay",
                                          opus_complexity);

  /* drop-on-latency bounds the added delay to the jitter target. */
  return g_strdup_printf ("%s ! rtpjitterbuffer latency=%u drop-on-latency=true ! %s ! "
                          "audioconvert ! audioresample quality=2 ! "
                          "audio/x-raw,rate=%u,channels=1 ! volume name=vol ! %s pt=%u",
                          setter, latency_ms, from->depay_dec, to->audio_rate, enc, to_pt);
}

char *
jgw_codec_passthrough_desc (const JgwCodec *codec, guint8 pt)
{
  return caps_setter (codec, pt);
}
