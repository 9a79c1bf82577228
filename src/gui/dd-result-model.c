/* dd-result-model.c: the items of a result, over a DdItemStore. */
#define G_LOG_DOMAIN "dd-result-model"

#include "config.h"

#include <string.h>

#include "dd-attr.h"
#include "dd-page.h"
#include "dd-result-model.h"

#define CACHE_SIZE 256
#define CELL_MAX_CHARS 200

struct _DdResultModel
{
  GObject      parent_instance;
  DdItemStore *store;
  GStrv        key_names;
  GHashTable  *cache;     /* index -> JsonObject */
  GQueue       cache_order;
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
  return dd_item_store_get_n_items (DD_RESULT_MODEL (model)->store);
}

static gpointer
dd_result_model_get_list_item (GListModel *model,
                               guint       position)
{
  DdResultModel *self = DD_RESULT_MODEL (model);

  if (position >= dd_item_store_get_n_items (self->store))
    return NULL;
  return dd_result_row_new (self, dd_item_store_get_index (self->store, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = dd_result_model_get_item_type;
  iface->get_n_items = dd_result_model_get_n_items;
  iface->get_item = dd_result_model_get_list_item;
}

static void
cache_clear (DdResultModel *self)
{
  g_hash_table_remove_all (self->cache);
  g_queue_clear (&self->cache_order);
}

static void
store_items_changed_cb (DdResultModel *self,
                        guint          position,
                        guint          removed,
                        guint          added)
{
  if (removed > 0 && dd_item_store_get_n_items (self->store) == 0)
    cache_clear (self);
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
dd_result_model_finalize (GObject *object)
{
  DdResultModel *self = DD_RESULT_MODEL (object);

  g_signal_handlers_disconnect_by_func (self->store, store_items_changed_cb, self);
  g_object_unref (self->store);
  g_strfreev (self->key_names);
  g_hash_table_unref (self->cache);
  g_queue_clear (&self->cache_order);
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
  self->store = dd_item_store_new (NULL);
  g_signal_connect_swapped (self->store, "items-changed", G_CALLBACK (store_items_changed_cb), self);
  self->cache = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) json_object_unref);
  g_queue_init (&self->cache_order);
}

DdResultModel *
dd_result_model_new (void)
{
  return g_object_new (DD_TYPE_RESULT_MODEL, NULL);
}

DdItemStore *
dd_result_model_get_store (DdResultModel *self)
{
  g_return_val_if_fail (DD_IS_RESULT_MODEL (self), NULL);
  return self->store;
}

void
dd_result_model_clear (DdResultModel *self)
{
  g_return_if_fail (DD_IS_RESULT_MODEL (self));

  g_clear_pointer (&self->key_names, g_strfreev);
  dd_item_store_set_key_attributes (self->store, NULL);
  dd_item_store_clear (self->store);
  cache_clear (self);
}

void
dd_result_model_set_key_names (DdResultModel      *self,
                               const char * const *names)
{
  g_return_if_fail (DD_IS_RESULT_MODEL (self));

  g_strfreev (self->key_names);
  self->key_names = g_strdupv ((GStrv) names);
  dd_item_store_set_key_attributes (self->store, names);
}

gboolean
dd_result_model_is_key (DdResultModel *self,
                        const char    *name)
{
  g_return_val_if_fail (DD_IS_RESULT_MODEL (self), FALSE);
  return self->key_names != NULL && g_strv_contains ((const char * const *) self->key_names, name);
}

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), text);
  g_autofree char *quoted = json_to_string (node, FALSE);

  g_string_append (out, quoted);
}

/* ListTables: the names as items {"TableName": {"S": name}}. */
static DdPage *
table_names_page (DdPage *page)
{
  guint n = 0;
  const char * const *names = dd_page_get_table_names (page, &n);
  GString *text;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  DdPage *items;

  if (n == 0)
    return NULL;
  text = g_string_new ("{\"Items\":[");
  for (guint i = 0; i < n; i++)
    {
      g_string_append (text, i > 0 ? ",{\"TableName\":{\"S\":" : "{\"TableName\":{\"S\":");
      append_json_string (text, names[i]);
      g_string_append (text, "}}");
    }
  g_string_append (text, "]}");
  bytes = g_string_free_to_bytes (text);
  items = dd_page_parse (bytes, &error);
  if (items == NULL)
    g_warning ("Could not list the table names: %s", error->message);
  return items;
}

guint
dd_result_model_append_page (DdResultModel *self,
                             DdPage        *page)
{
  g_autoptr(DdPage) names = NULL;
  guint taken;

  g_return_val_if_fail (DD_IS_RESULT_MODEL (self), 0);
  g_return_val_if_fail (page != NULL, 0);

  taken = dd_item_store_append_page (self->store, page);
  if ((names = table_names_page (page)) != NULL)
    taken += dd_item_store_append_page (self->store, names);
  return taken;
}

void
dd_result_model_append_text (DdResultModel *self,
                             const char    *typed_item,
                             gssize         len)
{
  g_autoptr(GString) text = g_string_new ("{\"Items\":[");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(DdPage) page = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (DD_IS_RESULT_MODEL (self));
  g_return_if_fail (typed_item != NULL);

  g_string_append_len (text, typed_item, len < 0 ? (gssize) strlen (typed_item) : len);
  g_string_append (text, "]}");
  bytes = g_string_free_to_bytes (g_steal_pointer (&text));
  page = dd_page_parse (bytes, &error);
  if (page == NULL)
    {
      g_warning ("Not an item: %s", error->message);
      return;
    }
  dd_item_store_append_page (self->store, page);
}

guint
dd_result_model_get_n_columns (DdResultModel *self)
{
  guint n = 0;

  g_return_val_if_fail (DD_IS_RESULT_MODEL (self), 0);
  dd_item_store_get_attribute_names (self->store, &n);
  return n;
}

const char *
dd_result_model_get_column (DdResultModel *self,
                            guint          column)
{
  guint n = 0;
  const char * const *names;

  g_return_val_if_fail (DD_IS_RESULT_MODEL (self), NULL);
  names = dd_item_store_get_attribute_names (self->store, &n);
  g_return_val_if_fail (column < n, NULL);
  return names[column];
}

guint
dd_result_model_get_index (DdResultModel *self,
                           guint          position)
{
  g_return_val_if_fail (DD_IS_RESULT_MODEL (self), 0);
  return dd_item_store_get_index (self->store, position);
}

static gboolean
valid_index (DdResultModel *self,
             guint          index)
{
  return index < dd_item_store_get_n_items (self->store);
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
  g_return_val_if_fail (valid_index (self, index), NULL);

  item = g_hash_table_lookup (self->cache, GUINT_TO_POINTER (index));
  if (item != NULL)
    return json_object_ref (item);

  text = dd_item_store_get_item_text (self->store, index, &length);
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
  const char *text;
  gsize length;

  g_return_val_if_fail (DD_IS_RESULT_MODEL (self), NULL);
  g_return_val_if_fail (valid_index (self, index), NULL);

  text = dd_item_store_get_item_text (self->store, index, &length);
  return g_bytes_new (text, length);
}

char *
dd_result_model_item_to_json (DdResultModel *self,
                              guint          index,
                              gboolean       typed)
{
  const char *text;
  gsize length;

  g_return_val_if_fail (DD_IS_RESULT_MODEL (self), NULL);
  g_return_val_if_fail (valid_index (self, index), NULL);

  text = dd_item_store_get_item_text (self->store, index, &length);
  if (!typed)
    {
      char *plain = dd_attr_item_to_plain (text, (gssize) length, NULL);

      if (plain != NULL)
        return plain;
    }
  return g_strndup (text, length);
}

char *
dd_result_model_get_cell (DdResultModel *self,
                          guint          index,
                          const char    *name,
                          DdCellKind    *kind)
{
  g_autofree char *text = NULL;
  DdCellKind ignored;
  const char *type;

  g_return_val_if_fail (DD_IS_RESULT_MODEL (self), NULL);

  if (kind == NULL)
    kind = &ignored;
  *kind = DD_CELL_MISSING;
  if (!valid_index (self, index))
    return g_strdup ("");
  type = dd_item_store_get_value_type (self->store, index, name);
  if (type != NULL)
    text = dd_item_store_dup_display (self->store, index, name);
  return dd_format_cell (type, text, CELL_MAX_CHARS, kind);
}

char *
dd_result_model_dup_value (DdResultModel *self,
                           guint          index,
                           const char    *name,
                           gboolean       typed)
{
  g_autoptr(JsonObject) item = NULL;
  const char *type;

  g_return_val_if_fail (DD_IS_RESULT_MODEL (self), NULL);

  if (!valid_index (self, index))
    return NULL;
  type = dd_item_store_get_value_type (self->store, index, name);
  if (type == NULL)
    return NULL;
  if (!typed)
    return dd_item_store_dup_display (self->store, index, name);
  if ((item = dd_result_model_get_item (self, index)) == NULL)
    return NULL;
  return json_to_string (json_object_get_member (item, name), FALSE);
}

void
dd_result_model_sort (DdResultModel *self,
                      const char    *name,
                      gboolean       descending)
{
  g_return_if_fail (DD_IS_RESULT_MODEL (self));

  if (g_strcmp0 (name, dd_item_store_get_sort_attribute (self->store)) == 0
      && (name == NULL || !descending == !dd_item_store_get_sort_descending (self->store)))
    return;
  dd_item_store_sort (self->store, name, descending);
}

guint
dd_result_model_get_parse_count (DdResultModel *self)
{
  g_return_val_if_fail (DD_IS_RESULT_MODEL (self), 0);
  return self->parse_count;
}
