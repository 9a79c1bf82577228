/* test-page.c: result pages tokenized with jsmn. */
#include "config.h"

#include <string.h>

#include "dd-error.h"
#include "dd-json.h"
#include "dd-page.h"
#include "dd-test-dynamo.h"

static DdPage *
parse_text (const char *text,
            GError    **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return dd_page_parse (bytes, error);
}

static DdPage *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  DdPage *page = parse_text (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (page);
  return page;
}

static void
assert_item (DdPage     *page,
             guint       i,
             const char *expected)
{
  gsize len = 0;
  const char *item = dd_page_get_item (page, i, &len);

  g_assert_nonnull (item);
  g_assert_cmpmem (item, len, expected, strlen (expected));
}

#define ITEM_ALL_TYPES \
  "{\"pk\":{\"S\":\"a\"},\"num\":{\"N\":\"12345678901234567890123456789012345678\"}," \
  "\"bin\":{\"B\":\"AAEC/w==\"},\"flag\":{\"BOOL\":true},\"nothing\":{\"NULL\":true}," \
  "\"map\":{\"M\":{\"inner\":{\"L\":[{\"N\":\"-1.5E-130\"},{\"S\":\"x\"},{\"M\":{}}]}}}," \
  "\"list\":{\"L\":[]},\"ss\":{\"SS\":[\"a\",\"b\"]},\"ns\":{\"NS\":[\"1\",\"0.5\"]}," \
  "\"bs\":{\"BS\":[\"AA==\",\"AQ==\"]}}"
#define ITEM_SECOND \
  "{\"pk\":{\"S\":\"b\"},\"extra\":{\"S\":\"caf\\u00e9 \\\"quoted\\\" \\\\ \\n\"}}"

static void
test_page_all_types (void)
{
  const char *text = "{\"Items\":[" ITEM_ALL_TYPES "," ITEM_SECOND "],"
                     "\"Count\":2,\"ScannedCount\":7,"
                     "\"ConsumedCapacity\":{\"TableName\":\"t\",\"CapacityUnits\":2.5}}";
  g_autoptr(DdPage) page = parse_ok (text);
  const char *expected_names[] = { "pk", "num", "bin", "flag", "nothing", "map", "list",
                                   "ss", "ns", "bs", "extra", NULL };
  double units = 0;
  guint n_names = 0;

  g_assert_cmpuint (dd_page_get_n_items (page), ==, 2);
  g_assert_cmpuint (dd_page_get_n_entries (page), ==, 2);
  assert_item (page, 0, ITEM_ALL_TYPES);
  assert_item (page, 1, ITEM_SECOND);
  g_assert_true (g_strv_equal ((const char * const *) dd_page_get_attribute_names (page, &n_names),
                               expected_names));
  g_assert_cmpuint (n_names, ==, 11);
  g_assert_cmpint (dd_page_get_count (page), ==, 2);
  g_assert_cmpint (dd_page_get_scanned_count (page), ==, 7);
  g_assert_true (dd_page_get_consumed_capacity (page, &units));
  g_assert_cmpfloat (units, ==, 2.5);
  g_assert_false (dd_page_has_more (page));
  g_assert_null (dd_page_get_continuation (page, NULL));
  g_assert_null (dd_page_get_continuation_name (page));
  g_assert_cmpuint (g_strv_length ((char **) dd_page_get_table_names (page, NULL)), ==, 0);
}

static void
test_page_unicode_names (void)
{
  /* Names with escapes are decoded; "na\u006de" and "name" are one name. */
  const char *text = "{\"Items\":[{\"na\\u006de\":{\"S\":\"1\"},\"\\ud83d\\ude00\":{\"S\":\"2\"}},"
                     "{\"name\":{\"S\":\"3\"},\"h\xc3\xa9\":{\"S\":\"\xe2\x82\xac\"},"
                     "\"tab\\there\":{\"N\":\"0\"}}],\"Count\":2}";
  g_autoptr(DdPage) page = parse_ok (text);
  const char *expected[] = { "name", "\xf0\x9f\x98\x80", "h\xc3\xa9", "tab\there", NULL };

  g_assert_true (g_strv_equal (dd_page_get_attribute_names (page, NULL), expected));
  g_assert_cmpuint (dd_page_get_n_items (page), ==, 2);
}

static void
test_page_unescape (void)
{
  struct { const char *in; const char *out; } cases[] = {
    { "plain", "plain" },
    { "a\\\"b\\\\c\\/d", "a\"b\\c/d" },
    { "\\b\\f\\n\\r\\t", "\b\f\n\r\t" },
    { "\\u0041\\u00e9\\u20ac", "A\xc3\xa9\xe2\x82\xac" },
    { "\\ud83d\\ude00!", "\xf0\x9f\x98\x80!" },
    { "lone \\ud83d end", "lone \xef\xbf\xbd end" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      dd_page_append_unescaped (out, cases[i].in, strlen (cases[i].in));
      g_assert_cmpstr (out->str, ==, cases[i].out);
    }
}

static void
test_page_empty_items (void)
{
  g_autoptr(DdPage) page = parse_ok ("{\"Items\":[],\"Count\":0,\"ScannedCount\":100,"
                                     "\"LastEvaluatedKey\":{\"pk\":{\"S\":\"z\"}}}");

  g_assert_cmpuint (dd_page_get_n_items (page), ==, 0);
  g_assert_cmpint (dd_page_get_count (page), ==, 0);
  g_assert_cmpint (dd_page_get_scanned_count (page), ==, 100);
  g_assert_cmpuint (g_strv_length ((char **) dd_page_get_attribute_names (page, NULL)), ==, 0);
  g_assert_true (dd_page_has_more (page));
  g_assert_false (dd_page_get_consumed_capacity (page, NULL));
}

static void
test_page_last_evaluated_key (void)
{
  const char *key = "{\"pk\":{\"S\":\"k\\\"1\"},\"sk\":{\"N\":\"99999999999999999999999999999999999999\"}}";
  g_autofree char *text = g_strdup_printf ("{\"Items\":[{\"pk\":{\"S\":\"k\"}}],\n"
                                           "  \"LastEvaluatedKey\" : %s ,\"Count\":1}", key);
  g_autoptr(DdPage) page = parse_ok (text);
  g_autoptr(DdPage) last = parse_ok ("{\"Items\":[],\"Count\":0,\"ScannedCount\":0}");
  gsize len = 0;
  const char *raw = dd_page_get_continuation (page, &len);

  g_assert_true (dd_page_has_more (page));
  g_assert_cmpstr (dd_page_get_continuation_name (page), ==, "LastEvaluatedKey");
  g_assert_cmpmem (raw, len, key, strlen (key));
  g_assert_null (dd_page_get_continuation_string (page));
  g_assert_false (dd_page_has_more (last));
}

static void
test_page_list_tables (void)
{
  g_autoptr(DdPage) first = parse_ok ("{\"TableNames\":[\"alpha\",\"be\\u0074a\"],"
                                      "\"LastEvaluatedTableName\":\"be\\u0074a\"}");
  g_autoptr(DdPage) last = parse_ok ("{\"TableNames\":[\"gamma\"]}");
  g_autoptr(DdPage) none = parse_ok ("{\"TableNames\":[]}");
  const char *expected[] = { "alpha", "beta", NULL };
  gsize len = 0;
  const char *raw = dd_page_get_continuation (first, &len);
  guint n = 0;

  g_assert_true (g_strv_equal (dd_page_get_table_names (first, &n), expected));
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (dd_page_get_n_entries (first), ==, 2);
  g_assert_cmpuint (dd_page_get_n_items (first), ==, 0);
  g_assert_cmpstr (dd_page_get_continuation_name (first), ==, "LastEvaluatedTableName");
  g_assert_cmpmem (raw, len, "\"be\\u0074a\"", 11);
  g_assert_cmpstr (dd_page_get_continuation_string (first), ==, "beta");
  g_assert_false (dd_page_has_more (last));
  g_assert_cmpuint (dd_page_get_n_entries (last), ==, 1);
  g_assert_cmpuint (dd_page_get_n_entries (none), ==, 0);
}

static void
test_page_next_token (void)
{
  g_autoptr(DdPage) page = parse_ok ("{\"Items\":[{\"a\":{\"S\":\"1\"}}],\"NextToken\":\"abc/+=\","
                                     "\"ConsumedCapacity\":[{\"CapacityUnits\":1},"
                                     "{\"CapacityUnits\":0.5,\"Table\":{\"CapacityUnits\":0.5}}]}");
  double units = 0;

  g_assert_cmpstr (dd_page_get_continuation_name (page), ==, "NextToken");
  g_assert_cmpstr (dd_page_get_continuation_string (page), ==, "abc/+=");
  g_assert_true (dd_page_get_consumed_capacity (page, &units));
  g_assert_cmpfloat (units, ==, 1.5);
}

static void
test_page_whitespace (void)
{
  const char *text = "\r\n {\n  \"Items\" : [\n    { \"a\" : { \"N\" : \"1\" } } ,\n"
                     "    {\"b\":{\"L\":[ {\"S\":\"x\"} , {\"NULL\":true} ]}}\n  ] ,\n"
                     "  \"Count\" : 2\n}\n\t ";
  g_autoptr(DdPage) page = parse_ok (text);

  g_assert_cmpuint (dd_page_get_n_items (page), ==, 2);
  assert_item (page, 0, "{ \"a\" : { \"N\" : \"1\" } }");
  assert_item (page, 1, "{\"b\":{\"L\":[ {\"S\":\"x\"} , {\"NULL\":true} ]}}");
  g_assert_cmpint (dd_page_get_count (page), ==, 2);
}

static void
test_page_unknown_members (void)
{
  g_autoptr(DdPage) page = parse_ok ("{\"Other\":{\"Items\":[1,2,{\"x\":[true,false,null,-0.5e+3]}]},"
                                     "\"Items\":[{\"a\":{\"S\":\"1\"}}]}");

  g_assert_cmpuint (dd_page_get_n_items (page), ==, 1);
  g_assert_cmpint (dd_page_get_count (page), ==, -1);
}

static void
test_page_malformed (void)
{
  const char *cases[] = {
    "",
    "   ",
    "{",
    "{\"Items\":[}",
    "{\"Items\":[{\"a\":{\"S\":\"x\"}}]",
    "[1]",
    "\"text\"",
    "{\"Items\":[1]}",
    "{\"Items\":{}}",
    "{\"Items\":[{\"a\":1}]}",
    "{\"Items\":[{\"a\":{\"S\":\"x\"} \"b\":{\"S\":\"y\"}}]}",
    "{\"Items\":[{\"a\":{\"S\":\"x\"},,\"b\":{\"S\":\"y\"}}]}",
    "{\"Items\":[{\"a\":{\"S\":\"x\"}},]}",
    "{\"Items\":[,{\"a\":{\"S\":\"x\"}}]}",
    "{\"Items\":[],}",
    "{,\"Items\":[]}",
    "{\"Count\":1 2}",
    "{\"Count\":tru}",
    "{\"Count\":01}",
    "{\"Count\":1.}",
    "{\"Count\":-}",
    "{\"Count\":-1}",
    "{\"Count\":1.5}",
    "{\"Count\":\"1\"}",
    "{} {}",
    "{}x",
    "{}]",
    "{\"a\" \"b\"}",
    "{\"a\":}",
    "{\"a\"}",
    "{\"a\"::1}",
    "{\"x\":[\"a\":1]}",
    "{\"a\":1:2}",
    "{\"a\":\"b\":\"c\"}",
    "{\"a\":[1]]}",
    "{\"a\":{]}",
    "{\"x\":\"bad \\q escape\"}",
    "{\"x\":\"raw\nnewline\"}",
    "{\"x\":\"bad utf-8 \xff\"}",
    "{\"TableNames\":[\"a\",1]}",
    "{\"TableNames\":\"a\"}",
    "{\"LastEvaluatedKey\":\"a\"}",
    "{\"LastEvaluatedTableName\":{}}",
    "{\"ConsumedCapacity\":1}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DdPage) page = parse_text (cases[i], &error);

      if (page != NULL)
        g_error ("case %u parsed: %s", i, cases[i]);
      g_assert_error (error, DD_ERROR, DD_ERROR_PROTOCOL);
    }
}

/* A control character inside a string, in the middle of a long page of
 * plain ASCII (where the UTF-8 pass goes 8 bytes at a time): refused; the
 * same characters between tokens are fine. */
static void
test_page_control_in_long_page (void)
{
  static const char controls[] = { '\t', '\n', '\r', '\x01', '\x1f' };
  g_autoptr(DdPage) spaced = parse_ok ("{\"Items\":[\n\t{\"pk\":{\"S\":\"a\"}}\r\n],\n\"Count\":1\n}");

  g_assert_cmpuint (dd_page_get_n_items (spaced), ==, 1);
  for (guint c = 0; c < G_N_ELEMENTS (controls); c++)
    for (guint shift = 0; shift < 8; shift++)
      {
        g_autoptr(GString) text = g_string_new ("{\"Items\":[");
        g_autoptr(GError) error = NULL;
        g_autoptr(DdPage) page = NULL;
        g_autoptr(DdPage) pretty = NULL;
        g_autofree char *value = g_strdup_printf ("\"item %u\"", 100 + shift);
        gsize at;

        for (guint i = 0; i < 200; i++)
          g_string_append_printf (text, "%s{\"pk\":{\"S\":\"item %u\"}}", i ? "," : "", i);
        g_string_append (text, "],\"Count\":200}");
        pretty = parse_ok (text->str);
        /* Inside the string, at 8 different offsets modulo 8. */
        at = (gsize) (strstr (text->str, value) - text->str) + 2;
        g_string_insert_len (text, (gssize) at, &controls[c], 1);
        page = parse_text (text->str, &error);
        g_assert_null (page);
        g_assert_error (error, DD_ERROR, DD_ERROR_PROTOCOL);
        g_assert_nonnull (strstr (error->message, "control character"));
      }
}

static void
test_page_nul_byte (void)
{
  static const char text[] = "{\"Items\":[]}\0{";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPage) page = dd_page_parse (bytes, &error);

  g_assert_null (page);
  g_assert_error (error, DD_ERROR, DD_ERROR_PROTOCOL);
}

static void
test_page_error_location (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPage) page = parse_text ("{\n  \"Items\": [1]\n}", &error);

  g_assert_null (page);
  g_assert_error (error, DD_ERROR, DD_ERROR_PROTOCOL);
  g_assert_true (g_str_has_prefix (error->message, "line 2, column 13:"));
}

/* A \u escape that is half of a surrogate pair without its other half is
 * refused, where it is, as dd-json refuses it; pairs and escaped
 * backslashes before a 'u' are not mistaken for it. */
static void
test_page_lone_surrogate (void)
{
  static const struct
  {
    const char *text;
    const char *error;  /* NULL: accepted */
  } cases[] = {
    { "{\"Items\":[{\"s\":{\"S\":\"\\ud83d\"}}]}", "line 1, column 22: unpaired surrogate \\uD83D" },
    { "{\"Items\":[{\"s\":{\"S\":\"ab\\ud83dx\"}}]}", "line 1, column 24: unpaired surrogate \\uD83D" },
    { "{\"Items\":[{\"s\":{\"S\":\"\\ude00\"}}]}", "line 1, column 22: unpaired surrogate \\uDE00" },
    { "{\"Items\":[],\n\"\\ud83d\\ud83d\":1}", "line 2, column 2: unpaired surrogate \\uD83D" },
    { "{\"Items\":[{\"s\":{\"S\":\"\\ude00\\ud83d\"}}]}", "line 1, column 22: unpaired surrogate \\uDE00" },
    { "{\"Items\":[{\"s\":{\"S\":\"\\ud83d\\ude00\"}}]}", NULL },
    { "{\"Items\":[{\"s\":{\"S\":\"\\\\ud83d\"}}]}", NULL },
    { "{\"Items\":[{\"s\":{\"S\":\"\\u00e9\\n\\ud7ff\\ue000\"}}]}", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) json_error = NULL;
      g_autoptr(DdPage) page = parse_text (cases[i].text, &error);
      gboolean json_ok = dd_json_validate (cases[i].text, -1, &json_error);

      g_test_message ("case %u: %s", i, cases[i].text);
      /* Both readers agree. */
      g_assert_cmpint (page != NULL, ==, json_ok);
      if (cases[i].error == NULL)
        {
          g_assert_no_error (error);
          continue;
        }
      g_assert_error (error, DD_ERROR, DD_ERROR_PROTOCOL);
      g_assert_cmpstr (error->message, ==, cases[i].error);
      g_assert_true (g_str_has_prefix (json_error->message, cases[i].error));
    }
}

static void
test_page_truncated (void)
{
  g_autoptr(DdPage) page = parse_ok ("{\"Items\":[{\"a\":{\"S\":\"1\"}},{\"a\":{\"S\":\"2\"},\"b\":{\"S\":\"3\"}},"
                                     "{\"c\":{\"S\":\"4\"}}],\"Count\":3,\"ScannedCount\":5,"
                                     "\"LastEvaluatedKey\":{\"a\":{\"S\":\"4\"}}}");
  g_autoptr(DdPage) two = dd_page_new_truncated (page, 2);
  g_autoptr(DdPage) one = dd_page_new_truncated (page, 1);
  g_autoptr(DdPage) tables = parse_ok ("{\"TableNames\":[\"x\",\"y\",\"z\"],\"LastEvaluatedTableName\":\"z\"}");
  g_autoptr(DdPage) tables2 = dd_page_new_truncated (tables, 2);
  const char *names2[] = { "a", "b", NULL };
  const char *names1[] = { "a", NULL };
  const char *tnames[] = { "x", "y", NULL };

  g_assert_cmpuint (dd_page_get_n_items (two), ==, 2);
  assert_item (two, 1, "{\"a\":{\"S\":\"2\"},\"b\":{\"S\":\"3\"}}");
  g_assert_true (g_strv_equal (dd_page_get_attribute_names (two, NULL), names2));
  g_assert_true (g_strv_equal (dd_page_get_attribute_names (one, NULL), names1));
  g_assert_cmpint (dd_page_get_count (two), ==, 2);
  g_assert_cmpint (dd_page_get_scanned_count (two), ==, 5);
  g_assert_false (dd_page_has_more (two));
  g_assert_true (dd_page_has_more (page));
  g_assert_true (g_strv_equal (dd_page_get_table_names (tables2, NULL), tnames));
  g_assert_false (dd_page_has_more (tables2));
}

static void
test_page_large (void)
{
  g_autoptr(GString) text = g_string_sized_new (11 * 1024 * 1024);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPage) page = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  const char *filler = "Lorem ipsum dolor sit amet, \\\"consectetur\\\" adipiscing elit \\u00e9";
  guint n = 0;
  gint64 t0;
  double secs;

  g_string_append (text, "{\"Items\":[");
  while (text->len < 10 * 1024 * 1024)
    {
      g_autofree char *item = g_strdup_printf ("{\"pk\":{\"S\":\"item-%07u\"},\"n\":{\"N\":\"%u.%u\"},"
                                               "\"tags\":{\"SS\":[\"a\",\"b%u\"]},"
                                               "\"doc\":{\"M\":{\"text\":{\"S\":\"%s\"},\"ok\":{\"BOOL\":%s}}}}",
                                               n, n, n % 7, n, filler, n % 2 ? "true" : "false");
      if (n > 0)
        g_string_append_c (text, ',');
      g_string_append (text, item);
      g_clear_pointer (&last, g_free);
      last = g_steal_pointer (&item);
      if (first == NULL)
        first = g_strdup (last);
      n++;
    }
  g_string_append_printf (text, "],\"Count\":%u,\"ScannedCount\":%u}", n, n);
  bytes = g_bytes_new (text->str, text->len);

  t0 = g_get_monotonic_time ();
  page = dd_page_parse (bytes, &error);
  secs = (double) (g_get_monotonic_time () - t0) / G_USEC_PER_SEC;
  g_assert_no_error (error);
  g_test_message ("%u items, %.1f MB in %.3f s: %.0f MB/s", n, text->len / 1e6, secs,
                  text->len / 1e6 / secs);

  g_assert_cmpuint (dd_page_get_n_items (page), ==, n);
  g_assert_cmpint (dd_page_get_count (page), ==, n);
  assert_item (page, 0, first);
  assert_item (page, n - 1, last);
  g_assert_cmpuint (g_strv_length ((char **) dd_page_get_attribute_names (page, NULL)), ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  dd_test_init (&argc, &argv);

  g_test_add_func ("/dd/page/all-types", test_page_all_types);
  g_test_add_func ("/dd/page/unicode-names", test_page_unicode_names);
  g_test_add_func ("/dd/page/unescape", test_page_unescape);
  g_test_add_func ("/dd/page/empty-items", test_page_empty_items);
  g_test_add_func ("/dd/page/last-evaluated-key", test_page_last_evaluated_key);
  g_test_add_func ("/dd/page/list-tables", test_page_list_tables);
  g_test_add_func ("/dd/page/next-token", test_page_next_token);
  g_test_add_func ("/dd/page/whitespace", test_page_whitespace);
  g_test_add_func ("/dd/page/unknown-members", test_page_unknown_members);
  g_test_add_func ("/dd/page/malformed", test_page_malformed);
  g_test_add_func ("/dd/page/nul-byte", test_page_nul_byte);
  g_test_add_func ("/dd/page/control-in-long-page", test_page_control_in_long_page);
  g_test_add_func ("/dd/page/error-location", test_page_error_location);
  g_test_add_func ("/dd/page/truncated", test_page_truncated);
  g_test_add_func ("/dd/page/lone-surrogate", test_page_lone_surrogate);
  g_test_add_func ("/dd/page/large", test_page_large);

  return g_test_run ();
}
