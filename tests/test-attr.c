/* test-attr.c: attribute values, plain JSON <-> DynamoDB JSON.
 *
 * JSON in the tables is written with ' for " (j() swaps them back), so
 * that a case reads as the JSON it is.
 */
#define G_LOG_DOMAIN "test-attr"

#include "config.h"

#include <string.h>

#include "dd-attr.h"
#include "dd-error.h"
#include "dd-json.h"
#include "dd-test-dynamo.h"

static const char * const default_paths[] = {
  "Item", "Key", "ExpressionAttributeValues", "ExclusiveStartKey",
  "RequestItems.*.[].PutRequest.Item", "RequestItems.*.[].DeleteRequest.Key",
  "Items.[]", "LastEvaluatedKey", "Parameters.[]@", NULL,
};

typedef enum
{
  ITEM_DETECT,        /* dd_attr_item_to_typed, DETECT */
  ITEM_PLAIN,         /* dd_attr_item_to_typed, PLAIN */
  ITEM_TYPED,         /* dd_attr_item_to_typed, TYPED */
  ITEM_TO_PLAIN,      /* dd_attr_item_to_plain */
  DOC_DETECT,         /* dd_attr_document_to_typed, DETECT, default paths */
  DOC_PLAIN,          /* ... PLAIN */
  DOC_TYPED,          /* ... TYPED */
  DOC_TO_PLAIN,       /* dd_attr_document_to_plain, default paths */
} Mode;

static char *
j (const char *text)
{
  char *s = g_strdup (text);

  g_strdelimit (s, "'", '"');
  return s;
}

static char *
run (Mode                mode,
     const char         *text,
     const char * const *paths,
     GError            **error)
{
  if (paths == NULL)
    paths = default_paths;
  switch (mode)
    {
    case ITEM_DETECT: return dd_attr_item_to_typed (text, -1, DD_ATTR_READING_DETECT, error);
    case ITEM_PLAIN: return dd_attr_item_to_typed (text, -1, DD_ATTR_READING_PLAIN, error);
    case ITEM_TYPED: return dd_attr_item_to_typed (text, -1, DD_ATTR_READING_TYPED, error);
    case ITEM_TO_PLAIN: return dd_attr_item_to_plain (text, -1, error);
    case DOC_DETECT: return dd_attr_document_to_typed (text, -1, paths, DD_ATTR_READING_DETECT, error);
    case DOC_PLAIN: return dd_attr_document_to_typed (text, -1, paths, DD_ATTR_READING_PLAIN, error);
    case DOC_TYPED: return dd_attr_document_to_typed (text, -1, paths, DD_ATTR_READING_TYPED, error);
    case DOC_TO_PLAIN: return dd_attr_document_to_plain (text, -1, paths, error);
    default: g_assert_not_reached ();
    }
}

/* Runs mode on text (in ' form) and checks the output (in ' form). */
static void
check_output (Mode                mode,
              const char         *text,
              const char * const *paths,
              const char         *expected)
{
  g_autofree char *in = j (text);
  g_autofree char *want = j (expected);
  g_autofree char *shown = g_strescape (text, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  g_test_message ("mode %d: %.160s", mode, shown);
  out = run (mode, in, paths, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, want);
  g_assert_true (dd_json_validate (out, -1, NULL));
}

/* Runs mode on text and checks the error: code, line:column, words. */
static void
check_error (Mode                mode,
             const char         *text,
             const char * const *paths,
             int                 code,
             guint               line,
             guint               column,
             const char         *what)
{
  g_autofree char *in = j (text);
  g_autofree char *want = j (what);
  g_autofree char *prefix = g_strdup_printf ("line %u, column %u: ", line, column);
  g_autofree char *shown = g_strescape (text, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  g_test_message ("mode %d: %.160s", mode, shown);
  out = run (mode, in, paths, &error);
  g_assert_null (out);
  g_assert_error (error, DD_ERROR, code);
  if (!g_str_has_prefix (error->message, prefix) || strstr (error->message, want) == NULL)
    g_error ("“%s” should start with “%s” and hold “%s”", error->message, prefix, want);
}

/* Round trips */

typedef struct
{
  const char *plain;
  const char *typed;
} RoundTripCase;

static const RoundTripCase round_trip_cases[] = {
  { "{}", "{}" },
  { "{'s':'hello','e':'','sp':' a  b '}",
    "{'s':{'S':'hello'},'e':{'S':''},'sp':{'S':' a  b '}}" },
  { "{'a':12345678901234567890123456789012345678,'b':0.000000000000000000000000000000000001,"
    "'c':-1E-130,'d':9.9999999999999999999999999999999999999E+125,'z':0,'nz':-0,'m':-0.5,"
    "'e':1.50e+3,'i':-42,'t':100000000000000000000000000000000000000000}",
    "{'a':{'N':'12345678901234567890123456789012345678'},"
    "'b':{'N':'0.000000000000000000000000000000000001'},'c':{'N':'-1E-130'},"
    "'d':{'N':'9.9999999999999999999999999999999999999E+125'},'z':{'N':'0'},'nz':{'N':'-0'},"
    "'m':{'N':'-0.5'},'e':{'N':'1.50e+3'},'i':{'N':'-42'},"
    "'t':{'N':'100000000000000000000000000000000000000000'}}" },
  { "{'t':true,'f':false,'n':null}",
    "{'t':{'BOOL':true},'f':{'BOOL':false},'n':{'NULL':true}}" },
  { "{'m':{'x':{'y':[1,'a',[],{}]}},'l':[],'o':{}}",
    "{'m':{'M':{'x':{'M':{'y':{'L':[{'N':'1'},{'S':'a'},{'L':[]},{'M':{}}]}}}}},"
    "'l':{'L':[]},'o':{'M':{}}}" },
  { "{'u':'caf\\u00e9 \\ud83d\\ude00 é 日本 😀','q':'say \\'hi\\' \\\\ \\/ \\n'}",
    "{'u':{'S':'caf\\u00e9 \\ud83d\\ude00 é 日本 😀'},'q':{'S':'say \\'hi\\' \\\\ \\/ \\n'}}" },
  { "{'k\\u00e9y':1,'':'empty name'}",
    "{'k\\u00e9y':{'N':'1'},'':{'S':'empty name'}}" },
  { "{'S':'x'}", "{'S':{'S':'x'}}" },
};

static void
test_round_trip (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (round_trip_cases); i++)
    {
      const RoundTripCase *tc = &round_trip_cases[i];

      check_output (ITEM_DETECT, tc->plain, NULL, tc->typed);
      check_output (ITEM_PLAIN, tc->plain, NULL, tc->typed);
      check_output (ITEM_TO_PLAIN, tc->typed, NULL, tc->plain);
      check_output (ITEM_DETECT, tc->typed, NULL, tc->typed);
      check_output (ITEM_TYPED, tc->typed, NULL, tc->typed);
    }
}

/* Typed values with no plain form of their own: sets and binary. */
static const RoundTripCase typed_only_cases[] = {
  { "{'ss':['a','b'],'ns':[1,2.5E3,-0.1],'bs':['AAEC','/w==','+/8='],'b':'AAECAwQ=','eb':''}",
    "{'ss':{'SS':['a','b']},'ns':{'NS':['1','2.5E3','-0.1']},"
    "'bs':{'BS':['AAEC','/w==','+/8=']},'b':{'B':'AAECAwQ='},'eb':{'B':''}}" },
  { "{'n':12345678901234567890123456789012345678,'s':-1E-130,'x':9.9999999999999999999999999999999999999E+125}",
    "{'n':{'N':'12345678901234567890123456789012345678'},'s':{'N':'-1E-130'},"
    "'x':{'N':'9.9999999999999999999999999999999999999E+125'}}" },
  { "{'m':{'s':['x']},'l':[[7],{'b':'AA=='}]}",
    "{'m':{'M':{'s':{'SS':['x']}}},'l':{'L':[{'NS':['7']},{'M':{'b':{'B':'AA=='}}}]}}" },
  { "{'e':['',' ']}", "{'e':{'SS':['',' ']}}" },
  { "{'u':['\\u00e9','e']}", "{'u':{'SS':['\\u00e9','e']}}" },
};

static void
test_typed_only (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (typed_only_cases); i++)
    {
      const RoundTripCase *tc = &typed_only_cases[i];

      check_output (ITEM_TO_PLAIN, tc->typed, NULL, tc->plain);
      check_output (ITEM_DETECT, tc->typed, NULL, tc->typed);
      check_output (ITEM_TYPED, tc->typed, NULL, tc->typed);
    }
}

static void
test_escaped_type_names (void)
{
  /* "\u0053" is "S": still a descriptor; the output names the type plainly. */
  check_output (ITEM_TO_PLAIN, "{'a':{'\\u0053':'x'}}", NULL, "{'a':'x'}");
  check_output (ITEM_TYPED, "{'a':{'\\u0053':'x'}}", NULL, "{'a':{'S':'x'}}");
  check_output (ITEM_TO_PLAIN, "{'a':{'N':'\\u0031.5'}}", NULL, "{'a':1.5}");
  check_output (ITEM_TO_PLAIN, "{'a':{'B':'\\/w=='}}", NULL, "{'a':'\\/w=='}");
}

/* Deep nesting */

static char *
nested_plain (guint levels)
{
  GString *s = g_string_new ("{'top':");

  for (guint i = 0; i < levels; i++)
    g_string_append (s, i % 2 ? "['x'," : "{'k':");
  g_string_append (s, "1");
  for (guint i = levels; i > 0; i--)
    g_string_append (s, (i - 1) % 2 ? "]" : "}");
  g_string_append (s, "}");
  return g_string_free (s, FALSE);
}

static char *
nested_typed (guint levels)
{
  GString *s = g_string_new ("{'top':");

  for (guint i = 0; i < levels; i++)
    g_string_append (s, i % 2 ? "{'L':[{'S':'x'}," : "{'M':{'k':");
  g_string_append (s, "{'N':'1'}");
  for (guint i = levels; i > 0; i--)
    g_string_append (s, (i - 1) % 2 ? "]}" : "}}");
  g_string_append (s, "}");
  return g_string_free (s, FALSE);
}

/* The column of the n-th '{' or '[' of text (1-based). */
static guint
bracket_column (const char *text,
                guint       n)
{
  for (guint i = 0; text[i] != '\0'; i++)
    if ((text[i] == '{' || text[i] == '[') && --n == 0)
      return i + 1;
  g_assert_not_reached ();
}

static void
test_deep (void)
{
  g_autofree char *plain = nested_plain (32);
  g_autofree char *typed = nested_typed (32);
  g_autofree char *plain_deeper = nested_plain (120);
  g_autofree char *typed_deeper = nested_typed (120);
  g_autoptr(GString) plain_deep = g_string_new ("{'Item':{'a':");
  g_autoptr(GString) typed_deep = g_string_new ("{'Items':[{'a':");
  g_autoptr(GString) other_deep = g_string_new ("{'Other':");

  check_output (ITEM_DETECT, plain, NULL, typed);
  check_output (ITEM_TO_PLAIN, typed, NULL, plain);
  check_output (ITEM_TYPED, typed, NULL, typed);
  check_output (ITEM_DETECT, plain_deeper, NULL, typed_deeper);
  check_output (ITEM_TO_PLAIN, typed_deeper, NULL, plain_deeper);

  /* far too deep: refused where the 257th level opens, whichever part
   * of the converter reads it */
  for (guint i = 0; i < 100000; i++)
    {
      g_string_append_c (plain_deep, '[');
      g_string_append (typed_deep, "{'L':[");
      g_string_append (other_deep, "[{'x':");
    }
  /* plain: refused sooner, where its typed form would pass 256 levels
   * (the 128th array, at levels 257 and 258: see test_deep_limit) */
  check_error (DOC_DETECT, plain_deep->str, NULL, DD_ERROR_INVALID_INPUT, 1,
               bracket_column (plain_deep->str, 130), "would be at level 258, more than 256");
  check_error (DOC_TO_PLAIN, typed_deep->str, NULL, DD_ERROR_INVALID_JSON, 1,
               bracket_column (typed_deep->str, 257), "nesting deeper than 256 levels");
  check_error (DOC_TO_PLAIN, other_deep->str, NULL, DD_ERROR_INVALID_JSON, 1,
               bracket_column (other_deep->str, 257), "nesting deeper than 256 levels");
}

/* {'a':[[...[1]...]]} with n arrays, or {'Item':...} around it. */
static char *
nested_arrays (guint        n,
               const char  *innermost,
               gboolean     document)
{
  GString *s = g_string_new (document ? "{'Item':{'a':" : "{'a':");

  for (guint i = 0; i < n; i++)
    g_string_append_c (s, '[');
  g_string_append (s, innermost);
  for (guint i = 0; i < n; i++)
    g_string_append_c (s, ']');
  g_string_append (s, document ? "}}" : "}");
  return g_string_free (s, FALSE);
}

/* The typed form of the same: each array is {'L':[...]}. */
static char *
nested_lists (guint        n,
              const char  *innermost)
{
  GString *s = g_string_new ("{'a':");

  for (guint i = 0; i < n; i++)
    g_string_append (s, "{'L':[");
  g_string_append (s, innermost);
  for (guint i = 0; i < n; i++)
    g_string_append (s, "]}");
  g_string_append (s, "}");
  return g_string_free (s, FALSE);
}

/* The deepest nesting of text (in ' form), by the reader's depth. */
static guint
max_depth (const char *text)
{
  g_autofree char *in = j (text);
  DdJsonReader r;
  DdJsonEvent ev;
  guint deepest = 0;

  dd_json_reader_init (&r, in, strlen (in));
  while ((ev = dd_json_reader_next (&r, NULL)) != DD_JSON_END)
    {
      g_assert_cmpint (ev, !=, DD_JSON_ERROR);
      deepest = MAX (deepest, dd_json_reader_get_depth (&r));
    }
  return deepest;
}

/* Each plain level becomes two typed levels: plain text whose typed form
 * would be deeper than DD_JSON_MAX_DEPTH is refused where the value that
 * is too deep starts, so whatever converts to typed reads back, and typed
 * text the reader takes converts to plain that converts back to it. */
static void
test_deep_limit (void)
{
  /* {'a':[ x127 1 ]}: the item, 127 arrays of two levels, the N */
  g_autofree char *deepest = nested_arrays (127, "1", FALSE);
  g_autofree char *deepest_typed = nested_lists (127, "{'N':'1'}");
  g_autofree char *deepest_empty = nested_arrays (127, "", FALSE);
  g_autofree char *too_deep = nested_arrays (128, "1", FALSE);
  g_autofree char *too_deep_empty = nested_arrays (128, "", FALSE);
  g_autofree char *doc_deepest = nested_arrays (126, "'s'", TRUE);
  g_autofree char *doc_too_deep = nested_arrays (127, "'s'", TRUE);
  g_autofree char *typed_too_deep = nested_lists (128, "{'N':'1'}");

  g_assert_cmpuint (max_depth (deepest_typed), ==, DD_JSON_MAX_DEPTH);
  check_output (ITEM_PLAIN, deepest, NULL, deepest_typed);
  check_output (ITEM_DETECT, deepest, NULL, deepest_typed);
  check_output (ITEM_TO_PLAIN, deepest_typed, NULL, deepest);
  check_output (ITEM_TYPED, deepest_typed, NULL, deepest_typed);
  {
    g_autofree char *in = j (deepest_empty);
    g_autofree char *out = dd_attr_item_to_typed (in, -1, DD_ATTR_READING_PLAIN, NULL);

    g_assert_nonnull (out);
    g_assert_true (dd_json_validate (out, -1, NULL));
  }

  /* the 128th array would open levels 257 and 258 */
  check_error (ITEM_PLAIN, too_deep, NULL, DD_ERROR_INVALID_INPUT, 1,
               bracket_column (too_deep, 129), "nested too deeply");
  check_error (ITEM_DETECT, too_deep, NULL, DD_ERROR_INVALID_INPUT, 1,
               bracket_column (too_deep, 129), "attribute “a”: nested too deeply");
  check_error (ITEM_PLAIN, too_deep_empty, NULL, DD_ERROR_INVALID_INPUT, 1,
               bracket_column (too_deep_empty, 129), "level 257, more than 256");
  /* the levels of the document count too */
  {
    g_autofree char *in = j (doc_deepest);
    g_autofree char *out = dd_attr_document_to_typed (in, -1, default_paths,
                                                      DD_ATTR_READING_PLAIN, NULL);

    g_assert_nonnull (out);
    g_assert_true (dd_json_validate (out, -1, NULL));
  }
  /* there the arrays fit, but not the string in the innermost one */
  check_error (DOC_PLAIN, doc_too_deep, NULL, DD_ERROR_INVALID_INPUT, 1,
               (guint) (strstr (doc_too_deep, "'s'") - doc_too_deep) + 1,
               "level 257, more than 256");
  /* typed text one level deeper than the reader takes has no plain form
   * here either */
  check_error (ITEM_TO_PLAIN, typed_too_deep, NULL, DD_ERROR_INVALID_JSON, 1,
               bracket_column (typed_too_deep, 257), "nesting deeper than 256 levels");
}

/* Numbers */

typedef struct
{
  const char *text;
  const char *reason;   /* NULL: valid */
} NumberCase;

static const NumberCase number_cases[] = {
  { "0", NULL }, { "-0", NULL }, { "0.0", NULL }, { "1", NULL }, { "-42.5e-3", NULL },
  { "12345678901234567890123456789012345678", NULL },
  { "-12345678901234567890123456789012345678", NULL },
  { "1234567890123456789012345678901234567.8", NULL },
  { "0.000000000000000000000000000000000001", NULL },
  { "1E-130", NULL }, { "-1E-130", NULL }, { "0.1E-129", NULL },
  { "9.9999999999999999999999999999999999999E+125", NULL },
  { "-9.9999999999999999999999999999999999999E125", NULL },
  { "10E124", NULL },
  { "1.0000000000000000000000000000000000000000000", NULL },
  { "100000000000000000000000000000000000000000", NULL },
  { "0E99999999999999999999", NULL },
  { "0.00000000000000000000000000000000000000000000000000000000000000000000000000000", NULL },
  { "123456789012345678901234567890123456789", "more than 38 significant digits" },
  { "1.23456789012345678901234567890123456789", "more than 38 significant digits" },
  { "0.000123456789012345678901234567890123456789", "more than 38 significant digits" },
  { "1.00000000000000000000000000000000000001", "more than 38 significant digits" },
  { "1E126", "magnitude above" }, { "10E125", "magnitude above" },
  { "-1E126", "magnitude above" },
  { "99999999999999999999999999999999999999E89", "magnitude above" },
  { "99999999999999999999999999999999999999E88", NULL },
  { "1E99999999999999999999", "magnitude above" },
  { "1E-131", "magnitude below" }, { "0.1E-130", "magnitude below" },
  { "-1E-131", "magnitude below" }, { "1E-99999999999999999999", "magnitude below" },
  { "", "not a number" }, { "-", "not a number" }, { "abc", "not a number" },
  { "1.", "not a number" }, { ".5", "not a number" }, { "+1", "not a number" },
  { "01", "not a number" }, { "1e", "not a number" }, { "1e+", "not a number" },
  { " 1", "not a number" }, { "1 ", "not a number" }, { "0x10", "not a number" },
  { "NaN", "not a number" }, { "Infinity", "not a number" }, { "1,5", "not a number" },
};

static void
test_number_valid (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (number_cases); i++)
    {
      const NumberCase *tc = &number_cases[i];
      const char *reason = "unset";
      gboolean valid = dd_attr_number_is_valid (tc->text, strlen (tc->text), &reason);

      g_test_message ("number “%s”", tc->text);
      g_assert_cmpint (valid, ==, tc->reason == NULL);
      if (tc->reason == NULL)
        g_assert_null (reason);
      else
        g_assert_nonnull (strstr (reason, tc->reason));
    }
  g_assert_true (dd_attr_number_is_valid ("12x", 2, NULL));
}

typedef struct
{
  Mode         mode;
  const char  *text;
  guint        line;
  guint        column;
  const char  *what;
} ErrorCase;

static const ErrorCase number_error_cases[] = {
  { ITEM_DETECT, "{'x': 123456789012345678901234567890123456789}", 1, 7,
    "attribute “x”: the number “123456789012345678901234567890123456789” cannot be stored "
    "(more than 38 significant digits)" },
  { ITEM_DETECT, "{'x':1E126}", 1, 6, "attribute “x”: the number “1E126”" },
  { ITEM_DETECT, "{'x':1E-131}", 1, 6, "(magnitude below 1E-130)" },
  { ITEM_PLAIN, "{'x':[1,[2E200]]}", 1, 10, "attribute “x”: the number “2E200”" },
  { ITEM_DETECT, "{'a':1,'y':{'z':1E-131}}", 1, 17, "attribute “y”" },
  { DOC_DETECT, "{\n 'TableName': 't',\n 'Item': {\n  'price': 1E-131\n }\n}", 4, 12,
    "attribute “price”: the number “1E-131” cannot be stored" },
  { ITEM_TO_PLAIN, "{'x':{'N':'1E126'}}", 1, 11, "attribute “x”: the number “1E126”" },
  { ITEM_TO_PLAIN, "{'x':{'N':'123456789012345678901234567890123456789'}}", 1, 11,
    "more than 38 significant digits" },
  { ITEM_TYPED, "{'x':{'N':'1E-131'}}", 1, 11, "magnitude below" },
  { ITEM_DETECT, "{'x':{'N':'1E-131'}}", 1, 11, "magnitude below" },
  { ITEM_TO_PLAIN, "{'x':{'NS':['1','1E-131']}}", 1, 17, "the number “1E-131”" },
  { ITEM_TO_PLAIN, "{'x':{'N':'abc'}}", 1, 11, "(not a number)" },
  { ITEM_TO_PLAIN, "{'x':{'N':''}}", 1, 11, "(not a number)" },
  { ITEM_TO_PLAIN, "{'x':{'N':'.5'}}", 1, 11, "(not a number)" },
  { DOC_TYPED, "{'Parameters':[{'S':'a'},{'N':'1E200'}]}", 1, 31,
    "element [1]: the number “1E200”" },
};

static void
check_error_cases (const ErrorCase *cases,
                   guint            n,
                   int              code)
{
  for (guint i = 0; i < n; i++)
    check_error (cases[i].mode, cases[i].text, NULL, code,
                 cases[i].line, cases[i].column, cases[i].what);
}

static void
test_number_refused (void)
{
  check_error_cases (number_error_cases, G_N_ELEMENTS (number_error_cases),
                     DD_ERROR_INVALID_INPUT);
}

/* Malformed JSON, inside and outside the attribute values */

static const char seed_get_item_unclosed[] =
  "{\n"
  "    'Key': {\n"
  "        'ForumName': {\n"
  "            'S': 'Amazon DynamoDB'\n"
  "        },\n"
  "        'Subject': {\n"
  "            'S': 'How do I update multiple items?'\n"
  "        }\n"
  "}";

static const ErrorCase malformed_cases[] = {
  { DOC_DETECT, "{'Item':{'a':1 'b':2}}", 1, 16, "expected “,” or “}”" },
  { DOC_DETECT, "{'Item':{'a':[1,]}}", 1, 17, "expected a value, found “]”" },
  { DOC_DETECT, "{'Item':{'a':1,}}", 1, 16, "expected a member name" },
  { DOC_DETECT, "{'Item':{'a' 1}}", 1, 14, "expected “:”" },
  { DOC_DETECT, "{'Item':{'a':tru}}", 1, 17, "invalid literal" },
  { DOC_DETECT, "{'Item':{'a':nulll}}", 1, 18, "invalid literal" },
  { DOC_DETECT, "{'Item':{'a':01}}", 1, 14, "leading zeros" },
  { DOC_DETECT, "{'Item':{'a':'x\ty'}}", 1, 16, "control character U+0009" },
  { DOC_DETECT, "{'Item':{'a':'\\q'}}", 1, 15, "invalid escape" },
  { DOC_DETECT, "{'Item':{'a':'\\ud800'}}", 1, 15, "unpaired surrogate" },
  { DOC_DETECT, "{'Item':{'a':'\\udc00x'}}", 1, 15, "unpaired surrogate" },
  { DOC_DETECT, "{'Item':{'a':1,,'b':2}}", 1, 16, "expected a member name" },
  { DOC_DETECT, "{'Item':{'a':[1,,2]}}", 1, 17, "expected a value" },
  { DOC_DETECT, "{'Item':{'a'::1}}", 1, 14, "expected a value" },
  { DOC_DETECT, "{'Item':{'a':1}} x", 1, 18, "expected the end of the text" },
  { DOC_DETECT, "{'Item':{'a':1}}}", 1, 17, "expected the end of the text" },
  { DOC_DETECT, "{'TableName':'t',,'Item':{}}", 1, 18, "expected a member name" },
  { DOC_DETECT, "{'Limit': 01}", 1, 11, "leading zeros" },
  { DOC_DETECT, "{'Limit': -}", 1, 12, "expected a digit" },
  { DOC_DETECT, seed_get_item_unclosed, 9, 2, "expected “,” or “}”, found the end of the text" },
  { DOC_TYPED, "{'Item':{'a':{'S':'x'} 'b':{'S':'y'}}}", 1, 24, "expected “,” or “}”" },
  { DOC_PLAIN, "{'Item':{'a':{'S':'x',}}}", 1, 23, "expected a member name" },
  { ITEM_DETECT, "{'a':{'S':'x'},'b':{'S':'y'}", 1, 29, "found the end of the text" },
  { ITEM_DETECT, "{'a':{'S':'x'},'b':{'S':'y',}}", 1, 29, "expected a member name" },
  { DOC_TO_PLAIN, "{'Items':[{'a':{'S':'x'} 'b':{'S':'y'}}]}", 1, 26, "expected “,” or “}”" },
  { DOC_TO_PLAIN, "{'Items':[{'a':{'N':'1'},}]}", 1, 26, "expected a member name" },
  { DOC_TO_PLAIN, "{'Items':[{'a':{'BOOL':tru}}]}", 1, 27, "invalid literal" },
  { DOC_TO_PLAIN, "{'Items':[],'Count':01}", 1, 21, "leading zeros" },
  { DOC_TO_PLAIN, "{'Items':[{'a':{'SS':['x',,'y']}}]}", 1, 27, "expected a value" },
  { DOC_TO_PLAIN, "{'Items':[]}[]", 1, 13, "expected the end of the text" },
  { ITEM_TO_PLAIN, "{'a':{'S':'\\u12'}}", 1, 12, "invalid \\u escape" },
  { ITEM_TO_PLAIN, "", 1, 1, "expected a value" },
};

static void
test_malformed (void)
{
  check_error_cases (malformed_cases, G_N_ELEMENTS (malformed_cases), DD_ERROR_INVALID_JSON);
}

/* Detection and the forced readings */

typedef struct
{
  Mode         mode;
  const char  *text;
  const char  *expected;
} OutputCase;

static const OutputCase detect_cases[] = {
  { ITEM_DETECT, "{'a':{'S':'x'},'b':{'N':'1'}}", "{'a':{'S':'x'},'b':{'N':'1'}}" },
  { ITEM_PLAIN, "{'a':{'S':'x'},'b':{'N':'1'}}",
    "{'a':{'M':{'S':{'S':'x'}}},'b':{'M':{'N':{'S':'1'}}}}" },
  { ITEM_TYPED, "{'a':{'S':'x'},'b':{'N':'1'}}", "{'a':{'S':'x'},'b':{'N':'1'}}" },
  /* one plain value makes the whole item plain */
  { ITEM_DETECT, "{'a':{'S':'x'},'b':1}", "{'a':{'M':{'S':{'S':'x'}}},'b':{'N':'1'}}" },
  { ITEM_DETECT, "{}", "{}" },
  { ITEM_PLAIN, "{}", "{}" },
  { ITEM_TYPED, "{}", "{}" },
  /* not descriptors: a wrong kind, two keys, an unknown or empty type */
  { ITEM_DETECT, "{'a':{'NULL':false}}", "{'a':{'M':{'NULL':{'BOOL':false}}}}" },
  { ITEM_DETECT, "{'a':{'S':1}}", "{'a':{'M':{'S':{'N':'1'}}}}" },
  { ITEM_DETECT, "{'a':{'BOOL':'yes'}}", "{'a':{'M':{'BOOL':{'S':'yes'}}}}" },
  { ITEM_DETECT, "{'a':{'S':'x','N':'1'}}", "{'a':{'M':{'S':{'S':'x'},'N':{'S':'1'}}}}" },
  { ITEM_DETECT, "{'a':{'X':'x'}}", "{'a':{'M':{'X':{'S':'x'}}}}" },
  { ITEM_DETECT, "{'a':{}}", "{'a':{'M':{}}}" },
  { ITEM_DETECT, "{'a':{'M':{'x':1}}}", "{'a':{'M':{'M':{'M':{'x':{'N':'1'}}}}}}" },
  { ITEM_DETECT, "{'a':{'L':[1]}}", "{'a':{'M':{'L':{'L':[{'N':'1'}]}}}}" },
  { ITEM_DETECT, "{'a':{'SS':[1]}}", "{'a':{'M':{'SS':{'L':[{'N':'1'}]}}}}" },
  { ITEM_DETECT, "{'a':{'s':'x'}}", "{'a':{'M':{'s':{'S':'x'}}}}" },
  /* descriptors all the way down */
  { ITEM_DETECT, "{'a':{'M':{'x':{'L':[{'NULL':true},{'BOOL':false}]}}}}",
    "{'a':{'M':{'x':{'L':[{'NULL':true},{'BOOL':false}]}}}}" },
  { ITEM_TO_PLAIN, "{'a':{'M':{'x':{'L':[{'NULL':true},{'BOOL':false}]}}}}",
    "{'a':{'x':[null,false]}}" },
  /* white space goes, the values stay */
  { ITEM_DETECT, " {\n  'a' : { 'S' : 'x' } ,\n\t'b':{'N':'1.50'}\n} ",
    "{'a':{'S':'x'},'b':{'N':'1.50'}}" },
  { ITEM_DETECT, " {\n  'a' : [ 1 , true ] }\n", "{'a':{'L':[{'N':'1'},{'BOOL':true}]}}" },
};

static void
check_output_cases (const OutputCase   *cases,
                    guint               n,
                    const char * const *paths)
{
  for (guint i = 0; i < n; i++)
    check_output (cases[i].mode, cases[i].text, paths, cases[i].expected);
}

static void
test_detect (void)
{
  check_output_cases (detect_cases, G_N_ELEMENTS (detect_cases), NULL);
}

/* Typed values that are not valid: refused with where and why. */
static const ErrorCase typed_error_cases[] = {
  { ITEM_TO_PLAIN, "{'a':5}", 1, 6, "attribute “a”: expected a type descriptor" },
  { ITEM_TO_PLAIN, "{'a':'x'}", 1, 6, "expected a type descriptor" },
  { ITEM_TO_PLAIN, "{'a':{}}", 1, 6, "attribute “a”: an empty type descriptor" },
  { ITEM_TO_PLAIN, "{'a':{'X':'1'}}", 1, 7, "unknown type" },
  { ITEM_TO_PLAIN, "{'a':{'S':1}}", 1, 11, "the value of “S” must be a string" },
  { ITEM_TO_PLAIN, "{'a':{'S':'x','N':'1'}}", 1, 15, "more than one type" },
  { ITEM_TO_PLAIN, "{'a':{'NULL':false}}", 1, 14, "the value of “NULL” must be true" },
  { ITEM_TO_PLAIN, "{'a':{'BOOL':'true'}}", 1, 14, "the value of “BOOL” must be true or false" },
  { ITEM_TO_PLAIN, "{'a':{'M':[]}}", 1, 11, "the value of “M” must be an object" },
  { ITEM_TO_PLAIN, "{'a':{'L':{}}}", 1, 11, "the value of “L” must be an array" },
  { ITEM_TO_PLAIN, "{'a':{'SS':'x'}}", 1, 12, "the value of “SS” must be an array of strings" },
  { ITEM_TO_PLAIN, "{'a':{'SS':[1]}}", 1, 13, "the value of “SS” must be an array of strings" },
  { ITEM_TO_PLAIN, "{'a':{'SS':[]}}", 1, 12, "attribute “a”: an empty set" },
  { ITEM_TO_PLAIN, "{'a':{'NS':[]}}", 1, 12, "an empty set" },
  { ITEM_TO_PLAIN, "{'a':{'BS':[]}}", 1, 12, "an empty set" },
  { ITEM_TO_PLAIN, "{'a':{'SS':['x','y','x']}}", 1, 21, "the set holds this element twice" },
  { ITEM_TO_PLAIN, "{'a':{'SS':['\\u00e9','é']}}", 1, 22, "twice" },
  { ITEM_TO_PLAIN, "{'a':{'NS':['1','1.0']}}", 1, 17, "twice" },
  { ITEM_TO_PLAIN, "{'a':{'NS':['1E2','100']}}", 1, 19, "twice" },
  { ITEM_TO_PLAIN, "{'a':{'NS':['-0','0']}}", 1, 18, "twice" },
  { ITEM_TO_PLAIN, "{'a':{'BS':['AA==','AA==']}}", 1, 20, "twice" },
  { ITEM_TO_PLAIN, "{'a':{'NS':['1','x']}}", 1, 17, "(not a number)" },
  { ITEM_TO_PLAIN, "{'a':{'B':'abc'}}", 1, 11, "not valid base64" },
  { ITEM_TO_PLAIN, "{'a':{'B':'ab=c'}}", 1, 11, "not valid base64" },
  { ITEM_TO_PLAIN, "{'a':{'B':'a==='}}", 1, 11, "not valid base64" },
  { ITEM_TO_PLAIN, "{'a':{'BS':['AA==','A*==']}}", 1, 20, "not valid base64" },
  { ITEM_TO_PLAIN, "{'a':{'M':{'b':5}}}", 1, 16, "attribute “a”: expected a type descriptor" },
  { ITEM_TO_PLAIN, "{'a':{'L':[{'S':'x'},7]}}", 1, 22, "expected a type descriptor" },
  { ITEM_TO_PLAIN, "[]", 1, 1, "an item must be a JSON object" },
  { ITEM_TYPED, "{'a':{'S':'x'},'b':1}", 1, 20, "attribute “b”: expected a type descriptor" },
  { ITEM_TYPED, "{'a':{'NULL':false}}", 1, 14, "must be true" },
  { ITEM_TYPED, "{'a':{'SS':['x','x']}}", 1, 17, "twice" },
  { ITEM_DETECT, "{'a':{'SS':['x','x']}}", 1, 17, "twice" },
  { ITEM_DETECT, "{'a':{'SS':[]}}", 1, 12, "an empty set" },
  { ITEM_DETECT, "{'a':{'B':'%%%%'}}", 1, 11, "not valid base64" },
  { ITEM_DETECT, "'x'", 1, 1, "an item must be a JSON object" },
  { DOC_TYPED, "{'Item':{'a':1}}", 1, 14, "attribute “a”: expected a type descriptor" },
  { DOC_TO_PLAIN, "{'Items':[{'a':{'S':'x'}},{'b':1}]}", 1, 32, "attribute “b”" },
};

static void
test_typed_errors (void)
{
  check_error_cases (typed_error_cases, G_N_ELEMENTS (typed_error_cases),
                     DD_ERROR_INVALID_INPUT);
}

static void
test_large_set (void)
{
  g_autoptr(GString) text = g_string_new ("{'a':{'SS':[");
  g_autoptr(GString) plain = g_string_new ("{'a':[");
  g_autofree char *dup_at = NULL;
  guint column;

  for (guint i = 0; i < 40; i++)
    {
      g_string_append_printf (text, "%s'v%u'", i ? "," : "", (i * 7) % 40);
      g_string_append_printf (plain, "%s'v%u'", i ? "," : "", (i * 7) % 40);
    }
  g_string_append (plain, "]}");
  dup_at = g_strdup_printf ("%s]}}", text->str);
  check_output (ITEM_TO_PLAIN, dup_at, NULL, plain->str);

  /* the 41st element repeats the 6th: the error names the repeat */
  column = g_utf8_strlen (text->str, -1) + 2;
  g_string_append_printf (text, ",'v%u']}}", (5 * 7) % 40);
  check_error (ITEM_TO_PLAIN, text->str, NULL, DD_ERROR_INVALID_INPUT, 1, column, "twice");
}

/* Documents with paths */

static const char * const batch_get_paths[] = {
  "Responses.*.[]", "UnprocessedKeys.*.Keys.[]", NULL,
};

static const char * const expected_paths[] = { "Expected.*.Value@", NULL };

typedef struct
{
  Mode                mode;
  const char * const *paths;
  const char         *text;
  const char         *expected;
} DocumentCase;

static const DocumentCase document_cases[] = {
  /* the seed's Put Item: plain */
  { DOC_DETECT, NULL,
    "{\n  'TableName': 'USER',\n  'Item': {\n    'USER_ID': 1,\n    'USER_FEE': 1234.56\n  }\n}",
    "{'TableName':'USER','Item':{'USER_ID':{'N':'1'},'USER_FEE':{'N':'1234.56'}}}" },
  /* the seed's Get Item: typed */
  { DOC_DETECT, NULL,
    "{\n  'Key': {\n    'ForumName': {\n      'S': 'Amazon DynamoDB'\n    },\n"
    "    'Subject': {\n      'S': 'How do I update multiple items?'\n    }\n  }\n}",
    "{'Key':{'ForumName':{'S':'Amazon DynamoDB'},'Subject':{'S':'How do I update multiple items?'}}}" },
  /* the seed's Query */
  { DOC_DETECT, NULL,
    "{ 'TableName': 'Reply', 'IndexName': 'PostedBy-Index', 'Limit': 3, 'ConsistentRead': true,"
    " 'KeyConditionExpression': 'Id = :v1 AND PostedBy BETWEEN :v2a AND :v2b',"
    " 'ExpressionAttributeValues': { ':v1': { 'S': 'Amazon DynamoDB#DynamoDB Thread 1' },"
    " ':v2a': { 'S': 'User A' }, ':v2b': { 'S': 'User C' } }, 'ReturnConsumedCapacity': 'TOTAL' }",
    "{'TableName':'Reply','IndexName':'PostedBy-Index','Limit':3,'ConsistentRead':true,"
    "'KeyConditionExpression':'Id = :v1 AND PostedBy BETWEEN :v2a AND :v2b',"
    "'ExpressionAttributeValues':{':v1':{'S':'Amazon DynamoDB#DynamoDB Thread 1'},"
    "':v2a':{'S':'User A'},':v2b':{'S':'User C'}},'ReturnConsumedCapacity':'TOTAL'}" },
  /* each addressed item is detected on its own */
  { DOC_DETECT, NULL,
    "{'Key':{'id':{'S':'k'}},'ExpressionAttributeValues':{':a':1,':b':{'S':'y'}},'ExclusiveStartKey':{'id':'k'}}",
    "{'Key':{'id':{'S':'k'}},'ExpressionAttributeValues':{':a':{'N':'1'},':b':{'M':{'S':{'S':'y'}}}},"
    "'ExclusiveStartKey':{'id':{'S':'k'}}}" },
  { DOC_PLAIN, NULL, "{'Item':{'a':{'S':'x'}}}", "{'Item':{'a':{'M':{'S':{'S':'x'}}}}}" },
  { DOC_TYPED, NULL, "{'Item':{'a':{'S':'x'}},'Limit':1}", "{'Item':{'a':{'S':'x'}},'Limit':1}" },
  /* wildcards */
  { DOC_DETECT, NULL,
    "{'RequestItems':{'A':[{'PutRequest':{'Item':{'id':1,'tags':['x']}}},"
    "{'DeleteRequest':{'Key':{'id':{'N':'2'}}}}],'B':[{'PutRequest':{'Item':{'s':{'SS':['x']}}}}]}}",
    "{'RequestItems':{'A':[{'PutRequest':{'Item':{'id':{'N':'1'},'tags':{'L':[{'S':'x'}]}}}},"
    "{'DeleteRequest':{'Key':{'id':{'N':'2'}}}}],'B':[{'PutRequest':{'Item':{'s':{'SS':['x']}}}}]}}" },
  { DOC_DETECT, NULL,
    "{'Statement':'SELECT * FROM t WHERE a=? AND b=?','Parameters':[1,'x',null]}",
    "{'Statement':'SELECT * FROM t WHERE a=? AND b=?','Parameters':[{'N':'1'},{'S':'x'},{'NULL':true}]}" },
  { DOC_DETECT, NULL, "{'Parameters':[{'S':'y'},{'N':'2'}]}", "{'Parameters':[{'S':'y'},{'N':'2'}]}" },
  { DOC_DETECT, NULL, "{'Parameters':['x',{'S':'y'}]}", "{'Parameters':[{'S':'x'},{'M':{'S':{'S':'y'}}}]}" },
  { DOC_DETECT, NULL, "{'Parameters':[]}", "{'Parameters':[]}" },
  /* paths that do not match are ignored */
  { DOC_DETECT, NULL,
    "{'Item':5,'Key':[1],'Items':{'a':1},'Parameters':{'a':1},'Other':{'Item':{'a':1}}}",
    "{'Item':5,'Key':[1],'Items':{'a':1},'Parameters':{'a':1},'Other':{'Item':{'a':1}}}" },
  { DOC_DETECT, NULL, "[{'Item':{'a':1}}]", "[{'Item':{'a':1}}]" },
  { DOC_DETECT, NULL, "'Item'", "'Item'" },
  /* outside the attribute values, text stays as it was */
  { DOC_DETECT, NULL,
    "{'Limit':1.50000000000000000000000000000000000000000001e999,'TableName':'a\\u00e9\\n\\/é',"
    "'Item':{'a':1}}",
    "{'Limit':1.50000000000000000000000000000000000000000001e999,'TableName':'a\\u00e9\\n\\/é',"
    "'Item':{'a':{'N':'1'}}}" },
  { DOC_DETECT, NULL, "{'\\u0049tem':{'a':1}}", "{'\\u0049tem':{'a':{'N':'1'}}}" },
  /* results */
  { DOC_TO_PLAIN, NULL,
    "{'Items':[{'a':{'N':'1'}},{'b':{'SS':['x']}}],'Count':2,'ScannedCount':2,"
    "'LastEvaluatedKey':{'id':{'S':'k'}}}",
    "{'Items':[{'a':1},{'b':['x']}],'Count':2,'ScannedCount':2,'LastEvaluatedKey':{'id':'k'}}" },
  { DOC_TO_PLAIN, NULL,
    "{\n  'Item': {\n    'n': { 'N': '0.000000000000000000000000000000000001' }\n  }\n}",
    "{'Item':{'n':0.000000000000000000000000000000000001}}" },
  { DOC_TO_PLAIN, batch_get_paths,
    "{'Responses':{'T1':[{'a':{'S':'x'}}],'T2':[]},'UnprocessedKeys':{'T1':{'Keys':[{'id':{'N':'5'}}],"
    "'ConsistentRead':true}}}",
    "{'Responses':{'T1':[{'a':'x'}],'T2':[]},'UnprocessedKeys':{'T1':{'Keys':[{'id':5}],"
    "'ConsistentRead':true}}}" },
  { DOC_TO_PLAIN, expected_paths,
    "{'Expected':{'a':{'Value':{'S':'x'},'Exists':true},'b':{'ComparisonOperator':'NULL'}}}",
    "{'Expected':{'a':{'Value':'x','Exists':true},'b':{'ComparisonOperator':'NULL'}}}" },
  { DOC_DETECT, expected_paths,
    "{'Expected':{'a':{'Value':1,'Exists':true}}}",
    "{'Expected':{'a':{'Value':{'N':'1'},'Exists':true}}}" },
  { DOC_DETECT, NULL, "{}", "{}" },
};

static void
test_document (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (document_cases); i++)
    check_output (document_cases[i].mode, document_cases[i].text,
                  document_cases[i].paths, document_cases[i].expected);
}

static void
test_document_no_paths (void)
{
  static const char * const none[] = { NULL };
  g_autofree char *text = j ("{ 'Item' : { 'a' : 1 } }");
  g_autofree char *want = j ("{'Item':{'a':1}}");
  g_autofree char *out = dd_attr_document_to_typed (text, -1, none, DD_ATTR_READING_DETECT, NULL);
  g_autofree char *out2 = dd_attr_document_to_plain (text, strlen (text) - 2, NULL, NULL);

  g_assert_cmpstr (out, ==, want);
  /* len is honoured: the text is cut before its last brace */
  g_assert_null (out2);
}

/* Streaming writers */

typedef struct
{
  const char *typed;
  const char *plain;    /* NULL: refused */
} AppendCase;

static const AppendCase append_cases[] = {
  { "{'N':'1.5'}", "1.5" },
  { "{'N':'-1E-130'}", "-1E-130" },
  { "{'S':'caf\\u00e9'}", "'caf\\u00e9'" },
  { "{'B':'AAEC'}", "'AAEC'" },
  { "{'BOOL':false}", "false" },
  { "{'NULL':true}", "null" },
  { "{'M':{'a':{'NS':['1','2']},'b':{'L':[]}}}", "{'a':[1,2],'b':[]}" },
  { " { 'SS' : [ 'x' , 'y' ] } ", "['x','y']" },
  { "{'N':'1E126'}", NULL },
  { "{'S':'x'} x", NULL },
  { "{'S':'x'", NULL },
  { "'x'", NULL },
  { "{'SS':[]}", NULL },
};

static void
test_append_plain (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (append_cases); i++)
    {
      g_autofree char *typed = j (append_cases[i].typed);
      g_autoptr(GString) out = g_string_new ("prefix,");
      g_autoptr(GError) error = NULL;
      gboolean ok = dd_attr_value_append_plain (out, typed, -1, &error);

      g_test_message ("value %s", append_cases[i].typed);
      if (append_cases[i].plain != NULL)
        {
          g_autofree char *plain = j (append_cases[i].plain);
          g_autofree char *want = g_strconcat ("prefix,", plain, NULL);

          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpstr (out->str, ==, want);
        }
      else
        {
          g_assert_false (ok);
          g_assert_nonnull (error);
          g_assert_true (dd_json_error_get_location (error, NULL, NULL));
          g_assert_cmpstr (out->str, ==, "prefix,");
        }
    }
}

int
main (int    argc,
      char **argv)
{
  dd_test_init (&argc, &argv);

  g_test_add_func ("/dd/attr/round-trip", test_round_trip);
  g_test_add_func ("/dd/attr/typed-only", test_typed_only);
  g_test_add_func ("/dd/attr/escaped-type-names", test_escaped_type_names);
  g_test_add_func ("/dd/attr/deep", test_deep);
  g_test_add_func ("/dd/attr/deep-limit", test_deep_limit);
  g_test_add_func ("/dd/attr/number/valid", test_number_valid);
  g_test_add_func ("/dd/attr/number/refused", test_number_refused);
  g_test_add_func ("/dd/attr/malformed", test_malformed);
  g_test_add_func ("/dd/attr/detect", test_detect);
  g_test_add_func ("/dd/attr/typed-errors", test_typed_errors);
  g_test_add_func ("/dd/attr/large-set", test_large_set);
  g_test_add_func ("/dd/attr/document", test_document);
  g_test_add_func ("/dd/attr/document/no-paths", test_document_no_paths);
  g_test_add_func ("/dd/attr/append-plain", test_append_plain);

  return g_test_run ();
}
