/* dd-window-items.h: the window's item and table actions: edit an item of
 * the results (double-click or Enter) or a new one, save it after review
 * with the condition that it is still as loaded, delete with
 * confirmation, undo from the journal (a toast and Ctrl+Z), the journal
 * browser, bulk delete and copy of the selected rows (to a table of any
 * data source), the undo of a whole bulk action in one step, create,
 * describe and delete tables.
 *
 * Every write goes through dd_window_items_check_writable() first: a
 * read-only source writes nothing.
 *
 * What tests and screenshots reach is public here; the window calls the
 * two hooks in dd-window-private.h.
 */
#pragma once

#include "dd-item-editor.h"
#include "dd-journal.h"
#include "dd-source.h"
#include "dd-window.h"

G_BEGIN_DECLS

/* The item editor open now, or NULL. */
DdItemEditor *dd_window_get_item_editor      (DdWindow   *self);
/* The dialog shown last by the item actions (diff, conflict,
 * confirmation, progress, create table...), while it is open, or NULL. */
GtkWidget    *dd_window_get_items_dialog     (DdWindow   *self);
/* Whether an item or table request runs. */
gboolean      dd_window_get_items_busy       (DdWindow   *self);
/* The last message the item actions showed (toast or error). */
const char   *dd_window_get_items_message    (DdWindow   *self);
/* The journal of a source (opened on first use). */
DdJournal    *dd_window_get_journal          (DdWindow   *self,
                                              DdSource   *source,
                                              GError    **error);
/* FALSE (with a message to the person) when source is read-only. */
gboolean      dd_window_items_check_writable (DdWindow   *self,
                                              DdSource   *source);
/* The last bulk run's progress: items done, of total, and how many
 * progress reports came. */
void          dd_window_get_items_progress   (DdWindow   *self,
                                              guint64    *done,
                                              guint64    *total,
                                              guint      *updates);
/* The table overview open now, or NULL. */
GtkWidget    *dd_window_get_table_overview   (DdWindow   *self);
/* In the open copy dialog (win.copy-items), chooses the target: the
 * source and a table of it. FALSE while that table is not listed (yet). */
gboolean      dd_window_items_choose_copy_target (DdWindow   *self,
                                                  const char *source_id,
                                                  const char *table);
/* The journal browser open now, or NULL. */
GtkWidget    *dd_window_get_journal_view     (DdWindow   *self);

G_END_DECLS
