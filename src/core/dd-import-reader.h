/* dd-import-reader.h: the records of an import file, one at a time.
 *
 * Each record comes out as a DynamoDB JSON item (dd-import.h says how
 * JSON Lines, JSON arrays or objects and CSV are read), and the reader
 * knows the exact byte offset, line and column after it: the resume
 * point of dd-import. Blocking reads: use it in a worker thread, or on small
 * buffered reads from a local file.
 */
#pragma once

#include "dd-import.h"

G_BEGIN_DECLS

typedef struct
{
  guint64 offset;   /* bytes from the start of the file */
  guint64 records;  /* records before offset (kept by dd-import) */
  guint   line;     /* 1-based */
  guint   column;   /* 1-based, in characters */
} DdImportPosition;

typedef struct _DdImportReader DdImportReader;

/* Opens path and, for CSV, reads its header; then goes to pos (a position
 * an earlier reader reported, or 0:1:1). column_types (name -> type) is
 * borrowed and must outlive the reader. */
DdImportReader *dd_import_reader_new          (const char              *path,
                                               DdImportFormat           format,
                                               DdAttrReading            reading,
                                               char                     delimiter,
                                               GHashTable              *column_types,
                                               const DdImportPosition  *pos,
                                               GError                 **error);
/* The next record as a typed item, or NULL: at the end, or with error
 * ("FILE:LINE:COLUMN: what"). */
char           *dd_import_reader_next         (DdImportReader          *self,
                                               GError                 **error);
/* Where the reader is: after the last record read (records untouched). */
void            dd_import_reader_get_position (DdImportReader          *self,
                                               DdImportPosition        *pos);
void            dd_import_reader_free         (DdImportReader          *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdImportReader, dd_import_reader_free)

G_END_DECLS
