/* dd-query-form.c: the Query and Scan form beside the JSON editor: the
 * index and key fields, the options, and the request they make; the
 * filter rows are in dd-query-form-filter.c. */
#define G_LOG_DOMAIN "dd-query-form"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "dd-error.h"
#include "dd-query-form-filter.h"
#include "dd-query-form-private.h"

typedef struct
{
  char *name;  /* NULL: the table */
  char *partition;
  char *sort;  /* nullable */
} Index;

enum { SIGNAL_CHANGED, SIGNAL_RESET, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (DdQueryForm, dd_query_form, ADW_TYPE_BIN)

static const DdQueryOp sort_ops[] = {
  DD_QUERY_OP_NONE, DD_QUERY_OP_EQ, DD_QUERY_OP_LT, DD_QUERY_OP_LE, DD_QUERY_OP_GT, DD_QUERY_OP_GE,
  DD_QUERY_OP_BETWEEN, DD_QUERY_OP_BEGINS_WITH,
};
static const char *sort_labels[] = {
  N_("any"), "=", "<", "≤", ">", "≥", N_("between"), N_("begins with"), NULL
};

static void
set_text (char       **field,
          const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*field);
  *field = copy;
}

static void
index_free (Index *index)
{
  g_free (index->name);
  g_free (index->partition);
  g_free (index->sort);
  g_free (index);
}

void
_dd_query_form_changed (DdQueryForm *self)
{
  if (self->quiet == 0)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static const Index *
current_index (DdQueryForm *self)
{
  guint selected = adw_combo_row_get_selected (self->index_row);

  return selected < self->indexes->len ? g_ptr_array_index (self->indexes, selected) : NULL;
}

static const char *
type_of (DdQueryForm *self,
         const char  *attribute)
{
  const char *type = attribute ? g_hash_table_lookup (self->types, attribute) : NULL;

  return type ? type : "S";
}

static const char *
type_label (const char *type)
{
  return g_str_equal (type, "N") ? _("Number") : g_str_equal (type, "B") ? _("Binary") : _("String");
}

/* The key rows' titles say which attribute and type they hold. */
static void
update_keys (DdQueryForm *self)
{
  const Index *index = current_index (self);
  g_autofree char *partition = NULL;
  g_autofree char *sort = NULL;
  guint op = gtk_drop_down_get_selected (self->sort_op);

  if (index != NULL && index->partition != NULL)
    partition = g_strdup_printf (_("Partition key: %s (%s)"), index->partition, type_label (type_of (self, index->partition)));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->partition_row),
                                 partition ? partition : _("Partition key (the table is not described yet)"));
  if (index != NULL && index->sort != NULL)
    sort = g_strdup_printf (_("Sort key: %s (%s)"), index->sort, type_label (type_of (self, index->sort)));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->sort_row), sort ? sort : _("No sort key"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->sort_op), index == NULL || index->sort != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->sort_value), op != 0);
  gtk_widget_set_visible (GTK_WIDGET (self->sort_value2), sort_ops[MIN (op, G_N_ELEMENTS (sort_ops) - 1)] == DD_QUERY_OP_BETWEEN);
  gtk_widget_set_visible (self->keys_group, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->partition_row), self->kind == DD_QUERY_KIND_QUERY);
  gtk_widget_set_visible (GTK_WIDGET (self->sort_row), self->kind == DD_QUERY_KIND_QUERY);
}

static void
field_changed_cb (DdQueryForm *self)
{
  update_keys (self);
  _dd_query_form_changed (self);
}

/* Reading the fields */

static GStrv
split_names (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    if (*g_strstrip (parts[i]) != '\0')
      g_strv_builder_add (names, parts[i]);
  return g_strv_builder_end (names);
}

DdQuerySpec *
dd_query_form_dup_spec (DdQueryForm *self)
{
  DdQuerySpec *spec;
  const Index *index;
  guint sort = MIN (gtk_drop_down_get_selected (self->sort_op), G_N_ELEMENTS (sort_ops) - 1);
  const char *sort_values[3] = { NULL };
  const char *partition_value[2] = { NULL };

  g_return_val_if_fail (DD_IS_QUERY_FORM (self), NULL);

  spec = dd_query_spec_new (self->kind);
  index = current_index (self);
  spec->table = g_strdup (self->table);
  spec->index = g_strdup (index ? index->name : NULL);
  if (self->kind == DD_QUERY_KIND_QUERY && index != NULL)
    {
      partition_value[0] = gtk_editable_get_text (GTK_EDITABLE (self->partition_row));
      dd_query_condition_set (&spec->partition, index->partition, DD_QUERY_OP_EQ, type_of (self, index->partition),
                              *partition_value[0] ? partition_value : NULL);
      sort_values[0] = gtk_editable_get_text (GTK_EDITABLE (self->sort_value));
      if (sort_ops[sort] == DD_QUERY_OP_BETWEEN)
        sort_values[1] = gtk_editable_get_text (GTK_EDITABLE (self->sort_value2));
      if (sort_ops[sort] != DD_QUERY_OP_NONE && index->sort != NULL)
        dd_query_condition_set (&spec->sort, index->sort, sort_ops[sort], type_of (self, index->sort), sort_values);
    }
  for (guint i = 0; i < self->filters->len; i++)
    g_ptr_array_add (spec->filters, _dd_query_form_filter_condition (g_ptr_array_index (self->filters, i)));
  spec->projection = split_names (gtk_editable_get_text (GTK_EDITABLE (self->projection_row)));
  spec->limit = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->limit_row)));
  spec->consistent_read = gtk_switch_get_active (self->consistent_switch);
  return spec;
}

/* The table's description */

static void
key_schema (JsonObject  *object,
            Index       *index)
{
  JsonArray *keys = json_object_has_member (object, "KeySchema")
                    ? json_object_get_array_member (object, "KeySchema") : NULL;

  for (guint i = 0; keys != NULL && i < json_array_get_length (keys); i++)
    {
      JsonObject *key = json_array_get_object_element (keys, i);
      const char *name = key ? json_object_get_string_member_with_default (key, "AttributeName", NULL) : NULL;
      const char *type = key ? json_object_get_string_member_with_default (key, "KeyType", NULL) : NULL;

      if (g_strcmp0 (type, "HASH") == 0)
        set_text (&index->partition, name);
      else if (g_strcmp0 (type, "RANGE") == 0)
        set_text (&index->sort, name);
    }
}

static void
add_indexes (DdQueryForm *self,
             JsonObject  *table,
             const char  *member)
{
  JsonArray *list = json_object_has_member (table, member) ? json_object_get_array_member (table, member) : NULL;

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *object = json_array_get_object_element (list, i);
      Index *index = g_new0 (Index, 1);

      index->name = g_strdup (json_object_get_string_member_with_default (object, "IndexName", ""));
      key_schema (object, index);
      g_ptr_array_add (self->indexes, index);
    }
}

static void
read_types (DdQueryForm *self,
            JsonObject  *table)
{
  JsonArray *list = json_object_has_member (table, "AttributeDefinitions")
                    ? json_object_get_array_member (table, "AttributeDefinitions") : NULL;

  g_hash_table_remove_all (self->types);
  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *object = json_array_get_object_element (list, i);

      g_hash_table_replace (self->types,
                            g_strdup (json_object_get_string_member_with_default (object, "AttributeName", "")),
                            g_strdup (json_object_get_string_member_with_default (object, "AttributeType", "S")));
    }
}

static void
fill_index_labels (DdQueryForm *self,
                   const char  *keep)
{
  guint selected = 0;

  self->quiet++;
  gtk_string_list_splice (self->index_labels, 0, g_list_model_get_n_items (G_LIST_MODEL (self->index_labels)), NULL);
  for (guint i = 0; i < self->indexes->len; i++)
    {
      Index *index = g_ptr_array_index (self->indexes, i);

      gtk_string_list_append (self->index_labels, index->name ? index->name : _("The table"));
      if (g_strcmp0 (index->name, keep) == 0)
        selected = i;
    }
  adw_combo_row_set_selected (self->index_row, selected);
  self->quiet--;
}

void
dd_query_form_set_describe (DdQueryForm *self,
                            const char  *describe)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  const Index *current = current_index (self);
  g_autofree char *keep = current && current->name ? g_strdup (current->name) : NULL;
  JsonNode *root;
  JsonObject *table;

  g_return_if_fail (DD_IS_QUERY_FORM (self));

  if (describe == NULL || !json_parser_load_from_data (parser, describe, -1, NULL)
      || !JSON_NODE_HOLDS_OBJECT (root = json_parser_get_root (parser))
      || (table = json_object_get_object_member (json_node_get_object (root), "Table")) == NULL)
    return;
  g_ptr_array_set_size (self->indexes, 0);
  g_ptr_array_add (self->indexes, g_new0 (Index, 1));
  key_schema (table, g_ptr_array_index (self->indexes, 0));
  add_indexes (self, table, "GlobalSecondaryIndexes");
  add_indexes (self, table, "LocalSecondaryIndexes");
  read_types (self, table);
  set_text (&self->described, json_object_get_string_member_with_default (table, "TableName", self->table));
  fill_index_labels (self, keep);
  update_keys (self);
  _dd_query_form_changed (self);
}

gboolean
dd_query_form_has_describe (DdQueryForm *self,
                            const char  *table)
{
  g_return_val_if_fail (DD_IS_QUERY_FORM (self), FALSE);
  return self->described != NULL && g_strcmp0 (self->described, table) == 0;
}

/* Setting fields */

gboolean
dd_query_form_set_index (DdQueryForm *self,
                         const char  *index)
{
  g_return_val_if_fail (DD_IS_QUERY_FORM (self), FALSE);

  for (guint i = 0; i < self->indexes->len; i++)
    if (g_strcmp0 (((Index *) g_ptr_array_index (self->indexes, i))->name, index) == 0)
      {
        adw_combo_row_set_selected (self->index_row, i);
        return TRUE;
      }
  return FALSE;
}

void
dd_query_form_set_partition (DdQueryForm *self,
                             const char  *value)
{
  g_return_if_fail (DD_IS_QUERY_FORM (self));
  gtk_editable_set_text (GTK_EDITABLE (self->partition_row), value ? value : "");
}

void
dd_query_form_set_sort (DdQueryForm *self,
                        DdQueryOp    op,
                        const char  *value,
                        const char  *value2)
{
  g_return_if_fail (DD_IS_QUERY_FORM (self));

  self->quiet++;
  for (guint i = 0; i < G_N_ELEMENTS (sort_ops); i++)
    if (sort_ops[i] == op)
      gtk_drop_down_set_selected (self->sort_op, i);
  gtk_editable_set_text (GTK_EDITABLE (self->sort_value), value ? value : "");
  gtk_editable_set_text (GTK_EDITABLE (self->sort_value2), value2 ? value2 : "");
  self->quiet--;
  field_changed_cb (self);
}

void
dd_query_form_set_projection (DdQueryForm *self,
                              const char  *names)
{
  g_return_if_fail (DD_IS_QUERY_FORM (self));
  gtk_editable_set_text (GTK_EDITABLE (self->projection_row), names ? names : "");
}

void
dd_query_form_set_limit (DdQueryForm *self,
                         const char  *limit)
{
  g_return_if_fail (DD_IS_QUERY_FORM (self));
  gtk_editable_set_text (GTK_EDITABLE (self->limit_row), limit ? limit : "");
}

void
dd_query_form_set_consistent (DdQueryForm *self,
                              gboolean     consistent)
{
  g_return_if_fail (DD_IS_QUERY_FORM (self));
  gtk_switch_set_active (self->consistent_switch, consistent);
}

static gboolean
keys_fit (DdQueryForm        *self,
          const DdQuerySpec  *spec,
          GError            **error)
{
  const Index *index = current_index (self);

  if (spec->kind != DD_QUERY_KIND_QUERY || index == NULL || index->partition == NULL)
    return TRUE;
  if (g_strcmp0 (spec->partition.name, index->partition) != 0)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("the key condition is on “%s”, the partition key is “%s”"),
                   spec->partition.name, index->partition);
      return FALSE;
    }
  if (spec->sort.op != DD_QUERY_OP_NONE && g_strcmp0 (spec->sort.name, index->sort) != 0)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("the key condition is on “%s”, which is not the sort key"),
                   spec->sort.name);
      return FALSE;
    }
  return TRUE;
}
gboolean
dd_query_form_set_spec (DdQueryForm        *self,
                        const DdQuerySpec  *spec,
                        GError            **error)
{
  g_autofree char *projection = NULL;

  g_return_val_if_fail (DD_IS_QUERY_FORM (self), FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);

  if (self->described != NULL && !dd_query_form_set_index (self, spec->index))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("the table has no index “%s”"), spec->index);
      return FALSE;
    }
  if (!keys_fit (self, spec, error))
    return FALSE;
  for (guint i = 0; i < spec->filters->len; i++)
    if (!_dd_query_form_filter_fits (g_ptr_array_index (spec->filters, i), error))
      return FALSE;
  self->quiet++;
  dd_query_form_set_partition (self, spec->partition.values ? spec->partition.values[0] : NULL);
  dd_query_form_set_sort (self, spec->sort.op, spec->sort.values ? spec->sort.values[0] : NULL,
                          spec->sort.values && spec->sort.values[0] ? spec->sort.values[1] : NULL);
  dd_query_form_clear_filters (self);
  for (guint i = 0; i < spec->filters->len; i++)
    {
      DdQueryCondition *c = g_ptr_array_index (spec->filters, i);
      g_autofree char *values = c->op == DD_QUERY_OP_IN ? g_strjoinv (", ", c->values) : NULL;

      dd_query_form_add_filter (self, c->name, c->op, c->size_op, c->type,
                                values ? values : c->values[0], c->values[0] ? c->values[1] : NULL);
    }
  projection = spec->projection ? g_strjoinv (", ", spec->projection) : NULL;
  dd_query_form_set_projection (self, projection);
  dd_query_form_set_limit (self, spec->limit);
  dd_query_form_set_consistent (self, spec->consistent_read);
  self->quiet--;
  update_keys (self);
  return TRUE;
}

void
dd_query_form_set_message (DdQueryForm *self,
                           const char  *message,
                           gboolean     can_reset)
{
  g_return_if_fail (DD_IS_QUERY_FORM (self));

  gtk_label_set_text (self->message_label, message ? message : "");
  gtk_widget_set_visible (self->message_box, message != NULL);
  gtk_widget_set_visible (self->reset_button, message != NULL && can_reset);
}

const char *
dd_query_form_get_message (DdQueryForm *self)
{
  g_return_val_if_fail (DD_IS_QUERY_FORM (self), NULL);
  return gtk_widget_get_visible (self->message_box) ? gtk_label_get_text (self->message_label) : NULL;
}

void
dd_query_form_set_kind (DdQueryForm *self,
                        DdQueryKind  kind)
{
  g_return_if_fail (DD_IS_QUERY_FORM (self));
  self->kind = kind;
  update_keys (self);
}

DdQueryKind
dd_query_form_get_kind (DdQueryForm *self)
{
  g_return_val_if_fail (DD_IS_QUERY_FORM (self), DD_QUERY_KIND_SCAN);
  return self->kind;
}

void
dd_query_form_set_table (DdQueryForm *self,
                         const char  *table)
{
  g_return_if_fail (DD_IS_QUERY_FORM (self));

  if (g_strcmp0 (self->table, table) == 0)
    return;
  set_text (&self->table, table);
  if (g_strcmp0 (self->described, table) != 0)
    {
      g_clear_pointer (&self->described, g_free);
      g_ptr_array_set_size (self->indexes, 0);
      g_ptr_array_add (self->indexes, g_new0 (Index, 1));
      fill_index_labels (self, NULL);
      update_keys (self);
    }
  _dd_query_form_changed (self);
}

/* Construction */

static void
reset_cb (DdQueryForm *self)
{
  g_signal_emit (self, signals[SIGNAL_RESET], 0);
}

static GtkWidget *
build_message (DdQueryForm *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Replace the JSON"));

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (box, "dd-form-message");
  gtk_widget_set_tooltip_text (button, _("Write the form's request over the JSON"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), button);
  gtk_widget_set_visible (box, FALSE);
  g_signal_connect_object (button, "clicked", G_CALLBACK (reset_cb), self, G_CONNECT_SWAPPED);
  self->message_label = GTK_LABEL (label);
  self->reset_button = button;
  return box;
}

static GtkWidget *
build_keys (DdQueryForm *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->index_labels = gtk_string_list_new (NULL);
  self->index_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->index_row), _("_Read from"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->index_row), TRUE);
  adw_combo_row_set_model (self->index_row, G_LIST_MODEL (self->index_labels));
  self->partition_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  self->sort_row = ADW_ACTION_ROW (adw_action_row_new ());
  self->sort_op = _dd_query_form_row_dropdown (sort_labels, _("Sort Key Condition"));
  self->sort_value = _dd_query_form_row_entry (_("Value"), 14);
  self->sort_value2 = _dd_query_form_row_entry (_("and"), 14);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->sort_op));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->sort_value));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->sort_value2));
  adw_action_row_add_suffix (self->sort_row, box);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->index_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->partition_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->sort_row));
  g_signal_connect_object (self->index_row, "notify::selected", G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->partition_row, "changed", G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sort_op, "notify::selected", G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sort_value, "changed", G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sort_value2, "changed", G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
  self->keys_group = group;
  return group;
}
static GtkWidget *
build_options (DdQueryForm *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  AdwActionRow *consistent = ADW_ACTION_ROW (adw_action_row_new ());

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Options"));
  self->projection_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->projection_row),
                                 _("Attributes to return (separated by commas; empty: all)"));
  self->limit_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->limit_row), _("Limit (items read per page)"));
  gtk_editable_set_width_chars (GTK_EDITABLE (self->limit_row), 8);
  self->consistent_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->consistent_switch), GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (consistent), _("Strongly consistent read"));
  adw_action_row_set_subtitle (consistent, _("Twice the read cost; not on global secondary indexes"));
  adw_action_row_add_suffix (consistent, GTK_WIDGET (self->consistent_switch));
  adw_action_row_set_activatable_widget (consistent, GTK_WIDGET (self->consistent_switch));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->projection_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->limit_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (consistent));
  g_signal_connect_object (self->projection_row, "changed", G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->limit_row, "changed", G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->consistent_switch, "notify::active", G_CALLBACK (field_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return group;
}

static void
dd_query_form_dispose (GObject *object)
{
  DdQueryForm *self = DD_QUERY_FORM (object);

  adw_bin_set_child (ADW_BIN (self), NULL);
  g_clear_pointer (&self->filters, g_ptr_array_unref);
  g_clear_pointer (&self->indexes, g_ptr_array_unref);
  g_clear_pointer (&self->types, g_hash_table_unref);
  g_clear_object (&self->index_labels);
  g_clear_pointer (&self->table, g_free);
  g_clear_pointer (&self->described, g_free);
  G_OBJECT_CLASS (dd_query_form_parent_class)->dispose (object);
}

static void
dd_query_form_class_init (DdQueryFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dd_query_form_dispose;
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_RESET] = g_signal_new ("reset", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
dd_query_form_init (DdQueryForm *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  self->indexes = g_ptr_array_new_with_free_func ((GDestroyNotify) index_free);
  g_ptr_array_add (self->indexes, g_new0 (Index, 1));
  self->types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->filters = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  self->message_box = build_message (self);
  gtk_box_append (GTK_BOX (box), self->message_box);
  gtk_box_append (GTK_BOX (box), build_keys (self));
  gtk_box_append (GTK_BOX (box), _dd_query_form_build_filters (self));
  gtk_box_append (GTK_BOX (box), build_options (self));
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 900);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  adw_bin_set_child (ADW_BIN (self), scrolled);
  fill_index_labels (self, NULL);
  update_keys (self);
}

GtkWidget *
dd_query_form_new (void)
{
  return g_object_new (DD_TYPE_QUERY_FORM, NULL);
}
