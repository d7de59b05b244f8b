/* cmd_redial.c — `redial`: call the last number the user dialled (from the
 * call records in the store); with mode "repeat", retry while it is busy
 * every INTERVAL seconds up to ATTEMPTS times, with a chat notice from the
 * component when it connects or gives up; mode "stop" cancels. One
 * repeating redial per user. */
#define G_LOG_DOMAIN "jgw-commands"
#include "commands/cmd_dial.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
  JgwCommands *cmds;
  GHashTable *jobs; /* bare JID -> Job*, owned */
  guint watch;
} Redial;

typedef struct {
  Redial *redial;
  char *requester, *bare, *target, *lang;
  char *call_id;    /* the attempt in progress, NULL between attempts */
  guint interval_s, left;
  guint timer;
} Job;

static void
job_free (gpointer p)
{
  Job *job = p;
  g_clear_handle_id (&job->timer, g_source_remove);
  g_free (job->requester);
  g_free (job->bare);
  g_free (job->target);
  g_free (job->lang);
  g_free (job->call_id);
  g_free (job);
}

/* The callee of USER's newest outgoing call record, or NULL. */
static char *
last_dialled (JgwStore *store, const char *user)
{
  g_autoptr (GPtrArray) recs = jgw_store_call_list (store, user, 50, NULL);
  for (guint i = 0; recs && i < recs->len; i++)
    {
      JgwCallRecord *rec = g_ptr_array_index (recs, i);
      if (rec->direction == JGW_CALL_OUTGOING && rec->callee && *rec->callee)
        return g_strdup (rec->callee);
    }
  return NULL;
}

/* The notice texts each take the number once. */
typedef enum { NOTICE_ANSWERED, NOTICE_GAVE_UP, NOTICE_ENDED } Notice;

static void
job_notice (Job *job, Notice which)
{
  const JgwCatalog *cat = job->redial->cmds->ctx->catalog;
  g_autofree char *text = NULL;
  if (which == NOTICE_ANSWERED)
    text = g_strdup_printf (jgw_tr (cat, job->lang, N_("Redial: %s answered.")), job->target);
  else if (which == NOTICE_GAVE_UP)
    text = g_strdup_printf (jgw_tr (cat, job->lang, N_("Redial: %s stayed busy; I gave up.")), job->target);
  else
    text = g_strdup_printf (jgw_tr (cat, job->lang, N_("Redial: the call to %s ended.")), job->target);
  jgw_commands_notice (job->redial->cmds, job->requester, NULL, text);
}

static gboolean
job_attempt_cb (gpointer data)
{
  Job *job = data;
  job->timer = 0;
  g_autofree char *text = NULL;
  const char *condition = NULL;
  JgwCall *call = jgw_cmd_dial_place (job->redial->cmds, job->requester, job->target, DIAL_DEVICE_AUTO, job->lang,
                                      &text, &condition);
  job->left--;
  if (call == NULL)
    {
      jgw_commands_notice (job->redial->cmds, job->requester, NULL, text);
      g_hash_table_remove (job->redial->jobs, job->bare);
      return G_SOURCE_REMOVE;
    }
  g_free (job->call_id);
  job->call_id = g_strdup (jgw_call_get_id (call));
  return G_SOURCE_REMOVE;
}

static void
watch_cb (JgwCall *call, JgwCallEvent event, gpointer data)
{
  Redial *redial = data;
  Job *job = g_hash_table_lookup (redial->jobs, jgw_call_get_user (call));
  if (job == NULL || g_strcmp0 (job->call_id, jgw_call_get_id (call)) != 0)
    return;
  if (event == JGW_CALL_EVENT_ANSWERED)
    {
      job_notice (job, NOTICE_ANSWERED);
      g_hash_table_remove (redial->jobs, job->bare);
    }
  else if (event == JGW_CALL_EVENT_ENDED)
    {
      g_clear_pointer (&job->call_id, g_free);
      gboolean busy = g_strcmp0 (jgw_call_get_end_reason (call), "busy") == 0;
      if (busy && job->left > 0)
        job->timer = g_timeout_add_seconds (job->interval_s, job_attempt_cb, job);
      else
        {
          job_notice (job, busy ? NOTICE_GAVE_UP : NOTICE_ENDED);
          g_hash_table_remove (redial->jobs, job->bare);
        }
    }
}

/* Parse a whole number in [MIN, MAX]; DEF when TEXT is NULL. */
static gboolean
parse_uint (const char *text, guint def, guint min, guint max, guint *out)
{
  if (text == NULL || *text == '\0')
    return *out = def, TRUE;
  char *end = NULL;
  guint64 v = g_ascii_strtoull (text, &end, 10);
  *out = (guint) v;
  return *end == '\0' && v >= min && v <= max && g_ascii_isdigit (*text);
}

/* Run redial for REQUESTER: MODE "once" (NULL), "repeat" or "stop". */
static gboolean
redial_run (Redial *redial, const char *requester, const char *mode, const char *interval, const char *attempts,
            const char *lang, char **text, const char **condition)
{
  const JgwCatalog *cat = redial->cmds->ctx->catalog;
  g_autofree char *bare = g_strndup (requester, strcspn (requester, "/"));
  guint every = 0, times = 0;
  *condition = "bad-request";
  if (g_strcmp0 (mode, "stop") == 0)
    {
      gboolean had = g_hash_table_remove (redial->jobs, bare);
      *text = g_strdup (jgw_tr (cat, lang, had ? N_("Redial stopped.") : N_("No redial is running.")));
      return had;
    }
  if (mode && g_strcmp0 (mode, "once") != 0 && g_strcmp0 (mode, "repeat") != 0)
    return *text = g_strdup (jgw_tr (cat, lang, N_("Mode must be once, repeat or stop."))), FALSE;
  if (!parse_uint (interval, 30, 5, 3600, &every) || !parse_uint (attempts, 5, 1, 100, &times))
    return *text = g_strdup (jgw_tr (cat, lang, N_("Interval must be 5-3600 s and attempts 1-100."))), FALSE;
  g_autofree char *target = last_dialled (redial->cmds->ctx->store, bare);
  if (target == NULL)
    return *text = g_strdup (jgw_tr (cat, lang, N_("You have not dialled anyone yet."))), *condition = "item-not-found",
           FALSE;
  JgwCall *call = jgw_cmd_dial_place (redial->cmds, requester, target, DIAL_DEVICE_AUTO, lang, text, condition);
  if (call == NULL || g_strcmp0 (mode, "repeat") != 0)
    return call != NULL;
  Job *job = g_new0 (Job, 1);
  *job = (Job){ redial, g_strdup (requester), g_strdup (bare), g_strdup (target), g_strdup (lang),
                g_strdup (jgw_call_get_id (call)), every, times - 1, 0 };
  g_hash_table_replace (redial->jobs, job->bare, job);
  return TRUE;
}

static void
redial_execute (JgwAdhocCall *ac, gpointer data)
{
  g_autofree char *text = NULL;
  const char *condition = NULL;
  if (!redial_run (data, jgw_adhoc_call_from (ac), jgw_adhoc_call_value (ac, "mode"),
                   jgw_adhoc_call_value (ac, "interval"), jgw_adhoc_call_value (ac, "attempts"),
                   jgw_adhoc_call_lang (ac), &text, &condition))
    {
      if (jgw_cmd_is_refusal (condition))
        {
          jgw_adhoc_call_fail (ac, condition, text);
          return;
        }
      jgw_adhoc_call_note (ac, "error", text);
      jgw_adhoc_call_complete (ac, NULL);
      return;
    }
  jgw_adhoc_call_note (ac, "info", text);
  jgw_adhoc_call_complete (ac, NULL);
}

/* "redial", "redial stop", "redial repeat [SECONDS [TIMES]]". */
static void
redial_chat (JgwChatRequest *r, const char *args, gpointer data)
{
  g_auto (GStrv) w = g_strsplit_set (args, " \t", 4);
  const char *mode = w[0] && *w[0] ? w[0] : NULL;
  if (g_strcmp0 (mode, "wiederholen") == 0)
    mode = "repeat";
  else if (g_strcmp0 (mode, "stopp") == 0)
    mode = "stop";
  g_autofree char *text = NULL;
  const char *condition = NULL;
  redial_run (data, jgw_chat_request_from (r), mode, mode ? w[1] : NULL, mode && w[1] ? w[2] : NULL,
              jgw_chat_request_lang (r), &text, &condition);
  jgw_chat_reply (r, text);
}

static void
redial_free (gpointer p)
{
  Redial *redial = p;
  jgw_calls_unwatch (redial->cmds->ctx->calls, redial->watch);
  g_hash_table_unref (redial->jobs);
  g_free (redial);
}

static const JgwAdhocCommand redial_command = { "redial", N_("Redial"), FALSE, redial_execute };

void
jgw_cmd_redial_register (JgwCommands *cmds)
{
  Redial *redial = g_new0 (Redial, 1);
  redial->cmds = cmds;
  redial->jobs = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, job_free);
  redial->watch = jgw_calls_watch (cmds->ctx->calls, watch_cb, redial);
  jgw_commands_on_free (cmds, redial_free, redial);
  jgw_adhoc_register (cmds->ctx->adhoc, &redial_command, redial);
  jgw_chat_add_verb (cmds, "redial", "wahlwiederholung",
                     N_("redial [repeat [SECONDS [TIMES]] | stop] — call the last number again"), redial_chat,
                     redial);
}
