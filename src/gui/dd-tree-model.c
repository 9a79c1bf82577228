/* dd-tree-model.c: the top level of the results' tree. */
#define G_LOG_DOMAIN "dd-tree-model"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-tree-model.h"

struct _DdTreeModel
{
  GObject        parent_instance;
  DdResultModel *items;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DdTreeModel, dd_tree_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
dd_tree_model_get_item_type (GListModel *model)
{
  return DD_TYPE_TREE_NODE;
}

static guint
dd_tree_model_get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (DD_TREE_MODEL (model)->items));
}

static gpointer
dd_tree_model_get_item (GListModel *model,
                        guint       position)
{
  DdTreeModel *self = DD_TREE_MODEL (model);
  g_autofree char *name = NULL;

  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->items)))
    return NULL;
  name = g_strdup_printf (_("Item %u"), position + 1);
  return dd_tree_node_new_item (name, self->items, dd_result_model_get_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = dd_tree_model_get_item_type;
  iface->get_n_items = dd_tree_model_get_n_items;
  iface->get_item = dd_tree_model_get_item;
}

static void
items_changed_cb (DdTreeModel *self,
                  guint        position,
                  guint        removed,
                  guint        added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
dd_tree_model_dispose (GObject *object)
{
  DdTreeModel *self = DD_TREE_MODEL (object);

  if (self->items != NULL)
    g_signal_handlers_disconnect_by_func (self->items, items_changed_cb, self);
  g_clear_object (&self->items);
  G_OBJECT_CLASS (dd_tree_model_parent_class)->dispose (object);
}

static void
dd_tree_model_class_init (DdTreeModelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = dd_tree_model_dispose;
}

static void
dd_tree_model_init (DdTreeModel *self)
{
}

DdTreeModel *
dd_tree_model_new_for_items (DdResultModel *items)
{
  DdTreeModel *self = g_object_new (DD_TYPE_TREE_MODEL, NULL);

  self->items = g_object_ref (items);
  g_signal_connect_swapped (items, "items-changed", G_CALLBACK (items_changed_cb), self);
  return self;
}

GListModel *
dd_tree_model_list_document (JsonNode *document)
{
  g_autoptr(DdTreeNode) root = dd_tree_node_new ("", document);
  GListModel *children = dd_tree_node_create_children (root);

  return children != NULL ? children : G_LIST_MODEL (g_list_store_new (DD_TYPE_TREE_NODE));
}

GtkTreeListModel *
dd_tree_model_create_tree (GListModel *top)
{
  return gtk_tree_list_model_new (g_object_ref (top), FALSE, FALSE,
                                  dd_tree_node_children_func, NULL, NULL);
}
