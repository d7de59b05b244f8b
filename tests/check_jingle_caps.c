/* check_jingle_caps.c — XEP-0115 ver strings and the Jingle feature list. */
#include <check.h>
#include <glib.h>

#include "jingle/features.h"
#include "jingle/jingle.h"
#include "xmpp/caps.h"
#include "harness/suite.h"

/* XEP-0115 section 5.2, the simple generation example, and its result. */
START_TEST (test_xep0115_simple)
{
  const JgwCapsIdentity ids[] = { { "client", "pc", NULL, "Exodus 0.9.1" } };
  const char *const features[] = { "http://jabber.org/protocol/disco#info", "http://jabber.org/protocol/disco#items",
                                   "http://jabber.org/protocol/muc", "http://jabber.org/protocol/caps", NULL };
  g_autofree char *ver = jgw_caps_ver (ids, G_N_ELEMENTS (ids), features);
  ck_assert_str_eq (ver, "QgayPKawpkPSDYmwT/WM94uAlu0=");
}
END_TEST

START_TEST (test_identity_order)
{
  /* Order of input and duplicate features do not change the hash. */
  const JgwCapsIdentity a[] = { { "client", "pc", "en", "Psi" }, { "client", "pc", "el", "Ψ" } };
  const JgwCapsIdentity b[] = { { "client", "pc", "el", "Ψ" }, { "client", "pc", "en", "Psi" } };
  const char *const f1[] = { "urn:b", "urn:a", NULL };
  const char *const f2[] = { "urn:a", "urn:b", "urn:a", NULL };
  g_autofree char *v1 = jgw_caps_ver (a, 2, f1);
  g_autofree char *v2 = jgw_caps_ver (b, 2, f2);
  ck_assert_str_eq (v1, v2);
  g_autofree char *v3 = jgw_caps_ver (a, 1, f1);
  ck_assert_str_ne (v1, v3);
}
END_TEST

START_TEST (test_features)
{
  const char *const *f = jgw_jingle_features ();
  ck_assert (g_strv_contains (f, "urn:xmpp:jingle:1"));
  ck_assert (g_strv_contains (f, "urn:xmpp:jingle:apps:rtp:1"));
  ck_assert (g_strv_contains (f, "urn:xmpp:jingle:apps:rtp:audio"));
  ck_assert (g_strv_contains (f, "urn:xmpp:jingle:transports:ice-udp:1"));
  ck_assert (g_strv_contains (f, "urn:xmpp:jingle:apps:dtls:0"));
  ck_assert (g_strv_contains (f, "urn:xmpp:jingle:apps:rtp:info:1"));
  ck_assert (g_strv_contains (f, "urn:xmpp:jingle-message:0"));
  ck_assert (!g_strv_contains (f, "urn:xmpp:jingle:apps:rtp:video"));
  ck_assert (!g_strv_contains (f, "urn:xmpp:jingle:transports:raw-udp:1"));
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("jingle_caps");
  TCase *tc = tcase_create ("caps");
  tcase_add_test (tc, test_xep0115_simple);
  tcase_add_test (tc, test_identity_order);
  tcase_add_test (tc, test_features);
  suite_add_tcase (s, tc);
  return jgw_test_run_suite (s);
}
