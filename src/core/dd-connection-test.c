/* dd-connection-test.c: "Test connection" for a data source. */
#define G_LOG_DOMAIN "dd-connection-test"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "dd-client.h"
#include "dd-connection-test.h"
#include "dd-error.h"
#include "dd-source-store.h"

/* A test gets one attempt and a short wait: the person is watching. */
#define TEST_TIMEOUT_SECONDS 20

typedef struct
{
  DdSource               *source;
  DdSourceStore          *store;
  DdCredentialsProvider  *provider;
  DdClient               *client;
  gint64                  started;
  DdConnectionTestResult *result;
} TestData;

static void
test_data_free (TestData *data)
{
  g_clear_object (&data->source);
  g_clear_object (&data->store);
  g_clear_object (&data->provider);
  g_clear_object (&data->client);
  g_clear_pointer (&data->result, dd_connection_test_result_free);
  g_free (data);
}

void
dd_connection_test_result_free (DdConnectionTestResult *result)
{
  if (result == NULL)
    return;
  g_free (result->provider);
  g_free (result->access_key_id);
  g_free (result->region);
  g_free (result->endpoint);
  g_free (result->first_table);
  g_free (result);
}

static gboolean
message_has (const GError *error,
             const char   *word)
{
  g_autofree char *lower = g_ascii_strdown (error->message, -1);

  return strstr (lower, word) != NULL;
}

/* A hint for a failure to reach the endpoint, or NULL when the error is
 * not one. Looks at the GIO/TLS error when there is one, else at the
 * words of a DD_ERROR_NETWORK message. */
static char *
network_hint (const GError *error,
              const char   *endpoint)
{
  /* Translators: stands for the endpoint's address when none is known. */
  const char *where = endpoint != NULL ? endpoint : _("the endpoint");

  if (error->domain == G_TLS_ERROR || message_has (error, "tls") || message_has (error, "certificate"))
    /* Translators: %s is the endpoint's address. */
    return g_strdup_printf (_("The secure (TLS) connection to %s failed: check that the endpoint "
                              "uses the right scheme (http:// for a local server), that its "
                              "certificate is valid for that host, and that the clock is right."),
                            where);
  /* A refusal mapped to DD_ERROR_NETWORK is known by its reason, which is
   * the system's (translated) text for ECONNREFUSED. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) || message_has (error, "refused")
      || strstr (error->message, g_strerror (ECONNREFUSED)) != NULL)
    /* Translators: %s is the endpoint's address. */
    return g_strdup_printf (_("Nothing is listening at %s: check the endpoint's host and port, "
                              "and that the server is running."), where);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT)
      || (error->domain == DD_ERROR && error->code == DD_ERROR_TIMEOUT))
    /* Translators: %s is the endpoint's address. */
    return g_strdup_printf (_("%s did not answer in time: check the network, a firewall or a "
                              "proxy, and the endpoint."), where);
  if (error->domain == G_RESOLVER_ERROR || error->domain == G_IO_ERROR
      || (error->domain == DD_ERROR && error->code == DD_ERROR_NETWORK))
    /* Translators: %s is the endpoint's address. */
    return g_strdup_printf (_("%s could not be reached: check the network connection, a proxy, "
                              "and the region or endpoint."), where);
  return NULL;
}

static const char *
credentials_hint (const GError *error,
                  DdAuthMode    mode)
{
  const char *code = dd_error_get_aws_code (error);

  if (g_strcmp0 (code, "ExpiredToken") == 0 || g_strcmp0 (code, "ExpiredTokenException") == 0)
    return _("The session token has expired: enter fresh temporary credentials, or use "
             "long-term keys or a role instead.");
  if (error->domain != DD_ERROR || error->code != DD_ERROR_CREDENTIALS)
    return NULL;
  switch (mode)
    {
    case DD_AUTH_MODE_INSTANCE_PROFILE:
      return _("No instance metadata service answered: an instance profile works only on an "
               "EC2 instance (or in a container with a task role); choose another sign-in "
               "method on this computer.");
    case DD_AUTH_MODE_ROLE_ARN:
      return _("The role could not be assumed: check the role ARN, its trust policy, the "
               "external id, and the credentials it is assumed with.");
    case DD_AUTH_MODE_PROFILE:
      return _("Check that the profile exists in ~/.aws/config or ~/.aws/credentials and "
               "holds usable credentials.");
    case DD_AUTH_MODE_IAM_KEYS:
      return _("Enter the access key id and the secret access key again.");
    case DD_AUTH_MODE_SSO:
      return _("Sign in again with IAM Identity Center, and check that the account and role "
               "are still assigned to you.");
    default:
      return NULL;
    }
}

GError *
dd_connection_test_explain_error (const GError *error,
                                  DdAuthMode    mode,
                                  const char   *endpoint)
{
  g_autofree char *net = NULL;
  const char *hint;
  GError *explained;

  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == DD_ERROR)
    explained = g_error_copy (error);
  else if (error->domain == G_IO_ERROR && error->code == G_IO_ERROR_CANCELLED)
    return g_error_copy (error);
  else
    /* Translators: the endpoint's address (or "the endpoint"), then the reason. */
    explained = g_error_new (DD_ERROR, DD_ERROR_NETWORK, _("Could not reach %s: %s"),
                             endpoint != NULL ? endpoint : _("the endpoint"), error->message);

  if (error->domain == DD_ERROR && error->code == DD_ERROR_SERVICE)
    hint = dd_error_get_hint (error);
  else if ((hint = credentials_hint (error, mode)) == NULL)
    hint = net = network_hint (error, endpoint);

  if (hint == NULL)
    hint = credentials_hint (error, mode);
  if (hint == NULL)
    hint = dd_error_hint_for_code (dd_error_get_aws_code (error));
  if (hint != NULL)
    dd_error_set_hint (explained, hint);
  return explained;
}

static void
fail (GTask        *task,
      const GError *error)
{
  TestData *data = g_task_get_task_data (task);
  const char *endpoint = data->client != NULL ? dd_client_get_endpoint (data->client) : NULL;
  g_autofree char *resolved = NULL;
  GError *explained;

  if (endpoint == NULL)
    endpoint = dd_source_get_endpoint (data->source);
  if (endpoint == NULL && dd_source_get_region (data->source) != NULL)
    endpoint = resolved = dd_client_endpoint_for_region (dd_source_get_region (data->source));

  explained = dd_connection_test_explain_error (error, dd_source_get_auth_mode (data->source),
                                                endpoint);
  if (!g_error_matches (explained, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    dd_source_set_last_result (data->source, explained);
  g_task_return_error (task, explained);
}

static char *
first_table_name (GBytes  *body,
                  GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize len;
  const char *text = g_bytes_get_data (body, &len);
  JsonNode *root;
  JsonObject *object;
  JsonArray *names;

  if (!json_parser_load_from_data (parser, text, len, NULL)
      || (root = json_parser_get_root (parser)) == NULL
      || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, DD_ERROR, DD_ERROR_PROTOCOL, _("The ListTables answer is not JSON"));
      return NULL;
    }
  object = json_node_get_object (root);
  if (!json_object_has_member (object, "TableNames")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "TableNames")))
    {
      g_set_error_literal (error, DD_ERROR, DD_ERROR_PROTOCOL, _("The ListTables answer has no TableNames"));
      return NULL;
    }
  names = json_object_get_array_member (object, "TableNames");
  if (json_array_get_length (names) == 0)
    return NULL;
  return g_strdup (json_array_get_string_element (names, 0));
}

static void
list_tables_cb (GObject      *object,
                GAsyncResult *res,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TestData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  gint64 elapsed = g_get_monotonic_time () - data->started;

  body = dd_client_call_finish (DD_CLIENT (object), res, &error);
  if (body != NULL)
    data->result->first_table = first_table_name (body, &error);
  if (error != NULL)
    {
      fail (task, error);
      return;
    }
  data->result->latency_ms = (guint) MIN (elapsed / 1000, G_MAXUINT);
  data->result->endpoint = g_strdup (dd_client_get_endpoint (data->client));
  dd_source_set_last_result (data->source, NULL);
  g_task_return_pointer (task, g_steal_pointer (&data->result),
                         (GDestroyNotify) dd_connection_test_result_free);
}

static void
credentials_cb (GObject      *object,
                GAsyncResult *res,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TestData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCredentials) credentials = NULL;
  g_autoptr(GBytes) body = g_bytes_new_static ("{\"Limit\":1}", 11);
  GCancellable *cancellable = g_task_get_cancellable (task);
  const char *region = dd_source_get_region (data->source);

  credentials = dd_credentials_provider_get_credentials_finish (DD_CREDENTIALS_PROVIDER (object),
                                                                res, &error);
  if (credentials == NULL)
    {
      fail (task, error);
      return;
    }
  data->result = g_new0 (DdConnectionTestResult, 1);
  data->result->provider = g_strdup (dd_credentials_get_provider (credentials));
  data->result->access_key_id = g_strdup (dd_credentials_get_access_key_id (credentials));
  /* A local endpoint needs some region to sign with. */
  data->result->region = g_strdup (region != NULL ? region : "us-east-1");

  data->client = dd_client_new (data->result->region, dd_source_get_endpoint (data->source),
                                data->provider);
  dd_client_set_max_attempts (data->client, 1);
  dd_client_set_timeout (data->client, TEST_TIMEOUT_SECONDS);
  data->started = g_get_monotonic_time ();
  dd_client_call_async (data->client, "ListTables", body, cancellable,
                        list_tables_cb, g_steal_pointer (&task));
}

static void
resolve (GTask *task)
{
  TestData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  data->provider = dd_source_create_provider (data->source, data->store, &error);
  if (data->provider == NULL)
    {
      fail (task, error);
      g_object_unref (task);
      return;
    }
  dd_credentials_provider_get_credentials_async (data->provider, g_task_get_cancellable (task),
                                                 credentials_cb, task);
}

static void
secrets_cb (GObject      *object,
            GAsyncResult *res,
            gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;

  if (!dd_source_store_load_secrets_finish (DD_SOURCE_STORE (object), res, &error))
    {
      fail (task, error);
      g_object_unref (task);
      return;
    }
  resolve (task);
}

void
dd_connection_test_async (DdSource            *source,
                          DdSourceStore       *store,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;
  TestData *data;

  g_return_if_fail (DD_IS_SOURCE (source));
  g_return_if_fail (store == NULL || DD_IS_SOURCE_STORE (store));

  task = g_task_new (source, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_connection_test_async);
  data = g_new0 (TestData, 1);
  data->source = g_object_ref (source);
  data->store = store != NULL ? g_object_ref (store) : NULL;
  g_task_set_task_data (task, data, (GDestroyNotify) test_data_free);

  if (store != NULL && dd_source_get_auth_mode (source) == DD_AUTH_MODE_IAM_KEYS
      && !dd_source_has_secrets (source))
    dd_source_store_load_secrets_async (store, source, cancellable, secrets_cb, task);
  else
    resolve (task);
}

DdConnectionTestResult *
dd_connection_test_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, g_task_get_source_object (G_TASK (result))), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dd_connection_test_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
