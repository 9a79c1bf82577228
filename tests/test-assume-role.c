/* test-assume-role.c: a DdClient on the local DynamoDB with credentials
 * from an assumed role.
 *
 * STS is a loopback fake (it checks the AssumeRole signature made with the
 * base keys); between the client and dynalite sits a recording relay, since
 * dynalite ignores the session token: the relay shows every request carried
 * the assumed role's key and session token.
 */
#define G_LOG_DOMAIN "test-assume-role"

#include "config.h"

#include "dd-client.h"
#include "dd-error.h"
#include "dd-provider-assume-role.h"
#include "dd-provider-cache.h"
#include "dd-provider-static.h"
#include "fake-aws.h"

typedef struct
{
  SoupServer  *server;
  SoupSession *session;
  char        *url;
  char        *target;        /* dynalite's endpoint */
  GPtrArray   *tokens;        /* X-Amz-Security-Token of each request ("" when absent) */
  GPtrArray   *authorizations;
} Relay;

typedef struct
{
  Relay             *relay;
  SoupServerMessage *incoming;
  SoupMessage       *outgoing;
} Forward;

static void
forwarded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  Forward *fw = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  SoupMessageHeaders *in = soup_message_get_response_headers (fw->outgoing);
  SoupMessageHeaders *out = soup_server_message_get_response_headers (fw->incoming);
  const char *copied[] = { "x-amz-crc32", "x-amzn-RequestId" };

  g_assert_no_error (error);
  soup_server_message_set_status (fw->incoming, soup_message_get_status (fw->outgoing), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (copied); i++)
    if (soup_message_headers_get_one (in, copied[i]) != NULL)
      soup_message_headers_replace (out, copied[i], soup_message_headers_get_one (in, copied[i]));
  soup_server_message_set_response (fw->incoming, soup_message_headers_get_content_type (in, NULL),
                                    SOUP_MEMORY_COPY, g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  soup_server_message_unpause (fw->incoming);
  g_object_unref (fw->incoming);
  g_object_unref (fw->outgoing);
  g_free (fw);
}

static void
relay_handler (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           data)
{
  Relay *relay = data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  const char *forwarded[] = { "X-Amz-Target", "X-Amz-Date", "X-Amz-Security-Token", "Authorization" };
  const char *token = soup_message_headers_get_one (headers, "X-Amz-Security-Token");
  g_autoptr(GBytes) bytes = g_bytes_new (body->data, body->length);
  Forward *fw = g_new0 (Forward, 1);

  g_ptr_array_add (relay->tokens, g_strdup (token != NULL ? token : ""));
  g_ptr_array_add (relay->authorizations, g_strdup (soup_message_headers_get_one (headers, "Authorization")));
  fw->relay = relay;
  fw->incoming = g_object_ref (msg);
  fw->outgoing = soup_message_new ("POST", relay->target);
  for (guint i = 0; i < G_N_ELEMENTS (forwarded); i++)
    if (soup_message_headers_get_one (headers, forwarded[i]) != NULL)
      soup_message_headers_replace (soup_message_get_request_headers (fw->outgoing), forwarded[i],
                                    soup_message_headers_get_one (headers, forwarded[i]));
  soup_message_set_request_body_from_bytes (fw->outgoing,
                                            soup_message_headers_get_content_type (headers, NULL), bytes);
  soup_server_message_pause (msg);
  soup_session_send_and_read_async (relay->session, fw->outgoing, G_PRIORITY_DEFAULT, NULL, forwarded_cb, fw);
}

static Relay *
relay_new (const char *target)
{
  Relay *relay = g_new0 (Relay, 1);

  relay->server = soup_server_new (NULL, NULL);
  relay->session = soup_session_new ();
  relay->target = g_strconcat (target, "/", NULL);
  relay->tokens = g_ptr_array_new_with_free_func (g_free);
  relay->authorizations = g_ptr_array_new_with_free_func (g_free);
  soup_server_add_handler (relay->server, NULL, relay_handler, relay, NULL);
  relay->url = dd_test_listen_local (relay->server);
  return relay;
}

static void
relay_free (Relay *relay)
{
  soup_server_disconnect (relay->server);
  g_object_unref (relay->server);
  g_object_unref (relay->session);
  g_ptr_array_unref (relay->tokens);
  g_ptr_array_unref (relay->authorizations);
  g_free (relay->url);
  g_free (relay->target);
  g_free (relay);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Relay, relay_free)

typedef struct
{
  gboolean  done;
  GBytes   *body;
  GError   *error;
} CallResult;

static void
called_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  CallResult *r = data;

  r->body = dd_client_call_finish (DD_CLIENT (source), result, &r->error);
  r->done = TRUE;
}

static char *
call (DdClient    *client,
      const char  *action,
      const char  *json,
      GError     **error)
{
  g_autoptr(GBytes) request = g_bytes_new (json, strlen (json));
  CallResult r = { 0 };
  char *text;

  dd_client_call_async (client, action, request, NULL, called_cb, &r);
  dd_test_wait_for (&r.done, 30);
  if (r.error != NULL)
    {
      g_propagate_error (error, r.error);
      return NULL;
    }
  text = g_strndup (g_bytes_get_data (r.body, NULL), g_bytes_get_size (r.body));
  g_bytes_unref (r.body);
  return text;
}

static DdCredentialsProvider *
role_provider (FakeAws *sts)
{
  g_autoptr(DdCredentials) base = dd_credentials_new ("AKIDBASE", "base-secret", NULL, NULL, "saved source");
  g_autoptr(DdCredentialsProvider) base_provider = dd_provider_static_new (base);
  g_autoptr(DdCredentialsProvider) role = dd_provider_assume_role_new (base_provider,
                                                                      "arn:aws:iam::123456789012:role/dynamo-reader");

  dd_provider_assume_role_set_sts_endpoint (DD_PROVIDER_ASSUME_ROLE (role), sts->url);
  dd_provider_assume_role_set_region (DD_PROVIDER_ASSUME_ROLE (role), "us-east-1");
  return dd_provider_cache_new (role);
}

static void
test_client_with_assumed_role (void)
{
  g_autoptr(DdTestDynamo) dynamo = dd_test_dynamo_start ();
  g_autoptr(FakeAws) sts = fake_aws_new ();
  g_autoptr(Relay) relay = relay_new (dd_test_dynamo_get_endpoint (dynamo));
  g_autoptr(DdCredentialsProvider) provider = NULL;
  g_autoptr(DdClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *created = NULL;
  g_autofree char *put = NULL;
  g_autofree char *got = NULL;

  sts->secret = g_strdup ("base-secret");
  provider = role_provider (sts);
  client = dd_client_new ("us-east-1", relay->url, provider);

  created = call (client, "CreateTable",
                  "{\"TableName\": \"Roles\", \"AttributeDefinitions\": [{\"AttributeName\": \"id\", "
                  "\"AttributeType\": \"S\"}], \"KeySchema\": [{\"AttributeName\": \"id\", \"KeyType\": \"HASH\"}], "
                  "\"BillingMode\": \"PAY_PER_REQUEST\"}", &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (created, "\"TableName\":\"Roles\""));
  put = call (client, "PutItem", "{\"TableName\": \"Roles\", \"Item\": {\"id\": {\"S\": \"a\"}, "
              "\"n\": {\"N\": \"12345678901234567890.5\"}}}", &error);
  g_assert_no_error (error);
  got = call (client, "GetItem", "{\"TableName\": \"Roles\", \"Key\": {\"id\": {\"S\": \"a\"}}}", &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (got, "12345678901234567890.5"));

  /* STS was asked once, with a valid signature by the base keys. */
  g_assert_cmpuint (sts->sts_calls, ==, 1);
  g_assert_true (sts->last_signature_ok);
  g_assert_nonnull (strstr (sts->last_authorization, "Credential=AKIDBASE/"));
  g_assert_cmpstr (fake_aws_param (sts, "RoleArn"), ==, "arn:aws:iam::123456789012:role/dynamo-reader");

  /* Every DynamoDB request carried the role's key and session token. */
  g_assert_cmpuint (relay->tokens->len, >=, 3);
  for (guint i = 0; i < relay->tokens->len; i++)
    {
      g_assert_cmpstr (g_ptr_array_index (relay->tokens, i), ==, "sts-session-token-1");
      g_assert_nonnull (strstr (g_ptr_array_index (relay->authorizations, i), "Credential=ASIASTS1/"));
      g_assert_nonnull (strstr (g_ptr_array_index (relay->authorizations, i), "x-amz-security-token"));
    }
}

static void
test_denied_role_never_reaches_dynamodb (void)
{
  g_autoptr(DdTestDynamo) dynamo = dd_test_dynamo_start ();
  g_autoptr(FakeAws) sts = fake_aws_new ();
  g_autoptr(Relay) relay = relay_new (dd_test_dynamo_get_endpoint (dynamo));
  g_autoptr(DdCredentialsProvider) provider = role_provider (sts);
  g_autoptr(DdClient) client = dd_client_new ("us-east-1", relay->url, provider);
  g_autoptr(GError) error = NULL;
  g_autofree char *tables = NULL;

  fake_aws_set_error (sts, 403, "AccessDenied",
                      "User: arn:aws:iam::123456789012:user/me is not authorized to perform: sts:AssumeRole");
  dd_client_set_max_attempts (client, 1);
  tables = call (client, "ListTables", "{}", &error);
  g_assert_null (tables);
  g_assert_nonnull (error);
  g_test_message ("said: %s", error->message);
  g_assert_nonnull (strstr (error->message, "AccessDenied"));
  g_assert_cmpuint (relay->tokens->len, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  dd_test_init (&argc, &argv);

  g_test_add_func ("/dd/assume-role/client-with-assumed-role", test_client_with_assumed_role);
  g_test_add_func ("/dd/assume-role/denied-role-never-reaches-dynamodb", test_denied_role_never_reaches_dynamodb);
  return g_test_run ();
}
