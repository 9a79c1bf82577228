/* dd-create-table-dialog.c: the create-table form. */
#define G_LOG_DOMAIN "dd-create-table-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "dd-create-table-dialog.h"
#include "dd-operation.h"
#include "dd-request.h"

static const char * const key_types[] = { "S", "N", "B", NULL };
static const char * const billing_modes[] = { "PAY_PER_REQUEST", "PROVISIONED", NULL };
static const char * const streams[] = { "", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "KEYS_ONLY", NULL };
static const char * const projections[] = { "ALL", "KEYS_ONLY", "INCLUDE", NULL };

typedef struct
{
  gboolean     global;
  GtkWidget   *expander;
  AdwEntryRow *name;
  AdwEntryRow *partition;
  AdwComboRow *partition_type;
  AdwEntryRow *sort;
  AdwComboRow *sort_type;
  AdwComboRow *projection;
  AdwEntryRow *non_key;
} IndexRow;

struct _DdCreateTableDialog
{
  AdwWindow             parent_instance;

  AdwViewStack         *view_stack;
  GtkSpinner           *spinner;
  GtkLabel             *problems_label;
  AdwEntryRow          *name_row;
  AdwEntryRow          *partition_row;
  AdwComboRow          *partition_type_row;
  AdwEntryRow          *sort_row;
  AdwComboRow          *sort_type_row;
  AdwComboRow          *billing_row;
  GtkWidget            *read_row;
  GtkWidget            *write_row;
  GtkSpinButton        *read_spin;
  GtkSpinButton        *write_spin;
  AdwPreferencesGroup  *indexes_group;
  AdwComboRow          *stream_row;
  AdwEntryRow          *tags_row;
  GtkToggleButton      *edit_toggle;
  GtkSourceView        *json_view;

  GPtrArray            *indexes;  /* IndexRow */
  char                 *error;
  guint                 busy : 1;
  guint                 updating : 1;
};

enum { SIGNAL_CREATE, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (DdCreateTableDialog, dd_create_table_dialog, ADW_TYPE_WINDOW)

static void update (DdCreateTableDialog *self);

/* Choices */

static const char *
choice (AdwComboRow        *row,
        const char * const *values)
{
  guint position = adw_combo_row_get_selected (row);

  return position < g_strv_length ((char **) values) ? values[position] : values[0];
}

static gboolean
set_choice (AdwComboRow        *row,
            const char * const *values,
            const char         *value)
{
  for (guint i = 0; values[i] != NULL; i++)
    if (g_str_equal (values[i], value))
      {
        adw_combo_row_set_selected (row, i);
        return TRUE;
      }
  return FALSE;
}

static void
fill_combo (AdwComboRow        *row,
            const char * const *labels)
{
  adw_combo_row_set_model (row, G_LIST_MODEL (gtk_string_list_new (labels)));
}

static void
fill_key_types (AdwComboRow *row)
{
  const char *labels[] = { _("String (S)"), _("Number (N)"), _("Binary (B)"), NULL };

  fill_combo (row, labels);
}

/* The spec */

static char *
text_of (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static DdIndexSpec *
index_spec (IndexRow *row)
{
  DdIndexSpec *index = dd_index_spec_new (row->global);
  g_autofree char *non_key = text_of (row->non_key);
  g_auto(GStrv) parts = g_strsplit (non_key, ",", -1);
  GStrvBuilder *builder = g_strv_builder_new ();

  index->name = text_of (row->name);
  index->partition_key = row->global ? text_of (row->partition) : NULL;
  g_free (index->partition_type);
  index->partition_type = g_strdup (choice (row->partition_type, key_types));
  index->sort_key = text_of (row->sort);
  g_free (index->sort_type);
  index->sort_type = g_strdup (choice (row->sort_type, key_types));
  g_free (index->projection);
  index->projection = g_strdup (choice (row->projection, projections));
  for (guint i = 0; parts[i] != NULL; i++)
    if (*g_strstrip (parts[i]) != '\0')
      g_strv_builder_add (builder, parts[i]);
  index->non_key = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return index;
}

static DdTableSpec *
form_spec (DdCreateTableDialog *self,
           gboolean            *tags_ok)
{
  DdTableSpec *spec = dd_table_spec_new ();
  g_autofree char *tags = text_of (self->tags_row);
  const char *stream = choice (self->stream_row, streams);

  spec->name = text_of (self->name_row);
  spec->partition_key = text_of (self->partition_row);
  g_free (spec->partition_type);
  spec->partition_type = g_strdup (choice (self->partition_type_row, key_types));
  spec->sort_key = text_of (self->sort_row);
  g_free (spec->sort_type);
  spec->sort_type = g_strdup (choice (self->sort_type_row, key_types));
  spec->provisioned = g_str_equal (choice (self->billing_row, billing_modes), "PROVISIONED");
  spec->read_units = (gint64) gtk_spin_button_get_value (self->read_spin);
  spec->write_units = (gint64) gtk_spin_button_get_value (self->write_spin);
  spec->stream = *stream ? g_strdup (stream) : NULL;
  for (guint i = 0; i < self->indexes->len; i++)
    {
      DdIndexSpec *index = index_spec (self->indexes->pdata[i]);

      index->read_units = spec->read_units;
      index->write_units = spec->write_units;
      g_ptr_array_add (spec->indexes, index);
    }
  *tags_ok = dd_table_spec_parse_tags (spec, tags);
  return spec;
}

/* The request and its problems */

static GtkTextBuffer *
json_buffer (DdCreateTableDialog *self)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->json_view));
}

char *
dd_create_table_dialog_dup_request (DdCreateTableDialog *self)
{
  GtkTextIter start, end;

  g_return_val_if_fail (DD_IS_CREATE_TABLE_DIALOG (self), NULL);
  gtk_text_buffer_get_bounds (json_buffer (self), &start, &end);
  return gtk_text_buffer_get_text (json_buffer (self), &start, &end, FALSE);
}

static void
collect_request_problems (DdCreateTableDialog *self,
                          GPtrArray           *problems)
{
  const DdOperation *op = dd_operation_lookup_action ("CreateTable");
  g_autofree char *request = dd_create_table_dialog_dup_request (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = dd_request_build (op, request, -1, NULL, DD_ATTR_READING_DETECT, &error);
  g_autoptr(GPtrArray) found = NULL;

  if (body == NULL)
    {
      g_ptr_array_add (problems, g_strdup (error->message));
      return;
    }
  if (dd_request_explain_problems (op, body, &found))
    for (guint i = 0; i < found->len; i++)
      g_ptr_array_add (problems, g_strdup (found->pdata[i]));
}

static void
update (DdCreateTableDialog *self)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  gboolean editing = gtk_toggle_button_get_active (self->edit_toggle);
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean provisioned = g_str_equal (choice (self->billing_row, billing_modes), "PROVISIONED");

  if (self->updating)
    return;
  gtk_widget_set_visible (self->read_row, provisioned);
  gtk_widget_set_visible (self->write_row, provisioned);
  for (guint i = 0; i < self->indexes->len; i++)
    {
      IndexRow *row = self->indexes->pdata[i];

      gtk_widget_set_visible (GTK_WIDGET (row->non_key),
                              g_str_equal (choice (row->projection, projections), "INCLUDE"));
    }
  if (!editing)
    {
      gboolean tags_ok = TRUE;
      g_autoptr(DdTableSpec) spec = form_spec (self, &tags_ok);
      g_autofree char *json = dd_table_spec_to_json (spec);
      g_autoptr(GPtrArray) checks = dd_table_spec_check (spec);

      self->updating = TRUE;
      gtk_text_buffer_set_text (json_buffer (self), json, -1);
      self->updating = FALSE;
      for (guint i = 0; i < checks->len; i++)
        g_ptr_array_add (problems, g_strdup (checks->pdata[i]));
      if (!tags_ok)
        g_ptr_array_add (problems, g_strdup (_("Tags are written key=value, separated by commas")));
    }
  if (problems->len == 0)
    collect_request_problems (self, problems);
  if (self->error != NULL)
    g_ptr_array_insert (problems, 0, g_strdup (self->error));
  for (guint i = 0; i < problems->len; i++)
    g_string_append_printf (text, "%s%s", i ? "\n" : "", (char *) problems->pdata[i]);
  gtk_label_set_text (self->problems_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_label), problems->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "create.create",
                                 !self->busy && (problems->len == 0 || (self->error && problems->len == 1)));
}

static void
changed_cb (DdCreateTableDialog *self)
{
  g_clear_pointer (&self->error, g_free);
  update (self);
}

static void
edit_toggled_cb (DdCreateTableDialog *self)
{
  gboolean editing = gtk_toggle_button_get_active (self->edit_toggle);

  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->json_view), editing);
  gtk_widget_set_sensitive (GTK_WIDGET (adw_view_stack_get_child_by_name (self->view_stack, "form")), !editing);
  changed_cb (self);
}

static void
json_changed_cb (DdCreateTableDialog *self)
{
  if (!self->updating && gtk_toggle_button_get_active (self->edit_toggle))
    changed_cb (self);
}

/* Indexes */

static AdwEntryRow *
index_entry (IndexRow            *row,
             DdCreateTableDialog *self,
             const char          *title)
{
  GtkWidget *entry = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), title);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (changed_cb), self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row->expander), entry);
  return ADW_ENTRY_ROW (entry);
}

static AdwComboRow *
index_combo (IndexRow            *row,
             DdCreateTableDialog *self,
             const char          *title)
{
  GtkWidget *combo = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), title);
  g_signal_connect_swapped (combo, "notify::selected", G_CALLBACK (changed_cb), self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row->expander), combo);
  return ADW_COMBO_ROW (combo);
}

static void
index_name_changed_cb (IndexRow *row)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (row->name));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->expander),
                                 *name ? name : row->global ? _("New global index") : _("New local index"));
}

static void
remove_index_cb (GtkButton           *button,
                 DdCreateTableDialog *self)
{
  IndexRow *row = g_object_get_data (G_OBJECT (button), "dd-index");

  adw_preferences_group_remove (self->indexes_group, row->expander);
  g_ptr_array_remove (self->indexes, row);
  update (self);
}

guint
dd_create_table_dialog_add_index (DdCreateTableDialog *self,
                                  gboolean             global)
{
  const char *projection_labels[] = { _("All attributes"), _("Keys only"), _("Keys and chosen attributes"), NULL };
  IndexRow *row = g_new0 (IndexRow, 1);
  GtkWidget *remove;

  g_return_val_if_fail (DD_IS_CREATE_TABLE_DIALOG (self), 0);

  row->global = global;
  row->expander = adw_expander_row_new ();
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row->expander),
                                 global ? _("Global secondary index") : _("Local secondary index"));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row->expander), TRUE);
  row->name = index_entry (row, self, _("Index Name"));
  g_signal_connect_swapped (row->name, "changed", G_CALLBACK (index_name_changed_cb), row);
  index_name_changed_cb (row);
  if (global)
    {
      row->partition = index_entry (row, self, _("Partition Key"));
      row->partition_type = index_combo (row, self, _("Partition Key Type"));
      fill_key_types (row->partition_type);
    }
  else
    {
      /* unused for a local index; kept so every row has the same fields */
      row->partition = ADW_ENTRY_ROW (g_object_ref_sink (adw_entry_row_new ()));
      row->partition_type = ADW_COMBO_ROW (g_object_ref_sink (adw_combo_row_new ()));
      fill_key_types (row->partition_type);
    }
  row->sort = index_entry (row, self, global ? _("Sort Key (optional)") : _("Sort Key"));
  row->sort_type = index_combo (row, self, _("Sort Key Type"));
  fill_key_types (row->sort_type);
  row->projection = index_combo (row, self, _("Projection"));
  fill_combo (row->projection, projection_labels);
  row->non_key = index_entry (row, self, _("Included Attributes (comma separated)"));
  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove Index"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove Index"), -1);
  g_object_set_data (G_OBJECT (remove), "dd-index", row);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_index_cb), self, 0);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row->expander), remove);
  adw_preferences_group_add (self->indexes_group, row->expander);
  g_ptr_array_add (self->indexes, row);
  update (self);
  return self->indexes->len - 1;
}

static void
index_row_free (IndexRow *row)
{
  if (!row->global)
    {
      g_object_unref (row->partition);
      g_object_unref (row->partition_type);
    }
  g_free (row);
}

void
dd_create_table_dialog_set_index_text (DdCreateTableDialog *self,
                                       guint                index,
                                       const char          *field,
                                       const char          *text)
{
  IndexRow *row;
  AdwEntryRow *entry = NULL;

  g_return_if_fail (DD_IS_CREATE_TABLE_DIALOG (self) && index < self->indexes->len);
  row = self->indexes->pdata[index];
  if (g_str_equal (field, "name"))
    entry = row->name;
  else if (g_str_equal (field, "partition-key"))
    entry = row->partition;
  else if (g_str_equal (field, "sort-key"))
    entry = row->sort;
  else if (g_str_equal (field, "non-key"))
    entry = row->non_key;
  g_return_if_fail (entry != NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

gboolean
dd_create_table_dialog_set_index_choice (DdCreateTableDialog *self,
                                         guint                index,
                                         const char          *field,
                                         const char          *value)
{
  IndexRow *row;

  g_return_val_if_fail (DD_IS_CREATE_TABLE_DIALOG (self) && index < self->indexes->len, FALSE);
  row = self->indexes->pdata[index];
  if (g_str_equal (field, "partition-type"))
    return set_choice (row->partition_type, key_types, value);
  if (g_str_equal (field, "sort-type"))
    return set_choice (row->sort_type, key_types, value);
  if (g_str_equal (field, "projection"))
    return set_choice (row->projection, projections, value);
  return FALSE;
}

/* Public */

void
dd_create_table_dialog_set_text (DdCreateTableDialog *self,
                                 const char          *field,
                                 const char          *text)
{
  g_return_if_fail (DD_IS_CREATE_TABLE_DIALOG (self));

  if (g_str_equal (field, "read-units"))
    gtk_spin_button_set_value (self->read_spin, g_ascii_strtod (text, NULL));
  else if (g_str_equal (field, "write-units"))
    gtk_spin_button_set_value (self->write_spin, g_ascii_strtod (text, NULL));
  else if (g_str_equal (field, "name"))
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), text);
  else if (g_str_equal (field, "partition-key"))
    gtk_editable_set_text (GTK_EDITABLE (self->partition_row), text);
  else if (g_str_equal (field, "sort-key"))
    gtk_editable_set_text (GTK_EDITABLE (self->sort_row), text);
  else if (g_str_equal (field, "tags"))
    gtk_editable_set_text (GTK_EDITABLE (self->tags_row), text);
  else
    g_return_if_reached ();
}

gboolean
dd_create_table_dialog_set_choice (DdCreateTableDialog *self,
                                   const char          *field,
                                   const char          *value)
{
  g_return_val_if_fail (DD_IS_CREATE_TABLE_DIALOG (self), FALSE);

  if (g_str_equal (field, "partition-type"))
    return set_choice (self->partition_type_row, key_types, value);
  if (g_str_equal (field, "sort-type"))
    return set_choice (self->sort_type_row, key_types, value);
  if (g_str_equal (field, "billing"))
    return set_choice (self->billing_row, billing_modes, value);
  if (g_str_equal (field, "stream"))
    return set_choice (self->stream_row, streams, value);
  return FALSE;
}

const char *
dd_create_table_dialog_get_problems (DdCreateTableDialog *self)
{
  g_return_val_if_fail (DD_IS_CREATE_TABLE_DIALOG (self), NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->problems_label)))
    return NULL;
  return gtk_label_get_text (self->problems_label);
}

void
dd_create_table_dialog_set_editing_json (DdCreateTableDialog *self,
                                         gboolean             editing)
{
  g_return_if_fail (DD_IS_CREATE_TABLE_DIALOG (self));
  gtk_toggle_button_set_active (self->edit_toggle, editing);
}

void
dd_create_table_dialog_set_json_text (DdCreateTableDialog *self,
                                      const char          *text)
{
  g_return_if_fail (DD_IS_CREATE_TABLE_DIALOG (self));
  gtk_text_buffer_set_text (json_buffer (self), text, -1);
}

void
dd_create_table_dialog_set_busy (DdCreateTableDialog *self,
                                 gboolean             busy)
{
  g_return_if_fail (DD_IS_CREATE_TABLE_DIALOG (self));
  self->busy = !!busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  update (self);
}

void
dd_create_table_dialog_set_error (DdCreateTableDialog *self,
                                  const char          *message)
{
  g_return_if_fail (DD_IS_CREATE_TABLE_DIALOG (self));
  g_free (self->error);
  self->error = g_strdup (message);
  update (self);
}

void
dd_create_table_dialog_set_page (DdCreateTableDialog *self,
                                 const char          *page)
{
  g_return_if_fail (DD_IS_CREATE_TABLE_DIALOG (self));
  adw_view_stack_set_visible_child_name (self->view_stack, page);
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DdCreateTableDialog *self = DD_CREATE_TABLE_DIALOG (widget);
  g_autofree char *request = dd_create_table_dialog_dup_request (self);

  if (!self->busy)
    g_signal_emit (self, signals[SIGNAL_CREATE], 0, request);
}

static void
add_index_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  dd_create_table_dialog_add_index (DD_CREATE_TABLE_DIALOG (widget), g_variant_get_boolean (parameter));
}

/* Class */

static void
dd_create_table_dialog_dispose (GObject *object)
{
  DdCreateTableDialog *self = DD_CREATE_TABLE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), DD_TYPE_CREATE_TABLE_DIALOG);
  g_clear_pointer (&self->indexes, g_ptr_array_unref);
  g_clear_pointer (&self->error, g_free);
  G_OBJECT_CLASS (dd_create_table_dialog_parent_class)->dispose (object);
}

static void
dd_create_table_dialog_class_init (DdCreateTableDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_create_table_dialog_dispose;
  signals[SIGNAL_CREATE] = g_signal_new ("create", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                         NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dynamodesk/DynamoDesk/ui/dd-create-table-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DdCreateTableDialog, view_stack);
  gtk_widget_class_bind_template_child (widget_class, DdCreateTableDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, DdCreateTableDialog, problems_label);
  gtk_widget_class_bind_template_child (widget_class, DdCreateTableDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, DdCreateTableDialog, partition_row);
  gtk_widget_class_bind_template_child (widget_class, DdCreateTableDialog, partition_type_row);
  gtk_widget_class_bind_template_child (widget_class, DdCreateTableDialog, sort_row);
  gtk_widget_class_bind_template_child (widget_class, DdCreateTableDialog, sort_type_row);
  gtk_widget_class_bind_template_child (widget_class, DdCreateTableDialog, billing_row);
  gtk_widget_class_bind_template_child (widget_class, DdCreateTableDialog, read_row);
  gtk_widget_class_bind_template_child (widget_class, DdCreateTableDialog, write_row);
  gtk_widget_class_bind_template_child (widget_class, DdCreateTableDialog, read_spin);
  gtk_widget_class_bind_template_child (widget_class, DdCreateTableDialog, write_spin);
  gtk_widget_class_bind_template_child (widget_class, DdCreateTableDialog, indexes_group);
  gtk_widget_class_bind_template_child (widget_class, DdCreateTableDialog, stream_row);
  gtk_widget_class_bind_template_child (widget_class, DdCreateTableDialog, tags_row);
  gtk_widget_class_bind_template_child (widget_class, DdCreateTableDialog, edit_toggle);
  gtk_widget_class_bind_template_child (widget_class, DdCreateTableDialog, json_view);
  gtk_widget_class_install_action (widget_class, "create.create", NULL, create_action);
  gtk_widget_class_install_action (widget_class, "create.add-index", "b", add_index_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dd_create_table_dialog_init (DdCreateTableDialog *self)
{
  const char *billing_labels[] = { _("On demand"), _("Provisioned"), NULL };
  const char *stream_labels[] = { _("Off"), _("New image"), _("Old image"), _("New and old images"),
                                  _("Keys only"), NULL };
  GtkSourceLanguage *json = gtk_source_language_manager_get_language (gtk_source_language_manager_get_default (),
                                                                      "json");

  gtk_widget_init_template (GTK_WIDGET (self));
  self->indexes = g_ptr_array_new_with_free_func ((GDestroyNotify) index_row_free);
  if (json != NULL)
    gtk_source_buffer_set_language (GTK_SOURCE_BUFFER (json_buffer (self)), json);
  fill_key_types (self->partition_type_row);
  fill_key_types (self->sort_type_row);
  fill_combo (self->billing_row, billing_labels);
  fill_combo (self->stream_row, stream_labels);
  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->partition_row, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->sort_row, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->tags_row, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->partition_type_row, "notify::selected", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->sort_type_row, "notify::selected", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->billing_row, "notify::selected", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->stream_row, "notify::selected", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->read_spin, "value-changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->write_spin, "value-changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->edit_toggle, "toggled", G_CALLBACK (edit_toggled_cb), self);
  g_signal_connect_swapped (json_buffer (self), "changed", G_CALLBACK (json_changed_cb), self);
  update (self);
}

GtkWidget *
dd_create_table_dialog_new (GtkWindow *parent)
{
  return g_object_new (DD_TYPE_CREATE_TABLE_DIALOG, "transient-for", parent, NULL);
}
