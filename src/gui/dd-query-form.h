/* dd-query-form.h: the Query and Scan form beside the JSON editor.
 *
 * Index (the table or one of its GSIs and LSIs, from DescribeTable),
 * partition key value, sort key condition, filter rows, projection, limit
 * and consistent read. It holds fields only: dd_query_form_dup_spec()
 * gives them to the core's dd-query-builder, which writes the request.
 * "changed" is emitted after any edit.
 */
#pragma once

#include <adwaita.h>

#include "dd-query-builder.h"

G_BEGIN_DECLS

#define DD_TYPE_QUERY_FORM (dd_query_form_get_type ())

G_DECLARE_FINAL_TYPE (DdQueryForm, dd_query_form, DD, QUERY_FORM, AdwBin)

GtkWidget   *dd_query_form_new             (void);

void         dd_query_form_set_kind        (DdQueryForm  *self,
                                            DdQueryKind   kind);
DdQueryKind  dd_query_form_get_kind        (DdQueryForm  *self);
/* The table the request is for (written as TableName). */
void         dd_query_form_set_table       (DdQueryForm  *self,
                                            const char   *table);
/* A DescribeTable answer of that table: the indexes and key schemas, and
 * the key attributes' types. Values typed so far are kept. */
void         dd_query_form_set_describe    (DdQueryForm  *self,
                                            const char   *describe);
gboolean     dd_query_form_has_describe    (DdQueryForm  *self,
                                            const char   *table);

/* The fields, as a spec for dd_query_spec_to_json() (free with
 * dd_query_spec_free). */
DdQuerySpec *dd_query_form_dup_spec        (DdQueryForm  *self);
/* Fills the fields from spec; FALSE with the reason when the form cannot
 * show it (an index the table lacks, a key condition on another key...). */
gboolean     dd_query_form_set_spec        (DdQueryForm        *self,
                                            const DdQuerySpec  *spec,
                                            GError            **error);

/* A line over the fields: a problem of the request (NULL hides it). With
 * can_reset the line offers to replace the JSON with the form's request. */
void         dd_query_form_set_message     (DdQueryForm  *self,
                                            const char   *message,
                                            gboolean      can_reset);
const char  *dd_query_form_get_message     (DdQueryForm  *self);

/* Field by field, as a person fills them in (tests and set_spec). index
 * NULL is the table itself; FALSE when it has no such index. */
gboolean     dd_query_form_set_index       (DdQueryForm  *self,
                                            const char   *index);
void         dd_query_form_set_partition   (DdQueryForm  *self,
                                            const char   *value);
void         dd_query_form_set_sort        (DdQueryForm  *self,
                                            DdQueryOp     op,
                                            const char   *value,
                                            const char   *value2);
/* Adds a filter row; values of IN are separated by commas in value.
 * Returns the row's position. */
guint        dd_query_form_add_filter      (DdQueryForm  *self,
                                            const char   *name,
                                            DdQueryOp     op,
                                            DdQueryOp     size_op,
                                            const char   *type,
                                            const char   *value,
                                            const char   *value2);
void         dd_query_form_clear_filters   (DdQueryForm  *self);
void         dd_query_form_set_projection  (DdQueryForm  *self,
                                            const char   *names);
void         dd_query_form_set_limit       (DdQueryForm  *self,
                                            const char   *limit);
void         dd_query_form_set_consistent  (DdQueryForm  *self,
                                            gboolean      consistent);

G_END_DECLS
