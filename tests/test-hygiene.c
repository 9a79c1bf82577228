/* test-hygiene.c: no secret in a log, a message or a file.
 *
 * Credentials with a recognisable secret access key and session token are
 * used the way a person would: by the core (calls that succeed, fail, are
 * retried, meet a skewed clock), and by the CLI, from the environment and
 * from a saved data source (its secret in the keyring), with
 * G_MESSAGES_DEBUG=all. Everything that was printed or logged, every error
 * message, and every file under HOME (configuration, data, cache, the
 * exported files) is then searched for the secret key, the session token,
 * and every Authorization value and signature that went over the wire (the
 * proxy in front of the local DynamoDB recorded them): none may appear.
 *
 * Runs in the keyring suite: a real Secret Service holds the source's
 * secret, as on a desktop.
 */
#define G_LOG_DOMAIN "test-hygiene"

#include "config.h"

#include <string.h>

#include "dd-client.h"
#include "dd-credentials.h"
#include "dd-error.h"
#include "dd-provider-static.h"
#include "dd-test-cli.h"
#include "dd-test-dynamo.h"
#include "dd-test-fault-proxy.h"

#define ACCESS_KEY "AKIDHYGIENETEST"
#define SECRET_KEY "hyg1eneSECRETkey/doNotLeak+Zq93LmEXAMPLE"
#define TOKEN      "hyg1eneTOKEN//////////wEaDoNotLeakSessionTokenEXAMPLE=="

static DdTestDynamo *dynamo;
static const char *home;
static GString *logged;     /* every log line of this process */
static GString *printed;    /* every output of the CLI runs */
static GPtrArray *messages; /* every error message met */

static GLogWriterOutput
capture_writer (GLogLevelFlags   level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (fields[i].length < 0)
      g_string_append_printf (logged, "%s=%s ", fields[i].key, (const char *) fields[i].value);
  g_string_append_c (logged, '\n');
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return g_log_writer_default (level, fields, n_fields, user_data);
  return G_LOG_WRITER_HANDLED;
}

/* ---- the core ------------------------------------------------------------------ */

/* Makes the call; keeps the error's message; TRUE on success. */
static gboolean
call (DdClient   *client,
      const char *action,
      const char *body)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *answer = dd_test_try_call (client, action, body, &error);

  if (error == NULL)
    return TRUE;
  g_ptr_array_add (messages, g_strdup (error->message));
  if (dd_error_get_hint (error) != NULL)
    g_ptr_array_add (messages, g_strdup (dd_error_get_hint (error)));
  return FALSE;
}

static void
run_core (DdTestFaultProxy *proxy)
{
  g_autoptr(DdCredentials) credentials = dd_credentials_new (ACCESS_KEY, SECRET_KEY, TOKEN, NULL, "test");
  g_autoptr(DdCredentialsProvider) provider = dd_provider_static_new (credentials);
  g_autoptr(DdClient) client = dd_client_new ("us-east-1", dd_test_fault_proxy_get_endpoint (proxy), provider);

  dd_client_set_backoff (client, 1, 5);
  dd_test_create_table (client, "Hygiene", NULL);
  dd_test_fault_proxy_script (proxy, DD_TEST_FAULT_500, DD_TEST_FAULT_BAD_CRC, DD_TEST_FAULT_NONE, -1);
  g_assert_true (call (client, "PutItem", "{\"TableName\":\"Hygiene\",\"Item\":{\"pk\":{\"S\":\"a\"}}}"));
  dd_test_fault_proxy_script (proxy, DD_TEST_FAULT_SKEW, DD_TEST_FAULT_NONE, -1);
  g_assert_true (call (client, "GetItem", "{\"TableName\":\"Hygiene\",\"Key\":{\"pk\":{\"S\":\"a\"}}}"));
  g_assert_false (call (client, "GetItem", "{\"TableName\":\"Hygiene\",\"Key\":{\"nope\":{\"S\":\"a\"}}}"));
  dd_test_fault_proxy_set_fallback (proxy, DD_TEST_FAULT_THROUGHPUT);
  g_assert_false (call (client, "Scan", "{\"TableName\":\"Hygiene\"}"));
  dd_test_fault_proxy_set_fallback (proxy, DD_TEST_FAULT_REDIRECT);
  g_assert_false (call (client, "Scan", "{\"TableName\":\"Hygiene\"}"));
  dd_test_fault_proxy_set_fallback (proxy, DD_TEST_FAULT_NONE);
}

/* ---- the CLI ------------------------------------------------------------------- */

/* Runs the CLI with G_MESSAGES_DEBUG=all (and the secrets in its
 * environment when env_secrets), in HOME; returns its exit status. */
static int
run_cli (const char         *stdin_text,
         gboolean            env_secrets,
         const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_subprocess_launcher_set_cwd (launcher, home);
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  if (env_secrets)
    {
      g_subprocess_launcher_setenv (launcher, "AWS_ACCESS_KEY_ID", ACCESS_KEY, TRUE);
      g_subprocess_launcher_setenv (launcher, "AWS_SECRET_ACCESS_KEY", SECRET_KEY, TRUE);
      g_subprocess_launcher_setenv (launcher, "AWS_SESSION_TOKEN", TOKEN, TRUE);
    }
  process = dd_test_cli_spawn (launcher, args);
  status = dd_test_cli_communicate (process, stdin_text, &out, &err);
  g_string_append_printf (printed, "%s\n%s\n", out, err);
  return status;
}

#define CLI(stdin_text, env_secrets, ...) \
  run_cli (stdin_text, env_secrets, (const char * const[]) { __VA_ARGS__, NULL })

static void
run_the_cli (DdTestFaultProxy *proxy)
{
  const char *endpoint = dd_test_fault_proxy_get_endpoint (proxy);
  const char *get = "{\"TableName\":\"Hygiene\",\"Key\":{\"pk\":\"a\"}}";

  /* From the environment. */
  g_assert_cmpint (CLI (NULL, TRUE, "--endpoint", endpoint, "--region", "us-east-1", "get-item", get), ==, 0);
  /* A saved source, its secret from standard input into the keyring. */
  g_assert_cmpint (CLI (SECRET_KEY "\n" TOKEN "\n", FALSE, "sources", "add", "--name", "hyg", "--auth", "iam",
                        "--access-key-id", ACCESS_KEY, "--region", "us-east-1", "--endpoint", endpoint), ==, 0);
  g_assert_cmpint (CLI (NULL, FALSE, "sources", "list", "--json"), ==, 0);
  g_assert_cmpint (CLI (NULL, FALSE, "sources", "test", "hyg"), ==, 0);
  dd_test_fault_proxy_script (proxy, DD_TEST_FAULT_500, DD_TEST_FAULT_SKEW, DD_TEST_FAULT_NONE, -1);
  g_assert_cmpint (CLI (NULL, FALSE, "--source", "hyg", "put-item",
                        "{\"TableName\":\"Hygiene\",\"Item\":{\"pk\":\"b\",\"n\":1}}"), ==, 0);
  g_assert_cmpint (CLI (NULL, FALSE, "--source", "hyg", "--all", "-o", "export.json", "scan",
                        "{\"TableName\":\"Hygiene\",\"Limit\":1}"), ==, 0);
  g_assert_cmpint (CLI (NULL, FALSE, "--source", "hyg", "--format", "csv", "-o", "export.csv", "scan",
                        "{\"TableName\":\"Hygiene\"}"), ==, 0);
  g_assert_cmpint (CLI (NULL, FALSE, "--source", "hyg", "get-item",
                        "{\"TableName\":\"Hygiene\",\"Key\":{\"nope\":\"a\"}}"), ==, 1);
  dd_test_fault_proxy_set_fallback (proxy, DD_TEST_FAULT_RESET_BEFORE);
  g_assert_cmpint (CLI (NULL, FALSE, "--source", "hyg", "get-item", get), ==, 3);
  dd_test_fault_proxy_set_fallback (proxy, DD_TEST_FAULT_NONE);
}

/* ---- the search ------------------------------------------------------------------ */

/* The secret, the token, and every Authorization value and signature the
 * proxy saw. */
static GPtrArray *
forbidden_strings (DdTestFaultProxy *proxy)
{
  GPtrArray *strings = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (strings, g_strdup (SECRET_KEY));
  g_ptr_array_add (strings, g_strdup (TOKEN));
  for (guint i = 0; i < dd_test_fault_proxy_get_n_requests (proxy); i++)
    {
      const DdTestFaultRequest *request = dd_test_fault_proxy_get_request (proxy, i);
      const char *authorization = dd_test_fault_request_header (request, "Authorization");
      const char *signature = authorization ? strstr (authorization, "Signature=") : NULL;

      g_assert_nonnull (signature);
      g_ptr_array_add (strings, g_strdup (authorization));
      g_ptr_array_add (strings, g_strdup (signature + strlen ("Signature=")));
    }
  return strings;
}

static void
assert_clean (const char *what,
              const char *data,
              gsize       len,
              GPtrArray  *forbidden)
{
  for (guint i = 0; i < forbidden->len; i++)
    {
      const char *needle = g_ptr_array_index (forbidden, i);

      if (memmem (data, len, needle, strlen (needle)) != NULL)
        g_error ("%s holds a secret (forbidden string %u)", what, i);
    }
}

/* Every file under folder; returns how many were searched. */
static guint
assert_folder_clean (const char *folder,
                     GPtrArray  *forbidden)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autofree char *contents = NULL;
      gsize len = 0;

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          n += assert_folder_clean (path, forbidden);
          continue;
        }
      if (g_file_get_contents (path, &contents, &len, NULL))
        {
          assert_clean (path, contents, len, forbidden);
          n++;
        }
    }
  return n;
}

static void
test_no_secret_anywhere (void)
{
  g_autoptr(DdTestFaultProxy) proxy = dd_test_fault_proxy_new (dd_test_dynamo_get_endpoint (dynamo));
  g_autoptr(GPtrArray) forbidden = NULL;
  g_autofree char *sources = g_build_filename (g_get_user_config_dir (), "dynamo-desk", "sources.json", NULL);
  g_autofree char *exported = g_build_filename (home, "export.json", NULL);
  guint n_files;

  run_core (proxy);
  run_the_cli (proxy);
  forbidden = forbidden_strings (proxy);
  g_test_message ("%u requests signed; %" G_GSIZE_FORMAT " bytes logged, %" G_GSIZE_FORMAT " printed",
                  dd_test_fault_proxy_get_n_requests (proxy), logged->len, printed->len);

  /* The scenario did what it says: debug lines were written, the faults
   * were met, the files exist. */
  g_assert_nonnull (strstr (logged->str, "dd-client"));
  g_assert_nonnull (strstr (printed->str, "dd-client-DEBUG"));
  g_assert_cmpuint (dd_test_fault_proxy_count_fault (proxy, DD_TEST_FAULT_SKEW), ==, 2);
  g_assert_true (g_file_test (sources, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (exported, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (messages->len, >=, 3);

  assert_clean ("the log of the core", logged->str, logged->len, forbidden);
  assert_clean ("the output of the CLI", printed->str, printed->len, forbidden);
  for (guint i = 0; i < messages->len; i++)
    assert_clean ("an error message", g_ptr_array_index (messages, i),
                  strlen (g_ptr_array_index (messages, i)), forbidden);
  n_files = assert_folder_clean (home, forbidden);
  g_test_message ("%u files searched under HOME", n_files);
  g_assert_cmpuint (n_files, >=, 3);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  home = dd_test_init (&argc, &argv);
  logged = g_string_new (NULL);
  printed = g_string_new (NULL);
  messages = g_ptr_array_new_with_free_func (g_free);
  g_log_set_writer_func (capture_writer, NULL, NULL);
  g_log_set_debug_enabled (TRUE);
  dynamo = dd_test_dynamo_start ();

  g_test_add_func ("/hygiene/no-secret-anywhere", test_no_secret_anywhere);

  status = g_test_run ();
  dd_test_dynamo_stop (dynamo);
  g_string_free (logged, TRUE);
  g_string_free (printed, TRUE);
  g_ptr_array_unref (messages);
  return status;
}
