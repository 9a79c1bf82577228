/* dd-journal-undo.c: the request that undoes one entry, and the undo of
 * many entries at once. */
#define G_LOG_DOMAIN "dd-journal"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "dd-attr.h"
#include "dd-client.h"
#include "dd-error.h"
#include "dd-item-compare.h"
#include "dd-journal-private.h"
#include "dd-journal-undo.h"

#define CHUNK_SIZE 25

static JsonObject *
parse_object (const char  *text,
              GError     **error)
{
  g_autoptr(JsonNode) node = json_from_string (text, NULL);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("The journal entry holds an item that is not a JSON object"));
      return NULL;
    }
  return json_object_ref (json_node_get_object (node));
}

/* The condition "the item is as state says": every attribute equal, or
 * the key absent when state is NULL. */
static char *
state_condition (DdCondition *cond,
                 const char  *state,
                 JsonObject  *key,
                 GError     **error)
{
  g_autoptr(JsonObject) item = NULL;
  g_autoptr(GList) names = NULL;
  g_autofree const char **strv = NULL;
  guint i = 0;

  if (state != NULL)
    {
      item = parse_object (state, error);
      return item ? dd_condition_item_equals (cond, item) : NULL;
    }
  names = json_object_get_members (key);
  strv = g_new0 (const char *, g_list_length (names) + 1);
  for (GList *l = names; l; l = l->next)
    strv[i++] = l->data;
  return dd_condition_absent (cond, strv);
}

/* The undo's condition: as the write left the item; for an unknown
 * outcome, or as it was before. */
static char *
undo_condition (DdJournalEntry  *self,
                DdCondition     *cond,
                JsonObject      *key,
                GError         **error)
{
  g_autofree char *as_left = state_condition (cond, dd_journal_entry_get_new_item (self), key, error);
  g_autofree char *as_before = NULL;

  if (as_left == NULL || self->outcome != DD_JOURNAL_OUTCOME_UNKNOWN)
    return g_steal_pointer (&as_left);
  as_before = state_condition (cond, dd_journal_entry_get_old_item (self), key, error);
  if (as_before == NULL)
    return NULL;
  return g_strdup_printf ("%s OR %s", as_left, as_before);
}

static gboolean
check_undoable (DdJournalEntry  *self,
                GError         **error)
{
  if (self->outcome == DD_JOURNAL_OUTCOME_FAILED)
    g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("The write failed: there is nothing to undo"));
  else if (dd_journal_entry_get_old_item (self) == NULL && dd_journal_entry_get_new_item (self) == NULL)
    g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT,
                 _("The item did not exist before the delete: there is nothing to undo"));
  else
    return TRUE;
  return FALSE;
}

gboolean
dd_journal_entry_build_undo (DdJournalEntry  *self,
                             char           **action,
                             GBytes         **body,
                             GError         **error)
{
  const char *old_item;
  g_autoptr(DdCondition) cond = dd_condition_new ();
  g_autoptr(JsonObject) key = NULL;
  g_autoptr(JsonObject) request = json_object_new ();
  g_autoptr(JsonObject) restore = NULL;
  g_autofree char *expression = NULL;
  g_autoptr(JsonNode) root = NULL;
  char *text;

  g_return_val_if_fail (self != NULL, FALSE);

  old_item = dd_journal_entry_get_old_item (self);
  if (!check_undoable (self, error)
      || (key = parse_object (self->key, error)) == NULL
      || (old_item != NULL && (restore = parse_object (old_item, error)) == NULL)
      || (expression = undo_condition (self, cond, key, error)) == NULL)
    return FALSE;

  json_object_set_string_member (request, "TableName", self->table);
  if (restore != NULL)
    json_object_set_object_member (request, "Item", g_steal_pointer (&restore));
  else
    json_object_set_object_member (request, "Key", json_object_ref (key));
  if (!dd_condition_apply (cond, request, "ConditionExpression", expression, error))
    return FALSE;
  json_object_set_string_member (request, "ReturnValues", "ALL_OLD");

  root = json_node_init_object (json_node_alloc (), request);
  text = json_to_string (root, FALSE);
  *action = g_strdup (old_item != NULL ? "PutItem" : "DeleteItem");
  *body = g_bytes_new_take (text, strlen (text));
  return TRUE;
}

/* --- Many at once --- */

typedef struct
{
  DdJournalUndo  *undo;
  DdJournalEntry *original;
  DdJournalEntry *entry;    /* the undo's own entry */
  char           *action;
  GBytes         *body;
  GError         *error;
} Req;

struct _DdJournalUndo
{
  GObject       parent_instance;
  DdClient     *client;
  DdJournal    *journal;
  guint         max_in_flight;
  char         *group;

  GTask        *task;
  GPtrArray    *entries;     /* newest first */
  guint         next;
  GPtrArray    *chunk;       /* Req of the chunk being sent */
  guint         chunk_sent;
  guint         chunk_answered;
  guint         in_flight;
  guint         journal_ops;
  gboolean      chunk_active;
  guint64       undone;
  guint64       failed;
  guint64       skipped;
  GPtrArray    *failures;
  GError       *first_error;
};

G_DEFINE_FINAL_TYPE (DdJournalUndo, dd_journal_undo, G_TYPE_OBJECT)

enum { SIGNAL_PROGRESS, N_SIGNALS };
static guint signals[N_SIGNALS];

static void next_chunk (DdJournalUndo *self);

static void
req_free (Req *req)
{
  g_clear_pointer (&req->original, dd_journal_entry_unref);
  g_clear_pointer (&req->entry, dd_journal_entry_unref);
  g_free (req->action);
  g_clear_pointer (&req->body, g_bytes_unref);
  g_clear_error (&req->error);
  g_free (req);
}

static void
dd_journal_undo_finalize (GObject *object)
{
  DdJournalUndo *self = (DdJournalUndo *) object;

  g_assert (self->task == NULL);
  g_clear_object (&self->client);
  g_clear_object (&self->journal);
  g_free (self->group);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->chunk, g_ptr_array_unref);
  g_ptr_array_unref (self->failures);
  g_clear_error (&self->first_error);
  G_OBJECT_CLASS (dd_journal_undo_parent_class)->finalize (object);
}

static void
dd_journal_undo_class_init (DdJournalUndoClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_journal_undo_finalize;
  signals[SIGNAL_PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT64, G_TYPE_UINT64, G_TYPE_UINT64);
}

static void
dd_journal_undo_init (DdJournalUndo *self)
{
  self->max_in_flight = 8;
  self->failures = g_ptr_array_new_with_free_func (g_free);
}

DdJournalUndo *
dd_journal_undo_new (DdClient  *client,
                     DdJournal *journal)
{
  DdJournalUndo *self;

  g_return_val_if_fail (DD_IS_CLIENT (client), NULL);
  g_return_val_if_fail (DD_IS_JOURNAL (journal), NULL);

  self = g_object_new (DD_TYPE_JOURNAL_UNDO, NULL);
  self->client = g_object_ref (client);
  self->journal = g_object_ref (journal);
  return self;
}

void
dd_journal_undo_set_max_in_flight (DdJournalUndo *self,
                                   guint          n)
{
  g_return_if_fail (DD_IS_JOURNAL_UNDO (self));
  self->max_in_flight = CLAMP (n, 1, 64);
}

const char *
dd_journal_undo_get_group (DdJournalUndo *self)
{
  return self->group;
}

guint64
dd_journal_undo_get_undone (DdJournalUndo *self)
{
  return self->undone;
}

guint64
dd_journal_undo_get_failed (DdJournalUndo *self)
{
  return self->failed;
}

guint64
dd_journal_undo_get_skipped (DdJournalUndo *self)
{
  return self->skipped;
}

guint64
dd_journal_undo_get_total (DdJournalUndo *self)
{
  return self->entries ? self->entries->len : 0;
}

GPtrArray *
dd_journal_undo_get_failures (DdJournalUndo *self)
{
  return self->failures;
}

static void
emit_progress (DdJournalUndo *self)
{
  g_signal_emit (self, signals[SIGNAL_PROGRESS], 0, self->undone + self->skipped,
                 (guint64) self->entries->len, self->failed);
}

static void
add_failure (DdJournalUndo  *self,
             DdJournalEntry *entry,
             const GError   *error)
{
  g_autofree char *key = dd_attr_item_to_plain (dd_journal_entry_get_key (entry), -1, NULL);
  const char *reason = dd_error_get_aws_message (error) ? dd_error_get_aws_message (error) : error->message;

  if (g_error_matches (error, DD_ERROR, DD_ERROR_SERVICE)
      && g_strcmp0 (dd_error_get_aws_code (error), "ConditionalCheckFailedException") == 0)
    reason = _("the item changed since that write");
  self->failed++;
  g_ptr_array_add (self->failures, g_strdup_printf ("%s: %s", key ? key : dd_journal_entry_get_key (entry), reason));
  if (self->first_error == NULL)
    self->first_error = g_error_copy (error);
}

static void
end_run (DdJournalUndo *self)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The undo was stopped"));
  else if (self->first_error != NULL)
    g_task_return_new_error (task, DD_ERROR, DD_ERROR_INVALID_INPUT,
                             g_dngettext (GETTEXT_PACKAGE, "%" PRIu64 " of %u item was not undone: %s",
                                          "%" PRIu64 " of %u items were not undone: %s", self->entries->len),
                             self->failed, self->entries->len, self->first_error->message);
  else
    g_task_return_boolean (task, TRUE);
}

static void
check_done (DdJournalUndo *self)
{
  if (self->task != NULL && !self->chunk_active && self->journal_ops == 0
      && (self->next >= self->entries->len || g_cancellable_is_cancelled (g_task_get_cancellable (self->task))))
    end_run (self);
}

static void
mark_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(DdJournalUndo) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!dd_journal_mark_finish (DD_JOURNAL (source), result, &error))
    g_warning ("The journal could not record the outcome of undos: %s", error->message);
  self->journal_ops--;
  check_done (self);
}

static void
mark (DdJournalUndo    *self,
      GPtrArray        *entries,
      DdJournalOutcome  outcome,
      const char       *message)
{
  if (entries->len == 0)
    return;
  self->journal_ops++;
  dd_journal_mark_async (self->journal, entries, outcome, message, NULL, mark_cb, g_object_ref (self));
}

/* The chunk is answered: its outcomes go to the journal (only a service
 * error says a write did not happen), the next chunk starts. */
static void
chunk_done (DdJournalUndo *self)
{
  g_autoptr(GPtrArray) done = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_journal_entry_unref);

  /* the arrays hold their entries: the chunk goes before the marks end */
  for (guint i = 0; i < self->chunk->len; i++)
    {
      Req *req = g_ptr_array_index (self->chunk, i);

      if (req->error == NULL)
        g_ptr_array_add (done, dd_journal_entry_ref (req->entry));
      else if (req->error->domain == DD_ERROR)
        {
          g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_journal_entry_unref);

          g_ptr_array_add (one, dd_journal_entry_ref (req->entry));
          mark (self, one, DD_JOURNAL_OUTCOME_FAILED, req->error->message);
        }
    }
  mark (self, done, DD_JOURNAL_OUTCOME_DONE, NULL);
  self->chunk_active = FALSE;
  next_chunk (self);
}

static void send_more (DdJournalUndo *self);

static void
call_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Req *req = user_data;
  g_autoptr(DdJournalUndo) self = g_object_ref (req->undo);
  g_autoptr(GBytes) bytes = dd_client_call_finish (DD_CLIENT (source), result, &req->error);

  self->in_flight--;
  self->chunk_answered++;
  if (bytes != NULL)
    {
      g_autoptr(JsonNode) root = json_from_string (g_bytes_get_data (bytes, NULL), NULL);
      JsonNode *attributes = root && JSON_NODE_HOLDS_OBJECT (root)
                               ? json_object_get_member (json_node_get_object (root), "Attributes") : NULL;
      g_autofree char *old_text = attributes && JSON_NODE_HOLDS_OBJECT (attributes)
                                    ? json_to_string (attributes, FALSE) : NULL;

      dd_journal_entry_set_returned_old (req->entry, old_text);
      self->undone++;
    }
  else
    add_failure (self, req->original, req->error);
  emit_progress (self);
  if (self->chunk_answered == self->chunk->len)
    chunk_done (self);
  else
    send_more (self);
}

static void
send_more (DdJournalUndo *self)
{
  while (self->in_flight < self->max_in_flight && self->chunk_sent < self->chunk->len)
    {
      Req *req = g_ptr_array_index (self->chunk, self->chunk_sent++);

      self->in_flight++;
      /* Not cancelled once sent: its outcome must be known. */
      dd_client_call_async (self->client, req->action, req->body, NULL, call_cb, req);
    }
}

static void
intents_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(DdJournalUndo) self = user_data;
  g_autoptr(GError) error = NULL;

  self->journal_ops--;
  if (!dd_journal_append_intents_finish (DD_JOURNAL (source), result, &error))
    {
      /* Not journalled, not sent: the run stops there. */
      g_prefix_error (&error, _("The undos were not sent: "));
      for (guint i = 0; i < self->chunk->len; i++)
        add_failure (self, ((Req *) g_ptr_array_index (self->chunk, i))->original, error);
      self->next = self->entries->len;
      self->chunk_active = FALSE;
      emit_progress (self);
      check_done (self);
      return;
    }
  send_more (self);
}

/* The undo of entry, or NULL (skipped) when it has nothing to undo. */
static Req *
req_new (DdJournalUndo  *self,
         DdJournalEntry *entry)
{
  g_autoptr(GError) error = NULL;
  Req *req = g_new0 (Req, 1);

  if (!dd_journal_entry_build_undo (entry, &req->action, &req->body, &error))
    {
      g_debug ("Not undone: %s", error->message);
      req_free (req);
      return NULL;
    }
  req->undo = self;
  req->original = dd_journal_entry_ref (entry);
  req->entry = dd_journal_entry_new (dd_journal_entry_get_table (entry), dd_journal_entry_get_key (entry),
                                     dd_journal_entry_get_new_item (entry), dd_journal_entry_get_old_item (entry));
  dd_journal_entry_set_undo_of (req->entry, dd_journal_entry_get_id (entry));
  dd_journal_entry_set_group (req->entry, self->group);
  return req;
}

/* Up to 25 undos, no key twice (the later one waits for the next chunk),
 * journalled, then sent. */
static void
next_chunk (DdJournalUndo *self)
{
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) intents = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_journal_entry_unref);

  g_ptr_array_set_size (self->chunk, 0);
  self->chunk_sent = self->chunk_answered = 0;
  while (!g_cancellable_is_cancelled (g_task_get_cancellable (self->task))
         && self->next < self->entries->len && self->chunk->len < CHUNK_SIZE)
    {
      DdJournalEntry *entry = g_ptr_array_index (self->entries, self->next);
      Req *req;

      if (g_hash_table_contains (keys, dd_journal_entry_get_key (entry)))
        break;
      self->next++;
      if ((req = req_new (self, entry)) == NULL)
        {
          self->skipped++;
          continue;
        }
      g_hash_table_add (keys, (gpointer) dd_journal_entry_get_key (entry));
      g_ptr_array_add (self->chunk, req);
      g_ptr_array_add (intents, dd_journal_entry_ref (req->entry));
    }
  emit_progress (self);
  if (self->chunk->len == 0)
    {
      check_done (self);
      return;
    }
  self->chunk_active = TRUE;
  self->journal_ops++;
  dd_journal_append_intents_async (self->journal, intents, NULL, intents_cb, g_object_ref (self));
}

static gint
newest_first (gconstpointer a,
              gconstpointer b)
{
  gint64 ta = dd_journal_entry_get_time (*(DdJournalEntry **) a);
  gint64 tb = dd_journal_entry_get_time (*(DdJournalEntry **) b);

  return ta < tb ? 1 : ta > tb ? -1 : 0;
}

void
dd_journal_undo_run_async (DdJournalUndo      *self,
                           GPtrArray          *entries,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  g_return_if_fail (DD_IS_JOURNAL_UNDO (self));
  g_return_if_fail (entries != NULL);
  g_return_if_fail (self->task == NULL);

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, dd_journal_undo_run_async);
  g_task_set_check_cancellable (self->task, FALSE);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_journal_entry_unref);
  for (guint i = 0; i < entries->len; i++)
    g_ptr_array_add (self->entries, dd_journal_entry_ref (entries->pdata[i]));
  g_ptr_array_sort (self->entries, newest_first);
  g_clear_pointer (&self->chunk, g_ptr_array_unref);
  self->chunk = g_ptr_array_new_with_free_func ((GDestroyNotify) req_free);
  g_free (self->group);
  self->group = g_uuid_string_random ();
  self->next = 0;
  self->undone = self->failed = self->skipped = 0;
  g_ptr_array_set_size (self->failures, 0);
  g_clear_error (&self->first_error);
  next_chunk (self);
}

gboolean
dd_journal_undo_run_finish (DdJournalUndo  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
