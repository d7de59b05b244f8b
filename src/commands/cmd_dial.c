/* cmd_dial.c — the `dial` command and the chat verb `call`/`anrufen`: a
 * number, SIP address or JID, on this chat client (the gateway rings the
 * client with a Jingle call, then places the SIP call) or on the user's desk
 * phone (click-to-call, in the call layer). */
#define G_LOG_DOMAIN "jgw-commands"
#include "commands/cmd_dial.h"

#include <string.h>

static JgwCall *
place_on_client (JgwCommands *cmds, const char *requester, const char *target, const JgwCatalog *cat,
                 const char *lang, char **text, GError **error)
{
  g_autofree char *device = jgw_calls_dial_device (cmds->ctx->calls, requester);
  if (device == NULL)
    {
      g_set_error_literal (error, JGW_CALL_ERROR, JGW_CALL_ERROR_STATE,
                           "None of your clients takes Jingle audio calls; dial on your phone instead.");
      return NULL;
    }
  JgwCall *call = jgw_calls_dial (cmds->ctx->calls, device, target, error);
  if (call)
    *text = g_strdup_printf (jgw_tr (cat, lang, N_("Calling %s: accept the call on %s.")), target, device);
  return call;
}

static gboolean
has_jingle_client (JgwCommands *cmds, const char *requester)
{
  g_autofree char *device = jgw_calls_dial_device (cmds->ctx->calls, requester);
  return device != NULL;
}

JgwCall *
jgw_cmd_dial_place (JgwCommands *cmds, const char *requester, const char *target, DialDevice device,
                    const char *lang, char **text, const char **condition)
{
  const JgwCatalog *cat = cmds->ctx->catalog;
  g_autoptr (GError) error = NULL;
  g_autofree char *bare = g_strndup (requester, strcspn (requester, "/"));
  g_autofree char *number = g_strstrip (g_strdup (target ? target : ""));
  JgwCall *call = NULL;
  if (*number == '\0')
    g_set_error_literal (&error, JGW_CALL_ERROR, JGW_CALL_ERROR_INVALID,
                         "Enter a number, SIP address or JID to call.");
  else if (device == DIAL_DEVICE_PHONE
           || (device == DIAL_DEVICE_AUTO && !has_jingle_client (cmds, requester)))
    {
      call = jgw_calls_click_to_call (cmds->ctx->calls, bare, number, &error);
      if (call)
        *text = g_strdup_printf (jgw_tr (cat, lang, N_("Your phone rings; pick it up to call %s.")), number);
    }
  else
    call = place_on_client (cmds, requester, number, cat, lang, text, &error);
  if (call == NULL)
    {
      *condition = error->domain == JGW_CALL_ERROR && error->code == JGW_CALL_ERROR_INVALID ? "bad-request"
                                                                                          : "not-acceptable";
      *text = g_strdup (jgw_tr (cat, lang, error->message));
    }
  return call;
}

static DialDevice
device_from (const char *value)
{
  if (g_strcmp0 (value, "phone") == 0)
    return DIAL_DEVICE_PHONE;
  return value == NULL ? DIAL_DEVICE_AUTO : DIAL_DEVICE_CLIENT;
}

static JgwForm *
dial_form (JgwAdhocCall *ac)
{
  JgwForm *form = jgw_form_new ("form", jgw_adhoc_call_tr (ac, N_("Dial")),
                                jgw_adhoc_call_tr (ac, N_("Whom to call, and on which device.")));
  jgw_form_add_field (form, "number", "text-single", jgw_adhoc_call_tr (ac, N_("Number, SIP address or JID")),
                      TRUE, NULL);
  guint f = jgw_form_add_field (form, "device", "list-single", jgw_adhoc_call_tr (ac, N_("Device")), FALSE,
                                "client");
  jgw_form_add_option (form, f, "client", jgw_adhoc_call_tr (ac, N_("This chat client")));
  jgw_form_add_option (form, f, "phone", jgw_adhoc_call_tr (ac, N_("My desk phone")));
  return form;
}

static void
dial_execute (JgwAdhocCall *ac, gpointer data)
{
  JgwCommands *cmds = data;
  const char *number = jgw_adhoc_call_value (ac, "number");
  if (number == NULL && jgw_adhoc_call_stage (ac) == 0)
    {
      jgw_adhoc_call_set_stage (ac, 1);
      jgw_adhoc_call_show (ac, dial_form (ac), JGW_ADHOC_OFFER_COMPLETE);
      return;
    }
  const char *device = jgw_adhoc_call_value (ac, "device");
  g_autofree char *text = NULL;
  const char *condition = NULL;
  JgwCall *call = jgw_cmd_dial_place (cmds, jgw_adhoc_call_from (ac), number,
                                      device_from (device ? device : "client"), jgw_adhoc_call_lang (ac), &text,
                                      &condition);
  if (call == NULL && jgw_cmd_is_refusal (condition))
    {
      jgw_adhoc_call_fail (ac, condition, text);
      return;
    }
  if (call == NULL)
    {
      jgw_adhoc_call_note (ac, "error", text);
      jgw_adhoc_call_complete (ac, NULL);
      return;
    }
  JgwForm *form = jgw_form_new ("result", jgw_adhoc_call_tr (ac, N_("Dial")), NULL);
  jgw_form_add_field (form, "call", "text-single", jgw_adhoc_call_tr (ac, N_("Call")), FALSE,
                      jgw_call_get_id (call));
  jgw_adhoc_call_note (ac, "info", text);
  jgw_adhoc_call_complete (ac, form);
}

static void
dial_chat (JgwChatRequest *r, const char *args, gpointer data)
{
  g_autofree char *text = NULL;
  const char *condition = NULL;
  jgw_cmd_dial_place (data, jgw_chat_request_from (r), args, DIAL_DEVICE_AUTO, jgw_chat_request_lang (r), &text,
                      &condition);
  jgw_chat_reply (r, text);
}

static const JgwAdhocCommand dial_command = { "dial", N_("Dial"), FALSE, dial_execute };

void
jgw_cmd_dial_register (JgwCommands *cmds)
{
  jgw_adhoc_register (cmds->ctx->adhoc, &dial_command, cmds);
  jgw_chat_add_verb (cmds, "call", "anrufen", N_("call NUMBER — place a call"), dial_chat, cmds);
}
