/* test-sso.c: IAM Identity Center sign-in and credentials against a
 * loopback fake of the OIDC service and the portal, the SDKs' shared SSO
 * cases, and the credentials used on the local DynamoDB.
 */
#define G_LOG_DOMAIN "test-sso"

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "dd-cli-sso.h"
#include "dd-client.h"
#include "dd-error.h"
#include "dd-provider-profile.h"
#include "dd-provider-sso.h"
#include "dd-sso-portal.h"
#include "dd-test-dynamo.h"
#include "dd-test-fake.h"

#define START_URL "https://d-test123.awsapps.com/start"

/* The fake: OIDC (/client/register, /device_authorization, /token) and the
 * portal (/federation/credentials, /assignment/...), on one server. */

typedef struct
{
  SoupServer *server;
  char       *url;
  GHashTable *hits;              /* path -> count */
  char       *valid_token;       /* the bearer token the portal accepts */
  char       *refresh_token;     /* the one /token accepts */
  guint       pending;           /* device polls answered "pending" */
  gboolean    slow_down;         /* answer the first poll with SlowDown */
  char       *poll_error;        /* answer the polls with this OAuth error */
  gint64      poll_times[16];    /* monotonic µs of each device poll */
  guint       polls;
  char       *last_scopes;       /* RegisterClient's scopes, joined by ' ' */
  char       *last_client_name;
  GHashTable *last_query;
  /* a replayed answer for /federation/credentials */
  guint       replay_status;
  char       *replay_body;
} FakeSso;

static const char *
member (JsonObject *object,
        const char *name)
{
  return object && json_object_has_member (object, name) ? json_object_get_string_member (object, name) : NULL;
}

static void
reply (SoupServerMessage *msg,
       guint              status,
       const char        *error_type,
       const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  if (error_type != NULL)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg), "x-amzn-ErrorType", error_type);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

static void
oauth_error (SoupServerMessage *msg,
             const char        *error,
             const char        *type)
{
  g_autofree char *body = g_strdup_printf ("{\"error\":\"%s\",\"error_description\":\"%s happened\"}", error, error);
  g_autofree char *header = g_strdup_printf ("%s:http://internal.amazon.com/coral/com.amazonaws.switchboard.portal/",
                                             type);

  reply (msg, 400, header, body);
}

static void
fake_register (FakeSso    *fake,
               SoupServerMessage *msg,
               JsonObject *body)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *answer = NULL;
  g_autoptr(GString) scopes = g_string_new (NULL);

  if (g_strcmp0 (member (body, "clientType"), "public") != 0 || member (body, "clientName") == NULL)
    {
      oauth_error (msg, "invalid_request", "InvalidRequestException");
      return;
    }
  g_free (fake->last_client_name);
  fake->last_client_name = g_strdup (member (body, "clientName"));
  if (json_object_has_member (body, "scopes"))
    {
      JsonArray *array = json_object_get_array_member (body, "scopes");

      for (guint i = 0; i < json_array_get_length (array); i++)
        g_string_append_printf (scopes, "%s%s", i ? " " : "", json_array_get_string_element (array, i));
    }
  g_free (fake->last_scopes);
  fake->last_scopes = g_strdup (scopes->str);
  answer = g_strdup_printf ("{\"clientId\":\"client-1\",\"clientSecret\":\"client-secret-1\","
                            "\"clientIdIssuedAt\":%" G_GINT64_FORMAT ",\"clientSecretExpiresAt\":%" G_GINT64_FORMAT "}",
                            g_date_time_to_unix (now), g_date_time_to_unix (now) + 90 * 86400);
  reply (msg, 200, NULL, answer);
}

static gboolean
client_ok (JsonObject *body)
{
  return g_strcmp0 (member (body, "clientId"), "client-1") == 0 &&
         g_strcmp0 (member (body, "clientSecret"), "client-secret-1") == 0;
}

static void
fake_token (FakeSso           *fake,
            SoupServerMessage *msg,
            JsonObject        *body)
{
  const char *grant = member (body, "grantType");

  if (!client_ok (body))
    oauth_error (msg, "invalid_client", "InvalidClientException");
  else if (g_strcmp0 (grant, "refresh_token") == 0)
    {
      if (g_strcmp0 (member (body, "refreshToken"), fake->refresh_token) != 0)
        oauth_error (msg, "invalid_grant", "InvalidGrantException");
      else
        reply (msg, 200, NULL, "{\"accessToken\":\"access-refreshed\",\"expiresIn\":3600,"
                               "\"refreshToken\":\"refresh-2\",\"tokenType\":\"Bearer\"}");
    }
  else if (g_strcmp0 (grant, "urn:ietf:params:oauth:grant-type:device_code") != 0 ||
           g_strcmp0 (member (body, "deviceCode"), "device-code-1") != 0)
    oauth_error (msg, "invalid_grant", "InvalidGrantException");
  else
    {
      if (fake->polls < G_N_ELEMENTS (fake->poll_times))
        fake->poll_times[fake->polls] = g_get_monotonic_time ();
      fake->polls++;
      if (fake->poll_error != NULL)
        oauth_error (msg, fake->poll_error, fake->poll_error[0] == 'a' ? "AccessDeniedException" : "ExpiredTokenException");
      else if (fake->slow_down && fake->polls == 1)
        oauth_error (msg, "slow_down", "SlowDownException");
      else if (fake->pending > 0 && fake->pending--)
        oauth_error (msg, "authorization_pending", "AuthorizationPendingException");
      else
        reply (msg, 200, NULL, "{\"accessToken\":\"access-from-device\",\"expiresIn\":28800,"
                               "\"refreshToken\":\"refresh-1\",\"tokenType\":\"Bearer\"}");
    }
}

static void
fake_oidc (FakeSso           *fake,
           SoupServerMessage *msg,
           const char        *path)
{
  SoupMessageBody *request = soup_server_message_get_request_body (msg);
  g_autoptr(JsonNode) node = json_from_string (request->data, NULL);
  JsonObject *body = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

  if (body == NULL)
    oauth_error (msg, "invalid_request", "InvalidRequestException");
  else if (g_str_equal (path, "/client/register"))
    fake_register (fake, msg, body);
  else if (g_str_equal (path, "/device_authorization"))
    {
      if (!client_ok (body) || g_strcmp0 (member (body, "startUrl"), START_URL) != 0)
        oauth_error (msg, "invalid_client", "InvalidClientException");
      else
        reply (msg, 200, NULL, "{\"deviceCode\":\"device-code-1\",\"userCode\":\"WDKX-BJQT\","
                               "\"verificationUri\":\"https://device.sso.example/\","
                               "\"verificationUriComplete\":\"https://device.sso.example/?user_code=WDKX-BJQT\","
                               "\"expiresIn\":600,\"interval\":1}");
    }
  else
    fake_token (fake, msg, body);
}

static void
fake_portal (FakeSso           *fake,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query)
{
  const char *bearer = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "x-amz-sso_bearer_token");
  const char *next = query ? g_hash_table_lookup (query, "next_token") : NULL;

  g_clear_pointer (&fake->last_query, g_hash_table_unref);
  fake->last_query = query ? g_hash_table_ref (query) : NULL;
  if (fake->replay_body != NULL)
    reply (msg, fake->replay_status, NULL, fake->replay_body);
  else if (bearer == NULL || g_strcmp0 (bearer, fake->valid_token) != 0)
    reply (msg, 401, "UnauthorizedException", "{\"message\":\"Session token not found or invalid\"}");
  else if (g_str_equal (path, "/federation/credentials"))
    {
      g_autofree char *body = g_strdup_printf ("{\"roleCredentials\":{\"accessKeyId\":\"ASIASSO%s\","
                                               "\"secretAccessKey\":\"sso-secret\",\"sessionToken\":\"sso-session\","
                                               "\"expiration\":4102444800000}}",
                                               (char *) g_hash_table_lookup (query, "account_id"));
      reply (msg, 200, NULL, body);
    }
  else if (g_str_equal (path, "/assignment/accounts") && next == NULL)
    reply (msg, 200, NULL, "{\"accountList\":[{\"accountId\":\"111111111111\",\"accountName\":\"dev\","
                           "\"emailAddress\":\"dev@example.com\"},{\"accountId\":\"222222222222\","
                           "\"accountName\":\"prod\",\"emailAddress\":\"prod@example.com\"}],\"nextToken\":\"page/2\"}");
  else if (g_str_equal (path, "/assignment/accounts") && g_str_equal (next, "page/2"))
    reply (msg, 200, NULL, "{\"accountList\":[{\"accountId\":\"333333333333\",\"accountName\":\"test\"}]}");
  else if (g_str_equal (path, "/assignment/roles"))
    reply (msg, 200, NULL, "{\"roleList\":[{\"roleName\":\"ReadOnly\",\"accountId\":\"111111111111\"},"
                           "{\"roleName\":\"Admin\",\"accountId\":\"111111111111\"}]}");
  else
    reply (msg, 404, NULL, "{}");
}

static void
fake_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           data)
{
  FakeSso *fake = data;

  g_hash_table_insert (fake->hits, g_strdup (path),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (fake->hits, path)) + 1));
  if (g_str_equal (soup_server_message_get_method (msg), "POST"))
    fake_oidc (fake, msg, path);
  else
    fake_portal (fake, msg, path, query);
}

static FakeSso *
fake_sso_new (void)
{
  FakeSso *fake = g_new0 (FakeSso, 1);

  fake->server = soup_server_new (NULL, NULL);
  fake->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fake->valid_token = g_strdup ("cached-access-token");
  fake->refresh_token = g_strdup ("refresh-1");
  soup_server_add_handler (fake->server, NULL, fake_handler, fake, NULL);
  fake->url = dd_test_listen_local (fake->server);
  return fake;
}

static void
fake_sso_free (FakeSso *fake)
{
  soup_server_disconnect (fake->server);
  g_object_unref (fake->server);
  g_hash_table_unref (fake->hits);
  g_clear_pointer (&fake->last_query, g_hash_table_unref);
  g_free (fake->url);
  g_free (fake->valid_token);
  g_free (fake->refresh_token);
  g_free (fake->poll_error);
  g_free (fake->last_scopes);
  g_free (fake->last_client_name);
  g_free (fake->replay_body);
  g_free (fake);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FakeSso, fake_sso_free)

static guint
hits (FakeSso    *fake,
      const char *path)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (fake->hits, path));
}

/* Waiting. */

static gboolean
set_true_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
run_for_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, set_true_cb, &done);
  dd_test_wait_for (&done, 10);
}

/* Helpers. */

static char *
cache_dir (void)
{
  return g_build_filename (g_getenv ("HOME"), ".aws", "sso", "cache", NULL);
}

static char *
write_cache (const char *key,
             const char *json)
{
  g_autofree char *dir = cache_dir ();
  g_autofree char *name = dd_sso_cache_file_name (key);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (path, json, -1, &error);
  g_assert_no_error (error);
  return path;
}

static char *
iso_from_now (gint64 seconds)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_seconds (now, (gdouble) seconds);

  return g_date_time_format (then, "%Y-%m-%dT%H:%M:%SZ");
}

static DdSsoConfig *
session_config (const char *session)
{
  DdSsoConfig *config = dd_sso_config_new ();

  config->session_name = g_strdup (session);
  config->start_url = g_strdup (START_URL);
  config->region = g_strdup ("eu-west-1");
  config->account_id = g_strdup ("111111111111");
  config->role_name = g_strdup ("ReadOnly");
  return config;
}

static DdProviderSso *
provider_for (FakeSso           *fake,
              const DdSsoConfig *config)
{
  DdProviderSso *provider = DD_PROVIDER_SSO (dd_provider_sso_new (config));

  dd_provider_sso_set_endpoints (provider, fake->url, fake->url);
  dd_provider_sso_set_time_unit (provider, 10);
  return provider;
}

static DdCredentials *
get_credentials (DdCredentialsProvider  *provider,
                 GError                **error)
{
  DdTestWait wait = { 0 };
  DdCredentials *credentials;

  dd_credentials_provider_get_credentials_async (provider, NULL, dd_test_wait_cb, &wait);
  credentials = dd_credentials_provider_get_credentials_finish (provider, dd_test_wait_result (&wait, 20), error);
  g_object_unref (wait.result);
  return credentials;
}

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
  const char *json = "{\"startUrl\":\"" START_URL "\",\"region\":\"eu-west-1\",\"accessToken\":\"tok\","
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
  g_assert_cmpstr (again->start_url, ==, START_URL);

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
    "[sso-session dev]\nsso_start_url = " START_URL "\nsso_region = eu-west-1\n"
    "sso_registration_scopes = sso:account:access, codewhisperer:completions\n"
    "[profile legacy]\nsso_start_url = " START_URL "\nsso_region = us-east-2\nsso_account_id = 2\nsso_role_name = Q\n"
    "[profile token-only]\nsso_session = dev\n"
    "[profile missing]\nsso_session = nope\nsso_account_id = 1\nsso_role_name = R\n"
    "[profile half]\nsso_session = dev\nsso_account_id = 1\n"
    "[profile clash]\nsso_session = dev\nsso_region = us-west-2\nsso_account_id = 1\nsso_role_name = R\n"
    "[profile no-region]\nsso_start_url = " START_URL "\nsso_account_id = 1\nsso_role_name = R\n"
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
  g_assert_cmpstr (s->start_url, ==, START_URL);
  g_assert_cmpstr (s->region, ==, "eu-west-1");
  g_assert_cmpuint (g_strv_length (s->registration_scopes), ==, 2);
  g_assert_cmpstr (s->registration_scopes[1], ==, "codewhisperer:completions");
  g_assert_cmpstr (dd_sso_config_cache_key (s), ==, "dev");
  g_assert_null (legacy->session_name);
  g_assert_cmpstr (legacy->region, ==, "us-east-2");
  g_assert_cmpstr (dd_sso_config_cache_key (legacy), ==, START_URL);
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
replay (FakeSso    *fake,
        const char *dir)
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
set_case_env (const char *dir,
              const char *home,
              FakeSso    *fake)
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
run_case (FakeSso    *fake,
          const char *name)
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
  guint before = hits (fake, "/federation/credentials");

  g_test_message ("case %s", name);
  copy_tree (fs_home, home);
  set_case_env (dir, home, fake);
  file = dd_profile_file_load (config, creds, &error);
  g_assert_no_error (error);
  provider = dd_provider_profile_new_for_file (file, NULL);
  credentials = get_credentials (provider, &error);
  check_case_result (json_object_get_object_member (test_case, "result"), credentials, error);
  if (expected_query != NULL && g_strcmp0 (name, "sso_no_token_file") != 0)
    {
      g_assert_cmpuint (hits (fake, "/federation/credentials"), ==, before + 1);
      g_assert_cmpstr (g_hash_table_lookup (fake->last_query, "account_id"), ==,
                       g_hash_table_lookup (expected_query, "account_id"));
      g_assert_cmpstr (g_hash_table_lookup (fake->last_query, "role_name"), ==,
                       g_hash_table_lookup (expected_query, "role_name"));
    }
  else
    g_assert_cmpuint (hits (fake, "/federation/credentials"), ==, before);
  if (g_strcmp0 (name, "sso_no_token_file") == 0)
    g_assert_nonnull (strstr (error->message, "dace00cba5f8355ec9d274ceb2bcebdfbeed0e12.json"));
}

static void
test_sdk_cases (void)
{
  g_autoptr(FakeSso) fake = fake_sso_new ();
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
  g_autoptr(FakeSso) fake = fake_sso_new ();
  g_autoptr(DdSsoConfig) config = session_config ("cached");
  g_autofree char *expires = iso_from_now (3600);
  g_autofree char *json = g_strdup_printf ("{\"startUrl\":\"" START_URL "\",\"region\":\"eu-west-1\","
                                           "\"accessToken\":\"cached-access-token\",\"expiresAt\":\"%s\"}", expires);
  g_autofree char *path = write_cache ("cached", json);
  g_autoptr(DdProviderSso) provider = provider_for (fake, config);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCredentials) credentials = get_credentials (DD_CREDENTIALS_PROVIDER (provider), &error);
  g_autofree char *after = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (dd_credentials_get_access_key_id (credentials), ==, "ASIASSO111111111111");
  g_assert_cmpstr (dd_credentials_get_secret_access_key (credentials), ==, "sso-secret");
  g_assert_cmpstr (dd_credentials_get_session_token (credentials), ==, "sso-session");
  g_assert_cmpstr (dd_credentials_get_provider (credentials), ==, "sso");
  g_assert_cmpint (g_date_time_to_unix (dd_credentials_get_expiration (credentials)), ==, 4102444800);
  g_assert_cmpstr (g_hash_table_lookup (fake->last_query, "role_name"), ==, "ReadOnly");
  g_assert_cmpuint (hits (fake, "/token"), ==, 0);
  g_file_get_contents (path, &after, NULL, NULL);
  g_assert_cmpstr (after, ==, json);
}

static void
test_expired_token_refreshed (void)
{
  g_autoptr(FakeSso) fake = fake_sso_new ();
  g_autoptr(DdSsoConfig) config = session_config ("refresh-me");
  g_autofree char *expired = iso_from_now (-600);
  g_autofree char *json = g_strdup_printf (
    "{\"startUrl\":\"" START_URL "\",\"region\":\"eu-west-1\",\"accessToken\":\"old-token\","
    "\"expiresAt\":\"%s\",\"clientId\":\"client-1\",\"clientSecret\":\"client-secret-1\","
    "\"registrationExpiresAt\":\"2199-03-06T19:53:17Z\",\"refreshToken\":\"refresh-1\"}", expired);
  g_autofree char *path = write_cache ("refresh-me", json);
  g_autoptr(DdProviderSso) provider = provider_for (fake, config);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCredentials) credentials = NULL;
  g_autoptr(JsonObject) written = NULL;
  g_autoptr(GDateTime) expires_at = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDir) dir = NULL;
  g_autofree char *dir_path = cache_dir ();
  struct stat st;
  guint files = 0;

  g_free (fake->valid_token);
  fake->valid_token = g_strdup ("access-refreshed");
  credentials = get_credentials (DD_CREDENTIALS_PROVIDER (provider), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_credentials_get_access_key_id (credentials), ==, "ASIASSO111111111111");
  g_assert_cmpuint (hits (fake, "/token"), ==, 1);

  /* written back under the same name, in the same form */
  written = read_json (path);
  g_assert_cmpstr (json_object_get_string_member (written, "accessToken"), ==, "access-refreshed");
  g_assert_cmpstr (json_object_get_string_member (written, "refreshToken"), ==, "refresh-2");
  g_assert_cmpstr (json_object_get_string_member (written, "clientId"), ==, "client-1");
  g_assert_cmpstr (json_object_get_string_member (written, "clientSecret"), ==, "client-secret-1");
  g_assert_cmpstr (json_object_get_string_member (written, "registrationExpiresAt"), ==, "2199-03-06T19:53:17Z");
  g_assert_cmpstr (json_object_get_string_member (written, "startUrl"), ==, START_URL);
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
  credentials = get_credentials (DD_CREDENTIALS_PROVIDER (provider), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits (fake, "/token"), ==, 1);
}

static void
test_expired_token_not_refreshable (void)
{
  g_autoptr(FakeSso) fake = fake_sso_new ();
  g_autoptr(DdSsoConfig) legacy = session_config (NULL);
  g_autoptr(DdSsoConfig) revoked = session_config ("revoked");
  g_autofree char *expired = iso_from_now (-60);
  g_autofree char *soon = iso_from_now (120);
  g_autofree char *json = g_strdup_printf ("{\"startUrl\":\"" START_URL "\",\"region\":\"eu-west-1\","
                                           "\"accessToken\":\"cached-access-token\",\"expiresAt\":\"%s\"}", expired);
  g_autofree char *json2 = g_strdup_printf (
    "{\"accessToken\":\"cached-access-token\",\"expiresAt\":\"%s\",\"clientId\":\"client-1\","
    "\"clientSecret\":\"client-secret-1\",\"registrationExpiresAt\":\"2199-03-06T19:53:17Z\","
    "\"refreshToken\":\"revoked-refresh\"}", soon);
  g_autofree char *p1 = write_cache (START_URL, json);
  g_autofree char *p2 = write_cache ("revoked", json2);
  g_autoptr(DdProviderSso) p_legacy = provider_for (fake, legacy);
  g_autoptr(DdProviderSso) p_revoked = provider_for (fake, revoked);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCredentials) credentials = get_credentials (DD_CREDENTIALS_PROVIDER (p_legacy), &error);

  /* legacy: no refresh token, expired: sign in again */
  g_assert_null (credentials);
  g_assert_error (error, DD_ERROR, DD_ERROR_CREDENTIALS);
  g_assert_nonnull (strstr (error->message, "has expired"));
  g_assert_nonnull (dd_error_get_hint (error));
  g_assert_cmpuint (hits (fake, "/token"), ==, 0);
  g_assert_cmpuint (hits (fake, "/federation/credentials"), ==, 0);
  g_clear_error (&error);

  /* a refresh that fails while the token has two minutes left: it serves */
  credentials = get_credentials (DD_CREDENTIALS_PROVIDER (p_revoked), &error);
  g_assert_no_error (error);
  g_assert_nonnull (credentials);
  g_assert_cmpuint (hits (fake, "/token"), ==, 1);
}

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
  g_autoptr(FakeSso) fake = fake_sso_new ();
  g_autoptr(DdSsoConfig) config = session_config ("signin");
  g_autoptr(DdProviderSso) provider = provider_for (fake, config);
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
  g_assert_cmpstr (cached->start_url, ==, START_URL);
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
  g_assert_cmpuint (hits (fake, "/client/register"), ==, 1);
  g_assert_cmpuint (hits (fake, "/device_authorization"), ==, 2);
  g_free (prompt.user_code);
  g_free (prompt.uri);
}

static void
test_device_flow_slow_down (void)
{
  g_autoptr(FakeSso) fake = fake_sso_new ();
  g_autoptr(DdSsoConfig) config = session_config ("slow");
  g_autoptr(DdProviderSso) provider = provider_for (fake, config);
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
  g_autoptr(FakeSso) fake = fake_sso_new ();
  g_autoptr(DdSsoConfig) config = session_config ("cancelled");
  g_autoptr(DdProviderSso) provider = provider_for (fake, config);
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
  run_for_ms (150);
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
      g_autoptr(FakeSso) fake = fake_sso_new ();
      g_autoptr(DdSsoConfig) config = session_config ("denied");
      g_autoptr(DdProviderSso) provider = provider_for (fake, config);
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
  g_autoptr(FakeSso) fake = fake_sso_new ();
  g_autoptr(DdSsoConfig) config = session_config ("lists");
  g_autofree char *expires = iso_from_now (3600);
  g_autofree char *json = g_strdup_printf ("{\"accessToken\":\"cached-access-token\",\"expiresAt\":\"%s\"}", expires);
  g_autofree char *path = write_cache ("lists", json);
  g_autoptr(DdProviderSso) provider = provider_for (fake, config);
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
  g_assert_cmpuint (hits (fake, "/assignment/accounts"), ==, 2);
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

static void
test_unauthorized (void)
{
  g_autoptr(FakeSso) fake = fake_sso_new ();
  g_autoptr(DdSsoConfig) config = session_config ("unauthorized");
  g_autofree char *expires = iso_from_now (3600);
  g_autofree char *json = g_strdup_printf ("{\"accessToken\":\"revoked-token\",\"expiresAt\":\"%s\"}", expires);
  g_autofree char *path = write_cache ("unauthorized", json);
  g_autoptr(DdProviderSso) provider = provider_for (fake, config);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCredentials) credentials = get_credentials (DD_CREDENTIALS_PROVIDER (provider), &error);

  g_assert_null (credentials);
  g_assert_error (error, DD_ERROR, DD_ERROR_SERVICE);
  g_assert_cmpstr (dd_error_get_aws_code (error), ==, "UnauthorizedException");
  g_assert_cmpuint (dd_error_get_http_status (error), ==, 401);
  g_assert_nonnull (dd_error_get_hint (error));
}

/* The credentials on the local DynamoDB. */

static void
test_dynamodb_request (void)
{
  g_autoptr(FakeSso) fake = fake_sso_new ();
  g_autoptr(DdTestDynamo) dynamo = dd_test_dynamo_start ();
  g_autoptr(DdSsoConfig) config = session_config ("dynamo");
  g_autofree char *expires = iso_from_now (3600);
  g_autofree char *json = g_strdup_printf ("{\"accessToken\":\"cached-access-token\",\"expiresAt\":\"%s\"}", expires);
  g_autofree char *path = write_cache ("dynamo", json);
  g_autoptr(DdProviderSso) provider = provider_for (fake, config);
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
  g_assert_cmpuint (hits (fake, "/federation/credentials"), ==, 1);
}

/* dynamo-desk-cli sso, in a child process whose output is checked. */

static void
test_cli (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(FakeSso) fake = fake_sso_new ();
      g_autofree char *aws = g_build_filename (g_getenv ("HOME"), ".aws", NULL);
      g_autofree char *config = g_build_filename (aws, "config", NULL);
      const char *login[] = { "sso", "login", "--profile", "cli", NULL };
      const char *accounts[] = { "sso", "accounts", "--profile", "cli", NULL };
      const char *roles[] = { "sso", "roles", "--profile", "cli", "--account-id", "111111111111", NULL };
      const char *bad[] = { "sso", "roles", "--profile", "cli", NULL };

      g_mkdir_with_parents (aws, 0700);
      g_assert_true (g_file_set_contents (config, "[profile cli]\nsso_session = cli-session\n"
                                          "[sso-session cli-session]\nsso_start_url = " START_URL "\n"
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
                             "Signed in to " START_URL " until *"
                             "111111111111\tdev\tdev@example.com\n222222222222\tprod\tprod@example.com\n"
                             "333333333333\ttest\t\nReadOnly\nAdmin\n");
  g_test_trap_assert_stderr ("*--account-id*");
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
  g_test_add_func ("/dd/sso/login/device-flow", test_device_flow);
  g_test_add_func ("/dd/sso/login/slow-down", test_device_flow_slow_down);
  g_test_add_func ("/dd/sso/login/cancelled", test_device_flow_cancelled);
  g_test_add_func ("/dd/sso/login/denied", test_device_flow_denied);
  g_test_add_func ("/dd/sso/portal/accounts-and-roles", test_accounts_and_roles);
  g_test_add_func ("/dd/sso/dynamodb", test_dynamodb_request);
  g_test_add_func ("/dd/sso/cli", test_cli);
  return g_test_run ();
}
