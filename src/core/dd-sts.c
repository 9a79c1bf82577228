/* dd-sts.c: a client of the AWS Security Token Service (Query API). */
#define G_LOG_DOMAIN "dd-sts"

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include <libsoup/soup.h>
#include <glib/gi18n-lib.h>

#include "dd-error.h"
#include "dd-provider-util.h"
#include "dd-sigv4.h"
#include "dd-sts.h"

#define STS_VERSION "2011-06-15"
#define FORM_CONTENT_TYPE "application/x-www-form-urlencoded; charset=utf-8"

struct _DdSts
{
  GObject      parent_instance;
  char        *region;
  char        *endpoint;
  SoupSession *session;
};

G_DEFINE_FINAL_TYPE (DdSts, dd_sts, G_TYPE_OBJECT)

static const char *
getenv_nonempty (const char *name)
{
  const char *value = g_getenv (name);

  return value != NULL && *value ? value : NULL;
}

char *
dd_sts_endpoint_for_region (const char *region)
{
  g_return_val_if_fail (region != NULL, NULL);

  if (g_str_equal (region, "aws-global"))
    return g_strdup ("https://sts.amazonaws.com");
  if (g_str_has_prefix (region, "cn-"))
    return g_strdup_printf ("https://sts.%s.amazonaws.com.cn", region);
  if (g_str_has_prefix (region, "us-isob-"))
    return g_strdup_printf ("https://sts.%s.sc2s.sgov.gov", region);
  if (g_str_has_prefix (region, "us-iso-"))
    return g_strdup_printf ("https://sts.%s.c2s.ic.gov", region);
  return g_strdup_printf ("https://sts.%s.amazonaws.com", region);
}

static char *
strip_trailing_slash (const char *url)
{
  gsize len = strlen (url);

  while (len > 0 && url[len - 1] == '/')
    len--;
  return g_strndup (url, len);
}

DdSts *
dd_sts_new (const char *region,
            const char *endpoint)
{
  DdSts *self = g_object_new (DD_TYPE_STS, NULL);

  if (region == NULL)
    region = getenv_nonempty ("AWS_REGION");
  if (region == NULL)
    region = getenv_nonempty ("AWS_DEFAULT_REGION");
  self->region = g_strdup (region != NULL ? region : "us-east-1");

  if (endpoint == NULL)
    endpoint = getenv_nonempty ("AWS_ENDPOINT_URL_STS");
  if (endpoint == NULL)
    endpoint = getenv_nonempty ("AWS_ENDPOINT_URL");
  self->endpoint = endpoint != NULL ? strip_trailing_slash (endpoint)
                                    : dd_sts_endpoint_for_region (self->region);
  return self;
}

const char *
dd_sts_get_region (DdSts *self)
{
  g_return_val_if_fail (DD_IS_STS (self), NULL);
  return self->region;
}

const char *
dd_sts_get_endpoint (DdSts *self)
{
  g_return_val_if_fail (DD_IS_STS (self), NULL);
  return self->endpoint;
}

void
dd_sts_set_timeout (DdSts *self,
                    guint  seconds)
{
  g_return_if_fail (DD_IS_STS (self));
  g_object_set (self->session, "timeout", seconds, NULL);
}

char *
dd_sts_form_encode (const char *first_name,
                    ...)
{
  GString *form = g_string_new (NULL);
  const char *name = first_name;
  va_list args;

  va_start (args, first_name);
  while (name != NULL)
    {
      const char *value = va_arg (args, const char *);

      if (value != NULL)
        {
          g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

          g_string_append_printf (form, "%s%s=%s", form->len ? "&" : "", name, escaped);
        }
      name = va_arg (args, const char *);
    }
  va_end (args);
  return g_string_free (form, FALSE);
}

/* XML answers, read with GMarkup into path -> text. */

typedef struct
{
  GPtrArray  *path;    /* element names */
  GString    *text;
  GHashTable *values;
} XmlReader;

static void
xml_start (GMarkupParseContext *context,
           const char          *element,
           const char         **names,
           const char         **values,
           gpointer             data,
           GError             **error)
{
  XmlReader *r = data;
  const char *colon = strchr (element, ':');

  g_ptr_array_add (r->path, g_strdup (colon != NULL ? colon + 1 : element));
  g_string_truncate (r->text, 0);
}

static void
xml_end (GMarkupParseContext *context,
         const char          *element,
         gpointer             data,
         GError             **error)
{
  XmlReader *r = data;
  g_autoptr(GString) path = g_string_new (NULL);

  for (guint i = 0; i < r->path->len; i++)
    g_string_append_printf (path, "%s%s", i ? "/" : "", (char *) g_ptr_array_index (r->path, i));
  if (!g_hash_table_contains (r->values, path->str))
    g_hash_table_insert (r->values, g_strdup (path->str), g_strstrip (g_strdup (r->text->str)));
  g_string_truncate (r->text, 0);
  g_ptr_array_set_size (r->path, r->path->len - 1);
}

static void
xml_text (GMarkupParseContext *context,
          const char          *text,
          gsize                len,
          gpointer             data,
          GError             **error)
{
  XmlReader *r = data;

  g_string_append_len (r->text, text, len);
}

GHashTable *
dd_sts_parse_xml (const char  *xml,
                  gsize        len,
                  GError     **error)
{
  static const GMarkupParser parser = { xml_start, xml_end, xml_text, NULL, NULL };
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) path = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) text = g_string_new (NULL);
  XmlReader r = { path, text, values };
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, &r, NULL);
  g_autoptr(GError) local_error = NULL;

  if (xml == NULL)
    xml = "", len = 0;
  if (!g_markup_parse_context_parse (context, xml, len, &local_error) ||
      !g_markup_parse_context_end_parse (context, &local_error))
    {
      int line = 0, column = 0;

      /* GMarkup's message quotes the text it stopped at, which may be
       * invalid UTF-8 or part of a secret: say only where. */
      g_markup_parse_context_get_position (context, &line, &column);
      g_set_error (error, DD_ERROR, DD_ERROR_PROTOCOL,
                   _("the answer is not XML (line %d, character %d)"), line, column);
      return NULL;
    }
  return g_steal_pointer (&values);
}

static const char *
xml_value (GHashTable *values,
           const char *action,
           const char *leaf)
{
  g_autofree char *path = g_strdup_printf ("%sResponse/%sResult/%s", action, action, leaf);
  const char *value = g_hash_table_lookup (values, path);

  return value != NULL && *value ? value : NULL;
}

DdCredentials *
dd_sts_parse_credentials (const char  *action,
                          const char  *xml,
                          gsize        len,
                          const char  *provider,
                          GError     **error)
{
  g_autoptr(GHashTable) values = dd_sts_parse_xml (xml, len, error);
  g_autoptr(GDateTime) expiration = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  const char *key, *secret, *token, *expires;

  if (values == NULL)
    return NULL;
  key = xml_value (values, action, "Credentials/AccessKeyId");
  secret = xml_value (values, action, "Credentials/SecretAccessKey");
  token = xml_value (values, action, "Credentials/SessionToken");
  expires = xml_value (values, action, "Credentials/Expiration");
  if (key == NULL || secret == NULL || token == NULL)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_PROTOCOL, _("the %s answer holds no credentials"), action);
      return NULL;
    }
  if (expires != NULL && (expiration = g_date_time_new_from_iso8601 (expires, utc)) == NULL)
    {
      /* not quoted: the answer holds credentials */
      g_set_error (error, DD_ERROR, DD_ERROR_PROTOCOL,
                   _("the %s answer has an expiration that is not an ISO 8601 time"), action);
      return NULL;
    }
  return dd_credentials_new (key, secret, token, expiration, provider);
}

GError *
dd_sts_parse_error (const char *xml,
                    gsize       len,
                    guint       http_status,
                    const char *request_id)
{
  g_autoptr(GHashTable) values = dd_sts_parse_xml (xml, len, NULL);
  const char *code = values ? g_hash_table_lookup (values, "ErrorResponse/Error/Code") : NULL;
  const char *message = values ? g_hash_table_lookup (values, "ErrorResponse/Error/Message") : NULL;
  const char *xml_request_id = values ? g_hash_table_lookup (values, "ErrorResponse/RequestId") : NULL;
  GError *error;

  if (code == NULL || *code == '\0')
    return g_error_new (DD_ERROR, DD_ERROR_PROTOCOL,
                        _("STS answered HTTP %u with a body that is not an STS error"), http_status);
  error = dd_error_new_service (code, message, http_status,
                                xml_request_id != NULL && *xml_request_id ? xml_request_id : request_id);
  if (g_str_equal (code, "ExpiredToken"))
    dd_error_set_hint (error, _("The session token of the credentials used to call STS has expired: "
                              "refresh them or sign in again."));
  return error;
}

/* Calls. */

typedef struct
{
  char        *action;
  char        *provider;
  SoupMessage *message;
} Call;

static void
call_free (Call *call)
{
  g_free (call->action);
  g_free (call->provider);
  g_clear_object (&call->message);
  g_free (call);
}

/* The Host header as sent: the port only when it is not the scheme's. */
static char *
host_header (GUri *uri)
{
  const char *host = g_uri_get_host (uri);
  int port = g_uri_get_port (uri);
  gboolean https = g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0;
  gboolean ipv6 = strchr (host, ':') != NULL;

  if (port == -1 || port == (https ? 443 : 80))
    return g_strdup_printf (ipv6 ? "[%s]" : "%s", host);
  return g_strdup_printf (ipv6 ? "[%s]:%d" : "%s:%d", host, port);
}

static void
sign_message (DdSts         *self,
              SoupMessage   *message,
              const char    *host,
              GBytes        *body,
              DdCredentials *credentials)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *amz_date = dd_sigv4_format_amz_date (now);
  g_autofree char *authorization = NULL;
  const char *token = dd_credentials_get_session_token (credentials);
  const char *path = g_uri_get_path (soup_message_get_uri (message));
  SoupMessageHeaders *headers = soup_message_get_request_headers (message);
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (body, &len);
  const DdSigv4Header signed_headers[] = {
    { "content-type", FORM_CONTENT_TYPE },
    { "host", host },
    { "x-amz-date", amz_date },
    { "x-amz-security-token", token },
  };
  DdSigv4Request request = {
    "POST", *path ? path : "/", NULL, signed_headers, token != NULL ? 4 : 3,
    data, len, NULL, TRUE,
  };
  DdSigv4Scope scope = {
    dd_credentials_get_access_key_id (credentials),
    dd_credentials_get_secret_access_key (credentials),
    g_str_equal (self->region, "aws-global") ? "us-east-1" : self->region,
    "sts",
    now,
  };

  authorization = dd_sigv4_authorization (&request, &scope);
  soup_message_headers_replace (headers, "X-Amz-Date", amz_date);
  if (token != NULL)
    soup_message_headers_replace (headers, "X-Amz-Security-Token", token);
  soup_message_headers_replace (headers, "Authorization", authorization);
}

static GError *
transport_error (DdSts  *self,
                 GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (DD_ERROR, DD_ERROR_TIMEOUT, _("STS at %s did not answer in time"), self->endpoint);
  return g_error_new (DD_ERROR, DD_ERROR_NETWORK, _("could not reach STS at %s: %s"),
                      self->endpoint, error->message);
}

static void
call_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DdSts *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  guint status = soup_message_get_status (call->message);
  gsize len = 0;
  const char *data;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (body == NULL)
    {
      g_task_return_error (task, transport_error (self, error));
      return;
    }
  data = g_bytes_get_data (body, &len);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      SoupMessageHeaders *headers = soup_message_get_response_headers (call->message);

      g_task_return_error (task, dd_sts_parse_error (data, len, status,
                                                     soup_message_headers_get_one (headers, "x-amzn-RequestId")));
      return;
    }
  if (g_str_equal (call->action, "GetCallerIdentity"))
    {
      GHashTable *values = dd_sts_parse_xml (data, len, &error);

      if (values == NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, values, (GDestroyNotify) g_hash_table_unref);
      return;
    }
  {
    DdCredentials *credentials = dd_sts_parse_credentials (call->action, data, len, call->provider, &error);

    dd_provider_util_return_credentials (task, credentials, g_steal_pointer (&error));
  }
}

static void
call_async (DdSts               *self,
            const char          *action,
            char                *form,
            DdCredentials       *signer,
            const char          *provider,
            gpointer             source_tag,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Call *call = g_new0 (Call, 1);
  g_autoptr(GBytes) body = g_bytes_new_take (form, strlen (form));
  g_autoptr(GUri) base = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *host = NULL;
  g_autoptr(GError) error = NULL;

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, call, (GDestroyNotify) call_free);
  call->action = g_strdup (action);
  call->provider = g_strdup (provider);

  base = g_uri_parse (self->endpoint, SOUP_HTTP_URI_FLAGS, &error);
  if (base != NULL)
    uri = g_uri_parse_relative (base, *g_uri_get_path (base) ? g_uri_get_path (base) : "/",
                                SOUP_HTTP_URI_FLAGS, &error);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    {
      g_task_return_new_error (task, DD_ERROR, DD_ERROR_INVALID_INPUT,
                               _("the STS endpoint is not a valid URL: %s"), self->endpoint);
      g_object_unref (task);
      return;
    }

  host = host_header (uri);
  call->message = soup_message_new_from_uri ("POST", uri);
  soup_message_add_flags (call->message, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_set_request_body_from_bytes (call->message, FORM_CONTENT_TYPE, body);
  soup_message_headers_replace (soup_message_get_request_headers (call->message), "Host", host);
  if (signer != NULL)
    sign_message (self, call->message, host, body, signer);

  soup_session_send_and_read_async (self->session, call->message, G_PRIORITY_DEFAULT,
                                    cancellable, call_done_cb, task);
}

void
dd_sts_assume_role_async (DdSts                       *self,
                          DdCredentials               *base,
                          const DdStsAssumeRoleParams *params,
                          const char                  *provider,
                          GCancellable                *cancellable,
                          GAsyncReadyCallback          callback,
                          gpointer                     user_data)
{
  g_autofree char *duration = NULL;
  char *form;

  g_return_if_fail (DD_IS_STS (self));
  g_return_if_fail (base != NULL);
  g_return_if_fail (params != NULL && params->role_arn != NULL && params->role_session_name != NULL);

  if (params->duration_seconds > 0)
    duration = g_strdup_printf ("%u", params->duration_seconds);
  form = dd_sts_form_encode ("Action", "AssumeRole",
                             "Version", STS_VERSION,
                             "RoleArn", params->role_arn,
                             "RoleSessionName", params->role_session_name,
                             "ExternalId", params->external_id,
                             "DurationSeconds", duration,
                             "SerialNumber", params->serial_number,
                             "TokenCode", params->token_code,
                             NULL);
  call_async (self, "AssumeRole", form, base, provider ? provider : "assume-role",
              dd_sts_assume_role_async, cancellable, callback, user_data);
}

DdCredentials *
dd_sts_assume_role_finish (DdSts         *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
dd_sts_assume_role_with_web_identity_async (DdSts               *self,
                                            const char          *role_arn,
                                            const char          *role_session_name,
                                            const char          *web_identity_token,
                                            const char          *provider,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  char *form;

  g_return_if_fail (DD_IS_STS (self));
  g_return_if_fail (role_arn != NULL && role_session_name != NULL && web_identity_token != NULL);

  form = dd_sts_form_encode ("Action", "AssumeRoleWithWebIdentity",
                             "Version", STS_VERSION,
                             "RoleArn", role_arn,
                             "RoleSessionName", role_session_name,
                             "WebIdentityToken", web_identity_token,
                             NULL);
  call_async (self, "AssumeRoleWithWebIdentity", form, NULL, provider ? provider : "web-identity",
              dd_sts_assume_role_with_web_identity_async, cancellable, callback, user_data);
}

DdCredentials *
dd_sts_assume_role_with_web_identity_finish (DdSts         *self,
                                             GAsyncResult  *result,
                                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
dd_sts_get_caller_identity_async (DdSts               *self,
                                  DdCredentials       *credentials,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (DD_IS_STS (self));
  g_return_if_fail (credentials != NULL);

  call_async (self, "GetCallerIdentity",
              dd_sts_form_encode ("Action", "GetCallerIdentity", "Version", STS_VERSION, NULL),
              credentials, NULL, dd_sts_get_caller_identity_async, cancellable, callback, user_data);
}

char *
dd_sts_get_caller_identity_finish (DdSts         *self,
                                   GAsyncResult  *result,
                                   char         **account,
                                   char         **user_id,
                                   GError       **error)
{
  g_autoptr(GHashTable) values = NULL;
  const char *prefix = "GetCallerIdentityResponse/GetCallerIdentityResult/";
  g_autofree char *arn_path = g_strconcat (prefix, "Arn", NULL);
  g_autofree char *account_path = g_strconcat (prefix, "Account", NULL);
  g_autofree char *user_path = g_strconcat (prefix, "UserId", NULL);

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  values = g_task_propagate_pointer (G_TASK (result), error);
  if (values == NULL)
    return NULL;
  if (g_hash_table_lookup (values, arn_path) == NULL)
    {
      g_set_error_literal (error, DD_ERROR, DD_ERROR_PROTOCOL, _("the GetCallerIdentity answer holds no Arn"));
      return NULL;
    }
  if (account != NULL)
    *account = g_strdup (g_hash_table_lookup (values, account_path));
  if (user_id != NULL)
    *user_id = g_strdup (g_hash_table_lookup (values, user_path));
  return g_strdup (g_hash_table_lookup (values, arn_path));
}

static void
dd_sts_finalize (GObject *object)
{
  DdSts *self = DD_STS (object);

  g_free (self->region);
  g_free (self->endpoint);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (dd_sts_parent_class)->finalize (object);
}

static void
dd_sts_class_init (DdStsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_sts_finalize;
}

static void
dd_sts_init (DdSts *self)
{
  g_autofree char *user_agent = g_strdup_printf ("dynamo-desk/%s", PACKAGE_VERSION);

  self->session = soup_session_new_with_options ("timeout", 30, "user-agent", user_agent, NULL);
}
