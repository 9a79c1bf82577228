/* dd-batch-writer-request.c: the batch writer's requests and answers. */
#define G_LOG_DOMAIN "dd-batch-writer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "dd-batch-writer-request.h"
#include "dd-client.h"
#include "dd-error.h"
#include "dd-item-compare.h"

static char *
object_text (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return json_to_string (node, FALSE);
}

/* A member that is an object, or NULL. */
static JsonObject *
object_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonNode *
parse_answer (GBytes *bytes)
{
  JsonNode *root = json_from_string (g_bytes_get_data (bytes, NULL), NULL);

  if (root != NULL && !JSON_NODE_HOLDS_OBJECT (root))
    g_clear_pointer (&root, json_node_unref);
  return root;
}

/* TRUE when item holds the record's key (every key attribute equal). */
static gboolean
has_key_of (DdBatchRecord *record,
            JsonObject    *item)
{
  g_autoptr(GList) names = json_object_get_members (record->key);

  if (item == NULL)
    return FALSE;
  for (GList *l = names; l; l = l->next)
    if (!dd_item_values_equal (json_object_get_member (record->key, l->data),
                               json_object_get_member (item, l->data)))
      return FALSE;
  return TRUE;
}

DdBatchRecord *
_dd_batch_record_new (const char * const *key_names,
                      guint64             seq,
                      DdBatchKind         kind,
                      char               *item,
                      GError            **error)
{
  g_autofree char *owned = item;
  g_autoptr(JsonNode) root = json_from_string (item, NULL);
  g_autoptr(JsonObject) key = json_object_new ();
  DdBatchRecord *record;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("Request %" PRIu64 " is not an item"), seq + 1);
      return NULL;
    }
  for (guint i = 0; key_names[i]; i++)
    {
      JsonNode *value = json_object_get_member (json_node_get_object (root), key_names[i]);

      if (value == NULL)
        {
          g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("Request %" PRIu64 " has no key attribute “%s”"),
                       seq + 1, key_names[i]);
          return NULL;
        }
      json_object_set_member (key, key_names[i], json_node_copy (value));
    }
  record = g_new0 (DdBatchRecord, 1);
  record->seq = seq;
  record->kind = kind;
  record->item = g_steal_pointer (&owned);
  record->key_text = object_text (key);
  record->key = g_steal_pointer (&key);
  return record;
}

void
_dd_batch_record_free (DdBatchRecord *record)
{
  g_free (record->item);
  g_clear_pointer (&record->key, json_object_unref);
  g_free (record->key_text);
  g_clear_pointer (&record->entry, dd_journal_entry_unref);
  g_free (record);
}

GBytes *
_dd_batch_write_body (const char *table,
                      GPtrArray  *records)
{
  g_autoptr(GString) body = g_string_new ("{\"RequestItems\":{");
  g_autoptr(JsonNode) name = json_node_init_string (json_node_alloc (), table);
  g_autofree char *name_text = json_to_string (name, FALSE);

  g_string_append_printf (body, "%s:[", name_text);
  for (guint i = 0; i < records->len; i++)
    {
      DdBatchRecord *record = g_ptr_array_index (records, i);

      if (i > 0)
        g_string_append_c (body, ',');
      if (record->kind == DD_BATCH_PUT)
        g_string_append_printf (body, "{\"PutRequest\":{\"Item\":%s}}", record->item);
      else
        g_string_append_printf (body, "{\"DeleteRequest\":{\"Key\":%s}}", record->key_text);
    }
  g_string_append (body, "]}}");
  return g_string_free_to_bytes (g_steal_pointer (&body));
}

/* answer's member.table (an array of UnprocessedItems, or an object of
 * UnprocessedKeys / Responses), or NULL. */
static JsonNode *
table_member (JsonNode   *root,
              const char *member,
              const char *table)
{
  JsonObject *object = root ? object_member (json_node_get_object (root), member) : NULL;

  return object ? json_object_get_member (object, table) : NULL;
}

GPtrArray *
_dd_batch_written_of (const char *table,
                      GPtrArray  *records,
                      GBytes     *answer)
{
  g_autoptr(JsonNode) root = parse_answer (answer);
  JsonNode *list = table_member (root, "UnprocessedItems", table);
  JsonArray *unprocessed = list && JSON_NODE_HOLDS_ARRAY (list) ? json_node_get_array (list) : NULL;
  guint n = unprocessed ? json_array_get_length (unprocessed) : 0;
  GPtrArray *done = g_ptr_array_new ();

  for (guint i = 0; i < records->len; i++)
    {
      DdBatchRecord *record = g_ptr_array_index (records, i);
      gboolean left = FALSE;

      for (guint j = 0; j < n && !left; j++)
        {
          JsonNode *node = json_array_get_element (unprocessed, j);
          JsonObject *request = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
          JsonObject *put = object_member (request, "PutRequest");
          JsonObject *del = object_member (request, "DeleteRequest");

          left = has_key_of (record, put ? object_member (put, "Item") : del ? object_member (del, "Key") : NULL);
        }
      if (!left)
        g_ptr_array_add (done, record);
    }
  return done;
}

/* --- Reading the items puts replace --- */

typedef struct
{
  DdClient  *client;
  char      *table;
  char      *group;
  GPtrArray *records;   /* the puts whose old item is not read yet */
  guint      backoff_ms;
  guint      attempt;
} ReadOld;

static void
read_old_free (ReadOld *data)
{
  g_object_unref (data->client);
  g_free (data->table);
  g_free (data->group);
  g_ptr_array_unref (data->records);
  g_free (data);
}

static GBytes *
read_body (ReadOld *data)
{
  g_autoptr(GString) body = g_string_new ("{\"RequestItems\":{");
  g_autoptr(JsonNode) name = json_node_init_string (json_node_alloc (), data->table);
  g_autofree char *name_text = json_to_string (name, FALSE);

  g_string_append_printf (body, "%s:{\"ConsistentRead\":true,\"Keys\":[", name_text);
  for (guint i = 0; i < data->records->len; i++)
    {
      DdBatchRecord *record = g_ptr_array_index (data->records, i);

      g_string_append_printf (body, "%s%s", i > 0 ? "," : "", record->key_text);
    }
  g_string_append (body, "]}}}");
  return g_string_free_to_bytes (g_steal_pointer (&body));
}

/* The record now has its old item (old NULL: none): its entry is made. */
static void
set_old (ReadOld       *data,
         DdBatchRecord *record,
         const char    *old)
{
  record->entry = dd_journal_entry_new (data->table, record->key_text, old, record->item);
  dd_journal_entry_set_group (record->entry, data->group);
}

/* Takes the answer: records found or not found are done, those left
 * unprocessed stay in data->records. */
static void
take_answer (ReadOld *data,
             GBytes  *answer)
{
  g_autoptr(JsonNode) root = parse_answer (answer);
  JsonNode *found = table_member (root, "Responses", data->table);
  JsonNode *left = table_member (root, "UnprocessedKeys", data->table);
  JsonArray *items = found && JSON_NODE_HOLDS_ARRAY (found) ? json_node_get_array (found) : NULL;
  JsonObject *left_object = left && JSON_NODE_HOLDS_OBJECT (left) ? json_node_get_object (left) : NULL;
  JsonNode *left_keys = left_object ? json_object_get_member (left_object, "Keys") : NULL;
  JsonArray *keys = left_keys && JSON_NODE_HOLDS_ARRAY (left_keys) ? json_node_get_array (left_keys) : NULL;

  for (guint i = data->records->len; i-- > 0;)
    {
      DdBatchRecord *record = g_ptr_array_index (data->records, i);
      g_autofree char *old = NULL;
      gboolean unprocessed = FALSE;

      for (guint j = 0; keys != NULL && j < json_array_get_length (keys) && !unprocessed; j++)
        unprocessed = has_key_of (record, json_array_get_object_element (keys, j));
      if (unprocessed)
        continue;
      for (guint j = 0; items != NULL && j < json_array_get_length (items) && old == NULL; j++)
        if (has_key_of (record, json_array_get_object_element (items, j)))
          old = json_to_string (json_array_get_element (items, j), FALSE);
      set_old (data, record, old);
      g_ptr_array_remove_index (data->records, i);
    }
}

static void send_read (GTask *task);

static gboolean
read_again_cb (gpointer user_data)
{
  send_read (user_data);
  return G_SOURCE_REMOVE;
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  ReadOld *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) answer = dd_client_call_finish (DD_CLIENT (source), result, &error);
  guint delay;

  if (answer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  take_answer (data, answer);
  if (data->records->len == 0)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  delay = MIN ((guint64) data->backoff_ms << MIN (data->attempt, 16), 5000);
  data->attempt++;
  g_timeout_add (delay, read_again_cb, task);
}

static void
send_read (GTask *task)
{
  ReadOld *data = g_task_get_task_data (task);
  g_autoptr(GBytes) body = read_body (data);

  dd_client_call_async (data->client, "BatchGetItem", body, NULL, read_cb, task);
}

void
_dd_batch_read_old_async (DdClient           *client,
                          const char         *table,
                          GPtrArray          *records,
                          const char         *group,
                          guint               backoff_ms,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  GTask *task = g_task_new (NULL, NULL, callback, user_data);
  ReadOld *data = g_new0 (ReadOld, 1);

  g_task_set_source_tag (task, _dd_batch_read_old_async);
  data->client = g_object_ref (client);
  data->table = g_strdup (table);
  data->group = g_strdup (group);
  data->backoff_ms = MAX (backoff_ms, 1);
  data->records = g_ptr_array_new ();
  for (guint i = 0; i < records->len; i++)
    if (((DdBatchRecord *) records->pdata[i])->kind == DD_BATCH_PUT)
      g_ptr_array_add (data->records, records->pdata[i]);
  g_task_set_task_data (task, data, (GDestroyNotify) read_old_free);
  if (data->records->len == 0)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  send_read (task);
}

gboolean
_dd_batch_read_old_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- An array source --- */

typedef struct
{
  GPtrArray   *items;
  guint        next;
  DdBatchKind  kind;
} ArraySource;

gpointer
_dd_batch_array_source_new (DdBatchKind  kind,
                            GPtrArray   *items)
{
  ArraySource *source = g_new0 (ArraySource, 1);

  source->items = g_ptr_array_ref (items);
  source->kind = kind;
  return source;
}

void
_dd_batch_array_source_free (gpointer data)
{
  ArraySource *source = data;

  g_ptr_array_unref (source->items);
  g_free (source);
}

gboolean
_dd_batch_array_source_next (gpointer      user_data,
                             DdBatchKind  *kind,
                             char        **item,
                             GError      **error)
{
  ArraySource *source = user_data;

  if (source->next >= source->items->len)
    return FALSE;
  *kind = source->kind;
  *item = g_strdup (g_ptr_array_index (source->items, source->next++));
  return TRUE;
}
