/* dd-result-row.h: one row of a DdResultModel, made when it is shown.
 *
 * Only the model and the item's position: the item's data stays in the
 * model as raw DynamoDB JSON and is parsed when a cell asks for it.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _DdResultModel DdResultModel;

#define DD_TYPE_RESULT_ROW (dd_result_row_get_type ())

G_DECLARE_FINAL_TYPE (DdResultRow, dd_result_row, DD, RESULT_ROW, GObject)

DdResultRow   *dd_result_row_new       (DdResultModel *model,
                                        guint          index);
DdResultModel *dd_result_row_get_model (DdResultRow   *self);
guint          dd_result_row_get_index (DdResultRow   *self);

G_END_DECLS
