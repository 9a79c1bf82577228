/* dd-item-store.c: the results as a compact GListModel.
 *
 * Each item's bytes are copied from its page into large blocks, exactly
 * (no tree, no per-item allocation), and the page is let go: however the
 * page's buffer was allocated (a network read grows it by doubling), the
 * store holds only the items. Memory per item beyond its bytes: 12 bytes
 * (where it starts, how long it is), 4 bytes in the sort order while
 * sorted, and 4 bytes per attribute that a sort or a filter has looked up
 * (its value's offset, kept for the next sort or filter on that attribute).
 *
 * The columns and filtering are in dd-item-store-filter.c, the sort order
 * in dd-item-store-sort.c.
 */
#define G_LOG_DOMAIN "dd-item-store"

#include "config.h"

#include <string.h>

#include "dd-error.h"
#include "dd-item-ref.h"
#include "dd-item-store-private.h"
#include "dd-item-value.h"
#include "dd-page.h"

#define BLOCK_SIZE (8 * 1024 * 1024)

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DdItemStore, dd_item_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

GParamSpec *_dd_item_store_properties[DD_ITEM_STORE_N_PROPS];
#define properties _dd_item_store_properties

/* GListModel ------------------------------------------------------------- */

static GType
get_item_type (GListModel *model)
{
  return DD_TYPE_ITEM_REF;
}

static guint
get_n_items (GListModel *model)
{
  return DD_ITEM_STORE (model)->n_items;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  DdItemStore *self = DD_ITEM_STORE (model);

  if (position >= self->n_items)
    return NULL;
  return dd_item_ref_new (self, dd_item_store_get_index (self, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* Pages ------------------------------------------------------------------ */

const char *
dd_item_store_get_item_text (DdItemStore *self,
                             guint        index,
                             gsize       *len)
{
  g_return_val_if_fail (DD_IS_ITEM_STORE (self), NULL);
  g_return_val_if_fail (index < self->n_items, NULL);
  if (len != NULL)
    *len = g_array_index (self->lens, guint32, index);
  return g_array_index (self->starts, const char *, index);
}

/* Attribute names -------------------------------------------------------- */

static gboolean
strv_has (GStrv       strv,
          const char *s)
{
  return strv != NULL && g_strv_contains ((const char * const *) strv, s);
}

static void
rebuild_names (DdItemStore *self)
{
  g_ptr_array_set_size (self->names, 0);
  for (guint i = 0; self->keys != NULL && self->keys[i] != NULL; i++)
    g_ptr_array_add (self->names, self->keys[i]);
  for (guint i = 0; i < self->seen->len; i++)
    if (!strv_has (self->keys, g_ptr_array_index (self->seen, i)))
      g_ptr_array_add (self->names, g_ptr_array_index (self->seen, i));
  g_ptr_array_add (self->names, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[DD_ITEM_STORE_PROP_ATTRIBUTE_NAMES]);
}

static void
add_page_names (DdItemStore *self,
                DdPage      *page)
{
  const char * const *names = dd_page_get_attribute_names (page, NULL);
  gboolean changed = FALSE;

  for (guint i = 0; names[i] != NULL; i++)
    {
      char *name;

      if (g_hash_table_contains (self->seen_set, names[i]))
        continue;
      name = g_strdup (names[i]);
      g_ptr_array_add (self->seen, name);
      g_hash_table_add (self->seen_set, name);
      changed = TRUE;
    }
  if (changed)
    rebuild_names (self);
}

void
dd_item_store_set_key_attributes (DdItemStore        *self,
                                  const char * const *key_attributes)
{
  g_return_if_fail (DD_IS_ITEM_STORE (self));
  g_strfreev (self->keys);
  self->keys = g_strdupv ((GStrv) key_attributes);
  rebuild_names (self);
}

const char * const *
dd_item_store_get_attribute_names (DdItemStore *self,
                                   guint       *n)
{
  g_return_val_if_fail (DD_IS_ITEM_STORE (self), NULL);
  if (n != NULL)
    *n = self->names->len - 1;
  return (const char * const *) self->names->pdata;
}

/* Values by attribute ------------------------------------------------------ */

static gboolean
find_value (DdItemStore *self,
            guint        index,
            const char  *attribute,
            DdItemValue *value)
{
  const char *text;
  gsize len;
  gssize offset;

  memset (value, 0, sizeof *value);
  value->type = DD_ITEM_TYPE_MISSING;
  text = dd_item_store_get_item_text (self, index, &len);
  offset = dd_item_value_find (text, len, attribute);
  return offset >= 0 && dd_item_value_read (text + offset, len - (gsize) offset, value);
}

char *
dd_item_store_dup_display (DdItemStore *self,
                           guint        index,
                           const char  *attribute)
{
  DdItemValue value;
  GString *out;

  g_return_val_if_fail (DD_IS_ITEM_STORE (self), NULL);
  g_return_val_if_fail (index < self->n_items, NULL);
  g_return_val_if_fail (attribute != NULL, NULL);
  if (!find_value (self, index, attribute, &value))
    return NULL;
  out = g_string_sized_new (value.len + 8);
  dd_item_value_append_display (out, &value);
  return g_string_free (out, FALSE);
}

const char *
dd_item_store_get_value_type (DdItemStore *self,
                              guint        index,
                              const char  *attribute)
{
  DdItemValue value;

  g_return_val_if_fail (DD_IS_ITEM_STORE (self), NULL);
  g_return_val_if_fail (index < self->n_items, NULL);
  g_return_val_if_fail (attribute != NULL, NULL);
  find_value (self, index, attribute, &value);
  return dd_item_type_to_string (value.type);
}

/* Appending -------------------------------------------------------------- */

static void
set_cap_reached (DdItemStore *self)
{
  gboolean was = _dd_item_store_sorted_loaded_only (self);

  if (self->cap_reached)
    return;
  self->cap_reached = TRUE;
  _dd_item_store_notify_loaded_only (self, was);
  g_object_notify_by_pspec (G_OBJECT (self), properties[DD_ITEM_STORE_PROP_CAP_REACHED]);
}

/* The page as far as the cap allows (a new reference), or NULL. */
static DdPage *
page_within_cap (DdItemStore *self,
                 DdPage      *page)
{
  guint n = dd_page_get_n_items (page);
  guint room;

  if (self->max_items == 0)
    room = G_MAXUINT - self->n_items;
  else
    room = self->max_items > self->n_items ? self->max_items - self->n_items : 0;
  if (n > room)
    set_cap_reached (self);
  if (n == 0 || room == 0)
    return NULL;
  return n <= room ? dd_page_ref (page) : dd_page_new_truncated (page, room);
}

/* Room for len bytes at the end of the blocks. */
static char *
reserve (DdItemStore *self,
         gsize        len)
{
  char *at;

  if (self->blocks->len == 0 || self->block_size - self->block_used < len)
    {
      self->block_size = MAX (BLOCK_SIZE, len);
      g_ptr_array_add (self->blocks, g_malloc (self->block_size));
      self->block_used = 0;
    }
  at = (char *) g_ptr_array_index (self->blocks, self->blocks->len - 1) + self->block_used;
  self->block_used += len;
  return at;
}

static void
copy_items (DdItemStore *self,
            DdPage      *page)
{
  guint n = dd_page_get_n_items (page);

  for (guint i = 0; i < n; i++)
    {
      gsize len;
      const char *text = dd_page_get_item (page, i, &len);
      char *copy = reserve (self, len);
      guint32 len32 = (guint32) len;

      memcpy (copy, text, len);
      g_array_append_val (self->starts, copy);
      g_array_append_val (self->lens, len32);
    }
}

guint
dd_item_store_append_page (DdItemStore *self,
                           DdPage      *page)
{
  g_autoptr(DdPage) kept = NULL;
  guint old_n, n;

  g_return_val_if_fail (DD_IS_ITEM_STORE (self), 0);
  g_return_val_if_fail (page != NULL, 0);
  kept = page_within_cap (self, page);
  if (kept == NULL)
    return 0;
  add_page_names (self, kept);
  old_n = self->n_items;
  n = dd_page_get_n_items (kept);
  copy_items (self, kept);
  self->n_items += n;
  self->n_bytes += g_bytes_get_size (dd_page_get_bytes (kept));
  if (self->order != NULL)
    {
      _dd_item_store_merge_into_order (self, old_n);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->n_items);
    }
  else
    g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, n);
  g_object_notify_by_pspec (G_OBJECT (self), properties[DD_ITEM_STORE_PROP_N_ITEMS]);
  return n;
}

void
dd_item_store_clear (DdItemStore *self)
{
  guint old_n;
  gboolean was;

  g_return_if_fail (DD_IS_ITEM_STORE (self));
  old_n = self->n_items;
  was = _dd_item_store_sorted_loaded_only (self);
  _dd_item_store_cancel_sort (self);
  self->n_clears++;
  g_clear_pointer (&self->order, g_free);
  g_clear_pointer (&self->sort_attribute, g_free);
  self->sort_descending = FALSE;
  self->cap_reached = FALSE;
  self->complete = FALSE;
  _dd_item_store_notify_loaded_only (self, was);
  /* a new array: a sort in a thread may still hold the old one */
  g_ptr_array_unref (self->blocks);
  self->blocks = g_ptr_array_new_with_free_func (g_free);
  self->block_used = self->block_size = 0;
  g_array_set_size (self->starts, 0);
  g_array_set_size (self->lens, 0);
  self->n_items = 0;
  self->n_bytes = 0;
  g_hash_table_remove_all (self->columns);
  g_hash_table_remove_all (self->seen_set);
  g_ptr_array_set_size (self->seen, 0);
  rebuild_names (self);
  if (old_n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[DD_ITEM_STORE_PROP_N_ITEMS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[DD_ITEM_STORE_PROP_CAP_REACHED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[DD_ITEM_STORE_PROP_COMPLETE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[DD_ITEM_STORE_PROP_SORT_ATTRIBUTE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[DD_ITEM_STORE_PROP_SORT_DESCENDING]);
}

/* Plain accessors -------------------------------------------------------- */

guint
dd_item_store_get_n_items (DdItemStore *self)
{
  g_return_val_if_fail (DD_IS_ITEM_STORE (self), 0);
  return self->n_items;
}

guint64
dd_item_store_get_n_bytes (DdItemStore *self)
{
  g_return_val_if_fail (DD_IS_ITEM_STORE (self), 0);
  return self->n_bytes;
}

guint
dd_item_store_get_max_items (DdItemStore *self)
{
  g_return_val_if_fail (DD_IS_ITEM_STORE (self), 0);
  return self->max_items;
}

/* A lower cap applies to the pages that come next; items held stay. */
void
dd_item_store_set_max_items (DdItemStore *self,
                             guint        max_items)
{
  g_return_if_fail (DD_IS_ITEM_STORE (self));
  if (self->max_items == max_items)
    return;
  self->max_items = max_items;
  g_object_notify_by_pspec (G_OBJECT (self), properties[DD_ITEM_STORE_PROP_MAX_ITEMS]);
}

gboolean
dd_item_store_get_cap_reached (DdItemStore *self)
{
  g_return_val_if_fail (DD_IS_ITEM_STORE (self), FALSE);
  return self->cap_reached;
}

gboolean
dd_item_store_get_complete (DdItemStore *self)
{
  g_return_val_if_fail (DD_IS_ITEM_STORE (self), FALSE);
  return self->complete;
}

void
dd_item_store_set_complete (DdItemStore *self,
                            gboolean     complete)
{
  gboolean was;

  g_return_if_fail (DD_IS_ITEM_STORE (self));
  was = _dd_item_store_sorted_loaded_only (self);
  complete = !!complete;
  if (self->complete == complete)
    return;
  self->complete = complete;
  _dd_item_store_notify_loaded_only (self, was);
  g_object_notify_by_pspec (G_OBJECT (self), properties[DD_ITEM_STORE_PROP_COMPLETE]);
}

/* GObject ---------------------------------------------------------------- */

static void
dd_item_store_finalize (GObject *object)
{
  DdItemStore *self = DD_ITEM_STORE (object);

  _dd_item_store_cancel_sort (self);
  g_ptr_array_unref (self->blocks);
  g_array_unref (self->starts);
  g_array_unref (self->lens);
  g_strfreev (self->keys);
  g_ptr_array_unref (self->names);
  g_hash_table_unref (self->seen_set);
  g_ptr_array_unref (self->seen);
  g_hash_table_unref (self->columns);
  g_free (self->order);
  g_free (self->sort_attribute);
  G_OBJECT_CLASS (dd_item_store_parent_class)->finalize (object);
}

static void
dd_item_store_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  DdItemStore *self = DD_ITEM_STORE (object);

  switch (prop_id)
    {
    case DD_ITEM_STORE_PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    case DD_ITEM_STORE_PROP_MAX_ITEMS:
      g_value_set_uint (value, self->max_items);
      break;
    case DD_ITEM_STORE_PROP_CAP_REACHED:
      g_value_set_boolean (value, self->cap_reached);
      break;
    case DD_ITEM_STORE_PROP_COMPLETE:
      g_value_set_boolean (value, self->complete);
      break;
    case DD_ITEM_STORE_PROP_ATTRIBUTE_NAMES:
      g_value_set_boxed (value, self->names->pdata);
      break;
    case DD_ITEM_STORE_PROP_SORT_ATTRIBUTE:
      g_value_set_string (value, self->sort_attribute);
      break;
    case DD_ITEM_STORE_PROP_SORT_DESCENDING:
      g_value_set_boolean (value, self->sort_descending);
      break;
    case DD_ITEM_STORE_PROP_SORTED_LOADED_ONLY:
      g_value_set_boolean (value, _dd_item_store_sorted_loaded_only (self));
      break;
    case DD_ITEM_STORE_PROP_SORTING:
      g_value_set_boolean (value, self->sorting != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_item_store_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  DdItemStore *self = DD_ITEM_STORE (object);

  switch (prop_id)
    {
    case DD_ITEM_STORE_PROP_MAX_ITEMS:
      dd_item_store_set_max_items (self, g_value_get_uint (value));
      break;
    case DD_ITEM_STORE_PROP_COMPLETE:
      dd_item_store_set_complete (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define RO (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)
#define RW (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

static void
dd_item_store_class_init (DdItemStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dd_item_store_finalize;
  object_class->get_property = dd_item_store_get_property;
  object_class->set_property = dd_item_store_set_property;

  properties[DD_ITEM_STORE_PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0, RO);
  properties[DD_ITEM_STORE_PROP_MAX_ITEMS] =
    g_param_spec_uint ("max-items", NULL, NULL, 0, G_MAXUINT,
                       DD_ITEM_STORE_DEFAULT_MAX_ITEMS, RW | G_PARAM_CONSTRUCT);
  properties[DD_ITEM_STORE_PROP_CAP_REACHED] =
    g_param_spec_boolean ("cap-reached", NULL, NULL, FALSE, RO);
  properties[DD_ITEM_STORE_PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL, FALSE, RW);
  properties[DD_ITEM_STORE_PROP_ATTRIBUTE_NAMES] =
    g_param_spec_boxed ("attribute-names", NULL, NULL, G_TYPE_STRV, RO);
  properties[DD_ITEM_STORE_PROP_SORT_ATTRIBUTE] =
    g_param_spec_string ("sort-attribute", NULL, NULL, NULL, RO);
  properties[DD_ITEM_STORE_PROP_SORT_DESCENDING] =
    g_param_spec_boolean ("sort-descending", NULL, NULL, FALSE, RO);
  properties[DD_ITEM_STORE_PROP_SORTED_LOADED_ONLY] =
    g_param_spec_boolean ("sorted-loaded-only", NULL, NULL, FALSE, RO);
  properties[DD_ITEM_STORE_PROP_SORTING] =
    g_param_spec_boolean ("sorting", NULL, NULL, FALSE, RO);
  g_object_class_install_properties (object_class, DD_ITEM_STORE_N_PROPS, properties);
}

static void
dd_item_store_init (DdItemStore *self)
{
  self->blocks = g_ptr_array_new_with_free_func (g_free);
  self->starts = g_array_new (FALSE, FALSE, sizeof (const char *));
  self->lens = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->seen = g_ptr_array_new_with_free_func (g_free);
  self->seen_set = g_hash_table_new (g_str_hash, g_str_equal);
  self->names = g_ptr_array_new ();
  g_ptr_array_add (self->names, NULL);
  self->columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, _dd_item_store_column_free);
}

DdItemStore *
dd_item_store_new (const char * const *key_attributes)
{
  DdItemStore *self = g_object_new (DD_TYPE_ITEM_STORE, NULL);

  if (key_attributes != NULL)
    dd_item_store_set_key_attributes (self, key_attributes);
  return self;
}
