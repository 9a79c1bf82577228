/* dd-tree-columns.h: the columns of the results' tree (over a
 * GtkTreeListModel of DdTreeNode): Attribute, Value, Type. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void dd_tree_columns_add (GtkColumnView *view);

G_END_DECLS
