/* form.h — XEP-0004 data forms: build forms and results, read submissions.
 * Ownership: a JgwForm owns its fields; jgw_form_to_stanza() returns a new
 * stanza (caller releases); JgwFormValues owns its strings. */
#pragma once

#include <glib.h>
#include <strophe.h>

G_BEGIN_DECLS

#define JGW_NS_DATA "jabber:x:data"

typedef struct _JgwForm JgwForm;

/** A form of TYPE ("form", "result"), with optional TITLE/INSTRUCTIONS. */
JgwForm *jgw_form_new (const char *type, const char *title, const char *instructions);
void jgw_form_free (JgwForm *form);

/** Add a field. TYPE is an XEP-0004 field type ("text-single", "list-single",
 * "boolean", "fixed", "hidden", "jid-single", ...); VALUE may be NULL.
 * Returns an index for jgw_form_add_option(). */
guint jgw_form_add_field (JgwForm *form, const char *var, const char *type, const char *label,
                          gboolean required, const char *value);
/** Add an option (VALUE shown as LABEL) to list field INDEX. */
void jgw_form_add_option (JgwForm *form, guint index, const char *value, const char *label);
/** Add a further value to field INDEX (multi-valued fields). */
void jgw_form_add_value (JgwForm *form, guint index, const char *value);

/** Tables (XEP-0004 section 3.4): declare the columns, then add rows. */
void jgw_form_add_column (JgwForm *form, const char *var, const char *label);
/** One row: values in column order, NULL-terminated. */
void jgw_form_add_row (JgwForm *form, const char *const *values);

xmpp_stanza_t *jgw_form_to_stanza (const JgwForm *form, xmpp_ctx_t *ctx);

typedef struct _JgwFormValues JgwFormValues;

/** The values of a submitted form X (type "submit"); NULL X gives an empty set. */
JgwFormValues *jgw_form_values_parse (xmpp_stanza_t *x);
void jgw_form_values_free (JgwFormValues *values);
/** First value of VAR, or NULL (transfer none). */
const char *jgw_form_values_get (const JgwFormValues *values, const char *var);
/** All values of VAR, NULL-terminated, or NULL (transfer none). */
const char *const *jgw_form_values_get_all (const JgwFormValues *values, const char *var);
/** Whether the form was cancelled (type="cancel"). */
gboolean jgw_form_values_cancelled (const JgwFormValues *values);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JgwForm, jgw_form_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JgwFormValues, jgw_form_values_free)

G_END_DECLS
