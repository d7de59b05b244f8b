/* router.c — per-user addressing context and number entry. */
#define G_LOG_DOMAIN "jgw-call"
#include "call/router.h"

#include <string.h>


struct _JgwRouter {
  const JgwConfig *config;
  JgwDialplan *dialplan;
  char **local_hosts; /* hosts whose callers count as in [sip] domain */
};

/* Callers reaching us through our own listener or the outbound proxy (a
 * trunk) are phone numbers, not foreign SIP addresses. */
static char **
collect_local_hosts (const JgwConfig *config)
{
  GPtrArray *hosts = g_ptr_array_new ();
  g_ptr_array_add (hosts, g_strdup (config->sip.listen_host));
  const char *proxy = config->sip.outbound_proxy;
  if (proxy)
    {
      const char *host = strchr (proxy, ':') + 1;
      gsize len = strcspn (host, ":;>");
      g_ptr_array_add (hosts, g_strndup (host, len));
    }
  g_ptr_array_add (hosts, NULL);
  return (char **) g_ptr_array_free (hosts, FALSE);
}

JgwRouter *
jgw_router_new (const JgwConfig *config, GError **error)
{
  JgwDialplan *plan = jgw_dialplan_new (config->keyfile, config->path, error);
  if (plan == NULL)
    return NULL;
  JgwRouter *r = g_new0 (JgwRouter, 1);
  r->config = config;
  r->dialplan = plan;
  r->local_hosts = collect_local_hosts (config);
  return r;
}

void
jgw_router_free (JgwRouter *r)
{
  if (r == NULL)
    return;
  jgw_dialplan_free (r->dialplan);
  g_strfreev (r->local_hosts);
  g_free (r);
}

void
jgw_router_context (const JgwRouter *r, const char *bare_jid, JgwAddressContext *out)
{
  const JgwUserConfig *user = bare_jid ? jgw_config_find_user (r->config, bare_jid) : NULL;
  memset (out, 0, sizeof *out);
  out->component = r->config->component.jid;
  out->sip_domain = r->config->sip.domain;
  jgw_dialplan_number_plan (r->dialplan, user ? user->country_code : NULL, &out->plan);
  out->local_hosts = (const char *const *) r->local_hosts;
}

char *
jgw_router_jid_for_input (const JgwRouter *r, const char *bare_jid, const char *typed, GError **error)
{
  JgwAddressContext ctx;
  jgw_router_context (r, bare_jid, &ctx);
  return jgw_address_jid_for_input (typed, &ctx, error);
}

const JgwDialplan *
jgw_router_dialplan (const JgwRouter *r)
{
  return r->dialplan;
}
