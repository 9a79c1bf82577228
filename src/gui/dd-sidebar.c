/* dd-sidebar.c: the saved data sources with their tables and queries. */
#define G_LOG_DOMAIN "dd-sidebar"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-sidebar.h"
#include "dd-source-row.h"

struct _DdSidebar
{
  AdwBin              parent_instance;
  GtkListView        *list_view;

  DdSourceStore      *sources;
  DdQueryStore       *queries;
  GHashTable         *sessions; /* id -> DdSession */
  DdMfaPrompt        *mfa_prompt;
  GtkTreeListModel   *tree;
  GtkSingleSelection *selection;
};

enum { SOURCE_SELECTED, ITEM_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (DdSidebar, dd_sidebar, ADW_TYPE_BIN)

DdSession *
dd_sidebar_get_session (DdSidebar *self,
                        DdSource  *source)
{
  DdSession *session;

  g_return_val_if_fail (DD_IS_SIDEBAR (self), NULL);
  g_return_val_if_fail (DD_IS_SOURCE (source), NULL);

  session = g_hash_table_lookup (self->sessions, dd_source_get_id (source));
  if (session == NULL)
    {
      session = dd_session_new (source, self->sources, self->queries);
      dd_session_set_mfa_prompt (session, self->mfa_prompt);
      g_hash_table_insert (self->sessions, g_strdup (dd_source_get_id (source)), session);
    }
  return session;
}

void
dd_sidebar_set_mfa_prompt (DdSidebar   *self,
                           DdMfaPrompt *prompt)
{
  g_return_if_fail (DD_IS_SIDEBAR (self));
  g_set_object (&self->mfa_prompt, prompt);
}

void
dd_sidebar_forget_session (DdSidebar  *self,
                           const char *source_id)
{
  DdSession *session;

  g_return_if_fail (DD_IS_SIDEBAR (self));

  session = g_hash_table_lookup (self->sessions, source_id);
  if (session != NULL)
    dd_session_reset (session);
}

static GListModel *
create_children_cb (gpointer item,
                    gpointer user_data)
{
  DdSidebar *self = user_data;

  if (!DD_IS_SOURCE (item))
    return NULL;
  return g_object_ref (dd_session_get_children (dd_sidebar_get_session (self, item)));
}

static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  GtkWidget *expander = gtk_tree_expander_new ();

  gtk_widget_set_margin_top (expander, 3);
  gtk_widget_set_margin_bottom (expander, 3);
  gtk_list_item_set_child (item, expander);
}

static GtkWidget *
child_row (DdSidebarItem *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (dd_sidebar_item_get_title (item));

  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (dd_sidebar_item_get_icon_name (item)));
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (dd_sidebar_item_get_kind (item) == DD_SIDEBAR_ITEM_MESSAGE)
    gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

/* Tables load when a source is first expanded (GtkTreeListModel asks for
 * the children model earlier, to know whether a row can expand). */
static void
row_expanded_cb (GtkTreeListRow *row,
                 GParamSpec     *pspec,
                 DdSidebar      *self)
{
  g_autoptr(GObject) object = gtk_tree_list_row_get_item (row);

  if (gtk_tree_list_row_get_expanded (row) && DD_IS_SOURCE (object))
    dd_session_ensure_tables (dd_sidebar_get_session (self, DD_SOURCE (object)));
}

static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             DdSidebar                *self)
{
  GtkTreeExpander *expander = GTK_TREE_EXPANDER (gtk_list_item_get_child (item));
  GtkTreeListRow *row = gtk_list_item_get_item (item);
  g_autoptr(GObject) object = gtk_tree_list_row_get_item (row);
  GtkWidget *child = gtk_tree_expander_get_child (expander);

  gtk_tree_expander_set_list_row (expander, row);
  if (DD_IS_SOURCE (object))
    {
      if (!DD_IS_SOURCE_ROW (child))
        {
          child = dd_source_row_new ();
          gtk_tree_expander_set_child (expander, child);
        }
      dd_source_row_set_source (DD_SOURCE_ROW (child), DD_SOURCE (object));
      gtk_list_item_set_activatable (item, TRUE);
      g_signal_handlers_disconnect_by_func (row, row_expanded_cb, self);
      g_signal_connect_object (row, "notify::expanded", G_CALLBACK (row_expanded_cb), self, 0);
    }
  else
    {
      gtk_tree_expander_set_child (expander, child_row (DD_SIDEBAR_ITEM (object)));
      gtk_list_item_set_selectable (item, dd_sidebar_item_get_kind (DD_SIDEBAR_ITEM (object))
                                          != DD_SIDEBAR_ITEM_MESSAGE);
    }
}

static void
row_unbind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  GtkTreeExpander *expander = GTK_TREE_EXPANDER (gtk_list_item_get_child (item));
  GtkWidget *child = gtk_tree_expander_get_child (expander);

  if (DD_IS_SOURCE_ROW (child))
    dd_source_row_set_source (DD_SOURCE_ROW (child), NULL);
}

DdSource *
dd_sidebar_get_selected_source (DdSidebar *self)
{
  GtkTreeListRow *row;
  g_autoptr(GObject) object = NULL;
  DdSidebarItem *item;

  g_return_val_if_fail (DD_IS_SIDEBAR (self), NULL);

  row = gtk_single_selection_get_selected_item (self->selection);
  if (row == NULL)
    return NULL;
  object = gtk_tree_list_row_get_item (row);
  if (DD_IS_SOURCE (object))
    return DD_SOURCE (object);
  item = DD_SIDEBAR_ITEM (object);
  return dd_source_store_lookup (self->sources, dd_sidebar_item_get_source_id (item));
}

static void
selection_changed_cb (DdSidebar *self)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (self->selection);
  g_autoptr(GObject) object = row ? gtk_tree_list_row_get_item (row) : NULL;
  DdSource *source = dd_sidebar_get_selected_source (self);

  g_signal_emit (self, signals[SOURCE_SELECTED], 0, source);
  if (DD_IS_SIDEBAR_ITEM (object))
    g_signal_emit (self, signals[ITEM_ACTIVATED], 0, object);
}

static void
activate_cb (DdSidebar   *self,
             guint        position)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree), position);

  if (row != NULL && gtk_tree_list_row_is_expandable (row))
    gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
}

static void
dd_sidebar_dispose (GObject *object)
{
  DdSidebar *self = DD_SIDEBAR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_SIDEBAR);
  g_clear_object (&self->selection);
  g_clear_object (&self->tree);
  g_clear_pointer (&self->sessions, g_hash_table_unref);
  g_clear_object (&self->sources);
  g_clear_object (&self->queries);
  g_clear_object (&self->mfa_prompt);
  G_OBJECT_CLASS (dd_sidebar_parent_class)->dispose (object);
}

static void
dd_sidebar_class_init (DdSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_sidebar_dispose;

  /* The source of the selected row (NULL when nothing is selected). */
  signals[SOURCE_SELECTED] = g_signal_new ("source-selected", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, DD_TYPE_SOURCE);
  /* A table or saved query row was selected. */
  signals[ITEM_ACTIVATED] = g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, DD_TYPE_SIDEBAR_ITEM);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dynamodesk/DynamoDesk/ui/dd-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, DdSidebar, list_view);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);

  /* The row menu's entries, for the selected source, while the sidebar has
   * the focus (the window's actions take "" as the selected source). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "win.edit-source", "s", "");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "win.delete-source", "s", "");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "win.duplicate-source", "s", "");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "win.test-source", "s", "");
}

static void
dd_sidebar_init (DdSidebar *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_signal_connect (factory, "setup", G_CALLBACK (row_setup_cb), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (row_bind_cb), self, 0);
  g_signal_connect (factory, "unbind", G_CALLBACK (row_unbind_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
}

GtkWidget *
dd_sidebar_new (void)
{
  return g_object_new (DD_TYPE_SIDEBAR, NULL);
}

void
dd_sidebar_set_stores (DdSidebar     *self,
                       DdSourceStore *sources,
                       DdQueryStore  *queries)
{
  g_return_if_fail (DD_IS_SIDEBAR (self));
  g_return_if_fail (DD_IS_SOURCE_STORE (sources));
  g_return_if_fail (DD_IS_QUERY_STORE (queries));

  g_set_object (&self->sources, sources);
  g_set_object (&self->queries, queries);
  g_clear_object (&self->selection);
  g_clear_object (&self->tree);
  self->tree = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (sources)), FALSE, FALSE,
                                        create_children_cb, self, NULL);
  /* not autoselect: the window picks the last source itself */
  self->selection = g_object_new (GTK_TYPE_SINGLE_SELECTION,
                                  "autoselect", FALSE,
                                  "can-unselect", TRUE,
                                  "model", self->tree,
                                  NULL);
  g_signal_connect_object (self->selection, "notify::selected-item", G_CALLBACK (selection_changed_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
}

gboolean
dd_sidebar_select_source (DdSidebar  *self,
                          const char *source_id)
{
  guint n;

  g_return_val_if_fail (DD_IS_SIDEBAR (self), FALSE);

  n = self->tree ? g_list_model_get_n_items (G_LIST_MODEL (self->tree)) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree), i);
      g_autoptr(GObject) object = gtk_tree_list_row_get_item (row);

      if (DD_IS_SOURCE (object) && g_strcmp0 (dd_source_get_id (DD_SOURCE (object)), source_id) == 0)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }
  return FALSE;
}

void
dd_sidebar_set_expanded (DdSidebar  *self,
                         const char *source_id,
                         gboolean    expanded)
{
  guint n;

  g_return_if_fail (DD_IS_SIDEBAR (self));

  n = self->tree ? g_list_model_get_n_items (G_LIST_MODEL (self->tree)) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree), i);
      g_autoptr(GObject) object = gtk_tree_list_row_get_item (row);

      if (DD_IS_SOURCE (object) && g_strcmp0 (dd_source_get_id (DD_SOURCE (object)), source_id) == 0)
        gtk_tree_list_row_set_expanded (row, expanded);
    }
}

GListModel *
dd_sidebar_get_rows (DdSidebar *self)
{
  g_return_val_if_fail (DD_IS_SIDEBAR (self), NULL);
  return G_LIST_MODEL (self->tree);
}

void
dd_sidebar_select_row (DdSidebar *self,
                       guint      position)
{
  g_return_if_fail (DD_IS_SIDEBAR (self));
  gtk_single_selection_set_selected (self->selection, position);
}
