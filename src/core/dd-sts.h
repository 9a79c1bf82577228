/* dd-sts.h: a client of the AWS Security Token Service (Query API).
 *
 * POST form bodies (Action=...&Version=2011-06-15&...), XML answers:
 * AssumeRole and GetCallerIdentity signed with SigV4 (service "sts"),
 * AssumeRoleWithWebIdentity unsigned. Errors come back as DD_ERROR_SERVICE
 * with the code and message of <ErrorResponse><Error>, the HTTP status and
 * the request id. Redirects are never followed.
 */
#pragma once

#include "dd-types.h"
#include "dd-credentials.h"

G_BEGIN_DECLS

#define DD_TYPE_STS (dd_sts_get_type ())

G_DECLARE_FINAL_TYPE (DdSts, dd_sts, DD, STS, GObject)

typedef struct
{
  const char *role_arn;
  const char *role_session_name;
  const char *external_id;        /* or NULL */
  guint       duration_seconds;   /* 0: the role's default */
  const char *serial_number;      /* the MFA device, or NULL */
  const char *token_code;         /* its current code, or NULL */
} DdStsAssumeRoleParams;

/* region NULL: AWS_REGION, AWS_DEFAULT_REGION, else us-east-1. endpoint
 * NULL: AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, else the region's. */
DdSts         *dd_sts_new                                  (const char                  *region,
                                                            const char                  *endpoint);
/* The regional endpoint: https://sts.REGION.amazonaws.com (.com.cn in
 * China, the ISO partitions' domains, sts.amazonaws.com for "aws-global"). */
char          *dd_sts_endpoint_for_region                  (const char                  *region);

const char    *dd_sts_get_region                           (DdSts                       *self);
const char    *dd_sts_get_endpoint                         (DdSts                       *self);
/* Seconds without an answer before a call fails (default 30). */
void           dd_sts_set_timeout                          (DdSts                       *self,
                                                            guint                        seconds);

/* provider: the name the returned credentials carry. */
void           dd_sts_assume_role_async                    (DdSts                       *self,
                                                            DdCredentials               *base,
                                                            const DdStsAssumeRoleParams *params,
                                                            const char                  *provider,
                                                            GCancellable                *cancellable,
                                                            GAsyncReadyCallback          callback,
                                                            gpointer                     user_data);
DdCredentials *dd_sts_assume_role_finish                   (DdSts                       *self,
                                                            GAsyncResult                *result,
                                                            GError                     **error);

void           dd_sts_assume_role_with_web_identity_async  (DdSts                       *self,
                                                            const char                  *role_arn,
                                                            const char                  *role_session_name,
                                                            const char                  *web_identity_token,
                                                            const char                  *provider,
                                                            GCancellable                *cancellable,
                                                            GAsyncReadyCallback          callback,
                                                            gpointer                     user_data);
DdCredentials *dd_sts_assume_role_with_web_identity_finish (DdSts                       *self,
                                                            GAsyncResult                *result,
                                                            GError                     **error);

void           dd_sts_get_caller_identity_async            (DdSts                       *self,
                                                            DdCredentials               *credentials,
                                                            GCancellable                *cancellable,
                                                            GAsyncReadyCallback          callback,
                                                            gpointer                     user_data);
/* Returns the caller's ARN; account and user_id are optional outs. */
char          *dd_sts_get_caller_identity_finish           (DdSts                       *self,
                                                            GAsyncResult                *result,
                                                            char                       **account,
                                                            char                       **user_id,
                                                            GError                     **error);

/* The wire format, reachable by tests. */

/* "a=1&b=x%20y" from name, value, name, value, ..., NULL (a NULL value
 * skips its pair). */
char          *dd_sts_form_encode                          (const char                  *first_name,
                                                            ...) G_GNUC_NULL_TERMINATED;
/* Every element's text by its path without namespaces
 * ("AssumeRoleResponse/AssumeRoleResult/Credentials/AccessKeyId"). */
GHashTable    *dd_sts_parse_xml                            (const char                  *xml,
                                                            gsize                        len,
                                                            GError                     **error);
/* Credentials from the answer to action ("AssumeRole", ...). */
DdCredentials *dd_sts_parse_credentials                    (const char                  *action,
                                                            const char                  *xml,
                                                            gsize                        len,
                                                            const char                  *provider,
                                                            GError                     **error);
/* The error an answer with a failing status stands for. */
GError        *dd_sts_parse_error                          (const char                  *xml,
                                                            gsize                        len,
                                                            guint                        http_status,
                                                            const char                  *request_id);

G_END_DECLS
