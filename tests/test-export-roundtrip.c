/* test-export-roundtrip.c: a table of 10,000 items with every attribute
 * type, exported whole to CSV, JSON and JSON Lines, plain and typed, each
 * file imported into a fresh table, and the two tables compared item for
 * item as DynamoDB JSON: numbers as their exact strings, sets as sets.
 *
 * Which combinations come back exact, and why:
 *  - typed JSON, JSON Lines and CSV: exact. Every value is written as its
 *    DynamoDB JSON (JSON copies the bytes of the page; a CSV field is the
 *    value's DynamoDB JSON) and imported with --typed.
 *  - plain JSON and JSON Lines: exact for S (empty and unicode included),
 *    N (every digit), BOOL, NULL, M and L. Plain JSON has no binary and no
 *    set: B is written as its base64 text and reads back as S; SS, NS and
 *    BS are written as arrays and read back as L (of S, N and S), at any
 *    depth. The comparison expects exactly that.
 *  - plain CSV, imported with column types for the columns CSV cannot type
 *    (binary, sets, and strings that look like numbers or JSON): exact for
 *    every top-level attribute but NULL, which a plain CSV writes as an
 *    empty field, and import reads an empty field as "no attribute". Maps
 *    and lists are cells of plain JSON, so what they hold follows the
 *    plain JSON rule above.
 *  - the CLI's --all JSON is one object, {"Items": [...], "Count": ...},
 *    checked for its items; the import takes a JSON array, so that file
 *    only round-trips once the import reads that object too (marked
 *    incomplete until then). JSON is round-tripped through the core's
 *    DdExportWriter, which writes an array.
 *
 * The exports run through dynamo-desk-cli (--all -o FILE) as a person
 * would, and the JSON ones through DdExportWriter on a DdPager; every
 * import is `dynamo-desk-cli import`.
 */
#define G_LOG_DOMAIN "test-export-roundtrip"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "dd-attr.h"
#include "dd-batch-writer.h"
#include "dd-client.h"
#include "dd-export.h"
#include "dd-item-compare.h"
#include "dd-operation.h"
#include "dd-page.h"
#include "dd-pager.h"
#include "dd-test-dynamo.h"
#include "dd-test-items.h"

#if defined(__SANITIZE_ADDRESS__)
/* The sanitizer build looks for memory errors, not for scale, and its
 * allocation stacks (walked on every malloc) make this test's JSON trees
 * about ten times slower: 200 items, the same paths (eight batches); the
 * paging is checked there by test-pager and test-export-memory. */
#define N_ITEMS 200
#else
#define N_ITEMS 10000
#endif
#define SOURCE "rt_source"
#define BIG "12345678901234567890123456789012345678"

static DdTestDynamo *dynamo;
static DdClient *client;
static char *workdir;
static const char * const key_names[] = { "pk", "sk", NULL };

/* ---- the local DynamoDB ------------------------------------------------ */

typedef struct
{
  gboolean  done;
  GBytes   *body;
  GError   *error;
} Call;

static void
call_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Call *c = user_data;

  c->body = dd_client_call_finish (DD_CLIENT (source), result, &c->error);
  c->done = TRUE;
}

static void
call (const char *action,
      const char *json)
{
  g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));
  Call c = { 0 };

  dd_client_call_async (client, action, body, NULL, call_cb, &c);
  dd_test_wait_for (&c.done, 60);
  g_assert_no_error (c.error);
  g_bytes_unref (c.body);
}

/* pk (S) and sk (N); the local server answers CreateTable once ACTIVE. */
static void
create_table (const char *name)
{
  g_autofree char *request = g_strdup_printf (
    "{\"TableName\":\"%s\",\"BillingMode\":\"PAY_PER_REQUEST\","
    "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"},"
    "{\"AttributeName\":\"sk\",\"AttributeType\":\"N\"}],"
    "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},"
    "{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}]}", name);

  call ("CreateTable", request);
}

/* ---- the items ---------------------------------------------------------- */

static const char *const texts[] = {
  "h\xc3\xa9llo w\xc3\xb6rld", "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", "emoji \xf0\x9f\x8e\x89\xf0\x9f\xa6\x86",
  "comma, \"quote\" and\nnewline", "crlf\r\nline", "tab\there", "\xce\xa9 \xe2\x88\x91 \xe2\x89\xa0 \xe2\x88\x9e",
  "back\\slash", "zero\xe2\x80\x8bwidth", "  spaced  ",
};

/* Strings a plain CSV cell would read as something else. */
static const char *const tricky[] = {
  "007", "123", "-0", "1e5", "true", "false", "null", "[1,2]", "{\"a\":1}", " 42", "", "NaN",
};

static void
add_typed (JsonBuilder *b,
           const char  *name,
           const char  *type,
           const char  *value)
{
  if (name != NULL)
    json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, type);
  json_builder_add_string_value (b, value);
  json_builder_end_object (b);
}

static void
add_bool (JsonBuilder *b,
          const char  *name,
          const char  *type,
          gboolean     value)
{
  if (name != NULL)
    json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, type);
  json_builder_add_boolean_value (b, value);
  json_builder_end_object (b);
}

static void
add_set (JsonBuilder        *b,
         const char         *name,
         const char         *type,
         const char * const *values)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, type);
  json_builder_begin_array (b);
  for (guint k = 0; values[k] != NULL; k++)
    json_builder_add_string_value (b, values[k]);
  json_builder_end_array (b);
  json_builder_end_object (b);
}

/* Begins {"M": {  or {"L": [ */
static void
begin_doc (JsonBuilder *b,
           const char  *name,
           gboolean     map)
{
  if (name != NULL)
    json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, map ? "M" : "L");
  if (map)
    json_builder_begin_object (b);
  else
    json_builder_begin_array (b);
}

static void
end_doc (JsonBuilder *b,
         gboolean     map)
{
  if (map)
    json_builder_end_object (b);
  else
    json_builder_end_array (b);
  json_builder_end_object (b);
}

/* base64 of 1..24 bytes that include 0x00 and 0xff. */
static char *
binary_of (guint i,
           guint salt)
{
  guchar bytes[24];
  gsize n = 1 + (i + salt) % G_N_ELEMENTS (bytes);

  for (gsize k = 0; k < n; k++)
    bytes[k] = (guchar) ((i * 31 + k * 7 + salt) % 256);
  bytes[0] = salt % 2 ? 0x00 : 0xff;
  return g_base64_encode (bytes, n);
}

/* Item i's key: 100 partitions; sort keys negative, zero, positive and
 * with a fraction. */
static char *
pk_of (guint i)
{
  return g_strdup_printf ("p%02u-\xc3\xbc", i % 100);
}

static char *
sk_of (guint i)
{
  return g_strdup_printf (i % 3 == 0 ? "%d.5" : "%d", (int) i - N_ITEMS / 2);
}

static void
add_scalars (JsonBuilder *b,
             guint        i)
{
  g_autofree char *pk = pk_of (i);
  g_autofree char *sk = sk_of (i);
  g_autofree char *s = g_strdup_printf ("%s #%u", texts[i % G_N_ELEMENTS (texts)], i);
  g_autofree char *big = g_strdup_printf ("%s%.4u", i % 2 ? "-" : "", i);
  g_autofree char *big38 = g_strconcat (big, BIG + 4, NULL);
  g_autofree char *dec = g_strdup_printf ("-%u.%.2u", i / 7, i % 100);
  g_autofree char *bin = binary_of (i, 1);

  add_typed (b, "pk", "S", pk);
  add_typed (b, "sk", "N", sk);
  add_typed (b, "s", "S", s);
  add_typed (b, "empty", "S", "");
  add_typed (b, "tricky", "S", tricky[i % G_N_ELEMENTS (tricky)]);
  add_typed (b, "n_big", "N", big38);
  add_typed (b, "n_tiny", "N", i % 2 ? "1E-130" : "-1E-130");
  add_typed (b, "n_huge", "N", "9.9999999999999999999999999999999999999E+125");
  add_typed (b, "n_dec", "N", dec);
  add_typed (b, "bin", "B", bin);
  add_bool (b, "flag", "BOOL", i % 2 == 0);
  add_bool (b, "nothing", "NULL", TRUE);
  if (i % 10 == 0)
    add_typed (b, "bin_empty", "B", "");
  if (i % 7 == 0)
    add_typed (b, "sparse", "S", "only on every seventh item");
}

static void
add_documents (JsonBuilder *b,
               guint        i)
{
  g_autofree char *bin = binary_of (i, 2);
  g_autofree char *tag = g_strdup_printf ("i-%u", i);
  g_autofree char *n = g_strdup_printf ("%u.25", i);
  g_autofree char *b1 = binary_of (i, 3), *b2 = binary_of (i, 4);
  const char *ss[] = { "alpha", "\xce\xb2\xce\xb5\xcf\x84\xce\xb1", tag, NULL };
  const char *ns[] = { n, "-1.5", "1E-130", BIG, NULL };
  const char *bs[] = { b1, b2, NULL };

  begin_doc (b, "map", TRUE);
  add_typed (b, "name", "S", texts[(i + 3) % G_N_ELEMENTS (texts)]);
  add_typed (b, "count", "N", n);
  begin_doc (b, "nested", TRUE);
  begin_doc (b, "deep", FALSE);
  add_typed (b, NULL, "N", "1E-130");
  add_typed (b, NULL, "S", "");
  add_bool (b, NULL, "BOOL", FALSE);
  add_bool (b, NULL, "NULL", TRUE);
  end_doc (b, FALSE);
  add_set (b, "ss", "SS", ss);
  add_typed (b, "bin", "B", bin);
  end_doc (b, TRUE);
  begin_doc (b, "empty_map", TRUE);
  end_doc (b, TRUE);
  begin_doc (b, "looks_typed", TRUE);
  add_typed (b, "S", "S", "not a type descriptor");
  end_doc (b, TRUE);
  end_doc (b, TRUE);

  begin_doc (b, "list", FALSE);
  add_typed (b, NULL, "S", tag);
  add_typed (b, NULL, "N", BIG);
  add_typed (b, NULL, "B", bin);
  begin_doc (b, NULL, FALSE);
  end_doc (b, FALSE);
  end_doc (b, FALSE);

  add_set (b, "ss", "SS", ss);
  add_set (b, "ns", "NS", ns);
  add_set (b, "bs", "BS", bs);
  if (i % 11 == 0)
    {
      begin_doc (b, "sparse_list", FALSE);
      add_typed (b, NULL, "N", "-0.000001");
      end_doc (b, FALSE);
    }
}

/* Item i as DynamoDB JSON. */
static char *
make_item (guint i)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  add_scalars (b, i);
  add_documents (b, i);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

/* ---- what each combination brings back ---------------------------------- */

typedef JsonObject *(*Expect) (JsonObject *item);

/* Typed exports: every value as it was. */
static JsonObject *
expect_exact (JsonObject *item)
{
  return json_object_ref (item);
}

/* Plain JSON and JSON Lines. */
static JsonObject *
expect_plain (JsonObject *item)
{
  return dd_test_item_plain (item);
}

/* Plain CSV imported with a type for every binary and set column: those
 * come back as they were; NULL is an empty field, read back as no
 * attribute; maps and lists are plain JSON. */
static JsonObject *
expect_plain_csv (JsonObject *item)
{
  JsonObject *result = json_object_new ();
  g_autoptr(GList) names = json_object_get_members (item);

  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (item, l->data);
      const char *type = dd_test_value_type (value);

      if (g_str_equal (type, "NULL"))
        continue;
      if (g_str_equal (type, "B") || dd_test_type_is_set (type))
        json_object_set_member (result, l->data, json_node_copy (value));
      else
        json_object_set_member (result, l->data, dd_test_value_plain (value));
    }
  return result;
}

/* ---- reading a table ---------------------------------------------------- */

typedef void (*ItemFunc) (const char *key,
                          JsonObject *item,
                          gpointer    data);

typedef struct
{
  ItemFunc  func;
  gpointer  data;
  gboolean  done;
  GError   *error;
} Scan;

static char *
key_of (JsonObject *item)
{
  JsonObject *pk = json_object_get_object_member (item, "pk");
  JsonObject *sk = json_object_get_object_member (item, "sk");

  g_assert_nonnull (pk);
  g_assert_nonnull (sk);
  return g_strdup_printf ("pk=%s sk=%s", json_object_get_string_member (pk, "S"),
                          json_object_get_string_member (sk, "N"));
}

static void
scan_page_cb (DdPager *pager,
              DdPage  *page,
              Scan    *scan)
{
  for (guint i = 0; i < dd_page_get_n_items (page); i++)
    {
      gsize len;
      const char *text = dd_page_get_item (page, i, &len);
      g_autofree char *copy = g_strndup (text, len);
      g_autoptr(JsonNode) node = json_from_string (copy, NULL);
      g_autofree char *key = NULL;

      g_assert_nonnull (node);
      key = key_of (json_node_get_object (node));
      scan->func (key, json_node_get_object (node), scan->data);
    }
}

static void
scan_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Scan *scan = user_data;

  dd_pager_fetch_all_finish (DD_PAGER (source), result, &scan->error);
  scan->done = TRUE;
}

static DdPager *
new_scan_pager (const char *table)
{
  g_autofree char *request = g_strdup_printf ("{\"TableName\":\"%s\"}", table);
  g_autoptr(GBytes) body = g_bytes_new (request, strlen (request));

  return dd_pager_new (client, dd_operation_lookup_action ("Scan"), body);
}

/* Every item of table, one at a time (never all held as trees). */
static void
scan_table (const char *table,
            ItemFunc    func,
            gpointer    data)
{
  g_autoptr(DdPager) pager = new_scan_pager (table);
  Scan scan = { func, data };

  g_signal_connect (pager, "page", G_CALLBACK (scan_page_cb), &scan);
  dd_pager_fetch_all_async (pager, NULL, scan_done_cb, &scan);
  dd_test_wait_for (&scan.done, 120);
  g_assert_no_error (scan.error);
}

typedef struct
{
  GHashTable *map;     /* key -> canonical DynamoDB JSON */
  Expect      expect;
} Collect;

static void
collect_cb (const char *key,
            JsonObject *item,
            gpointer    data)
{
  Collect *c = data;
  g_autoptr(JsonObject) expected = c->expect (item);

  if (!g_hash_table_insert (c->map, g_strdup (key), dd_test_item_canon (expected)))
    g_error ("Key %s seen twice", key);
}

/* key -> canonical item, each item as expect makes it. */
static GHashTable *
collect (const char *table,
         Expect      expect)
{
  Collect c = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free), expect };

  scan_table (table, collect_cb, &c);
  return c.map;
}

static void
assert_same_items (GHashTable *want,
                   GHashTable *have,
                   const char *what)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, want);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *got = g_hash_table_lookup (have, key);

      if (got == NULL)
        g_error ("%s: item %s is missing", what, (char *) key);
      if (!g_str_equal (got, value))
        g_error ("%s: item %s differs:\nwant %s\nhave %s", what, (char *) key, (char *) value, got);
    }
  g_assert_cmpuint (g_hash_table_size (have), ==, g_hash_table_size (want));
}

/* ---- the source table --------------------------------------------------- */

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Wait;

static void
batch_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Wait *w = user_data;

  w->ok = dd_batch_writer_write_finish (DD_BATCH_WRITER (source), result, &w->error);
  w->done = TRUE;
}

static void
fill_source (void)
{
  g_autoptr(DdBatchWriter) writer = dd_batch_writer_new (client, SOURCE, key_names);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  Wait w = { 0 };

  create_table (SOURCE);
  for (guint i = 0; i < N_ITEMS; i++)
    g_ptr_array_add (items, make_item (i));
  dd_batch_writer_write_async (writer, DD_BATCH_PUT, items, NULL, batch_done_cb, &w);
  dd_test_wait_for (&w.done, 240);
  g_assert_no_error (w.error);
  g_assert_true (w.ok);
  g_assert_cmpuint (dd_batch_writer_get_written (writer), ==, N_ITEMS);
  g_assert_cmpuint (dd_batch_writer_get_failed (writer), ==, 0);
}

static void
ensure_source (void)
{
  static gboolean filled;

  if (!filled)
    fill_source ();
  filled = TRUE;
}

typedef struct
{
  GHashTable *index;   /* key -> item number + 1 */
  guint       n_seen;
} Check;

/* The server holds item i as it was written, values equal as DynamoDB
 * compares them (it writes numbers in its own form: 1E-130 comes back as
 * 0.000...1). */
static void
check_cb (const char *key,
          JsonObject *item,
          gpointer    data)
{
  Check *check = data;
  guint i = GPOINTER_TO_UINT (g_hash_table_lookup (check->index, key));
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) want = NULL;

  if (i == 0)
    g_error ("The table holds an item never written: %s", key);
  text = make_item (i - 1);
  want = json_from_string (text, NULL);
  if (!dd_item_objects_equal (json_node_get_object (want), item))
    g_error ("Item %u differs from what was written", i - 1);
  check->n_seen++;
}

static void
test_source (void)
{
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Check check = { index, 0 };

  ensure_source ();
  for (guint i = 0; i < N_ITEMS; i++)
    {
      g_autofree char *pk = pk_of (i);
      g_autofree char *sk = sk_of (i);

      g_hash_table_insert (index, g_strdup_printf ("pk=%s sk=%s", pk, sk), GUINT_TO_POINTER (i + 1));
    }
  scan_table (SOURCE, check_cb, &check);
  g_assert_cmpuint (check.n_seen, ==, N_ITEMS);
}

/* ---- dynamo-desk-cli ---------------------------------------------------- */

typedef struct
{
  int   status;
  char *out;
  char *err;
} Result;

static void
result_clear (Result *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

static Result
run_cli_argv (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  Result r = { 0 };

  g_ptr_array_add (argv, (gpointer) g_getenv ("DD_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                               | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, "", NULL, &r.out, &r.err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  r.status = g_subprocess_get_exit_status (process);
  return r;
}

#define run_cli(...) run_cli_argv ((const char *[]) { __VA_ARGS__, NULL })

static void
assert_ok (const Result *r,
           const char   *what)
{
  if (r->status != 0)
    g_error ("%s: the CLI failed (%d): %s", what, r->status, r->err);
}

/* ---- the round trips ---------------------------------------------------- */

typedef struct
{
  const char *name;         /* also the new table's name */
  const char *format;       /* jsonl, json or csv */
  gboolean    typed;
  gboolean    with_writer;  /* DdExportWriter on a DdPager, not the CLI */
  const char *types;        /* the import's --types */
  Expect      expect;
} Case;

/* What a plain CSV cannot tell by itself: binary, sets, and strings that
 * read as a number, a boolean or JSON. */
#define CSV_TYPES "bin:B,bin_empty:B,ss:SS,ns:NS,bs:BS,tricky:S"

static const Case cases[] = {
  { "rt_jsonl_typed", "jsonl", TRUE, FALSE, NULL, expect_exact },
  { "rt_jsonl_plain", "jsonl", FALSE, FALSE, NULL, expect_plain },
  { "rt_csv_typed", "csv", TRUE, FALSE, NULL, expect_exact },
  { "rt_csv_plain", "csv", FALSE, FALSE, CSV_TYPES, expect_plain_csv },
  { "rt_json_typed", "json", TRUE, TRUE, NULL, expect_exact },
  { "rt_json_plain", "json", FALSE, TRUE, NULL, expect_plain },
};

static void
export_cli (const char *path,
            const char *format,
            gboolean    typed)
{
  g_auto(Result) r = run_cli ("--endpoint", dd_test_dynamo_get_endpoint (dynamo), "--all",
                              "--format", format, typed ? "--typed" : "--plain", "-o", path,
                              "--table", SOURCE, "scan");

  assert_ok (&r, path);
  g_assert_cmpstr (r.out, ==, "");
}

static void
write_pager_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Wait *w = user_data;

  w->ok = dd_export_writer_write_pager_finish (DD_EXPORT_WRITER (source), result, &w->error);
  w->done = TRUE;
}

static void
export_writer (const char *path,
               const char *format_name,
               gboolean    typed)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(DdExportWriter) writer = NULL;
  g_autoptr(DdPager) pager = new_scan_pager (SOURCE);
  g_autoptr(GError) error = NULL;
  DdExportFormat format;
  Wait w = { 0 };

  g_assert_true (dd_export_format_from_string (format_name, &format));
  writer = dd_export_writer_new (file, format, typed, key_names, 0, &error);
  g_assert_no_error (error);
  dd_export_writer_write_pager_async (writer, pager, NULL, write_pager_cb, &w);
  dd_test_wait_for (&w.done, 120);
  g_assert_no_error (w.error);
  g_assert_true (w.ok);
  g_assert_cmpuint (dd_export_writer_get_n_items (writer), ==, N_ITEMS);
}

/* `dynamo-desk-cli import` of path into a new table. */
static Result
import_cli (const char *table,
            const char *path,
            const char *format,
            gboolean    typed,
            const char *types)
{
  const char *args[] = { "import", "--endpoint", dd_test_dynamo_get_endpoint (dynamo), "--table", table,
                         "--format", format, typed ? "--typed" : "--plain", path, NULL, NULL, NULL };

  if (types != NULL)
    args[9] = "--types", args[10] = types;
  create_table (table);
  return run_cli_argv (args);
}

static void
compare_tables (const char *table,
                Expect      expect)
{
  g_autoptr(GHashTable) want = collect (SOURCE, expect);
  g_autoptr(GHashTable) have = collect (table, expect_exact);

  g_assert_cmpuint (g_hash_table_size (want), ==, N_ITEMS);
  assert_same_items (want, have, table);
}

static guint
count_lines (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  for (gsize k = 0; k < len; k++)
    n += contents[k] == '\n';
  return n;
}

static void
test_round_trip (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *name = g_strconcat (c->name, ".", c->format, NULL);
  g_autofree char *path = g_build_filename (workdir, name, NULL);
  gint64 start;

  ensure_source ();
  start = g_get_monotonic_time ();
  if (c->with_writer)
    export_writer (path, c->format, c->typed);
  else
    export_cli (path, c->format, c->typed);
  if (g_str_equal (c->format, "jsonl"))
    g_assert_cmpuint (count_lines (path), ==, N_ITEMS);
  g_test_message ("%s: exported in %.1f s", c->name, (g_get_monotonic_time () - start) / 1e6);
  {
    g_auto(Result) r = import_cli (c->name, path, c->format, c->typed, c->types);
    assert_ok (&r, c->name);
  }
  compare_tables (c->name, c->expect);
  g_test_message ("%s: exported, imported and compared in %.1f s", c->name,
                  (g_get_monotonic_time () - start) / 1e6);
}

/* The items of the CLI's --all JSON file, key -> canonical DynamoDB JSON. */
static GHashTable *
collect_cli_json (const char *path,
                  gboolean    typed)
{
  const char *paths[] = { "Items.[]", NULL };
  g_autofree char *contents = NULL, *as_typed = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  Collect have = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free), expect_exact };
  JsonArray *items;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  /* Plain numbers keep every digit only as DynamoDB JSON strings. */
  as_typed = dd_attr_document_to_typed (contents, -1, paths,
                                        typed ? DD_ATTR_READING_TYPED : DD_ATTR_READING_PLAIN, &error);
  g_assert_no_error (error);
  root = json_from_string (as_typed, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "Count"), ==, N_ITEMS);
  items = json_object_get_array_member (json_node_get_object (root), "Items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      g_autofree char *key = key_of (json_array_get_object_element (items, i));
      collect_cb (key, json_array_get_object_element (items, i), &have);
    }
  return have.map;
}

/* The CLI's --all JSON, {"Items": [...], "Count": N, "ScannedCount": N}:
 * it holds every item (as the plain or typed rule says), and it goes back
 * in through the import, which reads the items of that object. */
static void
test_cli_json (gconstpointer data)
{
  gboolean typed = GPOINTER_TO_INT (data);
  const char *table = typed ? "rt_cli_json_typed" : "rt_cli_json_plain";
  g_autofree char *path = g_strdup_printf ("%s/%s.json", workdir, table);
  g_autoptr(GHashTable) want = NULL;
  g_autoptr(GHashTable) have = NULL;

  ensure_source ();
  export_cli (path, "json", typed);
  have = collect_cli_json (path, typed);
  want = collect (SOURCE, typed ? expect_exact : expect_plain);
  assert_same_items (want, have, path);
  {
    g_auto(Result) r = import_cli (table, path, "json", typed, NULL);

    assert_ok (&r, table);
  }
  compare_tables (table, typed ? expect_exact : expect_plain);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* The test's own home folder, removed when the test ends. */
  workdir = g_build_filename (dd_test_init (&argc, &argv), "exports", NULL);
  g_assert_cmpint (g_mkdir_with_parents (workdir, 0700), ==, 0);
  g_setenv ("AWS_ACCESS_KEY_ID", "AKIDROUNDTRIP", TRUE);
  g_setenv ("AWS_SECRET_ACCESS_KEY", "roundtrip-test-secret", TRUE);
  g_setenv ("AWS_REGION", "us-east-1", TRUE);
  dynamo = dd_test_dynamo_start ();
  client = dd_test_dynamo_new_client (dynamo);

  g_test_add_func ("/dd/export-roundtrip/source", test_source);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *test_path = g_strdup_printf ("/dd/export-roundtrip/%s%s", cases[i].name + 3,
                                                    cases[i].with_writer ? "-export-writer" : "-cli");
      g_test_add_data_func (test_path, &cases[i], test_round_trip);
    }
  g_test_add_data_func ("/dd/export-roundtrip/cli-json-typed", GINT_TO_POINTER (TRUE), test_cli_json);
  g_test_add_data_func ("/dd/export-roundtrip/cli-json-plain", GINT_TO_POINTER (FALSE), test_cli_json);
  status = g_test_run ();

  g_object_unref (client);
  dd_test_dynamo_stop (dynamo);
  g_free (workdir);
  return status;
}
