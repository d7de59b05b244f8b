/* gateway.h — run the built jinglegw daemon against test peers. */
#pragma once

#include "harness/harness.h"
#include "harness/prosody.h"

G_BEGIN_DECLS

typedef struct {
  char *dir;
  char *config_path;
  JgwTestProc *proc;
} JgwTestGateway;

/** A config with [component] pointing at PROSODY plus EXTRA groups/keys
 * (appended verbatim). The returned text is the caller's (g_free). */
char *jgw_test_gateway_config (const JgwTestProsody *prosody, const char *secret, const char *extra);
/** The SIP port a config from jgw_test_gateway_config listens on. */
guint16 jgw_test_gateway_config_sip_port (const char *config_text);
/** Start src/jinglegw with CONFIG_TEXT at log level debug. */
JgwTestGateway *jgw_test_gateway_start (const char *config_text);
/** Wait until the gateway logs that its component stream is up. */
gboolean jgw_test_gateway_wait_online (JgwTestGateway *gw, gsize from, guint timeout_ms);
void jgw_test_gateway_free (JgwTestGateway *gw);

G_END_DECLS
