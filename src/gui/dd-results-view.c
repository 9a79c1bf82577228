/* dd-results-view.c: the answer to a request. */
#define G_LOG_DOMAIN "dd-results-view"

#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "dd-attr.h"
#include "dd-column-chooser.h"
#include "dd-error.h"
#include "dd-fetch-options.h"
#include "dd-result-filter.h"
#include "dd-results-view.h"
#include "dd-shared-closures.h"
#include "dd-tree-columns.h"
#include "dd-tree-model.h"

/* The JSON view shows at most this many items (all are in the table). */
#define JSON_VIEW_MAX_ITEMS 2000

struct _DdResultsView
{
  AdwBin             parent_instance;

  GtkStack          *main_stack;
  AdwViewStack      *view_stack;
  AdwViewStackPage  *summary_page;
  GtkListBox        *summary_list;
  GtkColumnView     *table_view;
  GtkColumnView     *tree_view;
  GtkSourceView     *json_view;
  AdwStatusPage     *error_page;
  GtkLabel          *error_hint_label;
  GtkLabel          *error_detail_label;
  GtkLabel          *loading_label;
  GtkSpinner        *loading_spinner;
  GtkLabel          *status_label;
  GtkSpinner        *fetch_spinner;
  GtkButton         *load_more_button;
  GtkButton         *fetch_all_button;
  GtkToggleButton   *typed_toggle;
  GMenuModel        *cell_menu;
  GtkSearchEntry    *filter_entry;
  GtkMenuButton     *columns_button;
  GtkMenuButton     *fetch_options_button;
  GtkButton         *cancel_button;
  GtkLabel          *sort_label;
  DdColumnChooser   *columns_popover;

  DdResultModel     *model;
  DdResultFilter    *filter;
  GtkMultiSelection *selection;
  guint              json_items_shown;
  GtkTreeListModel  *tree;
  GBytes            *document;      /* a non-item answer, typed */
  const DdOperation *document_op;
  GtkWidget         *menu_popover;
  guint              menu_index;    /* the model index of the row right-clicked */
  char              *menu_column;
  gboolean           view_was_chosen_for_answer; /* not by the person */
  GHashTable        *bound_cells;   /* the cell labels showing a row */
  GPtrArray         *label_pool;    /* cell labels taken down, to use again */
};

G_DEFINE_FINAL_TYPE (DdResultsView, dd_results_view, ADW_TYPE_BIN)

/* Table cells: a label each, made once and shown again for each row it
 * is given (bind, or after a replacement of the rows). The right-click
 * menu is one gesture on the table, not one a cell. */

static void
show_cell (GtkLabel    *cell,
           GtkListItem *item)
{
  const char *column = g_object_get_data (G_OBJECT (cell), "dd-column");
  DdResultRow *row = gtk_list_item_get_item (item);
  g_autofree char *text = NULL;
  DdCellKind kind;

  if (row == NULL)
    return;
  text = dd_result_model_get_cell (dd_result_row_get_model (row), dd_result_row_get_index (row),
                                   column, &kind);
  gtk_label_set_text (cell, text);
  /* an absent attribute: said, rather than a nameless label */
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  /* Translators: an attribute an item does not have, as a screen reader says its cell */
                                  text != NULL && text[0] != '\0' ? text : _("empty"), -1);
  gtk_label_set_xalign (cell, kind == DD_CELL_NUMBER ? 1.0f : 0.0f);
  if (kind == DD_CELL_NUMBER)
    gtk_widget_add_css_class (GTK_WIDGET (cell), "number-cell");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (cell), "number-cell");
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
  GtkLabel *cell = GTK_LABEL (gtk_list_item_get_child (item));

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

/* The labels of rows GTK takes down are kept for the rows it makes next
 * (a filter that leaves a few rows, then one that leaves many). */
#define LABEL_POOL_MAX 2048

static void
cell_teardown_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  DdResultsView            *self)
{
  GtkWidget *cell = gtk_list_item_get_child (item);

  cell_unbind_cb (factory, item, self);
  if (cell == NULL || self->label_pool == NULL || self->label_pool->len >= LABEL_POOL_MAX)
    return;
  g_ptr_array_add (self->label_pool, g_object_ref (cell));
  gtk_list_item_set_child (item, NULL);
  g_object_set_data (G_OBJECT (cell), "dd-list-item", NULL);
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               DdResultsView            *self)
{
  g_autoptr(GtkWidget) cell = NULL;

  if (self->label_pool != NULL && self->label_pool->len > 0)
    cell = g_ptr_array_steal_index_fast (self->label_pool, self->label_pool->len - 1);
  else
    {
      cell = g_object_ref_sink (gtk_label_new (NULL));
      gtk_label_set_ellipsize (GTK_LABEL (cell), PANGO_ELLIPSIZE_END);
      gtk_label_set_single_line_mode (GTK_LABEL (cell), TRUE);
    }
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

/* Before a new filter or sort replaces the rows: nothing stays selected,
 * and the table goes back to its first row while the old rows are there
 * (GTK moves the rows it keeps instead of making them again). */
static void
rows_replacing_cb (DdResultsView *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->table_view));

  if (self->selection != NULL)
    gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  if (adjustment != NULL && gtk_adjustment_get_value (adjustment) > 0)
    gtk_adjustment_set_value (adjustment, 0);
}

/* The cell label at a point of the table, or NULL. */
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
      /* a click on a cell's padding, around its label */
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

static void
clear_table_columns (DdResultsView *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->table_view);

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);
      gtk_column_view_remove_column (self->table_view, column);
    }
}

/* JSON view */

static char *
items_json (DdResultsView *self,
            gboolean       typed)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autoptr(GString) out = g_string_new ("[\n");

  for (guint i = 0; i < MIN (n, JSON_VIEW_MAX_ITEMS); i++)
    {
      g_autofree char *item = dd_result_model_item_to_json (self->model, i, typed);

      g_string_append (out, "  ");
      g_string_append (out, item);
      g_string_append (out, i + 1 < n ? ",\n" : "\n");
    }
  if (n > JSON_VIEW_MAX_ITEMS)
    g_string_append_printf (out, "  …\n");
  g_string_append (out, "]\n");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
document_json (DdResultsView *self,
               gboolean       typed)
{
  gsize len;
  const char *text = g_bytes_get_data (self->document, &len);
  g_autofree char *plain = NULL;

  if (!typed)
    plain = dd_attr_document_to_plain (text, (gssize) len, self->document_op->response_paths, NULL);
  return dd_json_reindent (plain != NULL ? plain : text, plain != NULL ? -1 : (gssize) len);
}

static void
update_json (DdResultsView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->json_view));
  gboolean typed = gtk_toggle_button_get_active (self->typed_toggle);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *text = NULL;

  /* the text changes only while its first items do */
  if (self->document == NULL && self->json_items_shown > 0
      && self->json_items_shown >= MIN (n, JSON_VIEW_MAX_ITEMS + 1))
    return;
  if (self->document != NULL)
    text = document_json (self, typed);
  else
    text = items_json (self, typed);
  self->json_items_shown = MIN (n, JSON_VIEW_MAX_ITEMS + 1);
  gtk_text_buffer_set_text (buffer, text, -1);
}

static void
typed_toggled_cb (DdResultsView *self)
{
  self->json_items_shown = 0;
  if (g_strcmp0 (dd_results_view_get_state (self), "results") == 0)
    update_json (self);
}

/* Filter */

static void
filter_changed_cb (DdResultsView *self)
{
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->filter_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  /* the entry tells a change late (and again) after its text was set */
  if (g_strcmp0 (stripped, dd_result_filter_get_expression (self->filter)) == 0
      || (stripped[0] == '\0' && !dd_result_filter_is_active (self->filter)))
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->filter_entry), "error");
      return;
    }
  if (dd_result_filter_set_expression (self->filter, text, &error))
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->filter_entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->filter_entry),
                                   _("Filter the loaded items: text, attr = value, attr > n, exists(attr)"));
      return;
    }
  gtk_widget_add_css_class (GTK_WIDGET (self->filter_entry), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->filter_entry), error->message);
}

/* Tree */

static void
set_tree (DdResultsView *self,
          GListModel    *top)
{
  g_autoptr(GtkSingleSelection) selection = NULL;

  g_clear_object (&self->tree);
  self->tree = dd_tree_model_create_tree (top);
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->tree)));
  gtk_column_view_set_model (self->tree_view, GTK_SELECTION_MODEL (selection));
}

/* Summary (DescribeTable) */

static void
fill_summary (DdResultsView *self,
              GBytes        *response)
{
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *child;
  gsize len;
  const char *text = g_bytes_get_data (response, &len);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->summary_list))) != NULL)
    gtk_list_box_remove (self->summary_list, child);
  rows = dd_describe_table_summary (text, len);
  for (guint i = 0; i + 1 < rows->len; i += 2)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *value = gtk_label_new (g_ptr_array_index (rows, i + 1));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_ptr_array_index (rows, i));
      gtk_label_set_selectable (GTK_LABEL (value), TRUE);
      gtk_label_set_wrap (GTK_LABEL (value), TRUE);
      gtk_label_set_xalign (GTK_LABEL (value), 1.0f);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
      g_object_set_data (G_OBJECT (row), "dd-value", value);
      gtk_list_box_append (self->summary_list, row);
    }
  adw_view_stack_page_set_visible (self->summary_page, rows->len > 0);
}

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
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean typed;
  GtkBitsetIter iter;
  guint position;
  guint64 n;

  g_return_val_if_fail (DD_IS_RESULTS_VIEW (self), NULL);

  if (self->selection == NULL)
    return NULL;
  typed = gtk_toggle_button_get_active (self->typed_toggle);
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
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

static void
set_state (DdResultsView *self,
           const char    *state)
{
  gboolean loading = g_str_equal (state, "loading");

  gtk_stack_set_visible_child_name (self->main_stack, state);
  gtk_spinner_set_spinning (self->loading_spinner, loading);
  gtk_widget_set_sensitive (GTK_WIDGET (self->typed_toggle), g_str_equal (state, "results"));
}

static void
reset (DdResultsView *self)
{
  self->json_items_shown = 0;
  dd_result_model_clear (self->model);
  clear_table_columns (self);
  g_clear_pointer (&self->document, g_bytes_unref);
  self->document_op = NULL;
  adw_view_stack_page_set_visible (self->summary_page, FALSE);
  dd_results_view_set_paging (self, FALSE, FALSE);
}

void
dd_results_view_show_empty (DdResultsView *self)
{
  g_return_if_fail (DD_IS_RESULTS_VIEW (self));
  reset (self);
  dd_results_view_set_status (self, "");
  set_state (self, "empty");
}

void
dd_results_view_show_loading (DdResultsView *self,
                              const char    *label)
{
  g_return_if_fail (DD_IS_RESULTS_VIEW (self));
  gtk_label_set_text (self->loading_label, label ? label : _("Running…"));
  dd_results_view_set_status (self, "");
  set_state (self, "loading");
}

void
dd_results_view_show_error (DdResultsView *self,
                            const GError  *error)
{
  const char *code, *hint, *request_id;
  g_autofree char *detail = NULL;
  guint status;

  g_return_if_fail (DD_IS_RESULTS_VIEW (self));
  g_return_if_fail (error != NULL);

  code = dd_error_get_aws_code (error);
  hint = dd_error_get_hint (error);
  request_id = dd_error_get_request_id (error);
  status = dd_error_get_http_status (error);
  adw_status_page_set_title (self->error_page, code ? code : _("Request Failed"));
  adw_status_page_set_description (self->error_page,
                                   dd_error_get_aws_message (error) ? dd_error_get_aws_message (error)
                                                                    : error->message);
  gtk_label_set_text (self->error_hint_label, hint ? hint : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_hint_label), hint != NULL);
  if (status != 0 && request_id != NULL)
    detail = g_strdup_printf (_("HTTP status %u · request id %s"), status, request_id);
  else if (status != 0)
    detail = g_strdup_printf (_("HTTP status %u"), status);
  gtk_label_set_text (self->error_detail_label, detail ? detail : "");
  dd_results_view_set_paging (self, FALSE, FALSE);
  set_state (self, "error");
}

void
dd_results_view_show_items (DdResultsView *self,
                            DdResultModel *model)
{
  g_autoptr(DdTreeModel) top = NULL;

  g_return_if_fail (DD_IS_RESULTS_VIEW (self));
  g_return_if_fail (DD_IS_RESULT_MODEL (model));

  clear_table_columns (self);
  g_clear_pointer (&self->document, g_bytes_unref);
  self->document_op = NULL;
  adw_view_stack_page_set_visible (self->summary_page, FALSE);
  self->json_items_shown = 0;
  gtk_column_view_set_model (self->table_view, NULL);
  if (self->model != model)
    {
      if (self->model != NULL)
        g_signal_handlers_disconnect_by_func (dd_result_model_get_store (self->model), sort_note_cb, self);
      g_set_object (&self->model, model);
      g_signal_connect_object (dd_result_model_get_store (model), "notify::sorted-loaded-only",
                               G_CALLBACK (sort_note_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (dd_result_model_get_store (model), "notify::sort-attribute",
                               G_CALLBACK (sort_note_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (dd_result_model_get_store (model), "notify::sorting",
                               G_CALLBACK (sort_note_cb), self, G_CONNECT_SWAPPED);
    }
  g_clear_object (&self->filter);
  self->filter = dd_result_filter_new (model);
  g_signal_connect_object (self->filter, "replacing", G_CALLBACK (rows_replacing_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter, "replaced", G_CALLBACK (rows_replaced_cb), self, G_CONNECT_SWAPPED);
  filter_changed_cb (self);
  g_clear_object (&self->selection);
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->filter)));
  top = dd_tree_model_new_for_items (model);
  set_tree (self, G_LIST_MODEL (top));
  dd_results_view_refresh (self);
  /* the model goes in once the columns are there */
  gtk_column_view_set_model (self->table_view, GTK_SELECTION_MODEL (self->selection));
  if (self->view_was_chosen_for_answer || g_strcmp0 (dd_results_view_get_view (self), "summary") == 0)
    dd_results_view_set_view (self, "table");
  self->view_was_chosen_for_answer = FALSE;
  set_state (self, "results");
}

static void
fill_items_of_document (DdResultsView     *self,
                        const DdOperation *op,
                        JsonNode          *root)
{
  for (guint i = 0; op->response_paths != NULL && op->response_paths[i] != NULL; i++)
    {
      JsonNode *member = json_object_get_member (json_node_get_object (root), op->response_paths[i]);
      g_autofree char *text = NULL;

      if (member == NULL || !JSON_NODE_HOLDS_OBJECT (member))
        continue;
      text = json_to_string (member, FALSE);
      dd_result_model_append_text (self->model, text, -1);
    }
}

void
dd_results_view_show_document (DdResultsView     *self,
                               const DdOperation *op,
                               GBytes            *response)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GListModel) top = NULL;
  gsize len;
  const char *text;
  JsonNode *root;

  g_return_if_fail (DD_IS_RESULTS_VIEW (self));
  g_return_if_fail (op != NULL && response != NULL);

  reset (self);
  text = g_bytes_get_data (response, &len);
  if (len > 0 && json_parser_load_from_data (parser, text, (gssize) len, NULL)
      && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      root = json_parser_get_root (parser);
      fill_items_of_document (self, op, root);
      top = dd_tree_model_list_document (root);
    }
  else
    top = G_LIST_MODEL (g_list_store_new (DD_TYPE_TREE_NODE));
  self->document = g_bytes_ref (response);
  self->document_op = op;
  set_tree (self, top);
  for (guint i = 0; i < dd_result_model_get_n_columns (self->model); i++)
    add_table_column (self, dd_result_model_get_column (self->model, i));
  if (g_strcmp0 (op->action, "DescribeTable") == 0)
    fill_summary (self, response);
  update_json (self);
  set_state (self, "results");
  if (adw_view_stack_page_get_visible (self->summary_page))
    {
      dd_results_view_set_view (self, "summary");
      self->view_was_chosen_for_answer = TRUE;
    }
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0
           && (self->view_was_chosen_for_answer || g_strcmp0 (dd_results_view_get_view (self), "table") == 0))
    {
      dd_results_view_set_view (self, "tree");
      self->view_was_chosen_for_answer = TRUE;
    }
  else if (self->view_was_chosen_for_answer)
    {
      dd_results_view_set_view (self, "table");
      self->view_was_chosen_for_answer = FALSE;
    }
}

void
dd_results_view_set_key_names (DdResultsView      *self,
                               const char * const *names)
{
  g_return_if_fail (DD_IS_RESULTS_VIEW (self));

  dd_result_model_set_key_names (self->model, names);
  clear_table_columns (self);
  dd_results_view_refresh (self);
}

void
dd_results_view_refresh (DdResultsView *self)
{
  g_return_if_fail (DD_IS_RESULTS_VIEW (self));

  for (guint i = 0; i < dd_result_model_get_n_columns (self->model); i++)
    {
      const char *name = dd_result_model_get_column (self->model, i);

      if (!has_column (self->table_view, name))
        add_table_column (self, name);
    }
  update_json (self);
}

void
dd_results_view_set_status (DdResultsView *self,
                            const char    *text)
{
  g_return_if_fail (DD_IS_RESULTS_VIEW (self));
  gtk_label_set_text (self->status_label, text ? text : "");
}

const char *
dd_results_view_get_status (DdResultsView *self)
{
  g_return_val_if_fail (DD_IS_RESULTS_VIEW (self), NULL);
  return gtk_label_get_text (self->status_label);
}

void
dd_results_view_set_paging (DdResultsView *self,
                            gboolean       has_more,
                            gboolean       fetching)
{
  g_return_if_fail (DD_IS_RESULTS_VIEW (self));

  gtk_widget_set_visible (GTK_WIDGET (self->load_more_button), has_more || fetching);
  gtk_widget_set_visible (GTK_WIDGET (self->fetch_all_button), has_more || fetching);
  gtk_widget_set_visible (GTK_WIDGET (self->fetch_spinner), fetching);
  gtk_spinner_set_spinning (self->fetch_spinner, fetching);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), fetching);
}

const char *
dd_results_view_get_state (DdResultsView *self)
{
  g_return_val_if_fail (DD_IS_RESULTS_VIEW (self), NULL);
  return gtk_stack_get_visible_child_name (self->main_stack);
}

const char *
dd_results_view_get_view (DdResultsView *self)
{
  g_return_val_if_fail (DD_IS_RESULTS_VIEW (self), NULL);
  return adw_view_stack_get_visible_child_name (self->view_stack);
}

void
dd_results_view_set_view (DdResultsView *self,
                          const char    *name)
{
  g_return_if_fail (DD_IS_RESULTS_VIEW (self));
  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

gboolean
dd_results_view_get_typed (DdResultsView *self)
{
  g_return_val_if_fail (DD_IS_RESULTS_VIEW (self), FALSE);
  return gtk_toggle_button_get_active (self->typed_toggle);
}

void
dd_results_view_set_typed (DdResultsView *self,
                           gboolean       typed)
{
  g_return_if_fail (DD_IS_RESULTS_VIEW (self));
  gtk_toggle_button_set_active (self->typed_toggle, typed);
}

DdResultModel *
dd_results_view_get_model (DdResultsView *self)
{
  g_return_val_if_fail (DD_IS_RESULTS_VIEW (self), NULL);
  return self->model;
}

GtkColumnView *
dd_results_view_get_table_view (DdResultsView *self)
{
  g_return_val_if_fail (DD_IS_RESULTS_VIEW (self), NULL);
  return self->table_view;
}

GListModel *
dd_results_view_get_tree_model (DdResultsView *self)
{
  g_return_val_if_fail (DD_IS_RESULTS_VIEW (self), NULL);
  return G_LIST_MODEL (self->tree);
}

char *
dd_results_view_dup_json_text (DdResultsView *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (DD_IS_RESULTS_VIEW (self), NULL);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->json_view));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

char *
dd_results_view_dup_summary_text (DdResultsView *self)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (DD_IS_RESULTS_VIEW (self), NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->summary_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *suffix = g_object_get_data (G_OBJECT (row), "dd-value");

      g_string_append_printf (out, "%s\t%s\n",
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                              suffix ? gtk_label_get_text (GTK_LABEL (suffix)) : "");
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Life cycle */

static void
style_dark_cb (DdResultsView   *self,
               GParamSpec      *pspec,
               AdwStyleManager *manager)
{
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  GtkSourceBuffer *buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->json_view)));
  gboolean dark = adw_style_manager_get_dark (manager);
  GtkSourceStyleScheme *scheme;

  scheme = gtk_source_style_scheme_manager_get_scheme (schemes, dark ? "Adwaita-dark" : "Adwaita");
  if (scheme == NULL)
    scheme = gtk_source_style_scheme_manager_get_scheme (schemes, dark ? "oblivion" : "classic");
  gtk_source_buffer_set_style_scheme (buffer, scheme);
}

/* The JSON language when the JSON page is first shown: reading its
 * definition is not part of the start-up. */
static void
json_view_map_cb (GtkTextView *view)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  GtkSourceBuffer *buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (view));

  if (gtk_source_buffer_get_language (buffer) == NULL)
    gtk_source_buffer_set_language (buffer, gtk_source_language_manager_get_language (languages, "json"));
}

static void
setup_json_view (DdResultsView *self)
{
  AdwStyleManager *style = adw_style_manager_get_default ();

  g_signal_connect (self->json_view, "map", G_CALLBACK (json_view_map_cb), NULL);
  g_signal_connect_object (style, "notify::dark", G_CALLBACK (style_dark_cb), self, G_CONNECT_SWAPPED);
  style_dark_cb (self, NULL, style);
}

static void
dd_results_view_dispose (GObject *object)
{
  DdResultsView *self = DD_RESULTS_VIEW (object);

  g_clear_pointer (&self->menu_popover, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_RESULTS_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->filter);
  g_clear_object (&self->tree);
  g_clear_object (&self->model);
  g_clear_pointer (&self->document, g_bytes_unref);
  g_clear_pointer (&self->menu_column, g_free);
  g_clear_pointer (&self->bound_cells, g_hash_table_unref);
  g_clear_pointer (&self->label_pool, g_ptr_array_unref);
  G_OBJECT_CLASS (dd_results_view_parent_class)->dispose (object);
}

static void
dd_results_view_class_init (DdResultsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_results_view_dispose;

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dynamodesk/DynamoDesk/ui/dd-results-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DdResultsView, main_stack);
  gtk_widget_class_bind_template_child (widget_class, DdResultsView, view_stack);
  gtk_widget_class_bind_template_child (widget_class, DdResultsView, summary_page);
  gtk_widget_class_bind_template_child (widget_class, DdResultsView, summary_list);
  gtk_widget_class_bind_template_child (widget_class, DdResultsView, table_view);
  gtk_widget_class_bind_template_child (widget_class, DdResultsView, tree_view);
  gtk_widget_class_bind_template_child (widget_class, DdResultsView, json_view);
  gtk_widget_class_bind_template_child (widget_class, DdResultsView, error_page);
  gtk_widget_class_bind_template_child (widget_class, DdResultsView, error_hint_label);
  gtk_widget_class_bind_template_child (widget_class, DdResultsView, error_detail_label);
  gtk_widget_class_bind_template_child (widget_class, DdResultsView, loading_label);
  gtk_widget_class_bind_template_child (widget_class, DdResultsView, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, DdResultsView, status_label);
  gtk_widget_class_bind_template_child (widget_class, DdResultsView, fetch_spinner);
  gtk_widget_class_bind_template_child (widget_class, DdResultsView, load_more_button);
  gtk_widget_class_bind_template_child (widget_class, DdResultsView, fetch_all_button);
  gtk_widget_class_bind_template_child (widget_class, DdResultsView, typed_toggle);
  gtk_widget_class_bind_template_child (widget_class, DdResultsView, cell_menu);
  gtk_widget_class_bind_template_child (widget_class, DdResultsView, filter_entry);
  gtk_widget_class_bind_template_child (widget_class, DdResultsView, columns_button);
  gtk_widget_class_bind_template_child (widget_class, DdResultsView, fetch_options_button);
  gtk_widget_class_bind_template_child (widget_class, DdResultsView, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, DdResultsView, sort_label);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);

  gtk_widget_class_install_action (widget_class, "results.copy-selection", NULL, copy_selection_action);
  gtk_widget_class_install_action (widget_class, "results.copy-row", NULL, copy_row_action);
  gtk_widget_class_install_action (widget_class, "results.copy-value", NULL, copy_value_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK,
                                       "results.copy-selection", NULL);
}

static void
dd_results_view_init (DdResultsView *self)
{
  self->bound_cells = g_hash_table_new (NULL, NULL);
  self->label_pool = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->menu_popover = gtk_popover_menu_new_from_model (self->cell_menu);
  gtk_widget_set_parent (self->menu_popover, GTK_WIDGET (self));
  gtk_popover_set_has_arrow (GTK_POPOVER (self->menu_popover), FALSE);
  g_signal_connect_object (self->typed_toggle, "toggled", G_CALLBACK (typed_toggled_cb), self,
                           G_CONNECT_SWAPPED);
  dd_tree_columns_add (self->tree_view);
  self->columns_popover = dd_column_chooser_new (self->table_view);
  gtk_menu_button_set_popover (self->columns_button, GTK_WIDGET (self->columns_popover));
  gtk_menu_button_set_popover (self->fetch_options_button, dd_fetch_options_new ());
  g_signal_connect_object (gtk_column_view_get_sorter (self->table_view), "changed",
                           G_CALLBACK (sorter_changed_cb), self, G_CONNECT_SWAPPED);
  setup_json_view (self);
  setup_table_menu (self);
  /* typing: the filter runs a frame after the last key */
  gtk_search_entry_set_search_delay (self->filter_entry, 16);
  {
    g_autoptr(DdResultModel) model = dd_result_model_new ();
    dd_results_view_show_items (self, model);
  }
  dd_results_view_set_view (self, "table");
  set_state (self, "empty");
}

GtkWidget *
dd_results_view_new (void)
{
  return g_object_new (DD_TYPE_RESULTS_VIEW, NULL);
}

DdResultFilter *
dd_results_view_get_filter (DdResultsView *self)
{
  g_return_val_if_fail (DD_IS_RESULTS_VIEW (self), NULL);
  return self->filter;
}

void
dd_results_view_set_filter_text (DdResultsView *self,
                                 const char    *text)
{
  g_return_if_fail (DD_IS_RESULTS_VIEW (self));
  /* setting the text clears it first, which a search entry tells at once */
  g_signal_handlers_block_by_func (self->filter_entry, filter_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->filter_entry), text ? text : "");
  g_signal_handlers_unblock_by_func (self->filter_entry, filter_changed_cb, self);
  filter_changed_cb (self);
}

/* source_id/table: the key under which column widths are remembered. */
void
dd_results_view_set_table_id (DdResultsView *self,
                              const char    *table_id)
{
  g_return_if_fail (DD_IS_RESULTS_VIEW (self));
  dd_column_chooser_set_table (self->columns_popover, table_id);
}

DdColumnChooser *
dd_results_view_get_column_chooser (DdResultsView *self)
{
  g_return_val_if_fail (DD_IS_RESULTS_VIEW (self), NULL);
  return self->columns_popover;
}

/* The note next to the filter: sorting, or sorted by what. */
const char *
dd_results_view_get_sort_note (DdResultsView *self)
{
  g_return_val_if_fail (DD_IS_RESULTS_VIEW (self), NULL);
  return gtk_label_get_text (self->sort_label);
}
