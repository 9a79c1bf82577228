/* dd-query-store.c: saved queries per data source, and a run history. */
#define G_LOG_DOMAIN "dd-query-store"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <glib/gi18n-lib.h>

#include "dd-error.h"
#include "dd-file-save.h"
#include "dd-query-store.h"

struct _DdQueryStore
{
  GObject    parent_instance;
  char      *path;
  GPtrArray *queries; /* DdQuery, saved ones */
  GPtrArray *history; /* DdQuery, oldest first */
};

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_BOXED_TYPE (DdQuery, dd_query, dd_query_copy, dd_query_free)
G_DEFINE_FINAL_TYPE (DdQueryStore, dd_query_store, G_TYPE_OBJECT)

DdQuery *
dd_query_copy (const DdQuery *query)
{
  DdQuery *copy = g_new0 (DdQuery, 1);

  copy->source_id = g_strdup (query->source_id);
  copy->name = g_strdup (query->name);
  copy->action = g_strdup (query->action);
  copy->table = g_strdup (query->table);
  copy->text = g_strdup (query->text);
  copy->time = query->time;
  copy->succeeded = query->succeeded;
  copy->elapsed_us = query->elapsed_us;
  return copy;
}

void
dd_query_free (DdQuery *query)
{
  if (query == NULL)
    return;
  g_free (query->source_id);
  g_free (query->name);
  g_free (query->action);
  g_free (query->table);
  g_free (query->text);
  g_free (query);
}

static void
dd_query_store_finalize (GObject *object)
{
  DdQueryStore *self = DD_QUERY_STORE (object);

  g_free (self->path);
  g_ptr_array_unref (self->queries);
  g_ptr_array_unref (self->history);
  G_OBJECT_CLASS (dd_query_store_parent_class)->finalize (object);
}

static void
dd_query_store_class_init (DdQueryStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dd_query_store_finalize;

  /* Emitted after any change, with the source id concerned. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
dd_query_store_init (DdQueryStore *self)
{
  self->queries = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_query_free);
  self->history = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_query_free);
}

DdQueryStore *
dd_query_store_new (const char *path)
{
  DdQueryStore *self = g_object_new (DD_TYPE_QUERY_STORE, NULL);

  if (path != NULL)
    self->path = g_strdup (path);
  else
    self->path = g_build_filename (g_get_user_data_dir (), "dynamo-desk", "queries.json", NULL);
  return self;
}

const char *
dd_query_store_get_path (DdQueryStore *self)
{
  g_return_val_if_fail (DD_IS_QUERY_STORE (self), NULL);
  return self->path;
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static DdQuery *
query_from_json (JsonNode *node,
                 gboolean  saved)
{
  JsonObject *object;
  DdQuery *query;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  object = json_node_get_object (node);
  if (member_string (object, "source") == NULL || member_string (object, "action") == NULL
      || member_string (object, "text") == NULL || (saved && member_string (object, "name") == NULL))
    return NULL;
  query = g_new0 (DdQuery, 1);
  query->source_id = g_strdup (member_string (object, "source"));
  query->name = saved ? g_strdup (member_string (object, "name")) : NULL;
  query->action = g_strdup (member_string (object, "action"));
  query->table = g_strdup (member_string (object, "table"));
  query->text = g_strdup (member_string (object, "text"));
  query->time = json_object_get_int_member_with_default (object, "time", 0);
  query->succeeded = json_object_get_boolean_member_with_default (object, "succeeded", FALSE);
  query->elapsed_us = json_object_get_int_member_with_default (object, "elapsed_us", 0);
  return query;
}

static gboolean
read_array (JsonObject *root,
            const char *name,
            gboolean    saved,
            GPtrArray  *into)
{
  JsonNode *node = json_object_get_member (root, name);
  JsonArray *array;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      DdQuery *query = query_from_json (json_array_get_element (array, i), saved);

      if (query == NULL)
        return FALSE;
      g_ptr_array_add (into, query);
    }
  return TRUE;
}

static gboolean
keep_damaged_file (DdQueryStore  *self,
                   const char    *why,
                   GError       **error)
{
  g_autofree char *aside = g_strconcat (self->path, ".damaged", NULL);

  if (g_rename (self->path, aside) != 0)
    g_warning ("Could not move %s aside: %s", self->path, g_strerror (errno));
  g_set_error (error, DD_ERROR, DD_ERROR_INVALID_JSON,
               _("The saved queries could not be read (%s); the file was kept as %s"),
               why, aside);
  return FALSE;
}

gboolean
dd_query_store_load (DdQueryStore  *self,
                     GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) queries = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_query_free);
  g_autoptr(GPtrArray) history = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_query_free);
  JsonNode *root;

  g_return_val_if_fail (DD_IS_QUERY_STORE (self), FALSE);

  dd_file_save_clean_stale (self->path, DD_FILE_SAVE_STALE_AGE);
  if (!json_parser_load_from_mapped_file (parser, self->path, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      if (local_error->domain == G_FILE_ERROR)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      return keep_damaged_file (self, local_error->message, error);
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root)
      || !read_array (json_node_get_object (root), "queries", TRUE, queries)
      || !read_array (json_node_get_object (root), "history", FALSE, history))
    return keep_damaged_file (self, _("unexpected content"), error);

  g_ptr_array_set_size (self->queries, 0);
  g_ptr_array_extend_and_steal (self->queries, g_steal_pointer (&queries));
  g_ptr_array_set_size (self->history, 0);
  g_ptr_array_extend_and_steal (self->history, g_steal_pointer (&history));
  g_signal_emit (self, signals[CHANGED], 0, NULL);
  return TRUE;
}

static void
add_query_json (JsonBuilder   *builder,
                const DdQuery *query)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, query->source_id);
  if (query->name != NULL)
    {
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, query->name);
    }
  json_builder_set_member_name (builder, "action");
  json_builder_add_string_value (builder, query->action);
  if (query->table != NULL)
    {
      json_builder_set_member_name (builder, "table");
      json_builder_add_string_value (builder, query->table);
    }
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, query->text);
  json_builder_set_member_name (builder, "time");
  json_builder_add_int_value (builder, query->time);
  if (query->name == NULL)
    {
      json_builder_set_member_name (builder, "succeeded");
      json_builder_add_boolean_value (builder, query->succeeded);
      json_builder_set_member_name (builder, "elapsed_us");
      json_builder_add_int_value (builder, query->elapsed_us);
    }
  json_builder_end_object (builder);
}

static void
add_array_json (JsonBuilder *builder,
                const char  *name,
                GPtrArray   *queries)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < queries->len; i++)
    add_query_json (builder, g_ptr_array_index (queries, i));
  json_builder_end_array (builder);
}

static gboolean
write_file (DdQueryStore  *self,
            const char    *source_id,
            GError       **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *dir = g_path_get_dirname (self->path);
  g_autofree char *text = NULL;
  gsize len;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  add_array_json (builder, "queries", self->queries);
  add_array_json (builder, "history", self->history);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, &len);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not create %s: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }
  if (!dd_file_save (self->path, text, (gssize) len, 0600, error))
    return FALSE;
  g_signal_emit (self, signals[CHANGED], 0, source_id);
  return TRUE;
}

static gint
find_query (DdQueryStore *self,
            const char   *source_id,
            const char   *name)
{
  for (guint i = 0; i < self->queries->len; i++)
    {
      DdQuery *query = g_ptr_array_index (self->queries, i);

      if (g_strcmp0 (query->source_id, source_id) == 0 && g_strcmp0 (query->name, name) == 0)
        return (gint) i;
    }
  return -1;
}

gboolean
dd_query_store_save_query (DdQueryStore  *self,
                           const char    *source_id,
                           const char    *name,
                           const char    *action,
                           const char    *table,
                           const char    *text,
                           GError       **error)
{
  DdQuery *query;
  gint found;

  g_return_val_if_fail (DD_IS_QUERY_STORE (self), FALSE);
  g_return_val_if_fail (source_id != NULL && name != NULL && *name != '\0', FALSE);
  g_return_val_if_fail (action != NULL && text != NULL, FALSE);

  query = g_new0 (DdQuery, 1);
  query->source_id = g_strdup (source_id);
  query->name = g_strdup (name);
  query->action = g_strdup (action);
  query->table = (table != NULL && *table != '\0') ? g_strdup (table) : NULL;
  query->text = g_strdup (text);
  query->time = g_get_real_time () / G_USEC_PER_SEC;

  found = find_query (self, source_id, name);
  if (found >= 0)
    g_ptr_array_remove_index (self->queries, (guint) found);
  g_ptr_array_add (self->queries, query);
  return write_file (self, source_id, error);
}

gboolean
dd_query_store_delete_query (DdQueryStore  *self,
                             const char    *source_id,
                             const char    *name,
                             GError       **error)
{
  gint found;

  g_return_val_if_fail (DD_IS_QUERY_STORE (self), FALSE);

  found = find_query (self, source_id, name);
  if (found < 0)
    return TRUE;
  g_ptr_array_remove_index (self->queries, (guint) found);
  return write_file (self, source_id, error);
}

static gint
compare_by_name (gconstpointer a,
                 gconstpointer b)
{
  const DdQuery *qa = *(const DdQuery * const *) a;
  const DdQuery *qb = *(const DdQuery * const *) b;

  return g_utf8_collate (qa->name, qb->name);
}

GPtrArray *
dd_query_store_list_queries (DdQueryStore *self,
                             const char   *source_id)
{
  GPtrArray *list = g_ptr_array_new ();

  g_return_val_if_fail (DD_IS_QUERY_STORE (self), list);

  for (guint i = 0; i < self->queries->len; i++)
    {
      DdQuery *query = g_ptr_array_index (self->queries, i);

      if (g_strcmp0 (query->source_id, source_id) == 0)
        g_ptr_array_add (list, query);
    }
  g_ptr_array_sort (list, compare_by_name);
  return list;
}

const DdQuery *
dd_query_store_lookup_query (DdQueryStore *self,
                             const char   *source_id,
                             const char   *name)
{
  gint found;

  g_return_val_if_fail (DD_IS_QUERY_STORE (self), NULL);

  found = find_query (self, source_id, name);
  return found < 0 ? NULL : g_ptr_array_index (self->queries, (guint) found);
}

gboolean
dd_query_store_add_history (DdQueryStore  *self,
                            const char    *source_id,
                            const char    *action,
                            const char    *table,
                            const char    *text,
                            gboolean       succeeded,
                            gint64         elapsed_us,
                            GError       **error)
{
  DdQuery *query;

  g_return_val_if_fail (DD_IS_QUERY_STORE (self), FALSE);
  g_return_val_if_fail (source_id != NULL && action != NULL && text != NULL, FALSE);

  query = g_new0 (DdQuery, 1);
  query->source_id = g_strdup (source_id);
  query->action = g_strdup (action);
  query->table = (table != NULL && *table != '\0') ? g_strdup (table) : NULL;
  query->text = g_strdup (text);
  query->time = g_get_real_time () / G_USEC_PER_SEC;
  query->succeeded = succeeded;
  query->elapsed_us = elapsed_us;
  g_ptr_array_add (self->history, query);
  if (self->history->len > DD_QUERY_STORE_HISTORY_MAX)
    g_ptr_array_remove_range (self->history, 0, self->history->len - DD_QUERY_STORE_HISTORY_MAX);
  return write_file (self, source_id, error);
}

GPtrArray *
dd_query_store_list_history (DdQueryStore *self,
                             const char   *source_id)
{
  GPtrArray *list = g_ptr_array_new ();

  g_return_val_if_fail (DD_IS_QUERY_STORE (self), list);

  for (guint i = self->history->len; i > 0; i--)
    {
      DdQuery *query = g_ptr_array_index (self->history, i - 1);

      if (source_id == NULL || g_strcmp0 (query->source_id, source_id) == 0)
        g_ptr_array_add (list, query);
    }
  return list;
}

static guint
remove_source (GPtrArray  *queries,
               const char *source_id)
{
  guint removed = 0;

  for (guint i = queries->len; i > 0; i--)
    {
      DdQuery *query = g_ptr_array_index (queries, i - 1);

      if (g_strcmp0 (query->source_id, source_id) == 0)
        {
          g_ptr_array_remove_index (queries, i - 1);
          removed++;
        }
    }
  return removed;
}

gboolean
dd_query_store_forget_source (DdQueryStore  *self,
                              const char    *source_id,
                              GError       **error)
{
  guint removed;

  g_return_val_if_fail (DD_IS_QUERY_STORE (self), FALSE);

  removed = remove_source (self->queries, source_id) + remove_source (self->history, source_id);
  if (removed == 0)
    return TRUE;
  return write_file (self, source_id, error);
}
