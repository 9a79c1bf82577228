/* dd-operation.c: the catalogue of DynamoDB operations.
 *
 * Field names follow the DynamoDB API reference (API version 2012-08-10).
 * The nine operations of the seed come first, in the seed's order, with
 * the seed's headings as labels and the seed's examples as templates:
 * Get Item's example is missing a closing brace in the seed and is given
 * here with it added; Create Table's example, as the seed writes it, has a
 * local secondary index on a table whose key has no sort key, which
 * DynamoDB refuses, so its template adds the sort key USER_NAME (the key of
 * the seed's Update Item example on the table USER_DETAILS_with_local).
 * The table's TableName in a template is either the seed's or the
 * placeholder "<table_name>", which dd-request.c replaces with the table
 * the person chose.
 */
#define G_LOG_DOMAIN "dd-operation"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dd-operation.h"

/* Templates: the editor's starting text. */

static const char template_list_tables[] =
  "{}\n";

static const char template_get_item[] =
  "{\n"
  "    \"Key\": {\n"
  "        \"ForumName\": {\n"
  "            \"S\": \"Amazon DynamoDB\"\n"
  "        },\n"
  "        \"Subject\": {\n"
  "            \"S\": \"How do I update multiple items?\"\n"
  "        }\n"
  "    }\n"
  "}\n";

static const char template_query[] =
  "{\n"
  "  \"TableName\": \"Reply\",\n"
  "  \"IndexName\": \"PostedBy-Index\",\n"
  "  \"Limit\": 3,\n"
  "  \"ConsistentRead\": true,\n"
  "  \"ProjectionExpression\": \"Id, PostedBy, ReplyDateTime\",\n"
  "  \"KeyConditionExpression\": \"Id = :v1 AND PostedBy BETWEEN :v2a AND :v2b\",\n"
  "  \"ExpressionAttributeValues\": {\n"
  "    \":v1\": { \"S\": \"Amazon DynamoDB#DynamoDB Thread 1\" },\n"
  "    \":v2a\": { \"S\": \"User A\" },\n"
  "    \":v2b\": { \"S\": \"User C\" }\n"
  "  },\n"
  "  \"ReturnConsumedCapacity\": \"TOTAL\"\n"
  "}\n";

static const char template_scan[] =
  "{ \"TableName\": \"<table_name>\" }\n";

static const char template_delete_item[] =
  "{\n"
  "  \"Key\": {\n"
  "    \"ForumName\": {\n"
  "      \"S\": \"Amazon DynamoDB\"\n"
  "    },\n"
  "    \"Subject\": {\n"
  "      \"S\": \"How do I update multiple items?\"\n"
  "    }\n"
  "  },\n"
  "  \"ConditionExpression\": \"attribute_not_exists(Replies)\",\n"
  "  \"ReturnValues\": \"ALL_OLD\"\n"
  "}\n";

static const char template_update_item[] =
  "{\n"
  "  \"TableName\": \"USER_DETAILS_with_local\",\n"
  "  \"Key\": {\n"
  "    \"USER_ID\": 1,\n"
  "    \"USER_NAME\": \"Nick\"\n"
  "  },\n"
  "  \"UpdateExpression\": \"set USER_AGE = :age, USER_FEE = :fee\",\n"
  "  \"ExpressionAttributeValues\": {\n"
  "    \":age\": 40,\n"
  "    \":fee\": 230545\n"
  "  }\n"
  "}\n";

static const char template_describe_table[] =
  "{ \"TableName\": \"<table_name>\" }\n";

static const char template_create_table[] =
  "{\n"
  "  \"AttributeDefinitions\": [\n"
  "    {\n"
  "      \"AttributeName\": \"USER_ID\",\n"
  "      \"AttributeType\": \"N\"\n"
  "    },\n"
  "    {\n"
  "      \"AttributeName\": \"USER_NAME\",\n"
  "      \"AttributeType\": \"S\"\n"
  "    },\n"
  "    {\n"
  "      \"AttributeName\": \"USER_FEE\",\n"
  "      \"AttributeType\": \"N\"\n"
  "    }\n"
  "  ],\n"
  "  \"KeySchema\": [\n"
  "    {\n"
  "      \"AttributeName\": \"USER_ID\",\n"
  "      \"KeyType\": \"HASH\"\n"
  "    },\n"
  "    {\n"
  "      \"AttributeName\": \"USER_NAME\",\n"
  "      \"KeyType\": \"RANGE\"\n"
  "    }\n"
  "  ],\n"
  "  \"LocalSecondaryIndexes\": [\n"
  "    {\n"
  "      \"IndexName\": \"USER_FEE\",\n"
  "      \"KeySchema\": [\n"
  "        {\n"
  "          \"AttributeName\": \"USER_ID\",\n"
  "          \"KeyType\": \"HASH\"\n"
  "        },\n"
  "        {\n"
  "          \"AttributeName\": \"USER_FEE\",\n"
  "          \"KeyType\": \"RANGE\"\n"
  "        }\n"
  "      ],\n"
  "      \"Projection\": {\n"
  "        \"ProjectionType\": \"KEYS_ONLY\"\n"
  "      }\n"
  "    }\n"
  "  ],\n"
  "  \"ProvisionedThroughput\": {\n"
  "    \"ReadCapacityUnits\": 1,\n"
  "    \"WriteCapacityUnits\": 1\n"
  "  },\n"
  "  \"TableName\": \"USER_FEE_LOCAL\",\n"
  "  \"StreamSpecification\": {\n"
  "    \"StreamEnabled\": false\n"
  "  }\n"
  "}\n";

static const char template_put_item[] =
  "{\n"
  "  \"TableName\": \"USER_DETAILS_with_localS\",\n"
  "  \"Item\": {\n"
  "    \"USER_ID\": 1,\n"
  "    \"USER_NAME\": \"NICK\",\n"
  "    \"USER_AGE\": 34,\n"
  "    \"USER_FEE\": 1234.56\n"
  "  }\n"
  "}\n";

static const char template_delete_table[] =
  "{ \"TableName\": \"<table_name>\" }\n";

static const char template_update_table[] =
  "{\n"
  "  \"TableName\": \"<table_name>\",\n"
  "  \"ProvisionedThroughput\": {\n"
  "    \"ReadCapacityUnits\": 5,\n"
  "    \"WriteCapacityUnits\": 5\n"
  "  }\n"
  "}\n";

static const char template_batch_get_item[] =
  "{\n"
  "  \"RequestItems\": {\n"
  "    \"Forum\": {\n"
  "      \"Keys\": [\n"
  "        { \"Name\": { \"S\": \"Amazon DynamoDB\" } },\n"
  "        { \"Name\": { \"S\": \"Amazon S3\" } }\n"
  "      ],\n"
  "      \"ProjectionExpression\": \"#n, Threads, Messages, Views\",\n"
  "      \"ExpressionAttributeNames\": { \"#n\": \"Name\" }\n"
  "    }\n"
  "  }\n"
  "}\n";

static const char template_batch_write_item[] =
  "{\n"
  "  \"RequestItems\": {\n"
  "    \"USER_DETAILS_with_local\": [\n"
  "      {\n"
  "        \"PutRequest\": {\n"
  "          \"Item\": {\n"
  "            \"USER_ID\": 2,\n"
  "            \"USER_NAME\": \"Ann\",\n"
  "            \"USER_AGE\": 29,\n"
  "            \"USER_FEE\": 99.5\n"
  "          }\n"
  "        }\n"
  "      },\n"
  "      {\n"
  "        \"DeleteRequest\": {\n"
  "          \"Key\": {\n"
  "            \"USER_ID\": 1,\n"
  "            \"USER_NAME\": \"Nick\"\n"
  "          }\n"
  "        }\n"
  "      }\n"
  "    ]\n"
  "  }\n"
  "}\n";

static const char template_transact_get_items[] =
  "{\n"
  "  \"TransactItems\": [\n"
  "    {\n"
  "      \"Get\": {\n"
  "        \"TableName\": \"USER_DETAILS_with_local\",\n"
  "        \"Key\": {\n"
  "          \"USER_ID\": 1,\n"
  "          \"USER_NAME\": \"Nick\"\n"
  "        }\n"
  "      }\n"
  "    }\n"
  "  ]\n"
  "}\n";

static const char template_transact_write_items[] =
  "{\n"
  "  \"TransactItems\": [\n"
  "    {\n"
  "      \"Put\": {\n"
  "        \"TableName\": \"USER_DETAILS_with_local\",\n"
  "        \"Item\": {\n"
  "          \"USER_ID\": 2,\n"
  "          \"USER_NAME\": \"Ann\",\n"
  "          \"USER_AGE\": 29\n"
  "        },\n"
  "        \"ConditionExpression\": \"attribute_not_exists(USER_ID)\"\n"
  "      }\n"
  "    },\n"
  "    {\n"
  "      \"Update\": {\n"
  "        \"TableName\": \"USER_DETAILS_with_local\",\n"
  "        \"Key\": {\n"
  "          \"USER_ID\": 1,\n"
  "          \"USER_NAME\": \"Nick\"\n"
  "        },\n"
  "        \"UpdateExpression\": \"set USER_AGE = :age\",\n"
  "        \"ExpressionAttributeValues\": {\n"
  "          \":age\": 41\n"
  "        }\n"
  "      }\n"
  "    }\n"
  "  ]\n"
  "}\n";

static const char template_execute_statement[] =
  "{\n"
  "  \"Statement\": \"SELECT * FROM \\\"USER_DETAILS_with_local\\\" WHERE USER_ID = ?\",\n"
  "  \"Parameters\": [\n"
  "    { \"N\": \"1\" }\n"
  "  ]\n"
  "}\n";

static const char template_describe_time_to_live[] =
  "{ \"TableName\": \"<table_name>\" }\n";

static const char template_update_time_to_live[] =
  "{\n"
  "  \"TableName\": \"<table_name>\",\n"
  "  \"TimeToLiveSpecification\": {\n"
  "    \"Enabled\": true,\n"
  "    \"AttributeName\": \"EXPIRES_AT\"\n"
  "  }\n"
  "}\n";

static const char template_raw[] =
  "{}\n";


/* Where attribute values are, as dd-attr.h paths. The legacy parameters
 * (KeyConditions, QueryFilter, ScanFilter, Expected, AttributeUpdates) are
 * listed too: they still work and hold attribute values. */

#define EXPECTED_PATHS \
  "Expected.*.Value@", "Expected.*.AttributeValueList.[]@"

#define TRANSACT_WRITE_PATHS \
  "TransactItems.[].Put.Item", \
  "TransactItems.[].Put.ExpressionAttributeValues", \
  "TransactItems.[].Update.Key", \
  "TransactItems.[].Update.ExpressionAttributeValues", \
  "TransactItems.[].Delete.Key", \
  "TransactItems.[].Delete.ExpressionAttributeValues", \
  "TransactItems.[].ConditionCheck.Key", \
  "TransactItems.[].ConditionCheck.ExpressionAttributeValues"

static const char * const no_paths[] = { NULL };

static const char * const get_item_request[] = { "Key", NULL };
static const char * const get_item_response[] = { "Item", NULL };

static const char * const query_request[] = {
  "ExpressionAttributeValues", "ExclusiveStartKey",
  "KeyConditions.*.AttributeValueList.[]@",
  "QueryFilter.*.AttributeValueList.[]@",
  NULL
};
static const char * const scan_request[] = {
  "ExpressionAttributeValues", "ExclusiveStartKey",
  "ScanFilter.*.AttributeValueList.[]@",
  NULL
};
static const char * const items_response[] = {
  "Items.[]", "LastEvaluatedKey", NULL
};

static const char * const delete_item_request[] = {
  "Key", "ExpressionAttributeValues", EXPECTED_PATHS, NULL
};
static const char * const update_item_request[] = {
  "Key", "ExpressionAttributeValues", "AttributeUpdates.*.Value@",
  EXPECTED_PATHS, NULL
};
static const char * const put_item_request[] = {
  "Item", "ExpressionAttributeValues", EXPECTED_PATHS, NULL
};
/* "Item" is in the error answer of a failed condition when
 * ReturnValuesOnConditionCheckFailure is ALL_OLD. */
static const char * const write_item_response[] = {
  "Attributes", "ItemCollectionMetrics.ItemCollectionKey", "Item", NULL
};

static const char * const batch_get_request[] = {
  "RequestItems.*.Keys.[]", NULL
};
static const char * const batch_get_response[] = {
  "Responses.*.[]", "UnprocessedKeys.*.Keys.[]", NULL
};
static const char * const batch_write_request[] = {
  "RequestItems.*.[].PutRequest.Item",
  "RequestItems.*.[].DeleteRequest.Key",
  NULL
};
static const char * const batch_write_response[] = {
  "UnprocessedItems.*.[].PutRequest.Item",
  "UnprocessedItems.*.[].DeleteRequest.Key",
  "ItemCollectionMetrics.*.[].ItemCollectionKey",
  NULL
};

static const char * const transact_get_request[] = {
  "TransactItems.[].Get.Key", NULL
};
static const char * const transact_get_response[] = {
  "Responses.[].Item", "CancellationReasons.[].Item", NULL
};
static const char * const transact_write_request[] = {
  TRANSACT_WRITE_PATHS, NULL
};
/* CancellationReasons: the TransactionCanceledException answer. */
static const char * const transact_write_response[] = {
  "ItemCollectionMetrics.*.[].ItemCollectionKey",
  "CancellationReasons.[].Item",
  NULL
};

static const char * const execute_statement_request[] = {
  "Parameters.[]@", NULL
};
static const char * const execute_statement_response[] = {
  "Items.[]", "LastEvaluatedKey", "Item", NULL
};

/* Any action: the union of the above, and the PartiQL batch and
 * transaction forms (BatchExecuteStatement, ExecuteTransaction). */
static const char * const raw_request[] = {
  "Item", "Key", "ExpressionAttributeValues", "ExclusiveStartKey",
  "KeyConditions.*.AttributeValueList.[]@",
  "QueryFilter.*.AttributeValueList.[]@",
  "ScanFilter.*.AttributeValueList.[]@",
  "AttributeUpdates.*.Value@",
  EXPECTED_PATHS,
  "RequestItems.*.Keys.[]",
  "RequestItems.*.[].PutRequest.Item",
  "RequestItems.*.[].DeleteRequest.Key",
  "TransactItems.[].Get.Key",
  TRANSACT_WRITE_PATHS,
  "Parameters.[]@",
  "Statements.[].Parameters.[]@",
  "TransactStatements.[].Parameters.[]@",
  NULL
};
static const char * const raw_response[] = {
  "Item", "Items.[]", "Attributes", "LastEvaluatedKey",
  "ItemCollectionMetrics.ItemCollectionKey",
  "ItemCollectionMetrics.*.[].ItemCollectionKey",
  "Responses.*.[]", "Responses.[].Item", "Responses.[].Error.Item",
  "UnprocessedKeys.*.Keys.[]",
  "UnprocessedItems.*.[].PutRequest.Item",
  "UnprocessedItems.*.[].DeleteRequest.Key",
  "CancellationReasons.[].Item",
  NULL
};

#define SEED   DD_OPERATION_FLAG_SEED
#define TABLE  DD_OPERATION_FLAG_TAKES_TABLE
#define WRITES DD_OPERATION_FLAG_WRITES
#define ITEMS  DD_OPERATION_FLAG_RETURNS_ITEMS
#define EMPTY  DD_OPERATION_FLAG_MAY_BE_EMPTY

#define NO_PAGES NULL, NULL, NULL
#define KEY_PAGES "ExclusiveStartKey", "LastEvaluatedKey", "Limit"

static const DdOperation operations[] = {
  /* The seed's nine, in its order. */
  { "ListTables", N_("List Tables"), "list-tables", SEED | EMPTY,
    template_list_tables, no_paths, no_paths,
    "ExclusiveStartTableName", "LastEvaluatedTableName", "Limit" },
  { "GetItem", N_("Get Item"), "get-item", SEED | TABLE,
    template_get_item, get_item_request, get_item_response, NO_PAGES },
  { "Query", N_("Query Table"), "query", SEED | TABLE | ITEMS,
    template_query, query_request, items_response, KEY_PAGES },
  { "Scan", N_("Scan Table"), "scan", SEED | TABLE | ITEMS | EMPTY,
    template_scan, scan_request, items_response, KEY_PAGES },
  { "DeleteItem", N_("Delete Item"), "delete-item", SEED | TABLE | WRITES,
    template_delete_item, delete_item_request, write_item_response, NO_PAGES },
  { "UpdateItem", N_("Update Item"), "update-item", SEED | TABLE | WRITES,
    template_update_item, update_item_request, write_item_response, NO_PAGES },
  { "DescribeTable", N_("Describe Table"), "describe-table", SEED | TABLE | EMPTY,
    template_describe_table, no_paths, no_paths, NO_PAGES },
  { "CreateTable", N_("Create Table"), "create-table", SEED | TABLE | WRITES,
    template_create_table, no_paths, no_paths, NO_PAGES },
  { "PutItem", N_("Put Item"), "put-item", SEED | TABLE | WRITES,
    template_put_item, put_item_request, write_item_response, NO_PAGES },

  /* The others. */
  { "DeleteTable", N_("Delete Table"), "delete-table", TABLE | WRITES | EMPTY,
    template_delete_table, no_paths, no_paths, NO_PAGES },
  { "UpdateTable", N_("Update Table"), "update-table", TABLE | WRITES,
    template_update_table, no_paths, no_paths, NO_PAGES },
  { "BatchGetItem", N_("Batch Get Item"), "batch-get-item", 0,
    template_batch_get_item, batch_get_request, batch_get_response, NO_PAGES },
  { "BatchWriteItem", N_("Batch Write Item"), "batch-write-item", WRITES,
    template_batch_write_item, batch_write_request, batch_write_response, NO_PAGES },
  { "TransactGetItems", N_("Transact Get Items"), "transact-get-items", 0,
    template_transact_get_items, transact_get_request, transact_get_response, NO_PAGES },
  { "TransactWriteItems", N_("Transact Write Items"), "transact-write-items", WRITES,
    template_transact_write_items, transact_write_request, transact_write_response, NO_PAGES },
  /* A statement may write (INSERT, UPDATE, DELETE): counted as writing. */
  { "ExecuteStatement", N_("Execute Statement"), "execute-statement", WRITES | ITEMS,
    template_execute_statement, execute_statement_request, execute_statement_response,
    "NextToken", "NextToken", "Limit" },
  { "DescribeTimeToLive", N_("Describe Time to Live"), "describe-time-to-live", TABLE | EMPTY,
    template_describe_time_to_live, no_paths, no_paths, NO_PAGES },
  { "UpdateTimeToLive", N_("Update Time to Live"), "update-time-to-live", TABLE | WRITES,
    template_update_time_to_live, no_paths, no_paths, NO_PAGES },
};

static const DdOperation raw_operation = {
  NULL, N_("Call Action"), "call", EMPTY,
  template_raw, raw_request, raw_response, NO_PAGES
};

const DdOperation *
dd_operation_get_all (guint *n_operations)
{
  if (n_operations != NULL)
    *n_operations = G_N_ELEMENTS (operations);
  return operations;
}

const char *
dd_operation_get_label (const DdOperation *op)
{
  g_return_val_if_fail (op != NULL, NULL);

  return g_dgettext (GETTEXT_PACKAGE, op->label);
}

const DdOperation *
dd_operation_lookup_action (const char *action)
{
  g_return_val_if_fail (action != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (operations); i++)
    if (strcmp (operations[i].action, action) == 0)
      return &operations[i];
  return NULL;
}

const DdOperation *
dd_operation_lookup_cli_name (const char *cli_name)
{
  g_return_val_if_fail (cli_name != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (operations); i++)
    if (strcmp (operations[i].cli_name, cli_name) == 0)
      return &operations[i];
  return NULL;
}

gboolean
dd_operation_is_paginated (const DdOperation *op)
{
  g_return_val_if_fail (op != NULL, FALSE);

  return op->page_input_key != NULL && op->page_output_key != NULL;
}

static gboolean
is_action_name (const char *action)
{
  if (!g_ascii_isalpha (action[0]))
    return FALSE;
  for (const char *p = action; *p; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;
  return TRUE;
}

const DdOperation *
dd_operation_for_raw_action (const char *action)
{
  const DdOperation *known;

  g_return_val_if_fail (action != NULL, NULL);

  if (!is_action_name (action))
    return NULL;
  known = dd_operation_lookup_action (action);
  return known != NULL ? known : &raw_operation;
}
