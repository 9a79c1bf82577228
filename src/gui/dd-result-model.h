/* dd-result-model.h: the items of a result, as a GListModel of DdResultRow.
 *
 * Items are kept as the raw DynamoDB JSON the pages hold (slices of each
 * page's bytes); an item is parsed only when one of its cells is shown,
 * and a small cache keeps the last parsed ones. Columns are the attribute
 * names, key attributes first, then in the order they were first seen.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "dd-result-row.h"
#include "dd-shared-closures.h"

G_BEGIN_DECLS

#define DD_TYPE_RESULT_MODEL (dd_result_model_get_type ())

G_DECLARE_FINAL_TYPE (DdResultModel, dd_result_model, DD, RESULT_MODEL, GObject)

DdResultModel      *dd_result_model_new              (void);
void                dd_result_model_clear            (DdResultModel      *self);

/* The table's key attributes (partition, then sort); they lead the columns. */
void                dd_result_model_set_key_names    (DdResultModel      *self,
                                                      const char * const *names);
/* Adds items: each one a slice (offset, length) of bytes holding one
 * typed item ({"name": {"S": "..."}, ...}). Emits items-changed once. The
 * items are not read here: their attribute names come from the page, with
 * dd_result_model_add_columns. */
void                dd_result_model_append           (DdResultModel      *self,
                                                      GBytes             *bytes,
                                                      const gsize        *offsets,
                                                      const gsize        *lengths,
                                                      guint               n_items);
/* Adds attribute names not yet among the columns. */
void                dd_result_model_add_columns      (DdResultModel      *self,
                                                      const char * const *names);
/* Adds one item given as its own text (single-item answers, table names);
 * its attribute names are added to the columns. */
void                dd_result_model_append_text      (DdResultModel      *self,
                                                      const char         *typed_item,
                                                      gssize              len);

guint               dd_result_model_get_n_columns    (DdResultModel      *self);
const char         *dd_result_model_get_column       (DdResultModel      *self,
                                                      guint               column);
gboolean            dd_result_model_is_key           (DdResultModel      *self,
                                                      const char         *name);

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
/* Orders two items by an attribute (numbers as numbers, exactly). */
int                 dd_result_model_compare          (DdResultModel      *self,
                                                      guint               a,
                                                      guint               b,
                                                      const char         *name);

/* How many items were parsed (tests check that it stays small). */
guint               dd_result_model_get_parse_count  (DdResultModel      *self);

G_END_DECLS
