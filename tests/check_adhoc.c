/* check_adhoc.c — the XEP-0050 engine, forms and translations, driven by
 * stanzas through the dispatcher (no network). */
#include <check.h>
#include <string.h>

#include "i18n.h"
#include "xmpp/adhoc.h"
#include "xmpp/dispatch.h"
#include "xmpp/form.h"
#include "harness/suite.h"

static xmpp_ctx_t *ctx;
static JgwDispatch *dispatch;
static JgwAdhoc *adhoc;
static JgwCatalog *catalog;
static GPtrArray *sent; /* of char* */
static JgwAdhocCall *parked;

static void
sink (xmpp_stanza_t *stanza, gpointer data)
{
  char *buf;
  size_t len;
  xmpp_stanza_to_text (stanza, &buf, &len);
  g_ptr_array_add (sent, g_strndup (buf, len));
  xmpp_free (ctx, buf);
}

/* Two stages: ask for a name, then greet (or refuse an empty name). */
static void
greet_execute (JgwAdhocCall *call, gpointer data)
{
  if (jgw_adhoc_call_stage (call) == 0)
    {
      JgwForm *form = jgw_form_new ("form", jgw_adhoc_call_tr (call, "Greet someone"), NULL);
      jgw_form_add_field (form, "name", "text-single", jgw_adhoc_call_tr (call, "Name"), TRUE, NULL);
      jgw_adhoc_call_set_stage (call, 1);
      jgw_adhoc_call_set_state (call, g_strdup ("state"), g_free);
      jgw_adhoc_call_show (call, form, JGW_ADHOC_OFFER_COMPLETE);
      return;
    }
  const char *name = jgw_adhoc_call_value (call, "name");
  if (name == NULL || *name == '\0')
    {
      jgw_adhoc_call_fail (call, "bad-request", jgw_adhoc_call_tr (call, "A name is required."));
      return;
    }
  g_autofree char *text = g_strdup_printf (jgw_adhoc_call_tr (call, "Hello, %s!"), name);
  jgw_adhoc_call_note (call, "info", text);
  jgw_adhoc_call_complete (call, NULL);
}

/* Answers later, as a command waiting for LDAP would. */
static void
slow_execute (JgwAdhocCall *call, gpointer data)
{
  parked = call;
}

static const JgwAdhocCommand greet = { "greet", N_ ("Greet someone"), FALSE, greet_execute };
static const JgwAdhocCommand slow = { "slow", "Slow", FALSE, slow_execute };
static const JgwAdhocCommand secret = { "secret", "Secret", TRUE, greet_execute };

static void
setup (void)
{
  xmpp_initialize ();
  ctx = xmpp_ctx_new (NULL, NULL);
  sent = g_ptr_array_new_with_free_func (g_free);
  dispatch = jgw_dispatch_new (ctx, sink, NULL);
  catalog = jgw_catalog_load (JGW_TOP_SRCDIR "/tests/data/adhoc");
  const char *admins[] = { "boss@example.com", NULL };
  adhoc = jgw_adhoc_new (ctx, dispatch, sink, NULL, catalog, admins, 1);
  jgw_adhoc_register (adhoc, &greet, NULL);
  jgw_adhoc_register (adhoc, &slow, NULL);
  jgw_adhoc_register (adhoc, &secret, NULL);
}

static void
teardown (void)
{
  jgw_adhoc_free (adhoc);
  jgw_dispatch_free (dispatch);
  jgw_catalog_free (catalog);
  g_ptr_array_unref (sent);
  xmpp_ctx_free (ctx);
}

static const char *feed (const char *fmt, ...) G_GNUC_PRINTF (1, 2);

static const char *
feed (const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *xml = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  guint before = sent->len;
  xmpp_stanza_t *s = xmpp_stanza_new_from_string (ctx, xml);
  ck_assert_ptr_nonnull (s);
  jgw_dispatch_stanza (dispatch, s);
  xmpp_stanza_release (s);
  ck_assert_uint_le (sent->len, before + 1);
  return sent->len > before ? g_ptr_array_index (sent, sent->len - 1) : NULL;
}

/* The value of attribute ATTR in XML (first occurrence), or NULL. */
static char *
attr (const char *xml, const char *name)
{
  g_autofree char *key = g_strdup_printf (" %s=\"", name);
  const char *p = strstr (xml, key);
  if (p == NULL)
    return NULL;
  p += strlen (key);
  return g_strndup (p, strcspn (p, "\""));
}

#define CMD(extra, inner)                                                                      \
  "<iq type='set' id='c1' from='alice@example.com/phone' to='gw'><command "                   \
  "xmlns='http://jabber.org/protocol/commands' " extra ">" inner "</command></iq>"

START_TEST (test_two_stages_in_english)
{
  const char *r = feed (CMD ("node='greet'", ""));
  ck_assert_ptr_nonnull (strstr (r, "status=\"executing\""));
  ck_assert_ptr_nonnull (strstr (r, "<title>Greet someone</title>"));
  ck_assert_ptr_nonnull (strstr (r, "<actions execute=\"complete\"><complete/></actions>"));
  ck_assert_ptr_nonnull (strstr (r, "<required/>"));
  g_autofree char *sid = attr (r, "sessionid");
  ck_assert_ptr_nonnull (sid);
  g_autofree char *xml = g_strdup_printf (
    CMD ("node='greet' sessionid='%s' action='complete'",
         "<x xmlns='jabber:x:data' type='submit'><field var='name'><value>Bob</value></field></x>"),
    sid);
  r = feed ("%s", xml);
  ck_assert_ptr_nonnull (strstr (r, "status=\"completed\""));
  ck_assert_ptr_nonnull (strstr (r, "<note type=\"info\">Hello, Bob!</note>"));
  /* The session is gone once completed. */
  r = feed ("%s", xml);
  ck_assert_ptr_nonnull (strstr (r, "bad-sessionid"));
}
END_TEST

START_TEST (test_german_and_errors)
{
  const char *r = feed (CMD ("node='greet' xml:lang='de-AT'", ""));
  ck_assert_ptr_nonnull (strstr (r, "<title>Jemanden grüßen</title>"));
  /* A fuzzy entry is not used. */
  ck_assert_ptr_nonnull (strstr (r, "label=\"Name\""));
  g_autofree char *sid = attr (r, "sessionid");
  g_autofree char *xml = g_strdup_printf (
    CMD ("node='greet' sessionid='%s' xml:lang='de'",
         "<x xmlns='jabber:x:data' type='submit'><field var='name'><value></value></field></x>"),
    sid);
  r = feed ("%s", xml);
  ck_assert_ptr_nonnull (strstr (r, "type=\"error\""));
  ck_assert_ptr_nonnull (strstr (r, "<bad-request"));
  ck_assert_ptr_nonnull (strstr (r, "Ein Name ist erforderlich."));
}
END_TEST

START_TEST (test_cancel_prev_and_foreign_session)
{
  const char *r = feed (CMD ("node='greet'", ""));
  g_autofree char *sid = attr (r, "sessionid");
  /* prev was not offered */
  g_autofree char *prev = g_strdup_printf (CMD ("node='greet' sessionid='%s' action='prev'", ""), sid);
  ck_assert_ptr_nonnull (strstr (feed ("%s", prev), "malformed-action"));
  /* another user cannot continue alice's session */
  g_autofree char *other = g_strdup_printf (
    "<iq type='set' id='c2' from='mallory@example.com/x' to='gw'><command "
    "xmlns='http://jabber.org/protocol/commands' node='greet' sessionid='%s'/></iq>", sid);
  ck_assert_ptr_nonnull (strstr (feed ("%s", other), "bad-sessionid"));
  g_autofree char *cancel = g_strdup_printf (CMD ("node='greet' sessionid='%s' action='cancel'", ""), sid);
  ck_assert_ptr_nonnull (strstr (feed ("%s", cancel), "status=\"canceled\""));
  ck_assert_ptr_nonnull (strstr (feed ("%s", cancel), "bad-sessionid"));
  ck_assert_ptr_nonnull (strstr (feed (CMD ("node='nope'", "")), "item-not-found"));
  ck_assert_ptr_nonnull (strstr (feed (CMD ("node='greet' action='dance'", "")), "malformed-action"));
}
END_TEST

START_TEST (test_admin_only)
{
  ck_assert_ptr_nonnull (strstr (feed (CMD ("node='secret'", "")), "<forbidden"));
  const char *r = feed ("<iq type='set' id='c3' from='boss@example.com/desk' to='gw'><command "
                        "xmlns='http://jabber.org/protocol/commands' node='secret'/></iq>");
  ck_assert_ptr_nonnull (strstr (r, "status=\"executing\""));
}
END_TEST

START_TEST (test_async_answer_exactly_once)
{
  ck_assert_ptr_null (feed (CMD ("node='slow'", "")));
  ck_assert_ptr_nonnull (parked);
  jgw_adhoc_call_note (parked, "info", "done later");
  jgw_adhoc_call_complete (parked, NULL);
  ck_assert_uint_eq (sent->len, 1);
  ck_assert_ptr_nonnull (strstr (g_ptr_array_index (sent, 0), "done later"));
}
END_TEST

static gboolean
give_up_cb (gpointer flag)
{
  *(gboolean *) flag = TRUE;
  return G_SOURCE_REMOVE;
}

START_TEST (test_session_expiry)
{
  const char *r = feed (CMD ("node='greet'", ""));
  g_autofree char *sid = attr (r, "sessionid");
  ck_assert_uint_eq (jgw_adhoc_open_sessions (adhoc), 1);
  /* The suite's engine expires sessions after 1 s (a seconds timer may fire
   * up to a second late): run the loop until it has, for at most 5 s. */
  gboolean gave_up = FALSE;
  guint guard = g_timeout_add_seconds (5, give_up_cb, &gave_up);
  while (jgw_adhoc_open_sessions (adhoc) > 0 && !gave_up)
    g_main_context_iteration (NULL, TRUE);
  ck_assert_msg (!gave_up, "the session did not expire within 5 s");
  g_source_remove (guard);
  g_autofree char *again = g_strdup_printf (CMD ("node='greet' sessionid='%s'", ""), sid);
  ck_assert_ptr_nonnull (strstr (feed ("%s", again), "session-expired"));
}
END_TEST

START_TEST (test_form_values)
{
  xmpp_stanza_t *x = xmpp_stanza_new_from_string (
    ctx, "<x xmlns='jabber:x:data' type='submit'><field var='a'><value>1</value><value>2</value></field>"
         "<field var='b'/><field><value>ignored</value></field></x>");
  g_autoptr (JgwFormValues) v = jgw_form_values_parse (x);
  ck_assert_str_eq (jgw_form_values_get (v, "a"), "1");
  ck_assert_str_eq (jgw_form_values_get_all (v, "a")[1], "2");
  ck_assert_ptr_null (jgw_form_values_get (v, "b"));
  ck_assert_ptr_nonnull (jgw_form_values_get_all (v, "b"));
  ck_assert (!jgw_form_values_cancelled (v));
  xmpp_stanza_release (x);

  g_autoptr (JgwForm) f = jgw_form_new ("result", "Calls", NULL);
  jgw_form_add_column (f, "number", "Number");
  jgw_form_add_column (f, "when", "When");
  const char *row[] = { "+4930123", "today", NULL };
  jgw_form_add_row (f, row);
  guint i = jgw_form_add_field (f, "dir", "list-single", "Direction", FALSE, "in");
  jgw_form_add_option (f, i, "in", "Incoming");
  xmpp_stanza_t *s = jgw_form_to_stanza (f, ctx);
  char *buf;
  size_t len;
  xmpp_stanza_to_text (s, &buf, &len);
  /* libstrophe orders attributes as it likes: look for each piece. */
  ck_assert_ptr_nonnull (strstr (buf, "<reported><field "));
  ck_assert_ptr_nonnull (strstr (buf, "label=\"Number\""));
  ck_assert_ptr_nonnull (strstr (buf, "<item><field var=\"number\"><value>+4930123</value></field>"));
  ck_assert_ptr_nonnull (strstr (buf, "<option label=\"Incoming\"><value>in</value></option>"));
  xmpp_free (ctx, buf);
  xmpp_stanza_release (s);
}
END_TEST

START_TEST (test_catalog_errors)
{
  g_autoptr (JgwCatalog) c = jgw_catalog_load ("/nonexistent");
  ck_assert_str_eq (jgw_tr (c, "de", "Name"), "Name");
  ck_assert_str_eq (jgw_catalog_pick (c, "de"), "en");
  g_autoptr (GError) error = NULL;
  ck_assert (!jgw_catalog_add_po (c, "xx", "msgid \"a\"\nthis is not po\n", &error));
  ck_assert_ptr_nonnull (strstr (error->message, "line 2"));
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("adhoc");
  TCase *tc = tcase_create ("adhoc");
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_two_stages_in_english);
  tcase_add_test (tc, test_german_and_errors);
  tcase_add_test (tc, test_cancel_prev_and_foreign_session);
  tcase_add_test (tc, test_admin_only);
  tcase_add_test (tc, test_async_answer_exactly_once);
  tcase_add_test (tc, test_session_expiry);
  tcase_add_test (tc, test_form_values);
  tcase_add_test (tc, test_catalog_errors);
  suite_add_tcase (s, tc);
  return jgw_test_run_suite (s);
}
