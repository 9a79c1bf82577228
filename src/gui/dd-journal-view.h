/* dd-journal-view.h: the undo journal of a source, newest first: each
 * write with its table, key, time and outcome, and an Undo button. */
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
/* What a row says about an entry: its title and subtitle (pure). */
char           *dd_journal_entry_describe    (DdJournalEntry *entry,
                                              char          **subtitle);

/* Signal: "undo" (DdJournalEntry *entry). */

G_END_DECLS
