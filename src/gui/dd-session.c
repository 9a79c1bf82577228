/* dd-session.c: what the window keeps for one data source while it runs. */
#define G_LOG_DOMAIN "dd-session"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "dd-credentials-info.h"
#include "dd-mfa.h"
#include "dd-sso-relogin.h"
#include "dd-operation.h"
#include "dd-page.h"
#include "dd-pager.h"
#include "dd-request.h"
#include "dd-session.h"
#include "dd-sidebar-item.h"

struct _DdSession
{
  GObject        parent_instance;
  DdSource      *source;
  DdSourceStore *store;
  DdQueryStore  *queries;
  DdClient      *client;
  DdCredentialsProvider *provider;
  DdMfaPrompt   *mfa_prompt;
  GtkStringList *tables;
  GListStore    *children;
  GCancellable  *tables_cancellable;
  GPtrArray     *loading_names;
  char          *tables_error;
  GHashTable    *key_names;  /* table -> GStrv */
  guint          tables_requested : 1;
  guint          loading : 1;
};

enum { PROP_0, PROP_LOADING, N_PROPS };
static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (DdSession, dd_session, G_TYPE_OBJECT)

static void
rebuild_children (DdSession *self)
{
  const char *id = dd_source_get_id (self->source);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) queries = NULL;
  guint n_tables = g_list_model_get_n_items (G_LIST_MODEL (self->tables));

  if (self->loading)
    g_ptr_array_add (items, dd_sidebar_item_new (DD_SIDEBAR_ITEM_MESSAGE, id, _("Loading tables…")));
  else if (self->tables_error != NULL)
    g_ptr_array_add (items, dd_sidebar_item_new (DD_SIDEBAR_ITEM_MESSAGE, id, self->tables_error));
  else if (n_tables == 0 && self->tables_requested)
    g_ptr_array_add (items, dd_sidebar_item_new (DD_SIDEBAR_ITEM_MESSAGE, id, _("No tables")));
  for (guint i = 0; i < n_tables; i++)
    g_ptr_array_add (items, dd_sidebar_item_new (DD_SIDEBAR_ITEM_TABLE, id,
                                                 gtk_string_list_get_string (self->tables, i)));
  queries = dd_query_store_list_queries (self->queries, id);
  for (guint i = 0; i < queries->len; i++)
    g_ptr_array_add (items, dd_sidebar_item_new (DD_SIDEBAR_ITEM_QUERY, id,
                                                 ((DdQuery *) queries->pdata[i])->name));
  g_list_store_splice (self->children, 0, g_list_model_get_n_items (G_LIST_MODEL (self->children)),
                       items->pdata, items->len);
}

static void
set_loading (DdSession *self,
             gboolean   loading)
{
  if (self->loading == !!loading)
    return;
  self->loading = !!loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
dd_session_dispose (GObject *object)
{
  DdSession *self = DD_SESSION (object);

  g_cancellable_cancel (self->tables_cancellable);
  g_clear_object (&self->tables_cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->provider);
  g_clear_object (&self->mfa_prompt);
  g_clear_object (&self->tables);
  g_clear_object (&self->children);
  g_clear_object (&self->source);
  g_clear_object (&self->store);
  g_clear_object (&self->queries);
  g_clear_pointer (&self->loading_names, g_ptr_array_unref);
  g_clear_pointer (&self->tables_error, g_free);
  g_clear_pointer (&self->key_names, g_hash_table_unref);
  G_OBJECT_CLASS (dd_session_parent_class)->dispose (object);
}

static void
dd_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  DdSession *self = DD_SESSION (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_session_class_init (DdSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dd_session_dispose;
  object_class->get_property = dd_session_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dd_session_init (DdSession *self)
{
  self->tables = gtk_string_list_new (NULL);
  self->children = g_list_store_new (DD_TYPE_SIDEBAR_ITEM);
  self->key_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
}

DdSession *
dd_session_new (DdSource      *source,
                DdSourceStore *store,
                DdQueryStore  *queries)
{
  DdSession *self = g_object_new (DD_TYPE_SESSION, NULL);

  self->source = g_object_ref (source);
  self->store = g_object_ref (store);
  self->queries = g_object_ref (queries);
  rebuild_children (self);
  return self;
}

DdSource *
dd_session_get_source (DdSession *self)
{
  g_return_val_if_fail (DD_IS_SESSION (self), NULL);
  return self->source;
}

/* Client */

static DdClient *
create_client (DdSession  *self,
               GError    **error)
{
  g_autoptr(DdCredentialsProvider) provider = NULL;

  provider = dd_source_create_provider (self->source, self->store, error);
  if (provider == NULL)
    return NULL;
  if (self->mfa_prompt != NULL)
    {
      DdCredentialsProvider *wrapped = dd_mfa_prompt_wrap (self->mfa_prompt, self->source, provider);

      g_object_unref (provider);
      provider = wrapped;
    }
  g_set_object (&self->provider, provider);
  return dd_client_new (dd_source_get_region (self->source), dd_source_get_endpoint (self->source),
                        provider);
}

static void
secrets_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DdSession *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!dd_source_store_load_secrets_finish (DD_SOURCE_STORE (object), result, &error)
      || (self->client == NULL && (self->client = create_client (self, &error)) == NULL))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_object_ref (self->client), g_object_unref);
}

void
dd_session_get_client_async (DdSession           *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DD_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_session_get_client_async);
  if (self->client != NULL)
    {
      g_task_return_pointer (task, g_object_ref (self->client), g_object_unref);
      return;
    }
  dd_source_store_load_secrets_async (self->store, self->source, cancellable,
                                      secrets_loaded_cb, g_steal_pointer (&task));
}

DdClient *
dd_session_get_client_finish (DdSession     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
dd_session_reset (DdSession *self)
{
  g_return_if_fail (DD_IS_SESSION (self));
  g_clear_object (&self->client);
  g_clear_object (&self->provider);
  dd_source_set_credentials_info (self->source, NULL, 0);
}

void
dd_session_set_mfa_prompt (DdSession   *self,
                           DdMfaPrompt *prompt)
{
  g_return_if_fail (DD_IS_SESSION (self));
  g_set_object (&self->mfa_prompt, prompt);
}

DdCredentialsProvider *
dd_session_get_provider (DdSession *self)
{
  g_return_val_if_fail (DD_IS_SESSION (self), NULL);
  return self->provider;
}

static void
info_fetched_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(DdSession) self = user_data;
  g_autofree char *info = NULL;
  gint64 expiration = 0;

  info = dd_credentials_info_fetch_finish (result, &expiration, NULL);
  if (info != NULL)
    dd_source_set_credentials_info (self->source, info, expiration);
}

void
dd_session_update_credentials_info (DdSession *self)
{
  g_return_if_fail (DD_IS_SESSION (self));

  if (self->provider == NULL)
    return;
  dd_credentials_info_fetch_async (self->provider, dd_source_get_region (self->source),
                                   dd_source_get_endpoint (self->source), self->tables_cancellable,
                                   info_fetched_cb, g_object_ref (self));
}

/* Tables */

GListModel *
dd_session_get_tables (DdSession *self)
{
  g_return_val_if_fail (DD_IS_SESSION (self), NULL);
  return G_LIST_MODEL (self->tables);
}

GListModel *
dd_session_get_children (DdSession *self)
{
  g_return_val_if_fail (DD_IS_SESSION (self), NULL);
  return G_LIST_MODEL (self->children);
}

void
dd_session_ensure_tables (DdSession *self)
{
  g_return_if_fail (DD_IS_SESSION (self));

  if (!self->tables_requested)
    dd_session_refresh_tables (self);
}

gboolean
dd_session_get_loading (DdSession *self)
{
  g_return_val_if_fail (DD_IS_SESSION (self), FALSE);
  return self->loading;
}

void
dd_session_update_queries (DdSession *self)
{
  g_return_if_fail (DD_IS_SESSION (self));
  rebuild_children (self);
}

static void
tables_done (DdSession    *self,
             const GError *error)
{
  set_loading (self, FALSE);
  g_clear_pointer (&self->tables_error, g_free);
  if (error != NULL)
    self->tables_error = g_strdup (error->message);
  else
    {
      g_ptr_array_add (self->loading_names, NULL);
      gtk_string_list_splice (self->tables, 0, g_list_model_get_n_items (G_LIST_MODEL (self->tables)),
                              (const char * const *) self->loading_names->pdata);
    }
  g_clear_pointer (&self->loading_names, g_ptr_array_unref);
  /* A cancelled MFA question leaves the source disconnected, not failed:
   * nothing asks again until the person does something. */
  if (error != NULL && (dd_mfa_error_is_cancelled (error) || dd_sso_relogin_error_is_cancelled (error)))
    dd_source_set_connected (self->source, FALSE);
  else
    dd_source_set_last_result (self->source, error);
  if (error == NULL)
    dd_session_update_credentials_info (self);
  rebuild_children (self);
}

static void
tables_page_cb (DdPager   *pager,
                DdPage    *page,
                DdSession *self)
{
  guint n = 0;
  const char * const *names = dd_page_get_table_names (page, &n);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->loading_names, g_strdup (names[i]));
}

static void
tables_fetched_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(DdSession) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!dd_pager_fetch_all_finish (DD_PAGER (object), result, &error)
      && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  tables_done (self, error);
}

static void
tables_client_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(DdSession) self = user_data;
  g_autoptr(DdClient) client = NULL;
  g_autoptr(DdPager) pager = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  const DdOperation *op = dd_operation_lookup_action ("ListTables");

  client = dd_session_get_client_finish (self, result, &error);
  if (client != NULL)
    body = dd_request_build (op, "{}", -1, NULL, DD_ATTR_READING_DETECT, &error);
  if (body == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        tables_done (self, error);
      return;
    }
  pager = dd_pager_new (client, op, body);
  g_signal_connect_object (pager, "page", G_CALLBACK (tables_page_cb), self, 0);
  dd_pager_fetch_all_async (pager, self->tables_cancellable, tables_fetched_cb, g_object_ref (self));
}

void
dd_session_refresh_tables (DdSession *self)
{
  g_return_if_fail (DD_IS_SESSION (self));

  g_cancellable_cancel (self->tables_cancellable);
  g_clear_object (&self->tables_cancellable);
  self->tables_cancellable = g_cancellable_new ();
  self->tables_requested = TRUE;
  g_clear_pointer (&self->loading_names, g_ptr_array_unref);
  self->loading_names = g_ptr_array_new_with_free_func (g_free);
  set_loading (self, TRUE);
  rebuild_children (self);
  dd_session_get_client_async (self, self->tables_cancellable, tables_client_cb, g_object_ref (self));
}

/* Key names */

static GStrv
key_names_from_description (GBytes *response)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  const char *order[] = { "HASH", "RANGE" };
  gsize len;
  const char *text = g_bytes_get_data (response, &len);
  JsonObject *table;
  JsonArray *schema;

  if (!json_parser_load_from_data (parser, text, (gssize) len, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser))
      || (table = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "Table")) == NULL
      || (schema = json_object_get_array_member (table, "KeySchema")) == NULL)
    return g_strv_builder_end (names);
  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    for (guint i = 0; i < json_array_get_length (schema); i++)
      {
        JsonObject *key = json_array_get_object_element (schema, i);

        if (key != NULL && g_strcmp0 (json_object_get_string_member_with_default (key, "KeyType", NULL), order[k]) == 0)
          g_strv_builder_add (names, json_object_get_string_member_with_default (key, "AttributeName", ""));
      }
  return g_strv_builder_end (names);
}

static void
described_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DdSession *self = g_task_get_source_object (task);
  g_autoptr(GBytes) response = NULL;
  GError *error = NULL;
  GStrv names;

  response = dd_client_call_finish (DD_CLIENT (object), result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  names = key_names_from_description (response);
  g_hash_table_replace (self->key_names, g_strdup (g_task_get_task_data (task)), g_strdupv (names));
  g_task_return_pointer (task, names, (GDestroyNotify) g_strfreev);
}

static void
describe_client_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(DdClient) client = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) body = NULL;
  char *text;
  GError *error = NULL;

  client = dd_session_get_client_finish (DD_SESSION (object), result, &error);
  if (client == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "TableName");
  json_builder_add_string_value (builder, g_task_get_task_data (task));
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  body = g_bytes_new_take (text, strlen (text));
  dd_client_call_async (client, "DescribeTable", body, g_task_get_cancellable (task), described_cb,
                        g_object_ref (task));
}

void
dd_session_get_key_names_async (DdSession           *self,
                                const char          *table,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GStrv known;

  g_return_if_fail (DD_IS_SESSION (self));
  g_return_if_fail (table != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_session_get_key_names_async);
  g_task_set_task_data (task, g_strdup (table), g_free);
  known = g_hash_table_lookup (self->key_names, table);
  if (known != NULL)
    {
      g_task_return_pointer (task, g_strdupv (known), (GDestroyNotify) g_strfreev);
      return;
    }
  dd_session_get_client_async (self, cancellable, describe_client_cb, g_steal_pointer (&task));
}

GStrv
dd_session_get_key_names_finish (DdSession     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
