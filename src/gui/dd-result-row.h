/* dd-result-row.h: one row of a DdResultModel, made when it is shown.
 *
 * Only the model and the item's position: the item's data stays in the
 * model as raw DynamoDB JSON and is parsed when a cell asks for it.
 *
 * The rows of a DdResultFilter are the places of its list: when a filter
 * or sort replaces the rows, a row still shown keeps its place and is
 * given the item now there (dd_result_row_set_index), and the table
 * shows it again without making its widgets anew. Read the index when
 * it is needed rather than keeping it.
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
void           dd_result_row_set_index (DdResultRow   *self,
                                        guint          index);
/* The place of the row in its DdResultFilter (G_MAXUINT: none). */
guint          dd_result_row_get_position (DdResultRow *self);
void           dd_result_row_set_position (DdResultRow *self,
                                           guint        position);

G_END_DECLS
