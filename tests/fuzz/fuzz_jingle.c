/* fuzz_jingle.c — libFuzzer target: bytes -> stanza -> Jingle parser ->
 * builder, the session manager's iq handling, and the JMI parser/builder.
 * Built by tests/fuzz/run-fuzzers, not by configure. */
#include <stdint.h>
#include <string.h>

#include <glib.h>
#include <strophe.h>

#include "jingle/jingle.h"
#include "jingle/jmi.h"
#include "jingle/session.h"

static void
discard (xmpp_stanza_t *st, gpointer user_data)
{
  char *buf = NULL;
  size_t len = 0;
  /* Serialise what would go out: the builder's output must be printable. */
  if (xmpp_stanza_to_text (st, &buf, &len) == 0)
    xmpp_free (xmpp_stanza_get_context (st), buf);
}

static void
codec_roundtrip (xmpp_ctx_t *ctx, xmpp_stanza_t *el)
{
  JgwJingle *j = jgw_jingle_parse (el, NULL);
  if (j == NULL)
    return;
  xmpp_stanza_t *built = jgw_jingle_build (ctx, j);
  discard (built, NULL);
  /* What we build must parse again. */
  JgwJingle *again = jgw_jingle_parse (built, NULL);
  if (again == NULL)
    __builtin_trap ();
  jgw_jingle_free (again);
  xmpp_stanza_release (built);
  jgw_jingle_free (j);
}

static void
feed_manager (xmpp_ctx_t *ctx, xmpp_stanza_t *st)
{
  JgwJingleManager *m = jgw_jingle_manager_new (ctx, 2, discard, NULL, NULL);
  if (xmpp_stanza_get_from (st) == NULL)
    xmpp_stanza_set_from (st, "romeo@example.org/a");
  if (xmpp_stanza_get_to (st) == NULL)
    xmpp_stanza_set_to (st, "juliet@gw.example/b");
  jgw_jingle_manager_handle_iq (m, st);
  /* A second delivery exercises the duplicate and in-session paths. */
  jgw_jingle_manager_handle_iq (m, st);
  jgw_jingle_manager_free (m);
}

static void
jmi_roundtrip (xmpp_ctx_t *ctx, xmpp_stanza_t *st)
{
  JgwJmiMessage *msg = jgw_jmi_parse (st, NULL);
  if (msg == NULL)
    return;
  xmpp_stanza_t *built = jgw_jmi_build (ctx, msg);
  discard (built, NULL);
  xmpp_stanza_release (built);
  jgw_jmi_message_free (msg);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  char *text = g_strndup ((const char *) data, size);
  xmpp_ctx_t *ctx = xmpp_ctx_new (NULL, NULL);
  xmpp_stanza_t *st = xmpp_stanza_new_from_string (ctx, text);
  if (st != NULL)
    {
      xmpp_stanza_t *el = xmpp_stanza_get_child_by_name_and_ns (st, "jingle", JGW_NS_JINGLE);
      codec_roundtrip (ctx, el != NULL ? el : st);
      jmi_roundtrip (ctx, st);
      feed_manager (ctx, st);
      xmpp_stanza_release (st);
    }
  xmpp_ctx_free (ctx);
  g_free (text);
  return 0;
}
