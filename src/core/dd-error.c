/* dd-error.c: the DD_ERROR domain, an extended GError domain. */
#define G_LOG_DOMAIN "dd-error"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-error.h"

typedef struct
{
  char  *aws_code;
  char  *aws_message;
  guint  http_status;
  char  *request_id;
  char  *hint;
} DdErrorPrivate;

static void
dd_error_private_init (DdErrorPrivate *priv)
{
}

static void
dd_error_private_copy (const DdErrorPrivate *src,
                       DdErrorPrivate       *dest)
{
  dest->aws_code = g_strdup (src->aws_code);
  dest->aws_message = g_strdup (src->aws_message);
  dest->http_status = src->http_status;
  dest->request_id = g_strdup (src->request_id);
  dest->hint = g_strdup (src->hint);
}

static void
dd_error_private_clear (DdErrorPrivate *priv)
{
  g_clear_pointer (&priv->aws_code, g_free);
  g_clear_pointer (&priv->aws_message, g_free);
  g_clear_pointer (&priv->request_id, g_free);
  g_clear_pointer (&priv->hint, g_free);
}

G_DEFINE_EXTENDED_ERROR (DdError, dd_error)

static const struct
{
  const char *code;
  const char *hint;
} hints[] = {
  { "ResourceNotFoundException", N_("Check the table name and the region: tables are per region and per account.") },
  { "ResourceInUseException", N_("The table is being created, updated or deleted, or already exists; wait and try again.") },
  { "ValidationException", N_("The request does not match what the operation accepts; check names, types and expressions.") },
  { "ConditionalCheckFailedException", N_("The item no longer matches the condition: it was changed or does not exist.") },
  { "ProvisionedThroughputExceededException", N_("The table's capacity was exceeded; retry later, lower the rate, or raise the capacity.") },
  { "ThrottlingException", N_("Requests are being throttled; retry later or lower the rate.") },
  { "RequestLimitExceeded", N_("The account's request limit was reached; retry later.") },
  { "LimitExceededException", N_("Too many table operations at once, or a quota was reached; wait and retry.") },
  { "UnrecognizedClientException", N_("The access key id is not known: check the access key, or the region for a local server.") },
  { "InvalidSignatureException", N_("The signature did not match: check the secret key, and that the clock is right.") },
  { "MissingAuthenticationTokenException", N_("The request was not signed: add credentials to the data source.") },
  { "ExpiredTokenException", N_("The session token has expired: refresh the credentials or sign in again.") },
  { "AccessDeniedException", N_("The identity is not allowed this action on this resource: check its IAM policy.") },
  { "AccessDenied", N_("The identity may not assume the role: check the role's trust policy and the caller's permissions.") },
  { "UnknownOperationException", N_("This endpoint does not support this operation (local servers lack transactions, PartiQL and UpdateTimeToLive).") },
  { "ItemCollectionSizeLimitExceededException", N_("An item collection exceeds 10 GB: spread the items over more partition keys.") },
  { "TransactionConflictException", N_("Another transaction is using the item; retry.") },
  { "TransactionCanceledException", N_("The transaction was cancelled; its reasons list why each part failed.") },
  { "SerializationException", N_("The request body is not what the service expects; check the types of its fields.") },
  { "IncompleteSignatureException", N_("The signature is incomplete: check the credentials.") },
  { "RegionDisabledException", N_("STS is not enabled in this region: enable it for the account or use another region.") },
};

GError *
dd_error_new_service (const char *aws_code,
                      const char *aws_message,
                      guint       http_status,
                      const char *request_id)
{
  GError *error;
  DdErrorPrivate *priv;
  const char *code = aws_code != NULL && *aws_code ? aws_code : "UnknownError";

  if (aws_message != NULL && *aws_message)
    error = g_error_new (DD_ERROR, DD_ERROR_SERVICE, "%s: %s", code, aws_message);
  else
    error = g_error_new (DD_ERROR, DD_ERROR_SERVICE, "%s (HTTP %u)", code, http_status);

  priv = dd_error_get_private (error);
  priv->aws_code = g_strdup (code);
  priv->aws_message = g_strdup (aws_message);
  priv->http_status = http_status;
  priv->request_id = g_strdup (request_id);
  priv->hint = g_strdup (dd_error_hint_for_code (code));
  return error;
}

GError *
dd_error_new_maybe_applied (const GError *service_error)
{
  GError *error = g_error_new_literal (DD_ERROR, DD_ERROR_MAYBE_APPLIED,
                                       _("The write may already have been made: the first "
                                         "answer was lost and a retry found the condition no "
                                         "longer true. Reload the item to check."));
  DdErrorPrivate *priv = dd_error_get_private (error);

  priv->aws_code = g_strdup (dd_error_get_aws_code (service_error));
  priv->aws_message = g_strdup (dd_error_get_aws_message (service_error));
  priv->http_status = dd_error_get_http_status (service_error);
  priv->request_id = g_strdup (dd_error_get_request_id (service_error));
  return error;
}

GError *
dd_error_new_maybe_applied_after (const GError *final_error)
{
  /* Translators: %s is the error of the last retry. */
  GError *error = g_error_new (DD_ERROR, DD_ERROR_MAYBE_APPLIED,
                               _("The write may already have been made: its first answer was lost, "
                                 "and the retries then failed with “%s”. Reload the item to check."),
                               final_error->message);
  DdErrorPrivate *priv = dd_error_get_private (error);

  priv->aws_code = g_strdup (dd_error_get_aws_code (final_error));
  priv->aws_message = g_strdup (dd_error_get_aws_message (final_error));
  priv->http_status = dd_error_get_http_status (final_error);
  priv->request_id = g_strdup (dd_error_get_request_id (final_error));
  priv->hint = g_strdup (dd_error_get_hint (final_error));
  return error;
}

GError *
dd_error_new_maybe_applied_cancelled (void)
{
  return g_error_new_literal (DD_ERROR, DD_ERROR_MAYBE_APPLIED,
                              _("The write may already have been made: it was cancelled after it was "
                                "sent, before its answer came. Reload the item to check."));
}

static DdErrorPrivate *
get_priv (const GError *error)
{
  if (error == NULL || error->domain != DD_ERROR)
    return NULL;
  return dd_error_get_private (error);
}

const char *
dd_error_get_aws_code (const GError *error)
{
  DdErrorPrivate *priv = get_priv (error);
  return priv ? priv->aws_code : NULL;
}

const char *
dd_error_get_aws_message (const GError *error)
{
  DdErrorPrivate *priv = get_priv (error);
  return priv ? priv->aws_message : NULL;
}

guint
dd_error_get_http_status (const GError *error)
{
  DdErrorPrivate *priv = get_priv (error);
  return priv ? priv->http_status : 0;
}

const char *
dd_error_get_request_id (const GError *error)
{
  DdErrorPrivate *priv = get_priv (error);
  return priv ? priv->request_id : NULL;
}

const char *
dd_error_get_hint (const GError *error)
{
  DdErrorPrivate *priv = get_priv (error);
  return priv ? priv->hint : NULL;
}

void
dd_error_set_hint (GError     *error,
                   const char *hint)
{
  DdErrorPrivate *priv = get_priv (error);

  g_return_if_fail (priv != NULL);
  g_free (priv->hint);
  priv->hint = g_strdup (hint);
}

const char *
dd_error_hint_for_code (const char *aws_code)
{
  if (aws_code == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (hints); i++)
    if (g_str_equal (hints[i].code, aws_code))
      return g_dgettext (GETTEXT_PACKAGE, hints[i].hint);
  return NULL;
}

gboolean
dd_error_code_is_throttling (const char *aws_code)
{
  static const char *const codes[] = {
    "ProvisionedThroughputExceededException",
    "ThrottlingException",
    "RequestLimitExceeded",
    "LimitExceededException",
    "Throttling",
    "TooManyRequestsException",
    NULL,
  };

  return aws_code != NULL && g_strv_contains (codes, aws_code);
}
