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
#include "dd-json-member.h"
#include "dd-journal-private.h"


struct _DdJournal
{
  GObject  parent_instance;
  char    *source_id;
  char    *path;
  int      fd;
  GMutex   mutex;
};

G_DEFINE_FINAL_TYPE (DdJournal, dd_journal, G_TYPE_OBJECT)

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
      _dd_journal_set_str (&entries[i]->source_id, self->source_id);
      entries[i]->outcome = DD_JOURNAL_OUTCOME_UNKNOWN;
      _dd_journal_append_intent_line (text, entries[i]);
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
      _dd_journal_set_str (&entries[i]->error, outcome == DD_JOURNAL_OUTCOME_FAILED ? error_message : NULL);
      _dd_journal_append_outcome_line (text, entries[i]);
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
  type = dd_json_member_string_or (object, "type", "");
  if (g_str_equal (type, "intent"))
    {
      entry = _dd_journal_entry_from_intent (object);
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
  entry = g_hash_table_lookup (by_id, dd_json_member_string_or (object, "id", ""));
  return entry != NULL && _dd_journal_entry_apply_outcome (entry, object);
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


GPtrArray *
dd_journal_load_group (DdJournal   *self,
                       const char  *group,
                       GError     **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  GPtrArray *members;

  g_return_val_if_fail (DD_IS_JOURNAL (self), NULL);
  g_return_val_if_fail (group != NULL, NULL);

  entries = dd_journal_load (self, NULL, error);
  if (entries == NULL)
    return NULL;
  members = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_journal_entry_unref);
  for (guint i = 0; i < entries->len; i++)
    if (g_strcmp0 (dd_journal_entry_get_group (entries->pdata[i]), group) == 0)
      g_ptr_array_add (members, dd_journal_entry_ref (entries->pdata[i]));
  return members;
}
