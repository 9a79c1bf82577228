/* test-sso-login.c: signing in to IAM Identity Center with the device
 * flow, the portal's accounts and roles, the credentials used on the local
 * DynamoDB, and dynamo-desk-cli sso, against a loopback fake of the OIDC
 * service and the portal (dd-test-fake-sso.h).
 */
#define G_LOG_DOMAIN "test-sso"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "dd-cli-sso.h"
#include "dd-client.h"
#include "dd-error.h"
#include "dd-provider-sso.h"
#include "dd-sso-portal.h"
#include "dd-test-dynamo.h"
#include "dd-test-fake.h"
#include "dd-test-fake-sso.h"

/* Signing in. */

typedef struct
{
  guint          calls;
  char          *user_code;
  char          *uri;
  GCancellable  *cancel;
} Prompt;

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
prompt_cb (const DdSsoDeviceAuthorization *authorization,
           gpointer                        data)
{
  Prompt *prompt = data;

  prompt->calls++;
  prompt->user_code = g_strdup (authorization->user_code);
  prompt->uri = g_strdup (authorization->verification_uri_complete);
  if (prompt->cancel != NULL)
    g_timeout_add (50, cancel_cb, prompt->cancel);
}

static DdSsoToken *
login (DdProviderSso  *provider,
       Prompt         *prompt,
       GError        **error)
{
  DdTestWait wait = { 0 };
  DdSsoToken *token;

  dd_provider_sso_login_async (provider, prompt_cb, prompt, prompt->cancel, dd_test_wait_cb, &wait);
  token = dd_provider_sso_login_finish (provider, dd_test_wait_result (&wait, 20), error);
  g_object_unref (wait.result);
  return token;
}

static void
test_device_flow (void)
{
  g_autoptr(DdTestFakeSso) fake = dd_test_fake_sso_new ();
  g_autoptr(DdSsoConfig) config = dd_test_sso_session_config ("signin");
  g_autoptr(DdProviderSso) provider = dd_test_sso_provider (fake, config);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdSsoToken) token = NULL;
  g_autoptr(DdSsoToken) cached = NULL;
  g_autoptr(DdSsoCache) cache = dd_sso_cache_new (NULL);
  Prompt prompt = { 0 };

  fake->pending = 2;
  token = login (provider, &prompt, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (prompt.calls, ==, 1);
  g_assert_cmpstr (prompt.user_code, ==, "WDKX-BJQT");
  g_assert_cmpstr (prompt.uri, ==, "https://device.sso.example/?user_code=WDKX-BJQT");
  g_assert_cmpuint (fake->polls, ==, 3);
  g_assert_cmpstr (fake->last_scopes, ==, "sso:account:access");
  g_assert_cmpstr (token->access_token, ==, "access-from-device");

  cached = dd_sso_cache_load (cache, "signin", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cached->access_token, ==, "access-from-device");
  g_assert_cmpstr (cached->refresh_token, ==, "refresh-1");
  g_assert_cmpstr (cached->client_id, ==, "client-1");
  g_assert_cmpstr (cached->client_secret, ==, "client-secret-1");
  g_assert_cmpstr (cached->start_url, ==, DD_TEST_SSO_START_URL);
  g_assert_cmpstr (cached->region, ==, "eu-west-1");
  g_assert_nonnull (cached->registration_expires_at);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_assert_false (dd_sso_token_expires_within (cached, now, 28000));
  }

  /* signing in again reuses the cached registration */
  g_free (prompt.user_code);
  g_free (prompt.uri);
  g_clear_pointer (&token, dd_sso_token_free);
  token = login (provider, &prompt, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dd_test_fake_sso_hits (fake, "/client/register"), ==, 1);
  g_assert_cmpuint (dd_test_fake_sso_hits (fake, "/device_authorization"), ==, 2);
  g_free (prompt.user_code);
  g_free (prompt.uri);
}

static void
test_device_flow_slow_down (void)
{
  g_autoptr(DdTestFakeSso) fake = dd_test_fake_sso_new ();
  g_autoptr(DdSsoConfig) config = dd_test_sso_session_config ("slow");
  g_autoptr(DdProviderSso) provider = dd_test_sso_provider (fake, config);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdSsoToken) token = NULL;
  Prompt prompt = { 0 };

  fake->slow_down = TRUE;
  fake->pending = 1;
  token = login (provider, &prompt, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fake->polls, ==, 3);
  /* interval 1 s became 6 s (one second lasts 10 ms here) */
  g_assert_cmpint (fake->poll_times[1] - fake->poll_times[0], >=, 55 * 1000);
  g_assert_cmpint (fake->poll_times[2] - fake->poll_times[1], >=, 55 * 1000);
  g_free (prompt.user_code);
  g_free (prompt.uri);
}

static void
test_device_flow_cancelled (void)
{
  g_autoptr(DdTestFakeSso) fake = dd_test_fake_sso_new ();
  g_autoptr(DdSsoConfig) config = dd_test_sso_session_config ("cancelled");
  g_autoptr(DdProviderSso) provider = dd_test_sso_provider (fake, config);
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(DdSsoToken) token = NULL;
  g_autoptr(DdSsoCache) cache = dd_sso_cache_new (NULL);
  g_autofree char *path = dd_sso_cache_get_path (cache, "cancelled");
  Prompt prompt = { 0, NULL, NULL, cancellable };
  guint polls;

  fake->pending = G_MAXUINT;
  token = login (provider, &prompt, &error);
  g_assert_null (token);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (prompt.calls, ==, 1);
  g_assert_cmpuint (fake->polls, >=, 1);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  /* and polling stopped */
  polls = fake->polls;
  dd_test_spin (150);
  g_assert_cmpuint (fake->polls, ==, polls);
  g_free (prompt.user_code);
  g_free (prompt.uri);
}

static void
test_device_flow_denied (void)
{
  const char *errors[] = { "access_denied", "expired_token" };
  const char *codes[] = { "AccessDeniedException", "ExpiredTokenException" };
  const char *words[] = { "denied", "expired" };

  for (guint i = 0; i < G_N_ELEMENTS (errors); i++)
    {
      g_autoptr(DdTestFakeSso) fake = dd_test_fake_sso_new ();
      g_autoptr(DdSsoConfig) config = dd_test_sso_session_config ("denied");
      g_autoptr(DdProviderSso) provider = dd_test_sso_provider (fake, config);
      g_autoptr(GError) error = NULL;
      g_autoptr(DdSsoToken) token = NULL;
      Prompt prompt = { 0 };

      fake->poll_error = g_strdup (errors[i]);
      token = login (provider, &prompt, &error);
      g_assert_null (token);
      g_assert_error (error, DD_ERROR, DD_ERROR_SERVICE);
      g_assert_cmpstr (dd_error_get_aws_code (error), ==, codes[i]);
      g_assert_nonnull (strstr (error->message, words[i]));
      g_assert_cmpuint (fake->polls, ==, 1);
      g_free (prompt.user_code);
      g_free (prompt.uri);
    }
}

/* Accounts and roles. */

static void
test_accounts_and_roles (void)
{
  g_autoptr(DdTestFakeSso) fake = dd_test_fake_sso_new ();
  g_autoptr(DdSsoConfig) config = dd_test_sso_session_config ("lists");
  g_autofree char *expires = dd_test_iso_from_now (3600);
  g_autofree char *json = g_strdup_printf ("{\"accessToken\":\"cached-access-token\",\"expiresAt\":\"%s\"}", expires);
  g_autofree char *path = dd_test_sso_write_cache ("lists", json);
  g_autoptr(DdProviderSso) provider = dd_test_sso_provider (fake, config);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) roles = NULL;
  DdTestWait wait = { 0 }, wait2 = { 0 };
  DdSsoAccount *account;
  DdSsoRole *role;

  dd_provider_sso_list_accounts_async (provider, NULL, dd_test_wait_cb, &wait);
  accounts = dd_provider_sso_list_accounts_finish (provider, dd_test_wait_result (&wait, 20), &error);
  g_object_unref (wait.result);
  g_assert_no_error (error);
  g_assert_cmpuint (accounts->len, ==, 3);
  g_assert_cmpuint (dd_test_fake_sso_hits (fake, "/assignment/accounts"), ==, 2);
  account = g_ptr_array_index (accounts, 1);
  g_assert_cmpstr (account->account_id, ==, "222222222222");
  g_assert_cmpstr (account->account_name, ==, "prod");
  g_assert_cmpstr (account->email_address, ==, "prod@example.com");
  account = g_ptr_array_index (accounts, 2);
  g_assert_cmpstr (account->account_id, ==, "333333333333");

  dd_provider_sso_list_account_roles_async (provider, "111111111111", NULL, dd_test_wait_cb, &wait2);
  roles = dd_provider_sso_list_account_roles_finish (provider, dd_test_wait_result (&wait2, 20), &error);
  g_object_unref (wait2.result);
  g_assert_no_error (error);
  g_assert_cmpuint (roles->len, ==, 2);
  role = g_ptr_array_index (roles, 1);
  g_assert_cmpstr (role->role_name, ==, "Admin");
  g_assert_cmpstr (role->account_id, ==, "111111111111");
  g_assert_cmpstr (g_hash_table_lookup (fake->last_query, "account_id"), ==, "111111111111");
}

/* The credentials on the local DynamoDB. */

static void
test_dynamodb_request (void)
{
  g_autoptr(DdTestFakeSso) fake = dd_test_fake_sso_new ();
  g_autoptr(DdTestDynamo) dynamo = dd_test_dynamo_start ();
  g_autoptr(DdSsoConfig) config = dd_test_sso_session_config ("dynamo");
  g_autofree char *expires = dd_test_iso_from_now (3600);
  g_autofree char *json = g_strdup_printf ("{\"accessToken\":\"cached-access-token\",\"expiresAt\":\"%s\"}", expires);
  g_autofree char *path = dd_test_sso_write_cache ("dynamo", json);
  g_autoptr(DdProviderSso) provider = dd_test_sso_provider (fake, config);
  g_autoptr(DdClient) client = dd_client_new ("us-east-1", dd_test_dynamo_get_endpoint (dynamo),
                                              DD_CREDENTIALS_PROVIDER (provider));
  g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  DdTestWait wait = { 0 };

  dd_client_call_async (client, "ListTables", body, NULL, dd_test_wait_cb, &wait);
  answer = dd_client_call_finish (client, dd_test_wait_result (&wait, 20), &error);
  g_object_unref (wait.result);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (g_bytes_get_data (answer, NULL), "TableNames"));
  g_assert_cmpuint (dd_test_fake_sso_hits (fake, "/federation/credentials"), ==, 1);
}

/* dynamo-desk-cli sso, in a child process whose output is checked. */

static void
test_cli (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(DdTestFakeSso) fake = dd_test_fake_sso_new ();
      g_autofree char *aws = g_build_filename (g_getenv ("HOME"), ".aws", NULL);
      g_autofree char *config = g_build_filename (aws, "config", NULL);
      const char *login[] = { "sso", "login", "--profile", "cli", NULL };
      const char *accounts[] = { "sso", "accounts", "--profile", "cli", NULL };
      const char *roles[] = { "sso", "roles", "--profile", "cli", "--account-id", "111111111111", NULL };
      const char *bad[] = { "sso", "roles", "--profile", "cli", NULL };

      g_mkdir_with_parents (aws, 0700);
      g_assert_true (g_file_set_contents (config, "[profile cli]\nsso_session = cli-session\n"
                                          "[sso-session cli-session]\nsso_start_url = " DD_TEST_SSO_START_URL "\n"
                                          "sso_region = eu-west-1\n", -1, NULL));
      g_setenv ("AWS_ENDPOINT_URL_SSO_OIDC", fake->url, TRUE);
      g_setenv ("AWS_ENDPOINT_URL_SSO", fake->url, TRUE);
      fake->pending = 1;
      g_free (fake->valid_token);
      fake->valid_token = g_strdup ("access-from-device");
      g_assert_cmpint (dd_cli_sso_main (4, (char **) login), ==, 0);
      g_assert_cmpint (dd_cli_sso_main (4, (char **) accounts), ==, 0);
      g_assert_cmpint (dd_cli_sso_main (6, (char **) roles), ==, 0);
      g_assert_cmpint (dd_cli_sso_main (4, (char **) bad), ==, 2);
      return;
    }
  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*https://device.sso.example/?user_code=WDKX-BJQT*code: WDKX-BJQT*"
                             "Signed in to " DD_TEST_SSO_START_URL " until *"
                             "111111111111\tdev\tdev@example.com\n222222222222\tprod\tprod@example.com\n"
                             "333333333333\ttest\t\nReadOnly\nAdmin\n");
  g_test_trap_assert_stderr ("*--account-id*");
}

int
main (int    argc,
      char **argv)
{
  dd_test_init (&argc, &argv);

  g_test_add_func ("/dd/sso/login/device-flow", test_device_flow);
  g_test_add_func ("/dd/sso/login/slow-down", test_device_flow_slow_down);
  g_test_add_func ("/dd/sso/login/cancelled", test_device_flow_cancelled);
  g_test_add_func ("/dd/sso/login/denied", test_device_flow_denied);
  g_test_add_func ("/dd/sso/portal/accounts-and-roles", test_accounts_and_roles);
  g_test_add_func ("/dd/sso/dynamodb", test_dynamodb_request);
  g_test_add_func ("/dd/sso/cli", test_cli);
  return g_test_run ();
}
