/* dd-source-store.c: the saved data sources, a GListModel of DdSource. */
#define G_LOG_DOMAIN "dd-source-store"

#include "config.h"

#include <errno.h>

#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>

#include "dd-error.h"
#include "dd-file-save.h"
#include "dd-source-load.h"
#include "dd-source-store.h"

struct _DdSourceStore
{
  GObject        parent_instance;

  char          *path;
  DdSecretStore *secrets;
  GPtrArray     *sources;      /* DdSource */
  GPtrArray     *removed_ids;  /* ids whose secret is removed on the next save */

  GStrv          warnings;
  char          *broken_path;
  gboolean       save_blocked; /* a damaged file could not be moved aside */

  /* Saves write in worker threads; the newest snapshot wins. */
  GMutex         write_lock;
  guint64        save_generation;
  guint64        written_generation;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DdSourceStore, dd_source_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return DD_TYPE_SOURCE;
}

static guint
get_n_items (GListModel *model)
{
  return DD_SOURCE_STORE (model)->sources->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  DdSourceStore *self = DD_SOURCE_STORE (model);

  if (position >= self->sources->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->sources, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
dd_source_store_finalize (GObject *object)
{
  DdSourceStore *self = DD_SOURCE_STORE (object);

  g_clear_pointer (&self->path, g_free);
  g_clear_object (&self->secrets);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->removed_ids, g_ptr_array_unref);
  g_clear_pointer (&self->warnings, g_strfreev);
  g_clear_pointer (&self->broken_path, g_free);
  g_mutex_clear (&self->write_lock);
  G_OBJECT_CLASS (dd_source_store_parent_class)->finalize (object);
}

static void
dd_source_store_class_init (DdSourceStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_source_store_finalize;
}

static void
dd_source_store_init (DdSourceStore *self)
{
  self->sources = g_ptr_array_new_with_free_func (g_object_unref);
  self->removed_ids = g_ptr_array_new_with_free_func (g_free);
  self->warnings = g_new0 (char *, 1);
  g_mutex_init (&self->write_lock);
}

char *
dd_source_store_default_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "dynamo-desk", "sources.json", NULL);
}

DdSourceStore *
dd_source_store_new (const char    *path,
                     DdSecretStore *secrets)
{
  DdSourceStore *self;

  g_return_val_if_fail (secrets == NULL || DD_IS_SECRET_STORE (secrets), NULL);

  self = g_object_new (DD_TYPE_SOURCE_STORE, NULL);
  self->path = path != NULL ? g_strdup (path) : dd_source_store_default_path ();
  self->secrets = secrets != NULL ? g_object_ref (secrets) : dd_secret_store_new ();
  return self;
}

/* g_set_str() is newer than the GLib floor. */
static gboolean
replace_str (char       **dest,
             const char  *value)
{
  if (g_strcmp0 (*dest, value) == 0)
    return FALSE;
  g_free (*dest);
  *dest = g_strdup (value);
  return TRUE;
}

const char *
dd_source_store_get_path (DdSourceStore *self)
{
  g_return_val_if_fail (DD_IS_SOURCE_STORE (self), NULL);
  return self->path;
}

DdSecretStore *
dd_source_store_get_secret_store (DdSourceStore *self)
{
  g_return_val_if_fail (DD_IS_SOURCE_STORE (self), NULL);
  return self->secrets;
}

const char * const *
dd_source_store_get_warnings (DdSourceStore *self)
{
  g_return_val_if_fail (DD_IS_SOURCE_STORE (self), NULL);
  return (const char * const *) self->warnings;
}

const char *
dd_source_store_get_broken_path (DdSourceStore *self)
{
  g_return_val_if_fail (DD_IS_SOURCE_STORE (self), NULL);
  return self->broken_path;
}

/* Loading */

static void
apply_load_result (DdSourceStore *self,
                   DdSourceLoad  *result)
{
  guint removed = self->sources->len;

  g_ptr_array_set_size (self->sources, 0);
  if (result != NULL)
    for (guint i = 0; i < result->sources->len; i++)
      g_ptr_array_add (self->sources, g_object_ref (g_ptr_array_index (result->sources, i)));

  g_clear_pointer (&self->warnings, g_strfreev);
  if (result != NULL)
    {
      g_ptr_array_add (result->warnings, NULL);
      self->warnings = g_strdupv ((char **) result->warnings->pdata);
      g_ptr_array_set_size (result->warnings, result->warnings->len - 1);
    }
  else
    self->warnings = g_new0 (char *, 1);
  replace_str (&self->broken_path, result != NULL ? result->broken_path : NULL);
  self->save_blocked = result != NULL && result->blocked;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->sources->len);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *res,
              gpointer      user_data)
{
  DdSourceStore *self = DD_SOURCE_STORE (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  DdSourceLoad *result;

  result = g_task_propagate_pointer (G_TASK (res), &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  apply_load_result (self, result);
  if (result != NULL && result->damage != NULL)
    g_task_return_error (task, g_error_copy (result->damage));
  else
    g_task_return_boolean (task, TRUE);
  if (result != NULL)
    dd_source_load_free (result);
}

void
dd_source_store_load_async (DdSourceStore       *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) inner = NULL;

  g_return_if_fail (DD_IS_SOURCE_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_source_store_load_async);
  inner = g_task_new (self, cancellable, load_done_cb, g_steal_pointer (&task));
  g_task_set_source_tag (inner, dd_source_load_thread);
  g_task_set_task_data (inner, g_strdup (self->path), g_free);
  g_task_run_in_thread (inner, dd_source_load_thread);
}

gboolean
dd_source_store_load_finish (DdSourceStore  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Saving */

typedef struct
{
  char      *data;
  gsize      length;
  guint64    generation;
  GPtrArray *secret_sources;  /* DdSource whose secrets changed */
  GPtrArray *clear_ids;       /* char *: secrets to remove */
  guint      next;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_free (data->data);
  g_ptr_array_unref (data->secret_sources);
  g_ptr_array_unref (data->clear_ids);
  g_free (data);
}

static char *
serialize (DdSourceStore *self,
           gsize         *length)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, DD_SOURCE_STORE_VERSION);
  json_builder_set_member_name (builder, "sources");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->sources->len; i++)
    json_builder_add_value (builder, dd_source_to_json (g_ptr_array_index (self->sources, i)));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  return json_generator_to_data (generator, length);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  DdSourceStore *self = source_object;
  SaveData *data = task_data;
  g_autofree char *dir = g_path_get_dirname (self->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->write_lock);

  /* A later save already wrote a newer list. */
  if (data->generation < self->written_generation)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_task_return_new_error (task, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                               _("Could not create %s: %s"), dir, g_strerror (saved_errno));
      return;
    }
  if (!dd_file_save (self->path, data->data, (gssize) data->length, 0600, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  self->written_generation = data->generation;
  g_task_return_boolean (task, TRUE);
}

static void save_next_secret (GTask *task);

static void
secret_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DdSourceStore *self = g_task_get_source_object (task);
  SaveData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gboolean ok;
  guint index = data->next++;

  if (g_async_result_is_tagged (result, dd_secret_store_store_async))
    ok = dd_secret_store_store_finish (DD_SECRET_STORE (object), result, &error);
  else
    ok = dd_secret_store_clear_finish (DD_SECRET_STORE (object), result, &error);
  if (!ok)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (index < data->secret_sources->len)
    dd_source_set_secrets_saved (g_ptr_array_index (data->secret_sources, index));
  else
    {
      const char *id = g_ptr_array_index (data->clear_ids, index - data->secret_sources->len);
      guint pos;

      if (g_ptr_array_find_with_equal_func (self->removed_ids, id, g_str_equal, &pos))
        g_ptr_array_remove_index (self->removed_ids, pos);
    }
  save_next_secret (g_steal_pointer (&task));
}

/* Takes the task's reference. Stores the changed secrets, then removes
 * those of removed sources, one at a time. */
static void
save_next_secret (GTask *task)
{
  DdSourceStore *self = g_task_get_source_object (task);
  SaveData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (data->next < data->secret_sources->len)
    {
      DdSource *source = g_ptr_array_index (data->secret_sources, data->next);
      g_autofree char *label = g_strdup_printf ("Dynamo Desk: %s", dd_source_get_name (source));

      if (dd_source_has_secrets (source))
        dd_secret_store_store_async (self->secrets, dd_source_get_id (source), label,
                                     dd_source_get_secret_access_key (source),
                                     dd_source_get_session_token (source),
                                     cancellable, secret_done_cb, task);
      else
        dd_secret_store_clear_async (self->secrets, dd_source_get_id (source),
                                     cancellable, secret_done_cb, task);
    }
  else if (data->next < data->secret_sources->len + data->clear_ids->len)
    dd_secret_store_clear_async (self->secrets,
                                 g_ptr_array_index (data->clear_ids,
                                                    data->next - data->secret_sources->len),
                                 cancellable, secret_done_cb, task);
  else
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
    }
}

static void
save_written_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  save_next_secret (g_steal_pointer (&task));
}

void
dd_source_store_save_async (DdSourceStore       *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) inner = NULL;
  SaveData *data;

  g_return_if_fail (DD_IS_SOURCE_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_source_store_save_async);
  if (self->save_blocked)
    {
      g_task_return_new_error (task, DD_ERROR, DD_ERROR_FAILED,
                               _("%s was damaged and could not be kept aside: "
                               "move it away, then save again"), self->path);
      return;
    }

  data = g_new0 (SaveData, 1);
  data->data = serialize (self, &data->length);
  data->generation = ++self->save_generation;
  data->secret_sources = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->sources->len; i++)
    if (dd_source_get_secrets_dirty (g_ptr_array_index (self->sources, i)))
      g_ptr_array_add (data->secret_sources, g_object_ref (g_ptr_array_index (self->sources, i)));
  data->clear_ids = g_ptr_array_copy (self->removed_ids, (GCopyFunc) g_strdup, NULL);
  g_ptr_array_set_free_func (data->clear_ids, g_free);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);

  inner = g_task_new (self, cancellable, save_written_cb, g_steal_pointer (&task));
  g_task_set_source_tag (inner, save_thread);
  g_task_set_task_data (inner, data, NULL);
  g_task_run_in_thread (inner, save_thread);
}

gboolean
dd_source_store_save_finish (DdSourceStore  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Secrets of one source */

static void
load_secrets_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DdSource *source = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  char *secret = NULL;
  char *token = NULL;

  if (!dd_secret_store_lookup_finish (DD_SECRET_STORE (object), result, &secret, &token, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* Secrets entered while the lookup ran win over the saved ones. */
  if (secret != NULL && !dd_source_has_secrets (source) && !dd_source_get_secrets_dirty (source))
    {
      dd_source_set_secrets (source, secret, token);
      dd_source_set_secrets_saved (source);
    }
  dd_secret_store_free_secret (secret);
  dd_secret_store_free_secret (token);
  g_task_return_boolean (task, TRUE);
}

void
dd_source_store_load_secrets_async (DdSourceStore       *self,
                                    DdSource            *source,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DD_IS_SOURCE_STORE (self));
  g_return_if_fail (DD_IS_SOURCE (source));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_source_store_load_secrets_async);
  g_task_set_task_data (task, g_object_ref (source), g_object_unref);
  if (dd_source_has_secrets (source))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  dd_secret_store_lookup_async (self->secrets, dd_source_get_id (source), cancellable,
                                load_secrets_cb, g_steal_pointer (&task));
}

gboolean
dd_source_store_load_secrets_finish (DdSourceStore  *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The list */

static gboolean
find (DdSourceStore *self,
      DdSource      *source,
      guint         *position)
{
  return g_ptr_array_find (self->sources, source, position);
}

static gboolean
check_name (DdSourceStore  *self,
            DdSource       *source,
            const char     *name,
            GError        **error)
{
  DdSource *other;

  if (name == NULL || *name == '\0')
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("A data source needs a name"));
      return FALSE;
    }
  other = dd_source_store_lookup_by_name (self, name);
  if (other != NULL && other != source)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT,
                   _("There is already a data source named “%s”"), name);
      return FALSE;
    }
  return TRUE;
}

gboolean
dd_source_store_add (DdSourceStore  *self,
                     DdSource       *source,
                     GError        **error)
{
  guint pos;

  g_return_val_if_fail (DD_IS_SOURCE_STORE (self), FALSE);
  g_return_val_if_fail (DD_IS_SOURCE (source), FALSE);
  g_return_val_if_fail (!find (self, source, NULL), FALSE);

  if (!check_name (self, source, dd_source_get_name (source), error))
    return FALSE;
  if (dd_source_store_lookup (self, dd_source_get_id (source)) != NULL)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT,
                   _("There is already a data source with the id %s"), dd_source_get_id (source));
      return FALSE;
    }
  /* Put back after a remove: its secret stays. */
  if (g_ptr_array_find_with_equal_func (self->removed_ids, dd_source_get_id (source),
                                        g_str_equal, &pos))
    g_ptr_array_remove_index (self->removed_ids, pos);
  g_ptr_array_add (self->sources, g_object_ref (source));
  g_list_model_items_changed (G_LIST_MODEL (self), self->sources->len - 1, 0, 1);
  return TRUE;
}

gboolean
dd_source_store_rename (DdSourceStore  *self,
                        DdSource       *source,
                        const char     *name,
                        GError        **error)
{
  g_return_val_if_fail (DD_IS_SOURCE_STORE (self), FALSE);
  g_return_val_if_fail (DD_IS_SOURCE (source), FALSE);

  if (!check_name (self, source, name, error))
    return FALSE;
  dd_source_set_name (source, name);
  return TRUE;
}

void
dd_source_store_remove (DdSourceStore *self,
                        DdSource      *source)
{
  guint pos;

  g_return_if_fail (DD_IS_SOURCE_STORE (self));
  g_return_if_fail (DD_IS_SOURCE (source));

  if (!find (self, source, &pos))
    return;
  g_ptr_array_add (self->removed_ids, g_strdup (dd_source_get_id (source)));
  g_ptr_array_remove_index (self->sources, pos);
  g_list_model_items_changed (G_LIST_MODEL (self), pos, 1, 0);
}

DdSource *
dd_source_store_duplicate (DdSourceStore *self,
                           DdSource      *source)
{
  g_autoptr(DdSource) copy = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (DD_IS_SOURCE_STORE (self), NULL);
  g_return_val_if_fail (DD_IS_SOURCE (source), NULL);

  name = g_strdup_printf (_("%s (copy)"), dd_source_get_name (source));
  for (guint i = 2; dd_source_store_lookup_by_name (self, name) != NULL; i++)
    {
      g_free (name);
      name = g_strdup_printf (_("%s (copy %u)"), dd_source_get_name (source), i);
    }
  copy = dd_source_duplicate (source, name);
  if (!dd_source_store_add (self, copy, NULL))
    g_return_val_if_reached (NULL);
  return copy;
}

DdSource *
dd_source_store_lookup (DdSourceStore *self,
                        const char    *id)
{
  g_return_val_if_fail (DD_IS_SOURCE_STORE (self), NULL);

  for (guint i = 0; id != NULL && i < self->sources->len; i++)
    if (g_str_equal (dd_source_get_id (g_ptr_array_index (self->sources, i)), id))
      return g_ptr_array_index (self->sources, i);
  return NULL;
}

DdSource *
dd_source_store_lookup_by_name (DdSourceStore *self,
                                const char    *name)
{
  g_return_val_if_fail (DD_IS_SOURCE_STORE (self), NULL);

  for (guint i = 0; name != NULL && i < self->sources->len; i++)
    if (g_str_equal (dd_source_get_name (g_ptr_array_index (self->sources, i)), name))
      return g_ptr_array_index (self->sources, i);
  return NULL;
}
