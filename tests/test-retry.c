/* test-retry.c: the retry policy of dd-client (AWS "standard" mode):
 * backoff bounds, the retry quota, which failures are retried, which
 * errors can come from a skewed clock.
 */
#define G_LOG_DOMAIN "test-retry"

#include "config.h"

#include <libsoup/soup.h>

#include "dd-error.h"
#include "dd-retry.h"
#include "dd-test-dynamo.h"

static void
test_backoff_bounds (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint retry = 0; retry < 70; retry++)
    {
      guint64 uncapped = retry < 40 ? ((guint64) 100 << retry) : G_MAXUINT64;
      guint limit = dd_retry_backoff_limit (retry, 100, 20000);

      g_assert_cmpuint (limit, ==, MIN (uncapped, 20000));
      g_assert_cmpuint (dd_retry_backoff_delay (retry, 100, 20000, 0.0), ==, 0);
      g_assert_cmpuint (dd_retry_backoff_delay (retry, 100, 20000, 0.9999999), >=, limit - 1);
      for (guint i = 0; i < 50; i++)
        g_assert_cmpuint (dd_retry_backoff_delay (retry, 100, 20000, g_rand_double (rand)), <=, limit);
    }
  g_assert_cmpuint (dd_retry_backoff_limit (0, 100, 20000), ==, 100);
  g_assert_cmpuint (dd_retry_backoff_limit (3, 100, 20000), ==, 800);
  g_assert_cmpuint (dd_retry_backoff_limit (8, 100, 20000), ==, 20000);
  g_assert_cmpuint (dd_retry_backoff_limit (5, 0, 20000), ==, 0);
  g_assert_cmpuint (dd_retry_backoff_delay (1, 100, 20000, 0.5), ==, 100);
}

static void
test_quota (void)
{
  DdRetryQuota quota;
  guint retries = 0;

  dd_retry_quota_init (&quota, DD_RETRY_QUOTA_INITIAL);
  g_assert_cmpuint (dd_retry_quota_acquire (&quota, DD_RETRY_TRANSIENT), ==, 5);
  g_assert_cmpuint (dd_retry_quota_acquire (&quota, DD_RETRY_THROTTLING), ==, 5);
  g_assert_cmpuint (dd_retry_quota_acquire (&quota, DD_RETRY_TIMEOUT), ==, 10);
  g_assert_cmpuint (dd_retry_quota_acquire (&quota, DD_RETRY_NEVER), ==, 0);
  g_assert_cmpuint (quota.available, ==, 480);
  dd_retry_quota_release (&quota, 10);
  g_assert_cmpuint (quota.available, ==, 490);
  dd_retry_quota_release (&quota, 0);
  g_assert_cmpuint (quota.available, ==, 491);
  while (dd_retry_quota_acquire (&quota, DD_RETRY_TRANSIENT) > 0)
    retries++;
  g_assert_cmpuint (retries, ==, 98);
  g_assert_cmpuint (quota.available, ==, 1);
  for (guint i = 0; i < 1000; i++)
    dd_retry_quota_release (&quota, 5);
  g_assert_cmpuint (quota.available, ==, DD_RETRY_QUOTA_INITIAL);
}

static void
test_classify (void)
{
  g_autoptr(GError) throttled = dd_error_new_service ("ProvisionedThroughputExceededException", "x", 400, "r");
  g_autoptr(GError) throttled2 = dd_error_new_service ("ThrottlingException", "x", 400, "r");
  g_autoptr(GError) validation = dd_error_new_service ("ValidationException", "x", 400, "r");
  g_autoptr(GError) not_found = dd_error_new_service ("ResourceNotFoundException", "x", 400, "r");
  g_autoptr(GError) internal = dd_error_new_service ("InternalServerError", "x", 500, "r");
  g_autoptr(GError) unavailable = dd_error_new_service (NULL, NULL, 503, NULL);
  g_autoptr(GError) crc = g_error_new_literal (DD_ERROR, DD_ERROR_CRC, "x");
  g_autoptr(GError) protocol = g_error_new_literal (DD_ERROR, DD_ERROR_PROTOCOL, "x");
  g_autoptr(GError) timed_out = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "x");
  g_autoptr(GError) refused = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED, "x");
  g_autoptr(GError) reset = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED, "x");
  g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "x");
  g_autoptr(GError) certificate = g_error_new_literal (G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE, "x");

  g_assert_cmpint (dd_retry_classify (throttled), ==, DD_RETRY_THROTTLING);
  g_assert_cmpint (dd_retry_classify (throttled2), ==, DD_RETRY_THROTTLING);
  g_assert_cmpint (dd_retry_classify (validation), ==, DD_RETRY_NEVER);
  g_assert_cmpint (dd_retry_classify (not_found), ==, DD_RETRY_NEVER);
  g_assert_cmpint (dd_retry_classify (internal), ==, DD_RETRY_TRANSIENT);
  g_assert_cmpint (dd_retry_classify (unavailable), ==, DD_RETRY_TRANSIENT);
  g_assert_cmpint (dd_retry_classify (crc), ==, DD_RETRY_TRANSIENT);
  g_assert_cmpint (dd_retry_classify (protocol), ==, DD_RETRY_NEVER);
  g_assert_cmpint (dd_retry_classify (timed_out), ==, DD_RETRY_TIMEOUT);
  g_assert_cmpint (dd_retry_classify (refused), ==, DD_RETRY_TRANSIENT);
  g_assert_cmpint (dd_retry_classify (reset), ==, DD_RETRY_TRANSIENT);
  g_assert_cmpint (dd_retry_classify (cancelled), ==, DD_RETRY_NEVER);
  g_assert_cmpint (dd_retry_classify (certificate), ==, DD_RETRY_NEVER);

  g_assert_true (dd_retry_is_clock_skew_error ("InvalidSignatureException", "x"));
  g_assert_true (dd_retry_is_clock_skew_error ("RequestTimeTooSkewed", NULL));
  g_assert_true (dd_retry_is_clock_skew_error ("SignatureDoesNotMatch", NULL));
  g_assert_true (dd_retry_is_clock_skew_error (NULL, "Signature expired: 20240101T000000Z is now earlier than ..."));
  g_assert_false (dd_retry_is_clock_skew_error ("ValidationException", "x"));
}

/* Which bodies may do their work twice when sent twice. */
static void
test_write_may_repeat (void)
{
  static const struct { const char *action; const char *body; gboolean want; } cases[] = {
    { "PutItem", "{}", TRUE },
    { "UpdateItem", "{}", TRUE },
    { "DeleteItem", "{}", TRUE },
    { "BatchWriteItem", "{}", TRUE },
    { "TransactWriteItems", "{\"TransactItems\":[]}", TRUE },
    { "TransactWriteItems", "{\"TransactItems\":[],\"ClientRequestToken\":\"\"}", TRUE },
    { "TransactWriteItems", "{\"TransactItems\":[],\"ClientRequestToken\":7}", TRUE },
    { "TransactWriteItems", "{\"TransactItems\":[],\"ClientRequestToken\":\"t-1\"}", FALSE },
    { "GetItem", "{}", FALSE },
    { "Query", "{}", FALSE },
    { "Scan", "{}", FALSE },
    { "BatchGetItem", "{}", FALSE },
    { "TransactGetItems", "{}", FALSE },
    { "ListTables", "{}", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) body = g_bytes_new_static (cases[i].body, strlen (cases[i].body));

      g_test_message ("%s %s", cases[i].action, cases[i].body);
      g_assert_cmpint (dd_retry_write_may_repeat (cases[i].action, body), ==, cases[i].want);
    }
}

int
main (int   argc,
      char *argv[])
{
  dd_test_init (&argc, &argv);

  g_test_add_func ("/dd/retry/backoff-bounds", test_backoff_bounds);
  g_test_add_func ("/dd/retry/quota", test_quota);
  g_test_add_func ("/dd/retry/classify", test_classify);
  g_test_add_func ("/dd/retry/write-may-repeat", test_write_may_repeat);

  return g_test_run ();
}
