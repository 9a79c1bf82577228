/* dd-import-reader-private.h: the reader's state and the helpers shared by
 * dd-import-reader.c, dd-import-reader-json.c and dd-import-reader-csv.c.
 *
 * Internal to the core.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "dd-import-reader.h"

G_BEGIN_DECLS

#define BUFFER_SIZE (64 * 1024)
#define MAX_RECORD_SIZE (16 * 1024 * 1024)

/* Reading bytes with their position */
typedef struct
{
  GInputStream *stream;
  guint8       *buf;
  gsize         len;
  gsize         pos;
  gboolean      eof;
  guint64       offset;  /* of buf[pos] in the file */
  guint         line;
  guint         column;
} Input;

struct _DdImportReader
{
  Input           in;
  DdImportFormat  format;
  DdAttrReading   reading;
  char            delimiter;
  GHashTable     *column_types;  /* name -> type, borrowed */
  GPtrArray      *header;
  gboolean        started;       /* JSON: the '[' was read */
  gboolean        wrapped;       /* JSON: the array is an object's "Items" */
  gboolean        finished;
  char           *name;          /* the file, for messages */
  GError         *read_error;    /* an I/O error met by input_peek */
};

/* The next byte without taking it, or -1 at the end (an I/O error kept in
 * read_error). */
int      dd_import_reader_peek             (DdImportReader  *r);
/* Takes the next byte; -1 at the end. */
int      dd_import_reader_advance          (DdImportReader  *r);
/* Sets error: "FILE:LINE:COLUMN: message". */
void     dd_import_reader_error_at         (DdImportReader  *r,
                                            GError         **error,
                                            int              code,
                                            guint            line,
                                            guint            column,
                                            const char      *format,
                                            ...) G_GNUC_PRINTF (6, 7);
/* A read error wins over what the reader made of the missing bytes: TRUE
 * when there was one (then in error). */
gboolean dd_import_reader_take_read_error  (DdImportReader  *r,
                                            GError         **error);
/* dd-attr's "line L, column C: message" placed at the record's position. */
void     dd_import_reader_relocate_error   (DdImportReader  *r,
                                            GError          *attr_error,
                                            guint            line,
                                            guint            column,
                                            GError         **error);
/* The typed item of a record's text, which starts at line:column. */
char    *dd_import_reader_convert_item     (DdImportReader  *r,
                                            GString         *text,
                                            guint            line,
                                            guint            column,
                                            GError         **error);
/* A JSON number literal without leading zeros: "007" is not one. */
gboolean dd_import_looks_like_number       (const char      *p);

G_END_DECLS
