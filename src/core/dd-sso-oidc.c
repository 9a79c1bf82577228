/* dd-sso-oidc.c: the IAM Identity Center OIDC service (sign-in). */
#define G_LOG_DOMAIN "dd-sso-oidc"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-error.h"
#include "dd-json-member.h"
#include "dd-sso-oidc.h"
#include "dd-wipe.h"

#define SLOW_DOWN_SECONDS 5

void
dd_sso_registration_free (DdSsoRegistration *registration)
{
  if (registration == NULL)
    return;
  g_free (registration->client_id);
  dd_wipe_free (registration->client_secret);
  g_clear_pointer (&registration->expires_at, g_date_time_unref);
  g_free (registration);
}

static DdSsoRegistration *
registration_copy (const DdSsoRegistration *registration)
{
  DdSsoRegistration *copy = g_new0 (DdSsoRegistration, 1);

  copy->client_id = g_strdup (registration->client_id);
  copy->client_secret = g_strdup (registration->client_secret);
  copy->expires_at = registration->expires_at ? g_date_time_ref (registration->expires_at) : NULL;
  return copy;
}

void
dd_sso_device_authorization_free (DdSsoDeviceAuthorization *authorization)
{
  if (authorization == NULL)
    return;
  dd_wipe_free (authorization->device_code);
  g_free (authorization->user_code);
  g_free (authorization->verification_uri);
  g_free (authorization->verification_uri_complete);
  g_free (authorization);
}

void
dd_sso_token_grant_free (DdSsoTokenGrant *grant)
{
  if (grant == NULL)
    return;
  dd_wipe_free (grant->access_token);
  dd_wipe_free (grant->refresh_token);
  g_free (grant->token_type);
  g_free (grant);
}

/* What the portal client shares. */

char *
dd_sso_endpoint (const char *service,
                 const char *region)
{
  gboolean portal = g_str_equal (service, "sso");
  const char *names[] = { portal ? "AWS_ENDPOINT_URL_SSO" : "AWS_ENDPOINT_URL_SSO_OIDC", "AWS_ENDPOINT_URL" };

  g_return_val_if_fail (service != NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *value = g_getenv (names[i]);

      if (value != NULL && *value)
        return g_strdup (value);
    }
  if (region == NULL || *region == '\0')
    region = "us-east-1";
  return g_strdup_printf ("https://%s.%s.amazonaws.com%s", portal ? "portal.sso" : "oidc", region,
                          g_str_has_prefix (region, "cn-") ? ".cn" : "");
}

SoupSession *
dd_sso_session_new (void)
{
  g_autofree char *user_agent = g_strdup_printf ("dynamo-desk/%s", PACKAGE_VERSION);

  return soup_session_new_with_options ("timeout", 30, "user-agent", user_agent, NULL);
}

static JsonObject *
parse_object (const char *data,
              gsize       len)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (len == 0 || !json_parser_load_from_data (parser, data, (gssize) len, NULL) ||
      json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* "authorization_pending" -> "AuthorizationPendingException". */
static char *
oauth_error_name (const char *error)
{
  GString *name = g_string_new (NULL);
  gboolean upper = TRUE;

  for (const char *p = error; *p; p++)
    {
      if (*p == '_')
        upper = TRUE;
      else
        {
          g_string_append_c (name, upper ? g_ascii_toupper (*p) : *p);
          upper = FALSE;
        }
    }
  g_string_append (name, "Exception");
  return g_string_free (name, FALSE);
}

static char *
error_code (SoupMessageHeaders *headers,
            JsonObject         *object,
            guint               status)
{
  const char *type = headers ? soup_message_headers_get_one (headers, "x-amzn-ErrorType") : NULL;
  const char *oauth = dd_json_member_string (object, "error");

  if (type == NULL)
    type = dd_json_member_string (object, "__type");
  if (type != NULL && *type)
    {
      const char *hash = strchr (type, '#');

      if (hash != NULL)
        type = hash + 1;
      return g_strndup (type, strcspn (type, ":"));
    }
  if (oauth != NULL && *oauth)
    return oauth_error_name (oauth);
  return g_strdup_printf ("HTTP%u", status);
}

GError *
dd_sso_parse_error (guint               status,
                    SoupMessageHeaders *headers,
                    const char         *data,
                    gsize               len)
{
  g_autoptr(JsonObject) object = parse_object (data, len);
  g_autofree char *code = error_code (headers, object, status);
  const char *message = dd_json_member_string (object, "message");
  const char *request_id = headers ? soup_message_headers_get_one (headers, "x-amzn-RequestId") : NULL;
  GError *error;

  if (message == NULL)
    message = dd_json_member_string (object, "Message");
  if (message == NULL)
    message = dd_json_member_string (object, "error_description");
  error = dd_error_new_service (code, message != NULL ? message : soup_status_get_phrase (status),
                                status, request_id);
  if (g_str_equal (code, "UnauthorizedException") || g_str_equal (code, "InvalidGrantException") ||
      g_str_equal (code, "ExpiredTokenException"))
    dd_error_set_hint (error, _("The IAM Identity Center sign-in has expired or was revoked: sign in again."));
  return error;
}

typedef struct
{
  SoupMessage *message;
  char        *endpoint;
} Exchange;

static void
exchange_free (Exchange *exchange)
{
  g_clear_object (&exchange->message);
  g_free (exchange->endpoint);
  g_free (exchange);
}

static void
request_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Exchange *exchange = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  guint status = soup_message_get_status (exchange->message);
  gsize len = 0;
  const char *data;
  JsonObject *object;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (body == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
        g_task_return_new_error (task, DD_ERROR, DD_ERROR_TIMEOUT, _("%s did not answer in time"), exchange->endpoint);
      else
        g_task_return_new_error (task, DD_ERROR, DD_ERROR_NETWORK, _("could not reach %s: %s"),
                                 exchange->endpoint, error->message);
      return;
    }
  data = g_bytes_get_data (body, &len);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_task_return_error (task, dd_sso_parse_error (status, soup_message_get_response_headers (exchange->message),
                                                     data, len));
      return;
    }
  object = len == 0 ? json_object_new () : parse_object (data, len);
  if (object == NULL)
    g_task_return_new_error (task, DD_ERROR, DD_ERROR_PROTOCOL, _("%s answered with something that is not a JSON object"),
                             exchange->endpoint);
  else
    g_task_return_pointer (task, object, (GDestroyNotify) json_object_unref);
}

void
dd_sso_request_async (SoupSession         *session,
                      const char          *endpoint,
                      const char          *method,
                      const char          *path_and_query,
                      const char          *bearer_token,
                      const char          *json_body,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  Exchange *exchange = g_new0 (Exchange, 1);
  g_autofree char *base = g_strdup (endpoint);
  g_autofree char *url = NULL;

  g_task_set_source_tag (task, dd_sso_request_async);
  g_task_set_task_data (task, exchange, (GDestroyNotify) exchange_free);
  while (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';
  exchange->endpoint = g_strdup (base);
  url = g_strconcat (base, path_and_query, NULL);
  exchange->message = soup_message_new (method, url);
  if (exchange->message == NULL)
    {
      g_task_return_new_error (task, DD_ERROR, DD_ERROR_INVALID_INPUT, _("not a valid URL: %s"), url);
      return;
    }
  soup_message_add_flags (exchange->message, SOUP_MESSAGE_NO_REDIRECT);
  if (bearer_token != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (exchange->message),
                                  "x-amz-sso_bearer_token", bearer_token);
  if (json_body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (json_body, strlen (json_body));

      soup_message_set_request_body_from_bytes (exchange->message, "application/json", bytes);
    }
  soup_session_send_and_read_async (session, exchange->message, G_PRIORITY_DEFAULT, cancellable,
                                    request_done_cb, g_steal_pointer (&task));
}

JsonObject *
dd_sso_request_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The OIDC client. */

struct _DdSsoOidc
{
  GObject      parent_instance;
  SoupSession *session;
  char        *endpoint;
  guint        time_unit_ms;
  guint        poll_count;
};

G_DEFINE_FINAL_TYPE (DdSsoOidc, dd_sso_oidc, G_TYPE_OBJECT)

static void
dd_sso_oidc_finalize (GObject *object)
{
  DdSsoOidc *self = DD_SSO_OIDC (object);

  g_clear_object (&self->session);
  g_free (self->endpoint);
  G_OBJECT_CLASS (dd_sso_oidc_parent_class)->finalize (object);
}

static void
dd_sso_oidc_class_init (DdSsoOidcClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_sso_oidc_finalize;
}

static void
dd_sso_oidc_init (DdSsoOidc *self)
{
  self->session = dd_sso_session_new ();
  self->time_unit_ms = 1000;
}

DdSsoOidc *
dd_sso_oidc_new (const char *region,
                 const char *endpoint)
{
  DdSsoOidc *self = g_object_new (DD_TYPE_SSO_OIDC, NULL);

  self->endpoint = endpoint != NULL ? g_strdup (endpoint) : dd_sso_endpoint ("sso-oidc", region);
  return self;
}

const char *
dd_sso_oidc_get_endpoint (DdSsoOidc *self)
{
  g_return_val_if_fail (DD_IS_SSO_OIDC (self), NULL);
  return self->endpoint;
}

void
dd_sso_oidc_set_time_unit (DdSsoOidc *self,
                           guint      milliseconds)
{
  g_return_if_fail (DD_IS_SSO_OIDC (self));
  self->time_unit_ms = MAX (milliseconds, 1);
}

guint
dd_sso_oidc_get_poll_count (DdSsoOidc *self)
{
  g_return_val_if_fail (DD_IS_SSO_OIDC (self), 0);
  return self->poll_count;
}

static char *
json_text (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

/* Sends body to path; done turns the answer into the task's result. */
static void
call (DdSsoOidc           *self,
      const char          *path,
      char                *body,
      gpointer             source_tag,
      GAsyncReadyCallback  done,
      GCancellable        *cancellable,
      GAsyncReadyCallback  callback,
      gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  dd_sso_request_async (self->session, self->endpoint, "POST", path, NULL, body, cancellable, done, task);
  explicit_bzero (body, strlen (body));
  g_free (body);
}

static void
registered_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  g_autoptr(JsonObject) object = dd_sso_request_finish (result, &error);
  DdSsoRegistration *registration;
  gint64 expires;

  if (object == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (dd_json_member_string (object, "clientId") == NULL ||
      dd_json_member_string (object, "clientSecret") == NULL)
    {
      g_task_return_new_error (task, DD_ERROR, DD_ERROR_PROTOCOL, _("RegisterClient's answer has no clientId or clientSecret"));
      return;
    }
  registration = g_new0 (DdSsoRegistration, 1);
  registration->client_id = g_strdup (dd_json_member_string (object, "clientId"));
  registration->client_secret = g_strdup (dd_json_member_string (object, "clientSecret"));
  if ((expires = dd_json_member_int (object, "clientSecretExpiresAt", 0)) > 0)
    registration->expires_at = g_date_time_new_from_unix_utc (expires);
  g_task_return_pointer (task, registration, (GDestroyNotify) dd_sso_registration_free);
}

void
dd_sso_oidc_register_client_async (DdSsoOidc           *self,
                                   const char          *client_name,
                                   const char *const   *scopes,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_if_fail (DD_IS_SSO_OIDC (self));
  g_return_if_fail (client_name != NULL);
  json_builder_begin_object (builder);
  dd_json_member_add_string (builder, "clientName", client_name);
  dd_json_member_add_string (builder, "clientType", "public");
  if (scopes != NULL && scopes[0] != NULL)
    {
      json_builder_set_member_name (builder, "scopes");
      json_builder_begin_array (builder);
      for (guint i = 0; scopes[i] != NULL; i++)
        json_builder_add_string_value (builder, scopes[i]);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
  call (self, "/client/register", json_text (builder), dd_sso_oidc_register_client_async,
        registered_cb, cancellable, callback, user_data);
}

DdSsoRegistration *
dd_sso_oidc_register_client_finish (DdSsoOidc     *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
authorization_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  g_autoptr(JsonObject) object = dd_sso_request_finish (result, &error);
  DdSsoDeviceAuthorization *authorization;

  if (object == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (dd_json_member_string (object, "deviceCode") == NULL ||
      dd_json_member_string (object, "userCode") == NULL ||
      dd_json_member_string (object, "verificationUri") == NULL)
    {
      g_task_return_new_error (task, DD_ERROR, DD_ERROR_PROTOCOL,
                               _("StartDeviceAuthorization's answer lacks deviceCode, userCode or verificationUri"));
      return;
    }
  authorization = g_new0 (DdSsoDeviceAuthorization, 1);
  authorization->device_code = g_strdup (dd_json_member_string (object, "deviceCode"));
  authorization->user_code = g_strdup (dd_json_member_string (object, "userCode"));
  authorization->verification_uri = g_strdup (dd_json_member_string (object, "verificationUri"));
  authorization->verification_uri_complete =
    g_strdup (dd_json_member_string (object, "verificationUriComplete"));
  authorization->expires_in = (guint) CLAMP (dd_json_member_int (object, "expiresIn", 600), 1, G_MAXINT);
  authorization->interval = (guint) CLAMP (dd_json_member_int (object, "interval", 5), 1, 3600);
  g_task_return_pointer (task, authorization, (GDestroyNotify) dd_sso_device_authorization_free);
}

void
dd_sso_oidc_start_device_authorization_async (DdSsoOidc               *self,
                                              const DdSsoRegistration *registration,
                                              const char              *start_url,
                                              GCancellable            *cancellable,
                                              GAsyncReadyCallback      callback,
                                              gpointer                 user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_if_fail (DD_IS_SSO_OIDC (self));
  g_return_if_fail (registration != NULL && start_url != NULL);
  json_builder_begin_object (builder);
  dd_json_member_add_string (builder, "clientId", registration->client_id);
  dd_json_member_add_string (builder, "clientSecret", registration->client_secret);
  dd_json_member_add_string (builder, "startUrl", start_url);
  json_builder_end_object (builder);
  call (self, "/device_authorization", json_text (builder), dd_sso_oidc_start_device_authorization_async,
        authorization_cb, cancellable, callback, user_data);
}

DdSsoDeviceAuthorization *
dd_sso_oidc_start_device_authorization_finish (DdSsoOidc     *self,
                                               GAsyncResult  *result,
                                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
token_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  g_autoptr(JsonObject) object = dd_sso_request_finish (result, &error);
  DdSsoTokenGrant *grant;

  if (object == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (dd_json_member_string (object, "accessToken") == NULL)
    {
      g_task_return_new_error (task, DD_ERROR, DD_ERROR_PROTOCOL, "CreateToken's answer has no accessToken");
      return;
    }
  grant = g_new0 (DdSsoTokenGrant, 1);
  grant->access_token = g_strdup (dd_json_member_string (object, "accessToken"));
  grant->refresh_token = g_strdup (dd_json_member_string (object, "refreshToken"));
  grant->token_type = g_strdup (dd_json_member_string (object, "tokenType"));
  grant->expires_in = dd_json_member_int (object, "expiresIn", 0);
  g_task_return_pointer (task, grant, (GDestroyNotify) dd_sso_token_grant_free);
}

void
dd_sso_oidc_create_token_async (DdSsoOidc               *self,
                                const DdSsoRegistration *registration,
                                const char              *grant_type,
                                const char              *code_or_token,
                                GCancellable            *cancellable,
                                GAsyncReadyCallback      callback,
                                gpointer                 user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gboolean refresh;

  g_return_if_fail (DD_IS_SSO_OIDC (self));
  g_return_if_fail (registration != NULL && grant_type != NULL && code_or_token != NULL);
  refresh = g_str_equal (grant_type, DD_SSO_GRANT_REFRESH_TOKEN);
  json_builder_begin_object (builder);
  dd_json_member_add_string (builder, "clientId", registration->client_id);
  dd_json_member_add_string (builder, "clientSecret", registration->client_secret);
  dd_json_member_add_string (builder, "grantType", grant_type);
  dd_json_member_add_string (builder, refresh ? "refreshToken" : "deviceCode", code_or_token);
  json_builder_end_object (builder);
  call (self, "/token", json_text (builder), dd_sso_oidc_create_token_async,
        token_cb, cancellable, callback, user_data);
}

DdSsoTokenGrant *
dd_sso_oidc_create_token_finish (DdSsoOidc     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The device flow's polling. */

typedef struct
{
  DdSsoRegistration *registration;
  char              *device_code;
  guint              interval;
  gint64             deadline;     /* monotonic, µs */
  GSource           *wait;
  GSource           *cancel_wait;
} Poll;

static void
poll_stop_waiting (Poll *poll)
{
  if (poll->wait != NULL)
    g_source_destroy (poll->wait);
  if (poll->cancel_wait != NULL)
    g_source_destroy (poll->cancel_wait);
  g_clear_pointer (&poll->wait, g_source_unref);
  g_clear_pointer (&poll->cancel_wait, g_source_unref);
}

static void
poll_free (Poll *poll)
{
  poll_stop_waiting (poll);
  dd_sso_registration_free (poll->registration);
  dd_wipe_free (poll->device_code);
  g_free (poll);
}

static void poll_once (GTask *task);

static gboolean
wait_done_cb (gpointer data)
{
  GTask *task = data;

  poll_stop_waiting (g_task_get_task_data (task));
  poll_once (task);
  return G_SOURCE_REMOVE;
}

static gboolean
wait_cancelled_cb (GCancellable *cancellable,
                   gpointer      data)
{
  GTask *task = data;

  poll_stop_waiting (g_task_get_task_data (task));
  g_task_return_error_if_cancelled (task);
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

/* Waits the interval (holding the task's reference), then polls again. */
static void
poll_later (GTask *task)
{
  DdSsoOidc *self = g_task_get_source_object (task);
  Poll *poll = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  guint delay_ms = poll->interval * self->time_unit_ms;

  if (g_get_monotonic_time () + (gint64) delay_ms * 1000 > poll->deadline)
    {
      g_task_return_error (task, g_error_new_literal (DD_ERROR, DD_ERROR_CREDENTIALS,
                                                      _("the sign-in request expired before it was approved")));
      g_object_unref (task);
      return;
    }
  poll->wait = g_timeout_source_new (delay_ms);
  g_source_set_callback (poll->wait, wait_done_cb, task, NULL);
  g_source_attach (poll->wait, g_task_get_context (task));
  if (cancellable != NULL)
    {
      poll->cancel_wait = g_cancellable_source_new (cancellable);
      g_source_set_callback (poll->cancel_wait, (GSourceFunc) (void (*) (void)) wait_cancelled_cb, task, NULL);
      g_source_attach (poll->cancel_wait, g_task_get_context (task));
    }
}

static void
polled_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  Poll *poll = g_task_get_task_data (task);
  GError *error = NULL;
  DdSsoTokenGrant *grant = dd_sso_oidc_create_token_finish (DD_SSO_OIDC (source), result, &error);
  const char *code = error != NULL ? dd_error_get_aws_code (error) : NULL;

  if (grant != NULL)
    g_task_return_pointer (task, grant, (GDestroyNotify) dd_sso_token_grant_free);
  else if (g_strcmp0 (code, "AuthorizationPendingException") == 0 || g_strcmp0 (code, "SlowDownException") == 0)
    {
      if (g_str_equal (code, "SlowDownException"))
        poll->interval += SLOW_DOWN_SECONDS;
      g_clear_error (&error);
      poll_later (task);
      return;
    }
  else
    {
      if (g_strcmp0 (code, "ExpiredTokenException") == 0)
        g_prefix_error (&error, _("the sign-in request expired before it was approved: "));
      else if (g_strcmp0 (code, "AccessDeniedException") == 0)
        g_prefix_error (&error, _("the sign-in request was denied: "));
      g_task_return_error (task, error);
    }
  g_object_unref (task);
}

static void
poll_once (GTask *task)
{
  DdSsoOidc *self = g_task_get_source_object (task);
  Poll *poll = g_task_get_task_data (task);

  self->poll_count++;
  dd_sso_oidc_create_token_async (self, poll->registration, DD_SSO_GRANT_DEVICE_CODE, poll->device_code,
                                  g_task_get_cancellable (task), polled_cb, task);
}

void
dd_sso_oidc_poll_token_async (DdSsoOidc                      *self,
                              const DdSsoRegistration        *registration,
                              const DdSsoDeviceAuthorization *authorization,
                              GCancellable                   *cancellable,
                              GAsyncReadyCallback             callback,
                              gpointer                        user_data)
{
  GTask *task;
  Poll *poll;

  g_return_if_fail (DD_IS_SSO_OIDC (self));
  g_return_if_fail (registration != NULL && authorization != NULL && authorization->device_code != NULL);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_sso_oidc_poll_token_async);
  poll = g_new0 (Poll, 1);
  poll->registration = registration_copy (registration);
  poll->device_code = g_strdup (authorization->device_code);
  poll->interval = MAX (authorization->interval, 1);
  poll->deadline = g_get_monotonic_time () + (gint64) authorization->expires_in * self->time_unit_ms * 1000;
  g_task_set_task_data (task, poll, (GDestroyNotify) poll_free);
  self->poll_count = 0;
  poll_once (task);
}

DdSsoTokenGrant *
dd_sso_oidc_poll_token_finish (DdSsoOidc     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
