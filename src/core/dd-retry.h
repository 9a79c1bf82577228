/* dd-retry.h: the retry policy of dd-client, AWS "standard" mode.
 *
 * Which failures are worth another attempt, how long to wait before it
 * (full jitter: a random delay in [0, min(cap, base * 2^n)] before the
 * (n+1)-th retry), and the retry quota that keeps a failing endpoint from
 * being hammered (500 tokens, 5 per retry, 10 per retry after a timeout,
 * given back on success).
 */
#pragma once

#include "dd-types.h"

G_BEGIN_DECLS

typedef enum
{
  DD_RETRY_NEVER,      /* validation, access, not found, a redirect... */
  DD_RETRY_TRANSIENT,  /* 5xx, a connection dropped, a bad x-amz-crc32 */
  DD_RETRY_THROTTLING, /* the throttling codes of dd_error_code_is_throttling */
  DD_RETRY_TIMEOUT,    /* no answer in time */
} DdRetryKind;

#define DD_RETRY_QUOTA_INITIAL      500
#define DD_RETRY_COST               5
#define DD_RETRY_TIMEOUT_COST       10
#define DD_RETRY_NO_RETRY_INCREMENT 1

typedef struct
{
  guint available;
  guint max;
} DdRetryQuota;

void        dd_retry_quota_init    (DdRetryQuota *quota,
                                    guint         capacity);
/* Takes the cost of a retry of this kind. Returns the tokens taken, or 0
 * when the quota cannot pay for it (then do not retry). */
guint       dd_retry_quota_acquire (DdRetryQuota *quota,
                                    DdRetryKind   kind);
/* After a success: gives back what the call's last retry took (taken > 0),
 * or DD_RETRY_NO_RETRY_INCREMENT when it needed no retry (taken == 0). */
void        dd_retry_quota_release (DdRetryQuota *quota,
                                    guint         taken);

/* How a failed attempt is to be treated. error is the attempt's error
 * (a DD_ERROR); the HTTP status and AWS code are read from it. */
DdRetryKind dd_retry_classify      (const GError *error);

/* The upper bound of the delay before retry number `retry` (0 for the
 * first retry): min(cap_ms, base_ms * 2^retry), without overflow. */
guint       dd_retry_backoff_limit (guint         retry,
                                    guint         base_ms,
                                    guint         cap_ms);
/* The delay itself: fraction (in [0, 1)) of the limit, rounded down. */
guint       dd_retry_backoff_delay (guint         retry,
                                    guint         base_ms,
                                    guint         cap_ms,
                                    double        fraction);

/* TRUE when a failed attempt may still have taken effect at the server:
 * the request may have been sent and its answer lost (a connection reset
 * or closed, a timeout, an answer cut short or damaged, a 5xx without a
 * throttling code). FALSE when the server certainly did not act on it (a
 * refused connection, a name that does not resolve, a 4xx error such as
 * throttling or a validation error). */
gboolean    dd_retry_outcome_unknown (const GError *error);

/* TRUE when sending the request body of action twice may do its work
 * twice, so that a lost answer leaves it unknown whether it was done: the
 * writes PutItem, UpdateItem, DeleteItem, BatchWriteItem and
 * TransactWriteItems (unless the latter carries a ClientRequestToken,
 * which makes DynamoDB treat a repeat as the same transaction). Reads are
 * FALSE. */
gboolean    dd_retry_write_may_repeat (const char *action,
                                       GBytes     *body);

/* TRUE for the codes a server gives when the request's time is off. */
gboolean    dd_retry_is_clock_skew_error (const char *aws_code,
                                          const char *aws_message);

G_END_DECLS
