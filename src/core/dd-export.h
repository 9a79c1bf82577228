/* dd-export.h: streaming writers of result pages to a file.
 *
 * Formats: CSV (RFC 4180), JSON (one array of items), JSON Lines (one item
 * per line); each either plain JSON or DynamoDB JSON (typed). Items are
 * written as they come, never all held: typed JSON copies the bytes of the
 * page, plain JSON and CSV are transcoded value by value.
 *
 * CSV: the header is the union of the attribute names, the given key names
 * first, then the others in first-seen order. Rows are spooled to an
 * unlinked temporary file and the header is written before them at the
 * end, so memory stays constant and every row has every column. Strings,
 * numbers (exactly their digits), binary (base64) and booleans are written
 * as text, NULL as an empty field, lists, maps and sets as plain JSON text
 * (typed: every field is the value's DynamoDB JSON).
 *
 * The output goes to a temporary file next to the target, renamed over it
 * by dd_export_writer_finish (). Abort, a failure or dropping the writer
 * unfinished deletes the temporary file: no partial output, and a previous
 * file of that name stays as it was.
 */
#pragma once

#include "dd-types.h"

G_BEGIN_DECLS

typedef enum
{
  DD_EXPORT_FORMAT_CSV,
  DD_EXPORT_FORMAT_JSON,
  DD_EXPORT_FORMAT_JSON_LINES,
} DdExportFormat;

#define DD_TYPE_EXPORT_WRITER (dd_export_writer_get_type ())

G_DECLARE_FINAL_TYPE (DdExportWriter, dd_export_writer, DD, EXPORT_WRITER, GObject)

/* "csv", "json", "jsonl" (or "json-lines", "ndjson"); FALSE when unknown. */
gboolean        dd_export_format_from_string (const char          *name,
                                              DdExportFormat      *format);
/* The usual file name extension, without the dot. */
const char     *dd_export_format_get_extension (DdExportFormat     format);

/* target must be a local file in an existing folder. key_names (may be
 * NULL) come first in a CSV header. delimiter is CSV's field separator:
 * 0 for ',', or any ASCII character but '"', CR and LF. */
DdExportWriter *dd_export_writer_new         (GFile               *target,
                                              DdExportFormat       format,
                                              gboolean             typed,
                                              const char * const  *key_names,
                                              char                 delimiter,
                                              GError             **error);

gboolean        dd_export_writer_add_page    (DdExportWriter      *self,
                                              DdPage              *page,
                                              GError             **error);
/* One item as DynamoDB JSON (an object of attribute values); checked. */
gboolean        dd_export_writer_add_item    (DdExportWriter      *self,
                                              const char          *typed_json,
                                              gsize                len,
                                              GError             **error);
/* Completes the file and renames it over the target. On failure the
 * temporary file is gone and the target untouched. */
gboolean        dd_export_writer_finish      (DdExportWriter      *self,
                                              GError             **error);
/* Drops the temporary file; the target is untouched. Safe to call twice. */
void            dd_export_writer_abort       (DdExportWriter      *self);

guint64         dd_export_writer_get_n_items (DdExportWriter      *self);

/* Writes every page of pager (dd_pager_fetch_all_async), then finishes the
 * writer; on error or cancel aborts it. */
void            dd_export_writer_write_pager_async  (DdExportWriter      *self,
                                                     DdPager             *pager,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean        dd_export_writer_write_pager_finish (DdExportWriter      *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

G_END_DECLS
