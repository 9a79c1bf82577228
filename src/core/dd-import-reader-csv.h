/* dd-import-reader-csv.h: the CSV reader of dd-import-reader.c.
 *
 * Internal to the core.
 */
#pragma once

#include "dd-import-reader-private.h"

G_BEGIN_DECLS

/* Reads the header record: the column names. */
gboolean dd_import_reader_csv_header (DdImportReader  *r,
                                      GError         **error);
/* The next non-blank record as a typed item, or NULL (at the end, or with
 * error). */
char    *dd_import_reader_csv_item   (DdImportReader  *r,
                                      GError         **error);

G_END_DECLS
