/* dd-results-view.h: the answer to a request.
 *
 * Items in a table (a column per attribute), a tree (attribute, value,
 * type) and JSON (plain or DynamoDB JSON); other answers as a tree and
 * JSON, DescribeTable with a summary; errors with code, message and hint;
 * a status line and the paging buttons.
 */
#pragma once

#include <adwaita.h>

#include "dd-column-chooser.h"
#include "dd-operation.h"
#include "dd-result-filter.h"
#include "dd-result-model.h"

G_BEGIN_DECLS

#define DD_TYPE_RESULTS_VIEW (dd_results_view_get_type ())

G_DECLARE_FINAL_TYPE (DdResultsView, dd_results_view, DD, RESULTS_VIEW, AdwBin)

GtkWidget     *dd_results_view_new               (void);

void           dd_results_view_show_empty        (DdResultsView     *self);
void           dd_results_view_show_loading      (DdResultsView     *self,
                                                  const char        *label);
void           dd_results_view_show_error        (DdResultsView     *self,
                                                  const GError      *error);
/* Shows the items of model (which may still grow: call
 * dd_results_view_refresh after more arrive). */
void           dd_results_view_show_items        (DdResultsView     *self,
                                                  DdResultModel     *model);
/* Shows an answer that is not a list of items (typed text as received).
 * Its items (op->response_paths such as "Item") also fill the table. */
void           dd_results_view_show_document     (DdResultsView     *self,
                                                  const DdOperation *op,
                                                  GBytes            *response);
/* Puts the key attributes first in the table. */
void           dd_results_view_set_key_names     (DdResultsView     *self,
                                                  const char * const *names);
/* New columns and the JSON text after the model grew. */
void           dd_results_view_refresh           (DdResultsView     *self);

void           dd_results_view_set_status        (DdResultsView     *self,
                                                  const char        *text);
/* has_more: the answer has a next page; fetching: pages are being fetched. */
void           dd_results_view_set_paging        (DdResultsView     *self,
                                                  gboolean           has_more,
                                                  gboolean           fetching);

/* "empty", "loading", "error" or "results" */
const char    *dd_results_view_get_state         (DdResultsView     *self);
/* "summary", "table", "tree" or "json" */
const char    *dd_results_view_get_view          (DdResultsView     *self);
void           dd_results_view_set_view          (DdResultsView     *self,
                                                  const char        *name);
gboolean       dd_results_view_get_typed         (DdResultsView     *self);
void           dd_results_view_set_typed         (DdResultsView     *self,
                                                  gboolean           typed);

DdResultModel *dd_results_view_get_model         (DdResultsView     *self);
GtkColumnView *dd_results_view_get_table_view    (DdResultsView     *self);
/* The tree's rows (a GtkTreeListModel of DdTreeNode). */
GListModel    *dd_results_view_get_tree_model    (DdResultsView     *self);
char          *dd_results_view_dup_json_text     (DdResultsView     *self);
const char    *dd_results_view_get_status        (DdResultsView     *self);
/* The summary rows shown for DescribeTable: "title\tvalue" lines. */
char          *dd_results_view_dup_summary_text  (DdResultsView     *self);
/* What "Copy Selection as JSON" copies. */
char          *dd_results_view_dup_selection_json (DdResultsView    *self);

/* The rows the table shows: the model as the filter box leaves it. */
DdResultFilter *dd_results_view_get_filter       (DdResultsView     *self);
/* Sets the filter box's text and applies it at once. */
void           dd_results_view_set_filter_text   (DdResultsView     *self,
                                                  const char        *text);
/* "source-id/table": column widths and hidden columns are kept per table. */
void           dd_results_view_set_table_id      (DdResultsView     *self,
                                                  const char        *table_id);
DdColumnChooser *dd_results_view_get_column_chooser (DdResultsView  *self);
/* "Sorting the N loaded items…", "Sorted by X: the loaded items only"
 * or "". */
const char    *dd_results_view_get_sort_note     (DdResultsView     *self);

G_END_DECLS
