/* dd-item-ref.h: one item of a DdItemStore, as the model hands it out.
 *
 * A small object made on demand for the rows on screen: the store and the
 * item's index in arrival order, nothing else. Its values are read from
 * the item's text in the store (dd-item-store.h) when asked for.
 */
#pragma once

#include "dd-types.h"

G_BEGIN_DECLS

#define DD_TYPE_ITEM_REF (dd_item_ref_get_type ())

G_DECLARE_FINAL_TYPE (DdItemRef, dd_item_ref, DD, ITEM_REF, GObject)

DdItemRef   *dd_item_ref_new            (DdItemStore *store,
                                         guint        index);

DdItemStore *dd_item_ref_get_store      (DdItemRef   *self);
guint        dd_item_ref_get_index      (DdItemRef   *self);
/* The item's DynamoDB JSON, not NUL-terminated. */
const char  *dd_item_ref_get_text       (DdItemRef   *self,
                                         gsize       *len);
/* See dd_item_store_dup_display () and dd_item_store_get_value_type (). */
char        *dd_item_ref_dup_display    (DdItemRef   *self,
                                         const char  *attribute);
const char  *dd_item_ref_get_value_type (DdItemRef   *self,
                                         const char  *attribute);

G_END_DECLS
