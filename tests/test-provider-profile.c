/* test-provider-profile.c: profiles of ~/.aws and the default chain.
 *
 * Runs the SDKs' assume-role chain suite
 * (tests/data/smithy-rs/assume-role-tests.json) against the chain
 * resolver, then whole profiles against a loopback STS.
 */
#define G_LOG_DOMAIN "test-provider-profile"

#include "config.h"

#include "dd-error.h"
#include "dd-provider-chain.h"
#include "dd-provider-profile.h"
#include "fake-aws.h"

static JsonArray *suite;

static void
check_fields (JsonObject          *expected,
              const DdProfileStep *step)
{
  const struct { const char *name; const char *value; } fields[] = {
    { "access_key_id", step->access_key_id },
    { "secret_access_key", step->secret_access_key },
    { "account_id", step->account_id },
    { "role_arn", step->role_arn },
    { "role_session_name", step->role_session_name },
    { "external_id", step->external_id },
    { "web_identity_token_file", step->web_identity_token_file },
    { "sso_session", step->sso_session },
    { "sso_account_id", step->sso_account_id },
    { "sso_region", step->sso_region },
    { "sso_role_name", step->sso_role_name },
    { "sso_start_url", step->sso_start_url },
  };

  /* Each field is what the suite expects, and absent when it expects none. */
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_assert_cmpstr (fields[i].value, ==,
                     json_object_get_string_member_with_default (expected, fields[i].name, NULL));
}

static void
check_step (JsonObject          *expected,
            const DdProfileStep *step)
{
  static const struct { const char *name; DdProfileStepKind kind; } kinds[] = {
    { "AccessKey", DD_PROFILE_STEP_ACCESS_KEY },
    { "AssumeRole", DD_PROFILE_STEP_ASSUME_ROLE },
    { "NamedSource", DD_PROFILE_STEP_NAMED_SOURCE },
    { "WebIdentityToken", DD_PROFILE_STEP_WEB_IDENTITY },
    { "Sso", DD_PROFILE_STEP_SSO },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      if (!json_object_has_member (expected, kinds[i].name))
        continue;
      g_assert_cmpint (step->kind, ==, kinds[i].kind);
      if (kinds[i].kind == DD_PROFILE_STEP_NAMED_SOURCE)
        g_assert_cmpstr (step->source, ==, json_object_get_string_member (expected, kinds[i].name));
      else
        check_fields (json_object_get_object_member (expected, kinds[i].name), step);
      return;
    }
  g_assert_not_reached ();
}

static void
fill_sections (DdProfileFile *file,
               JsonObject    *sections,
               gboolean       sso)
{
  g_autoptr(GList) names = json_object_get_members (sections);

  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonObject *props = json_object_get_object_member (sections, l->data);
      g_autoptr(GList) keys = json_object_get_members (props);

      if (sso)
        dd_profile_file_set_sso_session (file, l->data, NULL, NULL);
      else
        dd_profile_file_set (file, l->data, NULL, NULL);
      for (GList *k = keys; k != NULL; k = k->next)
        if (sso)
          dd_profile_file_set_sso_session (file, l->data, k->data, json_object_get_string_member (props, k->data));
        else
          dd_profile_file_set (file, l->data, k->data, json_object_get_string_member (props, k->data));
    }
}

static void
test_chain_suite_case (gconstpointer data)
{
  JsonObject *tc = json_array_get_object_element (suite, GPOINTER_TO_UINT (data));
  JsonObject *input = json_object_get_object_member (tc, "input");
  JsonObject *output = json_object_get_object_member (tc, "output");
  g_autoptr(DdProfileFile) file = dd_profile_file_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) chain = NULL;

  g_test_message ("%s", json_object_get_string_member (tc, "docs"));
  fill_sections (file, json_object_get_object_member (input, "profiles"), FALSE);
  if (json_object_has_member (input, "sso_sessions"))
    fill_sections (file, json_object_get_object_member (input, "sso_sessions"), TRUE);
  chain = dd_profile_resolve_chain (file, json_object_get_string_member (input, "selected_profile"), &error);

  if (json_object_has_member (output, "Error"))
    {
      g_assert_null (chain);
      g_assert_error (error, DD_ERROR, DD_ERROR_CREDENTIALS);
      g_test_message ("said: %s", error->message);
      g_assert_nonnull (strstr (error->message, json_object_get_string_member (output, "Error")));
    }
  else
    {
      JsonArray *expected = json_object_get_array_member (output, "ProfileChain");

      g_assert_no_error (error);
      g_assert_cmpuint (chain->len, ==, json_array_get_length (expected));
      for (guint i = 0; i < chain->len; i++)
        check_step (json_array_get_object_element (expected, i), g_ptr_array_index (chain, i));
    }
}

static void
write_aws_files (const char *config,
                 const char *credentials)
{
  g_autofree char *c1 = write_home_file (".aws/config", config);
  g_autofree char *c2 = write_home_file (".aws/credentials", credentials);
}

static void
test_static_keys (void)
{
  g_autoptr(DdCredentialsProvider) provider = dd_provider_profile_new (NULL);
  g_autoptr(DdCredentialsProvider) dev = dd_provider_profile_new ("dev");
  CredResult r = { 0 };

  clear_env ();
  write_aws_files ("[default]\nregion = us-east-1\n[profile dev]\nregion = eu-west-1\n",
                   "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = default-secret\n"
                   "[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = dev-secret\n"
                   "aws_session_token = dev-token\n");
  get (provider, &r, 10);
  g_assert_no_error (r.error);
  g_assert_cmpstr (dd_credentials_get_access_key_id (r.credentials), ==, "AKIDDEFAULT");
  g_assert_cmpstr (dd_credentials_get_provider (r.credentials), ==, "profile:default");

  get (dev, &r, 10);
  g_assert_cmpstr (dd_credentials_get_access_key_id (r.credentials), ==, "AKIDDEV");
  g_assert_cmpstr (dd_credentials_get_session_token (r.credentials), ==, "dev-token");
  g_assert_cmpstr (dd_credentials_get_provider (r.credentials), ==, "profile:dev");

  /* AWS_PROFILE selects, read at each request. */
  g_setenv ("AWS_PROFILE", "dev", TRUE);
  get (provider, &r, 10);
  g_assert_cmpstr (dd_credentials_get_provider (r.credentials), ==, "profile:dev");
  g_setenv ("AWS_PROFILE", "missing", TRUE);
  get (provider, &r, 10);
  g_assert_error (r.error, DD_ERROR, DD_ERROR_CREDENTIALS);
  g_assert_nonnull (strstr (r.error->message, "missing"));
  cred_result_clear (&r);
  clear_env ();
}

static void
test_bad_files (void)
{
  g_autoptr(DdCredentialsProvider) provider = dd_provider_profile_new (NULL);
  CredResult r = { 0 };

  clear_env ();
  write_aws_files ("", "");
  get (provider, &r, 10);
  g_assert_error (r.error, DD_ERROR, DD_ERROR_CREDENTIALS);
  g_assert_nonnull (strstr (r.error->message, "No profiles were defined"));

  write_aws_files ("[default]\n= us-east-1\n\n[profile base]\nregion = us-east-1\n", "");
  get (provider, &r, 10);
  g_assert_error (r.error, DD_ERROR, DD_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (r.error->message, "could not parse profile file"));
  cred_result_clear (&r);
}

static void
test_source_profile_loop (void)
{
  g_autoptr(DdCredentialsProvider) provider = dd_provider_profile_new ("A");
  CredResult r = { 0 };

  clear_env ();
  write_aws_files ("[profile A]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = B\n"
                   "[profile B]\nrole_arn = arn:aws:iam::1:role/B\nsource_profile = C\n"
                   "[profile C]\nrole_arn = arn:aws:iam::1:role/C\nsource_profile = A\n", "");
  get (provider, &r, 10);
  g_assert_error (r.error, DD_ERROR, DD_ERROR_CREDENTIALS);
  g_assert_nonnull (strstr (r.error->message, "infinite loop"));
  g_assert_nonnull (strstr (r.error->message, "A -> B -> C -> A"));
  cred_result_clear (&r);
}

/* The SDKs' e2e_assume_role and region_override scenarios, on a local STS. */
static void
test_role_chain (void)
{
  g_autoptr(FakeAws) fake = fake_aws_new ();
  g_autoptr(DdCredentialsProvider) provider = dd_provider_profile_new (NULL);
  CredResult r = { 0 };

  clear_env ();
  fake->secret = g_strdup ("FAKE");
  g_setenv ("AWS_ENDPOINT_URL_STS", fake->url, TRUE);
  write_aws_files ("[default]\nregion = us-west-2\nrole_arn = arn:aws:iam::123456789:role/integration-test\n"
                   "source_profile = base\nexternal_id = ext-9\nduration_seconds = 3600\n"
                   "role_session_name = my-session\n[profile base]\nregion = us-east-1\n",
                   "[base]\naws_access_key_id = AKIAFAKE\naws_secret_access_key = FAKE\n");
  get (provider, &r, 10);
  g_assert_no_error (r.error);
  g_assert_cmpstr (dd_credentials_get_provider (r.credentials), ==, "profile:default");
  g_assert_cmpstr (dd_credentials_get_access_key_id (r.credentials), ==, "ASIASTS1");
  g_assert_cmpstr (dd_credentials_get_session_token (r.credentials), ==, "sts-session-token-1");
  g_assert_true (fake->last_signature_ok);
  g_assert_nonnull (strstr (fake->last_authorization, "Credential=AKIAFAKE/"));
  g_assert_nonnull (strstr (fake->last_authorization, "/us-west-2/sts/aws4_request"));
  g_assert_cmpstr (fake_aws_param (fake, "RoleArn"), ==, "arn:aws:iam::123456789:role/integration-test");
  g_assert_cmpstr (fake_aws_param (fake, "ExternalId"), ==, "ext-9");
  g_assert_cmpstr (fake_aws_param (fake, "DurationSeconds"), ==, "3600");
  g_assert_cmpstr (fake_aws_param (fake, "RoleSessionName"), ==, "my-session");

  /* AWS_REGION wins over the profile's region. */
  g_setenv ("AWS_REGION", "us-east-2", TRUE);
  get (provider, &r, 10);
  g_assert_no_error (r.error);
  g_assert_nonnull (strstr (fake->last_authorization, "/us-east-2/sts/aws4_request"));
  cred_result_clear (&r);
  clear_env ();
}

/* role_arn chained twice, base from credential_source = Environment, MFA. */
static void
test_role_chain_sources (void)
{
  g_autoptr(FakeAws) fake = fake_aws_new ();
  g_autoptr(DdCredentialsProvider) provider = dd_provider_profile_new ("outer");
  CredResult r = { 0 };

  clear_env ();
  g_setenv ("AWS_ENDPOINT_URL_STS", fake->url, TRUE);
  g_setenv ("AWS_ACCESS_KEY_ID", "AKIDENV", TRUE);
  g_setenv ("AWS_SECRET_ACCESS_KEY", "env-secret", TRUE);
  write_aws_files ("[profile outer]\nrole_arn = arn:aws:iam::1:role/outer\nsource_profile = inner\n"
                   "mfa_serial = arn:aws:iam::1:mfa/me\n"
                   "[profile inner]\nrole_arn = arn:aws:iam::1:role/inner\ncredential_source = Environment\n", "");
  get (provider, &r, 10);
  g_assert_error (r.error, DD_ERROR, DD_ERROR_CREDENTIALS);
  g_assert_nonnull (strstr (r.error->message, "MFA code required"));
  /* The inner role was assumed with the environment's keys; the outer not at all. */
  g_assert_cmpuint (fake->sts_calls, ==, 1);
  g_assert_nonnull (strstr (fake->last_authorization, "Credential=AKIDENV/"));
  g_assert_cmpstr (fake_aws_param (fake, "RoleArn"), ==, "arn:aws:iam::1:role/inner");
  cred_result_clear (&r);
  clear_env ();
}

static void
test_credential_process_profile (void)
{
  g_autoptr(DdCredentialsProvider) provider = dd_provider_profile_new (NULL);
  CredResult r = { 0 };

  clear_env ();
  write_aws_files ("[default]\nsource_profile = base\ncredential_process = printf "
                   "'{\"Version\": 1, \"AccessKeyId\": \"ASIARTESTID\", \"SecretAccessKey\": \"TESTSECRETKEY\", "
                   "\"SessionToken\": \"TESTSESSIONTOKEN\", \"Expiration\": \"2022-05-02T18:36:00+00:00\"}'\n"
                   "[profile base]\nregion = us-east-1\n",
                   "[base]\naws_access_key_id = AKIAFAKE\naws_secret_access_key = FAKE\n");
  get (provider, &r, 10);
  g_assert_no_error (r.error);
  g_assert_cmpstr (dd_credentials_get_access_key_id (r.credentials), ==, "ASIARTESTID");
  g_assert_cmpstr (dd_credentials_get_session_token (r.credentials), ==, "TESTSESSIONTOKEN");
  g_assert_cmpint (g_date_time_to_unix (dd_credentials_get_expiration (r.credentials)), ==, 1651516560);
  g_assert_cmpstr (dd_credentials_get_provider (r.credentials), ==, "profile:default");

  write_aws_files ("[default]\ncredential_process = echo 'invalid json'\n", "");
  get (provider, &r, 10);
  g_assert_error (r.error, DD_ERROR, DD_ERROR_CREDENTIALS);
  g_assert_nonnull (strstr (r.error->message, "not a JSON object"));
  cred_result_clear (&r);
}

/* The default chain. */

static void
test_default_chain (void)
{
  g_autoptr(DdCredentialsProvider) chain = dd_provider_chain_new_default ();
  g_autoptr(FakeAws) fake = fake_aws_new ();
  g_autofree char *container = g_strconcat (fake->url, "/container", NULL);
  CredResult r = { 0 };

  clear_env ();
  g_assert_cmpuint (dd_provider_chain_get_length (DD_PROVIDER_CHAIN (chain)), ==, 5);
  write_aws_files ("", "");
  get (chain, &r, 10);
  g_assert_error (r.error, DD_ERROR, DD_ERROR_CREDENTIALS);
  {
    const char *order[] = { "- environment: ", "- web-identity: ", "- profile: ", "- container: ", "- imds: " };
    const char *at = r.error->message;

    for (guint i = 0; i < G_N_ELEMENTS (order); i++)
      {
        at = strstr (at, order[i]);
        g_assert_nonnull (at);
      }
  }

  g_setenv ("AWS_CONTAINER_CREDENTIALS_FULL_URI", container, TRUE);
  get (chain, &r, 10);
  g_assert_cmpstr (dd_credentials_get_provider (r.credentials), ==, "container");

  write_aws_files ("[profile dev]\nregion = eu-west-1\n",
                   "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = s\n"
                   "[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = s\n");
  get (chain, &r, 10);
  g_assert_cmpstr (dd_credentials_get_provider (r.credentials), ==, "profile:default");
  g_setenv ("AWS_PROFILE", "dev", TRUE);
  get (chain, &r, 10);
  g_assert_cmpstr (dd_credentials_get_provider (r.credentials), ==, "profile:dev");

  g_setenv ("AWS_ACCESS_KEY_ID", "AKIDENV", TRUE);
  g_setenv ("AWS_SECRET_ACCESS_KEY", "env-secret", TRUE);
  get (chain, &r, 10);
  g_assert_cmpstr (dd_credentials_get_provider (r.credentials), ==, "environment");
  g_assert_cmpstr (dd_credentials_get_access_key_id (r.credentials), ==, "AKIDENV");
  cred_result_clear (&r);
  clear_env ();
}

/* Web identity comes before the profile. */
static void
test_default_chain_web_identity (void)
{
  g_autoptr(DdCredentialsProvider) chain = dd_provider_chain_new_default ();
  g_autoptr(FakeAws) fake = fake_aws_new ();
  g_autofree char *token_file = write_home_file ("token.jwt", "jwt-token");
  CredResult r = { 0 };

  clear_env ();
  write_aws_files ("", "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = s\n");
  g_setenv ("AWS_ENDPOINT_URL_STS", fake->url, TRUE);
  g_setenv ("AWS_WEB_IDENTITY_TOKEN_FILE", token_file, TRUE);
  g_setenv ("AWS_ROLE_ARN", "arn:aws:iam::1:role/web", TRUE);
  get (chain, &r, 10);
  g_assert_no_error (r.error);
  g_assert_cmpstr (dd_credentials_get_provider (r.credentials), ==, "web-identity");
  cred_result_clear (&r);
  clear_env ();
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(JsonNode) root = NULL;

  dd_test_init (&argc, &argv);

  root = load_json ("smithy-rs", "assume-role-tests.json");
  suite = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (suite); i++)
    {
      g_autofree char *path = g_strdup_printf ("/dd/provider-profile/chain-suite/%02u", i);
      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_chain_suite_case);
    }
  g_test_add_func ("/dd/provider-profile/static-keys", test_static_keys);
  g_test_add_func ("/dd/provider-profile/bad-files", test_bad_files);
  g_test_add_func ("/dd/provider-profile/source-profile-loop", test_source_profile_loop);
  g_test_add_func ("/dd/provider-profile/role-chain", test_role_chain);
  g_test_add_func ("/dd/provider-profile/role-chain-sources", test_role_chain_sources);
  g_test_add_func ("/dd/provider-profile/credential-process", test_credential_process_profile);
  g_test_add_func ("/dd/provider-chain/default", test_default_chain);
  g_test_add_func ("/dd/provider-chain/web-identity-first", test_default_chain_web_identity);
  return g_test_run ();
}
