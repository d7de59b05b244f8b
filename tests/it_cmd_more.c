/* it_cmd_more.c — the gaps of the phone commands end to end: a private
 * Prosody, the gateway, a text-only chat client (no Jingle) and real SIP
 * peers (baresip phones sending their own tones and recording what they
 * hear; SIPp lines that are busy, or check a REFER's headers).
 *
 * - a text-only user places, holds, resumes, transfers and ends calls on
 *   their desk phone by chat verbs alone (the issue's "done when");
 * - continuous redial retries a busy line until it answers, and stops when
 *   cancelled;
 * - an attended transfer REFERs party 1 to party 2 with Replaces;
 * - status shows the settings in force;
 * - calls refused or forwarded before ringing are in the journal. */
#include <check.h>
#include <errno.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "harness/baresip.h"
#include "harness/fixture.h"
#include "harness/sipp.h"
#include "harness/suite.h"
#include "harness/tone.h"
#include "harness/wav.h"

#define COMPONENT JGW_TEST_COMPONENT
#define WAIT 20000
#define DESK_TONE 1000
#define BOB_TONE 600
#define CAROL_TONE 800

static JgwTestFixture *fx;
static JgwTestClient *alice;

static void
setup (void)
{
  const char *users[] = { "alice:alicepw", NULL };
  fx = jgw_test_fixture_start (users, 0, "[user:alice@localhost]\nsip-uri = sip:alice@127.0.0.1\n");
  alice = jgw_test_fixture_login (fx, "alice");
}

static void
teardown (void)
{
  alice = NULL;
  g_clear_pointer (&fx, jgw_test_fixture_free);
}

#define assert_has(text, needle) ck_assert_msg (strstr ((text), (needle)) != NULL, "no \"%s\" in %s", (needle), (text))

/* --- the text-only client --- */

#define CALLER_JID "+4930555@" COMPONENT /* the callers of uac_refused.xml.in */

/* A chat message from the component holding NEEDLE, within TIMEOUT_MS;
 * the body (g_free), or NULL if none came. */
static char *
wait_chat (const char *needle, guint timeout_ms)
{
  return jgw_test_client_wait_body (alice, COMPONENT, needle, timeout_ms);
}

/* Send TEXT to the component in LANG; its answer holding EXPECT (any if NULL). */
static char *
chat_lang (const char *lang, const char *text, const char *expect)
{
  return jgw_test_client_chat (alice, COMPONENT, lang, text, expect, WAIT);
}

static char *
chat (const char *text, const char *expect)
{
  return chat_lang (NULL, text, expect);
}

/* Execute NODE in one go with FIELDS ("var", "value", ..., NULL); the
 * answer as text. */
#define command(lang, node, ...) jgw_test_client_execute (alice, COMPONENT, (lang), (node), WAIT, __VA_ARGS__)

/* --- SIP phones --- */

/* What a phone hears, from its recording so far (the file grows while the
 * call lasts; the reader takes the samples that are there). Silence is
 * either quiet samples or no samples at all: a phone that gets no RTP
 * records nothing, so a recording that stopped growing for 1.5 s counts. */
typedef struct {
  JgwTestBaresip *phone;
  double hz;
  gboolean want; /* the tone, or its absence */
  double share;
  gsize samples;
  gint64 since; /* when SAMPLES last changed (monotonic us) */
} Hearing;

static gboolean
hears (gpointer data)
{
  Hearing *h = data;
  g_autofree char *path = jgw_test_baresip_recording (h->phone);
  g_autofree char *why = NULL;
  gsize n = 0;
  guint rate = 0;
  g_autofree gint16 *samples = path ? jgw_test_wav_read (path, &n, &rate, &why) : NULL;
  if (samples == NULL || rate == 0 || n < rate)
    return FALSE;
  gint64 now = g_get_monotonic_time ();
  if (n != h->samples || h->since == 0)
    h->samples = n, h->since = now;
  h->share = jgw_tone_share (samples + n - rate, rate, rate, h->hz);
  if (h->want)
    return h->share > 0.5 && now - h->since < G_USEC_PER_SEC;
  return h->share < 0.2 || now - h->since > 3 * G_USEC_PER_SEC / 2;
}

/* B hears (or, WANT false, no longer hears) a HZ tone, within WAIT. */
static void
assert_hears (JgwTestBaresip *b, double hz, gboolean want)
{
  Hearing h = { b, hz, want, 0, 0, 0 };
  ck_assert_msg (jgw_test_wait (hears, &h, WAIT), "%s %s a %.0f Hz tone (share %.2f)", b->dir,
                 want ? "does not hear" : "still hears", hz, h.share);
}

/* How many INVITEs SIPp has received so far (from its message trace). */
static guint
invites_seen (JgwTestSipp *s)
{
  g_autofree char *path = g_build_filename (s->dir, "messages.log", NULL);
  g_autofree char *text = NULL;
  if (!g_file_get_contents (path, &text, NULL, NULL))
    return 0;
  guint n = 0;
  for (const char *p = text; (p = strstr (p, "\nINVITE sip:")) != NULL; p++)
    n++;
  return n;
}

typedef struct {
  JgwTestSipp *sipp;
  guint n;
} InviteCount;

static gboolean
invites_reached (gpointer data)
{
  InviteCount *c = data;
  return invites_seen (c->sipp) >= c->n;
}

static void
wait_invites (JgwTestSipp *s, guint n)
{
  InviteCount c = { s, n };
  ck_assert_msg (jgw_test_wait (invites_reached, &c, WAIT), "SIPp saw %u INVITEs, not %u", invites_seen (s), n);
}

/* SIPp has no readiness signal; its UDP port being taken is one. */
static gboolean
udp_bound (gpointer data)
{
  int fd = socket (AF_INET, SOCK_DGRAM, 0);
  struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons (GPOINTER_TO_UINT (data)),
                            .sin_addr.s_addr = htonl (INADDR_LOOPBACK) };
  gboolean taken = bind (fd, (struct sockaddr *) &sa, sizeof sa) < 0 && errno == EADDRINUSE;
  close (fd);
  return taken;
}

/* SIPp as a line taking CALLS INVITEs in one run (the harness's start
 * takes one call only). */
static JgwTestSipp *
sipp_line (const char *scenario, guint calls)
{
  JgwTestSipp *s = g_new0 (JgwTestSipp, 1);
  s->port = jgw_test_free_port ();
  s->dir = g_strdup (jgw_test_tmpdir ("sipp"));
  g_autofree char *port = g_strdup_printf ("%u", s->port);
  g_autofree char *mport = g_strdup_printf ("%u", jgw_test_free_ports (2));
  g_autofree char *max = g_strdup_printf ("%u", calls);
  g_autofree char *log = g_build_filename (s->dir, "sipp.out", NULL);
  g_autofree char *err = g_build_filename (s->dir, "errors.log", NULL);
  g_autofree char *msg = g_build_filename (s->dir, "messages.log", NULL);
  const char *argv[] = { "timeout", "90", "sipp", "-sf", scenario, "-i", "127.0.0.1", "-mi", "127.0.0.1",
                         "-p", port, "-mp", mport, "-m", max, "-nostdin", "-timeout", "80s", "-trace_err",
                         "-error_file", err, "-trace_msg", "-message_file", msg, NULL };
  s->proc = jgw_test_spawn (argv, s->dir, log);
  ck_assert_msg (jgw_test_wait (udp_bound, GUINT_TO_POINTER (s->port), 10000), "sipp did not bind port %u", s->port);
  return s;
}

static void
set_desk_phone (JgwTestBaresip *desk)
{
  const char *uri = desk->uri;
  g_autofree char *cmd = g_strdup_printf ("deskphone %s", uri);
  g_autofree char *answer = chat (cmd, uri);
}

/* --- the issue's "done when": a text-only user and their desk phone --- */

START_TEST (test_text_client_desk_hold_transfer_hangup)
{
  JgwTestBaresip *desk = jgw_test_baresip_phone ("desk", DESK_TONE);
  JgwTestBaresip *bob = jgw_test_baresip_phone ("bob", BOB_TONE);
  JgwTestBaresip *carol = jgw_test_baresip_phone ("carol", CAROL_TONE);
  const char *bob_uri = bob->uri;
  const char *carol_uri = carol->uri;
  set_desk_phone (desk);
  gsize mark = jgw_test_log_size (fx->gw->proc);

  /* Place: the desk phone rings first, then bob; they hear each other. */
  g_autofree char *dial = g_strdup_printf ("desk %s", bob_uri);
  g_autofree char *rings = chat (dial, NULL);
  assert_has (rings, "Your desk phone rings");
  ck_assert_msg (jgw_test_wait_log (fx->gw->proc, "desk phone connected", mark, WAIT), "not connected; see %s",
                 jgw_test_log_path (fx->gw->proc));
  assert_hears (desk, BOB_TONE, TRUE);
  assert_hears (bob, DESK_TONE, TRUE);

  /* Hold: bob gets a re-INVITE that stops the media; the desk phone hears
   * bob no more. Resume brings him back. */
  g_autofree char *held = chat ("hold", NULL);
  assert_has (held, "hold");
  ck_assert_msg (jgw_test_wait_log (fx->gw->proc, "put " , mark, WAIT), "no hold in %s", jgw_test_log_path (fx->gw->proc));
  assert_hears (desk, BOB_TONE, FALSE);
  g_autofree char *status = chat ("status", NULL);
  assert_has (status, bob_uri);
  g_autofree char *resumed = chat ("resume", NULL);
  assert_has (resumed, "resumed");
  assert_hears (desk, BOB_TONE, TRUE);

  /* Transfer: bob is sent to carol, the desk phone is released, carol
   * hears bob. */
  g_autofree char *transfer = g_strdup_printf ("transfer %s", carol_uri);
  g_autofree char *moved = chat (transfer, NULL);
  assert_has (moved, "Transferring");
  ck_assert_msg (jgw_test_wait_log (carol->proc, "Call established", 0, WAIT), "carol was not called");
  ck_assert_msg (jgw_test_wait_log (desk->proc, "session closed", 0, WAIT), "the desk phone was not released");
  assert_hears (carol, BOB_TONE, TRUE);
  assert_hears (bob, CAROL_TONE, TRUE);
  g_autofree char *none = chat ("hangup", NULL);
  assert_has (none, "You have no call in progress.");
  ck_assert (jgw_test_baresip_command (carol, "hangup", NULL));

  /* End: a second call, ended from the chat; both phones hang up. */
  mark = jgw_test_log_size (fx->gw->proc);
  g_autofree char *again = chat (dial, "Your desk phone rings");
  ck_assert_msg (jgw_test_wait_log (fx->gw->proc, "desk phone connected", mark, WAIT), "not connected again");
  assert_hears (desk, BOB_TONE, TRUE);
  gsize desk_mark = jgw_test_log_size (desk->proc), bob_mark = jgw_test_log_size (bob->proc);
  g_autofree char *ended = chat ("hangup", "Call ended.");
  ck_assert_msg (jgw_test_wait_log (desk->proc, "session closed", desk_mark, WAIT), "the desk phone still talks");
  ck_assert_msg (jgw_test_wait_log (bob->proc, "session closed", bob_mark, WAIT), "bob still talks");
  g_autofree char *idle = chat ("status", "No calls in progress.");
  jgw_test_baresip_free (carol);
  jgw_test_baresip_free (bob);
  jgw_test_baresip_free (desk);
}
END_TEST

/* --- continuous redial --- */

/* A SIPp line busy for its first BUSY calls (expecting MAX_INVITES), called
 * once from DESK (busy); the line, its number in *NUMBER (g_free). */
static JgwTestSipp *
busy_line_called (JgwTestBaresip *desk, const char *busy, guint max_invites, char **number)
{
  const char *subst[] = { "BUSY", busy, NULL };
  JgwTestSipp *line = sipp_line (jgw_test_sipp_scenario ("uas_busy_then_answer.xml", subst), max_invites);
  *number = g_strdup_printf ("sip:line@127.0.0.1:%u", line->port);
  set_desk_phone (desk);
  g_autofree char *dial = g_strdup_printf ("desk %s", *number);
  g_autofree char *rings = chat (dial, "Your desk phone rings");
  wait_invites (line, 1);
  ck_assert_msg (jgw_test_wait_log (fx->gw->proc, "busy", 0, WAIT), "the first call was not busy");
  return line;
}

START_TEST (test_redial_repeats_until_answered)
{
  JgwTestBaresip *desk = jgw_test_baresip_phone ("desk", DESK_TONE);
  g_autofree char *number = NULL;
  JgwTestSipp *line = busy_line_called (desk, "3", 4, &number);
  /* Every 5 s, three times at most: the second and third are busy too,
   * the fourth INVITE is answered. */
  g_autofree char *started = chat ("redial repeat 5 3", NULL);
  assert_has (started, "rings");
  g_autofree char *notice = wait_chat ("answered", 3 * WAIT);
  ck_assert_msg (notice != NULL, "no notice that the redial connected; SIPp saw %u INVITEs", invites_seen (line));
  assert_has (notice, number);
  ck_assert_uint_eq (invites_seen (line), 4);
  g_autofree char *ended = chat ("hangup", "Call ended.");
  g_autofree char *why = NULL;
  ck_assert_msg (jgw_test_sipp_wait (line, WAIT, &why), "%s", why);
  jgw_test_sipp_free (line);
  jgw_test_baresip_free (desk);
}
END_TEST

START_TEST (test_redial_stop_cancels)
{
  JgwTestBaresip *desk = jgw_test_baresip_phone ("desk", DESK_TONE);
  g_autofree char *number = NULL;
  JgwTestSipp *line = busy_line_called (desk, "9", 9, &number);
  gsize mark = jgw_test_log_size (fx->gw->proc);
  g_autofree char *started = chat ("redial repeat 5 5", "rings");
  wait_invites (line, 2);
  ck_assert_msg (jgw_test_wait_log (fx->gw->proc, "busy", mark, WAIT), "the redial was not busy");
  g_autofree char *stopped = chat ("redial stop", "Redial stopped.");
  /* Two intervals pass without another INVITE. */
  InviteCount c = { line, 3 };
  ck_assert_msg (!jgw_test_wait (invites_reached, &c, 11000), "SIPp got another INVITE after the stop");
  g_autofree char *again = chat ("redial stop", "No redial is running.");
  g_autofree char *stopped_de = chat_lang ("de", "wahlwiederholung stopp", "Wahlwiederholung");
  assert_has (stopped_de, "Es läuft keine Wahlwiederholung.");
  jgw_test_sipp_free (line);
  jgw_test_baresip_free (desk);
}
END_TEST

/* --- status: the settings in force --- */

/* The value of field VAR in a result form (g_free), or NULL. */
static char *
field_value (const char *xml, const char *var)
{
  g_autofree char *needle = g_strdup_printf ("var=\"%s\"", var);
  const char *f = strstr (xml, needle);
  const char *next = f ? strstr (f, "<field") : NULL; /* the field after this one */
  const char *v = f ? strstr (f, "<value>") : NULL;
  const char *end = v ? strstr (v, "</value>") : NULL;
  return end && (next == NULL || v < next) ? g_strndup (v + 7, end - v - 7) : NULL;
}

static void
assert_field (const char *xml, const char *var, const char *want)
{
  g_autofree char *got = field_value (xml, var);
  ck_assert_msg (g_strcmp0 (got, want) == 0, "field %s is %s, not %s, in %s", var, got ? got : "(none)",
                 want ? want : "(none)", xml);
}

START_TEST (test_status_shows_settings)
{
  /* Defaults first: nothing set. */
  g_autofree char *plain = chat ("status", NULL);
  assert_has (plain, "Do not disturb: off");
  assert_has (plain, "Call waiting: on");
  assert_has (plain, "No call forwarding.");
  assert_has (plain, "You have no desk phone set.");

  g_autofree char *dnd = chat ("dnd on", NULL);
  g_autofree char *cw = chat ("call-waiting off", NULL);
  g_autofree char *fwd = chat ("forward busy 030123456", NULL);
  g_autofree char *fna = chat ("forward no-answer 12 sip:bob@127.0.0.1", NULL);
  g_autofree char *desk = chat ("deskphone sip:desk@127.0.0.1:5999", NULL);

  g_autofree char *en = chat ("status", NULL);
  assert_has (en, "Line: ");
  assert_has (en, "No calls in progress.");
  assert_has (en, "Do not disturb: on");
  assert_has (en, "Call waiting: off");
  assert_has (en, "Forward when busy or do not disturb to 030123456");
  assert_has (en, "Forward when not answered to sip:bob@127.0.0.1 (after 12 s)");
  assert_has (en, "Desk phone: sip:desk@127.0.0.1:5999");
  ck_assert_msg (strstr (en, "Forward all calls") == NULL, "%s", en);
  g_autofree char *de = chat_lang ("de", "status", NULL);
  assert_has (de, "Nicht stören: ein");
  assert_has (de, "Anklopfen: aus");
  assert_has (de, "Bei besetzt oder „Nicht stören“ umleiten an 030123456");
  assert_has (de, "(nach 12 s)");
  assert_has (de, "Tischtelefon: sip:desk@127.0.0.1:5999");

  /* The ad-hoc form: typed fields a web app can read. */
  g_autofree char *form = command (NULL, "status", NULL);
  assert_has (form, "status=\"completed\"");
  assert_field (form, "dnd", "1");
  assert_field (form, "call-waiting", "0");
  assert_field (form, "forward-busy", "030123456");
  assert_field (form, "forward-no-answer", "sip:bob@127.0.0.1");
  assert_field (form, "forward-no-answer-secs", "12");
  assert_field (form, "forward-always", NULL);
  assert_field (form, "desk-phone", "sip:desk@127.0.0.1:5999");
  g_autofree char *form_de = command ("de", "status", NULL);
  assert_has (form_de, "label=\"Tischtelefon\"");
  assert_has (form_de, "Nicht stören");

  g_autofree char *off = chat ("dnd off", NULL);
  g_autofree char *after = command (NULL, "status", NULL);
  assert_field (after, "dnd", "0");
}
END_TEST

/* --- calls that never rang: refused or forwarded, yet in the journal --- */

/* A caller (SIPp) calling alice's SIP identity; it expects STATUS. */
static void
call_alice_expecting (const char *status)
{
  const char *subst[] = { "USER", "alice", "CTYPE", "application/sdp", "STATUS", status, "BODY",
                          "v=0\no=sipp 1 1 IN IP4 127.0.0.1\ns=-\nc=IN IP4 127.0.0.1\nt=0 0\n"
                          "m=audio 6000 RTP/AVP 0\na=rtpmap:0 PCMU/8000",
                          NULL };
  g_autofree char *gw_remote = g_strdup_printf ("127.0.0.1:%u", fx->sip_port);
  JgwTestSipp *s = jgw_test_sipp_start (jgw_test_sipp_scenario ("uac_refused.xml.in", subst), gw_remote, "alice");
  g_autofree char *why = NULL;
  ck_assert_msg (jgw_test_sipp_wait (s, WAIT, &why), "the caller expecting %s: %s", status, why);
  jgw_test_sipp_free (s);
}

START_TEST (test_refused_calls_in_journal)
{
  /* alice's only client is a text client, online for her contacts (so
   * messages to her bare JID reach it) but not for the gateway: nobody can
   * take the call. Prosody handles her stanzas in order: once the chat is
   * answered, the presence is through. */
  jgw_test_client_send (alice, "<presence/>");
  g_autofree char *status = chat ("status", "Line");
  call_alice_expecting ("480");
  g_autofree char *unavailable = jgw_test_client_wait_body (alice, CALLER_JID, "Missed call from", WAIT);
  ck_assert_msg (unavailable != NULL, "no missed-call notice for the unavailable call");
  g_autofree char *dnd = chat ("dnd on", "Do not disturb is on.");
  call_alice_expecting ("486");
  g_autofree char *refused = jgw_test_client_wait_body (alice, CALLER_JID, "Missed call from", WAIT);
  ck_assert_msg (refused != NULL, "no missed-call notice for the call refused by do not disturb");
  g_autofree char *fwd = chat ("forward always sip:carol@127.0.0.1", NULL);
  assert_has (fwd, "sip:carol@127.0.0.1");
  call_alice_expecting ("302");
  /* A forwarded call was taken care of: no notice. */
  g_autofree char *none = jgw_test_client_wait_body (alice, CALLER_JID, "Missed call from", 1500);
  ck_assert_msg (none == NULL, "a forwarded call was noticed as missed: %s", none);

  g_autofree char *journal = chat ("journal", "Your calls");
  g_auto (GStrv) lines = g_strsplit (journal, "\n", -1);
  ck_assert_msg (g_strv_length (lines) == 4, "%s", journal);
  /* Newest first. */
  assert_has (lines[1], "forwarded → sip:carol@127.0.0.1");
  assert_has (lines[1], "+4930555");
  assert_has (lines[2], "missed (do not disturb) +4930555");
  assert_has (lines[3], "missed (no client online) +4930555");
  g_autofree char *german = chat_lang ("de", "anrufliste", "Ihre");
  assert_has (german, "umgeleitet → sip:carol@127.0.0.1");
  assert_has (german, "verpasst („Nicht stören“)");
  assert_has (german, "verpasst (kein Client online)");
  /* The journal form's table says the same. */
  g_autofree char *form = command (NULL, "journal", NULL);
  assert_has (form, "<value>missed (do not disturb)</value>");
  assert_has (form, "<value>missed (no client online)</value>");
  assert_has (form, "forwarded → sip:carol@127.0.0.1");

  /* Busy: alice talks on her desk phone and has call waiting off. */
  g_autofree char *off = chat ("forward off", "No call forwarding.");
  g_autofree char *dnd_off = chat ("dnd off", "Do not disturb is off.");
  g_autofree char *cw = chat ("call-waiting off", "Call waiting is off.");
  JgwTestBaresip *desk = jgw_test_baresip_phone ("desk", DESK_TONE);
  JgwTestBaresip *bob = jgw_test_baresip_phone ("bob", BOB_TONE);
  set_desk_phone (desk);
  gsize mark = jgw_test_log_size (fx->gw->proc);
  const char *bob_uri = bob->uri;
  g_autofree char *dial = g_strdup_printf ("desk %s", bob_uri);
  g_autofree char *rings = chat (dial, "Your desk phone rings");
  ck_assert_msg (jgw_test_wait_log (fx->gw->proc, "desk phone connected", mark, WAIT), "alice is not on the phone");
  call_alice_expecting ("486");
  g_autofree char *busy = jgw_test_client_wait_body (alice, CALLER_JID, "Missed call from", WAIT);
  ck_assert_msg (busy != NULL, "no missed-call notice for the busy call");
  g_autofree char *hung = chat ("hangup", "Call ended.");
  g_autofree char *later = chat ("journal", "Your calls");
  assert_has (later, "missed (busy) +4930555");
  jgw_test_baresip_free (bob);
  jgw_test_baresip_free (desk);
}
END_TEST

/* --- attended transfer: REFER with Replaces --- */

/* The value of header NAME in the first SIP message of SIPp's trace that
 * starts with START (g_free), or NULL. */
static char *
traced_header (JgwTestSipp *s, const char *start, const char *name)
{
  g_autofree char *path = g_build_filename (s->dir, "messages.log", NULL);
  g_autofree char *text = NULL;
  if (!g_file_get_contents (path, &text, NULL, NULL))
    return NULL;
  g_autofree char *first = g_strconcat ("\n", start, NULL);
  g_autofree char *header = g_strconcat ("\n", name, ": ", NULL);
  const char *msg = strstr (text, first);
  const char *h = msg ? strstr (msg, header) : NULL;
  if (h == NULL)
    return NULL;
  h += strlen (header);
  return g_strndup (h, strcspn (h, "\r\n"));
}

/* alice talks to party 1 from her desk phone, holds, consults party 2 and
 * sends "transfer": party 1 (on hold) gets a REFER to party 2 whose
 * Replaces names the consultation dialog, reports success by NOTIFY, and
 * both of alice's calls end. Neither SIPp nor baresip 1.0 can complete
 * the Replaces INVITE, so the parties do not talk afterwards here. */
START_TEST (test_attended_transfer_refers_with_replaces)
{
  JgwTestBaresip *desk = jgw_test_baresip_phone ("desk", DESK_TONE);
  const char *none[] = { NULL };
  JgwTestSipp *party2 = jgw_test_sipp_start (jgw_test_sipp_scenario ("uas_answer_bye.xml", none), NULL, NULL);
  g_autofree char *party2_uri = g_strdup_printf ("sip:party2@127.0.0.1:%u", party2->port);
  const char *subst[] = { "PARTY2", party2_uri, NULL };
  JgwTestSipp *party1 = sipp_line (jgw_test_sipp_scenario ("uas_refer_replaces.xml", subst), 1);
  g_autofree char *party1_uri = g_strdup_printf ("sip:party1@127.0.0.1:%u", party1->port);
  set_desk_phone (desk);

  gsize mark = jgw_test_log_size (fx->gw->proc);
  g_autofree char *dial1 = g_strdup_printf ("desk %s", party1_uri);
  g_autofree char *rings1 = chat (dial1, "Your desk phone rings");
  ck_assert_msg (jgw_test_wait_log (fx->gw->proc, "desk phone connected", mark, WAIT), "party 1 not connected");
  mark = jgw_test_log_size (fx->gw->proc);
  g_autofree char *held = chat ("hold", "Call on hold.");
  ck_assert_msg (jgw_test_wait_log (fx->gw->proc, "re-INVITE answered", mark, WAIT), "party 1 was not held");
  mark = jgw_test_log_size (fx->gw->proc);
  g_autofree char *dial2 = g_strdup_printf ("desk %s", party2_uri);
  g_autofree char *rings2 = chat (dial2, "Your desk phone rings");
  ck_assert_msg (jgw_test_wait_log (fx->gw->proc, "desk phone connected", mark, WAIT), "party 2 not connected; see %s",
                 jgw_test_log_path (fx->gw->proc));
  g_autofree char *two = chat ("status", NULL);
  assert_has (two, party1_uri);
  assert_has (two, party2_uri);

  g_autofree char *moved = chat ("transfer", "Transferring");
  assert_has (moved, party1_uri);
  g_autofree char *why = NULL;
  ck_assert_msg (jgw_test_sipp_wait (party1, WAIT, &why), "party 1 (REFER with Replaces, NOTIFY, BYE): %s", why);
  g_clear_pointer (&why, g_free);
  ck_assert_msg (jgw_test_sipp_wait (party2, WAIT, &why), "party 2 (the consultation ends): %s", why);

  /* Replaces names the consultation dialog: party 2's Call-ID and tag. */
  g_autofree char *refer_to = traced_header (party1, "REFER sip:", "Refer-To");
  g_autofree char *call_id = traced_header (party2, "INVITE sip:", "Call-ID");
  ck_assert_msg (refer_to && call_id, "no REFER or INVITE traced");
  g_autofree char *unescaped = g_uri_unescape_string (refer_to, NULL);
  g_autofree char *replaces = g_strdup_printf ("?Replaces=%s;to-tag=", call_id);
  ck_assert_msg (strstr (unescaped, replaces) && strstr (unescaped, "SIPpTag01"), "Refer-To %s does not replace %s",
                 unescaped, call_id);
  ck_assert_msg (jgw_test_wait_log (fx->gw->proc, "done", mark, WAIT), "the transfer was not reported done");
  ck_assert_msg (jgw_test_wait_log (desk->proc, "session closed", 0, WAIT), "the desk phone was not released");
  g_autofree char *after = chat ("status", "No calls in progress.");
  jgw_test_sipp_free (party1);
  jgw_test_sipp_free (party2);
  jgw_test_baresip_free (desk);
}
END_TEST

/* IT_ONLY=NAME runs only the cases whose name holds NAME. */
#define add(tc, test)                                                                                             \
  do                                                                                                              \
    if (g_getenv ("IT_ONLY") == NULL || strstr (#test, g_getenv ("IT_ONLY")))                                     \
      tcase_add_test (tc, test);                                                                                  \
  while (0)

int
main (void)
{
  Suite *s = suite_create ("cmd_more");
  TCase *tc = tcase_create ("cmd_more");
  tcase_set_timeout (tc, 150);
  tcase_add_checked_fixture (tc, setup, teardown);
  add (tc, test_text_client_desk_hold_transfer_hangup);
  add (tc, test_redial_repeats_until_answered);
  add (tc, test_redial_stop_cancels);
  add (tc, test_status_shows_settings);
  add (tc, test_refused_calls_in_journal);
  add (tc, test_attended_transfer_refers_with_replaces);
  suite_add_tcase (s, tc);
  return jgw_test_run_suite (s);
}
