/* dd-batch-writer.h: many puts and deletes through BatchWriteItem.
 *
 * Requests are grouped 25 to a BatchWriteItem, several of them in flight
 * (4 by default). UnprocessedItems are sent again after an exponential
 * backoff with jitter until they are written (throttling errors are
 * already retried by the client). Two requests for the same key are never
 * in flight together: a repeated key waits for the earlier one, so the
 * later request wins, as in the order given.
 *
 * Requests are pulled from a source as room frees up, so a large input is
 * never held whole. Each request has a sequence number (the order it was
 * pulled, from 0); "acknowledged" counts the leading requests that are all
 * written, which is where an interrupted run can resume.
 *
 * Deletes are journalled when a journal is set: the item given for a
 * delete (the whole item as it was read) is the entry's old item, written
 * before the batch is sent, the outcome after. Puts are journalled too
 * when asked (dd_batch_writer_set_journal_puts): BatchWriteItem cannot
 * return the items it replaces, so they are read first (BatchGetItem,
 * consistent) and journalled as the entries' old items before the batch
 * is sent. The entries of one run share a group id
 * (dd_batch_writer_get_journal_group), so that the run can be undone as
 * one (dd-journal-undo.h).
 *
 * Cancelling stops sending: batches already sent are let finish, so what
 * was written is known exactly (for the journal and a resume point), and
 * the run ends with G_IO_ERROR_CANCELLED.
 */
#pragma once

#include "dd-types.h"
#include "dd-journal.h"

G_BEGIN_DECLS

typedef enum
{
  DD_BATCH_PUT,
  DD_BATCH_DELETE,
} DdBatchKind;

/* Gives the next request: TRUE with *kind and *item (DynamoDB JSON, taken
 * by the writer; a whole item for a put, the item or at least its key for
 * a delete); FALSE at the end, or FALSE with error set to stop the run
 * with that error. */
typedef gboolean (*DdBatchSourceFunc) (gpointer      user_data,
                                       DdBatchKind  *kind,
                                       char        **item,
                                       GError      **error);

#define DD_TYPE_BATCH_WRITER (dd_batch_writer_get_type ())

G_DECLARE_FINAL_TYPE (DdBatchWriter, dd_batch_writer, DD, BATCH_WRITER, GObject)

/* key_names: the table's key attribute names (partition, then sort). */
DdBatchWriter *dd_batch_writer_new               (DdClient           *client,
                                                  const char         *table,
                                                  const char * const *key_names);

/* Batches in flight at once, 1..64 (default 4). */
void           dd_batch_writer_set_max_in_flight (DdBatchWriter      *self,
                                                  guint               n);
/* Backoff before UnprocessedItems are sent again: base and cap in
 * milliseconds (defaults 50 and 5000); attempt n waits between half and
 * all of min (cap, base * 2^n). */
void           dd_batch_writer_set_backoff       (DdBatchWriter      *self,
                                                  guint               base_ms,
                                                  guint               cap_ms);
/* Stop at the first batch that fails (default FALSE: count its items as
 * failed, go on, and end with the first error). */
void           dd_batch_writer_set_stop_on_error (DdBatchWriter      *self,
                                                  gboolean            stop);
void           dd_batch_writer_set_journal       (DdBatchWriter      *self,
                                                  DdJournal          *journal);
/* Journal puts as well (default FALSE), with the items they replace. */
void           dd_batch_writer_set_journal_puts  (DdBatchWriter      *self,
                                                  gboolean            journal_puts);
/* The group id of the journal entries of the current or last run (NULL
 * without a journal). */
const char    *dd_batch_writer_get_journal_group (DdBatchWriter      *self);

/* Runs until the source ends and every request is written or failed. One
 * run at a time. */
void           dd_batch_writer_run_async         (DdBatchWriter      *self,
                                                  DdBatchSourceFunc   source,
                                                  gpointer            source_data,
                                                  GDestroyNotify      source_destroy,
                                                  GCancellable       *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer            user_data);
gboolean       dd_batch_writer_run_finish        (DdBatchWriter      *self,
                                                  GAsyncResult       *result,
                                                  GError            **error);

/* The same over an array of DynamoDB JSON items (bulk put or delete). */
void           dd_batch_writer_write_async       (DdBatchWriter      *self,
                                                  DdBatchKind         kind,
                                                  GPtrArray          *items,
                                                  GCancellable       *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer            user_data);
gboolean       dd_batch_writer_write_finish      (DdBatchWriter      *self,
                                                  GAsyncResult       *result,
                                                  GError            **error);

guint64        dd_batch_writer_get_written       (DdBatchWriter      *self);
guint64        dd_batch_writer_get_failed        (DdBatchWriter      *self);
/* Requests pulled so far (all of them for write_async). */
guint64        dd_batch_writer_get_total         (DdBatchWriter      *self);
guint64        dd_batch_writer_get_acknowledged  (DdBatchWriter      *self);
/* BatchWriteItem calls made (retries included). */
guint64        dd_batch_writer_get_n_calls       (DdBatchWriter      *self);

/* Signals:
 *   progress (guint64 written, guint64 total, guint64 failed)
 *   acknowledged (guint64 n): the first n requests are all written. */

G_END_DECLS
