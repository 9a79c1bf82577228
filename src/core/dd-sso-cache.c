/* dd-sso-cache.c: the SSO token cache shared with the AWS CLI. */
#define G_LOG_DOMAIN "dd-sso-cache"

#include "config.h"

#include <stdio.h>

#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <glib/gi18n-lib.h>

#include "dd-error.h"
#include "dd-json-member.h"
#include "dd-sso-cache.h"
#include "dd-wipe.h"

/* The token. */

G_DEFINE_BOXED_TYPE (DdSsoToken, dd_sso_token, dd_sso_token_copy, dd_sso_token_free)

DdSsoToken *
dd_sso_token_new (void)
{
  return g_new0 (DdSsoToken, 1);
}

static GDateTime *
ref_time (GDateTime *time)
{
  return time != NULL ? g_date_time_ref (time) : NULL;
}

DdSsoToken *
dd_sso_token_copy (const DdSsoToken *token)
{
  DdSsoToken *copy;

  g_return_val_if_fail (token != NULL, NULL);
  copy = dd_sso_token_new ();
  copy->start_url = g_strdup (token->start_url);
  copy->region = g_strdup (token->region);
  copy->access_token = g_strdup (token->access_token);
  copy->expires_at = ref_time (token->expires_at);
  copy->client_id = g_strdup (token->client_id);
  copy->client_secret = g_strdup (token->client_secret);
  copy->registration_expires_at = ref_time (token->registration_expires_at);
  copy->refresh_token = g_strdup (token->refresh_token);
  copy->extra = g_strdup (token->extra);
  return copy;
}

void
dd_sso_token_free (DdSsoToken *token)
{
  if (token == NULL)
    return;
  g_free (token->start_url);
  g_free (token->region);
  dd_wipe_free (token->access_token);
  g_clear_pointer (&token->expires_at, g_date_time_unref);
  g_free (token->client_id);
  dd_wipe_free (token->client_secret);
  g_clear_pointer (&token->registration_expires_at, g_date_time_unref);
  dd_wipe_free (token->refresh_token);
  dd_wipe_free (token->extra);
  g_free (token);
}

/* "2026-11-24T12:00:00Z"; the AWS CLI once wrote "...UTC" instead of "Z". */
static GDateTime *
parse_time (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *iso = NULL;

  if (text == NULL)
    return NULL;
  if (g_str_has_suffix (text, "UTC"))
    iso = g_strdup_printf ("%.*sZ", (int) strlen (text) - 3, text);
  else
    iso = g_strdup (text);
  return g_date_time_new_from_iso8601 (iso, utc);
}

static char *
format_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static const char *const known_members[] = {
  "startUrl", "region", "accessToken", "expiresAt", "clientId", "clientSecret",
  "registrationExpiresAt", "refreshToken",
};

static char *
extra_members (JsonObject *object)
{
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GList) names = json_object_get_members (object);

  for (GList *l = names; l != NULL; l = l->next)
    if (!g_strv_contains ((const char *const *) known_members, l->data))
      json_object_set_member (extra, l->data, json_node_copy (json_object_get_member (object, l->data)));
  if (json_object_get_size (extra) == 0)
    return NULL;
  json_node_set_object (node, extra);
  return json_to_string (node, FALSE);
}

static gboolean
read_time_member (JsonObject  *object,
                  const char  *name,
                  GDateTime  **out,
                  const char  *what,
                  GError     **error)
{
  const char *text = dd_json_member_string (object, name);

  if (text == NULL)
    return TRUE;
  if ((*out = parse_time (text)) == NULL)
    {
      /* not quoted: the cache file holds tokens */
      g_set_error (error, DD_ERROR, DD_ERROR_CREDENTIALS, _("%s: %s is not an ISO 8601 time"), what, name);
      return FALSE;
    }
  return TRUE;
}

DdSsoToken *
dd_sso_token_parse (const char  *data,
                    gsize        len,
                    const char  *what,
                    GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(DdSsoToken) token = dd_sso_token_new ();
  g_autoptr(GError) local_error = NULL;
  JsonObject *object;

  g_return_val_if_fail (data != NULL, NULL);
  if (!json_parser_load_from_data (parser, data, (gssize) len, &local_error) ||
      json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      guint line = 0, column = 0;

      /* json-glib's message quotes the string it stopped at, which can be
       * the access token: say only where. */
      if (local_error != NULL && sscanf (local_error->message, "<data>:%u:%u:", &line, &column) == 2)
        g_set_error (error, DD_ERROR, DD_ERROR_CREDENTIALS, _("%s is not a JSON object (line %u, column %u)"),
                     what, line, column);
      else
        g_set_error (error, DD_ERROR, DD_ERROR_CREDENTIALS, _("%s is not a JSON object"), what);
      return NULL;
    }
  object = json_node_get_object (json_parser_get_root (parser));
  token->access_token = g_strdup (dd_json_member_string (object, "accessToken"));
  if (token->access_token == NULL || dd_json_member_string (object, "expiresAt") == NULL)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_CREDENTIALS, _("%s has no %s"), what,
                   token->access_token == NULL ? "accessToken" : "expiresAt");
      return NULL;
    }
  if (!read_time_member (object, "expiresAt", &token->expires_at, what, error) ||
      !read_time_member (object, "registrationExpiresAt", &token->registration_expires_at, what, error))
    return NULL;
  token->start_url = g_strdup (dd_json_member_string (object, "startUrl"));
  token->region = g_strdup (dd_json_member_string (object, "region"));
  token->client_id = g_strdup (dd_json_member_string (object, "clientId"));
  token->client_secret = g_strdup (dd_json_member_string (object, "clientSecret"));
  token->refresh_token = g_strdup (dd_json_member_string (object, "refreshToken"));
  token->extra = extra_members (object);
  return g_steal_pointer (&token);
}

static void
add_time (JsonBuilder *builder,
          const char  *name,
          GDateTime   *value)
{
  g_autofree char *text = value != NULL ? format_time (value) : NULL;

  dd_json_member_add_string (builder, name, text);
}

static void
add_extra (JsonBuilder *builder,
           const char  *extra)
{
  g_autoptr(JsonNode) node = extra != NULL ? json_from_string (extra, NULL) : NULL;
  g_autoptr(GList) names = NULL;
  JsonObject *object;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;
  object = json_node_get_object (node);
  names = json_object_get_members (object);
  for (GList *l = names; l != NULL; l = l->next)
    {
      json_builder_set_member_name (builder, l->data);
      json_builder_add_value (builder, json_node_copy (json_object_get_member (object, l->data)));
    }
}

char *
dd_sso_token_to_json (const DdSsoToken *token)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (token != NULL, NULL);
  json_builder_begin_object (builder);
  dd_json_member_add_string (builder, "startUrl", token->start_url);
  dd_json_member_add_string (builder, "region", token->region);
  dd_json_member_add_string (builder, "accessToken", token->access_token);
  add_time (builder, "expiresAt", token->expires_at);
  dd_json_member_add_string (builder, "clientId", token->client_id);
  dd_json_member_add_string (builder, "clientSecret", token->client_secret);
  add_time (builder, "registrationExpiresAt", token->registration_expires_at);
  dd_json_member_add_string (builder, "refreshToken", token->refresh_token);
  add_extra (builder, token->extra);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

gboolean
dd_sso_token_expires_within (const DdSsoToken *token,
                             GDateTime        *now,
                             gint64            margin_seconds)
{
  g_return_val_if_fail (token != NULL && now != NULL, TRUE);
  if (token->expires_at == NULL)
    return TRUE;
  return g_date_time_difference (token->expires_at, now) <= margin_seconds * G_TIME_SPAN_SECOND;
}

gboolean
dd_sso_token_can_refresh (const DdSsoToken *token,
                          GDateTime        *now)
{
  g_return_val_if_fail (token != NULL && now != NULL, FALSE);
  if (token->refresh_token == NULL || token->client_id == NULL || token->client_secret == NULL)
    return FALSE;
  return token->registration_expires_at == NULL ||
         g_date_time_compare (token->registration_expires_at, now) > 0;
}

/* The cache. */

struct _DdSsoCache
{
  GObject  parent_instance;
  char    *directory;
};

G_DEFINE_FINAL_TYPE (DdSsoCache, dd_sso_cache, G_TYPE_OBJECT)

static void
dd_sso_cache_finalize (GObject *object)
{
  DdSsoCache *self = DD_SSO_CACHE (object);

  g_free (self->directory);
  G_OBJECT_CLASS (dd_sso_cache_parent_class)->finalize (object);
}

static void
dd_sso_cache_class_init (DdSsoCacheClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_sso_cache_finalize;
}

static void
dd_sso_cache_init (DdSsoCache *self)
{
}

DdSsoCache *
dd_sso_cache_new (const char *directory)
{
  DdSsoCache *self = g_object_new (DD_TYPE_SSO_CACHE, NULL);

  if (directory != NULL)
    self->directory = g_strdup (directory);
  else
    {
      const char *home = g_getenv ("HOME");

      self->directory = g_build_filename (home != NULL && *home ? home : g_get_home_dir (),
                                          ".aws", "sso", "cache", NULL);
    }
  return self;
}

const char *
dd_sso_cache_get_directory (DdSsoCache *self)
{
  g_return_val_if_fail (DD_IS_SSO_CACHE (self), NULL);
  return self->directory;
}

char *
dd_sso_cache_file_name (const char *key)
{
  g_autofree char *hex = NULL;

  g_return_val_if_fail (key != NULL, NULL);
  hex = g_compute_checksum_for_string (G_CHECKSUM_SHA1, key, -1);
  return g_strconcat (hex, ".json", NULL);
}

char *
dd_sso_cache_get_path (DdSsoCache *self,
                       const char *key)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (DD_IS_SSO_CACHE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);
  name = dd_sso_cache_file_name (key);
  return g_build_filename (self->directory, name, NULL);
}

DdSsoToken *
dd_sso_cache_load (DdSsoCache  *self,
                   const char  *key,
                   GError     **error)
{
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  g_autofree char *what = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len = 0;
  DdSsoToken *token;

  g_return_val_if_fail (DD_IS_SSO_CACHE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);
  path = dd_sso_cache_get_path (self, key);
  if (!g_file_get_contents (path, &data, &len, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error (error, DD_ERROR, DD_ERROR_CREDENTIALS,
                     _("not signed in to %s: no token in %s (sign in with \"sso login\")"), key, path);
      else
        g_set_error (error, DD_ERROR, DD_ERROR_CREDENTIALS, _("could not read the SSO token: %s"),
                     local_error->message);
      return NULL;
    }
  what = g_strdup_printf (_("the SSO token %s"), path);
  token = dd_sso_token_parse (data, len, what, error);
  explicit_bzero (data, len);
  return token;
}

gboolean
dd_sso_cache_save (DdSsoCache        *self,
                   const char        *key,
                   const DdSsoToken  *token,
                   GError           **error)
{
  g_autofree char *path = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (DD_IS_SSO_CACHE (self), FALSE);
  g_return_val_if_fail (key != NULL && token != NULL, FALSE);
  if (g_mkdir_with_parents (self->directory, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, DD_ERROR, DD_ERROR_FAILED, _("could not create %s: %s"), self->directory,
                   g_strerror (saved));
      return FALSE;
    }
  path = dd_sso_cache_get_path (self, key);
  json = dd_sso_token_to_json (token);
  ok = g_file_set_contents_full (path, json, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local_error);
  explicit_bzero (json, strlen (json));
  if (!ok)
    g_set_error (error, DD_ERROR, DD_ERROR_FAILED, _("could not write the SSO token: %s"), local_error->message);
  return ok;
}

/* Worker threads. */

typedef struct
{
  char       *key;
  DdSsoToken *token;
} Job;

static void
job_free (Job *job)
{
  g_free (job->key);
  g_clear_pointer (&job->token, dd_sso_token_free);
  g_free (job);
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  Job *job = data;
  GError *error = NULL;
  DdSsoToken *token = dd_sso_cache_load (source, job->key, &error);

  if (token == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, token, (GDestroyNotify) dd_sso_token_free);
}

static void
save_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  Job *job = data;
  GError *error = NULL;

  if (dd_sso_cache_save (source, job->key, job->token, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
run_job (DdSsoCache          *self,
         const char          *key,
         const DdSsoToken    *token,
         GTaskThreadFunc      func,
         gpointer             source_tag,
         GCancellable        *cancellable,
         GAsyncReadyCallback  callback,
         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  job->key = g_strdup (key);
  job->token = token != NULL ? dd_sso_token_copy (token) : NULL;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, func);
}

void
dd_sso_cache_load_async (DdSsoCache          *self,
                         const char          *key,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (DD_IS_SSO_CACHE (self));
  g_return_if_fail (key != NULL);
  run_job (self, key, NULL, load_thread, dd_sso_cache_load_async, cancellable, callback, user_data);
}

DdSsoToken *
dd_sso_cache_load_finish (DdSsoCache    *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
dd_sso_cache_save_async (DdSsoCache          *self,
                         const char          *key,
                         const DdSsoToken    *token,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (DD_IS_SSO_CACHE (self));
  g_return_if_fail (key != NULL && token != NULL);
  run_job (self, key, token, save_thread, dd_sso_cache_save_async, cancellable, callback, user_data);
}

gboolean
dd_sso_cache_save_finish (DdSsoCache    *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
