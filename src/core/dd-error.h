/* dd-error.h: the DD_ERROR domain.
 *
 * An extended GError domain: besides code and message, an error from the
 * service carries the AWS error code (the part of __type after '#'), the
 * service's message, the HTTP status, the request id and a hint of what to
 * do about it.
 */
#pragma once

#include "dd-types.h"

G_BEGIN_DECLS

#define DD_ERROR (dd_error_quark ())

typedef enum
{
  DD_ERROR_FAILED,
  DD_ERROR_SERVICE,       /* the service answered with an AWS error */
  DD_ERROR_NETWORK,       /* connection refused/reset, DNS, TLS */
  DD_ERROR_TIMEOUT,       /* no answer within the configured timeout */
  DD_ERROR_CREDENTIALS,   /* no credentials could be resolved */
  DD_ERROR_INVALID_JSON,  /* malformed JSON, with line:column in the message */
  DD_ERROR_INVALID_INPUT, /* well-formed but unusable input (wrong types, unknown operation...) */
  DD_ERROR_CRC,           /* x-amz-crc32 did not match the body */
  DD_ERROR_PROTOCOL,      /* a response we cannot read */
  DD_ERROR_MAYBE_APPLIED, /* a conditional write whose answer was lost, and whose
                           * retry found its condition no longer true: the lost
                           * attempt may have made the write (the AWS fields are
                           * the retry's ConditionalCheckFailedException) */
} DdErrorCode;


GQuark      dd_error_quark          (void);

/* Makes a DD_ERROR_SERVICE error. The message reads "CODE: MESSAGE". */
GError     *dd_error_new_service    (const char *aws_code,
                                     const char *aws_message,
                                     guint       http_status,
                                     const char *request_id);

/* Makes a DD_ERROR_MAYBE_APPLIED error from the service error of a retry
 * (its AWS code, message, HTTP status and request id are kept). The
 * message (translated) says the write may already have been made and to
 * reload the item. */
GError     *dd_error_new_maybe_applied (const GError *service_error);

/* Makes a DD_ERROR_MAYBE_APPLIED error for a write whose answer was lost
 * and whose retries then failed with final_error (throttling, a server
 * error, the network): the message (translated) says the write may
 * already have been made and why the retry failed; final_error's AWS code,
 * message, HTTP status, request id and hint are kept. */
GError     *dd_error_new_maybe_applied_after (const GError *final_error);

/* Makes a DD_ERROR_MAYBE_APPLIED error for a write that was cancelled
 * after its request had gone out, before the answer came: the message
 * (translated) says the write may already have been made. */
GError     *dd_error_new_maybe_applied_cancelled (void);

/* Accessors for the extended fields; NULL/0 when the error is not a
 * DD_ERROR or the field is unset. */
const char *dd_error_get_aws_code   (const GError *error);
const char *dd_error_get_aws_message (const GError *error);
guint       dd_error_get_http_status (const GError *error);
const char *dd_error_get_request_id (const GError *error);
const char *dd_error_get_hint       (const GError *error);
void        dd_error_set_hint       (GError     *error,
                                     const char *hint);

/* A hint for a known AWS error code, or NULL. */
const char *dd_error_hint_for_code  (const char *aws_code);

/* TRUE for the codes DynamoDB uses for throttling. */
gboolean    dd_error_code_is_throttling (const char *aws_code);

G_END_DECLS
