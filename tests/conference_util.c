/* conference_util.c — helpers of the conference suites. */
#include "conference_util.h"

#include <check.h>
#include <string.h>

#include "harness/fixture.h"

#define WAIT 20000

char *
conf_test_command (JgwTestClient *who, const char *lang, const char *action, const char *name,
                   const char *var, const char *value)
{
  g_autofree char *fields = jgw_test_form_fields ("action", action, "name", name, var, value, NULL);

  return jgw_test_client_command (who, JGW_TEST_COMPONENT, lang, "conference", NULL, NULL, fields, WAIT);
}

void
conf_test_assert_completed (char *answer)
{
  ck_assert_msg (strstr (answer, "status=\"completed\"") != NULL, "%s", answer);
  g_free (answer);
}

void
conf_test_dial (JgwTestBaresip *b, const char *user_part, guint16 sip_port)
{
  g_autofree char *uri = g_strdup_printf ("sip:%s@127.0.0.1:%u", user_part, sip_port);
  ck_assert (jgw_test_baresip_command (b, "dial", uri));
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

void
conf_test_let_audio_flow (guint ms)
{
  jgw_test_wait (never, NULL, ms);
}
