/* mailbox.c — voicemail boxes: message-summary subscriptions, counts, and
 * the new-voicemail notice (see mailbox.h). */
#define G_LOG_DOMAIN "jgw-commands"
#include "commands/mailbox.h"

#include "sip/sip_events.h"
#include "xmpp/jid.h"

#include <string.h>

#define MWI_EXPIRES 3600
#define MWI_ACCEPT "application/simple-message-summary"

struct _JgwMailboxes {
  JgwCommands *cmds;
  GHashTable *boxes; /* bare JID -> Mailbox*, owned */
};

typedef struct {
  JgwMailboxes *boxes;
  char *jid;
  char *lang;            /* language of notices */
  char *uri;
  char *account;
  JgwSipSubscription *sub;
  JgwMailboxInfo info;
  guint notice_timer;    /* a notice waits for the XMPP stream to come up */
  guint notice_tries;
} Mailbox;

static void
mailbox_free (gpointer p)
{
  Mailbox *m = p;
  g_clear_handle_id (&m->notice_timer, g_source_remove);
  jgw_sip_unsubscribe (m->sub);
  g_free (m->jid);
  g_free (m->lang);
  g_free (m->uri);
  g_free (m->account);
  g_free (m);
}

static const JgwUserConfig *
user_config (JgwMailboxes *boxes, const char *bare)
{
  GPtrArray *users = boxes->cmds->ctx->config->users;
  for (guint i = 0; users && i < users->len; i++)
    {
      const JgwUserConfig *u = g_ptr_array_index (users, i);
      if (g_ascii_strcasecmp (u->jid, bare) == 0)
        return u;
    }
  return NULL;
}

/* [user:JID] mailbox, else the user's own address (RFC 3842 4: the
 * subscription is to the user's account). */
static char *
mailbox_uri (JgwMailboxes *boxes, const char *bare)
{
  const JgwUserConfig *u = user_config (boxes, bare);
  if (u == NULL)
    return NULL;
  g_autofree char *group = g_strdup_printf ("user:%s", u->jid);
  char *uri = g_key_file_get_string (boxes->cmds->ctx->config->keyfile, group, "mailbox", NULL);
  return uri ? uri : g_strdup (u->sip_uri);
}

char *
jgw_mailbox_counts_text (JgwMailboxes *boxes, const JgwMailboxInfo *info, const char *lang)
{
  const JgwCatalog *cat = boxes->cmds->ctx->catalog;
  if (!info->known)
    return g_strdup (jgw_tr (cat, lang, N_("No message count yet.")));
  return g_strdup_printf (jgw_tr (cat, lang, N_("%u new, %u old voice messages")), info->voice_new,
                          info->voice_old);
}

static gboolean retry_notice (gpointer data);

/* Mailboxes configured are subscribed at start-up, before the component's
 * stream is up; a notice then waits (up to two minutes) for it. */
static void
send_notice (Mailbox *m)
{
  JgwMailboxes *boxes = m->boxes;
  if (!jgw_component_is_online (boxes->cmds->ctx->component))
    {
      if (m->notice_timer == 0)
        m->notice_tries = 0, m->notice_timer = g_timeout_add_seconds (1, retry_notice, m);
      return;
    }
  const JgwCatalog *cat = boxes->cmds->ctx->catalog;
  g_autofree char *counts = jgw_mailbox_counts_text (boxes, &m->info, m->lang);
  g_autofree char *text = g_strdup_printf ("%s %s.", jgw_tr (cat, m->lang, N_("New voicemail:")), counts);
  jgw_commands_notice (boxes->cmds, m->jid, NULL, text);
}

static gboolean
retry_notice (gpointer data)
{
  Mailbox *m = data;
  if (!jgw_component_is_online (m->boxes->cmds->ctx->component) && ++m->notice_tries < 120)
    return G_SOURCE_CONTINUE;
  m->notice_timer = 0;
  if (jgw_component_is_online (m->boxes->cmds->ctx->component))
    send_notice (m);
  return G_SOURCE_REMOVE;
}

static void
notify_cb (JgwSipSubscription *sub, const char *content_type, const char *body, gpointer data)
{
  Mailbox *m = data;
  JgwMessageSummary s;
  g_autoptr (GError) error = NULL;
  if (content_type && g_ascii_strcasecmp (content_type, MWI_ACCEPT) != 0)
    return (void) g_warning ("mailbox of %s: ignoring a NOTIFY of type %s", m->jid, content_type);
  if (!jgw_message_summary_parse (body, &s, &error))
    return (void) g_warning ("mailbox of %s: ignoring a NOTIFY: %s", m->jid, error->message);
  guint before = m->info.known ? m->info.voice_new : 0;
  m->info.known = TRUE;
  m->info.waiting = s.waiting;
  m->info.voice_new = s.voice_new;
  m->info.voice_old = s.voice_old;
  g_free (m->account);
  m->account = g_steal_pointer (&s.account);
  m->info.account = m->account;
  g_message ("mailbox of %s: %s, %u new, %u old", m->jid, s.waiting ? "waiting" : "empty", s.voice_new,
             s.voice_old);
  if (s.waiting && s.voice_new > before)
    send_notice (m);
  jgw_message_summary_clear (&s);
}

static void
status_cb (JgwSipSubscription *sub, guint status, const char *phrase, gpointer data)
{
  Mailbox *m = data;
  m->info.status = status;
  if (status < 300)
    return;
  g_warning ("mailbox of %s: subscription refused: %u %s", m->jid, status, phrase);
  m->info.subscribed = FALSE;
  m->sub = NULL; /* over: the UA frees it once the handle is done */
  jgw_sip_unsubscribe (sub);
}

gboolean
jgw_mailbox_subscribe (JgwMailboxes *boxes, const char *bare, const char *lang, GError **error)
{
  Mailbox *m = g_hash_table_lookup (boxes->boxes, bare);
  if (m && m->sub)
    {
      g_free (m->lang);
      m->lang = g_strdup (lang);
      return TRUE;
    }
  g_autofree char *uri = mailbox_uri (boxes, bare);
  if (uri == NULL)
    return g_set_error (error, JGW_SIP_ERROR, JGW_SIP_ERROR_ARGUMENT, "%s has no SIP identity", bare), FALSE;
  if (m == NULL)
    {
      m = g_new0 (Mailbox, 1);
      m->boxes = boxes;
      m->jid = g_strdup (bare);
      g_hash_table_insert (boxes->boxes, m->jid, m);
    }
  g_free (m->lang);
  m->lang = g_strdup (lang);
  g_free (m->uri);
  m->uri = g_steal_pointer (&uri);
  m->info = (JgwMailboxInfo) { .uri = m->uri };
  JgwSipUa *ua = jgw_calls_sip (boxes->cmds->ctx->calls);
  m->sub = jgw_sip_subscribe (ua, bare, m->uri, "message-summary", MWI_ACCEPT, MWI_EXPIRES, notify_cb,
                              status_cb, m, error);
  m->info.subscribed = m->sub != NULL;
  return m->sub != NULL;
}

gboolean
jgw_mailbox_unsubscribe (JgwMailboxes *boxes, const char *bare)
{
  Mailbox *m = g_hash_table_lookup (boxes->boxes, bare);
  if (m == NULL || m->sub == NULL)
    return FALSE;
  jgw_sip_unsubscribe (g_steal_pointer (&m->sub));
  m->info.subscribed = FALSE;
  return TRUE;
}

const JgwMailboxInfo *
jgw_mailbox_info (JgwMailboxes *boxes, const char *bare)
{
  Mailbox *m = g_hash_table_lookup (boxes->boxes, bare);
  return m ? &m->info : NULL;
}

/* "sip:*97@pbx" -> "*97@pbx", which the router turns into a JID. */
static const char *
strip_scheme (const char *uri)
{
  if (g_str_has_prefix (uri, "sip:"))
    return uri + 4;
  return g_str_has_prefix (uri, "sips:") ? uri + 5 : uri;
}

char *
jgw_mailbox_dial_jid (JgwMailboxes *boxes, const char *bare, GError **error)
{
  const JgwCommandsContext *ctx = boxes->cmds->ctx;
  g_autofree char *number = g_key_file_get_string (ctx->config->keyfile, "calls", "voicemail-number", NULL);
  Mailbox *m = g_hash_table_lookup (boxes->boxes, bare);
  g_autofree char *uri = m ? NULL : mailbox_uri (boxes, bare);
  const char *target = number ? number : m && m->account ? m->account : m ? m->uri : uri;
  if (target == NULL)
    return g_set_error (error, JGW_SIP_ERROR, JGW_SIP_ERROR_ARGUMENT, "%s has no mailbox", bare), NULL;
  /* A number at our own SIP domain dials as NUMBER@component. */
  g_autofree char *typed = g_strdup (strip_scheme (target));
  char *at = strchr (typed, '@');
  if (at && g_ascii_strcasecmp (at + 1, ctx->config->sip.domain) == 0)
    *at = '\0';
  return jgw_router_jid_for_input (ctx->router, bare, typed, error);
}

static void
subscribe_configured (JgwMailboxes *boxes)
{
  const JgwConfig *config = boxes->cmds->ctx->config;
  for (guint i = 0; config->users && i < config->users->len; i++)
    {
      const JgwUserConfig *u = g_ptr_array_index (config->users, i);
      g_autofree char *group = g_strdup_printf ("user:%s", u->jid);
      g_autoptr (GError) error = NULL;
      if (g_key_file_has_key (config->keyfile, group, "mailbox", NULL)
          && !jgw_mailbox_subscribe (boxes, u->jid, NULL, &error))
        g_warning ("mailbox of %s: %s", u->jid, error->message);
    }
}

JgwMailboxes *
jgw_mailboxes_new (JgwCommands *cmds)
{
  JgwMailboxes *boxes = g_new0 (JgwMailboxes, 1);
  boxes->cmds = cmds;
  boxes->boxes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, mailbox_free);
  subscribe_configured (boxes);
  return boxes;
}

void
jgw_mailboxes_free (JgwMailboxes *boxes)
{
  if (boxes == NULL)
    return;
  g_hash_table_unref (boxes->boxes);
  g_free (boxes);
}
