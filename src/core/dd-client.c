/* dd-client.c: one DynamoDB endpoint over libsoup 3.
 *
 * A call is a chain of attempts: credentials from the provider, a request
 * signed with the current time (corrected by the clock skew the server
 * showed us), the response read whole into one buffer, its x-amz-crc32
 * checked on the bytes as they came over the wire (the session has no
 * SoupContentDecoder and asks for no compression), then success, an error, or a retry after a
 * jittered backoff (dd-retry.h). Redirects are never followed.
 */
#define G_LOG_DOMAIN "dd-client"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include <libsoup/soup.h>

#include "dd-client.h"
#include "dd-client-endpoint.h"
#include "dd-client-response.h"
#include "dd-error.h"
#include "dd-retry.h"
#include "dd-sigv4.h"

#define CONTENT_TYPE       "application/x-amz-json-1.0"
#define TARGET_PREFIX      "DynamoDB_20120810."
#define SERVICE            "dynamodb"
#define SKEW_THRESHOLD_US  (4 * G_TIME_SPAN_MINUTE)
#define DEFAULT_ATTEMPTS   3
#define DEFAULT_BASE_MS    100
#define DEFAULT_CAP_MS     20000
#define DEFAULT_TIMEOUT_S  60

struct _DdClient
{
  GObject                parent_instance;

  char                  *region;
  char                  *endpoint;
  DdCredentialsProvider *provider;

  /* From the endpoint; uri is NULL when it could not be used, and
   * endpoint_error says why. */
  GUri                  *uri;
  char                  *host_header;
  char                  *endpoint_error;

  SoupSession           *session;
  GRand                 *rand;
  DdRetryQuota           quota;
  GTimeSpan              skew;   /* server time minus ours, in µs */

  guint                  max_attempts;
  guint                  base_ms;
  guint                  cap_ms;
  guint                  timeout_s;
  guint                  last_attempts;
};

G_DEFINE_FINAL_TYPE (DdClient, dd_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REGION,
  PROP_ENDPOINT,
  PROP_PROVIDER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- object ------------------------------------------------------------ */

static void
dd_client_finalize (GObject *object)
{
  DdClient *self = DD_CLIENT (object);

  g_clear_pointer (&self->region, g_free);
  g_clear_pointer (&self->endpoint, g_free);
  g_clear_object (&self->provider);
  g_clear_pointer (&self->uri, g_uri_unref);
  g_clear_pointer (&self->host_header, g_free);
  g_clear_pointer (&self->endpoint_error, g_free);
  g_clear_object (&self->session);
  g_clear_pointer (&self->rand, g_rand_free);
  G_OBJECT_CLASS (dd_client_parent_class)->finalize (object);
}

static void
dd_client_constructed (GObject *object)
{
  DdClient *self = DD_CLIENT (object);

  G_OBJECT_CLASS (dd_client_parent_class)->constructed (object);
  self->uri = dd_client_endpoint_parse (self->region, self->endpoint, &self->host_header,
                                        &self->endpoint_error);
  /* A loopback endpoint is never reached through a proxy: the system's
   * proxy resolver (GIO's modules, libproxy, GSettings) is not even
   * loaded for it. */
  if (self->uri != NULL && dd_client_endpoint_is_loopback (self->uri))
    g_object_set (self->session, "proxy-resolver", NULL, NULL);
}

static void
dd_client_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  DdClient *self = DD_CLIENT (object);

  switch (prop_id)
    {
    case PROP_REGION:
      g_value_set_string (value, self->region);
      break;
    case PROP_ENDPOINT:
      g_value_set_string (value, self->endpoint);
      break;
    case PROP_PROVIDER:
      g_value_set_object (value, self->provider);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_client_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  DdClient *self = DD_CLIENT (object);

  switch (prop_id)
    {
    case PROP_REGION:
      self->region = g_value_dup_string (value);
      break;
    case PROP_ENDPOINT:
      self->endpoint = g_value_dup_string (value);
      break;
    case PROP_PROVIDER:
      self->provider = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_client_class_init (DdClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dd_client_finalize;
  object_class->constructed = dd_client_constructed;
  object_class->get_property = dd_client_get_property;
  object_class->set_property = dd_client_set_property;

  properties[PROP_REGION] =
    g_param_spec_string ("region", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The resolved endpoint (dd_client_new resolves it). */
  properties[PROP_ENDPOINT] =
    g_param_spec_string ("endpoint", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROVIDER] =
    g_param_spec_object ("provider", NULL, NULL, DD_TYPE_CREDENTIALS_PROVIDER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dd_client_init (DdClient *self)
{
  self->max_attempts = DEFAULT_ATTEMPTS;
  self->base_ms = DEFAULT_BASE_MS;
  self->cap_ms = DEFAULT_CAP_MS;
  self->timeout_s = DEFAULT_TIMEOUT_S;
  self->rand = g_rand_new ();
  dd_retry_quota_init (&self->quota, DD_RETRY_QUOTA_INITIAL);

  self->session = soup_session_new_with_options ("timeout", self->timeout_s,
                                                 "idle-timeout", self->timeout_s,
                                                 "max-conns", 64,
                                                 "max-conns-per-host", 16,
                                                 "user-agent", "dynamo-desk/" PACKAGE_VERSION,
                                                 NULL);
  /* x-amz-crc32 covers the bytes on the wire: no transparent decoding, and
   * without the decoder no Accept-Encoding is sent either. */
  soup_session_remove_feature_by_type (self->session, SOUP_TYPE_CONTENT_DECODER);
}

DdClient *
dd_client_new (const char            *region,
               const char            *endpoint,
               DdCredentialsProvider *provider)
{
  g_autofree char *resolved = NULL;

  g_return_val_if_fail (region != NULL, NULL);
  g_return_val_if_fail (DD_IS_CREDENTIALS_PROVIDER (provider), NULL);

  resolved = dd_client_endpoint_resolve (region, endpoint);
  return g_object_new (DD_TYPE_CLIENT,
                       "region", region,
                       "endpoint", resolved,
                       "provider", provider,
                       NULL);
}

const char *
dd_client_get_region (DdClient *self)
{
  g_return_val_if_fail (DD_IS_CLIENT (self), NULL);
  return self->region;
}

const char *
dd_client_get_endpoint (DdClient *self)
{
  g_return_val_if_fail (DD_IS_CLIENT (self), NULL);
  return self->endpoint;
}

DdCredentialsProvider *
dd_client_get_provider (DdClient *self)
{
  g_return_val_if_fail (DD_IS_CLIENT (self), NULL);
  return self->provider;
}

void
dd_client_set_max_attempts (DdClient *self,
                            guint     max_attempts)
{
  g_return_if_fail (DD_IS_CLIENT (self));
  g_return_if_fail (max_attempts >= 1);
  self->max_attempts = max_attempts;
}

guint
dd_client_get_max_attempts (DdClient *self)
{
  g_return_val_if_fail (DD_IS_CLIENT (self), 0);
  return self->max_attempts;
}

void
dd_client_set_backoff (DdClient *self,
                       guint     base_ms,
                       guint     cap_ms)
{
  g_return_if_fail (DD_IS_CLIENT (self));
  self->base_ms = base_ms;
  self->cap_ms = cap_ms;
}

void
dd_client_set_timeout (DdClient *self,
                       guint     seconds)
{
  g_return_if_fail (DD_IS_CLIENT (self));
  g_return_if_fail (seconds >= 1);
  self->timeout_s = seconds;
  soup_session_set_timeout (self->session, seconds);
  soup_session_set_idle_timeout (self->session, seconds);
}

guint
dd_client_get_last_attempts (DdClient *self)
{
  g_return_val_if_fail (DD_IS_CLIENT (self), 0);
  return self->last_attempts;
}

void
dd_client_set_jitter_seed (DdClient *self,
                           guint32   seed)
{
  g_return_if_fail (DD_IS_CLIENT (self));
  g_rand_set_seed (self->rand, seed);
}

/* ---- one call ---------------------------------------------------------- */

typedef struct
{
  char        *action;
  char        *target;
  GBytes      *body;
  char        *payload_hash;
  SoupMessage *msg;           /* the attempt in flight */
  GSource     *backoff;       /* the wait before the next attempt */
  GSource     *cancel_watch;  /* ends that wait when the call is cancelled */
  guint        attempts;
  guint        quota_taken;   /* what the last retry took from the quota */
  gboolean     skew_retried;
  gboolean     outcome_unknown; /* an attempt may have taken effect */
  gboolean     earlier_unknown; /* ... and another was made after it */
} CallData;

static void
stop_backoff (CallData *data)
{
  if (data->backoff != NULL)
    g_source_destroy (data->backoff);
  if (data->cancel_watch != NULL)
    g_source_destroy (data->cancel_watch);
  g_clear_pointer (&data->backoff, g_source_unref);
  g_clear_pointer (&data->cancel_watch, g_source_unref);
}

static void
call_data_free (CallData *data)
{
  stop_backoff (data);
  g_clear_object (&data->msg);
  g_free (data->action);
  g_free (data->target);
  g_bytes_unref (data->body);
  g_free (data->payload_hash);
  g_free (data);
}

static void start_attempt (GTask *task);

/* The call's final error, or (taking error) the error that says the write
 * may already have been made. */
static GError *
maybe_applied (CallData *data,
               GError   *error)
{
  GError *maybe = NULL;

  /* A conditional write whose answer was lost, then failed its condition
   * on a retry: the lost attempt may be what changed the item. */
  if (data->outcome_unknown && g_error_matches (error, DD_ERROR, DD_ERROR_SERVICE)
      && g_strcmp0 (dd_error_get_aws_code (error), "ConditionalCheckFailedException") == 0)
    maybe = dd_error_new_maybe_applied (error);
  /* A write whose answer was lost, then retried until the retries failed
   * for another reason (throttling, server errors, the network). */
  else if (data->earlier_unknown && error->domain == DD_ERROR && error->code != DD_ERROR_MAYBE_APPLIED
           && dd_retry_write_may_repeat (data->action, data->body))
    maybe = dd_error_new_maybe_applied_after (error);
  if (maybe == NULL)
    return error;
  g_error_free (error);
  return maybe;
}

/* Ends the call; takes body or error. */
static void
finish_call (GTask  *task,
             GBytes *body,
             GError *error)
{
  DdClient *self = g_task_get_source_object (task);
  CallData *data = g_task_get_task_data (task);

  self->last_attempts = data->attempts;
  if (body != NULL)
    {
      dd_retry_quota_release (&self->quota, data->quota_taken);
      g_debug ("%s done after %u attempt(s)", data->action, data->attempts);
      g_task_return_pointer (task, body, (GDestroyNotify) g_bytes_unref);
      return;
    }
  error = maybe_applied (data, error);
  g_debug ("%s failed after %u attempt(s): %s", data->action, data->attempts, error->message);
  g_task_return_error (task, error);
}

static GDateTime *
client_now (DdClient *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_add (now, self->skew);
}

static SoupMessage *
build_message (DdClient      *self,
               CallData      *data,
               DdCredentials *credentials)
{
  g_autoptr(GDateTime) now = client_now (self);
  g_autofree char *amz_date = dd_sigv4_format_amz_date (now);
  g_autofree char *authorization = NULL;
  const char *token = dd_credentials_get_session_token (credentials);
  DdSigv4Header headers[] = {
    { "host", self->host_header },
    { "content-type", CONTENT_TYPE },
    { "x-amz-date", amz_date },
    { "x-amz-target", data->target },
    { "x-amz-security-token", token },
  };
  gsize n_headers = token != NULL && *token ? 5 : 4;
  DdSigv4Request request = {
    .method = "POST", .path = g_uri_get_path (self->uri), .headers = headers,
    .n_headers = n_headers, .payload_hash = data->payload_hash, .normalize_path = TRUE,
  };
  DdSigv4Scope scope = {
    .access_key_id = dd_credentials_get_access_key_id (credentials),
    .secret_access_key = dd_credentials_get_secret_access_key (credentials),
    .region = self->region, .service = SERVICE, .when = now,
  };
  SoupMessage *msg = soup_message_new_from_uri (SOUP_METHOD_POST, self->uri);
  SoupMessageHeaders *request_headers = soup_message_get_request_headers (msg);

  authorization = dd_sigv4_authorization (&request, &scope);
  /* IDEMPOTENT lets libsoup send on a kept-alive connection (it opens a
   * new one for every other POST). A request lost on a connection the
   * server had closed is sent again, as the retry policy would anyway. */
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT | SOUP_MESSAGE_IDEMPOTENT);
  soup_message_set_request_body_from_bytes (msg, CONTENT_TYPE, data->body);
  for (gsize i = 0; i < n_headers; i++)
    if (!g_str_equal (headers[i].name, "content-type"))
      soup_message_headers_replace (request_headers, headers[i].name, headers[i].value);
  soup_message_headers_replace (request_headers, "Authorization", authorization);
  return msg;
}

/* Notes a clock skew the server's Date shows after an error that can come
 * from one. TRUE when the offset changed, so signing again can help. */
static gboolean
note_clock_skew (DdClient     *self,
                 SoupMessage  *msg,
                 const GError *error)
{
  const char *date;
  g_autoptr(GDateTime) server = NULL;
  g_autoptr(GDateTime) local = NULL;
  GTimeSpan offset;

  if (msg == NULL || !g_error_matches (error, DD_ERROR, DD_ERROR_SERVICE)
      || !dd_retry_is_clock_skew_error (dd_error_get_aws_code (error), dd_error_get_aws_message (error)))
    return FALSE;
  date = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Date");
  server = date != NULL ? soup_date_time_new_from_http_string (date) : NULL;
  if (server == NULL)
    return FALSE;
  local = g_date_time_new_now_utc ();
  offset = g_date_time_difference (server, local);
  if (ABS (offset - self->skew) <= SKEW_THRESHOLD_US)
    return FALSE;
  g_debug ("the server's clock is %" G_GINT64_FORMAT " s from ours; signing with its time",
           offset / G_TIME_SPAN_SECOND);
  self->skew = offset;
  return TRUE;
}

static GError *
map_transport_error (DdClient *self,
                     GError   *error)
{
  GError *mapped;

  if (error->domain == DD_ERROR || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return error;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    mapped = g_error_new (DD_ERROR, DD_ERROR_TIMEOUT, _("No answer from %s within %u s"),
                          self->host_header, self->timeout_s);
  else
    mapped = g_error_new (DD_ERROR, DD_ERROR_NETWORK, _("Could not talk to %s: %s"),
                          self->host_header, error->message);
  g_error_free (error);
  return mapped;
}

static gboolean
backoff_done_cb (gpointer user_data)
{
  GTask *task = user_data;

  stop_backoff (g_task_get_task_data (task));
  start_attempt (task);
  return G_SOURCE_REMOVE;
}

static gboolean
backoff_cancelled_cb (GCancellable *cancellable,
                      gpointer      user_data)
{
  GTask *task = user_data;

  stop_backoff (g_task_get_task_data (task));
  finish_call (task, NULL, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                _("Operation was cancelled")));
  return G_SOURCE_REMOVE;
}

static void
schedule_retry (GTask *task,
                guint  delay_ms)
{
  CallData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GMainContext *context = g_task_get_context (task);

  data->backoff = g_timeout_source_new (delay_ms);
  g_source_set_callback (data->backoff, backoff_done_cb, g_object_ref (task), g_object_unref);
  g_source_attach (data->backoff, context);
  if (cancellable != NULL)
    {
      data->cancel_watch = g_cancellable_source_new (cancellable);
      g_source_set_callback (data->cancel_watch, G_SOURCE_FUNC (backoff_cancelled_cb),
                             g_object_ref (task), g_object_unref);
      g_source_attach (data->cancel_watch, context);
    }
}

/* After a failed attempt: try again (now, or after a backoff) or give up.
 * Takes error; msg is the attempt's message when there was a response. */
static void
retry_or_fail (GTask       *task,
               GError      *error,
               SoupMessage *msg)
{
  DdClient *self = g_task_get_source_object (task);
  CallData *data = g_task_get_task_data (task);
  DdRetryKind kind = dd_retry_classify (error);
  guint delay;

  if (dd_retry_outcome_unknown (error))
    data->outcome_unknown = TRUE;
  if (!data->skew_retried && note_clock_skew (self, msg, error) && data->attempts < self->max_attempts)
    {
      data->skew_retried = TRUE;
      g_error_free (error);
      start_attempt (task);
      return;
    }
  if (kind == DD_RETRY_NEVER || data->attempts >= self->max_attempts)
    {
      finish_call (task, NULL, map_transport_error (self, error));
      return;
    }
  data->quota_taken = dd_retry_quota_acquire (&self->quota, kind);
  if (data->quota_taken == 0)
    {
      g_debug ("%s: the retry quota is spent; not retrying", data->action);
      finish_call (task, NULL, map_transport_error (self, error));
      return;
    }
  delay = dd_retry_backoff_delay (data->attempts - 1, self->base_ms, self->cap_ms,
                                  g_rand_double (self->rand));
  g_debug ("%s: attempt %u failed (%s); next in %u ms", data->action, data->attempts,
           error->message, delay);
  g_error_free (error);
  schedule_retry (task, delay);
}

static void
response_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CallData *data = g_task_get_task_data (task);
  g_autoptr(SoupMessage) msg = g_steal_pointer (&data->msg);
  g_autoptr(GBytes) wire = NULL;
  const char *request_id;
  GBytes *body;
  GError *error = NULL;

  wire = dd_client_response_read_finish (SOUP_SESSION (source), result, &error);
  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      g_clear_error (&error);
      finish_call (task, NULL, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                    _("Operation was cancelled")));
      return;
    }
  if (wire == NULL)
    {
      retry_or_fail (task, error, NULL);
      return;
    }
  request_id = soup_message_headers_get_one (soup_message_get_response_headers (msg), "x-amzn-RequestId");
  g_debug ("%s: HTTP %u, request id %s", data->action, soup_message_get_status (msg),
           request_id ? request_id : "(none)");
  body = dd_client_response_check (msg, wire, &error);
  if (body != NULL)
    finish_call (task, body, NULL);
  else
    retry_or_fail (task, error, msg);
}

/* libsoup sends an idempotent-flagged request again by itself when a kept-
 * alive connection fails under it: the first sending may have taken
 * effect. */
static void
message_restarted_cb (SoupMessage *msg,
                      CallData    *data)
{
  data->outcome_unknown = TRUE;
  data->earlier_unknown = TRUE;
}

static GError *
credentials_error (GError *error)
{
  GError *mapped;

  if (error->domain == DD_ERROR || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return error;
  mapped = g_error_new (DD_ERROR, DD_ERROR_CREDENTIALS, _("No credentials: %s"), error->message);
  g_error_free (error);
  return mapped;
}

static void
credentials_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DdClient *self = g_task_get_source_object (task);
  CallData *data = g_task_get_task_data (task);
  g_autoptr(DdCredentials) credentials = NULL;
  GCancellable *cancellable;
  GError *error = NULL;

  credentials = dd_credentials_provider_get_credentials_finish (DD_CREDENTIALS_PROVIDER (source),
                                                                result, &error);
  if (credentials == NULL)
    {
      finish_call (task, NULL, credentials_error (error));
      return;
    }
  data->msg = build_message (self, data, credentials);
  g_signal_connect (data->msg, "restarted", G_CALLBACK (message_restarted_cb), data);
  g_debug ("%s: attempt %u of %u to %s", data->action, data->attempts, self->max_attempts,
           self->host_header);
  cancellable = g_task_get_cancellable (task);
  dd_client_response_read_async (self->session, data->msg, G_PRIORITY_DEFAULT,
                                 cancellable, response_cb, g_steal_pointer (&task));
}

static void
start_attempt (GTask *task)
{
  DdClient *self = g_task_get_source_object (task);
  CallData *data = g_task_get_task_data (task);

  data->attempts++;
  data->earlier_unknown |= data->outcome_unknown;
  /* Every attempt asks again: the provider caches and refreshes. */
  dd_credentials_provider_get_credentials_async (self->provider, g_task_get_cancellable (task),
                                                 credentials_cb, g_object_ref (task));
}

static gboolean
action_is_valid (const char *action)
{
  if (*action == '\0')
    return FALSE;
  for (const char *p = action; *p; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;
  return TRUE;
}

void
dd_client_call_async (DdClient            *self,
                      const char          *action,
                      GBytes              *body,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CallData *data;
  gconstpointer bytes;
  gsize len = 0;

  g_return_if_fail (DD_IS_CLIENT (self));
  g_return_if_fail (action != NULL);
  g_return_if_fail (body != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_client_call_async);
  if (self->uri == NULL)
    {
      g_task_return_new_error (task, DD_ERROR, DD_ERROR_INVALID_INPUT, "%s", self->endpoint_error);
      return;
    }
  if (!action_is_valid (action))
    {
      g_task_return_new_error (task, DD_ERROR, DD_ERROR_INVALID_INPUT,
                               "“%s” is not a DynamoDB action name", action);
      return;
    }
  data = g_new0 (CallData, 1);
  data->action = g_strdup (action);
  data->target = g_strconcat (TARGET_PREFIX, action, NULL);
  data->body = g_bytes_ref (body);
  bytes = g_bytes_get_data (body, &len);
  data->payload_hash = dd_sigv4_sha256_hex (bytes, len);
  g_task_set_task_data (task, data, (GDestroyNotify) call_data_free);
  start_attempt (task);
}

GBytes *
dd_client_call_finish (DdClient      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (DD_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dd_client_call_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
