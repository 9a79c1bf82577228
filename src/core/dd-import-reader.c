/* dd-import-reader.c: the records of an import file.
 *
 * Written here, byte by byte over a buffer, because the resume point
 * needs the exact byte offset, line and column after each record, and no
 * GLib or json-glib reader exposes them while streaming. Each record's
 * text is converted by dd-attr (numbers keep their digits).
 */
#define G_LOG_DOMAIN "dd-import-reader"

#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "dd-attr.h"
#include "dd-error.h"
#include "dd-import-reader.h"

#define BUFFER_SIZE (64 * 1024)
#define MAX_RECORD_SIZE (16 * 1024 * 1024)

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

struct _DdImportReader
{
  Input           in;
  DdImportFormat  format;
  DdAttrReading   reading;
  char            delimiter;
  GHashTable     *column_types;  /* name -> type, borrowed */
  GPtrArray      *header;
  gboolean        started;       /* JSON: the '[' was read */
  gboolean        wrapped;       /* JSON: the array is an object's "Items" */
  gboolean        finished;
  char           *name;          /* the file, for messages */
  GError         *read_error;    /* an I/O error met by input_peek */
};


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

static int
peek (DdImportReader *r)
{
  return input_peek (&r->in, r->read_error ? NULL : &r->read_error);
}

static int
next (DdImportReader *r)
{
  return input_next (&r->in, r->read_error ? NULL : &r->read_error);
}

static void G_GNUC_PRINTF (6, 7)
set_error_at (DdImportReader      *r,
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
take_read_error (DdImportReader *r,
                 GError        **error)
{
  if (r->read_error == NULL)
    return FALSE;
  g_propagate_prefixed_error (error, g_steal_pointer (&r->read_error), "%s: ", r->name);
  return TRUE;
}

/* dd-attr's "line L, column C: message" placed at the record's position. */
static void
relocate_error (DdImportReader *r,
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
  set_error_at (r, error, attr_error->code, line, column, "%s", message);
}

static char *
convert_item (DdImportReader *r,
              GString        *text,
              guint           line,
              guint           column,
              GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  char *typed = dd_attr_item_to_typed (text->str, text->len, r->reading, &local_error);

  if (typed == NULL)
    relocate_error (r, local_error, line, column, error);
  return typed;
}

static char *
read_json_line (DdImportReader *r,
                GError        **error)
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
skip_space (DdImportReader *r)
{
  int c;

  while ((c = peek (r)) == ' ' || c == '\t' || c == '\n' || c == '\r')
    next (r);
}

/* One element of the array, an object, copied whole. */
static gboolean
scan_object (DdImportReader *r,
             GString        *text,
             GError        **error)
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

/* --- The object around the items: {"Items": [...], "Count": N, ...} --- */

#define MAX_NAME_SIZE 256

static gboolean looks_like_number (const char *p);

/* A string, its quotes read; its text as written (quotes, escapes) in
 * text when given, up to MAX_NAME_SIZE bytes. */
static gboolean
skip_string (DdImportReader *r,
             GString        *text,
             GError        **error)
{
  guint line = r->in.line, column = r->in.column;
  gboolean escaped = FALSE;
  int c;

  next (r);
  if (text != NULL)
    g_string_assign (text, "\"");
  while ((c = next (r)) >= 0)
    {
      if (text != NULL && text->len < MAX_NAME_SIZE)
        g_string_append_c (text, c);
      if (escaped)
        escaped = FALSE;
      else if (c == '\\')
        escaped = TRUE;
      else if (c == '"')
        return TRUE;
    }
  if (!take_read_error (r, error))
    set_error_at (r, error, DD_ERROR_INVALID_JSON, line, column, "the string is not closed");
  return FALSE;
}

/* An object or array, passed over without being kept. */
static gboolean
skip_container (DdImportReader *r,
                GError        **error)
{
  guint line = r->in.line, column = r->in.column;
  guint depth = 0;
  int c;

  while ((c = peek (r)) >= 0)
    {
      if (c == '"')
        {
          if (!skip_string (r, NULL, error))
            return FALSE;
          continue;
        }
      next (r);
      if (c == '{' || c == '[')
        depth++;
      else if ((c == '}' || c == ']') && --depth == 0)
        return TRUE;
    }
  if (!take_read_error (r, error))
    set_error_at (r, error, DD_ERROR_INVALID_JSON, line, column, "the value is not closed before the end of the file");
  return FALSE;
}

/* A member's value that is not the items: passed over. */
static gboolean
skip_value (DdImportReader *r,
            GError        **error)
{
  g_autoptr(GString) literal = g_string_new (NULL);
  guint line = r->in.line, column = r->in.column;
  int c = peek (r);

  if (c == '"')
    return skip_string (r, NULL, error);
  if (c == '{' || c == '[')
    return skip_container (r, error);
  while ((c = peek (r)) >= 0 && (g_ascii_isalnum (c) || c == '+' || c == '-' || c == '.')
         && literal->len < MAX_NAME_SIZE)
    g_string_append_c (literal, next (r));
  if (g_str_equal (literal->str, "true") || g_str_equal (literal->str, "false")
      || g_str_equal (literal->str, "null") || looks_like_number (literal->str))
    return TRUE;
  if (!take_read_error (r, error))
    set_error_at (r, error, DD_ERROR_INVALID_JSON, line, column, "expected a JSON value");
  return FALSE;
}

/* A member's name and its ':'; name gets the name (escapes read). */
static gboolean
read_member_name (DdImportReader *r,
                  GString        *name,
                  GError        **error)
{
  if (peek (r) != '"')
    {
      set_error_at (r, error, DD_ERROR_INVALID_JSON, r->in.line, r->in.column,
                    "expected a member name (a JSON string)");
      return FALSE;
    }
  if (!skip_string (r, name, error))
    return FALSE;
  if (name->len >= MAX_NAME_SIZE)
    g_string_truncate (name, 0);  /* too long to be a name looked for */
  else if (strchr (name->str, '\\') != NULL)
    {
      g_autoptr(JsonNode) node = json_from_string (name->str, NULL);
      const char *text = node && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;

      g_string_assign (name, text ? text : "");
    }
  else
    {
      g_string_erase (name, 0, 1);
      g_string_truncate (name, name->len - 1);
    }
  skip_space (r);
  if (peek (r) != ':')
    {
      set_error_at (r, error, DD_ERROR_INVALID_JSON, r->in.line, r->in.column, "expected ':' after a member name");
      return FALSE;
    }
  next (r);
  skip_space (r);
  return TRUE;
}

/* The object's members: up to the "Items" array, its '[' read (to_items),
 * or else up to the object's '}' read, every other member passed over.
 * line and column: where the object starts. */
static gboolean
object_members (DdImportReader *r,
                gboolean        to_items,
                guint           line,
                guint           column,
                GError        **error)
{
  g_autoptr(GString) name = g_string_new (NULL);
  gboolean first = to_items;
  guint name_line, name_column;

  for (;;)
    {
      int c;

      skip_space (r);
      c = peek (r);
      if (c == '}')
        {
          next (r);
          if (to_items)
            set_error_at (r, error, DD_ERROR_INVALID_JSON, line, column,
                          "the object has no \"Items\" member: expected a JSON array of items, or an object with an \"Items\" array");
          return !to_items;
        }
      if (!first && c != ',')
        {
          if (!take_read_error (r, error))
            set_error_at (r, error, DD_ERROR_INVALID_JSON, r->in.line, r->in.column,
                          c < 0 ? "the object is not closed" : "expected ',' or '}' after a member");
          return FALSE;
        }
      if (!first)
        {
          next (r);
          skip_space (r);
        }
      first = FALSE;
      name_line = r->in.line;
      name_column = r->in.column;
      if (!read_member_name (r, name, error))
        return FALSE;
      if (!g_str_equal (name->str, "Items"))
        {
          if (!skip_value (r, error))
            return FALSE;
          continue;
        }
      if (!to_items || peek (r) != '[')
        {
          set_error_at (r, error, DD_ERROR_INVALID_JSON, name_line, name_column,
                        to_items ? "\"Items\" is not a JSON array of items" : "a second \"Items\" member");
          return FALSE;
        }
      next (r);
      return TRUE;
    }
}

/* The start of the file: '[', or '{' and the members before "Items" and
 * its '['. */
static gboolean
json_open (DdImportReader *r,
           GError        **error)
{
  guint line = r->in.line, column = r->in.column;
  int c = peek (r);

  if (c == '{')
    {
      next (r);
      r->wrapped = TRUE;
      return object_members (r, TRUE, line, column, error);
    }
  if (c != '[')
    {
      if (!take_read_error (r, error))
        set_error_at (r, error, DD_ERROR_INVALID_JSON, line, column,
                      "expected '[' or '{': a JSON array of items, or an object with an \"Items\" array");
      return FALSE;
    }
  next (r);
  return TRUE;
}

/* Consumes what comes before the next element: '[' or ','. FALSE at the
 * end of the array (and of the object around it) or on error. */
static gboolean
json_before_element (DdImportReader *r,
                     GError        **error)
{
  int c;

  skip_space (r);
  c = peek (r);
  if (!r->started)
    {
      if (!json_open (r, error))
        return FALSE;
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
  if (r->wrapped && !object_members (r, FALSE, 0, 0, error))
    return FALSE;
  r->finished = TRUE;
  skip_space (r);
  if (peek (r) >= 0)
    set_error_at (r, error, DD_ERROR_INVALID_JSON, r->in.line, r->in.column, "text after the end of the %s",
                  r->wrapped ? "object" : "array");
  return FALSE;
}

static char *
read_json_element (DdImportReader *r,
                   GError        **error)
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
read_quoted (DdImportReader *r,
             Field          *field,
             GError        **error)
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
read_csv_record (DdImportReader *r,
                 GPtrArray      *fields,
                 GError        **error)
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
read_header (DdImportReader *r,
             GError        **error)
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
value_from_json (DdImportReader *r,
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
set_value (DdImportReader *r,
           const char     *type,
           const char     *text,
           GError        **error)
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

/* A plain cell without a declared type. */
static JsonNode *
inferred_value (DdImportReader *r,
                Field          *field)
{
  const char *text = field->text->str;

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

/* A scalar cell of a declared type S, N, B, BOOL or NULL. */
static JsonNode *
scalar_value (const char  *type,
              Field       *field,
              GError     **error)
{
  const char *text = field->text->str;
  const char *reason = NULL;

  if (g_str_equal (type, "S"))
    return string_value ("S", text);
  if (g_str_equal (type, "NULL"))
    return bool_value ("NULL", TRUE);
  if (g_str_equal (type, "N") && dd_attr_number_is_valid (text, field->text->len, &reason))
    return string_value ("N", text);
  if (g_str_equal (type, "B") && is_base64 (text))
    return string_value ("B", text);
  if (g_str_equal (type, "BOOL") && (g_ascii_strcasecmp (text, "true") == 0 || g_ascii_strcasecmp (text, "false") == 0))
    return bool_value ("BOOL", g_ascii_tolower (*text) == 't');
  if (g_str_equal (type, "N"))
    g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, "“%s” is not a number DynamoDB can hold (%s)",
                 text, reason ? reason : "not a number");
  else
    g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, "expected %s",
                 g_str_equal (type, "B") ? "base64" : "true or false");
  return NULL;
}

/* A document cell of a declared type L or M. */
static JsonNode *
document_value (DdImportReader  *r,
                const char      *type,
                Field           *field,
                GError         **error)
{
  g_autoptr(JsonNode) value = value_from_json (r, field->text->str, DD_ATTR_READING_PLAIN, error);

  if (value != NULL && json_object_has_member (json_node_get_object (value), type))
    return g_steal_pointer (&value);
  if (value != NULL)
    g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, "expected a JSON %s",
                 g_str_equal (type, "M") ? "object" : "array");
  return NULL;
}

/* A cell read as type (NULL: inferred); NULL without error: left out. */
static JsonNode *
cell_value (DdImportReader *r,
            const char     *type,
            Field          *field,
            GError        **error)
{
  if (field->text->len == 0 && !field->quoted)
    return type != NULL && g_str_equal (type, "NULL") ? bool_value ("NULL", TRUE) : NULL;
  if (r->reading == DD_ATTR_READING_TYPED)
    return value_from_json (r, field->text->str, DD_ATTR_READING_TYPED, error);
  if (type == NULL)
    return inferred_value (r, field);
  if (g_str_equal (type, "SS") || g_str_equal (type, "NS") || g_str_equal (type, "BS"))
    return set_value (r, type, field->text->str, error);
  if (g_str_equal (type, "JSON"))
    return value_from_json (r, field->text->str, DD_ATTR_READING_PLAIN, error);
  if (g_str_equal (type, "L") || g_str_equal (type, "M"))
    return document_value (r, type, field, error);
  return scalar_value (type, field, error);
}

static char *
csv_item (DdImportReader *r,
          GPtrArray      *fields,
          guint           line,
          GError        **error)
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
read_csv_item (DdImportReader *r,
               GError        **error)
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

char *
dd_import_reader_next (DdImportReader *r,
                       GError        **error)
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
  if (r->format == DD_IMPORT_FORMAT_CSV && !read_header (r, error))
    return NULL;
  r->started = pos->offset > 0;
  if (r->format == DD_IMPORT_FORMAT_JSON && r->started)
    {
      /* Resuming inside the items: whether an object is around them. */
      skip_space (r);
      r->wrapped = peek (r) == '{';
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
