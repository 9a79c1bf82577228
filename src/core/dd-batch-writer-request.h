/* dd-batch-writer-request.h: the requests of the batch writer
 * (dd-batch-writer.h): its records, the BatchWriteItem bodies and their
 * answers, and the BatchGetItem that reads the items puts will replace so
 * that they can be journalled, and a source of requests over an array.
 * Used by dd-batch-writer.c only. */
#pragma once

#include <json-glib/json-glib.h>

#include "dd-batch-writer.h"

G_BEGIN_DECLS

#define DD_BATCH_SIZE 25

/* One request. */
typedef struct
{
  guint64         seq;
  DdBatchKind     kind;
  char           *item;      /* the put's item, or the delete's item as read */
  JsonObject     *key;
  char           *key_text;  /* the key as JSON, to spot a repeated key */
  DdJournalEntry *entry;     /* a journalled write */
} DdBatchRecord;

/* The record of request number seq (from 0), taking item; NULL with
 * error when item is no object or lacks a key attribute. */
DdBatchRecord *_dd_batch_record_new          (const char * const *key_names,
                                              guint64             seq,
                                              DdBatchKind         kind,
                                              char               *item,
                                              GError            **error);
void           _dd_batch_record_free         (DdBatchRecord      *record);

/* The BatchWriteItem body of records. */
GBytes        *_dd_batch_write_body          (const char         *table,
                                              GPtrArray          *records);
/* The records (of records) the answer does not list as unprocessed:
 * those written. */
GPtrArray     *_dd_batch_written_of          (const char         *table,
                                              GPtrArray          *records,
                                              GBytes             *answer);

/* Reads (BatchGetItem, consistent, unprocessed keys asked again after a
 * backoff) the items now under the keys of the put records, and gives each
 * its journal entry: old = the item read (NULL: none), new = the put's
 * item, in group. */
void           _dd_batch_read_old_async      (DdClient           *client,
                                              const char         *table,
                                              GPtrArray          *records,
                                              const char         *group,
                                              guint               backoff_ms,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data);
gboolean       _dd_batch_read_old_finish     (GAsyncResult       *result,
                                              GError            **error);

/* A DdBatchSourceFunc over items (DynamoDB JSON, copied as they are
 * pulled), all of one kind: the source data, its function, and its
 * destroy notify. */
gpointer       _dd_batch_array_source_new    (DdBatchKind         kind,
                                              GPtrArray          *items);
gboolean       _dd_batch_array_source_next   (gpointer            user_data,
                                              DdBatchKind        *kind,
                                              char              **item,
                                              GError            **error);
void           _dd_batch_array_source_free   (gpointer            data);

G_END_DECLS
