/* dd-import.c: JSON Lines, JSON arrays and CSV into a table, resumable.
 *
 * The readers are written here, byte by byte over a buffer, because the
 * resume point needs the exact byte offset, line and column after each
 * record, and no GLib or json-glib reader exposes them while streaming.
 * Each record's text is converted by dd-attr (numbers keep their digits).
 */
#define G_LOG_DOMAIN "dd-import"

#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "dd-attr.h"
#include "dd-batch-writer.h"
#include "dd-client.h"
#include "dd-error.h"
#include "dd-import.h"

#define BUFFER_SIZE (64 * 1024)
#define MAX_RECORD_SIZE (16 * 1024 * 1024)
#define SAVE_INTERVAL_USEC (250 * 1000)

/* --- Reading bytes with their position --- */

typedef struct
{
  GInputStream *stream;
  guint8       *buf;
  gsize         len;
  gsize         pos;
  gboolean      eof;
  guint64       offset;  /* of buf[pos] in the file */
  guint         line;
  guint         column;
} Input;

typedef struct
{
  guint64 offset;
  guint64 records;  /* records before offset */
  guint   line;
  guint   column;
} Position;

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
input_seek (Input          *in,
            const Position *pos,
            GError        **error)
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

typedef struct
{
  Input           in;
  DdImportFormat  format;
  DdAttrReading   reading;
  char            delimiter;
  GHashTable     *column_types;  /* name -> type, borrowed */
  GPtrArray      *header;
  gboolean        started;       /* JSON: the '[' was read */
  gboolean        finished;
  char           *name;          /* the file, for messages */
  GError         *read_error;    /* an I/O error met by input_peek */
} Reader;

static void
reader_free (Reader *r)
{
  g_clear_object (&r->in.stream);
  g_free (r->in.buf);
  g_clear_pointer (&r->header, g_ptr_array_unref);
  g_free (r->name);
  g_clear_error (&r->read_error);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reader, reader_free)

static int
peek (Reader *r)
{
  return input_peek (&r->in, r->read_error ? NULL : &r->read_error);
}

static int
next (Reader *r)
{
  return input_next (&r->in, r->read_error ? NULL : &r->read_error);
}

static void G_GNUC_PRINTF (6, 7)
set_error_at (Reader      *r,
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
static gboolean
take_read_error (Reader  *r,
                 GError **error)
{
  if (r->read_error == NULL)
    return FALSE;
  g_propagate_prefixed_error (error, g_steal_pointer (&r->read_error), "%s: ", r->name);
  return TRUE;
}

/* dd-attr's "line L, column C: message" placed at the record's position. */
static void
relocate_error (Reader   *r,
                GError   *attr_error,
                guint     line,
                guint     column,
                GError  **error)
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
  set_error_at (r, error, attr_error->code, line, column, "%s", message);
}

static char *
convert_item (Reader     *r,
              GString    *text,
              guint       line,
              guint       column,
              GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  char *typed = dd_attr_item_to_typed (text->str, text->len, r->reading, &local_error);

  if (typed == NULL)
    relocate_error (r, local_error, line, column, error);
  return typed;
}

static char *
read_json_line (Reader  *r,
                GError **error)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (;;)
    {
      guint line = r->in.line;
      int c;

      g_string_truncate (text, 0);
      while ((c = next (r)) >= 0 && c != '\n')
        {
          if (text->len >= MAX_RECORD_SIZE)
            {
              set_error_at (r, error, DD_ERROR_INVALID_INPUT, line, 1, "the line is longer than %d bytes", MAX_RECORD_SIZE);
              return NULL;
            }
          g_string_append_c (text, c);
        }
      if (take_read_error (r, error))
        return NULL;
      if (text->len > 0 && text->str[text->len - 1] == '\r')
        g_string_truncate (text, text->len - 1);
      g_strstrip (text->str);
      if (*text->str != '\0')
        {
          text->len = strlen (text->str);
          return convert_item (r, text, line, 1, error);
        }
      if (c < 0)
        return NULL;
    }
}

static void
skip_space (Reader *r)
{
  int c;

  while ((c = peek (r)) == ' ' || c == '\t' || c == '\n' || c == '\r')
    next (r);
}

/* One element of the array, an object, copied whole. */
static gboolean
scan_object (Reader   *r,
             GString  *text,
             GError  **error)
{
  guint line = r->in.line, column = r->in.column;
  guint depth = 0;
  gboolean in_string = FALSE, escaped = FALSE;
  int c;

  while ((c = next (r)) >= 0)
    {
      g_string_append_c (text, c);
      if (in_string)
        {
          if (escaped)
            escaped = FALSE;
          else if (c == '\\')
            escaped = TRUE;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        depth++;
      else if ((c == '}' || c == ']') && --depth == 0)
        return TRUE;
      if (text->len >= MAX_RECORD_SIZE)
        break;
    }
  if (!take_read_error (r, error))
    set_error_at (r, error, DD_ERROR_INVALID_JSON, line, column,
                  c < 0 ? "the item is not closed before the end of the file" : "the item is larger than %d bytes",
                  MAX_RECORD_SIZE);
  return FALSE;
}

/* Consumes what comes before the next element: '[' or ','. FALSE at the
 * end of the array or on error. */
static gboolean
json_before_element (Reader   *r,
                     GError  **error)
{
  int c;

  skip_space (r);
  c = peek (r);
  if (!r->started)
    {
      if (c != '[')
        {
          set_error_at (r, error, DD_ERROR_INVALID_JSON, r->in.line, r->in.column,
                        "expected '[': a JSON array of items");
          return FALSE;
        }
      next (r);
      r->started = TRUE;
      skip_space (r);
      if (peek (r) != ']')
        return TRUE;
    }
  else if (c == ',')
    {
      next (r);
      skip_space (r);
      return TRUE;
    }
  else if (c != ']')
    {
      set_error_at (r, error, DD_ERROR_INVALID_JSON, r->in.line, r->in.column,
                    c < 0 ? "the array is not closed" : "expected ',' or ']' after an item");
      return FALSE;
    }
  next (r);
  r->finished = TRUE;
  skip_space (r);
  if (peek (r) >= 0)
    set_error_at (r, error, DD_ERROR_INVALID_JSON, r->in.line, r->in.column, "text after the end of the array");
  return FALSE;
}

static char *
read_json_element (Reader  *r,
                   GError **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint line, column;

  if (r->finished || !json_before_element (r, error))
    {
      take_read_error (r, error && *error == NULL ? error : NULL);
      return NULL;
    }
  line = r->in.line;
  column = r->in.column;
  if (peek (r) != '{')
    {
      set_error_at (r, error, DD_ERROR_INVALID_JSON, line, column, "expected an item (a JSON object)");
      return NULL;
    }
  if (!scan_object (r, text, error))
    return NULL;
  return convert_item (r, text, line, column, error);
}

/* --- CSV --- */

typedef struct
{
  GString  *text;
  gboolean  quoted;
  guint     line;
  guint     column;
} Field;

static void
field_free (Field *field)
{
  g_string_free (field->text, TRUE);
  g_free (field);
}

static gboolean
read_quoted (Reader   *r,
             Field    *field,
             GError  **error)
{
  int c;

  next (r);
  while ((c = next (r)) >= 0)
    {
      if (c == '"' && peek (r) != '"')
        break;
      if (c == '"')
        next (r);
      g_string_append_c (field->text, c);
      if (field->text->len >= MAX_RECORD_SIZE)
        break;
    }
  if (c != '"')
    {
      if (!take_read_error (r, error))
        set_error_at (r, error, DD_ERROR_INVALID_JSON, field->line, field->column,
                      "the quoted field is not closed");
      return FALSE;
    }
  c = peek (r);
  if (c >= 0 && c != r->delimiter && c != '\r' && c != '\n')
    {
      set_error_at (r, error, DD_ERROR_INVALID_JSON, r->in.line, r->in.column,
                    "expected a separator or the end of the line after a quoted field");
      return FALSE;
    }
  return TRUE;
}

/* One record's fields; FALSE with no fields at the end of the file. */
static gboolean
read_csv_record (Reader     *r,
                 GPtrArray  *fields,
                 GError    **error)
{
  int c;

  g_ptr_array_set_size (fields, 0);
  if (peek (r) < 0)
    return FALSE;
  for (;;)
    {
      Field *field = g_new0 (Field, 1);

      field->text = g_string_new (NULL);
      field->line = r->in.line;
      field->column = r->in.column;
      g_ptr_array_add (fields, field);
      if (peek (r) == '"')
        {
          field->quoted = TRUE;
          if (!read_quoted (r, field, error))
            return FALSE;
        }
      else
        while ((c = peek (r)) >= 0 && c != r->delimiter && c != '\r' && c != '\n')
          g_string_append_c (field->text, next (r));
      c = next (r);
      if (c == r->delimiter)
        continue;
      if (c == '\r' && peek (r) == '\n')
        next (r);
      return !take_read_error (r, error);
    }
}

static gboolean
is_blank_record (GPtrArray *fields)
{
  Field *first = fields->len == 1 ? g_ptr_array_index (fields, 0) : NULL;

  return first != NULL && !first->quoted && first->text->len == 0;
}

static gboolean
read_header (Reader  *r,
             GError **error)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  if (!read_csv_record (r, fields, error))
    {
      if (error == NULL || *error == NULL)
        set_error_at (r, error, DD_ERROR_INVALID_INPUT, 1, 1, "the file is empty: a CSV header is needed");
      return FALSE;
    }
  r->header = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < fields->len; i++)
    {
      Field *field = g_ptr_array_index (fields, i);

      if (field->text->len == 0 || g_hash_table_contains (seen, field->text->str))
        {
          set_error_at (r, error, DD_ERROR_INVALID_INPUT, field->line, field->column,
                        field->text->len ? "the column “%s” appears twice" : "a column has no name%s", field->text->str);
          return FALSE;
        }
      g_ptr_array_add (r->header, g_strdup (field->text->str));
      g_hash_table_add (seen, g_ptr_array_index (r->header, r->header->len - 1));
    }
  return TRUE;
}

/* A JSON value (plain or typed, as reading says) as a typed value node. */
static JsonNode *
value_from_json (Reader         *r,
                 const char     *text,
                 DdAttrReading   reading,
                 GError        **error)
{
  g_autofree char *wrapped = g_strdup_printf ("{\"v\":%s}", text);
  g_autofree char *typed = dd_attr_item_to_typed (wrapped, -1, reading, error);
  g_autoptr(JsonNode) root = typed ? json_from_string (typed, NULL) : NULL;

  if (root == NULL)
    return NULL;
  return json_node_copy (json_object_get_member (json_node_get_object (root), "v"));
}

static JsonNode *
typed_value (const char *type,
             JsonNode   *inner)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_member (object, type, inner);
  json_node_take_object (node, object);
  return node;
}

static JsonNode *
string_value (const char *type,
              const char *text)
{
  return typed_value (type, json_node_init_string (json_node_alloc (), text));
}

static JsonNode *
bool_value (const char *type,
            gboolean    value)
{
  return typed_value (type, json_node_init_boolean (json_node_alloc (), value));
}

static gboolean
is_base64 (const char *text)
{
  gsize len = strlen (text);

  if (len % 4 != 0)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (text[i]) && text[i] != '+' && text[i] != '/'
        && !(text[i] == '=' && i + 2 >= len))
      return FALSE;
  return TRUE;
}

/* A JSON number literal without leading zeros: "007" is not one. */
static gboolean
looks_like_number (const char *p)
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

/* A set from a JSON array of strings or numbers (or a typed set). */
static JsonNode *
set_value (Reader      *r,
           const char  *type,
           const char  *text,
           GError     **error)
{
  g_autoptr(JsonNode) value = value_from_json (r, text, DD_ATTR_READING_DETECT, error);
  const char *element_type = g_str_equal (type, "NS") ? "N" : "S";
  g_autoptr(JsonArray) set = json_array_new ();
  JsonObject *object;
  JsonArray *list;

  if (value == NULL)
    return NULL;
  object = json_node_get_object (value);
  if (json_object_has_member (object, type))
    return g_steal_pointer (&value);
  list = json_object_has_member (object, "L") ? json_object_get_array_member (object, "L") : NULL;
  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *element = json_array_get_object_element (list, i);
      const char *s = json_object_has_member (element, element_type)
                      ? json_object_get_string_member (element, element_type) : NULL;

      if (s == NULL || (g_str_equal (type, "BS") && !is_base64 (s)))
        list = NULL;
      else
        json_array_add_string_element (set, s);
    }
  if (list == NULL || json_array_get_length (set) == 0)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, "expected a non-empty JSON array for a %s", type);
      return NULL;
    }
  return typed_value (type, json_node_init_array (json_node_alloc (), set));
}

/* A cell read as type (NULL: inferred); NULL without error: left out. */
static JsonNode *
cell_value (Reader      *r,
            const char  *type,
            Field       *field,
            GError     **error)
{
  const char *text = field->text->str;

  if (field->text->len == 0 && !field->quoted)
    return type != NULL && g_str_equal (type, "NULL") ? bool_value ("NULL", TRUE) : NULL;
  if (r->reading == DD_ATTR_READING_TYPED)
    return value_from_json (r, text, DD_ATTR_READING_TYPED, error);
  if (type == NULL)
    {
      if (looks_like_number (text) && dd_attr_number_is_valid (text, field->text->len, NULL))
        return string_value ("N", text);
      if (g_str_equal (text, "true") || g_str_equal (text, "false"))
        return bool_value ("BOOL", *text == 't');
      if (*text == '[' || *text == '{')
        {
          JsonNode *value = value_from_json (r, text, DD_ATTR_READING_PLAIN, NULL);

          if (value != NULL)
            return value;
        }
      return string_value ("S", text);
    }
  if (g_str_equal (type, "S"))
    return string_value ("S", text);
  if (g_str_equal (type, "N"))
    {
      const char *reason = NULL;

      if (dd_attr_number_is_valid (text, field->text->len, &reason))
        return string_value ("N", text);
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, "not a number: %s", reason ? reason : text);
      return NULL;
    }
  if (g_str_equal (type, "B"))
    {
      if (is_base64 (text))
        return string_value ("B", text);
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, "not base64");
      return NULL;
    }
  if (g_str_equal (type, "BOOL"))
    {
      if (g_ascii_strcasecmp (text, "true") == 0 || g_ascii_strcasecmp (text, "false") == 0)
        return bool_value ("BOOL", g_ascii_tolower (*text) == 't');
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, "expected true or false");
      return NULL;
    }
  if (g_str_equal (type, "NULL"))
    return bool_value ("NULL", TRUE);
  if (g_str_equal (type, "SS") || g_str_equal (type, "NS") || g_str_equal (type, "BS"))
    return set_value (r, type, text, error);
  if (g_str_equal (type, "JSON"))
    return value_from_json (r, text, DD_ATTR_READING_PLAIN, error);
  {
    g_autoptr(JsonNode) value = value_from_json (r, text, DD_ATTR_READING_PLAIN, error);

    if (value != NULL && json_object_has_member (json_node_get_object (value), type))
      return g_steal_pointer (&value);
    if (value != NULL)
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, "expected a JSON %s", g_str_equal (type, "M") ? "object" : "array");
    return NULL;
  }
}

static char *
csv_item (Reader     *r,
          GPtrArray  *fields,
          guint       line,
          GError    **error)
{
  g_autoptr(JsonObject) item = json_object_new ();
  g_autoptr(JsonNode) root = NULL;

  if (fields->len != r->header->len)
    {
      set_error_at (r, error, DD_ERROR_INVALID_INPUT, line, 1, "%u fields where the header has %u",
                    fields->len, r->header->len);
      return NULL;
    }
  for (guint i = 0; i < fields->len; i++)
    {
      Field *field = g_ptr_array_index (fields, i);
      const char *name = g_ptr_array_index (r->header, i);
      const char *type = r->column_types ? g_hash_table_lookup (r->column_types, name) : NULL;
      g_autoptr(GError) local_error = NULL;
      JsonNode *value = cell_value (r, type, field, &local_error);

      if (local_error != NULL)
        {
          g_autofree char *message = g_strdup_printf ("column “%s”: %s", name, local_error->message);

          g_free (local_error->message);
          local_error->message = g_steal_pointer (&message);
          relocate_error (r, local_error, field->line, field->column, error);
          return NULL;
        }
      if (value != NULL)
        json_object_set_member (item, name, value);
    }
  root = json_node_init_object (json_node_alloc (), item);
  return json_to_string (root, FALSE);
}

static char *
read_csv_item (Reader  *r,
               GError **error)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);

  for (;;)
    {
      guint line = r->in.line;

      if (!read_csv_record (r, fields, error))
        return NULL;
      if (!is_blank_record (fields))
        return csv_item (r, fields, line, error);
    }
}

/* The next record as a typed item, or NULL: at the end, or with error. */
static char *
reader_next (Reader  *r,
             GError **error)
{
  switch (r->format)
    {
    case DD_IMPORT_FORMAT_JSON_LINES:
      return read_json_line (r, error);
    case DD_IMPORT_FORMAT_JSON:
      return read_json_element (r, error);
    case DD_IMPORT_FORMAT_CSV:
      return read_csv_item (r, error);
    case DD_IMPORT_FORMAT_AUTO:
    default:
      g_assert_not_reached ();
    }
}

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
  Position        start;
  Position        saved;
  gint64          saved_at;
  gboolean        dirty;
  GQueue          positions;      /* Position of each record pulled, not acknowledged */
  guint64         pulled;
  guint64         written;
  guint64         skipped;
  DdBatchWriter  *writer;
  Reader         *reader;
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
  g_clear_pointer (&self->reader, reader_free);
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
dd_import_set_format (DdImport       *self,
                      DdImportFormat  format)
{
  g_return_if_fail (DD_IS_IMPORT (self));
  self->format = format;
}

void
dd_import_set_reading (DdImport      *self,
                       DdAttrReading  reading)
{
  g_return_if_fail (DD_IS_IMPORT (self));
  self->reading = reading;
}

gboolean
dd_import_set_column_types (DdImport    *self,
                            const char  *spec,
                            GError     **error)
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
                       "“%s” is not NAME:TYPE with a type among S N B BOOL NULL SS NS BS L M JSON", parts[i]);
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

/* A reader of the input at pos (after the CSV header when pos is 0). */
static Reader *
open_reader (DdImport        *self,
             const Position  *pos,
             GError         **error)
{
  g_autoptr(Reader) r = g_new0 (Reader, 1);
  g_autoptr(GFile) file = g_file_new_for_path (self->path);
  Position top = { 0, 0, 1, 1 };

  r->in.stream = (GInputStream *) g_file_read (file, NULL, error);
  if (r->in.stream == NULL)
    return NULL;
  r->in.buf = g_malloc (BUFFER_SIZE);
  r->format = self->format;
  r->reading = self->reading;
  r->delimiter = self->delimiter;
  r->column_types = self->column_types;
  r->name = g_strdup (self->path);
  if (!input_seek (&r->in, &top, error))
    return NULL;
  if (r->format == DD_IMPORT_FORMAT_CSV && !read_header (r, error))
    return NULL;
  r->started = pos->offset > 0;
  if (pos->offset > 0 && !input_seek (&r->in, pos, error))
    return NULL;
  return g_steal_pointer (&r);
}

static Position
reader_position (Reader  *r,
                 guint64  records)
{
  Position pos = { r->in.offset, records, r->in.line, r->in.column };

  return pos;
}

/* --- The resume file --- */

static gboolean
save_state (DdImport  *self,
            gboolean   complete,
            GError   **error)
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
state_error (GError     **error,
             const char  *file,
             const char  *why)
{
  g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, "Cannot resume from %s: %s", file, why);
  return FALSE;
}

/* Reads the resume file into self->start; *complete when it says so. A
 * missing file is a fresh start. */
static gboolean
load_state (DdImport  *self,
            gboolean  *complete,
            GError   **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonObject *o;

  *complete = FALSE;
  if (self->resume_file == NULL || !g_file_test (self->resume_file, G_FILE_TEST_EXISTS))
    return TRUE;
  if (!json_parser_load_from_file (parser, self->resume_file, &local_error)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return state_error (error, self->resume_file, local_error ? local_error->message : "not a JSON object");
  o = json_node_get_object (json_parser_get_root (parser));
  if (json_object_get_int_member_with_default (o, "version", 0) != 1)
    return state_error (error, self->resume_file, "unknown version");
  if (g_strcmp0 (json_object_get_string_member_with_default (o, "table", NULL), self->table) != 0
      || g_strcmp0 (json_object_get_string_member_with_default (o, "format", NULL), format_name (self->format)) != 0)
    return state_error (error, self->resume_file, "it is the resume point of an import into another table or from another format");
  if ((guint64) json_object_get_int_member_with_default (o, "size", -1) != self->input_size
      || json_object_get_int_member_with_default (o, "mtime", -1) != self->input_mtime)
    return state_error (error, self->resume_file, "the input file has changed since (size or modification time)");
  self->start.offset = json_object_get_int_member_with_default (o, "offset", 0);
  self->start.records = json_object_get_int_member_with_default (o, "records", 0);
  self->start.line = json_object_get_int_member_with_default (o, "line", 1);
  self->start.column = json_object_get_int_member_with_default (o, "column", 1);
  *complete = json_object_get_boolean_member_with_default (o, "complete", FALSE);
  if (self->start.offset > self->input_size)
    return state_error (error, self->resume_file, "its offset is past the end of the input");
  return TRUE;
}

static gboolean
stat_input (DdImport  *self,
            GError   **error)
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
  g_autoptr(Reader) r = open_reader (self, &self->start, &error);
  char *item;

  while (r != NULL && (item = reader_next (r, &error)) != NULL)
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
  Position *pos;

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
import_source (gpointer      user_data,
               DdBatchKind  *kind,
               char        **item,
               GError      **error)
{
  DdImport *self = user_data;
  Position *pos;

  *item = reader_next (self->reader, error);
  if (*item == NULL)
    return FALSE;
  self->pulled++;
  pos = g_new (Position, 1);
  *pos = reader_position (self->reader, self->start.records + self->pulled);
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
  g_clear_pointer (&self->reader, reader_free);
  g_queue_clear_full (&self->positions, g_free);
  if (!save_state (self, ok, &save_error) && ok)
    {
      g_propagate_prefixed_error (&error, g_steal_pointer (&save_error),
                                  "The items were imported, but the resume point could not be saved: ");
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
  dd_batch_writer_run_async (self->writer, import_source, self, NULL, g_task_get_cancellable (task),
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
      const char *name = json_object_get_string_member_with_default (key, "AttributeName", NULL);
      const char *type = json_object_get_string_member_with_default (key, "KeyType", "");

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
      g_task_return_new_error (task, DD_ERROR, DD_ERROR_PROTOCOL, "DescribeTable gave no key schema for %s", self->table);
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
  dd_client_call_async (self->client, "DescribeTable", body, g_task_get_cancellable (task),
                        describe_cb, g_steal_pointer (&task));
}

void
dd_import_run_async (DdImport            *self,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) check = NULL;
  GError *error = NULL;
  gboolean complete = FALSE;
  Position top = { 0, 0, 1, 1 };

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
dd_import_run_finish (DdImport      *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
