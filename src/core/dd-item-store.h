/* dd-item-store.h: the results as a compact GListModel.
 *
 * Items arrive as result pages (dd-page.h). The store copies each item's
 * DynamoDB JSON into large blocks of its own and lets the page go: an item
 * is a slice of those bytes, never a tree. The model's items are DdItemRef
 * objects (dd-item-ref.h), made on demand for the rows asked for; a value
 * is read from the item's text in place when it is shown (dd-item-value.h).
 *
 * - "attribute-names": the union of the items' attribute names, the key
 *   attributes (given by the caller) first, then in first-seen order.
 * - items-changed is emitted once per page.
 * - "max-items" caps the items held (0: no cap); "cap-reached" says a page
 *   was cut or refused because of it.
 * - Sorting by an attribute orders the loaded items only: while more pages
 *   may come ("complete" FALSE) or the cap was reached, "sorted-loaded-only"
 *   is TRUE. Pages that arrive while sorted are merged into place.
 * - Sorting a large store in a worker thread: dd_item_store_sort_async;
 *   "sorting" is TRUE meanwhile. A new sort or a clear cancels it.
 * - Filtering (dd_item_store_filter) returns the matching positions.
 *
 * Not thread-safe: use from the main thread (the async sort's thread
 * works on a snapshot).
 */
#pragma once

#include "dd-types.h"

G_BEGIN_DECLS

#define DD_TYPE_ITEM_STORE (dd_item_store_get_type ())

G_DECLARE_FINAL_TYPE (DdItemStore, dd_item_store, DD, ITEM_STORE, GObject)

#define DD_ITEM_STORE_DEFAULT_MAX_ITEMS 1000000

/* key_attributes: the table's key names (partition key first), or NULL. */
DdItemStore        *dd_item_store_new                   (const char * const *key_attributes);

void                dd_item_store_set_key_attributes    (DdItemStore        *self,
                                                         const char * const *key_attributes);

/* Appends the page's items (up to the cap) at the end, or into place when
 * sorted. Returns how many were taken. */
guint               dd_item_store_append_page           (DdItemStore        *self,
                                                         DdPage             *page);
/* Drops every item, the sort and "cap-reached"; keeps the key attributes
 * and the cap. */
void                dd_item_store_clear                 (DdItemStore        *self);

guint               dd_item_store_get_n_items           (DdItemStore        *self);
/* Bytes of the pages the items came from (their raw JSON size). */
guint64             dd_item_store_get_n_bytes           (DdItemStore        *self);

guint               dd_item_store_get_max_items         (DdItemStore        *self);
void                dd_item_store_set_max_items         (DdItemStore        *self,
                                                         guint               max_items);
gboolean            dd_item_store_get_cap_reached       (DdItemStore        *self);

/* Whether the results are all there (the caller's pager has finished). */
gboolean            dd_item_store_get_complete          (DdItemStore        *self);
void                dd_item_store_set_complete          (DdItemStore        *self,
                                                         gboolean            complete);

/* NULL-terminated; n optional. Valid until the names change. */
const char * const *dd_item_store_get_attribute_names   (DdItemStore        *self,
                                                         guint              *n);

/* Items are addressed by their index in arrival order; a model position
 * maps to one through the sort. */
guint               dd_item_store_get_index             (DdItemStore        *self,
                                                         guint               position);
/* The item's DynamoDB JSON, not NUL-terminated, valid while the store
 * holds it. */
const char         *dd_item_store_get_item_text         (DdItemStore        *self,
                                                         guint               index,
                                                         gsize              *len);
/* The attribute's value for display: S, N and B as their text, BOOL and
 * NULL as true/false/null, sets, L and M as compact plain JSON. NULL when
 * the item has no such attribute. */
char               *dd_item_store_dup_display           (DdItemStore        *self,
                                                         guint               index,
                                                         const char         *attribute);
/* "S", "N", ... or NULL when the item has no such attribute. */
const char         *dd_item_store_get_value_type        (DdItemStore        *self,
                                                         guint               index,
                                                         const char         *attribute);

/* Sorts the loaded items by an attribute (NULL: arrival order). Values
 * compare as dd_item_value_compare () says; items without the attribute
 * come last in either direction; equal values keep arrival order. Emits
 * items-changed for every position. */
void                dd_item_store_sort                  (DdItemStore        *self,
                                                         const char         *attribute,
                                                         gboolean            descending);
/* As dd_item_store_sort (), the order made in a worker thread from a
 * snapshot of the items and applied on the main thread when done; items
 * appended meanwhile are merged into it. A new sort (either kind) or a
 * clear cancels it: it then fails with G_IO_ERROR_CANCELLED and changes
 * nothing, as when cancellable is cancelled. */
void                dd_item_store_sort_async            (DdItemStore        *self,
                                                         const char         *attribute,
                                                         gboolean            descending,
                                                         GCancellable       *cancellable,
                                                         GAsyncReadyCallback callback,
                                                         gpointer            user_data);
gboolean            dd_item_store_sort_finish           (DdItemStore        *self,
                                                         GAsyncResult       *result,
                                                         GError            **error);
/* Whether a sort runs in a thread ("sorting"). */
gboolean            dd_item_store_get_sorting           (DdItemStore        *self);
const char         *dd_item_store_get_sort_attribute    (DdItemStore        *self);
gboolean            dd_item_store_get_sort_descending   (DdItemStore        *self);
gboolean            dd_item_store_get_sorted_loaded_only (DdItemStore       *self);

/* The model positions (ascending) of the items that match expression:
 *   text              a value contains text (ASCII letters without case)
 *   attr = value      also ==, !=, <, <=, >, >=
 *   exists(attr)      the item has the attribute
 * as dd-item-filter.h describes. An empty expression matches every item.
 * Returns an array of guint (g_array_unref), or NULL with
 * DD_ERROR_INVALID_INPUT. */
GArray             *dd_item_store_filter                (DdItemStore        *self,
                                                         const char         *expression,
                                                         GError            **error);
/* The same over the positions within only (ascending, in the current
 * order): for a filter that narrows an earlier one, within being the
 * earlier one's matches. */
GArray             *dd_item_store_filter_within         (DdItemStore        *self,
                                                         const char         *expression,
                                                         GArray             *within,
                                                         GError            **error);
/* Whether every item that matches expression matches previous: both
 * text searches, the text of previous within that of expression (ASCII
 * letters without case). */
gboolean            dd_item_store_filter_narrows        (const char         *expression,
                                                         const char         *previous);

G_END_DECLS
