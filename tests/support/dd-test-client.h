/* dd-test-client.h: requests to the local DynamoDB from a test.
 *
 * Each call runs the main context until the answer is in and fails the
 * test on an error or after 60 seconds.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "dd-types.h"

G_BEGIN_DECLS

/* Sends action with the JSON request json; returns the answer's text, or
 * NULL with error set when the request failed. */
char       *dd_test_try_call         (DdClient    *client,
                                      const char  *action,
                                      const char  *json,
                                      GError     **error);

/* The same, failing the test on an error. */
char       *dd_test_call             (DdClient   *client,
                                      const char *action,
                                      const char *json);

/* The same, returning the answer's top object (a new reference). */
JsonObject *dd_test_call_object      (DdClient   *client,
                                      const char *action,
                                      const char *json);

/* A consistent GetItem of key (DynamoDB JSON) in table: the item as JSON
 * text, or NULL when there is none. */
char       *dd_test_get_item         (DdClient   *client,
                                      const char *table,
                                      const char *key);

/* A PutItem of item (DynamoDB JSON) in table. */
void        dd_test_put_item         (DdClient   *client,
                                      const char *table,
                                      const char *item);

/* Every item of table (Scan, page after page), by the string value of its
 * attribute pk, as DynamoDB JSON nodes; fails the test when a pk comes
 * twice. */
GHashTable *dd_test_scan_all         (DdClient   *client,
                                      const char *table);

/* Runs DescribeTable until the table is ACTIVE; fails the test when it is
 * not within 30 seconds. */
void        dd_test_wait_table_active (DdClient   *client,
                                       const char *table);

/* Creates an on-demand table with the string partition key pk and, when
 * sort_type is not NULL ("S", "N" or "B"), the sort key sk of that type,
 * then waits until it is ACTIVE. */
void        dd_test_create_table     (DdClient   *client,
                                      const char *table,
                                      const char *sort_type);

/* Puts items (DynamoDB JSON texts) in table, whose key attributes are
 * key_names, through a DdBatchWriter; fails the test unless every one is
 * written within 120 seconds. */
void        dd_test_write_items      (DdClient           *client,
                                      const char         *table,
                                      const char * const *key_names,
                                      GPtrArray          *items);
/* Loads store from its file: FALSE with error when it cannot. */
gboolean    dd_test_load_sources     (DdSourceStore      *store,
                                      GError            **error);
/* Saves store; fails the test on an error. */
void        dd_test_save_sources     (DdSourceStore      *store);
/* The provider's credentials, waited for (20 s at most). */
DdCredentials *dd_test_get_credentials (DdCredentialsProvider  *provider,
                                        GError                **error);

G_END_DECLS
