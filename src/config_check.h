/* config_check.h — pure value checks used by the configuration loader and by
 * anything else that accepts addresses from users (commands, registration).
 * Each returns TRUE when the value is acceptable; none allocates. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/** An IP literal or a DNS host name. */
gboolean jgw_check_host (const char *value);
/** "host:port" or "[v6]:port"; splits into a new HOST and PORT on success. */
gboolean jgw_check_host_port (const char *value, char **host, guint16 *port);
/** A sip: or sips: URI with a host, as sofia-sip parses it. */
gboolean jgw_check_sip_uri (const char *value);
/** "LOW-HIGH" UDP port range with LOW <= HIGH, both 1..65535. */
gboolean jgw_check_port_range (const char *value, guint16 *low, guint16 *high);
/** Decimal integer within [MIN, MAX]. */
gboolean jgw_check_uint (const char *value, guint64 min, guint64 max, guint64 *out);

G_END_DECLS
