/* test-providers.c: every credentials provider, against loopback fakes. */
#define G_LOG_DOMAIN "test-providers"

#include "config.h"

#include <glib/gstdio.h>

#include <json-glib/json-glib.h>

#include "dd-error.h"
#include "dd-provider-assume-role.h"
#include "dd-provider-cache.h"
#include "dd-provider-chain.h"
#include "dd-provider-container.h"
#include "dd-provider-env.h"
#include "dd-provider-imds.h"
#include "dd-provider-process.h"
#include "dd-provider-profile.h"
#include "dd-provider-static.h"
#include "dd-provider-web-identity.h"
#include "dd-test-dynamo.h"
#include "fake-aws.h"

/* Environment. */

static void
test_env (void)
{
  g_autoptr(DdCredentialsProvider) provider = dd_provider_env_new ();
  CredResult r = { 0 };

  clear_env ();
  get (provider, &r, 5);
  g_assert_error (r.error, DD_ERROR, DD_ERROR_CREDENTIALS);

  g_setenv ("AWS_ACCESS_KEY_ID", "AKIDENV", TRUE);
  g_setenv ("AWS_SECRET_ACCESS_KEY", "", TRUE);
  get (provider, &r, 5);
  g_assert_error (r.error, DD_ERROR, DD_ERROR_CREDENTIALS);
  g_assert_nonnull (strstr (r.error->message, "AWS_SECRET_ACCESS_KEY"));

  g_setenv ("AWS_SECRET_ACCESS_KEY", "env-secret", TRUE);
  g_setenv ("AWS_SESSION_TOKEN", "", TRUE);
  get (provider, &r, 5);
  g_assert_no_error (r.error);
  g_assert_cmpstr (dd_credentials_get_access_key_id (r.credentials), ==, "AKIDENV");
  g_assert_cmpstr (dd_credentials_get_secret_access_key (r.credentials), ==, "env-secret");
  g_assert_null (dd_credentials_get_session_token (r.credentials));
  g_assert_cmpstr (dd_credentials_get_provider (r.credentials), ==, "environment");

  g_setenv ("AWS_SESSION_TOKEN", "env-token", TRUE);
  get (provider, &r, 5);
  g_assert_cmpstr (dd_credentials_get_session_token (r.credentials), ==, "env-token");
  cred_result_clear (&r);
  clear_env ();
}

/* credential_process. */

static void
test_process (void)
{
  g_autofree char *script = write_home_file ("bin/creds.sh",
    "#!/bin/sh\n"
    "printf '{\"Version\": 1, \"AccessKeyId\": \"AKIDPROC\", \"SecretAccessKey\": \"proc-secret\", "
    "\"SessionToken\": \"proc-token\", \"Expiration\": \"2022-05-02T18:36:00+00:00\", \"Arg\": \"%s\"}' \"$1\"\n");
  g_autofree char *command = NULL;
  g_autoptr(DdCredentialsProvider) provider = NULL;
  CredResult r = { 0 };

  g_assert_cmpint (g_chmod (script, 0700), ==, 0);
  /* Quoted arguments are split like a shell would, with no shell run. */
  command = g_strdup_printf ("'%s' \"two words\"", script);
  provider = dd_provider_process_new (command, "profile:proc");
  get (provider, &r, 10);
  g_assert_no_error (r.error);
  g_assert_cmpstr (dd_credentials_get_access_key_id (r.credentials), ==, "AKIDPROC");
  g_assert_cmpstr (dd_credentials_get_session_token (r.credentials), ==, "proc-token");
  g_assert_cmpstr (dd_credentials_get_provider (r.credentials), ==, "profile:proc");
  /* 1651516560: the expiry the SDKs' credential_process test expects. */
  g_assert_cmpint (g_date_time_to_unix (dd_credentials_get_expiration (r.credentials)), ==, 1651516560);
  cred_result_clear (&r);
}

static void
test_process_failures (void)
{
  static const struct { const char *command; int code; const char *says; } cases[] = {
    { "echo 'invalid json'", DD_ERROR_CREDENTIALS, "not a JSON object" },
    { "echo '{\"Version\": 2, \"AccessKeyId\": \"a\", \"SecretAccessKey\": \"b\"}'", DD_ERROR_CREDENTIALS, "Version" },
    { "echo '{\"Version\": 1, \"AccessKeyId\": \"a\"}'", DD_ERROR_CREDENTIALS, "SecretAccessKey" },
    { "sh -c 'echo denied >&2; exit 3'", DD_ERROR_CREDENTIALS, "exited with code 3: denied" },
    /* A pipe is not run by a shell: echo prints the words and base64 never runs. */
    { "echo e30= | base64 --decode", DD_ERROR_CREDENTIALS, "not a JSON object" },
    { "/nonexistent/credential-helper", DD_ERROR_CREDENTIALS, "could not run credential_process" },
    { "sleep 30", DD_ERROR_TIMEOUT, "did not finish within 300 ms" },
  };
  CredResult r = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(DdCredentialsProvider) provider = dd_provider_process_new (cases[i].command, NULL);
      gint64 start = g_get_monotonic_time ();

      dd_provider_process_set_timeout (DD_PROVIDER_PROCESS (provider), 300);
      get (provider, &r, 10);
      g_assert_null (r.credentials);
      g_assert_error (r.error, DD_ERROR, cases[i].code);
      g_assert_nonnull (strstr (r.error->message, cases[i].says));
      g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
    }
  cred_result_clear (&r);
}

/* IMDS. */

static void
test_imds (void)
{
  g_autoptr(FakeAws) fake = fake_aws_new ();
  g_autoptr(DdCredentialsProvider) provider = dd_provider_imds_new ();
  CredResult r = { 0 };

  g_unsetenv ("AWS_EC2_METADATA_DISABLED");
  g_setenv ("AWS_EC2_METADATA_SERVICE_ENDPOINT", fake->url, TRUE);
  get (provider, &r, 10);
  g_assert_no_error (r.error);
  g_assert_cmpstr (dd_credentials_get_provider (r.credentials), ==, "imds");
  g_assert_cmpstr (dd_credentials_get_access_key_id (r.credentials), ==, "ASIAIMDS1");
  g_assert_cmpstr (dd_credentials_get_secret_access_key (r.credentials), ==, "imds-secret");
  g_assert_cmpstr (dd_credentials_get_session_token (r.credentials), ==, "imds-session-token");
  g_assert_nonnull (dd_credentials_get_expiration (r.credentials));
  g_assert_cmpstr (fake->imds_ttl, ==, "21600");
  g_assert_cmpuint (fake_aws_hits (fake, "/latest/api/token"), ==, 1);
  g_assert_cmpuint (fake_aws_hits (fake, "/latest/meta-data/iam/security-credentials/"), ==, 1);

  /* No role: a clear error. */
  fake->imds_no_role = TRUE;
  get (provider, &r, 10);
  g_assert_error (r.error, DD_ERROR, DD_ERROR_CREDENTIALS);
  g_assert_nonnull (strstr (r.error->message, "no IAM role"));

  /* Disabled: no request at all. */
  g_setenv ("AWS_EC2_METADATA_DISABLED", "TRUE", TRUE);
  get (provider, &r, 10);
  g_assert_error (r.error, DD_ERROR, DD_ERROR_CREDENTIALS);
  g_assert_nonnull (strstr (r.error->message, "AWS_EC2_METADATA_DISABLED"));
  g_assert_cmpuint (fake_aws_hits (fake, "/latest/api/token"), ==, 2);
  cred_result_clear (&r);
  clear_env ();
}

/* The token is really demanded: a request without it gets 401. */
static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  gboolean *done = data;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);

  *done = TRUE;
}

static void
test_imds_fake_demands_token (void)
{
  g_autoptr(FakeAws) fake = fake_aws_new ();
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (fake->url, "/latest/meta-data/iam/security-credentials/", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  gboolean done = FALSE;

  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, sent_cb, &done);
  dd_test_wait_for (&done, 10);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 401);
}

static void
test_imds_unreachable (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *url = NULL;
  g_autoptr(DdCredentialsProvider) provider = dd_provider_imds_new ();
  CredResult r = { 0 };
  gint64 start;

  /* Listens (the kernel accepts connections) but never answers. */
  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  g_assert_true (g_socket_listen (socket, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  url = g_strdup_printf ("http://127.0.0.1:%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_unsetenv ("AWS_EC2_METADATA_DISABLED");
  dd_provider_imds_set_endpoint (DD_PROVIDER_IMDS (provider), url);

  start = g_get_monotonic_time ();
  get (provider, &r, 10);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
  g_assert_error (r.error, DD_ERROR, DD_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (r.error->message, "no instance metadata service reachable"));
  g_assert_nonnull (strstr (r.error->message, url));
  cred_result_clear (&r);
  clear_env ();
}

static void
test_imds_endpoint_config (void)
{
  g_autoptr(JsonNode) root = load_json ("smithy-rs", "imds-endpoint-tests.json");
  JsonArray *tests = json_object_get_array_member (json_node_get_object (root), "tests");

  for (guint i = 0; i < json_array_get_length (tests); i++)
    {
      JsonObject *tc = json_array_get_object_element (tests, i);
      JsonObject *env = json_object_get_object_member (tc, "env");
      JsonObject *fs = json_object_get_object_member (tc, "fs");
      JsonObject *result = json_object_get_object_member (tc, "result");
      g_autoptr(DdProfileFile) config = dd_profile_file_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *endpoint = NULL;

      g_test_message ("%s", json_object_get_string_member (tc, "docs"));
      clear_env ();
      for (GList *l = json_object_get_members (env), *m = l; l != NULL || (g_list_free (m), FALSE); l = l->next)
        if (!g_str_equal (l->data, "AWS_CONFIG_FILE"))
          g_setenv (l->data, json_object_get_string_member (env, l->data), TRUE);
      if (json_object_has_member (fs, "config"))
        g_assert_true (dd_profile_file_merge_text (config, DD_PROFILE_FILE_KIND_CONFIG,
                                                   json_object_get_string_member (fs, "config"), NULL, NULL));
      endpoint = dd_provider_imds_resolve_endpoint (json_object_get_string_member_with_default (tc, "endpoint_override", NULL),
                                                    json_object_get_string_member_with_default (tc, "mode_override", NULL),
                                                    config, "default", &error);
      if (json_object_has_member (result, "Ok"))
        {
          g_autofree char *token_url = g_strconcat (endpoint, "/latest/api/token", NULL);

          g_assert_no_error (error);
          g_assert_cmpstr (token_url, ==, json_object_get_string_member (result, "Ok"));
        }
      else
        {
          g_assert_null (endpoint);
          g_assert_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT);
        }
    }
  clear_env ();
}

/* Container endpoint. */

static void
test_container_uri_rules (void)
{
  g_autoptr(JsonNode) root = load_json ("smithy-rs", "ecs-tests.json");
  JsonArray *tests = json_object_get_array_member (json_node_get_object (root), "tests");
  static const char *const refused[] = {
    "http://mypersonalsite/credentials", "http://169.254.169.254/credentials", "ftp://127.0.0.1/x",
    "http://10.0.0.1/credentials",
  };
  static const char *const allowed[] = {
    "http://127.0.0.1:8080/c", "http://127.1.2.3/c", "http://[::1]:9/c", "http://LOCALHOST/c",
  };

  for (guint i = 0; i < json_array_get_length (tests); i++)
    {
      JsonObject *tc = json_array_get_object_element (tests, i);
      JsonObject *env = json_object_get_object_member (tc, "env");
      JsonObject *result = json_object_get_object_member (tc, "result");
      g_autoptr(GError) error = NULL;
      g_autofree char *uri = NULL;
      g_autoptr(GList) names = json_object_get_members (env);

      g_test_message ("%s", json_object_get_string_member (tc, "docs"));
      clear_env ();
      for (GList *l = names; l != NULL; l = l->next)
        g_setenv (l->data, json_object_get_string_member (env, l->data), TRUE);
      uri = dd_provider_container_resolve_uri (&error);
      if (json_object_has_member (result, "Ok"))
        {
          g_assert_no_error (error);
          g_assert_cmpstr (uri, ==, json_object_get_string_member (result, "Ok"));
        }
      else
        {
          g_assert_null (uri);
          g_assert_nonnull (error);
        }
    }
  clear_env ();
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *uri = NULL;

      g_setenv ("AWS_CONTAINER_CREDENTIALS_FULL_URI", refused[i], TRUE);
      uri = dd_provider_container_resolve_uri (&error);
      g_assert_null (uri);
      g_assert_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT);
    }
  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *uri = NULL;

      g_setenv ("AWS_CONTAINER_CREDENTIALS_FULL_URI", allowed[i], TRUE);
      uri = dd_provider_container_resolve_uri (&error);
      g_assert_no_error (error);
      g_assert_cmpstr (uri, ==, allowed[i]);
    }
  clear_env ();
}

static void
test_container (void)
{
  g_autoptr(FakeAws) fake = fake_aws_new ();
  g_autoptr(DdCredentialsProvider) provider = dd_provider_container_new ();
  g_autofree char *url = g_strconcat (fake->url, "/container", NULL);
  g_autofree char *token_file = write_home_file ("eks/token", "file-token\n");
  CredResult r = { 0 };

  fake->container_token = g_strdup ("env-token");
  g_setenv ("AWS_CONTAINER_CREDENTIALS_FULL_URI", url, TRUE);
  g_setenv ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "env-token", TRUE);
  get (provider, &r, 10);
  g_assert_no_error (r.error);
  g_assert_cmpstr (dd_credentials_get_provider (r.credentials), ==, "container");
  g_assert_cmpstr (dd_credentials_get_access_key_id (r.credentials), ==, "ASIACONTAINER");
  g_assert_cmpstr (dd_credentials_get_session_token (r.credentials), ==, "container-session-token");
  g_assert_cmpstr (fake->last_container_authorization, ==, "env-token");

  /* The token file wins over the variable; its final newline is not sent. */
  g_setenv ("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", token_file, TRUE);
  get (provider, &r, 10);
  g_assert_error (r.error, DD_ERROR, DD_ERROR_CREDENTIALS);
  g_assert_nonnull (strstr (r.error->message, "HTTP 401"));
  g_assert_nonnull (strstr (r.error->message, "wrong authorization token"));
  g_assert_cmpstr (fake->last_container_authorization, ==, "file-token");

  /* A token with a line break is never sent. */
  g_unsetenv ("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
  g_setenv ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "abc\r\nX-Injected: 1", TRUE);
  get (provider, &r, 10);
  g_assert_error (r.error, DD_ERROR, DD_ERROR_CREDENTIALS);
  g_assert_nonnull (strstr (r.error->message, "line break"));
  g_assert_cmpuint (fake_aws_hits (fake, "/container"), ==, 2);
  cred_result_clear (&r);
  clear_env ();
}

/* Web identity. */

static void
test_web_identity (void)
{
  g_autoptr(FakeAws) fake = fake_aws_new ();
  g_autoptr(DdCredentialsProvider) provider = dd_provider_web_identity_new_from_environment ();
  g_autofree char *token_file = write_home_file ("k8s/token", "eyJhbGciOiJSUzI1NiJ9.e30.sig\n");
  CredResult r = { 0 };

  clear_env ();
  get (provider, &r, 10);
  g_assert_error (r.error, DD_ERROR, DD_ERROR_CREDENTIALS);
  g_assert_nonnull (strstr (r.error->message, "AWS_WEB_IDENTITY_TOKEN_FILE"));

  g_setenv ("AWS_ENDPOINT_URL_STS", fake->url, TRUE);
  g_setenv ("AWS_WEB_IDENTITY_TOKEN_FILE", token_file, TRUE);
  g_setenv ("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/pod", TRUE);
  g_setenv ("AWS_ROLE_SESSION_NAME", "pod-session", TRUE);
  get (provider, &r, 10);
  g_assert_no_error (r.error);
  g_assert_cmpstr (dd_credentials_get_provider (r.credentials), ==, "web-identity");
  g_assert_cmpstr (dd_credentials_get_access_key_id (r.credentials), ==, "ASIASTS1");
  g_assert_cmpstr (fake_aws_param (fake, "Action"), ==, "AssumeRoleWithWebIdentity");
  g_assert_cmpstr (fake_aws_param (fake, "WebIdentityToken"), ==, "eyJhbGciOiJSUzI1NiJ9.e30.sig");
  g_assert_cmpstr (fake_aws_param (fake, "RoleArn"), ==, "arn:aws:iam::123456789012:role/pod");
  g_assert_cmpstr (fake_aws_param (fake, "RoleSessionName"), ==, "pod-session");
  g_assert_null (fake->last_authorization);

  g_unsetenv ("AWS_ROLE_SESSION_NAME");
  get (provider, &r, 10);
  g_assert_no_error (r.error);
  g_assert_true (g_str_has_prefix (fake_aws_param (fake, "RoleSessionName"), "dynamo-desk-"));
  cred_result_clear (&r);
  clear_env ();
}

/* Assume role by ARN, with MFA. */

static void
token_code_func (const char   *mfa_serial,
                 GCancellable *cancellable,
                 GTask        *task,
                 gpointer      user_data)
{
  guint *asked = user_data;

  (*asked)++;
  g_assert_cmpstr (mfa_serial, ==, "arn:aws:iam::123456789012:mfa/me");
  g_task_return_pointer (task, g_strdup ("123456"), g_free);
  g_object_unref (task);
}

static void
test_assume_role (void)
{
  g_autoptr(FakeAws) fake = fake_aws_new ();
  g_autoptr(DdCredentials) base_credentials = dd_credentials_new ("AKIDBASE", "base-secret", NULL, NULL, "source");
  g_autoptr(DdCredentialsProvider) base = dd_provider_static_new (base_credentials);
  g_autoptr(DdCredentialsProvider) provider = dd_provider_assume_role_new (base, "arn:aws:iam::123456789012:role/admin");
  DdProviderAssumeRole *role = DD_PROVIDER_ASSUME_ROLE (provider);
  guint asked = 0;
  CredResult r = { 0 };

  fake->secret = g_strdup ("base-secret");
  dd_provider_assume_role_set_sts_endpoint (role, fake->url);
  dd_provider_assume_role_set_region (role, "eu-west-1");
  get (provider, &r, 10);
  g_assert_no_error (r.error);
  g_assert_cmpstr (dd_credentials_get_provider (r.credentials), ==, "assume-role");
  g_assert_cmpstr (dd_credentials_get_session_token (r.credentials), ==, "sts-session-token-1");
  g_assert_true (fake->last_signature_ok);
  g_assert_nonnull (strstr (fake->last_authorization, "Credential=AKIDBASE/"));
  g_assert_true (g_str_has_prefix (fake_aws_param (fake, "RoleSessionName"), "dynamo-desk-"));
  g_assert_null (fake_aws_param (fake, "ExternalId"));

  /* MFA without a way to ask for the code: a clear error, and no call. */
  dd_provider_assume_role_set_mfa_serial (role, "arn:aws:iam::123456789012:mfa/me");
  dd_provider_assume_role_set_external_id (role, "ext");
  dd_provider_assume_role_set_duration (role, 900);
  get (provider, &r, 10);
  g_assert_error (r.error, DD_ERROR, DD_ERROR_CREDENTIALS);
  g_assert_nonnull (strstr (r.error->message, "MFA code required"));
  g_assert_cmpuint (fake->sts_calls, ==, 1);

  dd_provider_assume_role_set_token_code_func (role, token_code_func, &asked, NULL);
  get (provider, &r, 10);
  g_assert_no_error (r.error);
  g_assert_cmpuint (asked, ==, 1);
  g_assert_cmpstr (fake_aws_param (fake, "SerialNumber"), ==, "arn:aws:iam::123456789012:mfa/me");
  g_assert_cmpstr (fake_aws_param (fake, "TokenCode"), ==, "123456");
  g_assert_cmpstr (fake_aws_param (fake, "ExternalId"), ==, "ext");
  g_assert_cmpstr (fake_aws_param (fake, "DurationSeconds"), ==, "900");

  /* An STS error comes through with its code. */
  fake_aws_set_error (fake, 403, "AccessDenied", "not allowed");
  get (provider, &r, 10);
  g_assert_error (r.error, DD_ERROR, DD_ERROR_SERVICE);
  g_assert_cmpstr (dd_error_get_aws_code (r.error), ==, "AccessDenied");
  cred_result_clear (&r);
}

int
main (int    argc,
      char **argv)
{
  dd_test_init (&argc, &argv);

  g_test_add_func ("/dd/providers/env", test_env);
  g_test_add_func ("/dd/providers/process/success", test_process);
  g_test_add_func ("/dd/providers/process/failures", test_process_failures);
  g_test_add_func ("/dd/providers/imds/success", test_imds);
  g_test_add_func ("/dd/providers/imds/fake-demands-token", test_imds_fake_demands_token);
  g_test_add_func ("/dd/providers/imds/unreachable", test_imds_unreachable);
  g_test_add_func ("/dd/providers/imds/endpoint-config", test_imds_endpoint_config);
  g_test_add_func ("/dd/providers/container/uri-rules", test_container_uri_rules);
  g_test_add_func ("/dd/providers/container/fetch", test_container);
  g_test_add_func ("/dd/providers/web-identity", test_web_identity);
  g_test_add_func ("/dd/providers/assume-role", test_assume_role);
  return g_test_run ();
}
