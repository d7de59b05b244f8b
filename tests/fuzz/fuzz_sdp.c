/* fuzz_sdp.c — libFuzzer target: bytes -> SDP parser -> writer -> parser,
 * for both author roles. Built by tests/fuzz/run-fuzzers. */
#include <stdint.h>

#include <glib.h>

#include "sdp/sdp.h"

static void
roundtrip (const char *text, JgwSdpAuthor author)
{
  JgwSessionDesc *d = jgw_sdp_parse (text, author, NULL);
  if (d == NULL)
    return;
  char *out = jgw_sdp_write (d, author, 1, 1, NULL);
  JgwSessionDesc *again = jgw_sdp_parse (out, author, NULL);
  jgw_session_desc_free (again);
  g_free (out);
  jgw_session_desc_free (d);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  char *text = g_strndup ((const char *) data, size);
  roundtrip (text, JGW_SDP_AUTHOR_INITIATOR);
  roundtrip (text, JGW_SDP_AUTHOR_RESPONDER);
  g_free (text);
  return 0;
}
