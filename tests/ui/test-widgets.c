/* test-widgets.c: the window's parts on their own, on a virtual display:
 * the region field, the connection dialog's checks per tab, and the
 * results view over many items (parsed only as shown), its sorting, its
 * JSON toggle and its copy. */
#include "config.h"

#include <gtksourceview/gtksource.h>
#include <string.h>

#include "dd-connection-dialog.h"
#include "dd-page.h"
#include "dd-query-editor.h"
#include "dd-region-list.h"
#include "dd-results-view.h"
#include "dd-source-store.h"
#include "dd-test-dynamo.h"

static void
test_region_list (void)
{
  DdRegionList *row = DD_REGION_LIST (g_object_ref_sink (dd_region_list_new ()));
  guint n_all = 0;

  dd_region_list_get_regions (&n_all);
  g_assert_cmpuint (n_all, >=, 30);
  g_assert_cmpuint (dd_region_list_get_n_shown (row), ==, n_all);
  dd_region_list_set_search (row, "frankfurt");
  g_assert_cmpuint (dd_region_list_get_n_shown (row), ==, 1);
  dd_region_list_pick (row, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "eu-central-1");
  dd_region_list_set_search (row, "eu-");
  g_assert_cmpuint (dd_region_list_get_n_shown (row), >=, 8);
  /* a region not in the list can be typed */
  gtk_editable_set_text (GTK_EDITABLE (row), "xx-future-1");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "xx-future-1");
  g_object_unref (row);
}

static void
test_dialog_tabs (void)
{
  g_autoptr(DdSecretStore) secrets = dd_secret_store_new_in_memory ();
  g_autoptr(DdSourceStore) store = dd_source_store_new (NULL, secrets);
  DdConnectionDialog *dialog = dd_connection_dialog_new (NULL, store, NULL);

  gtk_editable_set_text (dd_connection_dialog_get_field (dialog, "name"), "Role");
  gtk_editable_set_text (dd_connection_dialog_get_field (dialog, "region"), "eu-west-1");
  dd_connection_dialog_set_auth_mode (dialog, DD_AUTH_MODE_ROLE_ARN);
  g_assert_nonnull (strstr (dd_connection_dialog_get_problems (dialog), "Role ARN: required"));
  gtk_editable_set_text (dd_connection_dialog_get_field (dialog, "role-arn"), "arn:aws:iam::1234:role/x");
  g_assert_nonnull (strstr (dd_connection_dialog_get_problems (dialog), "12 digits"));
  gtk_editable_set_text (dd_connection_dialog_get_field (dialog, "role-arn"), "arn:aws:iam::123456789012:role/Reader");
  g_assert_null (dd_connection_dialog_get_problems (dialog));

  /* the instance profile needs only a region (or an endpoint) */
  dd_connection_dialog_set_auth_mode (dialog, DD_AUTH_MODE_INSTANCE_PROFILE);
  g_assert_null (dd_connection_dialog_get_problems (dialog));
  gtk_editable_set_text (dd_connection_dialog_get_field (dialog, "region"), "");
  g_assert_nonnull (strstr (dd_connection_dialog_get_problems (dialog), "Region: required"));
  gtk_editable_set_text (dd_connection_dialog_get_field (dialog, "endpoint"), "http://localhost:8000");
  g_assert_null (dd_connection_dialog_get_problems (dialog));

  /* IAM keys need both keys */
  dd_connection_dialog_set_auth_mode (dialog, DD_AUTH_MODE_IAM_KEYS);
  g_assert_nonnull (strstr (dd_connection_dialog_get_problems (dialog), "Access Key: required"));
  g_assert_nonnull (strstr (dd_connection_dialog_get_problems (dialog), "Secret Key: required"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static char *
make_page (guint   n,
           GArray *offsets,
           GArray *lengths)
{
  GString *page = g_string_new ("{\"Items\":[");

  for (guint i = 0; i < n; i++)
    {
      gsize start;

      if (i > 0)
        g_string_append_c (page, ',');
      start = page->len;
      g_string_append_printf (page, "{\"id\":{\"N\":\"%u\"},\"name\":{\"S\":\"item %05u\"},"
                              "\"price\":{\"N\":\"%u.%02u\"}}", i, n - i, (i * 37) % 1000, i % 100);
      g_array_append_val (offsets, start);
      start = page->len - start;
      g_array_append_val (lengths, start);
    }
  g_string_append (page, "]}");
  return g_string_free (page, FALSE);
}

static void
test_results_many_items (void)
{
  const guint n = 20000;
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GArray) lengths = g_array_new (FALSE, FALSE, sizeof (gsize));
  char *text = make_page (n, offsets, lengths);
  g_autoptr(GBytes) bytes = g_bytes_new_take (text, strlen (text));
  g_autoptr(DdPage) page = NULL;
  GtkWidget *window = gtk_window_new ();
  DdResultsView *view = DD_RESULTS_VIEW (dd_results_view_new ());
  DdResultModel *model = dd_results_view_get_model (view);
  GtkColumnView *table;
  g_autoptr(GtkColumnViewColumn) price = NULL;
  g_autoptr(GObject) first = NULL;
  g_autofree char *json = NULL;
  g_autofree char *selection = NULL;
  GListModel *shown;

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 600);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  page = dd_page_parse (bytes, NULL);
  g_assert_nonnull (page);
  g_assert_cmpuint (dd_result_model_append_page (model, page), ==, n);
  dd_results_view_show_items (view, model);
  dd_results_view_set_view (view, "table");
  dd_test_spin (300);

  /* the items stay raw: only what the view showed was parsed (and the
   * JSON view's first items) */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n);
  g_assert_cmpuint (dd_result_model_get_parse_count (model), <, 3000);

  /* sorting by a number column is numeric */
  table = dd_results_view_get_table_view (view);
  price = g_list_model_get_item (gtk_column_view_get_columns (table), 2);
  gtk_column_view_sort_by_column (table, price, GTK_SORT_DESCENDING);
  dd_test_spin (100);
  shown = G_LIST_MODEL (gtk_column_view_get_model (table));
  first = g_list_model_get_item (shown, 0);
  {
    DdCellKind kind;
    g_autofree char *top = dd_result_model_get_cell (model, dd_result_row_get_index (DD_RESULT_ROW (first)),
                                                     "price", &kind);
    g_autofree char *expected = NULL;
    guint best = 0;

    for (guint i = 0; i < n; i++)
      best = MAX (best, ((i * 37) % 1000) * 100 + i % 100);
    expected = g_strdup_printf ("%u.%02u", best / 100, best % 100);
    g_assert_cmpstr (top, ==, expected);
    g_assert_cmpint (kind, ==, DD_CELL_NUMBER);
  }

  /* copy: the selected rows as JSON, plain or typed */
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (shown), 0, TRUE);
  selection = dd_results_view_dup_selection_json (view);
  g_assert_nonnull (strstr (selection, "\"price\":999.27"));
  g_clear_pointer (&selection, g_free);
  dd_results_view_set_typed (view, TRUE);
  selection = dd_results_view_dup_selection_json (view);
  g_assert_nonnull (strstr (selection, "\"price\":{\"N\":\"999.27\"}"));
  json = dd_results_view_dup_json_text (view);
  g_assert_true (g_str_has_prefix (json, "[\n  {\"id\":{\"N\":\"0\"}"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
has_language (gpointer data)
{
  return gtk_source_buffer_get_language (data) != NULL;
}

/* The editor's colours follow the light or dark style. Its JSON language
 * is set after its first frame (reading the definition is the largest
 * part of building the window): a plain buffer until then. */
static void
test_editor_style_follows_dark (void)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *editor = dd_query_editor_new ();
  GtkSourceBuffer *buffer = dd_query_editor_get_buffer (DD_QUERY_EDITOR (editor));

  gtk_window_set_child (GTK_WINDOW (window), editor);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (g_str_has_suffix (gtk_source_style_scheme_get_id (gtk_source_buffer_get_style_scheme (buffer)), "dark")
                 || g_str_equal (gtk_source_style_scheme_get_id (gtk_source_buffer_get_style_scheme (buffer)), "oblivion"));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_false (g_str_has_suffix (gtk_source_style_scheme_get_id (gtk_source_buffer_get_style_scheme (buffer)), "dark"));
  g_assert_true (gtk_source_buffer_get_highlight_matching_brackets (buffer));
  g_assert_true (gtk_source_buffer_get_highlight_syntax (buffer));
  g_assert_null (gtk_source_buffer_get_language (buffer));
  gtk_window_present (GTK_WINDOW (window));
  dd_test_wait_until (has_language, buffer, "the editor's language after its first frame");
  g_assert_cmpstr (gtk_source_language_get_id (gtk_source_buffer_get_language (buffer)), ==, "json");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Choosing an operation fills its template, unless the text was edited. */
static void
test_editor_templates (void)
{
  GtkWidget *widget = g_object_ref_sink (dd_query_editor_new ());
  DdQueryEditor *editor = DD_QUERY_EDITOR (widget);
  g_autofree char *text = NULL;
  const DdOperation *ops;
  guint n = 0;

  ops = dd_operation_get_all (&n);
  g_assert_true (ops[0].flags & DD_OPERATION_FLAG_SEED);
  g_assert_true (dd_query_editor_set_operation (editor, "Scan"));
  text = dd_query_editor_get_text (editor);
  g_assert_cmpstr (text, ==, dd_operation_lookup_action ("Scan")->template_json);
  g_assert_false (dd_query_editor_get_edited (editor));
  gtk_text_buffer_insert_at_cursor (GTK_TEXT_BUFFER (dd_query_editor_get_buffer (editor)), " ", 1);
  g_assert_true (dd_query_editor_get_edited (editor));
  g_assert_true (dd_query_editor_set_operation (editor, "GetItem"));
  g_clear_pointer (&text, g_free);
  text = dd_query_editor_get_text (editor);
  g_assert_cmpstr (text, !=, dd_operation_lookup_action ("GetItem")->template_json);
  g_assert_false (dd_query_editor_set_operation (editor, "NoSuchAction"));
  g_object_unref (widget);
}

int
main (int   argc,
      char *argv[])
{
  dd_test_init (&argc, &argv);
  gtk_init ();
  gtk_source_init ();
  adw_init ();

  g_test_add_func ("/dd/ui/widgets/region-list", test_region_list);
  g_test_add_func ("/dd/ui/widgets/dialog-tabs", test_dialog_tabs);
  g_test_add_func ("/dd/ui/widgets/results-many-items", test_results_many_items);
  g_test_add_func ("/dd/ui/widgets/editor-style-follows-dark", test_editor_style_follows_dark);
  g_test_add_func ("/dd/ui/widgets/editor-templates", test_editor_templates);
  return g_test_run ();
}
