/* check_jingle.c — Jingle XML <-> model codec on captured and hand-written
 * stanzas (tests/data/jingle/README says which is which), malformed input,
 * error replies and the reason table. */
#include <check.h>
#include <glib.h>
#include <string.h>

#include "harness/harness.h"
#include "jingle/jingle.h"
#include "check_jingle_util.h"
#include "harness/suite.h"

/* Parts of captured stanzas the model does not hold (by design: video-only
 * or legacy elements a gateway for audio calls never uses). */
static const char *const not_modelled[] = {
  "description@ssrc", "content@disposition", "stream", "rtcp-reduced-size", "rtcp-fb-trr-int",
  "content@senders=both", /* the default; the builder leaves it out */
  NULL,
};

static const struct {
  const char *file;
  JgwJingleAction action;
  guint contents, payloads, candidates;
  const char *setup;
} roundtrip_table[] = {
  { "conversations-session-initiate.xml", JGW_ACTION_SESSION_INITIATE, 1, 11, 0, NULL },
  { "dino-transport-info.xml", JGW_ACTION_TRANSPORT_INFO, 1, 0, 1, NULL },
  { "stanzajs-webrtc-session-initiate.xml", JGW_ACTION_SESSION_INITIATE, 2, 13, 0, "actpass" },
  { "xep0176-session-initiate.xml", JGW_ACTION_SESSION_INITIATE, 1, 6, 2, NULL },
  { "handwritten-session-accept-full.xml", JGW_ACTION_SESSION_ACCEPT, 1, 2, 2, "active" },
  { "handwritten-session-terminate-busy.xml", JGW_ACTION_SESSION_TERMINATE, 0, 0, 0, NULL },
  { "handwritten-session-terminate-alternative.xml", JGW_ACTION_SESSION_TERMINATE, 0, 0, 0, NULL },
  { "handwritten-session-info-mute.xml", JGW_ACTION_SESSION_INFO, 0, 0, 0, NULL },
};

static xmpp_ctx_t *ctx;

static void
setup (void)
{
  xmpp_initialize ();
  ctx = xmpp_ctx_new (NULL, NULL);
}

static void
teardown (void)
{
  xmpp_ctx_free (ctx);
  xmpp_shutdown ();
  jgw_test_cleanup ();
}

static void
check_shape (const JgwJingle *j, guint row)
{
  ck_assert_int_eq (j->action, roundtrip_table[row].action);
  ck_assert_uint_eq (j->desc->contents->len, roundtrip_table[row].contents);
  if (j->desc->contents->len == 0)
    return;
  const JgwContent *c = g_ptr_array_index (j->desc->contents, 0);
  ck_assert_uint_eq (c->payloads->len, roundtrip_table[row].payloads);
  ck_assert_uint_eq (c->ice ? c->ice->candidates->len : 0, roundtrip_table[row].candidates);
  ck_assert_str_eq (c->ice && c->ice->fingerprint ? c->ice->fingerprint->setup : "-",
                    roundtrip_table[row].setup ? roundtrip_table[row].setup : "-");
}

/* Lossless: the built element equals the captured one in canonical form
 * (apart from not_modelled), and a second trip gives the same bytes. */
START_TEST (test_roundtrip)
{
  xmpp_stanza_t *iq = jt_load (ctx, roundtrip_table[_i].file);
  xmpp_stanza_t *orig = xmpp_stanza_get_child_by_name_and_ns (iq, "jingle", JGW_NS_JINGLE);
  g_autoptr (GError) error = NULL;
  g_autoptr (JgwJingle) j = jgw_jingle_parse (orig, &error);
  ck_assert_msg (j != NULL, "%s: %s", roundtrip_table[_i].file, error ? error->message : "");
  check_shape (j, _i);
  xmpp_stanza_t *built = jgw_jingle_build (ctx, j);
  g_autofree char *want = jt_canon (orig, not_modelled);
  g_autofree char *got = jt_canon (built, not_modelled);
  ck_assert_msg (jt_same (got, want), "%s: rebuilt differs", roundtrip_table[_i].file);
  g_autofree char *text1 = jt_text (built);
  xmpp_stanza_t *reparsed = xmpp_stanza_new_from_string (ctx, text1);
  g_autoptr (JgwJingle) j2 = jgw_jingle_parse (reparsed, &error);
  ck_assert_ptr_nonnull (j2);
  xmpp_stanza_t *built2 = jgw_jingle_build (ctx, j2);
  g_autofree char *text2 = jt_text (built2);
  ck_assert_msg (jt_same (text2, text1), "second trip differs");
  xmpp_stanza_release (built2);
  xmpp_stanza_release (reparsed);
  xmpp_stanza_release (built);
  xmpp_stanza_release (iq);
}
END_TEST

START_TEST (test_model_values)
{
  xmpp_stanza_t *iq = jt_load (ctx, "handwritten-session-accept-full.xml");
  g_autoptr (JgwJingle) j = jgw_jingle_parse (xmpp_stanza_get_child_by_ns (iq, JGW_NS_JINGLE), NULL);
  ck_assert_ptr_nonnull (j);
  const JgwContent *c = g_ptr_array_index (j->desc->contents, 0);
  const JgwPayload *opus = g_ptr_array_index (c->payloads, 0);
  ck_assert_int_eq (c->senders, JGW_SENDERS_INITIATOR);
  ck_assert_uint_eq (opus->ptime, 20);
  ck_assert_uint_eq (opus->maxptime, 60);
  ck_assert_str_eq (jgw_payload_get_param (opus, "useinbandfec"), "1");
  ck_assert_ptr_null (jgw_payload_get_param (opus, "stereo"));
  ck_assert (c->rtcp_mux && c->crypto_required);
  ck_assert_uint_eq (c->bandwidth_kbps, 64);
  ck_assert_uint_eq (((JgwCrypto *) g_ptr_array_index (c->crypto, 0))->tag, 1);
  ck_assert_str_eq (((JgwHdrExt *) g_ptr_array_index (c->hdrexts, 0))->senders, "initiator");
  JgwSsrcGroup *g = g_ptr_array_index (c->ssrc_groups, 0);
  ck_assert_uint_eq (g_array_index (g->ssrcs, guint32, 1), 4294967295u);
  JgwCandidate *tcp = g_ptr_array_index (c->ice->candidates, 0);
  ck_assert_str_eq (tcp->tcptype, "active");
  ck_assert_str_eq (tcp->ip, "2001:db8::1");
  JgwCandidate *relay = g_ptr_array_index (c->ice->candidates, 1);
  ck_assert_str_eq (relay->rel_addr, "192.0.2.3");
  ck_assert_uint_eq (relay->rel_port, 45664);
  ck_assert_str_eq (j->responder, "juliet@capulet.lit/balcony");
  xmpp_stanza_release (iq);
}
END_TEST

START_TEST (test_terminate_and_info)
{
  xmpp_stanza_t *iq = jt_load (ctx, "handwritten-session-terminate-busy.xml");
  g_autoptr (JgwJingle) t = jgw_jingle_parse (xmpp_stanza_get_child_by_ns (iq, JGW_NS_JINGLE), NULL);
  ck_assert_int_eq (t->reason, JGW_REASON_BUSY);
  ck_assert_str_eq (t->reason_text, "In a meeting");
  xmpp_stanza_release (iq);
  iq = jt_load (ctx, "handwritten-session-terminate-alternative.xml");
  g_autoptr (JgwJingle) a = jgw_jingle_parse (xmpp_stanza_get_child_by_ns (iq, JGW_NS_JINGLE), NULL);
  ck_assert_int_eq (a->reason, JGW_REASON_ALTERNATIVE_SESSION);
  ck_assert_str_eq (a->alternative_sid, "b84tkkwlmb48kgfb");
  xmpp_stanza_release (iq);
  iq = jt_load (ctx, "fuzz-repeated-reason.xml");
  g_autoptr (JgwJingle) twice = jgw_jingle_parse (xmpp_stanza_get_child_by_ns (iq, JGW_NS_JINGLE), NULL);
  ck_assert_int_eq (twice->reason, JGW_REASON_BUSY);
  ck_assert_str_eq (twice->reason_text, "In a meeting");
  xmpp_stanza_release (iq);
  iq = jt_load (ctx, "handwritten-session-info-mute.xml");
  g_autoptr (JgwJingle) m = jgw_jingle_parse (xmpp_stanza_get_child_by_ns (iq, JGW_NS_JINGLE), NULL);
  ck_assert_int_eq (m->info, JGW_INFO_MUTE);
  ck_assert_str_eq (m->info_name, "voice");
  xmpp_stanza_release (iq);
}
END_TEST

/* Each must fail with bad-request, never crash. */
static const char *const malformed_table[] = {
  "<jingle xmlns='urn:xmpp:jingle:1' sid='s'/>",
  "<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate'/>",
  "<jingle xmlns='urn:xmpp:jingle:1' action='dance' sid='s'/>",
  "<jingle xmlns='urn:xmpp:jingle:0' action='session-initiate' sid='s'/>",
  "<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' sid='s'><content creator='initiator'/></jingle>",
  "<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' sid='s'><content name='a' creator='me'/></jingle>",
  "<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' sid='s'><content name='a' senders='all'/></jingle>",
  "<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' sid='s'><content name='a'>"
  "<description xmlns='urn:xmpp:jingle:apps:rtp:1'/></content></jingle>",
  "<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' sid='s'><content name='a'>"
  "<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'><payload-type id='128'/></description></content></jingle>",
  "<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' sid='s'><content name='a'>"
  "<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'><payload-type id='-1'/></description></content></jingle>",
  "<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' sid='s'><content name='a'>"
  "<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'><payload-type id='8' clockrate='8k'/></description></content></jingle>",
  "<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' sid='s'><content name='a'>"
  "<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'><payload-type id='8'><parameter value='1'/></payload-type></description></content></jingle>",
  "<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' sid='s'><content name='a'>"
  "<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'><bandwidth type='AS'>lots</bandwidth></description></content></jingle>",
  "<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' sid='s'><content name='a'>"
  "<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'><encryption><crypto tag='1' key-params='inline:x'/></encryption></description></content></jingle>",
  "<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' sid='s'><content name='a'>"
  "<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'><source xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' ssrc='4294967296'/></description></content></jingle>",
  "<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' sid='s'><content name='a'>"
  "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'><candidate component='1' foundation='1' ip='1.2.3.4' port='70000' priority='1' protocol='udp'/></transport></content></jingle>",
  "<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' sid='s'><content name='a'>"
  "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'><candidate component='1' foundation='1' port='7' priority='1' protocol='udp'/></transport></content></jingle>",
  "<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' sid='s'><content name='a'>"
  "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'><fingerprint xmlns='urn:xmpp:jingle:apps:dtls:0' hash='sha-256' setup='actpass'/></transport></content></jingle>",
  "<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' sid='s'><content name='a'>"
  "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'><fingerprint xmlns='urn:xmpp:jingle:apps:dtls:0' hash='sha-256' setup='both'>AA</fingerprint></transport></content></jingle>",
  "<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' sid='s'><group xmlns='urn:xmpp:jingle:apps:grouping:0'/></jingle>",
};

START_TEST (test_malformed)
{
  xmpp_stanza_t *st = xmpp_stanza_new_from_string (ctx, malformed_table[_i]);
  ck_assert_ptr_nonnull (st);
  g_autoptr (GError) error = NULL;
  JgwJingle *j = jgw_jingle_parse (st, &error);
  ck_assert_ptr_null (j);
  ck_assert_msg (g_error_matches (error, JGW_JINGLE_ERROR, JGW_JINGLE_ERROR_BAD_REQUEST), "%s", malformed_table[_i]);
  ck_assert_str_eq (jgw_jingle_error_condition (error), "bad-request");
  xmpp_stanza_release (st);
}
END_TEST

START_TEST (test_bad_priority_capture)
{
  xmpp_stanza_t *iq = jt_load (ctx, "bad-xep0176-transport-info-priority.xml");
  g_autoptr (GError) error = NULL;
  ck_assert_ptr_null (jgw_jingle_parse (xmpp_stanza_get_child_by_ns (iq, JGW_NS_JINGLE), &error));
  ck_assert_ptr_nonnull (strstr (error->message, "priority"));
  xmpp_stanza_release (iq);
}
END_TEST

START_TEST (test_error_reply)
{
  xmpp_stanza_t *iq = jt_load (ctx, "dino-transport-info.xml");
  xmpp_stanza_set_from (iq, "romeo@montague.lit/orchard");
  g_autoptr (GError) error = g_error_new (JGW_JINGLE_ERROR, JGW_JINGLE_ERROR_UNKNOWN_SESSION, "no such session");
  xmpp_stanza_t *reply = jgw_jingle_error_reply (iq, error);
  g_autofree char *text = jt_text (reply);
  ck_assert_str_eq (xmpp_stanza_get_type (reply), "error");
  ck_assert_str_eq (xmpp_stanza_get_to (reply), "romeo@montague.lit/orchard");
  ck_assert_str_eq (xmpp_stanza_get_id (reply), "c1e1e416-fad9-4fb2-a5f9-5b0e9a707109");
  ck_assert_ptr_nonnull (strstr (text, "<item-not-found xmlns=\"urn:ietf:params:xml:ns:xmpp-stanzas\"/>"));
  ck_assert_ptr_nonnull (strstr (text, "<unknown-session xmlns=\"urn:xmpp:jingle:errors:1\"/>"));
  xmpp_stanza_release (reply);
  xmpp_stanza_release (iq);
}
END_TEST

static const struct {
  JgwReason reason;
  guint to_sip;
  guint from_sip;
} reason_table[] = {
  { JGW_REASON_BUSY, 486, 486 },
  { JGW_REASON_BUSY, 486, 600 },
  { JGW_REASON_DECLINE, 603, 603 },
  { JGW_REASON_TIMEOUT, 408, 408 },
  { JGW_REASON_TIMEOUT, 408, 480 },
  { JGW_REASON_CANCEL, 487, 487 },
  { JGW_REASON_CONNECTIVITY_ERROR, 503, 503 },
  { JGW_REASON_SUCCESS, 200, 200 },
  { JGW_REASON_GENERAL_ERROR, 500, 500 },
  { JGW_REASON_GENERAL_ERROR, 500, 499 },
  { JGW_REASON_UNSUPPORTED_APPLICATIONS, 415, 415 },
  { JGW_REASON_INCOMPATIBLE_PARAMETERS, 488, 488 },
  { JGW_REASON_SECURITY_ERROR, 488, 401 },
  { JGW_REASON_GONE, 410, 404 },
};

START_TEST (test_reason_map)
{
  ck_assert_uint_eq (jgw_reason_to_sip_status (reason_table[_i].reason), reason_table[_i].to_sip);
  ck_assert_int_eq (jgw_reason_from_sip_status (reason_table[_i].from_sip), reason_table[_i].reason);
  const char *name = jgw_reason_to_string (reason_table[_i].reason);
  ck_assert_int_eq (jgw_reason_from_string (name), reason_table[_i].reason);
  ck_assert_ptr_nonnull (jgw_reason_text (reason_table[_i].reason));
  ck_assert_uint_eq (jgw_reason_to_sip_status (JGW_REASON_FAILED_TRANSPORT), 488);
  ck_assert_int_eq (jgw_reason_from_string ("no-such-reason"), JGW_REASON_NONE);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("jingle");
  TCase *tc = tcase_create ("codec");
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_loop_test (tc, test_roundtrip, 0, G_N_ELEMENTS (roundtrip_table));
  tcase_add_test (tc, test_model_values);
  tcase_add_test (tc, test_terminate_and_info);
  tcase_add_loop_test (tc, test_malformed, 0, G_N_ELEMENTS (malformed_table));
  tcase_add_test (tc, test_bad_priority_capture);
  tcase_add_test (tc, test_error_reply);
  tcase_add_loop_test (tc, test_reason_map, 0, G_N_ELEMENTS (reason_table));
  suite_add_tcase (s, tc);
  return jgw_test_run_suite (s);
}
