/* dd-export-csv.h: the CSV writer of dd-export.c.
 *
 * Internal to the core.
 */
#pragma once

#include "dd-export.h"
#include "dd-page-private.h"

G_BEGIN_DECLS

/* The index of column name, added at the end when it is new. */
guint    dd_export_csv_column   (DdExportWriter   *self,
                                 const char       *name);
/* Spools the row of the item tokens[0] (an object of text). */
gboolean dd_export_csv_add_item (DdExportWriter   *self,
                                 const char       *text,
                                 const jsmntok_t  *tokens,
                                 int               n_tokens,
                                 GError          **error);
/* Writes the header, then the spooled rows. */
gboolean dd_export_csv_finish   (DdExportWriter   *self,
                                 GError          **error);

G_END_DECLS
