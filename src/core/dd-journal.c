/* dd-journal.c: the undo journal, an append-only JSON Lines file.
 *
 * Written with a raw file descriptor rather than GIO streams: the journal's
 * guarantees rest on O_APPEND (each line one write(), so processes sharing
 * the file never interleave inside a line) and fsync() before the request
 * is sent, which GOutputStream does not expose.
 */
#define G_LOG_DOMAIN "dd-journal"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>

#include "dd-error.h"
#include "dd-item-compare.h"
#include "dd-journal.h"

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
  char             *error;
  gint64            time;
  DdJournalOutcome  outcome;
  guint             has_returned_old : 1;
  guint             has_returned_new : 1;
  char             *returned_old;
  char             *returned_new;
};

G_DEFINE_BOXED_TYPE (DdJournalEntry, dd_journal_entry, dd_journal_entry_ref, dd_journal_entry_unref)

struct _DdJournal
{
  GObject  parent_instance;
  char    *source_id;
  char    *path;
  int      fd;
  GMutex   mutex;
};

G_DEFINE_FINAL_TYPE (DdJournal, dd_journal, G_TYPE_OBJECT)

/* g_set_str() arrived in GLib 2.76. */
static void
set_str (char       **str,
         const char  *value)
{
  if (*str == value)
    return;
  g_free (*str);
  *str = g_strdup (value);
}

DdJournalEntry *
dd_journal_entry_new (const char *table,
                      const char *key,
                      const char *old_item,
                      const char *new_item)
{
  DdJournalEntry *self;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  self = g_new0 (DdJournalEntry, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->id = g_uuid_string_random ();
  self->table = g_strdup (table);
  self->key = g_strdup (key);
  self->old_item = g_strdup (old_item);
  self->new_item = g_strdup (new_item);
  self->time = g_get_real_time ();
  return self;
}

DdJournalEntry *
dd_journal_entry_ref (DdJournalEntry *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
dd_journal_entry_unref (DdJournalEntry *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->id);
  g_free (self->source_id);
  g_free (self->table);
  g_free (self->key);
  g_free (self->old_item);
  g_free (self->new_item);
  g_free (self->undo_of);
  g_free (self->error);
  g_free (self->returned_old);
  g_free (self->returned_new);
  g_free (self);
}

const char *
dd_journal_entry_get_id (DdJournalEntry *self)
{
  return self->id;
}

const char *
dd_journal_entry_get_source_id (DdJournalEntry *self)
{
  return self->source_id;
}

const char *
dd_journal_entry_get_table (DdJournalEntry *self)
{
  return self->table;
}

const char *
dd_journal_entry_get_key (DdJournalEntry *self)
{
  return self->key;
}

const char *
dd_journal_entry_get_old_item (DdJournalEntry *self)
{
  return self->has_returned_old ? self->returned_old : self->old_item;
}

const char *
dd_journal_entry_get_new_item (DdJournalEntry *self)
{
  return self->has_returned_new ? self->returned_new : self->new_item;
}

gboolean
dd_journal_entry_is_delete (DdJournalEntry *self)
{
  return dd_journal_entry_get_new_item (self) == NULL;
}

gint64
dd_journal_entry_get_time (DdJournalEntry *self)
{
  return self->time;
}

DdJournalOutcome
dd_journal_entry_get_outcome (DdJournalEntry *self)
{
  return self->outcome;
}

const char *
dd_journal_entry_get_error (DdJournalEntry *self)
{
  return self->error;
}

const char *
dd_journal_entry_get_undo_of (DdJournalEntry *self)
{
  return self->undo_of;
}

void
dd_journal_entry_set_undo_of (DdJournalEntry *self,
                              const char     *id)
{
  set_str (&self->undo_of, id);
}

void
dd_journal_entry_set_returned_old (DdJournalEntry *self,
                                   const char     *item)
{
  self->has_returned_old = TRUE;
  set_str (&self->returned_old, item);
}

void
dd_journal_entry_set_returned_new (DdJournalEntry *self,
                                   const char     *item)
{
  self->has_returned_new = TRUE;
  set_str (&self->returned_new, item);
}

/* --- Serialization --- */

static char *
format_time (gint64 usec)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) exact = g_date_time_add (dt, usec % G_USEC_PER_SEC);

  return g_date_time_format (exact, "%Y-%m-%dT%H:%M:%S.%fZ");
}

static gint64
parse_time (const char *text)
{
  g_autoptr(GDateTime) dt = text ? g_date_time_new_from_iso8601 (text, NULL) : NULL;

  return dt ? g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt) : 0;
}

/* Sets member to the parsed typed item, or null; or to the string
 * "delete" when item is NULL and delete_word is set. */
static void
set_item_member (JsonObject *object,
                 const char *member,
                 const char *item,
                 gboolean    delete_word)
{
  JsonNode *node = NULL;

  if (item != NULL)
    node = json_from_string (item, NULL);
  if (node == NULL && delete_word)
    {
      json_object_set_string_member (object, member, "delete");
      return;
    }
  if (node == NULL)
    node = json_node_new (JSON_NODE_NULL);
  json_object_set_member (object, member, node);
}

static void
start_line (JsonObject *object,
            const char *type,
            const char *id)
{
  g_autofree char *now = format_time (g_get_real_time ());

  json_object_set_int_member (object, "v", 1);
  json_object_set_string_member (object, "type", type);
  json_object_set_string_member (object, "id", id);
  json_object_set_string_member (object, "time", now);
}

static void
append_object_line (GString    *out,
                    JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autofree char *text = json_to_string (node, FALSE);

  g_string_append (out, text);
  g_string_append_c (out, '\n');
}

static void
append_intent_line (GString        *out,
                    DdJournalEntry *entry)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree char *time = format_time (entry->time);

  json_object_set_int_member (object, "v", 1);
  json_object_set_string_member (object, "type", "intent");
  json_object_set_string_member (object, "id", entry->id);
  json_object_set_string_member (object, "time", time);
  json_object_set_string_member (object, "source", entry->source_id);
  json_object_set_string_member (object, "table", entry->table);
  set_item_member (object, "key", entry->key, FALSE);
  set_item_member (object, "old", entry->old_item, FALSE);
  set_item_member (object, "new", entry->new_item, TRUE);
  if (entry->undo_of != NULL)
    json_object_set_string_member (object, "undo_of", entry->undo_of);
  append_object_line (out, object);
}

static void
append_outcome_line (GString        *out,
                     DdJournalEntry *entry)
{
  g_autoptr(JsonObject) object = json_object_new ();

  start_line (object, "outcome", entry->id);
  json_object_set_string_member (object, "outcome",
                                 entry->outcome == DD_JOURNAL_OUTCOME_DONE ? "done" : "failed");
  if (entry->error != NULL)
    json_object_set_string_member (object, "error", entry->error);
  if (entry->has_returned_old)
    set_item_member (object, "old", entry->returned_old, FALSE);
  if (entry->has_returned_new)
    set_item_member (object, "new", entry->returned_new, TRUE);
  append_object_line (out, object);
}

/* --- The file --- */

static gboolean
set_io_error (GError    **error,
              int         errsv,
              const char *what,
              const char *path)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
               _("Could not %s the journal %s: %s"), what, path, g_strerror (errsv));
  return FALSE;
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        len)
{
  while (len > 0)
    {
      gssize n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      len -= n;
    }
  return TRUE;
}

/* One write() then fsync(): with O_APPEND the line lands whole at the end. */
static gboolean
append_text (DdJournal   *self,
             const char  *text,
             gsize        len,
             GError     **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->mutex);

  if (!write_all (self->fd, text, len))
    return set_io_error (error, errno, C_("journal action", "write"), self->path);
  if (fsync (self->fd) != 0)
    return set_io_error (error, errno, C_("journal action", "sync"), self->path);
  return TRUE;
}

/* After a crash in the middle of a line, the file does not end in '\n':
 * end that torn line so the next entry starts on a line of its own. */
static gboolean
end_torn_line (DdJournal  *self,
               GError    **error)
{
  char last;
  off_t size = lseek (self->fd, 0, SEEK_END);

  if (size <= 0)
    return TRUE;
  if (pread (self->fd, &last, 1, size - 1) != 1)
    return set_io_error (error, errno, C_("journal action", "read"), self->path);
  if (last == '\n')
    return TRUE;
  g_debug ("Journal %s ends in a torn line", self->path);
  return append_text (self, "\n", 1, error);
}

static void
sync_folder (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

static gboolean
open_file (DdJournal  *self,
           GError    **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  gboolean existed = g_file_test (self->path, G_FILE_TEST_EXISTS);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    return set_io_error (error, errno, C_("journal action", "create the folder of"), self->path);
  self->fd = open (self->path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (self->fd < 0)
    return set_io_error (error, errno, C_("journal action", "open"), self->path);
  if (!existed)
    sync_folder (self->path);
  return end_torn_line (self, error);
}

static void
dd_journal_finalize (GObject *object)
{
  DdJournal *self = (DdJournal *) object;

  if (self->fd >= 0)
    close (self->fd);
  g_free (self->source_id);
  g_free (self->path);
  g_mutex_clear (&self->mutex);
  G_OBJECT_CLASS (dd_journal_parent_class)->finalize (object);
}

static void
dd_journal_class_init (DdJournalClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_journal_finalize;
}

static void
dd_journal_init (DdJournal *self)
{
  self->fd = -1;
  g_mutex_init (&self->mutex);
}

char *
dd_journal_path_for_source (const char *source_id)
{
  g_autoptr(GString) name = g_string_new (NULL);

  g_return_val_if_fail (source_id != NULL && *source_id, NULL);

  for (const char *p = source_id; *p; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '-' || *p == '_' || (*p == '.' && p != source_id))
        g_string_append_c (name, *p);
      else
        g_string_append_printf (name, "%%%02X", (guchar) *p);
    }
  g_string_append (name, ".jsonl");
  return g_build_filename (g_get_user_data_dir (), "dynamo-desk", "journal", name->str, NULL);
}

DdJournal *
dd_journal_new_for_path (const char  *source_id,
                         const char  *path,
                         GError     **error)
{
  g_autoptr(DdJournal) self = NULL;

  g_return_val_if_fail (source_id != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (DD_TYPE_JOURNAL, NULL);
  self->source_id = g_strdup (source_id);
  self->path = g_strdup (path);
  if (!open_file (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

DdJournal *
dd_journal_new (const char  *source_id,
                GError     **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (source_id != NULL && *source_id, NULL);

  path = dd_journal_path_for_source (source_id);
  return dd_journal_new_for_path (source_id, path, error);
}

const char *
dd_journal_get_source_id (DdJournal *self)
{
  g_return_val_if_fail (DD_IS_JOURNAL (self), NULL);
  return self->source_id;
}

const char *
dd_journal_get_path (DdJournal *self)
{
  g_return_val_if_fail (DD_IS_JOURNAL (self), NULL);
  return self->path;
}

gboolean
dd_journal_append_intents (DdJournal       *self,
                           DdJournalEntry **entries,
                           guint            n_entries,
                           GError         **error)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (DD_IS_JOURNAL (self), FALSE);

  for (guint i = 0; i < n_entries; i++)
    {
      set_str (&entries[i]->source_id, self->source_id);
      entries[i]->outcome = DD_JOURNAL_OUTCOME_UNKNOWN;
      append_intent_line (text, entries[i]);
    }
  return append_text (self, text->str, text->len, error);
}

gboolean
dd_journal_mark (DdJournal       *self,
                 DdJournalEntry **entries,
                 guint            n_entries,
                 DdJournalOutcome outcome,
                 const char      *error_message,
                 GError         **error)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (DD_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (outcome != DD_JOURNAL_OUTCOME_UNKNOWN, FALSE);

  for (guint i = 0; i < n_entries; i++)
    {
      entries[i]->outcome = outcome;
      set_str (&entries[i]->error, outcome == DD_JOURNAL_OUTCOME_FAILED ? error_message : NULL);
      append_outcome_line (text, entries[i]);
    }
  return append_text (self, text->str, text->len, error);
}

/* --- Async variants --- */

typedef struct
{
  GPtrArray        *entries;
  gboolean          intents;
  DdJournalOutcome  outcome;
  char             *error_message;
} AppendData;

static void
append_data_free (AppendData *data)
{
  g_ptr_array_unref (data->entries);
  g_free (data->error_message);
  g_free (data);
}

static void
append_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  DdJournal *self = source_object;
  AppendData *data = task_data;
  GError *error = NULL;
  DdJournalEntry **entries = (DdJournalEntry **) data->entries->pdata;
  gboolean ok;

  if (data->intents)
    ok = dd_journal_append_intents (self, entries, data->entries->len, &error);
  else
    ok = dd_journal_mark (self, entries, data->entries->len, data->outcome,
                          data->error_message, &error);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
start_append (DdJournal          *self,
              AppendData         *data,
              gpointer            source_tag,
              GCancellable       *cancellable,
              GAsyncReadyCallback callback,
              gpointer            user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) append_data_free);
  /* Once started, an append runs to its end: the journal must say what
   * was decided, even when the caller gives up waiting. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, append_thread);
}

void
dd_journal_append_intents_async (DdJournal          *self,
                                 GPtrArray          *entries,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  AppendData *data;

  g_return_if_fail (DD_IS_JOURNAL (self));
  g_return_if_fail (entries != NULL);

  data = g_new0 (AppendData, 1);
  data->entries = g_ptr_array_ref (entries);
  data->intents = TRUE;
  start_append (self, data, dd_journal_append_intents_async, cancellable, callback, user_data);
}

gboolean
dd_journal_append_intents_finish (DdJournal     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
dd_journal_mark_async (DdJournal          *self,
                       GPtrArray          *entries,
                       DdJournalOutcome    outcome,
                       const char         *error_message,
                       GCancellable       *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer            user_data)
{
  AppendData *data;

  g_return_if_fail (DD_IS_JOURNAL (self));
  g_return_if_fail (entries != NULL);
  g_return_if_fail (outcome != DD_JOURNAL_OUTCOME_UNKNOWN);

  data = g_new0 (AppendData, 1);
  data->entries = g_ptr_array_ref (entries);
  data->outcome = outcome;
  data->error_message = g_strdup (error_message);
  start_append (self, data, dd_journal_mark_async, cancellable, callback, user_data);
}

gboolean
dd_journal_mark_finish (DdJournal     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- Loading --- */

/* The text of an item member: NULL for null or "delete", else the
 * object's JSON. FALSE when the member is something else. */
static gboolean
read_item_member (JsonObject  *object,
                  const char  *member,
                  char       **item)
{
  JsonNode *node = json_object_get_member (object, member);

  *item = NULL;
  if (node == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_OBJECT (node))
    *item = json_to_string (node, FALSE);
  else if (!JSON_NODE_HOLDS_NULL (node)
           && g_strcmp0 (json_node_get_string (node), "delete") != 0)
    return FALSE;
  return TRUE;
}

static DdJournalEntry *
entry_from_intent (JsonObject *object)
{
  g_autoptr(DdJournalEntry) entry = g_new0 (DdJournalEntry, 1);
  const char *id = json_object_get_string_member_with_default (object, "id", NULL);
  const char *table = json_object_get_string_member_with_default (object, "table", NULL);

  g_atomic_ref_count_init (&entry->ref_count);
  if (id == NULL || table == NULL)
    return NULL;
  entry->id = g_strdup (id);
  entry->table = g_strdup (table);
  entry->source_id = g_strdup (json_object_get_string_member_with_default (object, "source", NULL));
  entry->undo_of = g_strdup (json_object_get_string_member_with_default (object, "undo_of", NULL));
  entry->time = parse_time (json_object_get_string_member_with_default (object, "time", NULL));
  if (!read_item_member (object, "key", &entry->key) || entry->key == NULL
      || !read_item_member (object, "old", &entry->old_item)
      || !read_item_member (object, "new", &entry->new_item))
    return NULL;
  return g_steal_pointer (&entry);
}

static gboolean
apply_outcome (DdJournalEntry *entry,
               JsonObject     *object)
{
  const char *outcome = json_object_get_string_member_with_default (object, "outcome", "");
  g_autofree char *item = NULL;

  if (g_str_equal (outcome, "done"))
    entry->outcome = DD_JOURNAL_OUTCOME_DONE;
  else if (g_str_equal (outcome, "failed"))
    entry->outcome = DD_JOURNAL_OUTCOME_FAILED;
  else
    return FALSE;
  set_str (&entry->error, json_object_get_string_member_with_default (object, "error", NULL));
  if (read_item_member (object, "old", &item))
    dd_journal_entry_set_returned_old (entry, item);
  g_clear_pointer (&item, g_free);
  if (read_item_member (object, "new", &item))
    dd_journal_entry_set_returned_new (entry, item);
  return TRUE;
}

/* Reads one line into entries/by_id; FALSE when it cannot be used. */
static gboolean
load_line (const char *line,
           gsize       len,
           GPtrArray  *entries,
           GHashTable *by_id)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonObject *object;
  const char *type;
  DdJournalEntry *entry;

  if (!json_parser_load_from_data (parser, line, len, NULL)
      || json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return FALSE;
  object = json_node_get_object (json_parser_get_root (parser));
  type = json_object_get_string_member_with_default (object, "type", "");
  if (g_str_equal (type, "intent"))
    {
      entry = entry_from_intent (object);
      if (entry == NULL)
        return FALSE;
      if (g_hash_table_contains (by_id, entry->id))
        {
          dd_journal_entry_unref (entry);
          return FALSE;
        }
      g_ptr_array_add (entries, entry);
      g_hash_table_insert (by_id, entry->id, entry);
      return TRUE;
    }
  if (!g_str_equal (type, "outcome"))
    return FALSE;
  entry = g_hash_table_lookup (by_id, json_object_get_string_member_with_default (object, "id", ""));
  return entry != NULL && apply_outcome (entry, object);
}

static void
reverse (GPtrArray *array)
{
  for (guint i = 0, j = array->len; i + 1 < j; i++, j--)
    {
      gpointer tmp = array->pdata[i];

      array->pdata[i] = array->pdata[j - 1];
      array->pdata[j - 1] = tmp;
    }
}

/* Reads every line into entries; counts the lines it cannot use. */
static gboolean
load_lines (GDataInputStream  *data,
            GPtrArray         *entries,
            guint             *skipped,
            GError           **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);

  for (;;)
    {
      gsize len;
      GError *local_error = NULL;
      g_autofree char *line = g_data_input_stream_read_upto (data, "\n", 1, &len, NULL, &local_error);
      gboolean complete;

      if (line == NULL && local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      if (line == NULL)
        return TRUE;
      /* A line that the file does not end is torn: never read it. */
      complete = g_data_input_stream_read_byte (data, NULL, NULL) == '\n';
      if (len == 0 && complete)
        continue;
      if (!complete || !load_line (line, len, entries, by_id))
        (*skipped)++;
    }
}

GPtrArray *
dd_journal_load (DdJournal  *self,
                 guint      *n_skipped,
                 GError    **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_journal_entry_unref);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(GDataInputStream) data = NULL;
  guint skipped = 0;

  g_return_val_if_fail (DD_IS_JOURNAL (self), NULL);

  file = g_file_new_for_path (self->path);
  input = g_file_read (file, NULL, error);
  if (input == NULL)
    return NULL;
  data = g_data_input_stream_new (G_INPUT_STREAM (input));
  if (!load_lines (data, entries, &skipped, error))
    return NULL;
  if (n_skipped != NULL)
    *n_skipped = skipped;
  reverse (entries);
  return g_steal_pointer (&entries);
}

/* --- Undo --- */

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
