/* test-request.c: request text -> wire body, pagination and segment
 * helpers, and the explanation of requests DynamoDB refuses. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "dd-error.h"
#include "dd-operation.h"
#include "dd-request.h"
#include "dd-test-dynamo.h"

static char *
read_seed (const char *name)
{
  const char *dir = g_getenv ("DD_SEED_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  if (dir != NULL)
    path = g_build_filename (dir, name, NULL);
  else
    path = g_test_build_filename (G_TEST_DIST, "data", "seed", name, NULL);
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static JsonNode *
parse (const char *text,
       gssize      len)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, len, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
assert_json_equal (const char *actual,
                   gssize      len,
                   const char *expected)
{
  g_autoptr(JsonNode) a = parse (actual, len);
  g_autoptr(JsonNode) e = parse (expected, -1);

  if (!json_node_equal (a, e))
    {
      g_autofree char *at = json_to_string (a, FALSE);
      g_autofree char *et = json_to_string (e, FALSE);

      g_test_message ("got      %s", at);
      g_test_message ("expected %s", et);
      g_test_fail ();
    }
}

static GBytes *
build (const char    *action,
       const char    *text,
       const char    *table,
       DdAttrReading  reading,
       GError       **error)
{
  const DdOperation *op = dd_operation_lookup_action (action);

  g_assert_nonnull (op);
  return dd_request_build (op, text, -1, table, reading, error);
}

static void
assert_builds (const char *action,
               const char *text,
               const char *table,
               const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = build (action, text, table, DD_ATTR_READING_DETECT, &error);
  gsize size;
  const char *data;

  g_assert_no_error (error);
  g_assert_nonnull (body);
  data = g_bytes_get_data (body, &size);
  assert_json_equal (data, size, expected);
}

static void
assert_build_fails (const char *action,
                    const char *text,
                    const char *table,
                    int         code,
                    const char *pattern)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = build (action, text, table, DD_ATTR_READING_DETECT, &error);

  g_assert_null (body);
  g_assert_error (error, DD_ERROR, code);
  g_test_message ("%s: %s", action, error->message);
  if (!g_regex_match_simple (pattern, error->message, 0, 0))
    {
      g_test_message ("\"%s\" does not match /%s/", error->message, pattern);
      g_test_fail ();
    }
}

/* The seed's examples, as the seed gives them, become these bodies. */
typedef struct
{
  const char *file;
  const char *action;
  const char *table;
  const char *expected;
} SeedCase;

static const SeedCase seed_cases[] = {
  { "get-item.fixed.json", "GetItem", "Thread",
    "{\"TableName\":\"Thread\",\"Key\":{\"ForumName\":{\"S\":\"Amazon DynamoDB\"},"
    "\"Subject\":{\"S\":\"How do I update multiple items?\"}}}" },
  { "query.json", "Query", NULL,
    "{\"TableName\":\"Reply\",\"IndexName\":\"PostedBy-Index\",\"Limit\":3,\"ConsistentRead\":true,"
    "\"ProjectionExpression\":\"Id, PostedBy, ReplyDateTime\","
    "\"KeyConditionExpression\":\"Id = :v1 AND PostedBy BETWEEN :v2a AND :v2b\","
    "\"ExpressionAttributeValues\":{\":v1\":{\"S\":\"Amazon DynamoDB#DynamoDB Thread 1\"},"
    "\":v2a\":{\"S\":\"User A\"},\":v2b\":{\"S\":\"User C\"}},\"ReturnConsumedCapacity\":\"TOTAL\"}" },
  { "scan.json", "Scan", "Reply", "{\"TableName\":\"Reply\"}" },
  { "delete-item.json", "DeleteItem", "Thread",
    "{\"TableName\":\"Thread\",\"Key\":{\"ForumName\":{\"S\":\"Amazon DynamoDB\"},"
    "\"Subject\":{\"S\":\"How do I update multiple items?\"}},"
    "\"ConditionExpression\":\"attribute_not_exists(Replies)\",\"ReturnValues\":\"ALL_OLD\"}" },
  { "update-item.json", "UpdateItem", NULL,
    "{\"TableName\":\"USER_DETAILS_with_local\",\"Key\":{\"USER_ID\":{\"N\":\"1\"},"
    "\"USER_NAME\":{\"S\":\"Nick\"}},\"UpdateExpression\":\"set USER_AGE = :age, USER_FEE = :fee\","
    "\"ExpressionAttributeValues\":{\":age\":{\"N\":\"40\"},\":fee\":{\"N\":\"230545\"}}}" },
  { "create-table.json", "CreateTable", NULL,
    "{\"AttributeDefinitions\":[{\"AttributeName\":\"USER_ID\",\"AttributeType\":\"N\"},"
    "{\"AttributeName\":\"USER_FEE\",\"AttributeType\":\"N\"}],"
    "\"KeySchema\":[{\"AttributeName\":\"USER_ID\",\"KeyType\":\"HASH\"}],"
    "\"LocalSecondaryIndexes\":[{\"IndexName\":\"USER_FEE\",\"KeySchema\":["
    "{\"AttributeName\":\"USER_ID\",\"KeyType\":\"HASH\"},{\"AttributeName\":\"USER_FEE\",\"KeyType\":\"RANGE\"}],"
    "\"Projection\":{\"ProjectionType\":\"KEYS_ONLY\"}}],"
    "\"ProvisionedThroughput\":{\"ReadCapacityUnits\":1,\"WriteCapacityUnits\":1},"
    "\"TableName\":\"USER_FEE_LOCAL\",\"StreamSpecification\":{\"StreamEnabled\":false}}" },
  { "put-item.json", "PutItem", NULL,
    "{\"TableName\":\"USER_DETAILS_with_localS\",\"Item\":{\"USER_ID\":{\"N\":\"1\"},"
    "\"USER_NAME\":{\"S\":\"NICK\"},\"USER_AGE\":{\"N\":\"34\"},\"USER_FEE\":{\"N\":\"1234.56\"}}}" },
};

static void
test_seed_examples (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (seed_cases); i++)
    {
      g_autofree char *text = read_seed (seed_cases[i].file);

      g_test_message ("seed example %s", seed_cases[i].file);
      assert_builds (seed_cases[i].action, text, seed_cases[i].table, seed_cases[i].expected);
    }
}

/* The seed's Get Item example lacks a closing brace: a JSON error at the
 * end of the text (line 9 is the last "}", line 10 the end after it). */
static void
test_seed_get_item_verbatim (void)
{
  g_autofree char *text = read_seed ("get-item.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = build ("GetItem", text, "Thread", DD_ATTR_READING_DETECT, &error);
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GRegex) regex = g_regex_new ("line ([0-9]+), column ([0-9]+)", 0, 0, NULL);
  g_autofree char *line = NULL;

  g_assert_null (body);
  g_assert_error (error, DD_ERROR, DD_ERROR_INVALID_JSON);
  g_test_message ("%s", error->message);
  g_assert_true (g_regex_match (regex, error->message, 0, &match));
  line = g_match_info_fetch (match, 1);
  g_assert_cmpint (atoi (line), >=, 9);
  g_assert_cmpint (atoi (line), <=, 10);
}

static void
test_table_fill (void)
{
  /* Missing: filled. */
  assert_builds ("GetItem", "{\"Key\": {\"id\": 7}}", "T1",
                 "{\"TableName\":\"T1\",\"Key\":{\"id\":{\"N\":\"7\"}}}");
  /* The request's own name wins over the chosen table. */
  assert_builds ("GetItem", "{\"TableName\": \"Own\", \"Key\": {\"id\": 7}}", "T1",
                 "{\"TableName\":\"Own\",\"Key\":{\"id\":{\"N\":\"7\"}}}");
  /* A template's placeholder is replaced. */
  assert_builds ("Scan", "{ \"TableName\": \"<table_name>\", \"Limit\": 5 }", "T2",
                 "{\"TableName\":\"T2\",\"Limit\":5}");
  /* An empty object, and a name that needs escaping. */
  assert_builds ("DescribeTable", "{}", "a\"b\\c",
                 "{\"TableName\":\"a\\\"b\\\\c\"}");
  assert_builds ("DescribeTable", "{ }", "arn:aws:dynamodb:eu-west-1:123456789012:table/T",
                 "{\"TableName\":\"arn:aws:dynamodb:eu-west-1:123456789012:table/T\"}");
  /* An operation without a table ignores it. */
  assert_builds ("ListTables", "{\"Limit\": 10}", "T3", "{\"Limit\":10}");

  assert_build_fails ("GetItem", "{\"Key\": {\"id\": 7}}", NULL, DD_ERROR_INVALID_INPUT,
                      "^TableName is missing: give --table or add \"TableName\"$");
  assert_build_fails ("GetItem", "{\"Key\": {\"id\": 7}}", "", DD_ERROR_INVALID_INPUT,
                      "^TableName is missing");
  assert_build_fails ("Scan", "{ \"TableName\": \"<table_name>\" }", NULL, DD_ERROR_INVALID_INPUT,
                      "placeholder \"<table_name>\"");
  assert_build_fails ("Scan", "{ \"TableName\": 12 }", "T", DD_ERROR_INVALID_INPUT,
                      "TableName must be a string, not a number");
}

/* The table is inserted as text: every digit of the values stays. */
static void
test_exact_numbers (void)
{
  assert_builds ("PutItem",
                 "{\"Item\": {\"id\": 12345678901234567890123456789012345678,"
                 " \"f\": 0.1000000000000000000000000000000000001, \"e\": -1.5E+100}}",
                 "Big",
                 "{\"TableName\":\"Big\",\"Item\":{\"id\":{\"N\":\"12345678901234567890123456789012345678\"},"
                 "\"f\":{\"N\":\"0.1000000000000000000000000000000000001\"},\"e\":{\"N\":\"-1.5E+100\"}}}");
  /* Typed as a whole: kept as typed. */
  assert_builds ("GetItem", "{\"Key\": {\"id\": {\"N\": \"98765432109876543210\"}}}", "T",
                 "{\"TableName\":\"T\",\"Key\":{\"id\":{\"N\":\"98765432109876543210\"}}}");
}

static void
test_empty (void)
{
  assert_builds ("ListTables", "", NULL, "{}");
  assert_builds ("ListTables", "  \n\t ", NULL, "{}");
  assert_builds ("DescribeTable", "\n", "T", "{\"TableName\":\"T\"}");
  assert_builds ("Scan", "", "T", "{\"TableName\":\"T\"}");

  assert_build_fails ("GetItem", "", "T", DD_ERROR_INVALID_INPUT, "^the request is empty$");
  assert_build_fails ("PutItem", " \n ", "T", DD_ERROR_INVALID_INPUT, "^the request is empty$");
  assert_build_fails ("DescribeTable", "", NULL, DD_ERROR_INVALID_INPUT, "^TableName is missing");
}

static void
test_not_an_object (void)
{
  assert_build_fails ("ListTables", "[1, 2]", NULL, DD_ERROR_INVALID_INPUT,
                      "^line 1, column 1: .*JSON object.*not an array$");
  assert_build_fails ("GetItem", "\n\n  [ ]\n", "T", DD_ERROR_INVALID_INPUT,
                      "^line 3, column 3: .*not an array$");
  assert_build_fails ("GetItem", " 42", "T", DD_ERROR_INVALID_INPUT,
                      "^line 1, column 2: .*not a number$");
  assert_build_fails ("GetItem", "\"Key\"", "T", DD_ERROR_INVALID_INPUT, "not a string$");
  assert_build_fails ("GetItem", "null", "T", DD_ERROR_INVALID_INPUT, "not null$");
}

static void
test_garbage (void)
{
  assert_build_fails ("GetItem", "hello", "T", DD_ERROR_INVALID_JSON,
                      "line 1, column [0-9]+");
  assert_build_fails ("GetItem", "{\n  \"Key\": {\"id\": 1},\n  \"x\": \n}", "T",
                      DD_ERROR_INVALID_JSON, "line [34], column [0-9]+");
  assert_build_fails ("ListTables", "{\"Limit\": 1,}", NULL, DD_ERROR_INVALID_JSON,
                      "line 1, column [0-9]+");
}

/* Pagination */

static char *
with_start_key (const char *action,
                const char *body_text,
                const char *key,
                GError    **error)
{
  g_autoptr(GBytes) body = g_bytes_new (body_text, strlen (body_text));

  return dd_request_with_start_key (dd_operation_lookup_action (action), body, key, error);
}

static void
test_start_key (void)
{
  g_autoptr(GError) error = NULL;
  char *out;

  out = with_start_key ("Scan", "{\"TableName\":\"T\",\"Limit\":2}",
                        "{\"id\":{\"N\":\"123456789012345678901234567890\"},\"s\":{\"S\":\"x\"}}", &error);
  g_assert_no_error (error);
  assert_json_equal (out, -1, "{\"TableName\":\"T\",\"Limit\":2,\"ExclusiveStartKey\":"
                     "{\"id\":{\"N\":\"123456789012345678901234567890\"},\"s\":{\"S\":\"x\"}}}");
  g_free (out);

  /* A later page replaces the key; NULL removes it. */
  out = with_start_key ("Query", "{\"TableName\":\"T\",\"ExclusiveStartKey\":{\"id\":{\"N\":\"1\"}}}",
                        "{\"id\":{\"N\":\"2\"}}", &error);
  g_assert_no_error (error);
  assert_json_equal (out, -1, "{\"TableName\":\"T\",\"ExclusiveStartKey\":{\"id\":{\"N\":\"2\"}}}");
  g_free (out);
  out = with_start_key ("Query", "{\"TableName\":\"T\",\"ExclusiveStartKey\":{\"id\":{\"N\":\"1\"}}}",
                        NULL, &error);
  g_assert_no_error (error);
  assert_json_equal (out, -1, "{\"TableName\":\"T\"}");
  g_free (out);

  /* Table names and tokens: bare text or a JSON string. */
  out = with_start_key ("ListTables", "{}", "Orders\n", &error);
  g_assert_no_error (error);
  assert_json_equal (out, -1, "{\"ExclusiveStartTableName\":\"Orders\"}");
  g_free (out);
  out = with_start_key ("ListTables", "{\"Limit\":3}", "\"Or\\\"ders\"", &error);
  g_assert_no_error (error);
  assert_json_equal (out, -1, "{\"Limit\":3,\"ExclusiveStartTableName\":\"Or\\\"ders\"}");
  g_free (out);
  out = with_start_key ("ExecuteStatement", "{\"Statement\":\"SELECT * FROM T\"}", "abc/+=", &error);
  g_assert_no_error (error);
  assert_json_equal (out, -1, "{\"Statement\":\"SELECT * FROM T\",\"NextToken\":\"abc/+=\"}");
  g_free (out);
}

static void
test_start_key_errors (void)
{
  GError *error = NULL;

  g_assert_null (with_start_key ("GetItem", "{}", "{}", &error));
  g_assert_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_null (with_start_key ("Scan", "{}", "{\"id\":", &error));
  g_assert_error (error, DD_ERROR, DD_ERROR_INVALID_JSON);
  g_clear_error (&error);
  g_assert_null (with_start_key ("Scan", "{}", "[1]", &error));
  g_assert_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_null (with_start_key ("Scan", "[]", "{}", &error));
  g_assert_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_null (with_start_key ("ListTables", "{}", "\"unterminated", &error));
  g_assert_error (error, DD_ERROR, DD_ERROR_INVALID_JSON);
  g_clear_error (&error);
}

static void
test_segment (void)
{
  g_autoptr(GBytes) body = g_bytes_new_static ("{\"TableName\":\"T\",\"Limit\":100}", 29);
  GError *error = NULL;
  char *out;

  out = dd_request_with_segment (body, 0, 4, &error);
  g_assert_no_error (error);
  assert_json_equal (out, -1, "{\"TableName\":\"T\",\"Limit\":100,\"Segment\":0,\"TotalSegments\":4}");
  g_free (out);
  out = dd_request_with_segment (body, 3, 4, &error);
  g_assert_no_error (error);
  assert_json_equal (out, -1, "{\"TableName\":\"T\",\"Limit\":100,\"Segment\":3,\"TotalSegments\":4}");
  g_free (out);
  out = dd_request_with_segment (body, 999999, 1000000, &error);
  g_assert_no_error (error);
  g_free (out);

  g_assert_null (dd_request_with_segment (body, 4, 4, &error));
  g_assert_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_null (dd_request_with_segment (body, 0, 0, &error));
  g_assert_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_null (dd_request_with_segment (body, 0, 1000001, &error));
  g_assert_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT);
  g_clear_error (&error);
}

/* Explanations */

static GPtrArray *
explain (const char *action,
         const char *text)
{
  const DdOperation *op = dd_operation_lookup_action (action);
  g_autoptr(GBytes) body = g_bytes_new (text, strlen (text));
  GPtrArray *problems = (GPtrArray *) 0x1;
  gboolean found = dd_request_explain_problems (op, body, &problems);

  g_assert_cmpint (found, ==, problems != NULL);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    g_test_message ("%s: %s", action, (const char *) problems->pdata[i]);
  return problems;
}

static gboolean
has_problem (GPtrArray  *problems,
             const char *pattern)
{
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    if (g_regex_match_simple (pattern, problems->pdata[i], 0, 0))
      return TRUE;
  return FALSE;
}

/* The seed's Create Table example, sent as it is, is refused. The local
 * DynamoDB (dynalite 4.0.0) answers it, verbatim, with HTTP 400:
 *   {"__type":"com.amazon.coral.validate#ValidationException",
 *    "message":"One or more parameter values were invalid: Table KeySchema
 *    does not have a range key, which is required when specifying a
 *    LocalSecondaryIndex"}
 * USER_FEE itself is fine: the local index's key uses it. The explanation
 * names that one problem and nothing else. */
static void
test_explain_seed_create_table (void)
{
  g_autofree char *text = read_seed ("create-table.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = build ("CreateTable", text, NULL, DD_ATTR_READING_DETECT, &error);
  g_autoptr(GPtrArray) problems = NULL;

  g_assert_no_error (error);
  g_assert_true (dd_request_explain_problems (dd_operation_lookup_action ("CreateTable"),
                                              body, &problems));
  g_assert_nonnull (problems);
  g_assert_cmpuint (problems->len, ==, 1);
  g_test_message ("%s", (const char *) problems->pdata[0]);
  g_assert_true (has_problem (problems, "USER_FEE_LOCAL"));
  g_assert_true (has_problem (problems, "local secondary index"));
  g_assert_true (has_problem (problems, "sort key \\(RANGE\\)"));
  g_assert_true (has_problem (problems, "Table KeySchema does not have a range key"));
}

/* The templates of the catalogue have no problem (Create Table's adds the
 * sort key the seed's example lacks). */
static void
test_explain_templates (void)
{
  guint n = 0;
  const DdOperation *ops = dd_operation_get_all (&n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) body = dd_request_build (&ops[i], ops[i].template_json, -1, "T",
                                                 DD_ATTR_READING_DETECT, &error);
      g_autoptr(GPtrArray) problems = NULL;

      g_test_message ("template of %s", ops[i].action);
      g_assert_no_error (error);
      g_assert_false (dd_request_explain_problems (&ops[i], body, &problems));
      g_assert_null (problems);
    }
}

#define DEFS(x) "\"AttributeDefinitions\":[" x "]"
#define DEF(n, t) "{\"AttributeName\":\"" n "\",\"AttributeType\":\"" t "\"}"
#define KEY(n, t) "{\"AttributeName\":\"" n "\",\"KeyType\":\"" t "\"}"
#define CAPACITY "\"ProvisionedThroughput\":{\"ReadCapacityUnits\":1,\"WriteCapacityUnits\":1}"

typedef struct
{
  const char *request;
  const char *problem; /* pattern, or NULL: no problem */
} CreateCase;

static const CreateCase create_cases[] = {
  { "{\"TableName\":\"A\"," DEFS (DEF ("id", "S")) ",\"KeySchema\":[" KEY ("id", "HASH") "]," CAPACITY "}",
    NULL },
  { "{\"TableName\":\"A\",\"BillingMode\":\"PAY_PER_REQUEST\"," DEFS (DEF ("id", "S")) ","
    "\"KeySchema\":[" KEY ("id", "HASH") "]}", NULL },
  /* Defined but in no key. */
  { "{\"TableName\":\"A\"," DEFS (DEF ("id", "S") "," DEF ("age", "N")) ","
    "\"KeySchema\":[" KEY ("id", "HASH") "]," CAPACITY "}",
    "defines \"age\", which no key schema" },
  /* In a key but not defined. */
  { "{\"TableName\":\"A\"," DEFS (DEF ("id", "S")) ","
    "\"KeySchema\":[" KEY ("id", "HASH") "," KEY ("ts", "RANGE") "]," CAPACITY "}",
    "key attribute \"ts\" is not defined" },
  { "{\"TableName\":\"A\"," DEFS (DEF ("id", "S")) ",\"KeySchema\":[" KEY ("id", "RANGE") "]," CAPACITY "}",
    "element 1 must have an AttributeName and KeyType HASH" },
  { "{\"TableName\":\"A\"," DEFS (DEF ("id", "X")) ",\"KeySchema\":[" KEY ("id", "HASH") "]," CAPACITY "}",
    "\"id\" has type \"X\"" },
  { "{\"TableName\":\"A\"," DEFS (DEF ("id", "S")) ",\"KeySchema\":[" KEY ("id", "HASH") "]}",
    "ProvisionedThroughput .*is missing" },
  { "{\"TableName\":\"A\",\"BillingMode\":\"PAY_PER_REQUEST\"," DEFS (DEF ("id", "S")) ","
    "\"KeySchema\":[" KEY ("id", "HASH") "]," CAPACITY "}",
    "ProvisionedThroughput is given while BillingMode is PAY_PER_REQUEST" },
  /* A local index with another partition key, and one without a sort key. */
  { "{\"TableName\":\"A\"," DEFS (DEF ("id", "S") "," DEF ("ts", "N") "," DEF ("o", "S")) ","
    "\"KeySchema\":[" KEY ("id", "HASH") "," KEY ("ts", "RANGE") "],"
    "\"LocalSecondaryIndexes\":[{\"IndexName\":\"L\",\"KeySchema\":[" KEY ("o", "HASH") "," KEY ("ts", "RANGE") "],"
    "\"Projection\":{\"ProjectionType\":\"ALL\"}}]," CAPACITY "}",
    "index \"L\": its partition key \"o\" must be the table's, \"id\"" },
  { "{\"TableName\":\"A\"," DEFS (DEF ("id", "S") "," DEF ("ts", "N")) ","
    "\"KeySchema\":[" KEY ("id", "HASH") "," KEY ("ts", "RANGE") "],"
    "\"LocalSecondaryIndexes\":[{\"IndexName\":\"L\",\"KeySchema\":[" KEY ("id", "HASH") "],"
    "\"Projection\":{\"ProjectionType\":\"ALL\"}}]," CAPACITY "}",
    "index \"L\" has no sort key" },
  /* A global index uses a definition; two indexes with one name. */
  { "{\"TableName\":\"A\"," DEFS (DEF ("id", "S") "," DEF ("g", "S")) ","
    "\"KeySchema\":[" KEY ("id", "HASH") "],"
    "\"GlobalSecondaryIndexes\":[{\"IndexName\":\"G\",\"KeySchema\":[" KEY ("g", "HASH") "],"
    "\"Projection\":{\"ProjectionType\":\"ALL\"}}],\"BillingMode\":\"PAY_PER_REQUEST\"}",
    NULL },
  { "{\"TableName\":\"A\"," DEFS (DEF ("id", "S") "," DEF ("g", "S")) ","
    "\"KeySchema\":[" KEY ("id", "HASH") "],"
    "\"GlobalSecondaryIndexes\":[{\"IndexName\":\"G\",\"KeySchema\":[" KEY ("g", "HASH") "],"
    "\"Projection\":{\"ProjectionType\":\"ALL\"}},{\"IndexName\":\"G\",\"KeySchema\":[" KEY ("g", "HASH") "]}],"
    "\"BillingMode\":\"PAY_PER_REQUEST\"}",
    "Two indexes are named \"G\"" },
};

static void
test_explain_create_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (create_cases); i++)
    {
      g_autoptr(GPtrArray) problems = explain ("CreateTable", create_cases[i].request);

      g_test_message ("case %u", i);
      if (create_cases[i].problem == NULL)
        g_assert_null (problems);
      else
        g_assert_true (has_problem (problems, create_cases[i].problem));
    }
}

static void
test_explain_expressions (void)
{
  g_autoptr(GPtrArray) a = NULL;
  g_autoptr(GPtrArray) b = NULL;
  g_autoptr(GPtrArray) c = NULL;
  g_autoptr(GPtrArray) d = NULL;
  g_autoptr(GPtrArray) e = NULL;

  a = explain ("Query", "{\"TableName\":\"T\",\"KeyConditionExpression\":\"id = :v AND ts > :t\","
               "\"ExpressionAttributeValues\":{\":v\":{\"S\":\"x\"},\":t\":{\"N\":\"1\"},\":u\":{\"N\":\"2\"}}}");
  g_assert_cmpuint (a->len, ==, 1);
  g_assert_true (has_problem (a, "gives :u, which no expression uses"));

  b = explain ("Scan", "{\"TableName\":\"T\",\"FilterExpression\":\"#n = :v\"}");
  g_assert_true (has_problem (b, "uses :v, which ExpressionAttributeValues does not give"));
  g_assert_true (has_problem (b, "uses #n, which ExpressionAttributeNames does not give"));

  c = explain ("Query", "{\"TableName\":\"T\"}");
  g_assert_true (has_problem (c, "KeyConditionExpression is missing"));

  d = explain ("GetItem", "{\"TableName\":\"T\"}");
  g_assert_true (has_problem (d, "Key is missing"));
  e = explain ("PutItem", "{\"TableName\":\"T\",\"Item\":{\"id\":{\"S\":\"1\"}},"
               "\"ConditionExpression\":\"attribute_not_exists(#id_1)\","
               "\"ExpressionAttributeNames\":{\"#id_1\":\"id\"}}");
  g_assert_null (e);
}

int
main (int argc, char **argv)
{
  dd_test_init (&argc, &argv);

  g_test_add_func ("/dd/request/seed/examples", test_seed_examples);
  g_test_add_func ("/dd/request/seed/get-item-verbatim", test_seed_get_item_verbatim);
  g_test_add_func ("/dd/request/table-name", test_table_fill);
  g_test_add_func ("/dd/request/exact-numbers", test_exact_numbers);
  g_test_add_func ("/dd/request/empty", test_empty);
  g_test_add_func ("/dd/request/not-an-object", test_not_an_object);
  g_test_add_func ("/dd/request/garbage", test_garbage);
  g_test_add_func ("/dd/request/start-key", test_start_key);
  g_test_add_func ("/dd/request/start-key-errors", test_start_key_errors);
  g_test_add_func ("/dd/request/segment", test_segment);
  g_test_add_func ("/dd/request/explain/seed-create-table", test_explain_seed_create_table);
  g_test_add_func ("/dd/request/explain/templates", test_explain_templates);
  g_test_add_func ("/dd/request/explain/create-table", test_explain_create_table);
  g_test_add_func ("/dd/request/explain/expressions", test_explain_expressions);

  return g_test_run ();
}
