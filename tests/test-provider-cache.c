/* test-provider-cache.c: reuse, refresh ahead of expiry, one refresh for
 * many waiters, fallback to still-valid credentials. The clock is set by
 * the test; the credentials come from a loopback IMDS that counts hits. */
#define G_LOG_DOMAIN "test-provider-cache"

#include "config.h"

#include "dd-error.h"
#include "dd-provider-cache.h"
#include "dd-provider-imds.h"
#include "dd-provider-static.h"
#include "fake-aws.h"

#define ROLE_PATH "/latest/meta-data/iam/security-credentials/test-role"

typedef struct
{
  FakeAws               *fake;
  DdCredentialsProvider *cache;
  gint64                 offset;   /* seconds added to the real time */
} Fixture;

static GDateTime *
test_now (gpointer data)
{
  Fixture *f = data;
  g_autoptr(GDateTime) real = g_date_time_new_now_utc ();

  return g_date_time_add_seconds (real, (gdouble) f->offset);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(DdCredentialsProvider) imds = dd_provider_imds_new ();

  f->fake = fake_aws_new ();
  f->fake->lifetime = 3600;
  g_unsetenv ("AWS_EC2_METADATA_DISABLED");
  dd_provider_imds_set_endpoint (DD_PROVIDER_IMDS (imds), f->fake->url);
  f->cache = dd_provider_cache_new (imds);
  dd_provider_cache_set_now_func (DD_PROVIDER_CACHE (f->cache), test_now, f, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->cache);
  fake_aws_free (f->fake);
  g_setenv ("AWS_EC2_METADATA_DISABLED", "true", TRUE);
}

static void
test_reuse_and_refresh (Fixture       *f,
                        gconstpointer  data)
{
  CredResult r = { 0 };

  get (f->cache, &r, 10);
  g_assert_no_error (r.error);
  g_assert_cmpstr (dd_credentials_get_access_key_id (r.credentials), ==, "ASIAIMDS1");

  /* Reused while they are good for more than 5 minutes. */
  f->offset = 3600 - 301;
  get (f->cache, &r, 10);
  g_assert_cmpstr (dd_credentials_get_access_key_id (r.credentials), ==, "ASIAIMDS1");
  g_assert_cmpuint (fake_aws_hits (f->fake, ROLE_PATH), ==, 1);

  /* Refreshed within 5 minutes of expiry, before they expire; the new
   * ones last two hours from now. */
  f->offset = 3600 - 299;
  f->fake->lifetime = 7200;
  get (f->cache, &r, 10);
  g_assert_cmpstr (dd_credentials_get_access_key_id (r.credentials), ==, "ASIAIMDS2");
  g_assert_cmpuint (fake_aws_hits (f->fake, ROLE_PATH), ==, 2);
  g_assert_cmpuint (dd_provider_cache_get_refresh_count (DD_PROVIDER_CACHE (f->cache)), ==, 2);

  /* And are reused in turn. */
  get (f->cache, &r, 10);
  g_assert_cmpstr (dd_credentials_get_access_key_id (r.credentials), ==, "ASIAIMDS2");
  g_assert_cmpuint (fake_aws_hits (f->fake, ROLE_PATH), ==, 2);
  cred_result_clear (&r);
}

typedef struct
{
  CredResult results[10];
} Many;

static void
many_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  CredResult *r = data;

  r->credentials = dd_credentials_provider_get_credentials_finish (DD_CREDENTIALS_PROVIDER (source), result, &r->error);
  r->done = TRUE;
}

static void
test_concurrent_share_one_refresh (Fixture       *f,
                                   gconstpointer  data)
{
  Many many = { 0 };
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  f->fake->delay_ms = 200;
  for (guint i = 0; i < G_N_ELEMENTS (many.results); i++)
    dd_credentials_provider_get_credentials_async (f->cache, NULL, many_cb, &many.results[i]);
  for (guint i = 0; i < G_N_ELEMENTS (many.results); i++)
    while (!many.results[i].done)
      {
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
        g_main_context_iteration (NULL, TRUE);
      }
  for (guint i = 0; i < G_N_ELEMENTS (many.results); i++)
    {
      g_assert_no_error (many.results[i].error);
      g_assert_cmpstr (dd_credentials_get_access_key_id (many.results[i].credentials), ==, "ASIAIMDS1");
      cred_result_clear (&many.results[i]);
    }
  g_assert_cmpuint (fake_aws_hits (f->fake, "/latest/api/token"), ==, 1);
  g_assert_cmpuint (fake_aws_hits (f->fake, ROLE_PATH), ==, 1);
  g_assert_cmpuint (dd_provider_cache_get_refresh_count (DD_PROVIDER_CACHE (f->cache)), ==, 1);
}

static void
test_failed_refresh_keeps_valid (Fixture       *f,
                                 gconstpointer  data)
{
  CredResult r = { 0 };

  get (f->cache, &r, 10);
  g_assert_cmpstr (dd_credentials_get_access_key_id (r.credentials), ==, "ASIAIMDS1");

  /* Inside the refresh margin, the service fails: the old ones still serve. */
  f->fake->imds_no_role = TRUE;
  f->offset = 3600 - 60;
  get (f->cache, &r, 10);
  g_assert_no_error (r.error);
  g_assert_cmpstr (dd_credentials_get_access_key_id (r.credentials), ==, "ASIAIMDS1");
  g_assert_cmpuint (dd_provider_cache_get_refresh_count (DD_PROVIDER_CACHE (f->cache)), ==, 2);

  /* Once they have expired, the failure is reported. */
  f->offset = 3600 + 60;
  get (f->cache, &r, 10);
  g_assert_null (r.credentials);
  g_assert_error (r.error, DD_ERROR, DD_ERROR_CREDENTIALS);
  g_assert_nonnull (strstr (r.error->message, "no IAM role"));

  /* And the next success replaces them. */
  f->fake->imds_no_role = FALSE;
  get (f->cache, &r, 10);
  g_assert_no_error (r.error);
  g_assert_cmpuint (dd_provider_cache_get_refresh_count (DD_PROVIDER_CACHE (f->cache)), ==, 4);
  cred_result_clear (&r);
}

static void
test_cancel_one_waiter (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  CredResult a = { 0 }, b = { 0 };

  f->fake->delay_ms = 300;
  dd_credentials_provider_get_credentials_async (f->cache, cancellable, many_cb, &a);
  dd_credentials_provider_get_credentials_async (f->cache, NULL, many_cb, &b);
  g_cancellable_cancel (cancellable);
  dd_test_wait_for (&a.done, 5);
  g_assert_error (a.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (b.done);
  dd_test_wait_for (&b.done, 10);
  g_assert_no_error (b.error);
  g_assert_cmpstr (dd_credentials_get_access_key_id (b.credentials), ==, "ASIAIMDS1");
  cred_result_clear (&a);
  cred_result_clear (&b);
}

static void
test_no_expiry_never_refreshes (void)
{
  g_autoptr(DdCredentials) credentials = dd_credentials_new ("AKIDSTATIC", "s", NULL, NULL, "static");
  g_autoptr(DdCredentialsProvider) inner = dd_provider_static_new (credentials);
  g_autoptr(DdCredentialsProvider) cache = dd_provider_cache_new (inner);
  CredResult r = { 0 };

  for (guint i = 0; i < 3; i++)
    {
      get (cache, &r, 5);
      g_assert_cmpstr (dd_credentials_get_access_key_id (r.credentials), ==, "AKIDSTATIC");
    }
  g_assert_cmpuint (dd_provider_cache_get_refresh_count (DD_PROVIDER_CACHE (cache)), ==, 1);
  dd_provider_cache_invalidate (DD_PROVIDER_CACHE (cache));
  get (cache, &r, 5);
  g_assert_cmpuint (dd_provider_cache_get_refresh_count (DD_PROVIDER_CACHE (cache)), ==, 2);
  cred_result_clear (&r);
}

int
main (int    argc,
      char **argv)
{
  dd_test_init (&argc, &argv);

  g_test_add ("/dd/provider-cache/reuse-and-refresh", Fixture, NULL,
              fixture_set_up, test_reuse_and_refresh, fixture_tear_down);
  g_test_add ("/dd/provider-cache/concurrent-share-one-refresh", Fixture, NULL,
              fixture_set_up, test_concurrent_share_one_refresh, fixture_tear_down);
  g_test_add ("/dd/provider-cache/failed-refresh-keeps-valid", Fixture, NULL,
              fixture_set_up, test_failed_refresh_keeps_valid, fixture_tear_down);
  g_test_add ("/dd/provider-cache/cancel-one-waiter", Fixture, NULL,
              fixture_set_up, test_cancel_one_waiter, fixture_tear_down);
  g_test_add_func ("/dd/provider-cache/no-expiry-never-refreshes", test_no_expiry_never_refreshes);
  return g_test_run ();
}
