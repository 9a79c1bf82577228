/* dd-tree-model.h: the top level of the results' tree.
 *
 * For items: one node per item of a DdResultModel ("Item 1", ...), made
 * when shown, following the model's changes. For other answers: the
 * members of the response document.
 */
#pragma once

#include <gtk/gtk.h>

#include "dd-result-model.h"
#include "dd-tree-node.h"

G_BEGIN_DECLS

#define DD_TYPE_TREE_MODEL (dd_tree_model_get_type ())

G_DECLARE_FINAL_TYPE (DdTreeModel, dd_tree_model, DD, TREE_MODEL, GObject)

DdTreeModel      *dd_tree_model_new_for_items    (DdResultModel *items);
/* A list of the document's members (or elements). */
GListModel       *dd_tree_model_list_document    (JsonNode      *document);
/* The tree over a top level (items or document), nothing expanded. */
GtkTreeListModel *dd_tree_model_create_tree      (GListModel    *top);

G_END_DECLS
