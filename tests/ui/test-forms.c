/* test-forms.c: the real window on a virtual display, against the local
 * DynamoDB: the Query form on the demo table Reply (its local index
 * PostedBy-Index, a BETWEEN on the sort key) and a filtered Scan, filled
 * in, run, and their rows checked; JSON edited by hand read back or
 * refused; the capacity and TTL of a table changed from its overview;
 * a source's colour tag, shown and kept after a restart. */
#include "config.h"

#include <string.h>

#include "dd-query-editor.h"
#include "dd-query-form.h"
#include "dd-result-model.h"
#include "dd-results-view.h"
#include "dd-connection-dialog.h"
#include "dd-sidebar.h"
#include "dd-source-color.h"
#include "dd-source-row.h"
#include "dd-table-overview.h"
#include "dd-test-ui.h"
#include "dd-window-items.h"
#include "dd-window.h"

#define THREAD "Amazon DynamoDB#DynamoDB Thread 1"
#define BIG "12345678901234567890123456789012345678"

static DdTestUi fx;



/* Replies the test adds to the demo's: poster, year (a reserved word) */
static const struct
{
  const char *by;
  const char *year;
} replies[] = {
  { "User C", "2001" },
  { "User D", "2002" },
  { "User E", BIG },
  { "User F", "2003" },
};

/* Helpers */

static char *
demo_file (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("DD_SOURCE_ROOT"), "build-aux", "demo", name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  return text;
}

/* The demo's Reply table and items, and the replies above. */
static void
create_reply (void)
{
  g_autofree char *table = demo_file ("reply-table.json");
  g_autofree char *items = demo_file ("reply-items.json");
  g_autofree char *created = dd_test_call (fx.client, "CreateTable", table);
  g_autofree char *written = NULL;

  dd_test_wait_table_active (fx.client, "Reply");
  written = dd_test_call (fx.client, "BatchWriteItem", items);
  for (guint i = 0; i < G_N_ELEMENTS (replies); i++)
    {
      g_autofree char *item = g_strdup_printf (
        "{\"TableName\":\"Reply\",\"Item\":{\"Id\":{\"S\":\"" THREAD "\"},"
        "\"ReplyDateTime\":{\"S\":\"2026-10-0%uT00:00:00Z\"},\"PostedBy\":{\"S\":\"%s\"},"
        "\"Year\":{\"N\":\"%s\"},\"Message\":{\"S\":\"reply %u\"}}}",
        i + 1, replies[i].by, replies[i].year, i);
      g_autofree char *put = dd_test_call (fx.client, "PutItem", item);
    }
}

static DdQueryForm *
form (void)
{
  return dd_query_editor_get_form (dd_test_ui_editor (&fx));
}

static gboolean
form_described (gpointer table)
{
  return dd_query_form_has_describe (form (), table);
}

/* The operation and table chosen, the form shown and the table described. */
static void
open_form (const char *action,
           const char *table)
{
  g_assert_true (dd_query_editor_set_operation (dd_test_ui_editor (&fx), action));
  dd_test_ui_choose_table (&fx, table, "the table in the dropdown");
  g_assert_true (dd_query_editor_set_form_mode (dd_test_ui_editor (&fx), TRUE));
  dd_test_wait_until (form_described, (gpointer) table, "the table's description");
}

static void
run (void)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (fx.window), "win.run", NULL));
  dd_test_wait_until (dd_test_ui_idle, &fx, "the run");
  g_assert_cmpstr (dd_results_view_get_state (dd_test_ui_results (&fx)), ==, "results");
}

/* Tests */

static void
test_query_between_on_index (void)
{
  g_autofree char *json = NULL;
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  const char *posted[] = { "User A", "User B" };  /* the demo's replies in the thread */

  open_form ("Query", "Reply");
  g_assert_true (dd_query_form_set_index (form (), "PostedBy-Index"));
  g_assert_false (dd_query_form_set_index (form (), "No-Such-Index"));
  dd_query_form_set_partition (form (), THREAD);
  dd_query_form_set_sort (form (), DD_QUERY_OP_BETWEEN, "User B", "User E");
  dd_query_form_set_consistent (form (), TRUE);
  g_assert_null (dd_query_form_get_message (form ()));
  json = dd_query_editor_get_text (dd_test_ui_editor (&fx));
  g_test_message ("%s", json);
  g_assert_nonnull (strstr (json, "\"IndexName\": \"PostedBy-Index\""));
  g_assert_nonnull (strstr (json, "\"KeyConditionExpression\": \"#Id = :v0 AND #PostedBy BETWEEN :v1 AND :v2\""));
  g_assert_nonnull (strstr (json, "\"ConsistentRead\": true"));
  dd_test_ui_shoot (GTK_WIDGET (fx.window), "query-form");
  run ();

  /* every reply of the thread whose poster sorts between B and E, in the index's order */
  for (guint i = 0; i < G_N_ELEMENTS (posted); i++)
    if (strcmp (posted[i], "User B") >= 0 && strcmp (posted[i], "User E") <= 0)
      g_ptr_array_add (expected, (gpointer) posted[i]);
  for (guint i = 0; i < G_N_ELEMENTS (replies); i++)
    if (strcmp (replies[i].by, "User B") >= 0 && strcmp (replies[i].by, "User E") <= 0)
      g_ptr_array_add (expected, (gpointer) replies[i].by);
  g_assert_cmpuint (dd_test_ui_n_rows (&fx), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      g_autofree char *by = dd_test_ui_cell (&fx, i, "PostedBy", NULL);
      g_autofree char *id = dd_test_ui_cell (&fx, i, "Id", NULL);

      g_assert_cmpstr (by, ==, g_ptr_array_index (expected, i));
      g_assert_cmpstr (id, ==, THREAD);
    }
}

static void
test_scan_with_filters (void)
{
  g_autofree char *json = NULL;
  guint expected = 0;

  open_form ("Scan", "Reply");
  g_assert_true (dd_query_form_set_index (form (), NULL));
  dd_query_form_clear_filters (form ());
  /* Year is a reserved word: the form puts it behind #Year */
  dd_query_form_add_filter (form (), "Year", DD_QUERY_OP_GE, DD_QUERY_OP_NONE, "N", "2002", NULL);
  dd_query_form_add_filter (form (), "PostedBy", DD_QUERY_OP_IN, DD_QUERY_OP_NONE, "S", "User D, User E", NULL);
  dd_query_form_add_filter (form (), "Message", DD_QUERY_OP_BEGINS_WITH, DD_QUERY_OP_NONE, "S", "reply", NULL);
  dd_query_form_set_projection (form (), "PostedBy, Year");
  json = dd_query_editor_get_text (dd_test_ui_editor (&fx));
  g_test_message ("%s", json);
  g_assert_nonnull (strstr (json, "#Year >= :v0 AND #PostedBy IN (:v1, :v2) AND begins_with(#Message, :v3)"));
  g_assert_nonnull (strstr (json, "\"ProjectionExpression\": \"#PostedBy, #Year\""));
  g_assert_null (strstr (json, "\"Limit\""));
  /* a value that is not of its type is said on the form, and the run refused */
  dd_query_form_add_filter (form (), "Year", DD_QUERY_OP_LT, DD_QUERY_OP_NONE, "N", "soon", NULL);
  g_assert_nonnull (strstr (dd_query_form_get_message (form ()), "is not a number"));
  g_assert_false (dd_query_editor_check (dd_test_ui_editor (&fx), NULL));
  dd_query_form_clear_filters (form ());
  dd_query_form_add_filter (form (), "Year", DD_QUERY_OP_GE, DD_QUERY_OP_NONE, "N", "2002", NULL);
  dd_query_form_add_filter (form (), "PostedBy", DD_QUERY_OP_IN, DD_QUERY_OP_NONE, "S", "User D, User E", NULL);
  g_assert_null (dd_query_form_get_message (form ()));
  dd_test_ui_shoot (GTK_WIDGET (fx.window), "scan-form");
  run ();

  for (guint i = 0; i < G_N_ELEMENTS (replies); i++)
    if ((strlen (replies[i].year) > 4 || strcmp (replies[i].year, "2002") >= 0)
        && (g_str_equal (replies[i].by, "User D") || g_str_equal (replies[i].by, "User E")))
      expected++;
  g_assert_cmpuint (expected, ==, 2);
  g_assert_cmpuint (dd_test_ui_n_rows (&fx), ==, expected);
  for (guint i = 0; i < dd_test_ui_n_rows (&fx); i++)
    {
      g_autofree char *by = dd_test_ui_cell (&fx, i, "PostedBy", NULL);
      g_autofree char *year = dd_test_ui_cell (&fx, i, "Year", NULL);
      g_autofree char *message = dd_result_model_dup_value (dd_results_view_get_model (dd_test_ui_results (&fx)), i, "Message", FALSE);

      g_assert_true (g_str_equal (by, "User D") || g_str_equal (by, "User E"));
      /* every digit of the number, and only the projected attributes */
      g_assert_cmpstr (year, ==, g_str_equal (by, "User D") ? "2002" : BIG);
      g_assert_null (message);
    }
}

static void
test_json_back_to_form (void)
{
  g_autoptr(DdQuerySpec) spec = NULL;

  open_form ("Query", "Reply");
  g_assert_true (dd_query_editor_set_form_mode (dd_test_ui_editor (&fx), FALSE));
  dd_query_editor_set_text (dd_test_ui_editor (&fx),
                            "{\"TableName\":\"Reply\",\"KeyConditionExpression\":\"Id = :a AND ReplyDateTime > :b\","
                            "\"ExpressionAttributeValues\":{\":a\":{\"S\":\"" THREAD "\"},\":b\":{\"S\":\"2026\"}},"
                            "\"Limit\":2}");
  g_assert_true (dd_query_editor_set_form_mode (dd_test_ui_editor (&fx), TRUE));
  g_assert_null (dd_query_form_get_message (form ()));
  spec = dd_query_form_dup_spec (form ());
  g_assert_null (spec->index);
  g_assert_cmpstr (spec->partition.values[0], ==, THREAD);
  g_assert_cmpint (spec->sort.op, ==, DD_QUERY_OP_GT);
  g_assert_cmpstr (spec->sort.values[0], ==, "2026");
  g_assert_cmpstr (spec->limit, ==, "2");

  /* what the form cannot show is said, and the JSON kept */
  g_assert_true (dd_query_editor_set_form_mode (dd_test_ui_editor (&fx), FALSE));
  dd_query_editor_set_text (dd_test_ui_editor (&fx),
                            "{\"TableName\":\"Reply\",\"KeyConditionExpression\":\"Id = :a\","
                            "\"FilterExpression\":\"Votes > :a OR Score > :a\","
                            "\"ExpressionAttributeValues\":{\":a\":{\"S\":\"x\"}}}");
  g_assert_true (dd_query_editor_set_form_mode (dd_test_ui_editor (&fx), TRUE));
  g_assert_nonnull (strstr (dd_query_form_get_message (form ()), "cannot show"));
  g_assert_nonnull (strstr (dd_query_form_get_message (form ()), "AND only"));
  {
    g_autofree char *kept = dd_query_editor_get_text (dd_test_ui_editor (&fx));

    g_assert_nonnull (strstr (kept, "Votes > :a OR Score > :a"));
  }
  dd_test_ui_shoot (GTK_WIDGET (fx.window), "query-form-cannot-show");
  g_assert_true (dd_query_editor_set_form_mode (dd_test_ui_editor (&fx), FALSE));
  /* Describe Table has no form */
  g_assert_true (dd_query_editor_set_operation (dd_test_ui_editor (&fx), "DescribeTable"));
  g_assert_false (dd_query_editor_set_form_mode (dd_test_ui_editor (&fx), TRUE));
}

static gboolean
message_has (gpointer part)
{
  const char *message = dd_window_get_items_message (fx.window);

  return message != NULL && strstr (message, part) != NULL && dd_test_ui_idle (&fx);
}

static void
test_capacity_and_ttl (void)
{
  DdTableOverview *overview;
  AdwMessageDialog *dialog;
  GtkWidget *box, *mode;
  g_autofree char *described = NULL;
  const char *message;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.table-overview", "s", "Reply"));
  dd_test_ui_wait_overview (&fx, "PostedBy-Index", "the overview");
  overview = DD_TABLE_OVERVIEW (dd_window_get_table_overview (fx.window));

  /* on demand to provisioned, 7 read and 3 write units */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (overview), "overview.billing", NULL));
  dialog = dd_table_overview_get_dialog (overview);
  box = adw_message_dialog_get_extra_child (dialog);
  mode = gtk_widget_get_first_child (box);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (mode), 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (gtk_widget_get_next_sibling (mode)), 7);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (gtk_widget_get_last_child (box)), 3);
  adw_message_dialog_response (dialog, "apply");
  dd_test_wait_until (message_has, (gpointer) "changed", "UpdateTable");
  described = dd_test_call (fx.client, "DescribeTable", "{\"TableName\":\"Reply\"}");
  g_test_message ("%s", described);
  g_assert_nonnull (strstr (described, "\"ReadCapacityUnits\":7"));
  g_assert_nonnull (strstr (described, "\"WriteCapacityUnits\":3"));
  dd_test_ui_wait_overview (&fx, "7", "the overview with the new capacity");

  /* TTL: the local server has no UpdateTimeToLive, and the app says so */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (overview), "overview.ttl", NULL));
  dialog = dd_table_overview_get_dialog (overview);
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "expires");
  adw_message_dialog_response (dialog, "apply");
  dd_test_wait_until (message_has, (gpointer) "refused", "UpdateTimeToLive");
  message = dd_window_get_items_message (fx.window);
  g_test_message ("%s", message);
  g_assert_nonnull (strstr (message, "UpdateTimeToLive was refused"));
  g_assert_nonnull (strstr (message, "UnknownOperationException"));
  g_assert_nonnull (strstr (message, "does not support"));
  gtk_window_destroy (GTK_WINDOW (overview));
  dd_test_spin (50);
}

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The badge in the header and the strip on the sidebar row say red. */
static void
assert_red (void)
{
  GtkWidget *badge = dd_window_get_color_badge (fx.window);
  GtkWidget *row = find_widget (dd_window_get_sidebar (fx.window), DD_TYPE_SOURCE_ROW);
  GtkWidget *strip = gtk_widget_get_first_child (row);

  g_assert_cmpstr (dd_source_get_color (fx.source), ==, "red");
  g_assert_true (gtk_widget_get_visible (badge));
  g_assert_true (gtk_widget_has_css_class (badge, "dd-color-red"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (badge)), ==, "Production");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (badge), ==, "Production colour: red");
  g_assert_true (gtk_widget_get_mapped (badge));
  g_assert_cmpstr (dd_source_row_get_source (DD_SOURCE_ROW (row)) ? "row" : NULL, ==, "row");
  g_assert_true (gtk_widget_get_visible (strip));
  g_assert_true (gtk_widget_has_css_class (strip, "dd-color-red"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (strip), ==, "Production colour: red");
}

static void
test_colour_tag (void)
{
  GtkWidget *dialog;
  DdColorRow *color_row;

  g_assert_null (dd_source_get_color (fx.source));
  g_assert_false (gtk_widget_get_visible (dd_window_get_color_badge (fx.window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.edit-source", "s",
                                             dd_source_get_id (fx.source)));
  dialog = dd_window_get_dialog (fx.window);
  g_assert_nonnull (dialog);
  color_row = DD_COLOR_ROW (find_widget (dialog, DD_TYPE_COLOR_ROW));
  g_assert_null (dd_color_row_get_color (color_row));
  dd_color_row_set_color (color_row, "red");
  dd_test_ui_shoot (dialog, "colour-in-dialog");
  g_assert_true (gtk_widget_activate_action (dialog, "dialog.save", NULL));
  dd_test_wait_until (dd_test_ui_dialog_closed, &fx, "the dialog to close");
  dd_test_spin (100);
  assert_red ();
  dd_test_ui_shoot (GTK_WIDGET (fx.window), "colour-tag");

  /* after a restart, from sources.json */
  dd_test_ui_close_window (&fx, FALSE);
  dd_test_ui_open_window (&fx, TRUE);
  assert_red ();
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  dd_test_ui_init (&argc, &argv);
  fx.dynamo = dd_test_dynamo_start ();
  fx.client = dd_test_dynamo_new_client (fx.dynamo);
  create_reply ();
  dd_test_ui_load_styles ();
  dd_test_ui_open_window (&fx, TRUE);

  g_test_add_func ("/dd/ui/forms/query-between-on-index", test_query_between_on_index);
  g_test_add_func ("/dd/ui/forms/scan-with-filters", test_scan_with_filters);
  g_test_add_func ("/dd/ui/forms/json-back-to-form", test_json_back_to_form);
  g_test_add_func ("/dd/ui/forms/capacity-and-ttl", test_capacity_and_ttl);
  g_test_add_func ("/dd/ui/forms/colour-tag", test_colour_tag);
  ret = g_test_run ();

  dd_test_ui_close_window (&fx, FALSE);
  g_clear_object (&fx.client);
  dd_test_dynamo_stop (fx.dynamo);
  return ret;
}
