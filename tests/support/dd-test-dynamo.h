/* dd-test-dynamo.h: a local DynamoDB (dynalite) on a free 127.0.0.1 port.
 *
 * Started from tests/local-dynamodb (installed by the README's commands);
 * a test fails loudly when it is missing. The server exits when the test
 * process goes away, since it watches its standard input.
 */
#pragma once

#include <gio/gio.h>

#include "dd-types.h"

G_BEGIN_DECLS

typedef struct _DdTestDynamo DdTestDynamo;

DdTestDynamo          *dd_test_dynamo_start        (void);
void                   dd_test_dynamo_stop         (DdTestDynamo *self);
/* "http://127.0.0.1:PORT" */
const char            *dd_test_dynamo_get_endpoint (DdTestDynamo *self);
guint16                dd_test_dynamo_get_port     (DdTestDynamo *self);

/* A client on the endpoint with dummy static credentials. */
DdClient              *dd_test_dynamo_new_client   (DdTestDynamo *self);

/* Runs the main context until done (data) is TRUE; fails the test, naming
 * what it waited for, after 60 seconds (300 under AddressSanitizer; times
 * DD_TEST_TIMEOUT_SCALE when set). */
void                   dd_test_wait_until          (gboolean   (*done) (gpointer),
                                                    gpointer     data,
                                                    const char  *what);

/* Runs the main context for ms milliseconds without blocking. */
void                   dd_test_spin                (guint        ms);

/* Runs the main context until *done is TRUE or the timeout (in seconds)
 * passes; fails the test on time-out. */
void                   dd_test_wait_for            (gboolean     *done,
                                                    guint         timeout_seconds);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdTestDynamo, dd_test_dynamo_stop)

G_END_DECLS

G_BEGIN_DECLS
/* g_test_init, then: every AWS_* variable unset (AWS_EC2_METADATA_DISABLED
 * set to true), HOME, XDG_CONFIG_HOME, XDG_DATA_HOME and XDG_CACHE_HOME
 * pointed at a fresh temporary folder, so a test never reads or writes the
 * developer's own files or credentials. Returns that folder. */
const char *dd_test_init (int *argc, char ***argv);
G_END_DECLS
