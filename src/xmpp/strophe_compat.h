/* strophe_compat.h — the one place that works around defects of the
 * libstrophe release we build against (Debian 12: 0.12.2). */
#pragma once

#include <glib.h>
#include <strophe.h>

G_BEGIN_DECLS

/** Make CONN safe for xmpp_connect_component(); call once per new conn,
 * after xmpp_conn_set_jid(). Returns FALSE if the workaround failed. */
gboolean jgw_strophe_prepare_component (xmpp_conn_t *conn);

G_END_DECLS
