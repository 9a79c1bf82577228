/* test-window.c: the real window on a virtual display, against the local
 * DynamoDB: a data source added through the dialog, tested and saved; the
 * nine operations of the seed run from the editor, their answers checked
 * in the models behind the result views; a JSON error that sends nothing;
 * a stalled request cancelled; a restart that finds the source and a saved
 * query again. */
#include "config.h"

#include <libsoup/soup.h>

#include "dd-connection-dialog.h"
#include "dd-query-editor.h"
#include "dd-result-model.h"
#include "dd-results-view.h"
#include "dd-sidebar.h"
#include "dd-test-ui.h"
#include "dd-tree-node.h"
#include "dd-window.h"

static DdTestUi fx;

/* Helpers */

static gboolean
not_busy (gpointer data)
{
  return !dd_window_get_busy (fx.window);
}

/* Runs a request from the editor and waits for its answer. */
static void
run_request (const char *action,
             const char *table,
             const char *text)
{
  g_assert_true (dd_query_editor_set_operation (dd_test_ui_editor (&fx), action));
  if (table != NULL)
    {
      /* the tables load in the background after a Create Table */
      dd_test_ui_choose_table (&fx, table, table);
    }
  if (text != NULL)
    dd_query_editor_set_text (dd_test_ui_editor (&fx), text);
  dd_test_ui_activate (GTK_WIDGET (fx.window), "win.run", NULL);
  if (!dd_window_get_busy (fx.window))
    g_error ("%s was not sent: %s", action, dd_query_editor_get_error_text (dd_test_ui_editor (&fx)));
  dd_test_wait_until (not_busy, NULL, action);
}

static char *
seed_text (const char *file)
{
  g_autofree char *path = g_build_filename (g_getenv ("DD_SEED_DIR"), file, NULL);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static const char *
template_of (const char *action)
{
  return dd_operation_lookup_action (action)->template_json;
}

static void
assert_results_ok (const char *what)
{
  if (g_strcmp0 (dd_results_view_get_state (dd_test_ui_results (&fx)), "error") == 0)
    g_error ("%s failed: %s", what, dd_results_view_get_status (dd_test_ui_results (&fx)));
  g_assert_cmpstr (dd_results_view_get_state (dd_test_ui_results (&fx)), ==, "results");
}

/* The message dialog shown over the window, if any. */
static AdwMessageDialog *question;

static gboolean
question_shown (gpointer data)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  question = NULL;
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      question = l->data;
  return question != NULL;
}

/* The top-level names of the tree view. */
static gboolean
tree_has_top (const char *name)
{
  GListModel *rows = dd_results_view_get_tree_model (dd_test_ui_results (&fx));

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(DdTreeNode) node = gtk_tree_list_row_get_item (row);

      if (gtk_tree_list_row_get_depth (row) == 0 && g_strcmp0 (dd_tree_node_get_name (node), name) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Tests */

static DdConnectionDialog *dialog;

static gboolean
dialog_test_done (gpointer data)
{
  return !dd_connection_dialog_get_testing (dialog);
}

static void
set_field (const char *name,
           const char *text)
{
  gtk_editable_set_text (dd_connection_dialog_get_field (dialog, name), text);
}

static void
test_add_source (void)
{
  g_assert_cmpstr (dd_window_get_content_page (fx.window), ==, "empty");

  dd_test_ui_activate (GTK_WIDGET (fx.window), "win.add-source", NULL);
  dialog = DD_CONNECTION_DIALOG (dd_window_get_dialog (fx.window));
  g_assert_nonnull (dialog);
  g_assert_false (dd_connection_dialog_get_valid (dialog));

  set_field ("name", "Local");
  set_field ("region", "us-east-1");
  set_field ("access-key", "AKIA123");
  g_assert_false (dd_connection_dialog_get_valid (dialog));
  g_assert_nonnull (strstr (dd_connection_dialog_get_problems (dialog), "20 characters"));
  set_field ("access-key", "akialocaldynamodb000");
  g_assert_nonnull (strstr (dd_connection_dialog_get_problems (dialog), "AKIA or ASIA"));
  set_field ("access-key", "AKIALOCALDYNAMODB000");
  set_field ("secret-key", "local-secret");
  set_field ("endpoint", "localhost:8000/?x");
  g_assert_false (dd_connection_dialog_get_valid (dialog));
  set_field ("endpoint", dd_test_dynamo_get_endpoint (fx.dynamo));
  g_assert_null (dd_connection_dialog_get_problems (dialog));

  dd_test_ui_activate (GTK_WIDGET (dialog), "dialog.test", NULL);
  g_assert_true (dd_connection_dialog_get_testing (dialog));
  dd_test_wait_until (dialog_test_done, NULL, "the connection test");
  g_assert_nonnull (strstr (dd_connection_dialog_get_test_text (dialog), "Latency"));
  g_assert_nonnull (strstr (dd_connection_dialog_get_test_text (dialog), "AKIALOCALDYNAMODB000"));

  dd_test_ui_activate (GTK_WIDGET (dialog), "dialog.save", NULL);
  dd_test_wait_until (dd_test_ui_dialog_closed, &fx, "the dialog to close after saving");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fx.sources)), ==, 1);
  g_assert_cmpstr (dd_window_get_content_page (fx.window), ==, "workspace");
}

static const char *create_tables[] = {
  "{ \"TableName\": \"USER_DETAILS_with_local\","
  "  \"AttributeDefinitions\": [ { \"AttributeName\": \"USER_ID\", \"AttributeType\": \"N\" },"
  "                            { \"AttributeName\": \"USER_NAME\", \"AttributeType\": \"S\" } ],"
  "  \"KeySchema\": [ { \"AttributeName\": \"USER_ID\", \"KeyType\": \"HASH\" },"
  "                   { \"AttributeName\": \"USER_NAME\", \"KeyType\": \"RANGE\" } ],"
  "  \"BillingMode\": \"PAY_PER_REQUEST\" }",
  "{ \"TableName\": \"USER_DETAILS_with_localS\","
  "  \"AttributeDefinitions\": [ { \"AttributeName\": \"USER_ID\", \"AttributeType\": \"N\" },"
  "                            { \"AttributeName\": \"USER_NAME\", \"AttributeType\": \"S\" } ],"
  "  \"KeySchema\": [ { \"AttributeName\": \"USER_ID\", \"KeyType\": \"HASH\" },"
  "                   { \"AttributeName\": \"USER_NAME\", \"KeyType\": \"RANGE\" } ],"
  "  \"BillingMode\": \"PAY_PER_REQUEST\" }",
  "{ \"TableName\": \"Thread\","
  "  \"AttributeDefinitions\": [ { \"AttributeName\": \"ForumName\", \"AttributeType\": \"S\" },"
  "                            { \"AttributeName\": \"Subject\", \"AttributeType\": \"S\" } ],"
  "  \"KeySchema\": [ { \"AttributeName\": \"ForumName\", \"KeyType\": \"HASH\" },"
  "                   { \"AttributeName\": \"Subject\", \"KeyType\": \"RANGE\" } ],"
  "  \"BillingMode\": \"PAY_PER_REQUEST\" }",
};

static void
test_create_and_list_tables (void)
{
  g_autofree char *reply_table = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("DD_SOURCE_ROOT"), "build-aux", "demo",
                                            "reply-table.json", NULL);
  const char *expected[] = { "Reply", "Thread", "USER_DETAILS_with_local", "USER_DETAILS_with_localS",
                             "USER_FEE_LOCAL" };
  g_autofree char *status = NULL;

  /* the seed's Create Table, as the catalogue gives it */
  run_request ("CreateTable", NULL, template_of ("CreateTable"));
  assert_results_ok ("CreateTable");
  g_assert_true (tree_has_top ("TableDescription"));

  for (guint i = 0; i < G_N_ELEMENTS (create_tables); i++)
    {
      run_request ("CreateTable", NULL, create_tables[i]);
      assert_results_ok ("CreateTable");
    }
  g_assert_true (g_file_get_contents (path, &reply_table, NULL, NULL));
  run_request ("CreateTable", NULL, reply_table);
  assert_results_ok ("CreateTable Reply");

  /* the seed's List Tables: a row per table */
  run_request ("ListTables", NULL, template_of ("ListTables"));
  assert_results_ok ("ListTables");
  g_assert_cmpuint (dd_test_ui_n_rows (&fx), ==, G_N_ELEMENTS (expected));
  g_assert_cmpstr (dd_result_model_get_column (dd_results_view_get_model (dd_test_ui_results (&fx)), 0), ==, "TableName");
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *name = dd_test_ui_cell (&fx, i, "TableName", NULL);
      g_assert_cmpstr (name, ==, expected[i]);
    }
  status = g_strdup (dd_results_view_get_status (dd_test_ui_results (&fx)));
  g_assert_nonnull (strstr (status, "5 items"));
}

static gboolean
keys_known (gpointer data)
{
  return dd_result_model_is_key (dd_results_view_get_model (dd_test_ui_results (&fx)), data);
}

static void
test_put_scan_get (void)
{
  g_autofree char *put = seed_text ("put-item.json");
  g_autofree char *scan = seed_text ("scan.json");
  g_autofree char *get = seed_text ("get-item.fixed.json");
  g_autofree char *fee = NULL, *name = NULL, *id = NULL, *subject = NULL;
  DdCellKind kind;

  /* Put Item, the seed's text (its table is USER_DETAILS_with_localS) */
  run_request ("PutItem", NULL, put);
  assert_results_ok ("PutItem");

  /* Scan Table, the seed's text with the table chosen in the dropdown */
  run_request ("Scan", "USER_DETAILS_with_localS", scan);
  assert_results_ok ("Scan");
  g_assert_cmpstr (dd_results_view_get_view (dd_test_ui_results (&fx)), ==, "table");
  g_assert_cmpuint (dd_test_ui_n_rows (&fx), ==, 1);
  fee = dd_test_ui_cell (&fx, 0, "USER_FEE", &kind);
  g_assert_cmpstr (fee, ==, "1234.56");
  g_assert_cmpint (kind, ==, DD_CELL_NUMBER);
  name = dd_test_ui_cell (&fx, 0, "USER_NAME", &kind);
  g_assert_cmpstr (name, ==, "NICK");
  g_assert_cmpint (kind, ==, DD_CELL_TEXT);
  id = dd_test_ui_cell (&fx, 0, "USER_ID", NULL);
  g_assert_cmpstr (id, ==, "1");
  g_assert_nonnull (strstr (dd_results_view_get_status (dd_test_ui_results (&fx)), "1 scanned"));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (dd_results_view_get_table_view (dd_test_ui_results (&fx)))),
                    ==, 4);
  /* key attributes first, once the table's key schema is known */
  dd_test_wait_until (keys_known, (gpointer) "USER_NAME", "the key schema");
  g_assert_cmpstr (dd_result_model_get_column (dd_results_view_get_model (dd_test_ui_results (&fx)), 0), ==, "USER_ID");
  g_assert_cmpstr (dd_result_model_get_column (dd_results_view_get_model (dd_test_ui_results (&fx)), 1), ==, "USER_NAME");
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (dd_results_view_get_table_view (dd_test_ui_results (&fx)))),
                    ==, 4);

  /* Get Item, the seed's key on a table with that key */
  run_request ("PutItem", NULL,
               "{ \"TableName\": \"Thread\", \"Item\": { \"ForumName\": \"Amazon DynamoDB\","
               "  \"Subject\": \"How do I update multiple items?\", \"Views\": 12,"
               "  \"Tags\": [\"a\", \"b\"], \"Meta\": { \"deep\": [ 1 ] } } }");
  assert_results_ok ("PutItem Thread");
  run_request ("GetItem", "Thread", get);
  assert_results_ok ("GetItem");
  g_assert_cmpuint (dd_test_ui_n_rows (&fx), ==, 1);
  subject = dd_test_ui_cell (&fx, 0, "Subject", NULL);
  g_assert_cmpstr (subject, ==, "How do I update multiple items?");
  g_assert_true (tree_has_top ("Item"));
}

static void
test_query_describe (void)
{
  g_autofree char *query = seed_text ("query.json");
  g_autofree char *summary = NULL;
  const char *posted[] = { "User A", "User B", "User D" };

  for (guint i = 0; i < G_N_ELEMENTS (posted); i++)
    {
      g_autofree char *put = g_strdup_printf (
        "{ \"TableName\": \"Reply\", \"Item\": { \"Id\": { \"S\": \"Amazon DynamoDB#DynamoDB Thread 1\" },"
        "  \"ReplyDateTime\": { \"S\": \"2026-01-0%uT00:00:00Z\" }, \"PostedBy\": { \"S\": \"%s\" },"
        "  \"Votes\": { \"N\": \"12345678901234567890123456789012345678\" } } }", i + 1, posted[i]);
      run_request ("PutItem", NULL, put);
      assert_results_ok ("PutItem Reply");
    }
  run_request ("Query", NULL, query);
  assert_results_ok ("Query");
  g_assert_cmpuint (dd_test_ui_n_rows (&fx), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *by = dd_test_ui_cell (&fx, i, "PostedBy", NULL);
      g_assert_true (g_str_equal (by, "User A") || g_str_equal (by, "User B"));
    }

  run_request ("DescribeTable", "Reply", template_of ("DescribeTable"));
  assert_results_ok ("DescribeTable");
  g_assert_cmpstr (dd_results_view_get_view (dd_test_ui_results (&fx)), ==, "summary");
  summary = dd_results_view_dup_summary_text (dd_test_ui_results (&fx));
  g_assert_nonnull (strstr (summary, "Table\tReply\n"));
  g_assert_nonnull (strstr (summary, "Partition Key\tId (String)\n"));
  g_assert_nonnull (strstr (summary, "Sort Key\tReplyDateTime (String)\n"));
  g_assert_true (tree_has_top ("Table"));

  /* an AWS error shows in the results, with its code, and nothing breaks */
  run_request ("DescribeTable", NULL, "{ \"TableName\": \"NoSuchTable\" }");
  g_assert_cmpstr (dd_results_view_get_state (dd_test_ui_results (&fx)), ==, "error");
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (dd_test_ui_editor (&fx))));

  /* Fetch All follows every page */
  run_request ("Scan", NULL, "{ \"TableName\": \"Reply\", \"Limit\": 1 }");
  assert_results_ok ("Scan with Limit 1");
  g_assert_cmpuint (dd_test_ui_n_rows (&fx), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.fetch-all", NULL));
  /* a Scan of the whole table asks first, with what it will read */
  dd_test_wait_until (question_shown, NULL, "the question before a full Scan");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (question), "read capacity units"));
  adw_message_dialog_response (question, "read");
  gtk_window_destroy (GTK_WINDOW (question));
  g_assert_true (dd_window_get_busy (fx.window));
  dd_test_wait_until (not_busy, NULL, "Fetch All");
  g_assert_cmpuint (dd_test_ui_n_rows (&fx), ==, 3);
  g_assert_nonnull (strstr (dd_results_view_get_status (dd_test_ui_results (&fx)), "3 items"));
}

static void
test_update_delete (void)
{
  g_autofree char *update = seed_text ("update-item.json");
  g_autofree char *delete = seed_text ("delete-item.json");
  g_autofree char *scan = seed_text ("scan.json");
  g_autofree char *age = NULL, *fee = NULL, *forum = NULL;

  run_request ("UpdateItem", NULL, update);
  assert_results_ok ("UpdateItem");
  run_request ("Scan", "USER_DETAILS_with_local", scan);
  assert_results_ok ("Scan after UpdateItem");
  g_assert_cmpuint (dd_test_ui_n_rows (&fx), ==, 1);
  age = dd_test_ui_cell (&fx, 0, "USER_AGE", NULL);
  fee = dd_test_ui_cell (&fx, 0, "USER_FEE", NULL);
  g_assert_cmpstr (age, ==, "40");
  g_assert_cmpstr (fee, ==, "230545");

  /* Delete Item, the seed's text: the condition holds (no Replies) and
   * ALL_OLD returns the item */
  run_request ("DeleteItem", "Thread", delete);
  assert_results_ok ("DeleteItem");
  g_assert_cmpuint (dd_test_ui_n_rows (&fx), ==, 1);
  forum = dd_test_ui_cell (&fx, 0, "ForumName", NULL);
  g_assert_cmpstr (forum, ==, "Amazon DynamoDB");
  run_request ("Scan", "Thread", scan);
  assert_results_ok ("Scan after DeleteItem");
  g_assert_cmpuint (dd_test_ui_n_rows (&fx), ==, 0);
}

static GtkTreeListRow *
find_tree_row (const char *name)
{
  GListModel *rows = dd_results_view_get_tree_model (dd_test_ui_results (&fx));

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(DdTreeNode) node = gtk_tree_list_row_get_item (row);

      if (g_strcmp0 (dd_tree_node_get_name (node), name) == 0)
        return g_steal_pointer (&row);
    }
  return NULL;
}

static void
test_tree_of_nested_item (void)
{
  g_autofree char *get = seed_text ("get-item.fixed.json");
  g_autoptr(GtkTreeListRow) item = NULL;
  g_autoptr(GtkTreeListRow) meta = NULL;
  g_autoptr(GtkTreeListRow) deep = NULL;
  g_autoptr(GtkTreeListRow) first = NULL;
  g_autoptr(DdTreeNode) node = NULL;
  g_autofree char *value = NULL;
  DdCellKind kind;

  run_request ("GetItem", "Thread", get);
  assert_results_ok ("GetItem");
  item = find_tree_row ("Item");
  g_assert_nonnull (item);
  gtk_tree_list_row_set_expanded (item, TRUE);
  meta = find_tree_row ("Meta");
  g_assert_nonnull (meta);
  node = gtk_tree_list_row_get_item (meta);
  g_assert_cmpstr (dd_tree_node_get_type_label (node), ==, "Map");
  gtk_tree_list_row_set_expanded (meta, TRUE);
  deep = find_tree_row ("deep");
  g_assert_nonnull (deep);
  gtk_tree_list_row_set_expanded (deep, TRUE);
  first = find_tree_row ("[0]");
  g_assert_nonnull (first);
  g_clear_object (&node);
  node = gtk_tree_list_row_get_item (first);
  value = dd_tree_node_dup_value_text (node, &kind);
  g_assert_cmpstr (value, ==, "1");
  g_assert_cmpint (kind, ==, DD_CELL_NUMBER);
  g_assert_cmpstr (dd_tree_node_get_type_label (node), ==, "Number");
}

static void
test_json_error_sends_nothing (void)
{
  g_autoptr(GPtrArray) before = dd_query_store_list_history (fx.queries, NULL);
  g_autoptr(GPtrArray) after = NULL;
  const char *state = dd_results_view_get_state (dd_test_ui_results (&fx));

  g_assert_true (dd_query_editor_set_operation (dd_test_ui_editor (&fx), "Scan"));
  dd_query_editor_set_text (dd_test_ui_editor (&fx), "{\n  \"TableName\": \"Thread\",\n  \"Limit\": 5,\n}\n");
  g_assert_nonnull (dd_query_editor_get_error_text (dd_test_ui_editor (&fx)));
  g_assert_nonnull (strstr (dd_query_editor_get_error_text (dd_test_ui_editor (&fx)), "Line "));
  dd_test_ui_activate (GTK_WIDGET (fx.window), "win.run", NULL);
  g_assert_false (dd_window_get_busy (fx.window));
  g_assert_cmpstr (dd_results_view_get_state (dd_test_ui_results (&fx)), ==, state);
  after = dd_query_store_list_history (fx.queries, NULL);
  g_assert_cmpuint (after->len, ==, before->len);

  dd_query_editor_set_text (dd_test_ui_editor (&fx), "{ \"TableName\": \"Thread\" }");
  g_assert_null (dd_query_editor_get_error_text (dd_test_ui_editor (&fx)));
}

/* A server that takes requests and never answers. */
static guint stalled_requests;

static void
stall_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  stalled_requests++;
  soup_server_message_pause (msg);
}

static gboolean
request_seen (gpointer data)
{
  return stalled_requests > 0;
}

static void
test_cancel_stalled_request (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdSource) source = dd_source_new ("Stalled");
  g_autoptr(GSList) uris = NULL;
  g_autofree char *endpoint = NULL;
  gint64 start;

  soup_server_add_handler (server, NULL, stall_cb, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  uris = soup_server_get_uris (server);
  endpoint = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  dd_source_set_region (source, "us-east-1");
  dd_source_set_endpoint (source, endpoint);
  dd_source_set_access_key_id (source, "AKIASTALLEDSTALLED00");
  dd_source_set_secrets (source, "stalled", NULL);
  g_assert_true (dd_source_store_add (fx.sources, source, &error));
  g_assert_true (dd_sidebar_select_source (DD_SIDEBAR (dd_window_get_sidebar (fx.window)),
                                           dd_source_get_id (source)));
  g_assert_true (dd_query_editor_set_operation (dd_test_ui_editor (&fx), "DescribeTable"));
  dd_query_editor_set_text (dd_test_ui_editor (&fx), "{ \"TableName\": \"Slow\" }");
  dd_test_ui_activate (GTK_WIDGET (fx.window), "win.run", NULL);
  g_assert_true (dd_window_get_busy (fx.window));
  dd_test_wait_until (request_seen, NULL, "the stalled request");
  g_assert_cmpstr (dd_results_view_get_state (dd_test_ui_results (&fx)), ==, "loading");

  start = g_get_monotonic_time ();
  dd_test_ui_activate (GTK_WIDGET (fx.window), "win.cancel", NULL);
  dd_test_wait_until (not_busy, NULL, "the cancellation");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  g_assert_cmpstr (dd_results_view_get_status (dd_test_ui_results (&fx)), ==, "Cancelled");
  g_assert_cmpstr (dd_results_view_get_state (dd_test_ui_results (&fx)), !=, "error");

  dd_source_store_remove (fx.sources, source);
}

static void
test_saved_query_and_restart (void)
{
  g_autoptr(GError) error = NULL;
  DdSource *local;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  g_autofree char *last_scan = seed_text ("scan.json");
  gboolean saved = FALSE;

  local = dd_source_store_lookup_by_name (fx.sources, "Local");
  g_assert_nonnull (local);
  g_assert_true (dd_sidebar_select_source (DD_SIDEBAR (dd_window_get_sidebar (fx.window)),
                                           dd_source_get_id (local)));
  g_assert_true (dd_query_editor_set_operation (dd_test_ui_editor (&fx), "Scan"));
  dd_query_editor_set_text (dd_test_ui_editor (&fx), "{ \"TableName\": \"Reply\", \"Limit\": 2 }");
  saved = dd_window_save_query (fx.window, "Two replies", &error);
  g_assert_no_error (error);
  g_assert_true (saved);

  /* the saved query is a row under the source in the sidebar */
  {
    DdSidebar *sidebar = DD_SIDEBAR (dd_window_get_sidebar (fx.window));
    GListModel *rows;
    gboolean found = FALSE;

    dd_sidebar_set_expanded (sidebar, dd_source_get_id (local), TRUE);
    rows = dd_sidebar_get_rows (sidebar);
    for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
      {
        g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
        g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

        if (DD_IS_SIDEBAR_ITEM (item) && dd_sidebar_item_get_kind (DD_SIDEBAR_ITEM (item)) == DD_SIDEBAR_ITEM_QUERY
            && g_str_equal (dd_sidebar_item_get_title (DD_SIDEBAR_ITEM (item)), "Two replies"))
          found = TRUE;
      }
    g_assert_true (found);
  }

  gtk_window_set_default_size (GTK_WINDOW (fx.window), 1000, 640);
  dd_test_ui_close_window (&fx, TRUE);
  dd_test_ui_open_window (&fx, FALSE);

  /* the window's size and the last source come back (GSettings) */
  {
    int width = 0, height = 0;

    gtk_window_get_default_size (GTK_WINDOW (fx.window), &width, &height);
    g_assert_cmpint (width, ==, 1000);
    g_assert_cmpint (height, ==, 640);
    g_assert_true (dd_sidebar_get_selected_source (DD_SIDEBAR (dd_window_get_sidebar (fx.window)))
                   == dd_source_store_lookup_by_name (fx.sources, "Local"));
  }

  local = dd_source_store_lookup_by_name (fx.sources, "Local");
  g_assert_nonnull (local);
  g_assert_cmpstr (dd_source_get_endpoint (local), ==, dd_test_dynamo_get_endpoint (fx.dynamo));
  g_assert_true (dd_sidebar_select_source (DD_SIDEBAR (dd_window_get_sidebar (fx.window)),
                                           dd_source_get_id (local)));
  g_assert_cmpstr (dd_window_get_content_page (fx.window), ==, "workspace");

  /* the history kept the runs: the newest is the last Scan of Thread */
  g_assert_true (dd_window_open_run (fx.window, 0));
  text = dd_query_editor_get_text (dd_test_ui_editor (&fx));
  g_assert_cmpstr (text, ==, last_scan);
  g_assert_cmpstr (dd_query_editor_get_operation (dd_test_ui_editor (&fx))->action, ==, "Scan");
  g_clear_pointer (&text, g_free);

  g_assert_true (dd_window_open_query (fx.window, "Two replies"));
  text = dd_query_editor_get_text (dd_test_ui_editor (&fx));
  g_assert_cmpstr (text, ==, "{ \"TableName\": \"Reply\", \"Limit\": 2 }");
  g_assert_cmpstr (dd_query_editor_get_operation (dd_test_ui_editor (&fx))->action, ==, "Scan");

  /* the secret came back from the keyring: the saved query runs */
  dd_test_ui_activate (GTK_WIDGET (fx.window), "win.run", NULL);
  dd_test_wait_until (not_busy, NULL, "the saved query");
  assert_results_ok ("saved query");
  g_assert_cmpuint (dd_test_ui_n_rows (&fx), ==, 2);
  name = dd_test_ui_cell (&fx, 0, "Id", NULL);
  g_assert_cmpstr (name, ==, "Amazon DynamoDB#DynamoDB Thread 1");
  /* a Limit of 2 over 3 items leaves a next page */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.load-more", NULL));
  dd_test_wait_until (not_busy, NULL, "the next page");
  g_assert_cmpuint (dd_test_ui_n_rows (&fx), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  dd_test_ui_init (&argc, &argv);
  fx.dynamo = dd_test_dynamo_start ();
  dd_test_ui_open_window (&fx, FALSE);

  /* In order: each builds on the tables and items of the ones before. */
  g_test_add_func ("/dd/ui/window/add-source", test_add_source);
  g_test_add_func ("/dd/ui/window/create-and-list-tables", test_create_and_list_tables);
  g_test_add_func ("/dd/ui/window/put-scan-get", test_put_scan_get);
  g_test_add_func ("/dd/ui/window/tree-of-nested-item", test_tree_of_nested_item);
  g_test_add_func ("/dd/ui/window/query-describe", test_query_describe);
  g_test_add_func ("/dd/ui/window/update-delete", test_update_delete);
  g_test_add_func ("/dd/ui/window/json-error-sends-nothing", test_json_error_sends_nothing);
  g_test_add_func ("/dd/ui/window/cancel-stalled-request", test_cancel_stalled_request);
  g_test_add_func ("/dd/ui/window/saved-query-and-restart", test_saved_query_and_restart);
  ret = g_test_run ();

  dd_test_ui_close_window (&fx, TRUE);
  dd_test_dynamo_stop (fx.dynamo);
  return ret;
}
