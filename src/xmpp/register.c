/* register.c — XEP-0077 in-band registration of users' SIP accounts. */
#define G_LOG_DOMAIN "jgw-register"
#include "xmpp/register.h"

#include <string.h>

#include "config_check.h"
#include "xmpp/form.h"
#include "xmpp/jid.h"
#include "xmpp/stanza.h"

struct _JgwRegister {
  JgwComponent *comp;
  JgwStore *store;
  JgwPresence *presence;
  const JgwConfig *config;
  guint handlers[2];
  JgwRegisterFunc changed;
  gpointer changed_data;
};

/* What a submission asked for, from the data form or the legacy fields. */
typedef struct {
  char *username, *password, *registrar, *proxy;
  gboolean remove;
} Submission;

static void
submission_clear (Submission *s)
{
  g_free (s->username);
  if (s->password)
    memset (s->password, 0, strlen (s->password));
  g_free (s->password);
  g_free (s->registrar);
  g_free (s->proxy);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Submission, submission_clear)

gboolean
jgw_register_allowed (const char *const *allowed, const char *component, const char *bare_jid)
{
  g_autofree char *domain = jgw_jid_domain (bare_jid);
  if (domain == NULL || !strchr (bare_jid, '@'))
    return FALSE;
  if (allowed == NULL || allowed[0] == NULL)
    {
      const char *dot = strchr (component, '.');
      return dot && g_ascii_strcasecmp (dot + 1, domain) == 0;
    }
  for (const char *const *a = allowed; *a; a++)
    if (g_ascii_strcasecmp (*a, strchr (*a, '@') ? bare_jid : domain) == 0)
      return TRUE;
  return FALSE;
}

static void
send_release (JgwRegister *r, xmpp_stanza_t *s)
{
  jgw_component_send (r->comp, s);
  xmpp_stanza_release (s);
}

static void
fail (JgwRegister *r, xmpp_stanza_t *request, const char *type, const char *condition, const char *text)
{
  g_info ("registration request from %s refused: %s", xmpp_stanza_get_from (request), text);
  send_release (r, jgw_stanza_error_reply (jgw_component_ctx (r->comp), request, type, condition, text,
                                           NULL, NULL));
}

static JgwForm *
registration_form (const JgwAccount *account)
{
  JgwForm *form = jgw_form_new ("form", "SIP account",
                                "Enter the SIP account the gateway should use for you. "
                                "Leave the password empty to keep the current one.");
  jgw_form_add_field (form, "FORM_TYPE", "hidden", NULL, FALSE, JGW_NS_REGISTER);
  jgw_form_add_field (form, "username", "text-single", "SIP user name", TRUE,
                      account ? account->username : NULL);
  jgw_form_add_field (form, "password", "text-private", "SIP password", account == NULL, NULL);
  jgw_form_add_field (form, "registrar", "text-single", "Registrar or SIP domain (e.g. sip.example.com)",
                      TRUE, account ? account->registrar : NULL);
  jgw_form_add_field (form, "outbound-proxy", "text-single", "Outbound proxy (optional)", FALSE,
                      account ? account->outbound_proxy : NULL);
  return form;
}

static gboolean
get_h (xmpp_stanza_t *stanza, gpointer data)
{
  JgwRegister *r = data;
  xmpp_ctx_t *ctx = jgw_component_ctx (r->comp);
  g_autofree char *bare = jgw_jid_bare (xmpp_stanza_get_from (stanza));
  g_autoptr (JgwAccount) account = bare ? jgw_store_account_get (r->store, bare, NULL) : NULL;
  xmpp_stanza_t *reply = jgw_stanza_iq_reply (ctx, stanza, "result");
  xmpp_stanza_t *q = jgw_stanza_add_child (reply, "query", JGW_NS_REGISTER);
  if (account)
    jgw_stanza_add_child (q, "registered", NULL);
  jgw_stanza_add_text_child (q, "instructions", NULL,
                             "Enter your SIP user name, password and registrar (SIP domain).");
  /* Legacy fields for clients without data forms; the password is never
   * sent back, only asked for. */
  if (account)
    jgw_stanza_add_text_child (q, "username", NULL, account->username);
  else
    jgw_stanza_add_child (q, "username", NULL);
  jgw_stanza_add_child (q, "password", NULL);
  g_autoptr (JgwForm) form = registration_form (account);
  xmpp_stanza_t *x = jgw_form_to_stanza (form, ctx);
  xmpp_stanza_add_child (q, x);
  xmpp_stanza_release (x);
  send_release (r, reply);
  return TRUE;
}

static char *
child_text (xmpp_stanza_t *q, const char *name)
{
  xmpp_stanza_t *c = xmpp_stanza_get_child_by_name (q, name);
  char *t = c ? xmpp_stanza_get_text (c) : NULL;
  char *copy = t && *t ? g_strstrip (g_strdup (t)) : NULL;
  if (t)
    xmpp_free (xmpp_stanza_get_context (q), t);
  return copy;
}

static char *
form_text (JgwFormValues *v, const char *var)
{
  const char *t = jgw_form_values_get (v, var);
  return t && *t ? g_strstrip (g_strdup (t)) : NULL;
}

static void
read_submission (xmpp_stanza_t *q, Submission *s)
{
  s->remove = xmpp_stanza_get_child_by_name (q, "remove") != NULL;
  xmpp_stanza_t *x = xmpp_stanza_get_child_by_ns (q, JGW_NS_DATA);
  if (x)
    {
      g_autoptr (JgwFormValues) v = jgw_form_values_parse (x);
      s->username = form_text (v, "username");
      s->password = form_text (v, "password");
      s->registrar = form_text (v, "registrar");
      s->proxy = form_text (v, "outbound-proxy");
      return;
    }
  s->username = child_text (q, "username");
  s->password = child_text (q, "password");
  /* Legacy clients only know XEP-0077's fixed fields: the registrar may
   * come as <url/>, or follow the user name as user@registrar. */
  s->registrar = child_text (q, "url");
  char *at = s->username && !s->registrar ? strchr (s->username, '@') : NULL;
  if (at)
    {
      s->registrar = g_strdup (at + 1);
      *at = '\0';
    }
}

/* A registrar may be given as a domain; it becomes sip:DOMAIN. */
static char *
normalise_uri (const char *value)
{
  if (value == NULL)
    return NULL;
  char *uri = g_ascii_strncasecmp (value, "sip:", 4) == 0 || g_ascii_strncasecmp (value, "sips:", 5) == 0
                  ? g_strdup (value)
                  : g_strconcat ("sip:", value, NULL);
  if (!jgw_check_sip_uri (uri))
    g_clear_pointer (&uri, g_free);
  return uri;
}

static void
remove_account (JgwRegister *r, xmpp_stanza_t *stanza, const char *bare)
{
  g_autoptr (GError) error = NULL;
  if (!jgw_store_account_remove (r->store, bare, &error))
    {
      fail (r, stanza, JGW_ERROR_CANCEL, "item-not-found", "you are not registered");
      return;
    }
  g_message ("%s removed their SIP account", bare);
  send_release (r, jgw_stanza_iq_reply (jgw_component_ctx (r->comp), stanza, "result"));
  jgw_presence_remove_user (r->presence, bare);
  if (r->changed)
    r->changed (bare, FALSE, r->changed_data);
}

static void
store_account (JgwRegister *r, xmpp_stanza_t *stanza, const char *bare, Submission *s)
{
  g_autoptr (JgwAccount) old = jgw_store_account_get (r->store, bare, NULL);
  g_autofree char *registrar = normalise_uri (s->registrar);
  g_autofree char *proxy = normalise_uri (s->proxy);
  if (s->username == NULL || strpbrk (s->username, " @:;") || registrar == NULL
      || (s->proxy && proxy == NULL) || (s->password == NULL && old == NULL))
    {
      fail (r, stanza, JGW_ERROR_MODIFY, "not-acceptable",
            "a SIP user name, a password and a registrar (SIP domain or URI) are required");
      return;
    }
  JgwAccount account = { .jid = (char *) bare, .username = s->username, .password = s->password,
                         .registrar = registrar, .outbound_proxy = proxy };
  g_autoptr (GError) error = NULL;
  if (!jgw_store_account_set (r->store, &account, &error))
    {
      g_warning ("cannot store the SIP account of %s: %s", bare, error->message);
      fail (r, stanza, JGW_ERROR_WAIT, "internal-server-error", "the account could not be saved");
      return;
    }
  g_message ("%s %s their SIP account %s at %s", bare, old ? "changed" : "registered", s->username,
             registrar);
  send_release (r, jgw_stanza_iq_reply (jgw_component_ctx (r->comp), stanza, "result"));
  if (old == NULL)
    jgw_presence_subscribe_user (r->presence, bare);
  if (r->changed)
    r->changed (bare, TRUE, r->changed_data);
}

static gboolean
set_h (xmpp_stanza_t *stanza, gpointer data)
{
  JgwRegister *r = data;
  g_autofree char *bare = jgw_jid_bare (xmpp_stanza_get_from (stanza));
  if (bare == NULL || !r->config->registration_enabled
      || !jgw_register_allowed ((const char *const *) r->config->registration_allowed,
                                r->config->component.jid, bare))
    {
      fail (r, stanza, JGW_ERROR_CANCEL, "not-allowed", "registration is not open to you");
      return TRUE;
    }
  g_auto (Submission) s = { 0 };
  read_submission (xmpp_stanza_get_child_by_ns (stanza, JGW_NS_REGISTER), &s);
  if (s.remove)
    remove_account (r, stanza, bare);
  else
    store_account (r, stanza, bare, &s);
  return TRUE;
}

JgwRegister *
jgw_register_new (JgwComponent *comp, JgwStore *store, JgwPresence *presence, const JgwConfig *config)
{
  JgwRegister *r = g_new0 (JgwRegister, 1);
  r->comp = comp;
  r->store = store;
  r->presence = presence;
  r->config = config;
  JgwDispatch *d = jgw_component_dispatch (comp);
  r->handlers[0] = jgw_dispatch_add (d, "iq", "get", JGW_NS_REGISTER, get_h, r);
  r->handlers[1] = jgw_dispatch_add (d, "iq", "set", JGW_NS_REGISTER, set_h, r);
  return r;
}

void
jgw_register_free (JgwRegister *r)
{
  if (r == NULL)
    return;
  for (gsize i = 0; i < G_N_ELEMENTS (r->handlers); i++)
    jgw_dispatch_remove (jgw_component_dispatch (r->comp), r->handlers[i]);
  g_free (r);
}

void
jgw_register_set_config (JgwRegister *r, const JgwConfig *config)
{
  r->config = config;
}

void
jgw_register_set_changed_func (JgwRegister *r, JgwRegisterFunc func, gpointer user_data)
{
  r->changed = func;
  r->changed_data = user_data;
}
