/* dd-result-filter-stage.h: the rows of a DdResultFilter as the table
 * takes them, a few at a time.
 *
 * GTK 4.8's list views keep a widget for each of about 200 rows around
 * the first shown; rows added to or removed from those make or destroy
 * row widgets (~0.25 ms each made, ~0.1 ms destroyed). When a new filter or sort (the filter's
 * "replacing" ... "replaced") changes how many of those rows there are,
 * this model tells the change in steps, one a frame of the widget given:
 *
 * - fewer rows: the rows past the filter's end stay, given no item (the
 *   table hides them), and go 48 a frame from the end;
 * - more rows: a screen of them comes at once (see
 *   dd_result_filter_stage_set_row_height), then 24 a frame, and the
 *   rest in one step once there are more than GTK keeps.
 *
 * Its first rows are always the filter's first rows; until it caught up
 * (dd_result_filter_stage_is_caught_up) it has fewer of them, or rows
 * with no item after them (dd_result_row_get_index () G_MAXUINT). Only
 * the table's selection model uses it: everything else (counts, export,
 * the JSON page) reads the filter. A change of the filter while it
 * catches up, or anything but a replacement, is told at once.
 */
#pragma once

#include <gtk/gtk.h>

#include "dd-result-filter.h"

G_BEGIN_DECLS

#define DD_TYPE_RESULT_FILTER_STAGE (dd_result_filter_stage_get_type ())

G_DECLARE_FINAL_TYPE (DdResultFilterStage, dd_result_filter_stage, DD, RESULT_FILTER_STAGE, GObject)

DdResultFilterStage *dd_result_filter_stage_new           (DdResultFilter      *filter);
DdResultFilter      *dd_result_filter_stage_get_filter    (DdResultFilterStage *self);

/* The widget whose frames pace the steps (not kept); while it has none
 * or is not mapped, every change is told at once. */
void                 dd_result_filter_stage_set_widget    (DdResultFilterStage *self,
                                                           GtkWidget           *widget);
/* The height of a row of the widget, for how many fill its screen. */
void                 dd_result_filter_stage_set_row_height (DdResultFilterStage *self,
                                                            int                  row_height);
gboolean             dd_result_filter_stage_is_caught_up  (DdResultFilterStage *self);

G_END_DECLS
