/* dd-journal-entry.h: one write as the undo journal keeps it (dd-journal.h).
 *
 * An entry is the intent of a write (its table, key, the item before and
 * the item it writes) and, once known, its outcome. Entries written by one
 * action on many items (a bulk delete, a copy, the undo of either) share a
 * group id, so that the action can be shown and undone as one.
 */
#pragma once

#include "dd-types.h"

G_BEGIN_DECLS

typedef enum
{
  DD_JOURNAL_OUTCOME_UNKNOWN, /* intent written, no outcome recorded */
  DD_JOURNAL_OUTCOME_DONE,
  DD_JOURNAL_OUTCOME_FAILED,
} DdJournalOutcome;

typedef struct _DdJournalEntry DdJournalEntry;

#define DD_TYPE_JOURNAL_ENTRY (dd_journal_entry_get_type ())

GType             dd_journal_entry_get_type       (void) G_GNUC_CONST;

/* A new intent with a fresh UUID and the current time. key, old_item and
 * new_item are DynamoDB JSON objects (text); old_item NULL: the item did
 * not exist; new_item NULL: the write deletes it. */
DdJournalEntry   *dd_journal_entry_new            (const char      *table,
                                                   const char      *key,
                                                   const char      *old_item,
                                                   const char      *new_item);
DdJournalEntry   *dd_journal_entry_ref            (DdJournalEntry  *self);
void              dd_journal_entry_unref          (DdJournalEntry  *self);

const char       *dd_journal_entry_get_id         (DdJournalEntry  *self);
const char       *dd_journal_entry_get_source_id  (DdJournalEntry  *self);
const char       *dd_journal_entry_get_table      (DdJournalEntry  *self);
const char       *dd_journal_entry_get_key        (DdJournalEntry  *self);
/* The item before the write (NULL: it did not exist); what the service
 * returned when it did, else what the intent recorded. */
const char       *dd_journal_entry_get_old_item   (DdJournalEntry  *self);
/* The item the write left (NULL: the write deleted it). */
const char       *dd_journal_entry_get_new_item   (DdJournalEntry  *self);
gboolean          dd_journal_entry_is_delete      (DdJournalEntry  *self);
/* Microseconds since the epoch, UTC. */
gint64            dd_journal_entry_get_time       (DdJournalEntry  *self);
DdJournalOutcome  dd_journal_entry_get_outcome    (DdJournalEntry  *self);
/* The failure's message, for DD_JOURNAL_OUTCOME_FAILED. */
const char       *dd_journal_entry_get_error      (DdJournalEntry  *self);
/* The id of the entry this one undid, or NULL. */
const char       *dd_journal_entry_get_undo_of    (DdJournalEntry  *self);
void              dd_journal_entry_set_undo_of    (DdJournalEntry  *self,
                                                   const char      *id);

/* Records what the service answered before dd_journal_mark(): item NULL
 * means "there was none" (the item did not exist / was deleted). */
void              dd_journal_entry_set_returned_old (DdJournalEntry *self,
                                                     const char     *item);
void              dd_journal_entry_set_returned_new (DdJournalEntry *self,
                                                     const char     *item);

/* The group of the entry (a UUID shared by the entries of one bulk
 * action), or NULL for a write of its own. */
const char       *dd_journal_entry_get_group      (DdJournalEntry  *self);
void              dd_journal_entry_set_group      (DdJournalEntry  *self,
                                                   const char      *group);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdJournalEntry, dd_journal_entry_unref)

G_END_DECLS
