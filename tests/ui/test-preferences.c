/* test-preferences.c: the Preferences window and the settings it edits:
 * each row bound both ways to its GSettings key, the style following the
 * key, the page size added to a Scan or Query body with its other bytes
 * untouched, the export folder's fallback, the table size from which a
 * Scan without a Limit asks first (bytes in the key, MiB in the row). */
#include "config.h"

#include <string.h>

#include "dd-operation.h"
#include "dd-preferences-dialog.h"
#include "dd-region-list.h"
#include "dd-test-dynamo.h"

static GSettings *
fresh_settings (void)
{
  GSettings *settings = dd_settings_new ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_assert_nonnull (settings);
  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
  return settings;
}

static void
assert_key (GSettings  *settings,
            const char *key,
            const char *expected)
{
  g_autofree char *value = g_settings_get_string (settings, key);

  g_assert_cmpstr (value, ==, expected);
}

/* Finds the descendant of widget of this type whose (row) title is title. */
static GtkWidget *
find_widget (GtkWidget  *widget,
             GType       type,
             const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type)
      && (title == NULL || (ADW_IS_PREFERENCES_ROW (widget)
                            && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_limit_body (void)
{
  const DdOperation *scan = dd_operation_lookup_action ("Scan");
  const DdOperation *query = dd_operation_lookup_action ("Query");
  const DdOperation *get = dd_operation_lookup_action ("GetItem");
  const DdOperation *list = dd_operation_lookup_action ("ListTables");
  const struct {
    const DdOperation *op;
    guint page_size;
    const char *body;
    const char *expected;
  } cases[] = {
    { scan, 25, "{\"TableName\":\"T\"}", "{\"Limit\":25,\"TableName\":\"T\"}" },
    { scan, 25, "  {}", "  {\"Limit\":25}" },
    { scan, 25, "{\"TableName\":\"T\",\"Limit\":3}", "{\"TableName\":\"T\",\"Limit\":3}" },
    { scan, 0, "{\"TableName\":\"T\"}", "{\"TableName\":\"T\"}" },
    { query, 100,
      "{ \"TableName\": \"T\", \"ExpressionAttributeValues\": {\":n\": {\"N\": \"12345678901234567890123456789012345678\"}} }",
      "{\"Limit\":100, \"TableName\": \"T\", \"ExpressionAttributeValues\": {\":n\": {\"N\": \"12345678901234567890123456789012345678\"}} }" },
    { query, 100, "{\"Limits\":1}", "{\"Limit\":100,\"Limits\":1}" },
    { get, 25, "{\"TableName\":\"T\",\"Key\":{}}", "{\"TableName\":\"T\",\"Key\":{}}" },
    { list, 25, "{}", "{}" },
    { scan, 25, "not json", "not json" },
  };

  g_assert_nonnull (scan);
  g_assert_nonnull (query);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) body = g_bytes_new (cases[i].body, strlen (cases[i].body));
      g_autoptr(GBytes) out = dd_settings_limit_body (cases[i].op, body, cases[i].page_size);
      gsize len;
      const char *data = g_bytes_get_data (out, &len);
      g_autofree char *text = g_strndup (data, len);

      g_test_message ("case %u: %s", i, cases[i].body);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_color_scheme (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  AdwStyleManager *style = adw_style_manager_get_default ();

  g_assert_cmpint (dd_settings_color_scheme_from_string ("light"), ==, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_cmpint (dd_settings_color_scheme_from_string ("dark"), ==, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_cmpint (dd_settings_color_scheme_from_string ("default"), ==, ADW_COLOR_SCHEME_DEFAULT);

  dd_settings_follow_style (settings);
  g_settings_set_string (settings, "color-scheme", "dark");
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (style));
  g_settings_set_string (settings, "color-scheme", "light");
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_false (adw_style_manager_get_dark (style));
  g_settings_set_string (settings, "color-scheme", "default");
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_DEFAULT);
  g_settings_unbind (style, "color-scheme");
}

static void
test_dialog_bindings (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  GtkWidget *dialog = dd_preferences_dialog_new (NULL, settings);
  AdwComboRow *style_row, *format_row;
  GtkSpinButton *page_size;
  GtkEditable *region;
  GtkSwitch *typed;

  gtk_window_present (GTK_WINDOW (dialog));
  dd_test_spin (50);
  style_row = ADW_COMBO_ROW (find_widget (dialog, ADW_TYPE_COMBO_ROW, "Style"));
  format_row = ADW_COMBO_ROW (find_widget (dialog, ADW_TYPE_COMBO_ROW, "Format"));
  page_size = GTK_SPIN_BUTTON (find_widget (dialog, GTK_TYPE_SPIN_BUTTON, NULL));
  region = GTK_EDITABLE (find_widget (dialog, DD_TYPE_REGION_LIST, NULL));
  typed = GTK_SWITCH (find_widget (dialog, GTK_TYPE_SWITCH, NULL));

  /* the keys' values are shown */
  g_assert_cmpuint (adw_combo_row_get_selected (style_row), ==, 0);
  g_assert_cmpuint (adw_combo_row_get_selected (format_row), ==, 0);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (page_size), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (region), ==, "us-east-1");
  g_assert_false (gtk_switch_get_active (typed));

  /* a change in the window is written to the key */
  adw_combo_row_set_selected (style_row, 2);
  assert_key (settings, "color-scheme", "dark");
  adw_combo_row_set_selected (format_row, 2);
  assert_key (settings, "export-format", "jsonl");
  gtk_spin_button_set_value (page_size, 250);
  g_assert_cmpuint (g_settings_get_uint (settings, "page-size"), ==, 250);
  gtk_editable_set_text (region, "eu-central-2");
  assert_key (settings, "default-region", "eu-central-2");
  gtk_switch_set_active (typed, TRUE);
  g_assert_true (g_settings_get_boolean (settings, "export-typed"));

  /* and a change of the key shows in the window */
  g_settings_set_string (settings, "color-scheme", "light");
  g_assert_cmpuint (adw_combo_row_get_selected (style_row), ==, 1);
  g_settings_set_string (settings, "export-format", "json");
  g_assert_cmpuint (adw_combo_row_get_selected (format_row), ==, 1);
  g_settings_set_uint (settings, "page-size", 40);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (page_size), ==, 40);

  gtk_window_destroy (GTK_WINDOW (dialog));
  dd_test_spin (50);
}

static void
test_scan_confirm (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  GtkWidget *dialog = dd_preferences_dialog_new (NULL, settings);
  GtkWidget *row;
  GtkSpinButton *spin;

  gtk_window_present (GTK_WINDOW (dialog));
  dd_test_spin (50);
  row = find_widget (dialog, ADW_TYPE_ACTION_ROW, "Ask Before Scanning Tables From");
  g_assert_nonnull (row);
  /* the row says its unit and what 0 means */
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "MiB"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "0 asks before every"));
  spin = GTK_SPIN_BUTTON (find_widget (row, GTK_TYPE_SPIN_BUTTON, NULL));
  g_assert_nonnull (spin);

  /* the default, 100 MiB, shown in MiB */
  g_assert_cmpuint (g_settings_get_uint64 (settings, "scan-confirm-bytes"), ==, 104857600);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 100);

  /* the row writes bytes */
  gtk_spin_button_set_value (spin, 5);
  g_assert_cmpuint (g_settings_get_uint64 (settings, "scan-confirm-bytes"), ==, 5 * 1048576);
  gtk_spin_button_set_value (spin, 0);
  g_assert_cmpuint (g_settings_get_uint64 (settings, "scan-confirm-bytes"), ==, 0);
  /* beyond 32 bits */
  gtk_spin_button_set_value (spin, 8192);
  g_assert_cmpuint (g_settings_get_uint64 (settings, "scan-confirm-bytes"), ==, G_GUINT64_CONSTANT (8589934592));

  /* and the key shows in the row */
  g_settings_set_uint64 (settings, "scan-confirm-bytes", G_GUINT64_CONSTANT (3221225472));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 3072);
  g_settings_set_uint64 (settings, "scan-confirm-bytes", 0);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 0);

  gtk_window_destroy (GTK_WINDOW (dialog));
  dd_test_spin (50);
}

static void
test_export_folder (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  g_autoptr(GFile) fallback = dd_settings_get_export_folder (settings);
  g_autoptr(GFile) chosen = NULL;
  g_autoptr(GFile) reset = NULL;
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  g_autoptr(GFile) expected = g_file_new_for_path (documents ? documents : g_get_home_dir ());
  GtkWidget *dialog = dd_preferences_dialog_new (NULL, settings);
  AdwActionRow *row = ADW_ACTION_ROW (find_widget (dialog, ADW_TYPE_ACTION_ROW, "Folder"));
  g_autofree char *fallback_name = g_file_get_parse_name (fallback);

  g_assert_true (g_file_equal (fallback, expected));
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, fallback_name);

  g_settings_set_string (settings, "export-folder", "/srv/exports");
  chosen = dd_settings_get_export_folder (settings);
  g_assert_cmpstr (g_file_peek_path (chosen), ==, "/srv/exports");
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "/srv/exports");

  gtk_widget_activate_action (dialog, "prefs.reset-folder", NULL);
  reset = dd_settings_get_export_folder (settings);
  g_assert_true (g_file_equal (reset, expected));
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, fallback_name);
  gtk_window_destroy (GTK_WINDOW (dialog));
  dd_test_spin (50);
}

int
main (int   argc,
      char *argv[])
{
  dd_test_init (&argc, &argv);
  gtk_init ();
  adw_init ();

  g_test_add_func ("/dd/settings/limit-body", test_limit_body);
  g_test_add_func ("/dd/settings/color-scheme", test_color_scheme);
  g_test_add_func ("/dd/preferences/bindings", test_dialog_bindings);
  g_test_add_func ("/dd/preferences/export-folder", test_export_folder);
  g_test_add_func ("/dd/preferences/scan-confirm", test_scan_confirm);
  return g_test_run ();
}
