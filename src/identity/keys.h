/* keys.h — reading and validating the configuration groups that the
 * identity module owns ([dialplan], [route:*], [identity]); the core loader
 * lets them through unchecked (config_schema.c, foreign_groups).
 *
 * A JgwKeyCheck collects every problem as "FILE: [GROUP] KEY: what" so that
 * one run reports all of them; getters return the fallback for a bad value
 * after complaining. Returned strings are new (g_free / g_strfreev). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  GKeyFile *kf;   /* borrowed */
  const char *file; /* borrowed; named in every message */
  GString *errors;
} JgwKeyCheck;

/** Start checking KF (read from FILE). */
void jgw_keycheck_init (JgwKeyCheck *ck, GKeyFile *kf, const char *file);
/** Record a problem with GROUP/KEY. */
void jgw_keycheck_complain (JgwKeyCheck *ck, const char *group, const char *key, const char *fmt, ...)
    G_GNUC_PRINTF (4, 5);
/** Warn about each key of GROUP not in KNOWN (NULL-terminated). */
void jgw_keycheck_warn_unknown (JgwKeyCheck *ck, const char *group, const char *const *known);
/** The stripped value, or a copy of FALLBACK if the key is absent. */
char *jgw_keycheck_str (JgwKeyCheck *ck, const char *group, const char *key, const char *fallback);
/** A comma-separated list (empty items dropped); NULL if absent. */
char **jgw_keycheck_list (JgwKeyCheck *ck, const char *group, const char *key);
/** true/false (also yes/no, on/off, 1/0). */
gboolean jgw_keycheck_bool (JgwKeyCheck *ck, const char *group, const char *key, gboolean fallback);
/** A decimal in [MIN, MAX]. */
guint jgw_keycheck_uint (JgwKeyCheck *ck, const char *group, const char *key, guint min, guint max,
                         guint fallback);
/** The index of the value in CHOICES (NULL-terminated, case-insensitive). */
int jgw_keycheck_enum (JgwKeyCheck *ck, const char *group, const char *key,
                       const char *const *choices, int fallback);
/** Digits only, MIN..MAX of them (empty allowed when MIN is 0). */
char *jgw_keycheck_digits (JgwKeyCheck *ck, const char *group, const char *key, guint min, guint max,
                           const char *fallback);
/** End: TRUE if nothing was wrong, else sets ERROR (DOMAIN, CODE) with all
 * the messages, one per line. Frees what INIT allocated either way. */
gboolean jgw_keycheck_finish (JgwKeyCheck *ck, GQuark domain, int code, GError **error);

G_END_DECLS
