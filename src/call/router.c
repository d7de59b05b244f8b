/* router.c — per-user addressing context and number entry. */
#define G_LOG_DOMAIN "jgw-call"
#include "call/router.h"

#include <string.h>

#include "identity/number.h"
#include "xmpp/jid.h"

struct _JgwRouter {
  const JgwConfig *config;
  JgwDialplan *dialplan;
};

JgwRouter *
jgw_router_new (const JgwConfig *config, GError **error)
{
  JgwDialplan *plan = jgw_dialplan_new (config->keyfile, config->path, error);
  if (plan == NULL)
    return NULL;
  JgwRouter *r = g_new0 (JgwRouter, 1);
  r->config = config;
  r->dialplan = plan;
  return r;
}

void
jgw_router_free (JgwRouter *r)
{
  if (r == NULL)
    return;
  jgw_dialplan_free (r->dialplan);
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
}

char *
jgw_router_local_for_input (const JgwRouter *r, const char *bare_jid, const char *typed,
                            GError **error)
{
  g_autofree char *text = g_strstrip (g_strdup (typed ? typed : ""));
  if (*text == '\0')
    {
      g_set_error_literal (error, JGW_ADDRESS_ERROR, JGW_ADDRESS_ERROR_INVALID,
                           "enter a phone number or a SIP address");
      return NULL;
    }
  JgwAddressContext ctx;
  jgw_router_context (r, bare_jid, &ctx);
  g_autofree char *number = jgw_number_normalise (text, &ctx.plan);
  if (number)
    return jgw_jid_escape (number);
  const char *addr = text;
  if (g_ascii_strncasecmp (addr, "sip:", 4) == 0)
    addr += 4;
  if (strchr (addr, ' ') && !strchr (addr, '@'))
    {
      g_set_error (error, JGW_ADDRESS_ERROR, JGW_ADDRESS_ERROR_INVALID,
                   "'%s' is neither a phone number nor a SIP address", text);
      return NULL;
    }
  return jgw_jid_escape (addr);
}

const JgwDialplan *
jgw_router_dialplan (const JgwRouter *r)
{
  return r->dialplan;
}
