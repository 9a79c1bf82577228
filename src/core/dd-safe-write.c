/* dd-safe-write.c: conditional saves, deletes and undos, journalled.
 *
 * Items are DynamoDB JSON (strings for numbers), held with json-glib.
 */
#define G_LOG_DOMAIN "dd-safe-write"

#include "config.h"

#include <string.h>

#include "dd-client.h"
#include "dd-error.h"
#include "dd-item-compare.h"
#include "dd-safe-write.h"

/* --- Conflicts --- */

void
dd_write_conflict_free (DdWriteConflict *self)
{
  if (self == NULL)
    return;
  g_free (self->loaded);
  g_free (self->mine);
  g_free (self->current);
  g_free (self);
}

gboolean
dd_safe_write_error_is_conflict (const GError *error)
{
  return g_error_matches (error, DD_ERROR, DD_ERROR_SERVICE)
         && g_strcmp0 (dd_error_get_aws_code (error), "ConditionalCheckFailedException") == 0;
}

/* --- The writer --- */

struct _DdSafeWrite
{
  GObject    parent_instance;
  DdClient  *client;
  DdJournal *journal;
  char      *table;
  GStrv      key_names;
};

G_DEFINE_FINAL_TYPE (DdSafeWrite, dd_safe_write, G_TYPE_OBJECT)

static void
dd_safe_write_finalize (GObject *object)
{
  DdSafeWrite *self = (DdSafeWrite *) object;

  g_clear_object (&self->client);
  g_clear_object (&self->journal);
  g_free (self->table);
  g_strfreev (self->key_names);
  G_OBJECT_CLASS (dd_safe_write_parent_class)->finalize (object);
}

static void
dd_safe_write_class_init (DdSafeWriteClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_safe_write_finalize;
}

static void
dd_safe_write_init (DdSafeWrite *self)
{
}

DdSafeWrite *
dd_safe_write_new (DdClient           *client,
                   DdJournal          *journal,
                   const char         *table,
                   const char * const *key_names)
{
  DdSafeWrite *self;

  g_return_val_if_fail (DD_IS_CLIENT (client), NULL);
  g_return_val_if_fail (journal == NULL || DD_IS_JOURNAL (journal), NULL);
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (key_names != NULL && key_names[0] != NULL, NULL);

  self = g_object_new (DD_TYPE_SAFE_WRITE, NULL);
  self->client = g_object_ref (client);
  self->journal = journal ? g_object_ref (journal) : NULL;
  self->table = g_strdup (table);
  self->key_names = g_strdupv ((char **) key_names);
  return self;
}

typedef struct
{
  DdJournalEntry  *entry;
  char            *action;
  GBytes          *body;
  char            *table;
  char            *loaded;
  char            *mine;
  GPtrArray       *diffs;     /* an UpdateItem: the changes, applied to ALL_OLD */
  GError          *error;     /* the write's error, while the current item is read */
  DdWriteConflict *conflict;
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_clear_pointer (&data->entry, dd_journal_entry_unref);
  g_free (data->action);
  g_clear_pointer (&data->body, g_bytes_unref);
  g_free (data->table);
  g_free (data->loaded);
  g_free (data->mine);
  g_clear_pointer (&data->diffs, g_ptr_array_unref);
  g_clear_error (&data->error);
  g_clear_pointer (&data->conflict, dd_write_conflict_free);
  g_free (data);
}

static char *
object_text (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return json_to_string (node, FALSE);
}

static GBytes *
request_bytes (JsonObject *request)
{
  char *text = object_text (request);

  return g_bytes_new_take (text, strlen (text));
}

/* The key attributes of item, or NULL with an error when one is missing. */
static JsonObject *
item_key (DdSafeWrite  *self,
          JsonObject   *item,
          GError      **error)
{
  g_autoptr(JsonObject) key = json_object_new ();

  for (guint i = 0; self->key_names[i]; i++)
    {
      JsonNode *value = json_object_get_member (item, self->key_names[i]);

      if (value == NULL)
        {
          g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT,
                       "The item has no value for its key attribute “%s”", self->key_names[i]);
          return NULL;
        }
      json_object_set_member (key, self->key_names[i], json_node_copy (value));
    }
  return g_steal_pointer (&key);
}

static void
finish_with_error (GTask *task)
{
  WriteData *data = g_task_get_task_data (task);

  g_task_return_error (task, g_steal_pointer (&data->error));
}

static void
get_current_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  WriteData *data = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = dd_client_call_finish (DD_CLIENT (source), result, NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonNode *item = NULL;

  data->conflict = g_new0 (DdWriteConflict, 1);
  data->conflict->loaded = g_strdup (data->loaded);
  data->conflict->mine = g_strdup (data->mine);
  if (bytes != NULL)
    root = json_from_string (g_bytes_get_data (bytes, NULL), NULL);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    item = json_object_get_member (json_node_get_object (root), "Item");
  data->conflict->current = item ? json_to_string (item, FALSE) : NULL;
  finish_with_error (task);
}

/* After a failed condition: read the item as it is now, consistently. */
static void
get_current (GTask *owned)
{
  g_autoptr(GTask) task = owned;
  DdSafeWrite *self = g_task_get_source_object (task);
  WriteData *data = g_task_get_task_data (task);
  g_autoptr(JsonObject) request = json_object_new ();
  g_autoptr(GBytes) body = NULL;

  json_object_set_string_member (request, "TableName", data->table);
  json_object_set_member (request, "Key", json_from_string (dd_journal_entry_get_key (data->entry), NULL));
  json_object_set_boolean_member (request, "ConsistentRead", TRUE);
  body = request_bytes (request);
  dd_client_call_async (self->client, "GetItem", body, NULL, get_current_cb, g_steal_pointer (&task));
}

static void
mark_failed_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  WriteData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!dd_journal_mark_finish (DD_JOURNAL (source), result, &error))
    g_warning ("The journal could not record a failed write: %s", error->message);
  if (dd_safe_write_error_is_conflict (data->error))
    get_current (g_steal_pointer (&task));
  else
    finish_with_error (task);
}

static void
mark_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  WriteData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* The write happened: report it even if its outcome could not be
   * journalled (the entry then loads as of unknown outcome). */
  if (!dd_journal_mark_finish (DD_JOURNAL (source), result, &error))
    g_warning ("The journal could not record a write: %s", error->message);
  g_task_return_pointer (task, dd_journal_entry_ref (data->entry), (GDestroyNotify) dd_journal_entry_unref);
}

/* The item an UpdateItem left: the old one with the changes applied. */
static char *
apply_diffs (JsonObject *old_item,
             GPtrArray  *diffs)
{
  g_autoptr(JsonObject) item = json_object_new ();
  g_autoptr(GList) names = json_object_get_members (old_item);

  for (GList *l = names; l; l = l->next)
    json_object_set_member (item, l->data, json_node_copy (json_object_get_member (old_item, l->data)));
  for (guint i = 0; i < diffs->len; i++)
    {
      DdItemDiff *diff = g_ptr_array_index (diffs, i);

      if (diff->kind == DD_ITEM_DIFF_REMOVED)
        json_object_remove_member (item, diff->name);
      else
        json_object_set_member (item, diff->name, json_from_string (diff->new_value, NULL));
    }
  return object_text (item);
}

static void
record_returned (WriteData *data,
                 GBytes    *bytes)
{
  g_autoptr(JsonNode) root = json_from_string (g_bytes_get_data (bytes, NULL), NULL);
  JsonNode *attributes = NULL;
  g_autofree char *old_text = NULL;

  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    attributes = json_object_get_member (json_node_get_object (root), "Attributes");
  if (attributes != NULL && JSON_NODE_HOLDS_OBJECT (attributes))
    old_text = json_to_string (attributes, FALSE);
  dd_journal_entry_set_returned_old (data->entry, old_text);
  if (data->diffs != NULL && attributes != NULL && JSON_NODE_HOLDS_OBJECT (attributes))
    {
      g_autofree char *new_text = apply_diffs (json_node_get_object (attributes), data->diffs);

      dd_journal_entry_set_returned_new (data->entry, new_text);
    }
}

static void
call_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DdSafeWrite *self = g_task_get_source_object (task);
  WriteData *data = g_task_get_task_data (task);
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  g_autoptr(GBytes) bytes = dd_client_call_finish (DD_CLIENT (source), result, &data->error);

  g_ptr_array_add (entries, data->entry);
  if (bytes != NULL)
    {
      record_returned (data, bytes);
      if (self->journal == NULL)
        {
          g_task_return_pointer (task, dd_journal_entry_ref (data->entry), (GDestroyNotify) dd_journal_entry_unref);
          return;
        }
      dd_journal_mark_async (self->journal, entries, DD_JOURNAL_OUTCOME_DONE, NULL, NULL,
                             mark_done_cb, g_steal_pointer (&task));
      return;
    }
  /* Without the service's answer the write may or may not have happened:
   * the entry stays of unknown outcome. Cancelled while the call was
   * under way, the request may have reached the service: it is not a
   * plain cancel, which the caller might take for "nothing written". */
  if (!g_error_matches (data->error, DD_ERROR, DD_ERROR_SERVICE))
    {
      if (g_error_matches (data->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_clear_error (&data->error);
          data->error = dd_error_new_maybe_applied_cancelled ();
        }
      finish_with_error (task);
      return;
    }
  if (self->journal != NULL)
    dd_journal_mark_async (self->journal, entries, DD_JOURNAL_OUTCOME_FAILED, data->error->message,
                           NULL, mark_failed_cb, g_steal_pointer (&task));
  else if (dd_safe_write_error_is_conflict (data->error))
    get_current (g_steal_pointer (&task));
  else
    finish_with_error (task);
}

static void
send_request (GTask *owned)
{
  g_autoptr(GTask) task = owned;
  DdSafeWrite *self = g_task_get_source_object (task);
  WriteData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GPtrArray) entries = NULL;

  if (!g_cancellable_set_error_if_cancelled (cancellable, &data->error))
    {
      dd_client_call_async (self->client, data->action, data->body, cancellable,
                            call_cb, g_steal_pointer (&task));
      return;
    }
  if (self->journal == NULL)
    {
      finish_with_error (task);
      return;
    }
  entries = g_ptr_array_new ();
  g_ptr_array_add (entries, data->entry);
  dd_journal_mark_async (self->journal, entries, DD_JOURNAL_OUTCOME_FAILED,
                         "Cancelled before it was sent", NULL, mark_failed_cb, g_steal_pointer (&task));
}

static void
intent_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* No journal, no write: an undo must always be possible. */
  if (!dd_journal_append_intents_finish (DD_JOURNAL (source), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    send_request (g_steal_pointer (&task));
}

/* Journals data's entry, then sends data's request; takes the task. */
static void
start_write (DdSafeWrite *self,
             GTask       *task,
             WriteData   *data)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();

  g_task_set_task_data (task, data, (GDestroyNotify) write_data_free);
  /* What happened is reported even when the caller cancelled meanwhile. */
  g_task_set_check_cancellable (task, FALSE);
  if (self->journal == NULL)
    {
      send_request (task);
      return;
    }
  g_ptr_array_add (entries, data->entry);
  dd_journal_append_intents_async (self->journal, entries, NULL, intent_cb, task);
}

/* Starts the write prepared (data), or returns what preparing it gave: an
 * error, or, with neither, nothing to write. Takes the task and the error. */
static void
start_prepared (DdSafeWrite *self,
                GTask       *task,
                WriteData   *data,
                GError      *error)
{
  if (data != NULL)
    {
      start_write (self, task, data);
      return;
    }
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, NULL, NULL);
  g_object_unref (task);
}

/* "SET #n0 = :v0, ... REMOVE #n1, ..." for the changes. */
static char *
update_expression (DdCondition *cond,
                   GPtrArray   *diffs)
{
  g_autoptr(GString) set = g_string_new (NULL);
  g_autoptr(GString) remove = g_string_new (NULL);

  for (guint i = 0; i < diffs->len; i++)
    {
      DdItemDiff *diff = g_ptr_array_index (diffs, i);
      const char *name = dd_condition_name (cond, diff->name);

      if (diff->kind == DD_ITEM_DIFF_REMOVED)
        g_string_append_printf (remove, "%s%s", remove->len ? ", " : "REMOVE ", name);
      else
        {
          g_autoptr(JsonNode) value = json_from_string (diff->new_value, NULL);
          g_autofree char *placeholder = dd_condition_value (cond, value);

          g_string_append_printf (set, "%s%s = %s", set->len ? ", " : "SET ", name, placeholder);
        }
    }
  if (set->len && remove->len)
    g_string_append_c (set, ' ');
  g_string_append (set, remove->str);
  return g_string_free (g_steal_pointer (&set), FALSE);
}

/* The condition of an update: the loaded attributes unchanged, the added
 * ones still absent. */
static char *
update_condition (DdCondition *cond,
                  JsonObject  *loaded,
                  GPtrArray   *diffs)
{
  g_autoptr(GPtrArray) added = g_ptr_array_new ();
  g_autofree char *equal = dd_condition_item_equals (cond, loaded);
  g_autofree char *absent = NULL;

  for (guint i = 0; i < diffs->len; i++)
    {
      DdItemDiff *diff = g_ptr_array_index (diffs, i);

      if (diff->kind == DD_ITEM_DIFF_ADDED)
        g_ptr_array_add (added, diff->name);
    }
  g_ptr_array_add (added, NULL);
  absent = dd_condition_absent (cond, (const char * const *) added->pdata);
  if (*absent == '\0')
    return g_steal_pointer (&equal);
  return g_strdup_printf ("%s AND %s", equal, absent);
}

static gboolean
build_update (DdSafeWrite  *self,
              WriteData    *data,
              JsonObject   *loaded,
              JsonObject   *key,
              GError      **error)
{
  g_autoptr(DdCondition) cond = dd_condition_new ();
  g_autoptr(JsonObject) request = json_object_new ();
  g_autofree char *update = update_expression (cond, data->diffs);
  g_autofree char *condition = update_condition (cond, loaded, data->diffs);

  json_object_set_string_member (request, "TableName", self->table);
  json_object_set_object_member (request, "Key", json_object_ref (key));
  if (!dd_condition_apply (cond, request, "UpdateExpression", update, error)
      || !dd_condition_apply (cond, request, "ConditionExpression", condition, error))
    return FALSE;
  json_object_set_string_member (request, "ReturnValues", "ALL_OLD");
  data->action = g_strdup ("UpdateItem");
  data->body = request_bytes (request);
  return TRUE;
}

static gboolean
build_put_new (DdSafeWrite  *self,
               WriteData    *data,
               JsonObject   *item,
               GError      **error)
{
  g_autoptr(DdCondition) cond = dd_condition_new ();
  g_autoptr(JsonObject) request = json_object_new ();
  g_autofree char *condition = dd_condition_absent (cond, (const char * const *) self->key_names);

  json_object_set_string_member (request, "TableName", self->table);
  json_object_set_object_member (request, "Item", json_object_ref (item));
  if (!dd_condition_apply (cond, request, "ConditionExpression", condition, error))
    return FALSE;
  json_object_set_string_member (request, "ReturnValues", "ALL_OLD");
  data->action = g_strdup ("PutItem");
  data->body = request_bytes (request);
  return TRUE;
}

/* The loaded item and the changes from it to item, or NULL with error
 * when the loaded item is unusable or has another key. */
static JsonObject *
load_changes (DdSafeWrite  *self,
              const char   *loaded_text,
              JsonObject   *item,
              JsonObject   *key,
              GPtrArray   **diffs,
              GError      **error)
{
  g_autoptr(JsonObject) loaded = dd_item_parse (loaded_text, "loaded item", error);
  g_autoptr(JsonObject) loaded_key = loaded ? item_key (self, loaded, error) : NULL;

  if (loaded_key == NULL)
    return NULL;
  if (!dd_item_objects_equal (key, loaded_key))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT,
                   "The key of an item cannot be changed: save it as a new item instead");
      return NULL;
    }
  *diffs = dd_item_diff_objects (loaded, item);
  return g_steal_pointer (&loaded);
}

/* The write of a save, or NULL: with error set, or none when nothing
 * changed. */
static WriteData *
prepare_save (DdSafeWrite  *self,
              const char   *loaded_text,
              const char   *new_text,
              GError      **error)
{
  g_autoptr(JsonObject) loaded = NULL;
  g_autoptr(JsonObject) item = NULL;
  g_autoptr(JsonObject) key = NULL;
  g_autofree char *key_text = NULL;
  g_autoptr(GPtrArray) diffs = NULL;
  WriteData *data;
  gboolean ok;

  if ((item = dd_item_parse (new_text, "new item", error)) == NULL
      || (key = item_key (self, item, error)) == NULL)
    return NULL;
  if (loaded_text != NULL)
    {
      loaded = load_changes (self, loaded_text, item, key, &diffs, error);
      if (loaded == NULL || diffs->len == 0)
        return NULL;
    }
  key_text = object_text (key);
  data = g_new0 (WriteData, 1);
  data->table = g_strdup (self->table);
  data->loaded = g_strdup (loaded_text);
  data->mine = object_text (item);
  data->entry = dd_journal_entry_new (self->table, key_text, loaded_text, data->mine);
  data->diffs = g_steal_pointer (&diffs);
  if (loaded != NULL)
    ok = build_update (self, data, loaded, key, error);
  else
    ok = build_put_new (self, data, item, error);
  if (!ok)
    g_clear_pointer (&data, write_data_free);
  return data;
}

void
dd_safe_write_save_async (DdSafeWrite        *self,
                          const char         *loaded_item,
                          const char         *new_item,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  WriteData *data;

  g_return_if_fail (DD_IS_SAFE_WRITE (self));
  g_return_if_fail (new_item != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_safe_write_save_async);
  data = prepare_save (self, loaded_item, new_item, &error);
  start_prepared (self, g_steal_pointer (&task), data, g_steal_pointer (&error));
}

static DdJournalEntry *
finish_write (DdSafeWrite      *self,
              GAsyncResult     *result,
              DdWriteConflict **conflict,
              GError          **error)
{
  WriteData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (conflict != NULL)
    *conflict = data ? g_steal_pointer (&data->conflict) : NULL;
  return g_task_propagate_pointer (G_TASK (result), error);
}

DdJournalEntry *
dd_safe_write_save_finish (DdSafeWrite      *self,
                           GAsyncResult     *result,
                           DdWriteConflict **conflict,
                           GError          **error)
{
  return finish_write (self, result, conflict, error);
}

static WriteData *
prepare_delete (DdSafeWrite  *self,
                const char   *loaded_text,
                gboolean      check,
                GError      **error)
{
  g_autoptr(JsonObject) loaded = NULL;
  g_autoptr(JsonObject) key = NULL;
  g_autoptr(DdCondition) cond = dd_condition_new ();
  g_autoptr(JsonObject) request = json_object_new ();
  g_autofree char *condition = NULL;
  g_autofree char *key_text = NULL;
  WriteData *data;

  if ((loaded = dd_item_parse (loaded_text, "loaded item", error)) == NULL
      || (key = item_key (self, loaded, error)) == NULL)
    return NULL;
  json_object_set_string_member (request, "TableName", self->table);
  json_object_set_object_member (request, "Key", json_object_ref (key));
  condition = check ? dd_condition_item_equals (cond, loaded) : NULL;
  if (!dd_condition_apply (cond, request, "ConditionExpression", condition, error))
    return NULL;
  json_object_set_string_member (request, "ReturnValues", "ALL_OLD");

  key_text = object_text (key);
  data = g_new0 (WriteData, 1);
  data->table = g_strdup (self->table);
  data->loaded = object_text (loaded);
  data->entry = dd_journal_entry_new (self->table, key_text, data->loaded, NULL);
  data->action = g_strdup ("DeleteItem");
  data->body = request_bytes (request);
  return data;
}

void
dd_safe_write_delete_async (DdSafeWrite        *self,
                            const char         *loaded_item,
                            gboolean            check,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  WriteData *data;

  g_return_if_fail (DD_IS_SAFE_WRITE (self));
  g_return_if_fail (loaded_item != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_safe_write_delete_async);
  data = prepare_delete (self, loaded_item, check, &error);
  start_prepared (self, g_steal_pointer (&task), data, g_steal_pointer (&error));
}

DdJournalEntry *
dd_safe_write_delete_finish (DdSafeWrite      *self,
                             GAsyncResult     *result,
                             DdWriteConflict **conflict,
                             GError          **error)
{
  return finish_write (self, result, conflict, error);
}

/* The write that undoes entry; NULL and error when there is none. */
static WriteData *
prepare_undo (DdJournalEntry  *entry,
              GError         **error)
{
  WriteData *data = g_new0 (WriteData, 1);

  if (!dd_journal_entry_build_undo (entry, &data->action, &data->body, error))
    {
      write_data_free (data);
      return NULL;
    }
  data->table = g_strdup (dd_journal_entry_get_table (entry));
  data->loaded = g_strdup (dd_journal_entry_get_new_item (entry));
  data->mine = g_strdup (dd_journal_entry_get_old_item (entry));
  data->entry = dd_journal_entry_new (data->table, dd_journal_entry_get_key (entry),
                                      data->loaded, data->mine);
  dd_journal_entry_set_undo_of (data->entry, dd_journal_entry_get_id (entry));
  return data;
}

void
dd_safe_write_undo_async (DdSafeWrite        *self,
                          DdJournalEntry     *entry,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  WriteData *data;

  g_return_if_fail (DD_IS_SAFE_WRITE (self));
  g_return_if_fail (entry != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_safe_write_undo_async);
  data = prepare_undo (entry, &error);
  start_prepared (self, g_steal_pointer (&task), data, g_steal_pointer (&error));
}

DdJournalEntry *
dd_safe_write_undo_finish (DdSafeWrite      *self,
                           GAsyncResult     *result,
                           DdWriteConflict **conflict,
                           GError          **error)
{
  return finish_write (self, result, conflict, error);
}
