/* test-connection-test.c: "Test connection" and `dynamo-desk-cli sources`.
 *
 * Against the local DynamoDB, a closed loopback port, and a real Secret
 * Service (tests/with-keyring.sh in a private D-Bus session).
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libsecret/secret.h>

#include "dd-cli-run.h"
#include "dd-cli-sources.h"
#include "dd-client.h"
#include "dd-connection-test.h"
#include "dd-error.h"
#include "dd-secret-store.h"
#include "dd-source-store.h"
#include "dd-test-client.h"
#include "dd-test-dynamo.h"
#include "dd-test-fake.h"

#define TABLE "ConnectionTestTable"
#define SECRET_KEY "local-secret-for-the-cli-test"

static DdTestDynamo *dynamo;

static void
create_table (void)
{
  g_autoptr(DdClient) client = dd_test_dynamo_new_client (dynamo);

  dd_test_create_table (client, TABLE, NULL);
}

/* A loopback port with nothing listening: bound, then closed. */
static guint16
closed_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  g_socket_close (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static DdConnectionTestResult *
run_test (DdSource       *source,
          DdSourceStore  *store,
          GError        **error)
{
  g_auto(DdTestWait) result = { 0 };

  dd_connection_test_async (source, store, NULL, dd_test_wait_cb, &result);
  return dd_connection_test_finish (dd_test_wait_result (&result, 120), error);
}

static void
test_local (void)
{
  g_autoptr(DdSourceStore) store = dd_source_store_new (NULL, NULL);
  g_autoptr(DdSourceStore) again = NULL;
  g_autoptr(DdSource) source = dd_source_new ("local");
  g_autoptr(DdConnectionTestResult) result = NULL;
  g_autoptr(GError) error = NULL;
  DdSource *saved;

  dd_source_set_endpoint (source, dd_test_dynamo_get_endpoint (dynamo));
  dd_source_set_access_key_id (source, "AKIDCONNTEST");
  dd_source_set_secrets (source, "conn-test-secret", NULL);
  g_assert_true (dd_source_store_add (store, source, NULL));
  dd_test_save_sources (store);

  /* A new store: the test fetches the secret from the keyring itself. */
  again = dd_source_store_new (NULL, NULL);
  g_assert_true (dd_test_load_sources (again, &error));
  saved = dd_source_store_lookup_by_name (again, "local");
  g_assert_false (dd_source_has_secrets (saved));

  result = run_test (saved, again, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result->provider, ==, "static");
  g_assert_cmpstr (result->access_key_id, ==, "AKIDCONNTEST");
  g_assert_cmpstr (result->endpoint, ==, dd_test_dynamo_get_endpoint (dynamo));
  g_assert_cmpstr (result->region, ==, "us-east-1");
  g_assert_cmpstr (result->first_table, ==, TABLE);
  g_assert_cmpuint (result->latency_ms, <, 20000);
  g_assert_true (dd_source_has_secrets (saved));
  g_assert_true (dd_source_get_connected (saved));
  g_assert_true (dd_source_get_last_test_ok (saved));
  g_assert_false (dd_source_get_has_error (saved));
}

static void
test_refused (void)
{
  g_autoptr(DdSource) source = dd_source_new ("closed");
  g_autoptr(DdConnectionTestResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *endpoint = g_strdup_printf ("http://127.0.0.1:%u", closed_port ());

  dd_source_set_endpoint (source, endpoint);
  dd_source_set_region (source, "eu-central-1");
  dd_source_set_access_key_id (source, "AKIDCLOSED");
  dd_source_set_secrets (source, "closed-secret", NULL);

  result = run_test (source, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, DD_ERROR, DD_ERROR_NETWORK);
  g_assert_nonnull (dd_error_get_hint (error));
  g_assert_nonnull (strstr (dd_error_get_hint (error), "Nothing is listening"));
  g_assert_nonnull (strstr (dd_error_get_hint (error), endpoint));
  g_assert_true (dd_source_get_has_error (source));
  g_assert_false (dd_source_get_last_test_ok (source));
  g_assert_cmpstr (dd_source_get_last_error (source), ==, error->message);
}

static void
test_missing_secret (void)
{
  g_autoptr(DdSourceStore) store = dd_source_store_new (NULL, NULL);
  g_autoptr(DdSource) source = dd_source_new ("no secret");
  g_autoptr(GError) error = NULL;
  g_autoptr(DdConnectionTestResult) result = NULL;

  dd_source_set_endpoint (source, dd_test_dynamo_get_endpoint (dynamo));
  dd_source_set_access_key_id (source, "AKIDNOSECRET");
  g_assert_true (dd_source_store_add (store, source, NULL));

  result = run_test (source, store, &error);
  g_assert_null (result);
  g_assert_error (error, DD_ERROR, DD_ERROR_CREDENTIALS);
  g_assert_nonnull (dd_error_get_hint (error));
  g_assert_true (dd_source_get_has_error (source));
}

typedef struct
{
  GQuark      domain;
  int         code;
  const char *aws_code;
  DdAuthMode  mode;
  int         want_code;
  const char *want_hint;
} HintCase;

static GError *
make_error (const HintCase *c)
{
  if (c->aws_code != NULL)
    return dd_error_new_service (c->aws_code, "message", 400, "request-1");
  return g_error_new (c->domain, c->code, "%s", c->domain == DD_ERROR && c->code == DD_ERROR_NETWORK
                      ? "Could not connect to 127.0.0.1: Connection refused" : "failed");
}

static void
test_hints (void)
{
  const HintCase cases[] = {
    { 0, 0, "UnrecognizedClientException", DD_AUTH_MODE_IAM_KEYS, DD_ERROR_SERVICE, "access key id is not known" },
    { 0, 0, "InvalidSignatureException", DD_AUTH_MODE_IAM_KEYS, DD_ERROR_SERVICE, "secret key" },
    { 0, 0, "AccessDenied", DD_AUTH_MODE_ROLE_ARN, DD_ERROR_SERVICE, "may not assume the role" },
    { 0, 0, "ExpiredToken", DD_AUTH_MODE_ROLE_ARN, DD_ERROR_SERVICE, "session token has expired" },
    { 0, 0, "ExpiredTokenException", DD_AUTH_MODE_IAM_KEYS, DD_ERROR_SERVICE, "expired" },
    { DD_ERROR, DD_ERROR_CREDENTIALS, NULL, DD_AUTH_MODE_INSTANCE_PROFILE, DD_ERROR_CREDENTIALS, "No instance metadata service answered" },
    { DD_ERROR, DD_ERROR_CREDENTIALS, NULL, DD_AUTH_MODE_ROLE_ARN, DD_ERROR_CREDENTIALS, "trust policy" },
    { DD_ERROR, DD_ERROR_NETWORK, NULL, DD_AUTH_MODE_IAM_KEYS, DD_ERROR_NETWORK, "Nothing is listening at http://127.0.0.1:9" },
    { DD_ERROR, DD_ERROR_TIMEOUT, NULL, DD_AUTH_MODE_IAM_KEYS, DD_ERROR_TIMEOUT, "did not answer in time" },
    { 0, G_IO_ERROR_CONNECTION_REFUSED, NULL, DD_AUTH_MODE_IAM_KEYS, DD_ERROR_NETWORK, "Nothing is listening" },
    { 0, G_IO_ERROR_NETWORK_UNREACHABLE, NULL, DD_AUTH_MODE_IAM_KEYS, DD_ERROR_NETWORK, "could not be reached" },
    { 0, G_IO_ERROR_HOST_UNREACHABLE, NULL, DD_AUTH_MODE_PROFILE, DD_ERROR_NETWORK, "could not be reached" },
    { 1, G_TLS_ERROR_BAD_CERTIFICATE, NULL, DD_AUTH_MODE_IAM_KEYS, DD_ERROR_NETWORK, "TLS" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      HintCase c = cases[i];
      g_autoptr(GError) in = NULL;
      g_autoptr(GError) out = NULL;

      /* 0 and 1 stand for G_IO_ERROR and G_TLS_ERROR, which are not constants. */
      if (c.aws_code == NULL && c.domain == 0)
        c.domain = G_IO_ERROR;
      else if (c.aws_code == NULL && c.domain == 1)
        c.domain = G_TLS_ERROR;
      in = make_error (&c);
      out = dd_connection_test_explain_error (in, c.mode, "http://127.0.0.1:9");
      g_test_message ("case %u: %s -> %s", i, in->message, dd_error_get_hint (out));
      g_assert_true (out->domain == DD_ERROR);
      g_assert_cmpint (out->code, ==, c.want_code);
      g_assert_nonnull (dd_error_get_hint (out));
      g_assert_nonnull (strstr (dd_error_get_hint (out), c.want_hint));
    }
}

/* Runs `sources ...` in this process with input on standard input and
 * what it prints on standard output captured. */
static int
run_cli (const char  *input,
         char       **output,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *in_path = NULL;
  g_autofree char *out_path = NULL;
  int in_fd = g_file_open_tmp ("dd-cli-in-XXXXXX", &in_path, NULL);
  int out_fd = g_file_open_tmp ("dd-cli-out-XXXXXX", &out_path, NULL);
  int saved_in = dup (STDIN_FILENO);
  int saved_out = dup (STDOUT_FILENO);
  const char *arg;
  va_list ap;
  int status;

  g_assert_cmpint (in_fd, >=, 0);
  g_assert_cmpint (out_fd, >=, 0);
  if (input != NULL)
    g_assert_cmpint (write (in_fd, input, strlen (input)), ==, (gssize) strlen (input));
  g_assert_cmpint (lseek (in_fd, 0, SEEK_SET), ==, 0);
  g_ptr_array_add (args, (char *) "sources");
  va_start (ap, output);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  fflush (stdout);
  g_assert_cmpint (dup2 (in_fd, STDIN_FILENO), ==, STDIN_FILENO);
  g_assert_cmpint (dup2 (out_fd, STDOUT_FILENO), ==, STDOUT_FILENO);
  __fpurge (stdin);
  clearerr (stdin);
  status = dd_cli_sources_main ((int) args->len - 1, (char **) args->pdata);
  fflush (stdout);
  dup2 (saved_in, STDIN_FILENO);
  dup2 (saved_out, STDOUT_FILENO);
  __fpurge (stdin);
  clearerr (stdin);
  close (saved_in);
  close (saved_out);
  close (in_fd);
  close (out_fd);

  g_assert_true (g_file_get_contents (out_path, output, NULL, NULL));
  g_unlink (in_path);
  g_unlink (out_path);
  return status;
}

static void
test_cli (void)
{
  g_autofree char *out = NULL;
  g_autofree char *json = NULL;
  g_autofree char *path = dd_source_store_default_path ();
  g_autoptr(DdSourceStore) store = NULL;
  g_autofree char *value = NULL;
  DdSource *source;
  int status;

  status = run_cli (SECRET_KEY "\nsession-token-cli\n", &out, "add", "--name", "cli local",
                    "--auth", "iam", "--endpoint", dd_test_dynamo_get_endpoint (dynamo),
                    "--access-key-id", "AKIDCLITEST", NULL);
  g_assert_cmpint (status, ==, DD_CLI_EXIT_OK);
  g_clear_pointer (&out, g_free);

  status = run_cli (NULL, &out, "list", NULL);
  g_assert_cmpint (status, ==, DD_CLI_EXIT_OK);
  g_assert_nonnull (strstr (out, "cli local"));
  g_assert_nonnull (strstr (out, "iam-keys"));
  g_assert_nonnull (strstr (out, dd_test_dynamo_get_endpoint (dynamo)));
  g_clear_pointer (&out, g_free);

  /* The secret went to the keyring, not to the file. */
  g_assert_true (g_file_get_contents (path, &json, NULL, NULL));
  g_assert_nonnull (strstr (json, "AKIDCLITEST"));
  g_assert_null (strstr (json, SECRET_KEY));
  g_assert_null (strstr (json, "session-token-cli"));
  store = dd_source_store_new (NULL, NULL);
  g_assert_true (dd_test_load_sources (store, NULL));
  source = dd_source_store_lookup_by_name (store, "cli local");
  g_assert_nonnull (source);
  value = secret_password_lookup_sync (dd_secret_store_get_schema (), NULL, NULL,
                                       "source-id", dd_source_get_id (source), NULL);
  g_assert_nonnull (value);
  g_assert_nonnull (strstr (value, SECRET_KEY));
  g_assert_nonnull (strstr (value, "session-token-cli"));

  status = run_cli (NULL, &out, "test", "cli local", NULL);
  g_assert_cmpint (status, ==, DD_CLI_EXIT_OK);
  g_assert_nonnull (strstr (out, "first table: " TABLE));
  g_assert_nonnull (strstr (out, "AKIDCLITEST"));
  g_clear_pointer (&out, g_free);

  /* Usage errors: a name in use, no name, no secret on standard input. */
  status = run_cli ("x\n", &out, "add", "--name", "cli local", "--auth", "iam",
                    "--region", "us-east-1", "--access-key-id", "AKID2", NULL);
  g_assert_cmpint (status, ==, DD_CLI_EXIT_USAGE);
  g_clear_pointer (&out, g_free);
  status = run_cli ("x\n", &out, "add", "--auth", "iam", NULL);
  g_assert_cmpint (status, ==, DD_CLI_EXIT_USAGE);
  g_clear_pointer (&out, g_free);
  status = run_cli ("", &out, "add", "--name", "empty", "--auth", "iam",
                    "--region", "us-east-1", "--access-key-id", "AKID3", NULL);
  g_assert_cmpint (status, ==, DD_CLI_EXIT_USAGE);
  g_clear_pointer (&out, g_free);
  status = run_cli (NULL, &out, "add", "--name", "bad", "--auth", "telepathy", "--region", "x", NULL);
  g_assert_cmpint (status, ==, DD_CLI_EXIT_USAGE);
  g_clear_pointer (&out, g_free);
  status = run_cli (NULL, &out, "test", "nobody", NULL);
  g_assert_cmpint (status, ==, DD_CLI_EXIT_USAGE);
  g_clear_pointer (&out, g_free);

  /* edit: rename keeps the secret; the test still signs in. */
  status = run_cli (NULL, &out, "edit", "cli local", "--name", "cli renamed", "--read-only", NULL);
  g_assert_cmpint (status, ==, DD_CLI_EXIT_OK);
  g_clear_pointer (&out, g_free);
  status = run_cli (NULL, &out, "test", "cli renamed", NULL);
  g_assert_cmpint (status, ==, DD_CLI_EXIT_OK);
  g_clear_pointer (&out, g_free);

  /* --source NAME for the other operations. */
  {
    g_autofree char *region = NULL;
    g_autofree char *endpoint = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(DdCredentialsProvider) provider =
      dd_cli_sources_provider_for ("cli renamed", &region, &endpoint, &error);

    g_assert_no_error (error);
    g_assert_nonnull (provider);
    g_assert_null (region);
    g_assert_cmpstr (endpoint, ==, dd_test_dynamo_get_endpoint (dynamo));
    g_assert_null (dd_cli_sources_provider_for ("nobody", &region, &endpoint, &error));
    g_assert_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT);
  }

  status = run_cli (NULL, &out, "remove", "cli renamed", NULL);
  g_assert_cmpint (status, ==, DD_CLI_EXIT_OK);
  g_clear_pointer (&out, g_free);
  status = run_cli (NULL, &out, "list", NULL);
  g_assert_cmpint (status, ==, DD_CLI_EXIT_OK);
  g_assert_null (strstr (out, "cli renamed"));
  g_clear_pointer (&value, g_free);
  value = secret_password_lookup_sync (dd_secret_store_get_schema (), NULL, NULL,
                                       "source-id", dd_source_get_id (source), NULL);
  g_assert_null (value);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  dd_test_init (&argc, &argv);
  dynamo = dd_test_dynamo_start ();
  create_table ();

  g_test_add_func ("/dd/connection-test/hints", test_hints);
  g_test_add_func ("/dd/connection-test/local", test_local);
  g_test_add_func ("/dd/connection-test/refused", test_refused);
  g_test_add_func ("/dd/connection-test/missing-secret", test_missing_secret);
  g_test_add_func ("/dd/cli/sources", test_cli);
  status = g_test_run ();
  dd_test_dynamo_stop (dynamo);
  return status;
}
