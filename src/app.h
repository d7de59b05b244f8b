/* app.h — the running gateway: creates and owns every subsystem (XMPP
 * component, SIP user agent, calls, identities, plugins) for one
 * configuration, and shuts them down in order.
 *
 * Ownership: jgw_app_new() takes the config; jgw_app_free() frees all. */
#pragma once

#include "config.h"

G_BEGIN_DECLS

typedef struct _JgwApp JgwApp;
typedef void (*JgwAppStopped) (gpointer user_data);

/** Validate what the modules own beyond the core keys (dial plan, ...). */
gboolean jgw_app_check_config (const JgwConfig *config, GError **error);
/** Create the subsystems (no network activity yet). Takes CONFIG. */
JgwApp *jgw_app_new (JgwConfig *config, GError **error);
/** Start listening and connecting on the thread-default main context. */
gboolean jgw_app_start (JgwApp *app, GError **error);
/** Hang up, unregister, close the stream; DONE runs when all is closed. */
void jgw_app_stop (JgwApp *app, JgwAppStopped done, gpointer user_data);
/** Apply what can change at run time (SIGHUP). Takes CONFIG; an invalid
 * one is refused with a log line and the running one kept. */
void jgw_app_reload (JgwApp *app, JgwConfig *config);
/** Whether a fatal runtime failure happened (exit status 1). */
gboolean jgw_app_failed (JgwApp *app);
/** The configuration in force (transfer none). */
const JgwConfig *jgw_app_get_config (JgwApp *app);
void jgw_app_free (JgwApp *app);

G_END_DECLS
