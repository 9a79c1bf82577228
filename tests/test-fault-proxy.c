/* test-fault-proxy.c: the core and the CLI through a fault-injecting proxy
 * in front of the local DynamoDB.
 *
 * Every fault the proxy can make (dd-test-fault-proxy.h) is given to a
 * real request whose real answer is known: a retried call must end with
 * exactly the answer a direct call gets, a call that keeps failing must end
 * after its attempts with the error that says why, a paged Scan must give
 * every item exactly once whichever page failed, every attempt is signed
 * anew, a skewed clock is corrected once, redirects are never followed,
 * and the CLI ends with exit code 1 (AWS) or 3 (network) and a clear line.
 */
#define G_LOG_DOMAIN "test-fault-proxy"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "dd-batch-writer.h"
#include "dd-client.h"
#include "dd-credentials.h"
#include "dd-error.h"
#include "dd-journal.h"
#include "dd-operation.h"
#include "dd-page.h"
#include "dd-pager.h"
#include "dd-provider-static.h"
#include "dd-sigv4.h"
#include "dd-test-cli.h"
#include "dd-test-dynamo.h"
#include "dd-test-fault-proxy.h"

#define ACCESS_KEY "AKIDFAULTPROXY"
#define SECRET_KEY "fault-proxy-secret"
#define TOKEN      "fault-proxy-session-token"
#define GET_ONE    "{\"TableName\":\"Faults\",\"Key\":{\"pk\":{\"S\":\"one\"}}}"
#define N_PAGED    95

static DdTestDynamo *dynamo;
static DdClient *direct;

/* ---- calls --------------------------------------------------------------- */

typedef struct
{
  GBytes   *body;
  GError   *error;
  gboolean  done;
} Call;

static void
call_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Call *call = user_data;

  call->body = dd_client_call_finish (DD_CLIENT (object), result, &call->error);
  call->done = TRUE;
}

/* The response text, or NULL with *error. */
static char *
call (DdClient    *client,
      const char  *action,
      const char  *body,
      GError     **error)
{
  g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));
  Call c = { 0 };

  dd_client_call_async (client, action, request, NULL, call_cb, &c);
  dd_test_wait_for (&c.done, 120);
  if (c.error != NULL)
    {
      g_propagate_error (error, c.error);
      return NULL;
    }
  {
    gsize len = 0;
    const char *data = g_bytes_get_data (c.body, &len);
    char *text = g_strndup (data, len);

    g_bytes_unref (c.body);
    return text;
  }
}

static char *
call_ok (DdClient   *client,
         const char *action,
         const char *body)
{
  g_autoptr(GError) error = NULL;
  char *text = call (client, action, body, &error);

  g_assert_no_error (error);
  return text;
}

static DdClient *
new_client (const char *endpoint)
{
  g_autoptr(DdCredentials) credentials = dd_credentials_new (ACCESS_KEY, SECRET_KEY, TOKEN, NULL, "test");
  g_autoptr(DdCredentialsProvider) provider = dd_provider_static_new (credentials);
  DdClient *client = dd_client_new ("us-east-1", endpoint, provider);

  dd_client_set_backoff (client, 2, 20);
  dd_client_set_timeout (client, 1);
  return client;
}

/* ---- tables ---------------------------------------------------------------- */

static void
create_table (const char *name)
{
  dd_test_create_table (direct, name, NULL);
}

static void
setup_tables (void)
{
  create_table ("Faults");
  g_free (call_ok (direct, "PutItem",
                   "{\"TableName\":\"Faults\",\"Item\":{\"pk\":{\"S\":\"one\"},"
                   "\"v\":{\"N\":\"12345678901234567890123456789012345678\"},\"s\":{\"SS\":[\"a\",\"b\"]}}}"));
  create_table ("Paged");
  for (guint i = 0; i < N_PAGED; i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"TableName\":\"Paged\",\"Item\":{\"pk\":{\"S\":\"item-%03u\"},"
                                               "\"n\":{\"N\":\"%u\"}}}", i, i);
      g_free (call_ok (direct, "PutItem", body));
    }
}

/* ---- what the proxy saw ---------------------------------------------------- */

static GDateTime *
amz_date_of (const DdTestFaultRequest *request)
{
  const char *amz_date = dd_test_fault_request_header (request, "x-amz-date");
  GDateTime *when;

  g_assert_nonnull (amz_date);
  when = g_date_time_new_from_iso8601 (amz_date, NULL);
  g_assert_nonnull (when);
  return when;
}

/* Signs the recorded request again and compares with its Authorization. */
static void
assert_signature_valid (const DdTestFaultRequest *request)
{
  const char *authorization = dd_test_fault_request_header (request, "Authorization");
  g_autoptr(GRegex) regex = g_regex_new ("^AWS4-HMAC-SHA256 Credential=" ACCESS_KEY "/([0-9]{8})/us-east-1/"
                                         "dynamodb/aws4_request, SignedHeaders=([^,]+), Signature=[0-9a-f]{64}$",
                                         0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *names_text = NULL;
  g_autofree char *expected = NULL;
  g_auto(GStrv) names = NULL;
  g_autoptr(GDateTime) when = amz_date_of (request);
  DdSigv4Header headers[8];
  gsize n = 0, len = 0;
  const guint8 *body = g_bytes_get_data (request->body, &len);

  g_assert_nonnull (authorization);
  g_assert_true (g_regex_match (regex, authorization, 0, &match));
  names_text = g_match_info_fetch (match, 2);
  names = g_strsplit (names_text, ";", -1);
  g_assert_true (g_strv_contains ((const char * const *) names, "x-amz-date"));
  g_assert_true (g_strv_contains ((const char * const *) names, "x-amz-security-token"));
  for (; names[n] != NULL; n++)
    {
      g_assert_cmpuint (n, <, G_N_ELEMENTS (headers));
      headers[n] = (DdSigv4Header) { names[n], dd_test_fault_request_header (request, names[n]) };
      g_assert_nonnull (headers[n].value);
    }
  {
    DdSigv4Request req = { .method = "POST", .path = "/", .headers = headers, .n_headers = n,
                           .payload = body, .payload_len = len, .normalize_path = TRUE };
    DdSigv4Scope scope = { ACCESS_KEY, SECRET_KEY, "us-east-1", "dynamodb", when };

    expected = dd_sigv4_authorization (&req, &scope);
  }
  g_assert_cmpstr (authorization, ==, expected);
}

/* ---- the core: one fault, then the real answer ------------------------------ */

static const DdTestFault retried_faults[] = {
  DD_TEST_FAULT_500, DD_TEST_FAULT_503, DD_TEST_FAULT_THROUGHPUT, DD_TEST_FAULT_THROTTLING,
  DD_TEST_FAULT_RESET_BEFORE, DD_TEST_FAULT_RESET_AFTER, DD_TEST_FAULT_STALL,
  DD_TEST_FAULT_TRUNCATE, DD_TEST_FAULT_BAD_CRC,
};

static void
test_retried_once (void)
{
  g_autofree char *expected = call_ok (direct, "GetItem", GET_ONE);

  for (guint i = 0; i < G_N_ELEMENTS (retried_faults); i++)
    {
      g_autoptr(DdTestFaultProxy) proxy = dd_test_fault_proxy_new (dd_test_dynamo_get_endpoint (dynamo));
      g_autoptr(DdClient) client = new_client (dd_test_fault_proxy_get_endpoint (proxy));
      g_autofree char *got = NULL;
      const DdTestFaultRequest *first, *second;

      g_test_message ("fault: %s", dd_test_fault_name (retried_faults[i]));
      dd_test_fault_proxy_script (proxy, retried_faults[i], DD_TEST_FAULT_NONE, -1);
      got = call_ok (client, "GetItem", GET_ONE);
      g_assert_cmpstr (got, ==, expected);
      g_assert_cmpuint (dd_client_get_last_attempts (client), ==, 2);
      g_assert_cmpuint (dd_test_fault_proxy_get_n_requests (proxy), ==, 2);
      first = dd_test_fault_proxy_get_request (proxy, 0);
      second = dd_test_fault_proxy_get_request (proxy, 1);
      g_assert_cmpint (first->fault, ==, retried_faults[i]);
      g_assert_cmpuint (second->upstream_status, ==, 200);
      g_assert_true (g_bytes_equal (first->body, second->body));
      assert_signature_valid (first);
      assert_signature_valid (second);
    }
}

static void
test_gzip (void)
{
  g_autoptr(DdTestFaultProxy) proxy = dd_test_fault_proxy_new (dd_test_dynamo_get_endpoint (dynamo));
  g_autoptr(DdClient) client = new_client (dd_test_fault_proxy_get_endpoint (proxy));
  g_autofree char *expected = call_ok (direct, "GetItem", GET_ONE);
  g_autofree char *got = NULL;

  /* Compressed although nobody asked, its CRC over the gzip bytes: read. */
  dd_test_fault_proxy_script (proxy, DD_TEST_FAULT_GZIP, -1);
  got = call_ok (client, "GetItem", GET_ONE);
  g_assert_cmpstr (got, ==, expected);
  g_assert_cmpuint (dd_client_get_last_attempts (client), ==, 1);
  g_assert_null (dd_test_fault_request_header (dd_test_fault_proxy_get_request (proxy, 0), "Accept-Encoding"));
}

/* One connection for many calls: against AWS each new one is a TCP and a
 * TLS handshake. After a connection reset, one more. */
static void
test_keep_alive (void)
{
  g_autoptr(DdTestFaultProxy) proxy = dd_test_fault_proxy_new (dd_test_dynamo_get_endpoint (dynamo));
  g_autoptr(DdClient) client = new_client (dd_test_fault_proxy_get_endpoint (proxy));

  for (guint i = 0; i < 20; i++)
    g_free (call_ok (client, "GetItem", GET_ONE));
  g_assert_cmpuint (dd_test_fault_proxy_get_n_requests (proxy), ==, 20);
  g_assert_cmpuint (dd_test_fault_proxy_get_n_connections (proxy), ==, 1);
  dd_test_fault_proxy_script (proxy, DD_TEST_FAULT_RESET_BEFORE, -1);
  for (guint i = 0; i < 10; i++)
    g_free (call_ok (client, "GetItem", GET_ONE));
  g_assert_cmpuint (dd_test_fault_proxy_get_n_requests (proxy), ==, 31);
  g_assert_cmpuint (dd_test_fault_proxy_get_n_connections (proxy), ==, 2);
}

/* ---- a conditional write whose answer was lost ------------------------------------ */

#define MAYBE_MESSAGE "The write may already have been made: the first answer was lost and a " \
                      "retry found the condition no longer true. Reload the item to check."

static char *
conditional_put (const char *pk)
{
  return g_strdup_printf ("{\"TableName\":\"Faults\",\"Item\":{\"pk\":{\"S\":\"%s\"},"
                          "\"v\":{\"S\":\"written once\"}},"
                          "\"ConditionExpression\":\"attribute_not_exists(pk)\"}", pk);
}

static gboolean
item_exists (const char *pk)
{
  g_autofree char *get = g_strdup_printf ("{\"TableName\":\"Faults\",\"Key\":{\"pk\":{\"S\":\"%s\"}},"
                                          "\"ConsistentRead\":true}", pk);
  g_autofree char *reply = call_ok (direct, "GetItem", get);

  return strstr (reply, "written once") != NULL;
}

/* The proxy forwards a conditional PutItem (it takes effect) and resets the
 * connection before the answer; the retry meets its own write and fails
 * its condition. That is reported as a write that may already have been
 * made, never as a plain failed condition; the same retry after a fault
 * that certainly kept the first attempt from the server (throttling) is a
 * plain failed condition. Once on a fresh connection, once on a kept-alive
 * one (where libsoup may send the request again by itself). */
static void
test_conditional_maybe_applied (void)
{
  for (guint warm = 0; warm < 2; warm++)
    {
      g_autoptr(DdTestFaultProxy) proxy = dd_test_fault_proxy_new (dd_test_dynamo_get_endpoint (dynamo));
      g_autoptr(DdClient) client = new_client (dd_test_fault_proxy_get_endpoint (proxy));
      g_autofree char *pk = g_strdup_printf ("maybe-%u", warm);
      g_autofree char *body = conditional_put (pk);
      g_autoptr(GError) error = NULL;
      g_autofree char *reply = NULL;
      guint first = 0, n;

      if (warm)
        {
          g_free (call_ok (client, "GetItem", GET_ONE));
          first = 1;
        }
      dd_test_fault_proxy_script (proxy, DD_TEST_FAULT_RESET_AFTER, DD_TEST_FAULT_NONE, -1);
      reply = call (client, "PutItem", body, &error);
      g_assert_null (reply);
      g_assert_error (error, DD_ERROR, DD_ERROR_MAYBE_APPLIED);
      g_assert_cmpstr (error->message, ==, MAYBE_MESSAGE);
      g_assert_cmpstr (dd_error_get_aws_code (error), ==, "ConditionalCheckFailedException");
      g_assert_cmpuint (dd_error_get_http_status (error), ==, 400);
      n = dd_test_fault_proxy_get_n_requests (proxy);
      g_test_message ("warm %u: %u attempt(s) by the client, %u request(s) at the proxy", warm,
                      dd_client_get_last_attempts (client), n - first);
      g_assert_cmpuint (n - first, ==, 2);
      g_assert_cmpint (dd_test_fault_proxy_get_request (proxy, first)->fault, ==, DD_TEST_FAULT_RESET_AFTER);
      g_assert_cmpuint (dd_test_fault_proxy_get_request (proxy, first)->upstream_status, ==, 200);
      g_assert_cmpuint (dd_test_fault_proxy_get_request (proxy, first + 1)->upstream_status, ==, 400);
      /* and it was made, once */
      g_assert_true (item_exists (pk));
    }
  {
    g_autoptr(DdTestFaultProxy) proxy = dd_test_fault_proxy_new (dd_test_dynamo_get_endpoint (dynamo));
    g_autoptr(DdClient) client = new_client (dd_test_fault_proxy_get_endpoint (proxy));
    g_autofree char *body = conditional_put ("maybe-0");
    g_autoptr(GError) error = NULL;
    g_autofree char *reply = NULL;

    /* throttled, not forwarded: the condition failed because of the item
     * already there, and the write certainly was not made */
    dd_test_fault_proxy_script (proxy, DD_TEST_FAULT_THROTTLING, DD_TEST_FAULT_NONE, -1);
    reply = call (client, "PutItem", body, &error);
    g_assert_error (error, DD_ERROR, DD_ERROR_SERVICE);
    g_assert_cmpstr (dd_error_get_aws_code (error), ==, "ConditionalCheckFailedException");
    g_assert_cmpuint (dd_client_get_last_attempts (client), ==, 2);
    g_clear_error (&error);
    /* a reset before forwarding: the retry writes, and succeeds */
    g_free (body);
    body = conditional_put ("maybe-2");
    dd_test_fault_proxy_script (proxy, DD_TEST_FAULT_RESET_BEFORE, DD_TEST_FAULT_NONE, -1);
    g_free (call_ok (client, "PutItem", body));
    g_assert_true (item_exists ("maybe-2"));
  }
}

/* The item pk in Faults, or 0 when it is not there: its count n, which
 * each write below adds one to. */
static guint
item_count (const char *pk)
{
  g_autofree char *get = g_strdup_printf ("{\"TableName\":\"Faults\",\"Key\":{\"pk\":{\"S\":\"%s\"}},"
                                          "\"ConsistentRead\":true}", pk);
  g_autofree char *reply = call_ok (direct, "GetItem", get);
  g_autoptr(GRegex) regex = g_regex_new ("\"n\":\\{\"N\":\"([0-9]+)\"\\}", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *n = NULL;

  if (!g_regex_match (regex, reply, 0, &match))
    return 0;
  n = g_match_info_fetch (match, 1);
  return (guint) g_ascii_strtoull (n, NULL, 10);
}

/* A write forwarded and reset (it took effect), then throttled until the
 * retries are spent: reported as a write that may already have been made,
 * with the throttling's AWS code kept; the item is there, written once. A
 * read under the same faults, and a TransactWriteItems with a
 * ClientRequestToken (which DynamoDB does not do twice), keep the plain
 * throttling error. */
static void
test_write_lost_then_throttled (void)
{
  g_autoptr(DdTestFaultProxy) proxy = dd_test_fault_proxy_new (dd_test_dynamo_get_endpoint (dynamo));
  g_autoptr(DdClient) client = new_client (dd_test_fault_proxy_get_endpoint (proxy));
  const char *put = "{\"TableName\":\"Faults\",\"Item\":{\"pk\":{\"S\":\"lost-put\"},\"n\":{\"N\":\"1\"}}}";
  const char *update = "{\"TableName\":\"Faults\",\"Key\":{\"pk\":{\"S\":\"lost-update\"}},"
                       "\"UpdateExpression\":\"ADD n :one\",\"ExpressionAttributeValues\":{\":one\":{\"N\":\"1\"}}}";
  g_autoptr(GError) error = NULL;

  dd_test_fault_proxy_script (proxy, DD_TEST_FAULT_RESET_AFTER, DD_TEST_FAULT_THROTTLING,
                              DD_TEST_FAULT_THROTTLING, -1);
  g_assert_null (call (client, "PutItem", put, &error));
  g_assert_error (error, DD_ERROR, DD_ERROR_MAYBE_APPLIED);
  g_assert_true (g_str_has_prefix (error->message, "The write may already have been made"));
  g_assert_nonnull (strstr (error->message, "ThrottlingException"));
  g_assert_cmpstr (dd_error_get_aws_code (error), ==, "ThrottlingException");
  g_assert_cmpuint (dd_error_get_http_status (error), ==, 400);
  g_assert_cmpuint (dd_client_get_last_attempts (client), ==, 3);
  g_assert_cmpuint (dd_test_fault_proxy_get_n_requests (proxy), ==, 3);
  g_assert_cmpuint (dd_test_fault_proxy_get_request (proxy, 0)->upstream_status, ==, 200);
  g_assert_cmpint (dd_test_fault_proxy_get_request (proxy, 1)->fault, ==, DD_TEST_FAULT_THROTTLING);
  g_assert_cmpint (dd_test_fault_proxy_get_request (proxy, 2)->fault, ==, DD_TEST_FAULT_THROTTLING);
  g_assert_cmpuint (item_count ("lost-put"), ==, 1);
  g_clear_error (&error);

  /* an UpdateItem that adds one: made once, by the lost attempt */
  dd_test_fault_proxy_script (proxy, DD_TEST_FAULT_RESET_AFTER, DD_TEST_FAULT_THROTTLING,
                              DD_TEST_FAULT_THROTTLING, -1);
  g_assert_null (call (client, "UpdateItem", update, &error));
  g_assert_error (error, DD_ERROR, DD_ERROR_MAYBE_APPLIED);
  g_assert_cmpuint (item_count ("lost-update"), ==, 1);
  g_clear_error (&error);

  /* a read: the plain throttling error */
  dd_test_fault_proxy_script (proxy, DD_TEST_FAULT_RESET_AFTER, DD_TEST_FAULT_THROTTLING,
                              DD_TEST_FAULT_THROTTLING, -1);
  g_assert_null (call (client, "GetItem", GET_ONE, &error));
  g_assert_error (error, DD_ERROR, DD_ERROR_SERVICE);
  g_assert_cmpstr (dd_error_get_aws_code (error), ==, "ThrottlingException");
  g_clear_error (&error);

  /* TransactWriteItems, with and without a token (the local DynamoDB does
   * no transactions, so only what the client reports is checked) */
  for (guint token = 0; token < 2; token++)
    {
      g_autofree char *transact = g_strdup_printf ("{\"TransactItems\":[{\"Update\":%s}]%s}", update,
                                                   token ? ",\"ClientRequestToken\":\"lost-transact-1\"" : "");
      int want = token ? DD_ERROR_SERVICE : DD_ERROR_MAYBE_APPLIED;

      dd_test_fault_proxy_script (proxy, DD_TEST_FAULT_RESET_AFTER, DD_TEST_FAULT_THROTTLING,
                                  DD_TEST_FAULT_THROTTLING, -1);
      g_assert_null (call (client, "TransactWriteItems", transact, &error));
      g_assert_error (error, DD_ERROR, want);
      g_assert_cmpstr (dd_error_get_aws_code (error), ==, "ThrottlingException");
      g_clear_error (&error);
    }
}

/* ---- the core: a fault on every attempt ---------------------------------------- */

typedef struct
{
  DdTestFault  fault;
  int          code;
  const char  *aws_code;
  guint        status;
} BoundCase;

static const BoundCase bound_cases[] = {
  { DD_TEST_FAULT_500, DD_ERROR_SERVICE, "InternalServerError", 500 },
  { DD_TEST_FAULT_503, DD_ERROR_SERVICE, "UnknownError", 503 },
  { DD_TEST_FAULT_THROUGHPUT, DD_ERROR_SERVICE, "ProvisionedThroughputExceededException", 400 },
  { DD_TEST_FAULT_THROTTLING, DD_ERROR_SERVICE, "ThrottlingException", 400 },
  { DD_TEST_FAULT_RESET_BEFORE, DD_ERROR_NETWORK, NULL, 0 },
  { DD_TEST_FAULT_RESET_AFTER, DD_ERROR_NETWORK, NULL, 0 },
  /* libsoup hands over a body cut short by the peer closing without an
   * error: the x-amz-crc32 check is what catches it. */
  { DD_TEST_FAULT_TRUNCATE, DD_ERROR_CRC, NULL, 0 },
  { DD_TEST_FAULT_BAD_CRC, DD_ERROR_CRC, NULL, 0 },
  { DD_TEST_FAULT_STALL, DD_ERROR_TIMEOUT, NULL, 0 },
};

static void
test_bounds (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bound_cases); i++)
    {
      const BoundCase *bc = &bound_cases[i];
      g_autoptr(DdTestFaultProxy) proxy = dd_test_fault_proxy_new (dd_test_dynamo_get_endpoint (dynamo));
      g_autoptr(DdClient) client = new_client (dd_test_fault_proxy_get_endpoint (proxy));
      g_autoptr(GError) error = NULL;
      g_autofree char *got = NULL;
      gint64 started = g_get_monotonic_time ();

      g_test_message ("fault on every attempt: %s", dd_test_fault_name (bc->fault));
      dd_test_fault_proxy_set_fallback (proxy, bc->fault);
      got = call (client, "GetItem", GET_ONE, &error);
      g_assert_null (got);
      g_assert_error (error, DD_ERROR, bc->code);
      g_assert_cmpstr (dd_error_get_aws_code (error), ==, bc->aws_code);
      g_assert_cmpuint (dd_error_get_http_status (error), ==, bc->status);
      g_assert_cmpuint (dd_client_get_last_attempts (client), ==, 3);
      g_assert_cmpuint (dd_test_fault_proxy_get_n_requests (proxy), ==, 3);
      /* Three attempts of at most 1 s each and backoffs of at most 20 ms. */
      g_assert_cmpint (g_get_monotonic_time () - started, <, 8 * G_TIME_SPAN_SECOND);
    }
}

/* ---- signatures and the clock ------------------------------------------------ */

static void
test_fresh_signature (void)
{
  g_autoptr(DdTestFaultProxy) proxy = dd_test_fault_proxy_new (dd_test_dynamo_get_endpoint (dynamo));
  g_autoptr(DdClient) client = new_client (dd_test_fault_proxy_get_endpoint (proxy));
  g_autofree char *got = NULL;

  /* Two stalls of the 1 s timeout put each attempt in another second. */
  dd_test_fault_proxy_script (proxy, DD_TEST_FAULT_STALL, DD_TEST_FAULT_STALL, DD_TEST_FAULT_NONE, -1);
  got = call_ok (client, "GetItem", GET_ONE);
  g_assert_cmpuint (dd_test_fault_proxy_get_n_requests (proxy), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      const DdTestFaultRequest *request = dd_test_fault_proxy_get_request (proxy, i);

      assert_signature_valid (request);
      g_assert_cmpstr (dd_test_fault_request_header (request, "x-amz-security-token"), ==, TOKEN);
      if (i > 0)
        {
          const DdTestFaultRequest *before = dd_test_fault_proxy_get_request (proxy, i - 1);
          g_autoptr(GDateTime) a = amz_date_of (before);
          g_autoptr(GDateTime) b = amz_date_of (request);

          g_assert_cmpint (g_date_time_difference (b, a), >=, G_TIME_SPAN_SECOND);
          g_assert_cmpstr (dd_test_fault_request_header (before, "Authorization"), !=,
                           dd_test_fault_request_header (request, "Authorization"));
        }
    }
}

/* Seconds between a request's x-amz-date and the real clock. */
static double
offset_of (const DdTestFaultRequest *request)
{
  g_autoptr(GDateTime) when = amz_date_of (request);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return (double) g_date_time_difference (when, now) / G_TIME_SPAN_SECOND;
}

static void
test_clock_skew (void)
{
  g_autoptr(DdTestFaultProxy) proxy = dd_test_fault_proxy_new (dd_test_dynamo_get_endpoint (dynamo));
  g_autoptr(DdClient) client = new_client (dd_test_fault_proxy_get_endpoint (proxy));
  g_autoptr(DdClient) other = new_client (dd_test_fault_proxy_get_endpoint (proxy));
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *refused = NULL;

  /* The server's Date is 20 minutes ahead: signed again with its time. */
  dd_test_fault_proxy_script (proxy, DD_TEST_FAULT_SKEW, -1);
  first = call_ok (client, "GetItem", GET_ONE);
  g_assert_cmpuint (dd_test_fault_proxy_get_n_requests (proxy), ==, 2);
  g_assert_cmpfloat (ABS (offset_of (dd_test_fault_proxy_get_request (proxy, 0))), <, 60);
  g_assert_cmpfloat (ABS (offset_of (dd_test_fault_proxy_get_request (proxy, 1)) - 20 * 60), <, 60);
  assert_signature_valid (dd_test_fault_proxy_get_request (proxy, 1));
  /* The correction stays for the next call. */
  second = call_ok (client, "GetItem", GET_ONE);
  g_assert_cmpfloat (ABS (offset_of (dd_test_fault_proxy_get_request (proxy, 2)) - 20 * 60), <, 60);

  /* Corrected once: a second refusal with the same clock is the answer. */
  dd_test_fault_proxy_set_fallback (proxy, DD_TEST_FAULT_SKEW);
  refused = call (other, "GetItem", GET_ONE, &error);
  g_assert_error (error, DD_ERROR, DD_ERROR_SERVICE);
  g_assert_cmpstr (dd_error_get_aws_code (error), ==, "InvalidSignatureException");
  g_assert_cmpuint (dd_client_get_last_attempts (other), ==, 2);
  g_assert_cmpuint (dd_test_fault_proxy_get_n_requests (proxy), ==, 5);
}

static void
test_redirect (void)
{
  g_autoptr(DdTestFaultProxy) proxy = dd_test_fault_proxy_new (dd_test_dynamo_get_endpoint (dynamo));
  g_autoptr(DdClient) client = new_client (dd_test_fault_proxy_get_endpoint (proxy));
  g_autoptr(GError) error = NULL;
  g_autofree char *got = NULL;

  dd_test_fault_proxy_set_fallback (proxy, DD_TEST_FAULT_REDIRECT);
  got = call (client, "GetItem", GET_ONE, &error);
  g_assert_error (error, DD_ERROR, DD_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "never redirected"));
  g_assert_cmpuint (dd_test_fault_proxy_get_n_requests (proxy), ==, 1);
  g_assert_cmpuint (dd_test_fault_proxy_get_elsewhere_hits (proxy), ==, 0);
}

/* ---- paged Scan ---------------------------------------------------------------- */

static void
page_cb (DdPager    *pager,
         DdPage     *page,
         GHashTable *seen)
{
  for (guint i = 0; i < dd_page_get_n_items (page); i++)
    {
      gsize len = 0;
      const char *item = dd_page_get_item (page, i, &len);
      g_autofree char *text = g_strndup (item, len);
      g_autoptr(JsonNode) node = json_from_string (text, NULL);
      const char *pk;

      g_assert_nonnull (node);
      pk = json_object_get_string_member (json_object_get_object_member (json_node_get_object (node), "pk"), "S");
      g_hash_table_insert (seen, g_strdup (pk),
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (seen, pk)) + 1));
    }
}

static void
fetch_all_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Call *c = user_data;

  dd_pager_fetch_all_finish (DD_PAGER (object), result, &c->error);
  c->done = TRUE;
}

/* Scans Paged through client in pages of limit items (in segments); every
 * item must come exactly once. */
static void
scan_all_once (DdClient *client,
               guint     segments,
               guint     limit)
{
  g_autofree char *body = g_strdup_printf ("{\"TableName\":\"Paged\",\"Limit\":%u}", limit);
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
  g_autoptr(DdPager) pager = dd_pager_new (client, dd_operation_lookup_action ("Scan"), bytes);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Call c = { 0 };

  dd_pager_set_total_segments (pager, segments);
  g_signal_connect (pager, "page", G_CALLBACK (page_cb), seen);
  dd_pager_fetch_all_async (pager, NULL, fetch_all_cb, &c);
  dd_test_wait_for (&c.done, 120);
  g_assert_no_error (c.error);
  g_assert_cmpuint (g_hash_table_size (seen), ==, N_PAGED);
  for (guint i = 0; i < N_PAGED; i++)
    {
      g_autofree char *pk = g_strdup_printf ("item-%03u", i);

      g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (seen, pk)), ==, 1);
    }
  g_assert_cmpuint (dd_pager_get_n_items (pager), ==, N_PAGED);
}

static const DdTestFault page_faults[] = {
  DD_TEST_FAULT_500, DD_TEST_FAULT_THROTTLING, DD_TEST_FAULT_RESET_BEFORE,
  DD_TEST_FAULT_RESET_AFTER, DD_TEST_FAULT_TRUNCATE, DD_TEST_FAULT_BAD_CRC, DD_TEST_FAULT_STALL,
};

static void
test_scan_retried_page (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (page_faults); i++)
    {
      g_autoptr(DdTestFaultProxy) proxy = dd_test_fault_proxy_new (dd_test_dynamo_get_endpoint (dynamo));
      g_autoptr(DdClient) client = new_client (dd_test_fault_proxy_get_endpoint (proxy));
      const DdTestFaultRequest *failed, *retried;

      g_test_message ("fault on page 3: %s", dd_test_fault_name (page_faults[i]));
      dd_test_fault_proxy_script (proxy, DD_TEST_FAULT_NONE, DD_TEST_FAULT_NONE, page_faults[i], -1);
      scan_all_once (client, 1, 10);
      /* Ten pages (the last one short), one of them asked twice. */
      g_assert_cmpuint (dd_test_fault_proxy_get_n_requests (proxy), ==, 11);
      failed = dd_test_fault_proxy_get_request (proxy, 2);
      retried = dd_test_fault_proxy_get_request (proxy, 3);
      g_assert_cmpint (failed->fault, ==, page_faults[i]);
      g_assert_nonnull (strstr (g_bytes_get_data (failed->body, NULL), "ExclusiveStartKey"));
      g_assert_true (g_bytes_equal (failed->body, retried->body));
    }
}

static void
test_scan_segments_random_faults (void)
{
  static const DdTestFault mix[] = {
    DD_TEST_FAULT_500, DD_TEST_FAULT_THROUGHPUT, DD_TEST_FAULT_RESET_BEFORE,
    DD_TEST_FAULT_RESET_AFTER, DD_TEST_FAULT_TRUNCATE, DD_TEST_FAULT_BAD_CRC, DD_TEST_FAULT_GZIP,
  };
  g_autoptr(DdTestFaultProxy) proxy = dd_test_fault_proxy_new (dd_test_dynamo_get_endpoint (dynamo));
  g_autoptr(DdClient) client = new_client (dd_test_fault_proxy_get_endpoint (proxy));
  guint faults = 0;

  /* 30% of the requests of four concurrent segments get a fault; eight
   * attempts make a page that fails them all unlikely (p < 0.0001). */
  dd_client_set_max_attempts (client, 8);
  dd_test_fault_proxy_set_random (proxy, 0.3, 20261124, mix, G_N_ELEMENTS (mix));
  scan_all_once (client, 4, 5);
  for (guint i = 0; i < dd_test_fault_proxy_get_n_requests (proxy); i++)
    if (dd_test_fault_proxy_get_request (proxy, i)->fault != DD_TEST_FAULT_NONE)
      faults++;
  g_test_message ("%u requests, %u with a fault", dd_test_fault_proxy_get_n_requests (proxy), faults);
  g_assert_cmpuint (faults, >=, 5);
}

/* ---- BatchWriteItem: UnprocessedItems -------------------------------------------- */

#define N_BATCH 100

static void
write_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Call *c = user_data;

  dd_batch_writer_write_finish (DD_BATCH_WRITER (object), result, &c->error);
  c->done = TRUE;
}

static DdBatchWriter *
write_batch (DdClient   *client,
             const char *table,
             GError    **error)
{
  static const char * const keys[] = { "pk", NULL };
  DdBatchWriter *writer = dd_batch_writer_new (client, table, keys);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  Call c = { 0 };

  for (guint i = 0; i < N_BATCH; i++)
    g_ptr_array_add (items, g_strdup_printf ("{\"pk\":{\"S\":\"b-%03u\"},\"n\":{\"N\":\"%u\"}}", i, i));
  dd_batch_writer_set_backoff (writer, 1, 5);
  dd_batch_writer_write_async (writer, DD_BATCH_PUT, items, NULL, write_cb, &c);
  dd_test_wait_for (&c.done, 120);
  if (c.error != NULL)
    g_propagate_error (error, c.error);
  return writer;
}

/* Every item of the table, exactly as written. */
static void
assert_batch_table (const char *table)
{
  g_autoptr(GHashTable) seen = dd_test_scan_all (direct, table);  /* fails on a pk seen twice */

  g_assert_cmpuint (g_hash_table_size (seen), ==, N_BATCH);
  for (guint i = 0; i < N_BATCH; i++)
    {
      g_autofree char *pk = g_strdup_printf ("b-%03u", i);
      g_autofree char *key = g_strdup_printf ("{\"TableName\":\"%s\",\"Key\":{\"pk\":{\"S\":\"%s\"}}}", table, pk);
      g_autofree char *item = call_ok (direct, "GetItem", key);
      g_autofree char *n = g_strdup_printf ("\"n\":{\"N\":\"%u\"}", i);

      g_assert_true (g_hash_table_contains (seen, pk));
      g_assert_nonnull (strstr (item, n));
    }
}

static void
test_batch_unprocessed (void)
{
  g_autoptr(DdTestFaultProxy) proxy = dd_test_fault_proxy_new (dd_test_dynamo_get_endpoint (dynamo));
  g_autoptr(DdClient) client = new_client (dd_test_fault_proxy_get_endpoint (proxy));
  g_autoptr(DdBatchWriter) writer = NULL;
  g_autoptr(GError) error = NULL;

  /* Every BatchWriteItem has half its requests left unprocessed. */
  create_table ("Batch");
  dd_test_fault_proxy_set_fallback (proxy, DD_TEST_FAULT_UNPROCESSED);
  writer = write_batch (client, "Batch", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dd_batch_writer_get_written (writer), ==, N_BATCH);
  g_assert_cmpuint (dd_batch_writer_get_failed (writer), ==, 0);
  g_assert_cmpuint (dd_batch_writer_get_n_calls (writer), ==, dd_test_fault_proxy_get_n_requests (proxy));
  g_assert_cmpuint (dd_batch_writer_get_n_calls (writer), >, N_BATCH / 25);
  /* Each item reached the table once: sent again only while unprocessed. */
  for (guint i = 0; i < N_BATCH; i++)
    {
      g_autofree char *pk = g_strdup_printf ("\"b-%03u\"", i);
      guint forwarded = 0;

      for (guint r = 0; r < dd_test_fault_proxy_get_n_requests (proxy); r++)
        {
          GBytes *body = dd_test_fault_proxy_get_request (proxy, r)->forwarded_body;

          if (g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body), pk) != NULL)
            forwarded++;
        }
      g_assert_cmpuint (forwarded, ==, 1);
    }
  assert_batch_table ("Batch");
}

/* Puts n items of prefix in Faults directly, then deletes them through
 * client with a writer that journals; returns the deletes' error. */
static GError *
delete_journalled (DdClient   *client,
                   DdJournal  *journal,
                   const char *prefix,
                   guint       n)
{
  static const char * const keys[] = { "pk", NULL };
  g_autoptr(DdBatchWriter) writer = dd_batch_writer_new (client, "Faults", keys);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  Call c = { 0 };

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *item = g_strdup_printf ("{\"pk\":{\"S\":\"%s-%u\"},\"v\":{\"S\":\"written once\"}}",
                                               prefix, i);
      g_autofree char *put = g_strdup_printf ("{\"TableName\":\"Faults\",\"Item\":%s}", item);

      g_free (call_ok (direct, "PutItem", put));
      g_ptr_array_add (items, g_steal_pointer (&item));
    }
  dd_batch_writer_set_journal (writer, journal);
  dd_batch_writer_write_async (writer, DD_BATCH_DELETE, items, NULL, write_cb, &c);
  dd_test_wait_for (&c.done, 120);
  return c.error;
}

/* A BatchWriteItem forwarded then reset, then throttled until the retries
 * are spent: the batch may already have been made, and its journal
 * entries stay of unknown outcome (so an undo still checks the items);
 * one throttled on every attempt certainly was not made: failed. */
static void
test_batch_maybe_applied_journal (void)
{
  g_autoptr(DdTestFaultProxy) proxy = dd_test_fault_proxy_new (dd_test_dynamo_get_endpoint (dynamo));
  g_autoptr(DdClient) client = new_client (dd_test_fault_proxy_get_endpoint (proxy));
  g_autoptr(GError) error = NULL;
  g_autoptr(DdJournal) journal = dd_journal_new ("fault-batch", &error);
  g_autoptr(GPtrArray) entries = NULL;
  guint unknown = 0, failed = 0;

  g_assert_no_error (error);
  dd_test_fault_proxy_script (proxy, DD_TEST_FAULT_RESET_AFTER, DD_TEST_FAULT_THROTTLING,
                              DD_TEST_FAULT_THROTTLING, -1);
  error = delete_journalled (client, journal, "lost-batch", 10);
  g_assert_error (error, DD_ERROR, DD_ERROR_MAYBE_APPLIED);
  g_assert_cmpstr (dd_error_get_aws_code (error), ==, "ThrottlingException");
  g_clear_error (&error);
  /* made, by the lost attempt */
  g_assert_false (item_exists ("lost-batch-0"));
  g_assert_false (item_exists ("lost-batch-9"));

  dd_test_fault_proxy_script (proxy, DD_TEST_FAULT_THROTTLING, DD_TEST_FAULT_THROTTLING,
                              DD_TEST_FAULT_THROTTLING, -1);
  error = delete_journalled (client, journal, "throttled-batch", 10);
  g_assert_error (error, DD_ERROR, DD_ERROR_SERVICE);
  g_clear_error (&error);
  g_assert_true (item_exists ("throttled-batch-0"));

  entries = dd_journal_load (journal, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 20);
  for (guint i = 0; i < entries->len; i++)
    {
      DdJournalEntry *e = g_ptr_array_index (entries, i);
      gboolean lost = strstr (dd_journal_entry_get_key (e), "lost-batch") != NULL;
      DdJournalOutcome want = lost ? DD_JOURNAL_OUTCOME_UNKNOWN : DD_JOURNAL_OUTCOME_FAILED;

      g_assert_cmpint (dd_journal_entry_get_outcome (e), ==, want);
      unknown += lost;
      failed += !lost;
    }
  g_assert_cmpuint (unknown, ==, 10);
  g_assert_cmpuint (failed, ==, 10);
}

static void
test_batch_random_faults (void)
{
  static const DdTestFault mix[] = {
    DD_TEST_FAULT_UNPROCESSED, DD_TEST_FAULT_UNPROCESSED, DD_TEST_FAULT_500, DD_TEST_FAULT_THROUGHPUT,
    DD_TEST_FAULT_RESET_BEFORE, DD_TEST_FAULT_RESET_AFTER, DD_TEST_FAULT_BAD_CRC,
  };
  g_autoptr(DdTestFaultProxy) proxy = dd_test_fault_proxy_new (dd_test_dynamo_get_endpoint (dynamo));
  g_autoptr(DdClient) client = new_client (dd_test_fault_proxy_get_endpoint (proxy));
  g_autoptr(DdBatchWriter) writer = NULL;
  g_autoptr(GError) error = NULL;

  create_table ("BatchRandom");
  dd_client_set_max_attempts (client, 8);
  dd_test_fault_proxy_set_random (proxy, 0.4, 77, mix, G_N_ELEMENTS (mix));
  writer = write_batch (client, "BatchRandom", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dd_batch_writer_get_written (writer), ==, N_BATCH);
  g_test_message ("%u BatchWriteItem calls for %u items", dd_test_fault_proxy_get_n_requests (proxy), N_BATCH);
  assert_batch_table ("BatchRandom");
}

/* ---- the CLI --------------------------------------------------------------------- */

typedef struct
{
  int       status;
  char     *out;
  char     *err;
} CliRun;

static void
cli_run_clear (CliRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliRun, cli_run_clear)

/* Runs the CLI on the proxy while this main context serves it. */
static void
run_cli (DdTestFaultProxy   *proxy,
         CliRun             *run,
         const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;

  g_ptr_array_add (argv, (gpointer) "--endpoint");
  g_ptr_array_add (argv, (gpointer) dd_test_fault_proxy_get_endpoint (proxy));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  process = dd_test_cli_spawn (NULL, (const char * const *) argv->pdata);
  run->status = dd_test_cli_communicate (process, "", &run->out, &run->err);
}

#define RUN_CLI(proxy, run, ...) run_cli (proxy, run, (const char * const[]) { __VA_ARGS__, NULL })

static void
test_cli_retried (void)
{
  g_autoptr(DdTestFaultProxy) proxy = dd_test_fault_proxy_new (dd_test_dynamo_get_endpoint (dynamo));
  g_auto(CliRun) run = { 0 };

  dd_test_fault_proxy_script (proxy, DD_TEST_FAULT_500, DD_TEST_FAULT_RESET_AFTER, DD_TEST_FAULT_NONE, -1);
  RUN_CLI (proxy, &run, "get-item", "{\"TableName\":\"Faults\",\"Key\":{\"pk\":\"one\"}}");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "12345678901234567890123456789012345678"));
  g_assert_cmpuint (dd_test_fault_proxy_get_n_requests (proxy), ==, 3);
}

static void
test_cli_scan_page_three (void)
{
  g_autoptr(DdTestFaultProxy) proxy = dd_test_fault_proxy_new (dd_test_dynamo_get_endpoint (dynamo));
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(CliRun) run = { 0 };
  g_auto(GStrv) lines = NULL;

  dd_test_fault_proxy_script (proxy, DD_TEST_FAULT_NONE, DD_TEST_FAULT_NONE, DD_TEST_FAULT_TRUNCATE, -1);
  RUN_CLI (proxy, &run, "--all", "--format", "jsonl", "scan", "{\"TableName\":\"Paged\",\"Limit\":10}");
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      {
        g_autoptr(JsonNode) node = json_from_string (lines[i], NULL);
        const char *pk;

        g_assert_nonnull (node);
        pk = json_object_get_string_member (json_node_get_object (node), "pk");
        g_assert_false (g_hash_table_contains (seen, pk));
        g_hash_table_add (seen, g_strdup (pk));
      }
  g_assert_cmpuint (g_hash_table_size (seen), ==, N_PAGED);
  g_assert_cmpuint (dd_test_fault_proxy_get_n_requests (proxy), ==, 11);
}

typedef struct
{
  DdTestFault  fault;
  int          status;
  const char  *says;
} CliFailCase;

static const CliFailCase cli_fail_cases[] = {
  { DD_TEST_FAULT_THROUGHPUT, 1, "ProvisionedThroughputExceededException" },
  { DD_TEST_FAULT_500, 1, "InternalServerError" },
  { DD_TEST_FAULT_RESET_BEFORE, 3, "Could not talk to" },
  { DD_TEST_FAULT_TRUNCATE, 3, "damaged" },
  { DD_TEST_FAULT_BAD_CRC, 3, "damaged" },
  { DD_TEST_FAULT_REDIRECT, 3, "never redirected" },
};

/* The CLI says a conditional write whose answer was lost may have been
 * made (exit 1, as for an AWS error). */
static void
test_cli_maybe_applied (void)
{
  g_autoptr(DdTestFaultProxy) proxy = dd_test_fault_proxy_new (dd_test_dynamo_get_endpoint (dynamo));
  g_auto(CliRun) run = { 0 };

  dd_test_fault_proxy_script (proxy, DD_TEST_FAULT_RESET_AFTER, DD_TEST_FAULT_NONE, -1);
  RUN_CLI (proxy, &run, "put-item", "{\"TableName\":\"Faults\",\"Item\":{\"pk\":\"maybe-cli\",\"v\":\"written once\"},"
           "\"ConditionExpression\":\"attribute_not_exists(pk)\"}");
  g_test_message ("%s", run.err);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (g_str_has_prefix (run.err, "dynamo-desk-cli: " MAYBE_MESSAGE "\n"));
  g_assert_cmpuint (dd_test_fault_proxy_get_n_requests (proxy), ==, 2);
  g_assert_true (item_exists ("maybe-cli"));
}

static void
test_cli_exit_codes (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cli_fail_cases); i++)
    {
      const CliFailCase *fc = &cli_fail_cases[i];
      g_autoptr(DdTestFaultProxy) proxy = dd_test_fault_proxy_new (dd_test_dynamo_get_endpoint (dynamo));
      g_auto(CliRun) run = { 0 };
      guint attempts = fc->fault == DD_TEST_FAULT_REDIRECT ? 1 : 3;

      g_test_message ("CLI, fault on every attempt: %s", dd_test_fault_name (fc->fault));
      dd_test_fault_proxy_set_fallback (proxy, fc->fault);
      RUN_CLI (proxy, &run, "get-item", "{\"TableName\":\"Faults\",\"Key\":{\"pk\":\"one\"}}");
      g_assert_cmpint (run.status, ==, fc->status);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_true (g_str_has_prefix (run.err, "dynamo-desk-cli: "));
      g_assert_nonnull (strstr (run.err, fc->says));
      g_assert_cmpuint (dd_test_fault_proxy_get_n_requests (proxy), ==, attempts);
      g_assert_cmpuint (dd_test_fault_proxy_get_elsewhere_hits (proxy), ==, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  dd_test_init (&argc, &argv);
  g_setenv ("AWS_ACCESS_KEY_ID", ACCESS_KEY, TRUE);
  g_setenv ("AWS_SECRET_ACCESS_KEY", SECRET_KEY, TRUE);
  g_setenv ("AWS_REGION", "us-east-1", TRUE);
  dynamo = dd_test_dynamo_start ();
  direct = dd_test_dynamo_new_client (dynamo);
  setup_tables ();

  g_test_add_func ("/fault/core/retried-once", test_retried_once);
  g_test_add_func ("/fault/core/gzip", test_gzip);
  g_test_add_func ("/fault/core/keep-alive", test_keep_alive);
  g_test_add_func ("/fault/core/bounds", test_bounds);
  g_test_add_func ("/fault/core/fresh-signature", test_fresh_signature);
  g_test_add_func ("/fault/core/clock-skew", test_clock_skew);
  g_test_add_func ("/fault/core/redirect", test_redirect);
  g_test_add_func ("/fault/core/conditional-maybe-applied", test_conditional_maybe_applied);
  g_test_add_func ("/fault/core/write-lost-then-throttled", test_write_lost_then_throttled);
  g_test_add_func ("/fault/pager/retried-page", test_scan_retried_page);
  g_test_add_func ("/fault/pager/segments-random-faults", test_scan_segments_random_faults);
  g_test_add_func ("/fault/batch/unprocessed", test_batch_unprocessed);
  g_test_add_func ("/fault/batch/maybe-applied-journal", test_batch_maybe_applied_journal);
  g_test_add_func ("/fault/batch/random-faults", test_batch_random_faults);
  g_test_add_func ("/fault/cli/retried", test_cli_retried);
  g_test_add_func ("/fault/cli/scan-page-three", test_cli_scan_page_three);
  g_test_add_func ("/fault/cli/exit-codes", test_cli_exit_codes);
  g_test_add_func ("/fault/cli/maybe-applied", test_cli_maybe_applied);

  status = g_test_run ();
  g_object_unref (direct);
  dd_test_dynamo_stop (dynamo);
  return status;
}
