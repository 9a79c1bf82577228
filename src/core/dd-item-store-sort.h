/* dd-item-store-sort.h: the sort order of DdItemStore.
 *
 * The public API is in dd-item-store.h (dd_item_store_sort,
 * dd_item_store_sort_async); what the store's parts share is in
 * dd-item-store-private.h.
 */
#pragma once

#include "dd-item-store-private.h"
