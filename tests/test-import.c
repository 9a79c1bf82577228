/* test-import.c: JSON Lines, JSON (an array, or an object with "Items")
 * and CSV files into the local DynamoDB, compared item for item; an
 * interrupted import resumed without sending an item twice (counted at
 * a recording relay); bad files reported with their line and column;
 * `dynamo-desk-cli import` exit codes. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <stdio.h>
#include <string.h>

#include "dd-attr.h"
#include "dd-cli-import.h"
#include "dd-client.h"
#include "dd-error.h"
#include "dd-import.h"
#include "dd-import-reader.h"
#include "dd-safe-write.h"
#include "dd-test-client.h"
#include "dd-test-dynamo.h"
#include "dd-test-fake.h"

static DdTestDynamo *dynamo;
static DdClient *client;
static const char *test_dir;

#define BIG "12345678901234567890123456789012345678"

/* ---- helpers ----------------------------------------------------------- */

static JsonObject *
object_of (const char *text)
{
  g_autoptr(JsonNode) node = json_from_string (text, NULL);

  g_assert_nonnull (node);
  return json_object_ref (json_node_get_object (node));
}

static void
assert_items_equal (const char *have,
                    const char *want)
{
  g_autoptr(JsonObject) a = object_of (have);
  g_autoptr(JsonObject) b = object_of (want);
  g_autoptr(GList) names = json_object_get_members (b);

  if (json_object_get_size (a) != json_object_get_size (b))
    g_error ("Attributes differ:\n%s\n%s", have, want);
  for (GList *l = names; l; l = l->next)
    if (!dd_item_values_equal (json_object_get_member (a, l->data), json_object_get_member (b, l->data)))
      g_error ("Attribute %s differs:\n%s\n%s", (char *) l->data, have, want);
}

/* The table holds exactly the expected items (pk -> typed item). */
static void
assert_table (const char *table,
              GHashTable *expected)
{
  g_autoptr(GHashTable) stored = dd_test_scan_all (client, table);
  GHashTableIter iter;
  gpointer key, value;

  g_assert_cmpuint (g_hash_table_size (stored), ==, g_hash_table_size (expected));
  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      JsonNode *have = g_hash_table_lookup (stored, key);
      g_autofree char *text = NULL;

      if (have == NULL)
        g_error ("Item %s is missing", (char *) key);
      text = json_to_string (have, FALSE);
      assert_items_equal (text, value);
    }
}

static char *
write_file (const char *name,
            const char *contents)
{
  char *path = g_build_filename (test_dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static char *
typed_item (guint i)
{
  return g_strdup_printf ("{\"pk\":{\"S\":\"t%04u\"},\"n\":{\"N\":\"%s%u\"},\"neg\":{\"N\":\"-0.5\"},"
                          "\"b\":{\"B\":\"AAEC/w==\"},\"t\":{\"BOOL\":true},\"z\":{\"NULL\":true},"
                          "\"m\":{\"M\":{\"x\":{\"S\":\"\\u00e9 \\\"q\\\"\"},\"in\":{\"L\":[{\"N\":\"1\"},{\"S\":\"two\"}]}}},"
                          "\"ss\":{\"SS\":[\"a\",\"b%u\"]},\"ns\":{\"NS\":[\"" BIG "\",\"2.5\"]},"
                          "\"bs\":{\"BS\":[\"AQ==\",\"Ag==\"]}}", i, "1234567890123456789012345678901234567"
                          + (i % 10 == 0 ? 0 : 1), i % 10, i);
}

static char *
plain_item (guint i)
{
  return g_strdup_printf ("{\"pk\":\"p%04u\",\"n\":" BIG ",\"f\":-1.25e3,\"t\":false,\"z\":null,"
                          "\"m\":{\"k\":[1,\"x\",{\"deep\":true}]},\"s\":\"tab\\tquote\\\"\",\"i\":%u}", i, i);
}

static GHashTable *
expected_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
expect (GHashTable *expected,
        const char *item,
        gboolean    plain)
{
  g_autoptr(GError) error = NULL;
  char *typed = plain ? dd_attr_item_to_typed (item, -1, DD_ATTR_READING_PLAIN, &error) : g_strdup (item);
  g_autoptr(JsonObject) o = NULL;

  g_assert_no_error (error);
  o = object_of (typed);
  g_hash_table_insert (expected, g_strdup (json_object_get_string_member (json_object_get_object_member (o, "pk"), "S")), typed);
}

typedef struct
{
  gboolean      done;
  gboolean      ok;
  GError       *error;
  guint64       cancel_at;
  GCancellable *cancellable;
} ImportRun;

static void
import_progress_cb (DdImport  *import,
                    guint64    written,
                    guint64    read,
                    guint64    failed,
                    ImportRun *run)
{
  if (run->cancel_at && written >= run->cancel_at)
    g_cancellable_cancel (run->cancellable);
}

static void
import_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  ImportRun *run = user_data;

  run->ok = dd_import_run_finish (DD_IMPORT (source), result, &run->error);
  run->done = TRUE;
}

static void
run_import (DdImport  *import,
            ImportRun *run)
{
  g_signal_connect (import, "progress", G_CALLBACK (import_progress_cb), run);
  dd_import_run_async (import, run->cancellable, import_cb, run);
  dd_test_wait_for (&run->done, 120);
}

static void
import_file (const char     *table,
             const char     *path,
             DdImportFormat  format,
             const char     *types,
             DdAttrReading   reading)
{
  g_autoptr(DdImport) import = dd_import_new (client, table, path);
  g_autoptr(GError) error = NULL;
  ImportRun run = { 0 };

  dd_import_set_format (import, format);
  dd_import_set_reading (import, reading);
  if (types != NULL)
    {
      dd_import_set_column_types (import, types, &error);
      g_assert_no_error (error);
    }
  run_import (import, &run);
  g_assert_no_error (run.error);
  g_assert_true (run.ok);
}

/* ---- formats ----------------------------------------------------------- */

static void
test_jsonl (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GHashTable) expected = expected_new ();
  g_autofree char *path = NULL;

  dd_test_create_table (client, "Jsonl", NULL);
  for (guint i = 0; i < 120; i++)
    {
      g_autofree char *item = i % 2 ? typed_item (i) : plain_item (i);

      g_string_append_printf (text, "%s%s", item, i % 7 == 0 ? "\r\n\n" : "\n");
      expect (expected, item, i % 2 == 0);
    }
  path = write_file ("items.jsonl", text->str);
  import_file ("Jsonl", path, DD_IMPORT_FORMAT_AUTO, NULL, DD_ATTR_READING_DETECT);
  assert_table ("Jsonl", expected);
}

static void
test_json (void)
{
  g_autoptr(GString) text = g_string_new ("  [\n");
  g_autoptr(GHashTable) expected = expected_new ();
  g_autofree char *path = NULL;

  dd_test_create_table (client, "Json", NULL);
  for (guint i = 0; i < 80; i++)
    {
      g_autofree char *item = i % 3 ? typed_item (i) : plain_item (i);

      g_string_append_printf (text, "%s%s", i ? (i % 4 ? ",\n  " : " , ") : "  ", item);
      expect (expected, item, i % 3 == 0);
    }
  g_string_append (text, "\n]\n");
  path = write_file ("items.json", text->str);
  import_file ("Json", path, DD_IMPORT_FORMAT_AUTO, NULL, DD_ATTR_READING_DETECT);
  assert_table ("Json", expected);
}

/* A Scan response's shape, as `dynamo-desk-cli --all --format json`
 * writes it: the items are "Items"; the other members, before and after
 * it (brackets and the word Items inside their strings), are passed over. */
static char *
object_file_text (gboolean    typed,
                  guint       n,
                  GHashTable *expected)
{
  g_autoptr(GString) text = g_string_new ("{\n  \"\\u0043ount\": 3,\n  \"ConsumedCapacity\": {\"TableName\": \"Items [x] {y}\","
                                          " \"CapacityUnits\": 0.5, \"List\": [[], {\"a\": [null, true]}]},\n"
                                          "  \"LastEvaluatedKey\": {\"pk\": {\"S\": \"\\\"Items\\\": [\"}},\n"
                                          "  \"Items\" : [\n");

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *item = typed ? typed_item (i) : plain_item (i);

      g_string_append_printf (text, "%s%s", i ? (i % 4 ? ",\n    " : " , ") : "    ", item);
      expect (expected, item, !typed);
    }
  g_string_append (text, "\n  ] ,\n  \"ScannedCount\": -1e2, \"Done\": false, \"Next\": null\n}\n");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_json_object (gconstpointer data)
{
  gboolean typed = GPOINTER_TO_INT (data);
  const char *table = typed ? "JsonObjectTyped" : "JsonObjectPlain";
  g_autoptr(GHashTable) expected = expected_new ();
  g_autofree char *text = object_file_text (typed, 60, expected);
  g_autofree char *name = g_strdup_printf ("%s.json", table);
  g_autofree char *path = write_file (name, text);

  dd_test_create_table (client, table, NULL);
  import_file (table, path, DD_IMPORT_FORMAT_AUTO, NULL,
               typed ? DD_ATTR_READING_TYPED : DD_ATTR_READING_PLAIN);
  assert_table (table, expected);
}

/* A reader started at a position after an item of the object's "Items"
 * (as a resumed import does) reads the rest and the end of the object. */
static void
test_json_object_resume (void)
{
  g_autoptr(GHashTable) expected = expected_new ();
  g_autofree char *text = object_file_text (FALSE, 12, expected);
  g_autofree char *path = write_file ("resume-object.json", text);
  g_autoptr(DdImportReader) first = NULL;
  g_autoptr(DdImportReader) second = NULL;
  g_autoptr(GError) error = NULL;
  DdImportPosition pos = { 0, 0, 1, 1 };
  guint n = 0;
  char *item;

  first = dd_import_reader_new (path, DD_IMPORT_FORMAT_JSON, DD_ATTR_READING_PLAIN, ',', NULL, &pos, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 5; i++)
    g_free (dd_import_reader_next (first, &error));
  g_assert_no_error (error);
  dd_import_reader_get_position (first, &pos);
  g_assert_cmpuint (pos.line, >, 5);
  second = dd_import_reader_new (path, DD_IMPORT_FORMAT_JSON, DD_ATTR_READING_PLAIN, ',', NULL, &pos, &error);
  g_assert_no_error (error);
  while ((item = dd_import_reader_next (second, &error)) != NULL)
    {
      g_autoptr(JsonObject) o = object_of (item);
      const char *pk = json_object_get_string_member (json_object_get_object_member (o, "pk"), "S");
      g_autofree char *want = g_strdup_printf ("p%04u", 5 + n++);

      g_assert_cmpstr (pk, ==, want);
      assert_items_equal (item, g_hash_table_lookup (expected, pk));
      g_free (item);
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 7);
}

static void
test_csv (void)
{
  const char *csv =
    "pk,n,flag,nothing,tags,nums,blobs,doc,list,bin,zip,empty,quoted,text\r\n"
    "c1," BIG ",true,,\"[\"\"a\"\",\"\"b\"\"]\",\"[1," BIG "]\",\"[\"\"AQ==\"\"]\",\"{\"\"a\"\":1.50}\",\"[1,\"\"x\"\"]\",AAEC/w==,007,,\"\",\"a, \"\"quoted\"\"\nline\"\r\n"
    "c2,-1.5e-3,false,,\"[\"\"z\"\"]\",[2],\"[\"\"Ag==\"\"]\",{},[],AQ==,0,,\"\",plain text\n"
    "\n"
    "c3,0.10,TRUE,,\"[\"\"a\"\"]\",[3],\"[\"\"Aw==\"\"]\",\"{\"\"n\"\":null}\",[true],BA==,1e3,,\"\",[not json\n";
  const char *want[] = {
    "{\"pk\":{\"S\":\"c1\"},\"n\":{\"N\":\"" BIG "\"},\"flag\":{\"BOOL\":true},\"nothing\":{\"NULL\":true},"
    "\"tags\":{\"SS\":[\"a\",\"b\"]},\"nums\":{\"NS\":[\"1\",\"" BIG "\"]},\"blobs\":{\"BS\":[\"AQ==\"]},"
    "\"doc\":{\"M\":{\"a\":{\"N\":\"1.5\"}}},\"list\":{\"L\":[{\"N\":\"1\"},{\"S\":\"x\"}]},\"bin\":{\"B\":\"AAEC/w==\"},"
    "\"zip\":{\"S\":\"007\"},\"quoted\":{\"S\":\"\"},\"text\":{\"S\":\"a, \\\"quoted\\\"\\nline\"}}",
    "{\"pk\":{\"S\":\"c2\"},\"n\":{\"N\":\"-0.0015\"},\"flag\":{\"BOOL\":false},\"nothing\":{\"NULL\":true},"
    "\"tags\":{\"SS\":[\"z\"]},\"nums\":{\"NS\":[\"2\"]},\"blobs\":{\"BS\":[\"Ag==\"]},"
    "\"doc\":{\"M\":{}},\"list\":{\"L\":[]},\"bin\":{\"B\":\"AQ==\"},"
    "\"zip\":{\"N\":\"0\"},\"quoted\":{\"S\":\"\"},\"text\":{\"S\":\"plain text\"}}",
    /* TRUE is not a boolean unless the column says so. */
    "{\"pk\":{\"S\":\"c3\"},\"n\":{\"N\":\"0.1\"},\"flag\":{\"S\":\"TRUE\"},\"nothing\":{\"NULL\":true},"
    "\"tags\":{\"SS\":[\"a\"]},\"nums\":{\"NS\":[\"3\"]},\"blobs\":{\"BS\":[\"Aw==\"]},"
    "\"doc\":{\"M\":{\"n\":{\"NULL\":true}}},\"list\":{\"L\":[{\"BOOL\":true}]},\"bin\":{\"B\":\"BA==\"},"
    "\"zip\":{\"N\":\"1e3\"},\"quoted\":{\"S\":\"\"},\"text\":{\"S\":\"[not json\"}}",
  };
  g_autoptr(GHashTable) expected = expected_new ();
  g_autofree char *path = write_file ("items.csv", csv);

  dd_test_create_table (client, "Csv", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    expect (expected, want[i], FALSE);
  import_file ("Csv", path, DD_IMPORT_FORMAT_CSV, "tags:SS,nums:NS,blobs:BS,bin:B,nothing:NULL",
               DD_ATTR_READING_DETECT);
  assert_table ("Csv", expected);
}

static char *
csv_quote (const char *text)
{
  g_autoptr(GString) out = g_string_new ("\"");

  for (const char *p = text; *p; p++)
    g_string_append (out, *p == '"' ? "\"\"" : (char[]) { *p, 0 });
  g_string_append_c (out, '"');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_csv_typed (void)
{
  g_autoptr(GString) text = g_string_new ("pk;all\n");
  g_autoptr(GHashTable) expected = expected_new ();
  g_autofree char *path = NULL;
  g_autoptr(DdImport) import = NULL;
  ImportRun run = { 0 };

  dd_test_create_table (client, "CsvTyped", NULL);
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *item = typed_item (i);
      g_autoptr(JsonObject) o = object_of (item);
      g_autofree char *pk = json_to_string (json_object_get_member (o, "pk"), FALSE);
      g_autofree char *map = g_strdup_printf ("{\"M\":%s}", item);
      g_autofree char *pk_cell = csv_quote (pk);
      g_autofree char *map_cell = csv_quote (map);
      g_autofree char *stored = g_strdup_printf ("{\"pk\":%s,\"all\":%s}", pk, map);

      /* Cells are DynamoDB JSON; the whole item as a map in one column. */
      g_string_append_printf (text, "%s;%s\n", pk_cell, map_cell);
      expect (expected, stored, FALSE);
    }
  path = write_file ("typed.csv", text->str);
  import = dd_import_new (client, "CsvTyped", path);
  dd_import_set_reading (import, DD_ATTR_READING_TYPED);
  dd_import_set_delimiter (import, ';');
  run_import (import, &run);
  g_assert_no_error (run.error);
  assert_table ("CsvTyped", expected);
}

/* ---- errors ------------------------------------------------------------ */

typedef struct
{
  const char     *name;
  const char     *contents;
  const char     *types;
  int             code;
  const char     *where;  /* ":LINE:COLUMN: " */
} BadCase;

static const BadCase bad_cases[] = {
  { "bad.jsonl", "{\"pk\":\"a\"}\n\n{\"pk\":\"b\", \"x\": tru}\n", NULL, DD_ERROR_INVALID_JSON, ":3:20: " },
  { "notobject.jsonl", "{\"pk\":\"a\"}\n[1,2]\n", NULL, DD_ERROR_INVALID_INPUT, ":2:1: " },
  { "comma.json", "[\n  {\"pk\":\"a\"}\n  {\"pk\":\"b\"}\n]", NULL, DD_ERROR_INVALID_JSON, ":3:3: " },
  { "inner.json", "[{\"pk\":\"a\"},\n {\"pk\":\"b\",\n  \"n\": 1.}]", NULL, DD_ERROR_INVALID_JSON, ":3:10: " },
  { "open.json", "[{\"pk\":\"a\"}", NULL, DD_ERROR_INVALID_JSON, ":1:12: " },
  { "number.jsonl", "{\"pk\":\"a\",\"n\":1" BIG "}\n", NULL, DD_ERROR_INVALID_INPUT, ":1:" },
  { "quote.csv", "pk,v\na,\"open\nb,c\n", NULL, DD_ERROR_INVALID_JSON, ":2:3: " },
  { "type.csv", "pk,age\na,1\nb,old\n", "age:N", DD_ERROR_INVALID_INPUT, ":3:3: " },
  { "fields.csv", "pk,age\na,1,2\n", NULL, DD_ERROR_INVALID_INPUT, ":2:1: " },
  { "noitems.json", "{\n  \"Count\": 0,\n  \"ScannedCount\": 0\n}\n", NULL, DD_ERROR_INVALID_JSON, ":1:1: " },
  { "itemsobject.json", "{\"Count\":1, \"Items\": {\"pk\":\"a\"}}", NULL, DD_ERROR_INVALID_JSON, ":1:13: " },
  { "member.json", "{\"Count\": tru, \"Items\": [{\"pk\":\"a\"}]}", NULL, DD_ERROR_INVALID_JSON, ":1:11: " },
  { "twice.json", "{\"Items\": [{\"pk\":\"a\"}],\n \"Items\": []}", NULL, DD_ERROR_INVALID_JSON, ":2:2: " },
  { "after.json", "{\"Items\": [{\"pk\":\"a\"}]}\n]", NULL, DD_ERROR_INVALID_JSON, ":2:1: " },
};

static void
test_bad_file (gconstpointer data)
{
  const BadCase *c = data;
  g_autofree char *path = write_file (c->name, c->contents);
  g_autofree char *table = g_strdup_printf ("Bad%u", (guint) (c - bad_cases));
  g_autoptr(DdImport) import = NULL;
  g_autoptr(GHashTable) stored = NULL;
  g_autofree char *prefix = NULL;
  ImportRun run = { 0 };

  dd_test_create_table (client, table, NULL);
  import = dd_import_new (client, table, path);
  if (c->types)
    g_assert_true (dd_import_set_column_types (import, c->types, NULL));
  run_import (import, &run);
  g_assert_false (run.ok);
  g_assert_error (run.error, DD_ERROR, c->code);
  prefix = g_strconcat (path, c->where, NULL);
  g_test_message ("%s", run.error->message);
  g_assert_true (g_str_has_prefix (run.error->message, prefix));
  /* Checked first: not even the good records before it were written. */
  stored = dd_test_scan_all (client, table);
  g_assert_cmpuint (g_hash_table_size (stored), ==, 0);
  g_clear_error (&run.error);
}

/* ---- resume ------------------------------------------------------------ */

typedef struct
{
  SoupServer  *server;
  SoupSession *session;
  char        *url;
  char        *target;
  GHashTable  *puts;  /* pk -> times sent */
  guint        n_puts;
} Relay;

typedef struct
{
  SoupServerMessage *incoming;
  SoupMessage       *outgoing;
} Forward;

static void
forwarded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  Forward *fw = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  SoupMessageHeaders *in = soup_message_get_response_headers (fw->outgoing);
  const char *crc = soup_message_headers_get_one (in, "x-amz-crc32");

  g_assert_no_error (error);
  soup_server_message_set_status (fw->incoming, soup_message_get_status (fw->outgoing), NULL);
  if (crc != NULL)
    soup_message_headers_replace (soup_server_message_get_response_headers (fw->incoming), "x-amz-crc32", crc);
  soup_server_message_set_response (fw->incoming, soup_message_headers_get_content_type (in, NULL),
                                    SOUP_MEMORY_COPY, g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  soup_server_message_unpause (fw->incoming);
  g_object_unref (fw->incoming);
  g_object_unref (fw->outgoing);
  g_free (fw);
}

static void
count_puts (Relay      *relay,
            const char *text)
{
  g_autoptr(JsonNode) root = json_from_string (text, NULL);
  JsonObject *items = json_object_get_object_member (json_node_get_object (root), "RequestItems");
  g_autoptr(GList) tables = json_object_get_members (items);

  for (GList *t = tables; t; t = t->next)
    {
      JsonArray *requests = json_object_get_array_member (items, t->data);

      for (guint i = 0; i < json_array_get_length (requests); i++)
        {
          JsonObject *put = json_object_get_object_member (json_array_get_object_element (requests, i), "PutRequest");
          const char *pk = json_object_get_string_member (json_object_get_object_member (
                             json_object_get_object_member (put, "Item"), "pk"), "S");

          g_hash_table_insert (relay->puts, g_strdup (pk),
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (relay->puts, pk)) + 1));
          relay->n_puts++;
        }
    }
}

static void
relay_handler (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           data)
{
  Relay *relay = data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  const char *forwarded[] = { "X-Amz-Target", "X-Amz-Date", "Authorization" };
  g_autoptr(GBytes) bytes = g_bytes_new (body->data, body->length);
  g_autofree char *text = g_strndup (body->data, body->length);
  Forward *fw = g_new0 (Forward, 1);

  if (g_strcmp0 (soup_message_headers_get_one (headers, "X-Amz-Target"), "DynamoDB_20120810.BatchWriteItem") == 0)
    count_puts (relay, text);
  fw->incoming = g_object_ref (msg);
  fw->outgoing = soup_message_new ("POST", relay->target);
  for (guint i = 0; i < G_N_ELEMENTS (forwarded); i++)
    if (soup_message_headers_get_one (headers, forwarded[i]) != NULL)
      soup_message_headers_replace (soup_message_get_request_headers (fw->outgoing), forwarded[i],
                                    soup_message_headers_get_one (headers, forwarded[i]));
  soup_message_set_request_body_from_bytes (fw->outgoing, soup_message_headers_get_content_type (headers, NULL), bytes);
  soup_server_message_pause (msg);
  soup_session_send_and_read_async (relay->session, fw->outgoing, G_PRIORITY_DEFAULT, NULL, forwarded_cb, fw);
}

static Relay *
relay_new (void)
{
  Relay *relay = g_new0 (Relay, 1);

  relay->server = soup_server_new (NULL, NULL);
  relay->session = soup_session_new ();
  relay->target = g_strconcat (dd_test_dynamo_get_endpoint (dynamo), "/", NULL);
  relay->puts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  soup_server_add_handler (relay->server, NULL, relay_handler, relay, NULL);
  relay->url = dd_test_listen_local (relay->server);
  return relay;
}

static void
relay_free (Relay *relay)
{
  soup_server_disconnect (relay->server);
  g_object_unref (relay->server);
  g_object_unref (relay->session);
  g_hash_table_unref (relay->puts);
  g_free (relay->url);
  g_free (relay->target);
  g_free (relay);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Relay, relay_free)

static DdImport *
relay_import (Relay      *relay,
              const char *path,
              const char *state)
{
  g_autoptr(DdClient) relayed = dd_client_new ("us-east-1", relay->url, dd_client_get_provider (client));
  DdImport *import = dd_import_new (relayed, "Resume", path);

  dd_import_set_resume_file (import, state);
  dd_import_set_max_in_flight (import, 2);
  return import;
}

static void
test_resume (void)
{
  g_autoptr(Relay) relay = relay_new ();
  g_autoptr(GString) text = g_string_new ("[");
  g_autoptr(GHashTable) expected = expected_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = NULL;
  g_autofree char *state = g_build_filename (test_dir, "resume.state", NULL);
  g_autoptr(DdImport) first = NULL;
  g_autoptr(DdImport) second = NULL;
  g_autoptr(DdImport) third = NULL;
  g_autoptr(DdImport) changed = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *saved;
  ImportRun run1 = { 0 }, run2 = { 0 }, run3 = { 0 }, run4 = { 0 };
  guint64 acknowledged;

  dd_test_create_table (client, "Resume", NULL);
  /* A JSON array, several items a line, so that the resume point falls
   * in the middle of lines. */
  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *item = i % 2 ? typed_item (i) : plain_item (i);

      g_string_append_printf (text, "%s%s", i ? (i % 3 ? ", " : ",\n") : "", item);
      expect (expected, item, i % 2 == 0);
    }
  g_string_append (text, "]\n");
  path = write_file ("resume.json", text->str);

  first = relay_import (relay, path, state);
  run1.cancellable = cancellable;
  run1.cancel_at = 200;
  run_import (first, &run1);
  g_assert_error (run1.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  acknowledged = dd_import_get_acknowledged (first);
  g_assert_cmpuint (acknowledged, >=, 200);
  g_assert_cmpuint (acknowledged, <, 1000);
  /* What was sent was acknowledged: the batches in flight finished. */
  g_assert_cmpuint (relay->n_puts, ==, acknowledged);
  g_assert_cmpuint (dd_import_get_written (first), ==, acknowledged);
  g_assert_true (json_parser_load_from_file (parser, state, NULL));
  saved = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (saved, "records"), ==, acknowledged);
  g_assert_false (json_object_get_boolean_member (saved, "complete"));

  second = relay_import (relay, path, state);
  run_import (second, &run2);
  g_assert_no_error (run2.error);
  g_assert_cmpuint (dd_import_get_skipped (second), ==, acknowledged);
  g_assert_cmpuint (dd_import_get_written (second), ==, 1000 - acknowledged);
  /* Every item sent once, over the two runs. */
  g_assert_cmpuint (relay->n_puts, ==, 1000);
  g_assert_cmpuint (g_hash_table_size (relay->puts), ==, 1000);
  assert_table ("Resume", expected);

  /* Complete: importing again sends nothing. */
  third = relay_import (relay, path, state);
  run_import (third, &run3);
  g_assert_no_error (run3.error);
  g_assert_cmpuint (dd_import_get_written (third), ==, 0);
  g_assert_cmpuint (relay->n_puts, ==, 1000);

  /* Another file under the same name is not resumed. */
  g_string_append (text, " ");
  g_free (path);
  path = write_file ("resume.json", text->str);
  changed = relay_import (relay, path, state);
  run_import (changed, &run4);
  g_assert_error (run4.error, DD_ERROR, DD_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (run4.error->message, "changed"));
  g_clear_error (&run4.error);
  g_clear_error (&run1.error);
}

/* ---- the command line -------------------------------------------------- */

static void
cli_child (void)
{
  g_auto(GStrv) args = g_strsplit (g_getenv ("DD_TEST_IMPORT_ARGS"), "\n", -1);
  int code;

  /* dd_test_init () cleared the environment's keys in this process too:
   * credentials from the environment, as the default chain reads them. */
  g_setenv ("AWS_ACCESS_KEY_ID", "AKIDLOCALTEST", TRUE);
  g_setenv ("AWS_SECRET_ACCESS_KEY", "local-secret", TRUE);
  code = dd_cli_import_main (g_strv_length (args), args);

  printf ("exit=%d\n", code);
  fflush (stdout);
  exit (0);
}

static void
run_cli (const char *args,
         int         code,
         const char *stdout_pattern,
         const char *stderr_pattern)
{
  g_autofree char *expect_exit = g_strdup_printf ("*exit=%d*", code);

  g_setenv ("DD_TEST_IMPORT_ARGS", args, TRUE);
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout (expect_exit);
  if (stdout_pattern)
    g_test_trap_assert_stdout (stdout_pattern);
  if (stderr_pattern)
    g_test_trap_assert_stderr (stderr_pattern);
}

static void
test_cli (void)
{
  g_autofree char *good = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *args = NULL;
  g_autoptr(GHashTable) expected = expected_new ();
  const char *endpoint;

  if (g_test_subprocess ())
    {
      cli_child ();
      return;
    }
  endpoint = dd_test_dynamo_get_endpoint (dynamo);
  dd_test_create_table (client, "Cli", NULL);
  good = write_file ("cli.csv", "pk,n\nx1,1\nx2," BIG "\n");
  bad = write_file ("cli-bad.jsonl", "{\"pk\":\"x\"}\n{\"pk\": }\n");
  expect (expected, "{\"pk\":{\"S\":\"x1\"},\"n\":{\"N\":\"1\"}}", FALSE);
  expect (expected, "{\"pk\":{\"S\":\"x2\"},\"n\":{\"N\":\"" BIG "\"}}", FALSE);

  args = g_strdup_printf ("import\n--endpoint\n%s\n--region\nus-east-1\n--table\nCli\n%s", endpoint, good);
  run_cli (args, 0, "*Imported 2 items into Cli*", NULL);
  assert_table ("Cli", expected);

  g_free (args);
  args = g_strdup_printf ("import\n--endpoint\n%s\n--region\nus-east-1\n--table\nCli\n%s", endpoint, bad);
  run_cli (args, 2, NULL, "*cli-bad.jsonl:2:8: *");

  g_free (args);
  args = g_strdup_printf ("import\n--endpoint\n%s\n%s", endpoint, good);
  run_cli (args, 2, NULL, "*--table is required*");

  g_free (args);
  args = g_strdup_printf ("import\n--endpoint\n%s\n--table\nCli\n--format\nxml\n%s", endpoint, good);
  run_cli (args, 2, NULL, "*--format*");

  g_free (args);
  args = g_strdup_printf ("import\n--endpoint\n%s\n--region\nus-east-1\n--table\nNoSuchTable\n%s", endpoint, good);
  run_cli (args, 1, NULL, "*ResourceNotFoundException*");

  g_free (args);
  args = g_strdup_printf ("import\n--endpoint\nhttp://127.0.0.1:9\n--region\nus-east-1\n--table\nCli\n%s", good);
  run_cli (args, 3, NULL, NULL);
}

int
main (int argc, char **argv)
{
  int ret;

  test_dir = dd_test_init (&argc, &argv);

  g_test_add_func ("/dd/import/jsonl", test_jsonl);
  g_test_add_func ("/dd/import/json", test_json);
  g_test_add_data_func ("/dd/import/json-object/plain", GINT_TO_POINTER (FALSE), test_json_object);
  g_test_add_data_func ("/dd/import/json-object/typed", GINT_TO_POINTER (TRUE), test_json_object);
  g_test_add_func ("/dd/import/json-object/resume", test_json_object_resume);
  g_test_add_func ("/dd/import/csv", test_csv);
  g_test_add_func ("/dd/import/csv-typed", test_csv_typed);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/dd/import/bad/%s", bad_cases[i].name);

      g_test_add_data_func (name, &bad_cases[i], test_bad_file);
    }
  g_test_add_func ("/dd/import/resume", test_resume);
  g_test_add_func ("/dd/import/cli", test_cli);

  if (!g_test_subprocess ())
    {
      dynamo = dd_test_dynamo_start ();
      client = dd_test_dynamo_new_client (dynamo);
    }
  ret = g_test_run ();
  g_clear_object (&client);
  g_clear_pointer (&dynamo, dd_test_dynamo_stop);
  return ret;
}
