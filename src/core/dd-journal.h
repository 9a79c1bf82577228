/* dd-journal.h: the undo journal of a data source.
 *
 * Every write or delete the application makes stores what it is about to
 * do, and the item as it was before, in an append-only file,
 * $XDG_DATA_HOME/dynamo-desk/journal/<source-id>.jsonl, one JSON object a
 * line:
 *
 *   {"v":1,"type":"intent","id":UUID,"time":ISO-8601,"source":ID,
 *    "table":T,"key":{typed},"old":{typed}|null,"new":{typed}|"delete"
 *    [,"undo_of":UUID][,"group":UUID]}
 *   {"v":1,"type":"outcome","id":UUID,"time":ISO-8601,
 *    "outcome":"done"|"failed"[,"error":MESSAGE][,"old":{typed}|null]
 *    [,"new":{typed}|"delete"]}
 *
 * The intent is written and fsync'ed BEFORE the request is sent; the
 * outcome after the answer. "old"/"new" in an outcome are what the service
 * returned (ReturnValues ALL_OLD) and replace the intent's guesses. An
 * intent without an outcome (the program stopped between the two, or the
 * answer never came) loads as DD_JOURNAL_OUTCOME_UNKNOWN and can still be
 * undone: the undo request is conditional.
 *
 * Lines are appended with O_APPEND in one write() each and fsync'ed. A torn
 * last line (a crash in the middle of a write) is ignored on load, and the
 * next append starts on a new line, so it never damages other entries.
 * Items are kept as DynamoDB JSON (typed) text.
 *
 * "group" ties the entries of one bulk action together (a bulk delete, a
 * copy, the undo of a group); lines written before groups existed simply
 * have none.
 *
 * Appends are thread-safe; the _async variants run them in a worker
 * thread so that fsync never blocks the main loop.
 */
#pragma once

#include "dd-types.h"
#include "dd-journal-entry.h"

G_BEGIN_DECLS

/* The entries (dd-journal-entry.h) are what the journal holds. */

/* The request that undoes the entry (wire body, typed):
 *  - the item existed before: PutItem of the old item;
 *  - it did not: DeleteItem of the key;
 * conditioned on the item being as the write left it (every attribute of
 * the new item equal, compared member by member for maps and lists, or
 * attribute_not_exists of the key when the write deleted it). For an
 * entry of unknown outcome the condition also accepts the item being as it
 * was before the write (then the undo rewrites the same item). Both ask
 * for ReturnValues ALL_OLD. A failed write, or a delete of an item that
 * did not exist, has nothing to undo: DD_ERROR_INVALID_INPUT. */
gboolean          dd_journal_entry_build_undo     (DdJournalEntry  *self,
                                                   char           **action,
                                                   GBytes         **body,
                                                   GError         **error);

#define DD_TYPE_JOURNAL (dd_journal_get_type ())

G_DECLARE_FINAL_TYPE (DdJournal, dd_journal, DD, JOURNAL, GObject)

/* $XDG_DATA_HOME/dynamo-desk/journal/<source-id>.jsonl; characters of the
 * id other than letters, digits, '-', '_' and '.' are written %XX. */
char             *dd_journal_path_for_source      (const char      *source_id);

/* Opens (creating the folder and the file, mode 0600) the journal of a
 * source at its usual path, or at path. */
DdJournal        *dd_journal_new                  (const char      *source_id,
                                                   GError         **error);
DdJournal        *dd_journal_new_for_path         (const char      *source_id,
                                                   const char      *path,
                                                   GError         **error);

const char       *dd_journal_get_source_id        (DdJournal       *self);
const char       *dd_journal_get_path             (DdJournal       *self);

/* Writes the intents of entries (one write, one fsync) and sets their
 * source id. Returns FALSE with error when the journal could not be
 * written: then the request must not be sent. */
gboolean          dd_journal_append_intents       (DdJournal       *self,
                                                   DdJournalEntry **entries,
                                                   guint            n_entries,
                                                   GError         **error);
/* Sets the outcome of entries and writes it (one write, one fsync).
 * error_message is kept for DD_JOURNAL_OUTCOME_FAILED. */
gboolean          dd_journal_mark                 (DdJournal       *self,
                                                   DdJournalEntry **entries,
                                                   guint            n_entries,
                                                   DdJournalOutcome outcome,
                                                   const char      *error_message,
                                                   GError         **error);

/* The same in a worker thread; entries is an array of DdJournalEntry. */
void              dd_journal_append_intents_async (DdJournal          *self,
                                                   GPtrArray          *entries,
                                                   GCancellable       *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer            user_data);
gboolean          dd_journal_append_intents_finish (DdJournal         *self,
                                                    GAsyncResult      *result,
                                                    GError           **error);
void              dd_journal_mark_async           (DdJournal          *self,
                                                   GPtrArray          *entries,
                                                   DdJournalOutcome    outcome,
                                                   const char         *error_message,
                                                   GCancellable       *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer            user_data);
gboolean          dd_journal_mark_finish          (DdJournal          *self,
                                                   GAsyncResult       *result,
                                                   GError            **error);

/* The entries of group, newest first (dd_journal_load filtered). */
GPtrArray        *dd_journal_load_group           (DdJournal       *self,
                                                   const char      *group,
                                                   GError         **error);

/* Reads the journal: the entries, newest first (an array of
 * DdJournalEntry). Lines that cannot be read (a torn last line, a damaged
 * line) are skipped and counted in n_skipped (optional). */
GPtrArray        *dd_journal_load                 (DdJournal       *self,
                                                   guint           *n_skipped,
                                                   GError         **error);

G_END_DECLS
