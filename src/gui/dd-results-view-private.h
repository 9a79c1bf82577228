/* dd-results-view-private.h: what the files of DdResultsView share.
 *
 * dd-results-view.c: the states, the answers shown, the filter box, the
 * tree and the summary; dd-results-view-table.c: the table (its cells,
 * columns, sorting, right-click menu and copying); dd-results-view-json.c:
 * the JSON page.
 */
#pragma once

#include <gtksourceview/gtksource.h>

#include "dd-result-filter-stage.h"
#include "dd-results-view.h"

G_BEGIN_DECLS

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
  DdResultFilterStage *stage; /* the filter as the table takes it */
  GtkMultiSelection *selection;
  guint              json_items_shown;
  GtkTreeListModel  *tree;
  GBytes            *document;      /* a non-item answer, typed */
  const DdOperation *document_op;
  GtkWidget         *menu_popover;
  guint              menu_index;    /* the model index of the row right-clicked */
  char              *menu_column;
  gboolean           view_was_chosen_for_answer; /* not by the person */
  GHashTable        *bound_cells;   /* the cells showing a row */
};

/* dd-results-view-table.c */
void _dd_results_view_table_class_init    (GtkWidgetClass *widget_class);
void _dd_results_view_table_init          (DdResultsView  *self);
void _dd_results_view_table_dispose       (DdResultsView  *self);
/* Follows the new model's sorting (old_model: the one before, or NULL). */
void _dd_results_view_table_watch_model   (DdResultsView  *self,
                                           DdResultModel  *old_model);
/* Follows the new filter's replacements of the rows. */
void _dd_results_view_table_watch_filter  (DdResultsView  *self);
/* Adds a column for each of the model's attributes not shown yet. */
void _dd_results_view_table_add_columns   (DdResultsView  *self);
void _dd_results_view_table_clear_columns (DdResultsView  *self);

/* dd-results-view-json.c */
void _dd_results_view_json_init           (DdResultsView  *self);
/* The JSON text after the model grew or the answer changed. */
void _dd_results_view_json_update         (DdResultsView  *self);

G_END_DECLS
