/* dd-safe-write.h: saving an edited item, deleting it, undoing either.
 *
 * Optimistic concurrency. A save writes only if the item is still as it
 * was loaded:
 *  - an item that existed is saved with UpdateItem: SET for attributes
 *    added or changed, REMOVE for those removed, conditioned on every
 *    attribute of the loaded item being equal to its loaded value (maps and
 *    lists compared member by member with their size, so the check means
 *    the same on DynamoDB and on servers that cannot compare whole
 *    documents) and on each added attribute not existing yet. Attributes
 *    someone else added under other names since the load are kept, not
 *    erased as a PutItem of the whole item would do.
 *  - a new item is written with PutItem conditioned on attribute_not_exists
 *    of its key attributes.
 * Every attribute name goes through an ExpressionAttributeNames
 * placeholder (reserved words, dots, any character). An expression longer
 * than DynamoDB's 4 KB limit (an item of several hundred attributes) is
 * refused with DD_ERROR_INVALID_INPUT rather than written unchecked.
 *
 * A ConditionalCheckFailedException is a conflict: the error is the
 * service's, and the conflict (the loaded item, the one the save wanted to
 * write, and the item now in the table, read back with a consistent
 * GetItem since not every server supports
 * ReturnValuesOnConditionCheckFailure) is handed to the caller. Nothing was
 * written.
 *
 * Each write is journalled (dd-journal.h): the intent is fsync'ed before
 * the request goes out, the outcome after. Items are DynamoDB JSON text.
 *
 * Cancelled before its request went out, a write ends with
 * G_IO_ERROR_CANCELLED (journalled as failed); cancelled once the call was
 * under way, before the answer, it ends with DD_ERROR_MAYBE_APPLIED (the
 * write may have been made; the journal keeps its outcome unknown).
 */
#pragma once

#include <json-glib/json-glib.h>

#include "dd-types.h"
#include "dd-item-compare.h"
#include "dd-journal.h"

G_BEGIN_DECLS

/* --- A conflict --- */

typedef struct
{
  char *loaded;   /* the item as it was loaded, NULL when it did not exist */
  char *mine;     /* the item the write wanted, NULL for a delete */
  char *current;  /* the item in the table now, NULL when there is none */
} DdWriteConflict;

void          dd_write_conflict_free         (DdWriteConflict *self);

/* TRUE for the error of a write whose condition failed. */
gboolean      dd_safe_write_error_is_conflict (const GError *error);

/* --- The writer --- */

#define DD_TYPE_SAFE_WRITE (dd_safe_write_get_type ())

G_DECLARE_FINAL_TYPE (DdSafeWrite, dd_safe_write, DD, SAFE_WRITE, GObject)

/* key_names: the table's key attribute names (partition key, then the sort
 * key if any). journal may be NULL (nothing journalled). */
DdSafeWrite  *dd_safe_write_new              (DdClient           *client,
                                              DdJournal          *journal,
                                              const char         *table,
                                              const char * const *key_names);

/* Saves new_item in place of loaded_item (NULL: a new item). The key may
 * not change (DD_ERROR_INVALID_INPUT). Returns the journal entry of the
 * write (its new item is the item as written), or NULL without error when
 * nothing changed. On a conflict: NULL, the service's error and
 * *conflict (optional). */
void          dd_safe_write_save_async       (DdSafeWrite        *self,
                                              const char         *loaded_item,
                                              const char         *new_item,
                                              GCancellable       *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data);
DdJournalEntry *dd_safe_write_save_finish    (DdSafeWrite        *self,
                                              GAsyncResult       *result,
                                              DdWriteConflict   **conflict,
                                              GError            **error);

/* Deletes loaded_item (a whole typed item, or at least its key), with
 * ReturnValues ALL_OLD. When check is TRUE the delete is conditioned on the
 * item being as loaded; otherwise the journal keeps what the service
 * returned as the old item. */
void          dd_safe_write_delete_async     (DdSafeWrite        *self,
                                              const char         *loaded_item,
                                              gboolean            check,
                                              GCancellable       *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data);
DdJournalEntry *dd_safe_write_delete_finish  (DdSafeWrite        *self,
                                              GAsyncResult       *result,
                                              DdWriteConflict   **conflict,
                                              GError            **error);

/* Undoes a journal entry (dd_journal_entry_build_undo), itself journalled
 * as a new entry whose undo_of is entry's id. */
void          dd_safe_write_undo_async       (DdSafeWrite        *self,
                                              DdJournalEntry     *entry,
                                              GCancellable       *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data);
DdJournalEntry *dd_safe_write_undo_finish    (DdSafeWrite        *self,
                                              GAsyncResult       *result,
                                              DdWriteConflict   **conflict,
                                              GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdWriteConflict, dd_write_conflict_free)

G_END_DECLS
