/* identity_priv.h — the identity service's state, shared by identity.c
 * (look-ups, set-up) and identity_directory.c (phone directory). Internal. */
#pragma once

#include "identity/identity.h"

struct _JgwIdentities {
  GPtrArray *order;     /* of const JgwDirectoryBackend*, asking order */
  GPtrArray *names;     /* their names, NULL-terminated */
  JgwDirectoryBackend *static_b, *store_b; /* owned built-ins */
  const JgwDialplan *dialplan;
  GHashTable *pending;  /* Lookup* set */
  GHashTable *dir_pending; /* DirOp* set */
};

/* Make pending directory operations forget IDS (on free): their answers
 * are then dropped. */
void jgw_identities_orphan_directory_ops (JgwIdentities *ids);
