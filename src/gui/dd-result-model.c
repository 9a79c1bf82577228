/* dd-result-model.c: the items of a result, parsed only when shown. */
#define G_LOG_DOMAIN "dd-result-model"

#include "config.h"

#include <string.h>

#include "dd-attr.h"
#include "dd-result-model.h"

#define CACHE_SIZE 256
#define CELL_MAX_CHARS 200

typedef struct
{
  guint page;
  gsize offset;
  gsize length;
} ItemSlice;

struct _DdResultModel
{
  GObject      parent_instance;
  GPtrArray   *pages;     /* GBytes */
  GArray      *items;     /* ItemSlice */
  GPtrArray   *columns;   /* char *, keys first */
  GHashTable  *column_set;
  GStrv        key_names;
  GHashTable  *cache;     /* index -> JsonObject */
  GQueue       cache_order;
  GHashTable  *sort_keys; /* name -> GPtrArray of char * */
  guint        parse_count;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DdResultModel, dd_result_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
dd_result_model_get_item_type (GListModel *model)
{
  return DD_TYPE_RESULT_ROW;
}

static guint
dd_result_model_get_n_items (GListModel *model)
{
  return DD_RESULT_MODEL (model)->items->len;
}

static gpointer
dd_result_model_get_list_item (GListModel *model,
                               guint       position)
{
  DdResultModel *self = DD_RESULT_MODEL (model);

  if (position >= self->items->len)
    return NULL;
  return dd_result_row_new (self, position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = dd_result_model_get_item_type;
  iface->get_n_items = dd_result_model_get_n_items;
  iface->get_item = dd_result_model_get_list_item;
}

static void
dd_result_model_finalize (GObject *object)
{
  DdResultModel *self = DD_RESULT_MODEL (object);

  g_ptr_array_unref (self->pages);
  g_array_unref (self->items);
  g_ptr_array_unref (self->columns);
  g_hash_table_unref (self->column_set);
  g_strfreev (self->key_names);
  g_hash_table_unref (self->cache);
  g_queue_clear (&self->cache_order);
  g_hash_table_unref (self->sort_keys);
  G_OBJECT_CLASS (dd_result_model_parent_class)->finalize (object);
}

static void
dd_result_model_class_init (DdResultModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_result_model_finalize;
}

static void
dd_result_model_init (DdResultModel *self)
{
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  self->items = g_array_new (FALSE, FALSE, sizeof (ItemSlice));
  self->columns = g_ptr_array_new_with_free_func (g_free);
  self->column_set = g_hash_table_new (g_str_hash, g_str_equal);
  self->cache = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) json_object_unref);
  g_queue_init (&self->cache_order);
  self->sort_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) g_ptr_array_unref);
}

DdResultModel *
dd_result_model_new (void)
{
  return g_object_new (DD_TYPE_RESULT_MODEL, NULL);
}

void
dd_result_model_clear (DdResultModel *self)
{
  guint removed;

  g_return_if_fail (DD_IS_RESULT_MODEL (self));

  removed = self->items->len;
  g_ptr_array_set_size (self->pages, 0);
  g_array_set_size (self->items, 0);
  g_hash_table_remove_all (self->column_set);
  g_ptr_array_set_size (self->columns, 0);
  g_clear_pointer (&self->key_names, g_strfreev);
  g_hash_table_remove_all (self->cache);
  g_queue_clear (&self->cache_order);
  g_hash_table_remove_all (self->sort_keys);
  if (removed > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
}

static void
add_column (DdResultModel *self,
            const char    *name,
            gboolean       at_front,
            guint          front_pos)
{
  char *copy;

  if (g_hash_table_contains (self->column_set, name))
    return;
  copy = g_strdup (name);
  if (at_front)
    g_ptr_array_insert (self->columns, (gint) front_pos, copy);
  else
    g_ptr_array_add (self->columns, copy);
  g_hash_table_add (self->column_set, copy);
}

void
dd_result_model_set_key_names (DdResultModel      *self,
                               const char * const *names)
{
  g_return_if_fail (DD_IS_RESULT_MODEL (self));

  g_strfreev (self->key_names);
  self->key_names = g_strdupv ((GStrv) names);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      for (guint j = 0; j < self->columns->len; j++)
        if (g_str_equal (g_ptr_array_index (self->columns, j), names[i]))
          {
            g_hash_table_remove (self->column_set, names[i]);
            g_ptr_array_remove_index (self->columns, j);
            break;
          }
      add_column (self, names[i], TRUE, i);
    }
}

gboolean
dd_result_model_is_key (DdResultModel *self,
                        const char    *name)
{
  g_return_val_if_fail (DD_IS_RESULT_MODEL (self), FALSE);
  return self->key_names != NULL && g_strv_contains ((const char * const *) self->key_names, name);
}

void
dd_result_model_add_columns (DdResultModel      *self,
                             const char * const *names)
{
  g_return_if_fail (DD_IS_RESULT_MODEL (self));

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    add_column (self, names[i], FALSE, 0);
}

void
dd_result_model_append (DdResultModel *self,
                        GBytes        *bytes,
                        const gsize   *offsets,
                        const gsize   *lengths,
                        guint          n_items)
{
  guint before;

  g_return_if_fail (DD_IS_RESULT_MODEL (self));
  g_return_if_fail (bytes != NULL);

  if (n_items == 0)
    return;
  before = self->items->len;
  g_ptr_array_add (self->pages, g_bytes_ref (bytes));
  for (guint i = 0; i < n_items; i++)
    {
      ItemSlice slice = { self->pages->len - 1, offsets[i], lengths[i] };

      g_return_if_fail (offsets[i] + lengths[i] <= g_bytes_get_size (bytes));
      g_array_append_val (self->items, slice);
    }
  g_hash_table_remove_all (self->sort_keys);
  g_list_model_items_changed (G_LIST_MODEL (self), before, 0, n_items);
}

void
dd_result_model_append_text (DdResultModel *self,
                             const char    *typed_item,
                             gssize         len)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonObject) item = NULL;
  gsize offset = 0, length;

  g_return_if_fail (DD_IS_RESULT_MODEL (self));

  length = len < 0 ? strlen (typed_item) : (gsize) len;
  bytes = g_bytes_new (typed_item, length);
  dd_result_model_append (self, bytes, &offset, &length, 1);
  item = dd_result_model_get_item (self, self->items->len - 1);
  if (item != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (item);

      for (GList *l = members; l != NULL; l = l->next)
        add_column (self, l->data, FALSE, 0);
    }
}

guint
dd_result_model_get_n_columns (DdResultModel *self)
{
  g_return_val_if_fail (DD_IS_RESULT_MODEL (self), 0);
  return self->columns->len;
}

const char *
dd_result_model_get_column (DdResultModel *self,
                            guint          column)
{
  g_return_val_if_fail (DD_IS_RESULT_MODEL (self), NULL);
  g_return_val_if_fail (column < self->columns->len, NULL);
  return g_ptr_array_index (self->columns, column);
}

static const char *
item_text (DdResultModel *self,
           guint          index,
           gsize         *length)
{
  ItemSlice *slice = &g_array_index (self->items, ItemSlice, index);
  GBytes *page = g_ptr_array_index (self->pages, slice->page);

  *length = slice->length;
  return (const char *) g_bytes_get_data (page, NULL) + slice->offset;
}

static void
cache_put (DdResultModel *self,
           guint          index,
           JsonObject    *item)
{
  if (g_queue_get_length (&self->cache_order) >= CACHE_SIZE)
    {
      guint oldest = GPOINTER_TO_UINT (g_queue_pop_head (&self->cache_order));

      g_hash_table_remove (self->cache, GUINT_TO_POINTER (oldest));
    }
  g_hash_table_insert (self->cache, GUINT_TO_POINTER (index), json_object_ref (item));
  g_queue_push_tail (&self->cache_order, GUINT_TO_POINTER (index));
}

JsonObject *
dd_result_model_get_item (DdResultModel *self,
                          guint          index)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *item;
  JsonNode *root;
  const char *text;
  gsize length;

  g_return_val_if_fail (DD_IS_RESULT_MODEL (self), NULL);
  g_return_val_if_fail (index < self->items->len, NULL);

  item = g_hash_table_lookup (self->cache, GUINT_TO_POINTER (index));
  if (item != NULL)
    return json_object_ref (item);

  text = item_text (self, index, &length);
  parser = json_parser_new_immutable ();
  self->parse_count++;
  if (!json_parser_load_from_data (parser, text, (gssize) length, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  item = json_node_get_object (root);
  cache_put (self, index, item);
  return json_object_ref (item);
}

GBytes *
dd_result_model_get_item_bytes (DdResultModel *self,
                                guint          index)
{
  ItemSlice *slice;

  g_return_val_if_fail (DD_IS_RESULT_MODEL (self), NULL);
  g_return_val_if_fail (index < self->items->len, NULL);

  slice = &g_array_index (self->items, ItemSlice, index);
  return g_bytes_new_from_bytes (g_ptr_array_index (self->pages, slice->page),
                                 slice->offset, slice->length);
}

char *
dd_result_model_item_to_json (DdResultModel *self,
                              guint          index,
                              gboolean       typed)
{
  const char *text;
  gsize length;

  g_return_val_if_fail (DD_IS_RESULT_MODEL (self), NULL);
  g_return_val_if_fail (index < self->items->len, NULL);

  text = item_text (self, index, &length);
  if (!typed)
    {
      char *plain = dd_attr_item_to_plain (text, (gssize) length, NULL);

      if (plain != NULL)
        return plain;
    }
  return g_strndup (text, length);
}

/* The type code and scalar (or compact plain JSON) text of a typed value. */
static const char *
typed_value_text (JsonNode  *value,
                  char     **text)
{
  JsonObject *descriptor;
  g_autoptr(GList) members = NULL;
  g_autoptr(GString) plain = NULL;
  g_autofree char *typed = NULL;
  const char *type;
  JsonNode *inner;

  if (value == NULL || !JSON_NODE_HOLDS_OBJECT (value))
    return NULL;
  descriptor = json_node_get_object (value);
  members = json_object_get_members (descriptor);
  if (members == NULL || members->next != NULL)
    return NULL;
  type = members->data;
  inner = json_object_get_member (descriptor, type);
  if (JSON_NODE_HOLDS_VALUE (inner) && json_node_get_value_type (inner) == G_TYPE_STRING)
    *text = g_strdup (json_node_get_string (inner));
  else if (JSON_NODE_HOLDS_VALUE (inner) && json_node_get_value_type (inner) == G_TYPE_BOOLEAN)
    *text = g_strdup (json_node_get_boolean (inner) ? "true" : "false");
  else
    {
      typed = json_to_string (value, FALSE);
      plain = g_string_new (NULL);
      if (!dd_attr_value_append_plain (plain, typed, -1, NULL))
        g_string_assign (plain, typed);
      *text = g_string_free (g_steal_pointer (&plain), FALSE);
    }
  return type;
}

char *
dd_result_model_get_cell (DdResultModel *self,
                          guint          index,
                          const char    *name,
                          DdCellKind    *kind)
{
  g_autoptr(JsonObject) item = NULL;
  g_autofree char *text = NULL;
  const char *type;

  g_return_val_if_fail (DD_IS_RESULT_MODEL (self), NULL);

  *kind = DD_CELL_MISSING;
  if (index >= self->items->len || (item = dd_result_model_get_item (self, index)) == NULL)
    return g_strdup ("");
  type = typed_value_text (json_object_get_member (item, name), &text);
  return dd_format_cell (type, text, CELL_MAX_CHARS, kind);
}

char *
dd_result_model_dup_value (DdResultModel *self,
                           guint          index,
                           const char    *name,
                           gboolean       typed)
{
  g_autoptr(JsonObject) item = NULL;
  JsonNode *value;
  char *text = NULL;
  const char *type;

  g_return_val_if_fail (DD_IS_RESULT_MODEL (self), NULL);

  if (index >= self->items->len || (item = dd_result_model_get_item (self, index)) == NULL)
    return NULL;
  value = json_object_get_member (item, name);
  if (value == NULL)
    return NULL;
  if (typed)
    return json_to_string (value, FALSE);
  type = typed_value_text (value, &text);
  if (type == NULL)
    return json_to_string (value, FALSE);
  if (g_str_equal (type, "NULL"))
    {
      g_free (text);
      return g_strdup ("null");
    }
  return text;
}

static GPtrArray *
build_sort_keys (DdResultModel *self,
                 const char    *name)
{
  GPtrArray *keys = g_ptr_array_new_full (self->items->len, g_free);

  for (guint i = 0; i < self->items->len; i++)
    {
      g_autoptr(JsonObject) item = dd_result_model_get_item (self, i);
      g_autofree char *text = NULL;
      const char *type = item ? typed_value_text (json_object_get_member (item, name), &text) : NULL;

      if (type == NULL)
        g_ptr_array_add (keys, NULL);
      else if (g_str_equal (type, "N"))
        g_ptr_array_add (keys, g_strconcat ("N", text, NULL));
      else
        {
          g_autofree char *collate = g_utf8_collate_key (text, -1);
          g_ptr_array_add (keys, g_strconcat ("S", collate, NULL));
        }
    }
  return keys;
}

int
dd_result_model_compare (DdResultModel *self,
                         guint          a,
                         guint          b,
                         const char    *name)
{
  GPtrArray *keys;
  const char *ka, *kb;

  g_return_val_if_fail (DD_IS_RESULT_MODEL (self), 0);

  keys = g_hash_table_lookup (self->sort_keys, name);
  if (keys == NULL)
    {
      keys = build_sort_keys (self, name);
      g_hash_table_insert (self->sort_keys, g_strdup (name), keys);
    }
  ka = a < keys->len ? g_ptr_array_index (keys, a) : NULL;
  kb = b < keys->len ? g_ptr_array_index (keys, b) : NULL;
  if (ka == NULL || kb == NULL) /* items without the attribute go last */
    return (ka == NULL) - (kb == NULL);
  if (ka[0] != kb[0])
    return ka[0] == 'N' ? -1 : 1;
  if (ka[0] == 'N')
    return dd_number_compare (ka + 1, kb + 1);
  return strcmp (ka + 1, kb + 1);
}

guint
dd_result_model_get_parse_count (DdResultModel *self)
{
  g_return_val_if_fail (DD_IS_RESULT_MODEL (self), 0);
  return self->parse_count;
}
