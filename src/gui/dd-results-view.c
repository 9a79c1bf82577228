/* dd-results-view.c: the answer to a request. */
#define G_LOG_DOMAIN "dd-results-view"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-error.h"
#include "dd-fetch-options.h"
#include "dd-result-filter.h"
#include "dd-results-view-private.h"
#include "dd-shared-closures.h"
#include "dd-tree-columns.h"
#include "dd-tree-model.h"

G_DEFINE_FINAL_TYPE (DdResultsView, dd_results_view, ADW_TYPE_BIN)

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
  _dd_results_view_table_clear_columns (self);
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

  _dd_results_view_table_clear_columns (self);
  g_clear_pointer (&self->document, g_bytes_unref);
  self->document_op = NULL;
  adw_view_stack_page_set_visible (self->summary_page, FALSE);
  self->json_items_shown = 0;
  gtk_column_view_set_model (self->table_view, NULL);
  if (self->model != model)
    {
      g_autoptr(DdResultModel) old_model = g_steal_pointer (&self->model);

      self->model = g_object_ref (model);
      _dd_results_view_table_watch_model (self, old_model);
    }
  g_clear_object (&self->filter);
  self->filter = dd_result_filter_new (model);
  g_clear_object (&self->stage);
  self->stage = dd_result_filter_stage_new (self->filter);
  dd_result_filter_stage_set_widget (self->stage, GTK_WIDGET (self->table_view));
  _dd_results_view_table_watch_filter (self);
  filter_changed_cb (self);
  g_clear_object (&self->selection);
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->stage)));
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
  _dd_results_view_table_add_columns (self);
  if (g_strcmp0 (op->action, "DescribeTable") == 0)
    fill_summary (self, response);
  _dd_results_view_json_update (self);
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
  _dd_results_view_table_clear_columns (self);
  dd_results_view_refresh (self);
}

void
dd_results_view_refresh (DdResultsView *self)
{
  g_return_if_fail (DD_IS_RESULTS_VIEW (self));

  _dd_results_view_table_add_columns (self);
  _dd_results_view_json_update (self);
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
dd_results_view_dispose (GObject *object)
{
  DdResultsView *self = DD_RESULTS_VIEW (object);

  g_clear_pointer (&self->menu_popover, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_RESULTS_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->stage);
  g_clear_object (&self->filter);
  g_clear_object (&self->tree);
  g_clear_object (&self->model);
  g_clear_pointer (&self->document, g_bytes_unref);
  g_clear_pointer (&self->menu_column, g_free);
  _dd_results_view_table_dispose (self);
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

  _dd_results_view_table_class_init (widget_class);
}

static void
dd_results_view_init (DdResultsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->menu_popover = gtk_popover_menu_new_from_model (self->cell_menu);
  gtk_widget_set_parent (self->menu_popover, GTK_WIDGET (self));
  gtk_popover_set_has_arrow (GTK_POPOVER (self->menu_popover), FALSE);
  dd_tree_columns_add (self->tree_view);
  self->columns_popover = dd_column_chooser_new (self->table_view);
  gtk_menu_button_set_popover (self->columns_button, GTK_WIDGET (self->columns_popover));
  gtk_menu_button_set_popover (self->fetch_options_button, dd_fetch_options_new ());
  _dd_results_view_table_init (self);
  _dd_results_view_json_init (self);
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
