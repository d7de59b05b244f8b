/* check_xmpp.c — pure parts of the XMPP layer: the libstrophe work-around,
 * reconnect backoff, dispatch with its guaranteed single answer, replies. */
#include <check.h>
#include <string.h>

#include "log.h"
#include "xmpp/component.h"
#include "xmpp/dispatch.h"
#include "xmpp/stanza.h"
#include "xmpp/strophe_compat.h"
#include "harness/suite.h"

static xmpp_ctx_t *ctx;
static GPtrArray *sent;

static void
setup (void)
{
  xmpp_initialize ();
  ctx = xmpp_ctx_new (NULL, NULL);
  sent = g_ptr_array_new_with_free_func (g_free);
}

static void
teardown (void)
{
  g_ptr_array_unref (sent);
  xmpp_ctx_free (ctx);
}

/* The defect: a component connection has no stream-management state, which
 * libstrophe 0.12.2 dereferences for every received stanza. If this test
 * fails in its first half, libstrophe was fixed and the work-around in
 * src/xmpp/strophe_compat.c can go. */
START_TEST (test_strophe_component_needs_sm_state)
{
  xmpp_conn_t *plain = xmpp_conn_new (ctx);
  xmpp_conn_set_jid (plain, "gw.localhost");
  ck_assert_ptr_null (xmpp_conn_get_sm_state (plain));
  xmpp_conn_release (plain);

  xmpp_conn_t *conn = xmpp_conn_new (ctx);
  xmpp_conn_set_jid (conn, "gw.localhost");
  ck_assert (jgw_strophe_prepare_component (conn));
  xmpp_sm_state_t *sm = xmpp_conn_get_sm_state (conn);
  ck_assert_ptr_nonnull (sm);
  ck_assert_int_eq (xmpp_conn_set_sm_state (conn, sm), XMPP_EOK);
  ck_assert (xmpp_conn_is_disconnected (conn));
  xmpp_conn_release (conn);
}
END_TEST

START_TEST (test_backoff)
{
  const guint expect[] = { 1000, 2000, 4000, 8000, 16000, 30000, 30000 };
  for (guint i = 0; i < G_N_ELEMENTS (expect); i++)
    ck_assert_uint_eq (jgw_component_backoff_ms (i), expect[i]);
  ck_assert_uint_eq (jgw_component_backoff_ms (1000), 30000);
}
END_TEST

static void
sink (xmpp_stanza_t *stanza, gpointer data)
{
  char *buf;
  size_t len;
  ck_assert_int_eq (xmpp_stanza_to_text (stanza, &buf, &len), XMPP_EOK);
  g_ptr_array_add (sent, g_strndup (buf, len));
  xmpp_free (ctx, buf);
}

static gboolean
take_ping (xmpp_stanza_t *stanza, gpointer data)
{
  int *calls = data;
  (*calls)++;
  return TRUE;
}

static gboolean
decline (xmpp_stanza_t *stanza, gpointer data)
{
  int *calls = data;
  (*calls)++;
  return FALSE;
}

static void
feed (JgwDispatch *d, const char *xml)
{
  xmpp_stanza_t *s = xmpp_stanza_new_from_string (ctx, xml);
  ck_assert_ptr_nonnull (s);
  jgw_dispatch_stanza (d, s);
  xmpp_stanza_release (s);
}

START_TEST (test_dispatch)
{
  JgwDispatch *d = jgw_dispatch_new (ctx, sink, NULL);
  int pings = 0, declined = 0;
  jgw_dispatch_add (d, "iq", "get", "urn:example:x", decline, &declined);
  jgw_dispatch_add (d, "iq", "get", "urn:xmpp:ping", take_ping, &pings);

  feed (d, "<iq type='get' id='1' from='a@b/c' to='gw'><ping xmlns='urn:xmpp:ping'/></iq>");
  ck_assert_int_eq (pings, 1);
  ck_assert_uint_eq (sent->len, 0);

  /* Declined by its handler, so the dispatcher answers, once. */
  feed (d, "<iq type='get' id='2' from='a@b/c' to='gw'><q xmlns='urn:example:x'/></iq>");
  ck_assert_int_eq (declined, 1);
  ck_assert_uint_eq (sent->len, 1);
  ck_assert_ptr_nonnull (strstr (g_ptr_array_index (sent, 0), "service-unavailable"));
  ck_assert_ptr_nonnull (strstr (g_ptr_array_index (sent, 0), "id=\"2\""));
  ck_assert_ptr_nonnull (strstr (g_ptr_array_index (sent, 0), "to=\"a@b/c\""));

  /* Results, errors and presence are not answered; messages are. */
  feed (d, "<iq type='result' id='3' from='a@b/c' to='gw'/>");
  feed (d, "<iq type='error' id='4' from='a@b/c' to='gw'/>");
  feed (d, "<presence from='a@b/c' to='gw'/>");
  feed (d, "<message type='error' id='5' from='a@b/c' to='gw'/>");
  ck_assert_uint_eq (sent->len, 1);
  feed (d, "<message id='6' from='a@b/c' to='gw'><body>hi</body></message>");
  ck_assert_uint_eq (sent->len, 2);
  ck_assert_ptr_nonnull (strstr (g_ptr_array_index (sent, 1), "<message"));
  jgw_dispatch_free (d);
}
END_TEST

START_TEST (test_error_reply_shape)
{
  xmpp_stanza_t *req = xmpp_stanza_new_from_string (
    ctx, "<iq type='set' id='j1' from='a@b/c' to='x@gw'><jingle xmlns='urn:xmpp:jingle:1'/></iq>");
  xmpp_stanza_t *err = jgw_stanza_error_reply (ctx, req, JGW_ERROR_CANCEL, "item-not-found",
                                               "no such session", "urn:xmpp:jingle:errors:1",
                                               "unknown-session");
  char *buf;
  size_t len;
  xmpp_stanza_to_text (err, &buf, &len);
  ck_assert_ptr_nonnull (strstr (buf, "from=\"x@gw\""));
  ck_assert_ptr_nonnull (strstr (buf, "type=\"error\""));
  ck_assert_ptr_nonnull (strstr (buf, "<item-not-found xmlns=\"urn:ietf:params:xml:ns:xmpp-stanzas\"/>"));
  ck_assert_ptr_nonnull (strstr (buf, "<unknown-session xmlns=\"urn:xmpp:jingle:errors:1\"/>"));
  ck_assert_ptr_nonnull (strstr (buf, "no such session"));
  xmpp_free (ctx, buf);
  xmpp_stanza_release (err);
  xmpp_stanza_release (req);
}
END_TEST

START_TEST (test_log_redaction)
{
  g_autofree char *a = jgw_log_redact ("RECV: <iq><query xmlns=\"jabber:iq:register\"><password>pw</password></query></iq>");
  ck_assert_ptr_null (strstr (a, "pw<"));
  g_autofree char *b = jgw_log_redact ("<crypto key-params=\"inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:32\" tag=\"1\"/>");
  ck_assert_str_eq (b, "<crypto key-params=\"inline:(hidden)\" tag=\"1\"/>");
  g_autofree char *c = jgw_log_redact ("nothing secret");
  ck_assert_str_eq (c, "nothing secret");
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("xmpp");
  TCase *tc = tcase_create ("xmpp");
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_strophe_component_needs_sm_state);
  tcase_add_test (tc, test_backoff);
  tcase_add_test (tc, test_dispatch);
  tcase_add_test (tc, test_error_reply_shape);
  tcase_add_test (tc, test_log_redaction);
  suite_add_tcase (s, tc);
  return jgw_test_run_suite (s);
}
