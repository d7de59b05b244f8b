/* dialplan.c — numbering plan, blocked prefixes and prefix routes. */
#define G_LOG_DOMAIN "jgw-identity"
#include "identity/dialplan.h"

#include <string.h>

#include "config_check.h"
#include "identity/keys.h"

G_DEFINE_QUARK (jgw-dialplan-error-quark, jgw_dialplan_error)

struct _JgwDialplan {
  char *country_code;
  char *international_prefix;
  char *national_prefix;
  gboolean us_international;
  char **blocked;      /* normalised prefixes */
  GPtrArray *routes;   /* of JgwRoute*, file order */
  JgwRoute *fallback;  /* [route:default] or the built-in default */
};

/* The RCS seed's profiles: on-net peers speak Opus with SRTP and ICE;
 * off-net (PSTN trunks, old PBXs) G.711 in clear. */
static const struct {
  const char *name;
  const char *codecs;
  JgwSrtpPolicy srtp;
  gboolean ice;
} profiles[] = {
  { "default", "opus, G722, PCMA, PCMU", JGW_SRTP_OPTIONAL, FALSE },
  { "on-net", "opus", JGW_SRTP_REQUIRED, TRUE },
  { "off-net", "PCMA, PCMU", JGW_SRTP_OFF, FALSE },
};

static const char *const codec_names[] = { "opus", "G722", "PCMU", "PCMA", NULL };
static const char *const srtp_names[] = { "off", "optional", "required", NULL };
static const char *const profile_names[] = { "default", "on-net", "off-net", NULL };
static const char *const dialplan_keys[] = {
  "country-code", "international-prefix", "national-prefix", "us-international-prefix",
  "blocked-prefixes", NULL,
};
static const char *const route_keys[] = {
  "target", "codecs", "srtp", "ice", "caller-id", "profile", "strip", "prepend", NULL,
};

void
jgw_route_free (JgwRoute *r)
{
  if (r == NULL)
    return;
  g_free (r->prefix);
  g_free (r->target);
  g_strfreev (r->codecs);
  g_free (r->caller_id_value);
  g_free (r->prepend);
  g_free (r->profile);
  g_free (r);
}

void
jgw_dialplan_free (JgwDialplan *plan)
{
  if (plan == NULL)
    return;
  g_free (plan->country_code);
  g_free (plan->international_prefix);
  g_free (plan->national_prefix);
  g_strfreev (plan->blocked);
  if (plan->fallback && !g_ptr_array_find (plan->routes, plan->fallback, NULL))
    jgw_route_free (plan->fallback);
  g_ptr_array_unref (plan->routes);
  g_free (plan);
}

void
jgw_dialplan_number_plan (const JgwDialplan *plan, const char *country_code, JgwNumberPlan *out)
{
  out->country_code = country_code && *country_code ? country_code : plan->country_code;
  out->international_prefix = plan->international_prefix;
  out->national_prefix = plan->national_prefix;
  out->us_international = plan->us_international;
}

/* A prefix as written in the file, in the form numbers are compared in
 * ("0900" -> "+49900" with country code 49); NULL if it is not one. */
static char *
prefix_normalise (const JgwDialplan *plan, const char *raw)
{
  gsize n = strlen (raw);
  if (n > 0 && strspn (raw, "*#") == n)
    return g_strdup (raw); /* a route for service codes */
  JgwNumberPlan np;
  jgw_dialplan_number_plan (plan, NULL, &np);
  return jgw_number_normalise (raw, &np);
}

static char **
read_codecs (JgwKeyCheck *ck, const char *group, const char *spec_default)
{
  g_auto (GStrv) list = jgw_keycheck_list (ck, group, "codecs");
  if (list == NULL)
    list = g_strsplit (spec_default, ", ", -1);
  GPtrArray *out = g_ptr_array_new ();
  for (char **c = list; *c; c++)
    {
      const char *known = NULL;
      for (const char *const *k = codec_names; *k && !known; k++)
        if (g_ascii_strcasecmp (*c, *k) == 0)
          known = *k;
      if (known == NULL)
        jgw_keycheck_complain (ck, group, "codecs", "unknown codec '%s' (known: opus, G722, PCMU, PCMA)", *c);
      else
        g_ptr_array_add (out, g_strdup (known));
    }
  if (out->len == 0 && list[0] == NULL)
    jgw_keycheck_complain (ck, group, "codecs", "needs at least one codec");
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

static void
read_caller_id (JgwKeyCheck *ck, const char *group, JgwRoute *r)
{
  g_autofree char *v = jgw_keycheck_str (ck, group, "caller-id", "user");
  static const char *const rules[] = { "user", "number", "anonymous", NULL };
  for (int i = 0; rules[i]; i++)
    if (g_ascii_strcasecmp (v, rules[i]) == 0)
      {
        r->caller_id = (JgwCallerIdRule) i;
        return;
      }
  if (!jgw_number_is_phone (v) && !jgw_check_sip_uri (v))
    jgw_keycheck_complain (ck, group, "caller-id",
                           "'%s' is not user, number, anonymous, a phone number or a SIP URI", v);
  r->caller_id = JGW_CALLER_ID_FIXED;
  r->caller_id_value = g_steal_pointer (&v);
}

static void
read_target (JgwKeyCheck *ck, const char *group, JgwRoute *r)
{
  g_autofree char *v = jgw_keycheck_str (ck, group, "target", NULL);
  if (v == NULL)
    return;
  if (g_ascii_strcasecmp (v, "registrar") == 0)
    r->via_registrar = TRUE;
  else if (jgw_check_sip_uri (v))
    r->target = g_steal_pointer (&v);
  else
    jgw_keycheck_complain (ck, group, "target", "'%s' is not a SIP URI or 'registrar'", v);
}

static void
read_prepend (JgwKeyCheck *ck, const char *group, JgwRoute *r)
{
  r->prepend = jgw_keycheck_str (ck, group, "prepend", "");
  gsize n = strlen (r->prepend);
  if (n > 8 || strspn (r->prepend, "+0123456789*#") != n || strchr (r->prepend + (n > 0), '+'))
    jgw_keycheck_complain (ck, group, "prepend", "'%s' is not up to 8 digits (optionally after +)",
                           r->prepend);
}

static JgwRoute *
read_route (JgwDialplan *plan, JgwKeyCheck *ck, const char *group)
{
  const char *raw = group + strlen ("route:");
  JgwRoute *r = g_new0 (JgwRoute, 1);
  gboolean is_default = g_ascii_strcasecmp (raw, "default") == 0;
  r->prefix = is_default ? g_strdup ("") : prefix_normalise (plan, raw);
  if (r->prefix == NULL)
    {
      jgw_keycheck_complain (ck, group, "(group name)", "'%s' is not a number prefix or 'default'", raw);
      r->prefix = g_strdup (raw);
    }
  jgw_keycheck_warn_unknown (ck, group, route_keys);
  int p = jgw_keycheck_enum (ck, group, "profile", profile_names, 0);
  r->profile = g_strdup (profile_names[p]);
  r->codecs = read_codecs (ck, group, profiles[p].codecs);
  r->srtp = (JgwSrtpPolicy) jgw_keycheck_enum (ck, group, "srtp", srtp_names, (int) profiles[p].srtp);
  r->ice = jgw_keycheck_bool (ck, group, "ice", profiles[p].ice);
  read_target (ck, group, r);
  read_caller_id (ck, group, r);
  r->strip = jgw_keycheck_uint (ck, group, "strip", 0, 15, 0);
  read_prepend (ck, group, r);
  return r;
}

static void
read_numbering (JgwDialplan *plan, JgwKeyCheck *ck)
{
  const char *g = "dialplan";
  jgw_keycheck_warn_unknown (ck, g, dialplan_keys);
  plan->country_code = jgw_keycheck_digits (ck, g, "country-code", 1, 3, NULL);
  plan->international_prefix = jgw_keycheck_digits (ck, g, "international-prefix", 1, 4, "00");
  plan->national_prefix = jgw_keycheck_digits (ck, g, "national-prefix", 0, 2, "0");
  plan->us_international = jgw_keycheck_bool (ck, g, "us-international-prefix", FALSE);
  g_auto (GStrv) blocked = jgw_keycheck_list (ck, g, "blocked-prefixes");
  GPtrArray *out = g_ptr_array_new ();
  for (char **b = blocked; b && *b; b++)
    {
      char *n = prefix_normalise (plan, *b);
      if (n == NULL)
        jgw_keycheck_complain (ck, g, "blocked-prefixes", "'%s' is not a number prefix", *b);
      else
        g_ptr_array_add (out, n);
    }
  g_ptr_array_add (out, NULL);
  plan->blocked = (char **) g_ptr_array_free (out, FALSE);
}

JgwDialplan *
jgw_dialplan_new (GKeyFile *kf, const char *file, GError **error)
{
  g_autoptr (JgwDialplan) plan = g_new0 (JgwDialplan, 1);
  plan->routes = g_ptr_array_new_with_free_func ((GDestroyNotify) jgw_route_free);
  JgwKeyCheck ck;
  jgw_keycheck_init (&ck, kf, file);
  read_numbering (plan, &ck);
  g_auto (GStrv) groups = g_key_file_get_groups (kf, NULL);
  for (char **g = groups; *g; g++)
    if (g_str_has_prefix (*g, "route:") && (*g)[6] != '\0')
      {
        JgwRoute *r = read_route (plan, &ck, *g);
        g_ptr_array_add (plan->routes, r);
        if (*r->prefix == '\0')
          plan->fallback = r;
      }
  if (plan->fallback == NULL)
    plan->fallback = read_route (plan, &ck, "route:default");
  if (!jgw_keycheck_finish (&ck, JGW_DIALPLAN_ERROR, JGW_DIALPLAN_ERROR_CONFIG, error))
    return NULL;
  return g_steal_pointer (&plan);
}

const JgwRoute *
jgw_dialplan_route (const JgwDialplan *plan, const char *number, GError **error)
{
  for (char **b = plan->blocked; *b; b++)
    if (g_str_has_prefix (number, *b))
      {
        g_set_error (error, JGW_DIALPLAN_ERROR, JGW_DIALPLAN_ERROR_BLOCKED,
                     "calls to %s are not allowed: prefix %s is blocked by the dial plan", number, *b);
        return NULL;
      }
  const JgwRoute *best = plan->fallback;
  for (guint i = 0; i < plan->routes->len; i++)
    {
      const JgwRoute *r = g_ptr_array_index (plan->routes, i);
      if (g_str_has_prefix (number, r->prefix) && strlen (r->prefix) > strlen (best->prefix))
        best = r;
    }
  return best;
}

JgwRoute *
jgw_route_with_profile (const JgwRoute *route, const char *profile)
{
  for (gsize p = 0; p < G_N_ELEMENTS (profiles); p++)
    if (g_strcmp0 (profile, profiles[p].name) == 0)
      {
        JgwRoute *r = g_new0 (JgwRoute, 1);
        *r = *route;
        r->prefix = g_strdup (route->prefix);
        r->target = g_strdup (route->target);
        r->caller_id_value = g_strdup (route->caller_id_value);
        r->prepend = g_strdup (route->prepend);
        r->profile = g_strdup (profiles[p].name);
        r->codecs = g_strsplit (profiles[p].codecs, ", ", -1);
        r->srtp = profiles[p].srtp;
        r->ice = profiles[p].ice;
        return r;
      }
  return NULL;
}

char *
jgw_route_apply (const JgwRoute *route, const char *number)
{
  gsize n = strlen (number);
  const char *rest = number + MIN (route->strip, n);
  return g_strconcat (route->prepend ? route->prepend : "", rest, NULL);
}

const GPtrArray *
jgw_dialplan_routes (const JgwDialplan *plan)
{
  return plan->routes;
}
