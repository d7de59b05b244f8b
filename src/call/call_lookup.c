/* call_lookup.c — the directory on the call path. Users known only to a
 * directory (LDAP) have no SIP account at the UA: an INVITE for them is
 * claimed and looked up, and their own calls get their SIP identity from
 * the directory first. A caller without a display name is named by a
 * reverse look-up of their number (CNIP).
 *
 * Every look-up runs on the main loop and is bounded by [calls]
 * lookup-timeout: an INVITE is answered 404 on a definite miss and 503
 * with Retry-After when the directory is down or too slow; a caller's name
 * that does not come in time is left out. A look-up outlives what it was
 * for (the caller hangs up, the identities are replaced on reload, the
 * manager is freed): the identities API answers every request exactly
 * once, so each record is freed by its answer. */
#define G_LOG_DOMAIN "jgw-call"
#include "call/call_private.h"

#include <string.h>

#include "log.h"

#define LOOKUP_TIMEOUT_DEFAULT 3 /* seconds */
#define RETRY_AFTER 30           /* seconds, in a 503 while the directory is down */

typedef enum { ASK_CALLEE, ASK_CALLER, ASK_LINE } Ask;

typedef struct {
  JgwCalls *calls;       /* NULL once the manager is gone */
  Ask ask;
  gboolean asking;       /* a request is out at the identities */
  gboolean done;         /* the outcome is settled; only the answer is awaited */
  guint retries;         /* re-asked after a reload */
  guint timer;
  GCancellable *cancel;
  /* ASK_CALLEE / ASK_CALLER: the INVITE, copied. */
  JgwSipCall *sip;       /* NULL once the SIP call ended */
  char *jid, *caller_uri, *caller_user, *caller_host, *display_name, *sdp_offer, *target_user;
  /* ASK_LINE: the call placed by a directory user, by id. */
  char *call_id, *local;
} Lookup;

static void ask (Lookup *l);

static guint
lookup_timeout (JgwCalls *calls)
{
  g_autoptr (GError) error = NULL;
  gint v = g_key_file_get_integer (calls->config->keyfile, "calls", "lookup-timeout", &error);
  return error || v <= 0 ? LOOKUP_TIMEOUT_DEFAULT : (guint) v;
}

static void
lookup_free (Lookup *l)
{
  g_clear_object (&l->cancel);
  g_free (l->jid);
  g_free (l->caller_uri);
  g_free (l->caller_user);
  g_free (l->caller_host);
  g_free (l->display_name);
  g_free (l->sdp_offer);
  g_free (l->target_user);
  g_free (l->call_id);
  g_free (l->local);
  g_free (l);
}

static const JgwSipEvents lookup_sip_events;

/* The outcome is settled: stop the timer and let go of the SIP call; the
 * record goes with the answer still out, or now. */
static void
lookup_settle (Lookup *l)
{
  l->done = TRUE;
  g_clear_handle_id (&l->timer, g_source_remove);
  g_cancellable_cancel (l->cancel);
  if (l->sip)
    jgw_sip_call_set_events (l->sip, NULL, NULL);
  l->sip = NULL;
  if (l->calls)
    g_hash_table_remove (l->calls->lookups, l);
  if (!l->asking)
    lookup_free (l);
}

/* --- SIP -> XMPP --- */

static void
incoming_refuse (Lookup *l, guint status, const char *why)
{
  JgwSipCall *sip = l->sip;
  g_message ("SIP call %s for %s refused: %u (%s)", jgw_sip_call_get_id (sip), l->target_user, status, why);
  /* Settle first: refusing ends the SIP call, whose end must not come here. */
  lookup_settle (l);
  if (status == 503)
    jgw_sip_call_reject_retry (sip, status, RETRY_AFTER, NULL);
  else
    jgw_sip_call_reject (sip, status, NULL);
}

static void
incoming_ring (Lookup *l)
{
  JgwCalls *calls = l->calls;
  JgwSipCall *sip = l->sip;
  /* Settle first (the record may go): ringing may end the SIP call at
   * once (busy, no client), which must not come back here. */
  g_autofree char *jid = g_steal_pointer (&l->jid), *uri = g_steal_pointer (&l->caller_uri),
                   *user = g_steal_pointer (&l->caller_user), *host = g_steal_pointer (&l->caller_host),
                   *name = g_steal_pointer (&l->display_name), *sdp = g_steal_pointer (&l->sdp_offer),
                   *target = g_steal_pointer (&l->target_user);
  lookup_settle (l);
  JgwSipIncoming info = { jid, uri, user, host, name, sdp, target, FALSE };
  jgw_call_in_incoming (calls, sip, &info);
}

/* The callee is known: their DND/busy rules, then the caller's name. */
static void
incoming_callee (Lookup *l, const JgwIdentity *identity)
{
  l->jid = g_utf8_strdown (identity->jid, -1);
  JGW_LOG_CALL (G_LOG_LEVEL_INFO, jgw_sip_call_get_id (l->sip), "%s is %s (from the %s directory)",
                l->target_user, l->jid, identity->source ? identity->source : "?");
  guint status = jgw_call_in_policy (l->calls, l->jid);
  if (status != 0)
    {
      incoming_refuse (l, status, "busy or do not disturb");
      return;
    }
  if (l->display_name == NULL && l->caller_uri && l->calls->identities)
    {
      l->ask = ASK_CALLER;
      ask (l);
      return;
    }
  incoming_ring (l);
}

static void
incoming_answer (Lookup *l, const JgwIdentity *identity, const GError *error)
{
  if (l->ask == ASK_CALLER)
    {
      if (identity && identity->display_name && *identity->display_name)
        l->display_name = g_strdup (identity->display_name);
      else if (error)
        g_info ("no caller name for %s: %s", l->caller_user, error->message);
      incoming_ring (l);
    }
  else if (error)
    incoming_refuse (l, 503, error->message);
  else if (identity == NULL || identity->jid == NULL)
    incoming_refuse (l, 404, "nobody has this address");
  else
    incoming_callee (l, identity);
}

/* The caller gave up (CANCEL) or the UA ended the call while we looked up. */
static void
lookup_sip_ended (JgwSipUa *ua, JgwSipCall *sip, guint status, const char *phrase, gboolean by_remote,
                  gpointer data)
{
  Lookup *l = data;
  l->sip = NULL;
  lookup_settle (l);
}

static const JgwSipEvents lookup_sip_events = {
  .ended = lookup_sip_ended,
};

/* --- XMPP -> SIP: a directory user's own line --- */

static JgwCall *
line_call (Lookup *l)
{
  JgwCall *call = g_hash_table_lookup (l->calls->calls, l->call_id);
  return call && call->state != CALL_ENDED ? call : NULL;
}

/* The directory's identity becomes the user's SIP account at the UA (no
 * REGISTER without credentials), replacing what an earlier call added. */
static gboolean
line_account (JgwCall *call, const JgwIdentity *id, GError **error)
{
  JgwUserConfig user = { .jid = call->user, .sip_uri = id->sip_uri, .display_name = id->display_name,
                         .auth_user = id->auth_user, .password = id->password, .registrar = id->registrar,
                         .country_code = id->country_code };
  jgw_sip_ua_remove_account (call->calls->sip, call->user);
  return jgw_sip_ua_add_account (call->calls->sip, &user, error);
}

static void
line_answer (Lookup *l, const JgwIdentity *identity, const GError *error)
{
  JgwCall *call = line_call (l);
  g_autofree char *local = g_strdup (l->local);
  lookup_settle (l);
  if (call == NULL)
    return;
  g_autoptr (GError) e = NULL;
  if (error)
    jgw_call_end (call, JGW_REASON_CONNECTIVITY_ERROR, "the directory is not reachable; try again later", 0);
  else if (identity == NULL || identity->sip_uri == NULL)
    jgw_call_end (call, JGW_REASON_DECLINE, "you have no phone line at this gateway", 0);
  else if (!line_account (call, identity, &e))
    jgw_call_end (call, JGW_REASON_GENERAL_ERROR, e->message, 0);
  else
    {
      JGW_LOG_CALL (G_LOG_LEVEL_INFO, call->id, "%s calls as %s (from the %s directory)", call->user,
                    identity->sip_uri, identity->source ? identity->source : "?");
      jgw_call_out_place (call, local);
    }
}

/* --- asking --- */

static void
answer_h (JgwIdentity *identity, const GError *error, gpointer data)
{
  Lookup *l = data;
  l->asking = FALSE;
  if (l->done)
    {
      jgw_identity_free (identity);
      lookup_free (l);
      return;
    }
  /* Answered CANCELLED without our asking: the identities were replaced
   * (reload); ask the new ones once. */
  if (error && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && l->retries++ < 1
      && l->calls->identities)
    {
      ask (l);
      return;
    }
  if (l->ask == ASK_LINE)
    line_answer (l, identity, error);
  else
    incoming_answer (l, identity, error);
  jgw_identity_free (identity);
}

static gboolean
timeout_cb (gpointer data)
{
  Lookup *l = data;
  l->timer = 0;
  const GError e = { JGW_IDENTITY_ERROR, JGW_IDENTITY_ERROR_UNAVAILABLE, (char *) "the directory did not answer in time" };
  g_warning ("directory look-up for %s timed out",
             l->ask == ASK_LINE ? l->call_id : l->ask == ASK_CALLER ? l->caller_user : l->target_user);
  /* The request stays out until the identities answer it (cancelled). */
  g_cancellable_cancel (l->cancel);
  if (l->ask == ASK_LINE)
    line_answer (l, NULL, &e);
  else
    incoming_answer (l, NULL, &e);
  return G_SOURCE_REMOVE;
}

static void
ask (Lookup *l)
{
  JgwCalls *calls = l->calls;
  g_clear_object (&l->cancel);
  l->cancel = g_cancellable_new ();
  l->asking = TRUE;
  g_info ("directory look-up (%s) started", l->ask == ASK_LINE ? "line" : l->ask == ASK_CALLER ? "caller name" : "callee");
  if (l->timer == 0)
    l->timer = g_timeout_add_seconds (lookup_timeout (calls), timeout_cb, l);
  if (l->ask == ASK_LINE)
    {
      JgwCall *call = line_call (l);
      jgw_identities_by_jid (calls->identities, call ? call->user : "", l->cancel, answer_h, l);
    }
  else if (l->ask == ASK_CALLER)
    jgw_identities_by_sip (calls->identities, l->caller_uri, l->cancel, answer_h, l);
  else
    {
      g_autofree char *uri = g_strdup_printf ("sip:%s@%s", l->target_user, calls->config->sip.domain);
      jgw_identities_by_sip (calls->identities, uri, l->cancel, answer_h, l);
    }
}

static Lookup *
lookup_new (JgwCalls *calls, Ask what)
{
  Lookup *l = g_new0 (Lookup, 1);
  l->calls = calls;
  l->ask = what;
  g_hash_table_add (calls->lookups, l);
  return l;
}

/* --- entry points --- */

gboolean
jgw_call_lookup_claims (JgwCalls *calls, const char *ruri_user)
{
  return calls->identities != NULL && ruri_user != NULL && *ruri_user != '\0';
}

gboolean
jgw_call_lookup_wanted (JgwCalls *calls, const JgwSipIncoming *info)
{
  if (calls->identities == NULL)
    return FALSE;
  return info->claimed || info->display_name == NULL || *info->display_name == '\0';
}

void
jgw_call_lookup_incoming (JgwCalls *calls, JgwSipCall *sip, const JgwSipIncoming *info)
{
  Lookup *l = lookup_new (calls, info->claimed ? ASK_CALLEE : ASK_CALLER);
  l->sip = sip;
  l->jid = info->claimed ? NULL : g_strdup (info->jid);
  l->caller_uri = g_strdup (info->caller_uri);
  l->caller_user = g_strdup (info->caller_user);
  l->caller_host = g_strdup (info->caller_host);
  l->display_name = info->display_name && *info->display_name ? g_strdup (info->display_name) : NULL;
  l->sdp_offer = g_strdup (info->sdp_offer);
  l->target_user = g_strdup (info->target_user);
  jgw_sip_call_set_events (sip, &lookup_sip_events, l);
  if (l->ask == ASK_CALLER && l->caller_uri == NULL)
    {
      incoming_ring (l);
      return;
    }
  ask (l);
}

void
jgw_call_lookup_line (JgwCall *call, const char *local)
{
  Lookup *l = lookup_new (call->calls, ASK_LINE);
  l->call_id = g_strdup (call->id);
  l->local = g_strdup (local);
  ask (l);
}

void
jgw_call_lookups_orphan (JgwCalls *calls)
{
  GHashTableIter it;
  gpointer key;
  g_hash_table_iter_init (&it, calls->lookups);
  while (g_hash_table_iter_next (&it, &key, NULL))
    {
      Lookup *l = key;
      g_hash_table_iter_remove (&it);
      l->calls = NULL; /* already out of the table */
      lookup_settle (l);
    }
}
