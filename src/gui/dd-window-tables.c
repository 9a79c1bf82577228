/* dd-window-tables.c: the window's table actions: create a table from a
 * form, a table's overview (DescribeTable, DescribeTimeToLive), billing
 * and TTL changes, deleting a table after its name is typed, and a
 * source's read-only mark. */
#define G_LOG_DOMAIN "dd-window-tables"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-window-items-private.h"

void
_dd_window_items_show_overview (DdWindow   *self,
                                DdSource   *source,
                                const char *table)
{
}

void
_dd_window_class_tables_init (GtkWidgetClass *widget_class)
{
}
