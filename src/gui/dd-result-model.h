/* dd-result-model.h: the items of a result, as a GListModel of DdResultRow.
 *
 * Backed by a DdItemStore (dd-item-store.h): the items are kept as their
 * DynamoDB JSON in the store's compact blocks, never as a tree or an
 * object each; a DdResultRow (the model and the item's index) is made on
 * demand for the rows shown. A cell is read from the item's text in place;
 * a whole item is parsed only for the tree and copies, and a small cache
 * keeps the last parsed ones. Columns are the attribute names, key
 * attributes first, then in the order they were first seen. Sorting orders
 * the loaded items only (the store's "sorted-loaded-only").
 */
#pragma once

#include <json-glib/json-glib.h>

#include "dd-item-store.h"
#include "dd-result-row.h"
#include "dd-shared-closures.h"

G_BEGIN_DECLS

#define DD_TYPE_RESULT_MODEL (dd_result_model_get_type ())

G_DECLARE_FINAL_TYPE (DdResultModel, dd_result_model, DD, RESULT_MODEL, GObject)

DdResultModel      *dd_result_model_new              (void);
DdItemStore        *dd_result_model_get_store        (DdResultModel      *self);
void                dd_result_model_clear            (DdResultModel      *self);

/* The table's key attributes (partition, then sort); they lead the columns. */
void                dd_result_model_set_key_names    (DdResultModel      *self,
                                                      const char * const *names);
/* Adds the page's items (ListTables' table names as items with a
 * TableName) up to the store's cap; emits items-changed once. Returns how
 * many were taken. */
guint               dd_result_model_append_page      (DdResultModel      *self,
                                                      DdPage             *page);
/* Adds one item given as its own text (single-item answers). */
void                dd_result_model_append_text      (DdResultModel      *self,
                                                      const char         *typed_item,
                                                      gssize              len);

guint               dd_result_model_get_n_columns    (DdResultModel      *self);
const char         *dd_result_model_get_column       (DdResultModel      *self,
                                                      guint               column);
gboolean            dd_result_model_is_key           (DdResultModel      *self,
                                                      const char         *name);

/* Items are addressed by index (arrival order); a position of the model
 * maps to one through the sort. */
guint               dd_result_model_get_index        (DdResultModel      *self,
                                                      guint               position);
/* The parsed item (a JSON object of typed values); a new reference. NULL
 * when its text is not a JSON object. */
JsonObject         *dd_result_model_get_item         (DdResultModel      *self,
                                                      guint               index);
/* The item's text as stored (typed). */
GBytes             *dd_result_model_get_item_bytes   (DdResultModel      *self,
                                                      guint               index);
/* The item as JSON text: typed as stored, or plain. */
char               *dd_result_model_item_to_json     (DdResultModel      *self,
                                                      guint               index,
                                                      gboolean            typed);
/* The cell text of an attribute. */
char               *dd_result_model_get_cell         (DdResultModel      *self,
                                                      guint               index,
                                                      const char         *name,
                                                      DdCellKind         *kind);
/* The whole value of an attribute as text: a string or number as it is,
 * anything else as plain JSON (typed FALSE) or DynamoDB JSON. NULL when
 * the item has no such attribute. */
char               *dd_result_model_dup_value        (DdResultModel      *self,
                                                      guint               index,
                                                      const char         *name,
                                                      gboolean            typed);

/* Orders the loaded items by an attribute (NULL: arrival order); numbers
 * as numbers, exactly; items without it last. */
void                dd_result_model_sort             (DdResultModel      *self,
                                                      const char         *name,
                                                      gboolean            descending);

/* How many items were parsed whole (tests check that it stays small). */
guint               dd_result_model_get_parse_count  (DdResultModel      *self);

G_END_DECLS
