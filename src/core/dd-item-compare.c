/* dd-item-compare.c: items compared as DynamoDB compares them, their
 * differences, and condition expressions that hold an item to a state.
 *
 * Items here are DynamoDB JSON, whose numbers are strings: json-glib holds
 * them without loss, so it is used throughout.
 */
#define G_LOG_DOMAIN "dd-item-compare"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dd-error.h"
#include "dd-item-compare.h"

/* DynamoDB's limit on the length of an expression. */
#define MAX_EXPRESSION_LENGTH 4096

/* --- Values compared as DynamoDB compares them --- */

/* A number as sign, significant digits and the exponent of its last digit:
 * "-012.50e1" -> "-", "125", 0. Zero has no digits and no sign. */
static char *
number_canonical (const char *text)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  gboolean negative = FALSE;
  gint64 exponent = 0;
  const char *p = text;

  if (*p == '-' || *p == '+')
    negative = *p++ == '-';
  for (gboolean fraction = FALSE; g_ascii_isdigit (*p) || *p == '.'; p++)
    {
      if (*p == '.')
        {
          fraction = TRUE;
          continue;
        }
      if (fraction)
        exponent--;
      if (digits->len > 0 || *p != '0')
        g_string_append_c (digits, *p);
    }
  if (*p == 'e' || *p == 'E')
    exponent += g_ascii_strtoll (p + 1, NULL, 10);
  while (digits->len > 0 && digits->str[digits->len - 1] == '0')
    {
      g_string_truncate (digits, digits->len - 1);
      exponent++;
    }
  if (digits->len == 0)
    return g_strdup ("0");
  return g_strdup_printf ("%s%se%" G_GINT64_FORMAT, negative ? "-" : "", digits->str, exponent);
}

static char *
binary_canonical (const char *base64)
{
  gsize len;
  g_autofree guchar *bytes = g_base64_decode (base64, &len);

  return g_base64_encode (bytes, len);
}

/* The comparable text of a scalar of type S, N or B. */
static char *
scalar_canonical (const char *type,
                  const char *text)
{
  if (g_str_equal (type, "N"))
    return number_canonical (text);
  if (g_str_equal (type, "B"))
    return binary_canonical (text);
  return g_strdup (text);
}

static gboolean
sets_equal (const char *scalar_type,
            JsonArray  *a,
            JsonArray  *b)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = json_array_get_length (a);

  if (n != json_array_get_length (b))
    return FALSE;
  for (guint i = 0; i < n; i++)
    g_hash_table_add (seen, scalar_canonical (scalar_type, json_array_get_string_element (a, i)));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *c = scalar_canonical (scalar_type, json_array_get_string_element (b, i));

      if (!g_hash_table_contains (seen, c))
        return FALSE;
    }
  return TRUE;
}

/* The type and the value of a typed attribute value, or NULL. */
static const char *
value_type (JsonNode  *value,
            JsonNode **inner)
{
  JsonObject *object;
  GList *members;
  const char *type;

  if (value == NULL || !JSON_NODE_HOLDS_OBJECT (value))
    return NULL;
  object = json_node_get_object (value);
  if (json_object_get_size (object) != 1)
    return NULL;
  members = json_object_get_members (object);
  type = members->data;
  g_list_free (members);
  *inner = json_object_get_member (object, type);
  return type;
}

gboolean
dd_item_objects_equal (JsonObject *a,
                       JsonObject *b)
{
  g_autoptr(GList) names = json_object_get_members (a);

  if (json_object_get_size (a) != json_object_get_size (b))
    return FALSE;
  for (GList *l = names; l; l = l->next)
    if (!dd_item_values_equal (json_object_get_member (a, l->data),
                                     json_object_get_member (b, l->data)))
      return FALSE;
  return TRUE;
}

static gboolean
lists_equal (JsonArray *a,
             JsonArray *b)
{
  guint n = json_array_get_length (a);

  if (n != json_array_get_length (b))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!dd_item_values_equal (json_array_get_element (a, i), json_array_get_element (b, i)))
      return FALSE;
  return TRUE;
}

gboolean
dd_item_values_equal (JsonNode *a,
                            JsonNode *b)
{
  JsonNode *va = NULL, *vb = NULL;
  const char *ta = value_type (a, &va);
  const char *tb = value_type (b, &vb);

  if (ta == NULL || tb == NULL || !g_str_equal (ta, tb))
    return FALSE;
  if (g_str_equal (ta, "M"))
    return JSON_NODE_HOLDS_OBJECT (va) && JSON_NODE_HOLDS_OBJECT (vb)
           && dd_item_objects_equal (json_node_get_object (va), json_node_get_object (vb));
  if (g_str_equal (ta, "L"))
    return JSON_NODE_HOLDS_ARRAY (va) && JSON_NODE_HOLDS_ARRAY (vb)
           && lists_equal (json_node_get_array (va), json_node_get_array (vb));
  if (strlen (ta) == 2 && ta[1] == 'S')
    {
      const char scalar[2] = { ta[0], 0 };

      return JSON_NODE_HOLDS_ARRAY (va) && JSON_NODE_HOLDS_ARRAY (vb)
             && sets_equal (scalar, json_node_get_array (va), json_node_get_array (vb));
    }
  if (json_node_get_value_type (va) == G_TYPE_STRING && json_node_get_value_type (vb) == G_TYPE_STRING)
    {
      g_autofree char *ca = scalar_canonical (ta, json_node_get_string (va));
      g_autofree char *cb = scalar_canonical (ta, json_node_get_string (vb));

      return g_str_equal (ca, cb);
    }
  if (json_node_get_value_type (va) == G_TYPE_BOOLEAN && json_node_get_value_type (vb) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (va) == json_node_get_boolean (vb);
  return FALSE;
}

/* --- Differences --- */

void
dd_item_diff_free (DdItemDiff *diff)
{
  if (diff == NULL)
    return;
  g_free (diff->name);
  g_free (diff->old_value);
  g_free (diff->new_value);
  g_free (diff);
}

/* The error for an item that does not parse (reason the parser's) or is
 * not an object (reason NULL), in whole sentences for each item a caller
 * names. */
static void
set_parse_error (GError     **error,
                 const char  *what,
                 const char  *reason)
{
  gboolean loaded = g_strcmp0 (what, "loaded item") == 0;
  gboolean fresh = g_strcmp0 (what, "new item") == 0;

  if (reason != NULL && loaded)
    g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("The loaded item is not JSON: %s"), reason);
  else if (reason != NULL && fresh)
    g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("The new item is not JSON: %s"), reason);
  else if (reason != NULL)
    g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("The item is not JSON: %s"), reason);
  else if (loaded)
    g_set_error_literal (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("The loaded item is not a JSON object"));
  else if (fresh)
    g_set_error_literal (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("The new item is not a JSON object"));
  else
    g_set_error_literal (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("The item is not a JSON object"));
}

JsonObject *
dd_item_parse (const char  *text,
               const char  *what,
               GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, text, -1, &local_error))
    {
      set_parse_error (error, what, local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      set_parse_error (error, what, NULL);
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

static char *
node_text (JsonNode *node)
{
  return node ? json_to_string (node, FALSE) : NULL;
}

static void
add_diff (GPtrArray      *diffs,
          DdItemDiffKind  kind,
          const char     *name,
          JsonNode       *old_value,
          JsonNode       *new_value)
{
  DdItemDiff *diff = g_new0 (DdItemDiff, 1);

  diff->kind = kind;
  diff->name = g_strdup (name);
  diff->old_value = node_text (old_value);
  diff->new_value = node_text (new_value);
  g_ptr_array_add (diffs, diff);
}

static int
compare_diffs (gconstpointer a,
               gconstpointer b)
{
  const DdItemDiff *da = *(DdItemDiff **) a;
  const DdItemDiff *db = *(DdItemDiff **) b;

  return strcmp (da->name, db->name);
}

GPtrArray *
dd_item_diff_objects (JsonObject *old_item,
                      JsonObject *new_item)
{
  g_autoptr(GPtrArray) diffs = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_item_diff_free);
  g_autoptr(GList) old_names = old_item ? json_object_get_members (old_item) : NULL;
  g_autoptr(GList) new_names = json_object_get_members (new_item);

  for (GList *l = old_names; l; l = l->next)
    {
      JsonNode *before = json_object_get_member (old_item, l->data);
      JsonNode *after = json_object_get_member (new_item, l->data);

      if (after == NULL)
        add_diff (diffs, DD_ITEM_DIFF_REMOVED, l->data, before, NULL);
      else if (!dd_item_values_equal (before, after))
        add_diff (diffs, DD_ITEM_DIFF_CHANGED, l->data, before, after);
    }
  for (GList *l = new_names; l; l = l->next)
    if (old_item == NULL || !json_object_has_member (old_item, l->data))
      add_diff (diffs, DD_ITEM_DIFF_ADDED, l->data, NULL, json_object_get_member (new_item, l->data));
  g_ptr_array_sort (diffs, compare_diffs);
  return g_steal_pointer (&diffs);
}

GPtrArray *
dd_item_diff (const char  *old_item,
              const char  *new_item,
              GError     **error)
{
  g_autoptr(JsonObject) before = NULL;
  g_autoptr(JsonObject) after = NULL;

  g_return_val_if_fail (new_item != NULL, NULL);

  if ((old_item != NULL && (before = dd_item_parse (old_item, "loaded item", error)) == NULL)
      || (after = dd_item_parse (new_item, "new item", error)) == NULL)
    return NULL;
  return dd_item_diff_objects (before, after);
}

/* --- Condition expressions --- */

struct _DdConditionPrivate
{
  DdCondition  public;
  GHashTable  *by_name;  /* name -> placeholder */
};

typedef struct _DdConditionPrivate DdConditionPrivate;

DdCondition *
dd_condition_new (void)
{
  DdConditionPrivate *self = g_new0 (DdConditionPrivate, 1);

  self->public.names = json_object_new ();
  self->public.values = json_object_new ();
  self->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return &self->public;
}

void
dd_condition_free (DdCondition *self)
{
  DdConditionPrivate *priv = (DdConditionPrivate *) self;

  if (self == NULL)
    return;
  json_object_unref (self->names);
  json_object_unref (self->values);
  g_hash_table_unref (priv->by_name);
  g_free (priv);
}

const char *
dd_condition_name (DdCondition *self,
                   const char  *name)
{
  DdConditionPrivate *priv = (DdConditionPrivate *) self;
  char *placeholder = g_hash_table_lookup (priv->by_name, name);

  if (placeholder != NULL)
    return placeholder;
  placeholder = g_strdup_printf ("#n%u", json_object_get_size (self->names));
  json_object_set_string_member (self->names, placeholder, name);
  g_hash_table_insert (priv->by_name, g_strdup (name), placeholder);
  return placeholder;
}

char *
dd_condition_value (DdCondition *self,
                    JsonNode    *value)
{
  char *placeholder = g_strdup_printf (":v%u", json_object_get_size (self->values));

  json_object_set_member (self->values, placeholder, json_node_copy (value));
  return placeholder;
}

static char *
string_value (DdCondition *self,
              const char  *type,
              const char  *text)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  json_object_set_string_member (object, type, text);
  return dd_condition_value (self, node);
}

static void append_equal (DdCondition *self, GPtrArray *terms, const char *path, JsonNode *value);

/* A map or a list: its type when empty, its size, and each member. */
static void
append_document_equal (DdCondition *self,
                       GPtrArray   *terms,
                       const char  *path,
                       const char  *type,
                       JsonNode    *inner)
{
  gboolean is_map = g_str_equal (type, "M");
  guint n = is_map ? json_object_get_size (json_node_get_object (inner))
                   : json_array_get_length (json_node_get_array (inner));
  g_autofree char *size = g_strdup_printf ("%u", n);
  g_autofree char *size_value = string_value (self, "N", size);

  if (n == 0)
    {
      g_autofree char *type_value = string_value (self, "S", type);

      g_ptr_array_add (terms, g_strdup_printf ("attribute_type(%s, %s)", path, type_value));
    }
  g_ptr_array_add (terms, g_strdup_printf ("size(%s) = %s", path, size_value));
  if (is_map)
    {
      JsonObject *object = json_node_get_object (inner);
      g_autoptr(GList) names = json_object_get_members (object);

      for (GList *l = names; l; l = l->next)
        {
          g_autofree char *sub = g_strdup_printf ("%s.%s", path, dd_condition_name (self, l->data));

          append_equal (self, terms, sub, json_object_get_member (object, l->data));
        }
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *sub = g_strdup_printf ("%s[%u]", path, i);

      append_equal (self, terms, sub, json_array_get_element (json_node_get_array (inner), i));
    }
}

static void
append_equal (DdCondition *self,
              GPtrArray   *terms,
              const char  *path,
              JsonNode    *value)
{
  JsonNode *inner = NULL;
  const char *type = value_type (value, &inner);

  if (type != NULL && g_str_equal (type, "M") && JSON_NODE_HOLDS_OBJECT (inner))
    append_document_equal (self, terms, path, type, inner);
  else if (type != NULL && g_str_equal (type, "L") && JSON_NODE_HOLDS_ARRAY (inner))
    append_document_equal (self, terms, path, type, inner);
  else
    {
      g_autofree char *placeholder = dd_condition_value (self, value);

      g_ptr_array_add (terms, g_strdup_printf ("%s = %s", path, placeholder));
    }
}

static char *
join_terms (GPtrArray  *terms,
            gboolean    parenthesize)
{
  g_autofree char *joined = NULL;

  g_ptr_array_add (terms, NULL);
  joined = g_strjoinv (" AND ", (char **) terms->pdata);
  g_ptr_array_set_size (terms, terms->len - 1);
  if (!parenthesize || terms->len < 2)
    return g_steal_pointer (&joined);
  return g_strdup_printf ("(%s)", joined);
}

char *
dd_condition_item_equals (DdCondition *self,
                          JsonObject  *item)
{
  g_autoptr(GPtrArray) terms = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GList) names = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (item != NULL, NULL);

  names = json_object_get_members (item);
  for (GList *l = names; l; l = l->next)
    append_equal (self, terms, dd_condition_name (self, l->data),
                  json_object_get_member (item, l->data));
  return join_terms (terms, TRUE);
}

char *
dd_condition_absent (DdCondition        *self,
                     const char * const *names)
{
  g_autoptr(GPtrArray) terms = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; names != NULL && names[i]; i++)
    g_ptr_array_add (terms, g_strdup_printf ("attribute_not_exists(%s)", dd_condition_name (self, names[i])));
  return join_terms (terms, FALSE);
}

gboolean
dd_condition_apply (DdCondition *self,
                    JsonObject  *request,
                    const char  *member,
                    const char  *expression,
                    GError     **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (expression != NULL && strlen (expression) > MAX_EXPRESSION_LENGTH)
    {
      gsize length = strlen (expression);

      /* Translators: the expression's length, then DynamoDB's limit (4096). */
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT,
                   ngettext ("The item has too many attributes to be checked in one expression "
                             "(%zu character, DynamoDB takes %d)",
                             "The item has too many attributes to be checked in one expression "
                             "(%zu characters, DynamoDB takes %d)", length),
                   length, MAX_EXPRESSION_LENGTH);
      return FALSE;
    }
  if (expression != NULL && *expression)
    json_object_set_string_member (request, member, expression);
  if (json_object_get_size (self->names) > 0)
    json_object_set_object_member (request, "ExpressionAttributeNames", json_object_ref (self->names));
  if (json_object_get_size (self->values) > 0)
    json_object_set_object_member (request, "ExpressionAttributeValues", json_object_ref (self->values));
  return TRUE;
}
