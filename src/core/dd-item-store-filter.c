/* dd-item-store-filter.c: the attribute columns of DdItemStore and
 * filtering.
 *
 * A column keeps, for one attribute, where each item's value starts in
 * its text (4 bytes an item); it is filled the first time a sort or a
 * filter looks at the attribute and brought up to date as items arrive.
 */
#define G_LOG_DOMAIN "dd-item-store"

#include "config.h"

#include <string.h>

#include "dd-item-filter.h"
#include "dd-item-store-filter.h"
#include "dd-item-store-private.h"

/* Columns ---------------------------------------------------------------- */

void
_dd_item_store_column_free (gpointer data)
{
  DdItemStoreColumn *column = data;

  g_free (column->offsets);
  g_free (column);
}

typedef struct
{
  DdItemStoreColumn *column;
  const char        *name;
} ColumnFill;

static void
fill_column_cb (guint       index,
                const char *text,
                gsize       len,
                gpointer    user_data)
{
  ColumnFill *fill = user_data;
  gssize offset = dd_item_value_find (text, len, fill->name);

  fill->column->offsets[index] = offset >= 0 ? (guint32) offset : DD_ITEM_STORE_NO_VALUE;
}

DdItemStoreColumn *
_dd_item_store_get_column (DdItemStore *self,
                           const char  *name)
{
  DdItemStoreColumn *column = g_hash_table_lookup (self->columns, name);
  const char **starts = (const char **) (void *) self->starts->data;
  const guint32 *lens = (const guint32 *) (void *) self->lens->data;
  ColumnFill fill;

  if (column == NULL)
    {
      column = g_new0 (DdItemStoreColumn, 1);
      g_hash_table_insert (self->columns, g_strdup (name), column);
    }
  if (column->n == self->n_items)
    return column;
  column->offsets = g_renew (guint32, column->offsets, MAX (self->n_items, 1));
  fill.column = column;
  fill.name = name;
  for (guint i = column->n; i < self->n_items; i++)
    fill_column_cb (i, starts[i], lens[i], &fill);
  column->n = self->n_items;
  return column;
}

gboolean
_dd_item_store_read_column_value (DdItemStore       *self,
                                  DdItemStoreColumn *column,
                                  guint              index,
                                  DdItemValue       *value)
{
  guint32 offset = column->offsets[index];
  const char *text;
  gsize len;

  memset (value, 0, sizeof *value);
  value->type = DD_ITEM_TYPE_MISSING;
  if (offset == DD_ITEM_STORE_NO_VALUE)
    return FALSE;
  text = dd_item_store_get_item_text (self, index, &len);
  return dd_item_value_read (text + offset, len - offset, value);
}

/* Filtering -------------------------------------------------------------- */

/* Whether the item at index matches: through the attribute's column when
 * the filter looks at one attribute (column), else over its text. */
static inline gboolean
match_index (DdItemStore       *self,
             DdItemFilter      *filter,
             DdItemStoreColumn *column,
             guint              index)
{
  const char **starts = (const char **) (void *) self->starts->data;
  const guint32 *lens = (const guint32 *) (void *) self->lens->data;
  DdItemValue value;

  if (column == NULL)
    return dd_item_filter_match_item (filter, starts[index], lens[index]);
  _dd_item_store_read_column_value (self, column, index, &value);
  return dd_item_filter_match_value (filter, &value);
}

static DdItemStoreColumn *
filter_column (DdItemStore  *self,
               DdItemFilter *filter)
{
  const char *attribute = dd_item_filter_get_attribute (filter);

  return attribute != NULL ? _dd_item_store_get_column (self, attribute) : NULL;
}

GArray *
dd_item_store_filter (DdItemStore  *self,
                      const char   *expression,
                      GError      **error)
{
  g_autoptr(DdItemFilter) filter = NULL;
  g_autofree guint8 *hits = NULL;
  DdItemStoreColumn *column;
  GArray *positions;

  g_return_val_if_fail (DD_IS_ITEM_STORE (self), NULL);
  g_return_val_if_fail (expression != NULL, NULL);
  filter = dd_item_filter_new (expression, error);
  if (filter == NULL)
    return NULL;
  /* by index, in the order of the text (the arena), then by position */
  hits = g_malloc0 (MAX (self->n_items, 1));
  column = filter_column (self, filter);
  for (guint i = 0; i < self->n_items; i++)
    hits[i] = match_index (self, filter, column, i);
  positions = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint pos = 0; pos < self->n_items; pos++)
    if (hits[self->order != NULL ? self->order[pos] : pos])
      g_array_append_val (positions, pos);
  return positions;
}

/* The text a text search looks for, folded; NULL for any other filter
 * (and for the empty one, which is no search). */
static char *
search_text (const char *expression)
{
  g_autoptr(DdItemFilter) filter = dd_item_filter_new (expression, NULL);
  g_autofree char *text = g_strstrip (g_strdup (expression));

  if (filter == NULL || dd_item_filter_get_attribute (filter) != NULL || text[0] == '\0')
    return NULL;
  return g_ascii_strdown (text, -1);
}

gboolean
dd_item_store_filter_narrows (const char *expression,
                              const char *previous)
{
  g_autofree char *text = NULL;
  g_autofree char *before = NULL;

  g_return_val_if_fail (expression != NULL, FALSE);
  if (previous == NULL)
    return FALSE;
  /* a value that contains the longer text contains the shorter one */
  text = search_text (expression);
  before = search_text (previous);
  return text != NULL && before != NULL && strstr (text, before) != NULL;
}

GArray *
dd_item_store_filter_within (DdItemStore  *self,
                             const char   *expression,
                             GArray       *within,
                             GError      **error)
{
  g_autoptr(DdItemFilter) filter = NULL;
  DdItemStoreColumn *column;
  GArray *positions;

  g_return_val_if_fail (DD_IS_ITEM_STORE (self), NULL);
  g_return_val_if_fail (expression != NULL, NULL);
  g_return_val_if_fail (within != NULL, NULL);
  filter = dd_item_filter_new (expression, error);
  if (filter == NULL)
    return NULL;
  column = filter_column (self, filter);
  positions = g_array_sized_new (FALSE, FALSE, sizeof (guint), within->len);
  for (guint i = 0; i < within->len; i++)
    {
      guint pos = g_array_index (within, guint, i);

      g_return_val_if_fail (pos < self->n_items, positions);
      if (match_index (self, filter, column, self->order != NULL ? self->order[pos] : pos))
        g_array_append_val (positions, pos);
    }
  return positions;
}
