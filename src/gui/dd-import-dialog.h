/* dd-import-dialog.h: import a file of items into a table.
 *
 * JSON Lines, JSON or CSV (types inferred, or given per column), plain or
 * DynamoDB JSON; written through dd-import (a batch writer) with progress
 * (records written, read, failed, items/s) and Cancel. Each file and
 * table keeps a resume file under resume_dir: an interrupted import is
 * offered to go on from where it stopped (the rows written are not sent
 * again), or to start over. Emits "done" (written, skipped, GError or NULL;
 * cancelled is not an error).
 */
#pragma once

#include <adwaita.h>

#include "dd-client.h"
#include "dd-import.h"

G_BEGIN_DECLS

#define DD_TYPE_IMPORT_DIALOG (dd_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DdImportDialog, dd_import_dialog, DD, IMPORT_DIALOG, AdwWindow)

DdImportDialog *dd_import_dialog_new             (GtkWindow      *parent,
                                                  DdClient       *client,
                                                  const char     *table,
                                                  const char     *resume_dir);

void            dd_import_dialog_set_file        (DdImportDialog *self,
                                                  GFile          *file);
void            dd_import_dialog_set_format      (DdImportDialog *self,
                                                  DdImportFormat  format);
void            dd_import_dialog_set_column_types (DdImportDialog *self,
                                                   const char     *spec);
/* Whether an interrupted import of the chosen file can go on, and the
 * records it had written. */
gboolean        dd_import_dialog_get_can_resume  (DdImportDialog *self,
                                                  guint64        *records);
void            dd_import_dialog_set_resume      (DdImportDialog *self,
                                                  gboolean        resume);

void            dd_import_dialog_start           (DdImportDialog *self);
void            dd_import_dialog_cancel          (DdImportDialog *self);
gboolean        dd_import_dialog_get_running     (DdImportDialog *self);
guint64         dd_import_dialog_get_n_written   (DdImportDialog *self);
const char     *dd_import_dialog_get_progress_text (DdImportDialog *self);

G_END_DECLS
