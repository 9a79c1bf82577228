/* dd-cli-output.c: where dynamo-desk-cli writes, and how it lays out JSON. */
#define G_LOG_DOMAIN "dynamo-desk-cli"

#include "config.h"

#include <errno.h>
#include <gio/gunixoutputstream.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>

#include "dd-cli-output.h"

struct _DdCliOutput
{
  GOutputStream *stream;
  char          *path;     /* NULL for standard output */
  gboolean       is_file;
  gboolean       done;
};

/* A write error that names where: "Could not write “FILE”: No space left
 * on device" (GIO's own message says "Error writing to file"). */
static gboolean
write_failed (DdCliOutput *self,
              GError     **error,
              GError      *local_error)
{
  const char *why = g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NO_SPACE)
                    ? g_strerror (ENOSPC) : local_error->message;

  if (self->path != NULL)
    g_set_error (error, local_error->domain, local_error->code, _("Could not write “%s”: %s"), self->path, why);
  else
    g_set_error (error, local_error->domain, local_error->code, _("Could not write standard output: %s"), why);
  g_error_free (local_error);
  return FALSE;
}

DdCliOutput *
dd_cli_output_open (const char *path,
                    GError    **error)
{
  g_autoptr(DdCliOutput) self = g_new0 (DdCliOutput, 1);

  if (path == NULL || g_str_equal (path, "-"))
    {
      self->stream = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
      return g_steal_pointer (&self);
    }

  {
    g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
    /* g_file_replace writes a temporary file and renames it on close. */
    GFileOutputStream *stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);

    if (stream == NULL)
      return NULL;
    self->stream = G_OUTPUT_STREAM (stream);
    self->path = g_strdup (path);
    self->is_file = TRUE;
  }
  return g_steal_pointer (&self);
}

GOutputStream *
dd_cli_output_stream (DdCliOutput *self)
{
  return self->stream;
}

gboolean
dd_cli_output_write (DdCliOutput *self,
                     const char  *data,
                     gssize       len,
                     GError     **error)
{
  GError *local_error = NULL;

  if (len < 0)
    len = strlen (data);
  if (!g_output_stream_write_all (self->stream, data, len, NULL, NULL, &local_error))
    return write_failed (self, error, local_error);
  return TRUE;
}

gboolean
dd_cli_output_commit (DdCliOutput *self,
                      GError     **error)
{
  GError *local_error = NULL;
  gboolean ok;

  self->done = TRUE;
  if (!self->is_file)
    ok = g_output_stream_flush (self->stream, NULL, &local_error);
  else
    ok = g_output_stream_close (self->stream, NULL, &local_error);
  return ok ? TRUE : write_failed (self, error, local_error);
}

void
dd_cli_output_abort (DdCliOutput *self)
{
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();

  if (self->done)
    return;
  self->done = TRUE;
  if (!self->is_file)
    return;
  /* Closing a replace stream with a cancelled cancellable removes the
   * temporary file and keeps the previous one. */
  g_cancellable_cancel (cancelled);
  g_output_stream_close (self->stream, cancelled, NULL);
}

void
dd_cli_output_free (DdCliOutput *self)
{
  if (self == NULL)
    return;
  dd_cli_output_abort (self);
  g_clear_object (&self->stream);
  g_free (self->path);
  g_free (self);
}

static void
newline (GString *out,
         int      depth)
{
  g_string_append_c (out, '\n');
  for (int i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

/* Copies the string literal starting at json[i] (a '"'); returns the index
 * after its closing quote. */
static gsize
copy_string (GString    *out,
             const char *json,
             gsize       len,
             gsize       i)
{
  gsize start = i++;

  while (i < len && json[i] != '"')
    i += json[i] == '\\' ? 2 : 1;
  i = MIN (i + 1, len);
  g_string_append_len (out, json + start, i - start);
  return i;
}

static gboolean
next_is_close (const char *json,
               gsize       len,
               gsize       i)
{
  while (i < len && g_ascii_isspace (json[i]))
    i++;
  return i < len && (json[i] == '}' || json[i] == ']');
}

void
dd_cli_pretty_json (GString    *out,
                    const char *json,
                    gsize       len)
{
  int depth = 0;

  for (gsize i = 0; i < len;)
    {
      char c = json[i];

      if (c == '"')
        {
          i = copy_string (out, json, len, i);
          continue;
        }
      i++;
      if (g_ascii_isspace (c))
        continue;
      if (c == '{' || c == '[')
        {
          g_string_append_c (out, c);
          if (next_is_close (json, len, i))
            continue;
          newline (out, ++depth);
        }
      else if (c == '}' || c == ']')
        {
          if (out->len > 0 && out->str[out->len - 1] != '{' && out->str[out->len - 1] != '[')
            newline (out, --depth);
          g_string_append_c (out, c);
        }
      else if (c == ',')
        {
          g_string_append_c (out, c);
          newline (out, depth);
        }
      else if (c == ':')
        g_string_append (out, ": ");
      else
        g_string_append_c (out, c);
    }
}
