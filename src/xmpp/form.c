/* form.c — XEP-0004 data forms. */
#define G_LOG_DOMAIN "jgw-xmpp"
#include "xmpp/form.h"

#include "xmpp/stanza.h"

typedef struct {
  char *var, *type, *label;
  gboolean required;
  GPtrArray *values;  /* of char* */
  GPtrArray *options; /* of char* pairs: value, label */
} Field;

struct _JgwForm {
  char *type, *title, *instructions;
  GPtrArray *fields;  /* of Field* */
  GPtrArray *columns; /* of char* pairs: var, label */
  GPtrArray *rows;    /* of GStrv */
};

struct _JgwFormValues {
  GHashTable *values; /* var -> GStrv */
  gboolean cancelled;
};

static void
field_free (gpointer p)
{
  Field *f = p;
  g_free (f->var);
  g_free (f->type);
  g_free (f->label);
  g_ptr_array_unref (f->values);
  g_ptr_array_unref (f->options);
  g_free (f);
}

JgwForm *
jgw_form_new (const char *type, const char *title, const char *instructions)
{
  JgwForm *form = g_new0 (JgwForm, 1);
  form->type = g_strdup (type);
  form->title = g_strdup (title);
  form->instructions = g_strdup (instructions);
  form->fields = g_ptr_array_new_with_free_func (field_free);
  form->columns = g_ptr_array_new_with_free_func (g_free);
  form->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  return form;
}

void
jgw_form_free (JgwForm *form)
{
  if (form == NULL)
    return;
  g_free (form->type);
  g_free (form->title);
  g_free (form->instructions);
  g_ptr_array_unref (form->fields);
  g_ptr_array_unref (form->columns);
  g_ptr_array_unref (form->rows);
  g_free (form);
}

guint
jgw_form_add_field (JgwForm *form, const char *var, const char *type, const char *label,
                    gboolean required, const char *value)
{
  Field *f = g_new0 (Field, 1);
  f->var = g_strdup (var);
  f->type = g_strdup (type);
  f->label = g_strdup (label);
  f->required = required;
  f->values = g_ptr_array_new_with_free_func (g_free);
  f->options = g_ptr_array_new_with_free_func (g_free);
  if (value)
    g_ptr_array_add (f->values, g_strdup (value));
  g_ptr_array_add (form->fields, f);
  return form->fields->len - 1;
}

void
jgw_form_add_option (JgwForm *form, guint index, const char *value, const char *label)
{
  Field *f = g_ptr_array_index (form->fields, index);
  g_ptr_array_add (f->options, g_strdup (value));
  g_ptr_array_add (f->options, g_strdup (label));
}

void
jgw_form_add_value (JgwForm *form, guint index, const char *value)
{
  Field *f = g_ptr_array_index (form->fields, index);
  g_ptr_array_add (f->values, g_strdup (value));
}

void
jgw_form_add_column (JgwForm *form, const char *var, const char *label)
{
  g_ptr_array_add (form->columns, g_strdup (var));
  g_ptr_array_add (form->columns, g_strdup (label));
}

void
jgw_form_add_row (JgwForm *form, const char *const *values)
{
  g_ptr_array_add (form->rows, g_strdupv ((char **) values));
}

static void
add_field (xmpp_stanza_t *x, const char *var, const char *type, const char *label,
           gboolean required, const GPtrArray *values, const GPtrArray *options)
{
  xmpp_stanza_t *f = jgw_stanza_add_child (x, "field", NULL);
  if (var)
    xmpp_stanza_set_attribute (f, "var", var);
  if (type)
    xmpp_stanza_set_attribute (f, "type", type);
  if (label)
    xmpp_stanza_set_attribute (f, "label", label);
  if (required)
    jgw_stanza_add_child (f, "required", NULL);
  for (guint i = 0; values && i < values->len; i++)
    jgw_stanza_add_text_child (f, "value", NULL, g_ptr_array_index (values, i));
  for (guint i = 0; options && i + 1 < options->len; i += 2)
    {
      xmpp_stanza_t *o = jgw_stanza_add_child (f, "option", NULL);
      xmpp_stanza_set_attribute (o, "label", g_ptr_array_index (options, i + 1));
      jgw_stanza_add_text_child (o, "value", NULL, g_ptr_array_index (options, i));
    }
}

static void
add_table (const JgwForm *form, xmpp_stanza_t *x)
{
  xmpp_stanza_t *reported = jgw_stanza_add_child (x, "reported", NULL);
  for (guint i = 0; i + 1 < form->columns->len; i += 2)
    add_field (reported, g_ptr_array_index (form->columns, i), NULL,
               g_ptr_array_index (form->columns, i + 1), FALSE, NULL, NULL);
  for (guint r = 0; r < form->rows->len; r++)
    {
      char **row = g_ptr_array_index (form->rows, r);
      xmpp_stanza_t *item = jgw_stanza_add_child (x, "item", NULL);
      for (guint i = 0; row[i] && 2 * i < form->columns->len; i++)
        {
          g_autoptr (GPtrArray) v = g_ptr_array_new ();
          g_ptr_array_add (v, row[i]);
          add_field (item, g_ptr_array_index (form->columns, 2 * i), NULL, NULL, FALSE, v, NULL);
        }
    }
}

xmpp_stanza_t *
jgw_form_to_stanza (const JgwForm *form, xmpp_ctx_t *ctx)
{
  xmpp_stanza_t *x = xmpp_stanza_new (ctx);
  xmpp_stanza_set_name (x, "x");
  xmpp_stanza_set_ns (x, JGW_NS_DATA);
  xmpp_stanza_set_attribute (x, "type", form->type);
  if (form->title)
    jgw_stanza_add_text_child (x, "title", NULL, form->title);
  if (form->instructions)
    jgw_stanza_add_text_child (x, "instructions", NULL, form->instructions);
  for (guint i = 0; i < form->fields->len; i++)
    {
      Field *f = g_ptr_array_index (form->fields, i);
      add_field (x, f->var, f->type, f->label, f->required, f->values, f->options);
    }
  if (form->columns->len)
    add_table (form, x);
  return x;
}

JgwFormValues *
jgw_form_values_parse (xmpp_stanza_t *x)
{
  JgwFormValues *v = g_new0 (JgwFormValues, 1);
  v->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
  v->cancelled = x && g_strcmp0 (xmpp_stanza_get_type (x), "cancel") == 0;
  for (xmpp_stanza_t *f = x ? xmpp_stanza_get_children (x) : NULL; f; f = xmpp_stanza_get_next (f))
    {
      const char *var = xmpp_stanza_get_attribute (f, "var");
      if (g_strcmp0 (xmpp_stanza_get_name (f), "field") != 0 || var == NULL)
        continue;
      GPtrArray *vals = g_ptr_array_new ();
      for (xmpp_stanza_t *c = xmpp_stanza_get_children (f); c; c = xmpp_stanza_get_next (c))
        if (g_strcmp0 (xmpp_stanza_get_name (c), "value") == 0)
          {
            char *text = xmpp_stanza_get_text (c);
            g_ptr_array_add (vals, g_strdup (text ? text : ""));
            xmpp_free (xmpp_stanza_get_context (c), text);
          }
      g_ptr_array_add (vals, NULL);
      g_hash_table_replace (v->values, g_strdup (var), g_ptr_array_free (vals, FALSE));
    }
  return v;
}

void
jgw_form_values_free (JgwFormValues *v)
{
  if (v == NULL)
    return;
  g_hash_table_unref (v->values);
  g_free (v);
}

const char *
jgw_form_values_get (const JgwFormValues *v, const char *var)
{
  char **vals = g_hash_table_lookup (v->values, var);
  return vals ? vals[0] : NULL;
}

const char *const *
jgw_form_values_get_all (const JgwFormValues *v, const char *var)
{
  return g_hash_table_lookup (v->values, var);
}

gboolean
jgw_form_values_cancelled (const JgwFormValues *v)
{
  return v->cancelled;
}
