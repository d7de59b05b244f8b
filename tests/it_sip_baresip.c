/* it_sip_baresip.c — interoperability with a real phone (baresip): our
 * call is auto-answered with a proper SDP answer and hung up by us; its
 * call to our user is answered, held and resumed by it (re-INVITEs) and
 * hung up by it. */
#include <check.h>
#include <glib.h>
#include <string.h>

#include "config.h"
#include "harness/baresip.h"
#include "harness/harness.h"
#include "sip/sip.h"
#include "sip/sip_util.h"
#include "harness/suite.h"

#define SDP_HEAD "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
#define OFFER SDP_HEAD "m=audio 4000 RTP/AVP 0 8\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
#define ANSWER SDP_HEAD "m=audio 5000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n"

static JgwConfig *config;
static JgwSipUa *ua;
static GPtrArray *events;
static JgwSipCall *current;
static gboolean done;

static void
note (const char *what, const char *detail)
{
  g_printerr ("EVENT %s %s\n", what, detail ? detail : "");
  g_ptr_array_add (events, g_strdup_printf ("%s %s", what, detail ? detail : ""));
}

static void
incoming_cb (JgwSipUa *u, JgwSipCall *call, const JgwSipIncoming *in, gpointer d)
{
  (void) u, (void) d;
  current = call;
  note ("incoming", in->caller_user);
  ck_assert (jgw_sip_call_ring (call, NULL));
  ck_assert (jgw_sip_call_answer (call, ANSWER, NULL));
}

static void
established_cb (JgwSipUa *u, JgwSipCall *call, const char *sdp, gpointer d)
{
  (void) u, (void) call, (void) d;
  /* baresip must have picked PCMU from our offer, on loopback. */
  note ("established", sdp == NULL ? "-"
                       : strstr (sdp, "RTP/AVP 0") && strstr (sdp, "IN IP4 127.0.0.1") ? "pcmu" : sdp);
}

static const char *const dirs[] = { "sendrecv", "sendonly", "recvonly", "inactive" };

static char *
update_cb (JgwSipUa *u, JgwSipCall *call, JgwSipDirection dir, const char *sdp, gpointer d)
{
  (void) u, (void) call, (void) sdp, (void) d;
  note ("update", dirs[dir]);
  return g_strdup (dir == JGW_SIP_DIR_SENDONLY ? ANSWER "a=recvonly\r\n" : ANSWER);
}

static void
ended_cb (JgwSipUa *u, JgwSipCall *call, guint status, const char *phrase, gboolean remote, gpointer d)
{
  (void) u, (void) phrase, (void) d;
  if (call == current)
    current = NULL;
  g_autofree char *s = g_strdup_printf ("%u %s", status, remote ? "remote" : "local");
  note ("ended", s);
}

static const JgwSipEvents ev = { .incoming = incoming_cb, .established = established_cb,
                                 .update = update_cb, .ended = ended_cb };

static void
setup (void)
{
  guint16 port = jgw_test_free_port ();
  g_autofree char *ini = g_strdup_printf (
    "[component]\njid = gw.localhost\nsecret = s\n"
    "[sip]\nlisten = 127.0.0.1:%u\ndomain = 127.0.0.1\ntrusted-peers = 127.0.0.1\n"
    "[user:alice@localhost]\nsip-uri = sip:alice@127.0.0.1\ndisplay-name = Alice\n", port);
  g_autoptr (GError) error = NULL;
  config = jgw_config_load_data (ini, "it_sip_baresip", &error);
  ck_assert_msg (config != NULL, "%s", error ? error->message : "");
  events = g_ptr_array_new_with_free_func (g_free);
  ua = jgw_sip_ua_new (config, &ev, NULL, &error);
  ck_assert_msg (ua != NULL, "%s", error ? error->message : "");
  current = NULL;
  done = FALSE;
}

static void
done_cb (JgwSipUa *u, gpointer d)
{
  (void) u, (void) d;
  done = TRUE;
}

static gboolean
done_cond (gpointer d)
{
  (void) d;
  return done;
}

static void
teardown (void)
{
  jgw_sip_ua_shutdown (ua, done_cb, NULL);
  jgw_test_wait (done_cond, NULL, 10000);
  jgw_sip_ua_free (ua);
  jgw_config_free (config);
  g_ptr_array_unref (events);
  jgw_test_cleanup ();
}

static gboolean
event_cond (gpointer d)
{
  for (guint i = 0; i < events->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (events, i), d))
      return TRUE;
  return FALSE;
}

#define WAIT_EVENT(what, ms) \
  ck_assert_msg (jgw_test_wait (event_cond, (gpointer) (what), (ms)), "no event '%s'", (what))

START_TEST (test_call_to_baresip)
{
  JgwTestBaresip *b = jgw_test_baresip_start ("bob", "auto");
  g_autofree char *to = g_strdup_printf ("sip:bob@127.0.0.1:%u", b->sip_port);
  g_autoptr (GError) error = NULL;
  JgwSipCall *call = jgw_sip_call_new (ua, "alice@localhost", to, OFFER, &error);
  ck_assert_msg (call != NULL, "%s", error ? error->message : "");
  WAIT_EVENT ("established pcmu", 10000);
  ck_assert (jgw_test_wait_log (b->proc, "Call established", 0, 5000));
  jgw_sip_call_hangup (call);
  WAIT_EVENT ("ended 200 local", 5000);
  jgw_test_baresip_free (b);
}
END_TEST

START_TEST (test_call_from_baresip)
{
  JgwTestBaresip *b = jgw_test_baresip_start ("carol", "auto");
  g_autofree char *us = g_strdup_printf ("sip:alice@127.0.0.1:%u", jgw_sip_ua_port (ua));
  ck_assert (jgw_test_baresip_command (b, "dial", us));
  WAIT_EVENT ("incoming carol", 10000);
  WAIT_EVENT ("established -", 5000);
  ck_assert (jgw_test_baresip_command (b, "hold", NULL));
  WAIT_EVENT ("update sendonly", 5000);
  ck_assert (jgw_test_baresip_command (b, "resume", NULL));
  WAIT_EVENT ("update sendrecv", 5000);
  ck_assert (jgw_test_baresip_command (b, "hangup", NULL));
  WAIT_EVENT ("ended 200 remote", 5000);
  jgw_test_baresip_free (b);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("sip_baresip");
  TCase *tc = tcase_create ("baresip");
  tcase_set_timeout (tc, 60);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_call_to_baresip);
  tcase_add_test (tc, test_call_from_baresip);
  suite_add_tcase (s, tc);
  return jgw_test_run_suite (s);
}
