/* test-client.c: dd-client against the local DynamoDB (dynalite).
 *
 * Tables and items make the round trip, errors come back with their AWS
 * code, message, status and request id, and the x-amz-crc32 the server
 * sends is checked: a loopback relay between the client and the server can
 * damage the body on its way, which the client must notice.
 */
#define G_LOG_DOMAIN "test-client"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <zlib.h>

#include "dd-client.h"
#include "dd-credentials.h"
#include "dd-error.h"
#include "dd-provider-static.h"
#include "dd-test-dynamo.h"
#include "dd-test-fake.h"

static DdTestDynamo *dynamo;

/* ---- calling ----------------------------------------------------------- */

typedef struct
{
  gboolean done;
  GBytes  *body;
  GError  *error;
} CallResult;

static void
call_cb (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  CallResult *result = user_data;

  result->body = dd_client_call_finish (DD_CLIENT (source), res, &result->error);
  result->done = TRUE;
}

/* The response body as a string, or NULL with error set. */
static char *
call (DdClient    *client,
      const char  *action,
      const char  *json,
      GError     **error)
{
  g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));
  CallResult result = { 0 };
  g_autoptr(GBytes) response = NULL;

  dd_client_call_async (client, action, body, NULL, call_cb, &result);
  dd_test_wait_for (&result.done, 60);
  if (result.error != NULL)
    {
      g_assert_null (result.body);
      g_propagate_error (error, result.error);
      return NULL;
    }
  response = result.body;
  return g_strndup (g_bytes_get_data (response, NULL), g_bytes_get_size (response));
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
create_table (DdClient   *client,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *request = g_strdup_printf (
    "{\"TableName\":\"%s\","
    "\"AttributeDefinitions\":[{\"AttributeName\":\"Artist\",\"AttributeType\":\"S\"},"
    "{\"AttributeName\":\"SongTitle\",\"AttributeType\":\"S\"}],"
    "\"KeySchema\":[{\"AttributeName\":\"Artist\",\"KeyType\":\"HASH\"},"
    "{\"AttributeName\":\"SongTitle\",\"KeyType\":\"RANGE\"}],"
    "\"ProvisionedThroughput\":{\"ReadCapacityUnits\":5,\"WriteCapacityUnits\":5}}", name);
  g_autofree char *response = call (client, "CreateTable", request, &error);
  g_autoptr(JsonObject) object = NULL;
  JsonObject *description;

  g_assert_no_error (error);
  object = parse_object (response);
  description = json_object_get_object_member (object, "TableDescription");
  g_assert_nonnull (description);
  g_assert_cmpstr (json_object_get_string_member (description, "TableName"), ==, name);
}

/* ---- tests ------------------------------------------------------------- */

#define PLAYS "12345678901234567890123456789012345678"

static void
test_round_trip (void)
{
  g_autoptr(DdClient) client = dd_test_dynamo_new_client (dynamo);
  g_autoptr(GError) error = NULL;
  g_autofree char *put = NULL;
  g_autofree char *got = NULL;
  g_autoptr(JsonObject) object = NULL;
  JsonObject *item;

  create_table (client, "Music");
  g_assert_cmpuint (dd_client_get_last_attempts (client), ==, 1);

  put = call (client, "PutItem",
              "{\"TableName\":\"Music\",\"Item\":{"
              "\"Artist\":{\"S\":\"No One You Know\"},"
              "\"SongTitle\":{\"S\":\"Call Me Today\"},"
              "\"Plays\":{\"N\":\"" PLAYS "\"},"
              "\"Cover\":{\"B\":\"AAEC/w==\"}}}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (put, ==, "{}");

  got = call (client, "GetItem",
              "{\"TableName\":\"Music\",\"ConsistentRead\":true,\"Key\":{"
              "\"Artist\":{\"S\":\"No One You Know\"},"
              "\"SongTitle\":{\"S\":\"Call Me Today\"}}}", &error);
  g_assert_no_error (error);
  /* The number comes back digit for digit, as text. */
  g_assert_nonnull (strstr (got, "\"N\":\"" PLAYS "\""));
  object = parse_object (got);
  item = json_object_get_object_member (object, "Item");
  g_assert_nonnull (item);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (item, "Artist"), "S"),
                   ==, "No One You Know");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (item, "Cover"), "B"),
                   ==, "AAEC/w==");
  g_assert_cmpuint (dd_client_get_last_attempts (client), ==, 1);
}

static void
test_list_tables (void)
{
  g_autoptr(DdClient) client = dd_test_dynamo_new_client (dynamo);
  g_autoptr(GError) error = NULL;
  g_autofree char *listed = NULL;
  g_autoptr(JsonObject) object = NULL;
  JsonArray *names;
  gboolean found = FALSE;

  create_table (client, "Listed");
  listed = call (client, "ListTables", "{}", &error);
  g_assert_no_error (error);
  object = parse_object (listed);
  names = json_object_get_array_member (object, "TableNames");
  g_assert_nonnull (names);
  for (guint i = 0; i < json_array_get_length (names); i++)
    found |= g_str_equal (json_array_get_string_element (names, i), "Listed");
  g_assert_true (found);
}

static void
test_not_found (void)
{
  g_autoptr(DdClient) client = dd_test_dynamo_new_client (dynamo);
  g_autoptr(GError) error = NULL;
  g_autofree char *response = NULL;

  response = call (client, "DescribeTable", "{\"TableName\":\"NoSuchTable\"}", &error);
  g_assert_null (response);
  g_assert_error (error, DD_ERROR, DD_ERROR_SERVICE);
  g_assert_cmpstr (dd_error_get_aws_code (error), ==, "ResourceNotFoundException");
  g_assert_nonnull (dd_error_get_aws_message (error));
  g_assert_nonnull (strstr (dd_error_get_aws_message (error), "not found"));
  g_assert_cmpuint (dd_error_get_http_status (error), ==, 400);
  g_assert_nonnull (dd_error_get_request_id (error));
  g_assert_cmpuint (strlen (dd_error_get_request_id (error)), >, 0);
  g_assert_nonnull (dd_error_get_hint (error));
  g_assert_true (g_str_has_prefix (error->message, "ResourceNotFoundException: "));
  g_assert_cmpuint (dd_client_get_last_attempts (client), ==, 1);
}

static void
test_validation (void)
{
  g_autoptr(DdClient) client = dd_test_dynamo_new_client (dynamo);
  g_autoptr(GError) error = NULL;
  g_autofree char *response = NULL;

  response = call (client, "PutItem", "{\"Item\":{\"a\":{\"S\":\"b\"}}}", &error);
  g_assert_null (response);
  g_assert_error (error, DD_ERROR, DD_ERROR_SERVICE);
  g_assert_cmpstr (dd_error_get_aws_code (error), ==, "ValidationException");
  g_assert_cmpuint (dd_error_get_http_status (error), ==, 400);
  g_assert_cmpuint (dd_client_get_last_attempts (client), ==, 1);
}

/* ---- x-amz-crc32 through a relay --------------------------------------- */

typedef struct
{
  SoupServer  *server;
  SoupSession *session;
  char        *endpoint;
  gboolean     damage;
  guint        requests;
  guint        crc_present;   /* upstream answers that carried x-amz-crc32 */
  guint        crc_matched;   /* ... whose value was the body's CRC-32 */
} Relay;

typedef struct
{
  Relay             *relay;
  SoupServerMessage *msg;
} Forward;

static void
copy_header_cb (const char *name,
                const char *value,
                gpointer    user_data)
{
  static const char *const skip[] = { "Host", "Content-Length", "Connection", "Content-Type" };

  for (guint i = 0; i < G_N_ELEMENTS (skip); i++)
    if (g_ascii_strcasecmp (name, skip[i]) == 0)
      return;
  soup_message_headers_append (user_data, name, value);
}

static void
forward_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Forward *forward = user_data;
  Relay *relay = forward->relay;
  SoupMessage *upstream = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  SoupMessageHeaders *in = soup_message_get_response_headers (upstream);
  SoupMessageHeaders *out = soup_server_message_get_response_headers (forward->msg);
  const char *crc = soup_message_headers_get_one (in, "x-amz-crc32");
  gsize len = 0;
  const guint8 *data;
  g_autofree guint8 *copy = NULL;

  g_assert_no_error (error);
  data = g_bytes_get_data (body, &len);
  if (crc != NULL)
    {
      g_autofree char *actual = g_strdup_printf ("%lu", crc32 (0L, data, len));
      relay->crc_present++;
      relay->crc_matched += g_str_equal (actual, crc);
      soup_message_headers_replace (out, "x-amz-crc32", crc);
    }
  soup_message_headers_replace (out, "x-amzn-RequestId",
                                soup_message_headers_get_one (in, "x-amzn-RequestId"));
  copy = g_memdup2 (data, len);
  if (relay->damage && len > 2)
    copy[len / 2] ^= 0x20;
  soup_server_message_set_status (forward->msg, soup_message_get_status (upstream), NULL);
  soup_server_message_set_response (forward->msg, "application/x-amz-json-1.0", SOUP_MEMORY_COPY,
                                    (const char *) copy, len);
  soup_server_message_unpause (forward->msg);
  g_object_unref (forward->msg);
  g_free (forward);
}

static void
relay_handler (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  Relay *relay = user_data;
  g_autoptr(SoupMessage) upstream = soup_message_new (SOUP_METHOD_POST, dd_test_dynamo_get_endpoint (dynamo));
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  Forward *forward = g_new0 (Forward, 1);

  relay->requests++;
  soup_message_headers_foreach (soup_server_message_get_request_headers (msg), copy_header_cb,
                                soup_message_get_request_headers (upstream));
  soup_message_set_request_body_from_bytes (upstream, "application/x-amz-json-1.0", body);
  forward->relay = relay;
  forward->msg = g_object_ref (msg);
  soup_server_message_pause (msg);
  soup_session_send_and_read_async (relay->session, upstream, G_PRIORITY_DEFAULT, NULL,
                                    forward_cb, forward);
}

static Relay *
relay_new (void)
{
  Relay *relay = g_new0 (Relay, 1);

  relay->session = soup_session_new ();
  soup_session_remove_feature_by_type (relay->session, SOUP_TYPE_CONTENT_DECODER);
  relay->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (relay->server, NULL, relay_handler, relay, NULL);
  relay->endpoint = dd_test_listen_local (relay->server);
  return relay;
}

static void
relay_free (Relay *relay)
{
  soup_server_disconnect (relay->server);
  g_clear_object (&relay->server);
  g_clear_object (&relay->session);
  g_free (relay->endpoint);
  g_free (relay);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Relay, relay_free)

static void
test_crc (void)
{
  g_autoptr(Relay) relay = relay_new ();
  g_autoptr(DdCredentials) credentials = dd_credentials_new ("AKIDLOCALTEST", "local-secret", NULL, NULL, "test");
  g_autoptr(DdCredentialsProvider) provider = dd_provider_static_new (credentials);
  g_autoptr(DdClient) direct = dd_test_dynamo_new_client (dynamo);
  g_autoptr(DdClient) relayed = dd_client_new ("us-east-1", relay->endpoint, provider);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *damaged = NULL;

  create_table (direct, "Checked");
  /* The table goes from CREATING to ACTIVE on its own: compare answers
   * only once it is stable. */
  do
    {
      g_clear_pointer (&expected, g_free);
      expected = call (direct, "DescribeTable", "{\"TableName\":\"Checked\"}", &error);
      g_assert_no_error (error);
    }
  while (strstr (expected, "\"TableStatus\":\"ACTIVE\"") == NULL);

  /* Untouched, the server's CRC matches and the body comes through. */
  clean = call (relayed, "DescribeTable", "{\"TableName\":\"Checked\"}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clean, ==, expected);
  g_assert_cmpuint (relay->requests, ==, 1);
  g_assert_cmpuint (relay->crc_present, ==, 1);
  g_assert_cmpuint (relay->crc_matched, ==, 1);

  /* One flipped bit: every attempt is refused, then DD_ERROR_CRC. */
  dd_client_set_backoff (relayed, 1, 5);
  relay->damage = TRUE;
  damaged = call (relayed, "DescribeTable", "{\"TableName\":\"Checked\"}", &error);
  g_assert_null (damaged);
  g_assert_error (error, DD_ERROR, DD_ERROR_CRC);
  g_assert_cmpuint (dd_client_get_last_attempts (relayed), ==, 3);
  g_assert_cmpuint (relay->requests, ==, 4);
  g_assert_cmpuint (relay->crc_present, ==, 4);
  g_assert_cmpuint (relay->crc_matched, ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  dd_test_init (&argc, &argv);
  dynamo = dd_test_dynamo_start ();

  g_test_add_func ("/dd/client/local/round-trip", test_round_trip);
  g_test_add_func ("/dd/client/local/list-tables", test_list_tables);
  g_test_add_func ("/dd/client/local/not-found", test_not_found);
  g_test_add_func ("/dd/client/local/validation", test_validation);
  g_test_add_func ("/dd/client/local/crc", test_crc);

  status = g_test_run ();
  dd_test_dynamo_stop (dynamo);
  return status;
}
