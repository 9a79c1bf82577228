/* dd-import-reader.c: the records of an import file.
 *
 * Written here, byte by byte over a buffer, because the resume point
 * needs the exact byte offset, line and column after each record, and no
 * GLib or json-glib reader exposes them while streaming. Each record's
 * text is converted by dd-attr (numbers keep their digits). The JSON
 * readers are in dd-import-reader-json.c, the CSV reader in
 * dd-import-reader-csv.c.
 */
#define G_LOG_DOMAIN "dd-import-reader"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "dd-attr.h"
#include "dd-error.h"
#include "dd-import-reader-csv.h"
#include "dd-import-reader-json.h"
#include "dd-import-reader-private.h"

/* --- Reading bytes with their position --- */

/* The next byte, or -1 at the end of the file (or on error, set). */
static int
input_peek (Input   *in,
            GError **error)
{
  gssize n;

  if (in->pos < in->len)
    return in->buf[in->pos];
  if (in->eof)
    return -1;
  n = g_input_stream_read (in->stream, in->buf, BUFFER_SIZE, NULL, error);
  if (n <= 0)
    {
      in->eof = TRUE;
      return -1;
    }
  in->len = n;
  in->pos = 0;
  return in->buf[0];
}

static void
input_advance (Input *in)
{
  guint8 c = in->buf[in->pos++];

  in->offset++;
  if (c == '\n')
    {
      in->line++;
      in->column = 1;
    }
  else if ((c & 0xC0) != 0x80 && c != '\r')
    in->column++;
}

static int
input_next (Input   *in,
            GError **error)
{
  int c = input_peek (in, error);

  if (c >= 0)
    input_advance (in);
  return c;
}

static gboolean
input_seek (Input                  *in,
            const DdImportPosition *pos,
            GError                **error)
{
  if (!g_seekable_seek (G_SEEKABLE (in->stream), pos->offset, G_SEEK_SET, NULL, error))
    return FALSE;
  in->len = in->pos = 0;
  in->eof = FALSE;
  in->offset = pos->offset;
  in->line = pos->line;
  in->column = pos->column;
  return TRUE;
}

/* --- The readers --- */



void
dd_import_reader_free (DdImportReader *r)
{
  g_clear_object (&r->in.stream);
  g_free (r->in.buf);
  g_clear_pointer (&r->header, g_ptr_array_unref);
  g_free (r->name);
  g_clear_error (&r->read_error);
  g_free (r);
}

int
dd_import_reader_peek (DdImportReader *r)
{
  return input_peek (&r->in, r->read_error ? NULL : &r->read_error);
}

int
dd_import_reader_advance (DdImportReader *r)
{
  return input_next (&r->in, r->read_error ? NULL : &r->read_error);
}

void
dd_import_reader_error_at (DdImportReader      *r,
                           GError     **error,
                           int          code,
                           guint        line,
                           guint        column,
                           const char  *format,
                           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, DD_ERROR, code, "%s:%u:%u: %s", r->name, line, column, message);
}

/* A read error wins over what the reader made of the missing bytes. */
gboolean
dd_import_reader_take_read_error (DdImportReader *r,
                                  GError        **error)
{
  if (r->read_error == NULL)
    return FALSE;
  g_propagate_prefixed_error (error, g_steal_pointer (&r->read_error), "%s: ", r->name);
  return TRUE;
}

/* dd-attr's "line L, column C: message" placed at the record's position. */
void
dd_import_reader_relocate_error (DdImportReader *r,
                                 GError         *attr_error,
                                 guint           line,
                                 guint           column,
                                 GError        **error)
{
  guint l = 0, c = 0;
  int consumed = 0;
  const char *message = attr_error->message;

  if (sscanf (message, "line %u, column %u: %n", &l, &c, &consumed) == 2 && consumed > 0)
    {
      message += consumed;
      column = l <= 1 ? column + c - 1 : c;
      line += l > 0 ? l - 1 : 0;
    }
  dd_import_reader_error_at (r, error, attr_error->code, line, column, "%s", message);
}

char *
dd_import_reader_convert_item (DdImportReader *r,
                               GString        *text,
                               guint           line,
                               guint           column,
                               GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  char *typed = dd_attr_item_to_typed (text->str, text->len, r->reading, &local_error);

  if (typed == NULL)
    dd_import_reader_relocate_error (r, local_error, line, column, error);
  return typed;
}

/* A JSON number literal without leading zeros: "007" is not one. */
gboolean
dd_import_looks_like_number (const char *p)
{
  if (*p == '-')
    p++;
  if (*p == '0')
    p++;
  else if (g_ascii_isdigit (*p))
    while (g_ascii_isdigit (*p))
      p++;
  else
    return FALSE;
  if (*p == '.')
    {
      if (!g_ascii_isdigit (*++p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  if (*p == 'e' || *p == 'E')
    {
      p++;
      if (*p == '+' || *p == '-')
        p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  return *p == '\0';
}

char *
dd_import_reader_next (DdImportReader *r,
                       GError        **error)
{
  switch (r->format)
    {
    case DD_IMPORT_FORMAT_JSON_LINES:
      return dd_import_reader_json_line (r, error);
    case DD_IMPORT_FORMAT_JSON:
      return dd_import_reader_json_element (r, error);
    case DD_IMPORT_FORMAT_CSV:
      return dd_import_reader_csv_item (r, error);
    case DD_IMPORT_FORMAT_AUTO:
    default:
      g_assert_not_reached ();
    }
}

DdImportReader *
dd_import_reader_new (const char             *path,
                      DdImportFormat          format,
                      DdAttrReading           reading,
                      char                    delimiter,
                      GHashTable             *column_types,
                      const DdImportPosition *pos,
                      GError                **error)
{
  g_autoptr(DdImportReader) r = g_new0 (DdImportReader, 1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  DdImportPosition top = { 0, 0, 1, 1 };

  g_return_val_if_fail (format != DD_IMPORT_FORMAT_AUTO, NULL);

  r->in.stream = (GInputStream *) g_file_read (file, NULL, error);
  if (r->in.stream == NULL)
    return NULL;
  r->in.buf = g_malloc (BUFFER_SIZE);
  r->format = format;
  r->reading = reading;
  r->delimiter = delimiter;
  r->column_types = column_types;
  r->name = g_strdup (path);
  if (!input_seek (&r->in, &top, error))
    return NULL;
  if (r->format == DD_IMPORT_FORMAT_CSV && !dd_import_reader_csv_header (r, error))
    return NULL;
  r->started = pos->offset > 0;
  if (r->format == DD_IMPORT_FORMAT_JSON && r->started)
    {
      /* Resuming inside the items: whether an object is around them. */
      dd_import_reader_skip_space (r);
      r->wrapped = dd_import_reader_peek (r) == '{';
    }
  if (pos->offset > 0 && !input_seek (&r->in, pos, error))
    return NULL;
  return g_steal_pointer (&r);
}

void
dd_import_reader_get_position (DdImportReader   *r,
                               DdImportPosition *pos)
{
  pos->offset = r->in.offset;
  pos->line = r->in.line;
  pos->column = r->in.column;
}
