/* check_jingle_util.h — helpers shared by the Jingle suites: load a stanza
 * from tests/data/jingle, serialise, and a canonical form for comparing
 * two trees regardless of attribute order, prefixes and child order. */
#pragma once

#include <glib.h>
#include <strophe.h>

/** Parses tests/data/jingle/NAME (transfer full; release with xmpp_stanza_release). */
xmpp_stanza_t *jt_load (xmpp_ctx_t *ctx, const char *name);
/** Serialises ST (transfer full, g_free). */
char *jt_text (xmpp_stanza_t *st);
/** Canonical text of ST: effective namespaces, sorted attributes and children;
 *  elements and attributes named in IGNORE ("name", "elem@attr" or "elem@attr=value") skipped. */
char *jt_canon (xmpp_stanza_t *st, const char *const *ignore);
/** Whether A equals B; on a difference prints both around it to stderr
 *  (Check cannot carry long messages). */
gboolean jt_same (const char *a, const char *b);
