/* address.c — JID local part <-> SIP address (interface.md, "Addressing"). */
#define G_LOG_DOMAIN "jgw-call"
#include "call/address.h"

#include <string.h>

#include "config_check.h"
#include "xmpp/jid.h"

G_DEFINE_QUARK (jgw-address-error-quark, jgw_address_error)

void
jgw_sip_target_free (JgwSipTarget *target)
{
  if (target == NULL)
    return;
  g_free (target->uri);
  g_free (target->number);
  g_free (target);
}

void
jgw_caller_free (JgwCaller *caller)
{
  if (caller == NULL)
    return;
  g_free (caller->jid);
  g_free (caller->local);
  g_free (caller->number);
  g_free (caller->name);
  g_free (caller);
}

/* RFC 3261 25.1: user = 1*( unreserved / escaped / user-unreserved ).
 * ';' and '?' are legal there but many parsers split on them, so they are
 * escaped as well; '#' (service codes) must be. */
char *
jgw_address_uri_user_escape (const char *s)
{
  GString *out = g_string_new (NULL);
  for (const unsigned char *p = (const unsigned char *) s; *p; p++)
    {
      if (g_ascii_isalnum (*p) || strchr ("-_.!~*'()&=+$,/", *p) != NULL)
        g_string_append_c (out, (char) *p);
      else
        g_string_append_printf (out, "%%%02X", *p);
    }
  return g_string_free (out, FALSE);
}

/* "sip:" or "sips:" at the start of S (case-insensitive): its length, else 0. */
static gsize
scheme_length (const char *s)
{
  if (g_ascii_strncasecmp (s, "sip:", 4) == 0)
    return 4;
  if (g_ascii_strncasecmp (s, "sips:", 5) == 0)
    return 5;
  return 0;
}

static gboolean
valid_hostport (const char *hostport)
{
  g_autofree char *host = NULL;
  guint16 port;
  if (strchr (hostport, ':') != NULL && hostport[0] != '[')
    return jgw_check_host_port (hostport, &host, &port);
  if (hostport[0] == '[' && strstr (hostport, "]:") != NULL)
    return jgw_check_host_port (hostport, &host, &port);
  return jgw_check_host (hostport);
}

/* An explicit SIP address: "user@host[:port]", optionally with a scheme. */
static char *
explicit_uri (const char *addr, GError **error)
{
  gsize slen = scheme_length (addr);
  g_autofree char *scheme = slen ? g_ascii_strdown (addr, (gssize) slen) : g_strdup ("sip:");
  const char *rest = addr + slen;
  const char *at = strrchr (rest, '@');
  const char *hostport = at ? at + 1 : rest;
  if (*hostport == '\0' || !valid_hostport (hostport) || (at != NULL && at == rest))
    {
      g_set_error (error, JGW_ADDRESS_ERROR, JGW_ADDRESS_ERROR_INVALID,
                   "'%s' is not a SIP address (expected user@host)", addr);
      return NULL;
    }
  if (at == NULL)
    return g_strconcat (scheme, hostport, NULL);
  g_autofree char *user = g_strndup (rest, (gsize) (at - rest));
  g_autofree char *user_esc = jgw_address_uri_user_escape (user);
  return g_strconcat (scheme, user_esc, "@", hostport, NULL);
}

JgwSipTarget *
jgw_address_to_sip (const char *local, const JgwAddressContext *ctx, GError **error)
{
  if (local == NULL || *local == '\0')
    {
      g_set_error_literal (error, JGW_ADDRESS_ERROR, JGW_ADDRESS_ERROR_INVALID,
                           "no address: the JID has no local part");
      return NULL;
    }
  g_autofree char *addr = jgw_jid_unescape (local);
  g_autoptr (JgwSipTarget) t = g_new0 (JgwSipTarget, 1);
  if (strchr (addr, '@') != NULL || scheme_length (addr) > 0)
    {
      t->kind = JGW_TARGET_SIP;
      t->uri = explicit_uri (addr, error);
      return t->uri ? g_steal_pointer (&t) : NULL;
    }
  t->number = jgw_number_normalise (addr, &ctx->plan);
  t->kind = t->number ? JGW_TARGET_NUMBER : JGW_TARGET_USER;
  g_autofree char *user = jgw_address_uri_user_escape (t->number ? t->number : addr);
  t->uri = g_strconcat ("sip:", user, "@", ctx->sip_domain, NULL);
  return g_steal_pointer (&t);
}

/* The parts of a caller's URI that addressing needs. */
typedef struct {
  char *user;     /* percent-decoded, without password and user parameters; NULL if none */
  char *hostport; /* lower-cased host with its port, if any */
  char *host;     /* lower-cased host */
} UriParts;

static void
uri_parts_clear (UriParts *p)
{
  g_clear_pointer (&p->user, g_free);
  g_clear_pointer (&p->hostport, g_free);
  g_clear_pointer (&p->host, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (UriParts, uri_parts_clear)

static char *
host_of (const char *hostport)
{
  if (hostport[0] == '[')
    {
      const char *end = strchr (hostport, ']');
      return end ? g_strndup (hostport, (gsize) (end - hostport + 1)) : NULL;
    }
  const char *colon = strchr (hostport, ':');
  return colon ? g_strndup (hostport, (gsize) (colon - hostport)) : g_strdup (hostport);
}

/* Split "sip:user:pw;uparam@host:port;params?headers" (scheme already
 * removed in REST). FALSE if it is not shaped like a SIP URI. */
static gboolean
uri_split (const char *rest, UriParts *out)
{
  const char *at = strchr (rest, '@');
  const char *hp = at ? at + 1 : rest;
  gsize hplen = strcspn (hp, ";?>");
  if (hplen == 0)
    return FALSE;
  g_autofree char *hostport = g_ascii_strdown (hp, (gssize) hplen);
  if (!valid_hostport (hostport))
    return FALSE;
  if (at != NULL)
    {
      g_autofree char *raw = g_strndup (rest, strcspn (rest, ":;@"));
      out->user = g_uri_unescape_string (raw, NULL);
      if (out->user == NULL || *out->user == '\0')
        return FALSE;
    }
  out->host = host_of (hostport);
  out->hostport = g_steal_pointer (&hostport);
  return out->host != NULL;
}

static gboolean
host_is_local (const char *host, const JgwAddressContext *ctx)
{
  if (ctx->sip_domain && g_ascii_strcasecmp (host, ctx->sip_domain) == 0)
    return TRUE;
  for (const char *const *h = ctx->local_hosts; h && *h; h++)
    if (g_ascii_strcasecmp (host, *h) == 0)
      return TRUE;
  return FALSE;
}

/* CALLER for a sip:/sips: URI; sets C->number when the user is a number. */
static char *
caller_local_sip (const char *uri, gsize slen, const JgwAddressContext *ctx, JgwCaller *c)
{
  g_auto (UriParts) p = { 0 };
  if (!uri_split (uri + slen, &p))
    return NULL;
  if (p.user == NULL)
    {
      /* No user: "sip:host" itself, which to_sip accepts back. */
      g_autofree char *scheme = g_ascii_strdown (uri, (gssize) slen);
      g_autofree char *whole = g_strconcat (scheme, p.hostport, NULL);
      return jgw_jid_escape (whole);
    }
  c->number = jgw_number_normalise (p.user, &ctx->plan);
  if (host_is_local (p.host, ctx) && strchr (p.user, '@') == NULL)
    return jgw_jid_escape (c->number ? c->number : p.user);
  g_autofree char *user_host = g_strconcat (p.user, "@", p.hostport, NULL);
  return jgw_jid_escape (user_host);
}

/* CALLER for a tel: URI (RFC 3966): the normalised number. */
static char *
caller_local_tel (const char *uri, const JgwAddressContext *ctx, JgwCaller *c)
{
  g_autofree char *digits = g_strndup (uri + 4, strcspn (uri + 4, ";?>"));
  c->number = jgw_number_normalise (digits, &ctx->plan);
  return c->number ? g_strdup (c->number) : NULL;
}

/* A display name without quotes and quoted-pair backslashes; NULL if empty. */
static char *
display_unquote (const char *display)
{
  if (display == NULL)
    return NULL;
  g_autofree char *s = g_strstrip (g_strdup (display));
  gsize n = strlen (s);
  if (n >= 2 && s[0] == '"' && s[n - 1] == '"')
    {
      GString *out = g_string_new (NULL);
      for (gsize i = 1; i < n - 1; i++)
        g_string_append_c (out, s[i] == '\\' && i + 1 < n - 1 ? s[++i] : s[i]);
      g_free (s);
      s = g_strstrip (g_string_free (out, FALSE));
    }
  return *s ? g_steal_pointer (&s) : NULL;
}

JgwCaller *
jgw_address_from_sip (const char *uri, const char *display, const JgwAddressContext *ctx,
                      GError **error)
{
  g_autoptr (JgwCaller) c = g_new0 (JgwCaller, 1);
  const char *u = uri ? uri : "";
  u += (*u == '<');
  gsize slen = scheme_length (u);
  if (slen > 0)
    c->local = caller_local_sip (u, slen, ctx, c);
  else if (g_ascii_strncasecmp (u, "tel:", 4) == 0)
    c->local = caller_local_tel (u, ctx, c);
  if (c->local != NULL)
    c->jid = g_strconcat (c->local, "@", ctx->component, NULL);
  if (c->jid == NULL || !jgw_jid_is_valid (c->jid))
    {
      g_set_error (error, JGW_ADDRESS_ERROR, JGW_ADDRESS_ERROR_INVALID,
                   "'%s' is not a caller address (expected a sip:, sips: or tel: URI)", uri ? uri : "");
      return NULL;
    }
  c->name = display_unquote (display);
  return g_steal_pointer (&c);
}

char *
jgw_address_jid_for_input (const char *input, const JgwAddressContext *ctx, GError **error)
{
  g_autofree char *text = g_strstrip (g_strdup (input ? input : ""));
  g_autofree char *number = jgw_number_normalise (text, &ctx->plan);
  g_autofree char *local = jgw_jid_escape (number ? number : text);
  /* Check that it can be called before handing it out. */
  g_autoptr (JgwSipTarget) target = *text ? jgw_address_to_sip (local, ctx, error) : NULL;
  if (target == NULL)
    {
      if (*text == '\0')
        g_set_error_literal (error, JGW_ADDRESS_ERROR, JGW_ADDRESS_ERROR_INVALID,
                             "enter a phone number or a SIP address");
      return NULL;
    }
  char *jid = g_strconcat (local, "@", ctx->component, NULL);
  if (!jgw_jid_is_valid (jid))
    {
      g_set_error (error, JGW_ADDRESS_ERROR, JGW_ADDRESS_ERROR_INVALID, "'%s' cannot be called", text);
      g_clear_pointer (&jid, g_free);
    }
  return jid;
}
