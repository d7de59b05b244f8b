/* identity_directory.c — the phone directory: search, read and save go to
 * the first backend in [identity] order that can do them. */
#define G_LOG_DOMAIN "jgw-identity"
#include "identity/identity_priv.h"


typedef enum { DIR_SEARCH, DIR_READ, DIR_SAVE } DirKind;

typedef struct {
  JgwIdentities *ids; /* NULL once orphaned */
  JgwEntriesCb entries_cb;
  JgwDoneCb done_cb;
  gpointer user_data;
  GError *error;      /* for an answer given without a backend */
} DirOp;

static gboolean
dir_op_end (DirOp *op)
{
  gboolean live = op->ids != NULL;
  if (live)
    g_hash_table_remove (op->ids->dir_pending, op);
  return live;
}

/* An operation that outlived its JgwIdentities (reload, shutdown) is still
 * answered, with CANCELLED, so that its caller can release its state. */
static GError *
orphan_error (void)
{
  return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "identities were replaced");
}

static void
dir_entries_h (GPtrArray *entries, const GError *error, gpointer data)
{
  DirOp *op = data;
  if (dir_op_end (op))
    op->entries_cb (entries, error, op->user_data);
  else
    {
      if (entries)
        g_ptr_array_unref (entries);
      g_autoptr (GError) e = orphan_error ();
      op->entries_cb (NULL, e, op->user_data);
    }
  g_free (op);
}

static void
dir_done_h (const GError *error, gpointer data)
{
  DirOp *op = data;
  g_autoptr (GError) e = dir_op_end (op) ? NULL : orphan_error ();
  op->done_cb (e ? e : error, op->user_data);
  g_free (op);
}

static gboolean
dir_unsupported_h (gpointer data)
{
  DirOp *op = data;
  g_autoptr (GError) e = g_steal_pointer (&op->error);
  if (op->entries_cb)
    dir_entries_h (NULL, e, op);
  else
    dir_done_h (e, op);
  return G_SOURCE_REMOVE;
}

static const JgwDirectoryBackend *
dir_backend (JgwIdentities *ids, DirKind kind)
{
  for (guint i = 0; i < ids->order->len; i++)
    {
      const JgwDirectoryBackend *b = g_ptr_array_index (ids->order, i);
      if ((kind == DIR_SEARCH && b->search) || (kind == DIR_READ && b->read) || (kind == DIR_SAVE && b->save))
        return b;
    }
  return NULL;
}

/* The operation record; when no backend can do KIND it is answered later
 * with JGW_IDENTITY_ERROR_UNSUPPORTED and NULL is returned. */
static DirOp *
dir_op_new (JgwIdentities *ids, DirKind kind, JgwEntriesCb ecb, JgwDoneCb dcb, gpointer user_data,
            const JgwDirectoryBackend **backend)
{
  DirOp *op = g_new0 (DirOp, 1);
  *op = (DirOp){ ids, ecb, dcb, user_data, NULL };
  g_hash_table_add (ids->dir_pending, op);
  *backend = dir_backend (ids, kind);
  if (*backend != NULL)
    return op;
  op->error = g_error_new_literal (JGW_IDENTITY_ERROR, JGW_IDENTITY_ERROR_UNSUPPORTED,
                                   "no phone directory is configured");
  g_idle_add (dir_unsupported_h, op);
  return NULL;
}

void
jgw_identities_search (JgwIdentities *ids, const char *query, guint max, GCancellable *cancel, JgwEntriesCb cb,
                       gpointer user_data)
{
  const JgwDirectoryBackend *b;
  DirOp *op = dir_op_new (ids, DIR_SEARCH, cb, NULL, user_data, &b);
  if (op)
    b->search (b->self, query, max, cancel, dir_entries_h, op);
}

void
jgw_identities_read (JgwIdentities *ids, const char *id, GCancellable *cancel, JgwEntriesCb cb,
                     gpointer user_data)
{
  const JgwDirectoryBackend *b;
  DirOp *op = dir_op_new (ids, DIR_READ, cb, NULL, user_data, &b);
  if (op)
    b->read (b->self, id, cancel, dir_entries_h, op);
}

void
jgw_identities_save (JgwIdentities *ids, const JgwDirEntry *entry, GCancellable *cancel, JgwDoneCb cb,
                     gpointer user_data)
{
  const JgwDirectoryBackend *b;
  DirOp *op = dir_op_new (ids, DIR_SAVE, NULL, cb, user_data, &b);
  if (op)
    b->save (b->self, entry, cancel, dir_done_h, op);
}

void
jgw_identities_orphan_directory_ops (JgwIdentities *ids)
{
  GHashTableIter it;
  gpointer key;
  g_hash_table_iter_init (&it, ids->dir_pending);
  while (g_hash_table_iter_next (&it, &key, NULL))
    ((DirOp *) key)->ids = NULL;
}
