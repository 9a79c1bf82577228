/* dd-item-store-filter.h: the columns and filtering of DdItemStore.
 *
 * The public API is in dd-item-store.h (dd_item_store_filter); what the
 * store's parts share is in dd-item-store-private.h.
 */
#pragma once

#include "dd-item-store-private.h"
