/* test-signin.c: signing in from the window on a virtual display.
 *
 * Against loopback fakes of IAM Identity Center (OIDC + portal, the
 * protocol of test-sso.c), STS (AssumeRole checking an MFA code) and a
 * DynamoDB answering ListTables per access key id and region, and the
 * local DynamoDB: the SSO tab's device sign-in, account and role pick,
 * save and a request with the SSO credentials; the MFA dialog with the
 * right code, a wrong one then the right one, cancel, and the bar of a
 * background refresh; the DynamoDB Local hint and "Look for Tables".
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "dd-connection-dialog.h"
#include "dd-credentials-info.h"
#include "dd-namespace-bar.h"
#include "dd-session.h"
#include "dd-sidebar.h"
#include "dd-sso-cache.h"
#include "dd-sso-page.h"
#include "dd-test-fake.h"
#include "dd-test-ui.h"
#include "dd-window.h"

#define START_URL "https://d-test123.awsapps.com/start"
#define ROLE "arn:aws:iam::123456789012:role/Editor"
#define SERIAL "arn:aws:iam::123456789012:mfa/tester"
#define GOOD_CODE "123456"

/* The fake: OIDC (POST /client/register, /device_authorization, /token),
 * the portal (GET /assignment/..., /federation/credentials), STS (POST
 * /sts/) and DynamoDB ListTables (POST / with X-Amz-Target). */
typedef struct
{
  SoupServer *server;
  char       *url;
  GHashTable *hits;        /* path -> count */
  guint       pending;     /* device polls still answered "pending" */
  gint64      lifetime;    /* seconds the STS credentials last */
  guint       sts_calls;
  char       *last_code;
} Fake;

static Fake *fake;
static DdTestUi fx;



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
       const char        *content_type,
       const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  if (error_type != NULL)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg), "x-amzn-ErrorType", error_type);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body, strlen (body));
}

static void
oauth_error (SoupServerMessage *msg,
             const char        *error,
             const char        *type)
{
  g_autofree char *body = g_strdup_printf ("{\"error\":\"%s\",\"error_description\":\"%s\"}", error, error);

  reply (msg, 400, type, "application/json", body);
}

static void
fake_oidc (SoupServerMessage *msg,
           const char        *path,
           JsonObject        *body)
{
  if (g_str_equal (path, "/client/register"))
    reply (msg, 200, NULL, "application/json",
           "{\"clientId\":\"client-1\",\"clientSecret\":\"client-secret-1\",\"clientSecretExpiresAt\":4102444800}");
  else if (g_strcmp0 (member (body, "clientId"), "client-1") != 0)
    oauth_error (msg, "invalid_client", "InvalidClientException");
  else if (g_str_equal (path, "/device_authorization"))
    {
      if (g_strcmp0 (member (body, "startUrl"), START_URL) != 0)
        oauth_error (msg, "invalid_request", "InvalidRequestException");
      else
        reply (msg, 200, NULL, "application/json",
               "{\"deviceCode\":\"device-code-1\",\"userCode\":\"WDKX-BJQT\","
               "\"verificationUri\":\"https://device.sso.example/\","
               "\"verificationUriComplete\":\"https://device.sso.example/?user_code=WDKX-BJQT\","
               "\"expiresIn\":600,\"interval\":1}");
    }
  else if (g_strcmp0 (member (body, "deviceCode"), "device-code-1") != 0)
    oauth_error (msg, "invalid_grant", "InvalidGrantException");
  else if (fake->pending > 0 && fake->pending--)
    oauth_error (msg, "authorization_pending", "AuthorizationPendingException");
  else
    reply (msg, 200, NULL, "application/json",
           "{\"accessToken\":\"access-from-device\",\"expiresIn\":28800,\"tokenType\":\"Bearer\"}");
}

static void
fake_portal (SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query)
{
  const char *bearer = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "x-amz-sso_bearer_token");
  const char *next = query ? g_hash_table_lookup (query, "next_token") : NULL;
  const char *account = query ? g_hash_table_lookup (query, "account_id") : NULL;

  if (g_strcmp0 (bearer, "access-from-device") != 0)
    reply (msg, 401, "UnauthorizedException", "application/json", "{\"message\":\"Session token not found or invalid\"}");
  else if (g_str_equal (path, "/federation/credentials"))
    {
      g_autofree char *body = g_strdup_printf ("{\"roleCredentials\":{\"accessKeyId\":\"ASIASSO%s\","
                                               "\"secretAccessKey\":\"sso-secret\",\"sessionToken\":\"sso-session-%s\","
                                               "\"expiration\":4102444800000}}",
                                               account, (char *) g_hash_table_lookup (query, "role_name"));
      reply (msg, 200, NULL, "application/json", body);
    }
  else if (g_str_equal (path, "/assignment/accounts") && next == NULL)
    reply (msg, 200, NULL, "application/json",
           "{\"accountList\":[{\"accountId\":\"111111111111\",\"accountName\":\"dev\"},"
           "{\"accountId\":\"222222222222\",\"accountName\":\"prod\"}],\"nextToken\":\"page/2\"}");
  else if (g_str_equal (path, "/assignment/accounts"))
    reply (msg, 200, NULL, "application/json", "{\"accountList\":[{\"accountId\":\"333333333333\",\"accountName\":\"test\"}]}");
  else if (g_str_equal (path, "/assignment/roles") && g_strcmp0 (account, "222222222222") == 0)
    reply (msg, 200, NULL, "application/json",
           "{\"roleList\":[{\"roleName\":\"ReadOnly\",\"accountId\":\"222222222222\"},"
           "{\"roleName\":\"Admin\",\"accountId\":\"222222222222\"}]}");
  else if (g_str_equal (path, "/assignment/roles"))
    reply (msg, 200, NULL, "application/json",
           "{\"roleList\":[{\"roleName\":\"Viewer\",\"accountId\":\"111111111111\"}]}");
  else
    reply (msg, 404, NULL, "application/json", "{}");
}

static void
sts_error (SoupServerMessage *msg,
           const char        *code,
           const char        *message)
{
  g_autofree char *xml = g_strdup_printf ("<ErrorResponse><Error><Type>Sender</Type><Code>%s</Code>"
                                          "<Message>%s</Message></Error><RequestId>r-1</RequestId></ErrorResponse>",
                                          code, message);

  reply (msg, 403, NULL, "text/xml", xml);
}

static void
fake_sts (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autofree char *form = g_strndup (body->data, body->length);
  g_autoptr(GHashTable) params = soup_form_decode (form);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) expires = g_date_time_add_seconds (now, (gdouble) fake->lifetime);
  g_autofree char *expiration = g_date_time_format (expires, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *xml = NULL;

  g_free (fake->last_code);
  fake->last_code = g_strdup (g_hash_table_lookup (params, "TokenCode"));
  if (g_strcmp0 (g_hash_table_lookup (params, "Action"), "AssumeRole") != 0)
    {
      sts_error (msg, "InvalidAction", "only AssumeRole here");
      return;
    }
  if (g_strcmp0 (g_hash_table_lookup (params, "SerialNumber"), SERIAL) != 0
      || g_strcmp0 (fake->last_code, GOOD_CODE) != 0)
    {
      sts_error (msg, "AccessDenied", "MultiFactorAuthentication failed with invalid MFA one time pass code. ");
      return;
    }
  fake->sts_calls++;
  xml = g_strdup_printf ("<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>"
                         "<Credentials><AccessKeyId>ASIAMFA%u</AccessKeyId><SecretAccessKey>mfa-secret</SecretAccessKey>"
                         "<SessionToken>mfa-token</SessionToken><Expiration>%s</Expiration></Credentials>"
                         "</AssumeRoleResult></AssumeRoleResponse>", fake->sts_calls, expiration);
  reply (msg, 200, NULL, "text/xml", xml);
}

/* ListTables: "Movies" for key fakeMyKeyId in us-east-1 and "Local1",
 * "Local2" for key local in region local, none for anything else. */
static void
fake_dynamodb (SoupServerMessage *msg)
{
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Authorization");
  const char *credential = auth ? strstr (auth, "Credential=") : NULL;
  g_auto(GStrv) scope = NULL;
  const char *names = "";

  if (credential == NULL)
    {
      reply (msg, 400, NULL, "application/x-amz-json-1.0", "{\"__type\":\"MissingAuthenticationToken\"}");
      return;
    }
  scope = g_strsplit (credential + strlen ("Credential="), "/", 4);
  if (g_strv_length (scope) >= 3 && g_str_equal (scope[0], "fakeMyKeyId") && g_str_equal (scope[2], "us-east-1"))
    names = "\"Movies\"";
  else if (g_strv_length (scope) >= 3 && g_str_equal (scope[0], "local") && g_str_equal (scope[2], "local"))
    names = "\"Local1\",\"Local2\"";
  {
    g_autofree char *body = g_strdup_printf ("{\"TableNames\":[%s]}", names);

    reply (msg, 200, NULL, "application/x-amz-json-1.0", body);
  }
}

static void
fake_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  g_hash_table_insert (fake->hits, g_strdup (path),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (fake->hits, path)) + 1));
  if (soup_message_headers_get_one (headers, "X-Amz-Target") != NULL)
    fake_dynamodb (msg);
  else if (g_str_has_prefix (path, "/sts"))
    fake_sts (msg);
  else if (g_str_equal (soup_server_message_get_method (msg), "POST"))
    {
      SoupMessageBody *request = soup_server_message_get_request_body (msg);
      g_autoptr(JsonNode) node = json_from_string (request->data, NULL);

      fake_oidc (msg, path, node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL);
    }
  else
    fake_portal (msg, path, query);
}

static void
fake_start (void)
{
  fake = g_new0 (Fake, 1);
  fake->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fake->lifetime = 3600;
  fake->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fake->server, NULL, fake_handler, NULL, NULL);
  fake->url = dd_test_listen_local (fake->server);
}

static void
fake_stop (void)
{
  soup_server_disconnect (fake->server);
  g_object_unref (fake->server);
  g_hash_table_unref (fake->hits);
  g_free (fake->url);
  g_free (fake->last_code);
  g_clear_pointer (&fake, g_free);
}

static guint
hits (const char *path)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (fake->hits, path));
}

/* Helpers */

static DdSidebar *
sidebar (void)
{
  return DD_SIDEBAR (dd_window_get_sidebar (fx.window));
}

static DdSession *
session_of (DdSource *source)
{
  return dd_sidebar_get_session (sidebar (), source);
}

static gboolean
session_idle (gpointer data)
{
  return !dd_session_get_loading (session_of (data));
}

/* Adds a source to the store without the dialog. */
static DdSource *
add_source (const char *name,
            DdAuthMode  mode,
            const char *endpoint)
{
  g_autoptr(DdSource) source = dd_source_new (name);
  g_autoptr(GError) error = NULL;

  dd_source_set_auth_mode (source, mode);
  dd_source_set_region (source, "us-east-1");
  dd_source_set_endpoint (source, endpoint);
  g_assert_true (dd_source_store_add (fx.sources, source, &error));
  g_assert_no_error (error);
  return source;
}

/* SSO */

static DdConnectionDialog *dialog;
static DdSsoPage *page;

static gboolean
code_shown (gpointer data)
{
  return dd_sso_page_get_user_code (page) != NULL;
}

static gboolean
page_in_state (gpointer data)
{
  return g_strcmp0 (dd_sso_page_get_state (page), data) == 0;
}

static gboolean
dialog_test_done (gpointer data)
{
  return !dd_connection_dialog_get_testing (dialog);
}

static gboolean
has_credentials_info (gpointer data)
{
  return dd_source_get_credentials_info (data) != NULL;
}

static void
test_sso_sign_in_and_use (void)
{
  DdSource *source;
  DdSession *session;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.add-source", NULL));
  dialog = DD_CONNECTION_DIALOG (dd_window_get_dialog (fx.window));
  page = dd_connection_dialog_get_sso_page (dialog);
  dd_sso_page_set_open_browser (page, FALSE);
  dd_sso_page_set_time_unit (page, 20);
  gtk_editable_set_text (dd_connection_dialog_get_field (dialog, "name"), "Org");
  gtk_editable_set_text (dd_connection_dialog_get_field (dialog, "region"), "us-east-1");
  gtk_editable_set_text (dd_connection_dialog_get_field (dialog, "endpoint"), dd_test_dynamo_get_endpoint (fx.dynamo));
  dd_connection_dialog_set_auth_mode (dialog, DD_AUTH_MODE_SSO);
  g_assert_nonnull (strstr (dd_connection_dialog_get_problems (dialog), "Start URL: required"));

  gtk_editable_set_text (dd_sso_page_get_field (page, "start-url"), START_URL);
  gtk_editable_set_text (dd_sso_page_get_field (page, "sso-region"), "eu-west-1");
  g_assert_nonnull (strstr (dd_connection_dialog_get_problems (dialog), "sign in and pick one"));

  /* pending twice, then authorized */
  fake->pending = 2;
  dd_sso_page_sign_in (page);
  dd_test_wait_until (code_shown, NULL, "the user code");
  g_assert_cmpstr (dd_sso_page_get_user_code (page), ==, "WDKX-BJQT");
  g_assert_cmpstr (dd_sso_page_get_state (page), ==, "signing-in");
  dd_test_ui_shoot (GTK_WIDGET (dialog), "sso-code");
  dd_test_wait_until (page_in_state, (gpointer) "signed-in", "the accounts and roles");
  g_assert_cmpuint (hits ("/token"), ==, 3);
  g_assert_null (dd_sso_page_get_user_code (page));
  /* both pages of accounts */
  g_assert_cmpuint (g_list_model_get_n_items (dd_sso_page_get_accounts (page)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (dd_sso_page_get_roles (page)), ==, 1);

  g_assert_true (dd_sso_page_select (page, "222222222222", "Admin"));
  dd_test_wait_until (page_in_state, (gpointer) "signed-in", "the roles of prod");
  g_assert_cmpuint (g_list_model_get_n_items (dd_sso_page_get_roles (page)), ==, 2);
  g_assert_null (dd_connection_dialog_get_problems (dialog));

  /* Test Connection signs with the role's credentials and names the local
   * data namespace */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.test", NULL));
  dd_test_wait_until (dialog_test_done, NULL, "the connection test");
  g_assert_nonnull (strstr (dd_connection_dialog_get_test_text (dialog), "(sso)"));
  g_assert_nonnull (strstr (dd_connection_dialog_get_test_text (dialog),
                            "Local data namespace: access key id ASIASSO222222222222, region us-east-1"));
  dd_test_ui_shoot (GTK_WIDGET (dialog), "sso-accounts");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL));
  dd_test_wait_until (dd_test_ui_dialog_closed, &fx, "the dialog to close");
  source = dd_source_store_lookup_by_name (fx.sources, "Org");
  g_assert_nonnull (source);
  g_assert_cmpint (dd_source_get_auth_mode (source), ==, DD_AUTH_MODE_SSO);
  g_assert_cmpstr (dd_source_get_sso_start_url (source), ==, START_URL);
  g_assert_cmpstr (dd_source_get_sso_region (source), ==, "eu-west-1");
  g_assert_cmpstr (dd_source_get_sso_account_id (source), ==, "222222222222");
  g_assert_cmpstr (dd_source_get_sso_role_name (source), ==, "Admin");

  /* a request to the local DynamoDB signed with the role's credentials */
  g_assert_true (dd_sidebar_select_source (sidebar (), dd_source_get_id (source)));
  session = session_of (source);
  dd_session_refresh_tables (session);
  dd_test_wait_until (session_idle, source, "the tables");
  g_assert_null (dd_source_get_last_error (source));
  g_assert_true (dd_source_get_connected (source));
  g_assert_cmpuint (hits ("/federation/credentials"), >=, 1);
  dd_test_wait_until (has_credentials_info, source, "the credentials info");
  g_assert_nonnull (strstr (dd_source_get_credentials_info (source), "sso"));
  g_assert_nonnull (strstr (dd_source_get_credentials_info (source), "ASIASSO222222222222"));
  g_assert_cmpint (dd_source_get_credentials_expiration (source), ==, 4102444800);
  dd_test_ui_shoot (GTK_WIDGET (fx.window), "sso-window");

  /* the dialog of the source shows them too, with the time left */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.edit-source", "s", dd_source_get_id (source)));
  dialog = DD_CONNECTION_DIALOG (dd_window_get_dialog (fx.window));
  g_assert_nonnull (strstr (dd_connection_dialog_get_test_text (dialog), "Signed in: sso · key ASIASSO222222222222 · expires in"));
  gtk_window_close (GTK_WINDOW (dialog));
  dd_test_wait_until (dd_test_ui_dialog_closed, &fx, "the edit dialog to close");
}

static void
test_sso_cancel (void)
{
  DdConnectionDialog *cancel_dialog;
  DdSsoPage *cancel_page;

  cancel_dialog = dd_connection_dialog_new (GTK_WINDOW (fx.window), fx.sources, NULL);
  cancel_page = page = dd_connection_dialog_get_sso_page (cancel_dialog);
  dd_sso_page_set_open_browser (cancel_page, FALSE);
  dd_sso_page_set_time_unit (cancel_page, 20);
  gtk_editable_set_text (dd_sso_page_get_field (cancel_page, "start-url"), START_URL);
  gtk_editable_set_text (dd_sso_page_get_field (cancel_page, "sso-region"), "eu-west-1");
  fake->pending = 1000;
  dd_sso_page_sign_in (cancel_page);
  dd_test_wait_until (code_shown, NULL, "the user code");
  dd_sso_page_cancel (cancel_page);
  dd_test_wait_until (page_in_state, (gpointer) "signed-out", "the cancelled sign-in");
  g_assert_cmpstr (dd_sso_page_get_status_text (cancel_page), ==, "Sign-in cancelled");
  g_assert_null (dd_sso_page_get_user_code (cancel_page));
  fake->pending = 0;
  gtk_window_destroy (GTK_WINDOW (cancel_dialog));
}

/* The sign-in expired: the bar asks, the dialog signs in again, the
 * request that waited goes through; a cancelled sign-in disconnects. */

static gboolean
user_code_shown (gpointer data)
{
  return dd_mfa_prompt_get_user_code (dd_window_get_mfa_prompt (fx.window)) != NULL;
}

static gboolean
banner_up (gpointer data)
{
  return dd_mfa_prompt_get_banner_revealed (dd_window_get_mfa_prompt (fx.window));
}

static gboolean
sign_in_dialog_up (gpointer data)
{
  return dd_mfa_prompt_get_dialog (dd_window_get_mfa_prompt (fx.window)) != NULL;
}

static void
forget_sign_in (DdSource *source)
{
  g_autoptr(DdSsoCache) cache = dd_sso_cache_new (NULL);
  g_autofree char *path = dd_sso_cache_get_path (cache, START_URL);

  g_assert_cmpint (g_unlink (path), ==, 0);
  dd_session_reset (session_of (source));
}

static void
test_sso_sign_in_again (void)
{
  DdSource *source = dd_source_store_lookup_by_name (fx.sources, "Org");
  DdMfaPrompt *asker = dd_window_get_mfa_prompt (fx.window);
  guint before = hits ("/device_authorization");
  AdwMessageDialog *signin;

  dd_mfa_prompt_set_open_browser (asker, FALSE);
  g_assert_true (dd_source_get_connected (source));
  forget_sign_in (source);
  dd_session_refresh_tables (session_of (source));
  dd_test_wait_until (banner_up, NULL, "the bar asking to sign in");
  g_assert_null (dd_mfa_prompt_get_dialog (asker));
  g_assert_true (dd_session_get_loading (session_of (source)));
  dd_test_ui_shoot (GTK_WIDGET (fx.window), "sso-banner");

  fake->pending = 1;
  dd_mfa_prompt_open (asker);
  signin = dd_mfa_prompt_get_dialog (asker);
  g_assert_nonnull (signin);
  g_assert_false (gtk_window_get_modal (GTK_WINDOW (signin)));
  dd_test_wait_until (user_code_shown, NULL, "the code of the new sign-in");
  g_assert_cmpstr (dd_mfa_prompt_get_user_code (asker), ==, "WDKX-BJQT");
  dd_test_ui_shoot (GTK_WIDGET (signin), "sso-sign-in-again");
  dd_test_wait_until (session_idle, source, "the tables after signing in again");
  g_assert_null (dd_mfa_prompt_get_dialog (asker));
  g_assert_cmpuint (hits ("/device_authorization"), ==, before + 1);
  g_assert_null (dd_source_get_last_error (source));
  g_assert_true (dd_source_get_connected (source));

  /* not connected: the dialog at once; cancelled: disconnected, no error */
  forget_sign_in (source);
  dd_source_set_connected (source, FALSE);
  fake->pending = 1000;
  dd_session_refresh_tables (session_of (source));
  dd_test_wait_until (sign_in_dialog_up, NULL, "the sign-in dialog");
  dd_test_wait_until (user_code_shown, NULL, "the code");
  dd_mfa_prompt_answer (asker, NULL);
  dd_test_wait_until (session_idle, source, "the cancelled request");
  g_assert_false (dd_source_get_connected (source));
  g_assert_false (dd_source_get_has_error (source));
  dd_test_spin (300);
  g_assert_null (dd_mfa_prompt_get_dialog (asker));
  g_assert_false (dd_mfa_prompt_get_banner_revealed (asker));
  fake->pending = 0;
}

/* MFA */

static DdMfaPrompt *
prompt (void)
{
  return dd_window_get_mfa_prompt (fx.window);
}

static gboolean
dialog_asks (gpointer data)
{
  return dd_mfa_prompt_get_dialog (prompt ()) != NULL;
}

static gboolean
banner_shown (gpointer data)
{
  return dd_mfa_prompt_get_banner_revealed (prompt ());
}

static char *
dialog_body (void)
{
  AdwMessageDialog *mfa = dd_mfa_prompt_get_dialog (prompt ());

  return g_strdup (adw_message_dialog_get_body (mfa));
}

static DdSource *mfa_source;

static void
mfa_reconnect (void)
{
  DdSession *session = session_of (mfa_source);

  dd_session_reset (session);
  dd_source_set_connected (mfa_source, FALSE);
  dd_session_refresh_tables (session);
}

static void
test_mfa_right_code (void)
{
  g_autofree char *body = NULL;
  guint before = fake->sts_calls;

  mfa_source = add_source ("With MFA", DD_AUTH_MODE_ROLE_ARN, dd_test_dynamo_get_endpoint (fx.dynamo));
  dd_source_set_role_arn (mfa_source, ROLE);
  dd_source_set_mfa_serial (mfa_source, SERIAL);
  g_assert_true (dd_sidebar_select_source (sidebar (), dd_source_get_id (mfa_source)));
  dd_session_refresh_tables (session_of (mfa_source));
  dd_test_wait_until (dialog_asks, NULL, "the MFA dialog");
  /* non-blocking: the rest of the window stays usable */
  g_assert_false (gtk_window_get_modal (GTK_WINDOW (dd_mfa_prompt_get_dialog (prompt ()))));
  body = dialog_body ();
  g_assert_nonnull (strstr (body, SERIAL));
  g_assert_null (strstr (body, "refused"));
  g_assert_true (dd_session_get_loading (session_of (mfa_source)));

  dd_mfa_prompt_answer (prompt (), GOOD_CODE);
  dd_test_wait_until (session_idle, mfa_source, "the tables");
  g_assert_null (dd_mfa_prompt_get_dialog (prompt ()));
  g_assert_null (dd_source_get_last_error (mfa_source));
  g_assert_true (dd_source_get_connected (mfa_source));
  g_assert_cmpuint (fake->sts_calls, ==, before + 1);
  g_assert_cmpstr (fake->last_code, ==, GOOD_CODE);
  dd_test_wait_until (has_credentials_info, mfa_source, "the credentials info");
  g_assert_nonnull (strstr (dd_source_get_credentials_info (mfa_source), "ASIAMFA"));
  g_assert_cmpint (dd_source_get_credentials_expiration (mfa_source), >, g_get_real_time () / G_USEC_PER_SEC);
}

static void
test_mfa_wrong_then_right (void)
{
  g_autofree char *body = NULL;

  mfa_reconnect ();
  dd_test_wait_until (dialog_asks, NULL, "the MFA dialog");
  dd_mfa_prompt_answer (prompt (), "000000");
  g_assert_null (dd_mfa_prompt_get_dialog (prompt ()));
  dd_test_wait_until (dialog_asks, NULL, "the MFA dialog again");
  g_assert_cmpstr (fake->last_code, ==, "000000");
  body = dialog_body ();
  g_assert_nonnull (strstr (body, "refused (attempt 2 of 3)"));
  g_assert_nonnull (strstr (body, "MultiFactorAuthentication failed with invalid MFA one time pass code."));
  dd_test_ui_shoot (GTK_WIDGET (dd_mfa_prompt_get_dialog (prompt ())), "mfa-dialog");
  dd_mfa_prompt_answer (prompt (), GOOD_CODE);
  dd_test_wait_until (session_idle, mfa_source, "the tables");
  g_assert_null (dd_source_get_last_error (mfa_source));
  g_assert_true (dd_source_get_connected (mfa_source));
}

static void
test_mfa_cancel (void)
{
  guint before = fake->sts_calls;

  mfa_reconnect ();
  dd_test_wait_until (dialog_asks, NULL, "the MFA dialog");
  dd_mfa_prompt_answer (prompt (), NULL);
  dd_test_wait_until (session_idle, mfa_source, "the cancelled request");
  /* disconnected, no error shown, nothing asked again */
  g_assert_false (dd_source_get_connected (mfa_source));
  g_assert_false (dd_source_get_has_error (mfa_source));
  dd_test_spin (300);
  g_assert_null (dd_mfa_prompt_get_dialog (prompt ()));
  g_assert_false (dd_mfa_prompt_get_banner_revealed (prompt ()));
  g_assert_cmpuint (fake->sts_calls, ==, before);
}

/* Credentials that expire within the refresh margin are renewed before the
 * next request; the source being connected, the bar asks, the request
 * waits for the answer. */
static void
test_mfa_background_refresh (void)
{
  fake->lifetime = 120;
  mfa_reconnect ();
  dd_test_wait_until (dialog_asks, NULL, "the MFA dialog");
  dd_mfa_prompt_answer (prompt (), GOOD_CODE);
  dd_test_wait_until (session_idle, mfa_source, "the tables");
  g_assert_true (dd_source_get_connected (mfa_source));

  dd_session_refresh_tables (session_of (mfa_source));
  dd_test_wait_until (banner_shown, NULL, "the bar asking for a code");
  g_assert_null (dd_mfa_prompt_get_dialog (prompt ()));
  g_assert_true (dd_session_get_loading (session_of (mfa_source)));
  dd_test_ui_shoot (GTK_WIDGET (fx.window), "mfa-banner");
  dd_mfa_prompt_open (prompt ());
  g_assert_nonnull (dd_mfa_prompt_get_dialog (prompt ()));
  g_assert_false (dd_mfa_prompt_get_banner_revealed (prompt ()));
  /* credentials of an hour this time: nothing more to renew */
  fake->lifetime = 3600;
  dd_mfa_prompt_answer (prompt (), GOOD_CODE);
  dd_test_wait_until (session_idle, mfa_source, "the tables after the refresh");
  g_assert_null (dd_source_get_last_error (mfa_source));
  dd_test_wait_until (has_credentials_info, mfa_source, "the credentials info");
  dd_test_spin (200);
  g_assert_false (dd_mfa_prompt_get_banner_revealed (prompt ()));
  g_assert_null (dd_mfa_prompt_get_dialog (prompt ()));
}

/* DynamoDB Local */

static DdNamespaceBar *
bar (void)
{
  return DD_NAMESPACE_BAR (dd_window_get_namespace_bar (fx.window));
}

static gboolean
not_looking (gpointer data)
{
  return !dd_namespace_bar_get_looking (bar ());
}

static void
test_namespace_hint_and_switch (void)
{
  g_autofree char *endpoint = g_strdup_printf ("%s/", fake->url);
  g_auto(GStrv) choices = NULL;
  DdSource *source = add_source ("Empty local", DD_AUTH_MODE_IAM_KEYS, endpoint);
  guint n;

  dd_source_set_access_key_id (source, "AKIALOCALDYNAMODB000");
  dd_source_set_secrets (source, "local", NULL);
  g_assert_true (dd_sidebar_select_source (sidebar (), dd_source_get_id (source)));
  dd_session_refresh_tables (session_of (source));
  dd_test_wait_until (session_idle, source, "the empty table list");
  g_assert_cmpuint (g_list_model_get_n_items (dd_session_get_tables (session_of (source))), ==, 0);
  g_assert_nonnull (dd_namespace_bar_get_hint (bar ()));
  g_assert_nonnull (strstr (dd_namespace_bar_get_hint (bar ()), "AKIALOCALDYNAMODB000"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (bar ())));

  dd_namespace_bar_look (bar ());
  dd_test_wait_until (not_looking, NULL, "the probe");
  choices = dd_namespace_bar_get_choices (bar ());
  n = g_strv_length (choices);
  g_assert_cmpuint (n, ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) choices, "us-east-1 · fakeMyKeyId"));
  g_assert_true (g_strv_contains ((const char * const *) choices, "local · local"));
  dd_test_ui_shoot (GTK_WIDGET (fx.window), "namespace-bar");

  for (guint i = 0; i < n; i++)
    if (g_str_equal (choices[i], "local · local"))
      dd_namespace_bar_switch (bar (), i);
  dd_test_wait_until (session_idle, source, "the tables after the switch");
  g_assert_cmpstr (dd_source_get_access_key_id (source), ==, "local");
  g_assert_cmpstr (dd_source_get_region (source), ==, "local");
  g_assert_cmpuint (g_list_model_get_n_items (dd_session_get_tables (session_of (source))), ==, 2);
  g_assert_null (dd_namespace_bar_get_hint (bar ()));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (bar ())));
}

/* Helpers and the saved form */

static void
test_credentials_info_format (void)
{
  const struct { const char *provider, *account, *arn, *key, *expected; } cases[] = {
    { "sso", "123456789012", "arn:aws:sts::123456789012:assumed-role/ReadOnly/alice",
      NULL, "sso · 123456789012 · role ReadOnly" },
    { "profile", "123456789012", "arn:aws:iam::123456789012:user/ops/bob", NULL, "profile · 123456789012 · user bob" },
    { "static", "123456789012", "arn:aws:iam::123456789012:root", NULL, "static · 123456789012 · root" },
    { "static", NULL, NULL, "AKIALOCALDYNAMODB000", "static · key AKIALOCALDYNAMODB000" },
    { NULL, NULL, NULL, "local", "key local" },
  };
  const struct { gint64 expiration, now; const char *expected; } left[] = {
    { 0, 1000, NULL },
    { 1000, 1000, "expired" },
    { 1000, 2000, "expired" },
    { 1001, 1000, "expires in 1 min" },
    { 1000 + 59 * 60, 1000, "expires in 59 min" },
    { 1000 + 65 * 60, 1000, "expires in 1 h 5 min" },
    { 1000 + 3 * 86400, 1000, "expires in 3 days" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = dd_credentials_info_format (cases[i].provider, cases[i].account,
                                                          cases[i].arn, cases[i].key);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
  for (guint i = 0; i < G_N_ELEMENTS (left); i++)
    {
      g_autofree char *text = dd_credentials_info_time_left (left[i].expiration, left[i].now);
      g_assert_cmpstr (text, ==, left[i].expected);
    }
}

static void
test_sso_source_saved_form (void)
{
  g_autoptr(DdSource) source = dd_source_new ("Org");
  g_autoptr(DdSource) back = NULL;
  g_autoptr(DdSource) old = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) old_node = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  dd_source_set_auth_mode (source, DD_AUTH_MODE_SSO);
  dd_source_set_region (source, "us-east-1");
  g_assert_false (dd_source_validate (source, &error));
  g_assert_nonnull (strstr (error->message, "SSO start URL"));
  g_clear_error (&error);
  dd_source_set_sso_start_url (source, START_URL);
  dd_source_set_sso_region (source, "eu-west-1");
  g_assert_false (dd_source_validate (source, &error));
  g_assert_nonnull (strstr (error->message, "account and role"));
  g_clear_error (&error);
  dd_source_set_sso_account_id (source, "222222222222");
  dd_source_set_sso_role_name (source, "Admin");
  dd_source_set_credentials_info (source, "sso · key X", 42);
  g_assert_true (dd_source_validate (source, &error));

  node = dd_source_to_json (source);
  object = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (object, "auth"), ==, "sso");
  g_assert_cmpstr (json_object_get_string_member (object, "sso_start_url"), ==, START_URL);
  g_assert_cmpstr (json_object_get_string_member (object, "sso_region"), ==, "eu-west-1");
  g_assert_cmpstr (json_object_get_string_member (object, "sso_account_id"), ==, "222222222222");
  g_assert_cmpstr (json_object_get_string_member (object, "sso_role_name"), ==, "Admin");
  /* the sidebar state is never saved */
  g_assert_false (json_object_has_member (object, "credentials_info"));
  back = dd_source_new_from_json (object, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dd_source_get_auth_mode (back), ==, DD_AUTH_MODE_SSO);
  g_assert_cmpstr (dd_source_get_sso_role_name (back), ==, "Admin");
  g_assert_null (dd_source_get_credentials_info (back));

  /* an entry written before these members existed reads as it did */
  old_node = json_from_string ("{\"id\":\"a\",\"name\":\"Old\",\"region\":\"us-east-1\","
                               "\"auth\":\"role-arn\",\"role_arn\":\"" ROLE "\"}", &error);
  g_assert_no_error (error);
  old = dd_source_new_from_json (json_node_get_object (old_node), &error);
  g_assert_no_error (error);
  g_assert_cmpint (dd_source_get_auth_mode (old), ==, DD_AUTH_MODE_ROLE_ARN);
  g_assert_null (dd_source_get_mfa_serial (old));
  g_assert_null (dd_source_get_sso_start_url (old));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  dd_test_ui_init (&argc, &argv);
  fake_start ();
  {
    g_autofree char *sts = g_strdup_printf ("%s/sts/", fake->url);

    g_setenv ("AWS_ENDPOINT_URL_SSO", fake->url, TRUE);
    g_setenv ("AWS_ENDPOINT_URL_SSO_OIDC", fake->url, TRUE);
    g_setenv ("AWS_ENDPOINT_URL_STS", sts, TRUE);
    /* the base credentials of the role (the default chain: environment) */
    g_setenv ("AWS_ACCESS_KEY_ID", "AKIABASEBASEBASEBASE", TRUE);
    g_setenv ("AWS_SECRET_ACCESS_KEY", "base-secret", TRUE);
  }
  fx.dynamo = dd_test_dynamo_start ();
  dd_test_ui_load_styles ();
  dd_test_ui_open_window (&fx, FALSE);

  g_test_add_func ("/dd/ui/signin/credentials-info/format", test_credentials_info_format);
  g_test_add_func ("/dd/ui/signin/sso/saved-form", test_sso_source_saved_form);
  g_test_add_func ("/dd/ui/signin/sso/sign-in-and-use", test_sso_sign_in_and_use);
  g_test_add_func ("/dd/ui/signin/sso/cancel", test_sso_cancel);
  g_test_add_func ("/dd/ui/signin/sso/sign-in-again", test_sso_sign_in_again);
  g_test_add_func ("/dd/ui/signin/mfa/right-code", test_mfa_right_code);
  g_test_add_func ("/dd/ui/signin/mfa/wrong-then-right", test_mfa_wrong_then_right);
  g_test_add_func ("/dd/ui/signin/mfa/cancel", test_mfa_cancel);
  g_test_add_func ("/dd/ui/signin/mfa/background-refresh", test_mfa_background_refresh);
  g_test_add_func ("/dd/ui/signin/namespace/hint-and-switch", test_namespace_hint_and_switch);
  ret = g_test_run ();

  dd_test_ui_close_window (&fx, TRUE);
  dd_test_dynamo_stop (fx.dynamo);
  fake_stop ();
  return ret;
}
