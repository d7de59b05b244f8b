/* check_sip_util.c — the pure parts of the SIP side: who may send us
 * requests, URI parts, SDP direction, DTMF bodies, status phrases. */
#include <check.h>
#include <glib.h>

#include "sip/sip_util.h"
#include "harness/suite.h"

static const char *const trusted[] = { "sip:127.0.0.1:5060", "10.0.0.7", "[::1]:5060",
                                       "sip:pbx@192.0.2.1;transport=tcp", "PBX.example.com", NULL };

static const struct {
  const char *source;
  gboolean ok;
} trust_table[] = {
  { "127.0.0.1", TRUE },     /* registrar/proxy URI with port */
  { "10.0.0.7", TRUE },      /* plain trusted peer */
  { "::1", TRUE },           /* bracketed IPv6 with port */
  { "192.0.2.1", TRUE },     /* URI with user and params */
  { "pbx.example.com", TRUE }, /* case-insensitive host */
  { "127.0.0.2", FALSE },
  { "10.0.0.70", FALSE },    /* no prefix matching */
  { "", FALSE },
  { NULL, FALSE },
};

START_TEST (test_trusted)
{
  for (gsize i = 0; i < G_N_ELEMENTS (trust_table); i++)
    ck_assert_msg (jgw_sip_source_trusted (trust_table[i].source, trusted) == trust_table[i].ok,
                   "source %s", trust_table[i].source ? trust_table[i].source : "(null)");
  ck_assert (!jgw_sip_source_trusted ("127.0.0.1", NULL));
}
END_TEST

static const struct {
  const char *uri, *host, *user;
} uri_table[] = {
  { "sip:alice@example.com", "example.com", "alice" },
  { "sip:+4930123@10.1.1.1:5070;user=phone", "10.1.1.1", "+4930123" },
  { "sips:bob:secret@[2001:db8::1]:5061", "2001:db8::1", "bob" },
  { "sip:127.0.0.1:5060", "127.0.0.1", NULL },
  { "127.0.0.1", "127.0.0.1", NULL },
  { "sip:", NULL, NULL },
};

START_TEST (test_uri_parts)
{
  for (gsize i = 0; i < G_N_ELEMENTS (uri_table); i++)
    {
      g_autofree char *host = jgw_sip_uri_host (uri_table[i].uri);
      g_autofree char *user = jgw_sip_uri_user (uri_table[i].uri);
      ck_assert_msg (g_strcmp0 (host, uri_table[i].host) == 0, "%s host %s", uri_table[i].uri, host);
      ck_assert_msg (g_strcmp0 (user, uri_table[i].user) == 0, "%s user %s", uri_table[i].uri, user);
    }
}
END_TEST

#define SDP_HEAD "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
#define SDP_AUDIO "m=audio 4000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n"

static const struct {
  const char *sdp;
  JgwSipDirection dir;
  gboolean valid;
} sdp_table[] = {
  { SDP_HEAD SDP_AUDIO, JGW_SIP_DIR_SENDRECV, TRUE },
  { SDP_HEAD SDP_AUDIO "a=sendonly\r\n", JGW_SIP_DIR_SENDONLY, TRUE },
  { SDP_HEAD SDP_AUDIO "a=recvonly\r\n", JGW_SIP_DIR_RECVONLY, TRUE },
  { SDP_HEAD SDP_AUDIO "a=inactive\r\n", JGW_SIP_DIR_INACTIVE, TRUE },
  { SDP_HEAD "a=sendonly\r\n" SDP_AUDIO, JGW_SIP_DIR_SENDONLY, TRUE },          /* session level */
  { SDP_HEAD "a=sendonly\r\n" SDP_AUDIO "a=sendrecv\r\n", JGW_SIP_DIR_SENDRECV, TRUE }, /* media wins */
  { SDP_HEAD "m=video 5000 RTP/AVP 96\r\na=inactive\r\n" SDP_AUDIO, JGW_SIP_DIR_SENDRECV, TRUE },
  { "v=0\no=- 1 1 IN IP4 0.0.0.0\ns=-\nc=IN IP4 0.0.0.0\nt=0 0\nm=audio 4000 RTP/AVP 0\n",
    JGW_SIP_DIR_SENDONLY, TRUE },                                               /* RFC 2543 hold */
  { SDP_HEAD, JGW_SIP_DIR_SENDRECV, FALSE },                                    /* no media */
  { "this is not SDP", JGW_SIP_DIR_SENDRECV, FALSE },
  { "v=0\r\nm=audio xx RTP/AVP\r\n", JGW_SIP_DIR_SENDRECV, FALSE },
  { "", JGW_SIP_DIR_SENDRECV, FALSE },
};

START_TEST (test_sdp)
{
  for (gsize i = 0; i < G_N_ELEMENTS (sdp_table); i++)
    {
      ck_assert_msg (jgw_sip_sdp_direction (sdp_table[i].sdp) == sdp_table[i].dir, "row %zu dir", i);
      ck_assert_msg (jgw_sip_sdp_valid (sdp_table[i].sdp) == sdp_table[i].valid, "row %zu valid", i);
    }
  ck_assert (!jgw_sip_sdp_valid (NULL));
}
END_TEST

static const struct {
  const char *type, *body;
  gboolean ok;
  char digit;
  guint duration;
} dtmf_table[] = {
  { "application/dtmf-relay", "Signal=5\r\nDuration=160\r\n", TRUE, '5', 160 },
  { "application/dtmf-relay", "Signal= #\nDuration= 100", TRUE, '#', 100 },
  { "Application/DTMF-Relay", "Signal=a\r\n", TRUE, 'A', 250 },
  { "application/dtmf-relay", "Signal=x\r\nDuration=100\r\n", FALSE, 0, 0 },
  { "application/dtmf-relay", "Duration=100\r\n", FALSE, 0, 0 },
  { "application/dtmf", "7", TRUE, '7', 250 },
  { "application/dtmf", "11\r\n", TRUE, '#', 250 },
  { "application/dtmf", "99", FALSE, 0, 0 },
  { "text/plain", "Signal=5", FALSE, 0, 0 },
};

START_TEST (test_dtmf)
{
  for (gsize i = 0; i < G_N_ELEMENTS (dtmf_table); i++)
    {
      char digit = 0;
      guint duration = 0;
      gboolean ok = jgw_sip_dtmf_parse (dtmf_table[i].type, dtmf_table[i].body, &digit, &duration);
      ck_assert_msg (ok == dtmf_table[i].ok, "row %zu", i);
      if (ok)
        {
          ck_assert_int_eq (digit, dtmf_table[i].digit);
          ck_assert_uint_eq (duration, dtmf_table[i].duration);
        }
    }
}
END_TEST

START_TEST (test_status_phrase)
{
  ck_assert_str_eq (jgw_sip_status_phrase (486), "Busy Here");
  ck_assert_str_eq (jgw_sip_status_phrase (603), "Decline");
  ck_assert_str_eq (jgw_sip_status_phrase (487), "Request Terminated");
  ck_assert_str_eq (jgw_sip_status_phrase (499), "Request Failure"); /* unknown: its class */
  ck_assert_str_eq (jgw_sip_status_phrase (999), "Unknown");
  ck_assert_str_eq (jgw_sip_reg_state_name (JGW_SIP_REG_REGISTERED), "registered");
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("sip_util");
  TCase *tc = tcase_create ("pure");
  tcase_add_test (tc, test_trusted);
  tcase_add_test (tc, test_uri_parts);
  tcase_add_test (tc, test_sdp);
  tcase_add_test (tc, test_dtmf);
  tcase_add_test (tc, test_status_phrase);
  suite_add_tcase (s, tc);
  return jgw_test_run_suite (s);
}
