/* dd-item-edit.c: the item editor's pure helpers (no widgets). */
#define G_LOG_DOMAIN "dd-item-edit"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dd-attr.h"
#include "dd-error.h"
#include "dd-item-edit.h"
#include "dd-shared-closures.h"

const char * const dd_item_edit_types[] = {
  "S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS", NULL
};

void
dd_type_change_free (DdTypeChange *change)
{
  if (change == NULL)
    return;
  g_free (change->path);
  g_free (change->old_type);
  g_free (change->new_type);
  g_free (change);
}

const char *
dd_item_edit_type_of (JsonNode *value)
{
  JsonObject *object;
  GList *members;
  const char *name;

  if (value == NULL || !JSON_NODE_HOLDS_OBJECT (value))
    return NULL;
  object = json_node_get_object (value);
  if (json_object_get_size (object) != 1)
    return NULL;
  members = json_object_get_members (object);
  name = members->data;
  g_list_free (members);
  for (guint i = 0; dd_item_edit_types[i] != NULL; i++)
    if (g_str_equal (name, dd_item_edit_types[i]))
      return dd_item_edit_types[i];
  return NULL;
}

static JsonNode *
content_of (JsonNode *value)
{
  const char *type = dd_item_edit_type_of (value);

  return type ? json_object_get_member (json_node_get_object (value), type) : NULL;
}

static gboolean
base64_is_valid (const char *text)
{
  gsize len = strlen (text);
  gsize pad = 0;

  if (len % 4 != 0)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (c == '=')
        {
          pad++;
          if (pad > 2 || i < len - 2)
            return FALSE;
        }
      else if (pad > 0 || !(g_ascii_isalnum (c) || c == '+' || c == '/'))
        return FALSE;
    }
  return TRUE;
}

gboolean
dd_item_edit_scalar_is_valid (const char  *type,
                              const char  *text,
                              const char **reason)
{
  const char *why = NULL;

  g_return_val_if_fail (type != NULL && text != NULL, FALSE);

  if (g_str_equal (type, "N"))
    {
      if (!dd_attr_number_is_valid (text, strlen (text), &why))
        why = *text == '\0' ? _("A number cannot be empty") : _("Not a number DynamoDB can hold");
    }
  else if (g_str_equal (type, "B"))
    {
      if (!base64_is_valid (text))
        why = _("Binary is written as base64 (A–Z, a–z, 0–9, +, / and = padding)");
    }
  else if (g_str_equal (type, "BOOL"))
    {
      if (!g_str_equal (text, "true") && !g_str_equal (text, "false"))
        why = _("A boolean is true or false");
    }
  if (reason != NULL)
    *reason = why;
  return why == NULL;
}

/* Type hints */

static const char *
set_member_type (const char *set_type)
{
  if (g_str_equal (set_type, "SS"))
    return "S";
  if (g_str_equal (set_type, "NS"))
    return "N";
  return "B";
}

/* A list (typed) whose elements fit set_type, as that set; else NULL. */
static JsonNode *
list_as_set (JsonNode   *list,
             const char *set_type)
{
  JsonArray *elements = json_node_get_array (content_of (list));
  const char *member = set_member_type (set_type);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint n = json_array_get_length (elements);

  if (n == 0)
    return NULL;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, set_type);
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (elements, i);
      const char *type = dd_item_edit_type_of (element);
      const char *text;

      /* plain binary arrives as a string */
      if (type == NULL || !(g_str_equal (type, member) || (g_str_equal (member, "B") && g_str_equal (type, "S"))))
        return NULL;
      text = json_node_get_string (content_of (element));
      if (text == NULL || (g_str_equal (member, "B") && !base64_is_valid (text))
          || !g_hash_table_add (seen, (gpointer) text))
        return NULL;
      json_builder_add_string_value (builder, text);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* A string (typed) holding base64, as binary; else NULL. */
static JsonNode *
string_as_binary (JsonNode *value)
{
  const char *text = json_node_get_string (content_of (value));
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (text == NULL || !base64_is_valid (text))
    return NULL;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "B");
  json_builder_add_string_value (builder, text);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static JsonNode *fit_hint (JsonNode   *value,
                           JsonNode   *hint,
                           const char *path,
                           gboolean    coerce,
                           GPtrArray  *changes);

static JsonObject *
fit_members (JsonObject *object,
             JsonObject *hint,
             const char *prefix,
             gboolean    coerce,
             GPtrArray  *changes)
{
  JsonObject *out = json_object_new ();
  g_autoptr(GList) names = json_object_get_members (object);

  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      g_autofree char *path = prefix ? g_strdup_printf ("%s.%s", prefix, name) : g_strdup (name);
      JsonNode *old = hint && json_object_has_member (hint, name) ? json_object_get_member (hint, name) : NULL;

      json_object_set_member (out, name, fit_hint (json_object_get_member (object, name), old, path,
                                                   coerce, changes));
    }
  return out;
}

static JsonNode *
fit_elements (JsonNode   *value,
              JsonNode   *hint,
              const char *path,
              gboolean    coerce,
              GPtrArray  *changes)
{
  JsonArray *elements = json_node_get_array (content_of (value));
  JsonArray *old = json_node_get_array (content_of (hint));
  JsonArray *out = json_array_new ();
  JsonObject *wrapper = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  for (guint i = 0; i < json_array_get_length (elements); i++)
    {
      g_autofree char *element_path = g_strdup_printf ("%s[%u]", path, i);
      JsonNode *hint_element = i < json_array_get_length (old) ? json_array_get_element (old, i) : NULL;

      json_array_add_element (out, fit_hint (json_array_get_element (elements, i), hint_element,
                                             element_path, coerce, changes));
    }
  json_object_set_array_member (wrapper, "L", out);
  json_node_take_object (node, wrapper);
  return node;
}

static JsonNode *
coerce_to (JsonNode   *value,
           const char *type,
           const char *hint_type)
{
  if ((g_str_equal (hint_type, "SS") || g_str_equal (hint_type, "NS") || g_str_equal (hint_type, "BS"))
      && g_str_equal (type, "L"))
    return list_as_set (value, hint_type);
  if (g_str_equal (hint_type, "B") && g_str_equal (type, "S"))
    return string_as_binary (value);
  return NULL;
}

static JsonNode *
fit_hint (JsonNode   *value,
          JsonNode   *hint,
          const char *path,
          gboolean    coerce,
          GPtrArray  *changes)
{
  const char *type = dd_item_edit_type_of (value);
  const char *hint_type = dd_item_edit_type_of (hint);
  JsonNode *coerced;

  if (type == NULL || hint_type == NULL)
    return json_node_copy (value);
  if (g_str_equal (type, hint_type))
    {
      JsonObject *members;
      JsonNode *node;

      if (g_str_equal (type, "L"))
        return fit_elements (value, hint, path, coerce, changes);
      if (!g_str_equal (type, "M"))
        return json_node_copy (value);
      members = fit_members (json_node_get_object (content_of (value)),
                             json_node_get_object (content_of (hint)), path, coerce, changes);
      node = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (node, json_object_new ());
      json_object_set_object_member (json_node_get_object (node), "M", members);
      return node;
    }
  if (coerce && (coerced = coerce_to (value, type, hint_type)) != NULL)
    return coerced;
  if (changes != NULL)
    {
      DdTypeChange *change = g_new0 (DdTypeChange, 1);

      change->path = g_strdup (path);
      change->old_type = g_strdup (hint_type);
      change->new_type = g_strdup (type);
      g_ptr_array_add (changes, change);
    }
  return json_node_copy (value);
}

/* Text */

JsonObject *
dd_item_edit_parse_typed (const char  *text,
                          gssize       len,
                          GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, text, len, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("An item is a JSON object"));
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

JsonObject *
dd_item_edit_read_text (const char  *text,
                        gboolean     plain,
                        JsonObject  *hint,
                        GPtrArray   *changes,
                        GError     **error)
{
  g_autofree char *typed = NULL;
  g_autoptr(JsonObject) item = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  typed = dd_attr_item_to_typed (text, -1, plain ? DD_ATTR_READING_PLAIN : DD_ATTR_READING_TYPED, error);
  if (typed == NULL)
    return NULL;
  item = dd_item_edit_parse_typed (typed, -1, error);
  if (item == NULL)
    return NULL;
  return fit_members (item, hint, NULL, plain, changes);
}

char *
dd_item_edit_to_typed_text (JsonObject *item)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, item);
  return json_to_string (node, FALSE);
}

char *
dd_item_edit_write_text (JsonObject *item,
                         gboolean    plain)
{
  g_autofree char *typed = dd_item_edit_to_typed_text (item);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (!plain)
    return dd_json_reindent (typed, -1);
  text = dd_attr_item_to_plain (typed, -1, &error);
  if (text == NULL)
    {
      /* the tree holds typed values only; this is not expected */
      g_warning ("An item could not be written as plain JSON: %s", error->message);
      return dd_json_reindent (typed, -1);
    }
  return dd_json_reindent (text, -1);
}

/* Keys */

GPtrArray *
dd_item_edit_check_key (JsonObject         *item,
                        const char * const *key_names,
                        const char * const *key_types)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; key_names != NULL && key_names[i] != NULL; i++)
    {
      const char *name = key_names[i];
      JsonNode *value = json_object_has_member (item, name) ? json_object_get_member (item, name) : NULL;
      const char *type = dd_item_edit_type_of (value);
      const char *text, *reason = NULL;

      if (type == NULL)
        {
          g_ptr_array_add (problems, g_strdup_printf (_("The key attribute “%s” is missing"), name));
          continue;
        }
      if (key_types != NULL && key_types[i] != NULL && !g_str_equal (type, key_types[i]))
        {
          g_ptr_array_add (problems, g_strdup_printf (_("The key attribute “%s” must be of type %s, not %s"),
                                                      name, key_types[i], type));
          continue;
        }
      text = JSON_NODE_HOLDS_VALUE (content_of (value)) ? json_node_get_string (content_of (value)) : NULL;
      if (text == NULL || *text == '\0')
        g_ptr_array_add (problems, g_strdup_printf (_("The key attribute “%s” cannot be empty"), name));
      else if (!dd_item_edit_scalar_is_valid (type, text, &reason))
        g_ptr_array_add (problems, g_strdup_printf (_("The key attribute “%s”: %s"), name, reason));
    }
  return problems;
}

char *
dd_item_edit_key_text (JsonObject         *item,
                       const char * const *key_names)
{
  g_autoptr(JsonObject) key = json_object_new ();

  for (guint i = 0; key_names != NULL && key_names[i] != NULL; i++)
    {
      if (!json_object_has_member (item, key_names[i]))
        return NULL;
      json_object_set_member (key, key_names[i], json_node_copy (json_object_get_member (item, key_names[i])));
    }
  return dd_item_edit_to_typed_text (key);
}

JsonNode *
dd_item_edit_new_value (const char *type)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (type != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, type);
  if (g_str_equal (type, "N"))
    json_builder_add_string_value (builder, "0");
  else if (g_str_equal (type, "BOOL"))
    json_builder_add_boolean_value (builder, FALSE);
  else if (g_str_equal (type, "NULL"))
    json_builder_add_boolean_value (builder, TRUE);
  else if (g_str_equal (type, "M"))
    {
      json_builder_begin_object (builder);
      json_builder_end_object (builder);
    }
  else if (g_str_equal (type, "L") || g_str_equal (type, "SS") || g_str_equal (type, "NS")
           || g_str_equal (type, "BS"))
    {
      json_builder_begin_array (builder);
      json_builder_end_array (builder);
    }
  else
    json_builder_add_string_value (builder, "");
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

char *
dd_item_edit_format_value (const char *typed_value,
                           guint       max_chars)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *type = NULL;

  if (typed_value == NULL)
    return g_strdup ("");
  if (json_parser_load_from_data (parser, typed_value, -1, NULL))
    type = dd_item_edit_type_of (json_parser_get_root (parser));
  if (!dd_attr_value_append_plain (out, typed_value, -1, &error))
    g_string_assign (out, typed_value);
  if (max_chars > 1 && g_utf8_strlen (out->str, -1) > max_chars)
    {
      const char *cut = g_utf8_offset_to_pointer (out->str, max_chars - 1);

      g_string_truncate (out, (gsize) (cut - out->str));
      g_string_append (out, "…");
    }
  if (type != NULL)
    g_string_append_printf (out, " (%s)", type);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Conversions the person asks for */

static gboolean
is_set_type (const char *type)
{
  return g_str_equal (type, "SS") || g_str_equal (type, "NS") || g_str_equal (type, "BS");
}

/* The scalar texts of a value: its own text, a set's members, the scalar
 * elements of a list or members of a map. */
static GPtrArray *
texts_of (JsonNode *value)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  const char *type = dd_item_edit_type_of (value);
  JsonNode *content = content_of (value);

  if (type == NULL || g_str_equal (type, "NULL"))
    return texts;
  if (g_str_equal (type, "BOOL"))
    g_ptr_array_add (texts, g_strdup (json_node_get_boolean (content) ? "true" : "false"));
  else if (JSON_NODE_HOLDS_VALUE (content))
    g_ptr_array_add (texts, g_strdup (json_node_get_string (content)));
  else if (JSON_NODE_HOLDS_ARRAY (content))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (content)); i++)
      {
        JsonNode *element = json_array_get_element (json_node_get_array (content), i);

        if (JSON_NODE_HOLDS_VALUE (element))
          g_ptr_array_add (texts, g_strdup (json_node_get_string (element)));
        else if (JSON_NODE_HOLDS_VALUE (content_of (element)) && !g_str_equal (dd_item_edit_type_of (element), "BOOL"))
          g_ptr_array_add (texts, g_strdup (json_node_get_string (content_of (element))));
      }
  return texts;
}

static JsonNode *
wrap (const char *type,
      JsonNode   *content)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, json_object_new ());
  json_object_set_member (json_node_get_object (node), type, content);
  return node;
}

static JsonNode *
convert_to_list (JsonNode   *value,
                 const char *from)
{
  JsonArray *out = json_array_new ();
  JsonNode *content = content_of (value);
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  if (g_str_equal (from, "M"))
    {
      g_autoptr(GList) names = json_object_get_members (json_node_get_object (content));

      for (GList *l = names; l != NULL; l = l->next)
        json_array_add_element (out, json_node_copy (json_object_get_member (json_node_get_object (content), l->data)));
    }
  else if (is_set_type (from))
    {
      g_autoptr(GPtrArray) texts = texts_of (value);

      for (guint i = 0; i < texts->len; i++)
        {
          JsonNode *text = json_node_new (JSON_NODE_VALUE);

          json_node_set_string (text, texts->pdata[i]);
          json_array_add_element (out, wrap (set_member_type (from), text));
        }
    }
  else
    json_array_add_element (out, json_node_copy (value));
  json_node_take_array (node, out);
  return wrap ("L", node);
}

static JsonNode *
convert_to_map (JsonNode   *value,
                const char *from)
{
  JsonObject *out = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  if (g_str_equal (from, "L"))
    {
      JsonArray *elements = json_node_get_array (content_of (value));

      for (guint i = 0; i < json_array_get_length (elements); i++)
        {
          g_autofree char *name = g_strdup_printf ("%u", i);

          json_object_set_member (out, name, json_node_copy (json_array_get_element (elements, i)));
        }
    }
  json_node_take_object (node, out);
  return wrap ("M", node);
}

JsonNode *
dd_item_edit_convert (JsonNode   *value,
                      const char *type)
{
  const char *from = dd_item_edit_type_of (value);
  g_autoptr(GPtrArray) texts = NULL;
  JsonNode *content;

  g_return_val_if_fail (type != NULL, NULL);

  if (from == NULL)
    return dd_item_edit_new_value (type);
  if (g_str_equal (from, type))
    return json_node_copy (value);
  if (g_str_equal (type, "L"))
    return convert_to_list (value, from);
  if (g_str_equal (type, "M"))
    return convert_to_map (value, from);
  texts = texts_of (value);
  if (g_str_equal (type, "NULL"))
    return dd_item_edit_new_value (type);
  if (g_str_equal (type, "BOOL"))
    {
      content = json_node_new (JSON_NODE_VALUE);
      json_node_set_boolean (content, texts->len > 0 && g_str_equal (texts->pdata[0], "true"));
      return wrap (type, content);
    }
  if (is_set_type (type))
    {
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      JsonArray *members = json_array_new ();

      for (guint i = 0; i < texts->len; i++)
        if (g_hash_table_add (seen, texts->pdata[i]))
          json_array_add_string_element (members, texts->pdata[i]);
      content = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (content, members);
      return wrap (type, content);
    }
  content = json_node_new (JSON_NODE_VALUE);
  json_node_set_string (content, texts->len > 0 ? texts->pdata[0] : "");
  return wrap (type, content);
}
