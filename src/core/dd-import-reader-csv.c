/* dd-import-reader-csv.c: CSV records read one at a time, their cells
 * typed by the column types or inferred, with the position after each.
 */
#define G_LOG_DOMAIN "dd-import-reader"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-attr.h"
#include "dd-error.h"
#include "dd-import-reader-csv.h"

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

  dd_import_reader_advance (r);
  while ((c = dd_import_reader_advance (r)) >= 0)
    {
      if (c == '"' && dd_import_reader_peek (r) != '"')
        break;
      if (c == '"')
        dd_import_reader_advance (r);
      g_string_append_c (field->text, c);
      if (field->text->len >= MAX_RECORD_SIZE)
        break;
    }
  if (c != '"')
    {
      if (!dd_import_reader_take_read_error (r, error))
        dd_import_reader_error_at (r, error, DD_ERROR_INVALID_JSON, field->line, field->column,
                                   _("the quoted field is not closed"));
      return FALSE;
    }
  c = dd_import_reader_peek (r);
  if (c >= 0 && c != r->delimiter && c != '\r' && c != '\n')
    {
      dd_import_reader_error_at (r, error, DD_ERROR_INVALID_JSON, r->in.line, r->in.column,
                                 _("expected a separator or the end of the line after a quoted field"));
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
  if (dd_import_reader_peek (r) < 0)
    return FALSE;
  for (;;)
    {
      Field *field = g_new0 (Field, 1);

      field->text = g_string_new (NULL);
      field->line = r->in.line;
      field->column = r->in.column;
      g_ptr_array_add (fields, field);
      if (dd_import_reader_peek (r) == '"')
        {
          field->quoted = TRUE;
          if (!read_quoted (r, field, error))
            return FALSE;
        }
      else
        while ((c = dd_import_reader_peek (r)) >= 0 && c != r->delimiter && c != '\r' && c != '\n')
          g_string_append_c (field->text, dd_import_reader_advance (r));
      c = dd_import_reader_advance (r);
      if (c == r->delimiter)
        continue;
      if (c == '\r' && dd_import_reader_peek (r) == '\n')
        dd_import_reader_advance (r);
      return !dd_import_reader_take_read_error (r, error);
    }
}

static gboolean
is_blank_record (GPtrArray *fields)
{
  Field *first = fields->len == 1 ? g_ptr_array_index (fields, 0) : NULL;

  return first != NULL && !first->quoted && first->text->len == 0;
}

gboolean
dd_import_reader_csv_header (DdImportReader *r,
                             GError        **error)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  if (!read_csv_record (r, fields, error))
    {
      if (error == NULL || *error == NULL)
        dd_import_reader_error_at (r, error, DD_ERROR_INVALID_INPUT, 1, 1, _("the file is empty: a CSV header is needed"));
      return FALSE;
    }
  r->header = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < fields->len; i++)
    {
      Field *field = g_ptr_array_index (fields, i);

      if (field->text->len == 0 || g_hash_table_contains (seen, field->text->str))
        {
          dd_import_reader_error_at (r, error, DD_ERROR_INVALID_INPUT, field->line, field->column,
                                     field->text->len ? _("the column “%s” appears twice") : _("a column has no name%s"), field->text->str);
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
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("expected a non-empty JSON array for a %s"), type);
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

  if (dd_import_looks_like_number (text) && dd_attr_number_is_valid (text, field->text->len, NULL))
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
    g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("“%s” is not a number DynamoDB can hold (%s)"),
                 text, reason ? reason : _("not a number"));
  else
    g_set_error_literal (error, DD_ERROR, DD_ERROR_INVALID_INPUT,
                         g_str_equal (type, "B") ? _("expected base64") : _("expected true or false"));
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
    g_set_error_literal (error, DD_ERROR, DD_ERROR_INVALID_INPUT,
                         g_str_equal (type, "M") ? _("expected a JSON object") : _("expected a JSON array"));
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
      dd_import_reader_error_at (r, error, DD_ERROR_INVALID_INPUT, line, 1,
                                 g_dngettext (GETTEXT_PACKAGE, "%u field where the header has %u",
                                              "%u fields where the header has %u", fields->len),
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
          g_autofree char *message = g_strdup_printf (_("column “%s”: %s"), name, local_error->message);

          g_free (local_error->message);
          local_error->message = g_steal_pointer (&message);
          dd_import_reader_relocate_error (r, local_error, field->line, field->column, error);
          return NULL;
        }
      if (value != NULL)
        json_object_set_member (item, name, value);
    }
  root = json_node_init_object (json_node_alloc (), item);
  return json_to_string (root, FALSE);
}

char *
dd_import_reader_csv_item (DdImportReader *r,
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
