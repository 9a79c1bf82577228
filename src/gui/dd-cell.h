/* dd-cell.h: one cell of the results table.
 *
 * A line of text that does not measure itself: every cell of the same
 * font is one line high and as wide as its column gives it; the text is
 * laid out when it is drawn, ellipsized at the end. Its accessible name
 * is its text ("empty" when there is none), its role a label.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DD_TYPE_CELL (dd_cell_get_type ())

G_DECLARE_FINAL_TYPE (DdCell, dd_cell, DD, CELL, GtkWidget)

GtkWidget  *dd_cell_new          (void);
/* Takes text (may be NULL: an absent value). */
void        dd_cell_take_text    (DdCell     *self,
                                  char       *text);
void        dd_cell_set_text     (DdCell     *self,
                                  const char *text);
const char *dd_cell_get_text     (DdCell     *self);
/* Numbers: at the end of the cell, in figures of one width. */
void        dd_cell_set_numeric  (DdCell     *self,
                                  gboolean    numeric);
gboolean    dd_cell_get_numeric  (DdCell     *self);
/* The height of every cell in the widget's font, in pixels. */
int         dd_cell_get_line_height (DdCell  *self);

G_END_DECLS
