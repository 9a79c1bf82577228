/* dd-request.c: from the editor's or the command line's text to the body
 * DynamoDB receives.
 *
 * dd-attr converts the text, keeping every number's digits; after it every
 * N value is a string, so json-glib can read and rewrite the small request
 * without losing a digit. The body is still copied as dd-attr wrote it
 * when nothing has to change, and a missing TableName is added as text.
 */
#define G_LOG_DOMAIN "dd-request"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include <json-glib/json-glib.h>

#include "dd-attr.h"
#include "dd-error.h"
#include "dd-operation.h"
#include "dd-request.h"
#include "dd-request-explain.h"

#define MAX_TOTAL_SEGMENTS 1000000

/* Reading the text */

static gsize
skip_space (const char *text,
            gsize       len,
            gsize       i)
{
  while (i < len && strchr (" \t\r\n", text[i]) != NULL && text[i] != '\0')
    i++;
  return i;
}

/* 1-based line and column (in characters) of offset. */
static void
locate (const char *text,
        gsize       offset,
        guint      *line,
        guint      *column)
{
  gsize line_start = 0;

  *line = 1;
  for (gsize i = 0; i < offset; i++)
    if (text[i] == '\n')
      {
        (*line)++;
        line_start = i + 1;
      }
  *column = 1 + g_utf8_strlen (text + line_start, offset - line_start);
}

static const char *
describe_node (JsonNode *node)
{
  GType type;

  if (JSON_NODE_HOLDS_ARRAY (node))
    return _("an array");
  if (JSON_NODE_HOLDS_NULL (node))
    return _("null");
  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    return _("a string");
  if (type == G_TYPE_BOOLEAN)
    return _("a boolean");
  return _("a number");
}

/* text is well-formed JSON but not an object: say what it is and where.
 * FALSE when it is not well-formed (dd-attr then reports where). */
static gboolean
refuse_non_object (const char *text,
                   gsize       len,
                   gsize       start,
                   GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *message = NULL;
  JsonNode *root;
  guint line, column;

  if (!json_parser_load_from_data (parser, text, len, NULL))
    return FALSE;
  root = json_parser_get_root (parser);
  if (root == NULL || JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  locate (text, start, &line, &column);
  /* The "line L, column C: " prefix stays as it is: it is read back
   * (dd_json_error_get_location). */
  message = g_strdup_printf (_("the request must be a JSON object ({ ... }), not %s"),
                             describe_node (root));
  g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, "line %u, column %u: %s",
               line, column, message);
  return TRUE;
}

static JsonNode *
parse_object (const char  *text,
              gssize       len,
              const char  *what,
              GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, text, len, &local_error))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_JSON, "%s: %s", what, local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("%s must be a JSON object"), what);
      return NULL;
    }
  return json_node_copy (root);
}

static char *
generate (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* TableName */

static gboolean
is_placeholder (const char *name)
{
  gsize len = strlen (name);

  return len > 2 && name[0] == '<' && name[len - 1] == '>';
}

/* Adds "TableName": table as the first member of the object in typed. */
static char *
insert_table_name (const char *typed,
                   gboolean    empty_object,
                   const char *table)
{
  g_autoptr(JsonNode) name = json_node_init_string (json_node_alloc (), table);
  g_autofree char *quoted = json_to_string (name, FALSE);
  const char *brace = strchr (typed, '{');
  GString *out = g_string_new (NULL);

  g_assert (brace != NULL);
  g_string_append_len (out, typed, brace + 1 - typed);
  g_string_append_printf (out, "\"TableName\":%s%s", quoted, empty_object ? "" : ",");
  g_string_append (out, brace + 1);
  return g_string_free (out, FALSE);
}

/* The request's own TableName: TRUE to keep it, FALSE with error when it
 * is unusable, FALSE without error when it is the placeholder (then it is
 * removed, and *typed written again without it). */
static gboolean
keep_own_table_name (char      **typed,
                     JsonNode   *root,
                     gboolean    have_table,
                     GError    **error)
{
  JsonObject *obj = json_node_get_object (root);
  JsonNode *node = json_object_get_member (obj, "TableName");
  const char *name;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT,
                   _("TableName must be a string, not %s"), describe_node (node));
      return FALSE;
    }
  name = json_node_get_string (node);
  if (!is_placeholder (name))
    return TRUE;
  if (!have_table)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT,
                   _("TableName is still the placeholder \"%s\": give --table or write the table's name"),
                   name);
      return FALSE;
    }
  json_object_remove_member (obj, "TableName");
  g_free (*typed);
  *typed = generate (root);
  return FALSE;
}

/* Keeps the request's own TableName; fills a missing or placeholder one
 * from table. *typed may be replaced. */
static gboolean
fill_table_name (char      **typed,
                 JsonNode   *root,
                 const char *table,
                 GError    **error)
{
  JsonObject *obj = json_node_get_object (root);
  char *filled;

  if (table != NULL && *table == '\0')
    table = NULL;
  if (json_object_has_member (obj, "TableName"))
    {
      if (keep_own_table_name (typed, root, table != NULL, error))
        return TRUE;
      if (error != NULL && *error != NULL)
        return FALSE;
    }
  else if (table == NULL)
    {
      g_set_error_literal (error, DD_ERROR, DD_ERROR_INVALID_INPUT,
                           _("TableName is missing: give --table or add \"TableName\""));
      return FALSE;
    }
  filled = insert_table_name (*typed, json_object_get_size (obj) == 0, table);
  g_free (*typed);
  *typed = filled;
  return TRUE;
}

/* Text to give dd-attr: without a byte order mark, "{}" for an empty
 * request that may be empty. FALSE with error when it cannot be a request. */
static gboolean
prepare_text (const DdOperation  *op,
              const char        **text,
              gsize              *len,
              GError            **error)
{
  gsize start;

  if (*len >= 3 && memcmp (*text, "\xEF\xBB\xBF", 3) == 0)
    *text += 3, *len -= 3;
  start = skip_space (*text, *len, 0);
  if (start == *len)
    {
      if ((op->flags & DD_OPERATION_FLAG_MAY_BE_EMPTY) == 0)
        {
          g_set_error_literal (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("the request is empty"));
          return FALSE;
        }
      *text = "{}";
      *len = 2;
    }
  else if ((*text)[start] != '{' && refuse_non_object (*text, *len, start, error))
    return FALSE;
  return TRUE;
}

GBytes *
dd_request_build (const DdOperation  *op,
                  const char         *text,
                  gssize              len,
                  const char         *table,
                  DdAttrReading       reading,
                  GError            **error)
{
  g_autofree char *typed = NULL;
  g_autoptr(JsonNode) root = NULL;
  gsize size;

  g_return_val_if_fail (op != NULL, NULL);
  g_return_val_if_fail (text != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (text == NULL)
    text = "";
  size = len < 0 ? strlen (text) : (gsize) len;
  if (!prepare_text (op, &text, &size, error))
    return NULL;
  typed = dd_attr_document_to_typed (text, size, op->request_paths, reading, error);
  if (typed == NULL)
    return NULL;
  root = parse_object (typed, -1, _("the request"), error);
  if (root == NULL)
    return NULL;
  if ((op->flags & DD_OPERATION_FLAG_TAKES_TABLE) != 0 &&
      !fill_table_name (&typed, root, table, error))
    return NULL;

  size = strlen (typed);
  return g_bytes_new_take (g_steal_pointer (&typed), size);
}

/* Pagination and segments */

static JsonNode *
parse_body (GBytes  *body,
            GError **error)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (body, &size);

  return parse_object (size > 0 ? data : "", size, _("the request"), error);
}

/* The value of a start key: an object for ExclusiveStartKey, else a
 * string given as JSON or as bare text. */
static JsonNode *
start_key_node (const DdOperation  *op,
                const char         *start_key_json,
                GError            **error)
{
  const char *p = start_key_json + skip_space (start_key_json, strlen (start_key_json), 0);
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *bare = NULL;
  JsonNode *root;

  if (strcmp (op->page_input_key, "ExclusiveStartKey") == 0)
    return parse_object (start_key_json, -1, op->page_input_key, error);
  if (*p != '"')
    {
      bare = g_strstrip (g_strdup (p));
      return json_node_init_string (json_node_alloc (), bare);
    }
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, start_key_json, -1, &local_error))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_JSON, "%s: %s",
                   op->page_input_key, local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || json_node_get_value_type (root) != G_TYPE_STRING)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, "%s must be a string", op->page_input_key);
      return NULL;
    }
  return json_node_copy (root);
}

char *
dd_request_with_start_key (const DdOperation  *op,
                           GBytes             *body,
                           const char         *start_key_json,
                           GError            **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonNode *key;

  g_return_val_if_fail (op != NULL, NULL);
  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!dd_operation_is_paginated (op))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("%s does not return pages"),
                   op->action != NULL ? op->action : _("This action"));
      return NULL;
    }
  root = parse_body (body, error);
  if (root == NULL)
    return NULL;
  if (start_key_json == NULL)
    {
      json_object_remove_member (json_node_get_object (root), op->page_input_key);
      return generate (root);
    }
  key = start_key_node (op, start_key_json, error);
  if (key == NULL)
    return NULL;
  json_object_set_member (json_node_get_object (root), op->page_input_key, key);
  return generate (root);
}

char *
dd_request_with_segment (GBytes  *body,
                         guint    segment,
                         guint    total,
                         GError **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *obj;

  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (total < 1 || total > MAX_TOTAL_SEGMENTS || segment >= total)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT,
                   _("segment %u of %u: TotalSegments is 1 to %u and Segment is below it"),
                   segment, total, MAX_TOTAL_SEGMENTS);
      return NULL;
    }
  root = parse_body (body, error);
  if (root == NULL)
    return NULL;
  obj = json_node_get_object (root);
  json_object_set_int_member (obj, "Segment", segment);
  json_object_set_int_member (obj, "TotalSegments", total);
  return generate (root);
}

/* Problems DynamoDB would refuse */

gboolean
dd_request_explain_problems (const DdOperation  *op,
                             GBytes             *body,
                             GPtrArray         **problems)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) found = NULL;

  g_return_val_if_fail (op != NULL, FALSE);
  g_return_val_if_fail (body != NULL, FALSE);

  if (problems != NULL)
    *problems = NULL;
  root = parse_body (body, NULL);
  if (root == NULL)
    return FALSE;
  found = g_ptr_array_new_with_free_func (g_free);
  dd_request_explain_check (op, json_node_get_object (root), found);
  if (found->len == 0)
    return FALSE;
  if (problems != NULL)
    *problems = g_steal_pointer (&found);
  return TRUE;
}
