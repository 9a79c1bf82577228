/* test-client-fault.c: dd-client against a scripted server on loopback.
 *
 * The fake server answers each request with the next step of its script
 * (throttling, 5xx, a dropped or stalled connection, a bad x-amz-crc32, a
 * redirect, a validation error, a skewed clock, success) and records what
 * it received, checking each request's SigV4 signature itself.
 */
#define G_LOG_DOMAIN "test-client-fault"

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>
#include <zlib.h>

#include "dd-client.h"
#include "dd-credentials.h"
#include "dd-error.h"
#include "dd-provider-static.h"
#include "dd-retry.h"
#include "dd-sigv4.h"
#include "dd-test-dynamo.h"
#include "dd-test-fake.h"

#define ACCESS_KEY "AKIDFAULTTEST"
#define SECRET_KEY "fault-secret-key"
#define TOKEN      "fault-session-token"

typedef enum
{
  STEP_OK,
  STEP_THROTTLE,
  STEP_500,
  STEP_503,
  STEP_DROP,
  STEP_STALL,
  STEP_BAD_CRC,
  STEP_REDIRECT,
  STEP_VALIDATION,
  STEP_SKEWED,
  STEP_GZIP,
  STEP_GZIP_PLAIN_CRC,
  STEP_BAD_SIGNATURE,
} Step;

typedef struct
{
  gint64  arrived;        /* monotonic, µs */
  char   *method;
  char   *path;
  char   *amz_date;
  char   *authorization;
  char   *token;
  char   *target;
  char   *content_type;
  char   *accept_encoding;
  GBytes *body;
  gboolean signature_ok;
} Seen;

typedef struct
{
  SoupServer   *server;
  char         *endpoint;
  GQueue        steps;
  Step          fallback;
  GPtrArray    *seen;
  GPtrArray    *stolen;
  char         *redirect_to;
  GCancellable *cancel_on_request; /* cancelled 50 ms after a request arrives */
} Fake;

static void
seen_free (Seen *seen)
{
  g_free (seen->method);
  g_free (seen->path);
  g_free (seen->amz_date);
  g_free (seen->authorization);
  g_free (seen->token);
  g_free (seen->target);
  g_free (seen->content_type);
  g_free (seen->accept_encoding);
  g_bytes_unref (seen->body);
  g_free (seen);
}

/* Recomputes the request's Authorization from what arrived. */
static gboolean
verify_signature (SoupServerMessage *msg,
                  GBytes            *body)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  const char *amz_date = soup_message_headers_get_one (headers, "x-amz-date");
  g_autoptr(GRegex) regex = g_regex_new ("^AWS4-HMAC-SHA256 Credential=([^/]+)/([0-9]{8})/([^/]+)/([^/]+)/aws4_request, "
                                         "SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *akid = NULL, *region = NULL, *service = NULL, *signed_names = NULL, *expected = NULL;
  g_auto(GStrv) names = NULL;
  g_autoptr(GDateTime) when = NULL;
  DdSigv4Header signed_headers[16];
  gsize n = 0, len = 0;
  const guint8 *data = g_bytes_get_data (body, &len);

  if (authorization == NULL || amz_date == NULL || !g_regex_match (regex, authorization, 0, &match))
    return FALSE;
  akid = g_match_info_fetch (match, 1);
  region = g_match_info_fetch (match, 3);
  service = g_match_info_fetch (match, 4);
  signed_names = g_match_info_fetch (match, 5);
  names = g_strsplit (signed_names, ";", -1);
  for (; names[n] != NULL && n < G_N_ELEMENTS (signed_headers); n++)
    signed_headers[n] = (DdSigv4Header) { names[n], soup_message_headers_get_one (headers, names[n]) };
  when = g_date_time_new_from_iso8601 (amz_date, NULL);
  if (when == NULL)
    return FALSE;
  {
    DdSigv4Request request = {
      .method = soup_server_message_get_method (msg),
      .path = g_uri_get_path (soup_server_message_get_uri (msg)),
      .headers = signed_headers, .n_headers = n,
      .payload = data, .payload_len = len, .normalize_path = TRUE,
    };
    DdSigv4Scope scope = { akid, SECRET_KEY, region, service, when };
    expected = dd_sigv4_authorization (&request, &scope);
  }
  return g_strcmp0 (expected, authorization) == 0;
}

static Seen *
record (Fake              *fake,
        SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  Seen *seen = g_new0 (Seen, 1);

  seen->arrived = g_get_monotonic_time ();
  seen->method = g_strdup (soup_server_message_get_method (msg));
  seen->path = g_strdup (g_uri_get_path (soup_server_message_get_uri (msg)));
  seen->amz_date = g_strdup (soup_message_headers_get_one (headers, "x-amz-date"));
  seen->authorization = g_strdup (soup_message_headers_get_one (headers, "Authorization"));
  seen->token = g_strdup (soup_message_headers_get_one (headers, "x-amz-security-token"));
  seen->target = g_strdup (soup_message_headers_get_one (headers, "x-amz-target"));
  seen->content_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));
  seen->accept_encoding = g_strdup (soup_message_headers_get_one (headers, "Accept-Encoding"));
  seen->body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  seen->signature_ok = verify_signature (msg, seen->body);
  g_ptr_array_add (fake->seen, seen);
  return seen;
}

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *body,
         gssize             len,
         gint64             crc_delta)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  gsize size = len < 0 ? strlen (body) : (gsize) len;
  g_autofree char *crc = g_strdup_printf ("%" G_GINT64_FORMAT,
                                          (gint64) crc32 (0L, (const guint8 *) body, size) + crc_delta);

  soup_message_headers_replace (headers, "x-amz-crc32", crc);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/x-amz-json-1.0", SOUP_MEMORY_COPY, body, size);
}

static void
respond_error (SoupServerMessage *msg,
               guint              status,
               const char        *code,
               const char        *message)
{
  g_autofree char *body = g_strdup_printf ("{\"__type\":\"com.amazonaws.dynamodb.v20120810#%s\","
                                           "\"message\":\"%s\"}", code, message);
  respond (msg, status, body, -1, 0);
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
respond_gzip (SoupServerMessage *msg,
              gboolean           crc_of_plain)
{
  const char *plain = "{\"Gzipped\":true,\"Text\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}";
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 6);
  guint8 out[1024];
  gsize read = 0, written = 0;
  g_autofree char *crc = NULL;

  g_assert_cmpint (g_converter_convert (G_CONVERTER (compressor), plain, strlen (plain), out, sizeof out,
                                        G_CONVERTER_INPUT_AT_END, &read, &written, NULL),
                   ==, G_CONVERTER_FINISHED);
  respond (msg, 200, (const char *) out, (gssize) written, 0);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Content-Encoding", "gzip");
  if (crc_of_plain)
    {
      crc = g_strdup_printf ("%lu", crc32 (0L, (const guint8 *) plain, strlen (plain)));
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "x-amz-crc32", crc);
    }
}

static void
fake_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  Fake *fake = user_data;
  Step step = g_queue_is_empty (&fake->steps) ? fake->fallback : (Step) GPOINTER_TO_INT (g_queue_pop_head (&fake->steps));
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autofree char *request_id = NULL;
  g_autofree char *ok = NULL;

  record (fake, msg);
  request_id = g_strdup_printf ("REQ-%u", fake->seen->len);
  soup_message_headers_replace (headers, "x-amzn-RequestId", request_id);
  if (fake->cancel_on_request != NULL)
    g_timeout_add_full (G_PRIORITY_DEFAULT, 50, cancel_cb, g_object_ref (fake->cancel_on_request), g_object_unref);

  switch (step)
    {
    case STEP_OK:
      ok = g_strdup_printf ("{\"Seen\":%u}", fake->seen->len);
      respond (msg, 200, ok, -1, 0);
      break;
    case STEP_THROTTLE:
      respond_error (msg, 400, "ProvisionedThroughputExceededException", "Slow down, please");
      break;
    case STEP_500:
      respond_error (msg, 500, "InternalServerError", "Internal server error");
      break;
    case STEP_503:
      respond (msg, 503, "<html>Service Unavailable</html>", -1, 0);
      break;
    case STEP_DROP:
      {
        g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);
        g_io_stream_close (stream, NULL, NULL);
        break;
      }
    case STEP_STALL:
      g_ptr_array_add (fake->stolen, soup_server_message_steal_connection (msg));
      break;
    case STEP_BAD_CRC:
      respond (msg, 200, "{\"Damaged\":true}", -1, 1);
      break;
    case STEP_REDIRECT:
      soup_server_message_set_redirect (msg, 301, fake->redirect_to);
      break;
    case STEP_VALIDATION:
      respond_error (msg, 400, "ValidationException", "One or more parameter values were invalid");
      break;
    case STEP_SKEWED:
      {
        g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
        g_autoptr(GDateTime) later = g_date_time_add_minutes (now, 20);
        g_autofree char *date = soup_date_time_to_string (later, SOUP_DATE_HTTP);
        respond_error (msg, 400, "InvalidSignatureException", "Signature expired: the request time is too far off");
        soup_message_headers_replace (headers, "Date", date);
        break;
      }
    case STEP_BAD_SIGNATURE:
      respond_error (msg, 400, "InvalidSignatureException", "The request signature we calculated does not match");
      break;
    case STEP_GZIP:
      respond_gzip (msg, FALSE);
      break;
    case STEP_GZIP_PLAIN_CRC:
      respond_gzip (msg, TRUE);
      break;
    default:
      g_assert_not_reached ();
    }
}

static Fake *
fake_new (void)
{
  Fake *fake = g_new0 (Fake, 1);

  g_queue_init (&fake->steps);
  fake->seen = g_ptr_array_new_with_free_func ((GDestroyNotify) seen_free);
  fake->stolen = g_ptr_array_new_with_free_func (g_object_unref);
  fake->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fake->server, NULL, fake_handler, fake, NULL);
  fake->endpoint = dd_test_listen_local (fake->server);
  return fake;
}

static void
fake_script (Fake *fake,
             ...)
{
  va_list args;
  int step;

  va_start (args, fake);
  while ((step = va_arg (args, int)) >= 0)
    g_queue_push_tail (&fake->steps, GINT_TO_POINTER (step));
  va_end (args);
}

static Seen *
fake_seen (Fake  *fake,
           guint  i)
{
  g_assert_cmpuint (i, <, fake->seen->len);
  return g_ptr_array_index (fake->seen, i);
}

static void
fake_free (Fake *fake)
{
  for (guint i = 0; i < fake->stolen->len; i++)
    g_io_stream_close (g_ptr_array_index (fake->stolen, i), NULL, NULL);
  soup_server_disconnect (fake->server);
  g_assert_finalize_object (fake->server);
  g_queue_clear (&fake->steps);
  g_ptr_array_unref (fake->seen);
  g_ptr_array_unref (fake->stolen);
  g_clear_object (&fake->cancel_on_request);
  g_free (fake->redirect_to);
  g_free (fake->endpoint);
  g_free (fake);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fake, fake_free)

/* ---- calling ----------------------------------------------------------- */

typedef struct
{
  gboolean done;
  GBytes  *body;
  GError  *error;
  gint64   started;
  gint64   finished;
} CallResult;

static void
call_result_clear (CallResult *result)
{
  g_clear_pointer (&result->body, g_bytes_unref);
  g_clear_error (&result->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CallResult, call_result_clear)

static void
call_cb (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  CallResult *result = user_data;

  result->body = dd_client_call_finish (DD_CLIENT (source), res, &result->error);
  result->finished = g_get_monotonic_time ();
  result->done = TRUE;
}

static const char request_json[] = "{\"TableName\":\"Music\"}";

static void
run_call (DdClient     *client,
          GCancellable *cancellable,
          CallResult   *result)
{
  g_autoptr(GBytes) body = g_bytes_new_static (request_json, strlen (request_json));

  call_result_clear (result);
  memset (result, 0, sizeof *result);
  result->started = g_get_monotonic_time ();
  dd_client_call_async (client, "DescribeTable", body, cancellable, call_cb, result);
  dd_test_wait_for (&result->done, 90);
}

static void
assert_body (CallResult *result,
             const char *expected)
{
  g_assert_no_error (result->error);
  g_assert_nonnull (result->body);
  g_assert_cmpmem (g_bytes_get_data (result->body, NULL), g_bytes_get_size (result->body),
                   expected, strlen (expected));
}

static DdClient *
new_client (const char *endpoint,
            const char *token)
{
  g_autoptr(DdCredentials) credentials = dd_credentials_new (ACCESS_KEY, SECRET_KEY, token, NULL, "test");
  g_autoptr(DdCredentialsProvider) provider = dd_provider_static_new (credentials);
  DdClient *client = dd_client_new ("us-east-1", endpoint, provider);

  dd_client_set_backoff (client, 1, 5);
  dd_client_set_timeout (client, 30);
  return client;
}

static GDateTime *
parse_amz_date (const char *amz_date)
{
  GDateTime *when;

  g_assert_nonnull (amz_date);
  when = g_date_time_new_from_iso8601 (amz_date, NULL);
  g_assert_nonnull (when);
  return when;
}

/* Seconds between an x-amz-date and the real clock. */
static double
amz_date_offset (const char *amz_date)
{
  g_autoptr(GDateTime) when = parse_amz_date (amz_date);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return (double) g_date_time_difference (when, now) / G_TIME_SPAN_SECOND;
}

/* A seed whose first jitter fraction is at least min_fraction. */
static guint32
seed_with_first_fraction (double min_fraction)
{
  for (guint32 seed = 1; seed < 100000; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      if (g_rand_double (rand) >= min_fraction)
        return seed;
    }
  g_assert_not_reached ();
}

/* The delays a client seeded with seed waits before its first n retries. */
static void
expected_delays (guint32 seed,
                 guint   base_ms,
                 guint   cap_ms,
                 guint  *delays,
                 guint   n)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  for (guint i = 0; i < n; i++)
    delays[i] = dd_retry_backoff_delay (i, base_ms, cap_ms, g_rand_double (rand));
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
  g_autoptr(DdCredentials) credentials = dd_credentials_new (ACCESS_KEY, SECRET_KEY, NULL, NULL, "test");
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
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(DdClient) ftp = new_client ("ftp://127.0.0.1:21", NULL);
  g_autoptr(DdClient) no_region = NULL;
  g_autoptr(DdClient) good = new_client (fake->endpoint, NULL);
  g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);
  g_auto(CallResult) result = { 0 };
  g_autoptr(DdCredentials) credentials = dd_credentials_new (ACCESS_KEY, SECRET_KEY, NULL, NULL, "test");
  g_autoptr(DdCredentialsProvider) provider = dd_provider_static_new (credentials);

  run_call (ftp, NULL, &result);
  g_assert_error (result.error, DD_ERROR, DD_ERROR_INVALID_INPUT);

  no_region = dd_client_new ("no such region", NULL, provider);
  g_assert_null (dd_client_get_endpoint (no_region));
  run_call (no_region, NULL, &result);
  g_assert_error (result.error, DD_ERROR, DD_ERROR_INVALID_INPUT);

  call_result_clear (&result);
  memset (&result, 0, sizeof result);
  dd_client_call_async (good, "Describe Table\r\nX-Evil: 1", body, NULL, call_cb, &result);
  dd_test_wait_for (&result.done, 10);
  g_assert_error (result.error, DD_ERROR, DD_ERROR_INVALID_INPUT);
  g_assert_cmpuint (fake->seen->len, ==, 0);
}

/* ---- requests on the wire ---------------------------------------------- */

static void
test_request_shape (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(DdClient) client = new_client (fake->endpoint, NULL);
  g_auto(CallResult) result = { 0 };
  Seen *seen;

  fake_script (fake, STEP_OK, -1);
  run_call (client, NULL, &result);
  assert_body (&result, "{\"Seen\":1}");
  g_assert_cmpuint (dd_client_get_last_attempts (client), ==, 1);
  g_assert_cmpuint (fake->seen->len, ==, 1);

  seen = fake_seen (fake, 0);
  g_assert_cmpstr (seen->method, ==, "POST");
  g_assert_cmpstr (seen->path, ==, "/");
  g_assert_cmpstr (seen->target, ==, "DynamoDB_20120810.DescribeTable");
  g_assert_cmpstr (seen->content_type, ==, "application/x-amz-json-1.0");
  g_assert_null (seen->accept_encoding);
  g_assert_null (seen->token);
  g_assert_cmpmem (g_bytes_get_data (seen->body, NULL), g_bytes_get_size (seen->body),
                   request_json, strlen (request_json));
  g_assert_true (seen->signature_ok);
  g_assert_true (g_str_has_prefix (seen->authorization, "AWS4-HMAC-SHA256 Credential=" ACCESS_KEY "/"));
  g_assert_nonnull (strstr (seen->authorization, "/us-east-1/dynamodb/aws4_request"));
  g_assert_nonnull (strstr (seen->authorization, "SignedHeaders=content-type;host;x-amz-date;x-amz-target,"));
  g_assert_cmpfloat (ABS (amz_date_offset (seen->amz_date)), <, 300);
}

static void
test_session_token (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(DdClient) client = new_client (fake->endpoint, TOKEN);
  g_auto(CallResult) result = { 0 };
  Seen *seen;

  fake_script (fake, STEP_OK, -1);
  run_call (client, NULL, &result);
  assert_body (&result, "{\"Seen\":1}");
  seen = fake_seen (fake, 0);
  g_assert_cmpstr (seen->token, ==, TOKEN);
  g_assert_nonnull (strstr (seen->authorization,
                            "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target,"));
  g_assert_true (seen->signature_ok);
  g_assert_null (strstr (seen->authorization, TOKEN));
  g_assert_null (strstr (seen->authorization, SECRET_KEY));
}

/* ---- retries ----------------------------------------------------------- */

static void
test_retry_until_success (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(DdClient) client = new_client (fake->endpoint, TOKEN);
  g_auto(CallResult) result = { 0 };

  g_assert_cmpuint (dd_client_get_max_attempts (client), ==, 3);
  dd_client_set_max_attempts (client, 5);
  g_assert_cmpuint (dd_client_get_max_attempts (client), ==, 5);
  fake_script (fake, STEP_THROTTLE, STEP_500, STEP_503, STEP_OK, -1);
  run_call (client, NULL, &result);
  assert_body (&result, "{\"Seen\":4}");
  g_assert_cmpuint (dd_client_get_last_attempts (client), ==, 4);
  g_assert_cmpuint (fake->seen->len, ==, 4);
  for (guint i = 0; i < fake->seen->len; i++)
    {
      g_assert_true (fake_seen (fake, i)->signature_ok);
      g_assert_cmpstr (fake_seen (fake, i)->token, ==, TOKEN);
    }
}

static void
test_fresh_signature (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(DdClient) client = new_client (fake->endpoint, NULL);
  g_auto(CallResult) result = { 0 };
  guint32 seed = seed_with_first_fraction (0.8);
  guint delay;
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) second = NULL;

  /* A wait of at least 1.2 s, so the second attempt is in another second. */
  dd_client_set_backoff (client, 1500, 1500);
  dd_client_set_jitter_seed (client, seed);
  expected_delays (seed, 1500, 1500, &delay, 1);
  g_assert_cmpuint (delay, >=, 1200);

  fake_script (fake, STEP_503, STEP_OK, -1);
  run_call (client, NULL, &result);
  assert_body (&result, "{\"Seen\":2}");
  g_assert_cmpuint (dd_client_get_last_attempts (client), ==, 2);
  first = parse_amz_date (fake_seen (fake, 0)->amz_date);
  second = parse_amz_date (fake_seen (fake, 1)->amz_date);
  g_assert_cmpint (g_date_time_difference (second, first), >=, G_TIME_SPAN_SECOND);
  g_assert_cmpstr (fake_seen (fake, 0)->authorization, !=, fake_seen (fake, 1)->authorization);
  g_assert_true (fake_seen (fake, 0)->signature_ok);
  g_assert_true (fake_seen (fake, 1)->signature_ok);
  g_assert_cmpint (fake_seen (fake, 1)->arrived - fake_seen (fake, 0)->arrived, >=, (gint64) delay * 1000);
}

static void
test_backoff_delays (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(DdClient) client = new_client (fake->endpoint, NULL);
  g_auto(CallResult) result = { 0 };
  guint delays[3];
  guint total = 0;

  dd_client_set_max_attempts (client, 4);
  dd_client_set_backoff (client, 40, 100);
  dd_client_set_jitter_seed (client, 4242);
  expected_delays (4242, 40, 100, delays, 3);
  fake->fallback = STEP_503;
  run_call (client, NULL, &result);

  g_assert_error (result.error, DD_ERROR, DD_ERROR_SERVICE);
  g_assert_cmpuint (dd_error_get_http_status (result.error), ==, 503);
  g_assert_cmpstr (dd_error_get_request_id (result.error), ==, "REQ-4");
  g_assert_cmpstr (dd_error_get_aws_message (result.error), ==, "Service Unavailable");
  g_assert_cmpuint (dd_client_get_last_attempts (client), ==, 4);
  g_assert_cmpuint (fake->seen->len, ==, 4);
  for (guint i = 0; i < 3; i++)
    {
      gint64 gap = fake_seen (fake, i + 1)->arrived - fake_seen (fake, i)->arrived;

      g_assert_cmpuint (delays[i], <=, dd_retry_backoff_limit (i, 40, 100));
      g_assert_cmpint (gap, >=, (gint64) delays[i] * 1000);
      total += delays[i];
    }
  /* Upper bound only, loose: the waits are at most 40 + 80 + 100 ms. */
  g_assert_cmpuint (total, <=, 220);
  g_assert_cmpint (result.finished - result.started, <, 10 * G_TIME_SPAN_SECOND);
}

static void
test_throttling_exhausted (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(DdClient) client = new_client (fake->endpoint, NULL);
  g_auto(CallResult) result = { 0 };

  fake->fallback = STEP_THROTTLE;
  run_call (client, NULL, &result);
  g_assert_error (result.error, DD_ERROR, DD_ERROR_SERVICE);
  g_assert_cmpstr (dd_error_get_aws_code (result.error), ==, "ProvisionedThroughputExceededException");
  g_assert_cmpstr (dd_error_get_aws_message (result.error), ==, "Slow down, please");
  g_assert_cmpuint (dd_error_get_http_status (result.error), ==, 400);
  g_assert_cmpstr (dd_error_get_request_id (result.error), ==, "REQ-3");
  g_assert_cmpuint (dd_client_get_last_attempts (client), ==, 3);
  g_assert_cmpuint (fake->seen->len, ==, 3);
}

static void
test_validation_not_retried (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(DdClient) client = new_client (fake->endpoint, NULL);
  g_auto(CallResult) result = { 0 };

  fake_script (fake, STEP_VALIDATION, -1);
  run_call (client, NULL, &result);
  g_assert_error (result.error, DD_ERROR, DD_ERROR_SERVICE);
  g_assert_cmpstr (dd_error_get_aws_code (result.error), ==, "ValidationException");
  g_assert_cmpstr (dd_error_get_aws_message (result.error), ==, "One or more parameter values were invalid");
  g_assert_cmpuint (dd_error_get_http_status (result.error), ==, 400);
  g_assert_cmpstr (dd_error_get_request_id (result.error), ==, "REQ-1");
  g_assert_nonnull (dd_error_get_hint (result.error));
  g_assert_cmpuint (dd_client_get_last_attempts (client), ==, 1);
  g_assert_cmpuint (fake->seen->len, ==, 1);
}

static void
test_dropped_connection (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(DdClient) client = new_client (fake->endpoint, NULL);
  g_auto(CallResult) result = { 0 };

  fake_script (fake, STEP_DROP, STEP_DROP, STEP_OK, -1);
  run_call (client, NULL, &result);
  assert_body (&result, "{\"Seen\":3}");
  g_assert_cmpuint (dd_client_get_last_attempts (client), ==, 3);

  fake->fallback = STEP_DROP;
  dd_client_set_max_attempts (client, 2);
  run_call (client, NULL, &result);
  g_assert_error (result.error, DD_ERROR, DD_ERROR_NETWORK);
  g_assert_cmpuint (dd_client_get_last_attempts (client), ==, 2);
  g_assert_cmpuint (fake->seen->len, ==, 5);
}

static void
test_connection_refused (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autofree char *endpoint = NULL;
  g_autoptr(DdClient) client = NULL;
  g_auto(CallResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  /* A port that was free a moment ago and is closed now. */
  endpoint = dd_test_listen_local (server);
  soup_server_disconnect (server);

  client = new_client (endpoint, NULL);
  dd_client_set_max_attempts (client, 2);
  run_call (client, NULL, &result);
  g_assert_error (result.error, DD_ERROR, DD_ERROR_NETWORK);
  g_assert_cmpuint (dd_client_get_last_attempts (client), ==, 2);
}

static void
test_timeout (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(DdClient) client = new_client (fake->endpoint, NULL);
  g_auto(CallResult) result = { 0 };

  dd_client_set_timeout (client, 1);
  fake_script (fake, STEP_STALL, STEP_OK, -1);
  run_call (client, NULL, &result);
  assert_body (&result, "{\"Seen\":2}");
  g_assert_cmpuint (dd_client_get_last_attempts (client), ==, 2);
  g_assert_cmpint (result.finished - result.started, <, 15 * G_TIME_SPAN_SECOND);

  fake->fallback = STEP_STALL;
  dd_client_set_max_attempts (client, 2);
  run_call (client, NULL, &result);
  g_assert_error (result.error, DD_ERROR, DD_ERROR_TIMEOUT);
  g_assert_cmpuint (dd_client_get_last_attempts (client), ==, 2);
  g_assert_cmpint (result.finished - result.started, <, 20 * G_TIME_SPAN_SECOND);
}

static void
test_quota_exhaustion (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(DdClient) client = new_client (fake->endpoint, NULL);
  g_auto(CallResult) result = { 0 };

  /* 10 retries a call at 5 tokens each: the 500 tokens last 10 calls. */
  dd_client_set_backoff (client, 0, 0);
  dd_client_set_max_attempts (client, 11);
  fake->fallback = STEP_503;
  for (guint i = 0; i < 10; i++)
    {
      run_call (client, NULL, &result);
      g_assert_error (result.error, DD_ERROR, DD_ERROR_SERVICE);
      g_assert_cmpuint (dd_client_get_last_attempts (client), ==, 11);
    }
  run_call (client, NULL, &result);
  g_assert_error (result.error, DD_ERROR, DD_ERROR_SERVICE);
  g_assert_cmpuint (dd_client_get_last_attempts (client), ==, 1);
  g_assert_cmpuint (fake->seen->len, ==, 111);

  /* Each success on a first attempt gives one token back: five pay for a retry. */
  fake_script (fake, STEP_OK, STEP_OK, STEP_OK, STEP_OK, STEP_OK, -1);
  for (guint i = 0; i < 5; i++)
    {
      run_call (client, NULL, &result);
      g_assert_no_error (result.error);
    }
  run_call (client, NULL, &result);
  g_assert_error (result.error, DD_ERROR, DD_ERROR_SERVICE);
  g_assert_cmpuint (dd_client_get_last_attempts (client), ==, 2);
}

/* ---- x-amz-crc32 ------------------------------------------------------- */

static void
test_crc_mismatch (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(DdClient) client = new_client (fake->endpoint, NULL);
  g_auto(CallResult) result = { 0 };

  fake_script (fake, STEP_BAD_CRC, STEP_OK, -1);
  run_call (client, NULL, &result);
  assert_body (&result, "{\"Seen\":2}");
  g_assert_cmpuint (dd_client_get_last_attempts (client), ==, 2);

  fake->fallback = STEP_BAD_CRC;
  run_call (client, NULL, &result);
  g_assert_error (result.error, DD_ERROR, DD_ERROR_CRC);
  g_assert_cmpuint (dd_client_get_last_attempts (client), ==, 3);
  g_assert_cmpuint (fake->seen->len, ==, 5);
}

static void
test_crc_of_wire_bytes (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(DdClient) client = new_client (fake->endpoint, NULL);
  g_auto(CallResult) result = { 0 };

  /* The server compresses although nobody asked; the CRC covers the gzip
   * bytes, and the caller gets the JSON. */
  fake_script (fake, STEP_GZIP, -1);
  run_call (client, NULL, &result);
  assert_body (&result, "{\"Gzipped\":true,\"Text\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}");
  g_assert_null (fake_seen (fake, 0)->accept_encoding);

  /* A CRC of the decoded text is not the CRC of what came over the wire. */
  dd_client_set_max_attempts (client, 1);
  fake_script (fake, STEP_GZIP_PLAIN_CRC, -1);
  run_call (client, NULL, &result);
  g_assert_error (result.error, DD_ERROR, DD_ERROR_CRC);
}

/* ---- redirects, clock skew --------------------------------------------- */

static void
test_redirect_not_followed (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(Fake) other = fake_new ();
  g_autoptr(DdClient) client = new_client (fake->endpoint, TOKEN);
  g_auto(CallResult) result = { 0 };

  fake->redirect_to = g_strconcat (other->endpoint, "/", NULL);
  fake_script (fake, STEP_REDIRECT, -1);
  run_call (client, NULL, &result);
  g_assert_error (result.error, DD_ERROR, DD_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (result.error->message, "301"));
  g_assert_cmpuint (dd_client_get_last_attempts (client), ==, 1);
  g_assert_cmpuint (fake->seen->len, ==, 1);
  g_assert_cmpuint (other->seen->len, ==, 0);
}

static void
test_clock_skew (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(DdClient) client = new_client (fake->endpoint, NULL);
  g_auto(CallResult) result = { 0 };

  fake_script (fake, STEP_SKEWED, STEP_OK, STEP_OK, -1);
  run_call (client, NULL, &result);
  assert_body (&result, "{\"Seen\":2}");
  g_assert_cmpuint (dd_client_get_last_attempts (client), ==, 2);
  g_assert_cmpfloat (ABS (amz_date_offset (fake_seen (fake, 0)->amz_date)), <, 120);
  g_assert_cmpfloat (ABS (amz_date_offset (fake_seen (fake, 1)->amz_date) - 1200), <, 120);
  g_assert_true (fake_seen (fake, 1)->signature_ok);

  /* The offset stays for the next calls. */
  run_call (client, NULL, &result);
  assert_body (&result, "{\"Seen\":3}");
  g_assert_cmpuint (dd_client_get_last_attempts (client), ==, 1);
  g_assert_cmpfloat (ABS (amz_date_offset (fake_seen (fake, 2)->amz_date) - 1200), <, 120);
}

static void
test_bad_signature_not_retried (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(DdClient) client = new_client (fake->endpoint, NULL);
  g_auto(CallResult) result = { 0 };

  /* The server's clock agrees with ours: signing again would not help. */
  fake_script (fake, STEP_BAD_SIGNATURE, -1);
  run_call (client, NULL, &result);
  g_assert_error (result.error, DD_ERROR, DD_ERROR_SERVICE);
  g_assert_cmpstr (dd_error_get_aws_code (result.error), ==, "InvalidSignatureException");
  g_assert_cmpuint (dd_client_get_last_attempts (client), ==, 1);
}

/* ---- cancellation ------------------------------------------------------ */

static void
test_cancel_stalled (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(DdClient) client = new_client (fake->endpoint, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_auto(CallResult) result = { 0 };

  /* The timeout is 30 s; the cancel comes 50 ms after the request. */
  fake->cancel_on_request = g_object_ref (cancellable);
  fake->fallback = STEP_STALL;
  run_call (client, cancellable, &result);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (result.finished - result.started, <, 5 * G_TIME_SPAN_SECOND);
  g_assert_cmpuint (fake->seen->len, ==, 1);
  g_assert_cmpuint (dd_client_get_last_attempts (client), ==, 1);
}

static void
test_cancel_backoff (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(DdClient) client = new_client (fake->endpoint, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_auto(CallResult) result = { 0 };
  guint32 seed = seed_with_first_fraction (0.5);
  guint delay;

  /* The first retry waits at least 10 s; the cancel comes after 50 ms. */
  dd_client_set_backoff (client, 20000, 20000);
  dd_client_set_jitter_seed (client, seed);
  expected_delays (seed, 20000, 20000, &delay, 1);
  g_assert_cmpuint (delay, >=, 10000);
  fake->cancel_on_request = g_object_ref (cancellable);
  fake->fallback = STEP_503;
  run_call (client, cancellable, &result);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (result.finished - result.started, <, 5 * G_TIME_SPAN_SECOND);
  g_assert_cmpuint (fake->seen->len, ==, 1);
}

static void
test_cancel_before (void)
{
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(DdClient) client = new_client (fake->endpoint, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_auto(CallResult) result = { 0 };

  g_cancellable_cancel (cancellable);
  run_call (client, cancellable, &result);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (fake->seen->len, ==, 0);
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
  g_autoptr(Fake) fake = fake_new ();
  g_autoptr(DdCredentialsProvider) provider = g_object_new (TEST_TYPE_FAILING_PROVIDER, NULL);
  g_autoptr(DdClient) client = dd_client_new ("us-east-1", fake->endpoint, provider);
  g_auto(CallResult) result = { 0 };

  run_call (client, NULL, &result);
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
  g_test_add_func ("/dd/client/retry/until-success", test_retry_until_success);
  g_test_add_func ("/dd/client/retry/fresh-signature", test_fresh_signature);
  g_test_add_func ("/dd/client/retry/backoff-delays", test_backoff_delays);
  g_test_add_func ("/dd/client/retry/throttling-exhausted", test_throttling_exhausted);
  g_test_add_func ("/dd/client/retry/validation-not-retried", test_validation_not_retried);
  g_test_add_func ("/dd/client/retry/dropped-connection", test_dropped_connection);
  g_test_add_func ("/dd/client/retry/connection-refused", test_connection_refused);
  g_test_add_func ("/dd/client/retry/timeout", test_timeout);
  g_test_add_func ("/dd/client/retry/quota-exhaustion", test_quota_exhaustion);
  g_test_add_func ("/dd/client/crc/mismatch", test_crc_mismatch);
  g_test_add_func ("/dd/client/crc/wire-bytes", test_crc_of_wire_bytes);
  g_test_add_func ("/dd/client/redirect/not-followed", test_redirect_not_followed);
  g_test_add_func ("/dd/client/skew/corrected", test_clock_skew);
  g_test_add_func ("/dd/client/skew/bad-signature-not-retried", test_bad_signature_not_retried);
  g_test_add_func ("/dd/client/cancel/stalled", test_cancel_stalled);
  g_test_add_func ("/dd/client/cancel/backoff", test_cancel_backoff);
  g_test_add_func ("/dd/client/cancel/before", test_cancel_before);
  g_test_add_func ("/dd/client/credentials/error", test_credentials_error);

  return g_test_run ();
}
