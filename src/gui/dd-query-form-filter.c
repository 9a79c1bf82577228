/* dd-query-form-filter.c: the filter rows of DdQueryForm (dd-query-form.h):
 * building them, setting them and reading them as conditions. */
#define G_LOG_DOMAIN "dd-query-form"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dd-error.h"
#include "dd-query-form-filter.h"
#include "dd-query-form-private.h"

static const struct
{
  DdQueryOp   op;
  DdQueryOp   size_op;
  const char *label;
} filter_ops[] = {
  { DD_QUERY_OP_EQ, 0, "=" },
  { DD_QUERY_OP_NE, 0, "≠" },
  { DD_QUERY_OP_LT, 0, "<" },
  { DD_QUERY_OP_LE, 0, "≤" },
  { DD_QUERY_OP_GT, 0, ">" },
  { DD_QUERY_OP_GE, 0, "≥" },
  { DD_QUERY_OP_BETWEEN, 0, N_("between") },
  { DD_QUERY_OP_BEGINS_WITH, 0, N_("begins with") },
  { DD_QUERY_OP_CONTAINS, 0, N_("contains") },
  { DD_QUERY_OP_EXISTS, 0, N_("exists") },
  { DD_QUERY_OP_NOT_EXISTS, 0, N_("does not exist") },
  { DD_QUERY_OP_TYPE, 0, N_("is of type") },
  { DD_QUERY_OP_IN, 0, N_("is one of") },
  { DD_QUERY_OP_SIZE, DD_QUERY_OP_EQ, N_("size =") },
  { DD_QUERY_OP_SIZE, DD_QUERY_OP_NE, N_("size ≠") },
  { DD_QUERY_OP_SIZE, DD_QUERY_OP_LT, N_("size <") },
  { DD_QUERY_OP_SIZE, DD_QUERY_OP_LE, N_("size ≤") },
  { DD_QUERY_OP_SIZE, DD_QUERY_OP_GT, N_("size >") },
  { DD_QUERY_OP_SIZE, DD_QUERY_OP_GE, N_("size ≥") },
  { DD_QUERY_OP_SIZE, DD_QUERY_OP_BETWEEN, N_("size between") },
};

static const char *value_types[] = { "S", "N", "B", "BOOL", "NULL", NULL };
static const char *value_type_labels[] = { N_("String"), N_("Number"), N_("Binary"), N_("Boolean"), N_("Null"), NULL };

/* Filter rows */

static guint
filter_op_position (DdQueryOp op,
                    DdQueryOp size_op)
{
  for (guint i = 0; i < G_N_ELEMENTS (filter_ops); i++)
    if (filter_ops[i].op == op && (op != DD_QUERY_OP_SIZE || filter_ops[i].size_op == size_op))
      return i;
  return 0;
}

static void
update_filter_row (FilterRow *row)
{
  guint op = gtk_drop_down_get_selected (row->op);
  DdQueryOp kind = filter_ops[MIN (op, G_N_ELEMENTS (filter_ops) - 1)].op;
  DdQueryOp size_op = filter_ops[MIN (op, G_N_ELEMENTS (filter_ops) - 1)].size_op;
  gboolean no_value = kind == DD_QUERY_OP_EXISTS || kind == DD_QUERY_OP_NOT_EXISTS;
  gboolean typed = !no_value && kind != DD_QUERY_OP_TYPE && kind != DD_QUERY_OP_SIZE;

  gtk_widget_set_visible (GTK_WIDGET (row->value), !no_value);
  gtk_widget_set_visible (GTK_WIDGET (row->type), typed);
  gtk_widget_set_visible (GTK_WIDGET (row->value2), kind == DD_QUERY_OP_BETWEEN || size_op == DD_QUERY_OP_BETWEEN);
  gtk_entry_set_placeholder_text (row->value, kind == DD_QUERY_OP_IN ? _("Values, separated by commas")
                                              : kind == DD_QUERY_OP_TYPE ? _("S, N, B, BOOL, NULL, M, L, SS, NS or BS")
                                              : _("Value"));
}

static void
filter_changed_cb (GtkWidget   *widget,
                   GParamSpec  *pspec,
                   DdQueryForm *self)
{
  for (guint i = 0; i < self->filters->len; i++)
    update_filter_row (g_ptr_array_index (self->filters, i));
  _dd_query_form_changed (self);
}

static void
remove_filter_cb (GtkButton   *button,
                  DdQueryForm *self)
{
  for (guint i = 0; i < self->filters->len; i++)
    {
      FilterRow *row = g_ptr_array_index (self->filters, i);

      if (gtk_widget_is_ancestor (GTK_WIDGET (button), row->box))
        {
          gtk_list_box_remove (self->filter_list, gtk_widget_get_parent (row->box));
          g_ptr_array_remove_index (self->filters, i);
          break;
        }
    }
  _dd_query_form_changed (self);
}

GtkEntry *
_dd_query_form_row_entry (const char *accessible_label,
           int         chars)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_width_chars (GTK_EDITABLE (entry), chars);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), accessible_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  return GTK_ENTRY (entry);
}

GtkDropDown *
_dd_query_form_row_dropdown (const char * const *labels,
              const char         *accessible_label)
{
  GtkStringList *list = gtk_string_list_new (NULL);
  GtkWidget *dropdown;

  for (guint i = 0; labels[i] != NULL; i++)
    gtk_string_list_append (list, _(labels[i]));
  dropdown = gtk_drop_down_new (G_LIST_MODEL (list), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  return GTK_DROP_DOWN (dropdown);
}

static FilterRow *
filter_row_new (DdQueryForm *self)
{
  FilterRow *row = g_new0 (FilterRow, 1);
  const char *labels[G_N_ELEMENTS (filter_ops) + 1] = { NULL };
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");

  for (guint i = 0; i < G_N_ELEMENTS (filter_ops); i++)
    labels[i] = filter_ops[i].label;
  row->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (row->box, "dd-filter-row");
  row->name = _dd_query_form_row_entry (_("Attribute"), 12);
  row->op = _dd_query_form_row_dropdown (labels, _("Comparison"));
  row->type = _dd_query_form_row_dropdown (value_type_labels, _("Value Type"));
  row->value = _dd_query_form_row_entry (_("Value"), 12);
  row->value2 = _dd_query_form_row_entry (_("and"), 8);
  gtk_widget_set_hexpand (GTK_WIDGET (row->value), TRUE);
  gtk_widget_set_tooltip_text (remove, _("Remove Filter"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove Filter"), -1);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (row->box), GTK_WIDGET (row->name));
  gtk_box_append (GTK_BOX (row->box), GTK_WIDGET (row->op));
  gtk_box_append (GTK_BOX (row->box), GTK_WIDGET (row->type));
  gtk_box_append (GTK_BOX (row->box), GTK_WIDGET (row->value));
  gtk_box_append (GTK_BOX (row->box), GTK_WIDGET (row->value2));
  gtk_box_append (GTK_BOX (row->box), remove);
  gtk_widget_set_margin_top (row->box, 6);
  gtk_widget_set_margin_bottom (row->box, 6);
  gtk_widget_set_margin_start (row->box, 12);
  gtk_widget_set_margin_end (row->box, 6);
  g_signal_connect_object (row->name, "notify::text", G_CALLBACK (filter_changed_cb), self, 0);
  g_signal_connect_object (row->value, "notify::text", G_CALLBACK (filter_changed_cb), self, 0);
  g_signal_connect_object (row->value2, "notify::text", G_CALLBACK (filter_changed_cb), self, 0);
  g_signal_connect_object (row->op, "notify::selected", G_CALLBACK (filter_changed_cb), self, 0);
  g_signal_connect_object (row->type, "notify::selected", G_CALLBACK (filter_changed_cb), self, 0);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_filter_cb), self, 0);
  update_filter_row (row);
  return row;
}

guint
dd_query_form_add_filter (DdQueryForm *self,
                          const char  *name,
                          DdQueryOp    op,
                          DdQueryOp    size_op,
                          const char  *type,
                          const char  *value,
                          const char  *value2)
{
  FilterRow *row;
  guint type_position = 0;

  g_return_val_if_fail (DD_IS_QUERY_FORM (self), 0);

  self->quiet++;
  row = filter_row_new (self);
  for (guint i = 0; type != NULL && value_types[i] != NULL; i++)
    if (g_str_equal (value_types[i], type))
      type_position = i;
  gtk_editable_set_text (GTK_EDITABLE (row->name), name ? name : "");
  gtk_drop_down_set_selected (row->op, filter_op_position (op, size_op));
  gtk_drop_down_set_selected (row->type, type_position);
  gtk_editable_set_text (GTK_EDITABLE (row->value), value ? value : "");
  gtk_editable_set_text (GTK_EDITABLE (row->value2), value2 ? value2 : "");
  update_filter_row (row);
  g_ptr_array_add (self->filters, row);
  gtk_list_box_append (self->filter_list, row->box);
  self->quiet--;
  _dd_query_form_changed (self);
  return self->filters->len - 1;
}

static void
add_filter_cb (DdQueryForm *self)
{
  guint n = dd_query_form_add_filter (self, NULL, DD_QUERY_OP_EQ, DD_QUERY_OP_NONE, "S", NULL, NULL);

  gtk_widget_grab_focus (GTK_WIDGET (((FilterRow *) g_ptr_array_index (self->filters, n))->name));
}

void
dd_query_form_clear_filters (DdQueryForm *self)
{
  g_return_if_fail (DD_IS_QUERY_FORM (self));

  while (self->filters->len > 0)
    {
      FilterRow *row = g_ptr_array_index (self->filters, self->filters->len - 1);

      gtk_list_box_remove (self->filter_list, gtk_widget_get_parent (row->box));
      g_ptr_array_remove_index (self->filters, self->filters->len - 1);
    }
  _dd_query_form_changed (self);
}

/* Reading the fields */

static const char * const *
split_values (const char *text,
              gboolean    in,
              GStrv      *owned)
{
  if (in)
    {
      *owned = g_strsplit (text, ",", -1);
      for (guint i = 0; (*owned)[i] != NULL; i++)
        g_strstrip ((*owned)[i]);
    }
  else
    {
      *owned = g_new0 (char *, 2);
      (*owned)[0] = g_strdup (text);
    }
  return (const char * const *) *owned;
}

DdQueryCondition *
_dd_query_form_filter_condition (FilterRow *row)
{
  guint position = MIN (gtk_drop_down_get_selected (row->op), G_N_ELEMENTS (filter_ops) - 1);
  guint type = MIN (gtk_drop_down_get_selected (row->type), G_N_ELEMENTS (value_types) - 2);
  DdQueryOp op = filter_ops[position].op;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row->value));
  g_auto(GStrv) values = NULL;
  DdQueryCondition *condition;

  if (op == DD_QUERY_OP_EXISTS || op == DD_QUERY_OP_NOT_EXISTS)
    values = g_new0 (char *, 1);
  else if (op == DD_QUERY_OP_BETWEEN || filter_ops[position].size_op == DD_QUERY_OP_BETWEEN)
    values = g_strdupv ((char *[]) { (char *) text, (char *) gtk_editable_get_text (GTK_EDITABLE (row->value2)), NULL });
  else if (op != DD_QUERY_OP_IN || *text != '\0')
    split_values (text, op == DD_QUERY_OP_IN, &values);
  condition = dd_query_condition_new (gtk_editable_get_text (GTK_EDITABLE (row->name)), op,
                                      op == DD_QUERY_OP_SIZE || op == DD_QUERY_OP_TYPE ? NULL : value_types[type],
                                      (const char * const *) values);
  condition->size_op = filter_ops[position].size_op;
  return condition;
}

gboolean
_dd_query_form_filter_fits (const DdQueryCondition  *c,
             GError                 **error)
{
  if (c->op == DD_QUERY_OP_IN)
    for (guint i = 0; c->values[i] != NULL; i++)
      if (strchr (c->values[i], ',') != NULL)
        {
          g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("a value of “%s” IN (…) holds a comma"), c->name);
          return FALSE;
        }
  return TRUE;
}

GtkWidget *
_dd_query_form_build_filters (DdQueryForm *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Filters"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Items must match every filter; they are applied after reading, "
                                           "so they do not lower the read cost."));
  gtk_widget_set_tooltip_text (add, _("Add Filter"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add Filter"), -1);
  gtk_widget_add_css_class (add, "flat");
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), add);
  self->filter_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->filter_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->filter_list), "boxed-list");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->filter_list));
  g_signal_connect_object (add, "clicked", G_CALLBACK (add_filter_cb), self, G_CONNECT_SWAPPED);
  return group;
}
