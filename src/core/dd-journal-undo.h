/* dd-journal-undo.h: undoing many journal entries as one action (the
 * group of a bulk delete or a copy).
 *
 * Each entry is undone by its own conditional request
 * (dd_journal_entry_build_undo): BatchWriteItem takes no condition, so the
 * requests go one by one, several in flight. They are taken 25 at a time:
 * the intents of the 25 undos are journalled in one append (one fsync)
 * before any of them is sent, each with undo_of and a new group of their
 * own, and the outcomes after the answers. An entry with nothing to undo
 * (a failed write, a delete of an item that was not there) is skipped. An
 * entry whose item changed since (the condition failed), or whose request
 * failed, is listed with the reason and the others go on.
 *
 * Cancelling stops taking entries; requests already sent are let finish,
 * so the journal says exactly what was undone.
 */
#pragma once

#include "dd-types.h"
#include "dd-journal.h"

G_BEGIN_DECLS

#define DD_TYPE_JOURNAL_UNDO (dd_journal_undo_get_type ())

G_DECLARE_FINAL_TYPE (DdJournalUndo, dd_journal_undo, DD, JOURNAL_UNDO, GObject)

/* journal: where the undos are journalled (the source's journal). */
DdJournalUndo *dd_journal_undo_new               (DdClient           *client,
                                                  DdJournal          *journal);
/* Requests in flight at once, 1..64 (default 8). */
void           dd_journal_undo_set_max_in_flight (DdJournalUndo      *self,
                                                  guint               n);

/* Undoes entries (DdJournalEntry, in any order: the newest are undone
 * first). TRUE when every entry that had something to undo was undone;
 * else FALSE with the first failure (G_IO_ERROR_CANCELLED when cancelled).
 * One run at a time. */
void           dd_journal_undo_run_async         (DdJournalUndo      *self,
                                                  GPtrArray          *entries,
                                                  GCancellable       *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer            user_data);
gboolean       dd_journal_undo_run_finish        (DdJournalUndo      *self,
                                                  GAsyncResult       *result,
                                                  GError            **error);

/* The group id of the undo entries written. */
const char    *dd_journal_undo_get_group         (DdJournalUndo      *self);
guint64        dd_journal_undo_get_undone        (DdJournalUndo      *self);
guint64        dd_journal_undo_get_failed        (DdJournalUndo      *self);
/* Entries with nothing to undo. */
guint64        dd_journal_undo_get_skipped       (DdJournalUndo      *self);
guint64        dd_journal_undo_get_total         (DdJournalUndo      *self);
/* What was not undone: one line each, "KEY: reason" (the key as plain
 * JSON). */
GPtrArray     *dd_journal_undo_get_failures      (DdJournalUndo      *self);

/* Signal: progress (guint64 done, guint64 total, guint64 failed), the
 * same as DdBatchWriter's. */

G_END_DECLS
