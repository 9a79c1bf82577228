/* dd-item-store-private.h: what the parts of DdItemStore share.
 *
 * dd-item-store.c (pages, names, values, the model), dd-item-store-filter.c
 * (the attribute columns and filtering) and dd-item-store-sort.c (the sort
 * order, in place or in a thread).
 */
#pragma once

#include "dd-item-store.h"
#include "dd-item-value.h"

G_BEGIN_DECLS

#define DD_ITEM_STORE_NO_VALUE G_MAXUINT32

/* Where each item's value of one attribute starts, NO_VALUE when absent. */
typedef struct
{
  guint32 *offsets;
  guint    n;
} DdItemStoreColumn;

struct _DdItemStore
{
  GObject       parent_instance;

  GPtrArray    *blocks;       /* the items' bytes, BLOCK_SIZE or one big item;
                               * a new array after a clear, so that a sort in
                               * a thread keeps the old one alive */
  gsize         block_used;   /* bytes used in the last block */
  gsize         block_size;
  GArray       *starts;       /* const char *, by index */
  GArray       *lens;         /* guint32, by index */
  guint         n_items;
  guint64       n_bytes;
  guint         max_items;
  gboolean      cap_reached;
  gboolean      complete;
  guint         n_clears;     /* tells a sort in a thread its items went */

  GStrv         keys;
  GPtrArray    *seen;         /* names in first-seen order */
  GHashTable   *seen_set;
  GPtrArray    *names;        /* keys, then seen; NULL-terminated, borrowed */

  GHashTable   *columns;      /* name -> DdItemStoreColumn */
  guint32      *order;        /* position -> index while sorted, else NULL */
  char         *sort_attribute;
  gboolean      sort_descending;
  GCancellable *sorting;      /* the sort running in a thread, or NULL */
};

enum {
  DD_ITEM_STORE_PROP_0,
  DD_ITEM_STORE_PROP_N_ITEMS,
  DD_ITEM_STORE_PROP_MAX_ITEMS,
  DD_ITEM_STORE_PROP_CAP_REACHED,
  DD_ITEM_STORE_PROP_COMPLETE,
  DD_ITEM_STORE_PROP_ATTRIBUTE_NAMES,
  DD_ITEM_STORE_PROP_SORT_ATTRIBUTE,
  DD_ITEM_STORE_PROP_SORT_DESCENDING,
  DD_ITEM_STORE_PROP_SORTED_LOADED_ONLY,
  DD_ITEM_STORE_PROP_SORTING,
  DD_ITEM_STORE_N_PROPS
};

extern GParamSpec *_dd_item_store_properties[DD_ITEM_STORE_N_PROPS];

/* dd-item-store-filter.c */
void               _dd_item_store_column_free        (gpointer           column);
/* The column for name, brought up to date with the items held. */
DdItemStoreColumn *_dd_item_store_get_column         (DdItemStore       *self,
                                                      const char        *name);
gboolean           _dd_item_store_read_column_value  (DdItemStore       *self,
                                                      DdItemStoreColumn *column,
                                                      guint              index,
                                                      DdItemValue       *value);

/* dd-item-store-sort.c */
gboolean           _dd_item_store_sorted_loaded_only (DdItemStore       *self);
/* Notifies "sorted-loaded-only" when it is no longer what it was. */
void               _dd_item_store_notify_loaded_only (DdItemStore       *self,
                                                      gboolean           was);
/* Merges the items from first on into the sort order. */
void               _dd_item_store_merge_into_order   (DdItemStore       *self,
                                                      guint              first);
/* Cancels a sort running in a thread (its result is not applied). */
void               _dd_item_store_cancel_sort        (DdItemStore       *self);

G_END_DECLS
