/* dd-item-filter.h: the filter expressions of the results view.
 *
 *   text              a value of the item contains text (ASCII letters
 *                     without case; see dd_item_value_contains_text ())
 *   attr = value      also ==, !=, <, <=, >, >=. value is a number
 *                     (compared exactly with an N; equal to an S with
 *                     that text for = and !=),
 *                     a "quoted" or bare string (compared with an S by code
 *                     point), true, false or null. != matches an item that
 *                     has the attribute with another value.
 *   exists(attr)      the item has the attribute
 * An attribute name may be "quoted". Text that does not read as a
 * comparison or exists() is searched for as it is.
 */
#pragma once

#include "dd-item-value.h"

G_BEGIN_DECLS

typedef struct _DdItemFilter DdItemFilter;

/* NULL with DD_ERROR_INVALID_INPUT for an expression that starts as a
 * comparison or exists() but is incomplete. */
DdItemFilter *dd_item_filter_new           (const char         *expression,
                                            GError            **error);
void          dd_item_filter_free          (DdItemFilter       *self);

/* The attribute a comparison or exists() looks at; NULL for a text search
 * (and for the empty expression, which matches everything). */
const char   *dd_item_filter_get_attribute (DdItemFilter       *self);

/* For a filter with an attribute: whether its value (DD_ITEM_TYPE_MISSING
 * when the item has none) matches. */
gboolean      dd_item_filter_match_value   (DdItemFilter       *self,
                                            const DdItemValue  *value);
/* Whether the item (its DynamoDB JSON) matches. */
gboolean      dd_item_filter_match_item    (DdItemFilter       *self,
                                            const char         *item,
                                            gsize               len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdItemFilter, dd_item_filter_free)

G_END_DECLS
