/* test-json.c: the strict JSON reader and the JSON helpers. */
#define G_LOG_DOMAIN "test-json"

#include "config.h"

#include <string.h>

#include "dd-error.h"
#include "dd-json.h"
#include "dd-test-dynamo.h"

typedef struct
{
  const char *text;
  gssize      len;      /* -1: to the NUL */
  guint       line;
  guint       column;
  const char *what;     /* part of the message */
} MalformedCase;

static const MalformedCase malformed_cases[] = {
  { "{\"a\":1 \"b\":2}", -1, 1, 8, "expected “,” or “}”, found “\"”" },
  { "{\"a\" 1}", -1, 1, 6, "expected “:” after the member name" },
  { "[1,]", -1, 1, 4, "expected a value, found “]”" },
  { "{\"a\":1,}", -1, 1, 8, "expected a member name" },
  { "[1,,2]", -1, 1, 4, "expected a value, found “,”" },
  { "{\"a\"::1}", -1, 1, 6, "expected a value, found “:”" },
  { "{\"a\":1,,\"b\":2}", -1, 1, 8, "expected a member name" },
  { "[1 2]", -1, 1, 4, "expected “,” or “]”" },
  { "[\"a\" \"b\"]", -1, 1, 6, "expected “,” or “]”" },
  { "{1:2}", -1, 1, 2, "expected a member name" },
  { "[tru]", -1, 1, 5, "invalid literal (expected “true”)" },
  { "[nulll]", -1, 1, 6, "invalid literal (expected “null”)" },
  { "[fals]", -1, 1, 6, "invalid literal (expected “false”)" },
  { "[True]", -1, 1, 2, "expected a value, found “T”" },
  { "[undefined]", -1, 1, 2, "expected a value" },
  { "[01]", -1, 1, 2, "leading zeros" },
  { "[-01]", -1, 1, 3, "leading zeros" },
  { "[-]", -1, 1, 3, "expected a digit, found “]”" },
  { "[1.]", -1, 1, 4, "after the decimal point" },
  { "[1e]", -1, 1, 4, "in the exponent" },
  { "[1e+]", -1, 1, 5, "in the exponent" },
  { "[.5]", -1, 1, 2, "expected a value, found “.”" },
  { "[+1]", -1, 1, 2, "expected a value, found “+”" },
  { "[1x]", -1, 1, 3, "invalid number" },
  { "[1.5.3]", -1, 1, 5, "invalid number" },
  { "[0x10]", -1, 1, 3, "invalid number" },
  { "[\"a\tb\"]", -1, 1, 4, "control character U+0009" },
  { "[\"a\nb\"]", -1, 1, 4, "control character U+000A" },
  { "[\"\\x\"]", -1, 1, 3, "invalid escape" },
  { "[\"\\'\"]", -1, 1, 3, "invalid escape" },
  { "[\"\\u12G4\"]", -1, 1, 3, "invalid \\u escape" },
  { "[\"\\u12\"]", -1, 1, 3, "invalid \\u escape" },
  { "[\"\\ud800\"]", -1, 1, 3, "unpaired surrogate \\uD800" },
  { "[\"\\udc00\"]", -1, 1, 3, "unpaired surrogate \\uDC00" },
  { "[\"\\ud800\\u0041\"]", -1, 1, 3, "unpaired surrogate" },
  { "[\"x\\ud83d\\ud83d\"]", -1, 1, 4, "unpaired surrogate" },
  { "[\"\xff\"]", -1, 1, 3, "invalid UTF-8" },
  { "[\"\xc3\"]", -1, 1, 3, "invalid UTF-8" },
  { "[\"\xed\xa0\x80\"]", -1, 1, 3, "invalid UTF-8" },
  { "[\"abc", -1, 1, 6, "unterminated string" },
  { "[\"abc\\", -1, 1, 7, "unterminated string" },
  { "{\"a\":1} x", -1, 1, 9, "expected the end of the text after the value, found “x”" },
  { "{\"a\":1}}", -1, 1, 8, "expected the end of the text" },
  { "1 2", -1, 1, 3, "expected the end of the text" },
  { "", -1, 1, 1, "expected a value, found the end of the text" },
  { "   ", -1, 1, 4, "expected a value, found the end of the text" },
  { "{\"a\":1", -1, 1, 7, "expected “,” or “}”, found the end of the text" },
  { "[1,", -1, 1, 4, "expected a value, found the end of the text" },
  { "{\n  \"a\": 1,\n  \"b\" 2\n}", -1, 3, 7, "expected “:”" },
  { "[\r\n1,\r\n,2]", -1, 3, 1, "expected a value" },
  { "[\r1,\r,2]", -1, 3, 1, "expected a value" },
  { "[\"é\", x]", -1, 1, 7, "expected a value, found “x”" },
  { "[\"日本\",\n \"é\" ü]", -1, 2, 6, "found “ü”" },
  { "[1,\0]", 5, 1, 4, "found character U+0000" },
  { "[1]\xc3\xa9", -1, 1, 4, "found “é”" },
  { "[1]\xff", -1, 1, 4, "found byte 0xFF" },
};

static void
test_malformed (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (malformed_cases); i++)
    {
      const MalformedCase *tc = &malformed_cases[i];
      g_autoptr(GError) error = NULL;
      g_autofree char *expected = g_strdup_printf ("line %u, column %u: ", tc->line, tc->column);
      g_autofree char *shown = g_strescape (tc->text, NULL);
      guint line = 0, column = 0;

      g_test_message ("case %u: %s", i, shown);
      g_assert_false (dd_json_validate (tc->text, tc->len, &error));
      g_assert_error (error, DD_ERROR, DD_ERROR_INVALID_JSON);
      g_assert_true (g_str_has_prefix (error->message, expected));
      g_assert_nonnull (strstr (error->message, tc->what));
      g_assert_true (dd_json_error_get_location (error, &line, &column));
      g_assert_cmpuint (line, ==, tc->line);
      g_assert_cmpuint (column, ==, tc->column);
    }
}

static const char * const valid_cases[] = {
  "0", "-0", "1.5", "-1.5e-10", "1E+2", "12345678901234567890123456789012345678901234567890",
  "true", "false", "null", "\"\"", "[]", "{}", " [ ] ", "\t\r\n{ }\n",
  "{\"a\":{\"b\":[1,2,{\"c\":null}]}}",
  "[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\"]",
  "[\"é日本😀\x7f\"]",
  "{\"\":\"\"}",
  "{\"a\":1,\"a\":2}",
};

static void
test_valid (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (valid_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *shown = g_strescape (valid_cases[i], NULL);

      g_test_message ("case %u: %s", i, shown);
      g_assert_true (dd_json_validate (valid_cases[i], -1, &error));
      g_assert_no_error (error);
    }
}

static char *
nested (guint depth)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (s, i % 2 ? "[" : "{\"k\":");
  g_string_append (s, "1");
  for (guint i = depth; i > 0; i--)
    g_string_append (s, (i - 1) % 2 ? "]" : "}");
  return g_string_free (s, FALSE);
}

static void
test_depth (void)
{
  g_autofree char *ok32 = nested (32);
  g_autofree char *ok_max = nested (DD_JSON_MAX_DEPTH);
  g_autofree char *too_deep = nested (DD_JSON_MAX_DEPTH + 1);
  g_autofree char *absurd = g_strnfill (1000000, '[');
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;

  g_assert_true (dd_json_validate (ok32, -1, NULL));
  g_assert_true (dd_json_validate (ok_max, -1, NULL));
  g_assert_false (dd_json_validate (too_deep, -1, &error));
  g_assert_error (error, DD_ERROR, DD_ERROR_INVALID_JSON);
  g_assert_nonnull (strstr (error->message, "nesting deeper than 256 levels"));
  g_assert_false (dd_json_validate (absurd, -1, &error2));
  g_assert_cmpstr (error2->message, ==, "line 1, column 257: nesting deeper than 256 levels");
}

typedef struct
{
  DdJsonEvent  event;
  const char  *token;
} EventCase;

static void
test_reader_events (void)
{
  const char *text = " {\"a\" : [1.50, \"x\\n\", true, false, null], \"b\":{}} ";
  static const EventCase expected[] = {
    { DD_JSON_BEGIN_OBJECT, "{" }, { DD_JSON_KEY, "\"a\"" }, { DD_JSON_BEGIN_ARRAY, "[" },
    { DD_JSON_NUMBER, "1.50" }, { DD_JSON_STRING, "\"x\\n\"" }, { DD_JSON_TRUE, "true" },
    { DD_JSON_FALSE, "false" }, { DD_JSON_NULL, "null" }, { DD_JSON_END_ARRAY, "]" },
    { DD_JSON_KEY, "\"b\"" }, { DD_JSON_BEGIN_OBJECT, "{" }, { DD_JSON_END_OBJECT, "}" },
    { DD_JSON_END_OBJECT, "}" },
  };
  DdJsonReader reader;

  dd_json_reader_init (&reader, text, strlen (text));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *token = NULL;

      g_assert_cmpint (dd_json_reader_next (&reader, NULL), ==, expected[i].event);
      token = g_strndup (dd_json_reader_token (&reader), dd_json_reader_token_length (&reader));
      g_assert_cmpstr (token, ==, expected[i].token);
      g_assert_cmpint (dd_json_reader_token_escaped (&reader), ==, i == 4);
    }
  g_assert_cmpint (dd_json_reader_next (&reader, NULL), ==, DD_JSON_END);
  g_assert_cmpint (dd_json_reader_next (&reader, NULL), ==, DD_JSON_END);
}

static void
test_reader_skip (void)
{
  const char *text = "[{\"a\":[[1],{\"b\":2}]},3]";
  DdJsonReader reader;
  DdJsonEvent ev;

  dd_json_reader_init (&reader, text, strlen (text));
  g_assert_cmpint (dd_json_reader_next (&reader, NULL), ==, DD_JSON_BEGIN_ARRAY);
  ev = dd_json_reader_next (&reader, NULL);
  g_assert_cmpint (ev, ==, DD_JSON_BEGIN_OBJECT);
  g_assert_true (dd_json_reader_skip (&reader, ev, NULL));
  g_assert_cmpuint (dd_json_reader_get_depth (&reader), ==, 1);
  g_assert_cmpint (dd_json_reader_next (&reader, NULL), ==, DD_JSON_NUMBER);
  g_assert_cmpint (*dd_json_reader_token (&reader), ==, '3');
}

static void
test_reader_error_sticks (void)
{
  DdJsonReader reader;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) again = NULL;

  dd_json_reader_init (&reader, "[1,,2]", 6);
  g_assert_cmpint (dd_json_reader_next (&reader, NULL), ==, DD_JSON_BEGIN_ARRAY);
  g_assert_cmpint (dd_json_reader_next (&reader, NULL), ==, DD_JSON_NUMBER);
  g_assert_cmpint (dd_json_reader_next (&reader, &error), ==, DD_JSON_ERROR);
  g_assert_cmpint (dd_json_reader_next (&reader, &again), ==, DD_JSON_ERROR);
  g_assert_error (again, DD_ERROR, DD_ERROR_INVALID_JSON);
  g_assert_true (g_str_has_prefix (again->message, "line 1, column 4: "));
}

static void
test_tokenize (void)
{
  const char *text = "{\"a\":[1,\"x\\\"\"],\"b\":{\"c\":null}}";
  static const struct
  {
    DdJsonTokenType type;
    guint           size;
    gint            parent;
    const char     *text;
  } expected[] = {
    { DD_JSON_TOKEN_OBJECT, 2, -1, "{\"a\":[1,\"x\\\"\"],\"b\":{\"c\":null}}" },
    { DD_JSON_TOKEN_KEY, 1, 0, "a" },
    { DD_JSON_TOKEN_ARRAY, 2, 1, "[1,\"x\\\"\"]" },
    { DD_JSON_TOKEN_NUMBER, 0, 2, "1" },
    { DD_JSON_TOKEN_STRING, 0, 2, "x\\\"" },
    { DD_JSON_TOKEN_KEY, 1, 0, "b" },
    { DD_JSON_TOKEN_OBJECT, 1, 5, "{\"c\":null}" },
    { DD_JSON_TOKEN_KEY, 1, 6, "c" },
    { DD_JSON_TOKEN_NULL, 0, 7, "null" },
  };
  g_autoptr(GArray) tokens = dd_json_tokenize (text, -1, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (tokens);
  g_assert_cmpuint (tokens->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < tokens->len; i++)
    {
      const DdJsonToken *tok = &g_array_index (tokens, DdJsonToken, i);
      g_autofree char *span = g_strndup (text + tok->start, tok->end - tok->start);

      g_assert_cmpint (tok->type, ==, expected[i].type);
      g_assert_cmpuint (tok->size, ==, expected[i].size);
      g_assert_cmpint (tok->parent, ==, expected[i].parent);
      g_assert_cmpstr (span, ==, expected[i].text);
      g_assert_cmpint (tok->escaped, ==, i == 4);
    }
  g_assert_null (dd_json_tokenize ("{\"a\":1,}", -1, &error));
  g_assert_error (error, DD_ERROR, DD_ERROR_INVALID_JSON);
}

static void
test_line_column (void)
{
  static const struct
  {
    const char *text;
    gsize       offset;
    guint       line;
    guint       column;
  } cases[] = {
    { "abc", 0, 1, 1 },
    { "abc", 2, 1, 3 },
    { "abc", 99, 1, 4 },
    { "a\nbc", 2, 2, 1 },
    { "a\nbc", 3, 2, 2 },
    { "a\r\nbc", 3, 2, 1 },
    { "a\r\nbc", 4, 2, 2 },
    { "a\rbc", 2, 2, 1 },
    { "\n\n\nx", 3, 4, 1 },
    { "é日x", 5, 1, 3 },
    { "😀x", 4, 1, 2 },
    { "\tx", 1, 1, 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint line = 0, column = 0;

      dd_json_offset_to_line_column (cases[i].text, strlen (cases[i].text), cases[i].offset,
                                     &line, &column);
      g_assert_cmpuint (line, ==, cases[i].line);
      g_assert_cmpuint (column, ==, cases[i].column);
    }
}

static void
test_error_at (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) other = g_error_new_literal (DD_ERROR, DD_ERROR_FAILED, "no location");
  guint line, column;

  dd_json_set_error_at (&error, DD_ERROR_INVALID_INPUT, "ab\ncd", 5, 4, "bad %s", "thing");
  g_assert_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, "line 2, column 2: bad thing");
  g_assert_true (dd_json_error_get_location (error, &line, &column));
  g_assert_cmpuint (line, ==, 2);
  g_assert_cmpuint (column, ==, 2);
  g_assert_false (dd_json_error_get_location (other, &line, &column));
  dd_json_set_error_at (NULL, DD_ERROR_INVALID_INPUT, "x", 1, 0, "ignored");
}

static void
test_append_string (void)
{
  static const struct
  {
    const char *in;
    gssize      len;
    const char *out;
  } cases[] = {
    { "", -1, "\"\"" },
    { "plain", -1, "\"plain\"" },
    { "a\"b\\c/d", -1, "\"a\\\"b\\\\c/d\"" },
    { "\b\f\n\r\t", -1, "\"\\b\\f\\n\\r\\t\"" },
    { "\x01\x1f\x7f", -1, "\"\\u0001\\u001f\x7f\"" },
    { "a\0b", 3, "\"a\\u0000b\"" },
    { "café 日本 😀", -1, "\"café 日本 😀\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new ("x");
      g_autoptr(GString) back = g_string_new (NULL);
      gsize in_len = cases[i].len < 0 ? strlen (cases[i].in) : (gsize) cases[i].len;

      dd_json_append_string (out, cases[i].in, cases[i].len);
      g_assert_cmpstr (out->str + 1, ==, cases[i].out);
      g_assert_true (dd_json_validate (out->str + 1, -1, NULL));
      dd_json_string_decode (back, out->str + 1, out->len - 1);
      g_assert_cmpmem (back->str, back->len, cases[i].in, in_len);
    }
}

static void
test_decode (void)
{
  static const struct
  {
    const char *token;
    const char *decoded;
  } cases[] = {
    { "\"\"", "" },
    { "\"abc\"", "abc" },
    { "\"\\u00e9\"", "é" },
    { "\"caf\\u00E9!\"", "café!" },
    { "\"\\ud83d\\ude00\"", "😀" },
    { "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\\/\b\f\n\r\t" },
    { "\"é\\n日\"", "é\n日" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      g_assert_true (dd_json_validate (cases[i].token, -1, NULL));
      dd_json_string_decode (out, cases[i].token, strlen (cases[i].token));
      g_assert_cmpstr (out->str, ==, cases[i].decoded);
    }
}

static void
test_string_equal (void)
{
  g_assert_true (dd_json_string_equal ("\"Item\"", 6, FALSE, "Item"));
  g_assert_false (dd_json_string_equal ("\"Item\"", 6, FALSE, "Items"));
  g_assert_false (dd_json_string_equal ("\"Items\"", 7, FALSE, "Item"));
  g_assert_true (dd_json_string_equal ("\"\\u0049tem\"", 11, TRUE, "Item"));
  g_assert_false (dd_json_string_equal ("\"\\u0049te\"", 10, TRUE, "Item"));
  g_assert_true (dd_json_string_equal ("\"\"", 2, FALSE, ""));
}

int
main (int    argc,
      char **argv)
{
  dd_test_init (&argc, &argv);

  g_test_add_func ("/dd/json/malformed", test_malformed);
  g_test_add_func ("/dd/json/valid", test_valid);
  g_test_add_func ("/dd/json/depth", test_depth);
  g_test_add_func ("/dd/json/reader/events", test_reader_events);
  g_test_add_func ("/dd/json/reader/skip", test_reader_skip);
  g_test_add_func ("/dd/json/reader/error-sticks", test_reader_error_sticks);
  g_test_add_func ("/dd/json/tokenize", test_tokenize);
  g_test_add_func ("/dd/json/line-column", test_line_column);
  g_test_add_func ("/dd/json/error-at", test_error_at);
  g_test_add_func ("/dd/json/append-string", test_append_string);
  g_test_add_func ("/dd/json/decode", test_decode);
  g_test_add_func ("/dd/json/string-equal", test_string_equal);

  return g_test_run ();
}
