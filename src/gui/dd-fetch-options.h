/* dd-fetch-options.h: the popover next to "Fetch All": the segments of a
 * parallel Scan, "Fetch until N matching items" and the most items the
 * view holds. The values live in GSettings ("scan-segments",
 * "fetch-until-count", "results-max-items"); the button runs the window's
 * win.fetch-until action.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DD_TYPE_FETCH_OPTIONS (dd_fetch_options_get_type ())

G_DECLARE_FINAL_TYPE (DdFetchOptions, dd_fetch_options, DD, FETCH_OPTIONS, GtkPopover)

GtkWidget *dd_fetch_options_new (void);

G_END_DECLS
