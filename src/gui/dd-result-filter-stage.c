/* dd-result-filter-stage.c: the rows of a DdResultFilter as the table
 * takes them, a few at a time. */
#define G_LOG_DOMAIN "dd-result-filter-stage"

#include "config.h"

#include "dd-result-filter-stage.h"
#include "dd-result-row.h"

/* Rows told a frame while catching up: a row widget made costs GTK 4.8
 * about 0.25 ms with its layout, one destroyed about 0.1 ms. The first
 * step adds a screen of rows (of the height told, else MIN_ROW_HEIGHT).
 * Past the rows GTK 4.8's list views keep widgets for
 * (GTK_LIST_VIEW_MAX_LIST_ITEMS), rows are added in one step. */
#define ADD_ROWS 24
#define REMOVE_ROWS 48
#define MIN_ROW_HEIGHT 12
#define KEPT_ROWS 200

struct _DdResultFilterStage
{
  GObject         parent_instance;
  DdResultFilter *filter;
  GtkWidget      *widget;       /* weak */
  guint           tick_id;
  gint64          told_frame;   /* the frame of the first step */
  int             row_height;   /* pixels; 0: not known */
  guint           n_shown;      /* the rows told in items-changed */
  gboolean        replacing;    /* between the filter's replacing and replaced */
  guint           n_before;     /* the filter's rows at its replacing */
  guint           held_before;  /* the rows the table held then */
  GHashTable     *empty;        /* position -> DdResultRow with no item, made here */
};

enum
{
  SIGNAL_REPLACING,
  SIGNAL_REPLACED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DdResultFilterStage, dd_result_filter_stage, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static guint
n_filter (DdResultFilterStage *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->filter));
}

static GType
get_item_type (GListModel *model)
{
  return DD_TYPE_RESULT_ROW;
}

static guint
get_n_items (GListModel *model)
{
  return DD_RESULT_FILTER_STAGE (model)->n_shown;
}

/* The filter's row, or past its end a row with no item. */
static gpointer
get_item (GListModel *model,
          guint       position)
{
  DdResultFilterStage *self = DD_RESULT_FILTER_STAGE (model);
  DdResultRow *row;

  if (position >= self->n_shown)
    return NULL;
  if (position < n_filter (self))
    return g_list_model_get_item (G_LIST_MODEL (self->filter), position);
  row = g_hash_table_lookup (self->empty, GUINT_TO_POINTER (position));
  if (row == NULL)
    {
      row = dd_result_row_new (dd_result_filter_get_model (self->filter), G_MAXUINT);
      g_hash_table_insert (self->empty, GUINT_TO_POINTER (position), row);
    }
  return g_object_ref (row);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* Tells that the rows from position on are now n - position rows. */
static void
tell (DdResultFilterStage *self,
      guint                position,
      guint                n)
{
  GHashTableIter iter;
  gpointer key;
  guint removed = self->n_shown - position;

  g_hash_table_iter_init (&iter, self->empty);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (GPOINTER_TO_UINT (key) >= position)
      g_hash_table_iter_remove (&iter);
  self->n_shown = n;
  if (removed > 0 || n > position)
    g_list_model_items_changed (G_LIST_MODEL (self), position, removed, n - position);
}

static void
stop_ticking (DdResultFilterStage *self)
{
  if (self->tick_id != 0 && self->widget != NULL)
    gtk_widget_remove_tick_callback (self->widget, self->tick_id);
  self->tick_id = 0;
}

/* One step a frame: rows with no item go from the end, or rows are added
 * (the rest at once past the rows GTK keeps). */
static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  DdResultFilterStage *self = data;
  guint n = n_filter (self), at;

  /* not in the frame that shows the first step */
  if (gdk_frame_clock_get_frame_counter (clock) <= self->told_frame + 1)
    return G_SOURCE_CONTINUE;
  if (self->n_shown > n)
    {
      at = MAX (n, self->n_shown - MIN (self->n_shown, REMOVE_ROWS));
      tell (self, at, at);
    }
  else if (self->n_shown < n)
    tell (self, self->n_shown, self->n_shown + ADD_ROWS >= KEPT_ROWS ? n : MIN (n, self->n_shown + ADD_ROWS));
  if (self->n_shown != n)
    return G_SOURCE_CONTINUE;
  self->tick_id = 0;
  return G_SOURCE_REMOVE;
}

static gboolean
paced (DdResultFilterStage *self)
{
  return self->widget != NULL && gtk_widget_get_mapped (self->widget);
}

static void
catch_up_later (DdResultFilterStage *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (self->widget);

  self->told_frame = clock != NULL ? gdk_frame_clock_get_frame_counter (clock) : 0;
  if (self->n_shown != n_filter (self) && self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (self->widget, tick_cb, self, NULL);
}

static void
filter_replacing_cb (DdResultFilterStage *self)
{
  self->replacing = TRUE;
  self->n_before = n_filter (self);
  self->held_before = dd_result_filter_get_held_end (self->filter);
  g_signal_emit (self, signals[SIGNAL_REPLACING], 0);
}

/* The filter's first rows hold their new items (the rows the table had
 * of them): rows past its end stay with no item while the table held
 * them, or the first screen of new rows is told; the rest follows a step
 * a frame. */
static void
filter_replaced_cb (DdResultFilterStage *self)
{
  guint n = n_filter (self), real = MIN (self->n_shown, self->n_before);

  self->replacing = FALSE;
  if (!paced (self))
    {
      stop_ticking (self);
      tell (self, MIN (real, n), n);
    }
  else if (n <= real)
    {
      guint keep = MAX (n, MIN (self->n_shown, self->held_before));

      if (keep < self->n_shown)
        tell (self, keep, keep);
    }
  else
    {
      int height = self->row_height > 0 ? self->row_height : MIN_ROW_HEIGHT;
      guint screen = gtk_widget_get_height (self->widget) / height + 2;
      guint first = MIN (n, MAX (real, screen));

      if (first != self->n_shown || self->n_shown > real)
        tell (self, real, first);
    }
  if (paced (self))
    catch_up_later (self);
  g_signal_emit (self, signals[SIGNAL_REPLACED], 0);
}

/* Anything but a replacement is told at once, the rows not yet caught up
 * with it. */
static void
filter_items_changed_cb (DdResultFilterStage *self,
                         guint                position,
                         guint                removed,
                         guint                added)
{
  guint n = n_filter (self);

  if (self->replacing)
    return;
  if (self->n_shown == n - added + removed)
    {
      self->n_shown = n;
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
      return;
    }
  stop_ticking (self);
  tell (self, MIN (position, MIN (self->n_shown, n - added + removed)), n);
}

static void
dd_result_filter_stage_dispose (GObject *object)
{
  DdResultFilterStage *self = DD_RESULT_FILTER_STAGE (object);

  stop_ticking (self);
  g_clear_weak_pointer (&self->widget);
  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  g_clear_object (&self->filter);
  g_hash_table_remove_all (self->empty);
  G_OBJECT_CLASS (dd_result_filter_stage_parent_class)->dispose (object);
}

static void
dd_result_filter_stage_finalize (GObject *object)
{
  DdResultFilterStage *self = DD_RESULT_FILTER_STAGE (object);

  g_hash_table_unref (self->empty);
  G_OBJECT_CLASS (dd_result_filter_stage_parent_class)->finalize (object);
}

static void
dd_result_filter_stage_class_init (DdResultFilterStageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dd_result_filter_stage_dispose;
  object_class->finalize = dd_result_filter_stage_finalize;

  /* the filter's "replacing", forwarded */
  signals[SIGNAL_REPLACING] = g_signal_new ("replacing", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* the filter's "replaced", once the first step was told */
  signals[SIGNAL_REPLACED] = g_signal_new ("replaced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
dd_result_filter_stage_init (DdResultFilterStage *self)
{
  self->empty = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
}

DdResultFilterStage *
dd_result_filter_stage_new (DdResultFilter *filter)
{
  DdResultFilterStage *self;

  g_return_val_if_fail (DD_IS_RESULT_FILTER (filter), NULL);

  self = g_object_new (DD_TYPE_RESULT_FILTER_STAGE, NULL);
  self->filter = g_object_ref (filter);
  self->n_shown = n_filter (self);
  g_signal_connect_swapped (filter, "items-changed", G_CALLBACK (filter_items_changed_cb), self);
  g_signal_connect_swapped (filter, "replacing", G_CALLBACK (filter_replacing_cb), self);
  g_signal_connect_swapped (filter, "replaced", G_CALLBACK (filter_replaced_cb), self);
  return self;
}

DdResultFilter *
dd_result_filter_stage_get_filter (DdResultFilterStage *self)
{
  g_return_val_if_fail (DD_IS_RESULT_FILTER_STAGE (self), NULL);
  return self->filter;
}

void
dd_result_filter_stage_set_widget (DdResultFilterStage *self,
                                   GtkWidget           *widget)
{
  g_return_if_fail (DD_IS_RESULT_FILTER_STAGE (self));
  g_return_if_fail (widget == NULL || GTK_IS_WIDGET (widget));

  if (self->widget == widget)
    return;
  stop_ticking (self);
  g_set_weak_pointer (&self->widget, widget);
  if (self->n_shown != n_filter (self))
    tell (self, MIN (self->n_shown, n_filter (self)), n_filter (self));
}

void
dd_result_filter_stage_set_row_height (DdResultFilterStage *self,
                                       int                  row_height)
{
  g_return_if_fail (DD_IS_RESULT_FILTER_STAGE (self));
  self->row_height = MAX (row_height, 0);
}

gboolean
dd_result_filter_stage_is_caught_up (DdResultFilterStage *self)
{
  g_return_val_if_fail (DD_IS_RESULT_FILTER_STAGE (self), FALSE);
  return self->n_shown == n_filter (self);
}
