/* test-sso.c: IAM Identity Center's token cache and configuration, the
 * SDKs' shared SSO cases, and the credentials from a cached token, against
 * a loopback fake of the OIDC service and the portal (dd-test-fake-sso.h).
 * Signing in, the portal's lists, the DynamoDB request and the CLI are in
 * test-sso-login.c.
 */
#define G_LOG_DOMAIN "test-sso"

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "dd-error.h"
#include "dd-provider-profile.h"
#include "dd-provider-sso.h"
#include "dd-test-client.h"
#include "dd-test-dynamo.h"
#include "dd-test-fake-sso.h"

static JsonObject *
read_json (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* The cache's file names and format. */

static void
test_cache_file_name (void)
{
  g_autofree char *session = dd_sso_cache_file_name ("dev");
  g_autofree char *legacy = dd_sso_cache_file_name ("https://ssotest.awsapps.com/start");

  /* the names of the SDKs' shared cases */
  g_assert_cmpstr (session, ==, "34c6fceca75e456f25e7e99531e2425c6c1de443.json");
  g_assert_cmpstr (legacy, ==, "dace00cba5f8355ec9d274ceb2bcebdfbeed0e12.json");
}

static void
test_cache_round_trip (void)
{
  const char *json = "{\"startUrl\":\"" DD_TEST_SSO_START_URL "\",\"region\":\"eu-west-1\",\"accessToken\":\"tok\","
                     "\"expiresAt\":\"2026-11-24T12:00:00Z\",\"clientId\":\"cid\",\"clientSecret\":\"cs\","
                     "\"registrationExpiresAt\":\"2027-02-22T12:00:00Z\",\"refreshToken\":\"rt\","
                     "\"someFutureField\":[1,2]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(DdSsoToken) token = dd_sso_token_parse (json, strlen (json), "test", &error);
  g_autoptr(DdSsoToken) again = NULL;
  g_autofree char *written = NULL;
  g_autoptr(DdSsoToken) old_format = NULL;
  const char *cli_v2 = "{\"accessToken\":\"a\",\"expiresAt\":\"2021-04-14T22:47:36UTC\"}";
  const char *broken = "{\"accessToken\":\"a\"}";

  g_assert_no_error (error);
  g_assert_cmpstr (token->access_token, ==, "tok");
  g_assert_cmpint (g_date_time_to_unix (token->expires_at), ==, 1795521600);
  written = dd_sso_token_to_json (token);
  g_assert_nonnull (strstr (written, "\"expiresAt\":\"2026-11-24T12:00:00Z\""));
  g_assert_nonnull (strstr (written, "\"registrationExpiresAt\":\"2027-02-22T12:00:00Z\""));
  g_assert_nonnull (strstr (written, "\"someFutureField\":[1,2]"));
  again = dd_sso_token_parse (written, strlen (written), "test", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->refresh_token, ==, "rt");
  g_assert_cmpstr (again->client_secret, ==, "cs");
  g_assert_cmpstr (again->start_url, ==, DD_TEST_SSO_START_URL);

  old_format = dd_sso_token_parse (cli_v2, strlen (cli_v2), "test", &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_date_time_to_unix (old_format->expires_at), ==, 1618440456);
  g_assert_null (dd_sso_token_parse (broken, strlen (broken), "the file", &error));
  g_assert_error (error, DD_ERROR, DD_ERROR_CREDENTIALS);
  g_assert_nonnull (strstr (error->message, "expiresAt"));
}

/* Configuration from profiles. */

static DdProfileFile *
profiles (const char *text)
{
  DdProfileFile *file = dd_profile_file_new ();
  g_autoptr(GError) error = NULL;

  dd_profile_file_merge_text (file, DD_PROFILE_FILE_KIND_CONFIG, text, "config", &error);
  g_assert_no_error (error);
  return file;
}

static void
test_config (void)
{
  g_autoptr(DdProfileFile) file = profiles (
    "[profile s]\nsso_session = dev\nsso_account_id = 1\nsso_role_name = R\n"
    "[sso-session dev]\nsso_start_url = " DD_TEST_SSO_START_URL "\nsso_region = eu-west-1\n"
    "sso_registration_scopes = sso:account:access, codewhisperer:completions\n"
    "[profile legacy]\nsso_start_url = " DD_TEST_SSO_START_URL "\nsso_region = us-east-2\nsso_account_id = 2\nsso_role_name = Q\n"
    "[profile token-only]\nsso_session = dev\n"
    "[profile missing]\nsso_session = nope\nsso_account_id = 1\nsso_role_name = R\n"
    "[profile half]\nsso_session = dev\nsso_account_id = 1\n"
    "[profile clash]\nsso_session = dev\nsso_region = us-west-2\nsso_account_id = 1\nsso_role_name = R\n"
    "[profile no-region]\nsso_start_url = " DD_TEST_SSO_START_URL "\nsso_account_id = 1\nsso_role_name = R\n"
    "[profile keys]\naws_access_key_id = A\naws_secret_access_key = B\n");
  g_autoptr(DdSsoConfig) s = dd_sso_config_from_profile (file, "s", NULL);
  g_autoptr(DdSsoConfig) legacy = dd_sso_config_from_profile (file, "legacy", NULL);
  const struct { const char *profile; const char *message; } errors[] = {
    { "missing", "sso-session named `nope` (referenced by profile `missing`) was not found" },
    { "half", "if `sso_account_id` is set, then `sso_role_name` must also be set" },
    { "clash", "sso_region" },
    { "no-region", "missing `sso_region`" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCredentialsProvider) token_only = NULL;

  g_assert_cmpstr (s->session_name, ==, "dev");
  g_assert_cmpstr (s->start_url, ==, DD_TEST_SSO_START_URL);
  g_assert_cmpstr (s->region, ==, "eu-west-1");
  g_assert_cmpuint (g_strv_length (s->registration_scopes), ==, 2);
  g_assert_cmpstr (s->registration_scopes[1], ==, "codewhisperer:completions");
  g_assert_cmpstr (dd_sso_config_cache_key (s), ==, "dev");
  g_assert_null (legacy->session_name);
  g_assert_cmpstr (legacy->region, ==, "us-east-2");
  g_assert_cmpstr (dd_sso_config_cache_key (legacy), ==, DD_TEST_SSO_START_URL);
  g_assert_null (dd_sso_config_from_profile (file, "keys", &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (errors); i++)
    {
      g_assert_null (dd_sso_config_from_profile (file, errors[i].profile, &error));
      g_assert_error (error, DD_ERROR, DD_ERROR_CREDENTIALS);
      g_assert_nonnull (strstr (error->message, errors[i].message));
      g_clear_error (&error);
    }
  token_only = dd_provider_sso_new_for_profile (file, "token-only", &error);
  g_assert_null (token_only);
  g_assert_nonnull (strstr (error->message, "will resolve an access token instead of credentials"));
}

/* The SDKs' shared cases, replayed by the fake. */

static void
copy_tree (const char *from,
           const char *to)
{
  const char *argv[] = { "cp", "-r", from, to, NULL };
  int status = 0;
  g_autoptr(GError) error = NULL;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static JsonObject *
traffic_event (JsonArray  *events,
               const char *action)
{
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_object_get_object_member (json_array_get_object_element (events, i), "action");

      if (json_object_has_member (event, action))
        return json_object_get_object_member (event, action);
    }
  return NULL;
}

/* Sets the fake to answer as recorded; returns the query expected. */
static GHashTable *
replay (DdTestFakeSso *fake,
        const char    *dir)
{
  g_autofree char *path = g_build_filename (dir, "http-traffic.json", NULL);
  g_autoptr(JsonObject) traffic = read_json (path);
  JsonArray *events = json_object_get_array_member (traffic, "events");
  JsonObject *request = traffic_event (events, "Request");
  JsonObject *response = traffic_event (events, "Response");
  g_autoptr(GUri) uri = NULL;

  g_clear_pointer (&fake->replay_body, g_free);
  if (request == NULL)
    return NULL;
  request = json_object_get_object_member (request, "request");
  uri = g_uri_parse (json_object_get_string_member (request, "uri"), G_URI_FLAGS_NONE, NULL);
  g_assert_cmpstr (g_uri_get_path (uri), ==, "/federation/credentials");
  fake->replay_status = (guint) json_object_get_int_member (json_object_get_object_member (
                          json_object_get_object_member (response, "response"), "Ok"), "status");
  fake->replay_body = g_strdup ("");
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_object_get_object_member (json_array_get_object_element (events, i), "action");
      JsonObject *data = json_object_has_member (event, "Data") ? json_object_get_object_member (event, "Data") : NULL;

      if (data != NULL && g_str_equal (json_object_get_string_member (data, "direction"), "Response"))
        {
          g_free (fake->replay_body);
          fake->replay_body = g_strdup (json_object_get_string_member (json_object_get_object_member (data, "data"), "Utf8"));
        }
    }
  return soup_form_decode (g_uri_get_query (uri));
}

static void
set_case_env (const char    *dir,
              const char    *home,
              DdTestFakeSso *fake)
{
  g_autofree char *path = g_build_filename (dir, "env.json", NULL);
  g_autoptr(JsonObject) env = read_json (path);
  g_autoptr(GList) names = json_object_get_members (env);

  g_unsetenv ("AWS_PROFILE");
  g_unsetenv ("AWS_REGION");
  g_unsetenv ("AWS_ENDPOINT_URL");
  g_setenv ("AWS_ENDPOINT_URL_SSO", fake->url, TRUE);
  for (GList *l = names; l != NULL; l = l->next)
    {
      if (g_str_equal (l->data, "HOME"))
        g_setenv ("HOME", home, TRUE);
      else if (g_str_equal (l->data, "AWS_ENDPOINT_URL"))
        {
          /* the case checks that the global override is taken: point it here */
          g_unsetenv ("AWS_ENDPOINT_URL_SSO");
          g_setenv ("AWS_ENDPOINT_URL", fake->url, TRUE);
        }
      else
        g_setenv (l->data, json_object_get_string_member (env, l->data), TRUE);
    }
}

static void
check_case_result (JsonObject    *result,
                   DdCredentials *credentials,
                   GError        *error)
{
  if (json_object_has_member (result, "Ok"))
    {
      JsonObject *ok = json_object_get_object_member (result, "Ok");

      g_assert_no_error (error);
      g_assert_cmpstr (dd_credentials_get_access_key_id (credentials), ==, json_object_get_string_member (ok, "access_key_id"));
      g_assert_cmpstr (dd_credentials_get_secret_access_key (credentials), ==,
                       json_object_get_string_member (ok, "secret_access_key"));
      g_assert_cmpstr (dd_credentials_get_session_token (credentials), ==, json_object_get_string_member (ok, "session_token"));
      g_assert_cmpint (g_date_time_to_unix (dd_credentials_get_expiration (credentials)), ==,
                       json_object_get_int_member (ok, "expiry"));
      return;
    }
  g_assert_null (credentials);
  g_assert_nonnull (error);
  g_test_message ("  error: %s (expected one containing: %s)", error->message,
                  json_object_get_string_member (result, "ErrorContains"));
  if (strstr (json_object_get_string_member (result, "ErrorContains"), "access token instead") != NULL)
    g_assert_nonnull (strstr (error->message, "will resolve an access token instead of credentials"));
}

static void
run_case (DdTestFakeSso *fake,
          const char    *name)
{
  g_autofree char *dir = g_build_filename (g_getenv ("DD_TEST_DATA"), "smithy-rs", "sso", name, NULL);
  g_autofree char *fs_home = g_build_filename (dir, "fs", "home", NULL);
  g_autofree char *home = g_build_filename (g_getenv ("DD_SAVED_HOME"), name, NULL);
  g_autofree char *config = g_build_filename (home, ".aws", "config", NULL);
  g_autofree char *creds = g_build_filename (home, ".aws", "credentials", NULL);
  g_autofree char *case_path = g_build_filename (dir, "test-case.json", NULL);
  g_autoptr(JsonObject) test_case = read_json (case_path);
  g_autoptr(GHashTable) expected_query = replay (fake, dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdProfileFile) file = NULL;
  g_autoptr(DdCredentialsProvider) provider = NULL;
  g_autoptr(DdCredentials) credentials = NULL;
  guint before = dd_test_fake_sso_hits (fake, "/federation/credentials");

  g_test_message ("case %s", name);
  copy_tree (fs_home, home);
  set_case_env (dir, home, fake);
  file = dd_profile_file_load (config, creds, &error);
  g_assert_no_error (error);
  provider = dd_provider_profile_new_for_file (file, NULL);
  credentials = dd_test_get_credentials (provider, &error);
  check_case_result (json_object_get_object_member (test_case, "result"), credentials, error);
  if (expected_query != NULL && g_strcmp0 (name, "sso_no_token_file") != 0)
    {
      g_assert_cmpuint (dd_test_fake_sso_hits (fake, "/federation/credentials"), ==, before + 1);
      g_assert_cmpstr (g_hash_table_lookup (fake->last_query, "account_id"), ==,
                       g_hash_table_lookup (expected_query, "account_id"));
      g_assert_cmpstr (g_hash_table_lookup (fake->last_query, "role_name"), ==,
                       g_hash_table_lookup (expected_query, "role_name"));
    }
  else
    g_assert_cmpuint (dd_test_fake_sso_hits (fake, "/federation/credentials"), ==, before);
  if (g_strcmp0 (name, "sso_no_token_file") == 0)
    g_assert_nonnull (strstr (error->message, "dace00cba5f8355ec9d274ceb2bcebdfbeed0e12.json"));
}

static void
test_sdk_cases (void)
{
  g_autoptr(DdTestFakeSso) fake = dd_test_fake_sso_new ();
  g_autofree char *saved_home = g_strdup (g_getenv ("HOME"));
  const char *cases[] = {
    "sso_credentials", "sso_override_global_env_url", "invalid_sso_credentials_config", "sso_token",
    "sso_assume_role", "sso_no_token_file", "sso_server_error",
  };

  g_setenv ("DD_SAVED_HOME", saved_home, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    run_case (fake, cases[i]);
  g_setenv ("HOME", saved_home, TRUE);
  g_unsetenv ("AWS_PROFILE");
  g_unsetenv ("AWS_REGION");
  g_unsetenv ("AWS_ENDPOINT_URL");
  g_unsetenv ("AWS_ENDPOINT_URL_SSO");
  g_unsetenv ("DD_SAVED_HOME");
}

/* Tokens from the cache. */

static void
test_cached_token_used (void)
{
  g_autoptr(DdTestFakeSso) fake = dd_test_fake_sso_new ();
  g_autoptr(DdSsoConfig) config = dd_test_sso_session_config ("cached");
  g_autofree char *expires = dd_test_iso_from_now (3600);
  g_autofree char *json = g_strdup_printf ("{\"startUrl\":\"" DD_TEST_SSO_START_URL "\",\"region\":\"eu-west-1\","
                                           "\"accessToken\":\"cached-access-token\",\"expiresAt\":\"%s\"}", expires);
  g_autofree char *path = dd_test_sso_write_cache ("cached", json);
  g_autoptr(DdProviderSso) provider = dd_test_sso_provider (fake, config);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCredentials) credentials = dd_test_get_credentials (DD_CREDENTIALS_PROVIDER (provider), &error);
  g_autofree char *after = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (dd_credentials_get_access_key_id (credentials), ==, "ASIASSO111111111111");
  g_assert_cmpstr (dd_credentials_get_secret_access_key (credentials), ==, "sso-secret");
  g_assert_cmpstr (dd_credentials_get_session_token (credentials), ==, "sso-session");
  g_assert_cmpstr (dd_credentials_get_provider (credentials), ==, "sso");
  g_assert_cmpint (g_date_time_to_unix (dd_credentials_get_expiration (credentials)), ==, 4102444800);
  g_assert_cmpstr (g_hash_table_lookup (fake->last_query, "role_name"), ==, "ReadOnly");
  g_assert_cmpuint (dd_test_fake_sso_hits (fake, "/token"), ==, 0);
  g_file_get_contents (path, &after, NULL, NULL);
  g_assert_cmpstr (after, ==, json);
}

static void
test_expired_token_refreshed (void)
{
  g_autoptr(DdTestFakeSso) fake = dd_test_fake_sso_new ();
  g_autoptr(DdSsoConfig) config = dd_test_sso_session_config ("refresh-me");
  g_autofree char *expired = dd_test_iso_from_now (-600);
  g_autofree char *json = g_strdup_printf (
    "{\"startUrl\":\"" DD_TEST_SSO_START_URL "\",\"region\":\"eu-west-1\",\"accessToken\":\"old-token\","
    "\"expiresAt\":\"%s\",\"clientId\":\"client-1\",\"clientSecret\":\"client-secret-1\","
    "\"registrationExpiresAt\":\"2199-03-06T19:53:17Z\",\"refreshToken\":\"refresh-1\"}", expired);
  g_autofree char *path = dd_test_sso_write_cache ("refresh-me", json);
  g_autoptr(DdProviderSso) provider = dd_test_sso_provider (fake, config);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCredentials) credentials = NULL;
  g_autoptr(JsonObject) written = NULL;
  g_autoptr(GDateTime) expires_at = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDir) dir = NULL;
  g_autofree char *dir_path = dd_test_sso_cache_dir ();
  struct stat st;
  guint files = 0;

  g_free (fake->valid_token);
  fake->valid_token = g_strdup ("access-refreshed");
  credentials = dd_test_get_credentials (DD_CREDENTIALS_PROVIDER (provider), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_credentials_get_access_key_id (credentials), ==, "ASIASSO111111111111");
  g_assert_cmpuint (dd_test_fake_sso_hits (fake, "/token"), ==, 1);

  /* written back under the same name, in the same form */
  written = read_json (path);
  g_assert_cmpstr (json_object_get_string_member (written, "accessToken"), ==, "access-refreshed");
  g_assert_cmpstr (json_object_get_string_member (written, "refreshToken"), ==, "refresh-2");
  g_assert_cmpstr (json_object_get_string_member (written, "clientId"), ==, "client-1");
  g_assert_cmpstr (json_object_get_string_member (written, "clientSecret"), ==, "client-secret-1");
  g_assert_cmpstr (json_object_get_string_member (written, "registrationExpiresAt"), ==, "2199-03-06T19:53:17Z");
  g_assert_cmpstr (json_object_get_string_member (written, "startUrl"), ==, DD_TEST_SSO_START_URL);
  g_assert_cmpstr (json_object_get_string_member (written, "region"), ==, "eu-west-1");
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$",
                                       json_object_get_string_member (written, "expiresAt"), 0, 0));
  expires_at = g_date_time_new_from_iso8601 (json_object_get_string_member (written, "expiresAt"), NULL);
  g_assert_cmpint (g_date_time_difference (expires_at, now) / G_TIME_SPAN_SECOND, >=, 3590);
  g_assert_cmpint (g_date_time_difference (expires_at, now) / G_TIME_SPAN_SECOND, <=, 3610);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  dir = g_dir_open (dir_path, 0, NULL);
  for (const char *name; (name = g_dir_read_name (dir)) != NULL; )
    {
      g_assert_true (g_str_has_suffix (name, ".json"));   /* no temporary file left behind */
      files++;
    }
  g_assert_cmpuint (files, >=, 1);

  /* the next request uses the refreshed token as it is */
  g_clear_pointer (&credentials, dd_credentials_unref);
  credentials = dd_test_get_credentials (DD_CREDENTIALS_PROVIDER (provider), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dd_test_fake_sso_hits (fake, "/token"), ==, 1);
}

static void
test_expired_token_not_refreshable (void)
{
  g_autoptr(DdTestFakeSso) fake = dd_test_fake_sso_new ();
  g_autoptr(DdSsoConfig) legacy = dd_test_sso_session_config (NULL);
  g_autoptr(DdSsoConfig) revoked = dd_test_sso_session_config ("revoked");
  g_autofree char *expired = dd_test_iso_from_now (-60);
  g_autofree char *soon = dd_test_iso_from_now (120);
  g_autofree char *json = g_strdup_printf ("{\"startUrl\":\"" DD_TEST_SSO_START_URL "\",\"region\":\"eu-west-1\","
                                           "\"accessToken\":\"cached-access-token\",\"expiresAt\":\"%s\"}", expired);
  g_autofree char *json2 = g_strdup_printf (
    "{\"accessToken\":\"cached-access-token\",\"expiresAt\":\"%s\",\"clientId\":\"client-1\","
    "\"clientSecret\":\"client-secret-1\",\"registrationExpiresAt\":\"2199-03-06T19:53:17Z\","
    "\"refreshToken\":\"revoked-refresh\"}", soon);
  g_autofree char *p1 = dd_test_sso_write_cache (DD_TEST_SSO_START_URL, json);
  g_autofree char *p2 = dd_test_sso_write_cache ("revoked", json2);
  g_autoptr(DdProviderSso) p_legacy = dd_test_sso_provider (fake, legacy);
  g_autoptr(DdProviderSso) p_revoked = dd_test_sso_provider (fake, revoked);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCredentials) credentials = dd_test_get_credentials (DD_CREDENTIALS_PROVIDER (p_legacy), &error);

  /* legacy: no refresh token, expired: sign in again */
  g_assert_null (credentials);
  g_assert_error (error, DD_ERROR, DD_ERROR_CREDENTIALS);
  g_assert_nonnull (strstr (error->message, "has expired"));
  g_assert_nonnull (dd_error_get_hint (error));
  g_assert_cmpuint (dd_test_fake_sso_hits (fake, "/token"), ==, 0);
  g_assert_cmpuint (dd_test_fake_sso_hits (fake, "/federation/credentials"), ==, 0);
  g_clear_error (&error);

  /* a refresh that fails while the token has two minutes left: it serves */
  credentials = dd_test_get_credentials (DD_CREDENTIALS_PROVIDER (p_revoked), &error);
  g_assert_no_error (error);
  g_assert_nonnull (credentials);
  g_assert_cmpuint (dd_test_fake_sso_hits (fake, "/token"), ==, 1);
}
static void
test_unauthorized (void)
{
  g_autoptr(DdTestFakeSso) fake = dd_test_fake_sso_new ();
  g_autoptr(DdSsoConfig) config = dd_test_sso_session_config ("unauthorized");
  g_autofree char *expires = dd_test_iso_from_now (3600);
  g_autofree char *json = g_strdup_printf ("{\"accessToken\":\"revoked-token\",\"expiresAt\":\"%s\"}", expires);
  g_autofree char *path = dd_test_sso_write_cache ("unauthorized", json);
  g_autoptr(DdProviderSso) provider = dd_test_sso_provider (fake, config);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCredentials) credentials = dd_test_get_credentials (DD_CREDENTIALS_PROVIDER (provider), &error);

  g_assert_null (credentials);
  g_assert_error (error, DD_ERROR, DD_ERROR_SERVICE);
  g_assert_cmpstr (dd_error_get_aws_code (error), ==, "UnauthorizedException");
  g_assert_cmpuint (dd_error_get_http_status (error), ==, 401);
  g_assert_nonnull (dd_error_get_hint (error));
}

int
main (int    argc,
      char **argv)
{
  dd_test_init (&argc, &argv);

  g_test_add_func ("/dd/sso/cache/file-name", test_cache_file_name);
  g_test_add_func ("/dd/sso/cache/round-trip", test_cache_round_trip);
  g_test_add_func ("/dd/sso/config", test_config);
  g_test_add_func ("/dd/sso/sdk-cases", test_sdk_cases);
  g_test_add_func ("/dd/sso/token/cached", test_cached_token_used);
  g_test_add_func ("/dd/sso/token/refreshed", test_expired_token_refreshed);
  g_test_add_func ("/dd/sso/token/not-refreshable", test_expired_token_not_refreshable);
  g_test_add_func ("/dd/sso/token/unauthorized", test_unauthorized);
  return g_test_run ();
}
