/* dd-test-script.h: a scripted DynamoDB on loopback for the client's
 * tests: each request is answered with the next step of the script (or
 * the fallback step once the script is used up) and recorded, its SigV4
 * signature checked with the secret DD_TEST_SCRIPT_SECRET_KEY.
 */
#pragma once

#include <libsoup/soup.h>

#include "dd-types.h"

G_BEGIN_DECLS

#define DD_TEST_SCRIPT_ACCESS_KEY "AKIDFAULTTEST"
#define DD_TEST_SCRIPT_SECRET_KEY "fault-secret-key"
#define DD_TEST_SCRIPT_TOKEN      "fault-session-token"

typedef enum
{
  DD_TEST_STEP_OK,
  DD_TEST_STEP_THROTTLE,
  DD_TEST_STEP_500,
  DD_TEST_STEP_503,
  DD_TEST_STEP_DROP,
  DD_TEST_STEP_STALL,
  DD_TEST_STEP_BAD_CRC,
  DD_TEST_STEP_REDIRECT,
  DD_TEST_STEP_VALIDATION,
  DD_TEST_STEP_SKEWED,
  DD_TEST_STEP_GZIP,
  DD_TEST_STEP_GZIP_PLAIN_CRC,
  DD_TEST_STEP_BAD_SIGNATURE,
} DdTestStep;

typedef struct
{
  gint64  arrived;        /* monotonic, µs */
  char   *method;
  char   *path;
  char   *amz_date;
  char   *authorization;
  char   *token;
  char   *target;
  char   *content_type;
  char   *accept_encoding;
  GBytes *body;
  gboolean signature_ok;
} DdTestSeen;

typedef struct
{
  SoupServer   *server;
  char         *endpoint;
  GQueue        steps;
  DdTestStep          fallback;
  GPtrArray    *seen;
  GPtrArray    *stolen;
  char         *redirect_to;
  GCancellable *cancel_on_request; /* cancelled 50 ms after a request arrives */
} DdTestScript;

typedef struct
{
  gboolean done;
  GBytes  *body;
  GError  *error;
  gint64   started;
  gint64   finished;
} DdTestCallResult;

DdTestScript *dd_test_script_new  (void);
/* Appends steps (DdTestStep values) to the script, ended by -1. */
void          dd_test_script_push (DdTestScript *fake,
                                   ...);
/* The i-th request received. */
DdTestSeen   *dd_test_script_seen (DdTestScript *fake,
                                   guint         i);
void          dd_test_script_free (DdTestScript *fake);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdTestScript, dd_test_script_free)

void          dd_test_call_result_clear (DdTestCallResult *result);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DdTestCallResult, dd_test_call_result_clear)

/* For dd_client_call_async: fills the DdTestCallResult given as data. */
void          dd_test_call_cb     (GObject      *source,
                                   GAsyncResult *res,
                                   gpointer      user_data);

/* The body every call sends: {"TableName":"Music"}. */
extern const char dd_test_script_request_json[];

/* Calls DescribeTable and waits for the answer (90 s at most). */
void          dd_test_run_call    (DdClient         *client,
                                   GCancellable     *cancellable,
                                   DdTestCallResult *result);
/* The call succeeded with exactly this body. */
void          dd_test_assert_body (DdTestCallResult *result,
                                   const char       *expected);
/* A client on endpoint with the script's keys (and token, or NULL),
 * backoff base 1 ms cap 5 ms, a 30 s time-out. */
DdClient     *dd_test_script_client (const char *endpoint,
                                     const char *token);
GDateTime    *dd_test_parse_amz_date (const char *amz_date);

G_END_DECLS
