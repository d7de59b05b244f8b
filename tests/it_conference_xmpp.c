/* it_conference_xmpp.c — XMPP parties in built-in conferences, end to
 * end: a private Prosody, the gateway, SIP phones (baresip) and an
 * independent Jingle client (tests/peers/jingle_peer.py: slixmpp + aiortc,
 * ICE + DTLS-SRTP + Opus), each sending its own tone and recording what it
 * hears (Goertzel on the recordings).
 *   - calls_in: two phones dial sip:conf-room@gw, a Jingle user calls
 *     conf-room@<component>; everyone hears the two others and not
 *     itself; the moderator lists, mutes and removes the XMPP party.
 *   - invited: the moderator invites an XMPP user by JID; its client is
 *     rung (XEP-0353 from conf-NAME@<component>), answers, and it and the
 *     phone hear each other. A wrong PIN in the JID is refused; without
 *     a PIN in the JID it is taken as a chat message. */
#include <check.h>
#include <string.h>

#include "harness/baresip.h"
#include "harness/gateway.h"
#include "harness/jingle_peer.h"
#include "harness/prosody.h"
#include "harness/tone.h"
#include "harness/wav.h"
#include "harness/suite.h"
#include "harness/xmpp_client.h"

#define COMPONENT "gw.localhost"
#define WAIT 20000

static JgwTestProsody *prosody;
static JgwTestGateway *gw;
static JgwTestClient *alice;
static guint16 gw_sip_port;

static void
setup (void)
{
  const char *users[] = { "alice:alicepw", "carol:carolpw", "dave:davepw", NULL };
  prosody = jgw_test_prosody_start (COMPONENT, "s3cret", users);
  guint16 media = jgw_test_free_ports (60);
  g_autofree char *extra = g_strdup_printf ("[sip]\ntrusted-peers = 127.0.0.1\n"
                                            "[media]\nport-range = %u-%u\nice-addresses = 127.0.0.1\n"
                                            "[user:alice@localhost]\nsip-uri = sip:alice@127.0.0.1\n"
                                            "[user:dave@localhost]\nsip-uri = sip:dave@127.0.0.1\n",
                                            media, media + 59);
  g_autofree char *conf = jgw_test_gateway_config (prosody, NULL, extra);
  gw_sip_port = jgw_test_gateway_config_sip_port (conf);
  gw = jgw_test_gateway_start (conf);
  ck_assert (jgw_test_gateway_wait_online (gw, 0, WAIT));
  alice = jgw_test_client_connect ("alice@localhost", "alicepw", prosody->c2s_port);
  ck_assert (alice != NULL);
}

static void
teardown (void)
{
  g_clear_pointer (&alice, jgw_test_client_free);
  g_clear_pointer (&gw, jgw_test_gateway_free);
  g_clear_pointer (&prosody, jgw_test_prosody_free);
  jgw_test_cleanup ();
}

/* `conference` ACTION on NAME (+ VAR=VALUE) by alice, in one request. */
static char *
conference (const char *action, const char *name, const char *var, const char *value)
{
  static guint counter;
  g_autofree char *id = g_strdup_printf ("x%u", ++counter);
  g_autofree char *more = var ? g_strdup_printf ("<field var='%s'><value>%s</value></field>", var, value)
                              : g_strdup ("");
  jgw_test_client_send (alice,
                        "<iq type='set' id='%s' to='" COMPONENT "'>"
                        "<command xmlns='http://jabber.org/protocol/commands' node='conference' "
                        "action='execute'><x xmlns='jabber:x:data' type='submit'>"
                        "<field var='action'><value>%s</value></field>"
                        "<field var='name'><value>%s</value></field>%s</x></command></iq>",
                        id, action, name, more);
  xmpp_stanza_t *r = jgw_test_client_wait_id (alice, "iq", id, WAIT);
  ck_assert_msg (r != NULL, "no answer to conference %s", action);
  char *text = jgw_test_stanza_to_string (r);
  xmpp_stanza_release (r);
  return text;
}

static void
assert_completed (char *answer)
{
  ck_assert_msg (strstr (answer, "status=\"completed\"") != NULL, "%s", answer);
  g_free (answer);
}

static JgwTestBaresip *
phone (const char *user, guint tone)
{
  JgwTestBaresipOptions o = { .user = user, .answermode = "auto", .tone_hz = tone, .record = TRUE };
  return jgw_test_baresip_start_full (&o);
}

static void
dial (JgwTestBaresip *b, const char *user_part)
{
  g_autofree char *uri = g_strdup_printf ("sip:%s@127.0.0.1:%u", user_part, gw_sip_port);
  ck_assert (jgw_test_baresip_command (b, "dial", uri));
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

/* Let audio flow for MS (the recordings need it; nothing to wait for). */
static void
let_audio_flow (guint ms)
{
  jgw_test_wait (never, NULL, ms);
}

/* In the WAV at PATH between FROM_END and TO_END seconds before its end:
 * each tone of HEARD present (> 8 % of the power), each of NOT absent. */
static void
assert_hears (const char *who, const char *path, double from_end, double to_end, const guint *heard,
              const guint *not_heard)
{
  g_autofree char *why = NULL;
  gsize total = 0;
  guint rate = 0;
  g_autofree gint16 *all = jgw_test_wav_read (path, &total, &rate, &why);
  ck_assert_msg (all != NULL, "%s: %s", who, why);
  gsize a = (gsize) (from_end * rate), z = (gsize) (to_end * rate);
  ck_assert_msg (total > a && a > z, "%s: only %zu samples recorded", who, total);
  const gint16 *s = all + total - a;
  gsize n = a - z;
  for (const guint *f = heard; *f; f++)
    ck_assert_msg (jgw_tone_share (s, n, rate, *f) > 0.08,
                   "%s does not hear %u Hz (share %.2f, level %.1f dBFS)", who, *f,
                   jgw_tone_share (s, n, rate, *f), jgw_tone_rms_db (s, n));
  for (const guint *f = not_heard; *f; f++)
    ck_assert_msg (jgw_tone_share (s, n, rate, *f) < 0.04, "%s hears %u Hz (share %.2f)", who, *f,
                   jgw_tone_share (s, n, rate, *f));
}

static char *
phone_recording (JgwTestBaresip *b)
{
  ck_assert_msg (jgw_test_wait_log (b->proc, "terminated", 0, WAIT), "the phone's call did not end");
  char *path = jgw_test_baresip_recording (b);
  ck_assert_msg (path != NULL, "baresip recorded nothing");
  return path;
}

static double
since (gint64 t_us)
{
  return (g_get_monotonic_time () - t_us) / 1e6;
}

START_TEST (test_calls_in)
{
  JgwTestBaresip *a = phone ("anna", 440), *b = phone ("bert", 700);
  assert_completed (conference ("create", "room", NULL, NULL));
  gsize mark = jgw_test_log_size (gw->proc);
  dial (a, "conf-room");
  ck_assert (jgw_test_wait_log (gw->proc, "joined as participant 1", mark, WAIT));
  dial (b, "conf-room");
  ck_assert (jgw_test_wait_log (gw->proc, "joined as participant 2", mark, WAIT));
  g_autofree char *rec = g_build_filename (jgw_test_tmpdir ("carol"), "carol.wav", NULL);
  g_autofree char *record = g_strconcat ("--record=", rec, NULL);
  JgwTestProc *carol = jgw_test_peer_start (prosody->c2s_port, "carol", "peer", "--timeout=60",
                                           "--call=conf-room@" COMPONENT, "--tone=1100", record, NULL);
  ck_assert_msg (jgw_test_wait_log (gw->proc, "xmpp:carol@localhost joined as participant 3", mark, WAIT),
                 "see %s and %s", jgw_test_log_path (gw->proc), jgw_test_log_path (carol));
  ck_assert_msg (jgw_test_wait_log (carol, "EVENT media-connected", 0, WAIT), "see %s",
                 jgw_test_log_path (carol));
  let_audio_flow (4000);

  /* The moderator sees the XMPP party, mutes it, then removes it. */
  g_autofree char *list = conference ("list", "room", NULL, NULL);
  ck_assert_msg (strstr (list, "<value>xmpp:carol@localhost</value>"), "%s", list);
  g_autofree char *muted = conference ("mute", "room", "participant", "3");
  ck_assert_msg (strstr (muted, "Participant 3 muted."), "%s", muted);
  gint64 muted_at = g_get_monotonic_time ();
  let_audio_flow (3000);
  g_autofree char *removed = conference ("remove", "room", "participant", "3");
  ck_assert_msg (strstr (removed, "Participant 3 removed."), "%s", removed);
  gint64 removed_at = g_get_monotonic_time ();
  g_autofree char *json = jgw_test_peer_result (carol);
  ck_assert_msg (strstr (json, "\"result\": \"ok\"") && strstr (json, "session-terminate:success"), "%s", json);
  let_audio_flow (1500);
  assert_completed (conference ("end", "room", NULL, NULL));
  double end = since (muted_at), gone = since (removed_at);

  /* Carol (recording ends at her removal, muted then): the phones only. */
  const guint ab[] = { 440, 700, 0 }, c_tone[] = { 1100, 0 };
  assert_hears ("carol", rec, 2.5, 0.5, ab, c_tone);
  /* The phones before the mute: the other phone and carol, not themselves. */
  g_autofree char *arec = phone_recording (a), *brec = phone_recording (b);
  const guint a_hears[] = { 700, 1100, 0 }, b_hears[] = { 440, 1100, 0 };
  const guint a_tone[] = { 440, 0 }, b_tone[] = { 700, 0 };
  assert_hears ("anna before the mute", arec, end + 2.5, end + 0.5, a_hears, a_tone);
  assert_hears ("bert before the mute", brec, end + 2.5, end + 0.5, b_hears, b_tone);
  /* Muted (before the removal): carol is gone for them. */
  const guint not_a[] = { 440, 1100, 0 }, not_b[] = { 700, 1100, 0 };
  assert_hears ("anna after the mute", arec, end - 0.8, gone + 0.3, b_tone, not_a);
  assert_hears ("bert after the mute", brec, end - 0.8, gone + 0.3, a_tone, not_b);
  jgw_test_baresip_free (a);
  jgw_test_baresip_free (b);
}
END_TEST

START_TEST (test_invited)
{
  JgwTestBaresip *a = phone ("anna", 440);
  g_autofree char *rec = g_build_filename (jgw_test_tmpdir ("dave"), "dave.wav", NULL);
  g_autofree char *record = g_strconcat ("--record=", rec, NULL);
  gsize mark = jgw_test_log_size (gw->proc);
  JgwTestProc *dave = jgw_test_peer_start (prosody->c2s_port, "dave", "peer", "--timeout=60", "--answer",
                                          "--subscribe=" COMPONENT, "--tone=1500", record, NULL);
  ck_assert_msg (jgw_test_wait_log (gw->proc, "device dave@localhost/peer is online", mark, WAIT),
                 "the gateway never saw dave; see %s", jgw_test_log_path (gw->proc));
  ck_assert (jgw_test_wait_log (gw->proc, " features", mark, WAIT));
  assert_completed (conference ("create", "room2", "pin", "2468"));

  /* A wrong PIN in the JID: refused (a Jingle caller, carol). */
  JgwTestProc *carol = jgw_test_peer_start (prosody->c2s_port, "carol", "peer", "--timeout=60",
                                           "--call=conf-room2*1111@" COMPONENT, NULL);
  g_autofree char *refused = jgw_test_peer_result (carol);
  ck_assert_msg (strstr (refused, "session-terminate:decline"), "%s", refused);

  /* No PIN in the JID: answered, then the PIN as a chat message. */
  carol = jgw_test_peer_start (prosody->c2s_port, "carol", "peer", "--timeout=60",
                               "--call=conf-room2@" COMPONENT, "--tone=0", "--dtmf=2468",
                               "--hangup-after=3", NULL);
  ck_assert (jgw_test_wait_log (gw->proc, "xmpp:carol@localhost must type the PIN", mark, WAIT));
  ck_assert_msg (jgw_test_wait_log (gw->proc, "xmpp:carol@localhost joined as participant", mark, WAIT),
                 "see %s", jgw_test_log_path (carol));
  g_autofree char *pinned = jgw_test_peer_result (carol);
  ck_assert_msg (strstr (pinned, "\"result\": \"ok\""), "%s", pinned);

  dial (a, "conf-room2*2468");
  ck_assert (jgw_test_wait_log (gw->proc, "sip:anna@127.0.0.1 joined as participant", mark, WAIT));
  assert_completed (conference ("invite", "room2", "target", "dave@localhost"));
  ck_assert_msg (jgw_test_wait_log (gw->proc, "xmpp:dave@localhost joined as participant", mark, WAIT),
                 "see %s and %s", jgw_test_log_path (gw->proc), jgw_test_log_path (dave));
  ck_assert_msg (jgw_test_wait_log (dave, "EVENT media-connected", 0, WAIT), "see %s",
                 jgw_test_log_path (dave));
  let_audio_flow (4000);
  assert_completed (conference ("end", "room2", NULL, NULL));

  g_autofree char *json = jgw_test_peer_result (dave);
  ck_assert_msg (strstr (json, "\"result\": \"ok\"") && strstr (json, "\"propose\"")
                     && strstr (json, "\"session-initiate\""), "%s", json);
  /* Rung from the conference's JID (XEP-0353 propose, then the session). */
  ck_assert (jgw_test_wait_log (gw->proc, "from=\"conf-room2@" COMPONENT "\"", mark, 1000));
  const guint a_tone[] = { 440, 0 }, d_tone[] = { 1500, 0 };
  assert_hears ("dave", rec, 2.5, 0.5, a_tone, d_tone);
  g_autofree char *arec = phone_recording (a);
  assert_hears ("anna", arec, 2.5, 0.5, d_tone, a_tone);
  jgw_test_baresip_free (a);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("conference-xmpp");
  TCase *tc = tcase_create ("xmpp");
  tcase_set_timeout (tc, 150);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_calls_in);
  tcase_add_test (tc, test_invited);
  suite_add_tcase (s, tc);
  return jgw_test_run_suite (s);
}
