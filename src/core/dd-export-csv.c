/* dd-export-csv.c: the CSV writer of dd-export.c.
 *
 * Columns are known only once every item is read, so each row is spooled
 * (to an unlinked file) with its field count; at the end the header is
 * written, then the rows are copied back, padded to the full width.
 * Fields are quoted when they hold the delimiter, a quote or a line
 * break (RFC 4180), and when they are empty: "" is an empty string (or
 * binary), while NULL and a missing attribute are an empty, unquoted
 * field, as dd-import reads them back.
 */
#define G_LOG_DOMAIN "dd-export"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <gio/gunixinputstream.h>
#include <glib/gi18n-lib.h>

#include "dd-attr.h"
#include "dd-error.h"
#include "dd-export-csv.h"
#include "dd-export-private.h"
#include "dd-page.h"

guint
dd_export_csv_column (DdExportWriter *self,
                      const char     *name)
{
  guint idx = GPOINTER_TO_UINT (g_hash_table_lookup (self->column_index, name));
  char *copy;

  if (idx > 0)
    return idx - 1;
  copy = g_strdup (name);
  g_ptr_array_add (self->columns, copy);
  g_hash_table_insert (self->column_index, copy, GUINT_TO_POINTER (self->columns->len));
  return self->columns->len - 1;
}

static void
append_csv_field (DdExportWriter *self,
                  GString        *out,
                  const char     *text,
                  gsize           len)
{
  gboolean quote = len == 0;

  for (gsize i = 0; i < len && !quote; i++)
    quote = text[i] == self->delimiter || text[i] == '"' || text[i] == '\r' || text[i] == '\n';
  if (!quote)
    {
      g_string_append_len (out, text, (gssize) len);
      return;
    }
  g_string_append_c (out, '"');
  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, text[i]);
    }
  g_string_append_c (out, '"');
}

/* The text of one typed value in a plain CSV field, appended to out. */
static gboolean
append_plain_scalar (GString         *out,
                     const char      *text,
                     const jsmntok_t *value,
                     GError         **error)
{
  const jsmntok_t *type, *inner;
  gsize len = 0;
  const char *raw = dd_jsmn_raw (text, value, &len);

  if (value->type != JSMN_OBJECT || value->size != 1)
    {
      g_set_error_literal (error, DD_ERROR, DD_ERROR_INVALID_INPUT,
                           _("An attribute value is not a type descriptor"));
      return FALSE;
    }
  type = value + 1;
  inner = value + 2;
  if (inner->type == JSMN_STRING
      && (dd_jsmn_equal (text, type, "S") || dd_jsmn_equal (text, type, "N")
          || dd_jsmn_equal (text, type, "B")))
    dd_page_append_unescaped (out, text + inner->start, (gsize) (inner->end - inner->start));
  else if (dd_jsmn_equal (text, type, "BOOL") && inner->type == JSMN_PRIMITIVE)
    g_string_append_len (out, text + inner->start, inner->end - inner->start);
  else if (dd_jsmn_equal (text, type, "NULL"))
    return TRUE;
  else
    return dd_attr_value_append_plain (out, raw, (gssize) len, error);
  return TRUE;
}

/* Fills self->fields and self->row for one item. */
static gboolean
build_row (DdExportWriter  *self,
           const char      *text,
           const jsmntok_t *tokens,
           int              n_tokens,
           GError         **error)
{
  int j = 1;

  g_string_truncate (self->row, 0);
  for (guint c = 0; c < self->fields->len; c++)
    g_array_index (self->fields, Field, c).set = FALSE;
  for (int m = 0; m < tokens[0].size; m++)
    {
      Field f = { self->row->len, 0, TRUE };
      guint col;

      g_string_truncate (self->scratch, 0);
      dd_page_append_unescaped (self->scratch, text + tokens[j].start,
                                (gsize) (tokens[j].end - tokens[j].start));
      col = dd_export_csv_column (self, self->scratch->str);
      if (self->typed)
        {
          gsize len = 0;
          const char *raw = dd_jsmn_raw (text, &tokens[j + 1], &len);

          g_string_append_len (self->row, raw, (gssize) len);
        }
      else if (!append_plain_scalar (self->row, text, &tokens[j + 1], error))
        return FALSE;
      else
        f.set = !dd_jsmn_equal (text, &tokens[j + 2], "NULL");
      f.len = self->row->len - f.offset;
      if (col >= self->fields->len)
        g_array_set_size (self->fields, col + 1);
      g_array_index (self->fields, Field, col) = f;
      j = dd_jsmn_skip (tokens, n_tokens, j + 1);
    }
  return TRUE;
}

/* Spools the row as: field count, byte length (host order), bytes. */
static void
spool_row (DdExportWriter *self)
{
  guint32 header[2] = { self->columns->len, 0 };
  gsize start;

  g_string_append_len (self->out, (const char *) header, sizeof header);
  start = self->out->len;
  for (guint c = 0; c < self->columns->len; c++)
    {
      if (c > 0)
        g_string_append_c (self->out, self->delimiter);
      if (c < self->fields->len && g_array_index (self->fields, Field, c).set)
        {
          Field *f = &g_array_index (self->fields, Field, c);

          append_csv_field (self, self->out, self->row->str + f->offset, f->len);
        }
    }
  header[1] = (guint32) (self->out->len - start);
  memcpy (self->out->str + start - sizeof header, header, sizeof header);
}

gboolean
dd_export_csv_add_item (DdExportWriter  *self,
                        const char      *text,
                        const jsmntok_t *tokens,
                        int              n_tokens,
                        GError         **error)
{
  guint n_columns = self->columns->len;

  if (!build_row (self, text, tokens, n_tokens, error))
    {
      /* No column for an item that was not written. */
      for (guint c = n_columns; c < self->columns->len; c++)
        g_hash_table_remove (self->column_index, self->columns->pdata[c]);
      g_ptr_array_set_size (self->columns, n_columns);
      return FALSE;
    }
  spool_row (self);
  return TRUE;
}

static gboolean
copy_spool_row (DdExportWriter *self,
                GInputStream   *in,
                GError        **error)
{
  guint32 header[2];
  gsize got = 0;
  gsize old_len = self->out->len;

  if (!g_input_stream_read_all (in, header, sizeof header, &got, NULL, error))
    return FALSE;
  if (got == 0)
    return TRUE;
  g_string_set_size (self->out, old_len + header[1]);
  if (got != sizeof header
      || !g_input_stream_read_all (in, self->out->str + old_len, header[1], &got, NULL, error)
      || got != header[1])
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The CSV row spool is truncated"));
      return FALSE;
    }
  /* Pad to the final width. A row spooled before any column was known
   * (an item without attributes) is one empty field, not zero. */
  for (guint c = MAX (header[0], 1); c < self->columns->len; c++)
    g_string_append_c (self->out, self->delimiter);
  g_string_append (self->out, "\r\n");
  return dd_export_maybe_flush (self, error);
}

gboolean
dd_export_csv_finish (DdExportWriter *self,
                      GError        **error)
{
  g_autoptr(GInputStream) raw = NULL;
  g_autoptr(GInputStream) in = NULL;
  int spool_fd = self->spool_fd;

  if (!dd_export_flush_out (self, error))
    return FALSE;
  self->spool_fd = -1;   /* from now on out goes to fd */
  raw = g_unix_input_stream_new (spool_fd, TRUE);
  in = g_buffered_input_stream_new_sized (raw, FLUSH_SIZE);
  if (lseek (spool_fd, 0, SEEK_SET) < 0)
    return dd_export_set_io_error (error, errno, DD_EXPORT_IO_READ_BACK, self->tmp_path);
  for (guint c = 0; c < self->columns->len; c++)
    {
      if (c > 0)
        g_string_append_c (self->out, self->delimiter);
      append_csv_field (self, self->out, self->columns->pdata[c], strlen (self->columns->pdata[c]));
    }
  if (self->columns->len > 0)
    g_string_append (self->out, "\r\n");
  for (guint64 i = 0; i < self->n_items; i++)
    if (!copy_spool_row (self, in, error))
      return FALSE;
  return TRUE;
}
