/* dd-export-private.h: the writer's state, shared by dd-export.c and
 * dd-export-csv.c.
 */
#pragma once

#include "dd-export.h"

G_BEGIN_DECLS

#define FLUSH_SIZE (256 * 1024)

typedef struct
{
  gsize offset;
  gsize len;
  gboolean set;
} Field;

struct _DdExportWriter
{
  GObject         parent_instance;

  DdExportFormat  format;
  gboolean        typed;
  char            delimiter;
  char           *target_path;
  char           *tmp_path;
  int             fd;
  int             spool_fd;      /* CSV rows, unlinked */
  GString        *out;           /* pending bytes for fd, or for spool_fd with CSV */
  GString        *scratch;
  GString        *row;

  GPtrArray      *columns;       /* CSV column names */
  GHashTable     *column_index;  /* name -> index + 1 */
  GArray         *fields;        /* Field per column for the current row */

  guint64         n_items;
  gboolean        closed;
};

/* What failed on a file, for dd_export_set_io_error(). */
typedef enum
{
  DD_EXPORT_IO_WRITE,
  DD_EXPORT_IO_READ_BACK,
  DD_EXPORT_IO_CREATE_IN,
  DD_EXPORT_IO_REPLACE,
} DdExportIoAction;

/* Sets a G_IO_ERROR from saved_errno: "Could not ACTION path: reason".
 * Returns FALSE. */
gboolean dd_export_set_io_error (GError         **error,
                                 int              saved_errno,
                                 DdExportIoAction action,
                                 const char      *path);
/* Writes out to the spool while there is one, else to the file. */
gboolean dd_export_flush_out    (DdExportWriter  *self,
                                 GError         **error);
/* Flushes once out holds FLUSH_SIZE bytes. */
gboolean dd_export_maybe_flush  (DdExportWriter  *self,
                                 GError         **error);

G_END_DECLS
