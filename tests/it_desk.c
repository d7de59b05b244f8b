/* it_desk.c — the desk phone and transfers end to end: a private Prosody,
 * the gateway, a chat client, and real SIP phones (baresip, each sending
 * its own tone and recording what it hears). Click-to-call rings the desk
 * phone first and the target only once the desk phone answered; the desk
 * phone hears the target's tone. A blind transfer lands at the third
 * party, who hears the transferred party's tone. Only the owner may
 * transfer a call; bad input gets a clear answer, in English and German. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "harness/baresip.h"
#include "harness/gateway.h"
#include "harness/prosody.h"
#include "harness/xmpp_client.h"
#include "harness/suite.h"

#define COMPONENT "gw.localhost"
#define WAIT 20000
#define DESK_TONE 1000
#define TARGET_TONE 600
#define THIRD_TONE 800

static JgwTestProsody *prosody;
static JgwTestGateway *gw;
static JgwTestClient *alice, *mallory;

static void
setup (void)
{
  const char *users[] = { "alice:alicepw", "mallory:mallorypw", NULL };
  prosody = jgw_test_prosody_start (COMPONENT, "s3cret", users);
  g_autofree char *conf = jgw_test_gateway_config (prosody, NULL,
                                                   "[sip]\ntrusted-peers = 127.0.0.1\n"
                                                   "[user:alice@localhost]\nsip-uri = sip:alice@127.0.0.1\n"
                                                   "[user:mallory@localhost]\nsip-uri = sip:mallory@127.0.0.1\n");
  gw = jgw_test_gateway_start (conf);
  ck_assert (jgw_test_gateway_wait_online (gw, 0, WAIT));
  alice = jgw_test_client_connect ("alice@localhost", "alicepw", prosody->c2s_port);
  mallory = jgw_test_client_connect ("mallory@localhost", "mallorypw", prosody->c2s_port);
  ck_assert (alice && mallory);
}

static void
teardown (void)
{
  g_clear_pointer (&alice, jgw_test_client_free);
  g_clear_pointer (&mallory, jgw_test_client_free);
  g_clear_pointer (&gw, jgw_test_gateway_free);
  g_clear_pointer (&prosody, jgw_test_prosody_free);
  jgw_test_cleanup ();
}

/* --- talking to the component --- */

/* Send TEXT from WHO to the component; the answer's body. */
static char *
chat (JgwTestClient *who, const char *text)
{
  return jgw_test_client_chat (who, COMPONENT, NULL, text, NULL, WAIT);
}

/* Run the transfer command with FIELDS (a submitted form's fields, or NULL
 * for a bare execute); the answer as text. */
static char *
transfer_cmd (JgwTestClient *who, const char *lang, const char *fields)
{
  return jgw_test_client_command (who, COMPONENT, lang, "transfer", NULL, NULL, fields, WAIT);
}

/* The value of field VAR in a form answer (g_free), or NULL. */
static char *
field_value (const char *xml, const char *var)
{
  g_autofree char *needle = g_strdup_printf ("var=\"%s\"", var);
  const char *f = strstr (xml, needle);
  const char *v = f ? strstr (f, "<value>") : NULL;
  const char *end = v ? strstr (v, "</value>") : NULL;
  return end ? g_strndup (v + 7, end - v - 7) : NULL;
}

/* --- phones --- */

static JgwTestBaresip *
phone (const char *user, const char *answermode, guint tone)
{
  JgwTestBaresipOptions o = { .user = user, .answermode = answermode, .tone_hz = tone, .record = TRUE };
  return jgw_test_baresip_start_full (&o);
}

typedef struct {
  JgwTestBaresip *phone;
  goffset bytes;
} Recorded;

/* The phone recorded at least BYTES of what it heard (audio really flows). */
static gboolean
recorded_enough (gpointer data)
{
  Recorded *r = data;
  g_autofree char *path = jgw_test_baresip_recording (r->phone);
  g_autoptr (GFile) file = path ? g_file_new_for_path (path) : NULL;
  g_autoptr (GFileInfo) info = file ? g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, 0, NULL, NULL)
                                    : NULL;
  return info && g_file_info_get_size (info) >= r->bytes;
}

/* Four seconds of 8 kHz mono S16 (what baresip's sndfile writes for PCMU). */
static void
wait_audio (JgwTestBaresip *b)
{
  Recorded r = { b, 8000 * 2 * 4 };
  ck_assert_msg (jgw_test_wait (recorded_enough, &r, WAIT), "%s recorded too little audio", b->dir);
}

/* Alice sets her desk phone by chat and clicks to call TARGET. */
static void
click_to_call (JgwTestBaresip *desk, const char *target)
{
  const char *desk_uri = desk->uri;
  g_autofree char *set = g_strdup_printf ("deskphone %s", desk_uri);
  g_autofree char *set_answer = chat (alice, set);
  ck_assert_msg (strstr (set_answer, desk_uri), "%s", set_answer);
  g_autofree char *dial = g_strdup_printf ("desk %s", target);
  g_autofree char *answer = chat (alice, dial);
  ck_assert_msg (strstr (answer, "Your desk phone rings"), "%s", answer);
}

START_TEST (test_click_to_call_rings_desk_first)
{
  JgwTestBaresip *desk = phone ("desk", "manual", DESK_TONE);
  JgwTestBaresip *target = phone ("bob", "auto", TARGET_TONE);
  const char *target_uri = target->uri;
  gsize mark = jgw_test_log_size (gw->proc);
  click_to_call (desk, target_uri);
  ck_assert_msg (jgw_test_wait_log (desk->proc, "Incoming call", 0, WAIT), "the desk phone did not ring: %s",
                 desk->dir);
  /* The target is not called while the desk phone rings. */
  ck_assert_msg (!jgw_test_wait_log (gw->proc, "desk phone answered", mark, 1000), "called before the answer");
  ck_assert_msg (!jgw_test_wait_log (target->proc, "Call established", 0, 0), "the target answered before the desk phone answered");
  ck_assert (jgw_test_baresip_command (desk, "accept", NULL));
  ck_assert_msg (jgw_test_wait_log (gw->proc, "desk phone connected", mark, WAIT), "not connected; see %s",
                 jgw_test_log_path (gw->proc));
  wait_audio (desk);
  wait_audio (target);
  ck_assert (jgw_test_baresip_command (desk, "hangup", NULL));
  jgw_test_baresip_assert_heard (desk, TARGET_TONE, WAIT);
  jgw_test_baresip_assert_heard (target, DESK_TONE, WAIT);
  ck_assert (jgw_test_wait_log (gw->proc, "ended", mark, WAIT));
  jgw_test_baresip_free (target);
  jgw_test_baresip_free (desk);
}
END_TEST

START_TEST (test_blind_transfer_lands_at_third_party)
{
  JgwTestBaresip *desk = phone ("desk", "auto", DESK_TONE);
  JgwTestBaresip *target = phone ("bob", "auto", TARGET_TONE);
  JgwTestBaresip *third = phone ("carol", "auto", THIRD_TONE);
  const char *target_uri = target->uri;
  const char *third_uri = third->uri;
  gsize mark = jgw_test_log_size (gw->proc);
  click_to_call (desk, target_uri);
  ck_assert_msg (jgw_test_wait_log (gw->proc, "desk phone connected", mark, WAIT), "not connected; see %s",
                 jgw_test_log_path (gw->proc));

  /* Alice's form names her call; mallory cannot transfer it. */
  g_autofree char *form = transfer_cmd (alice, NULL, NULL);
  g_autofree char *call_id = field_value (form, "call");
  ck_assert_msg (call_id && strstr (form, "status=\"executing\""), "%s", form);
  g_autofree char *theirs = g_strdup_printf ("<field var='call'><value>%s</value></field>"
                                             "<field var='target'><value>%s</value></field>", call_id, third_uri);
  g_autofree char *refused = transfer_cmd (mallory, NULL, theirs);
  ck_assert_msg (strstr (refused, "type=\"error\"") && strstr (refused, "item-not-found")
                   && strstr (refused, "You have no such call."),
                 "%s", refused);
  g_autofree char *refused_de = transfer_cmd (mallory, "de", theirs);
  ck_assert_msg (strstr (refused_de, "Sie haben kein solches Gespräch."), "%s", refused_de);
  /* A bad target gets a clear note and the call stays. */
  g_autofree char *bad_fields = g_strdup_printf ("<field var='call'><value>%s</value></field>"
                                                 "<field var='target'><value>bob@</value></field>", call_id);
  g_autofree char *bad = transfer_cmd (alice, NULL, bad_fields);
  ck_assert_msg (strstr (bad, "not-acceptable") && strstr (bad, "Cannot transfer the call"), "%s", bad);

  g_autofree char *done = transfer_cmd (alice, NULL, theirs);
  ck_assert_msg (strstr (done, "status=\"completed\"") && strstr (done, "Transferring"), "%s", done);
  ck_assert_msg (jgw_test_wait_log (third->proc, "Call established", 0, WAIT), "the third party was not called");
  ck_assert_msg (jgw_test_wait_log (gw->proc, "done", mark, WAIT), "the transfer did not complete; see %s",
                 jgw_test_log_path (gw->proc));
  /* The desk phone is released; the transferred party talks to the third. */
  ck_assert_msg (jgw_test_wait_log (desk->proc, "session closed", 0, WAIT), "the desk phone was not released");
  wait_audio (third);
  ck_assert (jgw_test_baresip_command (third, "hangup", NULL));
  jgw_test_baresip_assert_heard (third, TARGET_TONE, WAIT);
  jgw_test_baresip_free (third);
  jgw_test_baresip_free (target);
  jgw_test_baresip_free (desk);
}
END_TEST

START_TEST (test_bad_input_is_answered)
{
  g_autofree char *none = chat (alice, "desk 1234");
  ck_assert_msg (strstr (none, "no desk phone"), "%s", none);
  g_autofree char *bad_uri = chat (alice, "deskphone 1234");
  ck_assert_msg (strstr (bad_uri, "is not a SIP address"), "%s", bad_uri);
  g_autofree char *german = chat (alice, "tischtelefon 1234");
  ck_assert_msg (strstr (german, "ist keine SIP-Adresse"), "%s", german);
  g_autofree char *set = chat (alice, "deskphone sip:desk@127.0.0.1:9");
  g_autofree char *bad_target = chat (alice, "desk bob@");
  ck_assert_msg (strstr (bad_target, "Cannot call"), "%s", bad_target);
  g_autofree char *no_call = chat (alice, "transfer 1234");
  ck_assert_msg (strstr (no_call, "You have no call to transfer."), "%s", no_call);
  g_autofree char *no_call_de = chat (alice, "verbinden 1234");
  ck_assert_msg (strstr (no_call_de, "Sie haben kein Gespräch zum Verbinden."), "%s", no_call_de);
  g_autofree char *adhoc = transfer_cmd (alice, NULL, NULL);
  ck_assert_msg (strstr (adhoc, "item-not-found") && strstr (adhoc, "You have no call to transfer."), "%s", adhoc);
  g_autofree char *cleared = chat (alice, "deskphone off");
  ck_assert_msg (strstr (cleared, "Desk phone cleared."), "%s", cleared);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("desk");
  TCase *tc = tcase_create ("desk");
  tcase_set_timeout (tc, 150);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_click_to_call_rings_desk_first);
  tcase_add_test (tc, test_blind_transfer_lands_at_third_party);
  tcase_add_test (tc, test_bad_input_is_answered);
  suite_add_tcase (s, tc);
  return jgw_test_run_suite (s);
}
