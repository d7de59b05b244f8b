/* check_jingle_jmi.c — XEP-0353 flows both ways: ringing, first device to
 * proceed wins, reject, retract, timeout, finish and tie-breaks. Incoming
 * messages follow the XEP-0353 examples (written by hand). */
#include <check.h>
#include <glib.h>
#include <string.h>

#include "harness/harness.h"
#include "jingle/jingle.h"
#include "jingle/jmi.h"
#include "check_jingle_util.h"
#include "harness/suite.h"

#define GW "alice@gw.example"
#define BOB "bob@example.org"

static struct {
  xmpp_ctx_t *ctx;
  JgwJmi *jmi;
  GPtrArray *sent, *events;
} f;

static void
send_cb (xmpp_stanza_t *st, gpointer ud)
{
  g_ptr_array_add (f.sent, jt_text (st));
}

static void
ev2 (const char *a, const char *b, const char *c)
{
  g_ptr_array_add (f.events, g_strjoin (":", a, b, c, NULL));
}

static void
proposed_cb (JgwJmi *j, const JgwJmiMessage *m, gpointer ud)
{
  ev2 ("proposed", m->id, m->media && m->media[0] ? m->media[0] : "-");
}

static void
ringing_cb (JgwJmi *j, const char *id, const char *device, gpointer ud)
{
  ev2 ("ringing", id, device);
}

static void
proceeded_cb (JgwJmi *j, const char *id, const char *device, gpointer ud)
{
  ev2 ("proceeded", id, device);
}

static void
ended_cb (JgwJmi *j, const char *id, JgwJmiKind kind, JgwReason reason, gpointer ud)
{
  ev2 (kind == JGW_JMI_REJECT ? "rejected" : "retracted", id, jgw_reason_to_string (reason));
}

static void
finished_cb (JgwJmi *j, const char *id, JgwReason reason, gpointer ud)
{
  ev2 ("finished", id, jgw_reason_to_string (reason));
}

static const JgwJmiCallbacks callbacks = { proposed_cb, ringing_cb, proceeded_cb, ended_cb, finished_cb };

static void
setup (void)
{
  xmpp_initialize ();
  f.ctx = xmpp_ctx_new (NULL, NULL);
  f.sent = g_ptr_array_new_with_free_func (g_free);
  f.events = g_ptr_array_new_with_free_func (g_free);
  f.jmi = jgw_jmi_new (f.ctx, 30000, send_cb, &callbacks, NULL);
}

static void
teardown (void)
{
  jgw_jmi_free (f.jmi);
  g_ptr_array_unref (f.sent);
  g_ptr_array_unref (f.events);
  xmpp_ctx_free (f.ctx);
  xmpp_shutdown ();
  jgw_test_cleanup ();
}

static gboolean
feed (const char *from, const char *to, const char *payload)
{
  g_autofree char *xml = g_strdup_printf ("<message from='%s' to='%s' type='chat'>%s"
                                          "<store xmlns='urn:xmpp:hints'/></message>", from, to, payload);
  xmpp_stanza_t *st = xmpp_stanza_new_from_string (f.ctx, xml);
  ck_assert_ptr_nonnull (st);
  gboolean r = jgw_jmi_handle_message (f.jmi, st);
  xmpp_stanza_release (st);
  return r;
}

static void
sent_has (guint i, const char *needle)
{
  ck_assert_uint_gt (f.sent->len, i);
  ck_assert_msg (strstr (g_ptr_array_index (f.sent, i), needle), "sent[%u] lacks %s: %s", i, needle,
                 (char *) g_ptr_array_index (f.sent, i));
}

static void
events_are (const char *const *want)
{
  for (guint i = 0; want[i]; i++)
    {
      ck_assert_uint_gt (f.events->len, i);
      ck_assert_str_eq (g_ptr_array_index (f.events, i), want[i]);
    }
  ck_assert_uint_eq (f.events->len, g_strv_length ((char **) want));
}

START_TEST (test_outgoing_first_proceed_wins)
{
  const char *id = jgw_jmi_propose (f.jmi, GW, BOB "/ignored", "c1", NULL, NULL);
  ck_assert_str_eq (id, "c1");
  sent_has (0, "to=\"" BOB "\"");
  sent_has (0, "<propose id=\"c1\" xmlns=\"urn:xmpp:jingle-message:0\"><description xmlns=\"urn:xmpp:jingle:apps:rtp:1\" media=\"audio\"/></propose>");
  sent_has (0, "<store xmlns=\"urn:xmpp:hints\"/>");
  ck_assert (feed (BOB "/phone", GW, "<ringing xmlns='urn:xmpp:jingle-message:0' id='c1'/>"));
  ck_assert (feed (BOB "/laptop", GW, "<ringing xmlns='urn:xmpp:jingle-message:0' id='c1'/>"));
  ck_assert (feed (BOB "/laptop", GW, "<proceed xmlns='urn:xmpp:jingle-message:0' id='c1'/>"));
  ck_assert (feed (BOB "/phone", GW, "<proceed xmlns='urn:xmpp:jingle-message:0' id='c1'/>"));
  ck_assert (feed (BOB "/phone", GW, "<reject xmlns='urn:xmpp:jingle-message:0' id='c1'/>"));
  ck_assert (feed (BOB "/phone", GW, "<accept xmlns='urn:xmpp:jingle-message:0' id='c1'/>"));
  ck_assert (jgw_jmi_finish (f.jmi, "c1", JGW_REASON_SUCCESS, NULL));
  sent_has (1, "to=\"" BOB "/laptop\"");
  sent_has (1, "<finish id=\"c1\" xmlns=\"urn:xmpp:jingle-message:0\"><reason xmlns=\"urn:xmpp:jingle:1\"><success/></reason></finish>");
  ck_assert_uint_eq (jgw_jmi_count (f.jmi), 0);
  events_are ((const char *const[]){ "ringing:c1:" BOB "/phone", "ringing:c1:" BOB "/laptop",
                                     "proceeded:c1:" BOB "/laptop", NULL });
}
END_TEST

START_TEST (test_outgoing_rejected)
{
  jgw_jmi_propose (f.jmi, GW, BOB, "c2", NULL, NULL);
  /* Only the callee's account may answer. */
  ck_assert (feed ("mallory@evil.example/x", GW, "<reject xmlns='urn:xmpp:jingle-message:0' id='c2'/>"));
  ck_assert_uint_eq (jgw_jmi_count (f.jmi), 1);
  ck_assert (feed (BOB "/phone", GW,
                   "<reject xmlns='urn:xmpp:jingle-message:0' id='c2'><reason xmlns='urn:xmpp:jingle:1'>"
                   "<busy/><text>Busy</text></reason></reject>"));
  ck_assert_uint_eq (jgw_jmi_count (f.jmi), 0);
  events_are ((const char *const[]){ "rejected:c2:busy", NULL });
}
END_TEST

START_TEST (test_outgoing_retracted)
{
  jgw_jmi_propose (f.jmi, GW, BOB, "c3", NULL, NULL);
  ck_assert (jgw_jmi_retract (f.jmi, "c3", JGW_REASON_CANCEL, NULL));
  sent_has (1, "to=\"" BOB "\"");
  sent_has (1, "<retract id=\"c3\" xmlns=\"urn:xmpp:jingle-message:0\"><reason xmlns=\"urn:xmpp:jingle:1\"><cancel/>");
  g_autoptr (GError) error = NULL;
  ck_assert (!jgw_jmi_retract (f.jmi, "c3", JGW_REASON_CANCEL, &error));
  ck_assert (g_error_matches (error, JGW_JINGLE_ERROR, JGW_JINGLE_ERROR_UNKNOWN_SESSION));
}
END_TEST

static gboolean
no_proposals (gpointer data)
{
  return jgw_jmi_count (f.jmi) == 0;
}

START_TEST (test_outgoing_timeout)
{
  jgw_jmi_free (f.jmi);
  f.jmi = jgw_jmi_new (f.ctx, 50, send_cb, &callbacks, NULL);
  jgw_jmi_propose (f.jmi, GW, BOB, "c4", NULL, NULL);
  ck_assert (feed (BOB "/phone", GW, "<ringing xmlns='urn:xmpp:jingle-message:0' id='c4'/>"));
  ck_assert (jgw_test_wait (no_proposals, NULL, 5000));
  sent_has (1, "<retract id=\"c4\" xmlns=\"urn:xmpp:jingle-message:0\"><reason xmlns=\"urn:xmpp:jingle:1\"><timeout/>");
  events_are ((const char *const[]){ "ringing:c4:" BOB "/phone", "retracted:c4:timeout", NULL });
  /* A proceed after the timeout finds nothing. */
  ck_assert (feed (BOB "/phone", GW, "<proceed xmlns='urn:xmpp:jingle-message:0' id='c4'/>"));
  ck_assert_uint_eq (f.events->len, 2);
}
END_TEST

START_TEST (test_proceed_stops_timer)
{
  jgw_jmi_free (f.jmi);
  f.jmi = jgw_jmi_new (f.ctx, 50, send_cb, &callbacks, NULL);
  jgw_jmi_propose (f.jmi, GW, BOB, "c5", NULL, NULL);
  ck_assert (feed (BOB "/phone", GW, "<proceed xmlns='urn:xmpp:jingle-message:0' id='c5'/>"));
  ck_assert (!jgw_test_wait (no_proposals, NULL, 300));
  ck_assert_uint_eq (f.sent->len, 1);
}
END_TEST

START_TEST (test_incoming)
{
  ck_assert (feed (BOB "/phone", GW,
                   "<propose xmlns='urn:xmpp:jingle-message:0' id='in1'>"
                   "<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'/></propose>"));
  ck_assert (jgw_jmi_ringing (f.jmi, "in1", NULL));
  ck_assert (jgw_jmi_proceed (f.jmi, "in1", NULL));
  sent_has (0, "to=\"" BOB "/phone\"");
  sent_has (0, "<ringing id=\"in1\" xmlns=\"urn:xmpp:jingle-message:0\"/>");
  sent_has (1, "<proceed id=\"in1\" xmlns=\"urn:xmpp:jingle-message:0\"/>");
  sent_has (1, "from=\"" GW "\"");
  /* A retract from another device of the caller is not the caller. */
  ck_assert (feed (BOB "/laptop", GW, "<retract xmlns='urn:xmpp:jingle-message:0' id='in1'/>"));
  ck_assert (feed (BOB "/phone", GW,
                   "<finish xmlns='urn:xmpp:jingle-message:0' id='in1'><reason xmlns='urn:xmpp:jingle:1'>"
                   "<success/></reason></finish>"));
  events_are ((const char *const[]){ "proposed:in1:audio", "finished:in1:success", NULL });
  ck_assert_uint_eq (jgw_jmi_count (f.jmi), 0);
}
END_TEST

START_TEST (test_incoming_retracted_and_rejected)
{
  ck_assert (feed (BOB "/phone", GW, "<propose xmlns='urn:xmpp:jingle-message:0' id='in2'><description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'/></propose>"));
  ck_assert (feed (BOB "/phone", GW, "<propose xmlns='urn:xmpp:jingle-message:0' id='in2'><description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'/></propose>"));
  ck_assert (feed (BOB "/phone", GW, "<retract xmlns='urn:xmpp:jingle-message:0' id='in2'/>"));
  ck_assert (feed (BOB "/phone", GW, "<propose xmlns='urn:xmpp:jingle-message:0' id='in3'><description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'/></propose>"));
  ck_assert (jgw_jmi_reject (f.jmi, "in3", JGW_REASON_BUSY, NULL));
  sent_has (0, "<reject id=\"in3\" xmlns=\"urn:xmpp:jingle-message:0\"><reason xmlns=\"urn:xmpp:jingle:1\"><busy/>");
  ck_assert (!jgw_jmi_proceed (f.jmi, "in3", NULL));
  events_are ((const char *const[]){ "proposed:in2:audio", "retracted:in2:cancel", "proposed:in3:audio", NULL });
}
END_TEST

/* Crossing proposals: the lower id wins (XEP-0353 "Tie Breaking"). */
START_TEST (test_tie_break_lost)
{
  jgw_jmi_propose (f.jmi, GW, BOB, "b-ours", NULL, NULL);
  ck_assert (feed (BOB "/phone", GW, "<propose xmlns='urn:xmpp:jingle-message:0' id='a-theirs'><description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'/></propose>"));
  sent_has (1, "<retract id=\"b-ours\" xmlns=\"urn:xmpp:jingle-message:0\"><reason xmlns=\"urn:xmpp:jingle:1\"><expired/></reason><tie-break/></retract>");
  sent_has (1, "to=\"" BOB "\"");
  events_are ((const char *const[]){ "retracted:b-ours:expired", "proposed:a-theirs:audio", NULL });
  ck_assert_uint_eq (jgw_jmi_count (f.jmi), 1);
}
END_TEST

START_TEST (test_tie_break_won)
{
  jgw_jmi_propose (f.jmi, GW, BOB, "a-ours", NULL, NULL);
  ck_assert (feed (BOB "/phone", GW, "<propose xmlns='urn:xmpp:jingle-message:0' id='b-theirs'><description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'/></propose>"));
  sent_has (1, "<reject id=\"b-theirs\" xmlns=\"urn:xmpp:jingle-message:0\"><reason xmlns=\"urn:xmpp:jingle:1\"><expired/></reason><tie-break/></reject>");
  sent_has (1, "to=\"" BOB "/phone\"");
  ck_assert_uint_eq (f.events->len, 0);
  ck_assert_uint_eq (jgw_jmi_count (f.jmi), 1);
  ck_assert (feed (BOB "/phone", GW, "<proceed xmlns='urn:xmpp:jingle-message:0' id='a-ours'/>"));
  events_are ((const char *const[]){ "proceeded:a-ours:" BOB "/phone", NULL });
}
END_TEST

START_TEST (test_parse)
{
  ck_assert (!feed (BOB "/phone", GW, "<body>hello</body>"));
  ck_assert (feed (BOB "/phone", GW, "<propose xmlns='urn:xmpp:jingle-message:0'/>"));
  ck_assert (feed (BOB "/phone", GW, "<wave xmlns='urn:xmpp:jingle-message:0' id='x'/>"));
  ck_assert_uint_eq (jgw_jmi_count (f.jmi), 0);
  xmpp_stanza_t *st = xmpp_stanza_new_from_string (
      f.ctx, "<message from='" BOB "/phone' to='" GW "'><finish xmlns='urn:xmpp:jingle-message:0' id='old'>"
             "<reason xmlns='urn:xmpp:jingle:1'><expired/><text>moved</text><text>again</text></reason>"
             "<migrated to='new'/><migrated to='newer'/></finish></message>");
  g_autoptr (JgwJmiMessage) m = jgw_jmi_parse (st, NULL);
  ck_assert_int_eq (m->kind, JGW_JMI_FINISH);
  ck_assert_int_eq (m->reason, JGW_REASON_EXPIRED);
  ck_assert_str_eq (m->text, "moved");
  ck_assert_str_eq (m->migrated_to, "new");
  xmpp_stanza_t *built = jgw_jmi_build (f.ctx, m);
  g_autoptr (JgwJmiMessage) m2 = jgw_jmi_parse (built, NULL);
  ck_assert_str_eq (m2->migrated_to, "new");
  ck_assert_str_eq (m2->text, "moved");
  ck_assert_str_eq (xmpp_stanza_get_type (built), "chat");
  xmpp_stanza_release (built);
  xmpp_stanza_release (st);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("jingle_jmi");
  TCase *tc = tcase_create ("jmi");
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_outgoing_first_proceed_wins);
  tcase_add_test (tc, test_outgoing_rejected);
  tcase_add_test (tc, test_outgoing_retracted);
  tcase_add_test (tc, test_outgoing_timeout);
  tcase_add_test (tc, test_proceed_stops_timer);
  tcase_add_test (tc, test_incoming);
  tcase_add_test (tc, test_incoming_retracted_and_rejected);
  tcase_add_test (tc, test_tie_break_lost);
  tcase_add_test (tc, test_tie_break_won);
  tcase_add_test (tc, test_parse);
  suite_add_tcase (s, tc);
  return jgw_test_run_suite (s);
}
