/* dd-connection-test.h: "Test connection" for a data source.
 *
 * Resolves the source's credentials, then sends ListTables {"Limit": 1}
 * once (no retries) and times it. On failure the error is a DD_ERROR with
 * a hint (dd_error_get_hint) for what to do: an unknown access key, a bad
 * secret, a role that may not be assumed, no instance metadata service, an
 * expired token, nothing listening or no route to the endpoint, a TLS
 * failure. The source's sidebar state (connected, has-error,
 * last-test-ok, last-error) is updated either way.
 */
#pragma once

#include "dd-types.h"
#include "dd-source.h"

G_BEGIN_DECLS

typedef struct
{
  char  *provider;       /* where the credentials came from */
  char  *access_key_id;  /* the key that signed (local servers keep data per key) */
  char  *region;
  char  *endpoint;       /* as the client resolved it */
  guint  latency_ms;     /* of the ListTables request */
  char  *first_table;    /* NULL when there is no table */
} DdConnectionTestResult;

/* store finds the secrets (loaded into the source when it does not hold
 * them yet) and a role's base source; it may be NULL. */
void                    dd_connection_test_async  (DdSource            *source,
                                                   DdSourceStore       *store,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
DdConnectionTestResult *dd_connection_test_finish (GAsyncResult        *result,
                                                   GError             **error);

void                    dd_connection_test_result_free (DdConnectionTestResult *result);

/* Turns any error of the test into a DD_ERROR with a hint, given the
 * source's sign-in method and the endpoint that was tried (may be NULL).
 * Used by the test itself; public for the UI's other requests. */
GError                 *dd_connection_test_explain_error (const GError *error,
                                                          DdAuthMode    mode,
                                                          const char   *endpoint);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdConnectionTestResult, dd_connection_test_result_free)

G_END_DECLS
