/* dd-test-client.c: a client on the local DynamoDB with dummy credentials,
 * and requests sent through it from a test. */
#define G_LOG_DOMAIN "dd-test"

#include "config.h"

#include <string.h>

#include "dd-batch-writer.h"
#include "dd-client.h"
#include "dd-credentials.h"
#include "dd-provider-static.h"
#include "dd-source-store.h"
#include "dd-test-client.h"
#include "dd-test-dynamo.h"
#include "dd-test-fake.h"

DdClient *
dd_test_dynamo_new_client (DdTestDynamo *self)
{
  g_autoptr(DdCredentials) creds = dd_credentials_new ("AKIDLOCALTEST", "local-secret", NULL, NULL, "test");
  g_autoptr(DdCredentialsProvider) provider = dd_provider_static_new (creds);

  return dd_client_new ("us-east-1", dd_test_dynamo_get_endpoint (self), provider);
}

typedef struct
{
  gboolean  done;
  GBytes   *body;
  GError   *error;
} Call;

static void
call_cb (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  Call *call = user_data;

  call->body = dd_client_call_finish (DD_CLIENT (source), res, &call->error);
  call->done = TRUE;
}

char *
dd_test_try_call (DdClient    *client,
                  const char  *action,
                  const char  *json,
                  GError     **error)
{
  g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));
  g_autoptr(GBytes) response = NULL;
  Call call = { 0 };

  dd_client_call_async (client, action, body, NULL, call_cb, &call);
  dd_test_wait_for (&call.done, 60);
  response = call.body;
  if (call.error != NULL)
    {
      g_propagate_error (error, call.error);
      return NULL;
    }
  g_assert_nonnull (response);
  return g_strndup (g_bytes_get_data (response, NULL), g_bytes_get_size (response));
}

char *
dd_test_call (DdClient   *client,
              const char *action,
              const char *json)
{
  g_autoptr(GError) error = NULL;
  char *text = dd_test_try_call (client, action, json, &error);

  g_assert_no_error (error);
  return text;
}

JsonObject *
dd_test_call_object (DdClient   *client,
                     const char *action,
                     const char *json)
{
  g_autofree char *text = dd_test_call (client, action, json);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_object_ref (json_node_get_object (root));
}

char *
dd_test_get_item (DdClient   *client,
                  const char *table,
                  const char *key)
{
  g_autofree char *request = g_strdup_printf ("{\"TableName\":\"%s\",\"ConsistentRead\":true,\"Key\":%s}",
                                              table, key);
  g_autoptr(JsonObject) response = dd_test_call_object (client, "GetItem", request);
  JsonNode *item = json_object_get_member (response, "Item");

  return item ? json_to_string (item, FALSE) : NULL;
}

void
dd_test_put_item (DdClient   *client,
                  const char *table,
                  const char *item)
{
  g_autofree char *request = g_strdup_printf ("{\"TableName\":\"%s\",\"Item\":%s}", table, item);
  g_autofree char *response = dd_test_call (client, "PutItem", request);
}

static void
add_page_items (GHashTable *items,
                JsonObject *page)
{
  JsonArray *list = json_object_get_array_member (page, "Items");

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *item = json_array_get_object_element (list, i);
      const char *pk = json_object_get_string_member (json_object_get_object_member (item, "pk"), "S");

      g_assert_false (g_hash_table_contains (items, pk));
      g_hash_table_insert (items, g_strdup (pk), json_node_copy (json_array_get_element (list, i)));
    }
}

GHashTable *
dd_test_scan_all (DdClient   *client,
                  const char *table)
{
  GHashTable *items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_node_unref);
  g_autofree char *start = NULL;

  do
    {
      g_autofree char *request = start
        ? g_strdup_printf ("{\"TableName\":\"%s\",\"ExclusiveStartKey\":%s}", table, start)
        : g_strdup_printf ("{\"TableName\":\"%s\"}", table);
      g_autoptr(JsonObject) page = dd_test_call_object (client, "Scan", request);

      add_page_items (items, page);
      g_clear_pointer (&start, g_free);
      if (json_object_has_member (page, "LastEvaluatedKey"))
        start = json_to_string (json_object_get_member (page, "LastEvaluatedKey"), FALSE);
    }
  while (start != NULL);
  return items;
}

void
dd_test_wait_table_active (DdClient   *client,
                           const char *table)
{
  g_autofree char *describe = g_strdup_printf ("{\"TableName\":\"%s\"}", table);
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  /* A table takes writes once it is ACTIVE, not while it is CREATING. */
  while (g_get_monotonic_time () < end)
    {
      g_autoptr(JsonObject) described = dd_test_call_object (client, "DescribeTable", describe);
      JsonObject *t = json_object_get_object_member (described, "Table");

      if (g_strcmp0 (json_object_get_string_member (t, "TableStatus"), "ACTIVE") == 0)
        return;
      g_usleep (20 * 1000);
    }
  g_error ("table %s never became ACTIVE", table);
}

void
dd_test_create_table (DdClient   *client,
                      const char *table,
                      const char *sort_type)
{
  g_autofree char *request = NULL;
  g_autofree char *created = NULL;

  if (sort_type == NULL)
    request = g_strdup_printf (
      "{\"TableName\":\"%s\",\"BillingMode\":\"PAY_PER_REQUEST\","
      "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}],"
      "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}]}", table);
  else
    request = g_strdup_printf (
      "{\"TableName\":\"%s\",\"BillingMode\":\"PAY_PER_REQUEST\","
      "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"},"
      "{\"AttributeName\":\"sk\",\"AttributeType\":\"%s\"}],"
      "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},"
      "{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}]}", table, sort_type);
  created = dd_test_call (client, "CreateTable", request);
  dd_test_wait_table_active (client, table);
}

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  dd_batch_writer_write_finish (DD_BATCH_WRITER (object), result, &error);
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

void
dd_test_write_items (DdClient           *client,
                     const char         *table,
                     const char * const *key_names,
                     GPtrArray          *items)
{
  g_autoptr(DdBatchWriter) writer = dd_batch_writer_new (client, table, key_names);
  gboolean done = FALSE;

  dd_batch_writer_write_async (writer, DD_BATCH_PUT, items, NULL, written_cb, &done);
  dd_test_wait_for (&done, 120);
  g_assert_cmpuint (dd_batch_writer_get_written (writer), ==, items->len);
}

gboolean
dd_test_load_sources (DdSourceStore  *store,
                      GError        **error)
{
  g_auto(DdTestWait) wait = { 0 };

  dd_source_store_load_async (store, NULL, dd_test_wait_cb, &wait);
  return dd_source_store_load_finish (store, dd_test_wait_result (&wait, 120), error);
}

void
dd_test_save_sources (DdSourceStore *store)
{
  g_auto(DdTestWait) wait = { 0 };
  g_autoptr(GError) error = NULL;

  dd_source_store_save_async (store, NULL, dd_test_wait_cb, &wait);
  dd_source_store_save_finish (store, dd_test_wait_result (&wait, 120), &error);
  g_assert_no_error (error);
}

DdCredentials *
dd_test_get_credentials (DdCredentialsProvider  *provider,
                         GError                **error)
{
  DdTestWait wait = { 0 };
  DdCredentials *credentials;

  dd_credentials_provider_get_credentials_async (provider, NULL, dd_test_wait_cb, &wait);
  credentials = dd_credentials_provider_get_credentials_finish (provider, dd_test_wait_result (&wait, 20), error);
  g_object_unref (wait.result);
  return credentials;
}
