/* caps.c — XEP-0115 section 5.1 verification string. */
#define G_LOG_DOMAIN "jgw-xmpp"
#include "xmpp/caps.h"

#include <string.h>

static gint
cmp_str (gconstpointer a, gconstpointer b)
{
  /* XEP-0115 5.1 sorts by octets ("i;octet" collation), which strcmp is. */
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static void
append_sorted (GString *s, GPtrArray *items)
{
  g_ptr_array_sort (items, cmp_str);
  for (guint i = 0; i < items->len; i++)
    {
      /* Duplicates are an error for the receiver (5.4); never hash them twice. */
      if (i > 0 && strcmp (g_ptr_array_index (items, i), g_ptr_array_index (items, i - 1)) == 0)
        continue;
      g_string_append (s, g_ptr_array_index (items, i));
      g_string_append_c (s, '<');
    }
}

char *
jgw_caps_ver (const JgwCapsIdentity *ids, gsize n_ids, const char *const *features)
{
  g_autoptr (GPtrArray) idv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) fv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) s = g_string_new (NULL);
  for (gsize i = 0; i < n_ids; i++)
    g_ptr_array_add (idv, g_strdup_printf ("%s/%s/%s/%s", ids[i].category, ids[i].type,
                                           ids[i].lang ? ids[i].lang : "", ids[i].name ? ids[i].name : ""));
  for (gsize i = 0; features != NULL && features[i] != NULL; i++)
    g_ptr_array_add (fv, g_strdup (features[i]));
  append_sorted (s, idv);
  append_sorted (s, fv);
  guint8 digest[20];
  gsize len = sizeof digest;
  g_autoptr (GChecksum) sha1 = g_checksum_new (G_CHECKSUM_SHA1);
  g_checksum_update (sha1, (const guchar *) s->str, s->len);
  g_checksum_get_digest (sha1, digest, &len);
  return g_base64_encode (digest, len);
}
