/* dd-query-editor.h: the request editor of the selected data source.
 *
 * An operation dropdown fed by the core's catalogue, a table dropdown, and
 * a JSON editor (GtkSourceView) that marks JSON errors at their line and
 * column while the person types.
 */
#pragma once

#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "dd-operation.h"
#include "dd-query-form.h"

G_BEGIN_DECLS

#define DD_TYPE_QUERY_EDITOR (dd_query_editor_get_type ())

G_DECLARE_FINAL_TYPE (DdQueryEditor, dd_query_editor, DD, QUERY_EDITOR, AdwBin)

GtkWidget         *dd_query_editor_new            (void);

const DdOperation *dd_query_editor_get_operation  (DdQueryEditor  *self);
/* Selects the operation with this action ("Scan"); FALSE when unknown. */
gboolean           dd_query_editor_set_operation  (DdQueryEditor  *self,
                                                   const char     *action);

/* The tables offered (a GListModel of GtkStringObject), and the chosen one
 * (NULL when the operation takes no table or there is none). */
void               dd_query_editor_set_tables     (DdQueryEditor  *self,
                                                   GListModel     *tables);
const char        *dd_query_editor_get_table      (DdQueryEditor  *self);
void               dd_query_editor_set_table      (DdQueryEditor  *self,
                                                   const char     *table);

char              *dd_query_editor_get_text       (DdQueryEditor  *self);
/* Replaces the text; it then counts as the person's (a template no longer
 * replaces it when the operation changes). */
void               dd_query_editor_set_text       (DdQueryEditor  *self,
                                                   const char     *text);
/* Whether the person changed the text since the last template. */
gboolean           dd_query_editor_get_edited     (DdQueryEditor  *self);

/* Checks the text now; FALSE with the JSON error (and the mark shown). */
gboolean           dd_query_editor_check          (DdQueryEditor  *self,
                                                   GError        **error);
/* Marks an error found elsewhere (the request builder): when its message
 * names a line and column they are underlined. NULL clears. */
void               dd_query_editor_show_error     (DdQueryEditor  *self,
                                                   const GError   *error);
const char        *dd_query_editor_get_error_text (DdQueryEditor  *self);

void               dd_query_editor_set_running    (DdQueryEditor  *self,
                                                   gboolean        running);
gboolean           dd_query_editor_get_running    (DdQueryEditor  *self);

GtkSourceBuffer   *dd_query_editor_get_buffer     (DdQueryEditor  *self);

/* The menu of recent runs (its items activate the window's actions). */
void               dd_query_editor_set_history    (DdQueryEditor  *self,
                                                   GMenuModel     *menu);

/* The form shown instead of the JSON for Query and Scan (the JSON stays
 * the request: the form writes it). set_form_mode is FALSE when the
 * operation has no form. The signal "describe-table" (const char *table)
 * asks for the table's DescribeTable answer, given back with
 * set_table_description. */
DdQueryForm       *dd_query_editor_get_form       (DdQueryEditor  *self);
gboolean           dd_query_editor_get_form_mode  (DdQueryEditor  *self);
gboolean           dd_query_editor_set_form_mode  (DdQueryEditor  *self,
                                                   gboolean        form);
void               dd_query_editor_set_table_description (DdQueryEditor *self,
                                                          const char    *table,
                                                          const char    *describe);

G_END_DECLS
