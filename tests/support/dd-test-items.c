/* dd-test-items.c: DynamoDB JSON items compared exactly in tests. */
#define G_LOG_DOMAIN "dd-test"

#include "config.h"

#include <string.h>

#include "dd-item-compare.h"
#include "dd-test-items.h"

static void
append_quoted (GString    *out,
               const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guint) (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

const char *
dd_test_value_type (JsonNode *value)
{
  g_autoptr(GList) names = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (value) || json_object_get_size (json_node_get_object (value)) != 1)
    g_error ("Not an attribute value");
  names = json_object_get_members (json_node_get_object (value));
  return names->data;
}

static JsonNode *
inner_of (JsonNode *value)
{
  return json_object_get_member (json_node_get_object (value), dd_test_value_type (value));
}

gboolean
dd_test_type_is_set (const char *type)
{
  return g_str_equal (type, "SS") || g_str_equal (type, "NS") || g_str_equal (type, "BS");
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void canon_map (GString *out, JsonObject *map);
static void canon_value (GString *out, JsonNode *value);

/* A set's elements sorted; a set that repeats an element fails. */
static void
canon_set (GString    *out,
           const char *type,
           JsonArray  *array)
{
  g_autoptr(GPtrArray) strings = g_ptr_array_new ();

  for (guint k = 0; k < json_array_get_length (array); k++)
    g_ptr_array_add (strings, (gpointer) json_array_get_string_element (array, k));
  g_ptr_array_sort (strings, compare_strings);
  g_string_append_c (out, '[');
  for (guint k = 0; k < strings->len; k++)
    {
      if (k > 0 && g_str_equal (strings->pdata[k - 1], strings->pdata[k]))
        g_error ("A %s repeats %s", type, (char *) strings->pdata[k]);
      g_string_append (out, k > 0 ? "," : "");
      append_quoted (out, strings->pdata[k]);
    }
  g_string_append_c (out, ']');
}

/* Strings exactly as the server gave them (N included), lists in order,
 * maps by name, sets as sets. */
static void
canon_value (GString  *out,
             JsonNode *value)
{
  const char *type = dd_test_value_type (value);
  JsonNode *inner = inner_of (value);

  g_string_append_printf (out, "{\"%s\":", type);
  if (g_str_equal (type, "M"))
    canon_map (out, json_node_get_object (inner));
  else if (g_str_equal (type, "BOOL") || g_str_equal (type, "NULL"))
    g_string_append (out, json_node_get_boolean (inner) ? "true" : "false");
  else if (dd_test_type_is_set (type))
    canon_set (out, type, json_node_get_array (inner));
  else if (g_str_equal (type, "L"))
    {
      JsonArray *array = json_node_get_array (inner);

      g_string_append_c (out, '[');
      for (guint k = 0; k < json_array_get_length (array); k++)
        {
          g_string_append (out, k > 0 ? "," : "");
          canon_value (out, json_array_get_element (array, k));
        }
      g_string_append_c (out, ']');
    }
  else
    append_quoted (out, json_node_get_string (inner));
  g_string_append_c (out, '}');
}

static void
canon_map (GString    *out,
           JsonObject *map)
{
  g_autoptr(GList) names = g_list_sort (json_object_get_members (map), (GCompareFunc) strcmp);

  g_string_append_c (out, '{');
  for (GList *l = names; l != NULL; l = l->next)
    {
      append_quoted (out, l->data);
      g_string_append_c (out, ':');
      canon_value (out, json_object_get_member (map, l->data));
      g_string_append (out, l->next != NULL ? "," : "");
    }
  g_string_append_c (out, '}');
}

static JsonArray *
plain_list (JsonArray *list)
{
  JsonArray *result = json_array_new ();

  for (guint k = 0; k < json_array_get_length (list); k++)
    json_array_add_element (result, dd_test_value_plain (json_array_get_element (list, k)));
  return result;
}

/* A set as the list of its elements, in the order they were written. */
static JsonArray *
set_as_list (JsonArray  *set,
             const char *element_type)
{
  JsonArray *result = json_array_new ();

  for (guint k = 0; k < json_array_get_length (set); k++)
    {
      JsonObject *element = json_object_new ();

      json_object_set_string_member (element, element_type, json_array_get_string_element (set, k));
      json_array_add_object_element (result, element);
    }
  return result;
}

JsonNode *
dd_test_value_plain (JsonNode *value)
{
  const char *type = dd_test_value_type (value);
  JsonNode *inner = inner_of (value);
  g_autoptr(JsonObject) result = json_object_new ();

  if (g_str_equal (type, "B"))
    json_object_set_member (result, "S", json_node_copy (inner));
  else if (dd_test_type_is_set (type))
    json_object_set_array_member (result, "L", set_as_list (json_node_get_array (inner),
                                                            g_str_equal (type, "NS") ? "N" : "S"));
  else if (g_str_equal (type, "M"))
    json_object_set_object_member (result, "M", dd_test_item_plain (json_node_get_object (inner)));
  else if (g_str_equal (type, "L"))
    json_object_set_array_member (result, "L", plain_list (json_node_get_array (inner)));
  else
    return json_node_copy (value);
  return json_node_init_object (json_node_alloc (), result);
}

JsonObject *
dd_test_item_plain (JsonObject *map)
{
  JsonObject *result = json_object_new ();
  g_autoptr(GList) names = json_object_get_members (map);

  for (GList *l = names; l != NULL; l = l->next)
    json_object_set_member (result, l->data, dd_test_value_plain (json_object_get_member (map, l->data)));
  return result;
}

char *
dd_test_item_canon (JsonObject *item)
{
  GString *out = g_string_new (NULL);

  canon_map (out, item);
  return g_string_free (out, FALSE);
}

void
dd_test_assert_items_equal (const char         *got,
                            const char         *expected,
                            const char * const *exact)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) diffs = NULL;

  g_assert_nonnull (got);
  diffs = dd_item_diff (expected, got, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < diffs->len; i++)
    g_test_message ("differs: %s", ((DdItemDiff *) diffs->pdata[i])->name);
  g_assert_cmpuint (diffs->len, ==, 0);
  for (guint i = 0; exact[i] != NULL; i++)
    {
      g_autofree char *quoted = g_strdup_printf ("\"%s\"", exact[i]);

      g_assert_nonnull (strstr (got, quoted));
    }
}
