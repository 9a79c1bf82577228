/* test-items.c: the real window on a virtual display, against the local
 * DynamoDB: an item of every type edited in the item editor and read back
 * unchanged but for the edit; plain JSON that keeps types and an edit that
 * asks before changing one; a conflicting write refused with both
 * versions; a delete undone to the exact item; the journal after a
 * restart; a bulk delete of 1,000 items with progress; a read-only source
 * that writes nothing. */
#include "config.h"

#include <string.h>

#include "dd-conflict-dialog.h"
#include "dd-create-table-dialog.h"
#include "dd-table-overview.h"
#include "dd-item-diff-dialog.h"
#include "dd-item-editor.h"
#include "dd-journal-view.h"
#include "dd-query-editor.h"
#include "dd-result-model.h"
#include "dd-results-view.h"
#include "dd-safe-write.h"
#include "dd-sidebar.h"
#include "dd-test-items.h"
#include "dd-test-ui.h"
#include "dd-window-items.h"
#include "dd-window.h"

#define BIG "12345678901234567890123456789012345678"
#define TINY "0.000000000000000000000000000000000001"

static DdTestUi fx;

/* Every type, nested, with exact numbers and binary. */
#define ITEM(pk) \
  "{\"pk\":{\"S\":\"" pk "\"},\"sk\":{\"N\":\"7\"}," \
  "\"name\":{\"S\":\"Ada\"},\"size\":{\"N\":\"" BIG "\"},\"small\":{\"N\":\"-1.5E-100\"}," \
  "\"data\":{\"B\":\"AAEC/w==\"},\"ok\":{\"BOOL\":true},\"nothing\":{\"NULL\":true}," \
  "\"map\":{\"M\":{\"inner\":{\"M\":{\"n\":{\"N\":\"" TINY "\"}}},\"name\":{\"S\":\"x\"}}}," \
  "\"list\":{\"L\":[{\"S\":\"one\"},{\"N\":\"2\"},{\"L\":[{\"BOOL\":false}]},{\"M\":{\"k\":{\"SS\":[\"z\"]}}}]}," \
  "\"tags\":{\"SS\":[\"red\",\"green\",\"blue\"]},\"scores\":{\"NS\":[\"" BIG "\",\"-3\",\"0.5\"]}," \
  "\"blobs\":{\"BS\":[\"AQ==\",\"Ag==\"]}}"

/* Helpers */

#define KEY(pk) "{\"pk\":{\"S\":\"" pk "\"},\"sk\":{\"N\":\"7\"}}"

/* Equal as DynamoDB sees it (sets unordered), and the exact numbers and
 * binary there digit for digit. */
static void
assert_items_equal (const char *got,
                    const char *expected)
{
  dd_test_assert_items_equal (got, expected, (const char * const[]) { BIG, TINY, "AAEC/w==", NULL });
}

/* Runs a request from the editor and waits for its answer. */
static void
run_request (const char *action,
             const char *text)
{
  g_assert_true (dd_query_editor_set_operation (dd_test_ui_editor (&fx), action));
  dd_query_editor_set_text (dd_test_ui_editor (&fx), text);
  dd_test_ui_activate (GTK_WIDGET (fx.window), "win.run", NULL);
  dd_test_wait_until (dd_test_ui_idle, &fx, action);
  g_assert_cmpstr (dd_results_view_get_state (dd_test_ui_results (&fx)), ==, "results");
}

/* The model index of the row whose pk is pk. */
static guint
row_of (const char *pk)
{
  for (guint i = 0; i < dd_test_ui_n_rows (&fx); i++)
    {
      g_autofree char *cell = dd_test_ui_cell (&fx, i, "pk", NULL);

      if (g_strcmp0 (cell, pk) == 0)
        return i;
    }
  g_error ("no row %s", pk);
  return 0;
}

static void
select_rows (const char * const *pks)
{
  GtkSelectionModel *selection = gtk_column_view_get_model (dd_results_view_get_table_view (dd_test_ui_results (&fx)));

  gtk_selection_model_unselect_all (selection);
  for (guint p = 0; p < g_list_model_get_n_items (G_LIST_MODEL (selection)); p++)
    {
      g_autoptr(DdResultRow) row = g_list_model_get_item (G_LIST_MODEL (selection), p);
      g_autofree char *cell = dd_test_ui_cell (&fx, dd_result_row_get_index (row), "pk", NULL);

      if (pks == NULL || g_strv_contains (pks, cell))
        gtk_selection_model_select_item (selection, p, FALSE);
    }
}

static gboolean
editor_open (gpointer data)
{
  return dd_window_get_item_editor (fx.window) != NULL && dd_test_ui_idle (&fx);
}

static gboolean
editor_closed (gpointer data)
{
  return dd_window_get_item_editor (fx.window) == NULL && dd_test_ui_idle (&fx);
}

static DdItemEditor *
open_editor (const char *pk)
{
  dd_test_ui_activate (GTK_WIDGET (fx.window), "win.edit-item", g_variant_new_int32 ((int) row_of (pk)));
  dd_test_wait_until (editor_open, NULL, "the item editor");
  return dd_window_get_item_editor (fx.window);
}

static gboolean
dialog_is (gpointer type)
{
  GtkWidget *dialog = dd_window_get_items_dialog (fx.window);

  return dialog != NULL && G_TYPE_CHECK_INSTANCE_TYPE (dialog, GPOINTER_TO_SIZE (type)) && dd_test_ui_idle (&fx);
}

static AdwMessageDialog *
wait_dialog (GType       type,
             const char *what)
{
  dd_test_wait_until (dialog_is, GSIZE_TO_POINTER (type), what);
  return ADW_MESSAGE_DIALOG (dd_window_get_items_dialog (fx.window));
}

/* Tests */

static void
test_edit_every_type (void)
{
  g_autofree char *expected = NULL;
  g_autofree char *before = NULL;
  g_autofree char *back = NULL;
  g_autofree char *json = NULL;
  g_autofree char *diff = NULL;
  DdItemEditor *item_editor;
  AdwMessageDialog *dialog;
  DdAttributeRow *row;

  dd_test_create_table (fx.client, "Items", "N");
  dd_test_put_item (fx.client, "Items", ITEM ("every"));
  /* as the server keeps it (it may write -1.5E-100 its own way) */
  before = dd_test_get_item (fx.client, "Items", KEY ("every"));
  run_request ("Scan", "{ \"TableName\": \"Items\" }");
  g_assert_cmpuint (dd_test_ui_n_rows (&fx), ==, 1);

  item_editor = open_editor ("every");
  g_assert_cmpstr (dd_item_editor_get_table (item_editor), ==, "Items");
  /* the key leads, marked and locked; every type has its row */
  row = dd_item_editor_find_row (item_editor, "pk");
  g_assert_true (dd_attribute_row_get_is_key (row));
  g_assert_cmpstr (dd_attribute_row_get_type_code (dd_item_editor_find_row (item_editor, "tags")), ==, "SS");
  g_assert_cmpstr (dd_attribute_row_get_type_code (dd_item_editor_find_row (item_editor, "blobs")), ==, "BS");
  g_assert_cmpstr (dd_attribute_row_get_type_code (dd_item_editor_find_row (item_editor, "data")), ==, "B");
  g_assert_cmpstr (dd_attribute_row_get_type_code (dd_item_editor_find_row (item_editor, "map")), ==, "M");
  g_assert_false (dd_item_editor_remove_attribute (item_editor, "pk"));
  dd_attribute_row_set_expanded (dd_item_editor_find_row (item_editor, "map"), TRUE);
  dd_attribute_row_set_expanded (dd_item_editor_find_row (item_editor, "list"), TRUE);
  dd_test_ui_shoot (GTK_WIDGET (item_editor), "item-editor");

  /* the JSON page, plain: every digit; back to the form with no question
   * and the sets still sets */
  dd_item_editor_set_page (item_editor, "json");
  json = dd_item_editor_get_json_text (item_editor);
  dd_test_ui_shoot (GTK_WIDGET (item_editor), "item-editor-json");
  g_assert_nonnull (strstr (json, BIG));
  g_assert_nonnull (strstr (json, "\"AAEC/w==\""));
  dd_item_editor_set_page (item_editor, "form");
  g_assert_null (dd_item_editor_get_question (item_editor));
  g_assert_cmpstr (dd_item_editor_get_page (item_editor), ==, "form");
  g_assert_cmpstr (dd_attribute_row_get_type_code (dd_item_editor_find_row (item_editor, "tags")), ==, "SS");
  g_assert_cmpstr (dd_attribute_row_get_type_code (dd_item_editor_find_row (item_editor, "data")), ==, "B");

  /* one edit: a nested member */
  row = dd_attribute_row_find_child (dd_item_editor_find_row (item_editor, "map"), "name");
  g_assert_nonnull (row);
  dd_attribute_row_set_text (row, "changed");
  g_assert_cmpstr (dd_item_editor_get_message (item_editor), ==, NULL);
  dd_test_ui_activate (GTK_WIDGET (item_editor), "editor.save", NULL);
  dialog = wait_dialog (DD_TYPE_ITEM_DIFF_DIALOG, "the diff");
  diff = dd_item_diff_dialog_dup_text (DD_ITEM_DIFF_DIALOG (dialog));
  dd_test_ui_shoot (GTK_WIDGET (dialog), "item-diff");
  g_assert_cmpstr (diff, ==, "~ map.name: \"x\" (S) → \"changed\" (S)\n");
  adw_message_dialog_response (dialog, "save");
  dd_test_wait_until (editor_closed, NULL, "the save");

  back = dd_test_get_item (fx.client, "Items", KEY ("every"));
  expected = g_strdup (before);
  {
    g_autoptr(GString) s = g_string_new (expected);
    g_string_replace (s, "\"name\":{\"S\":\"x\"}", "\"name\":{\"S\":\"changed\"}", 1);
    g_free (expected);
    expected = g_string_free (g_steal_pointer (&s), FALSE);
  }
  assert_items_equal (back, expected);
  /* the text of every number as it was */
  g_assert_cmpstr (strstr (back, "\"small\""), !=, NULL);
  {
    g_autoptr(JsonNode) a = json_from_string (back, NULL);
    g_autoptr(JsonNode) b = json_from_string (before, NULL);
    JsonObject *sa = json_object_get_object_member (json_node_get_object (a), "small");
    JsonObject *sb = json_object_get_object_member (json_node_get_object (b), "small");

    g_assert_cmpstr (json_object_get_string_member (sa, "N"), ==, json_object_get_string_member (sb, "N"));
  }
  g_assert_nonnull (strstr (dd_window_get_items_message (fx.window), "Saved"));
}

static void
test_json_type_change_asks (void)
{
  DdItemEditor *item_editor;
  AdwMessageDialog *question;
  g_autoptr(JsonObject) item = NULL;

  run_request ("Scan", "{ \"TableName\": \"Items\" }");
  item_editor = open_editor ("every");
  dd_item_editor_set_page (item_editor, "json");
  /* plain arrays of strings fit the sets they were: no question */
  dd_item_editor_set_json_text (item_editor,
                                "{\"pk\":\"every\",\"sk\":7,\"tags\":[\"a\",\"b\"],\"data\":\"AQI=\",\"size\":" BIG "}");
  dd_item_editor_set_page (item_editor, "form");
  g_assert_null (dd_item_editor_get_question (item_editor));
  g_assert_cmpstr (dd_attribute_row_get_type_code (dd_item_editor_find_row (item_editor, "tags")), ==, "SS");
  g_assert_cmpstr (dd_attribute_row_get_type_code (dd_item_editor_find_row (item_editor, "data")), ==, "B");
  item = dd_item_editor_dup_item (item_editor, NULL);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (item, "size"), "N"), ==, BIG);

  /* a string where a number was: asked, and kept on the JSON page */
  dd_item_editor_set_page (item_editor, "json");
  dd_item_editor_set_json_text (item_editor, "{\"pk\":\"every\",\"sk\":7,\"size\":\"big\"}");
  dd_item_editor_set_page (item_editor, "form");
  question = dd_item_editor_get_question (item_editor);
  g_assert_nonnull (question);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (question), "size: N → S"));
  g_assert_cmpstr (dd_item_editor_get_page (item_editor), ==, "json");
  adw_message_dialog_response (question, "keep");
  g_assert_null (dd_item_editor_get_question (item_editor));
  g_assert_cmpstr (dd_item_editor_get_page (item_editor), ==, "json");
  gtk_window_destroy (GTK_WINDOW (item_editor));
  dd_test_wait_until (editor_closed, NULL, "the editor to close");
}

static void
test_conflict (void)
{
  g_autofree char *request = NULL;
  g_autofree char *response = NULL;
  g_autofree char *back = NULL;
  g_autofree char *current = NULL;
  DdItemEditor *item_editor;
  AdwMessageDialog *dialog;

  dd_test_put_item (fx.client, "Items", ITEM ("race"));
  run_request ("Scan", "{ \"TableName\": \"Items\" }");
  item_editor = open_editor ("race");
  /* someone else writes after the load */
  request = g_strdup ("{\"TableName\":\"Items\",\"Key\":" KEY ("race") ",\"UpdateExpression\":\"SET #n = :v\","
                      "\"ExpressionAttributeNames\":{\"#n\":\"name\"},"
                      "\"ExpressionAttributeValues\":{\":v\":{\"S\":\"Grace\"}}}");
  response = dd_test_call (fx.client, "UpdateItem", request);

  dd_attribute_row_set_text (dd_item_editor_find_row (item_editor, "name"), "Mine");
  dd_test_ui_activate (GTK_WIDGET (item_editor), "editor.save", NULL);
  dialog = wait_dialog (DD_TYPE_ITEM_DIFF_DIALOG, "the diff");
  adw_message_dialog_response (dialog, "save");
  dialog = wait_dialog (DD_TYPE_CONFLICT_DIALOG, "the conflict");
  current = dd_conflict_dialog_dup_current (DD_CONFLICT_DIALOG (dialog));
  dd_test_ui_shoot (GTK_WIDGET (dialog), "item-conflict");
  g_assert_nonnull (strstr (current, "Grace"));
  {
    g_autofree char *mine = dd_conflict_dialog_dup_mine (DD_CONFLICT_DIALOG (dialog));
    g_assert_nonnull (strstr (mine, "Mine"));
  }
  /* nothing was overwritten */
  back = dd_test_get_item (fx.client, "Items", KEY ("race"));
  g_assert_nonnull (strstr (back, "\"Grace\""));
  g_assert_null (strstr (back, "\"Mine\""));
  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (item_editor));
  dd_test_wait_until (editor_closed, NULL, "the editor to close");
}

static gboolean
message_is (gpointer prefix)
{
  const char *message = dd_window_get_items_message (fx.window);

  return message != NULL && g_str_has_prefix (message, prefix) && dd_test_ui_idle (&fx);
}

static void
test_delete_then_undo (void)
{
  const char *pks[] = { "every", NULL };
  g_autofree char *before = dd_test_get_item (fx.client, "Items", KEY ("every"));
  g_autofree char *after = NULL;
  g_autofree char *restored = NULL;
  AdwMessageDialog *dialog;

  run_request ("Scan", "{ \"TableName\": \"Items\" }");
  select_rows (pks);
  dd_test_ui_activate (GTK_WIDGET (fx.window), "win.delete-items", NULL);
  dialog = wait_dialog (ADW_TYPE_MESSAGE_DIALOG, "the confirmation");
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete 1 Item?");
  adw_message_dialog_response (dialog, "delete");
  dd_test_wait_until (message_is, (gpointer) "Deleted 1 item", "the delete");
  after = dd_test_get_item (fx.client, "Items", KEY ("every"));
  g_assert_null (after);

  /* Ctrl+Z's action: the exact item again */
  dd_test_ui_activate (GTK_WIDGET (fx.window), "win.undo", NULL);
  dd_test_wait_until (message_is, (gpointer) "Undone", "the undo");
  g_assert_cmpstr (dd_window_get_items_message (fx.window), ==, "Undone");
  restored = dd_test_get_item (fx.client, "Items", KEY ("every"));
  assert_items_equal (restored, before);
}

static gboolean
journal_loaded (gpointer data)
{
  return dd_window_get_journal_view (fx.window) != NULL;
}

static void
test_journal_after_restart (void)
{
  DdJournalView *view;
  guint n_undo = 0, n_delete = 0, n_update = 0;

  dd_test_ui_close_window (&fx, FALSE);
  dd_test_ui_open_window (&fx, TRUE);
  dd_test_ui_activate (GTK_WIDGET (fx.window), "win.show-journal", NULL);
  dd_test_wait_until (journal_loaded, NULL, "the journal");
  view = DD_JOURNAL_VIEW (dd_window_get_journal_view (fx.window));
  dd_test_ui_shoot (GTK_WIDGET (view), "journal");
  /* the save, the delete and its undo (the refused save wrote an intent
   * and a failed outcome) */
  for (guint i = 0; i < dd_journal_view_get_n_entries (view); i++)
    {
      DdJournalEntry *entry = dd_journal_view_get_entry (view, i);
      g_autofree char *title = dd_journal_entry_describe (entry, NULL);

      g_test_message ("%s", title);
      if (dd_journal_entry_get_undo_of (entry) != NULL)
        n_undo++;
      else if (dd_journal_entry_is_delete (entry))
        n_delete++;
      else if (dd_journal_entry_get_outcome (entry) == DD_JOURNAL_OUTCOME_DONE)
        n_update++;
    }
  g_assert_cmpuint (n_undo, ==, 1);
  g_assert_cmpuint (n_delete, ==, 1);
  g_assert_cmpuint (n_update, ==, 1);
  /* newest first: the undo */
  g_assert_nonnull (dd_journal_entry_get_undo_of (dd_journal_view_get_entry (view, 0)));
  gtk_window_destroy (GTK_WINDOW (view));
}

static void
test_bulk_delete (void)
{
  const char *keys[] = { "pk", "sk", NULL };
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *count = NULL;
  g_autoptr(DdJournal) journal = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  AdwMessageDialog *dialog;
  guint64 done, total;
  guint updates, n_deletes = 0;

  dd_test_create_table (fx.client, "Bulk", "N");
  for (guint i = 0; i < 1000; i++)
    g_ptr_array_add (items, g_strdup_printf ("{\"pk\":{\"S\":\"k%04u\"},\"sk\":{\"N\":\"%u\"},\"v\":{\"S\":\"x\"}}", i, i));
  dd_test_write_items (fx.client, "Bulk", keys, items);

  run_request ("Scan", "{ \"TableName\": \"Bulk\" }");
  dd_test_ui_activate (GTK_WIDGET (fx.window), "win.fetch-all", NULL);
  dd_test_wait_until (dd_test_ui_idle, &fx, "every page");
  g_assert_cmpuint (dd_test_ui_n_rows (&fx), ==, 1000);
  select_rows (NULL);
  dd_test_ui_activate (GTK_WIDGET (fx.window), "win.delete-items", NULL);
  dialog = wait_dialog (ADW_TYPE_MESSAGE_DIALOG, "the confirmation");
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete 1000 Items?");
  adw_message_dialog_response (dialog, "delete");
  dd_test_wait_until (message_is, (gpointer) "Deleted 1000", "the bulk delete");
  dd_window_get_items_progress (fx.window, &done, &total, &updates);
  g_assert_cmpuint (done, ==, 1000);
  g_assert_cmpuint (total, ==, 1000);
  g_assert_cmpuint (updates, >, 1);
  g_assert_cmpstr (dd_window_get_items_message (fx.window), ==, "Deleted 1000 items");

  count = dd_test_call (fx.client, "Scan", "{\"TableName\":\"Bulk\",\"Select\":\"COUNT\"}");
  g_assert_nonnull (strstr (count, "\"Count\":0"));
  /* each one journalled */
  journal = dd_journal_new (dd_source_get_id (fx.source), NULL);
  entries = dd_journal_load (journal, NULL, NULL);
  for (guint i = 0; i < entries->len; i++)
    if (dd_journal_entry_is_delete (entries->pdata[i])
        && g_strcmp0 (dd_journal_entry_get_table (entries->pdata[i]), "Bulk") == 0)
      n_deletes++;
  g_assert_cmpuint (n_deletes, ==, 1000);
}

static void
test_read_only_refuses (void)
{
  const char *pks[] = { "race", NULL };
  g_autofree char *before = dd_test_get_item (fx.client, "Items", KEY ("race"));
  g_autofree char *after = NULL;
  DdItemEditor *item_editor;

  run_request ("Scan", "{ \"TableName\": \"Items\" }");
  item_editor = open_editor ("race");
  dd_source_set_read_only (fx.source, TRUE);
  /* no write action offered */
  select_rows (pks);
  gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.delete-items", NULL);
  g_assert_null (dd_window_get_items_dialog (fx.window));
  /* the editor opened before: its save is refused at the check */
  dd_attribute_row_set_text (dd_item_editor_find_row (item_editor, "name"), "Nope");
  dd_test_ui_activate (GTK_WIDGET (item_editor), "editor.save", NULL);
  g_assert_nonnull (strstr (dd_item_editor_get_message (item_editor), "read-only"));
  g_assert_null (dd_window_get_items_dialog (fx.window));
  dd_test_spin (100);
  after = dd_test_get_item (fx.client, "Items", KEY ("race"));
  g_assert_cmpstr (after, ==, before);
  gtk_window_destroy (GTK_WINDOW (item_editor));
  dd_source_set_read_only (fx.source, FALSE);
}

static void
test_create_table_with_indexes (void)
{
  DdCreateTableDialog *dialog;
  g_autofree char *request = NULL;
  g_autofree char *described = NULL;
  g_autofree char *text = NULL;
  guint gsi, lsi;

  dd_test_ui_activate (GTK_WIDGET (fx.window), "win.create-table", NULL);
  dialog = DD_CREATE_TABLE_DIALOG (dd_window_get_items_dialog (fx.window));
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (dd_create_table_dialog_get_problems (dialog), "needs a name"));
  dd_create_table_dialog_set_text (dialog, "name", "Orders");
  dd_create_table_dialog_set_text (dialog, "partition-key", "customer");
  lsi = dd_create_table_dialog_add_index (dialog, FALSE);
  dd_create_table_dialog_set_index_text (dialog, lsi, "name", "by-total");
  dd_create_table_dialog_set_index_text (dialog, lsi, "sort-key", "total");
  dd_create_table_dialog_set_index_choice (dialog, lsi, "sort-type", "N");
  dd_create_table_dialog_set_index_choice (dialog, lsi, "projection", "KEYS_ONLY");
  /* a local index on a table without a sort key: said before sending */
  g_assert_nonnull (strstr (dd_create_table_dialog_get_problems (dialog), "sort key"));
  dd_create_table_dialog_set_text (dialog, "sort-key", "order");
  dd_create_table_dialog_set_choice (dialog, "sort-type", "N");
  gsi = dd_create_table_dialog_add_index (dialog, TRUE);
  dd_create_table_dialog_set_index_text (dialog, gsi, "name", "by-status");
  dd_create_table_dialog_set_index_text (dialog, gsi, "partition-key", "status");
  dd_create_table_dialog_set_index_text (dialog, gsi, "sort-key", "created");
  dd_create_table_dialog_set_index_choice (dialog, gsi, "sort-type", "N");
  dd_create_table_dialog_set_index_choice (dialog, gsi, "projection", "INCLUDE");
  g_assert_nonnull (strstr (dd_create_table_dialog_get_problems (dialog), "includes no attributes"));
  dd_create_table_dialog_set_index_text (dialog, gsi, "non-key", "total, note");
  dd_create_table_dialog_set_choice (dialog, "stream", "NEW_IMAGE");
  dd_create_table_dialog_set_text (dialog, "tags", "team=sales");
  g_assert_null (dd_create_table_dialog_get_problems (dialog));
  request = dd_create_table_dialog_dup_request (dialog);
  dd_test_ui_shoot (GTK_WIDGET (dialog), "create-table");
  dd_create_table_dialog_set_page (dialog, "request");
  dd_test_ui_shoot (GTK_WIDGET (dialog), "create-table-request");
  dd_create_table_dialog_set_page (dialog, "form");
  g_assert_nonnull (strstr (request, "\"LocalSecondaryIndexes\""));
  g_assert_nonnull (strstr (request, "\"NonKeyAttributes\""));
  g_assert_nonnull (strstr (request, "\"NEW_IMAGE\""));
  g_assert_nonnull (strstr (request, "\"sales\""));

  /* the JSON can be edited instead; problems are found there too */
  dd_create_table_dialog_set_editing_json (dialog, TRUE);
  dd_create_table_dialog_set_json_text (dialog, "{\"TableName\":\"Orders\"}");
  g_assert_nonnull (dd_create_table_dialog_get_problems (dialog));
  dd_create_table_dialog_set_json_text (dialog, request);
  g_assert_null (dd_create_table_dialog_get_problems (dialog));

  dd_test_ui_activate (GTK_WIDGET (dialog), "create.create", NULL);
  dd_test_wait_until (message_is, (gpointer) "Created the table", "the table");
  dd_test_ui_wait_overview (&fx, "by-status", "the overview");
  text = dd_table_overview_dup_text (DD_TABLE_OVERVIEW (dd_window_get_table_overview (fx.window)));
  g_test_message ("%s", text);
  dd_test_ui_shoot (dd_window_get_table_overview (fx.window), "table-overview");
  g_assert_nonnull (strstr (text, "by-total: Local · customer (partition), total (sort) · KEYS_ONLY"));
  g_assert_nonnull (strstr (text, "by-status: Global · status (partition), created (sort) · INCLUDE"));
  /* the local server keeps no stream settings: the row is there, its value is the server's */
  g_assert_nonnull (strstr (text, "Stream: "));
  g_assert_nonnull (strstr (text, "Orders"));

  /* and DynamoDB itself says so */
  described = dd_test_call (fx.client, "DescribeTable", "{\"TableName\":\"Orders\"}");
  g_assert_nonnull (strstr (described, "\"IndexName\":\"by-status\""));
  g_assert_nonnull (strstr (described, "\"IndexName\":\"by-total\""));
  g_assert_nonnull (strstr (described, "\"NonKeyAttributes\":[\"total\",\"note\"]"));
}

static void
test_delete_table_after_typing_its_name (void)
{
  DdTableOverview *overview = DD_TABLE_OVERVIEW (dd_window_get_table_overview (fx.window));
  AdwMessageDialog *dialog;
  GtkEditable *entry;
  g_autofree char *tables = NULL;

  g_assert_nonnull (overview);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (overview), "overview.delete", NULL));
  dialog = dd_table_overview_get_dialog (overview);
  entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "apply"));
  gtk_editable_set_text (entry, "Order");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "apply"));
  gtk_editable_set_text (entry, "Orders");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "apply"));
  adw_message_dialog_response (dialog, "apply");
  dd_test_wait_until (message_is, (gpointer) "Deleted the table", "the table's deletion");
  tables = dd_test_call (fx.client, "ListTables", "{}");
  g_assert_null (strstr (tables, "\"Orders\""));
  g_assert_nonnull (strstr (tables, "\"Items\""));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  dd_test_ui_init (&argc, &argv);
  fx.dynamo = dd_test_dynamo_start ();
  fx.client = dd_test_dynamo_new_client (fx.dynamo);
  dd_test_ui_open_window (&fx, TRUE);

  /* In order: each builds on the items of the ones before. */
  g_test_add_func ("/dd/ui/items/edit-every-type", test_edit_every_type);
  g_test_add_func ("/dd/ui/items/json-type-change-asks", test_json_type_change_asks);
  g_test_add_func ("/dd/ui/items/conflict", test_conflict);
  g_test_add_func ("/dd/ui/items/delete-then-undo", test_delete_then_undo);
  g_test_add_func ("/dd/ui/items/journal-after-restart", test_journal_after_restart);
  g_test_add_func ("/dd/ui/items/bulk-delete", test_bulk_delete);
  g_test_add_func ("/dd/ui/items/read-only-refuses", test_read_only_refuses);
  g_test_add_func ("/dd/ui/items/create-table-with-indexes", test_create_table_with_indexes);
  g_test_add_func ("/dd/ui/items/delete-table-after-typing-its-name", test_delete_table_after_typing_its_name);
  ret = g_test_run ();

  dd_test_ui_close_window (&fx, FALSE);
  g_clear_object (&fx.client);
  dd_test_dynamo_stop (fx.dynamo);
  return ret;
}
