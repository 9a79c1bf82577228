/* dd-test-script.c: a scripted DynamoDB on loopback for the client's
 * tests. It answers each request with the next step of its script
 * (throttling, 5xx, a dropped or stalled connection, a bad x-amz-crc32, a
 * redirect, a validation error, a skewed clock, success) and records what
 * it received, checking each request's SigV4 signature itself.
 */
#define G_LOG_DOMAIN "dd-test"

#include "config.h"

#include <string.h>

#include <zlib.h>

#include "dd-client.h"
#include "dd-credentials.h"
#include "dd-provider-static.h"
#include "dd-sigv4.h"
#include "dd-test-dynamo.h"
#include "dd-test-fake.h"
#include "dd-test-script.h"

static void
seen_free (DdTestSeen *seen)
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
    DdSigv4Scope scope = { akid, DD_TEST_SCRIPT_SECRET_KEY, region, service, when };
    expected = dd_sigv4_authorization (&request, &scope);
  }
  return g_strcmp0 (expected, authorization) == 0;
}

static DdTestSeen *
record (DdTestScript      *fake,
        SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  DdTestSeen *seen = g_new0 (DdTestSeen, 1);

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
  DdTestScript *fake = user_data;
  DdTestStep step = g_queue_is_empty (&fake->steps) ? fake->fallback : (DdTestStep) GPOINTER_TO_INT (g_queue_pop_head (&fake->steps));
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
    case DD_TEST_STEP_OK:
      ok = g_strdup_printf ("{\"Seen\":%u}", fake->seen->len);
      respond (msg, 200, ok, -1, 0);
      break;
    case DD_TEST_STEP_THROTTLE:
      respond_error (msg, 400, "ProvisionedThroughputExceededException", "Slow down, please");
      break;
    case DD_TEST_STEP_500:
      respond_error (msg, 500, "InternalServerError", "Internal server error");
      break;
    case DD_TEST_STEP_503:
      respond (msg, 503, "<html>Service Unavailable</html>", -1, 0);
      break;
    case DD_TEST_STEP_DROP:
      {
        g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);
        g_io_stream_close (stream, NULL, NULL);
        break;
      }
    case DD_TEST_STEP_STALL:
      g_ptr_array_add (fake->stolen, soup_server_message_steal_connection (msg));
      break;
    case DD_TEST_STEP_BAD_CRC:
      respond (msg, 200, "{\"Damaged\":true}", -1, 1);
      break;
    case DD_TEST_STEP_REDIRECT:
      soup_server_message_set_redirect (msg, 301, fake->redirect_to);
      break;
    case DD_TEST_STEP_VALIDATION:
      respond_error (msg, 400, "ValidationException", "One or more parameter values were invalid");
      break;
    case DD_TEST_STEP_SKEWED:
      {
        g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
        g_autoptr(GDateTime) later = g_date_time_add_minutes (now, 20);
        g_autofree char *date = soup_date_time_to_string (later, SOUP_DATE_HTTP);
        respond_error (msg, 400, "InvalidSignatureException", "Signature expired: the request time is too far off");
        soup_message_headers_replace (headers, "Date", date);
        break;
      }
    case DD_TEST_STEP_BAD_SIGNATURE:
      respond_error (msg, 400, "InvalidSignatureException", "The request signature we calculated does not match");
      break;
    case DD_TEST_STEP_GZIP:
      respond_gzip (msg, FALSE);
      break;
    case DD_TEST_STEP_GZIP_PLAIN_CRC:
      respond_gzip (msg, TRUE);
      break;
    default:
      g_assert_not_reached ();
    }
}

DdTestScript *
dd_test_script_new (void)
{
  DdTestScript *fake = g_new0 (DdTestScript, 1);

  g_queue_init (&fake->steps);
  fake->seen = g_ptr_array_new_with_free_func ((GDestroyNotify) seen_free);
  fake->stolen = g_ptr_array_new_with_free_func (g_object_unref);
  fake->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fake->server, NULL, fake_handler, fake, NULL);
  fake->endpoint = dd_test_listen_local (fake->server);
  return fake;
}

void
dd_test_script_push (DdTestScript *fake,
                     ...)
{
  va_list args;
  int step;

  va_start (args, fake);
  while ((step = va_arg (args, int)) >= 0)
    g_queue_push_tail (&fake->steps, GINT_TO_POINTER (step));
  va_end (args);
}

DdTestSeen *
dd_test_script_seen (DdTestScript *fake,
                     guint         i)
{
  g_assert_cmpuint (i, <, fake->seen->len);
  return g_ptr_array_index (fake->seen, i);
}

void
dd_test_script_free (DdTestScript *fake)
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

/* ---- calling ----------------------------------------------------------- */

void
dd_test_call_result_clear (DdTestCallResult *result)
{
  g_clear_pointer (&result->body, g_bytes_unref);
  g_clear_error (&result->error);
}

void
dd_test_call_cb (GObject      *source,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  DdTestCallResult *result = user_data;

  result->body = dd_client_call_finish (DD_CLIENT (source), res, &result->error);
  result->finished = g_get_monotonic_time ();
  result->done = TRUE;
}

const char dd_test_script_request_json[] = "{\"TableName\":\"Music\"}";

void
dd_test_run_call (DdClient         *client,
                  GCancellable     *cancellable,
                  DdTestCallResult *result)
{
  g_autoptr(GBytes) body = g_bytes_new_static (dd_test_script_request_json, strlen (dd_test_script_request_json));

  dd_test_call_result_clear (result);
  memset (result, 0, sizeof *result);
  result->started = g_get_monotonic_time ();
  dd_client_call_async (client, "DescribeTable", body, cancellable, dd_test_call_cb, result);
  dd_test_wait_for (&result->done, 90);
}

void
dd_test_assert_body (DdTestCallResult *result,
                     const char       *expected)
{
  g_assert_no_error (result->error);
  g_assert_nonnull (result->body);
  g_assert_cmpmem (g_bytes_get_data (result->body, NULL), g_bytes_get_size (result->body),
                   expected, strlen (expected));
}

DdClient *
dd_test_script_client (const char *endpoint,
                       const char *token)
{
  g_autoptr(DdCredentials) credentials = dd_credentials_new (DD_TEST_SCRIPT_ACCESS_KEY, DD_TEST_SCRIPT_SECRET_KEY, token, NULL, "test");
  g_autoptr(DdCredentialsProvider) provider = dd_provider_static_new (credentials);
  DdClient *client = dd_client_new ("us-east-1", endpoint, provider);

  dd_client_set_backoff (client, 1, 5);
  dd_client_set_timeout (client, 30);
  return client;
}

GDateTime *
dd_test_parse_amz_date (const char *amz_date)
{
  GDateTime *when;

  g_assert_nonnull (amz_date);
  when = g_date_time_new_from_iso8601 (amz_date, NULL);
  g_assert_nonnull (when);
  return when;
}
