/* test-query-builder.c: the Query and Scan forms' requests: what each
 * form state writes, what is refused, and reading a request back. */
#include "config.h"

#include <string.h>

#include "dd-error.h"
#include "dd-query-builder.h"
#include "dd-query-parse.h"
#include "dd-test-dynamo.h"

#define BIG "12345678901234567890123456789012345678"

typedef struct
{
  const char *name;
  DdQueryOp   op;
  DdQueryOp   size_op;
  const char *type;
  const char *values[4];
} Cond;

typedef struct
{
  const char  *path;
  DdQueryKind  kind;
  const char  *table;
  const char  *index;
  Cond         partition;
  Cond         sort;
  Cond         filters[3];
  const char  *projection[4];
  const char  *limit;
  gboolean     consistent;
  const char  *expected;  /* the JSON written, or NULL when refused */
  const char  *refusal;   /* part of the error message */
} Case;

#define NONE { NULL, DD_QUERY_OP_NONE, DD_QUERY_OP_NONE, NULL, { NULL } }

static const Case cases[] = {
  { "query/between-on-index", DD_QUERY_KIND_QUERY, "Reply", "PostedBy-Index",
    { "Id", DD_QUERY_OP_EQ, 0, "S", { "Amazon DynamoDB#DynamoDB Thread 1" } },
    { "PostedBy", DD_QUERY_OP_BETWEEN, 0, "S", { "User A", "User C" } },
    { NONE }, { NULL }, "10", TRUE,
    "{\n  \"TableName\": \"Reply\",\n  \"IndexName\": \"PostedBy-Index\",\n"
    "  \"KeyConditionExpression\": \"#Id = :v0 AND #PostedBy BETWEEN :v1 AND :v2\",\n"
    "  \"ExpressionAttributeNames\": {\n    \"#Id\": \"Id\",\n    \"#PostedBy\": \"PostedBy\"\n  },\n"
    "  \"ExpressionAttributeValues\": {\n    \":v0\": { \"S\": \"Amazon DynamoDB#DynamoDB Thread 1\" },\n"
    "    \":v1\": { \"S\": \"User A\" },\n    \":v2\": { \"S\": \"User C\" }\n  },\n"
    "  \"Limit\": 10,\n  \"ConsistentRead\": true\n}", NULL },
  /* reserved words and odd characters behind placeholders; numbers keep every digit */
  { "query/reserved-words-exact-number", DD_QUERY_KIND_QUERY, "T", NULL,
    { "year", DD_QUERY_OP_EQ, 0, "N", { " " BIG " " } },
    { "name-with space", DD_QUERY_OP_BEGINS_WITH, 0, "S", { "Ab" } },
    { NONE }, { "size", "status" }, NULL, FALSE,
    "{\n  \"TableName\": \"T\",\n"
    "  \"KeyConditionExpression\": \"#year = :v0 AND begins_with(#name_with_space, :v1)\",\n"
    "  \"ProjectionExpression\": \"#size, #status\",\n"
    "  \"ExpressionAttributeNames\": {\n    \"#year\": \"year\",\n    \"#name_with_space\": \"name-with space\",\n"
    "    \"#size\": \"size\",\n    \"#status\": \"status\"\n  },\n"
    "  \"ExpressionAttributeValues\": {\n    \":v0\": { \"N\": \"" BIG "\" },\n    \":v1\": { \"S\": \"Ab\" }\n  }\n}",
    NULL },
  { "query/sort-comparators", DD_QUERY_KIND_QUERY, "T", NULL,
    { "pk", DD_QUERY_OP_EQ, 0, "B", { "AAEC/w==" } },
    { "sk", DD_QUERY_OP_LE, 0, "N", { "-1.5E-100" } },
    { NONE }, { NULL }, "007", FALSE,
    "{\n  \"TableName\": \"T\",\n  \"KeyConditionExpression\": \"#pk = :v0 AND #sk <= :v1\",\n"
    "  \"ExpressionAttributeNames\": {\n    \"#pk\": \"pk\",\n    \"#sk\": \"sk\"\n  },\n"
    "  \"ExpressionAttributeValues\": {\n    \":v0\": { \"B\": \"AAEC/w==\" },\n    \":v1\": { \"N\": \"-1.5E-100\" }\n  },\n"
    "  \"Limit\": 7\n}", NULL },
  /* names that differ but read the same get their own placeholders */
  { "scan/placeholder-collision", DD_QUERY_KIND_SCAN, "T", NULL, NONE, NONE,
    { { "a-b", DD_QUERY_OP_EXISTS, 0, NULL, { NULL } }, { "a_b", DD_QUERY_OP_NOT_EXISTS, 0, NULL, { NULL } }, NONE },
    { "a-b" }, NULL, FALSE,
    "{\n  \"TableName\": \"T\",\n  \"FilterExpression\": \"attribute_exists(#a_b) AND attribute_not_exists(#a_b2)\",\n"
    "  \"ProjectionExpression\": \"#a_b\",\n"
    "  \"ExpressionAttributeNames\": {\n    \"#a_b\": \"a-b\",\n    \"#a_b2\": \"a_b\"\n  }\n}", NULL },
  { "scan/functions", DD_QUERY_KIND_SCAN, "T", NULL, NONE, NONE,
    { { "tags", DD_QUERY_OP_CONTAINS, 0, "S", { "red" } },
      { "data", DD_QUERY_OP_TYPE, 0, NULL, { " SS " } },
      { "list", DD_QUERY_OP_SIZE, DD_QUERY_OP_BETWEEN, NULL, { "1", "3" } } },
    { NULL }, NULL, FALSE,
    "{\n  \"TableName\": \"T\",\n"
    "  \"FilterExpression\": \"contains(#tags, :v0) AND attribute_type(#data, :v1) AND size(#list) BETWEEN :v2 AND :v3\",\n"
    "  \"ExpressionAttributeNames\": {\n    \"#tags\": \"tags\",\n    \"#data\": \"data\",\n    \"#list\": \"list\"\n  },\n"
    "  \"ExpressionAttributeValues\": {\n    \":v0\": { \"S\": \"red\" },\n    \":v1\": { \"S\": \"SS\" },\n"
    "    \":v2\": { \"N\": \"1\" },\n    \":v3\": { \"N\": \"3\" }\n  }\n}", NULL },
  { "scan/in-ne-bool-null", DD_QUERY_KIND_SCAN, "T", NULL, NONE, NONE,
    { { "n", DD_QUERY_OP_IN, 0, "N", { "1", "2.50", BIG } },
      { "ok", DD_QUERY_OP_NE, 0, "BOOL", { "TRUE" } },
      { "gone", DD_QUERY_OP_EQ, 0, "NULL", { "" } } },
    { NULL }, NULL, TRUE,
    "{\n  \"TableName\": \"T\",\n  \"FilterExpression\": \"#n IN (:v0, :v1, :v2) AND #ok <> :v3 AND #gone = :v4\",\n"
    "  \"ExpressionAttributeNames\": {\n    \"#n\": \"n\",\n    \"#ok\": \"ok\",\n    \"#gone\": \"gone\"\n  },\n"
    "  \"ExpressionAttributeValues\": {\n    \":v0\": { \"N\": \"1\" },\n    \":v1\": { \"N\": \"2.50\" },\n"
    "    \":v2\": { \"N\": \"" BIG "\" },\n    \":v3\": { \"BOOL\": true },\n    \":v4\": { \"NULL\": true }\n  },\n"
    "  \"ConsistentRead\": true\n}", NULL },
  { "scan/size-compare-and-gt", DD_QUERY_KIND_SCAN, "T", NULL, NONE, NONE,
    { { "s", DD_QUERY_OP_SIZE, DD_QUERY_OP_GT, NULL, { "3" } }, { "v", DD_QUERY_OP_GE, 0, "S", { "m" } }, NONE },
    { NULL }, NULL, FALSE,
    "{\n  \"TableName\": \"T\",\n  \"FilterExpression\": \"size(#s) > :v0 AND #v >= :v1\",\n"
    "  \"ExpressionAttributeNames\": {\n    \"#s\": \"s\",\n    \"#v\": \"v\"\n  },\n"
    "  \"ExpressionAttributeValues\": {\n    \":v0\": { \"N\": \"3\" },\n    \":v1\": { \"S\": \"m\" }\n  }\n}", NULL },
  { "scan/only-table", DD_QUERY_KIND_SCAN, "T", NULL, NONE, NONE, { NONE }, { NULL }, "", FALSE,
    "{\n  \"TableName\": \"T\"\n}", NULL },

  /* refused */
  { "refused/no-table", DD_QUERY_KIND_SCAN, NULL, NULL, NONE, NONE, { NONE }, { NULL }, NULL, FALSE,
    NULL, "Table" },
  { "refused/no-partition-value", DD_QUERY_KIND_QUERY, "T", NULL,
    { "pk", DD_QUERY_OP_EQ, 0, "S", { NULL } }, NONE, { NONE }, { NULL }, NULL, FALSE,
    NULL, "Partition key: pk needs a value" },
  { "refused/not-a-number", DD_QUERY_KIND_QUERY, "T", NULL,
    { "pk", DD_QUERY_OP_EQ, 0, "N", { "12abc" } }, NONE, { NONE }, { NULL }, NULL, FALSE,
    NULL, "is not a number" },
  { "refused/too-many-digits", DD_QUERY_KIND_QUERY, "T", NULL,
    { "pk", DD_QUERY_OP_EQ, 0, "N", { BIG "9" } }, NONE, { NONE }, { NULL }, NULL, FALSE,
    NULL, "is not a number" },
  { "refused/bad-base64", DD_QUERY_KIND_QUERY, "T", NULL,
    { "pk", DD_QUERY_OP_EQ, 0, "B", { "AAE" } }, NONE, { NONE }, { NULL }, NULL, FALSE,
    NULL, "base64" },
  { "refused/sort-contains", DD_QUERY_KIND_QUERY, "T", NULL,
    { "pk", DD_QUERY_OP_EQ, 0, "S", { "a" } }, { "sk", DD_QUERY_OP_CONTAINS, 0, "S", { "b" } },
    { NONE }, { NULL }, NULL, FALSE, NULL, "Sort key: takes" },
  { "refused/between-one-value", DD_QUERY_KIND_SCAN, "T", NULL, NONE, NONE,
    { { "x", DD_QUERY_OP_BETWEEN, 0, "N", { "1" } }, NONE, NONE }, { NULL }, NULL, FALSE,
    NULL, "Filter 1: x needs a value" },
  { "refused/filter-without-name", DD_QUERY_KIND_SCAN, "T", NULL, NONE, NONE,
    { { "a", DD_QUERY_OP_EXISTS, 0, NULL, { NULL } }, { "", DD_QUERY_OP_EQ, 0, "S", { "1" } }, NONE },
    { NULL }, NULL, FALSE, NULL, "Filter 2: the attribute name is missing" },
  { "refused/bad-type-name", DD_QUERY_KIND_SCAN, "T", NULL, NONE, NONE,
    { { "a", DD_QUERY_OP_TYPE, 0, NULL, { "STRING" } }, NONE, NONE }, { NULL }, NULL, FALSE,
    NULL, "is not a type" },
  { "refused/bool", DD_QUERY_KIND_SCAN, "T", NULL, NONE, NONE,
    { { "a", DD_QUERY_OP_EQ, 0, "BOOL", { "yes" } }, NONE, NONE }, { NULL }, NULL, FALSE,
    NULL, "true or false" },
  { "refused/limit", DD_QUERY_KIND_SCAN, "T", NULL, NONE, NONE, { NONE }, { NULL }, "-3", FALSE,
    NULL, "Limit" },
  { "refused/limit-zero", DD_QUERY_KIND_SCAN, "T", NULL, NONE, NONE, { NONE }, { NULL }, "0", FALSE,
    NULL, "Limit" },
};

static void
set_condition (DdQueryCondition *to,
               const Cond       *from)
{
  dd_query_condition_set (to, from->name, from->op, from->type, from->values);
  to->size_op = from->size_op;
}

static DdQuerySpec *
spec_of (const Case *c)
{
  DdQuerySpec *spec = dd_query_spec_new (c->kind);

  spec->table = g_strdup (c->table);
  spec->index = g_strdup (c->index);
  if (c->partition.name != NULL)
    set_condition (&spec->partition, &c->partition);
  if (c->sort.name != NULL)
    set_condition (&spec->sort, &c->sort);
  for (guint i = 0; i < G_N_ELEMENTS (c->filters) && c->filters[i].op != DD_QUERY_OP_NONE; i++)
    {
      DdQueryCondition *filter = g_new0 (DdQueryCondition, 1);

      set_condition (filter, &c->filters[i]);
      g_ptr_array_add (spec->filters, filter);
    }
  if (c->projection[0] != NULL)
    spec->projection = g_strdupv ((char **) c->projection);
  spec->limit = g_strdup (c->limit);
  spec->consistent_read = c->consistent;
  return spec;
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(DdQuerySpec) spec = spec_of (c);
  g_autoptr(DdQuerySpec) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = dd_query_spec_to_json (spec, &error);
  g_autofree char *again = NULL;

  if (c->expected == NULL)
    {
      g_assert_null (json);
      g_assert_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, c->refusal));
      return;
    }
  g_assert_no_error (error);
  g_assert_cmpstr (json, ==, c->expected);

  /* what a form writes, it reads back to the same request */
  back = dd_query_spec_from_json (c->kind, json, &error);
  g_assert_no_error (error);
  again = dd_query_spec_to_json (back, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, json);
}

typedef struct
{
  const char  *path;
  DdQueryKind  kind;
  const char  *json;
  const char  *refusal;  /* NULL: read, and written back as written */
  const char  *written;
} ParseCase;

static const ParseCase parse_cases[] = {
  /* the seed's Query, by hand: bare names, values named freely, any case for AND/BETWEEN */
  { "parse/seed-query", DD_QUERY_KIND_QUERY,
    "{\"TableName\":\"Reply\",\"IndexName\":\"PostedBy-Index\",\"Limit\":3,\"ConsistentRead\":true,"
    "\"ProjectionExpression\":\"Id, PostedBy, ReplyDateTime\","
    "\"KeyConditionExpression\":\"Id = :v1 and PostedBy between :v2a AND :v2b\","
    "\"ExpressionAttributeValues\":{\":v1\":{\"S\":\"x\"},\":v2a\":{\"S\":\"User A\"},\":v2b\":\"User C\"}}",
    NULL,
    "{\n  \"TableName\": \"Reply\",\n  \"IndexName\": \"PostedBy-Index\",\n"
    "  \"KeyConditionExpression\": \"#Id = :v0 AND #PostedBy BETWEEN :v1 AND :v2\",\n"
    "  \"ProjectionExpression\": \"#Id, #PostedBy, #ReplyDateTime\",\n"
    "  \"ExpressionAttributeNames\": {\n    \"#Id\": \"Id\",\n    \"#PostedBy\": \"PostedBy\",\n"
    "    \"#ReplyDateTime\": \"ReplyDateTime\"\n  },\n"
    "  \"ExpressionAttributeValues\": {\n    \":v0\": { \"S\": \"x\" },\n    \":v1\": { \"S\": \"User A\" },\n"
    "    \":v2\": { \"S\": \"User C\" }\n  },\n  \"Limit\": 3,\n  \"ConsistentRead\": true\n}" },
  /* the sort key written first: the "=" is the partition key */
  { "parse/sort-first", DD_QUERY_KIND_QUERY,
    "{\"TableName\":\"T\",\"KeyConditionExpression\":\"#s>:b AND #p=:a\","
    "\"ExpressionAttributeNames\":{\"#s\":\"sk\",\"#p\":\"pk\"},"
    "\"ExpressionAttributeValues\":{\":a\":{\"S\":\"1\"},\":b\":{\"N\":\"" BIG "\"}}}",
    NULL,
    "{\n  \"TableName\": \"T\",\n  \"KeyConditionExpression\": \"#pk = :v0 AND #sk > :v1\",\n"
    "  \"ExpressionAttributeNames\": {\n    \"#pk\": \"pk\",\n    \"#sk\": \"sk\"\n  },\n"
    "  \"ExpressionAttributeValues\": {\n    \":v0\": { \"S\": \"1\" },\n    \":v1\": { \"N\": \"" BIG "\" }\n  }\n}" },
  { "parse/or", DD_QUERY_KIND_SCAN,
    "{\"TableName\":\"T\",\"FilterExpression\":\"a = :x OR b = :x\",\"ExpressionAttributeValues\":{\":x\":{\"S\":\"1\"}}}",
    "AND only", NULL },
  { "parse/parentheses", DD_QUERY_KIND_SCAN,
    "{\"TableName\":\"T\",\"FilterExpression\":\"(a = :x)\",\"ExpressionAttributeValues\":{\":x\":{\"S\":\"1\"}}}",
    "AND only", NULL },
  { "parse/unknown-member", DD_QUERY_KIND_SCAN,
    "{\"TableName\":\"T\",\"ReturnConsumedCapacity\":\"TOTAL\"}", "ReturnConsumedCapacity", NULL },
  { "parse/key-condition-in-scan", DD_QUERY_KIND_SCAN,
    "{\"TableName\":\"T\",\"KeyConditionExpression\":\"a = :x\"}", "KeyConditionExpression", NULL },
  { "parse/missing-value", DD_QUERY_KIND_SCAN,
    "{\"TableName\":\"T\",\"FilterExpression\":\"a = :x\"}", ":x is not in ExpressionAttributeValues", NULL },
  { "parse/missing-name", DD_QUERY_KIND_SCAN,
    "{\"TableName\":\"T\",\"FilterExpression\":\"attribute_exists(#a)\"}", "#a is not in ExpressionAttributeNames",
    NULL },
  { "parse/map-value", DD_QUERY_KIND_SCAN,
    "{\"TableName\":\"T\",\"FilterExpression\":\"a = :x\",\"ExpressionAttributeValues\":{\":x\":{\"M\":{}}}}",
    "cannot edit", NULL },
  { "parse/nested-path", DD_QUERY_KIND_SCAN,
    "{\"TableName\":\"T\",\"FilterExpression\":\"a.b = :x\",\"ExpressionAttributeValues\":{\":x\":{\"S\":\"1\"}}}",
    "nested paths", NULL },
  { "parse/mixed-types", DD_QUERY_KIND_SCAN,
    "{\"TableName\":\"T\",\"FilterExpression\":\"a IN (:x, :y)\","
    "\"ExpressionAttributeValues\":{\":x\":{\"S\":\"1\"},\":y\":{\"N\":\"1\"}}}", "one type", NULL },
  { "parse/no-key-condition", DD_QUERY_KIND_QUERY, "{\"TableName\":\"T\"}", "key condition", NULL },
  { "parse/partition-not-eq", DD_QUERY_KIND_QUERY,
    "{\"TableName\":\"T\",\"KeyConditionExpression\":\"a > :x\",\"ExpressionAttributeValues\":{\":x\":{\"S\":\"1\"}}}",
    "compared with =", NULL },
  { "parse/limit-text", DD_QUERY_KIND_SCAN, "{\"TableName\":\"T\",\"Limit\":\"5\"}", "Limit", NULL },
  { "parse/truncated", DD_QUERY_KIND_SCAN,
    "{\"TableName\":\"T\",\"FilterExpression\":\"a BETWEEN :x\",\"ExpressionAttributeValues\":{\":x\":{\"S\":\"1\"}}}",
    "“AND” expected", NULL },
};

static void
test_parse (gconstpointer data)
{
  const ParseCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdQuerySpec) spec = dd_query_spec_from_json (c->kind, c->json, &error);
  g_autofree char *json = NULL;

  if (c->refusal != NULL)
    {
      g_assert_null (spec);
      g_assert_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, c->refusal));
      return;
    }
  g_assert_no_error (error);
  json = dd_query_spec_to_json (spec, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json, ==, c->written);
}

static void
test_parse_not_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdQuerySpec) spec = dd_query_spec_from_json (DD_QUERY_KIND_SCAN, "{\"TableName\":", &error);

  g_assert_null (spec);
  g_assert_error (error, DD_ERROR, DD_ERROR_INVALID_JSON);
}

static void
test_op_names (void)
{
  for (DdQueryOp op = DD_QUERY_OP_EQ; op <= DD_QUERY_OP_SIZE; op++)
    {
      const char *text = dd_query_op_to_string (op);

      g_assert_nonnull (text);
      g_assert_cmpint (dd_query_op_from_string (text), ==, op);
    }
  g_assert_null (dd_query_op_to_string (DD_QUERY_OP_NONE));
  g_assert_cmpint (dd_query_op_from_string ("AND"), ==, DD_QUERY_OP_NONE);
}

int
main (int   argc,
      char *argv[])
{
  dd_test_init (&argc, &argv);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/dd/query-builder/%s", cases[i].path);

      g_test_add_data_func (path, &cases[i], test_case);
    }
  for (guint i = 0; i < G_N_ELEMENTS (parse_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/dd/query-builder/%s", parse_cases[i].path);

      g_test_add_data_func (path, &parse_cases[i], test_parse);
    }
  g_test_add_func ("/dd/query-builder/parse/not-json", test_parse_not_json);
  g_test_add_func ("/dd/query-builder/op-names", test_op_names);
  return g_test_run ();
}
