/* dd-import-reader-json.h: the JSON Lines and JSON readers of
 * dd-import-reader.c.
 *
 * Internal to the core.
 */
#pragma once

#include "dd-import-reader-private.h"

G_BEGIN_DECLS

/* Skips spaces, tabs and line ends. */
void  dd_import_reader_skip_space   (DdImportReader  *r);
/* The next record of JSON Lines, or NULL (at the end, or with error). */
char *dd_import_reader_json_line    (DdImportReader  *r,
                                     GError         **error);
/* The next element of a JSON array (alone, or an object's "Items"), or
 * NULL (at the end, or with error). */
char *dd_import_reader_json_element (DdImportReader  *r,
                                     GError         **error);

G_END_DECLS
