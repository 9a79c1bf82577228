/* dd-test-fault-proxy.h: a loopback HTTP proxy in front of the local
 * DynamoDB that injects faults.
 *
 * A SoupServer on 127.0.0.1 (port 0) forwards each request with a
 * SoupSession to the upstream (the local DynamoDB of dd_test_dynamo_start)
 * unless the fault of that request says otherwise. The faults come from a
 * script (a queue: one fault per request, in order; NONE once it is empty)
 * or, when a rate is set, are drawn at random from a mix. Every request is
 * recorded: its headers, its body, the fault it got and the upstream's
 * status when it was forwarded. Runs on the thread-default main context of
 * the caller, like everything of the test.
 */
#pragma once

#include <libsoup/soup.h>

#include "dd-test-client.h"

G_BEGIN_DECLS

typedef enum
{
  DD_TEST_FAULT_NONE,          /* forwarded, answer passed on */
  DD_TEST_FAULT_500,           /* 500 InternalServerError, not forwarded */
  DD_TEST_FAULT_503,           /* 503 with an HTML body (a load balancer), not forwarded */
  DD_TEST_FAULT_THROUGHPUT,    /* 400 ProvisionedThroughputExceededException, not forwarded */
  DD_TEST_FAULT_THROTTLING,    /* 400 ThrottlingException, not forwarded */
  DD_TEST_FAULT_RESET_BEFORE,  /* connection closed before forwarding */
  DD_TEST_FAULT_RESET_AFTER,   /* forwarded (the request took effect), then closed unanswered */
  DD_TEST_FAULT_STALL,         /* never answered; the connection stays open */
  DD_TEST_FAULT_TRUNCATE,      /* forwarded; half the body sent, then closed */
  DD_TEST_FAULT_BAD_CRC,       /* forwarded; one byte of the body changed, x-amz-crc32 kept */
  DD_TEST_FAULT_GZIP,          /* forwarded; body gzipped (Content-Encoding, CRC of the gzip bytes) */
  DD_TEST_FAULT_SKEW,          /* 400 InvalidSignatureException "Signature expired", Date 20 min ahead */
  DD_TEST_FAULT_REDIRECT,      /* 307 to another loopback server, which counts what reaches it */
  DD_TEST_FAULT_UNPROCESSED,   /* BatchWriteItem: half of each table's requests forwarded, the rest
                                * returned as UnprocessedItems; other actions forwarded */
  DD_TEST_N_FAULTS
} DdTestFault;

typedef struct
{
  DdTestFault         fault;
  char               *action;           /* from X-Amz-Target, e.g. "GetItem" */
  SoupMessageHeaders *headers;          /* as received */
  GBytes             *body;             /* as received */
  GBytes             *forwarded_body;   /* what went upstream (NULL when not forwarded) */
  guint               upstream_status;  /* 0 when not forwarded */
  gint64              arrived;          /* monotonic, µs */
} DdTestFaultRequest;

typedef struct _DdTestFaultProxy DdTestFaultProxy;

DdTestFaultProxy         *dd_test_fault_proxy_new           (const char       *upstream);
void                      dd_test_fault_proxy_free          (DdTestFaultProxy *self);
/* "http://127.0.0.1:PORT" */
const char               *dd_test_fault_proxy_get_endpoint  (DdTestFaultProxy *self);

/* Appends faults to the script, ending with -1. */
void                      dd_test_fault_proxy_script        (DdTestFaultProxy *self,
                                                             ...);
/* Every request gets this fault once the script is empty (default NONE). */
void                      dd_test_fault_proxy_set_fallback  (DdTestFaultProxy *self,
                                                             DdTestFault       fault);
/* With the script empty, a fault drawn from mix with probability rate
 * (a seeded GRand, so a run can be repeated). */
void                      dd_test_fault_proxy_set_random    (DdTestFaultProxy *self,
                                                             double            rate,
                                                             guint32           seed,
                                                             const DdTestFault *mix,
                                                             guint             n_mix);

guint                     dd_test_fault_proxy_get_n_requests (DdTestFaultProxy *self);
const DdTestFaultRequest *dd_test_fault_proxy_get_request   (DdTestFaultProxy *self,
                                                             guint             i);
/* Forgets the recorded requests (the soak test keeps memory flat). */
void                      dd_test_fault_proxy_clear_requests (DdTestFaultProxy *self);
/* How many requests each fault was given, since the start. */
guint                     dd_test_fault_proxy_count_fault   (DdTestFaultProxy *self,
                                                             DdTestFault       fault);
/* Connections the clients opened to the proxy, since the start. */
guint                     dd_test_fault_proxy_get_n_connections (DdTestFaultProxy *self);
/* Requests that reached the redirect target. */
guint                     dd_test_fault_proxy_get_elsewhere_hits (DdTestFaultProxy *self);
/* Closes the connections of stalled requests. */
void                      dd_test_fault_proxy_release_stalled (DdTestFaultProxy *self);

/* Called once the proxy is done with a request (answered it, forwarded it
 * and passed on or spoiled the answer, closed or held the connection). With
 * keep_records FALSE nothing is recorded: memory stays flat however many
 * requests go through (the soak test). */
typedef void (*DdTestFaultObserver) (const DdTestFaultRequest *request,
                                     gpointer                  user_data);
void                      dd_test_fault_proxy_set_observer  (DdTestFaultProxy   *self,
                                                             DdTestFaultObserver observer,
                                                             gpointer            user_data,
                                                             gboolean            keep_records);

const char               *dd_test_fault_name                (DdTestFault       fault);
const char               *dd_test_fault_request_header      (const DdTestFaultRequest *request,
                                                             const char               *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdTestFaultProxy, dd_test_fault_proxy_free)

G_END_DECLS
