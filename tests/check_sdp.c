/* check_sdp.c — SDP <-> model on SDP captured from SIPp, baresip and
 * Chrome, Jingle -> SDP -> Jingle on captured Jingle, directions, and
 * malformed SDP. */
#include <check.h>
#include <glib.h>
#include <string.h>

#include "harness/harness.h"
#include "jingle/jingle.h"
#include "check_jingle_util.h"
#include "sdp/sdp.h"
#include "harness/suite.h"

static char *
load_sdp (const char *name)
{
  g_autofree char *rel = g_build_filename ("tests/data/jingle/sdp", name, NULL);
  char *data = NULL;
  ck_assert (g_file_get_contents (jgw_test_srcpath (rel), &data, NULL, NULL));
  return data;
}

static const struct {
  const char *file;
  guint payloads, candidates, crypto, ssrcs;
  const char *first_codec, *setup, *addr;
  guint16 port;
  gboolean rtcp_mux;
} capture_table[] = {
  { "sipp-uac-offer.sdp", 1, 0, 0, 0, "PCMU", NULL, "127.0.0.1", 6004, FALSE },
  { "baresip-sdes-offer.sdp", 4, 0, 1, 1, "opus", NULL, "127.0.0.1", 50900, TRUE },
  { "baresip-ice-dtls-offer.sdp", 3, 2, 0, 1, "opus", "actpass", "192.0.2.2", 50904, TRUE },
  { "chrome-offer-audio.sdp", 13, 2, 0, 1, "opus", "actpass", "10.78.67.19", 58349, TRUE },
};

START_TEST (test_capture)
{
  g_autofree char *text = load_sdp (capture_table[_i].file);
  g_autoptr (GError) error = NULL;
  g_autoptr (JgwSessionDesc) d = jgw_sdp_parse (text, JGW_SDP_AUTHOR_INITIATOR, &error);
  ck_assert_msg (d != NULL, "%s: %s", capture_table[_i].file, error ? error->message : "");
  ck_assert_uint_eq (d->contents->len, 1);
  const JgwContent *c = g_ptr_array_index (d->contents, 0);
  const JgwPayload *pt = g_ptr_array_index (c->payloads, 0);
  ck_assert_uint_eq (c->payloads->len, capture_table[_i].payloads);
  ck_assert_str_eq (pt->name, capture_table[_i].first_codec);
  ck_assert_uint_eq (c->ice ? c->ice->candidates->len : 0, capture_table[_i].candidates);
  ck_assert_uint_eq (c->crypto->len, capture_table[_i].crypto);
  ck_assert_uint_eq (c->ssrcs->len, capture_table[_i].ssrcs);
  ck_assert_str_eq (c->ice && c->ice->fingerprint ? c->ice->fingerprint->setup : "-",
                    capture_table[_i].setup ? capture_table[_i].setup : "-");
  ck_assert_str_eq (c->rtp_addr, capture_table[_i].addr);
  ck_assert_uint_eq (c->rtp_port, capture_table[_i].port);
  ck_assert_int_eq (c->rtcp_mux, capture_table[_i].rtcp_mux);
  ck_assert_int_eq (c->senders, JGW_SENDERS_BOTH);
  /* SDP -> model -> SDP -> model -> SDP reaches a fixed point. */
  g_autofree char *w1 = jgw_sdp_write (d, JGW_SDP_AUTHOR_INITIATOR, 1, 2, "127.0.0.1");
  g_autoptr (JgwSessionDesc) d2 = jgw_sdp_parse (w1, JGW_SDP_AUTHOR_INITIATOR, &error);
  ck_assert_msg (d2 != NULL, "%s", error ? error->message : "");
  g_autofree char *w2 = jgw_sdp_write (d2, JGW_SDP_AUTHOR_INITIATOR, 1, 2, "127.0.0.1");
  ck_assert_msg (jt_same (w2, w1), "SDP not stable");
}
END_TEST

START_TEST (test_values)
{
  g_autofree char *text = load_sdp ("baresip-ice-dtls-offer.sdp");
  g_autoptr (JgwSessionDesc) d = jgw_sdp_parse (text, JGW_SDP_AUTHOR_INITIATOR, NULL);
  const JgwContent *c = g_ptr_array_index (d->contents, 0);
  /* Session-level ICE and DTLS attributes are inherited by the m= section. */
  ck_assert_str_eq (c->ice->ufrag, "QMsoTEH");
  ck_assert_str_eq (c->ice->pwd, "pU6ShqXmUdx0aK53qKN7fbaBwdjJHDs");
  ck_assert_str_eq (c->ice->fingerprint->hash, "sha-256");
  ck_assert_str_eq (c->name, "audio");
  const JgwPayload *opus = g_ptr_array_index (c->payloads, 0);
  ck_assert_uint_eq (opus->channels, 2);
  ck_assert_uint_eq (opus->ptime, 20);
  ck_assert_str_eq (jgw_payload_get_param (opus, "sprop-stereo"), "1");
  const JgwPayload *te = g_ptr_array_index (c->payloads, 2);
  ck_assert_str_eq (((JgwParam *) g_ptr_array_index (te->params, 0))->name, "0-15");
  const JgwSsrc *s = g_ptr_array_index (c->ssrcs, 0);
  ck_assert_str_eq (((JgwParam *) g_ptr_array_index (s->params, 0))->value, "sip:alice@127.0.0.1");
  const JgwCandidate *v6 = g_ptr_array_index (c->ice->candidates, 1);
  ck_assert_str_eq (v6->ip, "fd00::2");
  ck_assert_str_eq (v6->protocol, "udp");
  g_autofree char *chrome = load_sdp ("chrome-offer-audio.sdp");
  g_autoptr (JgwSessionDesc) cd = jgw_sdp_parse (chrome, JGW_SDP_AUTHOR_INITIATOR, NULL);
  const JgwContent *cc = g_ptr_array_index (cd->contents, 0);
  const JgwCandidate *tcp = g_ptr_array_index (cc->ice->candidates, 1);
  ck_assert_str_eq (tcp->tcptype, "active");
  ck_assert_uint_eq (tcp->network, 1);
  ck_assert_uint_eq (((JgwGroup *) g_ptr_array_index (cd->groups, 0))->contents[1] != NULL, 1);
  ck_assert_uint_eq (((JgwHdrExt *) g_ptr_array_index (cc->hdrexts, 1))->id, 2);
  ck_assert_uint_eq (((JgwPayload *) g_ptr_array_index (cc->payloads, 4))->clockrate, 8000);
  g_autofree char *sipp = load_sdp ("sipp-uac-offer.sdp");
  g_autoptr (JgwSessionDesc) sd = jgw_sdp_parse (sipp, JGW_SDP_AUTHOR_INITIATOR, NULL);
  ck_assert_ptr_null (((JgwContent *) g_ptr_array_index (sd->contents, 0))->ice);
}
END_TEST

/* Jingle parts SDP cannot say: candidate ids are regenerated and ptime is
 * per m= line, not per payload. */
static const char *const sdp_lossy[] = {
  "candidate@id", "payload-type@ptime", "payload-type@maxptime", "description@ssrc", "content@disposition",
  "stream", "rtcp-reduced-size", "rtcp-fb-trr-int", "content@senders=both", NULL,
};

static const char *const jingle_files[] = {
  "conversations-session-initiate.xml",
  "stanzajs-webrtc-session-initiate.xml",
  "handwritten-session-accept-full.xml",
};

START_TEST (test_jingle_sdp_jingle)
{
  xmpp_initialize ();
  xmpp_ctx_t *ctx = xmpp_ctx_new (NULL, NULL);
  xmpp_stanza_t *iq = jt_load (ctx, jingle_files[_i]);
  g_autoptr (JgwJingle) j = jgw_jingle_parse (xmpp_stanza_get_child_by_ns (iq, JGW_NS_JINGLE), NULL);
  ck_assert_ptr_nonnull (j);
  for (JgwSdpAuthor author = JGW_SDP_AUTHOR_INITIATOR; author <= JGW_SDP_AUTHOR_RESPONDER; author++)
    {
      g_autofree char *sdp = jgw_sdp_write (j->desc, author, 7, 1, NULL);
      g_autoptr (GError) error = NULL;
      g_autoptr (JgwJingle) back = jgw_jingle_new (j->action, j->sid);
      jgw_session_desc_free (back->desc);
      back->desc = jgw_sdp_parse (sdp, author, &error);
      ck_assert_msg (back->desc != NULL, "%s: %s\n%s", jingle_files[_i], error ? error->message : "", sdp);
      back->initiator = g_strdup (j->initiator);
      back->responder = g_strdup (j->responder);
      xmpp_stanza_t *a = jgw_jingle_build (ctx, j), *b = jgw_jingle_build (ctx, back);
      g_autofree char *ca = jt_canon (a, sdp_lossy), *cb = jt_canon (b, sdp_lossy);
      ck_assert_msg (jt_same (cb, ca), "%s: Jingle -> SDP -> Jingle differs", jingle_files[_i]);
      xmpp_stanza_release (a);
      xmpp_stanza_release (b);
    }
  xmpp_stanza_release (iq);
  xmpp_ctx_free (ctx);
  xmpp_shutdown ();
}
END_TEST

static const struct {
  JgwSenders senders;
  JgwSdpAuthor author;
  const char *direction;
} direction_table[] = {
  { JGW_SENDERS_BOTH, JGW_SDP_AUTHOR_INITIATOR, "sendrecv" },
  { JGW_SENDERS_BOTH, JGW_SDP_AUTHOR_RESPONDER, "sendrecv" },
  { JGW_SENDERS_NONE, JGW_SDP_AUTHOR_INITIATOR, "inactive" },
  { JGW_SENDERS_NONE, JGW_SDP_AUTHOR_RESPONDER, "inactive" },
  { JGW_SENDERS_INITIATOR, JGW_SDP_AUTHOR_INITIATOR, "sendonly" },
  { JGW_SENDERS_INITIATOR, JGW_SDP_AUTHOR_RESPONDER, "recvonly" },
  { JGW_SENDERS_RESPONDER, JGW_SDP_AUTHOR_INITIATOR, "recvonly" },
  { JGW_SENDERS_RESPONDER, JGW_SDP_AUTHOR_RESPONDER, "sendonly" },
};

START_TEST (test_direction)
{
  JgwSenders s = JGW_SENDERS_BOTH;
  ck_assert_str_eq (jgw_sdp_direction (direction_table[_i].senders, direction_table[_i].author),
                    direction_table[_i].direction);
  ck_assert (jgw_sdp_senders (direction_table[_i].direction, direction_table[_i].author, &s));
  ck_assert_int_eq (s, direction_table[_i].senders);
  ck_assert (!jgw_sdp_senders ("sideways", JGW_SDP_AUTHOR_INITIATOR, &s));
}
END_TEST

START_TEST (test_write_shape)
{
  g_autoptr (JgwSessionDesc) d = jgw_session_desc_new ();
  JgwContent *c = jgw_content_new ("a0", "audio");
  g_ptr_array_add (d->contents, c);
  g_ptr_array_add (c->payloads, jgw_payload_new (0, "PCMU", 8000, 0));
  c->rtp_addr = g_strdup ("2001:db8::7");
  c->rtp_port = 4000;
  c->rtcp_port = 4001;
  c->senders = JGW_SENDERS_RESPONDER;
  g_autofree char *sdp = jgw_sdp_write (d, JGW_SDP_AUTHOR_RESPONDER, 42, 3, "192.0.2.1");
  ck_assert_str_eq (sdp, "v=0\r\no=- 42 3 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n"
                         "m=audio 4000 RTP/AVP 0\r\nc=IN IP6 2001:db8::7\r\na=rtcp:4001\r\n"
                         "a=mid:a0\r\na=sendonly\r\na=rtpmap:0 PCMU/8000\r\n");
}
END_TEST

/* Each must give a clear GError, never a crash. */
static const char *const malformed_table[] = {
  "",
  "garbage",
  "o=- 1 1 IN IP4 1.2.3.4\r\nv=0\r\n",
  "v=1\r\nm=audio 1 RTP/AVP 0\r\n",
  "v=0\r\n",
  "v=0\r\ns=-\r\n",
  "v=0\r\nm=audio\r\n",
  "v=0\r\nm=audio 70000 RTP/AVP 0\r\n",
  "v=0\r\nm=audio x RTP/AVP 0\r\n",
  "v=0\r\nm=audio 1 RTP/AVP 200\r\n",
  "v=0\r\nm=audio 1 RTP/AVP abc\r\n",
  "v=0\r\nc=IN IP4\r\nm=audio 1 RTP/AVP 0\r\n",
  "v=0\r\nc=XX IP4 1.2.3.4\r\nm=audio 1 RTP/AVP 0\r\n",
  "v=0\r\nm=audio 1 RTP/AVP 0\r\nb=AS:lots\r\n",
  "v=0\r\nm=audio 1 RTP/AVP 0\r\na=rtpmap:0 PCMU\r\n",
  "v=0\r\nm=audio 1 RTP/AVP 0\r\na=rtpmap:0 PCMU/x\r\n",
  "v=0\r\nm=audio 1 RTP/AVP 0\r\na=rtcp-fb:0\r\n",
  "v=0\r\nm=audio 1 RTP/AVP 0\r\na=extmap:x urn:a\r\n",
  "v=0\r\nm=audio 1 RTP/AVP 0\r\na=extmap:1/sideways urn:a\r\n",
  "v=0\r\nm=audio 1 RTP/AVP 0\r\na=ssrc:-1 cname:x\r\n",
  "v=0\r\nm=audio 1 RTP/AVP 0\r\na=ssrc-group:FID 1 x\r\n",
  "v=0\r\nm=audio 1 RTP/AVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80\r\n",
  "v=0\r\nm=audio 1 RTP/AVP 0\r\na=candidate:1 1 udp 1 1.2.3.4 5 host\r\n",
  "v=0\r\nm=audio 1 RTP/AVP 0\r\na=candidate:1 1 udp 99999999999 1.2.3.4 5 typ host\r\n",
  "v=0\r\nm=audio 1 RTP/AVP 0\r\na=candidate:1 1 udp 1 1.2.3.4 5 typ srflx raddr 1.1.1.1 rport x\r\n",
  "v=0\r\nm=audio 1 RTP/AVP 0\r\na=fingerprint:sha-256\r\n",
  "v=0\r\nm=audio 1 RTP/AVP 0\r\na=setup:maybe\r\n",
  "v=0\r\na=ice-ufrag:\r\nm=audio 1 RTP/AVP 0\r\n",
  "v=0\r\nm=audio 1 RTP/AVP 0\r\na=ptime:fast\r\n",
  "v=0\r\nm=audio 1 RTP/AVP 0\r\na=rtcp:99999\r\n",
  "v=0\r\nm=audio 1 RTP/AVP 0\r\n=x\r\n",
  "v=0\r\nm=audio 1 RTP/AVP 0\r\nxx\r\n",
};

START_TEST (test_malformed)
{
  g_autoptr (GError) error = NULL;
  JgwSessionDesc *d = jgw_sdp_parse (malformed_table[_i], JGW_SDP_AUTHOR_INITIATOR, &error);
  ck_assert_msg (d == NULL, "accepted: %s", malformed_table[_i]);
  ck_assert (error != NULL && error->domain == JGW_SDP_ERROR && error->message[0]);
}
END_TEST

START_TEST (test_lenient)
{
  /* LF-only line ends, unknown attributes and a trailing blank line are fine. */
  g_autoptr (GError) error = NULL;
  g_autoptr (JgwSessionDesc) d = jgw_sdp_parse (
      "v=0\nm=audio 9 RTP/AVP 8 101\na=x-unknown\na=rtpmap:101 telephone-event/8000\na=fmtp:101 0-16\na=rtcp-fb:* nack\n\n",
      JGW_SDP_AUTHOR_RESPONDER, &error);
  ck_assert_msg (d != NULL, "%s", error ? error->message : "");
  const JgwContent *c = g_ptr_array_index (d->contents, 0);
  ck_assert_str_eq (((JgwPayload *) g_ptr_array_index (c->payloads, 0))->name, "PCMA");
  ck_assert_uint_eq (((JgwPayload *) g_ptr_array_index (c->payloads, 1))->rtcp_fb->len, 1);
}
END_TEST

START_TEST (test_ice_details)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JgwSessionDesc) d = jgw_sdp_parse (
      "v=0\r\nc=IN IP4 192.0.2.9\r\nm=audio 7000 UDP/TLS/RTP/SAVPF 0\r\na=mid:0\r\n"
      "a=candidate:1 1 UDP 100 192.0.2.9 7000 typ srflx raddr 10.0.0.1 rport 5000 generation 2\r\n"
      "a=end-of-candidates\r\n",
      JGW_SDP_AUTHOR_INITIATOR, &error);
  ck_assert_msg (d != NULL, "%s", error ? error->message : "");
  JgwContent *c = g_ptr_array_index (d->contents, 0);
  ck_assert_str_eq (c->rtp_addr, "192.0.2.9"); /* session-level c= inherited */
  ck_assert (c->ice->end_of_candidates);
  ck_assert (c->crypto_required);
  JgwCandidate *cand = g_ptr_array_index (c->ice->candidates, 0);
  ck_assert_str_eq (cand->rel_addr, "10.0.0.1");
  ck_assert_uint_eq (cand->rel_port, 5000);
  ck_assert_uint_eq (cand->generation, 2);
  ck_assert_str_eq (cand->protocol, "udp");
  ck_assert_ptr_nonnull (cand->id);
  /* Without a c= address, m= and c= show the best RTP candidate (RFC 8839 4.2.1.1). */
  g_clear_pointer (&c->rtp_addr, g_free);
  g_autofree char *out = jgw_sdp_write (d, JGW_SDP_AUTHOR_INITIATOR, 1, 1, NULL);
  ck_assert_ptr_nonnull (strstr (out, "m=audio 7000 RTP/AVP 0\r\nc=IN IP4 192.0.2.9\r\n"));
  ck_assert_ptr_nonnull (strstr (out, "a=candidate:1 1 udp 100 192.0.2.9 7000 typ srflx raddr 10.0.0.1 rport 5000 generation 2\r\n"));
  ck_assert_ptr_nonnull (strstr (out, "a=end-of-candidates\r\n"));
  /* No candidates yet: the discard port 9 and 0.0.0.0. */
  g_ptr_array_set_size (c->ice->candidates, 0);
  g_autofree char *empty = jgw_sdp_write (d, JGW_SDP_AUTHOR_INITIATOR, 1, 1, NULL);
  ck_assert_ptr_nonnull (strstr (empty, "m=audio 9 RTP/AVP 0\r\nc=IN IP4 0.0.0.0\r\n"));
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("sdp");
  TCase *tc = tcase_create ("sdp");
  tcase_add_checked_fixture (tc, NULL, jgw_test_cleanup);
  tcase_add_loop_test (tc, test_capture, 0, G_N_ELEMENTS (capture_table));
  tcase_add_test (tc, test_values);
  tcase_add_loop_test (tc, test_jingle_sdp_jingle, 0, G_N_ELEMENTS (jingle_files));
  tcase_add_loop_test (tc, test_direction, 0, G_N_ELEMENTS (direction_table));
  tcase_add_test (tc, test_write_shape);
  tcase_add_loop_test (tc, test_malformed, 0, G_N_ELEMENTS (malformed_table));
  tcase_add_test (tc, test_lenient);
  tcase_add_test (tc, test_ice_details);
  suite_add_tcase (s, tc);
  return jgw_test_run_suite (s);
}
