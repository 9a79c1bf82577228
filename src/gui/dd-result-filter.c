/* dd-result-filter.c: the loaded results as the filter box leaves them. */
#define G_LOG_DOMAIN "dd-result-filter"

#include "config.h"

#include <string.h>

#include "dd-result-filter.h"

struct _DdResultFilter
{
  GObject        parent_instance;
  DdResultModel *model;
  char          *expression;
  GArray        *positions;  /* guint, NULL: every row */
  gboolean       emptied;    /* between the two halves of a replacement */
  guint          n_asked;    /* rows asked for */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DdResultFilter, dd_result_filter, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* The model position of a row: through positions, or itself (NULL). */
static inline guint
position_at (GArray *positions,
             guint   row)
{
  return positions != NULL ? g_array_index (positions, guint, row) : row;
}

static guint
n_positions (DdResultFilter *self)
{
  if (self->positions == NULL)
    return g_list_model_get_n_items (G_LIST_MODEL (self->model));
  return self->positions->len;
}

static GType
get_item_type (GListModel *model)
{
  return DD_TYPE_RESULT_ROW;
}

static guint
get_n_items (GListModel *model)
{
  DdResultFilter *self = DD_RESULT_FILTER (model);

  if (self->emptied)
    return 0;
  return n_positions (self);
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  DdResultFilter *self = DD_RESULT_FILTER (model);

  if (self->emptied || position >= get_n_items (model))
    return NULL;
  self->n_asked++;
  position = position_at (self->positions, position);
  return g_list_model_get_item (G_LIST_MODEL (self->model), position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* Tells that every row was replaced. GTK 4.8's list views, told of a
 * replacement in one items-changed that removes a row they track (the
 * first row shown, the focus), look for its item among every added row,
 * asking for each (gtklistitemmanager.c); rows are made on demand, so it
 * never finds one and a filter or sort over 100,000 rows made 100,000
 * rows. Told as "all removed" and then "all added", nothing is searched:
 * the view starts again at the first row. */
static void
emit_replaced (DdResultFilter *self,
               guint           old_n,
               guint           new_n)
{
  if (old_n == 0 || new_n == 0)
    {
      if (old_n > 0 || new_n > 0)
        g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, new_n);
      return;
    }
  self->emptied = TRUE;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, 0);
  self->emptied = FALSE;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, new_n);
}

/* Replaces the positions (NULL: every row): as an append when the old
 * matches are a prefix of the new ones (pages arriving unsorted), else as
 * a replacement. Telling only the rows that differ was tried: each
 * items-changed near the rows shown makes GTK 4.8 remake the ~200 row
 * widgets it keeps, so a few blocks already cost more than one
 * replacement. */
static void
set_positions (DdResultFilter *self,
               GArray         *positions,
               guint           old_n)
{
  g_autoptr(GArray) old = self->positions;
  guint new_n;

  self->positions = positions;
  new_n = get_n_items (G_LIST_MODEL (self));
  if (old != NULL && positions != NULL && old->len <= positions->len
           && memcmp (old->data, positions->data, old->len * sizeof (guint)) == 0)
    {
      if (new_n > old_n)
        g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, new_n - old_n);
    }
  else
    emit_replaced (self, old_n, new_n);
}

static void
model_items_changed_cb (DdResultFilter *self,
                        guint           position,
                        guint           removed,
                        guint           added)
{
  GArray *positions;

  if (self->positions == NULL)
    {
      /* every row replaced: a sort, or a page merged into a sort */
      if (position == 0 && removed > 0 && added > 0
          && added == g_list_model_get_n_items (G_LIST_MODEL (self->model)))
        emit_replaced (self, removed, added);
      else
        g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
      return;
    }
  positions = dd_item_store_filter (dd_result_model_get_store (self->model), self->expression, NULL);
  if (positions != NULL)
    set_positions (self, positions, self->positions->len);
}

static void
dd_result_filter_dispose (GObject *object)
{
  DdResultFilter *self = DD_RESULT_FILTER (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, model_items_changed_cb, self);
  g_clear_object (&self->model);
  G_OBJECT_CLASS (dd_result_filter_parent_class)->dispose (object);
}

static void
dd_result_filter_finalize (GObject *object)
{
  DdResultFilter *self = DD_RESULT_FILTER (object);

  g_free (self->expression);
  g_clear_pointer (&self->positions, g_array_unref);
  G_OBJECT_CLASS (dd_result_filter_parent_class)->finalize (object);
}

static void
dd_result_filter_class_init (DdResultFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dd_result_filter_dispose;
  object_class->finalize = dd_result_filter_finalize;
}

static void
dd_result_filter_init (DdResultFilter *self)
{
}

DdResultFilter *
dd_result_filter_new (DdResultModel *model)
{
  DdResultFilter *self;

  g_return_val_if_fail (DD_IS_RESULT_MODEL (model), NULL);

  self = g_object_new (DD_TYPE_RESULT_FILTER, NULL);
  self->model = g_object_ref (model);
  g_signal_connect_swapped (model, "items-changed", G_CALLBACK (model_items_changed_cb), self);
  return self;
}

DdResultModel *
dd_result_filter_get_model (DdResultFilter *self)
{
  g_return_val_if_fail (DD_IS_RESULT_FILTER (self), NULL);
  return self->model;
}

gboolean
dd_result_filter_set_expression (DdResultFilter *self,
                                 const char     *expression,
                                 GError        **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (expression ? expression : ""));
  GArray *positions = NULL;

  g_return_val_if_fail (DD_IS_RESULT_FILTER (self), FALSE);

  if (stripped[0] != '\0')
    {
      positions = dd_item_store_filter (dd_result_model_get_store (self->model), stripped, error);
      if (positions == NULL)
        return FALSE;
    }
  g_free (self->expression);
  self->expression = positions != NULL ? g_steal_pointer (&stripped) : NULL;
  if (positions != NULL || self->positions != NULL)
    set_positions (self, positions, get_n_items (G_LIST_MODEL (self)));
  return TRUE;
}

const char *
dd_result_filter_get_expression (DdResultFilter *self)
{
  g_return_val_if_fail (DD_IS_RESULT_FILTER (self), NULL);
  return self->expression;
}

gboolean
dd_result_filter_is_active (DdResultFilter *self)
{
  g_return_val_if_fail (DD_IS_RESULT_FILTER (self), FALSE);
  return self->positions != NULL;
}

guint
dd_result_filter_get_model_position (DdResultFilter *self,
                                     guint           position)
{
  g_return_val_if_fail (DD_IS_RESULT_FILTER (self), 0);
  if (self->positions == NULL)
    return position;
  g_return_val_if_fail (position < self->positions->len, 0);
  return g_array_index (self->positions, guint, position);
}

guint
dd_result_filter_get_n_asked (DdResultFilter *self)
{
  g_return_val_if_fail (DD_IS_RESULT_FILTER (self), 0);
  return self->n_asked;
}
