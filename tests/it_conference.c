/* it_conference.c — conferences end to end: a private Prosody, the
 * gateway, a real client running the `conference` command and real SIP
 * phones (baresip, each sending its own tone and recording what it hears).
 * Three parties in one room must hear the two others and not themselves;
 * muting one takes its tone away from the others; a wrong PIN, a locked
 * room and a non-moderator are refused. */
#include <check.h>
#include <string.h>

#include "conference_util.h"
#include "harness/baresip.h"
#include "harness/fixture.h"
#include "harness/wav.h"
#include "harness/suite.h"

#define COMPONENT JGW_TEST_COMPONENT
#define WAIT 20000

static JgwTestFixture *fx;
static JgwTestClient *alice, *bob;

static void
setup (void)
{
  const char *users[] = { "alice:alicepw", "bob:bobpw", NULL };
  fx = jgw_test_fixture_start (users, 40,
                                "[user:alice@localhost]\nsip-uri = sip:alice@127.0.0.1\n"
                                "[user:bob@localhost]\nsip-uri = sip:bob@127.0.0.1\n");
  alice = jgw_test_fixture_login (fx, "alice");
  bob = jgw_test_fixture_login (fx, "bob");
}

static void
teardown (void)
{
  alice = bob = NULL;
  g_clear_pointer (&fx, jgw_test_fixture_free);
}

/* In B's recording window between FROM_END and TO_END seconds before the
 * end of its call: each of HEARD present, each of NOT absent. Under ASan
 * on a loaded machine the mix has clicks that spread power, so "present"
 * is > 8 % of the power; absent tones measure <= 2 %. */
static void
assert_hears (const char *who, JgwTestBaresip *b, double from_end, double to_end, const guint *heard,
              const guint *not_heard)
{
  g_autofree char *path = jgw_test_baresip_final_recording (b, WAIT);
  jgw_test_wav_assert_tones (who, path, from_end, to_end, heard, not_heard);
}

START_TEST (test_three_parties_mix_minus_and_mute)
{
  JgwTestBaresip *a = jgw_test_baresip_phone ("anna", 440), *b = jgw_test_baresip_phone ("bert", 700),
                 *c = jgw_test_baresip_phone ("carl", 1100);
  conf_test_assert_completed (conf_test_command (alice, "en", "create", "room", NULL, NULL));
  gsize mark = jgw_test_log_size (fx->gw->proc);
  /* One after the other, so that anna is 1, bert 2 and carl 3. */
  conf_test_dial (a, "conf-room", fx->sip_port);
  ck_assert (jgw_test_wait_log (fx->gw->proc, "joined as participant 1", mark, WAIT));
  conf_test_dial (b, "conf-room", fx->sip_port);
  ck_assert (jgw_test_wait_log (fx->gw->proc, "joined as participant 2", mark, WAIT));
  const char *carl = c->uri;
  conf_test_assert_completed (conf_test_command (alice, "en", "invite", "room", "target", carl));
  ck_assert_msg (jgw_test_wait_log (fx->gw->proc, "joined as participant 3", mark, WAIT), "see %s",
                 jgw_test_log_path (fx->gw->proc));
  /* Let the mix run (the check looks at the 2 s before the mute). */
  conf_test_let_audio_flow (4000);

  /* Bob is no moderator: he may not mute; then Alice mutes carl (3). */
  g_autofree char *refused = conf_test_command (bob, "en", "mute", "room", "participant", "3");
  ck_assert_msg (strstr (refused, "forbidden") && strstr (refused, "Only the moderator"), "%s", refused);
  g_autofree char *muted = conf_test_command (alice, "de", "mute", "room", "participant", "3");
  ck_assert_msg (strstr (muted, "Teilnehmer 3 stummgeschaltet"), "%s", muted);
  gint64 muted_at = g_get_monotonic_time ();
  conf_test_let_audio_flow (3000);
  g_autofree char *list = conf_test_command (alice, "en", "list", "room", NULL, NULL);
  ck_assert_msg (strstr (list, "<value>3</value>") && strstr (list, "<value>true</value>"), "%s", list);
  conf_test_assert_completed (conf_test_command (alice, "en", "end", "room", NULL, NULL));
  double after = (g_get_monotonic_time () - muted_at) / 1e6;

  /* Before the mute (window ends 0.5 s before it): everyone hears the two others. */
  const guint a_tone[] = { 440, 0 }, b_tone[] = { 700, 0 }, c_tone[] = { 1100, 0 };
  const guint not_a[] = { 700, 1100, 0 }, not_b[] = { 440, 1100, 0 }, not_c[] = { 440, 700, 0 };
  /* Carl joined a mix that already ran (he was invited: his phone
   * sent RTP before his leg existed): anna and bert must hear him too. */
  assert_hears ("anna before the mute", a, after + 2.5, after + 0.5, not_a, a_tone);
  assert_hears ("bert before the mute", b, after + 2.5, after + 0.5, not_b, b_tone);
  assert_hears ("carl before the mute", c, after + 2.5, after + 0.5, not_c, c_tone);
  /* After it: carl is gone for the others, and still hears them. */
  const guint a_c[] = { 440, 1100, 0 }, b_c[] = { 700, 1100, 0 };
  assert_hears ("anna after the mute", a, after - 0.8, 0.3, b_tone, a_c);
  assert_hears ("bert after the mute", b, after - 0.8, 0.3, a_tone, b_c);
  assert_hears ("carl after the mute", c, after - 0.8, 0.3, not_c, c_tone);
  jgw_test_baresip_free (a);
  jgw_test_baresip_free (b);
  jgw_test_baresip_free (c);
}
END_TEST

START_TEST (test_pin_lock_and_rights)
{
  JgwTestBaresip *d = jgw_test_baresip_phone ("dora", 440);
  conf_test_assert_completed (conf_test_command (alice, "en", "create", "secure", "pin", "4321"));

  gsize mark = jgw_test_log_size (fx->gw->proc);
  conf_test_dial (d, "conf-secure*1111", fx->sip_port);
  ck_assert (jgw_test_wait_log (fx->gw->proc, "wrong PIN from", mark, WAIT));
  ck_assert (jgw_test_wait_log (d->proc, "403", 0, WAIT));

  /* The PIN typed with DTMF after the answer. */
  mark = jgw_test_log_size (fx->gw->proc);
  conf_test_dial (d, "conf-secure", fx->sip_port);
  ck_assert (jgw_test_wait_log (fx->gw->proc, "must type the PIN", mark, WAIT));
  ck_assert (jgw_test_wait_log (d->proc, "Call established", 0, WAIT));
  ck_assert (jgw_test_baresip_command (d, "sndcode", "4"));
  ck_assert (jgw_test_baresip_command (d, "sndcode", "3"));
  ck_assert (jgw_test_baresip_command (d, "sndcode", "2"));
  ck_assert (jgw_test_baresip_command (d, "sndcode", "1"));
  ck_assert (jgw_test_baresip_command (d, "sndcode", "#"));
  ck_assert_msg (jgw_test_wait_log (fx->gw->proc, "joined as participant", mark, WAIT), "see %s",
                 jgw_test_log_path (fx->gw->proc));

  /* A locked room refuses even the right PIN. */
  g_autofree char *locked = conf_test_command (alice, "en", "lock", "secure", NULL, NULL);
  ck_assert_msg (strstr (locked, "Conference secure locked."), "%s", locked);
  mark = jgw_test_log_size (fx->gw->proc);
  gsize dmark = jgw_test_log_size (d->proc);
  conf_test_dial (d, "conf-secure*4321", fx->sip_port);
  ck_assert (jgw_test_wait_log (fx->gw->proc, "locked, refusing", mark, WAIT));
  ck_assert (jgw_test_wait_log (d->proc, "403", dmark, WAIT));

  /* Bob cannot remove; the participant stays. Alice can. */
  g_autofree char *refused = conf_test_command (bob, "en", "remove", "secure", "participant", "1");
  ck_assert_msg (strstr (refused, "forbidden"), "%s", refused);
  g_autofree char *list = conf_test_command (alice, "en", "list", "secure", NULL, NULL);
  ck_assert_msg (strstr (list, "<value>joined</value>"), "%s", list);
  g_autofree char *removed = conf_test_command (alice, "en", "remove", "secure", "participant", "1");
  ck_assert_msg (strstr (removed, "Participant 1 removed."), "%s", removed);
  ck_assert (jgw_test_wait_log (d->proc, "terminated", dmark, WAIT));
  jgw_test_baresip_free (d);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("conference");
  TCase *tc = tcase_create ("sip");
  tcase_set_timeout (tc, 120);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_three_parties_mix_minus_and_mute);
  tcase_add_test (tc, test_pin_lock_and_rights);
  suite_add_tcase (s, tc);
  return jgw_test_run_suite (s);
}
