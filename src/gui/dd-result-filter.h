/* dd-result-filter.h: the loaded results as the filter box leaves them.
 *
 * A GListModel of DdResultRow over a DdResultModel: every row while the
 * expression is empty, else the rows dd_item_store_filter () matches (text
 * anywhere, attr = value, attr > n, exists(attr); see dd-item-filter.h),
 * kept as a plain array of positions. Followed again as pages arrive or
 * the sort changes.
 *
 * A new filter or sort replaces every row. It keeps the rows made so far
 * in their places, gives them their new items (see dd-result-row.h) and
 * tells items-changed only for the rows past the end of the shorter list,
 * with the signals "replacing" (before, the old rows still there) and
 * "replaced" (after) around it: the view shows the rows it keeps again.
 * A row told as removed is given no item (index G_MAXUINT). A text
 * search that narrows the one before (its text within the new one)
 * looks at the earlier matches only.
 */
#pragma once

#include "dd-result-model.h"

G_BEGIN_DECLS

#define DD_TYPE_RESULT_FILTER (dd_result_filter_get_type ())

G_DECLARE_FINAL_TYPE (DdResultFilter, dd_result_filter, DD, RESULT_FILTER, GObject)

DdResultFilter *dd_result_filter_new            (DdResultModel  *model);
DdResultModel  *dd_result_filter_get_model      (DdResultFilter *self);

/* NULL or "" shows every row. An incomplete comparison fails with
 * DD_ERROR_INVALID_INPUT and leaves the rows as they were. */
gboolean        dd_result_filter_set_expression (DdResultFilter *self,
                                                 const char     *expression,
                                                 GError        **error);
const char     *dd_result_filter_get_expression (DdResultFilter *self);
gboolean        dd_result_filter_is_active      (DdResultFilter *self);

/* The position in the underlying model of a row of this one. */
guint           dd_result_filter_get_model_position (DdResultFilter *self,
                                                     guint           position);

/* How many rows were made so far (asked for by get_item and not kept
 * from before): tests check that a filter or sort over many rows makes
 * at most the few hundred rows the table keeps, and none when the rows
 * kept are only given new items. */
guint           dd_result_filter_get_n_asked    (DdResultFilter *self);

/* One past the last row made and still alive (0: none): the rows a
 * table holds. */
guint           dd_result_filter_get_held_end   (DdResultFilter *self);

G_END_DECLS
