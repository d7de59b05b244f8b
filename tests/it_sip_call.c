/* it_sip_call.c — calls through the SIP layer's own API against SIPp:
 * outgoing (answer, hold, DTMF, BYE, busy, decline, no answer, cancel, far
 * end's hold/DTMF/REFER/BYE), incoming (answer, hold, transfer, hang-up
 * from either side, refusals: unknown user, busy, decline, bad SDP,
 * untrusted source, ring timeout, caller cancel). */
#include <check.h>
#include <glib.h>
#include <string.h>

#include "config.h"
#include "harness/harness.h"
#include "harness/sipp.h"
#include "sip/sip.h"
#include "sip/sip_util.h"
#include "harness/suite.h"

#define SDP_HEAD "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
#define OFFER SDP_HEAD "m=audio 4000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n"
#define ANSWER SDP_HEAD "m=audio 5000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n"
#define HOLD OFFER "a=sendonly\r\n"

typedef enum { IN_ANSWER, IN_RING, IN_REJECT } InAction;

typedef struct {
  JgwConfig *config;
  JgwSipUa *ua;
  GPtrArray *events;   /* of char*: what happened, in order */
  JgwSipCall *call;    /* the current call, until it ended */
  InAction in_action;
  guint reject_status;
  guint policy_status;
  gboolean done;
} Fixture;

static Fixture fx;

static void
note (const char *fmt, ...) G_GNUC_PRINTF (1, 2);

static void
note (const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  char *s = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_printerr ("EVENT %s\n", s);
  g_ptr_array_add (fx.events, s);
}

static guint
policy_cb (JgwSipUa *ua, const char *jid, gpointer d)
{
  (void) ua, (void) d;
  note ("policy %s", jid);
  return fx.policy_status;
}

static void
incoming_cb (JgwSipUa *ua, JgwSipCall *call, const JgwSipIncoming *in, gpointer d)
{
  (void) ua, (void) d;
  fx.call = call;
  note ("incoming %s %s %s %s", in->jid, in->caller_user, in->display_name ? in->display_name : "-",
        in->sdp_offer && strstr (in->sdp_offer, "m=audio") ? "sdp" : "nosdp");
  if (fx.in_action == IN_REJECT)
    {
      ck_assert (jgw_sip_call_reject (call, fx.reject_status, NULL));
      return;
    }
  ck_assert (jgw_sip_call_ring (call, NULL));
  if (fx.in_action == IN_ANSWER)
    ck_assert (jgw_sip_call_answer (call, ANSWER, NULL));
}

static void
progress_cb (JgwSipUa *ua, JgwSipCall *call, guint status, const char *phrase, const char *sdp, gpointer d)
{
  (void) ua, (void) call, (void) phrase, (void) d;
  note ("progress %u%s", status, sdp ? " early-sdp" : "");
}

static void
established_cb (JgwSipUa *ua, JgwSipCall *call, const char *sdp, gpointer d)
{
  (void) ua, (void) call, (void) d;
  note ("established %s", sdp && jgw_sip_sdp_valid (sdp) ? "answer" : "-");
}

static const char *const dirs[] = { "sendrecv", "sendonly", "recvonly", "inactive" };

static char *
update_cb (JgwSipUa *ua, JgwSipCall *call, JgwSipDirection dir, const char *sdp, gpointer d)
{
  (void) ua, (void) call, (void) sdp, (void) d;
  note ("update %s", dirs[dir]);
  return g_strdup (dir == JGW_SIP_DIR_SENDONLY ? ANSWER "a=recvonly\r\n" : ANSWER);
}

static void
update_result_cb (JgwSipUa *ua, JgwSipCall *call, guint status, const char *phrase, const char *sdp, gpointer d)
{
  (void) ua, (void) call, (void) phrase, (void) d;
  note ("update_result %u %s", status, sdp ? dirs[jgw_sip_sdp_direction (sdp)] : "-");
}

static void
dtmf_cb (JgwSipUa *ua, JgwSipCall *call, char digit, guint ms, gpointer d)
{
  (void) ua, (void) call, (void) d;
  note ("dtmf %c %u", digit, ms);
}

static void
refer_cb (JgwSipUa *ua, JgwSipCall *call, const char *target, gpointer d)
{
  (void) ua, (void) d;
  note ("refer %s", target);
  ck_assert (jgw_sip_call_refer_notify (call, 200, NULL));
}

static void
transfer_cb (JgwSipUa *ua, JgwSipCall *call, guint status, const char *phrase, gpointer d)
{
  (void) ua, (void) call, (void) phrase, (void) d;
  note ("transfer %u", status);
}

static void
ended_cb (JgwSipUa *ua, JgwSipCall *call, guint status, const char *phrase, gboolean remote, gpointer d)
{
  (void) ua, (void) phrase, (void) d;
  if (call == fx.call)
    fx.call = NULL;
  note ("ended %u %s", status, remote ? "remote" : "local");
}

static const JgwSipEvents events = {
  .incoming_policy = policy_cb, .incoming = incoming_cb, .progress = progress_cb,
  .established = established_cb, .update = update_cb, .update_result = update_result_cb,
  .dtmf = dtmf_cb, .refer = refer_cb, .transfer_progress = transfer_cb, .ended = ended_cb,
};

static void
start_ua (const char *trusted)
{
  guint16 port = jgw_test_free_port ();
  g_autofree char *ini = g_strdup_printf (
    "[component]\njid = gw.localhost\nsecret = s\n"
    "[sip]\nlisten = 127.0.0.1:%u\ndomain = 127.0.0.1\ntrusted-peers = %s\n"
    "p-asserted-identity = true\n"
    "[calls]\nring-time = 5\n"
    "[user:alice@localhost]\nsip-uri = sip:alice@127.0.0.1\ndisplay-name = Alice\n",
    port, trusted);
  g_autoptr (GError) error = NULL;
  fx.config = jgw_config_load_data (ini, "it_sip_call", &error);
  ck_assert_msg (fx.config != NULL, "%s", error ? error->message : "");
  fx.ua = jgw_sip_ua_new (fx.config, &events, NULL, &error);
  ck_assert_msg (fx.ua != NULL, "%s", error ? error->message : "");
}

static void
setup (void)
{
  memset (&fx, 0, sizeof fx);
  fx.events = g_ptr_array_new_with_free_func (g_free);
  start_ua ("127.0.0.1");
}

static void
done_cb (JgwSipUa *ua, gpointer d)
{
  (void) ua, (void) d;
  fx.done = TRUE;
}

static gboolean
done_cond (gpointer d)
{
  (void) d;
  return fx.done;
}

static void
teardown (void)
{
  if (fx.ua)
    {
      jgw_sip_ua_shutdown (fx.ua, done_cb, NULL);
      jgw_test_wait (done_cond, NULL, 10000);
      jgw_sip_ua_free (fx.ua);
    }
  jgw_config_free (fx.config);
  g_ptr_array_unref (fx.events);
  jgw_test_cleanup ();
}

static gboolean
event_cond (gpointer d)
{
  for (guint i = 0; i < fx.events->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (fx.events, i), d))
      return TRUE;
  return FALSE;
}

#define WAIT_EVENT(what, ms) \
  ck_assert_msg (jgw_test_wait (event_cond, (gpointer) (what), (ms)), "no event '%s'", (what))

static void
sipp_ok (JgwTestSipp *s)
{
  g_autofree char *why = NULL;
  ck_assert_msg (jgw_test_sipp_wait (s, 20000, &why), "%s", why);
  jgw_test_sipp_free (s);
}

static char *
target (JgwTestSipp *s)
{
  return g_strdup_printf ("sip:bob@127.0.0.1:%u", s->port);
}

static char *
our_address (void)
{
  return g_strdup_printf ("127.0.0.1:%u", jgw_sip_ua_port (fx.ua));
}

static JgwSipCall *
call_out (JgwTestSipp *s)
{
  g_autofree char *to = target (s);
  g_autoptr (GError) error = NULL;
  JgwSipCall *call = jgw_sip_call_new (fx.ua, "alice@localhost", to, OFFER, &error);
  ck_assert_msg (call != NULL, "%s", error ? error->message : "");
  fx.call = call;
  return call;
}

START_TEST (test_out_answer_hold_dtmf_bye)
{
  JgwTestSipp *s = jgw_test_sipp_start (jgw_test_srcpath ("tests/data/sip/uas_answer.xml"), NULL, NULL);
  JgwSipCall *call = call_out (s);
  ck_assert (!jgw_sip_call_is_incoming (call));
  ck_assert_ptr_nonnull (jgw_sip_call_get_id (call));
  WAIT_EVENT ("progress 180", 5000);
  WAIT_EVENT ("established answer", 5000);
  ck_assert (jgw_sip_call_update (call, HOLD, NULL));
  WAIT_EVENT ("update_result 200 recvonly", 5000);
  ck_assert (jgw_sip_call_send_dtmf (call, '5', 160, NULL));
  ck_assert (!jgw_sip_call_send_dtmf (call, 'x', 160, NULL));
  jgw_sip_call_hangup (call);
  WAIT_EVENT ("ended 200 local", 5000);
  sipp_ok (s);
}
END_TEST

static void
out_refused (const char *scenario, const char *expect)
{
  JgwTestSipp *s = jgw_test_sipp_start (jgw_test_srcpath (scenario), NULL, NULL);
  call_out (s);
  WAIT_EVENT (expect, 10000);
  sipp_ok (s);
}

START_TEST (test_out_busy)
{
  out_refused ("tests/data/sip/uas_486.xml", "ended 486 remote");
}
END_TEST

START_TEST (test_out_decline)
{
  out_refused ("tests/data/sip/uas_603.xml", "ended 603 remote");
}
END_TEST

START_TEST (test_out_no_answer)
{
  out_refused ("tests/data/sip/uas_no_answer.xml", "ended 480 remote");
  ck_assert (event_cond ("progress 183 early-sdp"));
}
END_TEST

START_TEST (test_out_cancel)
{
  JgwTestSipp *s = jgw_test_sipp_start (jgw_test_srcpath ("tests/data/sip/uas_cancel.xml"), NULL, NULL);
  JgwSipCall *call = call_out (s);
  WAIT_EVENT ("progress 180", 5000);
  jgw_sip_call_hangup (call);
  WAIT_EVENT ("ended 487 local", 10000);
  sipp_ok (s);
}
END_TEST

START_TEST (test_out_remote_actions)
{
  JgwTestSipp *s = jgw_test_sipp_start (jgw_test_srcpath ("tests/data/sip/uas_remote_actions.xml"), NULL, NULL);
  call_out (s);
  WAIT_EVENT ("established answer", 5000);
  WAIT_EVENT ("update sendonly", 5000);
  WAIT_EVENT ("dtmf 7 120", 5000);
  WAIT_EVENT ("dtmf # 250", 5000);
  WAIT_EVENT ("refer sip:carol@127.0.0.1", 5000);
  WAIT_EVENT ("ended 200 remote", 5000);
  sipp_ok (s);
}
END_TEST

/* Gateway shutdown ends established calls with BYE (SIGTERM path). */
START_TEST (test_out_shutdown_bye)
{
  JgwTestSipp *s = jgw_test_sipp_start (jgw_test_srcpath ("tests/data/sip/uas_answer_bye.xml"), NULL, NULL);
  call_out (s);
  WAIT_EVENT ("established answer", 5000);
  jgw_sip_ua_shutdown (fx.ua, done_cb, NULL);
  ck_assert (jgw_test_wait (done_cond, NULL, 10000));
  ck_assert (event_cond ("ended"));
  g_autoptr (GError) error = NULL;
  ck_assert_ptr_null (jgw_sip_call_new (fx.ua, "alice@localhost", "sip:x@127.0.0.1", OFFER, &error));
  ck_assert (g_error_matches (error, JGW_SIP_ERROR, JGW_SIP_ERROR_SHUTDOWN));
  jgw_sip_ua_free (fx.ua);
  fx.ua = NULL;
  sipp_ok (s);
}
END_TEST

START_TEST (test_in_answer_hold_transfer_bye)
{
  fx.in_action = IN_ANSWER;
  g_autofree char *us = our_address ();
  JgwTestSipp *s = jgw_test_sipp_start (jgw_test_srcpath ("tests/data/sip/uac_call.xml"), us, "alice");
  WAIT_EVENT ("incoming alice@localhost +4930555 Bob Caller sdp", 5000);
  ck_assert (event_cond ("policy alice@localhost"));
  WAIT_EVENT ("established -", 5000);
  JgwSipCall *call = fx.call;
  ck_assert (jgw_sip_call_is_incoming (call));
  ck_assert_str_eq (jgw_sip_call_get_jid (call), "alice@localhost");
  ck_assert (jgw_sip_call_update (call, HOLD, NULL));
  WAIT_EVENT ("update_result 200 recvonly", 5000);
  ck_assert (jgw_sip_call_send_dtmf (call, '9', 100, NULL));
  ck_assert (jgw_sip_call_transfer (call, "sip:carol@127.0.0.1", NULL));
  WAIT_EVENT ("transfer 200", 5000);
  jgw_sip_call_hangup (call);
  WAIT_EVENT ("ended 200 local", 5000);
  sipp_ok (s);
}
END_TEST

START_TEST (test_in_remote_hangup)
{
  fx.in_action = IN_ANSWER;
  g_autofree char *us = our_address ();
  JgwTestSipp *s = jgw_test_sipp_start (jgw_test_srcpath ("tests/data/sip/uac_hangup.xml"), us, "alice");
  WAIT_EVENT ("established -", 5000);
  WAIT_EVENT ("ended 200 remote", 5000);
  sipp_ok (s);
}
END_TEST

/* INVITE without SDP: our 200 carries the offer, the ACK the answer. */
START_TEST (test_in_offerless)
{
  fx.in_action = IN_ANSWER;
  g_autofree char *us = our_address ();
  JgwTestSipp *s = jgw_test_sipp_start (jgw_test_srcpath ("tests/data/sip/uac_offerless.xml"), us, "alice");
  WAIT_EVENT ("incoming alice@localhost +4930555 Bob Caller nosdp", 5000);
  WAIT_EVENT ("established answer", 5000);
  WAIT_EVENT ("ended 200 remote", 5000);
  sipp_ok (s);
}
END_TEST

START_TEST (test_in_caller_cancels)
{
  fx.in_action = IN_RING;
  g_autofree char *us = our_address ();
  JgwTestSipp *s = jgw_test_sipp_start (jgw_test_srcpath ("tests/data/sip/uac_cancel.xml"), us, "alice");
  WAIT_EVENT ("ended 487 remote", 10000);
  sipp_ok (s);
}
END_TEST

#define BROKEN_SDP "v=0\r\no=broken\r\nm=audio nonsense\r\n"

/* Each row: what the UA is told to do, whom SIPp calls with what body, and
 * the status SIPp must get. */
static const struct {
  InAction action;
  guint reject, policy;
  const char *user, *ctype, *body, *status, *event;
} refused_table[] = {
  { IN_ANSWER, 0, 0, "nobody", "application/sdp", OFFER, "404", NULL },
  { IN_ANSWER, 0, 486, "alice", "application/sdp", OFFER, "486", "policy alice@localhost" },
  { IN_REJECT, 603, 0, "alice", "application/sdp", OFFER, "603", "ended 603 local" },
  { IN_ANSWER, 0, 0, "alice", "application/sdp", BROKEN_SDP, "400", NULL },
  { IN_ANSWER, 0, 0, "alice", "text/plain", "hello", "415", NULL },
  { IN_RING, 0, 0, "alice", "application/sdp", OFFER, "480", "ended 480 local" }, /* ring-time */
};

static void
expect_refused (const char *user, const char *ctype, const char *body, const char *status)
{
  const char *subst[] = { "USER", user, "CTYPE", ctype, "BODY", body, "STATUS", status, NULL };
  const char *scen = jgw_test_sipp_scenario ("uac_refused.xml.in", subst);
  g_autofree char *us = our_address ();
  JgwTestSipp *s = jgw_test_sipp_start (scen, us, user);
  sipp_ok (s);
}

START_TEST (test_in_refused)
{
  fx.in_action = refused_table[_i].action;
  fx.reject_status = refused_table[_i].reject;
  fx.policy_status = refused_table[_i].policy;
  expect_refused (refused_table[_i].user, refused_table[_i].ctype, refused_table[_i].body,
                  refused_table[_i].status);
  if (refused_table[_i].event)
    WAIT_EVENT (refused_table[_i].event, 1000);
}
END_TEST

START_TEST (test_in_untrusted)
{
  jgw_sip_ua_shutdown (fx.ua, done_cb, NULL);
  ck_assert (jgw_test_wait (done_cond, NULL, 10000));
  jgw_sip_ua_free (fx.ua);
  jgw_config_free (fx.config);
  start_ua ("127.0.0.2");
  expect_refused ("alice", "application/sdp", OFFER, "403");
  ck_assert (!event_cond ("incoming"));
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("sip_call");
  TCase *out = tcase_create ("outgoing");
  tcase_set_timeout (out, 60);
  tcase_add_checked_fixture (out, setup, teardown);
  tcase_add_test (out, test_out_answer_hold_dtmf_bye);
  tcase_add_test (out, test_out_busy);
  tcase_add_test (out, test_out_decline);
  tcase_add_test (out, test_out_no_answer);
  tcase_add_test (out, test_out_cancel);
  tcase_add_test (out, test_out_remote_actions);
  tcase_add_test (out, test_out_shutdown_bye);
  suite_add_tcase (s, out);
  TCase *in = tcase_create ("incoming");
  tcase_set_timeout (in, 60);
  tcase_add_checked_fixture (in, setup, teardown);
  tcase_add_test (in, test_in_answer_hold_transfer_bye);
  tcase_add_test (in, test_in_remote_hangup);
  tcase_add_test (in, test_in_offerless);
  tcase_add_test (in, test_in_caller_cancels);
  tcase_add_loop_test (in, test_in_refused, 0, G_N_ELEMENTS (refused_table));
  tcase_add_test (in, test_in_untrusted);
  suite_add_tcase (s, in);
  return jgw_test_run_suite (s);
}
