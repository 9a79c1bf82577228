/* dd-retry.c: the retry policy of dd-client, AWS "standard" mode.
 *
 * Delays: full jitter over an exponential bound. The defaults dd-client
 * uses are a 100 ms base (the standard mode of the AWS SDK for Java 2.x
 * for non-throttling errors; botocore's standard mode uses 1 s, which is
 * long for an interactive program) and a 20 s cap (every SDK's standard
 * mode). The quota numbers are the standard mode's.
 */
#define G_LOG_DOMAIN "dd-retry"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "dd-error.h"
#include "dd-retry.h"

void
dd_retry_quota_init (DdRetryQuota *quota,
                     guint         capacity)
{
  g_return_if_fail (quota != NULL);
  quota->available = capacity;
  quota->max = capacity;
}

guint
dd_retry_quota_acquire (DdRetryQuota *quota,
                        DdRetryKind   kind)
{
  guint cost = kind == DD_RETRY_TIMEOUT ? DD_RETRY_TIMEOUT_COST : DD_RETRY_COST;

  g_return_val_if_fail (quota != NULL, 0);
  if (kind == DD_RETRY_NEVER || quota->available < cost)
    return 0;
  quota->available -= cost;
  return cost;
}

void
dd_retry_quota_release (DdRetryQuota *quota,
                        guint         taken)
{
  guint give = taken > 0 ? taken : DD_RETRY_NO_RETRY_INCREMENT;

  g_return_if_fail (quota != NULL);
  quota->available = MIN (quota->max, quota->available + give);
}

static gboolean
code_is_transient (const char *code)
{
  static const char *const codes[] = {
    "RequestTimeout",
    "RequestTimeoutException",
    "PriorRequestNotComplete",
    "InternalServerError",
    "ServiceUnavailable",
    NULL,
  };

  return code != NULL && g_strv_contains (codes, code);
}

static DdRetryKind
classify_service (const GError *error)
{
  const char *code = dd_error_get_aws_code (error);

  if (dd_error_code_is_throttling (code))
    return DD_RETRY_THROTTLING;
  if (dd_error_get_http_status (error) >= 500 || code_is_transient (code))
    return DD_RETRY_TRANSIENT;
  return DD_RETRY_NEVER;
}

static DdRetryKind
classify_io (const GError *error)
{
  static const GIOErrorEnum never[] = {
    G_IO_ERROR_CANCELLED,
    G_IO_ERROR_INVALID_ARGUMENT,
    G_IO_ERROR_NOT_SUPPORTED,
    G_IO_ERROR_PERMISSION_DENIED,
  };

  if (error->code == G_IO_ERROR_TIMED_OUT)
    return DD_RETRY_TIMEOUT;
  for (guint i = 0; i < G_N_ELEMENTS (never); i++)
    if (error->code == (int) never[i])
      return DD_RETRY_NEVER;
  /* refused, reset, closed, broken pipe, partial input, unreachable */
  return DD_RETRY_TRANSIENT;
}

DdRetryKind
dd_retry_classify (const GError *error)
{
  g_return_val_if_fail (error != NULL, DD_RETRY_NEVER);

  if (error->domain == DD_ERROR)
    {
      switch ((DdErrorCode) error->code)
        {
        case DD_ERROR_SERVICE:
          return classify_service (error);
        case DD_ERROR_TIMEOUT:
          return DD_RETRY_TIMEOUT;
        case DD_ERROR_CRC:
          return DD_RETRY_TRANSIENT;
        case DD_ERROR_FAILED:
        case DD_ERROR_NETWORK:  /* already judged at the transport level */
        case DD_ERROR_CREDENTIALS:
        case DD_ERROR_INVALID_JSON:
        case DD_ERROR_INVALID_INPUT:
        case DD_ERROR_PROTOCOL:
        case DD_ERROR_MAYBE_APPLIED:
        default:
          return DD_RETRY_NEVER;
        }
    }
  if (error->domain == G_IO_ERROR)
    return classify_io (error);
  if (error->domain == G_RESOLVER_ERROR)
    return error->code == G_RESOLVER_ERROR_TEMPORARY_FAILURE ? DD_RETRY_TRANSIENT : DD_RETRY_NEVER;
  if (error->domain == SOUP_SESSION_ERROR)
    return error->code == SOUP_SESSION_ERROR_PARSING ? DD_RETRY_TRANSIENT : DD_RETRY_NEVER;
  /* G_TLS_ERROR (a bad certificate will not get better) and the rest */
  return DD_RETRY_NEVER;
}

gboolean
dd_retry_outcome_unknown (const GError *error)
{
  g_return_val_if_fail (error != NULL, TRUE);

  if (g_error_matches (error, DD_ERROR, DD_ERROR_SERVICE))
    return dd_error_get_http_status (error) >= 500
           && !dd_error_code_is_throttling (dd_error_get_aws_code (error));
  if (error->domain == DD_ERROR)
    return error->code == DD_ERROR_NETWORK || error->code == DD_ERROR_TIMEOUT
           || error->code == DD_ERROR_CRC || error->code == DD_ERROR_PROTOCOL;
  if (error->domain == G_IO_ERROR)
    return error->code != G_IO_ERROR_CONNECTION_REFUSED && error->code != G_IO_ERROR_HOST_UNREACHABLE
           && error->code != G_IO_ERROR_NETWORK_UNREACHABLE && error->code != G_IO_ERROR_CANCELLED;
  /* a name that did not resolve, a TLS handshake that failed: nothing sent */
  if (error->domain == G_RESOLVER_ERROR || error->domain == G_TLS_ERROR)
    return FALSE;
  return TRUE;
}

guint
dd_retry_backoff_limit (guint retry,
                        guint base_ms,
                        guint cap_ms)
{
  guint64 limit = base_ms;

  for (guint i = 0; i < retry && limit < cap_ms; i++)
    limit *= 2;
  return (guint) MIN (limit, (guint64) cap_ms);
}

guint
dd_retry_backoff_delay (guint  retry,
                        guint  base_ms,
                        guint  cap_ms,
                        double fraction)
{
  guint limit = dd_retry_backoff_limit (retry, base_ms, cap_ms);
  double delay;

  fraction = CLAMP (fraction, 0.0, 1.0);
  delay = fraction * (double) limit;
  return MIN ((guint) delay, limit);
}

gboolean
dd_retry_is_clock_skew_error (const char *aws_code,
                              const char *aws_message)
{
  static const char *const codes[] = {
    "RequestTimeTooSkewed",
    "RequestExpired",
    "RequestInTheFuture",
    "InvalidSignatureException",
    "SignatureDoesNotMatch",
    "AuthFailure",
  };

  if (aws_message != NULL && strstr (aws_message, "Signature expired") != NULL)
    return TRUE;
  if (aws_code == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    if (g_str_equal (codes[i], aws_code))
      return TRUE;
  return FALSE;
}

/* TRUE when body is a JSON object with a non-empty ClientRequestToken. */
static gboolean
has_request_token (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gsize len = 0;
  const char *text = g_bytes_get_data (body, &len);
  JsonNode *root;
  JsonNode *token;

  if (text == NULL || !json_parser_load_from_data (parser, text, (gssize) len, NULL))
    return FALSE;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  token = json_object_get_member (json_node_get_object (root), "ClientRequestToken");
  return token != NULL && JSON_NODE_HOLDS_VALUE (token)
         && json_node_get_value_type (token) == G_TYPE_STRING && *json_node_get_string (token) != '\0';
}

gboolean
dd_retry_write_may_repeat (const char *action,
                           GBytes     *body)
{
  static const char *const writes[] = { "PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", NULL };

  g_return_val_if_fail (action != NULL, FALSE);

  if (g_strv_contains (writes, action))
    return TRUE;
  /* DynamoDB takes a TransactWriteItems with the ClientRequestToken of one
   * it has already done (within ten minutes) as that same transaction and
   * does not do it again: with a token, a repeat is harmless. */
  if (g_strcmp0 (action, "TransactWriteItems") == 0)
    return body == NULL || !has_request_token (body);
  return FALSE;
}
