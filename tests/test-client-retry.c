/* test-client-retry.c: dd-client's retries (backoff with jitter,
 * throttling, dropped and refused connections, time-outs, the retry quota)
 * and cancellation, against a scripted server on loopback
 * (dd-test-script.h).
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
expected_delays (guint32  seed,
                 guint    base_ms,
                 guint    cap_ms,
                 guint   *delays,
                 guint    n)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  for (guint i = 0; i < n; i++)
    delays[i] = dd_retry_backoff_delay (i, base_ms, cap_ms, g_rand_double (rand));
}

/* ---- retries ----------------------------------------------------------- */

static void
test_retry_until_success (void)
{
  g_autoptr(DdTestScript) fake = dd_test_script_new ();
  g_autoptr(DdClient) client = dd_test_script_client (fake->endpoint, DD_TEST_SCRIPT_TOKEN);
  g_auto(DdTestCallResult) result = { 0 };

  g_assert_cmpuint (dd_client_get_max_attempts (client), ==, 3);
  dd_client_set_max_attempts (client, 5);
  g_assert_cmpuint (dd_client_get_max_attempts (client), ==, 5);
  dd_test_script_push (fake, DD_TEST_STEP_THROTTLE, DD_TEST_STEP_500, DD_TEST_STEP_503, DD_TEST_STEP_OK, -1);
  dd_test_run_call (client, NULL, &result);
  dd_test_assert_body (&result, "{\"Seen\":4}");
  g_assert_cmpuint (dd_client_get_last_attempts (client), ==, 4);
  g_assert_cmpuint (fake->seen->len, ==, 4);
  for (guint i = 0; i < fake->seen->len; i++)
    {
      g_assert_true (dd_test_script_seen (fake, i)->signature_ok);
      g_assert_cmpstr (dd_test_script_seen (fake, i)->token, ==, DD_TEST_SCRIPT_TOKEN);
    }
}

static void
test_fresh_signature (void)
{
  g_autoptr(DdTestScript) fake = dd_test_script_new ();
  g_autoptr(DdClient) client = dd_test_script_client (fake->endpoint, NULL);
  g_auto(DdTestCallResult) result = { 0 };
  guint32 seed = seed_with_first_fraction (0.8);
  guint delay;
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) second = NULL;

  /* A wait of at least 1.2 s, so the second attempt is in another second. */
  dd_client_set_backoff (client, 1500, 1500);
  dd_client_set_jitter_seed (client, seed);
  expected_delays (seed, 1500, 1500, &delay, 1);
  g_assert_cmpuint (delay, >=, 1200);

  dd_test_script_push (fake, DD_TEST_STEP_503, DD_TEST_STEP_OK, -1);
  dd_test_run_call (client, NULL, &result);
  dd_test_assert_body (&result, "{\"Seen\":2}");
  g_assert_cmpuint (dd_client_get_last_attempts (client), ==, 2);
  first = dd_test_parse_amz_date (dd_test_script_seen (fake, 0)->amz_date);
  second = dd_test_parse_amz_date (dd_test_script_seen (fake, 1)->amz_date);
  g_assert_cmpint (g_date_time_difference (second, first), >=, G_TIME_SPAN_SECOND);
  g_assert_cmpstr (dd_test_script_seen (fake, 0)->authorization, !=, dd_test_script_seen (fake, 1)->authorization);
  g_assert_true (dd_test_script_seen (fake, 0)->signature_ok);
  g_assert_true (dd_test_script_seen (fake, 1)->signature_ok);
  g_assert_cmpint (dd_test_script_seen (fake, 1)->arrived - dd_test_script_seen (fake, 0)->arrived, >=, (gint64) delay * 1000);
}

static void
test_backoff_delays (void)
{
  g_autoptr(DdTestScript) fake = dd_test_script_new ();
  g_autoptr(DdClient) client = dd_test_script_client (fake->endpoint, NULL);
  g_auto(DdTestCallResult) result = { 0 };
  guint delays[3];
  guint total = 0;

  dd_client_set_max_attempts (client, 4);
  dd_client_set_backoff (client, 40, 100);
  dd_client_set_jitter_seed (client, 4242);
  expected_delays (4242, 40, 100, delays, 3);
  fake->fallback = DD_TEST_STEP_503;
  dd_test_run_call (client, NULL, &result);

  g_assert_error (result.error, DD_ERROR, DD_ERROR_SERVICE);
  g_assert_cmpuint (dd_error_get_http_status (result.error), ==, 503);
  g_assert_cmpstr (dd_error_get_request_id (result.error), ==, "REQ-4");
  g_assert_cmpstr (dd_error_get_aws_message (result.error), ==, "Service Unavailable");
  g_assert_cmpuint (dd_client_get_last_attempts (client), ==, 4);
  g_assert_cmpuint (fake->seen->len, ==, 4);
  for (guint i = 0; i < 3; i++)
    {
      gint64 gap = dd_test_script_seen (fake, i + 1)->arrived - dd_test_script_seen (fake, i)->arrived;

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
  g_autoptr(DdTestScript) fake = dd_test_script_new ();
  g_autoptr(DdClient) client = dd_test_script_client (fake->endpoint, NULL);
  g_auto(DdTestCallResult) result = { 0 };

  fake->fallback = DD_TEST_STEP_THROTTLE;
  dd_test_run_call (client, NULL, &result);
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
  g_autoptr(DdTestScript) fake = dd_test_script_new ();
  g_autoptr(DdClient) client = dd_test_script_client (fake->endpoint, NULL);
  g_auto(DdTestCallResult) result = { 0 };

  dd_test_script_push (fake, DD_TEST_STEP_VALIDATION, -1);
  dd_test_run_call (client, NULL, &result);
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
  g_autoptr(DdTestScript) fake = dd_test_script_new ();
  g_autoptr(DdClient) client = dd_test_script_client (fake->endpoint, NULL);
  g_auto(DdTestCallResult) result = { 0 };

  dd_test_script_push (fake, DD_TEST_STEP_DROP, DD_TEST_STEP_DROP, DD_TEST_STEP_OK, -1);
  dd_test_run_call (client, NULL, &result);
  dd_test_assert_body (&result, "{\"Seen\":3}");
  g_assert_cmpuint (dd_client_get_last_attempts (client), ==, 3);

  fake->fallback = DD_TEST_STEP_DROP;
  dd_client_set_max_attempts (client, 2);
  dd_test_run_call (client, NULL, &result);
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
  g_auto(DdTestCallResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  /* A port that was free a moment ago and is closed now. */
  endpoint = dd_test_listen_local (server);
  soup_server_disconnect (server);

  client = dd_test_script_client (endpoint, NULL);
  dd_client_set_max_attempts (client, 2);
  dd_test_run_call (client, NULL, &result);
  g_assert_error (result.error, DD_ERROR, DD_ERROR_NETWORK);
  g_assert_cmpuint (dd_client_get_last_attempts (client), ==, 2);
}

static void
test_timeout (void)
{
  g_autoptr(DdTestScript) fake = dd_test_script_new ();
  g_autoptr(DdClient) client = dd_test_script_client (fake->endpoint, NULL);
  g_auto(DdTestCallResult) result = { 0 };

  dd_client_set_timeout (client, 1);
  dd_test_script_push (fake, DD_TEST_STEP_STALL, DD_TEST_STEP_OK, -1);
  dd_test_run_call (client, NULL, &result);
  dd_test_assert_body (&result, "{\"Seen\":2}");
  g_assert_cmpuint (dd_client_get_last_attempts (client), ==, 2);
  g_assert_cmpint (result.finished - result.started, <, 15 * G_TIME_SPAN_SECOND);

  fake->fallback = DD_TEST_STEP_STALL;
  dd_client_set_max_attempts (client, 2);
  dd_test_run_call (client, NULL, &result);
  g_assert_error (result.error, DD_ERROR, DD_ERROR_TIMEOUT);
  g_assert_cmpuint (dd_client_get_last_attempts (client), ==, 2);
  g_assert_cmpint (result.finished - result.started, <, 20 * G_TIME_SPAN_SECOND);
}

static void
test_quota_exhaustion (void)
{
  g_autoptr(DdTestScript) fake = dd_test_script_new ();
  g_autoptr(DdClient) client = dd_test_script_client (fake->endpoint, NULL);
  g_auto(DdTestCallResult) result = { 0 };

  /* 10 retries a call at 5 tokens each: the 500 tokens last 10 calls. */
  dd_client_set_backoff (client, 0, 0);
  dd_client_set_max_attempts (client, 11);
  fake->fallback = DD_TEST_STEP_503;
  for (guint i = 0; i < 10; i++)
    {
      dd_test_run_call (client, NULL, &result);
      g_assert_error (result.error, DD_ERROR, DD_ERROR_SERVICE);
      g_assert_cmpuint (dd_client_get_last_attempts (client), ==, 11);
    }
  dd_test_run_call (client, NULL, &result);
  g_assert_error (result.error, DD_ERROR, DD_ERROR_SERVICE);
  g_assert_cmpuint (dd_client_get_last_attempts (client), ==, 1);
  g_assert_cmpuint (fake->seen->len, ==, 111);

  /* Each success on a first attempt gives one token back: five pay for a retry. */
  dd_test_script_push (fake, DD_TEST_STEP_OK, DD_TEST_STEP_OK, DD_TEST_STEP_OK, DD_TEST_STEP_OK, DD_TEST_STEP_OK, -1);
  for (guint i = 0; i < 5; i++)
    {
      dd_test_run_call (client, NULL, &result);
      g_assert_no_error (result.error);
    }
  dd_test_run_call (client, NULL, &result);
  g_assert_error (result.error, DD_ERROR, DD_ERROR_SERVICE);
  g_assert_cmpuint (dd_client_get_last_attempts (client), ==, 2);
}

/* ---- cancellation ------------------------------------------------------ */

static void
test_cancel_stalled (void)
{
  g_autoptr(DdTestScript) fake = dd_test_script_new ();
  g_autoptr(DdClient) client = dd_test_script_client (fake->endpoint, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_auto(DdTestCallResult) result = { 0 };

  /* The timeout is 30 s; the cancel comes 50 ms after the request. */
  fake->cancel_on_request = g_object_ref (cancellable);
  fake->fallback = DD_TEST_STEP_STALL;
  dd_test_run_call (client, cancellable, &result);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (result.finished - result.started, <, 5 * G_TIME_SPAN_SECOND);
  g_assert_cmpuint (fake->seen->len, ==, 1);
  g_assert_cmpuint (dd_client_get_last_attempts (client), ==, 1);
}

static void
test_cancel_backoff (void)
{
  g_autoptr(DdTestScript) fake = dd_test_script_new ();
  g_autoptr(DdClient) client = dd_test_script_client (fake->endpoint, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_auto(DdTestCallResult) result = { 0 };
  guint32 seed = seed_with_first_fraction (0.5);
  guint delay;

  /* The first retry waits at least 10 s; the cancel comes after 50 ms. */
  dd_client_set_backoff (client, 20000, 20000);
  dd_client_set_jitter_seed (client, seed);
  expected_delays (seed, 20000, 20000, &delay, 1);
  g_assert_cmpuint (delay, >=, 10000);
  fake->cancel_on_request = g_object_ref (cancellable);
  fake->fallback = DD_TEST_STEP_503;
  dd_test_run_call (client, cancellable, &result);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (result.finished - result.started, <, 5 * G_TIME_SPAN_SECOND);
  g_assert_cmpuint (fake->seen->len, ==, 1);
}

static void
test_cancel_before (void)
{
  g_autoptr(DdTestScript) fake = dd_test_script_new ();
  g_autoptr(DdClient) client = dd_test_script_client (fake->endpoint, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_auto(DdTestCallResult) result = { 0 };

  g_cancellable_cancel (cancellable);
  dd_test_run_call (client, cancellable, &result);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (fake->seen->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  dd_test_init (&argc, &argv);

  g_test_add_func ("/dd/client/retry/until-success", test_retry_until_success);
  g_test_add_func ("/dd/client/retry/fresh-signature", test_fresh_signature);
  g_test_add_func ("/dd/client/retry/backoff-delays", test_backoff_delays);
  g_test_add_func ("/dd/client/retry/throttling-exhausted", test_throttling_exhausted);
  g_test_add_func ("/dd/client/retry/validation-not-retried", test_validation_not_retried);
  g_test_add_func ("/dd/client/retry/dropped-connection", test_dropped_connection);
  g_test_add_func ("/dd/client/retry/connection-refused", test_connection_refused);
  g_test_add_func ("/dd/client/retry/timeout", test_timeout);
  g_test_add_func ("/dd/client/retry/quota-exhaustion", test_quota_exhaustion);
  g_test_add_func ("/dd/client/cancel/stalled", test_cancel_stalled);
  g_test_add_func ("/dd/client/cancel/backoff", test_cancel_backoff);
  g_test_add_func ("/dd/client/cancel/before", test_cancel_before);

  return g_test_run ();
}
