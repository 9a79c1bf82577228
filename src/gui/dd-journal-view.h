/* dd-journal-view.h: the undo journal of a source, newest first: each
 * write with its table, key, time and outcome, and an Undo button; the
 * writes of one bulk action as one row that expands to them, with an Undo
 * All button. */
#pragma once

#include <adwaita.h>

#include "dd-journal.h"
#include "dd-source.h"

G_BEGIN_DECLS

#define DD_TYPE_JOURNAL_VIEW (dd_journal_view_get_type ())

G_DECLARE_FINAL_TYPE (DdJournalView, dd_journal_view, DD, JOURNAL_VIEW, AdwWindow)

GtkWidget      *dd_journal_view_new          (GtkWindow     *parent,
                                              DdSource      *source,
                                              DdJournal     *journal);
DdSource       *dd_journal_view_get_source   (DdJournalView *self);
void            dd_journal_view_reload       (DdJournalView *self);
guint           dd_journal_view_get_n_entries (DdJournalView *self);
DdJournalEntry *dd_journal_view_get_entry    (DdJournalView *self,
                                              guint          index);
/* The rows: one for a write of its own, one for the writes of a bulk
 * action (a journal group, expandable), newest first. */
guint           dd_journal_view_get_n_rows   (DdJournalView *self);
/* The entries of a row (one, or the group's, newest first). */
GPtrArray      *dd_journal_view_get_row_entries (DdJournalView *self,
                                                 guint          row);
GtkWidget      *dd_journal_view_get_row_widget (DdJournalView *self,
                                                guint          row);
/* What the row's Undo (or Undo All) button does. */
void            dd_journal_view_undo_row     (DdJournalView *self,
                                              guint          row);
/* What a group's row says: its title and subtitle (pure). */
char           *dd_journal_group_describe    (GPtrArray     *entries,
                                              char         **subtitle);
/* What a row says about an entry: its title and subtitle (pure). */
char           *dd_journal_entry_describe    (DdJournalEntry *entry,
                                              char          **subtitle);

/* Signals: "undo" (DdJournalEntry *entry), "undo-group" (GPtrArray *entries). */

G_END_DECLS
