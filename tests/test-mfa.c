/* test-mfa.c: MFA codes for assumed roles, against a loopback STS that
 * checks SerialNumber and TokenCode: first use, a wrong code, too many
 * wrong codes, a cancelled prompt, and asking again when the credentials
 * expire (the cache's clock an input).
 */
#define G_LOG_DOMAIN "test-mfa"

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "dd-error.h"
#include "dd-mfa.h"
#include "dd-provider-assume-role.h"
#include "dd-provider-cache.h"
#include "dd-provider-profile.h"
#include "dd-provider-static.h"
#include "dd-test-client.h"
#include "dd-test-dynamo.h"
#include "dd-test-fake.h"

#define SERIAL "arn:aws:iam::123456789012:mfa/tester"
#define ROLE "arn:aws:iam::123456789012:role/needs-mfa"

/* A fake STS AssumeRole that wants SERIAL and the code it holds. */
typedef struct
{
  SoupServer *server;
  char       *url;
  char       *code;            /* the valid code */
  guint       calls;
  guint       issued;
  char       *last_serial;
  char       *last_code;
} FakeSts;

static void
sts_reply (SoupServerMessage *msg,
           guint              status,
           const char        *xml)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "x-amzn-RequestId", "mfa-req");
  soup_server_message_set_response (msg, "text/xml", SOUP_MEMORY_COPY, xml, strlen (xml));
}

static void
sts_error (SoupServerMessage *msg,
           const char        *code,
           const char        *message)
{
  g_autofree char *xml = g_strdup_printf ("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                                          "<Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error>"
                                          "<RequestId>mfa-req</RequestId></ErrorResponse>", code, message);

  sts_reply (msg, 403, xml);
}

static void
sts_handler (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           data)
{
  FakeSts *fake = data;
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autofree char *form = g_strndup (body->data, body->length);
  g_autoptr(GHashTable) params = soup_form_decode (form);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) expires = g_date_time_add_hours (now, 1);
  g_autofree char *expiration = g_date_time_format (expires, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *xml = NULL;

  fake->calls++;
  g_free (fake->last_serial);
  g_free (fake->last_code);
  fake->last_serial = g_strdup (g_hash_table_lookup (params, "SerialNumber"));
  fake->last_code = g_strdup (g_hash_table_lookup (params, "TokenCode"));
  if (g_strcmp0 (g_hash_table_lookup (params, "Action"), "AssumeRole") != 0 ||
      soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Authorization") == NULL)
    {
      sts_error (msg, "InvalidAction", "not a signed AssumeRole");
      return;
    }
  if (fake->last_serial == NULL || fake->last_code == NULL)
    {
      sts_error (msg, "AccessDenied", "User: arn:aws:iam::123456789012:user/tester is not authorized to perform: "
                 "sts:AssumeRole on resource: " ROLE);
      return;
    }
  if (g_strcmp0 (fake->last_serial, SERIAL) != 0 || g_strcmp0 (fake->last_code, fake->code) != 0)
    {
      sts_error (msg, "AccessDenied", "MultiFactorAuthentication failed with invalid MFA one time pass code. ");
      return;
    }
  fake->issued++;
  xml = g_strdup_printf ("<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>"
                         "<Credentials><AccessKeyId>ASIAMFA%u</AccessKeyId><SecretAccessKey>mfa-secret</SecretAccessKey>"
                         "<SessionToken>mfa-token</SessionToken><Expiration>%s</Expiration></Credentials>"
                         "</AssumeRoleResult></AssumeRoleResponse>", fake->issued, expiration);
  sts_reply (msg, 200, xml);
}

static FakeSts *
fake_sts_new (const char *code)
{
  FakeSts *fake = g_new0 (FakeSts, 1);

  fake->code = g_strdup (code);
  fake->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fake->server, NULL, sts_handler, fake, NULL);
  {
    g_autofree char *base = dd_test_listen_local (fake->server);

    fake->url = g_strconcat (base, "/", NULL);
  }
  return fake;
}

static void
fake_sts_free (FakeSts *fake)
{
  soup_server_disconnect (fake->server);
  g_object_unref (fake->server);
  g_free (fake->url);
  g_free (fake->code);
  g_free (fake->last_serial);
  g_free (fake->last_code);
  g_free (fake);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FakeSts, fake_sts_free)

/* The person: answers with the codes in turn, from the main loop, or
 * cancels when there is none left. */
typedef struct
{
  const char *const *codes;
  guint              asked;
  guint              attempts[8];
  char              *previous[8];
  char              *serial;
} Person;

typedef struct
{
  GTask *task;
  char  *code;
} Answer;

static gboolean
answer_idle (gpointer data)
{
  Answer *answer = data;

  if (answer->code != NULL)
    g_task_return_pointer (answer->task, answer->code, g_free);
  else
    g_task_return_new_error (answer->task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "the person cancelled");
  g_object_unref (answer->task);
  g_free (answer);
  return G_SOURCE_REMOVE;
}

static void
prompt_cb (const DdMfaRequest *request,
           GCancellable       *cancellable,
           GTask              *task,
           gpointer            user_data)
{
  Person *person = user_data;
  Answer *answer = g_new0 (Answer, 1);
  guint i = person->asked++;

  if (i < G_N_ELEMENTS (person->attempts))
    {
      person->attempts[i] = request->attempt;
      person->previous[i] = g_strdup (request->previous_error);
    }
  g_free (person->serial);
  person->serial = g_strdup (request->mfa_serial);
  g_assert_cmpuint (request->max_attempts, ==, 3);
  answer->task = task;
  answer->code = person->codes[i] != NULL ? g_strdup (person->codes[i]) : NULL;
  g_idle_add (answer_idle, answer);
}

static void
person_clear (Person *person)
{
  for (guint i = 0; i < G_N_ELEMENTS (person->previous); i++)
    g_free (person->previous[i]);
  g_free (person->serial);
}

static DdCredentialsProvider *
role_with_mfa (FakeSts *fake)
{
  g_autoptr(DdCredentials) base = dd_credentials_new ("AKIDBASE", "base-secret", NULL, NULL, "test");
  g_autoptr(DdCredentialsProvider) base_provider = dd_provider_static_new (base);
  DdCredentialsProvider *role = dd_provider_assume_role_new (base_provider, ROLE);

  dd_provider_assume_role_set_mfa_serial (DD_PROVIDER_ASSUME_ROLE (role), SERIAL);
  dd_provider_assume_role_set_region (DD_PROVIDER_ASSUME_ROLE (role), "us-east-1");
  dd_provider_assume_role_set_sts_endpoint (DD_PROVIDER_ASSUME_ROLE (role), fake->url);
  return role;
}

static void
test_first_use (void)
{
  g_autoptr(FakeSts) fake = fake_sts_new ("123456");
  const char *const codes[] = { " 123456\n", NULL };
  Person person = { codes };
  g_autoptr(DdCredentialsProvider) role = role_with_mfa (fake);
  g_autoptr(DdCredentialsProvider) mfa = dd_mfa_new (role, prompt_cb, &person, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCredentials) credentials = dd_test_get_credentials (mfa, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (dd_credentials_get_access_key_id (credentials), ==, "ASIAMFA1");
  g_assert_cmpuint (person.asked, ==, 1);
  g_assert_cmpuint (person.attempts[0], ==, 1);
  g_assert_null (person.previous[0]);
  g_assert_cmpstr (person.serial, ==, SERIAL);
  g_assert_cmpstr (fake->last_serial, ==, SERIAL);
  g_assert_cmpstr (fake->last_code, ==, "123456");
  g_assert_cmpuint (dd_mfa_get_prompt_count (DD_MFA (mfa)), ==, 1);
  person_clear (&person);
}

static void
test_wrong_code_asks_again (void)
{
  g_autoptr(FakeSts) fake = fake_sts_new ("123456");
  const char *const codes[] = { "000000", "123456", NULL };
  Person person = { codes };
  g_autoptr(DdCredentialsProvider) role = role_with_mfa (fake);
  g_autoptr(DdCredentialsProvider) mfa = dd_mfa_new (role, prompt_cb, &person, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCredentials) credentials = dd_test_get_credentials (mfa, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (dd_credentials_get_access_key_id (credentials), ==, "ASIAMFA1");
  g_assert_cmpuint (fake->calls, ==, 2);
  g_assert_cmpuint (person.asked, ==, 2);
  g_assert_cmpuint (person.attempts[1], ==, 2);
  g_assert_nonnull (strstr (person.previous[1], "MultiFactorAuthentication failed with invalid MFA one time pass code."));
  person_clear (&person);
}

static void
test_too_many_wrong_codes (void)
{
  g_autoptr(FakeSts) fake = fake_sts_new ("123456");
  const char *const codes[] = { "111111", "222222", "333333", "123456", NULL };
  Person person = { codes };
  g_autoptr(DdCredentialsProvider) role = role_with_mfa (fake);
  g_autoptr(DdCredentialsProvider) mfa = dd_mfa_new (role, prompt_cb, &person, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCredentials) credentials = dd_test_get_credentials (mfa, &error);

  g_assert_null (credentials);
  g_assert_error (error, DD_ERROR, DD_ERROR_SERVICE);
  g_assert_cmpstr (dd_error_get_aws_code (error), ==, "AccessDenied");
  g_assert_true (dd_mfa_error_is_invalid_code (error));
  g_assert_nonnull (strstr (error->message, "refused 3 times"));
  g_assert_cmpuint (person.asked, ==, 3);
  g_assert_cmpuint (fake->calls, ==, 3);
  g_assert_cmpuint (fake->issued, ==, 0);
  person_clear (&person);
}

static void
test_cancelled (void)
{
  g_autoptr(FakeSts) fake = fake_sts_new ("123456");
  const char *const codes[] = { NULL };
  Person person = { codes };
  g_autoptr(DdCredentialsProvider) role = role_with_mfa (fake);
  g_autoptr(DdCredentialsProvider) mfa = dd_mfa_new (role, prompt_cb, &person, NULL);
  g_autoptr(DdCredentialsProvider) cache = dd_provider_cache_new (mfa);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCredentials) credentials = dd_test_get_credentials (cache, &error);

  g_assert_null (credentials);
  g_assert_error (error, DD_ERROR, DD_ERROR_CREDENTIALS);
  g_assert_true (dd_mfa_error_is_cancelled (error));
  g_assert_true (g_str_has_prefix (error->message, "MFA cancelled"));
  g_assert_cmpuint (fake->calls, ==, 0);
  /* nothing asks again by itself */
  dd_test_spin (150);
  g_assert_cmpuint (person.asked, ==, 1);
  person_clear (&person);
}

static GDateTime *
clock_cb (gpointer data)
{
  return g_date_time_ref (*(GDateTime **) data);
}

static void
test_asked_again_at_expiry (void)
{
  g_autoptr(FakeSts) fake = fake_sts_new ("123456");
  const char *const codes[] = { "123456", "654321", NULL };
  Person person = { codes };
  g_autoptr(DdCredentialsProvider) role = role_with_mfa (fake);
  g_autoptr(DdCredentialsProvider) mfa = dd_mfa_new (role, prompt_cb, &person, NULL);
  g_autoptr(DdCredentialsProvider) cache = dd_provider_cache_new (mfa);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCredentials) first = NULL;
  g_autoptr(DdCredentials) again = NULL;
  g_autoptr(DdCredentials) renewed = NULL;
  GDateTime *clock = g_date_time_ref (now);

  dd_provider_cache_set_now_func (DD_PROVIDER_CACHE (cache), clock_cb, &clock, NULL);
  first = dd_test_get_credentials (cache, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_credentials_get_access_key_id (first), ==, "ASIAMFA1");
  g_assert_cmpuint (person.asked, ==, 1);

  /* half an hour later: the cached credentials serve, nobody is asked */
  g_date_time_unref (clock);
  clock = g_date_time_add_minutes (now, 30);
  again = dd_test_get_credentials (cache, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_credentials_get_access_key_id (again), ==, "ASIAMFA1");
  g_assert_cmpuint (person.asked, ==, 1);

  /* 58 minutes later they are about to expire: a new code is asked */
  g_free (fake->code);
  fake->code = g_strdup ("654321");
  g_date_time_unref (clock);
  clock = g_date_time_add_minutes (now, 58);
  renewed = dd_test_get_credentials (cache, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_credentials_get_access_key_id (renewed), ==, "ASIAMFA2");
  g_assert_cmpuint (person.asked, ==, 2);
  g_assert_cmpuint (person.attempts[1], ==, 1);
  g_assert_cmpstr (fake->last_code, ==, "654321");
  g_date_time_unref (clock);
  person_clear (&person);
}

static void
test_profile_with_mfa_serial (void)
{
  g_autoptr(FakeSts) fake = fake_sts_new ("777777");
  const char *const codes[] = { "777777", NULL };
  Person person = { codes };
  g_autoptr(DdProfileFile) file = dd_profile_file_new ();
  g_autoptr(DdCredentialsProvider) profile = NULL;
  g_autoptr(DdCredentialsProvider) mfa = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCredentials) credentials = NULL;

  dd_profile_file_merge_text (file, DD_PROFILE_FILE_KIND_CONFIG,
                              "[profile base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = s\n"
                              "[profile admin]\nrole_arn = " ROLE "\nsource_profile = base\n"
                              "mfa_serial = " SERIAL "\nregion = us-east-1\n", "config", &error);
  g_assert_no_error (error);
  g_setenv ("AWS_ENDPOINT_URL_STS", fake->url, TRUE);
  profile = dd_provider_profile_new_for_file (file, "admin");
  mfa = dd_mfa_new (profile, prompt_cb, &person, NULL);
  credentials = dd_test_get_credentials (mfa, &error);
  g_unsetenv ("AWS_ENDPOINT_URL_STS");
  g_assert_no_error (error);
  g_assert_cmpstr (dd_credentials_get_access_key_id (credentials), ==, "ASIAMFA1");
  g_assert_cmpstr (dd_credentials_get_provider (credentials), ==, "profile:admin");
  g_assert_cmpuint (person.asked, ==, 1);
  g_assert_cmpstr (person.serial, ==, SERIAL);
  g_assert_cmpstr (fake->last_code, ==, "777777");
  person_clear (&person);
}

static void
test_invalid_code_errors (void)
{
  struct { const char *code; const char *message; gboolean invalid; } cases[] = {
    { "AccessDenied", "MultiFactorAuthentication failed with invalid MFA one time pass code. ", TRUE },
    { "ValidationError", "1 validation error detected: Value 'abc' at 'tokenCode' failed to satisfy constraint", TRUE },
    { "AccessDenied", "User is not authorized to perform: sts:AssumeRole", FALSE },
    { "ExpiredToken", "The security token included in the request is expired", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = dd_error_new_service (cases[i].code, cases[i].message, 403, "r");

      g_assert_cmpint (dd_mfa_error_is_invalid_code (error), ==, cases[i].invalid);
      g_assert_false (dd_mfa_error_is_cancelled (error));
    }
}

int
main (int    argc,
      char **argv)
{
  dd_test_init (&argc, &argv);

  g_test_add_func ("/dd/mfa/first-use", test_first_use);
  g_test_add_func ("/dd/mfa/wrong-code", test_wrong_code_asks_again);
  g_test_add_func ("/dd/mfa/too-many-wrong-codes", test_too_many_wrong_codes);
  g_test_add_func ("/dd/mfa/cancelled", test_cancelled);
  g_test_add_func ("/dd/mfa/expiry", test_asked_again_at_expiry);
  g_test_add_func ("/dd/mfa/profile", test_profile_with_mfa_serial);
  g_test_add_func ("/dd/mfa/invalid-code-errors", test_invalid_code_errors);
  return g_test_run ();
}
