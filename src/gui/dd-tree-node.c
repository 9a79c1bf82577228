/* dd-tree-node.c: one row of the results' tree. */
#define G_LOG_DOMAIN "dd-tree-node"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dd-tree-node.h"

#define VALUE_MAX_CHARS 300

struct _DdTreeNode
{
  GObject        parent_instance;
  char          *name;
  JsonNode      *value;  /* NULL for a lazy item */
  const char    *type;   /* a type code when value is typed, else NULL */
  DdResultModel *model;  /* lazy item */
  guint          index;
};

G_DEFINE_FINAL_TYPE (DdTreeNode, dd_tree_node, G_TYPE_OBJECT)

static const char * const type_codes[] = { "S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS", NULL };

static const char *
detect_type (JsonNode *value)
{
  JsonObject *object;
  JsonNode *inner;
  const char *name;
  g_autoptr(GList) members = NULL;

  if (value == NULL || !JSON_NODE_HOLDS_OBJECT (value))
    return NULL;
  object = json_node_get_object (value);
  if (json_object_get_size (object) != 1)
    return NULL;
  members = json_object_get_members (object);
  name = members->data;
  inner = json_object_get_member (object, name);
  for (guint i = 0; type_codes[i] != NULL; i++)
    if (strcmp (type_codes[i], name) == 0)
      {
        gboolean ok;

        if (i <= 2)
          ok = JSON_NODE_HOLDS_VALUE (inner) && json_node_get_value_type (inner) == G_TYPE_STRING;
        else if (i <= 4)
          ok = JSON_NODE_HOLDS_VALUE (inner) && json_node_get_value_type (inner) == G_TYPE_BOOLEAN;
        else if (i == 5)
          ok = JSON_NODE_HOLDS_OBJECT (inner);
        else
          ok = JSON_NODE_HOLDS_ARRAY (inner);
        return ok ? type_codes[i] : NULL;
      }
  return NULL;
}

static void
dd_tree_node_finalize (GObject *object)
{
  DdTreeNode *self = DD_TREE_NODE (object);

  g_free (self->name);
  g_clear_pointer (&self->value, json_node_unref);
  g_clear_object (&self->model);
  G_OBJECT_CLASS (dd_tree_node_parent_class)->finalize (object);
}

static void
dd_tree_node_class_init (DdTreeNodeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_tree_node_finalize;
}

static void
dd_tree_node_init (DdTreeNode *self)
{
}

DdTreeNode *
dd_tree_node_new_item (const char    *name,
                       DdResultModel *model,
                       guint          index)
{
  DdTreeNode *self = g_object_new (DD_TYPE_TREE_NODE, NULL);

  self->name = g_strdup (name);
  self->model = g_object_ref (model);
  self->index = index;
  self->type = "M";
  return self;
}

DdTreeNode *
dd_tree_node_new (const char *name,
                  JsonNode   *value)
{
  DdTreeNode *self = g_object_new (DD_TYPE_TREE_NODE, NULL);

  self->name = g_strdup (name);
  self->value = json_node_ref (value);
  self->type = detect_type (value);
  return self;
}

const char *
dd_tree_node_get_name (DdTreeNode *self)
{
  g_return_val_if_fail (DD_IS_TREE_NODE (self), NULL);
  return self->name;
}

/* The node under the type code, for a typed value. */
static JsonNode *
typed_inner (DdTreeNode *self)
{
  return json_object_get_member (json_node_get_object (self->value), self->type);
}

static char *
plain_value_text (JsonNode   *value,
                  DdCellKind *kind)
{
  GType type;

  if (JSON_NODE_HOLDS_NULL (value))
    return dd_format_cell ("NULL", NULL, VALUE_MAX_CHARS, kind);
  if (JSON_NODE_HOLDS_OBJECT (value))
    {
      *kind = DD_CELL_COMPOSITE;
      return g_strdup_printf ("{%u}", json_object_get_size (json_node_get_object (value)));
    }
  if (JSON_NODE_HOLDS_ARRAY (value))
    {
      *kind = DD_CELL_COMPOSITE;
      return g_strdup_printf ("[%u]", json_array_get_length (json_node_get_array (value)));
    }
  type = json_node_get_value_type (value);
  if (type == G_TYPE_BOOLEAN)
    return dd_format_cell ("BOOL", json_node_get_boolean (value) ? "true" : "false", 0, kind);
  if (type == G_TYPE_STRING)
    return dd_format_cell ("S", json_node_get_string (value), VALUE_MAX_CHARS, kind);
  {
    g_autofree char *number = json_to_string (value, FALSE);
    return dd_format_cell ("N", number, VALUE_MAX_CHARS, kind);
  }
}

char *
dd_tree_node_dup_value_text (DdTreeNode *self,
                             DdCellKind *kind)
{
  JsonNode *inner;

  g_return_val_if_fail (DD_IS_TREE_NODE (self), NULL);

  if (self->model != NULL)
    {
      g_autoptr(JsonObject) item = dd_result_model_get_item (self->model, self->index);

      *kind = DD_CELL_COMPOSITE;
      return g_strdup_printf ("{%u}", item ? json_object_get_size (item) : 0);
    }
  if (self->type == NULL)
    return plain_value_text (self->value, kind);
  inner = typed_inner (self);
  if (g_str_equal (self->type, "M"))
    {
      *kind = DD_CELL_COMPOSITE;
      return g_strdup_printf ("{%u}", json_object_get_size (json_node_get_object (inner)));
    }
  if (JSON_NODE_HOLDS_ARRAY (inner))
    {
      *kind = DD_CELL_COMPOSITE;
      return g_strdup_printf ("[%u]", json_array_get_length (json_node_get_array (inner)));
    }
  if (json_node_get_value_type (inner) == G_TYPE_BOOLEAN)
    return dd_format_cell (self->type, json_node_get_boolean (inner) ? "true" : "false", 0, kind);
  return dd_format_cell (self->type, json_node_get_string (inner), VALUE_MAX_CHARS, kind);
}

const char *
dd_tree_node_get_type_label (DdTreeNode *self)
{
  g_return_val_if_fail (DD_IS_TREE_NODE (self), NULL);

  if (self->type != NULL)
    return dd_attr_type_label (self->type);
  if (JSON_NODE_HOLDS_OBJECT (self->value))
    return _("Object");
  if (JSON_NODE_HOLDS_ARRAY (self->value))
    return _("Array");
  if (JSON_NODE_HOLDS_NULL (self->value))
    return _("Null");
  if (json_node_get_value_type (self->value) == G_TYPE_STRING)
    return _("String");
  if (json_node_get_value_type (self->value) == G_TYPE_BOOLEAN)
    return _("Boolean");
  return _("Number");
}

gboolean
dd_tree_node_has_children (DdTreeNode *self)
{
  g_return_val_if_fail (DD_IS_TREE_NODE (self), FALSE);

  if (self->model != NULL)
    return TRUE;
  if (self->type != NULL)
    return g_str_equal (self->type, "M") || JSON_NODE_HOLDS_ARRAY (typed_inner (self));
  return JSON_NODE_HOLDS_OBJECT (self->value) || JSON_NODE_HOLDS_ARRAY (self->value);
}

static void
add_object_members (GListStore *store,
                    JsonObject *object)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      g_autoptr(DdTreeNode) child = dd_tree_node_new (l->data, json_object_get_member (object, l->data));
      g_list_store_append (store, child);
    }
}

/* Elements of a list; the elements of a set (SS, NS, BS) become typed
 * scalars of the set's element type. */
static void
add_array_elements (GListStore *store,
                    JsonArray  *array,
                    const char *set_type)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *name = g_strdup_printf ("[%u]", i);
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr(DdTreeNode) child = NULL;

      if (set_type != NULL)
        {
          g_autoptr(JsonObject) wrapper = json_object_new ();
          g_autoptr(JsonNode) typed = json_node_new (JSON_NODE_OBJECT);

          json_object_set_member (wrapper, set_type, json_node_ref (element));
          json_node_set_object (typed, wrapper);
          child = dd_tree_node_new (name, typed);
        }
      else
        child = dd_tree_node_new (name, element);
      g_list_store_append (store, child);
    }
}

GListModel *
dd_tree_node_create_children (DdTreeNode *self)
{
  g_autoptr(GListStore) store = NULL;
  JsonNode *inner;

  g_return_val_if_fail (DD_IS_TREE_NODE (self), NULL);

  if (!dd_tree_node_has_children (self))
    return NULL;
  store = g_list_store_new (DD_TYPE_TREE_NODE);
  if (self->model != NULL)
    {
      g_autoptr(JsonObject) item = dd_result_model_get_item (self->model, self->index);

      if (item != NULL)
        add_object_members (store, item);
      return G_LIST_MODEL (g_steal_pointer (&store));
    }
  inner = self->type != NULL ? typed_inner (self) : self->value;
  if (JSON_NODE_HOLDS_OBJECT (inner))
    add_object_members (store, json_node_get_object (inner));
  else
    add_array_elements (store, json_node_get_array (inner),
                        self->type == NULL || g_str_equal (self->type, "L") ? NULL
                        : self->type[0] == 'S' ? "S" : self->type[0] == 'N' ? "N" : "B");
  return G_LIST_MODEL (g_steal_pointer (&store));
}

GListModel *
dd_tree_node_children_func (gpointer item,
                            gpointer user_data)
{
  return dd_tree_node_create_children (DD_TREE_NODE (item));
}
