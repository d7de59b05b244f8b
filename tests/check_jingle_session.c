/* check_jingle_session.c — XEP-0166 session state machine: every action
 * in and out, every Jingle error condition, bounds and re-entrancy.
 * Stanzas sent by the manager are captured instead of going on a wire. */
#include <check.h>
#include <glib.h>
#include <string.h>

#include "harness/harness.h"
#include "jingle/session.h"
#include "check_jingle_util.h"
#include "harness/suite.h"

#define PEER "romeo@montague.lit/orchard"
#define LOCAL "juliet@gw.example/jingle"

typedef struct {
  xmpp_ctx_t *ctx;
  JgwJingleManager *m;
  GPtrArray *sent;   /* of serialised stanzas */
  GPtrArray *events; /* of "initiated", "terminated:busy", ... */
  gboolean terminate_in_initiated;
} Fixture;

static Fixture f;

static void
send_cb (xmpp_stanza_t *st, gpointer user_data)
{
  g_ptr_array_add (f.sent, jt_text (st));
}

static void
ev (const char *kind, const char *arg)
{
  g_ptr_array_add (f.events, g_strconcat (kind, arg, NULL));
}

static void
initiated_cb (JgwJingleSession *s, const JgwJingle *j, gpointer ud)
{
  ev ("initiated:", j->sid);
  if (f.terminate_in_initiated)
    jgw_jingle_session_terminate (s, JGW_REASON_DECLINE, NULL);
}

static void
accepted_cb (JgwJingleSession *s, const JgwJingle *j, gpointer ud)
{
  ev ("accepted:", j->sid);
}

static void
terminated_cb (JgwJingleSession *s, JgwReason reason, const char *text, gpointer ud)
{
  ev ("terminated:", jgw_reason_to_string (reason));
}

static void
info_cb (JgwJingleSession *s, const JgwJingle *j, gpointer ud)
{
  ev ("info:", jgw_jingle_info_to_string (j->info));
}

static void
transport_cb (JgwJingleSession *s, const JgwJingle *j, gpointer ud)
{
  const JgwContent *c = g_ptr_array_index (j->desc->contents, 0);
  ev ("transport-info:", ((JgwCandidate *) g_ptr_array_index (c->ice->candidates, 0))->ip);
}

static void
content_cb (JgwJingleSession *s, const JgwJingle *j, gpointer ud)
{
  ev ("content:", jgw_jingle_action_to_string (j->action));
}

static const JgwJingleCallbacks callbacks = {
  initiated_cb, accepted_cb, terminated_cb, info_cb, transport_cb, content_cb,
};

static void
setup (void)
{
  xmpp_initialize ();
  f.ctx = xmpp_ctx_new (NULL, NULL);
  f.sent = g_ptr_array_new_with_free_func (g_free);
  f.events = g_ptr_array_new_with_free_func (g_free);
  f.terminate_in_initiated = FALSE;
  f.m = jgw_jingle_manager_new (f.ctx, 2, send_cb, &callbacks, NULL);
}

static void
teardown (void)
{
  jgw_jingle_manager_free (f.m);
  g_ptr_array_unref (f.sent);
  g_ptr_array_unref (f.events);
  xmpp_ctx_free (f.ctx);
  xmpp_shutdown ();
  jgw_test_cleanup ();
}

/* Feeds an iq built from XML; returns what handle_iq said. */
static gboolean
feed (const char *xml)
{
  xmpp_stanza_t *iq = xmpp_stanza_new_from_string (f.ctx, xml);
  ck_assert_ptr_nonnull (iq);
  gboolean handled = jgw_jingle_manager_handle_iq (f.m, iq);
  xmpp_stanza_release (iq);
  return handled;
}

/* Feeds a captured file with from/to/sid rewritten. */
static void
feed_file (const char *name, const char *from, const char *sid)
{
  xmpp_stanza_t *iq = jt_load (f.ctx, name);
  xmpp_stanza_set_from (iq, from);
  xmpp_stanza_set_to (iq, LOCAL);
  xmpp_stanza_set_attribute (xmpp_stanza_get_child_by_ns (iq, JGW_NS_JINGLE), "sid", sid);
  ck_assert (jgw_jingle_manager_handle_iq (f.m, iq));
  xmpp_stanza_release (iq);
}

static char *
jingle_iq (const char *from, const char *id, const char *action, const char *sid, const char *body)
{
  return g_strdup_printf ("<iq type='set' id='%s' from='%s' to='%s'><jingle xmlns='urn:xmpp:jingle:1' "
                          "action='%s' sid='%s'>%s</jingle></iq>",
                          id, from, LOCAL, action, sid, body);
}

static void
feed_action (const char *from, const char *id, const char *action, const char *sid, const char *body)
{
  g_autofree char *xml = jingle_iq (from, id, action, sid, body);
  ck_assert (feed (xml));
}

static const char *
last_sent (void)
{
  ck_assert_uint_gt (f.sent->len, 0);
  return g_ptr_array_index (f.sent, f.sent->len - 1);
}

static void
assert_sent_has (guint index, const char *needle)
{
  ck_assert_uint_gt (f.sent->len, index);
  const char *s = g_ptr_array_index (f.sent, index);
  ck_assert_msg (strstr (s, needle) != NULL, "sent[%u] lacks %s: %s", index, needle, s);
}

static void
assert_events (const char *const *want)
{
  guint n = g_strv_length ((char **) want);
  for (guint i = 0; i < n && i < f.events->len; i++)
    ck_assert_str_eq (g_ptr_array_index (f.events, i), want[i]);
  ck_assert_uint_eq (f.events->len, n);
}

static void
assert_error (const char *condition, const char *app)
{
  const char *s = last_sent ();
  g_autofree char *cond = g_strdup_printf ("<%s xmlns=\"urn:ietf:params:xml:ns:xmpp-stanzas\"/>", condition);
  ck_assert_msg (strstr (s, "type=\"error\"") && strstr (s, cond), "want %s: %s", condition, s);
  if (app != NULL)
    {
      g_autofree char *a = g_strdup_printf ("<%s xmlns=\"urn:xmpp:jingle:errors:1\"/>", app);
      ck_assert_msg (strstr (s, a) != NULL, "want %s: %s", app, s);
    }
}

static JgwSessionDesc *
answer_with_setup (const char *setup)
{
  JgwSessionDesc *d = jgw_session_desc_new ();
  JgwContent *c = jgw_content_new ("audio", "audio");
  g_ptr_array_add (c->payloads, jgw_payload_new (111, "opus", 48000, 2));
  c->ice = jgw_ice_transport_new ();
  c->ice->ufrag = g_strdup ("u");
  c->ice->pwd = g_strdup ("pppppppppppppppppppppp");
  c->ice->fingerprint = g_new0 (JgwFingerprint, 1);
  c->ice->fingerprint->hash = g_strdup ("sha-256");
  c->ice->fingerprint->setup = g_strdup (setup);
  c->ice->fingerprint->value = g_strdup ("AA:BB");
  g_ptr_array_add (d->contents, c);
  return d;
}

/* The full responder flow on a captured browser offer and a Dino trickle. */
START_TEST (test_incoming_call)
{
  feed_file ("stanzajs-webrtc-session-initiate.xml", PEER, "s1");
  assert_sent_has (0, "type=\"result\"");
  assert_sent_has (0, "to=\"" PEER "\"");
  JgwJingleSession *s = jgw_jingle_manager_lookup (f.m, PEER, "s1");
  ck_assert_ptr_nonnull (s);
  ck_assert_int_eq (jgw_jingle_session_get_state (s), JGW_SESSION_PENDING);
  ck_assert_uint_eq (jgw_jingle_session_get_remote (s)->contents->len, 2);
  ck_assert_str_eq (jgw_jingle_answer_setup ("actpass"), "active");
  ck_assert_str_eq (jgw_jingle_answer_setup ("active"), "passive");
  ck_assert_str_eq (jgw_jingle_answer_setup ("passive"), "active");
  g_autoptr (JgwSessionDesc) bad = answer_with_setup ("actpass");
  g_autoptr (GError) error = NULL;
  ck_assert (!jgw_jingle_session_accept (s, bad, &error));
  ck_assert (g_error_matches (error, JGW_JINGLE_ERROR, JGW_JINGLE_ERROR_NOT_ACCEPTABLE));
  ck_assert_uint_eq (f.sent->len, 1);
  jgw_jingle_session_send_info (s, JGW_INFO_RINGING, NULL, NULL);
  assert_sent_has (1, "<ringing xmlns=\"urn:xmpp:jingle:apps:rtp:info:1\"/>");
  g_autoptr (JgwSessionDesc) ok = answer_with_setup (jgw_jingle_answer_setup ("actpass"));
  ck_assert (jgw_jingle_session_accept (s, ok, NULL));
  assert_sent_has (2, "action=\"session-accept\"");
  assert_sent_has (2, "responder=\"" LOCAL "\"");
  assert_sent_has (2, "setup=\"active\"");
  ck_assert_int_eq (jgw_jingle_session_get_state (s), JGW_SESSION_ACTIVE);
  ck_assert (!jgw_jingle_session_accept (s, ok, NULL)); /* twice: out of order */
  feed_file ("dino-transport-info.xml", PEER, "s1");
  feed_action (PEER, "i1", "session-info", "s1", "<hold xmlns='urn:xmpp:jingle:apps:rtp:info:1'/>");
  feed_action (PEER, "i2", "session-info", "s1", "");
  feed_action (PEER, "t1", "session-terminate", "s1", "<reason><busy/></reason>");
  assert_sent_has (f.sent->len - 1, "type=\"result\"");
  ck_assert_uint_eq (jgw_jingle_manager_count (f.m), 0);
  assert_events ((const char *const[]){ "initiated:s1", "transport-info:195.52.176.74", "info:hold",
                                        "terminated:busy", NULL });
}
END_TEST

/* The initiator flow: our offer, the peer's answer, errors on bad answers. */
START_TEST (test_outgoing_call)
{
  g_autoptr (JgwSessionDesc) offer = answer_with_setup ("actpass");
  JgwJingleSession *s = jgw_jingle_manager_initiate (f.m, LOCAL, PEER, "o1", offer, NULL);
  ck_assert_ptr_nonnull (s);
  ck_assert (jgw_jingle_session_is_initiator (s));
  assert_sent_has (0, "action=\"session-initiate\"");
  assert_sent_has (0, "initiator=\"" LOCAL "\"");
  assert_sent_has (0, "id=\"jgw-jingle-1\"");
  ck_assert (feed ("<iq type='result' id='jgw-jingle-1' from='" PEER "' to='" LOCAL "'/>"));
  ck_assert (!feed ("<iq type='result' id='jgw-jingle-1' from='" PEER "' to='" LOCAL "'/>"));
  feed_action (PEER, "r1", "session-info", "o1", "<ringing xmlns='urn:xmpp:jingle:apps:rtp:info:1'/>");
  feed_action (PEER, "a1", "session-accept", "o1",
               "<content creator='initiator' name='audio'><description xmlns='urn:xmpp:jingle:apps:rtp:1' "
               "media='audio'><payload-type id='0' name='PCMU' clockrate='8000'/></description>"
               "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag='x' pwd='y'>"
               "<fingerprint xmlns='urn:xmpp:jingle:apps:dtls:0' hash='sha-256' setup='passive'>AA</fingerprint>"
               "</transport></content>");
  assert_sent_has (f.sent->len - 1, "type=\"result\"");
  ck_assert_int_eq (jgw_jingle_session_get_state (s), JGW_SESSION_ACTIVE);
  feed_action (PEER, "a2", "session-accept", "o1", "");
  assert_error ("unexpected-request", "out-of-order");
  jgw_jingle_session_terminate (s, JGW_REASON_SUCCESS, "bye");
  assert_sent_has (f.sent->len - 1, "<success/>");
  assert_sent_has (f.sent->len - 1, "<text>bye</text>");
  ck_assert_uint_eq (jgw_jingle_manager_count (f.m), 0);
  assert_events ((const char *const[]){ "info:ringing", "accepted:o1", NULL });
}
END_TEST

START_TEST (test_answer_actpass_refused)
{
  g_autoptr (JgwSessionDesc) offer = answer_with_setup ("actpass");
  jgw_jingle_manager_initiate (f.m, LOCAL, PEER, "o2", offer, NULL);
  feed_action (PEER, "a1", "session-accept", "o2",
               "<content creator='initiator' name='audio'><description xmlns='urn:xmpp:jingle:apps:rtp:1' "
               "media='audio'/><transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'>"
               "<fingerprint xmlns='urn:xmpp:jingle:apps:dtls:0' hash='sha-256' setup='actpass'>AA</fingerprint>"
               "</transport></content>");
  assert_sent_has (1, "<not-acceptable");
  assert_sent_has (2, "<incompatible-parameters/>");
  ck_assert_uint_eq (jgw_jingle_manager_count (f.m), 0);
}
END_TEST

/* RFC 4145: a missing setup in an answer means active (older Jitsi). */
START_TEST (test_answer_without_setup)
{
  g_autoptr (JgwSessionDesc) offer = answer_with_setup ("actpass");
  JgwJingleSession *s = jgw_jingle_manager_initiate (f.m, LOCAL, PEER, "o4", offer, NULL);
  feed_action (PEER, "a1", "session-accept", "o4",
               "<content creator='initiator' name='audio'><description xmlns='urn:xmpp:jingle:apps:rtp:1' "
               "media='audio'/><transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'>"
               "<fingerprint xmlns='urn:xmpp:jingle:apps:dtls:0' hash='sha-1'>6E:A5</fingerprint>"
               "</transport></content>");
  assert_sent_has (1, "type=\"result\"");
  ck_assert_int_eq (jgw_jingle_session_get_state (s), JGW_SESSION_ACTIVE);
}
END_TEST

/* Terminations before an answer, both directions, with and without reason. */
START_TEST (test_terminate_pending)
{
  feed_file ("stanzajs-webrtc-session-initiate.xml", PEER, "s1");
  feed_action (PEER, "t1", "session-terminate", "s1", "<reason><cancel/><text>hung up</text></reason>");
  g_autoptr (JgwSessionDesc) offer = answer_with_setup ("actpass");
  jgw_jingle_manager_initiate (f.m, LOCAL, PEER, "o5", offer, NULL);
  feed_action (PEER, "t2", "session-terminate", "o5", "<reason><decline/></reason>");
  jgw_jingle_manager_initiate (f.m, LOCAL, PEER, "o6", offer, NULL);
  feed_action (PEER, "t3", "session-terminate", "o6", "");
  ck_assert_uint_eq (jgw_jingle_manager_count (f.m), 0);
  assert_events ((const char *const[]){ "initiated:s1", "terminated:cancel", "terminated:decline",
                                        "terminated:success", NULL });
}
END_TEST

START_TEST (test_initiate_refused_by_peer)
{
  g_autoptr (JgwSessionDesc) offer = answer_with_setup ("actpass");
  jgw_jingle_manager_initiate (f.m, LOCAL, PEER, "o3", offer, NULL);
  ck_assert (feed ("<iq type='error' id='jgw-jingle-1' from='" PEER "'><error type='cancel'>"
                   "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"));
  ck_assert_uint_eq (jgw_jingle_manager_count (f.m), 0);
  assert_events ((const char *const[]){ "terminated:general-error", NULL });
}
END_TEST

/* Each row: an iq for a session that is not (or not for this sender) there. */
START_TEST (test_unknown_session)
{
  feed_file ("stanzajs-webrtc-session-initiate.xml", PEER, "s1");
  feed_action (PEER, "x1", "transport-info", "nope", "");
  assert_error ("item-not-found", "unknown-session");
  feed_action ("romeo@montague.lit/other", "x2", "session-terminate", "s1", "<reason><success/></reason>");
  assert_error ("item-not-found", "unknown-session");
  feed_action ("mallory@evil.example/x", "x3", "session-accept", "s1", "");
  assert_error ("item-not-found", "unknown-session");
  ck_assert (feed ("<iq type='set' id='x4' from='" PEER "' to='other@gw.example/x'><jingle xmlns='urn:xmpp:jingle:1' "
                   "action='session-info' sid='s1'/></iq>"));
  assert_error ("item-not-found", "unknown-session");
  ck_assert_uint_eq (jgw_jingle_manager_count (f.m), 1);
}
END_TEST

START_TEST (test_out_of_order)
{
  feed_file ("stanzajs-webrtc-session-initiate.xml", PEER, "s1");
  feed_action (PEER, "x1", "session-accept", "s1", ""); /* we are the responder */
  assert_error ("unexpected-request", "out-of-order");
  feed_file ("stanzajs-webrtc-session-initiate.xml", PEER, "s1"); /* duplicate initiate */
  assert_error ("unexpected-request", "out-of-order");
}
END_TEST

START_TEST (test_tie_break)
{
  g_autoptr (JgwSessionDesc) offer = answer_with_setup ("actpass");
  JgwJingleSession *s = jgw_jingle_manager_initiate (f.m, LOCAL, PEER, "same", offer, NULL);
  feed_file ("stanzajs-webrtc-session-initiate.xml", PEER, "same");
  assert_error ("conflict", "tie-break");
  ck_assert (jgw_jingle_session_send_action (s, JGW_ACTION_CONTENT_ADD, offer, NULL));
  feed_action (PEER, "c1", "content-add", "same", "");
  assert_error ("conflict", "tie-break");
  feed_action (PEER, "c2", "content-reject", "same", "");
  feed_action (PEER, "c3", "content-add", "same", "");
  assert_sent_has (f.sent->len - 1, "type=\"result\"");
  ck_assert (jgw_jingle_session_send_action (s, JGW_ACTION_TRANSPORT_REPLACE, offer, NULL));
  feed_action (PEER, "c4", "transport-replace", "same", "");
  assert_error ("conflict", "tie-break");
  assert_events ((const char *const[]){ "content:content-reject", "content:content-add", NULL });
}
END_TEST

START_TEST (test_info)
{
  static const char *const names[] = { "active", "hold", "unhold", "mute", "unmute", "ringing" };
  feed_file ("stanzajs-webrtc-session-initiate.xml", PEER, "s1");
  JgwJingleSession *s = jgw_jingle_manager_lookup (f.m, PEER, "s1");
  for (JgwJingleInfo i = JGW_INFO_ACTIVE; i <= JGW_INFO_RINGING; i++)
    {
      g_autofree char *body = g_strdup_printf ("<%s xmlns='urn:xmpp:jingle:apps:rtp:info:1'/>", names[i - 1]);
      g_autofree char *want = g_strdup_printf ("<%s xmlns=\"urn:xmpp:jingle:apps:rtp:info:1\"", names[i - 1]);
      feed_action (PEER, "i", "session-info", "s1", body);
      assert_sent_has (f.sent->len - 1, "type=\"result\"");
      ck_assert (jgw_jingle_session_send_info (s, i, i == JGW_INFO_MUTE ? "audio" : NULL, NULL));
      assert_sent_has (f.sent->len - 1, want);
    }
  assert_sent_has (f.sent->len - 5, "creator=\"responder\"");
  assert_sent_has (f.sent->len - 5, "name=\"audio\"");
  feed_action (PEER, "u", "session-info", "s1", "<dance xmlns='urn:example:dance'/>");
  assert_error ("feature-not-implemented", "unsupported-info");
  ck_assert_uint_eq (f.events->len, 7);
  ck_assert_str_eq (g_ptr_array_index (f.events, 6), "info:ringing");
}
END_TEST

START_TEST (test_content_actions)
{
  static const char *const actions[] = { "content-add", "content-accept", "content-modify", "content-reject",
                                         "content-remove", "description-info", "security-info",
                                         "transport-accept", "transport-reject", "transport-replace" };
  feed_file ("stanzajs-webrtc-session-initiate.xml", PEER, "s1");
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      feed_action (PEER, "c", actions[i], "s1", "<content creator='initiator' name='audio'/>");
      assert_sent_has (f.sent->len - 1, "type=\"result\"");
      g_autofree char *want = g_strconcat ("content:", actions[i], NULL);
      ck_assert_str_eq (g_ptr_array_index (f.events, i + 1), want);
    }
}
END_TEST

START_TEST (test_bad_request)
{
  feed_action (PEER, "b1", "session-initiate", "s1", "");
  assert_error ("bad-request", NULL);
  feed_action (PEER, "b2", "session-initiate", "s2", "<content name='a' senders='everyone'/>");
  assert_error ("bad-request", NULL);
  ck_assert (feed ("<iq type='set' id='b3' to='" LOCAL "'><jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' "
                   "sid='s3'><content name='a'/></jingle></iq>"));
  assert_error ("bad-request", NULL);
  feed_action (PEER, "b4", "session-fly", "s1", "");
  assert_error ("bad-request", NULL);
  ck_assert (!feed ("<iq type='set' id='b5' from='" PEER "'><query xmlns='jabber:iq:version'/></iq>"));
  ck_assert (!feed ("<iq type='get' id='b6' from='" PEER "'><jingle xmlns='urn:xmpp:jingle:1'/></iq>"));
  ck_assert_uint_eq (f.sent->len, 4);
  ck_assert_uint_eq (jgw_jingle_manager_count (f.m), 0);
}
END_TEST

START_TEST (test_unsupported_offer)
{
  feed_action (PEER, "u1", "session-initiate", "s1",
               "<content creator='initiator' name='f'><description xmlns='urn:xmpp:jingle:apps:file-transfer:5'/>"
               "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'/></content>");
  assert_sent_has (0, "type=\"result\"");
  assert_sent_has (1, "<unsupported-applications/>");
  feed_file ("conversations-session-initiate.xml", PEER, "s2"); /* no transport in the capture */
  assert_sent_has (3, "<unsupported-transports/>");
  ck_assert_uint_eq (jgw_jingle_manager_count (f.m), 0);
  ck_assert_uint_eq (f.events->len, 0);
}
END_TEST

START_TEST (test_bounded)
{
  g_autoptr (JgwSessionDesc) offer = answer_with_setup ("actpass");
  feed_file ("stanzajs-webrtc-session-initiate.xml", PEER, "s1");
  feed_file ("stanzajs-webrtc-session-initiate.xml", "romeo@montague.lit/phone", "s2");
  feed_file ("stanzajs-webrtc-session-initiate.xml", "Romeo@montague.lit/tablet", "s3");
  assert_error ("resource-constraint", NULL);
  g_autoptr (GError) error = NULL;
  ck_assert_ptr_null (jgw_jingle_manager_initiate (f.m, LOCAL, "romeo@montague.lit/x", NULL, offer, &error));
  ck_assert (g_error_matches (error, JGW_JINGLE_ERROR, JGW_JINGLE_ERROR_RESOURCE_CONSTRAINT));
  feed_file ("stanzajs-webrtc-session-initiate.xml", "benvolio@montague.lit/x", "s4");
  ck_assert_uint_eq (jgw_jingle_manager_count (f.m), 3);
}
END_TEST

START_TEST (test_terminate_from_callback)
{
  f.terminate_in_initiated = TRUE;
  feed_file ("stanzajs-webrtc-session-initiate.xml", PEER, "s1");
  assert_sent_has (1, "<decline/>");
  ck_assert_uint_eq (jgw_jingle_manager_count (f.m), 0);
  /* The session is gone: anything more about it is unknown-session. */
  feed_action (PEER, "x", "transport-info", "s1", "");
  assert_error ("item-not-found", "unknown-session");
}
END_TEST

START_TEST (test_session_data)
{
  feed_file ("stanzajs-webrtc-session-initiate.xml", PEER, "s1");
  JgwJingleSession *s = jgw_jingle_manager_lookup (f.m, PEER, "s1");
  jgw_jingle_session_set_data (s, g_strdup ("call-1"), g_free);
  ck_assert_str_eq (jgw_jingle_session_get_data (s), "call-1");
  ck_assert_str_eq (jgw_jingle_session_get_local (s), LOCAL);
  ck_assert_str_eq (jgw_jingle_session_get_peer (s), PEER);
  ck_assert_str_eq (jgw_jingle_session_get_sid (s), "s1");
  /* Freed with the manager in teardown: ASan proves no leak. */
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("jingle_session");
  TCase *tc = tcase_create ("session");
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_incoming_call);
  tcase_add_test (tc, test_outgoing_call);
  tcase_add_test (tc, test_answer_actpass_refused);
  tcase_add_test (tc, test_answer_without_setup);
  tcase_add_test (tc, test_terminate_pending);
  tcase_add_test (tc, test_initiate_refused_by_peer);
  tcase_add_test (tc, test_unknown_session);
  tcase_add_test (tc, test_out_of_order);
  tcase_add_test (tc, test_tie_break);
  tcase_add_test (tc, test_info);
  tcase_add_test (tc, test_content_actions);
  tcase_add_test (tc, test_bad_request);
  tcase_add_test (tc, test_unsupported_offer);
  tcase_add_test (tc, test_bounded);
  tcase_add_test (tc, test_terminate_from_callback);
  tcase_add_test (tc, test_session_data);
  suite_add_tcase (s, tc);
  return jgw_test_run_suite (s);
}
