/* dd-client.h: one DynamoDB endpoint over libsoup 3.
 *
 * JSON 1.0 protocol: POST /, Content-Type application/x-amz-json-1.0,
 * X-Amz-Target DynamoDB_20120810.<Action>, signed with SigV4 (host,
 * x-amz-date, x-amz-target and x-amz-security-token when present), re-signed
 * on every attempt. Retries in AWS "standard" mode (full jitter), clock-skew
 * correction, x-amz-crc32 check, redirects never followed, no transparent
 * gzip decoding. Errors are DD_ERROR errors (dd-error.h).
 */
#pragma once

#include "dd-types.h"
#include "dd-credentials-provider.h"

G_BEGIN_DECLS

#define DD_TYPE_CLIENT (dd_client_get_type ())

G_DECLARE_FINAL_TYPE (DdClient, dd_client, DD, CLIENT, GObject)

/* endpoint may be NULL: then AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL,
 * or the region's endpoint (https://dynamodb.REGION.amazonaws.com, .com.cn
 * for cn-*). */
DdClient              *dd_client_new                 (const char            *region,
                                                      const char            *endpoint,
                                                      DdCredentialsProvider *provider);

/* The endpoint a region resolves to (no environment consulted). */
char                  *dd_client_endpoint_for_region (const char            *region);

const char            *dd_client_get_region          (DdClient              *self);
const char            *dd_client_get_endpoint        (DdClient              *self);
DdCredentialsProvider *dd_client_get_provider        (DdClient              *self);

/* Attempts per call, 1 or more (default 3). */
void                   dd_client_set_max_attempts    (DdClient              *self,
                                                      guint                  max_attempts);
guint                  dd_client_get_max_attempts    (DdClient              *self);
/* Base and cap of the backoff, in milliseconds (defaults 100 and 20000). */
void                   dd_client_set_backoff         (DdClient              *self,
                                                      guint                  base_ms,
                                                      guint                  cap_ms);
/* Seconds without an answer before an attempt fails (default 60); also how
 * long an idle connection is kept. Applies to connections opened afterwards:
 * set it before the first call. */
void                   dd_client_set_timeout         (DdClient              *self,
                                                      guint                  seconds);

/* Sends one action with a JSON body (the wire form: typed attribute values)
 * and returns the response body. */
void                   dd_client_call_async          (DdClient              *self,
                                                      const char            *action,
                                                      GBytes                *body,
                                                      GCancellable          *cancellable,
                                                      GAsyncReadyCallback    callback,
                                                      gpointer               user_data);
GBytes                *dd_client_call_finish         (DdClient              *self,
                                                      GAsyncResult          *result,
                                                      GError               **error);

/* How many attempts the last finished call took (for tests and the status line). */
guint                  dd_client_get_last_attempts   (DdClient              *self);

/* Seeds the random source of the backoff jitter, so a test can know the
 * delays in advance (a GRand with the same seed gives the same fractions,
 * g_rand_double, one per retry). */
void                   dd_client_set_jitter_seed     (DdClient              *self,
                                                      guint32                seed);

G_END_DECLS
