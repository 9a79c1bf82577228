/* test-sts.c: the STS Query API client against a loopback fake. */
#define G_LOG_DOMAIN "test-sts"

#include "config.h"

#include <json-glib/json-glib.h>

#include "dd-error.h"
#include "dd-sts.h"
#include "dd-test-dynamo.h"
#include "fake-aws.h"

static void
test_endpoint_rules (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("DD_TEST_DATA"), "botocore",
                                            "functional__endpoint-rules__sts__endpoint-tests-1.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *cases;
  guint checked = 0;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  cases = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "testCases");
  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *tc = json_array_get_object_element (cases, i);
      JsonObject *params = json_object_has_member (tc, "params") ? json_object_get_object_member (tc, "params") : NULL;
      JsonObject *expect = json_object_get_object_member (tc, "expect");
      g_autofree char *url = NULL;

      /* We resolve the plain regional endpoint: no FIPS, no dual stack, no
       * legacy global endpoint, no custom endpoint (AWS_ENDPOINT_URL_STS is
       * tested below). */
      if (params == NULL || !json_object_has_member (params, "Region") ||
          json_object_get_boolean_member_with_default (params, "UseFIPS", FALSE) ||
          json_object_get_boolean_member_with_default (params, "UseDualStack", FALSE) ||
          json_object_get_boolean_member_with_default (params, "UseGlobalEndpoint", FALSE) ||
          json_object_has_member (params, "Endpoint") || !json_object_has_member (expect, "endpoint"))
        continue;
      url = dd_sts_endpoint_for_region (json_object_get_string_member (params, "Region"));
      g_assert_cmpstr (url, ==, json_object_get_string_member (json_object_get_object_member (expect, "endpoint"), "url"));
      checked++;
    }
  g_test_message ("%u regional endpoint cases checked", checked);
  g_assert_cmpuint (checked, >=, 25);
}

static void
test_endpoint_env (void)
{
  g_autoptr(DdSts) regional = NULL;
  g_autoptr(DdSts) overridden = NULL;

  g_setenv ("AWS_REGION", "eu-west-3", TRUE);
  regional = dd_sts_new (NULL, NULL);
  g_assert_cmpstr (dd_sts_get_region (regional), ==, "eu-west-3");
  g_assert_cmpstr (dd_sts_get_endpoint (regional), ==, "https://sts.eu-west-3.amazonaws.com");

  g_setenv ("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:9/", TRUE);
  overridden = dd_sts_new ("us-west-2", NULL);
  g_assert_cmpstr (dd_sts_get_endpoint (overridden), ==, "http://127.0.0.1:9");
  g_unsetenv ("AWS_ENDPOINT_URL_STS");
  g_unsetenv ("AWS_REGION");
}

static void
test_form_encode (void)
{
  g_autofree char *form = dd_sts_form_encode ("Action", "AssumeRole", "RoleArn", "arn:aws:iam::1:role/a b+c",
                                              "ExternalId", NULL, "RoleSessionName", "s~._-", NULL);

  g_assert_cmpstr (form, ==, "Action=AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fa%20b%2Bc&RoleSessionName=s~._-");
}

/* The answer recorded in the SDKs' e2e_assume_role test. */
static const char assume_role_xml[] =
  "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n  <AssumeRoleResult>\n"
  "    <AssumedRoleUser>\n      <AssumedRoleId>AROARABCDEFGHIJKLMNOP:assume-role-provider-session</AssumedRoleId>\n"
  "      <Arn>arn:aws:sts::123456789012:assumed-role/integration-test/assume-role-provider-session</Arn>\n"
  "    </AssumedRoleUser>\n    <Credentials>\n      <AccessKeyId>ASIARTESTID</AccessKeyId>\n"
  "      <SecretAccessKey>TESTSECRETKEY</SecretAccessKey>\n      <SessionToken>TESTSESSIONTOKEN</SessionToken>\n"
  "      <Expiration>2021-08-05T19:58:02Z</Expiration>\n    </Credentials>\n  </AssumeRoleResult>\n"
  "  <ResponseMetadata>\n    <RequestId>c2e971c2-702d-4124-9b1f-1670febbea18</RequestId>\n"
  "  </ResponseMetadata>\n</AssumeRoleResponse>\n";

static void
test_parse_credentials (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCredentials) credentials = dd_sts_parse_credentials ("AssumeRole", assume_role_xml,
                                                                   strlen (assume_role_xml), "assume-role", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (dd_credentials_get_access_key_id (credentials), ==, "ASIARTESTID");
  g_assert_cmpstr (dd_credentials_get_secret_access_key (credentials), ==, "TESTSECRETKEY");
  g_assert_cmpstr (dd_credentials_get_session_token (credentials), ==, "TESTSESSIONTOKEN");
  g_assert_cmpstr (dd_credentials_get_provider (credentials), ==, "assume-role");
  /* 1628193482 is the expiry the SDKs' test expects. */
  g_assert_cmpint (g_date_time_to_unix (dd_credentials_get_expiration (credentials)), ==, 1628193482);

  g_assert_null (dd_sts_parse_credentials ("AssumeRoleWithWebIdentity", assume_role_xml,
                                           strlen (assume_role_xml), NULL, &error));
  g_assert_error (error, DD_ERROR, DD_ERROR_PROTOCOL);
  g_clear_error (&error);
  g_assert_null (dd_sts_parse_credentials ("AssumeRole", "<html><body>oops", 16, NULL, &error));
  g_assert_error (error, DD_ERROR, DD_ERROR_PROTOCOL);
}

static void
test_parse_error (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("DD_TEST_DATA"), "botocore",
                                            "unit__response_parsing__xml__errors__sts-get-session-token.xml", NULL);
  g_autofree char *xml = NULL;
  gsize len = 0;
  g_autoptr(GError) read_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) not_xml = NULL;

  g_file_get_contents (path, &xml, &len, &read_error);
  g_assert_no_error (read_error);
  error = dd_sts_parse_error (xml, len, 403, "header-id");
  g_assert_error (error, DD_ERROR, DD_ERROR_SERVICE);
  g_assert_cmpstr (dd_error_get_aws_code (error), ==, "AccessDenied");
  g_assert_cmpstr (dd_error_get_aws_message (error), ==,
                   "GetSessionToken call failed, unable to validate MFA code.  Please verify your MFA serial "
                   "number is valid and associated with this user.");
  g_assert_cmpuint (dd_error_get_http_status (error), ==, 403);
  g_assert_cmpstr (dd_error_get_request_id (error), ==, "8088f6eb-b7fb-11e2-8d25-4b9f3b52b80f");

  not_xml = dd_sts_parse_error ("<html>Bad Gateway</html>", 24, 502, NULL);
  g_assert_error (not_xml, DD_ERROR, DD_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (not_xml->message, "HTTP 502"));
}

static void
assumed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  CredResult *r = data;

  r->credentials = dd_sts_assume_role_finish (DD_STS (source), result, &r->error);
  r->done = TRUE;
}

static void
web_identity_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  CredResult *r = data;

  r->credentials = dd_sts_assume_role_with_web_identity_finish (DD_STS (source), result, &r->error);
  r->done = TRUE;
}

static void
assume (DdSts         *sts,
        DdCredentials *base,
        CredResult    *r)
{
  DdStsAssumeRoleParams params = {
    "arn:aws:iam::123456789012:role/reader", "my-session", "ext-42", 1800, NULL, NULL,
  };

  cred_result_clear (r);
  dd_sts_assume_role_async (sts, base, &params, NULL, NULL, assumed_cb, r);
  dd_test_wait_for (&r->done, 10);
}

static void
test_assume_role_signed (void)
{
  g_autoptr(FakeAws) fake = fake_aws_new ();
  g_autoptr(DdSts) sts = dd_sts_new ("eu-central-1", fake->url);
  g_autoptr(DdCredentials) base = dd_credentials_new ("AKIDBASE", "base-secret", "base-token", NULL, "test");
  CredResult r = { 0 };

  fake->secret = g_strdup ("base-secret");
  assume (sts, base, &r);
  g_assert_no_error (r.error);
  g_assert_cmpstr (dd_credentials_get_access_key_id (r.credentials), ==, "ASIASTS1");
  g_assert_cmpstr (dd_credentials_get_session_token (r.credentials), ==, "sts-session-token-1");
  g_assert_cmpstr (dd_credentials_get_provider (r.credentials), ==, "assume-role");
  g_assert_nonnull (dd_credentials_get_expiration (r.credentials));

  /* What went over the wire. */
  g_assert_true (fake->last_signature_ok);
  g_assert_nonnull (strstr (fake->last_authorization, "Credential=AKIDBASE/"));
  g_assert_nonnull (strstr (fake->last_authorization, "/eu-central-1/sts/aws4_request"));
  g_assert_cmpstr (fake->last_security_token, ==, "base-token");
  g_assert_cmpstr (fake_aws_param (fake, "Action"), ==, "AssumeRole");
  g_assert_cmpstr (fake_aws_param (fake, "Version"), ==, "2011-06-15");
  g_assert_cmpstr (fake_aws_param (fake, "RoleArn"), ==, "arn:aws:iam::123456789012:role/reader");
  g_assert_cmpstr (fake_aws_param (fake, "RoleSessionName"), ==, "my-session");
  g_assert_cmpstr (fake_aws_param (fake, "ExternalId"), ==, "ext-42");
  g_assert_cmpstr (fake_aws_param (fake, "DurationSeconds"), ==, "1800");
  g_assert_null (fake_aws_param (fake, "SerialNumber"));

  /* A wrong secret gives a signature the fake rejects. */
  {
    g_autoptr(DdCredentials) wrong = dd_credentials_new ("AKIDBASE", "not-the-secret", NULL, NULL, "test");

    assume (sts, wrong, &r);
    g_assert_false (fake->last_signature_ok);
    g_assert_error (r.error, DD_ERROR, DD_ERROR_SERVICE);
    g_assert_cmpstr (dd_error_get_aws_code (r.error), ==, "SignatureDoesNotMatch");
  }
  cred_result_clear (&r);
}

static void
test_web_identity_unsigned (void)
{
  g_autoptr(FakeAws) fake = fake_aws_new ();
  g_autoptr(DdSts) sts = dd_sts_new ("us-east-1", fake->url);
  CredResult r = { 0 };

  dd_sts_assume_role_with_web_identity_async (sts, "arn:aws:iam::123456789012:role/web", "web-session",
                                              "eyJhbGciOiJIUzI1NiJ9.e30.sig", NULL, NULL, web_identity_cb, &r);
  dd_test_wait_for (&r.done, 10);
  g_assert_no_error (r.error);
  g_assert_cmpstr (dd_credentials_get_provider (r.credentials), ==, "web-identity");
  g_assert_cmpstr (dd_credentials_get_access_key_id (r.credentials), ==, "ASIASTS1");
  g_assert_null (fake->last_authorization);
  g_assert_cmpstr (fake_aws_param (fake, "Action"), ==, "AssumeRoleWithWebIdentity");
  g_assert_cmpstr (fake_aws_param (fake, "WebIdentityToken"), ==, "eyJhbGciOiJIUzI1NiJ9.e30.sig");
  g_assert_cmpstr (fake_aws_param (fake, "RoleSessionName"), ==, "web-session");
  cred_result_clear (&r);
}

static void
test_errors (void)
{
  static const struct { guint status; const char *code; const char *message; gboolean hinted; } cases[] = {
    { 403, "AccessDenied", "User: arn:aws:iam::1:user/x is not authorized to perform: sts:AssumeRole", TRUE },
    { 400, "ExpiredToken", "The security token included in the request is expired", TRUE },
    { 403, "RegionDisabledException", "STS is not activated in this region for account:1", TRUE },
    { 400, "MalformedPolicyDocument", "nope", FALSE },
  };
  g_autoptr(FakeAws) fake = fake_aws_new ();
  g_autoptr(DdSts) sts = dd_sts_new ("us-east-1", fake->url);
  g_autoptr(DdCredentials) base = dd_credentials_new ("AKIDBASE", "base-secret", NULL, NULL, "test");
  CredResult r = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      fake_aws_set_error (fake, cases[i].status, cases[i].code, cases[i].message);
      assume (sts, base, &r);
      g_assert_null (r.credentials);
      g_assert_error (r.error, DD_ERROR, DD_ERROR_SERVICE);
      g_assert_cmpstr (dd_error_get_aws_code (r.error), ==, cases[i].code);
      g_assert_cmpstr (dd_error_get_aws_message (r.error), ==, cases[i].message);
      g_assert_cmpuint (dd_error_get_http_status (r.error), ==, cases[i].status);
      g_assert_cmpstr (dd_error_get_request_id (r.error), ==, "fake-error-request");
      g_assert_true ((dd_error_get_hint (r.error) != NULL) == cases[i].hinted);
      g_assert_nonnull (strstr (r.error->message, cases[i].code));
    }
  cred_result_clear (&r);
}

static void
test_network_error_and_redirect (void)
{
  g_autoptr(FakeAws) fake = fake_aws_new ();
  g_autoptr(DdCredentials) base = dd_credentials_new ("AKIDBASE", "base-secret", NULL, NULL, "test");
  g_autofree char *redirect = g_strconcat (fake->url, "/redirect", NULL);
  g_autoptr(DdSts) redirected = dd_sts_new ("us-east-1", redirect);
  g_autoptr(DdSts) closed = NULL;
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *closed_url = NULL;
  CredResult r = { 0 };

  /* A port that was free a moment ago: nothing listens there. */
  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  closed_url = g_strdup_printf ("http://127.0.0.1:%u",
                                g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);
  closed = dd_sts_new ("us-east-1", closed_url);
  assume (closed, base, &r);
  g_assert_error (r.error, DD_ERROR, DD_ERROR_NETWORK);
  g_assert_nonnull (strstr (r.error->message, closed_url));

  assume (redirected, base, &r);
  g_assert_nonnull (r.error);
  g_assert_null (r.credentials);
  g_assert_cmpuint (fake_aws_hits (fake, "/redirect"), ==, 1);
  g_assert_cmpuint (fake_aws_hits (fake, "/"), ==, 0);
  cred_result_clear (&r);
}

typedef struct
{
  gboolean  done;
  char     *arn;
  char     *account;
  GError   *error;
} Identity;

static void
identity_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  Identity *id = data;

  id->arn = dd_sts_get_caller_identity_finish (DD_STS (source), result, &id->account, NULL, &id->error);
  id->done = TRUE;
}

static void
test_caller_identity (void)
{
  g_autoptr(FakeAws) fake = fake_aws_new ();
  g_autoptr(DdSts) sts = dd_sts_new ("us-east-1", fake->url);
  g_autoptr(DdCredentials) creds = dd_credentials_new ("AKIDME", "me-secret", NULL, NULL, "test");
  Identity id = { 0 };

  fake->secret = g_strdup ("me-secret");
  dd_sts_get_caller_identity_async (sts, creds, NULL, identity_cb, &id);
  dd_test_wait_for (&id.done, 10);
  g_assert_no_error (id.error);
  g_assert_true (fake->last_signature_ok);
  g_assert_cmpstr (id.arn, ==, "arn:aws:iam::123456789012:user/tester");
  g_assert_cmpstr (id.account, ==, "123456789012");
  g_assert_cmpstr (fake_aws_param (fake, "Action"), ==, "GetCallerIdentity");
  g_free (id.arn);
  g_free (id.account);
}

static void
test_cancel (void)
{
  g_autoptr(FakeAws) fake = fake_aws_new ();
  g_autoptr(DdSts) sts = dd_sts_new ("us-east-1", fake->url);
  g_autoptr(DdCredentials) base = dd_credentials_new ("AKIDBASE", "base-secret", NULL, NULL, "test");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  DdStsAssumeRoleParams params = { "arn:aws:iam::1:role/r", "s", NULL, 0, NULL, NULL };
  CredResult r = { 0 };

  fake->delay_ms = 5000;
  dd_sts_assume_role_async (sts, base, &params, NULL, cancellable, assumed_cb, &r);
  g_cancellable_cancel (cancellable);
  dd_test_wait_for (&r.done, 3);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  cred_result_clear (&r);
}

int
main (int    argc,
      char **argv)
{
  dd_test_init (&argc, &argv);

  g_test_add_func ("/dd/sts/endpoint/rules", test_endpoint_rules);
  g_test_add_func ("/dd/sts/endpoint/env", test_endpoint_env);
  g_test_add_func ("/dd/sts/form-encode", test_form_encode);
  g_test_add_func ("/dd/sts/parse/credentials", test_parse_credentials);
  g_test_add_func ("/dd/sts/parse/error", test_parse_error);
  g_test_add_func ("/dd/sts/assume-role/signed", test_assume_role_signed);
  g_test_add_func ("/dd/sts/web-identity/unsigned", test_web_identity_unsigned);
  g_test_add_func ("/dd/sts/errors", test_errors);
  g_test_add_func ("/dd/sts/network-error-and-redirect", test_network_error_and_redirect);
  g_test_add_func ("/dd/sts/caller-identity", test_caller_identity);
  g_test_add_func ("/dd/sts/cancel", test_cancel);
  return g_test_run ();
}
