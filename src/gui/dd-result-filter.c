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
  guint          n_reported; /* the rows told in items-changed */
  GHashTable    *live;       /* position -> DdResultRow made and not yet freed */
  guint          n_asked;    /* rows made */
};

enum
{
  SIGNAL_REPLACING,
  SIGNAL_REPLACED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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

/* The store's index of the item at a row; G_MAXUINT while the row is
 * still told but its item is gone (between a clear and its telling). */
static guint
index_at (DdResultFilter *self,
          guint           row)
{
  guint position;

  if (row >= n_positions (self))
    return G_MAXUINT;
  position = position_at (self->positions, row);
  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->model)))
    return G_MAXUINT;
  return dd_result_model_get_index (self->model, position);
}

static GType
get_item_type (GListModel *model)
{
  return DD_TYPE_RESULT_ROW;
}

static guint
get_n_items (GListModel *model)
{
  return DD_RESULT_FILTER (model)->n_reported;
}

static void
row_freed_cb (gpointer  data,
              GObject  *object)
{
  DdResultFilter *self = data;
  guint position = dd_result_row_get_position (DD_RESULT_ROW (object));

  if (g_hash_table_lookup (self->live, GUINT_TO_POINTER (position)) == object)
    g_hash_table_remove (self->live, GUINT_TO_POINTER (position));
}

/* A row keeps its place while it lives: asked again, the same row. */
static gpointer
get_item (GListModel *model,
          guint       position)
{
  DdResultFilter *self = DD_RESULT_FILTER (model);
  DdResultRow *row;

  if (position >= self->n_reported)
    return NULL;
  row = g_hash_table_lookup (self->live, GUINT_TO_POINTER (position));
  if (row != NULL)
    return g_object_ref (row);
  self->n_asked++;
  row = dd_result_row_new (self->model, index_at (self, position));
  dd_result_row_set_position (row, position);
  g_object_weak_ref (G_OBJECT (row), row_freed_cb, self);
  g_hash_table_insert (self->live, GUINT_TO_POINTER (position), row);
  return row;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
forget_row (DdResultFilter *self,
            DdResultRow    *row)
{
  g_object_weak_unref (G_OBJECT (row), row_freed_cb, self);
  dd_result_row_set_position (row, G_MAXUINT);
  /* a row removed but still held (DdResultFilterStage) shows nothing */
  dd_result_row_set_index (row, G_MAXUINT);
}

/* Tells items-changed, the living rows moved along first: those removed
 * forgotten, those after moved by added - removed. */
static void
emit_changed (DdResultFilter *self,
              guint           position,
              guint           removed,
              guint           added)
{
  g_autoptr(GPtrArray) moved = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key, row;

  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, &key, &row))
    if (GPOINTER_TO_UINT (key) >= position && (removed > 0 || added > 0))
      {
        g_ptr_array_add (moved, row);
        g_hash_table_iter_remove (&iter);
      }
  for (guint i = 0; i < moved->len; i++)
    {
      DdResultRow *row_i = g_ptr_array_index (moved, i);
      guint at = dd_result_row_get_position (row_i);

      if (at < position + removed)
        {
          forget_row (self, row_i);
          continue;
        }
      dd_result_row_set_position (row_i, at - removed + added);
      g_hash_table_insert (self->live, GUINT_TO_POINTER (at - removed + added), row_i);
    }
  self->n_reported = self->n_reported - removed + added;
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

/* Tells that every row was replaced, keeping the rows GTK shows: they
 * are given their new items, and only the rows past the end of the
 * shorter list are told as removed or added. Told as removed and added,
 * GTK 4.8 would destroy the ~200 row widgets it keeps and make them
 * again; told in one items-changed that removes a row it tracks (the
 * first row shown, the focus), it would also ask for every added row
 * (gtklistitemmanager.c). "replacing" comes first, while the old rows
 * are still there (the view goes back to the top then, and GTK moves its
 * rows there instead of making new ones); "replaced" once the rows have
 * their new items (the view shows them again). */
static void
replace_rows (DdResultFilter *self,
              guint           new_n)
{
  GHashTableIter iter;
  gpointer key, row;
  guint old_n = self->n_reported;

  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, &key, &row))
    if (GPOINTER_TO_UINT (key) < new_n)
      dd_result_row_set_index (row, index_at (self, GPOINTER_TO_UINT (key)));
  if (new_n < old_n)
    emit_changed (self, new_n, old_n - new_n, 0);
  else if (new_n > old_n)
    emit_changed (self, old_n, 0, new_n - old_n);
  g_signal_emit (self, signals[SIGNAL_REPLACED], 0);
}

/* Replaces the positions (NULL: every row): as an append when the old
 * matches are a prefix of the new ones (pages arriving unsorted), else as
 * a replacement. */
static void
set_positions (DdResultFilter *self,
               GArray         *positions)
{
  g_autoptr(GArray) old = NULL;
  guint new_n;

  if (self->positions != NULL && positions != NULL && self->positions->len <= positions->len
      && memcmp (self->positions->data, positions->data, self->positions->len * sizeof (guint)) == 0)
    {
      old = self->positions;
      self->positions = positions;
      if (positions->len > self->n_reported)
        emit_changed (self, self->n_reported, 0, positions->len - self->n_reported);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_REPLACING], 0);
  old = self->positions;
  self->positions = positions;
  new_n = n_positions (self);
  replace_rows (self, new_n);
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
        {
          g_signal_emit (self, signals[SIGNAL_REPLACING], 0);
          replace_rows (self, added);
        }
      else
        emit_changed (self, position, removed, added);
      return;
    }
  positions = dd_item_store_filter (dd_result_model_get_store (self->model), self->expression, NULL);
  if (positions != NULL)
    set_positions (self, positions);
}

static void
dd_result_filter_dispose (GObject *object)
{
  DdResultFilter *self = DD_RESULT_FILTER (object);

  GHashTableIter iter;
  gpointer row;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, model_items_changed_cb, self);
  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    forget_row (self, row);
  g_hash_table_remove_all (self->live);
  g_clear_object (&self->model);
  G_OBJECT_CLASS (dd_result_filter_parent_class)->dispose (object);
}

static void
dd_result_filter_finalize (GObject *object)
{
  DdResultFilter *self = DD_RESULT_FILTER (object);

  g_free (self->expression);
  g_clear_pointer (&self->positions, g_array_unref);
  g_hash_table_unref (self->live);
  G_OBJECT_CLASS (dd_result_filter_parent_class)->finalize (object);
}

static void
dd_result_filter_class_init (DdResultFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dd_result_filter_dispose;
  object_class->finalize = dd_result_filter_finalize;

  /* before a replacement of every row, the old rows still there */
  signals[SIGNAL_REPLACING] = g_signal_new ("replacing", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* after it: the rows still shown hold their new items */
  signals[SIGNAL_REPLACED] = g_signal_new ("replaced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
dd_result_filter_init (DdResultFilter *self)
{
  self->live = g_hash_table_new (NULL, NULL);
}

DdResultFilter *
dd_result_filter_new (DdResultModel *model)
{
  DdResultFilter *self;

  g_return_val_if_fail (DD_IS_RESULT_MODEL (model), NULL);

  self = g_object_new (DD_TYPE_RESULT_FILTER, NULL);
  self->model = g_object_ref (model);
  g_signal_connect_swapped (model, "items-changed", G_CALLBACK (model_items_changed_cb), self);
  self->n_reported = g_list_model_get_n_items (G_LIST_MODEL (model));
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
  DdItemStore *store;
  GArray *positions = NULL;

  g_return_val_if_fail (DD_IS_RESULT_FILTER (self), FALSE);

  store = dd_result_model_get_store (self->model);
  /* a search that narrows the one before looks at its matches only */
  if (stripped[0] != '\0' && self->positions != NULL
      && dd_item_store_filter_narrows (stripped, self->expression))
    positions = dd_item_store_filter_within (store, stripped, self->positions, error);
  else if (stripped[0] != '\0')
    positions = dd_item_store_filter (store, stripped, error);
  if (stripped[0] != '\0' && positions == NULL)
    return FALSE;
  g_free (self->expression);
  self->expression = positions != NULL ? g_steal_pointer (&stripped) : NULL;
  if (positions != NULL || self->positions != NULL)
    set_positions (self, positions);
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

guint
dd_result_filter_get_held_end (DdResultFilter *self)
{
  GHashTableIter iter;
  gpointer key;
  guint end = 0;

  g_return_val_if_fail (DD_IS_RESULT_FILTER (self), 0);
  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    end = MAX (end, GPOINTER_TO_UINT (key) + 1);
  return end;
}
