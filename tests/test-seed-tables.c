/* test-seed-tables.c: the seed's table examples (Describe Table, Create
 * Table, List Tables) and the operations the local DynamoDB does not know
 * (transactions, PartiQL), run through the core's C API, and their results
 * checked. The tables the examples need are made first (dd-test-seed.h).
 */
#include "config.h"

#include <string.h>

#include "dd-error.h"
#include "dd-page.h"
#include "dd-pager.h"
#include "dd-request.h"
#include "dd-test-dynamo.h"
#include "dd-test-seed.h"

/* Describe Table ------------------------------------------------------- */

static void
assert_key_element (const char *answer,
                    const char *schema,
                    guint       i,
                    const char *name,
                    const char *type)
{
  g_autofree char *name_path = g_strdup_printf ("%s.%u.AttributeName", schema, i);
  g_autofree char *type_path = g_strdup_printf ("%s.%u.KeyType", schema, i);

  dd_test_assert_jget (answer, name_path, name);
  dd_test_assert_jget (answer, type_path, type);
}

/* DescribeTable's ItemCount is not live: DynamoDB refreshes it about every
 * six hours (the local DynamoDB never does), so right after the items are
 * written it is a count between none and all of them. */
static void
assert_item_count (const char *answer,
                   const char *path,
                   guint       n)
{
  g_autofree char *value = dd_test_jget (answer, path);
  char *end = NULL;
  guint64 count;

  g_assert_nonnull (value);
  count = g_ascii_strtoull (value, &end, 10);
  g_assert_cmpstr (end, ==, "");
  g_assert_cmpuint (count, <=, n);
}

/* The seed gives no text for Describe Table, only the Table: the
 * catalogue's template, whose placeholder the chosen table fills. */
static void
test_describe_table (void)
{
  g_autoptr(GHashTable) expected = dd_test_seed_expected_replies ();
  guint n = g_hash_table_size (expected);
  g_autofree char *count = g_strdup_printf ("%u", n);
  g_autofree char *answer = NULL;
  g_autofree char *counted = NULL;

  dd_test_seed_ensure_reply_table ();
  answer = dd_test_seed_run_ok ("DescribeTable", dd_test_seed_op ("DescribeTable")->template_json, "Reply");
  dd_test_assert_jget (answer, "Table.TableName", "Reply");
  dd_test_assert_jget (answer, "Table.TableStatus", "ACTIVE");
  g_assert_cmpint (dd_test_jsize (answer, "Table.KeySchema"), ==, 2);
  assert_key_element (answer, "Table.KeySchema", 0, "Id", "HASH");
  assert_key_element (answer, "Table.KeySchema", 1, "ReplyDateTime", "RANGE");
  g_assert_cmpint (dd_test_jsize (answer, "Table.AttributeDefinitions"), ==, 3);
  g_assert_cmpint (dd_test_jsize (answer, "Table.LocalSecondaryIndexes"), ==, 1);
  dd_test_assert_jget (answer, "Table.LocalSecondaryIndexes.0.IndexName", "PostedBy-Index");
  g_assert_cmpint (dd_test_jsize (answer, "Table.LocalSecondaryIndexes.0.KeySchema"), ==, 2);
  assert_key_element (answer, "Table.LocalSecondaryIndexes.0.KeySchema", 0, "Id", "HASH");
  assert_key_element (answer, "Table.LocalSecondaryIndexes.0.KeySchema", 1, "PostedBy", "RANGE");
  dd_test_assert_jget (answer, "Table.LocalSecondaryIndexes.0.Projection.ProjectionType", "ALL");
  assert_item_count (answer, "Table.ItemCount", n);
  assert_item_count (answer, "Table.LocalSecondaryIndexes.0.ItemCount", n);

  /* The exact count, as a Scan with Select COUNT gives it. */
  counted = dd_test_seed_run_ok ("Scan", "{ \"Select\": \"COUNT\" }", "Reply");
  dd_test_assert_jget (counted, "Count", count);
  g_assert_null (dd_test_jget (counted, "Items"));
}

/* Create Table --------------------------------------------------------- */

static gboolean
problem_mentions (GPtrArray  *problems,
                  const char *words)
{
  for (guint i = 0; i < problems->len; i++)
    if (strstr (problems->pdata[i], words) != NULL)
      return TRUE;
  return FALSE;
}

/* The example as it is: a local secondary index on a table keyed by
 * USER_ID alone. The problem is explained before sending; DynamoDB refuses
 * it with the same words; no table is made. */
static void
test_create_table_verbatim (void)
{
  g_autofree char *text = dd_test_read_seed ("create-table.json");
  g_autoptr(GBytes) body = dd_test_seed_build ("CreateTable", text, NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) missing = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *describe = NULL;

  g_assert_true (dd_request_explain_problems (dd_test_seed_op ("CreateTable"), body, &problems));
  g_assert_cmpuint (problems->len, ==, 1);
  g_test_message ("%s", (char *) problems->pdata[0]);
  g_assert_true (problem_mentions (problems, "USER_FEE_LOCAL"));
  g_assert_true (problem_mentions (problems, "local secondary index"));
  g_assert_true (problem_mentions (problems, "sort key (RANGE)"));

  answer = dd_test_seed_send ("CreateTable", body, &error);
  g_assert_null (answer);
  dd_test_assert_service_error (error, "ValidationException");
  g_assert_cmpstr (dd_error_get_aws_message (error), ==,
                   "One or more parameter values were invalid: Table KeySchema does not have "
                   "a range key, which is required when specifying a LocalSecondaryIndex");
  g_assert_true (problem_mentions (problems, "Table KeySchema does not have a range key"));

  describe = dd_test_seed_run ("DescribeTable", "{}", "USER_FEE_LOCAL", &missing);
  g_assert_null (describe);
  dd_test_assert_service_error (missing, "ResourceNotFoundException");
}

/* The corrected example (the catalogue's template: USER_NAME as the sort
 * key) is made; DescribeTable shows its keys and its index. */
static void
test_create_table_corrected (void)
{
  g_autofree char *answer = NULL;

  g_assert_false (dd_test_seed_fee_table_created ());
  dd_test_seed_create_fee_table ();
  answer = dd_test_seed_run_ok ("DescribeTable", "{}", "USER_FEE_LOCAL");
  dd_test_assert_jget (answer, "Table.TableStatus", "ACTIVE");
  g_assert_cmpint (dd_test_jsize (answer, "Table.KeySchema"), ==, 2);
  assert_key_element (answer, "Table.KeySchema", 0, "USER_ID", "HASH");
  assert_key_element (answer, "Table.KeySchema", 1, "USER_NAME", "RANGE");
  g_assert_cmpint (dd_test_jsize (answer, "Table.AttributeDefinitions"), ==, 3);
  g_assert_cmpint (dd_test_jsize (answer, "Table.LocalSecondaryIndexes"), ==, 1);
  dd_test_assert_jget (answer, "Table.LocalSecondaryIndexes.0.IndexName", "USER_FEE");
  assert_key_element (answer, "Table.LocalSecondaryIndexes.0.KeySchema", 0, "USER_ID", "HASH");
  assert_key_element (answer, "Table.LocalSecondaryIndexes.0.KeySchema", 1, "USER_FEE", "RANGE");
  dd_test_assert_jget (answer, "Table.LocalSecondaryIndexes.0.Projection.ProjectionType", "KEYS_ONLY");
  dd_test_assert_jget (answer, "Table.ProvisionedThroughput.ReadCapacityUnits", "1");
  dd_test_assert_jget (answer, "Table.ProvisionedThroughput.WriteCapacityUnits", "1");
  dd_test_assert_jget (answer, "Table.ItemCount", "0");
}

/* List Tables ---------------------------------------------------------- */

static const char * const all_tables[] = {
  "Reply", "Thread", "USER_DETAILS_with_local", "USER_FEE_LOCAL", NULL
};

static void
ensure_all_tables (void)
{
  dd_test_seed_ensure_reply_table ();
  dd_test_seed_ensure_thread_table ();
  dd_test_seed_ensure_users_table ();
  if (!dd_test_seed_fee_table_created ())
    dd_test_seed_create_fee_table ();
}

/* The seed gives no text for List Tables: the editor left empty is {}.
 * Every table made here, in name order, on one page; none named
 * USER_DETAILS_with_localS. */
static void
test_list_tables (void)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *answer = NULL;
  g_autoptr(DdPage) page = NULL;
  const char * const *names;
  guint n = 0;

  ensure_all_tables ();
  body = dd_test_seed_build ("ListTables", "", NULL);
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "{}", 2);
  answer = dd_test_seed_send ("ListTables", body, &error);
  g_assert_no_error (error);
  page = dd_test_parse_page (answer);
  names = dd_page_get_table_names (page, &n);
  g_assert_cmpuint (n, ==, g_strv_length ((char **) all_tables));
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (names[i], ==, all_tables[i]);
  g_assert_false (dd_page_has_more (page));
}

static void
collect_names_cb (DdPager   *pager,
                  DdPage    *page,
                  GPtrArray *names)
{
  guint n = 0;
  const char * const *page_names = dd_page_get_table_names (page, &n);

  g_assert_cmpuint (n, <=, 1);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (names, g_strdup (page_names[i]));
}

/* With Limit 1, one name a page: the pager follows LastEvaluatedTableName
 * and sees every name once, in order. */
static void
test_list_tables_pages (void)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GPtrArray) names = NULL;
  guint64 n_pages = 0;

  ensure_all_tables ();
  body = dd_test_seed_build ("ListTables", "{ \"Limit\": 1 }", NULL);
  names = dd_test_seed_fetch_all ("ListTables", body, G_CALLBACK (collect_names_cb), &n_pages);
  g_assert_cmpuint (names->len, ==, g_strv_length ((char **) all_tables));
  for (guint i = 0; i < names->len; i++)
    g_assert_cmpstr (names->pdata[i], ==, all_tables[i]);
  g_assert_cmpuint (n_pages, >=, names->len);
  g_assert_cmpuint (n_pages, <=, names->len + 1);
}

/* Transactions and PartiQL --------------------------------------------- */

/* The catalogue's template of action, sent: the local DynamoDB does not
 * know the operation, and the hint says so. */
static void
assert_unsupported (const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *answer = NULL;

  dd_test_seed_ensure_users_table ();
  answer = dd_test_seed_run (action, dd_test_seed_op (action)->template_json, NULL, &error);
  g_assert_null (answer);
  dd_test_assert_service_error (error, "UnknownOperationException");
  g_assert_nonnull (strstr (dd_error_get_hint (error), "does not support"));
}

static void
test_transact_write_items (void)
{
  assert_unsupported ("TransactWriteItems");
}

static void
test_execute_statement (void)
{
  assert_unsupported ("ExecuteStatement");
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  dd_test_init (&argc, &argv);
  dd_test_seed_start ();

  g_test_add_func ("/dd/seed/describe-table/reply", test_describe_table);
  g_test_add_func ("/dd/seed/create-table/verbatim", test_create_table_verbatim);
  g_test_add_func ("/dd/seed/create-table/corrected", test_create_table_corrected);
  g_test_add_func ("/dd/seed/list-tables/all", test_list_tables);
  g_test_add_func ("/dd/seed/list-tables/pages", test_list_tables_pages);
  g_test_add_func ("/dd/seed/unsupported/transact-write-items", test_transact_write_items);
  g_test_add_func ("/dd/seed/unsupported/execute-statement", test_execute_statement);

  ret = g_test_run ();
  dd_test_seed_stop ();
  return ret;
}
