/* conference_util.h — what the conference suites (it_conference*.c) share:
 * the `conference` command in one request, phones dialling a room, and
 * letting the mix run for the recordings. */
#pragma once

#include "harness/baresip.h"
#include "harness/xmpp_client.h"

G_BEGIN_DECLS

/** Run `conference` with ACTION on NAME (+ one more field VAR=VALUE, VAR
 * may be NULL) as WHO, in LANG (NULL: none); the answer as text (g_free). */
char *conf_test_command (JgwTestClient *who, const char *lang, const char *action, const char *name,
                         const char *var, const char *value);
/** Assert ANSWER is a completed command, and free it. */
void conf_test_assert_completed (char *answer);
/** Let phone B dial USER_PART (e.g. "conf-room*1234") at the gateway's SIP_PORT. */
void conf_test_dial (JgwTestBaresip *b, const char *user_part, guint16 sip_port);
/** Let audio flow for MS (the recordings need it; nothing to wait for). */
void conf_test_let_audio_flow (guint ms);

G_END_DECLS
