/* dd-export.c: streaming writers of result pages to a file.
 *
 * Files are written with plain file descriptors: a temporary file made with
 * g_mkstemp_full () in the target's folder (so the final rename stays on
 * one file system), fsync'd and renamed over the target, as
 * g_file_set_contents_full (G_FILE_SET_CONTENTS_CONSISTENT) does for a
 * buffer we could not hold whole.
 */
#define G_LOG_DOMAIN "dd-export"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>

#include "dd-attr.h"
#include "dd-error.h"
#include "dd-export.h"
#include "dd-export-csv.h"
#include "dd-export-private.h"
#include "dd-page.h"
#include "dd-page-private.h"
#include "dd-pager.h"

G_DEFINE_FINAL_TYPE (DdExportWriter, dd_export_writer, G_TYPE_OBJECT)

/* Formats -------------------------------------------------------------- */

gboolean
dd_export_format_from_string (const char     *name,
                              DdExportFormat *format)
{
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  if (g_ascii_strcasecmp (name, "csv") == 0)
    *format = DD_EXPORT_FORMAT_CSV;
  else if (g_ascii_strcasecmp (name, "json") == 0)
    *format = DD_EXPORT_FORMAT_JSON;
  else if (g_ascii_strcasecmp (name, "jsonl") == 0
           || g_ascii_strcasecmp (name, "json-lines") == 0
           || g_ascii_strcasecmp (name, "ndjson") == 0)
    *format = DD_EXPORT_FORMAT_JSON_LINES;
  else
    return FALSE;
  return TRUE;
}

const char *
dd_export_format_get_extension (DdExportFormat format)
{
  switch (format)
    {
    case DD_EXPORT_FORMAT_CSV: return "csv";
    case DD_EXPORT_FORMAT_JSON: return "json";
    case DD_EXPORT_FORMAT_JSON_LINES: return "jsonl";
    default: g_return_val_if_reached (NULL);
    }
}

/* Files ---------------------------------------------------------------- */

gboolean
dd_export_set_io_error (GError           **error,
                        int                saved_errno,
                        DdExportIoAction   action,
                        const char        *path)
{
  g_autofree char *display = g_filename_display_name (path);
  int code = g_io_error_from_errno (saved_errno);
  const char *reason = g_strerror (saved_errno);

  switch (action)
    {
    case DD_EXPORT_IO_READ_BACK:
      g_set_error (error, G_IO_ERROR, code, _("Could not read back %s: %s"), display, reason);
      break;
    case DD_EXPORT_IO_CREATE_IN:
      g_set_error (error, G_IO_ERROR, code, _("Could not create a file in %s: %s"), display, reason);
      break;
    case DD_EXPORT_IO_REPLACE:
      g_set_error (error, G_IO_ERROR, code, _("Could not replace %s: %s"), display, reason);
      break;
    case DD_EXPORT_IO_WRITE:
    default:
      g_set_error (error, G_IO_ERROR, code, _("Could not write %s: %s"), display, reason);
      break;
    }
  return FALSE;
}

static gboolean
write_all (int         fd,
           const char *data,
           gsize       len,
           const char *path,
           GError    **error)
{
  while (len > 0)
    {
      gssize n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return dd_export_set_io_error (error, errno, DD_EXPORT_IO_WRITE, path);
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

gboolean
dd_export_flush_out (DdExportWriter *self,
                     GError        **error)
{
  int fd = self->spool_fd >= 0 ? self->spool_fd : self->fd;

  if (!write_all (fd, self->out->str, self->out->len, self->target_path, error))
    return FALSE;
  g_string_truncate (self->out, 0);
  return TRUE;
}

gboolean
dd_export_maybe_flush (DdExportWriter *self,
                       GError        **error)
{
  return self->out->len < FLUSH_SIZE || dd_export_flush_out (self, error);
}

static int
make_temp (const char  *dir,
           const char  *base,
           const char  *kind,
           char       **path,
           GError     **error)
{
  g_autofree char *tmpl = g_strdup_printf ("%s/.%s.%sXXXXXX", dir, base, kind);
  int fd = g_mkstemp_full (tmpl, O_RDWR | O_CLOEXEC, 0666);

  if (fd < 0)
    {
      dd_export_set_io_error (error, errno, DD_EXPORT_IO_CREATE_IN, dir);
      return -1;
    }
  *path = g_steal_pointer (&tmpl);
  return fd;
}

static gboolean
open_files (DdExportWriter *self,
            GError        **error)
{
  g_autofree char *dir = g_path_get_dirname (self->target_path);
  g_autofree char *base = g_path_get_basename (self->target_path);
  g_autofree char *spool_path = NULL;
  struct stat st;

  self->fd = make_temp (dir, base, "", &self->tmp_path, error);
  if (self->fd < 0)
    return FALSE;
  /* A file that is replaced keeps its permissions. */
  if (stat (self->target_path, &st) == 0 && S_ISREG (st.st_mode))
    fchmod (self->fd, st.st_mode & 07777);
  if (self->format != DD_EXPORT_FORMAT_CSV)
    return TRUE;
  self->spool_fd = make_temp (dir, base, "rows.", &spool_path, error);
  if (self->spool_fd < 0)
    return FALSE;
  g_unlink (spool_path);
  return TRUE;
}

static void
close_files (DdExportWriter *self)
{
  if (self->fd >= 0)
    close (self->fd);
  if (self->spool_fd >= 0)
    close (self->spool_fd);
  self->fd = -1;
  self->spool_fd = -1;
}

/* JSON and JSON Lines -------------------------------------------------- */

/* Typed text with the whitespace outside strings left out (JSON Lines
 * needs one line per item). */
static void
append_compact (GString    *out,
                const char *text,
                gsize       len)
{
  gboolean in_string = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (in_string && c == '\\' && i + 1 < len)
        {
          g_string_append_c (out, c);
          c = text[++i];
        }
      else if (c == '"')
        in_string = !in_string;
      else if (!in_string && (c == ' ' || c == '\t' || c == '\r' || c == '\n'))
        continue;
      g_string_append_c (out, c);
    }
}

/* One item as plain JSON: the converter the pages' own threads use too
 * (render_page_plain), so both ways write the same bytes. */
static gboolean
append_plain (GString    *out,
              const char *text,
              gsize       len,
              GError    **error)
{
  g_autofree char *plain = dd_attr_item_to_plain (text, (gssize) len, error);

  if (plain == NULL)
    return FALSE;
  g_string_append (out, plain);
  return TRUE;
}

static gboolean
add_json_item (DdExportWriter  *self,
               const char      *text,
               gsize            len,
               GError         **error)
{
  gboolean lines = self->format == DD_EXPORT_FORMAT_JSON_LINES;

  if (!lines)
    g_string_append (self->out, self->n_items > 0 ? ",\n" : "\n");
  if (!self->typed)
    {
      if (!append_plain (self->out, text, len, error))
        return FALSE;
    }
  else if (lines && (memchr (text, '\n', len) != NULL || memchr (text, '\r', len) != NULL))
    append_compact (self->out, text, len);
  else
    g_string_append_len (self->out, text, (gssize) len);
  if (lines)
    g_string_append_c (self->out, '\n');
  return TRUE;
}

/* Items ---------------------------------------------------------------- */

/* One item of a parsed page (so already checked as JSON). */
static gboolean
add_checked_item (DdExportWriter *self,
                  const char     *text,
                  gsize           len,
                  GError        **error)
{
  g_autofree jsmntok_t *tokens = NULL;
  int n_tokens = 0, jsmn_error = 0;
  gsize pos = 0, rollback = self->out->len;
  gboolean ok;

  if (self->format != DD_EXPORT_FORMAT_CSV)
    tokens = NULL;   /* typed JSON copies the bytes; plain JSON finds the members itself */
  else if ((tokens = dd_jsmn_tokenize (text, len, &n_tokens, &jsmn_error, &pos)) == NULL)
    {
      g_set_error_literal (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("An item is not valid JSON"));
      return FALSE;
    }
  if (self->format == DD_EXPORT_FORMAT_CSV)
    ok = dd_export_csv_add_item (self, text, tokens, n_tokens, error);
  else
    ok = add_json_item (self, text, len, error);
  if (!ok)
    {
      g_string_truncate (self->out, rollback);
      return FALSE;
    }
  self->n_items++;
  return dd_export_maybe_flush (self, error);
}

/* Plain JSON Lines of a whole page, written on the thread that parsed it
 * by the same code as item by item; owner is only compared, never read.
 * On any error nothing is set, and the page goes item by item (and fails
 * the same way) on the main thread. */
static void
render_page_plain (DdPage   *page,
                   gpointer  owner)
{
  GString *out = g_string_sized_new (g_bytes_get_size (dd_page_get_bytes (page)));

  for (guint i = 0; i < dd_page_get_n_items (page); i++)
    {
      gsize len = 0;
      const char *item = dd_page_get_item (page, i, &len);

      if (!append_plain (out, item, len, NULL))
        {
          g_string_free (out, TRUE);
          return;
        }
      g_string_append_c (out, '\n');
    }
  dd_page_set_rendered (page, owner, out);
}

static gboolean
add_rendered_page (DdExportWriter *self,
                   DdPage         *page)
{
  GString *text;

  if (self->format != DD_EXPORT_FORMAT_JSON_LINES || self->typed
      || (text = dd_page_steal_rendered (page, self)) == NULL)
    return FALSE;
  g_string_append_len (self->out, text->str, (gssize) text->len);
  g_string_free (text, TRUE);
  self->n_items += dd_page_get_n_items (page);
  return TRUE;
}

gboolean
dd_export_writer_add_page (DdExportWriter *self,
                           DdPage         *page,
                           GError        **error)
{
  g_return_val_if_fail (DD_IS_EXPORT_WRITER (self), FALSE);
  g_return_val_if_fail (page != NULL, FALSE);
  g_return_val_if_fail (!self->closed, FALSE);

  if (add_rendered_page (self, page))
    return dd_export_maybe_flush (self, error);
  for (guint i = 0; i < dd_page_get_n_items (page); i++)
    {
      gsize len = 0;
      const char *item = dd_page_get_item (page, i, &len);

      if (!add_checked_item (self, item, len, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
dd_export_writer_add_item (DdExportWriter *self,
                           const char     *typed_json,
                           gsize           len,
                           GError        **error)
{
  g_autoptr(GString) text = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(DdPage) page = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (DD_IS_EXPORT_WRITER (self), FALSE);
  g_return_val_if_fail (typed_json != NULL, FALSE);
  g_return_val_if_fail (!self->closed, FALSE);

  /* Checked as a one-item page: the same checks as pages get. */
  text = g_string_sized_new (len + 16);
  g_string_append (text, "{\"Items\":[");
  g_string_append_len (text, typed_json, (gssize) len);
  g_string_append (text, "]}");
  bytes = g_string_free_to_bytes (g_steal_pointer (&text));
  page = dd_page_parse (bytes, &local_error);
  if (page == NULL || dd_page_get_n_items (page) != 1)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("Not one item: %s"),
                   local_error != NULL ? local_error->message : _("several values"));
      return FALSE;
    }
  return dd_export_writer_add_page (self, page, error);
}

/* Finish and abort ----------------------------------------------------- */

static gboolean
finish_files (DdExportWriter *self,
              GError        **error)
{
  if (self->format == DD_EXPORT_FORMAT_CSV && !dd_export_csv_finish (self, error))
    return FALSE;
  if (self->format == DD_EXPORT_FORMAT_JSON)
    g_string_append (self->out, self->n_items > 0 ? "\n]\n" : "]\n");
  if (!dd_export_flush_out (self, error))
    return FALSE;
  if (fsync (self->fd) != 0)
    return dd_export_set_io_error (error, errno, DD_EXPORT_IO_WRITE, self->target_path);
  if (close (self->fd) != 0)
    {
      self->fd = -1;
      return dd_export_set_io_error (error, errno, DD_EXPORT_IO_WRITE, self->target_path);
    }
  self->fd = -1;
  if (g_rename (self->tmp_path, self->target_path) != 0)
    return dd_export_set_io_error (error, errno, DD_EXPORT_IO_REPLACE, self->target_path);
  g_clear_pointer (&self->tmp_path, g_free);
  return TRUE;
}

gboolean
dd_export_writer_finish (DdExportWriter *self,
                         GError        **error)
{
  g_return_val_if_fail (DD_IS_EXPORT_WRITER (self), FALSE);
  g_return_val_if_fail (!self->closed, FALSE);

  if (!finish_files (self, error))
    {
      dd_export_writer_abort (self);
      return FALSE;
    }
  close_files (self);
  self->closed = TRUE;
  return TRUE;
}

void
dd_export_writer_abort (DdExportWriter *self)
{
  g_return_if_fail (DD_IS_EXPORT_WRITER (self));

  close_files (self);
  if (self->tmp_path != NULL)
    g_unlink (self->tmp_path);
  g_clear_pointer (&self->tmp_path, g_free);
  g_string_truncate (self->out, 0);
  self->closed = TRUE;
}

guint64
dd_export_writer_get_n_items (DdExportWriter *self)
{
  g_return_val_if_fail (DD_IS_EXPORT_WRITER (self), 0);
  return self->n_items;
}

/* Whole pager ---------------------------------------------------------- */

typedef struct
{
  DdPager      *pager;
  gulong        page_id;
  GCancellable *inner;
  gulong        outer_id;
  GError       *write_error;
} WritePager;

static void
write_pager_free (WritePager *wp)
{
  g_clear_signal_handler (&wp->page_id, wp->pager);
  g_clear_object (&wp->pager);
  g_clear_object (&wp->inner);
  g_clear_error (&wp->write_error);
  g_free (wp);
}

static void
write_pager_page_cb (DdPager *pager,
                     DdPage  *page,
                     GTask   *task)
{
  DdExportWriter *self = g_task_get_source_object (task);
  WritePager *wp = g_task_get_task_data (task);

  if (wp->write_error == NULL && !dd_export_writer_add_page (self, page, &wp->write_error))
    g_cancellable_cancel (wp->inner);
}

static void
finish_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;

  if (dd_export_writer_finish (source_object, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
write_pager_fetched_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DdExportWriter *self = g_task_get_source_object (task);
  WritePager *wp = g_task_get_task_data (task);
  GCancellable *outer = g_task_get_cancellable (task);
  GError *error = NULL;

  if (outer != NULL)
    g_cancellable_disconnect (outer, wp->outer_id);
  dd_pager_fetch_all_finish (DD_PAGER (object), result, &error);
  dd_pager_set_parsed_func (wp->pager, NULL, NULL);
  g_clear_signal_handler (&wp->page_id, wp->pager);
  g_clear_object (&wp->pager);
  if (wp->write_error != NULL)
    {
      g_clear_error (&error);
      error = g_steal_pointer (&wp->write_error);
    }
  if (error != NULL)
    {
      dd_export_writer_abort (self);
      g_task_return_error (task, error);
      return;
    }
  /* The CSV header goes before a spool that may be large: off the loop. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, finish_thread);
}

static void
outer_cancelled_cb (GCancellable *outer,
                    GCancellable *inner)
{
  g_cancellable_cancel (inner);
}

void
dd_export_writer_write_pager_async (DdExportWriter      *self,
                                    DdPager             *pager,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WritePager *wp;

  g_return_if_fail (DD_IS_EXPORT_WRITER (self));
  g_return_if_fail (DD_IS_PAGER (pager));
  g_return_if_fail (!self->closed);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_export_writer_write_pager_async);
  wp = g_new0 (WritePager, 1);
  wp->pager = g_object_ref (pager);
  wp->inner = g_cancellable_new ();
  g_task_set_task_data (task, wp, (GDestroyNotify) write_pager_free);
  wp->page_id = g_signal_connect (pager, "page", G_CALLBACK (write_pager_page_cb), task);
  if (self->format == DD_EXPORT_FORMAT_JSON_LINES && !self->typed)
    dd_pager_set_parsed_func (pager, render_page_plain, self);
  if (cancellable != NULL)
    wp->outer_id = g_cancellable_connect (cancellable, G_CALLBACK (outer_cancelled_cb),
                                          wp->inner, NULL);
  dd_pager_fetch_all_async (pager, wp->inner, write_pager_fetched_cb, g_steal_pointer (&task));
}

gboolean
dd_export_writer_write_pager_finish (DdExportWriter *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  g_return_val_if_fail (DD_IS_EXPORT_WRITER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Object --------------------------------------------------------------- */

DdExportWriter *
dd_export_writer_new (GFile              *target,
                      DdExportFormat      format,
                      gboolean            typed,
                      const char * const *key_names,
                      char                delimiter,
                      GError            **error)
{
  g_autoptr(DdExportWriter) self = NULL;

  g_return_val_if_fail (G_IS_FILE (target), NULL);
  g_return_val_if_fail (format <= DD_EXPORT_FORMAT_JSON_LINES, NULL);
  g_return_val_if_fail (delimiter != '"' && delimiter != '\r' && delimiter != '\n', NULL);
  g_return_val_if_fail ((guchar) delimiter < 0x80, NULL);

  self = g_object_new (DD_TYPE_EXPORT_WRITER, NULL);
  self->format = format;
  self->typed = typed;
  self->delimiter = delimiter != '\0' ? delimiter : ',';
  self->target_path = g_file_get_path (target);
  if (self->target_path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Export goes to local files only"));
      self->closed = TRUE;
      return NULL;
    }
  for (guint i = 0; key_names != NULL && key_names[i] != NULL; i++)
    dd_export_csv_column (self, key_names[i]);
  if (!open_files (self, error))
    {
      dd_export_writer_abort (self);
      return NULL;
    }
  if (format == DD_EXPORT_FORMAT_JSON)
    g_string_append_c (self->out, '[');
  return g_steal_pointer (&self);
}

static void
dd_export_writer_finalize (GObject *object)
{
  DdExportWriter *self = DD_EXPORT_WRITER (object);

  if (!self->closed)
    dd_export_writer_abort (self);
  g_free (self->target_path);
  g_free (self->tmp_path);
  g_string_free (self->out, TRUE);
  g_string_free (self->scratch, TRUE);
  g_string_free (self->row, TRUE);
  g_ptr_array_unref (self->columns);
  g_hash_table_unref (self->column_index);
  g_array_unref (self->fields);
  G_OBJECT_CLASS (dd_export_writer_parent_class)->finalize (object);
}

static void
dd_export_writer_class_init (DdExportWriterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_export_writer_finalize;
}

static void
dd_export_writer_init (DdExportWriter *self)
{
  self->fd = -1;
  self->spool_fd = -1;
  self->out = g_string_sized_new (FLUSH_SIZE + 4096);
  self->scratch = g_string_new (NULL);
  self->row = g_string_new (NULL);
  self->columns = g_ptr_array_new_with_free_func (g_free);
  self->column_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->fields = g_array_new (FALSE, TRUE, sizeof (Field));
}
