/* dd-batch-writer.c: BatchWriteItem, 25 at a time, several in flight. */
#define G_LOG_DOMAIN "dd-batch-writer"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-batch-writer.h"
#include "dd-batch-writer-request.h"
#include "dd-client.h"
#include "dd-error.h"
#include "dd-item-compare.h"
#include "dd-retry.h"


typedef DdBatchRecord Record;

typedef struct
{
  DdBatchWriter *writer;
  GPtrArray     *records;
  guint          attempt;
  gboolean       read;        /* the items its puts replace were read */
  gboolean       journalled;
  guint          retry_id;
} Batch;

struct _DdBatchWriter
{
  GObject            parent_instance;
  DdClient          *client;
  char              *table;
  GStrv              key_names;
  DdJournal         *journal;
  gboolean           journal_puts;
  char              *group;         /* of the run's journal entries */
  guint              max_in_flight;
  guint              backoff_base_ms;
  guint              backoff_cap_ms;
  gboolean           stop_on_error;
  GRand             *rand;

  guint64            written;
  guint64            failed;
  guint64            total;
  guint64            acknowledged;
  guint64            n_calls;

  /* The run. */
  GTask             *task;
  DdBatchSourceFunc  source;
  gpointer           source_data;
  GDestroyNotify     source_destroy;
  GSource           *cancel_source;
  gboolean           source_done;
  gboolean           stopping;
  gboolean           total_known;
  GQueue             held;          /* pulled, not yet in a batch */
  GHashTable        *busy_keys;     /* key_text of records in a batch */
  GHashTable        *outstanding;   /* seq -> Record not written yet */
  GPtrArray         *waiting;       /* batches waiting to be sent again */
  guint64            next_seq;
  guint64            lowest_unwritten;
  guint              in_flight;     /* batches sent or waiting to be */
  guint              journal_ops;
  GError            *first_error;
};

G_DEFINE_FINAL_TYPE (DdBatchWriter, dd_batch_writer, G_TYPE_OBJECT)

enum
{
  SIGNAL_PROGRESS,
  SIGNAL_ACKNOWLEDGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void fill (DdBatchWriter *self);

static void
batch_free (Batch *batch)
{
  g_clear_handle_id (&batch->retry_id, g_source_remove);
  g_ptr_array_unref (batch->records);
  g_free (batch);
}

/* A batch that is done with: no longer in flight. */
static void
drop_batch (DdBatchWriter *self,
            Batch         *batch)
{
  self->in_flight--;
  batch_free (batch);
}

static void
dd_batch_writer_finalize (GObject *object)
{
  DdBatchWriter *self = (DdBatchWriter *) object;

  g_assert (self->task == NULL);
  g_clear_object (&self->client);
  g_clear_object (&self->journal);
  g_free (self->group);
  g_free (self->table);
  g_strfreev (self->key_names);
  g_rand_free (self->rand);
  g_hash_table_unref (self->busy_keys);
  g_hash_table_unref (self->outstanding);
  g_ptr_array_unref (self->waiting);
  G_OBJECT_CLASS (dd_batch_writer_parent_class)->finalize (object);
}

static void
dd_batch_writer_class_init (DdBatchWriterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dd_batch_writer_finalize;

  signals[SIGNAL_PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT64, G_TYPE_UINT64, G_TYPE_UINT64);
  signals[SIGNAL_ACKNOWLEDGED] =
    g_signal_new ("acknowledged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT64);
}

static void
dd_batch_writer_init (DdBatchWriter *self)
{
  self->max_in_flight = 4;
  self->backoff_base_ms = 50;
  self->backoff_cap_ms = 5000;
  self->rand = g_rand_new ();
  self->busy_keys = g_hash_table_new (g_str_hash, g_str_equal);
  self->outstanding = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) _dd_batch_record_free);
  self->waiting = g_ptr_array_new ();
  g_queue_init (&self->held);
}

DdBatchWriter *
dd_batch_writer_new (DdClient           *client,
                     const char         *table,
                     const char * const *key_names)
{
  DdBatchWriter *self;

  g_return_val_if_fail (DD_IS_CLIENT (client), NULL);
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (key_names != NULL && key_names[0] != NULL, NULL);

  self = g_object_new (DD_TYPE_BATCH_WRITER, NULL);
  self->client = g_object_ref (client);
  self->table = g_strdup (table);
  self->key_names = g_strdupv ((char **) key_names);
  return self;
}

void
dd_batch_writer_set_max_in_flight (DdBatchWriter *self,
                                   guint          n)
{
  g_return_if_fail (DD_IS_BATCH_WRITER (self));
  self->max_in_flight = CLAMP (n, 1, 64);
}

void
dd_batch_writer_set_backoff (DdBatchWriter *self,
                             guint          base_ms,
                             guint          cap_ms)
{
  g_return_if_fail (DD_IS_BATCH_WRITER (self));
  self->backoff_base_ms = MAX (base_ms, 1);
  self->backoff_cap_ms = MAX (cap_ms, self->backoff_base_ms);
}

void
dd_batch_writer_set_stop_on_error (DdBatchWriter *self,
                                   gboolean       stop)
{
  g_return_if_fail (DD_IS_BATCH_WRITER (self));
  self->stop_on_error = stop;
}

void
dd_batch_writer_set_journal (DdBatchWriter *self,
                             DdJournal     *journal)
{
  g_return_if_fail (DD_IS_BATCH_WRITER (self));
  g_set_object (&self->journal, journal);
}

void
dd_batch_writer_set_journal_puts (DdBatchWriter *self,
                                  gboolean       journal_puts)
{
  g_return_if_fail (DD_IS_BATCH_WRITER (self));
  self->journal_puts = !!journal_puts;
}

const char *
dd_batch_writer_get_journal_group (DdBatchWriter *self)
{
  g_return_val_if_fail (DD_IS_BATCH_WRITER (self), NULL);
  return self->group;
}

guint64
dd_batch_writer_get_written (DdBatchWriter *self)
{
  return self->written;
}

guint64
dd_batch_writer_get_failed (DdBatchWriter *self)
{
  return self->failed;
}

guint64
dd_batch_writer_get_total (DdBatchWriter *self)
{
  return self->total;
}

guint64
dd_batch_writer_get_acknowledged (DdBatchWriter *self)
{
  return self->acknowledged;
}

guint64
dd_batch_writer_get_n_calls (DdBatchWriter *self)
{
  return self->n_calls;
}

static void
fail_run (DdBatchWriter *self,
          GError        *error)
{
  if (self->first_error == NULL)
    self->first_error = error;
  else
    g_error_free (error);
  if (self->stop_on_error)
    self->stopping = TRUE;
}

/* Stops the run with error, which replaces any earlier one. */
static void
stop_with (DdBatchWriter *self,
           GError        *error)
{
  self->stopping = TRUE;
  g_clear_error (&self->first_error);
  self->first_error = error;
}

/* The next request: held back earlier, or pulled from the source. */
static Record *
next_record (DdBatchWriter *self)
{
  DdBatchKind kind = DD_BATCH_PUT;
  char *item = NULL;
  GError *error = NULL;
  Record *record;

  if (!g_queue_is_empty (&self->held))
    return g_queue_pop_head (&self->held);
  if (self->source_done || self->stopping)
    return NULL;
  if (!self->source (self->source_data, &kind, &item, &error))
    {
      self->source_done = TRUE;
      if (error != NULL)
        stop_with (self, error);
      return NULL;
    }
  record = _dd_batch_record_new ((const char * const *) self->key_names, self->next_seq, kind, item, &error);
  if (record == NULL)
    {
      stop_with (self, error);
      return NULL;
    }
  self->next_seq++;
  if (kind == DD_BATCH_DELETE && self->journal != NULL)
    {
      record->entry = dd_journal_entry_new (self->table, record->key_text, record->item, NULL);
      dd_journal_entry_set_group (record->entry, self->group);
    }
  if (!self->total_known)
    self->total++;
  g_hash_table_insert (self->outstanding, &record->seq, record);
  return record;
}

/* Up to 25 requests with distinct keys, none in flight already. */
static Batch *
collect (DdBatchWriter *self)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new ();
  Batch *batch;

  while (records->len < DD_BATCH_SIZE)
    {
      Record *record = next_record (self);

      if (record == NULL)
        break;
      if (g_hash_table_contains (self->busy_keys, record->key_text))
        {
          g_queue_push_head (&self->held, record);
          break;
        }
      g_hash_table_add (self->busy_keys, record->key_text);
      g_ptr_array_add (records, record);
    }
  if (records->len == 0)
    return NULL;
  batch = g_new0 (Batch, 1);
  batch->writer = self;
  batch->records = g_steal_pointer (&records);
  return batch;
}

/* --- Progress --- */

static void
update_acknowledged (DdBatchWriter *self)
{
  guint64 lowest = MIN (self->next_seq, self->lowest_unwritten);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->outstanding);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    lowest = MIN (lowest, *(guint64 *) key);
  if (lowest > self->acknowledged)
    {
      self->acknowledged = lowest;
      g_signal_emit (self, signals[SIGNAL_ACKNOWLEDGED], 0, lowest);
    }
}

static void
emit_progress (DdBatchWriter *self)
{
  update_acknowledged (self);
  g_signal_emit (self, signals[SIGNAL_PROGRESS], 0, self->written, self->total, self->failed);
}

static void
end_run (DdBatchWriter *self)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (self->cancel_source != NULL)
    {
      g_source_destroy (self->cancel_source);
      g_clear_pointer (&self->cancel_source, g_source_unref);
    }
  if (self->source_destroy != NULL)
    self->source_destroy (self->source_data);
  self->source_destroy = NULL;
  self->source_data = NULL;
  self->total_known = FALSE;
  while (!g_queue_is_empty (&self->held))
    g_queue_pop_head (&self->held);
  g_hash_table_remove_all (self->busy_keys);
  g_hash_table_remove_all (self->outstanding);

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_clear_error (&self->first_error);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The writes were cancelled"));
    }
  else if (self->first_error != NULL)
    g_task_return_error (task, g_steal_pointer (&self->first_error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
check_done (DdBatchWriter *self)
{
  if (self->task == NULL || self->in_flight > 0 || self->journal_ops > 0)
    return;
  if (self->stopping || (self->source_done && g_queue_is_empty (&self->held)))
    end_run (self);
}

/* --- Journal --- */

typedef struct
{
  DdBatchWriter *writer;
  Batch         *batch;  /* to send once the intents are written, or NULL */
} JournalOp;

static void send_batch (DdBatchWriter *self, Batch *batch);
static void finish_unsent (DdBatchWriter *self, Batch *batch);
static void finish_records (DdBatchWriter *self, Batch *batch, GPtrArray *done, const GError *error);

static void
journal_op_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  JournalOp *op = user_data;
  g_autoptr(DdBatchWriter) self = op->writer;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (op->batch != NULL)
    ok = dd_journal_append_intents_finish (DD_JOURNAL (source), result, &error);
  else
    ok = dd_journal_mark_finish (DD_JOURNAL (source), result, &error);
  self->journal_ops--;
  if (op->batch != NULL && ok && self->stopping)
    {
      finish_unsent (self, op->batch);
      drop_batch (self, op->batch);
    }
  else if (op->batch != NULL && ok)
    send_batch (self, op->batch);
  else if (op->batch != NULL)
    {
      /* Not journalled, not sent. */
      g_prefix_error (&error, _("The deletes were not sent: "));
      finish_records (self, op->batch, NULL, error);
      fail_run (self, g_steal_pointer (&error));
      drop_batch (self, op->batch);
      emit_progress (self);
      fill (self);
    }
  else if (!ok && error != NULL)
    g_warning ("The journal could not record the outcome of deletes: %s", error->message);
  g_free (op);
  check_done (self);
}

static GPtrArray *
entries_of (GPtrArray *records)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_journal_entry_unref);

  for (guint i = 0; i < records->len; i++)
    {
      Record *record = g_ptr_array_index (records, i);

      if (record->entry != NULL)
        g_ptr_array_add (entries, dd_journal_entry_ref (record->entry));
    }
  return entries;
}

/* Journals the outcome of records (when any is journalled). */
static void
journal_outcome (DdBatchWriter    *self,
                 GPtrArray        *records,
                 DdJournalOutcome  outcome,
                 const char       *message)
{
  g_autoptr(GPtrArray) entries = entries_of (records);
  JournalOp *op;

  if (entries->len == 0)
    return;
  op = g_new0 (JournalOp, 1);
  op->writer = g_object_ref (self);
  self->journal_ops++;
  dd_journal_mark_async (self->journal, entries, outcome, message, NULL, journal_op_cb, op);
}

/* --- Sending --- */

/* Frees the keys of records for other requests; unwritten ones keep the
 * acknowledged count before them. */
static void
release_records (DdBatchWriter *self,
                 GPtrArray     *records,
                 gboolean       unwritten)
{
  for (guint i = 0; i < records->len; i++)
    {
      Record *record = g_ptr_array_index (records, i);

      g_hash_table_remove (self->busy_keys, record->key_text);
      if (unwritten)
        self->lowest_unwritten = MIN (self->lowest_unwritten, record->seq);
    }
}

/* Records leave the run (and are freed). */
static void
forget_records (DdBatchWriter *self,
                GPtrArray     *records)
{
  for (guint i = 0; i < records->len; i++)
    g_hash_table_remove (self->outstanding, &((Record *) g_ptr_array_index (records, i))->seq);
}

/* Written (done) or failed (error) records leave the batch and the run. */
static void
finish_records (DdBatchWriter *self,
                Batch         *batch,
                GPtrArray     *done,
                const GError  *error)
{
  GPtrArray *records = done ? done : batch->records;

  release_records (self, records, error != NULL);
  for (guint i = 0; done != NULL && i < done->len; i++)
    g_ptr_array_remove_fast (batch->records, g_ptr_array_index (done, i));
  if (error != NULL)
    self->failed += records->len;
  else
    self->written += records->len;
  /* Only an error that leaves no doubt says the writes did not happen: a
   * lost answer (or a write that may already have been made) leaves the
   * entries of unknown outcome, to be undone under a condition. */
  if (self->journal != NULL
      && (error == NULL || (error->domain == DD_ERROR && error->code != DD_ERROR_MAYBE_APPLIED
                            && !dd_retry_outcome_unknown (error))))
    journal_outcome (self, records, error ? DD_JOURNAL_OUTCOME_FAILED : DD_JOURNAL_OUTCOME_DONE,
                     error ? error->message : NULL);
  forget_records (self, records);
  if (done == NULL)
    g_ptr_array_set_size (batch->records, 0);
}

static gboolean
retry_cb (gpointer user_data)
{
  Batch *batch = user_data;
  DdBatchWriter *self = batch->writer;

  batch->retry_id = 0;
  g_ptr_array_remove (self->waiting, batch);
  send_batch (self, batch);
  return G_SOURCE_REMOVE;
}

static void
schedule_retry (DdBatchWriter *self,
                Batch         *batch)
{
  guint64 ceiling = (guint64) self->backoff_base_ms << MIN (batch->attempt, 20);
  guint delay;

  ceiling = MIN (ceiling, self->backoff_cap_ms);
  delay = ceiling / 2 + (guint) g_rand_int_range (self->rand, 0, (gint32) (ceiling / 2 + 1));
  batch->attempt++;
  g_debug ("%u unprocessed items, sent again in %u ms", batch->records->len, delay);
  batch->retry_id = g_timeout_add (delay, retry_cb, batch);
  g_ptr_array_add (self->waiting, batch);
}

static void
batch_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Batch *batch = user_data;
  g_autoptr(DdBatchWriter) self = g_object_ref (batch->writer);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = dd_client_call_finish (DD_CLIENT (source), result, &error);
  g_autoptr(GPtrArray) done = NULL;

  if (bytes == NULL)
    {
      finish_records (self, batch, NULL, error);
      fail_run (self, g_steal_pointer (&error));
    }
  else
    {
      done = _dd_batch_written_of (self->table, batch->records, bytes);
      finish_records (self, batch, done, NULL);
    }
  if (batch->records->len > 0 && !self->stopping)
    schedule_retry (self, batch);
  else
    {
      /* Left unprocessed when the run stops: not written, not failed. */
      finish_unsent (self, batch);
      drop_batch (self, batch);
    }
  emit_progress (self);
  fill (self);
  check_done (self);
}

/* Records a stopped run did not write: neither written nor failed, they
 * keep the acknowledged count before them. */
static void
finish_unsent (DdBatchWriter *self,
               Batch         *batch)
{
  release_records (self, batch->records, TRUE);
  if (self->journal != NULL)
    journal_outcome (self, batch->records, DD_JOURNAL_OUTCOME_FAILED, _("Not sent: the writes were stopped"));
  forget_records (self, batch->records);
  g_ptr_array_set_size (batch->records, 0);
}

static void
read_old_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  JournalOp *op = user_data;
  g_autoptr(DdBatchWriter) self = op->writer;
  g_autoptr(GError) error = NULL;
  gboolean ok = _dd_batch_read_old_finish (result, &error);

  self->journal_ops--;
  if (!ok || self->stopping)
    {
      /* Nothing journalled yet: no outcome to write either. */
      for (guint i = 0; i < op->batch->records->len; i++)
        g_clear_pointer (&((Record *) op->batch->records->pdata[i])->entry, dd_journal_entry_unref);
    }
  if (ok && self->stopping)
    finish_unsent (self, op->batch);
  else if (!ok)
    {
      g_prefix_error (&error, _("The puts were not sent, the items they replace could not be read: "));
      finish_records (self, op->batch, NULL, error);
      fail_run (self, g_steal_pointer (&error));
    }
  else
    send_batch (self, op->batch);
  if (!ok || self->stopping)
    {
      drop_batch (self, op->batch);
      emit_progress (self);
      fill (self);
    }
  g_free (op);
  check_done (self);
}

static void
send_batch (DdBatchWriter *self,
            Batch         *batch)
{
  g_autoptr(GBytes) body = NULL;

  if (!batch->read && self->journal != NULL && self->journal_puts)
    {
      JournalOp *op = g_new0 (JournalOp, 1);

      batch->read = TRUE;
      op->writer = g_object_ref (self);
      op->batch = batch;
      self->journal_ops++;
      _dd_batch_read_old_async (self->client, self->table, batch->records, self->group,
                                self->backoff_base_ms, read_old_cb, op);
      return;
    }
  if (!batch->journalled && self->journal != NULL)
    {
      g_autoptr(GPtrArray) entries = entries_of (batch->records);

      batch->journalled = TRUE;
      if (entries->len > 0)
        {
          JournalOp *op = g_new0 (JournalOp, 1);

          op->writer = g_object_ref (self);
          op->batch = batch;
          self->journal_ops++;
          dd_journal_append_intents_async (self->journal, entries, NULL, journal_op_cb, op);
          return;
        }
    }
  body = _dd_batch_write_body (self->table, batch->records);
  self->n_calls++;
  /* Not cancelled once sent: its outcome must be known. */
  dd_client_call_async (self->client, "BatchWriteItem", body, NULL, batch_cb, batch);
}

static void
fill (DdBatchWriter *self)
{
  while (self->task != NULL && !self->stopping && self->in_flight < self->max_in_flight)
    {
      Batch *batch = collect (self);

      if (batch == NULL)
        break;
      self->in_flight++;
      send_batch (self, batch);
    }
}

static gboolean
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  DdBatchWriter *self = user_data;

  self->stopping = TRUE;
  while (self->waiting->len > 0)
    {
      Batch *batch = g_ptr_array_steal_index (self->waiting, self->waiting->len - 1);

      finish_unsent (self, batch);
      drop_batch (self, batch);
    }
  emit_progress (self);
  check_done (self);
  return G_SOURCE_REMOVE;
}

void
dd_batch_writer_run_async (DdBatchWriter      *self,
                           DdBatchSourceFunc   source,
                           gpointer            source_data,
                           GDestroyNotify      source_destroy,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  g_return_if_fail (DD_IS_BATCH_WRITER (self));
  g_return_if_fail (source != NULL);
  g_return_if_fail (self->task == NULL);

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, dd_batch_writer_run_async);
  g_task_set_check_cancellable (self->task, FALSE);
  self->source = source;
  self->source_data = source_data;
  self->source_destroy = source_destroy;
  self->source_done = self->stopping = FALSE;
  self->written = self->failed = self->acknowledged = self->n_calls = 0;
  if (!self->total_known)
    self->total = 0;
  self->next_seq = 0;
  g_free (self->group);
  self->group = self->journal != NULL ? g_uuid_string_random () : NULL;
  self->lowest_unwritten = G_MAXUINT64;
  g_clear_error (&self->first_error);
  if (cancellable != NULL)
    {
      self->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (self->cancel_source, G_SOURCE_FUNC (cancelled_cb), self, NULL);
      g_source_attach (self->cancel_source, g_main_context_get_thread_default ());
    }
  fill (self);
  check_done (self);
}

gboolean
dd_batch_writer_run_finish (DdBatchWriter  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
dd_batch_writer_write_async (DdBatchWriter      *self,
                             DdBatchKind         kind,
                             GPtrArray          *items,
                             GCancellable       *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  g_return_if_fail (DD_IS_BATCH_WRITER (self));
  g_return_if_fail (items != NULL);

  self->total_known = TRUE;
  self->total = items->len;
  dd_batch_writer_run_async (self, _dd_batch_array_source_next, _dd_batch_array_source_new (kind, items),
                             _dd_batch_array_source_free, cancellable, callback, user_data);
}

gboolean
dd_batch_writer_write_finish (DdBatchWriter  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  return dd_batch_writer_run_finish (self, result, error);
}
