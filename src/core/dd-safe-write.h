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
 */
#pragma once

#include <json-glib/json-glib.h>

#include "dd-types.h"
#include "dd-journal.h"

G_BEGIN_DECLS

/* --- Differences between two items, for the person to review --- */

typedef enum
{
  DD_ITEM_DIFF_ADDED,
  DD_ITEM_DIFF_REMOVED,
  DD_ITEM_DIFF_CHANGED,
} DdItemDiffKind;

typedef struct
{
  DdItemDiffKind  kind;
  char           *name;
  char           *old_value;  /* typed JSON of the value; NULL when added */
  char           *new_value;  /* NULL when removed */
} DdItemDiff;

void          dd_item_diff_free              (DdItemDiff  *diff);

/* Per attribute, sorted by name. Values are compared as DynamoDB does:
 * numbers by value ("1.50" = "1.5"), sets as sets (order does not count),
 * binary by its bytes, maps and lists member by member. old_item NULL: all
 * attributes are added. Errors: DD_ERROR_INVALID_INPUT when an item is not
 * DynamoDB JSON. */
GPtrArray    *dd_safe_write_diff             (const char  *old_item,
                                              const char  *new_item,
                                              GError     **error);
/* Two typed attribute values (json-glib nodes) equal as DynamoDB sees it. */
gboolean      dd_safe_write_values_equal     (JsonNode    *a,
                                              JsonNode    *b);

/* --- Condition expressions --- */

typedef struct
{
  JsonObject *names;   /* ExpressionAttributeNames being built */
  JsonObject *values;  /* ExpressionAttributeValues being built */
} DdCondition;

DdCondition  *dd_condition_new               (void);
void          dd_condition_free              (DdCondition *self);
/* The placeholder of an attribute name ("#n0"); the same name gets the
 * same placeholder. */
const char   *dd_condition_name              (DdCondition *self,
                                              const char  *name);
/* A new value placeholder (":v0") for a typed value (copied). */
char         *dd_condition_value             (DdCondition *self,
                                              JsonNode    *value);
/* "every attribute of item (a typed item) is equal", e.g.
 * "(#n0 = :v0 AND size(#n1) = :v1 AND #n1.#n2 = :v2)"; "" for an empty
 * item. */
char         *dd_condition_item_equals       (DdCondition *self,
                                              JsonObject  *item);
/* "attribute_not_exists(#n0) AND ..." for the given names. */
char         *dd_condition_absent            (DdCondition *self,
                                              const char * const *names);
/* Puts ConditionExpression (when expression is not empty) and the names
 * and values (when any) into request. FALSE with DD_ERROR_INVALID_INPUT
 * when an expression is longer than DynamoDB accepts. */
gboolean      dd_condition_apply             (DdCondition *self,
                                              JsonObject  *request,
                                              const char  *member,
                                              const char  *expression,
                                              GError     **error);

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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdCondition, dd_condition_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdWriteConflict, dd_write_conflict_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdItemDiff, dd_item_diff_free)

G_END_DECLS
