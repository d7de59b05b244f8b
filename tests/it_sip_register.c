/* it_sip_register.c — registration of mapped users at a real Kamailio with
 * digest auth: success, wrong password, refresh, recovery after the
 * registrar restarts, run-time accounts, un-REGISTER at shutdown. */
#include <check.h>
#include <glib.h>
#include <string.h>

#include "config.h"
#include "harness/harness.h"
#include "harness/kamailio.h"
#include "harness/sipp.h"
#include "sip/sip.h"
#include "harness/suite.h"

typedef struct {
  GHashTable *state;  /* jid -> last JgwSipRegState */
  GHashTable *status; /* jid -> last status */
  GHashTable *ok;     /* jid -> number of REGISTERED events */
  gboolean done;
  guint ended;        /* status of the last ended call */
  gboolean ended_remote;
  gboolean incoming;
} Rec;

static const char *const users[] = { "alice:alicepw", "bob:bobpw", "carol:carolpw", NULL };

static void
reg_cb (JgwSipUa *ua, const char *jid, const JgwSipRegistration *reg, gpointer data)
{
  (void) ua;
  Rec *r = data;
  g_hash_table_insert (r->state, g_strdup (jid), GUINT_TO_POINTER (reg->state));
  g_hash_table_insert (r->status, g_strdup (jid), GUINT_TO_POINTER (reg->status));
  if (reg->state == JGW_SIP_REG_REGISTERED)
    {
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (r->ok, jid));
      g_hash_table_insert (r->ok, g_strdup (jid), GUINT_TO_POINTER (n + 1));
    }
}

static Rec *
rec_new (void)
{
  Rec *r = g_new0 (Rec, 1);
  r->state = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r->status = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r->ok = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return r;
}

static void
rec_free (Rec *r)
{
  g_hash_table_unref (r->state);
  g_hash_table_unref (r->status);
  g_hash_table_unref (r->ok);
  g_free (r);
}

typedef struct {
  Rec *rec;
  const char *jid;
  JgwSipRegState state;
  guint min_ok;
} RegWait;

static gboolean
reg_cond (gpointer data)
{
  RegWait *w = data;
  if (w->min_ok)
    return GPOINTER_TO_UINT (g_hash_table_lookup (w->rec->ok, w->jid)) >= w->min_ok;
  return g_hash_table_contains (w->rec->state, w->jid)
         && GPOINTER_TO_UINT (g_hash_table_lookup (w->rec->state, w->jid)) == w->state;
}

static gboolean
wait_state (Rec *r, const char *jid, JgwSipRegState state, guint ms)
{
  RegWait w = { r, jid, state, 0 };
  return jgw_test_wait (reg_cond, &w, ms);
}

static gboolean
wait_ok_count (Rec *r, const char *jid, guint n, guint ms)
{
  RegWait w = { r, jid, 0, n };
  return jgw_test_wait (reg_cond, &w, ms);
}

static JgwConfig *
make_config_proxy (JgwTestKamailio *k, const char *bob_password, const char *proxy)
{
  guint16 port = jgw_test_free_port ();
  g_autofree char *ini = g_strdup_printf (
    "[component]\njid = gw.localhost\nsecret = s\n"
    "[sip]\nlisten = 127.0.0.1:%u\ndomain = 127.0.0.1\nregistration-expires = 60\n%s%s\n"
    "[user:alice@localhost]\nsip-uri = sip:alice@127.0.0.1\npassword = alicepw\n"
    "registrar = %s\ndisplay-name = Alice\n"
    "[user:bob@localhost]\nsip-uri = sip:bob@127.0.0.1\nauth-user = bob\npassword = %s\n"
    "registrar = %s\n"
    "[user:dave@localhost]\nsip-uri = sip:dave@127.0.0.1\n",
    port, proxy ? "outbound-proxy = " : "", proxy ? proxy : "", k->uri, bob_password, k->uri);
  g_autoptr (GError) error = NULL;
  JgwConfig *c = jgw_config_load_data (ini, "it_sip_register", &error);
  ck_assert_msg (c != NULL, "%s", error ? error->message : "");
  return c;
}

static JgwConfig *
make_config (JgwTestKamailio *k, const char *bob_password)
{
  return make_config_proxy (k, bob_password, NULL);
}

static void
done_cb (JgwSipUa *ua, gpointer data)
{
  (void) ua;
  ((Rec *) data)->done = TRUE;
}

static gboolean
done_cond (gpointer data)
{
  return ((Rec *) data)->done;
}

static void
shutdown_ua (JgwSipUa *ua, Rec *r)
{
  jgw_sip_ua_shutdown (ua, done_cb, r);
  ck_assert_msg (jgw_test_wait (done_cond, r, 10000), "SIP shutdown did not finish");
  jgw_sip_ua_free (ua);
}

static void
incoming_cb (JgwSipUa *ua, JgwSipCall *call, const JgwSipIncoming *in, gpointer data)
{
  (void) ua, (void) in;
  ((Rec *) data)->incoming = TRUE;
  ck_assert (jgw_sip_call_answer (call, "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\n"
                                  "c=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 5000 RTP/AVP 0\r\n", NULL));
}

static void
ended_cb (JgwSipUa *ua, JgwSipCall *call, guint status, const char *phrase, gboolean remote,
          gpointer data)
{
  (void) ua, (void) call, (void) phrase;
  ((Rec *) data)->ended = status;
  ((Rec *) data)->ended_remote = remote;
}

static gboolean
ended_cond (gpointer data)
{
  return ((Rec *) data)->ended != 0;
}

static JgwSipUa *
start_ua (JgwConfig *c, Rec *r)
{
  JgwSipEvents ev = { .registration = reg_cb, .incoming = incoming_cb, .ended = ended_cb };
  g_autoptr (GError) error = NULL;
  JgwSipUa *ua = jgw_sip_ua_new (c, &ev, r, &error);
  ck_assert_msg (ua != NULL, "%s", error ? error->message : "");
  return ua;
}

/* Register, wrong password, refresh, un-REGISTER at shutdown. */
START_TEST (test_register_refresh_unregister)
{
  JgwTestKamailio *k = jgw_test_kamailio_start (users, 4);
  g_autoptr (JgwConfig) c = make_config (k, "WRONG");
  Rec *r = rec_new ();
  JgwSipUa *ua = start_ua (c, r);
  ck_assert_msg (wait_state (r, "alice@localhost", JGW_SIP_REG_REGISTERED, 10000), "alice not registered");
  ck_assert (jgw_test_wait_log (k->proc, "BOUND alice", 0, 5000));
  ck_assert_msg (wait_state (r, "bob@localhost", JGW_SIP_REG_FAILED, 10000), "bob did not fail");
  JgwSipRegistration reg;
  ck_assert (jgw_sip_ua_get_registration (ua, "bob@localhost", &reg));
  ck_assert_int_eq (reg.state, JGW_SIP_REG_FAILED);
  ck_assert_uint_eq (reg.status, 401);
  ck_assert (jgw_sip_ua_get_registration (ua, "alice@localhost", &reg));
  ck_assert_int_eq (reg.state, JGW_SIP_REG_REGISTERED);
  ck_assert_uint_eq (reg.status, 200);
  ck_assert_uint_le (reg.expires, 4);
  /* dave has no credentials: known, but never registers. */
  ck_assert (jgw_sip_ua_get_registration (ua, "dave@localhost", &reg));
  ck_assert_int_eq (reg.state, JGW_SIP_REG_NONE);
  ck_assert (!jgw_sip_ua_get_registration (ua, "nobody@localhost", &reg));
  /* Kamailio granted 4 s: nua must refresh on its own. */
  ck_assert_msg (wait_ok_count (r, "alice@localhost", 3, 15000), "no refresh");
  gsize from = jgw_test_log_size (k->proc);
  shutdown_ua (ua, r);
  ck_assert_msg (jgw_test_wait_log (k->proc, "UNBOUND alice", from, 5000), "binding not removed");
  rec_free (r);
  jgw_test_kamailio_free (k);
}
END_TEST

/* The registrar goes away and comes back: registration recovers by itself. */
START_TEST (test_registrar_restart)
{
  JgwTestKamailio *k = jgw_test_kamailio_start (users, 4);
  g_autoptr (JgwConfig) c = make_config (k, "bobpw");
  Rec *r = rec_new ();
  JgwSipUa *ua = start_ua (c, r);
  ck_assert (wait_state (r, "alice@localhost", JGW_SIP_REG_REGISTERED, 10000));
  ck_assert (wait_state (r, "bob@localhost", JGW_SIP_REG_REGISTERED, 10000));
  jgw_test_kamailio_stop (k);
  ck_assert_msg (wait_state (r, "alice@localhost", JGW_SIP_REG_FAILED, 40000),
                 "failure of the refresh not reported");
  ck_assert (jgw_test_kamailio_restart (k));
  gsize from = 0;
  ck_assert_msg (wait_state (r, "alice@localhost", JGW_SIP_REG_REGISTERED, 30000), "no recovery");
  ck_assert (wait_state (r, "bob@localhost", JGW_SIP_REG_REGISTERED, 30000));
  ck_assert (jgw_test_wait_log (k->proc, "BOUND alice", from, 5000));
  shutdown_ua (ua, r);
  rec_free (r);
  jgw_test_kamailio_free (k);
}
END_TEST

/* Accounts added and removed at run time (in-band registration). */
START_TEST (test_runtime_account)
{
  JgwTestKamailio *k = jgw_test_kamailio_start (users, 60);
  g_autoptr (JgwConfig) c = make_config (k, "bobpw");
  Rec *r = rec_new ();
  JgwSipUa *ua = start_ua (c, r);
  JgwUserConfig carol = { .jid = "carol@localhost", .sip_uri = "sip:carol@127.0.0.1",
                          .password = "carolpw", .registrar = k->uri };
  g_autoptr (GError) error = NULL;
  ck_assert (jgw_sip_ua_add_account (ua, &carol, &error));
  ck_assert (!jgw_sip_ua_add_account (ua, &carol, &error)); /* twice: refused */
  ck_assert (wait_state (r, "carol@localhost", JGW_SIP_REG_REGISTERED, 10000));
  gsize from = jgw_test_log_size (k->proc);
  ck_assert (jgw_sip_ua_remove_account (ua, "carol@localhost"));
  ck_assert (!jgw_sip_ua_remove_account (ua, "carol@localhost"));
  ck_assert_msg (jgw_test_wait_log (k->proc, "UNBOUND carol", from, 5000), "carol still bound");
  JgwSipRegistration reg;
  ck_assert (!jgw_sip_ua_get_registration (ua, "carol@localhost", &reg));
  shutdown_ua (ua, r);
  rec_free (r);
  jgw_test_kamailio_free (k);
}
END_TEST

/* Shutdown while REGISTERs (and their challenges) are in flight. */
START_TEST (test_shutdown_while_registering)
{
  JgwTestKamailio *k = jgw_test_kamailio_start (users, 60);
  g_autoptr (JgwConfig) c = make_config (k, "bobpw");
  for (int round = 0; round < 3; round++)
    {
      Rec *r = rec_new ();
      JgwSipUa *ua = start_ua (c, r);
      jgw_test_wait (reg_cond, &(RegWait){ r, "none", 0, 1 }, 5 * round); /* vary the moment */
      shutdown_ua (ua, r);
      rec_free (r);
    }
  jgw_test_kamailio_free (k);
}
END_TEST

static void
sipp_ok (JgwTestSipp *s)
{
  g_autofree char *why = NULL;
  ck_assert_msg (jgw_test_sipp_wait (s, 20000, &why), "%s", why);
  jgw_test_sipp_free (s);
}

/* Through Kamailio as outbound proxy and registrar: our INVITE is
 * challenged (407) and authenticated; a call to the user's registered
 * identity reaches us; after shutdown the binding is gone (404). */
START_TEST (test_calls_via_proxy)
{
  JgwTestKamailio *k = jgw_test_kamailio_start (users, 60);
  g_autoptr (JgwConfig) c = make_config_proxy (k, "bobpw", k->uri);
  Rec *r = rec_new ();
  JgwSipUa *ua = start_ua (c, r);
  ck_assert (wait_state (r, "alice@localhost", JGW_SIP_REG_REGISTERED, 10000));

  JgwTestSipp *s = jgw_test_sipp_start (jgw_test_srcpath ("tests/data/sip/uas_486.xml"), NULL, NULL);
  g_autofree char *to = g_strdup_printf ("sip:bob@127.0.0.1:%u", s->port);
  g_autoptr (GError) error = NULL;
  ck_assert (jgw_sip_call_new (ua, "alice@localhost", to, "v=0\r\n", &error));
  ck_assert_msg (jgw_test_wait (ended_cond, r, 10000), "outgoing call did not end");
  ck_assert_uint_eq (r->ended, 486);
  ck_assert (jgw_test_wait_log (k->proc, "AUTH-INVITE alice", 0, 1000));
  ck_assert (jgw_test_wait_log (k->proc, "AUTHED-INVITE alice", 0, 1000));
  sipp_ok (s);

  r->ended = 0;
  g_autofree char *kam = g_strdup_printf ("127.0.0.1:%u", k->port);
  s = jgw_test_sipp_start (jgw_test_srcpath ("tests/data/sip/uac_hangup.xml"), kam, "alice");
  ck_assert_msg (jgw_test_wait (ended_cond, r, 10000), "incoming call via Kamailio did not end");
  ck_assert (r->incoming);
  ck_assert_uint_eq (r->ended, 200);
  ck_assert (r->ended_remote);
  sipp_ok (s);

  shutdown_ua (ua, r);
  const char *subst[] = { "USER", "alice", "CTYPE", "application/sdp", "BODY",
                          "v=0\no=- 1 1 IN IP4 127.0.0.1\ns=-\nc=IN IP4 127.0.0.1\nt=0 0\nm=audio 4000 RTP/AVP 0\n",
                          "STATUS", "404", NULL };
  s = jgw_test_sipp_start (jgw_test_sipp_scenario ("uac_refused.xml.in", subst), kam, "alice");
  sipp_ok (s);
  rec_free (r);
  jgw_test_kamailio_free (k);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("sip_register");
  TCase *tc = tcase_create ("kamailio");
  tcase_set_timeout (tc, 120);
  tcase_add_checked_fixture (tc, NULL, jgw_test_cleanup);
  tcase_add_test (tc, test_register_refresh_unregister);
  tcase_add_test (tc, test_registrar_restart);
  tcase_add_test (tc, test_runtime_account);
  tcase_add_test (tc, test_calls_via_proxy);
  tcase_add_test (tc, test_shutdown_while_registering);
  suite_add_tcase (s, tc);
  return jgw_test_run_suite (s);
}
