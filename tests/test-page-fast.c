/* test-page-fast.c: the one-pass page reader against the token reader.
 *
 * dd_page_parse reads a page in one pass (dd_page_fast_parse) and, when
 * that pass gives up, by jsmn's tokens (dd_page_parse_tokens). Checked:
 * the one pass takes the plain pages (so it is the one used), takes no
 * page the token reader refuses, and describes each page it takes exactly
 * as the token reader does; dd_page_parse refuses what the token reader
 * refuses, with its message. On hand-written pages, and on many pages
 * made by changing bytes of a valid one.
 */
#include "config.h"

#include <string.h>

#include "dd-error.h"
#include "dd-page.h"
#include "dd-page-fast.h"
#include "dd-page-private.h"
#include "dd-test-dynamo.h"

static void
assert_same_strv (const char * const *a,
                  guint               n_a,
                  const char * const *b,
                  guint               n_b)
{
  g_assert_cmpuint (n_a, ==, n_b);
  for (guint i = 0; i <= n_a; i++)
    g_assert_cmpstr (a[i], ==, b[i]);
}

static void
assert_same_page (DdPage *a,
                  DdPage *b)
{
  guint n_a = 0, n_b = 0;
  const char * const *sa = dd_page_get_attribute_names (a, &n_a);
  const char * const *sb = dd_page_get_attribute_names (b, &n_b);
  double ua = -1, ub = -2;
  gsize la = 0, lb = 0;

  assert_same_strv (sa, n_a, sb, n_b);
  sa = dd_page_get_table_names (a, &n_a);
  sb = dd_page_get_table_names (b, &n_b);
  assert_same_strv (sa, n_a, sb, n_b);
  g_assert_cmpuint (dd_page_get_n_items (a), ==, dd_page_get_n_items (b));
  for (guint i = 0; i < dd_page_get_n_items (a); i++)
    {
      g_assert_true (dd_page_get_item (a, i, &la) == dd_page_get_item (b, i, &lb));
      g_assert_cmpuint (la, ==, lb);
    }
  g_assert_cmpint (dd_page_get_count (a), ==, dd_page_get_count (b));
  g_assert_cmpint (dd_page_get_scanned_count (a), ==, dd_page_get_scanned_count (b));
  g_assert_cmpint (dd_page_get_consumed_capacity (a, &ua), ==, dd_page_get_consumed_capacity (b, &ub));
  g_assert_true (memcmp (&ua, &ub, sizeof ua) == 0);
  g_assert_cmpstr (dd_page_get_continuation_name (a), ==, dd_page_get_continuation_name (b));
  g_assert_true (dd_page_get_continuation (a, &la) == dd_page_get_continuation (b, &lb));
  if (dd_page_get_continuation (a, NULL) != NULL)
    g_assert_cmpuint (la, ==, lb);
  g_assert_cmpstr (dd_page_get_continuation_string (a), ==, dd_page_get_continuation_string (b));
}

typedef enum { FAST, SLOW_ONLY, INVALID, ANY } Expect;

/* Reads bytes all three ways; returns whether the one pass took it. */
static gboolean
check_bytes (GBytes *bytes,
             Expect  expect)
{
  g_autoptr(DdPage) fast = dd_page_fast_parse (bytes);
  g_autoptr(GError) slow_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPage) slow = dd_page_parse_tokens (bytes, &slow_error);
  g_autoptr(DdPage) page = dd_page_parse (bytes, &error);

  if (fast != NULL)
    {
      g_assert_no_error (slow_error);
      assert_same_page (fast, slow);
    }
  g_assert_cmpint (page != NULL, ==, slow != NULL);
  if (page != NULL)
    assert_same_page (page, slow);
  else
    g_assert_cmpstr (error->message, ==, slow_error->message);
  if (expect == FAST)
    g_assert_nonnull (fast);
  if (expect == SLOW_ONLY)
    g_assert_true (fast == NULL && slow != NULL);
  if (expect == INVALID)
    g_assert_null (slow);
  return fast != NULL;
}

static void
check_text (const char *text,
            Expect      expect)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  check_bytes (bytes, expect);
}

#define ITEM_A "{\"pk\":{\"S\":\"a#1\"},\"n\":{\"N\":\"-12.50e+3\"},\"ok\":{\"BOOL\":true}," \
               "\"no\":{\"NULL\":true},\"m\":{\"M\":{\"x\":{\"L\":[{\"N\":\"0\"},{\"SS\":[\"a\",\"b\"]}]}}}}"
#define ITEM_B "{\"pk\":{\"S\":\"caf\xc3\xa9 \xe6\x97\xa5 \xf0\x9f\x98\x80\"},\"q\\\"n\\u00e9\":{\"S\":\"\\\\ \\/ \\b\\f\\n\\r\\t\"}}"

static const char *taken[] = {
  "{\"Items\":[" ITEM_A "," ITEM_B "],\"Count\":2,\"ScannedCount\":7,"
  "\"LastEvaluatedKey\":{\"pk\":{\"S\":\"a#1\"}}}",
  " \r\n\t{ \"Items\" : [ " ITEM_B " , {} ] ,\n \"Count\" : 2 }\n\r\t ",
  "{}",
  "{\"Items\":[]}",
  "{\"Items\":[" ITEM_A "],\"Items\":[" ITEM_B "],\"Count\":1,\"Count\":3}",
  "{\"ConsumedCapacity\":{\"TableName\":\"t\",\"CapacityUnits\":2.5},\"Count\":0}",
  "{\"ConsumedCapacity\":[{\"CapacityUnits\":1},7,{\"CapacityUnits\":null},{\"Capacity\\u0055nits\":4}]}",
  "{\"TableNames\":[\"a\",\"b\\\"c\",\"\\u00e9\"],\"LastEvaluatedTableName\":\"b\\\"c\"}",
  "{\"NextToken\":\"tok\\/en\",\"NextToken\":null,\"Other\":[1,-0,0.5,1E5,true,false,null,\"x\",[],{}]}",
  "{\"LastEvaluatedKey\":null,\"Items\":[{\"a\":{\"L\":[[[[[[[[[[[]]]]]]]]]]]}}]}",
  "{\"Item\\u0073\":7,\"Count\":9223372036854775807}",
};

static const char *slow_only[] = {
  "{\"Items\":[{\"e\\ud83d\\ude00\":{\"S\":\"\\uD83D\\uDE00\"}}],\"Count\":1}",
  "{\"NextToken\":\"\\udbff\\udfff\"}",
};

static const char *invalid[] = {
  "", " \n", "[]", "5", "\"x\"", "{", "{\"Items\":[}", "{\"Items\":[],}", "{\"a\" 1}",
  "{\"a\":1 \"b\":2}", "{\"a\":01}", "{\"a\":1.}", "{\"a\":-}", "{\"a\":1e}", "{\"a\":.5}",
  "{\"a\":tru}", "{\"a\":nul}", "{\"a\":truex}", "{\"a\":bare}", "{\"a\":\"x\ty\"}",
  "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\ud800\"}", "{\"a\":\"\\udc00x\"}",
  "{\"a\":\"\xc3\"}", "{\"a\":\"\xc0\xaf\"}", "{\"a\":\"\xed\xa0\x80\"}", "{\"a\":\"\xf4\x90\x80\x80\"}",
  "{}x", "{}{}", "{} ,", "{\"a\":1}}", "\xef\xbb\xbf{}", "{\"a\":\"x}", "{\"a\":[1 2]}",
  "{\"Items\":{}}", "{\"Items\":[1]}", "{\"Items\":[{\"a\":1}]}", "{\"Items\":[{\"a\":[]}]}",
  "{\"Count\":-1}", "{\"Count\":1.5}", "{\"Count\":\"5\"}", "{\"Count\":99999999999999999999}",
  "{\"LastEvaluatedKey\":\"k\"}", "{\"NextToken\":{}}", "{\"NextToken\":true}",
  "{\"TableNames\":[1]}", "{\"TableNames\":{}}", "{\"ConsumedCapacity\":\"x\"}",
  "{\"ConsumedCapacity\":null}", "{\"a\":[1,]}", "{,}", "{\"a\"::1}", "{\"a\":1,,\"b\":2}",
  "{1:2}", "{\"a\":{\"b\"}}", "{\"a\":[\"b\":1]}",
};

static void
test_cases (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (taken); i++)
    check_text (taken[i], FAST);
  for (guint i = 0; i < G_N_ELEMENTS (slow_only); i++)
    check_text (slow_only[i], SLOW_ONLY);
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    check_text (invalid[i], INVALID);
}

/* A NUL byte, in a string and between tokens, and deep nesting. */
static void
test_nul_and_depth (void)
{
  static const char nul_in[] = "{\"a\":\"x\0y\"}";
  static const char nul_out[] = "{\"a\":1\0}";
  g_autoptr(GBytes) in = g_bytes_new (nul_in, sizeof nul_in - 1);
  g_autoptr(GBytes) out = g_bytes_new (nul_out, sizeof nul_out - 1);
  g_autoptr(GString) deep = g_string_new ("{\"Other\":");
  g_autoptr(GBytes) deep_bytes = NULL;

  check_bytes (in, INVALID);
  check_bytes (out, INVALID);
  for (int i = 0; i < 2000; i++)
    g_string_append_c (deep, '[');
  for (int i = 0; i < 2000; i++)
    g_string_append_c (deep, ']');
  g_string_append (deep, ",\"Count\":0}");
  deep_bytes = g_bytes_new (deep->str, deep->len);
  check_bytes (deep_bytes, SLOW_ONLY);
}

static const char mutations[] = "\"\\{}[]:,0-.eEtfnu \t\x01\x80\xc3\xa9\xed";

/* Pages made by changing one to three bytes of a valid page. */
static void
test_mutations (void)
{
  const char *base = taken[0];
  gsize len = strlen (base);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261124);
  guint n_fast = 0, n_valid = 0;

  for (guint round = 0; round < 30000; round++)
    {
      g_autoptr(GString) s = g_string_new_len (base, (gssize) len);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(DdPage) valid = NULL;
      int changes = g_rand_int_range (rand, 1, 4);

      for (int c = 0; c < changes; c++)
        {
          gsize at = (gsize) g_rand_int_range (rand, 0, (gint32) s->len);
          char b = mutations[g_rand_int_range (rand, 0, sizeof mutations - 1)];

          switch (g_rand_int_range (rand, 0, 3))
            {
            case 0: s->str[at] = b; break;
            case 1: g_string_insert_c (s, (gssize) at, b); break;
            default: g_string_erase (s, (gssize) at, 1); break;
            }
        }
      bytes = g_bytes_new (s->str, s->len);
      if (check_bytes (bytes, ANY))
        n_fast++;
      if ((valid = dd_page_parse_tokens (bytes, NULL)) != NULL)
        n_valid++;
    }
  g_test_message ("%u of 30000 changed pages valid, %u of them taken in one pass", n_valid, n_fast);
  g_assert_cmpuint (n_fast, >, 0);
}

/* The members of an object found in one pass are jsmn's (the writers'
 * plain JSON uses them); what the pass is not sure of, it says so. */
static void
test_members (void)
{
  static const char *objects[] = {
    ITEM_A, ITEM_B, "{}", " {\t\"a\" : {\"S\":\"x\"} ,\"b\":[1,{}],\"c\":null}\n",
  };
  static const char *unsure[] = {
    "{\"a\":{\"S\":\"\\ud83d\\ude00\"}}", "{\"a\":}", "[]", "{\"a\":1}x", "{\"a\":1",
  };
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (DdPageMember));

  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    {
      const char *text = objects[i];
      int n_tokens = 0, jsmn_error = 0, j = 1;
      gsize pos = 0;
      g_autofree jsmntok_t *tokens = dd_jsmn_tokenize (text, strlen (text), &n_tokens, &jsmn_error, &pos);

      g_assert_nonnull (tokens);
      g_assert_true (dd_page_fast_object_members (text, strlen (text), members));
      g_assert_cmpuint (members->len, ==, (guint) tokens[0].size);
      for (guint m = 0; m < members->len; m++)
        {
          const DdPageMember *member = &g_array_index (members, DdPageMember, m);
          gsize len = 0;
          const char *raw = dd_jsmn_raw (text, &tokens[j], &len);

          g_assert_cmpmem (member->name, member->name_len, raw, len);
          raw = dd_jsmn_raw (text, &tokens[j + 1], &len);
          g_assert_cmpmem (member->value, member->value_len, raw, len);
          j = dd_jsmn_skip (tokens, n_tokens, j + 1);
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (unsure); i++)
    g_assert_false (dd_page_fast_object_members (unsure[i], strlen (unsure[i]), members));
}

int
main (int   argc,
      char *argv[])
{
  dd_test_init (&argc, &argv);
  g_test_add_func ("/dd/page-fast/cases", test_cases);
  g_test_add_func ("/dd/page-fast/nul-and-depth", test_nul_and_depth);
  g_test_add_func ("/dd/page-fast/mutations", test_mutations);
  g_test_add_func ("/dd/page-fast/members", test_members);
  return g_test_run ();
}
