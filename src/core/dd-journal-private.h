/* dd-journal-private.h: what the files of the journal share: the entry's
 * fields and the lines it is written as (dd-journal-entry.c), for the file
 * (dd-journal.c) and the undo (dd-journal-undo.c). */
#pragma once

#include <json-glib/json-glib.h>

#include "dd-journal.h"

G_BEGIN_DECLS

struct _DdJournalEntry
{
  gatomicrefcount   ref_count;
  char             *id;
  char             *source_id;
  char             *table;
  char             *key;
  char             *old_item;
  char             *new_item;
  char             *undo_of;
  char             *group;
  char             *error;
  gint64            time;
  DdJournalOutcome  outcome;
  guint             has_returned_old : 1;
  guint             has_returned_new : 1;
  char             *returned_old;
  char             *returned_new;
};

/* g_set_str() arrived in GLib 2.76. */
void            _dd_journal_set_str             (char           **str,
                                                 const char      *value);

/* One line each, '\n' included. */
void            _dd_journal_append_intent_line  (GString         *out,
                                                 DdJournalEntry  *entry);
void            _dd_journal_append_outcome_line (GString         *out,
                                                 DdJournalEntry  *entry);

/* The entry of an intent line, or NULL when it cannot be read. */
DdJournalEntry *_dd_journal_entry_from_intent   (JsonObject      *object);
/* Applies an outcome line; FALSE when it cannot be read. */
gboolean        _dd_journal_entry_apply_outcome (DdJournalEntry  *entry,
                                                 JsonObject      *object);

G_END_DECLS
