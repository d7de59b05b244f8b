/* xmpp_client.h — a real XMPP c2s client for tests (libstrophe, plaintext
 * to the private Prosody). Received stanzas queue up until a test takes
 * them with an expectation; every wait is bounded.
 *
 * Ownership: stanzas returned by the wait functions are the caller's
 * (xmpp_stanza_release); the client owns its libstrophe context. */
#pragma once

#include <stdarg.h>
#include <strophe.h>

#include "harness/harness.h"

G_BEGIN_DECLS

typedef struct _JgwTestClient JgwTestClient;
typedef gboolean (*JgwTestStanzaMatch) (xmpp_stanza_t *stanza, gpointer data);

/** Log in as JID/PASSWORD at 127.0.0.1:PORT; NULL if that fails in 10 s. */
JgwTestClient *jgw_test_client_connect (const char *jid, const char *password, guint16 port);
void jgw_test_client_free (JgwTestClient *client);

/** The full JID the server bound (transfer none). */
const char *jgw_test_client_jid (JgwTestClient *client);
/** Send a stanza given as XML text (printf format). */
void jgw_test_client_send (JgwTestClient *client, const char *fmt, ...) G_GNUC_PRINTF (2, 3);

/** Take the first received stanza MATCH accepts, waiting up to TIMEOUT_MS. */
xmpp_stanza_t *jgw_test_client_wait (JgwTestClient *client, JgwTestStanzaMatch match,
                                     gpointer data, guint timeout_ms);
/** Take the first stanza with element NAME and attribute id=ID (NULL = any). */
xmpp_stanza_t *jgw_test_client_wait_id (JgwTestClient *client, const char *name,
                                        const char *id, guint timeout_ms);
/** How many received, not yet taken stanzas have id=ID (no waiting). */
guint jgw_test_client_queued (JgwTestClient *client, const char *id);

/** Take the first message from FROM with a body containing NEEDLE (NULL:
 * any body); the body text (g_free), or NULL after TIMEOUT_MS. */
char *jgw_test_client_wait_body (JgwTestClient *client, const char *from, const char *needle, guint timeout_ms);
/** Send TEXT (XML-ready) as a chat message to JID, in LANG (NULL: none),
 * and return the body of JID's first answer containing NEEDLE (NULL: any
 * answer); fails the test if none comes within TIMEOUT_MS. Transfer full. */
char *jgw_test_client_chat (JgwTestClient *client, const char *jid, const char *lang, const char *text,
                            const char *needle, guint timeout_ms);

/** One XEP-0050 request to JID: command NODE with ACTION ("execute",
 * "next", "complete"; NULL = execute), in SESSIONID (NULL: a new one), in
 * LANG (NULL: none), submitting FIELDS (x:data <field/> elements; "": an
 * empty form; NULL: no form). The answer serialized (g_free); fails the
 * test if none comes within TIMEOUT_MS. */
char *jgw_test_client_command (JgwTestClient *client, const char *jid, const char *lang, const char *node,
                               const char *action, const char *sessionid, const char *fields,
                               guint timeout_ms);
/** Execute NODE at JID in one request (in LANG, NULL: none) submitting the
 * VAR, VALUE pairs that follow TIMEOUT_MS (NULL-terminated; none: no
 * form); the answer as jgw_test_client_command() gives it. */
char *jgw_test_client_execute (JgwTestClient *client, const char *jid, const char *lang, const char *node,
                               guint timeout_ms, ...) G_GNUC_NULL_TERMINATED;
/** The sessionid of a command answer in TEXT (g_free); fails the test if none. */
char *jgw_test_command_session (const char *text);
/** x:data <field/> elements from VAR, VALUE pairs (NULL-terminated; VALUE
 * XML-ready); g_free. */
char *jgw_test_form_fields (const char *var, ...) G_GNUC_NULL_TERMINATED;
/** The same from a va_list of VAR, VALUE pairs after FIRST. */
char *jgw_test_form_fields_valist (const char *first, va_list ap);

/** The serialized stanza (free with g_free). */
char *jgw_test_stanza_to_string (xmpp_stanza_t *stanza);
/** Child element by path of names, e.g. "error/service-unavailable". */
xmpp_stanza_t *jgw_test_stanza_path (xmpp_stanza_t *stanza, const char *path);

G_END_DECLS
