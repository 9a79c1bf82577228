/* dd-namespace-probe.c: finding tables on DynamoDB Local. */
#define G_LOG_DOMAIN "dd-namespace-probe"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "dd-client.h"
#include "dd-error.h"
#include "dd-namespace-probe.h"
#include "dd-provider-static.h"

#define MAX_NAMES 5
#define DUMMY_SECRET "dummy"

static const char *const extra_regions[] = { "us-east-1", "local" };
static const char *const extra_keys[] = { "fakeMyKeyId", "local", "dummy", "AKIAIOSFODNN7EXAMPLE" };

void
dd_namespace_hit_free (DdNamespaceHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->region);
  g_free (hit->access_key_id);
  g_strfreev (hit->first_names);
  g_free (hit);
}

gboolean
dd_namespace_probe_is_local_endpoint (const char *endpoint)
{
  g_autoptr(GUri) uri = endpoint != NULL ? g_uri_parse (endpoint, G_URI_FLAGS_NONE, NULL) : NULL;
  g_autoptr(GInetAddress) address = NULL;
  const char *host;

  if (uri == NULL || (host = g_uri_get_host (uri)) == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0 || g_str_has_suffix (host, ".localhost"))
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && (g_inet_address_get_is_loopback (address) || g_inet_address_get_is_any (address));
}

char *
dd_namespace_probe_empty_hint (const char *endpoint,
                               const char *access_key_id,
                               const char *region)
{
  if (!dd_namespace_probe_is_local_endpoint (endpoint))
    return NULL;
  /* Translators: the access key id, then the region; keep -sharedDb as it is (an option). */
  return g_strdup_printf (_("No tables for access key id “%s” in region “%s”. DynamoDB Local keeps separate "
                            "tables for each access key id and region unless it was started with -sharedDb, so "
                            "tables created with another key id or region do not show here. Look for tables "
                            "under the usual key ids and regions, or restart DynamoDB Local with -sharedDb."),
                          access_key_id != NULL ? access_key_id : "", region != NULL ? region : "");
}

struct _DdNamespaceProbe
{
  GObject    parent_instance;
  char      *endpoint;
  char      *region;
  char      *access_key_id;
  GStrv      regions;
  GStrv      keys;
  guint      max_concurrent;
  guint      timeout;
};

G_DEFINE_FINAL_TYPE (DdNamespaceProbe, dd_namespace_probe, G_TYPE_OBJECT)

static void
dd_namespace_probe_finalize (GObject *object)
{
  DdNamespaceProbe *self = DD_NAMESPACE_PROBE (object);

  g_free (self->endpoint);
  g_free (self->region);
  g_free (self->access_key_id);
  g_strfreev (self->regions);
  g_strfreev (self->keys);
  G_OBJECT_CLASS (dd_namespace_probe_parent_class)->finalize (object);
}

static void
dd_namespace_probe_class_init (DdNamespaceProbeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_namespace_probe_finalize;
}

static void
dd_namespace_probe_init (DdNamespaceProbe *self)
{
  self->max_concurrent = 4;
  self->timeout = 5;
}

static GStrv
distinct (const char        *own,
          const char *const *extra,
          guint              n_extra)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new ();

  if (own != NULL && *own)
    g_ptr_array_add (values, (gpointer) own);
  for (guint i = 0; i < n_extra; i++)
    if (!g_ptr_array_find_with_equal_func (values, extra[i], g_str_equal, NULL))
      g_ptr_array_add (values, (gpointer) extra[i]);
  g_ptr_array_add (values, NULL);
  return g_strdupv ((char **) values->pdata);
}

DdNamespaceProbe *
dd_namespace_probe_new (const char *endpoint,
                        const char *region,
                        const char *access_key_id)
{
  DdNamespaceProbe *self;

  g_return_val_if_fail (endpoint != NULL, NULL);
  self = g_object_new (DD_TYPE_NAMESPACE_PROBE, NULL);
  self->endpoint = g_strdup (endpoint);
  self->region = g_strdup (region);
  self->access_key_id = g_strdup (access_key_id);
  self->regions = distinct (region, extra_regions, G_N_ELEMENTS (extra_regions));
  self->keys = distinct (access_key_id, extra_keys, G_N_ELEMENTS (extra_keys));
  return self;
}

const char *const *
dd_namespace_probe_get_regions (DdNamespaceProbe *self)
{
  g_return_val_if_fail (DD_IS_NAMESPACE_PROBE (self), NULL);
  return (const char *const *) self->regions;
}

const char *const *
dd_namespace_probe_get_access_key_ids (DdNamespaceProbe *self)
{
  g_return_val_if_fail (DD_IS_NAMESPACE_PROBE (self), NULL);
  return (const char *const *) self->keys;
}

void
dd_namespace_probe_set_max_concurrent (DdNamespaceProbe *self,
                                       guint             max_concurrent)
{
  g_return_if_fail (DD_IS_NAMESPACE_PROBE (self));
  self->max_concurrent = MAX (max_concurrent, 1);
}

void
dd_namespace_probe_set_timeout (DdNamespaceProbe *self,
                                guint             seconds)
{
  g_return_if_fail (DD_IS_NAMESPACE_PROBE (self));
  self->timeout = MAX (seconds, 1);
}

/* A run. */

typedef struct
{
  guint            n;            /* combinations */
  guint            next;
  guint            running;
  DdNamespaceHit **hits;         /* per combination, NULL: no tables or failed */
  GError          *first_error;
  guint            failures;
} Run;

static void
run_free (Run *run)
{
  for (guint i = 0; i < run->n; i++)
    dd_namespace_hit_free (run->hits[i]);
  g_free (run->hits);
  g_clear_error (&run->first_error);
  g_free (run);
}

typedef struct
{
  GTask    *task;
  DdClient *client;
  guint     index;
} Probe;

static DdNamespaceHit *
parse_tables (GBytes   *body,
              GError  **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize len = 0;
  const char *data = g_bytes_get_data (body, &len);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  DdNamespaceHit *hit;
  JsonObject *object;
  JsonArray *tables;

  if (!json_parser_load_from_data (parser, data, (gssize) len, error))
    return NULL;
  if (json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)) ||
      !json_object_has_member ((object = json_node_get_object (json_parser_get_root (parser))), "TableNames"))
    {
      g_set_error_literal (error, DD_ERROR, DD_ERROR_PROTOCOL, _("ListTables answered without TableNames"));
      return NULL;
    }
  tables = json_object_get_array_member (object, "TableNames");
  hit = g_new0 (DdNamespaceHit, 1);
  hit->table_count = json_array_get_length (tables);
  hit->more = json_object_has_member (object, "LastEvaluatedTableName");
  for (guint i = 0; i < MIN (hit->table_count, MAX_NAMES); i++)
    g_strv_builder_add (names, json_array_get_string_element (tables, i));
  hit->first_names = g_strv_builder_end (names);
  return hit;
}

static void start_next (GTask *task);

static void
finish_run (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_namespace_hit_free);

  if (g_task_return_error_if_cancelled (task))
    return;
  if (run->failures == run->n && run->first_error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&run->first_error));
      return;
    }
  for (guint i = 0; i < run->n; i++)
    if (run->hits[i] != NULL)
      g_ptr_array_add (hits, g_steal_pointer (&run->hits[i]));
  g_task_return_pointer (task, g_steal_pointer (&hits), (GDestroyNotify) g_ptr_array_unref);
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Probe *probe = user_data;
  g_autoptr(GTask) task = probe->task;
  DdNamespaceProbe *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GBytes) body = dd_client_call_finish (DD_CLIENT (source), result, &error);
  DdNamespaceHit *hit = body != NULL ? parse_tables (body, &error) : NULL;
  guint n_keys = g_strv_length (self->keys);

  run->running--;
  if (hit == NULL)
    {
      run->failures++;
      if (run->first_error == NULL)
        run->first_error = error;
      else
        g_error_free (error);
    }
  else if (hit->table_count > 0)
    {
      hit->region = g_strdup (self->regions[probe->index / n_keys]);
      hit->access_key_id = g_strdup (self->keys[probe->index % n_keys]);
      hit->current = g_strcmp0 (hit->region, self->region) == 0 &&
                     g_strcmp0 (hit->access_key_id, self->access_key_id) == 0;
      run->hits[probe->index] = hit;
    }
  else
    dd_namespace_hit_free (hit);
  g_object_unref (probe->client);
  g_free (probe);
  if (run->next < run->n && !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    start_next (task);
  else if (run->running == 0)
    finish_run (task);
}

static void
start_next (GTask *task)
{
  DdNamespaceProbe *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  guint n_keys = g_strv_length (self->keys);
  Probe *probe = g_new0 (Probe, 1);
  g_autoptr(DdCredentials) credentials = NULL;
  g_autoptr(DdCredentialsProvider) provider = NULL;
  g_autoptr(GBytes) body = g_bytes_new_static ("{\"Limit\":100}", 13);

  probe->index = run->next++;
  credentials = dd_credentials_new (self->keys[probe->index % n_keys], DUMMY_SECRET, NULL, NULL, "namespace-probe");
  provider = dd_provider_static_new (credentials);
  probe->client = dd_client_new (self->regions[probe->index / n_keys], self->endpoint, provider);
  dd_client_set_max_attempts (probe->client, 1);
  dd_client_set_timeout (probe->client, self->timeout);
  probe->task = g_object_ref (task);
  run->running++;
  dd_client_call_async (probe->client, "ListTables", body, g_task_get_cancellable (task), listed_cb, probe);
}

void
dd_namespace_probe_run_async (DdNamespaceProbe    *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Run *run;

  g_return_if_fail (DD_IS_NAMESPACE_PROBE (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_namespace_probe_run_async);
  run = g_new0 (Run, 1);
  run->n = g_strv_length (self->regions) * g_strv_length (self->keys);
  run->hits = g_new0 (DdNamespaceHit *, run->n);
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);
  while (run->next < run->n && run->running < self->max_concurrent)
    start_next (task);
}

GPtrArray *
dd_namespace_probe_run_finish (DdNamespaceProbe  *self,
                               GAsyncResult      *result,
                               GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
