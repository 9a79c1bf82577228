/* test-page-peek.c: the continuation of a page found before the parse. */
#include "config.h"

#include <string.h>

#include "dd-page.h"
#include "dd-page-peek.h"
#include "dd-test-dynamo.h"

/* The peek of text, with its name and value text; FALSE when it gave up. */
static gboolean
peek (const char  *text,
      const char **name,
      char       **value)
{
  DdPagePeek p;

  *value = NULL;
  *name = "(unset)";
  if (!dd_page_peek (text, strlen (text), &p))
    {
      *name = p.name;
      return FALSE;
    }
  *name = p.name;
  if (p.name != NULL)
    *value = g_strndup (text + p.offset, p.len);
  return TRUE;
}

/* When the whole parse takes text, the peek found exactly its
 * continuation. Returns whether the parse took it. */
static gboolean
assert_agrees (const char *text,
               gsize       text_len)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, text_len);
  g_autoptr(DdPage) page = dd_page_parse (bytes, NULL);
  DdPagePeek p;
  gsize page_len = 0;
  const char *continuation;
  gboolean ok = dd_page_peek (text, text_len, &p);

  if (page == NULL)
    return FALSE;
  g_assert_true (ok);
  g_assert_cmpint (p.count, ==, dd_page_get_count (page));
  g_assert_cmpstr (p.name, ==, dd_page_get_continuation_name (page));
  continuation = dd_page_get_continuation (page, &page_len);
  if (continuation == NULL)
    return TRUE;
  g_assert_cmpuint (p.offset, ==, (gsize) (continuation - (const char *) g_bytes_get_data (bytes, NULL)));
  g_assert_cmpuint (p.len, ==, page_len);
  return TRUE;
}

static void
assert_peek (const char *text,
             const char *want_name,
             const char *want_value)
{
  const char *name = NULL;
  g_autofree char *value = NULL;

  g_assert_true (peek (text, &name, &value));
  g_assert_cmpstr (name, ==, want_name);
  g_assert_cmpstr (value, ==, want_value);
  g_assert_true (assert_agrees (text, strlen (text)));
}

static void
test_peek_after_items (void)
{
  assert_peek ("{\"Items\":[{\"pk\":{\"S\":\"a\"}},{\"pk\":{\"S\":\"b\"}}],\"Count\":2,\"ScannedCount\":2,"
               "\"LastEvaluatedKey\":{\"pk\":{\"S\":\"b\"}}}",
               "LastEvaluatedKey", "{\"pk\":{\"S\":\"b\"}}");
  assert_peek ("{\"LastEvaluatedKey\":{\"pk\":{\"S\":\"z\"}},\"Items\":[]}",
               "LastEvaluatedKey", "{\"pk\":{\"S\":\"z\"}}");
  assert_peek ("{\"Items\":[],\"Count\":0}", NULL, NULL);
  assert_peek ("{}", NULL, NULL);
  assert_peek ("  {  \"Items\" : [ ] ,\n \"LastEvaluatedKey\" :\t{ \"pk\" : { \"S\" : \"q\" } }\r\n}  ",
               "LastEvaluatedKey", "{ \"pk\" : { \"S\" : \"q\" } }");
}

/* The name inside an item (as an attribute name, a value, a key of a map
 * nested in an attribute) is not the page's. */
static void
test_peek_name_inside_item (void)
{
  assert_peek ("{\"Items\":[{\"LastEvaluatedKey\":{\"M\":{\"LastEvaluatedKey\":{\"S\":\"x\"}}},"
               "\"s\":{\"S\":\"LastEvaluatedKey\"},"
               "\"l\":{\"L\":[{\"S\":\"\\\"LastEvaluatedKey\\\":{\"}]}}],\"Count\":1}",
               NULL, NULL);
  assert_peek ("{\"Items\":[{\"NextToken\":{\"S\":\"t\"},\"LastEvaluatedTableName\":{\"S\":\"u\"}}],"
               "\"LastEvaluatedKey\":{\"LastEvaluatedKey\":{\"S\":\"k\"}}}",
               "LastEvaluatedKey", "{\"LastEvaluatedKey\":{\"S\":\"k\"}}");
  /* A key string that only starts or ends like the name. */
  assert_peek ("{\"LastEvaluatedKeyX\":{\"a\":{\"S\":\"1\"}},\"XLastEvaluatedKey\":{\"a\":{\"S\":\"1\"}},\"Items\":[]}",
               NULL, NULL);
}

/* Escaped quotes and backslashes before a quote. */
static void
test_peek_escapes (void)
{
  /* "a\"},\"LastEvaluatedKey\":{" is one string value. */
  assert_peek ("{\"Items\":[{\"s\":{\"S\":\"a\\\"},\\\"LastEvaluatedKey\\\":{\\\"\"}}],\"Count\":1}",
               NULL, NULL);
  /* "a\\" ends at its second quote: the backslash is escaped. */
  assert_peek ("{\"Items\":[{\"s\":{\"S\":\"a\\\\\"}}],\"LastEvaluatedKey\":{\"s\":{\"S\":\"a\\\\\"}}}",
               "LastEvaluatedKey", "{\"s\":{\"S\":\"a\\\\\"}}");
  /* Three backslashes: an escaped backslash, then an escaped quote. */
  assert_peek ("{\"Items\":[{\"s\":{\"S\":\"\\\\\\\"}]\"}}],\"LastEvaluatedKey\":{\"k\":{\"S\":\"}\"}}}",
               "LastEvaluatedKey", "{\"k\":{\"S\":\"}\"}}");
  /* Brackets inside strings do not count. */
  assert_peek ("{\"Items\":[{\"s\":{\"S\":\"{{[[\"}}],\"LastEvaluatedKey\":{\"k\":{\"S\":\"]]}}\"}}}",
               "LastEvaluatedKey", "{\"k\":{\"S\":\"]]}}\"}}");
  /* An escaped name is not the name, for the parse neither. */
  assert_peek ("{\"Items\":[],\"LastEvaluated\\u004bey\":{\"k\":{\"S\":\"x\"}}}", NULL, NULL);
}

/* A key of nested maps and lists: its whole text. */
static void
test_peek_nested_key (void)
{
  assert_peek ("{\"Items\":[],\"LastEvaluatedKey\":{\"pk\":{\"S\":\"a\"},"
               "\"m\":{\"M\":{\"x\":{\"L\":[{\"M\":{\"y\":{\"N\":\"1\"}}},{\"S\":\"}\"}]}}}},\"Count\":0}",
               "LastEvaluatedKey",
               "{\"pk\":{\"S\":\"a\"},\"m\":{\"M\":{\"x\":{\"L\":[{\"M\":{\"y\":{\"N\":\"1\"}}},{\"S\":\"}\"}]}}}}");
}

/* The other continuations, null, and a repeated member (the last wins, as
 * in the parse). */
static void
test_peek_other_members (void)
{
  assert_peek ("{\"TableNames\":[\"a\",\"b\"],\"LastEvaluatedTableName\":\"b\"}",
               "LastEvaluatedTableName", "\"b\"");
  assert_peek ("{\"Items\":[],\"NextToken\":\"abc\\\"d\"}", "NextToken", "\"abc\\\"d\"");
  assert_peek ("{\"Items\":[],\"LastEvaluatedKey\":null}", NULL, NULL);
  assert_peek ("{\"LastEvaluatedKey\":{\"k\":{\"S\":\"1\"}},\"Items\":[],\"LastEvaluatedKey\":null}",
               "LastEvaluatedKey", "{\"k\":{\"S\":\"1\"}}");
  assert_peek ("{\"LastEvaluatedKey\":{\"k\":{\"S\":\"1\"}},\"LastEvaluatedKey\":{\"k\":{\"S\":\"2\"}}}",
               "LastEvaluatedKey", "{\"k\":{\"S\":\"2\"}}");
}

static void
test_peek_malformed (void)
{
  static const char * const bad[] = {
    "", "   ", "[]", "\"x\"", "{", "{\"Items\":[", "{\"Items\":[{\"a\":\"b}]}",
    "{\"LastEvaluatedKey\":{\"k\":{\"S\":\"1\"}}", "{\"Items\" []}", "{\"Items\":}",
    "{\"Items\":[] \"Count\":1}", "{\"s\":\"\\\"}", "{Items:[]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      const char *name = NULL;
      g_autofree char *value = NULL;

      g_test_message ("%s", bad[i]);
      g_assert_false (peek (bad[i], &name, &value));
      g_assert_null (name);
      g_assert_false (assert_agrees (bad[i], strlen (bad[i])));
    }
}

/* Random pages whose strings are full of quotes, backslashes, brackets and
 * the member names: the peek agrees with the parse on every one. */
static const char * const pieces[] = {
  "\\\"", "\\\\", "\\u0022", "\\n",
  "{", "}", "[", "]", ",", ":", "LastEvaluatedKey", "NextToken", "a", " ", "\xc3\xa9",
};

/* Pieces from here on have no backslash. */
#define FIRST_PLAIN_PIECE 4

/* When set, strings have a backslash only now and then: the peek skips
 * long stretches without one 64 bytes at a time, and the others byte by
 * byte. */
static gboolean few_backslashes;

static void
append_random_string (GString *s,
                      GRand   *rand)
{
  guint n = (guint) g_rand_int_range (rand, 0, 8);

  g_string_append_c (s, '"');
  for (guint i = 0; i < n; i++)
    {
      int first = few_backslashes && g_rand_int_range (rand, 0, 50) > 0 ? FIRST_PLAIN_PIECE : 0;

      g_string_append (s, pieces[g_rand_int_range (rand, first, G_N_ELEMENTS (pieces))]);
    }
  g_string_append_c (s, '"');
}

static void
append_random_map (GString *s,
                   GRand   *rand,
                   guint    depth)
{
  guint n = (guint) g_rand_int_range (rand, 0, 4);

  g_string_append_c (s, '{');
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (s, ',');
      append_random_string (s, rand);
      if (depth < 3 && g_rand_boolean (rand))
        {
          g_string_append (s, ":{\"M\":");
          append_random_map (s, rand, depth + 1);
          g_string_append_c (s, '}');
        }
      else
        {
          g_string_append (s, ":{\"S\":");
          append_random_string (s, rand);
          g_string_append_c (s, '}');
        }
    }
  g_string_append_c (s, '}');
}

static void
test_peek_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  guint n_parsed = 0, n_with_key = 0;

  for (guint round = 0; round < 2000; round++)
    {
      g_autoptr(GString) s = g_string_new ("{\"Items\":[");
      guint n = (guint) g_rand_int_range (rand, 0, 5);

      for (guint i = 0; i < n; i++)
        {
          if (i > 0)
            g_string_append_c (s, ',');
          append_random_map (s, rand, 0);
        }
      g_string_append (s, "],\"Count\":1");
      if (g_rand_boolean (rand))
        {
          g_string_append (s, ",\"LastEvaluatedKey\":");
          append_random_map (s, rand, 0);
          n_with_key++;
        }
      else if (g_rand_boolean (rand))
        {
          g_string_append (s, ",\"NextToken\":");
          append_random_string (s, rand);
          n_with_key++;
        }
      g_string_append_c (s, '}');
      n_parsed += assert_agrees (s->str, s->len);
      /* Cut short, the peek must not read past the end. */
      assert_agrees (s->str, (gsize) g_rand_int_range (rand, 0, (gint32) s->len));
    }
  /* Every whole page is valid: each was compared. */
  g_assert_cmpuint (n_parsed, ==, 2000);
  g_assert_cmpuint (n_with_key, >, 1000);
}

/* Long pages (tens of items), with few backslashes, shifted by 0 to 63
 * bytes of white space: the blocks of 64 bytes fall everywhere. */
static void
test_peek_long (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  guint n_parsed = 0;

  few_backslashes = TRUE;
  for (guint round = 0; round < 600; round++)
    {
      g_autoptr(GString) s = g_string_new (NULL);
      guint n = (guint) g_rand_int_range (rand, 10, 60);

      for (guint pad = round % 64; pad > 0; pad--)
        g_string_append_c (s, ' ');
      g_string_append (s, "{\"Items\":[");
      for (guint i = 0; i < n; i++)
        {
          if (i > 0)
            g_string_append_c (s, ',');
          append_random_map (s, rand, 0);
        }
      g_string_append_printf (s, "],\"Count\":%u,\"LastEvaluatedKey\":", n);
      append_random_map (s, rand, 0);
      g_string_append_c (s, '}');
      n_parsed += assert_agrees (s->str, s->len);
      assert_agrees (s->str, (gsize) g_rand_int_range (rand, 0, (gint32) s->len));
    }
  few_backslashes = FALSE;
  g_assert_cmpuint (n_parsed, ==, 600);
}

/* The fuzz corpus of the page parser: agrees wherever the parse succeeds. */
static void
test_peek_corpus (void)
{
  g_autofree char *dir_path = g_build_filename (g_getenv ("DD_TEST_DATA"), "..", "fuzz", "corpus", "page", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *entry;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, entry, NULL);
      g_autofree char *text = NULL;
      gsize len = 0;

      g_assert_true (g_file_get_contents (path, &text, &len, NULL));
      assert_agrees (text, len);
      n++;
    }
  g_assert_cmpuint (n, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  dd_test_init (&argc, &argv);

  g_test_add_func ("/dd/page-peek/after-items", test_peek_after_items);
  g_test_add_func ("/dd/page-peek/name-inside-item", test_peek_name_inside_item);
  g_test_add_func ("/dd/page-peek/escapes", test_peek_escapes);
  g_test_add_func ("/dd/page-peek/nested-key", test_peek_nested_key);
  g_test_add_func ("/dd/page-peek/other-members", test_peek_other_members);
  g_test_add_func ("/dd/page-peek/malformed", test_peek_malformed);
  g_test_add_func ("/dd/page-peek/random", test_peek_random);
  g_test_add_func ("/dd/page-peek/long", test_peek_long);
  g_test_add_func ("/dd/page-peek/corpus", test_peek_corpus);
  return g_test_run ();
}
