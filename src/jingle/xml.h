/* xml.h — small helpers over libstrophe's stanza API for the Jingle codec:
 * typed attribute reads with range checks (errors in JGW_JINGLE_ERROR) and
 * child creation. Pure; no I/O.
 *
 * Ownership: jgw_xml_add_child() returns a child owned by PARENT (do not
 * release it). Strings returned by jgw_xml_text() are g_malloc'd. */
#pragma once

#include <glib.h>
#include <strophe.h>

G_BEGIN_DECLS

/** Creates <NAME xmlns=NS> (NS may be NULL) under PARENT; returns it (transfer none). */
xmpp_stanza_t *jgw_xml_add_child (xmpp_stanza_t *parent, const char *name, const char *ns);
/** Sets attribute KEY to VALUE unless VALUE is NULL. */
void jgw_xml_set (xmpp_stanza_t *st, const char *key, const char *value);
/** Sets attribute KEY to the decimal VALUE. */
void jgw_xml_set_uint (xmpp_stanza_t *st, const char *key, guint64 value);
/** Mandatory string attribute; error when missing or empty. */
gboolean jgw_xml_req (xmpp_stanza_t *st, const char *key, const char **out, GError **error);
/** Optional unsigned attribute in [0, MAX]; keeps *OUT when absent. */
gboolean jgw_xml_uint (xmpp_stanza_t *st, const char *key, guint64 max, gboolean required,
                       guint64 *out, GError **error);
/** Concatenated text of ST, stripped (transfer full, never NULL). */
char *jgw_xml_text (xmpp_stanza_t *st);
/** Whether ST is an element called NAME (NS NULL = any namespace). */
gboolean jgw_xml_is (xmpp_stanza_t *st, const char *name, const char *ns);

G_END_DECLS
