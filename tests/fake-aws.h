/* fake-aws.h: loopback fakes of the cloud-only credential services.
 *
 * One SoupServer on 127.0.0.1 (port 0) speaking the documented protocols:
 * - STS Query API at "/" (POST form): AssumeRole and GetCallerIdentity
 *   must be signed (the signature is recomputed from what arrived and
 *   checked), AssumeRoleWithWebIdentity must not be; XML answers, or
 *   <ErrorResponse> with the configured error;
 * - IMDSv2: PUT /latest/api/token (needs the TTL header), then
 *   /latest/meta-data/iam/security-credentials/[ROLE], 401 without the token;
 * - a container credentials endpoint at /container checking Authorization.
 * Every request is counted per path. Included by several tests.
 */
#pragma once

#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "dd-credentials-provider.h"
#include "dd-test-dynamo.h"
#include "dd-test-fake.h"

#include "dd-credentials.h"
#include "dd-sigv4.h"

typedef struct
{
  SoupServer *server;
  char       *url;              /* http://127.0.0.1:PORT */
  GHashTable *hits;             /* path -> count */
  guint       sts_calls;        /* STS calls that got credentials */
  /* STS */
  char       *secret;           /* to check signatures with (NULL: only their presence) */
  char       *fail_code;        /* answer this error instead */
  char       *fail_message;
  guint       fail_status;
  gint64      lifetime;         /* seconds the issued credentials last */
  guint       delay_ms;         /* answer after this long */
  GHashTable *last_params;      /* the last STS form, decoded */
  char       *last_authorization;
  char       *last_security_token;
  gboolean    last_signature_ok;
  /* IMDS */
  char       *imds_token;
  char       *imds_ttl;         /* the TTL header the token request carried */
  gboolean    imds_no_role;
  /* container */
  char       *container_token;  /* the Authorization it expects */
  char       *last_container_authorization;
} FakeAws;

static inline char *
fake_aws_iso8601 (gint64 seconds_from_now)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_seconds (now, (gdouble) seconds_from_now);

  return g_date_time_format (then, "%Y-%m-%dT%H:%M:%SZ");
}

static inline guint
fake_aws_hits (FakeAws    *fake,
               const char *path)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (fake->hits, path));
}

static inline void
fake_aws_set_error (FakeAws    *fake,
                    guint       status,
                    const char *code,
                    const char *message)
{
  g_free (fake->fail_code);
  g_free (fake->fail_message);
  fake->fail_status = status;
  fake->fail_code = g_strdup (code);
  fake->fail_message = g_strdup (message);
}

static inline gboolean
fake_aws_unpause_cb (gpointer data)
{
  soup_server_message_unpause (data);
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

static inline void
fake_aws_reply (FakeAws           *fake,
                SoupServerMessage *msg,
                guint              status,
                const char        *content_type,
                const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "x-amzn-RequestId", "fake-request-id-1");
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body, strlen (body));
  if (fake->delay_ms > 0)
    {
      soup_server_message_pause (msg);
      g_timeout_add (fake->delay_ms, fake_aws_unpause_cb, g_object_ref (msg));
    }
}

/* Recomputes the SigV4 signature from what arrived. */
static inline gboolean
fake_aws_signature_ok (FakeAws           *fake,
                       SoupServerMessage *msg,
                       SoupMessageBody   *body)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  const char *amz_date = soup_message_headers_get_one (headers, "X-Amz-Date");
  g_auto(GStrv) parts = NULL;
  g_auto(GStrv) scope = NULL;
  g_auto(GStrv) names = NULL;
  g_autofree DdSigv4Header *signed_headers = NULL;
  g_autofree char *iso = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  guint n;

  if (authorization == NULL || amz_date == NULL || strlen (amz_date) != 16)
    return FALSE;
  /* "AWS4-HMAC-SHA256 Credential=AK/DATE/REGION/sts/aws4_request, SignedHeaders=a;b, Signature=..." */
  parts = g_regex_split_simple ("[ ,=]+", authorization, 0, 0);
  if (g_strv_length (parts) < 7)
    return FALSE;
  scope = g_strsplit (parts[2], "/", -1);
  names = g_strsplit (parts[4], ";", -1);
  if (g_strv_length (scope) != 5)
    return FALSE;
  n = g_strv_length (names);
  signed_headers = g_new0 (DdSigv4Header, n);
  for (guint i = 0; i < n; i++)
    {
      signed_headers[i].name = names[i];
      signed_headers[i].value = soup_message_headers_get_one (headers, names[i]);
      if (signed_headers[i].value == NULL)
        return FALSE;
    }
  iso = g_strdup_printf ("%.4s-%.2s-%.2sT%.2s:%.2s:%.2sZ", amz_date, amz_date + 4, amz_date + 6,
                         amz_date + 9, amz_date + 11, amz_date + 13);
  when = g_date_time_new_from_iso8601 (iso, utc);
  {
    DdSigv4Request request = { "POST", g_uri_get_path (soup_server_message_get_uri (msg)), NULL,
                               signed_headers, n, (const guint8 *) body->data, (gsize) body->length,
                               NULL, TRUE };
    DdSigv4Scope sig_scope = { scope[0], fake->secret, scope[2], scope[3], when };

    expected = dd_sigv4_authorization (&request, &sig_scope);
  }
  return g_strcmp0 (expected, authorization) == 0;
}

static inline void
fake_aws_sts (FakeAws           *fake,
              SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autofree char *form = g_strndup (body->data, body->length);
  const char *action, *authorization;
  g_autofree char *xml = NULL;
  g_autofree char *expires = NULL;
  guint n;

  g_clear_pointer (&fake->last_params, g_hash_table_unref);
  fake->last_params = soup_form_decode (form);
  action = g_hash_table_lookup (fake->last_params, "Action");
  authorization = soup_message_headers_get_one (headers, "Authorization");
  g_free (fake->last_authorization);
  fake->last_authorization = g_strdup (authorization);
  g_free (fake->last_security_token);
  fake->last_security_token = g_strdup (soup_message_headers_get_one (headers, "X-Amz-Security-Token"));
  fake->last_signature_ok = fake->secret != NULL ? fake_aws_signature_ok (fake, msg, body) : authorization != NULL;

  if (fake->fail_code != NULL)
    {
      xml = g_strdup_printf ("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
                             "  <Error>\n    <Type>Sender</Type>\n    <Code>%s</Code>\n"
                             "    <Message>%s</Message>\n  </Error>\n"
                             "  <RequestId>fake-error-request</RequestId>\n</ErrorResponse>\n",
                             fake->fail_code, fake->fail_message);
      fake_aws_reply (fake, msg, fake->fail_status, "text/xml", xml);
      return;
    }
  if (g_strcmp0 (action, "AssumeRoleWithWebIdentity") != 0 && !fake->last_signature_ok)
    {
      fake_aws_reply (fake, msg, 403, "text/xml",
                      "<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code>"
                      "<Message>The request signature we calculated does not match</Message></Error></ErrorResponse>");
      return;
    }
  if (g_strcmp0 (action, "GetCallerIdentity") == 0)
    {
      fake_aws_reply (fake, msg, 200, "text/xml",
                      "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                      "<GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/tester</Arn>"
                      "<UserId>AIDATESTER</UserId><Account>123456789012</Account></GetCallerIdentityResult>"
                      "</GetCallerIdentityResponse>");
      return;
    }
  n = ++fake->sts_calls;
  expires = fake_aws_iso8601 (fake->lifetime);
  xml = g_strdup_printf ("<%sResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
                         "  <%sResult>\n    <Credentials>\n"
                         "      <AccessKeyId>ASIASTS%u</AccessKeyId>\n"
                         "      <SecretAccessKey>sts-secret-%u</SecretAccessKey>\n"
                         "      <SessionToken>sts-session-token-%u</SessionToken>\n"
                         "      <Expiration>%s</Expiration>\n    </Credentials>\n"
                         "  </%sResult>\n</%sResponse>\n",
                         action, action, n, n, n, expires, action, action);
  fake_aws_reply (fake, msg, 200, "text/xml", xml);
}

static inline void
fake_aws_imds (FakeAws           *fake,
               SoupServerMessage *msg,
               const char        *path)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *method = soup_server_message_get_method (msg);
  const char *token = soup_message_headers_get_one (headers, "X-aws-ec2-metadata-token");
  const char *roles = "/latest/meta-data/iam/security-credentials/";
  g_autofree char *expires = NULL;
  g_autofree char *json = NULL;

  if (g_str_equal (path, "/latest/api/token"))
    {
      const char *ttl = soup_message_headers_get_one (headers, "X-aws-ec2-metadata-token-ttl-seconds");

      g_free (fake->imds_ttl);
      fake->imds_ttl = g_strdup (ttl);
      if (!g_str_equal (method, "PUT") || ttl == NULL)
        {
          fake_aws_reply (fake, msg, 400, "text/plain", "bad token request");
          return;
        }
      g_free (fake->imds_token);
      fake->imds_token = g_strdup_printf ("imds-token-%u", fake_aws_hits (fake, path));
      fake_aws_reply (fake, msg, 200, "text/plain", fake->imds_token);
    }
  else if (token == NULL || g_strcmp0 (token, fake->imds_token) != 0)
    fake_aws_reply (fake, msg, 401, "text/plain", "Unauthorized");
  else if (fake->imds_no_role)
    fake_aws_reply (fake, msg, 404, "text/plain", "Not Found");
  else if (g_str_equal (path, roles))
    fake_aws_reply (fake, msg, 200, "text/plain", "test-role\n");
  else if (!g_str_equal (path + strlen (roles), "test-role"))
    fake_aws_reply (fake, msg, 404, "text/plain", "Not Found");
  else
    {
      expires = fake_aws_iso8601 (fake->lifetime);
      json = g_strdup_printf ("{\"Code\": \"Success\", \"Type\": \"AWS-HMAC\", \"AccessKeyId\": \"ASIAIMDS%u\","
                              " \"SecretAccessKey\": \"imds-secret\", \"Token\": \"imds-session-token\","
                              " \"Expiration\": \"%s\"}", fake_aws_hits (fake, path), expires);
      fake_aws_reply (fake, msg, 200, "application/json", json);
    }
}

static inline void
fake_aws_container (FakeAws           *fake,
                    SoupServerMessage *msg)
{
  const char *authorization = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                            "Authorization");
  g_autofree char *expires = fake_aws_iso8601 (fake->lifetime);
  g_autofree char *json = NULL;

  g_free (fake->last_container_authorization);
  fake->last_container_authorization = g_strdup (authorization);
  if (fake->container_token != NULL && g_strcmp0 (authorization, fake->container_token) != 0)
    {
      fake_aws_reply (fake, msg, 401, "application/json",
                      "{\"code\": \"AccessDenied\", \"message\": \"wrong authorization token\"}");
      return;
    }
  json = g_strdup_printf ("{\"AccessKeyId\": \"ASIACONTAINER\", \"SecretAccessKey\": \"container-secret\","
                          " \"Token\": \"container-session-token\", \"Expiration\": \"%s\","
                          " \"RoleArn\": \"arn:aws:iam::123456789012:role/task\"}", expires);
  fake_aws_reply (fake, msg, 200, "application/json", json);
}

static inline void
fake_aws_handler (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           data)
{
  FakeAws *fake = data;

  g_hash_table_insert (fake->hits, g_strdup (path), GUINT_TO_POINTER (fake_aws_hits (fake, path) + 1));
  if (g_str_equal (path, "/") && g_str_equal (soup_server_message_get_method (msg), "POST"))
    fake_aws_sts (fake, msg);
  else if (g_str_has_prefix (path, "/latest/"))
    fake_aws_imds (fake, msg, path);
  else if (g_str_equal (path, "/container"))
    fake_aws_container (fake, msg);
  else if (g_str_equal (path, "/redirect"))
    {
      soup_server_message_set_redirect (msg, 302, "/");
    }
  else
    fake_aws_reply (fake, msg, 404, "text/plain", "no such path");
}

static inline FakeAws *
fake_aws_new (void)
{
  FakeAws *fake = g_new0 (FakeAws, 1);

  fake->server = soup_server_new (NULL, NULL);
  fake->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fake->lifetime = 3600;
  soup_server_add_handler (fake->server, NULL, fake_aws_handler, fake, NULL);
  fake->url = dd_test_listen_local (fake->server);
  return fake;
}

static inline void
fake_aws_free (FakeAws *fake)
{
  soup_server_disconnect (fake->server);
  g_object_unref (fake->server);
  g_hash_table_unref (fake->hits);
  g_clear_pointer (&fake->last_params, g_hash_table_unref);
  g_free (fake->url);
  g_free (fake->secret);
  g_free (fake->fail_code);
  g_free (fake->fail_message);
  g_free (fake->last_authorization);
  g_free (fake->last_security_token);
  g_free (fake->imds_token);
  g_free (fake->imds_ttl);
  g_free (fake->container_token);
  g_free (fake->last_container_authorization);
  g_free (fake);
}

static inline const char *
fake_aws_param (FakeAws    *fake,
                const char *name)
{
  return fake->last_params != NULL ? g_hash_table_lookup (fake->last_params, name) : NULL;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FakeAws, fake_aws_free)

/* Waiting on async results. */

typedef struct
{
  gboolean       done;
  DdCredentials *credentials;
  GError        *error;
} CredResult;

static inline void
cred_result_clear (CredResult *r)
{
  g_clear_pointer (&r->credentials, dd_credentials_unref);
  g_clear_error (&r->error);
  r->done = FALSE;
}

static inline void
got_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      data)
{
  CredResult *r = data;

  r->credentials = dd_credentials_provider_get_credentials_finish (DD_CREDENTIALS_PROVIDER (source), result, &r->error);
  r->done = TRUE;
}

/* Asks provider once and waits (at most timeout seconds). */
static inline void
get (DdCredentialsProvider *provider,
     CredResult            *r,
     guint                  timeout)
{
  cred_result_clear (r);
  dd_credentials_provider_get_credentials_async (provider, NULL, got_cb, r);
  dd_test_wait_for (&r->done, timeout);
  if (r->error != NULL)
    g_test_message ("error: %s", r->error->message);
}

static inline char *
write_home_file (const char *name,
                 const char *text)
{
  char *path = g_build_filename (g_get_home_dir (), name, NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

static inline void
clear_env (void)
{
  const char *names[] = {
    "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_REGION",
    "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_ENDPOINT_URL_STS", "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_ROLE_ARN", "AWS_ROLE_SESSION_NAME", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN",
    "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "AWS_EC2_METADATA_SERVICE_ENDPOINT",
    "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_unsetenv (names[i]);
  g_setenv ("AWS_EC2_METADATA_DISABLED", "true", TRUE);
}

static inline JsonNode *
load_json (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("DD_TEST_DATA"), dir, name, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}
