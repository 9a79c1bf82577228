/* dd-test-items.h: DynamoDB JSON items compared exactly in tests.
 *
 * Items and values are json-glib trees of DynamoDB JSON (every N is a
 * string there, so no number goes through a double).
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The type of an attribute value {"T": ...}; fails the test when value is
 * not one. */
const char *dd_test_value_type   (JsonNode   *value);
/* SS, NS or BS. */
gboolean    dd_test_type_is_set  (const char *type);

/* One text per item, equal exactly when the items are: strings (N
 * included) as they are, lists in order, maps by name, sets as sets (in
 * sorted order; a set that repeats an element fails the test). */
char       *dd_test_item_canon   (JsonObject *item);

/* The typed value (a new node) that the plain JSON of value reads back
 * as: B as its base64 text (S), SS and BS as lists of S, NS as a list of
 * N, maps and lists member by member, the rest as it is. */
JsonNode   *dd_test_value_plain  (JsonNode   *value);
/* The same for each attribute of an item (a new object). */
JsonObject *dd_test_item_plain   (JsonObject *item);

/* got (DynamoDB JSON text, not NULL) is expected as DynamoDB sees it (sets
 * unordered; dd_item_diff finds no difference), and holds each of exact
 * (ended by NULL) as a JSON string, character for character: the exact
 * numbers and binary. */
void        dd_test_assert_items_equal (const char         *got,
                                        const char         *expected,
                                        const char * const *exact);

G_END_DECLS
