/* dd-import.c: JSON Lines, JSON (an array or {"Items": [...]}) and CSV
 * into a table, resumable.
 *
 * The file is read by dd-import-reader, written by dd-batch-writer; this
 * part checks the file first, follows the acknowledged records and keeps
 * the resume file.
 */
#define G_LOG_DOMAIN "dd-import"

#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-batch-writer.h"
#include "dd-json-member.h"
#include "dd-client.h"
#include "dd-error.h"
#include "dd-import-reader.h"
#include "dd-import.h"

#define SAVE_INTERVAL_USEC (250 * 1000)

/* --- The import --- */

struct _DdImport
{
  GObject         parent_instance;
  DdClient       *client;
  char           *table;
  char           *path;
  DdImportFormat  format;
  DdAttrReading   reading;
  char            delimiter;
  GHashTable     *column_types;
  char           *resume_file;
  GStrv           key_names;
  guint           max_in_flight;

  /* A run. */
  guint64         input_size;
  gint64          input_mtime;
  DdImportPosition        start;
  DdImportPosition        saved;
  gint64          saved_at;
  gboolean        dirty;
  GQueue          positions;      /* DdImportPosition of each record pulled, not acknowledged */
  guint64         pulled;
  guint64         written;
  guint64         skipped;
  DdBatchWriter  *writer;
  DdImportReader *reader;
};

G_DEFINE_FINAL_TYPE (DdImport, dd_import, G_TYPE_OBJECT)

enum
{
  SIGNAL_PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const known_types[] = { "S", "N", "B", "BOOL", "NULL", "SS", "NS", "BS", "L", "M", "JSON", NULL };

static void
dd_import_finalize (GObject *object)
{
  DdImport *self = (DdImport *) object;

  g_clear_object (&self->client);
  g_clear_object (&self->writer);
  g_clear_pointer (&self->reader, dd_import_reader_free);
  g_free (self->table);
  g_free (self->path);
  g_hash_table_unref (self->column_types);
  g_free (self->resume_file);
  g_strfreev (self->key_names);
  g_queue_clear_full (&self->positions, g_free);
  G_OBJECT_CLASS (dd_import_parent_class)->finalize (object);
}

static void
dd_import_class_init (DdImportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_import_finalize;

  signals[SIGNAL_PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT64, G_TYPE_UINT64, G_TYPE_UINT64);
}

static void
dd_import_init (DdImport *self)
{
  self->reading = DD_ATTR_READING_DETECT;
  self->delimiter = ',';
  self->max_in_flight = 4;
  self->column_types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_queue_init (&self->positions);
}

gboolean
dd_import_format_from_string (const char     *name,
                              DdImportFormat *format)
{
  static const struct { const char *name; DdImportFormat format; } names[] = {
    { "jsonl", DD_IMPORT_FORMAT_JSON_LINES }, { "json-lines", DD_IMPORT_FORMAT_JSON_LINES },
    { "ndjson", DD_IMPORT_FORMAT_JSON_LINES }, { "json", DD_IMPORT_FORMAT_JSON },
    { "csv", DD_IMPORT_FORMAT_CSV },
  };

  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (name, names[i].name) == 0)
      {
        *format = names[i].format;
        return TRUE;
      }
  return FALSE;
}

DdImport *
dd_import_new (DdClient   *client,
               const char *table,
               const char *path)
{
  DdImport *self;

  g_return_val_if_fail (DD_IS_CLIENT (client), NULL);
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (DD_TYPE_IMPORT, NULL);
  self->client = g_object_ref (client);
  self->table = g_strdup (table);
  self->path = g_strdup (path);
  return self;
}

void
dd_import_set_format (DdImport      *self,
                      DdImportFormat format)
{
  g_return_if_fail (DD_IS_IMPORT (self));
  self->format = format;
}

void
dd_import_set_reading (DdImport     *self,
                       DdAttrReading reading)
{
  g_return_if_fail (DD_IS_IMPORT (self));
  self->reading = reading;
}

gboolean
dd_import_set_column_types (DdImport   *self,
                            const char *spec,
                            GError    **error)
{
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (DD_IS_IMPORT (self), FALSE);

  g_hash_table_remove_all (self->column_types);
  parts = g_strsplit (spec ? spec : "", ",", -1);
  for (guint i = 0; parts[i]; i++)
    {
      char *colon = strrchr (parts[i], ':');

      g_strstrip (parts[i]);
      if (*parts[i] == '\0')
        continue;
      if (colon == NULL || colon == parts[i] || !g_strv_contains (known_types, colon + 1))
        {
          g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT,
                       _("“%s” is not NAME:TYPE with a type among S N B BOOL NULL SS NS BS L M JSON"), parts[i]);
          return FALSE;
        }
      g_hash_table_insert (self->column_types, g_strndup (parts[i], colon - parts[i]), g_strdup (colon + 1));
    }
  return TRUE;
}

void
dd_import_set_delimiter (DdImport *self,
                         char      delimiter)
{
  g_return_if_fail (DD_IS_IMPORT (self));
  g_return_if_fail (delimiter != '"' && delimiter != '\r' && delimiter != '\n' && delimiter != 0);
  self->delimiter = delimiter;
}

void
dd_import_set_resume_file (DdImport   *self,
                           const char *path)
{
  g_return_if_fail (DD_IS_IMPORT (self));
  g_free (self->resume_file);
  self->resume_file = g_strdup (path);
}

void
dd_import_set_key_names (DdImport           *self,
                         const char * const *key_names)
{
  g_return_if_fail (DD_IS_IMPORT (self));
  g_strfreev (self->key_names);
  self->key_names = g_strdupv ((char **) key_names);
}

void
dd_import_set_max_in_flight (DdImport *self,
                             guint     n)
{
  g_return_if_fail (DD_IS_IMPORT (self));
  self->max_in_flight = n;
}

guint64
dd_import_get_written (DdImport *self)
{
  return self->written;
}

guint64
dd_import_get_skipped (DdImport *self)
{
  return self->skipped;
}

guint64
dd_import_get_acknowledged (DdImport *self)
{
  return self->saved.records;
}

static DdImportFormat
format_for_path (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".csv"))
    return DD_IMPORT_FORMAT_CSV;
  if (g_str_has_suffix (lower, ".json"))
    return DD_IMPORT_FORMAT_JSON;
  return DD_IMPORT_FORMAT_JSON_LINES;
}

static const char *
format_name (DdImportFormat format)
{
  return format == DD_IMPORT_FORMAT_CSV ? "csv" : format == DD_IMPORT_FORMAT_JSON ? "json" : "jsonl";
}

static DdImportReader *
open_reader (DdImport               *self,
             const DdImportPosition *pos,
             GError                **error)
{
  return dd_import_reader_new (self->path, self->format, self->reading, self->delimiter,
                               self->column_types, pos, error);
}

/* --- The resume file --- */

static gboolean
save_state (DdImport *self,
            gboolean  complete,
            GError  **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  if (self->resume_file == NULL)
    return TRUE;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "version"); json_builder_add_int_value (b, 1);
  json_builder_set_member_name (b, "input"); json_builder_add_string_value (b, self->path);
  json_builder_set_member_name (b, "size"); json_builder_add_int_value (b, self->input_size);
  json_builder_set_member_name (b, "mtime"); json_builder_add_int_value (b, self->input_mtime);
  json_builder_set_member_name (b, "table"); json_builder_add_string_value (b, self->table);
  json_builder_set_member_name (b, "format"); json_builder_add_string_value (b, format_name (self->format));
  json_builder_set_member_name (b, "offset"); json_builder_add_int_value (b, self->saved.offset);
  json_builder_set_member_name (b, "records"); json_builder_add_int_value (b, self->saved.records);
  json_builder_set_member_name (b, "line"); json_builder_add_int_value (b, self->saved.line);
  json_builder_set_member_name (b, "column"); json_builder_add_int_value (b, self->saved.column);
  json_builder_set_member_name (b, "complete"); json_builder_add_boolean_value (b, complete);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  text = json_to_string (root, TRUE);
  self->saved_at = g_get_monotonic_time ();
  self->dirty = FALSE;
  return g_file_set_contents_full (self->resume_file, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

static gboolean
state_error (GError    **error,
             const char *file,
             const char *why)
{
  g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("Cannot resume from %s: %s"), file, why);
  return FALSE;
}

/* Reads the resume file into self->start; *complete when it says so. A
 * missing file is a fresh start. */
static gboolean
load_state (DdImport *self,
            gboolean *complete,
            GError  **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonObject *o;

  *complete = FALSE;
  if (self->resume_file == NULL || !g_file_test (self->resume_file, G_FILE_TEST_EXISTS))
    return TRUE;
  if (!json_parser_load_from_file (parser, self->resume_file, &local_error)
      || json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return state_error (error, self->resume_file, local_error ? local_error->message : _("not a JSON object"));
  o = json_node_get_object (json_parser_get_root (parser));
  if (json_object_get_int_member_with_default (o, "version", 0) != 1)
    return state_error (error, self->resume_file, _("unknown version"));
  if (g_strcmp0 (dd_json_member_string (o, "table"), self->table) != 0
      || g_strcmp0 (dd_json_member_string (o, "format"), format_name (self->format)) != 0)
    return state_error (error, self->resume_file, _("it is the resume point of an import into another table or from another format"));
  if ((guint64) json_object_get_int_member_with_default (o, "size", -1) != self->input_size
      || json_object_get_int_member_with_default (o, "mtime", -1) != self->input_mtime)
    return state_error (error, self->resume_file, _("the input file has changed since (size or modification time)"));
  self->start.offset = json_object_get_int_member_with_default (o, "offset", 0);
  self->start.records = json_object_get_int_member_with_default (o, "records", 0);
  self->start.line = json_object_get_int_member_with_default (o, "line", 1);
  self->start.column = json_object_get_int_member_with_default (o, "column", 1);
  *complete = json_object_get_boolean_member_with_default (o, "complete", FALSE);
  if (self->start.offset > self->input_size)
    return state_error (error, self->resume_file, _("its offset is past the end of the input"));
  return TRUE;
}

static gboolean
stat_input (DdImport *self,
            GError  **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (self->path);
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                                                 G_FILE_ATTRIBUTE_TIME_MODIFIED ","
                                                 G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC,
                                                 G_FILE_QUERY_INFO_NONE, NULL, error);

  if (info == NULL)
    return FALSE;
  self->input_size = g_file_info_get_size (info);
  self->input_mtime = g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED) * G_USEC_PER_SEC
                      + g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC);
  return TRUE;
}

/* --- Running --- */

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  DdImport *self = source_object;
  GError *error = NULL;
  g_autoptr(DdImportReader) r = open_reader (self, &self->start, &error);
  char *item;

  while (r != NULL && (item = dd_import_reader_next (r, &error)) != NULL)
    {
      g_free (item);
      if (g_cancellable_set_error_if_cancelled (cancellable, &error))
        break;
    }
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
acknowledged_cb (DdBatchWriter *writer,
                 guint64        n,
                 DdImport      *self)
{
  g_autoptr(GError) error = NULL;
  DdImportPosition *pos;

  while ((pos = g_queue_peek_head (&self->positions)) != NULL && pos->records <= self->start.records + n)
    {
      self->saved = *pos;
      g_free (g_queue_pop_head (&self->positions));
    }
  self->dirty = TRUE;
  if (g_get_monotonic_time () - self->saved_at >= SAVE_INTERVAL_USEC && !save_state (self, FALSE, &error))
    g_warning ("The resume point could not be saved: %s", error->message);
}

static void
writer_progress_cb (DdBatchWriter *writer,
                    guint64        written,
                    guint64        total,
                    guint64        failed,
                    DdImport      *self)
{
  self->written = written;
  g_signal_emit (self, signals[SIGNAL_PROGRESS], 0, written, self->pulled, failed);
}

static gboolean
import_source (gpointer     user_data,
               DdBatchKind *kind,
               char       **item,
               GError     **error)
{
  DdImport *self = user_data;
  DdImportPosition *pos;

  *item = dd_import_reader_next (self->reader, error);
  if (*item == NULL)
    return FALSE;
  self->pulled++;
  pos = g_new (DdImportPosition, 1);
  dd_import_reader_get_position (self->reader, pos);
  pos->records = self->start.records + self->pulled;
  g_queue_push_tail (&self->positions, pos);
  *kind = DD_BATCH_PUT;
  return TRUE;
}

static void
write_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DdImport *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) save_error = NULL;
  gboolean ok = dd_batch_writer_run_finish (DD_BATCH_WRITER (source), result, &error);

  self->written = dd_batch_writer_get_written (self->writer);
  g_signal_handlers_disconnect_by_data (self->writer, self);
  g_clear_object (&self->writer);
  g_clear_pointer (&self->reader, dd_import_reader_free);
  g_queue_clear_full (&self->positions, g_free);
  if (!save_state (self, ok, &save_error) && ok)
    {
      g_propagate_prefixed_error (&error, g_steal_pointer (&save_error),
                                  _("The items were imported, but the resume point could not be saved: "));
      ok = FALSE;
    }
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
start_writing (GTask *owned)
{
  g_autoptr(GTask) task = owned;
  DdImport *self = g_task_get_source_object (task);
  GCancellable *cancellable;
  GError *error = NULL;

  self->reader = open_reader (self, &self->start, &error);
  if (self->reader == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  self->writer = dd_batch_writer_new (self->client, self->table, (const char * const *) self->key_names);
  dd_batch_writer_set_stop_on_error (self->writer, TRUE);
  dd_batch_writer_set_max_in_flight (self->writer, self->max_in_flight);
  g_signal_connect (self->writer, "acknowledged", G_CALLBACK (acknowledged_cb), self);
  g_signal_connect (self->writer, "progress", G_CALLBACK (writer_progress_cb), self);
  cancellable = g_task_get_cancellable (task);
  dd_batch_writer_run_async (self->writer, import_source, self, NULL, cancellable,
                             write_cb, g_steal_pointer (&task));
}

/* The key names from a DescribeTable answer: partition key first. */
static GStrv
key_names_of (GBytes *bytes)
{
  g_autoptr(JsonNode) root = json_from_string (g_bytes_get_data (bytes, NULL), NULL);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  JsonNode *table = root ? json_object_get_member (json_node_get_object (root), "Table") : NULL;
  JsonNode *schema = table && JSON_NODE_HOLDS_OBJECT (table)
                     ? json_object_get_member (json_node_get_object (table), "KeySchema") : NULL;
  JsonArray *list = schema && JSON_NODE_HOLDS_ARRAY (schema) ? json_node_get_array (schema) : NULL;
  const char *range = NULL;

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *key = json_array_get_object_element (list, i);
      const char *name = dd_json_member_string (key, "AttributeName");
      const char *type = dd_json_member_string_or (key, "KeyType", "");

      if (name != NULL && g_str_equal (type, "HASH"))
        g_strv_builder_add (names, name);
      else if (name != NULL)
        range = name;
    }
  if (range != NULL)
    g_strv_builder_add (names, range);
  return g_strv_builder_end (names);
}

static void
describe_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DdImport *self = g_task_get_source_object (task);
  GError *error = NULL;
  g_autoptr(GBytes) bytes = dd_client_call_finish (DD_CLIENT (source), result, &error);

  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_strfreev (self->key_names);
  self->key_names = key_names_of (bytes);
  if (self->key_names[0] == NULL)
    {
      g_task_return_new_error (task, DD_ERROR, DD_ERROR_PROTOCOL, _("DescribeTable gave no key schema for %s"), self->table);
      return;
    }
  start_writing (g_steal_pointer (&task));
}

static void
check_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DdImport *self = DD_IMPORT (source);
  GCancellable *cancellable;
  GError *error = NULL;
  g_autoptr(JsonNode) name = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *request = NULL;
  g_autoptr(GBytes) body = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (self->key_names != NULL && self->key_names[0] != NULL)
    {
      start_writing (g_steal_pointer (&task));
      return;
    }
  name = json_node_init_string (json_node_alloc (), self->table);
  quoted = json_to_string (name, FALSE);
  request = g_strdup_printf ("{\"TableName\":%s}", quoted);
  body = g_bytes_new (request, strlen (request));
  cancellable = g_task_get_cancellable (task);
  dd_client_call_async (self->client, "DescribeTable", body, cancellable,
                        describe_cb, g_steal_pointer (&task));
}

void
dd_import_run_async (DdImport           *self,
                     GCancellable       *cancellable,
                     GAsyncReadyCallback callback,
                     gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) check = NULL;
  GError *error = NULL;
  gboolean complete = FALSE;
  DdImportPosition top = { 0, 0, 1, 1 };

  g_return_if_fail (DD_IS_IMPORT (self));
  g_return_if_fail (self->writer == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_import_run_async);
  if (self->format == DD_IMPORT_FORMAT_AUTO)
    self->format = format_for_path (self->path);
  self->start = self->saved = top;
  self->written = self->skipped = self->pulled = 0;
  self->saved_at = 0;
  if (!stat_input (self, &error) || !load_state (self, &complete, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  self->saved = self->start;
  self->skipped = self->start.records;
  if (complete)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  check = g_task_new (self, cancellable, check_cb, g_steal_pointer (&task));
  g_task_set_source_tag (check, dd_import_run_async);
  g_task_run_in_thread (check, check_thread);
}

gboolean
dd_import_run_finish (DdImport     *self,
                      GAsyncResult *result,
                      GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
