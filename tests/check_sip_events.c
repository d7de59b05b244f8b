/* check_sip_events.c — message-summary and dialog-info bodies: what real
 * servers send, and what they must not crash on. */
#include <check.h>

#include "sip/sip_events.h"
#include "harness/suite.h"

START_TEST (test_summary_rfc3842_example)
{
  JgwMessageSummary s;
  g_autoptr (GError) error = NULL;
  ck_assert (jgw_message_summary_parse ("Messages-Waiting: yes\r\nMessage-Account: sip:alice@vmail.example.com\r\n"
                                        "Voice-Message: 4/8 (1/2)\r\n", &s, &error));
  ck_assert (s.waiting && s.has_voice);
  ck_assert_uint_eq (s.voice_new, 4);
  ck_assert_uint_eq (s.voice_old, 8);
  ck_assert_str_eq (s.account, "sip:alice@vmail.example.com");
  jgw_message_summary_clear (&s);
  ck_assert (jgw_message_summary_parse ("messages-waiting:no\n", &s, NULL));
  ck_assert (!s.waiting && !s.has_voice && s.account == NULL);
}
END_TEST

START_TEST (test_summary_garbage)
{
  const char *bad[] = { "", "hello", "Voice-Message: 1/2\n", "Messages-Waiting: perhaps\n",
                        "Messages-Waiting: yes\nVoice-Message: x/2\n",
                        "Messages-Waiting: yes\nVoice-Message: 99999999999/2\n",
                        "Messages-Waiting: yes\nVoice-Message: 1/2 junk\n" };
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      JgwMessageSummary s;
      g_autoptr (GError) error = NULL;
      ck_assert_msg (!jgw_message_summary_parse (bad[i], &s, &error), "accepted \"%s\"", bad[i]);
      ck_assert_ptr_nonnull (error);
      ck_assert_ptr_null (s.account);
    }
}
END_TEST

START_TEST (test_dialog_info_states)
{
  struct { const char *body; JgwLineState want; } cases[] = {
    { "<?xml version=\"1.0\"?><dialog-info xmlns=\"urn:ietf:params:xml:ns:dialog-info\" version=\"0\" "
      "state=\"full\" entity=\"sip:030555@example.com\"/>", JGW_LINE_IDLE },
    { "<dialog-info><dialog id=\"a\"><state>early</state></dialog></dialog-info>", JGW_LINE_RINGING },
    { "<dialog-info><dialog id=\"a\"><state event=\"x\">confirmed</state></dialog>"
      "<dialog id=\"b\"><state>terminated</state></dialog></dialog-info>", JGW_LINE_BUSY },
    { "<d:dialog-info xmlns:d=\"urn:ietf:params:xml:ns:dialog-info\"><d:dialog id=\"a\">"
      "<d:state>proceeding</d:state></d:dialog></d:dialog-info>", JGW_LINE_RINGING },
    { "<dialog-info><dialog id=\"a\"><state>terminated</state></dialog></dialog-info>", JGW_LINE_IDLE },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      JgwLineState s = 99;
      g_autoptr (GError) error = NULL;
      ck_assert_msg (jgw_dialog_info_parse (cases[i].body, &s, &error), "%zu: %s", i, error->message);
      ck_assert_int_eq (s, cases[i].want);
    }
}
END_TEST

START_TEST (test_dialog_info_garbage)
{
  const char *bad[] = { "", "not xml at all", "<presence/>", "<dialog-info><dialog>", "<dialog-info>&bogus;</dialog-info>" };
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      JgwLineState s = JGW_LINE_IDLE;
      g_autoptr (GError) error = NULL;
      ck_assert_msg (!jgw_dialog_info_parse (bad[i], &s, &error), "accepted \"%s\"", bad[i]);
      ck_assert_ptr_nonnull (error);
    }
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("sip_events");
  TCase *tc = tcase_create ("parse");
  tcase_add_test (tc, test_summary_rfc3842_example);
  tcase_add_test (tc, test_summary_garbage);
  tcase_add_test (tc, test_dialog_info_states);
  tcase_add_test (tc, test_dialog_info_garbage);
  suite_add_tcase (s, tc);
  return jgw_test_run_suite (s);
}
