/* dd-item-store-sort.c: the sort order of DdItemStore.
 *
 * The order is an array of item indexes by position. It is made in place
 * (dd_item_store_sort) or in a worker thread (dd_item_store_sort_async)
 * from a snapshot: the items' starts and lengths, copied, the blocks that
 * hold their bytes, referenced (a clear makes a new array of blocks, so
 * the old bytes live while the thread reads them), and the attribute's
 * value offsets when they are known. The order is applied on the main
 * thread; items that arrived meanwhile are merged into it.
 */
#define G_LOG_DOMAIN "dd-item-store"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "dd-item-store-private.h"
#include "dd-item-store-sort.h"

#define properties _dd_item_store_properties

typedef struct
{
  DdItemSortKey key;
  guint32       index;
} SortKey;

static int
sort_key_compare (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const SortKey *ka = a, *kb = b;
  gboolean descending = GPOINTER_TO_INT (user_data);
  gboolean ma = ka->key.value.type == DD_ITEM_TYPE_MISSING;
  gboolean mb = kb->key.value.type == DD_ITEM_TYPE_MISSING;
  int c;

  if (ma || mb)
    c = ma == mb ? 0 : (ma ? 1 : -1);
  else
    c = descending ? dd_item_sort_key_compare (&kb->key, &ka->key)
                   : dd_item_sort_key_compare (&ka->key, &kb->key);
  if (c != 0)
    return c;
  return ka->index == kb->index ? 0 : (ka->index < kb->index ? -1 : 1);
}

static void
key_init (SortKey        *key,
          guint32         index,
          const char     *text,
          gsize           len,
          guint32         offset)
{
  DdItemValue value;

  memset (&value, 0, sizeof value);
  value.type = DD_ITEM_TYPE_MISSING;
  if (offset != DD_ITEM_STORE_NO_VALUE)
    dd_item_value_read (text + offset, len - offset, &value);
  key->index = index;
  dd_item_sort_key_init (&key->key, &value);
}

/* The items first..first+n sorted, from their texts and value offsets:
 * the same on the main thread and in a worker. */
static SortKey *
sort_keys (const char    **starts,
           const guint32  *lens,
           const guint32  *offsets,
           guint           first,
           guint           n,
           gboolean        descending)
{
  SortKey *keys = g_new (SortKey, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    key_init (&keys[i], first + i, starts[first + i], lens[first + i], offsets[first + i]);
  g_qsort_with_data (keys, (gint) n, sizeof (SortKey), sort_key_compare,
                     GINT_TO_POINTER (descending));
  return keys;
}

/* Keys for the items from first to n_items, sorted. */
static SortKey *
sorted_keys (DdItemStore *self,
             const char  *attribute,
             gboolean     descending,
             guint        first)
{
  DdItemStoreColumn *column = _dd_item_store_get_column (self, attribute);

  return sort_keys ((const char **) (void *) self->starts->data,
                    (const guint32 *) (void *) self->lens->data,
                    column->offsets, first, self->n_items - first, descending);
}

gboolean
_dd_item_store_sorted_loaded_only (DdItemStore *self)
{
  return self->sort_attribute != NULL && (!self->complete || self->cap_reached);
}

void
_dd_item_store_notify_loaded_only (DdItemStore *self,
                                   gboolean     was)
{
  if (was != _dd_item_store_sorted_loaded_only (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[DD_ITEM_STORE_PROP_SORTED_LOADED_ONLY]);
}

/* Sets the attribute and the order (taken; NULL: arrival order), and
 * tells it; was: "sorted-loaded-only" before. */
static void
apply_sort (DdItemStore *self,
            const char  *attribute,
            gboolean     descending,
            guint32     *order,
            gboolean     was)
{
  g_free (self->order);
  self->order = attribute != NULL ? order : NULL;
  if (attribute == NULL)
    g_free (order);
  g_free (self->sort_attribute);
  self->sort_attribute = g_strdup (attribute);
  self->sort_descending = attribute != NULL && descending;
  _dd_item_store_notify_loaded_only (self, was);
  g_object_notify_by_pspec (G_OBJECT (self), properties[DD_ITEM_STORE_PROP_SORT_ATTRIBUTE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[DD_ITEM_STORE_PROP_SORT_DESCENDING]);
  if (self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, self->n_items, self->n_items);
}

static guint32 *
order_of_keys (SortKey *keys,
               guint    n)
{
  guint32 *order = g_new (guint32, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    order[i] = keys[i].index;
  return order;
}

void
dd_item_store_sort (DdItemStore *self,
                    const char  *attribute,
                    gboolean     descending)
{
  guint32 *order = NULL;

  g_return_if_fail (DD_IS_ITEM_STORE (self));
  _dd_item_store_cancel_sort (self);
  if (attribute != NULL)
    {
      g_autofree SortKey *keys = sorted_keys (self, attribute, descending, 0);

      order = order_of_keys (keys, self->n_items);
    }
  apply_sort (self, attribute, descending, order, _dd_item_store_sorted_loaded_only (self));
}

/* The first position in order[lo..n) whose item sorts after key. */
static guint
upper_bound (DdItemStore       *self,
             DdItemStoreColumn *column,
             guint              lo,
             guint              n,
             const SortKey     *key)
{
  guint hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      SortKey k = { .index = self->order[mid] };
      DdItemValue value;

      _dd_item_store_read_column_value (self, column, k.index, &value);
      dd_item_sort_key_init (&k.key, &value);
      if (sort_key_compare (&k, key, GINT_TO_POINTER (self->sort_descending)) <= 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Each new item is placed after the equal ones already there. */
void
_dd_item_store_merge_into_order (DdItemStore *self,
                                 guint        first)
{
  g_autofree SortKey *keys = sorted_keys (self, self->sort_attribute, self->sort_descending, first);
  DdItemStoreColumn *column = _dd_item_store_get_column (self, self->sort_attribute);
  guint n_new = self->n_items - first;
  guint32 *order = g_new (guint32, self->n_items);
  guint from = 0, out = 0;

  for (guint j = 0; j < n_new; j++)
    {
      guint at = upper_bound (self, column, from, first, &keys[j]);

      memcpy (order + out, self->order + from, (at - from) * sizeof (guint32));
      out += at - from;
      from = at;
      order[out++] = keys[j].index;
    }
  memcpy (order + out, self->order + from, (first - from) * sizeof (guint32));
  g_free (self->order);
  self->order = order;
}

/* In a thread ------------------------------------------------------------- */

typedef struct
{
  char        *attribute;
  gboolean     descending;
  guint        n;
  guint        n_clears;
  GPtrArray   *blocks;    /* referenced: the bytes the starts point into */
  const char **starts;    /* copies */
  guint32     *lens;
  guint32     *offsets;   /* the column's, copied, or found in the thread */
  gboolean     offsets_found;
  guint32     *order;     /* the result */
} SortJob;

static void
sort_job_free (SortJob *job)
{
  g_free (job->attribute);
  g_ptr_array_unref (job->blocks);
  g_free (job->starts);
  g_free (job->lens);
  g_free (job->offsets);
  g_free (job->order);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SortJob, sort_job_free)

static SortJob *
sort_job_new (DdItemStore *self,
              const char  *attribute,
              gboolean     descending)
{
  SortJob *job = g_new0 (SortJob, 1);
  DdItemStoreColumn *column = g_hash_table_lookup (self->columns, attribute);
  gsize n = MAX (self->n_items, 1);

  job->attribute = g_strdup (attribute);
  job->descending = descending;
  job->n = self->n_items;
  job->n_clears = self->n_clears;
  job->blocks = g_ptr_array_ref (self->blocks);
  job->starts = g_memdup2 (self->starts->data, n * sizeof (const char *));
  job->lens = g_memdup2 (self->lens->data, n * sizeof (guint32));
  if (column != NULL && column->n == self->n_items)
    job->offsets = g_memdup2 (column->offsets, n * sizeof (guint32));
  return job;
}

static void
sort_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SortJob *job = task_data;
  g_autofree SortKey *keys = NULL;

  if (job->offsets == NULL)
    {
      job->offsets = g_new (guint32, MAX (job->n, 1));
      job->offsets_found = TRUE;
      for (guint i = 0; i < job->n && !g_cancellable_is_cancelled (cancellable); i++)
        {
          gssize offset = dd_item_value_find (job->starts[i], job->lens[i], job->attribute);

          job->offsets[i] = offset >= 0 ? (guint32) offset : DD_ITEM_STORE_NO_VALUE;
        }
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  keys = sort_keys (job->starts, job->lens, job->offsets, 0, job->n, job->descending);
  job->order = order_of_keys (keys, job->n);
  g_task_return_boolean (task, TRUE);
}

/* Keeps the offsets the thread found as the attribute's column. */
static void
adopt_offsets (DdItemStore *self,
               SortJob     *job)
{
  DdItemStoreColumn *column = g_hash_table_lookup (self->columns, job->attribute);

  if (!job->offsets_found || (column != NULL && column->n >= job->n))
    return;
  if (column == NULL)
    {
      column = g_new0 (DdItemStoreColumn, 1);
      g_hash_table_insert (self->columns, g_strdup (job->attribute), column);
    }
  g_free (column->offsets);
  column->offsets = g_renew (guint32, g_steal_pointer (&job->offsets), MAX (self->n_items, 1));
  column->n = job->n;
}

static void
set_sorting (DdItemStore  *self,
             GCancellable *sorting)
{
  if (g_set_object (&self->sorting, sorting))
    g_object_notify_by_pspec (G_OBJECT (self), properties[DD_ITEM_STORE_PROP_SORTING]);
}

static void
sort_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  DdItemStore *self = DD_ITEM_STORE (object);
  g_autoptr(GTask) task = user_data;
  GCancellable *own = g_task_get_cancellable (G_TASK (result));
  SortJob *job = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;
  gboolean was = _dd_item_store_sorted_loaded_only (self);

  if (self->sorting == own)
    set_sorting (self, NULL);
  if (!g_task_propagate_boolean (G_TASK (result), &error)
      || g_cancellable_set_error_if_cancelled (own, &error)
      || g_task_return_error_if_cancelled (task))
    {
      if (error != NULL)
        g_task_return_error (task, error);
      return;
    }
  g_assert (job->n_clears == self->n_clears && job->n <= self->n_items);
  adopt_offsets (self, job);
  g_free (self->sort_attribute);
  self->sort_attribute = g_strdup (job->attribute);
  self->sort_descending = job->descending;
  g_free (self->order);
  self->order = g_steal_pointer (&job->order);
  if (self->n_items > job->n)
    _dd_item_store_merge_into_order (self, job->n);
  apply_sort (self, job->attribute, job->descending, g_steal_pointer (&self->order), was);
  g_task_return_boolean (task, TRUE);
}

void
dd_item_store_sort_async (DdItemStore         *self,
                          const char          *attribute,
                          gboolean             descending,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) inner = NULL;
  g_autoptr(GCancellable) own = NULL;

  g_return_if_fail (DD_IS_ITEM_STORE (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_item_store_sort_async);
  _dd_item_store_cancel_sort (self);
  if (attribute == NULL)
    {
      dd_item_store_sort (self, NULL, FALSE);
      g_task_return_boolean (task, TRUE);
      return;
    }
  own = g_cancellable_new ();
  inner = g_task_new (self, own, sort_done_cb, g_steal_pointer (&task));
  g_task_set_source_tag (inner, dd_item_store_sort_async);
  g_task_set_task_data (inner, sort_job_new (self, attribute, descending), (GDestroyNotify) sort_job_free);
  set_sorting (self, own);
  g_task_run_in_thread (inner, sort_thread);
}

gboolean
dd_item_store_sort_finish (DdItemStore   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (DD_IS_ITEM_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
_dd_item_store_cancel_sort (DdItemStore *self)
{
  if (self->sorting == NULL)
    return;
  g_cancellable_cancel (self->sorting);
  set_sorting (self, NULL);
}

gboolean
dd_item_store_get_sorting (DdItemStore *self)
{
  g_return_val_if_fail (DD_IS_ITEM_STORE (self), FALSE);
  return self->sorting != NULL;
}

guint
dd_item_store_get_index (DdItemStore *self,
                         guint        position)
{
  g_return_val_if_fail (DD_IS_ITEM_STORE (self), 0);
  g_return_val_if_fail (position < self->n_items, 0);
  return self->order != NULL ? self->order[position] : position;
}

const char *
dd_item_store_get_sort_attribute (DdItemStore *self)
{
  g_return_val_if_fail (DD_IS_ITEM_STORE (self), NULL);
  return self->sort_attribute;
}

gboolean
dd_item_store_get_sort_descending (DdItemStore *self)
{
  g_return_val_if_fail (DD_IS_ITEM_STORE (self), FALSE);
  return self->sort_descending;
}

gboolean
dd_item_store_get_sorted_loaded_only (DdItemStore *self)
{
  g_return_val_if_fail (DD_IS_ITEM_STORE (self), FALSE);
  return _dd_item_store_sorted_loaded_only (self);
}
