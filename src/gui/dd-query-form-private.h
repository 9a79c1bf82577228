/* dd-query-form-private.h: what the parts of DdQueryForm share.
 *
 * dd-query-form.c (the index and key fields, the options, the request they
 * make) and dd-query-form-filter.c (the filter rows).
 */
#pragma once

#include "dd-query-form.h"

G_BEGIN_DECLS

typedef struct
{
  GtkWidget *box;
  GtkEntry  *name;
  GtkDropDown *op;
  GtkDropDown *type;
  GtkEntry  *value;
  GtkEntry  *value2;
} FilterRow;

struct _DdQueryForm
{
  AdwBin          parent_instance;

  GtkWidget      *message_box;
  GtkLabel       *message_label;
  GtkWidget      *reset_button;
  GtkWidget      *keys_group;
  AdwComboRow    *index_row;
  GtkStringList  *index_labels;
  AdwEntryRow    *partition_row;
  AdwActionRow   *sort_row;
  GtkDropDown    *sort_op;
  GtkEntry       *sort_value;
  GtkEntry       *sort_value2;
  GtkListBox     *filter_list;
  AdwEntryRow    *projection_row;
  AdwEntryRow    *limit_row;
  GtkSwitch      *consistent_switch;

  DdQueryKind     kind;
  char           *table;
  char           *described;   /* the table the description is of */
  GPtrArray      *indexes;     /* of Index *; [0] is the table */
  GHashTable     *types;       /* attribute -> "S" | "N" | "B" */
  GPtrArray      *filters;     /* of FilterRow * */
  guint           quiet;       /* > 0 while fields are set: no "changed" */
};

/* Emits "changed" unless fields are being set (quiet). */
void              _dd_query_form_changed          (DdQueryForm             *self);

/* An entry or a drop-down for a row, its placeholder or labels (translated
 * here) and its accessible label given. */
GtkEntry         *_dd_query_form_row_entry        (const char              *accessible_label,
                                                   int                      chars);
GtkDropDown      *_dd_query_form_row_dropdown     (const char * const      *labels,
                                                   const char              *accessible_label);

/* The "Filters" group, its list in self->filter_list. */
GtkWidget        *_dd_query_form_build_filters    (DdQueryForm             *self);
/* The condition a filter row says. */
DdQueryCondition *_dd_query_form_filter_condition (FilterRow               *row);
/* FALSE with error when the form cannot show condition c. */
gboolean          _dd_query_form_filter_fits      (const DdQueryCondition  *c,
                                                   GError                 **error);

G_END_DECLS
