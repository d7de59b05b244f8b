/* config_schema.h — the table of known configuration groups and keys.
 * Static data only; nothing to free. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  JGW_KEY_STRING,
  JGW_KEY_SECRET,   /* like STRING, but never printed */
  JGW_KEY_DOMAIN,   /* a JID domain part (the component's own JID) */
  JGW_KEY_HOST,
  JGW_KEY_HOSTPORT,
  JGW_KEY_UINT,     /* within [min, max] */
  JGW_KEY_BOOL,
  JGW_KEY_SIPURI,
  JGW_KEY_HOSTLIST, /* comma/semicolon separated hosts */
  JGW_KEY_JIDLIST,  /* bare JIDs */
  JGW_KEY_LIST,
  JGW_KEY_RANGE,    /* LOW-HIGH ports */
  JGW_KEY_ENUM,     /* one of choices, '|' separated */
  JGW_KEY_DIGITS,   /* min..max decimal digits */
  JGW_KEY_PATH,
} JgwKeyType;

typedef struct {
  const char *group;   /* exact, or "prefix:*" */
  const char *key;
  JgwKeyType type;
  gboolean required;
  guint64 min, max;
  const char *choices;
} JgwKeySpec;

/** The spec of GROUP/KEY, or NULL if the key is unknown. */
const JgwKeySpec *jgw_schema_lookup (const char *group, const char *key);
/** Whether any row names GROUP. */
gboolean jgw_schema_group_known (const char *group);
/** Whether GROUP belongs to a plugin or module that validates it itself. */
gboolean jgw_schema_group_foreign (const char *group);
/** All rows (for checks that walk the table, e.g. required keys). */
const JgwKeySpec *jgw_schema_rows (gsize *n);

G_END_DECLS
