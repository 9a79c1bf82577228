/* dd-column-chooser.h: the popover that shows, hides and orders the
 * columns of the results table, and keeps their widths per table.
 *
 * Widths (set by dragging a header's edge) and hidden columns are saved
 * in GSettings ("column-widths", "hidden-columns") under the table id
 * ("source-id/table") and given back to a column of that name when it is
 * added again. Without the schema nothing is kept.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DD_TYPE_COLUMN_CHOOSER (dd_column_chooser_get_type ())

G_DECLARE_FINAL_TYPE (DdColumnChooser, dd_column_chooser, DD, COLUMN_CHOOSER, GtkPopover)

DdColumnChooser *dd_column_chooser_new          (GtkColumnView       *view);
/* NULL: nothing is remembered. */
void             dd_column_chooser_set_table    (DdColumnChooser     *self,
                                                 const char          *table_id);
/* Gives a column just added its remembered width and visibility. */
void             dd_column_chooser_column_added (DdColumnChooser     *self,
                                                 GtkColumnViewColumn *column);
/* Moves the column at from to position to; shows or hides one. */
void             dd_column_chooser_move         (DdColumnChooser     *self,
                                                 guint                from,
                                                 guint                to);
void             dd_column_chooser_set_visible  (DdColumnChooser     *self,
                                                 guint                position,
                                                 gboolean             visible);

G_END_DECLS
