/* dd-test-fake-sso.c: a loopback fake of IAM Identity Center: the OIDC
 * service (/client/register, /device_authorization, /token) and the portal
 * (/federation/credentials, /assignment/...), on one server; and the
 * helpers the SSO tests share.
 */
#define G_LOG_DOMAIN "dd-test"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "dd-provider-sso.h"
#include "dd-sso-cache.h"
#include "dd-test-fake.h"
#include "dd-test-fake-sso.h"

/* The fake: OIDC (/client/register, /device_authorization, /token) and the
 * portal (/federation/credentials, /assignment/...), on one server. */

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
fake_register (DdTestFakeSso     *fake,
               SoupServerMessage *msg,
               JsonObject        *body)
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
fake_token (DdTestFakeSso     *fake,
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
fake_oidc (DdTestFakeSso     *fake,
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
      if (!client_ok (body) || g_strcmp0 (member (body, "startUrl"), DD_TEST_SSO_START_URL) != 0)
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
fake_portal (DdTestFakeSso     *fake,
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
  DdTestFakeSso *fake = data;

  g_hash_table_insert (fake->hits, g_strdup (path),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (fake->hits, path)) + 1));
  if (g_str_equal (soup_server_message_get_method (msg), "POST"))
    fake_oidc (fake, msg, path);
  else
    fake_portal (fake, msg, path, query);
}

DdTestFakeSso *
dd_test_fake_sso_new (void)
{
  DdTestFakeSso *fake = g_new0 (DdTestFakeSso, 1);

  fake->server = soup_server_new (NULL, NULL);
  fake->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fake->valid_token = g_strdup ("cached-access-token");
  fake->refresh_token = g_strdup ("refresh-1");
  soup_server_add_handler (fake->server, NULL, fake_handler, fake, NULL);
  fake->url = dd_test_listen_local (fake->server);
  return fake;
}

void
dd_test_fake_sso_free (DdTestFakeSso *fake)
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

guint
dd_test_fake_sso_hits (DdTestFakeSso *fake,
                       const char    *path)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (fake->hits, path));
}

char *
dd_test_sso_cache_dir (void)
{
  return g_build_filename (g_getenv ("HOME"), ".aws", "sso", "cache", NULL);
}

char *
dd_test_sso_write_cache (const char *key,
                         const char *json)
{
  g_autofree char *dir = dd_test_sso_cache_dir ();
  g_autofree char *name = dd_sso_cache_file_name (key);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (path, json, -1, &error);
  g_assert_no_error (error);
  return path;
}

char *
dd_test_iso_from_now (gint64 seconds)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_seconds (now, (gdouble) seconds);

  return g_date_time_format (then, "%Y-%m-%dT%H:%M:%SZ");
}

DdSsoConfig *
dd_test_sso_session_config (const char *session)
{
  DdSsoConfig *config = dd_sso_config_new ();

  config->session_name = g_strdup (session);
  config->start_url = g_strdup (DD_TEST_SSO_START_URL);
  config->region = g_strdup ("eu-west-1");
  config->account_id = g_strdup ("111111111111");
  config->role_name = g_strdup ("ReadOnly");
  return config;
}

DdProviderSso *
dd_test_sso_provider (DdTestFakeSso     *fake,
                      const DdSsoConfig *config)
{
  DdProviderSso *provider = DD_PROVIDER_SSO (dd_provider_sso_new (config));

  dd_provider_sso_set_endpoints (provider, fake->url, fake->url);
  dd_provider_sso_set_time_unit (provider, 10);
  return provider;
}
