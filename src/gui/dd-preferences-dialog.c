/* dd-preferences-dialog.c: the Preferences window, bound to GSettings. */
#define G_LOG_DOMAIN "dd-preferences-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "dd-operation.h"
#include "dd-preferences-dialog.h"
#include "dd-region-list.h"

struct _DdPreferencesDialog
{
  AdwPreferencesWindow  parent_instance;

  /* template */
  AdwComboRow          *style_row;
  GtkSpinButton        *page_size_spin;
  GtkSpinButton        *scan_confirm_spin;
  DdRegionList         *region_row;
  AdwComboRow          *format_row;
  GtkSwitch            *typed_switch;
  AdwActionRow         *folder_row;

  GSettings            *settings;
  GtkNativeDialog      *chooser;
};

#define MIB G_GUINT64_CONSTANT (1048576)

G_DEFINE_FINAL_TYPE (DdPreferencesDialog, dd_preferences_dialog, ADW_TYPE_PREFERENCES_WINDOW)

/* The values of the string keys shown as dropdowns, in the rows' order. */
static const char * const style_values[] = { "default", "light", "dark", NULL };
static const char * const format_values[] = { "csv", "json", "jsonl", NULL };

/* Settings */

GSettings *
dd_settings_new (void)
{
  GSettingsSchemaSource *schemas = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (schemas != NULL)
    schema = g_settings_schema_source_lookup (schemas, APP_ID, TRUE);
  if (schema == NULL)
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

int
dd_settings_color_scheme_from_string (const char *value)
{
  if (g_strcmp0 (value, "light") == 0)
    return ADW_COLOR_SCHEME_FORCE_LIGHT;
  if (g_strcmp0 (value, "dark") == 0)
    return ADW_COLOR_SCHEME_FORCE_DARK;
  return ADW_COLOR_SCHEME_DEFAULT;
}

static gboolean
color_scheme_get_mapping (GValue   *value,
                          GVariant *variant,
                          gpointer  user_data)
{
  g_value_set_enum (value, dd_settings_color_scheme_from_string (g_variant_get_string (variant, NULL)));
  return TRUE;
}

void
dd_settings_follow_style (GSettings *settings)
{
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_settings_bind_with_mapping (settings, "color-scheme", adw_style_manager_get_default (),
                                "color-scheme", G_SETTINGS_BIND_GET,
                                color_scheme_get_mapping, NULL, NULL, NULL);
}

/* Where the object's text starts: after its '{' and any blanks. */
static gsize
object_body_offset (const char *text,
                    gsize       len)
{
  gsize i = 0;

  while (i < len && g_ascii_isspace (text[i]))
    i++;
  g_assert (i < len && text[i] == '{');
  return i + 1;
}

GBytes *
dd_settings_limit_body (const DdOperation *op,
                        GBytes            *body,
                        guint              page_size)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GString) out = NULL;
  JsonObject *object;
  gsize len, at;
  const char *text;

  g_return_val_if_fail (op != NULL, NULL);
  g_return_val_if_fail (body != NULL, NULL);

  text = g_bytes_get_data (body, &len);
  if (page_size == 0 || op->page_limit_key == NULL
      || (op->flags & DD_OPERATION_FLAG_RETURNS_ITEMS) == 0
      || !json_parser_load_from_data (parser, text, (gssize) len, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return g_bytes_ref (body);
  object = json_node_get_object (json_parser_get_root (parser));
  if (json_object_has_member (object, op->page_limit_key))
    return g_bytes_ref (body);

  at = object_body_offset (text, len);
  out = g_string_new_len (text, (gssize) at);
  g_string_append_printf (out, "\"%s\":%u%s", op->page_limit_key, page_size,
                          json_object_get_size (object) > 0 ? "," : "");
  g_string_append_len (out, text + at, (gssize) (len - at));
  return g_string_free_to_bytes (g_steal_pointer (&out));
}

GFile *
dd_settings_get_export_folder (GSettings *settings)
{
  g_autofree char *folder = NULL;
  const char *documents;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  folder = g_settings_get_string (settings, "export-folder");
  if (*folder != '\0')
    return g_file_new_for_path (folder);
  documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  return g_file_new_for_path (documents != NULL ? documents : g_get_home_dir ());
}

/* A string key shown as the position in a dropdown. */

static gboolean
choice_get_mapping (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  const char * const *values = user_data;
  const char *text = g_variant_get_string (variant, NULL);

  for (guint i = 0; values[i] != NULL; i++)
    if (g_str_equal (values[i], text))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
choice_set_mapping (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  const char * const *values = user_data;
  guint position = g_value_get_uint (value);

  if (position >= g_strv_length ((char **) values))
    return NULL;
  return g_variant_new_string (values[position]);
}

static void
bind_choice (GSettings          *settings,
             const char         *key,
             AdwComboRow        *row,
             const char * const *values)
{
  g_settings_bind_with_mapping (settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                choice_get_mapping, choice_set_mapping, (gpointer) values, NULL);
}

/* The export folder */

static void
update_folder_row (DdPreferencesDialog *self)
{
  g_autoptr(GFile) folder = dd_settings_get_export_folder (self->settings);
  g_autofree char *name = g_file_get_parse_name (folder);

  adw_action_row_set_subtitle (self->folder_row, name);
}

static void
chooser_response_cb (GtkNativeDialog     *chooser,
                     int                  response,
                     DdPreferencesDialog *self)
{
  g_autoptr(GFile) folder = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (folder != NULL)
    path = g_file_get_path (folder);
  if (path != NULL)
    g_settings_set_string (self->settings, "export-folder", path);
  g_clear_object (&self->chooser);
}

static void
choose_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DdPreferencesDialog *self = DD_PREFERENCES_DIALOG (widget);
  g_autoptr(GFile) current = dd_settings_get_export_folder (self->settings);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export Folder"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Select"), _("_Cancel"));
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), current, NULL);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  g_clear_object (&self->chooser);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

static void
reset_folder_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  g_settings_reset (DD_PREFERENCES_DIALOG (widget)->settings, "export-folder");
}

/* The class */

static void
dd_preferences_dialog_dispose (GObject *object)
{
  DdPreferencesDialog *self = DD_PREFERENCES_DIALOG (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_PREFERENCES_DIALOG);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (dd_preferences_dialog_parent_class)->dispose (object);
}

static void
dd_preferences_dialog_class_init (DdPreferencesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_preferences_dialog_dispose;

  g_type_ensure (DD_TYPE_REGION_LIST);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dynamodesk/DynamoDesk/ui/dd-preferences-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DdPreferencesDialog, style_row);
  gtk_widget_class_bind_template_child (widget_class, DdPreferencesDialog, page_size_spin);
  gtk_widget_class_bind_template_child (widget_class, DdPreferencesDialog, scan_confirm_spin);
  gtk_widget_class_bind_template_child (widget_class, DdPreferencesDialog, region_row);
  gtk_widget_class_bind_template_child (widget_class, DdPreferencesDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, DdPreferencesDialog, typed_switch);
  gtk_widget_class_bind_template_child (widget_class, DdPreferencesDialog, folder_row);

  gtk_widget_class_install_action (widget_class, "prefs.choose-folder", NULL, choose_folder_action);
  gtk_widget_class_install_action (widget_class, "prefs.reset-folder", NULL, reset_folder_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dd_preferences_dialog_init (DdPreferencesDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* "scan-confirm-bytes" is in bytes, the row in MiB (whole ones). */
static gboolean
mib_get_mapping (GValue   *value,
                 GVariant *variant,
                 gpointer  user_data)
{
  g_value_set_double (value, (double) (g_variant_get_uint64 (variant) / MIB));
  return TRUE;
}

static GVariant *
mib_set_mapping (const GValue       *value,
                 const GVariantType *expected_type,
                 gpointer            user_data)
{
  double mib = g_value_get_double (value);

  return g_variant_new_uint64 (mib > 0 ? (guint64) (mib + 0.5) * MIB : 0);
}

GtkWidget *
dd_preferences_dialog_new (GtkWindow *parent,
                           GSettings *settings)
{
  DdPreferencesDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (DD_TYPE_PREFERENCES_DIALOG, "transient-for", parent, NULL);
  self->settings = g_object_ref (settings);
  bind_choice (settings, "color-scheme", self->style_row, style_values);
  bind_choice (settings, "export-format", self->format_row, format_values);
  g_settings_bind (settings, "page-size", gtk_spin_button_get_adjustment (self->page_size_spin),
                   "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "scan-confirm-bytes", gtk_spin_button_get_adjustment (self->scan_confirm_spin),
                                "value", G_SETTINGS_BIND_DEFAULT, mib_get_mapping, mib_set_mapping, NULL, NULL);
  g_settings_bind (settings, "default-region", self->region_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "export-typed", self->typed_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (settings, "changed::export-folder", G_CALLBACK (update_folder_row), self,
                           G_CONNECT_SWAPPED);
  update_folder_row (self);
  return GTK_WIDGET (self);
}
