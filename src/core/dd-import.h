/* dd-import.h: a file of items into a table, resumable.
 *
 * Formats:
 *  - JSON Lines: one item a line, plain JSON or DynamoDB JSON (blank lines
 *    are skipped);
 *  - JSON: one array of items, or one object with an "Items" array of
 *    items (a Scan or Query response, the CLI's --all JSON export; its
 *    other members, Count, LastEvaluatedKey..., are passed over);
 *  - CSV (RFC 4180) with a header row naming the attributes. Without a
 *    type for a column, a cell is read as: a number literal (no leading
 *    zeros, so "007" stays a string) -> N with exactly its digits; true or
 *    false -> BOOL; a JSON array or object -> L or M; anything else -> S.
 *    An empty unquoted cell leaves the attribute out (exports write NULL
 *    that way); a quoted empty cell "" is the empty string. Column types
 *    ("age:N,tags:SS,active:BOOL,doc:M"; S N B BOOL NULL SS NS BS L M, or
 *    JSON for any plain JSON value) fix how a column is read: sets and
 *    documents as JSON text, B as base64. With DD_ATTR_READING_TYPED every
 *    cell is a DynamoDB JSON value, as typed exports write them.
 *
 * The file is streamed: read twice (a check of every record first, in a
 * worker thread, so that a bad record stops the import before anything is
 * written; then the writing pass), never held whole. Records go to the
 * table through a DdBatchWriter (PutItem semantics).
 *
 * Resume: with a resume file, the position after the last record of the
 * leading run of acknowledged records (byte offset, line, column, record
 * count) is saved there atomically as the import goes, with the input's
 * size and modification time. A later import with the same resume file
 * starts at that position, so acknowledged records are not sent again; a
 * changed input file is refused. A completed import marks the file
 * complete (importing again does nothing). Records written after a gap
 * (a batch still unprocessed when the import was stopped) are sent again
 * on resume, which rewrites the same items.
 *
 * Errors in the input are DD_ERROR_INVALID_JSON (malformed JSON or CSV) or
 * DD_ERROR_INVALID_INPUT (a value that cannot be an attribute), with a
 * message "FILE:LINE:COLUMN: what".
 */
#pragma once

#include "dd-types.h"

G_BEGIN_DECLS

typedef enum
{
  DD_IMPORT_FORMAT_AUTO,  /* from the file name: .jsonl/.ndjson, .json, .csv */
  DD_IMPORT_FORMAT_JSON_LINES,
  DD_IMPORT_FORMAT_JSON,
  DD_IMPORT_FORMAT_CSV,
} DdImportFormat;

/* "jsonl" (or "json-lines", "ndjson"), "json", "csv"; FALSE when unknown. */
gboolean        dd_import_format_from_string  (const char          *name,
                                               DdImportFormat      *format);

#define DD_TYPE_IMPORT (dd_import_get_type ())

G_DECLARE_FINAL_TYPE (DdImport, dd_import, DD, IMPORT, GObject)

DdImport       *dd_import_new                 (DdClient            *client,
                                               const char          *table,
                                               const char          *path);

void            dd_import_set_format          (DdImport            *self,
                                               DdImportFormat       format);
/* How JSON items and CSV cells are read (default DD_ATTR_READING_DETECT:
 * a JSON item is typed when all its values are type descriptors; CSV
 * cells are plain). */
void            dd_import_set_reading         (DdImport            *self,
                                               DdAttrReading        reading);
/* CSV column types; FALSE with DD_ERROR_INVALID_INPUT for a bad spec. */
gboolean        dd_import_set_column_types    (DdImport            *self,
                                               const char          *spec,
                                               GError             **error);
/* CSV field separator (default ','). */
void            dd_import_set_delimiter       (DdImport            *self,
                                               char                 delimiter);
void            dd_import_set_resume_file     (DdImport            *self,
                                               const char          *path);
/* The table's key names; when not set, DescribeTable tells them. */
void            dd_import_set_key_names       (DdImport            *self,
                                               const char * const  *key_names);
void            dd_import_set_max_in_flight   (DdImport            *self,
                                               guint                n);

/* Signals:
 *   progress (guint64 written, guint64 read, guint64 failed): this run's
 *   records written, read from the file so far, failed. */

void            dd_import_run_async           (DdImport            *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean        dd_import_run_finish          (DdImport            *self,
                                               GAsyncResult        *result,
                                               GError             **error);

/* After a run: records written by this run, records skipped because an
 * earlier run had written them, and the records the file holds from the
 * start to where this run stopped. */
guint64         dd_import_get_written         (DdImport            *self);
guint64         dd_import_get_skipped         (DdImport            *self);
guint64         dd_import_get_acknowledged    (DdImport            *self);

G_END_DECLS
