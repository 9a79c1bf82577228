/* dd-import-reader-json.c: JSON Lines and JSON (an array of items, or an
 * object with an "Items" array) read record by record, with the position
 * after each.
 */
#define G_LOG_DOMAIN "dd-import-reader"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-error.h"
#include "dd-import-reader-json.h"

char *
dd_import_reader_json_line (DdImportReader *r,
                            GError        **error)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (;;)
    {
      guint line = r->in.line;
      int c;

      g_string_truncate (text, 0);
      while ((c = dd_import_reader_advance (r)) >= 0 && c != '\n')
        {
          if (text->len >= MAX_RECORD_SIZE)
            {
              dd_import_reader_error_at (r, error, DD_ERROR_INVALID_INPUT, line, 1, _("the line is longer than %d bytes"), MAX_RECORD_SIZE);
              return NULL;
            }
          g_string_append_c (text, c);
        }
      if (dd_import_reader_take_read_error (r, error))
        return NULL;
      if (text->len > 0 && text->str[text->len - 1] == '\r')
        g_string_truncate (text, text->len - 1);
      g_strstrip (text->str);
      if (*text->str != '\0')
        {
          text->len = strlen (text->str);
          return dd_import_reader_convert_item (r, text, line, 1, error);
        }
      if (c < 0)
        return NULL;
    }
}

void
dd_import_reader_skip_space (DdImportReader *r)
{
  int c;

  while ((c = dd_import_reader_peek (r)) == ' ' || c == '\t' || c == '\n' || c == '\r')
    dd_import_reader_advance (r);
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

  while ((c = dd_import_reader_advance (r)) >= 0)
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
  if (!dd_import_reader_take_read_error (r, error))
    dd_import_reader_error_at (r, error, DD_ERROR_INVALID_JSON, line, column,
                               c < 0 ? _("the item is not closed before the end of the file") : _("the item is larger than %d bytes"),
                               MAX_RECORD_SIZE);
  return FALSE;
}

/* --- The object around the items: {"Items": [...], "Count": N, ...} --- */

#define MAX_NAME_SIZE 256

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

  dd_import_reader_advance (r);
  if (text != NULL)
    g_string_assign (text, "\"");
  while ((c = dd_import_reader_advance (r)) >= 0)
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
  if (!dd_import_reader_take_read_error (r, error))
    dd_import_reader_error_at (r, error, DD_ERROR_INVALID_JSON, line, column, _("the string is not closed"));
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

  while ((c = dd_import_reader_peek (r)) >= 0)
    {
      if (c == '"')
        {
          if (!skip_string (r, NULL, error))
            return FALSE;
          continue;
        }
      dd_import_reader_advance (r);
      if (c == '{' || c == '[')
        depth++;
      else if ((c == '}' || c == ']') && --depth == 0)
        return TRUE;
    }
  if (!dd_import_reader_take_read_error (r, error))
    dd_import_reader_error_at (r, error, DD_ERROR_INVALID_JSON, line, column, _("the value is not closed before the end of the file"));
  return FALSE;
}

/* A member's value that is not the items: passed over. */
static gboolean
skip_value (DdImportReader *r,
            GError        **error)
{
  g_autoptr(GString) literal = g_string_new (NULL);
  guint line = r->in.line, column = r->in.column;
  int c = dd_import_reader_peek (r);

  if (c == '"')
    return skip_string (r, NULL, error);
  if (c == '{' || c == '[')
    return skip_container (r, error);
  while ((c = dd_import_reader_peek (r)) >= 0 && (g_ascii_isalnum (c) || c == '+' || c == '-' || c == '.')
         && literal->len < MAX_NAME_SIZE)
    g_string_append_c (literal, dd_import_reader_advance (r));
  if (g_str_equal (literal->str, "true") || g_str_equal (literal->str, "false")
      || g_str_equal (literal->str, "null") || dd_import_looks_like_number (literal->str))
    return TRUE;
  if (!dd_import_reader_take_read_error (r, error))
    dd_import_reader_error_at (r, error, DD_ERROR_INVALID_JSON, line, column, _("expected a JSON value"));
  return FALSE;
}

/* A member's name and its ':'; name gets the name (escapes read). */
static gboolean
read_member_name (DdImportReader *r,
                  GString        *name,
                  GError        **error)
{
  if (dd_import_reader_peek (r) != '"')
    {
      dd_import_reader_error_at (r, error, DD_ERROR_INVALID_JSON, r->in.line, r->in.column,
                                 _("expected a member name (a JSON string)"));
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
  dd_import_reader_skip_space (r);
  if (dd_import_reader_peek (r) != ':')
    {
      dd_import_reader_error_at (r, error, DD_ERROR_INVALID_JSON, r->in.line, r->in.column, _("expected ':' after a member name"));
      return FALSE;
    }
  dd_import_reader_advance (r);
  dd_import_reader_skip_space (r);
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

      dd_import_reader_skip_space (r);
      c = dd_import_reader_peek (r);
      if (c == '}')
        {
          dd_import_reader_advance (r);
          if (to_items)
            dd_import_reader_error_at (r, error, DD_ERROR_INVALID_JSON, line, column,
                                       _("the object has no \"Items\" member: expected a JSON array of items, or an object with an \"Items\" array"));
          return !to_items;
        }
      if (!first && c != ',')
        {
          if (!dd_import_reader_take_read_error (r, error))
            dd_import_reader_error_at (r, error, DD_ERROR_INVALID_JSON, r->in.line, r->in.column,
                                       c < 0 ? _("the object is not closed") : _("expected ',' or '}' after a member"));
          return FALSE;
        }
      if (!first)
        {
          dd_import_reader_advance (r);
          dd_import_reader_skip_space (r);
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
      if (!to_items || dd_import_reader_peek (r) != '[')
        {
          dd_import_reader_error_at (r, error, DD_ERROR_INVALID_JSON, name_line, name_column,
                                     to_items ? _("\"Items\" is not a JSON array of items") : _("a second \"Items\" member"));
          return FALSE;
        }
      dd_import_reader_advance (r);
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
  int c = dd_import_reader_peek (r);

  if (c == '{')
    {
      dd_import_reader_advance (r);
      r->wrapped = TRUE;
      return object_members (r, TRUE, line, column, error);
    }
  if (c != '[')
    {
      if (!dd_import_reader_take_read_error (r, error))
        dd_import_reader_error_at (r, error, DD_ERROR_INVALID_JSON, line, column,
                                   _("expected '[' or '{': a JSON array of items, or an object with an \"Items\" array"));
      return FALSE;
    }
  dd_import_reader_advance (r);
  return TRUE;
}

/* Consumes what comes before the next element: '[' or ','. FALSE at the
 * end of the array (and of the object around it) or on error. */
static gboolean
json_before_element (DdImportReader *r,
                     GError        **error)
{
  int c;

  dd_import_reader_skip_space (r);
  c = dd_import_reader_peek (r);
  if (!r->started)
    {
      if (!json_open (r, error))
        return FALSE;
      r->started = TRUE;
      dd_import_reader_skip_space (r);
      if (dd_import_reader_peek (r) != ']')
        return TRUE;
    }
  else if (c == ',')
    {
      dd_import_reader_advance (r);
      dd_import_reader_skip_space (r);
      return TRUE;
    }
  else if (c != ']')
    {
      dd_import_reader_error_at (r, error, DD_ERROR_INVALID_JSON, r->in.line, r->in.column,
                                 c < 0 ? _("the array is not closed") : _("expected ',' or ']' after an item"));
      return FALSE;
    }
  dd_import_reader_advance (r);
  if (r->wrapped && !object_members (r, FALSE, 0, 0, error))
    return FALSE;
  r->finished = TRUE;
  dd_import_reader_skip_space (r);
  if (dd_import_reader_peek (r) >= 0)
    dd_import_reader_error_at (r, error, DD_ERROR_INVALID_JSON, r->in.line, r->in.column, "%s",
                               r->wrapped ? _("text after the end of the object") : _("text after the end of the array"));
  return FALSE;
}

char *
dd_import_reader_json_element (DdImportReader *r,
                               GError        **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint line, column;

  if (r->finished || !json_before_element (r, error))
    {
      dd_import_reader_take_read_error (r, error && *error == NULL ? error : NULL);
      return NULL;
    }
  line = r->in.line;
  column = r->in.column;
  if (dd_import_reader_peek (r) != '{')
    {
      dd_import_reader_error_at (r, error, DD_ERROR_INVALID_JSON, line, column, _("expected an item (a JSON object)"));
      return NULL;
    }
  if (!scan_object (r, text, error))
    return NULL;
  return dd_import_reader_convert_item (r, text, line, column, error);
}
