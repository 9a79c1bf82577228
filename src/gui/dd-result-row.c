/* dd-result-row.c: one row of a DdResultModel, made when it is shown. */
#define G_LOG_DOMAIN "dd-result-row"

#include "config.h"

#include "dd-result-model.h"
#include "dd-result-row.h"

struct _DdResultRow
{
  GObject        parent_instance;
  DdResultModel *model;
  guint          index;
  guint          position;
};

G_DEFINE_FINAL_TYPE (DdResultRow, dd_result_row, G_TYPE_OBJECT)

static void
dd_result_row_finalize (GObject *object)
{
  DdResultRow *self = DD_RESULT_ROW (object);

  g_clear_object (&self->model);
  G_OBJECT_CLASS (dd_result_row_parent_class)->finalize (object);
}

static void
dd_result_row_class_init (DdResultRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_result_row_finalize;
}

static void
dd_result_row_init (DdResultRow *self)
{
}

DdResultRow *
dd_result_row_new (DdResultModel *model,
                   guint          index)
{
  DdResultRow *self = g_object_new (DD_TYPE_RESULT_ROW, NULL);

  self->model = g_object_ref (model);
  self->index = index;
  self->position = G_MAXUINT;
  return self;
}

DdResultModel *
dd_result_row_get_model (DdResultRow *self)
{
  g_return_val_if_fail (DD_IS_RESULT_ROW (self), NULL);
  return self->model;
}

guint
dd_result_row_get_index (DdResultRow *self)
{
  g_return_val_if_fail (DD_IS_RESULT_ROW (self), 0);
  return self->index;
}

void
dd_result_row_set_index (DdResultRow *self,
                         guint        index)
{
  g_return_if_fail (DD_IS_RESULT_ROW (self));
  self->index = index;
}

guint
dd_result_row_get_position (DdResultRow *self)
{
  g_return_val_if_fail (DD_IS_RESULT_ROW (self), G_MAXUINT);
  return self->position;
}

void
dd_result_row_set_position (DdResultRow *self,
                            guint        position)
{
  g_return_if_fail (DD_IS_RESULT_ROW (self));
  self->position = position;
}
