/* number.h — phone number recognition and normalisation (interface.md,
 * "Addressing"). Pure functions: no I/O, no state. Functions returning
 * char* return a new string the caller frees with g_free(). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How one user dials: the values of [dialplan] with the user's own
 * country code applied. Strings are borrowed; NULL means "not set". */
typedef struct {
  const char *country_code;         /* digits, e.g. "49"; NULL: no national numbers */
  const char *international_prefix; /* NULL: "00" */
  const char *national_prefix;      /* NULL: "0" */
  gboolean us_international;        /* "011" is an international prefix too */
} JgwNumberPlan;

/** Whether S is a phone number: digits, `*` and `#`, one optional leading
 * `+`; spaces, dashes, dots and brackets are ignored. */
gboolean jgw_number_is_phone (const char *s);

/** S without separators (and without a "(0)" after an international
 * prefix); NULL if S is not a phone number. */
char *jgw_number_strip (const char *s);

/** Normalise S per PLAN: `+`, the international prefix (and `011` when
 * configured) become `+`; a leading national prefix becomes `+CC`;
 * service codes (`*`, `#`) and local/internal numbers stay as dialled
 * (separators removed). NULL if S is not a phone number. */
char *jgw_number_normalise (const char *s, const JgwNumberPlan *plan);

/** Whether a normalised number is international (E.164, starts with `+`). */
gboolean jgw_number_is_e164 (const char *normalised);

G_END_DECLS
