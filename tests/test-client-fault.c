/* test-client-fault.c: dd-client against a scripted server on loopback
 * (dd-test-script.h): endpoints, the requests on the wire, x-amz-crc32,
 * redirects, clock skew and a failing credentials provider. Retries and
 * cancellation are in test-client-retry.c.
 */
#define G_LOG_DOMAIN "test-client-fault"

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "dd-client.h"
#include "dd-credentials.h"
#include "dd-error.h"
#include "dd-provider-static.h"
#include "dd-retry.h"
#include "dd-test-dynamo.h"
#include "dd-test-fake.h"
#include "dd-test-script.h"

/* Seconds between an x-amz-date and the real clock. */
static double
amz_date_offset (const char *amz_date)
{
  g_autoptr(GDateTime) when = dd_test_parse_amz_date (amz_date);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return (double) g_date_time_difference (when, now) / G_TIME_SPAN_SECOND;
}

/* ---- endpoint ---------------------------------------------------------- */

static void
test_endpoint_regions (void)
{
  /* From botocore's DynamoDB endpoint rule tests (non-FIPS, non-dualstack). */
  static const struct { const char *region; const char *url; } cases[] = {
    { "af-south-1", "https://dynamodb.af-south-1.amazonaws.com" },
    { "ap-northeast-3", "https://dynamodb.ap-northeast-3.amazonaws.com" },
    { "eu-west-3", "https://dynamodb.eu-west-3.amazonaws.com" },
    { "us-east-1", "https://dynamodb.us-east-1.amazonaws.com" },
    { "us-gov-west-1", "https://dynamodb.us-gov-west-1.amazonaws.com" },
    { "cn-north-1", "https://dynamodb.cn-north-1.amazonaws.com.cn" },
    { "cn-northwest-1", "https://dynamodb.cn-northwest-1.amazonaws.com.cn" },
    { "us-iso-east-1", "https://dynamodb.us-iso-east-1.c2s.ic.gov" },
    { "us-isob-east-1", "https://dynamodb.us-isob-east-1.sc2s.sgov.gov" },
    { "local", "http://localhost:8000" },
    { "", NULL },
    { "us-east-1/evil", NULL },
    { "us east 1", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = dd_client_endpoint_for_region (cases[i].region);
      g_assert_cmpstr (url, ==, cases[i].url);
    }
  g_assert_null (dd_client_endpoint_for_region (NULL));
}

static void
test_endpoint_env (void)
{
  g_autoptr(DdCredentials) credentials = dd_credentials_new (DD_TEST_SCRIPT_ACCESS_KEY, DD_TEST_SCRIPT_SECRET_KEY, NULL, NULL, "test");
  g_autoptr(DdCredentialsProvider) provider = dd_provider_static_new (credentials);
  static const struct {
    const char *given, *service_env, *global_env, *ignore, *expected;
  } cases[] = {
    { NULL, NULL, NULL, NULL, "https://dynamodb.eu-west-1.amazonaws.com" },
    { NULL, NULL, "http://127.0.0.1:1", NULL, "http://127.0.0.1:1" },
    { NULL, "http://127.0.0.1:2", "http://127.0.0.1:1", NULL, "http://127.0.0.1:2" },
    { "http://127.0.0.1:3", "http://127.0.0.1:2", "http://127.0.0.1:1", NULL, "http://127.0.0.1:3" },
    { NULL, "http://127.0.0.1:2", "http://127.0.0.1:1", "true", "https://dynamodb.eu-west-1.amazonaws.com" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(DdClient) client = NULL;

      if (cases[i].service_env)
        g_setenv ("AWS_ENDPOINT_URL_DYNAMODB", cases[i].service_env, TRUE);
      if (cases[i].global_env)
        g_setenv ("AWS_ENDPOINT_URL", cases[i].global_env, TRUE);
      if (cases[i].ignore)
        g_setenv ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", cases[i].ignore, TRUE);
      client = dd_client_new ("eu-west-1", cases[i].given, provider);
      g_assert_cmpstr (dd_client_get_endpoint (client), ==, cases[i].expected);
      g_assert_cmpstr (dd_client_get_region (client), ==, "eu-west-1");
      g_assert_true (dd_client_get_provider (client) == provider);
      g_unsetenv ("AWS_ENDPOINT_URL_DYNAMODB");
      g_unsetenv ("AWS_ENDPOINT_URL");
      g_unsetenv ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
      g_assert_finalize_object (g_steal_pointer (&client));
    }
}

static void
test_invalid_input (void)
{
  g_autoptr(DdTestScript) fake = dd_test_script_new ();
  g_autoptr(DdClient) ftp = dd_test_script_client ("ftp://127.0.0.1:21", NULL);
  g_autoptr(DdClient) no_region = NULL;
  g_autoptr(DdClient) good = dd_test_script_client (fake->endpoint, NULL);
  g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);
  g_auto(DdTestCallResult) result = { 0 };
  g_autoptr(DdCredentials) credentials = dd_credentials_new (DD_TEST_SCRIPT_ACCESS_KEY, DD_TEST_SCRIPT_SECRET_KEY, NULL, NULL, "test");
  g_autoptr(DdCredentialsProvider) provider = dd_provider_static_new (credentials);

  dd_test_run_call (ftp, NULL, &result);
  g_assert_error (result.error, DD_ERROR, DD_ERROR_INVALID_INPUT);

  no_region = dd_client_new ("no such region", NULL, provider);
  g_assert_null (dd_client_get_endpoint (no_region));
  dd_test_run_call (no_region, NULL, &result);
  g_assert_error (result.error, DD_ERROR, DD_ERROR_INVALID_INPUT);

  dd_test_call_result_clear (&result);
  memset (&result, 0, sizeof result);
  dd_client_call_async (good, "Describe Table\r\nX-Evil: 1", body, NULL, dd_test_call_cb, &result);
  dd_test_wait_for (&result.done, 10);
  g_assert_error (result.error, DD_ERROR, DD_ERROR_INVALID_INPUT);
  g_assert_cmpuint (fake->seen->len, ==, 0);
}

/* ---- requests on the wire ---------------------------------------------- */

static void
test_request_shape (void)
{
  g_autoptr(DdTestScript) fake = dd_test_script_new ();
  g_autoptr(DdClient) client = dd_test_script_client (fake->endpoint, NULL);
  g_auto(DdTestCallResult) result = { 0 };
  DdTestSeen *seen;

  dd_test_script_push (fake, DD_TEST_STEP_OK, -1);
  dd_test_run_call (client, NULL, &result);
  dd_test_assert_body (&result, "{\"Seen\":1}");
  g_assert_cmpuint (dd_client_get_last_attempts (client), ==, 1);
  g_assert_cmpuint (fake->seen->len, ==, 1);

  seen = dd_test_script_seen (fake, 0);
  g_assert_cmpstr (seen->method, ==, "POST");
  g_assert_cmpstr (seen->path, ==, "/");
  g_assert_cmpstr (seen->target, ==, "DynamoDB_20120810.DescribeTable");
  g_assert_cmpstr (seen->content_type, ==, "application/x-amz-json-1.0");
  g_assert_null (seen->accept_encoding);
  g_assert_null (seen->token);
  g_assert_cmpmem (g_bytes_get_data (seen->body, NULL), g_bytes_get_size (seen->body),
                   dd_test_script_request_json, strlen (dd_test_script_request_json));
  g_assert_true (seen->signature_ok);
  g_assert_true (g_str_has_prefix (seen->authorization, "AWS4-HMAC-SHA256 Credential=" DD_TEST_SCRIPT_ACCESS_KEY "/"));
  g_assert_nonnull (strstr (seen->authorization, "/us-east-1/dynamodb/aws4_request"));
  g_assert_nonnull (strstr (seen->authorization, "SignedHeaders=content-type;host;x-amz-date;x-amz-target,"));
  g_assert_cmpfloat (ABS (amz_date_offset (seen->amz_date)), <, 300);
}

static void
test_session_token (void)
{
  g_autoptr(DdTestScript) fake = dd_test_script_new ();
  g_autoptr(DdClient) client = dd_test_script_client (fake->endpoint, DD_TEST_SCRIPT_TOKEN);
  g_auto(DdTestCallResult) result = { 0 };
  DdTestSeen *seen;

  dd_test_script_push (fake, DD_TEST_STEP_OK, -1);
  dd_test_run_call (client, NULL, &result);
  dd_test_assert_body (&result, "{\"Seen\":1}");
  seen = dd_test_script_seen (fake, 0);
  g_assert_cmpstr (seen->token, ==, DD_TEST_SCRIPT_TOKEN);
  g_assert_nonnull (strstr (seen->authorization,
                            "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target,"));
  g_assert_true (seen->signature_ok);
  g_assert_null (strstr (seen->authorization, DD_TEST_SCRIPT_TOKEN));
  g_assert_null (strstr (seen->authorization, DD_TEST_SCRIPT_SECRET_KEY));
}

/* ---- x-amz-crc32 ------------------------------------------------------- */

static void
test_crc_mismatch (void)
{
  g_autoptr(DdTestScript) fake = dd_test_script_new ();
  g_autoptr(DdClient) client = dd_test_script_client (fake->endpoint, NULL);
  g_auto(DdTestCallResult) result = { 0 };

  dd_test_script_push (fake, DD_TEST_STEP_BAD_CRC, DD_TEST_STEP_OK, -1);
  dd_test_run_call (client, NULL, &result);
  dd_test_assert_body (&result, "{\"Seen\":2}");
  g_assert_cmpuint (dd_client_get_last_attempts (client), ==, 2);

  fake->fallback = DD_TEST_STEP_BAD_CRC;
  dd_test_run_call (client, NULL, &result);
  g_assert_error (result.error, DD_ERROR, DD_ERROR_CRC);
  g_assert_cmpuint (dd_client_get_last_attempts (client), ==, 3);
  g_assert_cmpuint (fake->seen->len, ==, 5);
}

static void
test_crc_of_wire_bytes (void)
{
  g_autoptr(DdTestScript) fake = dd_test_script_new ();
  g_autoptr(DdClient) client = dd_test_script_client (fake->endpoint, NULL);
  g_auto(DdTestCallResult) result = { 0 };

  /* The server compresses although nobody asked; the CRC covers the gzip
   * bytes, and the caller gets the JSON. */
  dd_test_script_push (fake, DD_TEST_STEP_GZIP, -1);
  dd_test_run_call (client, NULL, &result);
  dd_test_assert_body (&result, "{\"Gzipped\":true,\"Text\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}");
  g_assert_null (dd_test_script_seen (fake, 0)->accept_encoding);

  /* A CRC of the decoded text is not the CRC of what came over the wire. */
  dd_client_set_max_attempts (client, 1);
  dd_test_script_push (fake, DD_TEST_STEP_GZIP_PLAIN_CRC, -1);
  dd_test_run_call (client, NULL, &result);
  g_assert_error (result.error, DD_ERROR, DD_ERROR_CRC);
}

/* ---- redirects, clock skew --------------------------------------------- */

static void
test_redirect_not_followed (void)
{
  g_autoptr(DdTestScript) fake = dd_test_script_new ();
  g_autoptr(DdTestScript) other = dd_test_script_new ();
  g_autoptr(DdClient) client = dd_test_script_client (fake->endpoint, DD_TEST_SCRIPT_TOKEN);
  g_auto(DdTestCallResult) result = { 0 };

  fake->redirect_to = g_strconcat (other->endpoint, "/", NULL);
  dd_test_script_push (fake, DD_TEST_STEP_REDIRECT, -1);
  dd_test_run_call (client, NULL, &result);
  g_assert_error (result.error, DD_ERROR, DD_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (result.error->message, "301"));
  g_assert_cmpuint (dd_client_get_last_attempts (client), ==, 1);
  g_assert_cmpuint (fake->seen->len, ==, 1);
  g_assert_cmpuint (other->seen->len, ==, 0);
}

static void
test_clock_skew (void)
{
  g_autoptr(DdTestScript) fake = dd_test_script_new ();
  g_autoptr(DdClient) client = dd_test_script_client (fake->endpoint, NULL);
  g_auto(DdTestCallResult) result = { 0 };

  dd_test_script_push (fake, DD_TEST_STEP_SKEWED, DD_TEST_STEP_OK, DD_TEST_STEP_OK, -1);
  dd_test_run_call (client, NULL, &result);
  dd_test_assert_body (&result, "{\"Seen\":2}");
  g_assert_cmpuint (dd_client_get_last_attempts (client), ==, 2);
  g_assert_cmpfloat (ABS (amz_date_offset (dd_test_script_seen (fake, 0)->amz_date)), <, 120);
  g_assert_cmpfloat (ABS (amz_date_offset (dd_test_script_seen (fake, 1)->amz_date) - 1200), <, 120);
  g_assert_true (dd_test_script_seen (fake, 1)->signature_ok);

  /* The offset stays for the next calls. */
  dd_test_run_call (client, NULL, &result);
  dd_test_assert_body (&result, "{\"Seen\":3}");
  g_assert_cmpuint (dd_client_get_last_attempts (client), ==, 1);
  g_assert_cmpfloat (ABS (amz_date_offset (dd_test_script_seen (fake, 2)->amz_date) - 1200), <, 120);
}

static void
test_bad_signature_not_retried (void)
{
  g_autoptr(DdTestScript) fake = dd_test_script_new ();
  g_autoptr(DdClient) client = dd_test_script_client (fake->endpoint, NULL);
  g_auto(DdTestCallResult) result = { 0 };

  /* The server's clock agrees with ours: signing again would not help. */
  dd_test_script_push (fake, DD_TEST_STEP_BAD_SIGNATURE, -1);
  dd_test_run_call (client, NULL, &result);
  g_assert_error (result.error, DD_ERROR, DD_ERROR_SERVICE);
  g_assert_cmpstr (dd_error_get_aws_code (result.error), ==, "InvalidSignatureException");
  g_assert_cmpuint (dd_client_get_last_attempts (client), ==, 1);
}

/* ---- credentials ------------------------------------------------------- */

#define TEST_TYPE_FAILING_PROVIDER (test_failing_provider_get_type ())
G_DECLARE_FINAL_TYPE (TestFailingProvider, test_failing_provider, TEST, FAILING_PROVIDER, GObject)

struct _TestFailingProvider
{
  GObject parent_instance;
};

static void
failing_get_async (DdCredentialsProvider *provider,
                   GCancellable          *cancellable,
                   GAsyncReadyCallback    callback,
                   gpointer               user_data)
{
  g_autoptr(GTask) task = g_task_new (provider, cancellable, callback, user_data);

  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no profile named “missing”");
}

static DdCredentials *
failing_get_finish (DdCredentialsProvider  *provider,
                    GAsyncResult           *result,
                    GError                **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
failing_iface_init (DdCredentialsProviderInterface *iface)
{
  iface->get_credentials_async = failing_get_async;
  iface->get_credentials_finish = failing_get_finish;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestFailingProvider, test_failing_provider, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (DD_TYPE_CREDENTIALS_PROVIDER, failing_iface_init))

static void
test_failing_provider_class_init (TestFailingProviderClass *klass)
{
}

static void
test_failing_provider_init (TestFailingProvider *self)
{
}

static void
test_credentials_error (void)
{
  g_autoptr(DdTestScript) fake = dd_test_script_new ();
  g_autoptr(DdCredentialsProvider) provider = g_object_new (TEST_TYPE_FAILING_PROVIDER, NULL);
  g_autoptr(DdClient) client = dd_client_new ("us-east-1", fake->endpoint, provider);
  g_auto(DdTestCallResult) result = { 0 };

  dd_test_run_call (client, NULL, &result);
  g_assert_error (result.error, DD_ERROR, DD_ERROR_CREDENTIALS);
  g_assert_nonnull (strstr (result.error->message, "missing"));
  g_assert_cmpuint (fake->seen->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  dd_test_init (&argc, &argv);

  g_test_add_func ("/dd/client/endpoint/regions", test_endpoint_regions);
  g_test_add_func ("/dd/client/endpoint/environment", test_endpoint_env);
  g_test_add_func ("/dd/client/endpoint/invalid-input", test_invalid_input);
  g_test_add_func ("/dd/client/request/shape", test_request_shape);
  g_test_add_func ("/dd/client/request/session-token", test_session_token);
  g_test_add_func ("/dd/client/crc/mismatch", test_crc_mismatch);
  g_test_add_func ("/dd/client/crc/wire-bytes", test_crc_of_wire_bytes);
  g_test_add_func ("/dd/client/redirect/not-followed", test_redirect_not_followed);
  g_test_add_func ("/dd/client/skew/corrected", test_clock_skew);
  g_test_add_func ("/dd/client/skew/bad-signature-not-retried", test_bad_signature_not_retried);
  g_test_add_func ("/dd/client/credentials/error", test_credentials_error);

  return g_test_run ();
}
