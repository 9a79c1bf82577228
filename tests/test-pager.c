/* test-pager.c: following pages against the local DynamoDB. */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "dd-client.h"
#include "dd-error.h"
#include "dd-export.h"
#include "dd-operation.h"
#include "dd-page.h"
#include "dd-pager.h"
#include "dd-test-dynamo.h"

#define N_ITEMS 1050
#define TABLE "pager_items"

static DdTestDynamo *dynamo;
static DdClient *client;

/* Synchronous call through the main loop ------------------------------- */

typedef struct
{
  gboolean  done;
  GBytes   *bytes;
  GError   *error;
  DdPage   *page;
} Wait;

static void
call_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *w = user_data;

  w->bytes = dd_client_call_finish (DD_CLIENT (object), result, &w->error);
  w->done = TRUE;
}

static GBytes *
call (DdClient   *c,
      const char *action,
      const char *body)
{
  g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));
  Wait w = { 0 };

  dd_client_call_async (c, action, request, NULL, call_cb, &w);
  dd_test_wait_for (&w.done, 60);
  g_assert_no_error (w.error);
  return w.bytes;
}

static void
create_table (DdClient   *c,
              const char *name)
{
  g_autofree char *body = g_strdup_printf (
    "{\"TableName\":\"%s\",\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}],"
    "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}],"
    "\"BillingMode\":\"PAY_PER_REQUEST\"}", name);
  g_autoptr(GBytes) reply = call (c, "CreateTable", body);
}

static void
fill_table (void)
{
  for (guint first = 0; first < N_ITEMS; first += 25)
    {
      g_autoptr(GString) body = g_string_new ("{\"RequestItems\":{\"" TABLE "\":[");
      g_autoptr(GBytes) reply = NULL;
      g_autoptr(JsonNode) node = NULL;
      JsonObject *unprocessed;

      for (guint i = first; i < first + 25 && i < N_ITEMS; i++)
        g_string_append_printf (body, "%s{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"item-%04u\"},"
                                "\"n\":{\"N\":\"%u\"},\"big\":{\"N\":\"1234567890123456789012345678901234567%u\"}}}}",
                                i > first ? "," : "", i, i, i % 10);
      g_string_append (body, "]}}");
      reply = call (client, "BatchWriteItem", body->str);
      node = json_from_string (g_bytes_get_data (reply, NULL), NULL);
      g_assert_nonnull (node);
      unprocessed = json_object_get_object_member (json_node_get_object (node), "UnprocessedItems");
      g_assert_cmpuint (json_object_get_size (unprocessed), ==, 0);
    }
}

/* Operations as the catalogue describes them --------------------------- */

static const DdOperation *
scan_op (void)
{
  const DdOperation *op = dd_operation_lookup_action ("Scan");

  g_assert_nonnull (op);
  g_assert_cmpstr (op->page_input_key, ==, "ExclusiveStartKey");
  g_assert_cmpstr (op->page_output_key, ==, "LastEvaluatedKey");
  return op;
}

static const DdOperation *
list_tables_op (void)
{
  const DdOperation *op = dd_operation_lookup_action ("ListTables");

  g_assert_nonnull (op);
  g_assert_cmpstr (op->page_input_key, ==, "ExclusiveStartTableName");
  g_assert_cmpstr (op->page_output_key, ==, "LastEvaluatedTableName");
  return op;
}

static DdPager *
new_scan_pager (const char *body)
{
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

  return dd_pager_new (client, scan_op (), bytes);
}

/* Collecting what the pages hold --------------------------------------- */

typedef struct
{
  GHashTable   *seen;        /* pk -> times seen */
  guint         n_pages;
  guint         max_page;    /* most items on one page */
  guint         cancel_after; /* cancel after this many pages, 0 never */
  GCancellable *cancellable;
} Collect;

static void
collect_init (Collect *c)
{
  memset (c, 0, sizeof *c);
  c->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
collect_clear (Collect *c)
{
  g_clear_pointer (&c->seen, g_hash_table_unref);
  g_clear_object (&c->cancellable);
}

static void
collect_page (Collect *c,
              DdPage  *page)
{
  for (guint i = 0; i < dd_page_get_n_items (page); i++)
    {
      gsize len = 0;
      const char *item = dd_page_get_item (page, i, &len);
      g_autofree char *text = g_strndup (item, len);
      g_autoptr(JsonNode) node = json_from_string (text, NULL);
      JsonObject *pk;
      const char *key;

      g_assert_nonnull (node);
      pk = json_object_get_object_member (json_node_get_object (node), "pk");
      key = json_object_get_string_member (pk, "S");
      g_hash_table_insert (c->seen, g_strdup (key),
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (c->seen, key)) + 1));
    }
  c->n_pages++;
  c->max_page = MAX (c->max_page, dd_page_get_n_entries (page));
  if (c->cancel_after > 0 && c->n_pages == c->cancel_after)
    g_cancellable_cancel (c->cancellable);
}

static void
page_cb (DdPager *pager,
         DdPage  *page,
         Collect *c)
{
  collect_page (c, page);
}

/* Every item seen exactly once, n of them, all of the table when n is N_ITEMS. */
static void
assert_each_once (Collect *c,
                  guint    n)
{
  GHashTableIter iter;
  gpointer key, value;

  g_assert_cmpuint (g_hash_table_size (c->seen), ==, n);
  g_hash_table_iter_init (&iter, c->seen);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (GPOINTER_TO_UINT (value) != 1)
        g_error ("%s seen %u times", (char *) key, GPOINTER_TO_UINT (value));
      g_assert_true (g_str_has_prefix (key, "item-"));
    }
}

static void
fetch_all_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Wait *w = user_data;

  dd_pager_fetch_all_finish (DD_PAGER (object), result, &w->error);
  w->done = TRUE;
}

static GError *
fetch_all (DdPager      *pager,
           GCancellable *cancellable)
{
  Wait w = { 0 };

  dd_pager_fetch_all_async (pager, cancellable, fetch_all_cb, &w);
  dd_test_wait_for (&w.done, 120);
  return w.error;
}

/* Tests ---------------------------------------------------------------- */

static void
test_pager_scan_all (void)
{
  g_autoptr(DdPager) pager = new_scan_pager ("{\"TableName\":\"" TABLE "\",\"Limit\":100}");
  Collect c;
  GError *error;

  collect_init (&c);
  g_signal_connect (pager, "page", G_CALLBACK (page_cb), &c);
  error = fetch_all (pager, NULL);
  g_assert_no_error (error);

  assert_each_once (&c, N_ITEMS);
  g_assert_cmpuint (c.max_page, ==, 100);
  g_assert_cmpuint (c.n_pages, >=, (N_ITEMS + 99) / 100);
  g_assert_cmpuint (dd_pager_get_n_pages (pager), ==, c.n_pages);
  g_assert_cmpuint (dd_pager_get_n_items (pager), ==, N_ITEMS);
  g_assert_cmpuint (dd_pager_get_count (pager), ==, N_ITEMS);
  g_assert_cmpuint (dd_pager_get_scanned_count (pager), ==, N_ITEMS);
  g_assert_true (dd_pager_is_done (pager));
  collect_clear (&c);
}

static void
next_page_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Wait *w = user_data;

  w->page = dd_pager_next_page_finish (DD_PAGER (object), result, &w->error);
  w->done = TRUE;
}

static void
test_pager_load_more (void)
{
  g_autoptr(DdPager) pager = new_scan_pager ("{\"TableName\":\"" TABLE "\",\"Limit\":300}");
  Collect c;
  guint calls = 0;

  collect_init (&c);
  for (;;)
    {
      Wait w = { 0 };

      dd_pager_next_page_async (pager, NULL, next_page_cb, &w);
      dd_test_wait_for (&w.done, 60);
      g_assert_no_error (w.error);
      if (w.page == NULL)
        break;
      calls++;
      collect_page (&c, w.page);
      g_assert_cmpuint (dd_page_get_n_items (w.page), <=, 300);
      g_assert_cmpuint (dd_pager_get_n_pages (pager), ==, calls);
      g_assert_true (dd_pager_is_done (pager) == !dd_page_has_more (w.page));
      dd_page_unref (w.page);
    }
  assert_each_once (&c, N_ITEMS);
  g_assert_cmpuint (calls, >=, 4);
  g_assert_true (dd_pager_is_done (pager));
  collect_clear (&c);
}

static void
test_pager_parallel (void)
{
  g_autoptr(DdPager) pager = new_scan_pager ("{\"TableName\":\"" TABLE "\",\"Limit\":90}");
  Collect c;
  GError *error;

  dd_pager_set_total_segments (pager, 4);
  collect_init (&c);
  g_signal_connect (pager, "page", G_CALLBACK (page_cb), &c);
  error = fetch_all (pager, NULL);
  g_assert_no_error (error);

  /* Without Segment/TotalSegments in each request every segment would see
   * the whole table: each item exactly once shows the split. */
  assert_each_once (&c, N_ITEMS);
  g_assert_cmpuint (c.max_page, <=, 90);
  g_assert_cmpuint (c.n_pages, >=, (N_ITEMS + 89) / 90);
  g_assert_cmpuint (dd_pager_get_scanned_count (pager), ==, N_ITEMS);
  g_assert_true (dd_pager_is_done (pager));
  collect_clear (&c);
}

static void
test_pager_max_items (void)
{
  struct { guint segments; guint limit; guint max; } cases[] = {
    { 1, 100, 250 },
    { 1, 100, 300 },
    { 1, 1000, 7 },
    { 4, 60, 130 },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autofree char *body = g_strdup_printf ("{\"TableName\":\"" TABLE "\",\"Limit\":%u}", cases[k].limit);
      g_autoptr(DdPager) pager = new_scan_pager (body);
      Collect c;
      GError *error;
      Wait w = { 0 };

      dd_pager_set_total_segments (pager, cases[k].segments);
      dd_pager_set_max_items (pager, cases[k].max);
      collect_init (&c);
      g_signal_connect (pager, "page", G_CALLBACK (page_cb), &c);
      error = fetch_all (pager, NULL);
      g_assert_no_error (error);

      assert_each_once (&c, cases[k].max);
      g_assert_cmpuint (dd_pager_get_n_items (pager), ==, cases[k].max);
      g_assert_cmpuint (dd_pager_get_count (pager), ==, cases[k].max);
      g_assert_true (dd_pager_is_done (pager));
      if (cases[k].segments == 1)
        g_assert_cmpuint (c.n_pages, ==, (cases[k].max + cases[k].limit - 1) / cases[k].limit);

      /* Done: "Load More" gives nothing more. */
      dd_pager_next_page_async (pager, NULL, next_page_cb, &w);
      dd_test_wait_for (&w.done, 10);
      g_assert_no_error (w.error);
      g_assert_null (w.page);
      collect_clear (&c);
    }
}

static void
test_pager_cancel (void)
{
  g_autoptr(DdPager) pager = new_scan_pager ("{\"TableName\":\"" TABLE "\",\"Limit\":100}");
  Collect c;
  GError *error;

  collect_init (&c);
  c.cancellable = g_cancellable_new ();
  c.cancel_after = 2;
  g_signal_connect (pager, "page", G_CALLBACK (page_cb), &c);
  error = fetch_all (pager, c.cancellable);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  g_assert_cmpuint (c.n_pages, ==, 2);
  g_assert_cmpuint (dd_pager_get_n_pages (pager), ==, 2);
  g_assert_cmpuint (dd_pager_get_n_items (pager), ==, 200);
  assert_each_once (&c, 200);
  g_assert_false (dd_pager_is_done (pager));

  /* A later call goes on from the third page: the rest, each item once. */
  c.cancel_after = 0;
  error = fetch_all (pager, NULL);
  g_assert_no_error (error);
  assert_each_once (&c, N_ITEMS);
  g_assert_cmpuint (dd_pager_get_n_items (pager), ==, N_ITEMS);
  g_assert_true (dd_pager_is_done (pager));
  collect_clear (&c);
}

static void
test_pager_bad_request (void)
{
  g_autoptr(DdPager) pager = new_scan_pager ("{\"TableName\":\"no_such_table\"}");
  g_autoptr(DdPager) broken = new_scan_pager ("[1,2]");
  GError *error;

  error = fetch_all (pager, NULL);
  g_assert_error (error, DD_ERROR, DD_ERROR_SERVICE);
  g_assert_cmpstr (dd_error_get_aws_code (error), ==, "ResourceNotFoundException");
  g_clear_error (&error);
  g_assert_false (dd_pager_is_done (pager));
  g_assert_cmpuint (dd_pager_get_n_pages (pager), ==, 0);

  /* Sent as it is: the service refuses it. */
  error = fetch_all (broken, NULL);
  g_assert_error (error, DD_ERROR, DD_ERROR_SERVICE);
  g_clear_error (&error);
}

static void
write_pager_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Wait *w = user_data;

  dd_export_writer_write_pager_finish (DD_EXPORT_WRITER (object), result, &w->error);
  w->done = TRUE;
}

static char *
export_scan (const char   *path,
             guint         segments,
             GCancellable *cancellable,
             GError      **error)
{
  g_autoptr(DdPager) pager = new_scan_pager ("{\"TableName\":\"" TABLE "\",\"Limit\":200}");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const char *keys[] = { "pk", NULL };
  g_autoptr(DdExportWriter) writer = dd_export_writer_new (file, DD_EXPORT_FORMAT_CSV, FALSE,
                                                           keys, 0, error);
  Wait w = { 0 };
  char *text = NULL;

  g_assert_nonnull (writer);
  dd_pager_set_total_segments (pager, segments);
  dd_export_writer_write_pager_async (writer, pager, cancellable, write_pager_cb, &w);
  dd_test_wait_for (&w.done, 120);
  if (w.error != NULL)
    {
      g_propagate_error (error, w.error);
      return NULL;
    }
  g_file_get_contents (path, &text, NULL, error);
  return text;
}

static void
cancel_on_page_cb (DdPager      *pager,
                   DdPage       *page,
                   GCancellable *cancellable)
{
  g_cancellable_cancel (cancellable);
}

static void
test_pager_export (void)
{
  g_autofree char *path = g_build_filename (g_get_home_dir (), "scan.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = export_scan (path, 3, NULL, &error);
  g_auto(GStrv) lines = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_no_error (error);
  lines = g_strsplit (text, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, N_ITEMS + 2);
  g_assert_cmpstr (lines[0], ==, "pk,n,big");
  for (guint i = 1; i <= N_ITEMS; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], ",", -1);

      g_assert_cmpuint (g_strv_length (fields), ==, 3);
      g_assert_true (g_str_has_prefix (fields[2], "1234567890123456789012345678901234567"));
      g_assert_cmpuint (strlen (fields[2]), ==, 38);
      g_assert_true (g_hash_table_add (seen, lines[i]));
    }
  g_assert_cmpstr (lines[N_ITEMS + 1], ==, "");
}

static void
test_pager_export_cancel (void)
{
  g_autofree char *path = g_build_filename (g_get_home_dir (), "kept.csv", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_file_set_contents (path, "earlier export\n", -1, &error);
  g_assert_no_error (error);
  /* Cancelled as the first page arrives: no partial file, the old one kept. */
  {
    g_autoptr(DdPager) pager = new_scan_pager ("{\"TableName\":\"" TABLE "\",\"Limit\":100}");
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(DdExportWriter) writer = dd_export_writer_new (file, DD_EXPORT_FORMAT_JSON, TRUE,
                                                             NULL, 0, &error);
    Wait w = { 0 };

    g_signal_connect (pager, "page", G_CALLBACK (cancel_on_page_cb), cancellable);
    dd_export_writer_write_pager_async (writer, pager, cancellable, write_pager_cb, &w);
    dd_test_wait_for (&w.done, 60);
    g_assert_error (w.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&w.error);
  }
  g_file_get_contents (path, &kept, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept, ==, "earlier export\n");
  dir = g_dir_open (g_get_home_dir (), 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_prefix (name, ".kept.csv"));
}

static void
collect_tables_cb (DdPager   *pager,
                   DdPage    *page,
                   GPtrArray *names)
{
  const char * const *tables = dd_page_get_table_names (page, NULL);

  g_assert_cmpuint (dd_page_get_n_entries (page), <=, 2);
  for (guint i = 0; tables[i] != NULL; i++)
    g_ptr_array_add (names, g_strdup (tables[i]));
}

static void
test_pager_list_tables (void)
{
  g_autoptr(DdTestDynamo) own = dd_test_dynamo_start ();
  g_autoptr(DdClient) own_client = dd_test_dynamo_new_client (own);
  g_autoptr(GBytes) body = g_bytes_new_static ("{\"Limit\":2}", 11);
  g_autoptr(DdPager) pager = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *expected[] = { "lt_a", "lt_b", "lt_c", "lt_d", "lt_e", NULL };
  Wait w = { 0 };

  for (guint i = 0; expected[i] != NULL; i++)
    create_table (own_client, expected[i]);

  pager = dd_pager_new (own_client, list_tables_op (), body);
  g_signal_connect (pager, "page", G_CALLBACK (collect_tables_cb), names);
  dd_pager_fetch_all_async (pager, NULL, fetch_all_cb, &w);
  dd_test_wait_for (&w.done, 60);
  g_assert_no_error (w.error);

  g_ptr_array_add (names, NULL);
  g_assert_true (g_strv_equal ((const char * const *) names->pdata, expected));
  g_assert_cmpuint (dd_pager_get_n_pages (pager), >=, 3);
  g_assert_cmpuint (dd_pager_get_n_items (pager), ==, 5);
  g_assert_true (dd_pager_is_done (pager));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  dd_test_init (&argc, &argv);
  dynamo = dd_test_dynamo_start ();
  client = dd_test_dynamo_new_client (dynamo);
  create_table (client, TABLE);
  fill_table ();

  g_test_add_func ("/dd/pager/scan-all", test_pager_scan_all);
  g_test_add_func ("/dd/pager/load-more", test_pager_load_more);
  g_test_add_func ("/dd/pager/parallel", test_pager_parallel);
  g_test_add_func ("/dd/pager/max-items", test_pager_max_items);
  g_test_add_func ("/dd/pager/cancel", test_pager_cancel);
  g_test_add_func ("/dd/pager/bad-request", test_pager_bad_request);
  g_test_add_func ("/dd/pager/export", test_pager_export);
  g_test_add_func ("/dd/pager/export-cancel", test_pager_export_cancel);
  g_test_add_func ("/dd/pager/list-tables", test_pager_list_tables);

  ret = g_test_run ();
  g_clear_object (&client);
  dd_test_dynamo_stop (dynamo);
  return ret;
}
