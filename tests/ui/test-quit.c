/* test-quit.c: quitting with a write in flight, on a virtual display
 * against the local DynamoDB. Ctrl+Q's action during a delete waits
 * (the dialog says so) and quits once the delete has its journalled
 * outcome; closing the last window during an export of every page (its
 * next page held back by a loopback proxy) waits too, and Quit Anyway
 * stops the export and leaves neither the file nor a temporary beside it.
 * Creating and deleting a table are writes too: quitting waits for them. */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "dd-application.h"
#include "dd-create-table-dialog.h"
#include "dd-export-dialog.h"
#include "dd-journal.h"
#include "dd-result-row.h"
#include "dd-sidebar.h"
#include "dd-source.h"
#include "dd-table-overview.h"
#include "dd-test-fault-proxy.h"
#include "dd-test-ui.h"
#include "dd-window-items.h"

#define N_ITEMS 1500

static DdTestUi fx;
static DdApplication *app;
static const char *tmp_dir;

/* Helpers */

static void
fill_table (const char *table,
            guint       n)
{
  const char *keys[] = { "pk", NULL };
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);

  dd_test_create_table (fx.client, table, NULL);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_strdup_printf ("{\"pk\":{\"S\":\"k%05u\"},\"text\":{\"S\":\"item %u, with words "
                                             "enough to make the file a little longer\"}}", i, i));
  dd_test_write_items (fx.client, table, keys, items);
}

/* A window of the application (the fixture's, on the first source). */
static void
open_window (void)
{
  dd_test_ui_open_window (&fx, TRUE);
  gtk_window_set_application (GTK_WINDOW (fx.window), GTK_APPLICATION (app));
}

static gboolean
no_main_window (gpointer data)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (DD_IS_WINDOW (l->data))
      return FALSE;
  return TRUE;
}

/* After quitting: the window is gone, drop the stores. */
static void
forget_window (void)
{
  fx.window = NULL;
  fx.source = NULL;
  dd_test_spin (50);
  g_clear_object (&fx.sources);
  g_clear_object (&fx.queries);
}

static void
run_scan (const char *body)
{
  g_assert_true (dd_query_editor_set_operation (dd_test_ui_editor (&fx), "Scan"));
  dd_query_editor_set_text (dd_test_ui_editor (&fx), body);
  dd_test_ui_activate (GTK_WIDGET (fx.window), "win.run", NULL);
  dd_test_wait_until (dd_test_ui_idle, &fx, "the Scan");
  g_assert_cmpstr (dd_results_view_get_state (dd_test_ui_results (&fx)), ==, "results");
}

static gboolean
writing (gpointer data)
{
  return dd_application_get_n_writes (app) > 0;
}

static gboolean
dialog_is (gpointer type)
{
  GtkWidget *dialog = dd_window_get_items_dialog (fx.window);

  return dialog != NULL && G_TYPE_CHECK_INSTANCE_TYPE (dialog, GPOINTER_TO_SIZE (type)) && dd_test_ui_idle (&fx);
}

static void
assert_waiting (guint n_writes)
{
  GtkWindow *dialog = dd_application_get_quit_dialog (app);
  g_autofree char *body = g_strdup_printf (n_writes == 1 ? "Waiting for %u write to finish…"
                                                         : "Waiting for %u writes to finish…", n_writes);

  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), ==, body);
  g_assert_false (no_main_window (NULL));
}

/* The journal entry of the delete of key in table, or NULL. */
static DdJournalEntry *
journalled_delete (const char *table,
                   const char *pk)
{
  g_autoptr(DdJournal) journal = dd_journal_new (dd_source_get_id (fx.source), NULL);
  g_autoptr(GPtrArray) entries = dd_journal_load (journal, NULL, NULL);
  g_autofree char *needle = g_strdup_printf ("\"%s\"", pk);

  g_assert_nonnull (entries);
  for (guint i = 0; i < entries->len; i++)
    {
      DdJournalEntry *entry = entries->pdata[i];

      if (dd_journal_entry_is_delete (entry) && g_strcmp0 (dd_journal_entry_get_table (entry), table) == 0
          && strstr (dd_journal_entry_get_key (entry), needle) != NULL)
        return dd_journal_entry_ref (entry);
    }
  return NULL;
}

/* Tests */

/* Ctrl+Q's action while a delete is in flight: the dialog, the window
 * still there; then the delete ends, its outcome is journalled, and the
 * window closes by itself. */
static void
test_quit_waits_for_delete (void)
{
  GtkSelectionModel *selection;
  g_autoptr(DdJournalEntry) entry = NULL;
  g_autofree char *left = NULL;
  g_autofree char *source_id = NULL;
  AdwMessageDialog *confirm;

  fill_table ("Quit", 3);
  open_window ();
  source_id = g_strdup (dd_source_get_id (fx.source));
  run_scan ("{ \"TableName\": \"Quit\" }");
  selection = gtk_column_view_get_model (dd_results_view_get_table_view (dd_test_ui_results (&fx)));
  for (guint p = 0; p < g_list_model_get_n_items (G_LIST_MODEL (selection)); p++)
    {
      g_autoptr(DdResultRow) row = g_list_model_get_item (G_LIST_MODEL (selection), p);
      g_autofree char *cell = dd_test_ui_cell (&fx, dd_result_row_get_index (row), "pk", NULL);

      if (g_strcmp0 (cell, "k00001") == 0)
        gtk_selection_model_select_item (selection, p, TRUE);
    }
  dd_test_ui_activate (GTK_WIDGET (fx.window), "win.delete-items", NULL);
  dd_test_wait_until (dialog_is, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), "the confirmation");
  confirm = ADW_MESSAGE_DIALOG (dd_window_get_items_dialog (fx.window));
  g_assert_cmpstr (adw_message_dialog_get_heading (confirm), ==, "Delete 1 Item?");
  adw_message_dialog_response (confirm, "delete");
  dd_test_wait_until (writing, NULL, "the delete sent");

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  assert_waiting (1);

  dd_test_wait_until (no_main_window, NULL, "the window closed once the delete ended");
  g_assert_null (dd_application_get_quit_dialog (app));
  g_assert_cmpuint (dd_application_get_n_writes (app), ==, 0);
  left = dd_test_get_item (fx.client, "Quit", "{\"pk\":{\"S\":\"k00001\"}}");
  g_assert_null (left);
  entry = journalled_delete ("Quit", "k00001");
  g_assert_nonnull (entry);
  g_assert_cmpint (dd_journal_entry_get_outcome (entry), ==, DD_JOURNAL_OUTCOME_DONE);
  forget_window ();
}

static gboolean
export_progressed (gpointer data)
{
  return dd_export_dialog_get_n_written (data) > 0;
}

static gboolean
export_or_question (gpointer data)
{
  return dd_export_dialog_get_running (data) || dd_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

/* Another source, name, on the local DynamoDB through proxy; chosen. */
static void
choose_slow_source (DdTestFaultProxy *proxy,
                    const char       *name)
{
  g_autoptr(DdSource) source = dd_source_new (name);
  g_autoptr(GError) error = NULL;

  dd_source_set_region (source, "us-east-1");
  dd_source_set_endpoint (source, dd_test_fault_proxy_get_endpoint (proxy));
  dd_source_set_access_key_id (source, "AKIALOCALDYNAMODB000");
  dd_source_set_secrets (source, "local-secret", NULL);
  g_assert_true (dd_source_store_add (fx.sources, source, &error));
  g_assert_no_error (error);
  dd_test_ui_save_sources (&fx);
  g_assert_true (dd_sidebar_select_source (DD_SIDEBAR (dd_window_get_sidebar (fx.window)),
                                           dd_source_get_id (source)));
  dd_test_spin (100);
}

/* Closing the last window during an export of every page: the dialog,
 * the export still running; Quit Anyway stops it and quits, and nothing is
 * left in the export's folder. */
static void
test_close_waits_then_quit_anyway (void)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "quit-export", NULL);
  g_autofree char *path = g_build_filename (dir, "all.jsonl", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GDir) listing = NULL;
  DdTestFaultProxy *proxy = dd_test_fault_proxy_new (dd_test_dynamo_get_endpoint (fx.dynamo));
  DdExportDialog *dialog;
  GtkWindow *question;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  fill_table ("Everything", N_ITEMS);
  open_window ();
  choose_slow_source (proxy, "Slow");
  /* 10 items a page: 150 pages to write */
  run_scan ("{ \"TableName\": \"Everything\", \"Limit\": 10 }");
  dd_test_ui_activate (GTK_WIDGET (fx.window), "win.export", NULL);
  dialog = dd_test_ui_wait_toplevel (DD_TYPE_EXPORT_DIALOG, "the export dialog");
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  dd_export_dialog_set_format (dialog, DD_EXPORT_FORMAT_JSON_LINES, FALSE, 0);
  dd_export_dialog_set_file (dialog, file);
  dd_export_dialog_set_all_pages (dialog, TRUE);
  dd_export_dialog_export (dialog);
  /* a table this small may be read without asking first */
  dd_test_wait_until (export_or_question, dialog, "the export or the question before it");
  question = dd_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  if (question != NULL)
    {
      adw_message_dialog_response (ADW_MESSAGE_DIALOG (question), "read");
      gtk_window_destroy (question);
    }
  dd_test_wait_until (export_progressed, dialog, "the first page written");
  /* every page from now on is held back: the export stays in flight */
  dd_test_fault_proxy_set_fallback (proxy, DD_TEST_FAULT_STALL);
  g_assert_nonnull (dialog);
  g_assert_true (dd_export_dialog_get_running (dialog));
  g_assert_cmpuint (dd_application_get_n_writes (app), ==, 1);

  /* the window manager's close button on the last window */
  gtk_window_close (GTK_WINDOW (fx.window));
  assert_waiting (1);
  dd_test_spin (500);
  g_assert_nonnull (dialog);
  g_assert_true (dd_export_dialog_get_running (dialog));
  g_assert_cmpuint (dd_export_dialog_get_n_written (dialog), <, N_ITEMS);
  assert_waiting (1);

  /* as a click on Quit Anyway does */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dd_application_get_quit_dialog (app)), "quit");
  dd_test_wait_until (no_main_window, NULL, "the window closed once the export stopped");
  g_assert_cmpuint (dd_application_get_n_writes (app), ==, 0);
  g_assert_null (dd_application_get_quit_dialog (app));
  g_assert_true (dialog == NULL || !dd_export_dialog_get_running (dialog));

  /* neither the file nor a temporary beside it */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  listing = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (listing);
  g_assert_null (g_dir_read_name (listing));
  if (dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  forget_window ();
  dd_test_fault_proxy_free (proxy);
}

typedef struct
{
  DdTestFaultProxy *proxy;
  const char       *action;
} Arrival;

/* For dd_test_wait_until: the proxy has a request of that action. */
static gboolean
request_arrived (gpointer data)
{
  Arrival *arrival = data;

  for (guint i = 0; i < dd_test_fault_proxy_get_n_requests (arrival->proxy); i++)
    if (g_strcmp0 (dd_test_fault_proxy_get_request (arrival->proxy, i)->action, arrival->action) == 0)
      return TRUE;
  return FALSE;
}

/* With action's request held back by proxy: quitting waits for it (twice
 * over, with a pause between); then the request goes through and the
 * window closes by itself. */
static void
quit_waits_for_held_request (DdTestFaultProxy *proxy,
                             const char       *action)
{
  Arrival arrival = { proxy, action };
  g_autofree char *what = g_strdup_printf ("the %s sent", action);

  dd_test_wait_until (request_arrived, &arrival, what);
  g_assert_cmpuint (dd_application_get_n_writes (app), ==, 1);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  assert_waiting (1);
  dd_test_spin (300);
  assert_waiting (1);

  /* let it through: the client sends it again on the closed connection */
  dd_test_fault_proxy_set_fallback (proxy, DD_TEST_FAULT_NONE);
  dd_test_fault_proxy_release_stalled (proxy);
  dd_test_wait_until (no_main_window, NULL, "the window closed once the request ended");
  g_assert_null (dd_application_get_quit_dialog (app));
  g_assert_cmpuint (dd_application_get_n_writes (app), ==, 0);
}

static gboolean
table_listed (const char *table)
{
  g_autofree char *tables = dd_test_call (fx.client, "ListTables", "{}");
  g_autofree char *quoted = g_strdup_printf ("\"%s\"", table);

  return strstr (tables, quoted) != NULL;
}

/* Ctrl+Q's action while a CreateTable is in flight. */
static void
test_quit_waits_for_create_table (void)
{
  DdTestFaultProxy *proxy = dd_test_fault_proxy_new (dd_test_dynamo_get_endpoint (fx.dynamo));
  DdCreateTableDialog *dialog;

  open_window ();
  choose_slow_source (proxy, "Slow create");
  dd_test_ui_activate (GTK_WIDGET (fx.window), "win.create-table", NULL);
  dialog = DD_CREATE_TABLE_DIALOG (dd_window_get_items_dialog (fx.window));
  g_assert_nonnull (dialog);
  dd_create_table_dialog_set_text (dialog, "name", "QuitCreated");
  dd_create_table_dialog_set_text (dialog, "partition-key", "pk");
  g_assert_null (dd_create_table_dialog_get_problems (dialog));
  dd_test_fault_proxy_set_fallback (proxy, DD_TEST_FAULT_STALL);
  dd_test_ui_activate (GTK_WIDGET (dialog), "create.create", NULL);

  quit_waits_for_held_request (proxy, "CreateTable");
  g_assert_true (table_listed ("QuitCreated"));
  forget_window ();
  dd_test_fault_proxy_free (proxy);
}

/* For dd_test_wait_until: chooses table in the editor, once the source's
 * tables are in. */
static gboolean
table_chosen (gpointer table)
{
  dd_query_editor_set_table (dd_test_ui_editor (&fx), table);
  return g_strcmp0 (dd_query_editor_get_table (dd_test_ui_editor (&fx)), table) == 0;
}

/* Ctrl+Q's action while a DeleteTable (from the table's overview) is in
 * flight. */
static void
test_quit_waits_for_delete_table (void)
{
  DdTestFaultProxy *proxy = dd_test_fault_proxy_new (dd_test_dynamo_get_endpoint (fx.dynamo));
  DdTableOverview *overview;
  AdwMessageDialog *dialog;

  dd_test_create_table (fx.client, "QuitDeleted", NULL);
  open_window ();
  choose_slow_source (proxy, "Slow delete");
  g_assert_true (dd_query_editor_set_operation (dd_test_ui_editor (&fx), "Scan"));
  dd_test_wait_until (table_chosen, (gpointer) "QuitDeleted", "the table in the editor");
  /* the window's actions follow the table chosen once it has run */
  run_scan ("{ \"TableName\": \"QuitDeleted\" }");
  dd_test_ui_activate (GTK_WIDGET (fx.window), "win.table-overview", g_variant_new_string ("QuitDeleted"));
  dd_test_ui_wait_overview (&fx, "QuitDeleted", "the overview");
  overview = DD_TABLE_OVERVIEW (dd_window_get_table_overview (fx.window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (overview), "overview.delete", NULL));
  dialog = dd_table_overview_get_dialog (overview);
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "QuitDeleted");
  dd_test_fault_proxy_set_fallback (proxy, DD_TEST_FAULT_STALL);
  adw_message_dialog_response (dialog, "apply");

  quit_waits_for_held_request (proxy, "DeleteTable");
  g_assert_false (table_listed ("QuitDeleted"));
  forget_window ();
  dd_test_fault_proxy_free (proxy);
}

/* Without writes, quitting closes every window at once. */
static void
test_quit_without_writes (void)
{
  open_window ();
  g_assert_cmpuint (dd_application_get_n_writes (app), ==, 0);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  g_assert_null (dd_application_get_quit_dialog (app));
  g_assert_true (no_main_window (NULL));
  forget_window ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  tmp_dir = dd_test_ui_init (&argc, &argv);
  fx.dynamo = dd_test_dynamo_start ();
  fx.client = dd_test_dynamo_new_client (fx.dynamo);
  app = dd_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/dd/ui/quit/waits-for-delete", test_quit_waits_for_delete);
  g_test_add_func ("/dd/ui/quit/close-waits-then-quit-anyway", test_close_waits_then_quit_anyway);
  g_test_add_func ("/dd/ui/quit/waits-for-create-table", test_quit_waits_for_create_table);
  g_test_add_func ("/dd/ui/quit/waits-for-delete-table", test_quit_waits_for_delete_table);
  g_test_add_func ("/dd/ui/quit/without-writes", test_quit_without_writes);
  ret = g_test_run ();

  g_clear_object (&app);
  g_clear_object (&fx.client);
  dd_test_dynamo_stop (fx.dynamo);
  return ret;
}
