/* dd-tree-node.h: one row of the results' tree: an attribute (or a list
 * element, or a member of a response) with its value and type.
 *
 * A node holds either a DynamoDB typed value ({"M": {...}}), a plain JSON
 * value (a response's own fields), or a not-yet-parsed item of a
 * DdResultModel; its children are made when it is expanded.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "dd-result-model.h"

G_BEGIN_DECLS

#define DD_TYPE_TREE_NODE (dd_tree_node_get_type ())

G_DECLARE_FINAL_TYPE (DdTreeNode, dd_tree_node, DD, TREE_NODE, GObject)

DdTreeNode *dd_tree_node_new_item       (const char    *name,
                                         DdResultModel *model,
                                         guint          index);
/* value is either typed or plain (detect: a one-member object whose name
 * is a type code holding the matching JSON type is read as typed). */
DdTreeNode *dd_tree_node_new            (const char    *name,
                                         JsonNode      *value);

const char *dd_tree_node_get_name       (DdTreeNode    *self);
/* The value's one-line text ("{3}" for a map, "[2]" for a list). */
char       *dd_tree_node_dup_value_text (DdTreeNode    *self,
                                         DdCellKind    *kind);
/* "String", "Map", ... for typed values; "Object", "Array", ... for plain. */
const char *dd_tree_node_get_type_label (DdTreeNode    *self);
gboolean    dd_tree_node_has_children   (DdTreeNode    *self);
/* A new list of child nodes, or NULL for a leaf. */
GListModel *dd_tree_node_create_children (DdTreeNode   *self);

/* A GtkTreeListModel create function for dd_tree_node_create_children. */
GListModel *dd_tree_node_children_func  (gpointer       item,
                                         gpointer       user_data);

G_END_DECLS
