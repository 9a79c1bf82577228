/* dd-export-dialog.h: export results to a file.
 *
 * The person picks the items (the loaded results as the view shows them,
 * filtered and sorted, or every page of the request read again from the
 * server and streamed to the file), the format (CSV with a delimiter,
 * JSON, JSON Lines), plain or DynamoDB JSON values, and the file. Export
 * emits "start"; the window answers with dd_export_dialog_run_loaded () or
 * dd_export_dialog_run_pager () (after asking about the cost of a full
 * Scan). The dialog then shows the progress (items, items/s) with Cancel
 * and emits "done" (GFile written or NULL, GError or NULL when cancelled).
 * A cancelled or failed export leaves no file (dd-export.h).
 */
#pragma once

#include <adwaita.h>

#include "dd-export.h"
#include "dd-result-filter.h"

G_BEGIN_DECLS

#define DD_TYPE_EXPORT_DIALOG (dd_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DdExportDialog, dd_export_dialog, DD, EXPORT_DIALOG, AdwWindow)

/* basename: the suggested file name without extension (the table).
 * can_read_all: whether the request has pages to read again. */
DdExportDialog *dd_export_dialog_new          (GtkWindow      *parent,
                                               DdResultFilter *loaded,
                                               const char     *basename,
                                               gboolean        can_read_all);

void            dd_export_dialog_set_file     (DdExportDialog *self,
                                               GFile          *file);
GFile          *dd_export_dialog_get_file     (DdExportDialog *self);
/* delimiter: 0 for ',' (CSV only). */
void            dd_export_dialog_set_format   (DdExportDialog *self,
                                               DdExportFormat  format,
                                               gboolean        typed,
                                               char            delimiter);
void            dd_export_dialog_set_all_pages (DdExportDialog *self,
                                                gboolean        all_pages);
gboolean        dd_export_dialog_get_all_pages (DdExportDialog *self);

/* What the Export button does: emits "start". */
void            dd_export_dialog_export       (DdExportDialog *self);
void            dd_export_dialog_run_loaded   (DdExportDialog *self);
/* pager: not started yet; every page is written as it comes. */
void            dd_export_dialog_run_pager    (DdExportDialog *self,
                                               DdPager        *pager);
/* Back to the options with a message (the export could not start). */
void            dd_export_dialog_show_error   (DdExportDialog *self,
                                               const GError   *error);
void            dd_export_dialog_cancel       (DdExportDialog *self);
gboolean        dd_export_dialog_get_running  (DdExportDialog *self);
guint64         dd_export_dialog_get_n_written (DdExportDialog *self);
const char     *dd_export_dialog_get_progress_text (DdExportDialog *self);

G_END_DECLS
