/* test-bulk.c: the real window on a virtual display, with two data
 * sources on two local DynamoDB servers: 100 items of every attribute type
 * copied from one source to the other and read back exact, then the whole
 * copy undone in one step (a replaced item comes back); a copy to a
 * read-only source refused without a request (a loopback fake counts
 * them); a bulk delete of 200 items undone in one step to the exact items;
 * the journal group after a restart, one row in the journal browser, whose
 * Undo All lists each item it could not undo. */
#include "config.h"

#include <gtksourceview/gtksource.h>
#include <libsoup/soup.h>
#include <string.h>

#include "dd-batch-writer.h"
#include "dd-item-compare.h"
#include "dd-journal-view.h"
#include "dd-query-editor.h"
#include "dd-result-model.h"
#include "dd-results-view.h"
#include "dd-sidebar.h"
#include "dd-test-dynamo.h"
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
  DdTestDynamo  *dynamo_a;
  DdTestDynamo  *dynamo_b;
  DdClient      *client_a;
  DdClient      *client_b;
  SoupServer    *guarded;        /* a fake that counts what it is asked */
  char          *guarded_url;
  guint          guarded_writes; /* requests other than ListTables */
  DdSourceStore *sources;
  DdQueryStore  *queries;
  DdWindow      *window;
  DdSource      *alpha;
  DdSource      *beta;
  DdSource      *locked;
} Fixture;

static Fixture fx;

/* Helpers (the few of test-items.c this needs) */

static void
shoot (GtkWidget  *widget,
       const char *name)
{
  const char *dir = g_getenv ("DD_SCREENSHOT_DIR");
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  int width, height;

  if (dir == NULL)
    return;
  paintable = gtk_widget_paintable_new (widget);
  /* a window between two frames can have nothing to draw: try again */
  for (guint attempt = 0; node == NULL && attempt < 20; attempt++)
    {
      dd_test_spin (600);
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, (float) width, (float) height));
  file = g_strdup_printf ("%s.png", name);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

typedef struct
{
  gboolean  done;
  GBytes   *body;
  GError   *error;
} Result;

static void
call_cb (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  Result *result = user_data;

  result->body = dd_client_call_finish (DD_CLIENT (source), res, &result->error);
  result->done = TRUE;
}

static char *
call (DdClient   *client,
      const char *action,
      const char *json)
{
  g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));
  Result result = { 0 };
  g_autoptr(GBytes) response = NULL;

  dd_client_call_async (client, action, body, NULL, call_cb, &result);
  dd_test_wait_for (&result.done, 60);
  g_assert_no_error (result.error);
  response = result.body;
  return g_strndup (g_bytes_get_data (response, NULL), g_bytes_get_size (response));
}

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

static char *
get_item (DdClient   *client,
          const char *table,
          const char *key)
{
  g_autofree char *request = g_strdup_printf ("{\"TableName\":\"%s\",\"ConsistentRead\":true,\"Key\":%s}", table, key);
  g_autofree char *response = call (client, "GetItem", request);
  g_autoptr(JsonNode) root = json_from_string (response, NULL);
  JsonNode *item = json_object_get_member (json_node_get_object (root), "Item");

  return item ? json_to_string (item, FALSE) : NULL;
}

static void
put_item (DdClient   *client,
          const char *table,
          const char *item)
{
  g_autofree char *request = g_strdup_printf ("{\"TableName\":\"%s\",\"Item\":%s}", table, item);
  g_autofree char *response = call (client, "PutItem", request);
}

static guint
count_items (DdClient   *client,
             const char *table)
{
  g_autofree char *request = g_strdup_printf ("{\"TableName\":\"%s\",\"Select\":\"COUNT\"}", table);
  g_autofree char *response = call (client, "Scan", request);
  g_autoptr(JsonNode) root = json_from_string (response, NULL);

  return (guint) json_object_get_int_member (json_node_get_object (root), "Count");
}

/* Equal as DynamoDB sees it (sets unordered), and the exact numbers and
 * binary there digit for digit. */
static void
assert_items_equal (const char *got,
                    const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) diffs = NULL;

  g_assert_nonnull (got);
  diffs = dd_item_diff (expected, got, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < diffs->len; i++)
    g_test_message ("differs: %s", ((DdItemDiff *) diffs->pdata[i])->name);
  g_assert_cmpuint (diffs->len, ==, 0);
  g_assert_nonnull (strstr (got, "\"" BIG "\""));
  g_assert_nonnull (strstr (got, "\"" TINY "\""));
  g_assert_nonnull (strstr (got, "\"AAEC/w==\""));
}

static void
create_table (DdClient   *client,
              const char *name)
{
  g_autofree char *request = g_strdup_printf (
    "{\"TableName\":\"%s\",\"BillingMode\":\"PAY_PER_REQUEST\","
    "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"},"
    "{\"AttributeName\":\"sk\",\"AttributeType\":\"N\"}],"
    "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}]}",
    name);
  g_autofree char *response = call (client, "CreateTable", request);
  g_autofree char *describe = g_strdup_printf ("{\"TableName\":\"%s\"}", name);

  for (guint i = 0; i < 500; i++)
    {
      g_autofree char *described = call (client, "DescribeTable", describe);

      if (strstr (described, "\"TableStatus\":\"ACTIVE\"") != NULL)
        return;
      g_usleep (10 * 1000);
    }
  g_error ("table %s never became ACTIVE", name);
}

static void
filled_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  dd_batch_writer_write_finish (DD_BATCH_WRITER (object), result, &error);
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

/* Items of every type, written straight to the server. */
static void
fill_table (DdClient   *client,
            const char *table,
            const char *prefix,
            guint       n)
{
  const char *keys[] = { "pk", "sk", NULL };
  g_autoptr(DdBatchWriter) writer = dd_batch_writer_new (client, table, keys);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  gboolean done = FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *pk = g_strdup_printf ("%s%04u", prefix, i);

      g_ptr_array_add (items, item_text (pk, i));
    }
  dd_batch_writer_write_async (writer, DD_BATCH_PUT, items, NULL, filled_cb, &done);
  dd_test_wait_for (&done, 120);
  g_assert_cmpuint (dd_batch_writer_get_written (writer), ==, n);
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

static gboolean loaded_done;
static gboolean saved_done;

static void
sources_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dd_source_store_load_finish (DD_SOURCE_STORE (object), result, &error));
  loaded_done = TRUE;
}

static void
sources_saved_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dd_source_store_save_finish (DD_SOURCE_STORE (object), result, &error));
  saved_done = TRUE;
}

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
  g_assert_true (dd_source_store_add (fx.sources, source, &error));
}

static void
open_window (void)
{
  g_autoptr(GError) error = NULL;

  fx.sources = dd_source_store_new (NULL, NULL);
  fx.queries = dd_query_store_new (NULL);
  g_assert_true (dd_query_store_load (fx.queries, &error));
  loaded_done = FALSE;
  dd_source_store_load_async (fx.sources, NULL, sources_loaded_cb, NULL);
  dd_test_wait_for (&loaded_done, 30);
  if (g_list_model_get_n_items (G_LIST_MODEL (fx.sources)) == 0)
    {
      /* two regions, two servers: each source its own client */
      add_source ("Alpha", "us-east-1", dd_test_dynamo_get_endpoint (fx.dynamo_a), FALSE);
      add_source ("Beta", "eu-west-1", dd_test_dynamo_get_endpoint (fx.dynamo_b), FALSE);
      add_source ("Locked", "eu-central-1", fx.guarded_url, TRUE);
      saved_done = FALSE;
      dd_source_store_save_async (fx.sources, NULL, sources_saved_cb, NULL);
      dd_test_wait_for (&saved_done, 30);
    }
  fx.alpha = dd_source_store_lookup_by_name (fx.sources, "Alpha");
  fx.beta = dd_source_store_lookup_by_name (fx.sources, "Beta");
  fx.locked = dd_source_store_lookup_by_name (fx.sources, "Locked");
  g_assert_nonnull (fx.alpha);
  g_assert_nonnull (fx.beta);
  g_assert_nonnull (fx.locked);
  fx.window = dd_window_new (NULL, fx.sources, fx.queries);
  gtk_window_present (GTK_WINDOW (fx.window));
  dd_sidebar_select_source (DD_SIDEBAR (dd_window_get_sidebar (fx.window)), dd_source_get_id (fx.alpha));
  dd_test_spin (100);
}

static void
close_window (void)
{
  gtk_window_destroy (GTK_WINDOW (fx.window));
  fx.window = NULL;
  dd_test_spin (50);
  g_clear_object (&fx.sources);
  g_clear_object (&fx.queries);
}

static gboolean
idle (gpointer data)
{
  return !dd_window_get_busy (fx.window) && !dd_window_get_items_busy (fx.window);
}

static gboolean
message_is (gpointer prefix)
{
  const char *message = dd_window_get_items_message (fx.window);

  return message != NULL && g_str_has_prefix (message, prefix) && idle (NULL);
}

static void
activate (GtkWidget  *widget,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action_variant (widget, action, NULL));
}

static DdResultsView *
results (void)
{
  return DD_RESULTS_VIEW (dd_window_get_results (fx.window));
}

static guint
n_rows (void)
{
  return g_list_model_get_n_items (G_LIST_MODEL (dd_results_view_get_model (results ())));
}

/* Scans every page of table in Alpha and selects every row. */
static void
scan_and_select_all (const char *table,
                     guint       expected)
{
  g_autofree char *text = g_strdup_printf ("{ \"TableName\": \"%s\" }", table);
  DdQueryEditor *editor = DD_QUERY_EDITOR (dd_window_get_editor (fx.window));

  g_assert_true (dd_query_editor_set_operation (editor, "Scan"));
  dd_query_editor_set_text (editor, text);
  activate (GTK_WIDGET (fx.window), "win.run");
  dd_test_wait_until (idle, NULL, "the Scan");
  activate (GTK_WIDGET (fx.window), "win.fetch-all");
  dd_test_wait_until (idle, NULL, "every page");
  g_assert_cmpuint (n_rows (), ==, expected);
  gtk_selection_model_select_all (gtk_column_view_get_model (dd_results_view_get_table_view (results ())));
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

  return dd_window_items_choose_copy_target (fx.window, target->source_id, target->table);
}

/* Opens "Copy To…" and chooses source and table. */
static AdwMessageDialog *
open_copy_dialog (DdSource   *source,
                  const char *table)
{
  Target target = { dd_source_get_id (source), table };

  activate (GTK_WIDGET (fx.window), "win.copy-items");
  g_assert_nonnull (dd_window_get_items_dialog (fx.window));
  dd_test_wait_until (target_listed, &target, "the target's tables");
  return ADW_MESSAGE_DIALOG (dd_window_get_items_dialog (fx.window));
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

  create_table (fx.client_a, "People");
  create_table (fx.client_b, "People");
  fill_table (fx.client_a, "People", "p", 100);
  /* one item already in the target, under a key the copy writes */
  put_item (fx.client_b, "People", replaced);

  scan_and_select_all ("People", 100);
  dialog = open_copy_dialog (fx.beta, "People");
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Copy 100 Items To…");
  shoot (GTK_WIDGET (dialog), "copy-dialog");
  adw_message_dialog_response (dialog, "copy");
  dd_test_wait_until (message_is, (gpointer) "Copied 100 items", "the copy");

  /* every item in the other server, exact */
  g_assert_cmpuint (count_items (fx.client_b, "People"), ==, 100);
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *pk = g_strdup_printf ("p%04u", i);
      g_autofree char *key = key_text (pk, i);
      g_autofree char *source_item = get_item (fx.client_a, "People", key);
      g_autofree char *copied = get_item (fx.client_b, "People", key);

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
  activate (GTK_WIDGET (fx.window), "win.undo");
  dd_test_wait_until (message_is, (gpointer) "Undone: 100 items restored", "the undo of the copy");
  g_assert_cmpuint (count_items (fx.client_b, "People"), ==, 1);
  back = get_item (fx.client_b, "People", replaced_key);
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
  g_assert_nonnull (strstr (dd_window_get_items_message (fx.window), "read-only"));
  g_assert_false (dd_window_get_items_busy (fx.window));
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

  create_table (fx.client_a, "Many");
  fill_table (fx.client_a, "Many", "m", 200);
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *pk = g_strdup_printf ("m%04u", i);
      g_autofree char *key = key_text (pk, i);

      g_ptr_array_add (originals, get_item (fx.client_a, "Many", key));
    }

  scan_and_select_all ("Many", 200);
  activate (GTK_WIDGET (fx.window), "win.delete-items");
  dialog = ADW_MESSAGE_DIALOG (dd_window_get_items_dialog (fx.window));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete 200 Items?");
  adw_message_dialog_response (dialog, "delete");
  dd_test_wait_until (message_is, (gpointer) "Deleted 200 items", "the bulk delete");
  g_assert_cmpuint (count_items (fx.client_a, "Many"), ==, 0);

  /* Ctrl+Z's action, once: all 200 back, with progress */
  activate (GTK_WIDGET (fx.window), "win.undo");
  dd_test_wait_until (message_is, (gpointer) "Undone: 200 items restored", "the undo of the delete");
  dd_window_get_items_progress (fx.window, &done, &total, &updates);
  g_assert_cmpuint (done, ==, 200);
  g_assert_cmpuint (total, ==, 200);
  g_assert_cmpuint (updates, >, 1);
  g_assert_cmpuint (count_items (fx.client_a, "Many"), ==, 200);
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *pk = g_strdup_printf ("m%04u", i);
      g_autofree char *key = key_text (pk, i);
      g_autofree char *restored = get_item (fx.client_a, "Many", key);

      assert_items_equal (restored, originals->pdata[i]);
    }
  /* the undo is used up: Ctrl+Z again starts nothing (it would fail
   * every condition and say so) */
  gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.undo", NULL);
  dd_test_spin (200);
  dd_test_wait_until (idle, NULL, "quiet");
  g_assert_true (g_str_has_prefix (dd_window_get_items_message (fx.window), "Undone: 200 items restored"));
}

static gboolean
journal_shown (gpointer data)
{
  return dd_window_get_journal_view (fx.window) != NULL;
}

static gboolean
message_has (gpointer part)
{
  const char *message = dd_window_get_items_message (fx.window);

  return message != NULL && strstr (message, part) != NULL && idle (NULL) && dd_window_get_items_dialog (fx.window);
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
  activate (GTK_WIDGET (fx.window), "win.show-journal");
  dd_test_wait_until (journal_shown, NULL, "the journal");
  view = DD_JOURNAL_VIEW (dd_window_get_journal_view (fx.window));
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
  shoot (GTK_WIDGET (view), "journal-group");

  /* Undo All on the delete again: the items are back, so every condition
   * fails; nothing is written and each failure is listed */
  dd_journal_view_undo_row (view, delete_row);
  dd_test_wait_until (message_has, (gpointer) "200 not undone", "the refused undo");
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dd_window_get_items_dialog (fx.window)));
  g_assert_nonnull (strstr (body, "the item changed since that write"));
  g_assert_nonnull (strstr (body, "and 180 more"));
  g_assert_cmpuint (count_items (fx.client_a, "Many"), ==, 200);
  gtk_window_destroy (GTK_WINDOW (dd_window_get_items_dialog (fx.window)));
  gtk_window_destroy (GTK_WINDOW (view));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  dd_test_init (&argc, &argv);
  gtk_init ();
  gtk_source_init ();
  /* the expander rows open at once, not over frames of an animation */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  fx.dynamo_a = dd_test_dynamo_start ();
  fx.dynamo_b = dd_test_dynamo_start ();
  fx.client_a = dd_test_dynamo_new_client (fx.dynamo_a);
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
  g_clear_object (&fx.client_a);
  g_clear_object (&fx.client_b);
  soup_server_disconnect (fx.guarded);
  g_clear_object (&fx.guarded);
  g_free (fx.guarded_url);
  dd_test_dynamo_stop (fx.dynamo_b);
  dd_test_dynamo_stop (fx.dynamo_a);
  return ret;
}
