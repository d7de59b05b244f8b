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

#include "conference_util.h"
#include "harness/baresip.h"
#include "harness/fixture.h"
#include "harness/jingle_peer.h"
#include "harness/wav.h"
#include "harness/suite.h"

#define COMPONENT JGW_TEST_COMPONENT
#define WAIT 20000

static JgwTestFixture *fx;
static JgwTestClient *alice;

static void
setup (void)
{
  const char *users[] = { "alice:alicepw", "carol:carolpw", "dave:davepw", NULL };
  fx = jgw_test_fixture_start (users, 60,
                                "[media]\nice-addresses = 127.0.0.1\n"
                                "[user:alice@localhost]\nsip-uri = sip:alice@127.0.0.1\n"
                                "[user:dave@localhost]\nsip-uri = sip:dave@127.0.0.1\n");
  alice = jgw_test_fixture_login (fx, "alice");
}

static void
teardown (void)
{
  alice = NULL;
  g_clear_pointer (&fx, jgw_test_fixture_free);
}

/* `conference` ACTION on NAME (+ VAR=VALUE) by alice, in one request. */
static char *
conference (const char *action, const char *name, const char *var, const char *value)
{
  return conf_test_command (alice, NULL, action, name, var, value);
}

static double
since (gint64 t_us)
{
  return (g_get_monotonic_time () - t_us) / 1e6;
}

START_TEST (test_calls_in)
{
  JgwTestBaresip *a = jgw_test_baresip_phone ("anna", 440), *b = jgw_test_baresip_phone ("bert", 700);
  conf_test_assert_completed (conference ("create", "room", NULL, NULL));
  gsize mark = jgw_test_log_size (fx->gw->proc);
  conf_test_dial (a, "conf-room", fx->sip_port);
  ck_assert (jgw_test_wait_log (fx->gw->proc, "joined as participant 1", mark, WAIT));
  conf_test_dial (b, "conf-room", fx->sip_port);
  ck_assert (jgw_test_wait_log (fx->gw->proc, "joined as participant 2", mark, WAIT));
  g_autofree char *rec = g_build_filename (jgw_test_tmpdir ("carol"), "carol.wav", NULL);
  g_autofree char *record = g_strconcat ("--record=", rec, NULL);
  JgwTestProc *carol = jgw_test_peer_start (fx->prosody->c2s_port, "carol", "peer", "--timeout=60",
                                           "--call=conf-room@" COMPONENT, "--tone=1100", record, NULL);
  ck_assert_msg (jgw_test_wait_log (fx->gw->proc, "xmpp:carol@localhost joined as participant 3", mark, WAIT),
                 "see %s and %s", jgw_test_log_path (fx->gw->proc), jgw_test_log_path (carol));
  ck_assert_msg (jgw_test_wait_log (carol, "EVENT media-connected", 0, WAIT), "see %s",
                 jgw_test_log_path (carol));
  conf_test_let_audio_flow (4000);

  /* The moderator sees the XMPP party, mutes it, then removes it. */
  g_autofree char *list = conference ("list", "room", NULL, NULL);
  ck_assert_msg (strstr (list, "<value>xmpp:carol@localhost</value>"), "%s", list);
  g_autofree char *muted = conference ("mute", "room", "participant", "3");
  ck_assert_msg (strstr (muted, "Participant 3 muted."), "%s", muted);
  gint64 muted_at = g_get_monotonic_time ();
  conf_test_let_audio_flow (3000);
  g_autofree char *removed = conference ("remove", "room", "participant", "3");
  ck_assert_msg (strstr (removed, "Participant 3 removed."), "%s", removed);
  gint64 removed_at = g_get_monotonic_time ();
  g_autofree char *json = jgw_test_peer_result (carol);
  ck_assert_msg (strstr (json, "\"result\": \"ok\"") && strstr (json, "session-terminate:success"), "%s", json);
  conf_test_let_audio_flow (1500);
  conf_test_assert_completed (conference ("end", "room", NULL, NULL));
  double end = since (muted_at), gone = since (removed_at);

  /* Carol (recording ends at her removal, muted then): the phones only. */
  const guint ab[] = { 440, 700, 0 }, c_tone[] = { 1100, 0 };
  jgw_test_wav_assert_tones ("carol", rec, 2.5, 0.5, ab, c_tone);
  /* The phones before the mute: the other phone and carol, not themselves. */
  g_autofree char *arec = jgw_test_baresip_final_recording (a, WAIT);
  g_autofree char *brec = jgw_test_baresip_final_recording (b, WAIT);
  const guint a_hears[] = { 700, 1100, 0 }, b_hears[] = { 440, 1100, 0 };
  const guint a_tone[] = { 440, 0 }, b_tone[] = { 700, 0 };
  jgw_test_wav_assert_tones ("anna before the mute", arec, end + 2.5, end + 0.5, a_hears, a_tone);
  jgw_test_wav_assert_tones ("bert before the mute", brec, end + 2.5, end + 0.5, b_hears, b_tone);
  /* Muted (before the removal): carol is gone for them. */
  const guint not_a[] = { 440, 1100, 0 }, not_b[] = { 700, 1100, 0 };
  jgw_test_wav_assert_tones ("anna after the mute", arec, end - 0.8, gone + 0.3, b_tone, not_a);
  jgw_test_wav_assert_tones ("bert after the mute", brec, end - 0.8, gone + 0.3, a_tone, not_b);
  jgw_test_baresip_free (a);
  jgw_test_baresip_free (b);
}
END_TEST

START_TEST (test_invited)
{
  JgwTestBaresip *a = jgw_test_baresip_phone ("anna", 440);
  g_autofree char *rec = g_build_filename (jgw_test_tmpdir ("dave"), "dave.wav", NULL);
  g_autofree char *record = g_strconcat ("--record=", rec, NULL);
  gsize mark = jgw_test_log_size (fx->gw->proc);
  JgwTestProc *dave = jgw_test_peer_start (fx->prosody->c2s_port, "dave", "peer", "--timeout=60", "--answer",
                                          "--subscribe=" COMPONENT, "--tone=1500", record, NULL);
  ck_assert_msg (jgw_test_wait_log (fx->gw->proc, "device dave@localhost/peer is online", mark, WAIT),
                 "the gateway never saw dave; see %s", jgw_test_log_path (fx->gw->proc));
  ck_assert (jgw_test_wait_log (fx->gw->proc, " features", mark, WAIT));
  conf_test_assert_completed (conference ("create", "room2", "pin", "2468"));

  /* A wrong PIN in the JID: refused (a Jingle caller, carol). */
  JgwTestProc *carol = jgw_test_peer_start (fx->prosody->c2s_port, "carol", "peer", "--timeout=60",
                                           "--call=conf-room2*1111@" COMPONENT, NULL);
  g_autofree char *refused = jgw_test_peer_result (carol);
  ck_assert_msg (strstr (refused, "session-terminate:decline"), "%s", refused);

  /* No PIN in the JID: answered, then the PIN as a chat message. */
  carol = jgw_test_peer_start (fx->prosody->c2s_port, "carol", "peer", "--timeout=60",
                               "--call=conf-room2@" COMPONENT, "--tone=0", "--dtmf=2468",
                               "--hangup-after=3", NULL);
  ck_assert (jgw_test_wait_log (fx->gw->proc, "xmpp:carol@localhost must type the PIN", mark, WAIT));
  ck_assert_msg (jgw_test_wait_log (fx->gw->proc, "xmpp:carol@localhost joined as participant", mark, WAIT),
                 "see %s", jgw_test_log_path (carol));
  g_autofree char *pinned = jgw_test_peer_result (carol);
  ck_assert_msg (strstr (pinned, "\"result\": \"ok\""), "%s", pinned);

  conf_test_dial (a, "conf-room2*2468", fx->sip_port);
  ck_assert (jgw_test_wait_log (fx->gw->proc, "sip:anna@127.0.0.1 joined as participant", mark, WAIT));
  conf_test_assert_completed (conference ("invite", "room2", "target", "dave@localhost"));
  ck_assert_msg (jgw_test_wait_log (fx->gw->proc, "xmpp:dave@localhost joined as participant", mark, WAIT),
                 "see %s and %s", jgw_test_log_path (fx->gw->proc), jgw_test_log_path (dave));
  ck_assert_msg (jgw_test_wait_log (dave, "EVENT media-connected", 0, WAIT), "see %s",
                 jgw_test_log_path (dave));
  conf_test_let_audio_flow (4000);
  conf_test_assert_completed (conference ("end", "room2", NULL, NULL));

  g_autofree char *json = jgw_test_peer_result (dave);
  ck_assert_msg (strstr (json, "\"result\": \"ok\"") && strstr (json, "\"propose\"")
                     && strstr (json, "\"session-initiate\""), "%s", json);
  /* Rung from the conference's JID (XEP-0353 propose, then the session). */
  ck_assert (jgw_test_wait_log (fx->gw->proc, "from=\"conf-room2@" COMPONENT "\"", mark, 1000));
  const guint a_tone[] = { 440, 0 }, d_tone[] = { 1500, 0 };
  jgw_test_wav_assert_tones ("dave", rec, 2.5, 0.5, a_tone, d_tone);
  g_autofree char *arec = jgw_test_baresip_final_recording (a, WAIT);
  jgw_test_wav_assert_tones ("anna", arec, 2.5, 0.5, d_tone, a_tone);
  jgw_test_baresip_free (a);
}
END_TEST

/* The PIN as RFC 4733 events from a WebRTC-style client: it offers Opus
 * (48 kHz) with telephone-event/8000 only, so the conference must take
 * telephone-event at another rate than the audio's (RFC 4733 2.1). */
START_TEST (test_pin_by_rfc4733)
{
  gsize mark = jgw_test_log_size (fx->gw->proc);
  conf_test_assert_completed (conference ("create", "room3", "pin", "1357"));
  JgwTestProc *carol = jgw_test_peer_start (fx->prosody->c2s_port, "carol", "peer", "--timeout=60",
                                           "--call=conf-room3@" COMPONENT, "--tone=0", "--dtmf=1357#",
                                           "--dtmf-mode=rfc4733", "--hangup-after=4", NULL);
  ck_assert (jgw_test_wait_log (fx->gw->proc, "xmpp:carol@localhost must type the PIN", mark, WAIT));
  g_autofree char *json = jgw_test_peer_result (carol);
  ck_assert_msg (jgw_test_json_has (json, "dtmf-rfc4733-sent:1357#"), "the client sent no events: %s", json);
  ck_assert_msg (jgw_test_wait_log (fx->gw->proc, "xmpp:carol@localhost joined as participant", mark, 1000),
                 "the PIN typed as RFC 4733 events was not taken; see %s and %s",
                 jgw_test_log_path (fx->gw->proc), jgw_test_log_path (carol));
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
  tc = tcase_create ("dtmf");
  tcase_set_timeout (tc, 150);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_pin_by_rfc4733);
  suite_add_tcase (s, tc);
  return jgw_test_run_suite (s);
}
