/* test-bulk.c: the real window on a virtual display, with two data
 * sources on two local DynamoDB servers: 100 items of every attribute type
 * copied from one source to the other and read back exact, then the whole
 * copy undone in one step (a replaced item comes back); a copy to a
 * read-only source refused without a request (a loopback fake counts
 * them); a bulk delete of 200 items undone in one step to the exact items;
 * the journal group after a restart, one row in the journal browser, whose
 * Undo All lists each item it could not undo. */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "dd-journal-view.h"
#include "dd-query-editor.h"
#include "dd-result-model.h"
#include "dd-results-view.h"
#include "dd-test-client.h"
#include "dd-test-dynamo.h"
#include "dd-test-items.h"
#include "dd-test-ui.h"
#include "dd-window-items.h"
#include "dd-window.h"

#define BIG "12345678901234567890123456789012345678"
#define TINY "0.000000000000000000000000000000000001"

/* Every type, nested, with exact numbers, sets and binary. */
#define ITEM_FORMAT \
  "{\"pk\":{\"S\":\"%s\"},\"sk\":{\"N\":\"%u\"}," \
  "\"name\":{\"S\":\"Ada %u\"},\"size\":{\"N\":\"" BIG "\"},\"small\":{\"N\":\"-1.5E-100\"}," \
  "\"data\":{\"B\":\"AAEC/w==\"},\"ok\":{\"BOOL\":true},\"nothing\":{\"NULL\":true}," \
  "\"map\":{\"M\":{\"inner\":{\"M\":{\"n\":{\"N\":\"" TINY "\"}}},\"name\":{\"S\":\"x\"}}}," \
  "\"list\":{\"L\":[{\"S\":\"one\"},{\"N\":\"2\"},{\"L\":[{\"BOOL\":false}]},{\"M\":{\"k\":{\"SS\":[\"z\"]}}}]}," \
  "\"tags\":{\"SS\":[\"red\",\"green\",\"blue\"]},\"scores\":{\"NS\":[\"" BIG "\",\"-3\",\"0.5\"]}," \
  "\"blobs\":{\"BS\":[\"AQ==\",\"Ag==\"]}}"

typedef struct
{
  DdTestUi       ui;             /* Alpha's server and client, the stores, the window */
  DdTestDynamo  *dynamo_b;
  DdClient      *client_b;
  SoupServer    *guarded;        /* a fake that counts what it is asked */
  char          *guarded_url;
  guint          guarded_writes; /* requests other than ListTables */
  DdSource      *alpha;
  DdSource      *beta;
  DdSource      *locked;
} Fixture;

static Fixture fx;

/* Helpers */

static char *
item_text (const char *pk,
           guint       n)
{
  return g_strdup_printf (ITEM_FORMAT, pk, n, n);
}

static char *
key_text (const char *pk,
          guint       n)
{
  return g_strdup_printf ("{\"pk\":{\"S\":\"%s\"},\"sk\":{\"N\":\"%u\"}}", pk, n);
}

static guint
count_items (DdClient   *client,
             const char *table)
{
  g_autofree char *request = g_strdup_printf ("{\"TableName\":\"%s\",\"Select\":\"COUNT\"}", table);
  g_autofree char *response = dd_test_call (client, "Scan", request);
  g_autoptr(JsonNode) root = json_from_string (response, NULL);

  return (guint) json_object_get_int_member (json_node_get_object (root), "Count");
}

/* Equal as DynamoDB sees it (sets unordered), and the exact numbers and
 * binary there digit for digit. */
static void
assert_items_equal (const char *got,
                    const char *expected)
{
  dd_test_assert_items_equal (got, expected, (const char * const[]) { BIG, TINY, "AAEC/w==", NULL });
}

/* Items of every type, written straight to the server. */
static void
fill_table (DdClient   *client,
            const char *table,
            const char *prefix,
            guint       n)
{
  const char *keys[] = { "pk", "sk", NULL };
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *pk = g_strdup_printf ("%s%04u", prefix, i);

      g_ptr_array_add (items, item_text (pk, i));
    }
  dd_test_write_items (client, table, keys, items);
}

/* The fake behind the read-only source */

static void
guarded_handler (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           data)
{
  const char *target = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "X-Amz-Target");
  const char *answer = "{\"TableNames\":[\"Guarded\"]}";

  if (g_strcmp0 (target, "DynamoDB_20120810.ListTables") != 0)
    {
      fx.guarded_writes++;
      answer = "{\"__type\":\"com.amazon.coral.validate#ValidationException\",\"message\":\"no\"}";
      soup_server_message_set_status (msg, 400, NULL);
    }
  else
    soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/x-amz-json-1.0", SOUP_MEMORY_COPY, answer, strlen (answer));
}

static void
start_guarded (void)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  fx.guarded = soup_server_new (NULL, NULL);
  soup_server_add_handler (fx.guarded, NULL, guarded_handler, NULL, NULL);
  soup_server_listen_local (fx.guarded, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (fx.guarded);
  fx.guarded_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

/* The window */

static void
add_source (const char *name,
            const char *region,
            const char *endpoint,
            gboolean    read_only)
{
  g_autoptr(DdSource) source = dd_source_new (name);
  g_autoptr(GError) error = NULL;

  dd_source_set_region (source, region);
  dd_source_set_endpoint (source, endpoint);
  dd_source_set_access_key_id (source, "AKIALOCALDYNAMODB000");
  dd_source_set_secrets (source, "local-secret", NULL);
  dd_source_set_read_only (source, read_only);
  g_assert_true (dd_source_store_add (fx.ui.sources, source, &error));
}

static void
open_window (void)
{
  dd_test_ui_load_stores (&fx.ui);
  if (g_list_model_get_n_items (G_LIST_MODEL (fx.ui.sources)) == 0)
    {
      /* two regions, two servers: each source its own client */
      add_source ("Alpha", "us-east-1", dd_test_dynamo_get_endpoint (fx.ui.dynamo), FALSE);
      add_source ("Beta", "eu-west-1", dd_test_dynamo_get_endpoint (fx.dynamo_b), FALSE);
      add_source ("Locked", "eu-central-1", fx.guarded_url, TRUE);
      dd_test_ui_save_sources (&fx.ui);
    }
  fx.alpha = dd_source_store_lookup_by_name (fx.ui.sources, "Alpha");
  fx.beta = dd_source_store_lookup_by_name (fx.ui.sources, "Beta");
  fx.locked = dd_source_store_lookup_by_name (fx.ui.sources, "Locked");
  g_assert_nonnull (fx.alpha);
  g_assert_nonnull (fx.beta);
  g_assert_nonnull (fx.locked);
  dd_test_ui_present (&fx.ui, fx.alpha);
}

static void
close_window (void)
{
  dd_test_ui_close_window (&fx.ui, FALSE);
}

static gboolean
message_is (gpointer prefix)
{
  const char *message = dd_window_get_items_message (fx.ui.window);

  return message != NULL && g_str_has_prefix (message, prefix) && dd_test_ui_idle (&fx.ui);
}

/* Scans every page of table in Alpha and selects every row. */
static void
scan_and_select_all (const char *table,
                     guint       expected)
{
  g_autofree char *text = g_strdup_printf ("{ \"TableName\": \"%s\" }", table);
  DdQueryEditor *editor = dd_test_ui_editor (&fx.ui);

  g_assert_true (dd_query_editor_set_operation (editor, "Scan"));
  dd_query_editor_set_text (editor, text);
  dd_test_ui_activate (GTK_WIDGET (fx.ui.window), "win.run", NULL);
  dd_test_wait_until (dd_test_ui_idle, &fx.ui, "the Scan");
  dd_test_ui_activate (GTK_WIDGET (fx.ui.window), "win.fetch-all", NULL);
  dd_test_wait_until (dd_test_ui_idle, &fx.ui, "every page");
  g_assert_cmpuint (dd_test_ui_n_rows (&fx.ui), ==, expected);
  gtk_selection_model_select_all (gtk_column_view_get_model (dd_results_view_get_table_view (dd_test_ui_results (&fx.ui))));
}

typedef struct
{
  const char *source_id;
  const char *table;
} Target;

static gboolean
target_listed (gpointer data)
{
  Target *target = data;

  return dd_window_items_choose_copy_target (fx.ui.window, target->source_id, target->table);
}

/* Opens "Copy To…" and chooses source and table. */
static AdwMessageDialog *
open_copy_dialog (DdSource   *source,
                  const char *table)
{
  Target target = { dd_source_get_id (source), table };

  dd_test_ui_activate (GTK_WIDGET (fx.ui.window), "win.copy-items", NULL);
  g_assert_nonnull (dd_window_get_items_dialog (fx.ui.window));
  dd_test_wait_until (target_listed, &target, "the target's tables");
  return ADW_MESSAGE_DIALOG (dd_window_get_items_dialog (fx.ui.window));
}

static GPtrArray *
journal_of (DdSource *source)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdJournal) journal = dd_journal_new (dd_source_get_id (source), &error);
  GPtrArray *entries;

  g_assert_no_error (error);
  entries = dd_journal_load (journal, NULL, &error);
  g_assert_no_error (error);
  return entries;
}

/* Tests */

static void
test_copy_to_other_source (void)
{
  g_autofree char *replaced_key = key_text ("p0007", 7);
  g_autofree char *replaced = g_strdup_printf ("{\"pk\":{\"S\":\"p0007\"},\"sk\":{\"N\":\"7\"},\"was\":{\"N\":\"%s\"}}",
                                               BIG);
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *back = NULL;
  const char *group = NULL;
  AdwMessageDialog *dialog;
  guint n_copied = 0;

  dd_test_create_table (fx.ui.client, "People", "N");
  dd_test_create_table (fx.client_b, "People", "N");
  fill_table (fx.ui.client, "People", "p", 100);
  /* one item already in the target, under a key the copy writes */
  dd_test_put_item (fx.client_b, "People", replaced);

  scan_and_select_all ("People", 100);
  dialog = open_copy_dialog (fx.beta, "People");
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Copy 100 Items To…");
  dd_test_ui_shoot (GTK_WIDGET (dialog), "copy-dialog");
  adw_message_dialog_response (dialog, "copy");
  dd_test_wait_until (message_is, (gpointer) "Copied 100 items", "the copy");

  /* every item in the other server, exact */
  g_assert_cmpuint (count_items (fx.client_b, "People"), ==, 100);
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *pk = g_strdup_printf ("p%04u", i);
      g_autofree char *key = key_text (pk, i);
      g_autofree char *source_item = dd_test_get_item (fx.ui.client, "People", key);
      g_autofree char *copied = dd_test_get_item (fx.client_b, "People", key);

      assert_items_equal (copied, source_item);
    }
  /* journalled in Beta's journal, one group, with the item replaced */
  entries = journal_of (fx.beta);
  for (guint i = 0; i < entries->len; i++)
    {
      DdJournalEntry *entry = entries->pdata[i];

      if (g_strcmp0 (dd_journal_entry_get_table (entry), "People") != 0)
        continue;
      if (group == NULL)
        group = dd_journal_entry_get_group (entry);
      g_assert_nonnull (group);
      g_assert_cmpstr (dd_journal_entry_get_group (entry), ==, group);
      g_assert_cmpint (dd_journal_entry_get_outcome (entry), ==, DD_JOURNAL_OUTCOME_DONE);
      assert_items_equal (dd_journal_entry_get_new_item (entry), dd_journal_entry_get_new_item (entry));
      if (strstr (dd_journal_entry_get_key (entry), "\"p0007\"") != NULL)
        g_assert_nonnull (strstr (dd_journal_entry_get_old_item (entry), "\"was\""));
      else
        g_assert_null (dd_journal_entry_get_old_item (entry));
      n_copied++;
    }
  g_assert_cmpuint (n_copied, ==, 100);
  g_clear_pointer (&entries, g_ptr_array_unref);
  /* nothing journalled in Alpha */
  entries = journal_of (fx.alpha);
  g_assert_cmpuint (entries->len, ==, 0);

  /* one Undo takes the whole copy back: the new items go, the replaced
   * one returns */
  dd_test_ui_activate (GTK_WIDGET (fx.ui.window), "win.undo", NULL);
  dd_test_wait_until (message_is, (gpointer) "Undone: 100 items restored", "the undo of the copy");
  g_assert_cmpuint (count_items (fx.client_b, "People"), ==, 1);
  back = dd_test_get_item (fx.client_b, "People", replaced_key);
  g_assert_nonnull (back);
  g_assert_nonnull (strstr (back, BIG));
  g_assert_null (strstr (back, "\"tags\""));
}

static void
test_copy_to_read_only_refused (void)
{
  g_autoptr(GPtrArray) before = journal_of (fx.locked);
  g_autoptr(GPtrArray) after = NULL;
  AdwMessageDialog *dialog;

  scan_and_select_all ("People", 100);
  dialog = open_copy_dialog (fx.locked, "Guarded");
  adw_message_dialog_response (dialog, "copy");
  dd_test_spin (300);
  g_assert_nonnull (strstr (dd_window_get_items_message (fx.ui.window), "read-only"));
  g_assert_false (dd_window_get_items_busy (fx.ui.window));
  /* not even DescribeTable was asked, and nothing journalled */
  g_assert_cmpuint (fx.guarded_writes, ==, 0);
  after = journal_of (fx.locked);
  g_assert_cmpuint (after->len, ==, before->len);
}

static void
test_bulk_delete_then_undo (void)
{
  g_autoptr(GPtrArray) originals = g_ptr_array_new_with_free_func (g_free);
  AdwMessageDialog *dialog;
  guint64 done, total;
  guint updates;

  dd_test_create_table (fx.ui.client, "Many", "N");
  fill_table (fx.ui.client, "Many", "m", 200);
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *pk = g_strdup_printf ("m%04u", i);
      g_autofree char *key = key_text (pk, i);

      g_ptr_array_add (originals, dd_test_get_item (fx.ui.client, "Many", key));
    }

  scan_and_select_all ("Many", 200);
  dd_test_ui_activate (GTK_WIDGET (fx.ui.window), "win.delete-items", NULL);
  dialog = ADW_MESSAGE_DIALOG (dd_window_get_items_dialog (fx.ui.window));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete 200 Items?");
  adw_message_dialog_response (dialog, "delete");
  dd_test_wait_until (message_is, (gpointer) "Deleted 200 items", "the bulk delete");
  g_assert_cmpuint (count_items (fx.ui.client, "Many"), ==, 0);

  /* Ctrl+Z's action, once: all 200 back, with progress */
  dd_test_ui_activate (GTK_WIDGET (fx.ui.window), "win.undo", NULL);
  dd_test_wait_until (message_is, (gpointer) "Undone: 200 items restored", "the undo of the delete");
  dd_window_get_items_progress (fx.ui.window, &done, &total, &updates);
  g_assert_cmpuint (done, ==, 200);
  g_assert_cmpuint (total, ==, 200);
  g_assert_cmpuint (updates, >, 1);
  g_assert_cmpuint (count_items (fx.ui.client, "Many"), ==, 200);
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *pk = g_strdup_printf ("m%04u", i);
      g_autofree char *key = key_text (pk, i);
      g_autofree char *restored = dd_test_get_item (fx.ui.client, "Many", key);

      assert_items_equal (restored, originals->pdata[i]);
    }
  /* the undo is used up: Ctrl+Z again starts nothing (it would fail
   * every condition and say so) */
  gtk_widget_activate_action (GTK_WIDGET (fx.ui.window), "win.undo", NULL);
  dd_test_spin (200);
  dd_test_wait_until (dd_test_ui_idle, &fx.ui, "quiet");
  g_assert_true (g_str_has_prefix (dd_window_get_items_message (fx.ui.window), "Undone: 200 items restored"));
}

static gboolean
journal_shown (gpointer data)
{
  return dd_window_get_journal_view (fx.ui.window) != NULL;
}

static gboolean
message_has (gpointer part)
{
  const char *message = dd_window_get_items_message (fx.ui.window);

  return message != NULL && strstr (message, part) != NULL && dd_test_ui_idle (&fx.ui)
         && dd_window_get_items_dialog (fx.ui.window);
}

static gboolean
row_grown (gpointer row)
{
  return gtk_widget_get_height (row) > 10 * 50;
}

static void
test_journal_group_after_restart (void)
{
  DdJournalView *view;
  GtkWidget *row_widget = NULL;
  const char *body;
  guint delete_row = G_MAXUINT, undo_row = G_MAXUINT;

  close_window ();
  open_window ();
  dd_test_ui_activate (GTK_WIDGET (fx.ui.window), "win.show-journal", NULL);
  dd_test_wait_until (journal_shown, NULL, "the journal");
  view = DD_JOURNAL_VIEW (dd_window_get_journal_view (fx.ui.window));
  /* 200 deletes and their 200 undos: two rows */
  g_assert_cmpuint (dd_journal_view_get_n_entries (view), ==, 400);
  g_assert_cmpuint (dd_journal_view_get_n_rows (view), ==, 2);
  for (guint i = 0; i < dd_journal_view_get_n_rows (view); i++)
    {
      GPtrArray *entries = dd_journal_view_get_row_entries (view, i);
      g_autofree char *title = dd_journal_group_describe (entries, NULL);

      g_test_message ("%s", title);
      g_assert_cmpuint (entries->len, ==, 200);
      if (dd_journal_entry_get_undo_of (entries->pdata[0]) != NULL)
        undo_row = i;
      else if (dd_journal_entry_is_delete (entries->pdata[0]))
        delete_row = i;
      g_assert_true (g_str_has_suffix (title, "Many · 200 items"));
    }
  /* newest first: the undo */
  g_assert_cmpuint (undo_row, ==, 0);
  g_assert_cmpuint (delete_row, ==, 1);
  row_widget = dd_journal_view_get_row_widget (view, delete_row);
  g_assert_true (ADW_IS_EXPANDER_ROW (row_widget));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row_widget), TRUE);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row_widget)));
  /* the group's writes under it (the first 50, then a count) */
  dd_test_wait_until (row_grown, row_widget, "the group's writes");
  dd_test_ui_shoot (GTK_WIDGET (view), "journal-group");

  /* Undo All on the delete again: the items are back, so every condition
   * fails; nothing is written and each failure is listed */
  dd_journal_view_undo_row (view, delete_row);
  dd_test_wait_until (message_has, (gpointer) "200 not undone", "the refused undo");
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dd_window_get_items_dialog (fx.ui.window)));
  g_assert_nonnull (strstr (body, "the item changed since that write"));
  g_assert_nonnull (strstr (body, "and 180 more"));
  g_assert_cmpuint (count_items (fx.ui.client, "Many"), ==, 200);
  gtk_window_destroy (GTK_WINDOW (dd_window_get_items_dialog (fx.ui.window)));
  gtk_window_destroy (GTK_WINDOW (view));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  dd_test_ui_init (&argc, &argv);
  /* the expander rows open at once, not over frames of an animation */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  fx.ui.dynamo = dd_test_dynamo_start ();
  fx.dynamo_b = dd_test_dynamo_start ();
  fx.ui.client = dd_test_dynamo_new_client (fx.ui.dynamo);
  fx.client_b = dd_test_dynamo_new_client (fx.dynamo_b);
  start_guarded ();
  open_window ();

  /* In order: each builds on the ones before. */
  g_test_add_func ("/dd/ui/bulk/copy-to-other-source", test_copy_to_other_source);
  g_test_add_func ("/dd/ui/bulk/copy-to-read-only-refused", test_copy_to_read_only_refused);
  g_test_add_func ("/dd/ui/bulk/bulk-delete-then-undo", test_bulk_delete_then_undo);
  g_test_add_func ("/dd/ui/bulk/journal-group-after-restart", test_journal_group_after_restart);
  ret = g_test_run ();

  close_window ();
  g_clear_object (&fx.ui.client);
  g_clear_object (&fx.client_b);
  soup_server_disconnect (fx.guarded);
  g_clear_object (&fx.guarded);
  g_free (fx.guarded_url);
  dd_test_dynamo_stop (fx.dynamo_b);
  dd_test_dynamo_stop (fx.ui.dynamo);
  return ret;
}
