/* test-shared-closures.c: the presentation helpers, case by case. */
#include "config.h"

#include <string.h>

#include "dd-page.h"
#include "dd-result-model.h"
#include "dd-shared-closures.h"
#include "dd-test-dynamo.h"

static void
test_item_count (void)
{
  static const struct { guint64 n; const char *text; } cases[] = {
    { 0, "0 items" }, { 1, "1 item" }, { 2, "2 items" }, { 1000000, "1000000 items" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = dd_format_item_count (cases[i].n);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_elapsed (void)
{
  static const struct { gint64 usec; const char *text; } cases[] = {
    { 0, "0 ms" }, { 999, "0 ms" }, { 12000, "12 ms" }, { 999999, "999 ms" },
    { 1000000, "1.00 s" }, { 1256000, "1.25 s" }, { 59990000, "59.99 s" },
    { 125000000, "2 min 5 s" }, { -5, "0 ms" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = dd_format_elapsed (cases[i].usec);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_status_line (void)
{
  g_autofree char *full = dd_format_status_line (3, 10, "0.5", 12000);
  g_autofree char *bare = dd_format_status_line (1, -1, NULL, 1500000);

  g_assert_cmpstr (full, ==, "3 items · 10 scanned · 0.5 capacity units · 12 ms");
  g_assert_cmpstr (bare, ==, "1 item · 1.50 s");
}

static void
test_binary_short (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "", " (0 bytes)" },
    { "AQ==", "AQ== (1 byte)" },
    { "AQI=", "AQI= (2 bytes)" },
    { "SGVsbG8gd29ybGQ=", "SGVsbG8gd29y… (11 bytes)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = dd_format_binary_short (cases[i].in);
      g_assert_cmpstr (text, ==, cases[i].out);
    }
}

typedef gboolean (*Validator) (const char *, const char **);

static void
check_cases (Validator   validate,
             const char *good[],
             const char *bad[][2])
{
  for (guint i = 0; good[i] != NULL; i++)
    {
      const char *reason = NULL;

      if (!validate (good[i], &reason))
        g_error ("%s refused: %s", good[i], reason);
    }
  for (guint i = 0; bad[i][0] != NULL; i++)
    {
      const char *reason = NULL;

      if (validate (bad[i][0], &reason))
        g_error ("%s accepted", bad[i][0]);
      if (strstr (reason, bad[i][1]) == NULL)
        g_error ("%s: reason \"%s\" lacks \"%s\"", bad[i][0], reason, bad[i][1]);
    }
}

static void
test_access_key_id (void)
{
  const char *good[] = { "AKIAIOSFODNN7EXAMPLE", "ASIA0123456789ABCDEF", NULL };
  const char *bad[][2] = {
    { "", "AKIA or ASIA" }, { "AKID0123456789ABCDEF", "AKIA or ASIA" },
    { "AKIA0123", "20 characters" }, { "AKIA0123456789ABCDEFG", "20 characters" },
    { "AKIAiosfodnn7example", "capital letters" }, { "AKIA01234567-9ABCDEF", "capital letters" },
    { NULL, NULL },
  };

  check_cases (dd_validate_access_key_id, good, bad);
}

static void
test_role_arn (void)
{
  const char *good[] = {
    "arn:aws:iam::123456789012:role/Reader", "arn:aws-cn:iam::123456789012:role/a/b",
    "arn:aws-us-gov:iam::000000000000:role/x", NULL,
  };
  const char *bad[][2] = {
    { "", "arn:aws:iam::" }, { "arn:aws:iam::123456789012", "arn:aws:iam::" },
    { "arn:azure:iam::123456789012:role/x", "partition" },
    { "arn:aws:s3::123456789012:role/x", "iam" },
    { "arn:aws:iam:us-east-1:123456789012:role/x", "iam" },
    { "arn:aws:iam::12345678901:role/x", "12 digits" },
    { "arn:aws:iam::12345678901a:role/x", "12 digits" },
    { "arn:aws:iam::123456789012:user/x", "role/" },
    { "arn:aws:iam::123456789012:role/", "role/" },
    { NULL, NULL },
  };

  check_cases (dd_validate_role_arn, good, bad);
}

static void
test_endpoint_url (void)
{
  const char *good[] = { "http://localhost:8000", "https://dynamodb.eu-west-1.amazonaws.com",
                         "http://127.0.0.1:8000/", NULL };
  const char *bad[][2] = {
    { "localhost:8000", "http" }, { "ftp://host", "http://" }, { "http://", "host" },
    { "http://h/?q=1", "no query" }, { "not a url", "Not a URL" }, { NULL, NULL },
  };

  check_cases (dd_validate_endpoint_url, good, bad);
}

static void
test_region (void)
{
  const char *good[] = { "us-east-1", "eu-central-2", "us-gov-west-1", "cn-northwest-1", "xx-new-9", NULL };
  const char *bad[][2] = {
    { "", "us-east-1" }, { "us-east", "us-east-1" }, { "US-EAST-1", "us-east-1" },
    { "us_east_1", "us-east-1" }, { "us--1", "us-east-1" }, { "1-us-east", "us-east-1" }, { NULL, NULL },
  };

  check_cases (dd_validate_region, good, bad);
}

static void
test_error_location (void)
{
  static const struct { const char *message; gboolean found; guint line, column; const char *stripped; } cases[] = {
    { "line 3, column 7: unexpected '}'", TRUE, 3, 7, "unexpected '}'" },
    { "<data>:1:9: Parse error: unexpected character", TRUE, 1, 9, "unexpected character" },
    { "Item: line 12, column 1: bad number", TRUE, 12, 1, "Item: line 12, column 1: bad number" },
    { "no location here", FALSE, 0, 0, "no location here" },
    { "line 0, column 0: zero", FALSE, 0, 0, "zero" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint line = 0, column = 0;
      g_autofree char *stripped = dd_strip_error_location (cases[i].message);

      g_assert_cmpint (dd_parse_error_location (cases[i].message, &line, &column), ==, cases[i].found);
      if (cases[i].found)
        {
          g_assert_cmpuint (line, ==, cases[i].line);
          g_assert_cmpuint (column, ==, cases[i].column);
        }
      g_assert_cmpstr (stripped, ==, cases[i].stripped);
    }
}

static void
test_number_compare (void)
{
  static const struct { const char *a, *b; int sign; } cases[] = {
    { "1", "2", -1 }, { "10", "9", 1 }, { "-1", "1", -1 }, { "-10", "-9", -1 },
    { "0", "-0", 0 }, { "0.5", "5", -1 }, { "0.05", "0.5", -1 }, { "1e2", "100", 0 },
    { "1.50", "1.5", 0 }, { "12345678901234567890123456789012345678", "12345678901234567890123456789012345677", 1 },
    { "99999999999999999999999999999999999999", "1E+38", -1 },
    { "abc", "1", -1 }, { "1", "abc", 1 }, { "-0.001", "0", -1 }, { "230545", "1234.56", 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int got = dd_number_compare (cases[i].a, cases[i].b);
      int sign = got < 0 ? -1 : got > 0 ? 1 : 0;

      if (sign != cases[i].sign)
        g_error ("compare %s %s: %d, expected %d", cases[i].a, cases[i].b, sign, cases[i].sign);
    }
}

static void
test_format_cell (void)
{
  static const struct { const char *type, *text; const char *out; DdCellKind kind; } cases[] = {
    { NULL, NULL, "", DD_CELL_MISSING },
    { "S", "hello", "hello", DD_CELL_TEXT },
    { "S", "two\nlines", "two lines", DD_CELL_TEXT },
    { "S", "abcdefghijk", "abcdefghij…", DD_CELL_TEXT },
    { "N", "12345678901234567890123456789012345678", "12345678901234567890123456789012345678", DD_CELL_NUMBER },
    { "BOOL", "true", "true", DD_CELL_BOOL },
    { "NULL", "true", "null", DD_CELL_NULL },
    { "B", "AQI=", "AQI= (2 bytes)", DD_CELL_BINARY },
    { "M", "{\"a\":1}", "{\"a\":1}", DD_CELL_COMPOSITE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      DdCellKind kind;
      g_autofree char *out = dd_format_cell (cases[i].type, cases[i].text, 10, &kind);

      g_assert_cmpstr (out, ==, cases[i].out);
      g_assert_cmpint (kind, ==, cases[i].kind);
    }
}

static void
test_json_reindent (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "{}", "{}" },
    { "{\"a\":1}", "{\n  \"a\": 1\n}" },
    { "{\"a\":[1,2],\"b\":{}}", "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {}\n}" },
    { "{\"s\":\"x,{y}:\\\"z\"}", "{\n  \"s\": \"x,{y}:\\\"z\"\n}" },
    { "[12345678901234567890123456789012345678]", "[\n  12345678901234567890123456789012345678\n]" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = dd_json_reindent (cases[i].in, -1);
      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_describe_summary (void)
{
  const char *json =
    "{\"Table\":{\"TableName\":\"Reply\",\"TableStatus\":\"ACTIVE\",\"ItemCount\":3,"
    "\"TableSizeBytes\":2048,\"CreationDateTime\":1.7e9,"
    "\"AttributeDefinitions\":[{\"AttributeName\":\"Id\",\"AttributeType\":\"S\"},"
    "{\"AttributeName\":\"When\",\"AttributeType\":\"N\"}],"
    "\"KeySchema\":[{\"AttributeName\":\"Id\",\"KeyType\":\"HASH\"},{\"AttributeName\":\"When\",\"KeyType\":\"RANGE\"}],"
    "\"BillingModeSummary\":{\"BillingMode\":\"PAY_PER_REQUEST\"},"
    "\"LocalSecondaryIndexes\":[{\"IndexName\":\"A\"},{\"IndexName\":\"B\"}]}}";
  g_autoptr(GPtrArray) rows = dd_describe_table_summary (json, strlen (json));
  g_autoptr(GString) flat = g_string_new (NULL);
  g_autoptr(GPtrArray) none = dd_describe_table_summary ("{\"x\":1}", 7);

  for (guint i = 0; i + 1 < rows->len; i += 2)
    g_string_append_printf (flat, "%s=%s;", (char *) rows->pdata[i], (char *) rows->pdata[i + 1]);
  g_assert_cmpstr (flat->str, ==,
                   "Table=Reply;Status=ACTIVE;Partition Key=Id (String);Sort Key=When (Number);"
                   "Items=3;Size=2.0\302\240kB;Capacity=On demand;Local Secondary Indexes=A, B;"
                   "Created=2023-11-14 22:13:20 UTC;");
  g_assert_cmpuint (none->len, ==, 0);
}

/* The result model: items stay raw until shown, numbers keep their digits,
 * sorting is numeric and exact. */
static void
test_result_model (void)
{
  const char *page =
    "[{\"id\":{\"N\":\"10\"},\"name\":{\"S\":\"b\"}},"
    "{\"id\":{\"N\":\"9\"},\"name\":{\"S\":\"a\"},\"big\":{\"N\":\"12345678901234567890123456789012345678\"}},"
    "{\"id\":{\"N\":\"-1.5\"},\"bin\":{\"B\":\"AQI=\"},\"flag\":{\"BOOL\":false},\"nil\":{\"NULL\":true}}]";
  const char *key_names[] = { "id", NULL };
  g_autoptr(DdResultModel) model = dd_result_model_new ();
  char *wrapped = g_strdup_printf ("{\"Items\":%s}", page);
  g_autoptr(GBytes) bytes = g_bytes_new_take (wrapped, strlen (wrapped));
  g_autoptr(DdPage) parsed = NULL;
  g_autofree char *big = NULL, *bin = NULL, *nil = NULL, *missing = NULL, *plain = NULL;
  g_autofree char *first = NULL;
  DdCellKind kind;

  parsed = dd_page_parse (bytes, NULL);
  g_assert_nonnull (parsed);
  dd_result_model_set_key_names (model, key_names);
  g_assert_cmpuint (dd_result_model_append_page (model, parsed), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
  g_assert_cmpuint (dd_result_model_get_parse_count (model), ==, 0);
  g_assert_cmpstr (dd_result_model_get_column (model, 0), ==, "id");
  g_assert_cmpuint (dd_result_model_get_n_columns (model), ==, 6);

  big = dd_result_model_get_cell (model, 1, "big", &kind);
  g_assert_cmpstr (big, ==, "12345678901234567890123456789012345678");
  g_assert_cmpint (kind, ==, DD_CELL_NUMBER);
  bin = dd_result_model_get_cell (model, 2, "bin", &kind);
  g_assert_cmpint (kind, ==, DD_CELL_BINARY);
  nil = dd_result_model_get_cell (model, 2, "nil", &kind);
  g_assert_cmpint (kind, ==, DD_CELL_NULL);
  missing = dd_result_model_get_cell (model, 0, "big", &kind);
  g_assert_cmpint (kind, ==, DD_CELL_MISSING);
  /* cells are read in place: no item was parsed whole */
  g_assert_cmpuint (dd_result_model_get_parse_count (model), ==, 0);

  /* sorting orders the positions, numbers as numbers: -1.5 < 9 < 10 */
  dd_result_model_sort (model, "id", FALSE);
  g_assert_cmpuint (dd_result_model_get_index (model, 0), ==, 2);
  g_assert_cmpuint (dd_result_model_get_index (model, 1), ==, 1);
  g_assert_cmpuint (dd_result_model_get_index (model, 2), ==, 0);
  g_assert_true (dd_item_store_get_sorted_loaded_only (dd_result_model_get_store (model)));
  /* items without the attribute last, in either direction */
  dd_result_model_sort (model, "big", TRUE);
  g_assert_cmpuint (dd_result_model_get_index (model, 0), ==, 1);
  first = dd_result_model_get_cell (model, dd_result_model_get_index (model, 0), "name", &kind);
  g_assert_cmpstr (first, ==, "a");

  plain = dd_result_model_dup_value (model, 1, "big", FALSE);
  g_assert_cmpstr (plain, ==, "12345678901234567890123456789012345678");
}

int
main (int   argc,
      char *argv[])
{
  dd_test_init (&argc, &argv);

  g_test_add_func ("/dd/closures/item-count", test_item_count);
  g_test_add_func ("/dd/closures/elapsed", test_elapsed);
  g_test_add_func ("/dd/closures/status-line", test_status_line);
  g_test_add_func ("/dd/closures/binary-short", test_binary_short);
  g_test_add_func ("/dd/closures/access-key-id", test_access_key_id);
  g_test_add_func ("/dd/closures/role-arn", test_role_arn);
  g_test_add_func ("/dd/closures/endpoint-url", test_endpoint_url);
  g_test_add_func ("/dd/closures/region", test_region);
  g_test_add_func ("/dd/closures/error-location", test_error_location);
  g_test_add_func ("/dd/closures/number-compare", test_number_compare);
  g_test_add_func ("/dd/closures/format-cell", test_format_cell);
  g_test_add_func ("/dd/closures/json-reindent", test_json_reindent);
  g_test_add_func ("/dd/closures/describe-summary", test_describe_summary);
  g_test_add_func ("/dd/result-model/raw-until-shown", test_result_model);
  return g_test_run ();
}
