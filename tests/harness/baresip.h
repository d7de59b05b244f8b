/* baresip.h — baresip as a real SIP phone for tests: headless, sine tone
 * as audio source, ALSA null sink, driven through its ctrl_tcp module, on
 * free loopback ports in a temp dir, with a bounded lifetime. */
#pragma once

#include "harness/harness.h"

G_BEGIN_DECLS

typedef struct {
  const char *user;       /* account user at 127.0.0.1 */
  const char *answermode; /* "auto" or "manual" */
  guint tone_hz;          /* sine it sends (0: 440) */
  gboolean record;        /* keep what it hears in DIR/rec (sndfile module) */
  const char *codecs;     /* account audio_codecs (NULL: PCMU/8000/1) */
  const char *mediaenc;   /* account mediaenc, e.g. "srtp-mand" (SDES; loads srtp.so) */
} JgwTestBaresipOptions;

typedef struct {
  JgwTestProc *proc;
  guint16 sip_port;
  guint16 ctrl_port;
  char *dir;   /* owned by the harness */
  char *uri;   /* its own address, sip:USER@127.0.0.1:SIP_PORT; owned */
} JgwTestBaresip;

/** Start baresip as USER@127.0.0.1 (no REGISTER); ANSWERMODE "auto" or "manual". */
JgwTestBaresip *jgw_test_baresip_start (const char *user, const char *answermode);
/** Start baresip with OPTS. */
JgwTestBaresip *jgw_test_baresip_start_full (const JgwTestBaresipOptions *opts);
/** A phone as most suites want it: USER answers automatically, sends a
 * TONE_HZ tone and records what it hears. */
JgwTestBaresip *jgw_test_baresip_phone (const char *user, guint tone_hz);
/** With record: the newest recording of what it heard ("*-dec.wav"), or NULL
 * (transfer full). */
char *jgw_test_baresip_recording (JgwTestBaresip *b);
/** With record: wait (TIMEOUT_MS) for the call to end, then its recording
 * (transfer full); fails the test if either does not come. */
char *jgw_test_baresip_final_recording (JgwTestBaresip *b, guint timeout_ms);
/** Send a ctrl_tcp command (e.g. "dial", "sip:x@127.0.0.1:5070"); TRUE if it answered ok. */
gboolean jgw_test_baresip_command (JgwTestBaresip *b, const char *command, const char *params);
/** With record: wait (TIMEOUT_MS) for the call to end, then assert the last
 * two seconds it heard are mostly a HZ tone (after ICE, DTLS, jitter settled). */
void jgw_test_baresip_assert_heard (JgwTestBaresip *b, double hz, guint timeout_ms);
void jgw_test_baresip_free (JgwTestBaresip *b);

G_END_DECLS
