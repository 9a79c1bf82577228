/* dd-results-view-table.c: the table of DdResultsView: its cells,
 * columns, sorting, right-click menu and copying. */
#define G_LOG_DOMAIN "dd-results-view"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-cell.h"
#include "dd-column-chooser.h"
#include "dd-result-filter.h"
#include "dd-results-view-private.h"

/* Table cells: a DdCell each, made once and shown again for each row it
 * is given (bind, or after a replacement of the rows). The right-click
 * menu is one gesture on the table, not one a cell. */

/* A row with no item (past the filter's end, while the table catches up
 * with it: DdResultFilterStage) is hidden: its row widget, the cell's
 * grandparent in GTK 4.8's column view. */
static void
show_row (DdCell   *cell,
          gboolean  shown)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (cell));
  GtkWidget *row = parent != NULL ? gtk_widget_get_parent (parent) : NULL;

  if (row != NULL && gtk_widget_get_visible (row) != shown)
    gtk_widget_set_visible (row, shown);
}

static void
show_cell (DdCell      *cell,
           GtkListItem *item)
{
  const char *column = g_object_get_data (G_OBJECT (cell), "dd-column");
  DdResultRow *row = gtk_list_item_get_item (item);
  DdCellKind kind;
  char *text;

  if (row == NULL)
    return;
  show_row (cell, dd_result_row_get_index (row) != G_MAXUINT);
  text = dd_result_model_get_cell (dd_result_row_get_model (row), dd_result_row_get_index (row),
                                   column, &kind);
  dd_cell_take_text (cell, text);
  dd_cell_set_numeric (cell, kind == DD_CELL_NUMBER);
  if (kind == DD_CELL_NULL || kind == DD_CELL_BINARY)
    gtk_widget_add_css_class (GTK_WIDGET (cell), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (cell), "dim-label");
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              DdResultsView            *self)
{
  DdCell *cell = DD_CELL (gtk_list_item_get_child (item));

  show_cell (cell, item);
  if (self->bound_cells != NULL)
    g_hash_table_add (self->bound_cells, cell);
}

static void
cell_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                DdResultsView            *self)
{
  if (self->bound_cells != NULL)
    g_hash_table_remove (self->bound_cells, gtk_list_item_get_child (item));
}

static void
cell_teardown_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  DdResultsView            *self)
{
  cell_unbind_cb (factory, item, self);
}

/* A cell is cheap to make (nothing is laid out until it is drawn): the
 * cells of rows GTK takes down go with them. */
static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               DdResultsView            *self)
{
  GtkWidget *cell = dd_cell_new ();

  /* the factory's column name, interned: no copy a cell */
  g_object_set_data (G_OBJECT (cell), "dd-column", g_object_get_data (G_OBJECT (factory), "dd-column"));
  g_object_set_data (G_OBJECT (cell), "dd-list-item", item);
  gtk_list_item_set_child (item, cell);
}

/* The rows were given new items in place: show the cells again. */
static void
rows_replaced_cb (DdResultsView *self)
{
  GHashTableIter iter;
  gpointer cell;

  if (self->bound_cells == NULL)
    return;
  g_hash_table_iter_init (&iter, self->bound_cells);
  while (g_hash_table_iter_next (&iter, &cell, NULL))
    show_cell (cell, g_object_get_data (cell, "dd-list-item"));
}

/* The height of a row shown, for the stage to fill the screen at once. */
static void
tell_row_height (DdResultsView *self)
{
  GHashTableIter iter;
  gpointer cell;

  if (self->bound_cells == NULL || self->stage == NULL)
    return;
  g_hash_table_iter_init (&iter, self->bound_cells);
  while (g_hash_table_iter_next (&iter, &cell, NULL))
    {
      GtkWidget *parent = gtk_widget_get_parent (cell);
      GtkWidget *row = parent != NULL ? gtk_widget_get_parent (parent) : NULL;

      if (row != NULL && gtk_widget_get_visible (row) && gtk_widget_get_height (row) > 0)
        {
          dd_result_filter_stage_set_row_height (self->stage, gtk_widget_get_height (row));
          return;
        }
    }
}

/* Before a new filter or sort replaces the rows: nothing stays selected,
 * and the table goes back to its first row while the old rows are there
 * (GTK moves the rows it keeps instead of making them again). */
static void
rows_replacing_cb (DdResultsView *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->table_view));

  if (self->selection != NULL)
    gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  tell_row_height (self);
  if (adjustment != NULL && gtk_adjustment_get_value (adjustment) > 0)
    gtk_adjustment_set_value (adjustment, 0);
}

/* The cell at a point of the table, or NULL. */
static GtkWidget *
cell_at (DdResultsView *self,
         double         x,
         double         y)
{
  GtkWidget *table = GTK_WIDGET (self->table_view);
  GtkWidget *widget = gtk_widget_pick (table, x, y, GTK_PICK_DEFAULT);

  if (self->bound_cells == NULL)
    return NULL;
  for (; widget != NULL && widget != table; widget = gtk_widget_get_parent (widget))
    {
      GtkWidget *child = gtk_widget_get_first_child (widget);

      if (g_hash_table_contains (self->bound_cells, widget))
        return widget;
      /* a click on a cell's padding, around its text */
      if (child != NULL && gtk_widget_get_next_sibling (child) == NULL
          && g_hash_table_contains (self->bound_cells, child))
        return child;
    }
  return NULL;
}

static void
table_pressed_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  DdResultsView   *self)
{
  GtkWidget *cell = cell_at (self, x, y);
  GtkListItem *item = cell != NULL ? g_object_get_data (G_OBJECT (cell), "dd-list-item") : NULL;
  DdResultRow *row = item != NULL ? gtk_list_item_get_item (item) : NULL;
  graphene_point_t point;

  if (row == NULL)
    return;
  self->menu_index = dd_result_row_get_index (row);
  g_free (self->menu_column);
  self->menu_column = g_strdup (g_object_get_data (G_OBJECT (cell), "dd-column"));
  if (!gtk_widget_compute_point (GTK_WIDGET (self->table_view), GTK_WIDGET (self),
                                 &GRAPHENE_POINT_INIT ((float) x, (float) y), &point))
    return;
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu_popover),
                               &(GdkRectangle) { (int) point.x, (int) point.y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu_popover));
}

static void
setup_table_menu (DdResultsView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (table_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->table_view), GTK_EVENT_CONTROLLER (click));
}

/* Sorting: the store orders the loaded items itself (no GtkSortListModel,
 * which would ask the model for every item). The column sorters are only
 * markers: asked to compare, the primary one says which it is. */

static const char *probed_column;

static int
probe_compare_cb (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  probed_column = user_data;
  return GTK_ORDERING_SMALLER;
}

/* From this many items the order is made in a worker thread. */
#define ASYNC_SORT_ITEMS 50000

static void
sorted_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* cancelled by a newer sort or new results: nothing to tell */
  if (!dd_item_store_sort_finish (DD_ITEM_STORE (object), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Sorting failed: %s", error->message);
}

static void
sort_store (DdResultsView *self,
            const char    *name,
            gboolean       descending)
{
  DdItemStore *store = dd_result_model_get_store (self->model);

  if (name == NULL || dd_item_store_get_n_items (store) < ASYNC_SORT_ITEMS)
    {
      dd_result_model_sort (self->model, name, descending);
      return;
    }
  if (!dd_item_store_get_sorting (store)
      && g_strcmp0 (name, dd_item_store_get_sort_attribute (store)) == 0
      && !descending == !dd_item_store_get_sort_descending (store))
    return;
  dd_item_store_sort_async (store, name, descending, NULL, sorted_cb, NULL);
}

static void
sorter_changed_cb (DdResultsView *self)
{
  GtkSorter *sorter;
  g_autofree char *name = NULL;
  GtkOrdering order;

  if (self->table_view == NULL || self->model == NULL || gtk_column_view_get_model (self->table_view) == NULL)
    return;
  sorter = gtk_column_view_get_sorter (self->table_view);
  probed_column = NULL;
  order = gtk_sorter_compare (sorter, self, self->table_view);  /* two objects: equal ones are not compared */
  name = g_strdup (probed_column);
  probed_column = NULL;
  sort_store (self, name, order == GTK_ORDERING_LARGER);
  self->json_items_shown = 0;
}

static void
sort_note_cb (DdResultsView *self)
{
  DdItemStore *store = dd_result_model_get_store (self->model);
  const char *name = dd_item_store_get_sort_attribute (store);
  g_autofree char *text = NULL;

  if (dd_item_store_get_sorting (store))
    /* Translators: shown while a large result is being sorted */
    text = g_strdup_printf (_("Sorting the %u loaded items…"), dd_item_store_get_n_items (store));
  else if (name != NULL && dd_item_store_get_sorted_loaded_only (store))
    /* Translators: shown while results are sorted but more pages may come */
    text = g_strdup_printf (_("Sorted by %s: the loaded items only"), name);
  gtk_label_set_text (self->sort_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->sort_label), text != NULL);
}

static gboolean
has_column (GtkColumnView *view,
            const char    *name)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (column), "dd-column"), name) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
add_table_column (DdResultsView *self,
                  const char    *name)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;
  g_autoptr(GtkSorter) sorter = NULL;
  g_autofree char *title = NULL;

  g_object_set_data (G_OBJECT (factory), "dd-column", (gpointer) g_intern_string (name));
  g_signal_connect_object (factory, "setup", G_CALLBACK (cell_setup_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (cell_bind_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (cell_unbind_cb), self, 0);
  g_signal_connect_object (factory, "teardown", G_CALLBACK (cell_teardown_cb), self, 0);
  /* Translators: the header of a key attribute's column */
  title = dd_result_model_is_key (self->model, name) ? g_strdup_printf (_("%s (key)"), name) : g_strdup (name);
  column = gtk_column_view_column_new (title, factory);
  g_object_set_data_full (G_OBJECT (column), "dd-column", g_strdup (name), g_free);
  sorter = GTK_SORTER (gtk_custom_sorter_new (probe_compare_cb, g_strdup (name), g_free));
  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_fixed_width (column, 170);
  gtk_column_view_append_column (self->table_view, column);
  dd_column_chooser_column_added (self->columns_popover, column);
}

void
_dd_results_view_table_clear_columns (DdResultsView *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->table_view);

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);
      gtk_column_view_remove_column (self->table_view, column);
    }
}

/* JSON view */

/* Copy */

static void
copy_text (DdResultsView *self,
           const char    *text)
{
  if (text != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
}

char *
dd_results_view_dup_selection_json (DdResultsView *self)
{
  g_autoptr(GtkBitset) current = NULL;
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean typed;
  GtkBitsetIter iter;
  guint position, end;
  guint64 n;

  g_return_val_if_fail (DD_IS_RESULTS_VIEW (self), NULL);

  if (self->selection == NULL)
    return NULL;
  typed = gtk_toggle_button_get_active (self->typed_toggle);
  current = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  selected = gtk_bitset_copy (current);
  /* not the rows with no item past the filter's end (the table catching up) */
  end = g_list_model_get_n_items (G_LIST_MODEL (self->filter));
  gtk_bitset_remove_range (selected, end, G_MAXUINT - end);
  n = gtk_bitset_get_size (selected);
  if (n == 0)
    return NULL;
  if (n > 1)
    g_string_append (out, "[\n");
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position); ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(DdResultRow) row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
      g_autofree char *item = dd_result_model_item_to_json (self->model, dd_result_row_get_index (row), typed);

      if (out->len > 2)
        g_string_append (out, ",\n");
      if (n > 1)
        g_string_append (out, "  ");
      g_string_append (out, item);
    }
  if (n > 1)
    g_string_append (out, "\n]");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
copy_selection_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  DdResultsView *self = DD_RESULTS_VIEW (widget);
  g_autofree char *text = dd_results_view_dup_selection_json (self);

  copy_text (self, text);
}

static void
copy_row_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  DdResultsView *self = DD_RESULTS_VIEW (widget);
  g_autofree char *text = NULL;

  if (self->menu_index >= g_list_model_get_n_items (G_LIST_MODEL (self->model)))
    return;
  text = dd_result_model_item_to_json (self->model, self->menu_index,
                                       gtk_toggle_button_get_active (self->typed_toggle));
  copy_text (self, text);
}

static void
copy_value_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DdResultsView *self = DD_RESULTS_VIEW (widget);
  g_autofree char *text = NULL;

  if (self->menu_column == NULL)
    return;
  text = dd_result_model_dup_value (self->model, self->menu_index, self->menu_column,
                                    gtk_toggle_button_get_active (self->typed_toggle));
  copy_text (self, text);
}

/* States */

/* Life cycle */

void
_dd_results_view_table_add_columns (DdResultsView *self)
{
  for (guint i = 0; i < dd_result_model_get_n_columns (self->model); i++)
    {
      const char *name = dd_result_model_get_column (self->model, i);

      if (!has_column (self->table_view, name))
        add_table_column (self, name);
    }
}

void
_dd_results_view_table_watch_model (DdResultsView *self,
                                    DdResultModel *old_model)
{
  DdItemStore *store = dd_result_model_get_store (self->model);

  if (old_model != NULL)
    g_signal_handlers_disconnect_by_func (dd_result_model_get_store (old_model), sort_note_cb, self);
  g_signal_connect_object (store, "notify::sorted-loaded-only", G_CALLBACK (sort_note_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "notify::sort-attribute", G_CALLBACK (sort_note_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "notify::sorting", G_CALLBACK (sort_note_cb), self, G_CONNECT_SWAPPED);
}

void
_dd_results_view_table_watch_filter (DdResultsView *self)
{
  g_signal_connect_object (self->stage, "replacing", G_CALLBACK (rows_replacing_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stage, "replaced", G_CALLBACK (rows_replaced_cb), self, G_CONNECT_SWAPPED);
}

void
_dd_results_view_table_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "results.copy-selection", NULL, copy_selection_action);
  gtk_widget_class_install_action (widget_class, "results.copy-row", NULL, copy_row_action);
  gtk_widget_class_install_action (widget_class, "results.copy-value", NULL, copy_value_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK,
                                       "results.copy-selection", NULL);
}

void
_dd_results_view_table_init (DdResultsView *self)
{
  self->bound_cells = g_hash_table_new (NULL, NULL);
  g_signal_connect_object (gtk_column_view_get_sorter (self->table_view), "changed",
                           G_CALLBACK (sorter_changed_cb), self, G_CONNECT_SWAPPED);
  setup_table_menu (self);
}

void
_dd_results_view_table_dispose (DdResultsView *self)
{
  g_clear_pointer (&self->bound_cells, g_hash_table_unref);
}
