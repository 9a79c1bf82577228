/* dd-tree-columns.c: the columns of the results' tree: the attribute (with
 * its expander), its value and its type. */
#define G_LOG_DOMAIN "dd-tree-columns"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-tree-columns.h"
#include "dd-tree-node.h"

static void
tree_name_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *label = gtk_inscription_new (NULL);

  gtk_inscription_set_min_lines (GTK_INSCRIPTION (label), 1);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (label), 12);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), label);
  gtk_list_item_set_child (item, expander);
}

static void
tree_name_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item)
{
  GtkTreeExpander *expander = GTK_TREE_EXPANDER (gtk_list_item_get_child (item));
  GtkTreeListRow *row = gtk_list_item_get_item (item);
  DdTreeNode *node = gtk_tree_list_row_get_item (row);

  gtk_tree_expander_set_list_row (expander, row);
  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_tree_expander_get_child (expander)),
                            dd_tree_node_get_name (node));
  g_object_unref (node);
}

static void
tree_text_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item)
{
  GtkWidget *cell = gtk_inscription_new (NULL);

  gtk_inscription_set_min_lines (GTK_INSCRIPTION (cell), 1);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), 30);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_list_item_set_child (item, cell);
}

static void
tree_value_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item)
{
  DdTreeNode *node = gtk_tree_list_row_get_item (gtk_list_item_get_item (item));
  g_autofree char *text = NULL;
  DdCellKind kind;

  text = dd_tree_node_dup_value_text (node, &kind);
  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (item)), text);
  g_object_unref (node);
}

static void
tree_type_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item)
{
  DdTreeNode *node = gtk_tree_list_row_get_item (gtk_list_item_get_item (item));

  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (item)),
                            dd_tree_node_get_type_label (node));
  g_object_unref (node);
}

static void
add_tree_column (GtkColumnView *view,
                 const char    *title,
                 GCallback      setup,
                 GCallback      bind,
                 gboolean       expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;

  g_signal_connect (factory, "setup", setup, NULL);
  g_signal_connect (factory, "bind", bind, NULL);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_append_column (view, column);
}

void
dd_tree_columns_add (GtkColumnView *view)
{
  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));

  add_tree_column (view, _("Attribute"), G_CALLBACK (tree_name_setup_cb), G_CALLBACK (tree_name_bind_cb), FALSE);
  add_tree_column (view, _("Value"), G_CALLBACK (tree_text_setup_cb), G_CALLBACK (tree_value_bind_cb), TRUE);
  add_tree_column (view, _("Type"), G_CALLBACK (tree_text_setup_cb), G_CALLBACK (tree_type_bind_cb), FALSE);
}
