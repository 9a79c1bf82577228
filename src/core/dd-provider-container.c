/* dd-provider-container.c: the ECS task role / EKS pod identity endpoint. */
#define G_LOG_DOMAIN "dd-provider-container"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <glib/gi18n-lib.h>

#include "dd-error.h"
#include "dd-json-member.h"
#include "dd-provider-container.h"
#include "dd-provider-util.h"
#include "dd-wipe.h"

#define ECS_HOST "http://169.254.170.2"

struct _DdProviderContainer
{
  GObject      parent_instance;
  guint        timeout_ms;
  SoupSession *session;
};

static void provider_iface_init (DdCredentialsProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DdProviderContainer, dd_provider_container, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (DD_TYPE_CREDENTIALS_PROVIDER, provider_iface_init))

static const char *
getenv_nonempty (const char *name)
{
  const char *value = g_getenv (name);

  return value != NULL && *value ? value : NULL;
}

static gboolean
host_is_allowed_for_http (const char *host)
{
  static const char *const container_hosts[] = { "169.254.170.2", "169.254.170.23", "fd00:ec2::23" };
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  if (address == NULL)
    return FALSE;
  if (g_inet_address_get_is_loopback (address))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (container_hosts); i++)
    {
      g_autoptr(GInetAddress) allowed = g_inet_address_new_from_string (container_hosts[i]);

      if (g_inet_address_equal (address, allowed))
        return TRUE;
    }
  return FALSE;
}

static char *
check_full_uri (const char  *full,
                GError     **error)
{
  g_autoptr(GUri) uri = g_uri_parse (full, G_URI_FLAGS_NONE, NULL);
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;
  const char *scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;

  if (host == NULL || *host == '\0')
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT,
                   _("AWS_CONTAINER_CREDENTIALS_FULL_URI did not specify a host: %s"), full);
      return NULL;
    }
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return g_strdup (full);
  if (g_ascii_strcasecmp (scheme, "http") == 0 && host_is_allowed_for_http (host))
    return g_strdup (full);
  g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT,
               _("AWS_CONTAINER_CREDENTIALS_FULL_URI may use plain http only to a loopback or "
               "ECS/EKS container host, not %s"), host);
  return NULL;
}

char *
dd_provider_container_resolve_uri (GError **error)
{
  const char *relative = getenv_nonempty ("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
  const char *full = getenv_nonempty ("AWS_CONTAINER_CREDENTIALS_FULL_URI");

  if (relative != NULL)
    return g_strconcat (ECS_HOST, relative[0] == '/' ? "" : "/", relative, NULL);
  if (full != NULL)
    return check_full_uri (full, error);
  g_set_error_literal (error, DD_ERROR, DD_ERROR_CREDENTIALS,
                       _("no container credentials endpoint is configured "
                       "(AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or AWS_CONTAINER_CREDENTIALS_FULL_URI)"));
  return NULL;
}

typedef struct
{
  char *url;
  char *token;
} Lookup;

static void
lookup_free (Lookup *lookup)
{
  g_free (lookup->url);
  dd_wipe_free (lookup->token);
  g_free (lookup);
}

/* The endpoint's error document: {"code": ..., "message": ...}. */
static char *
describe_error_body (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL) ||
      json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return g_strdup ("");
  object = json_node_get_object (json_parser_get_root (parser));
  return g_strdup_printf (": %s: %s",
                          dd_json_member_string_or (object, "code", "error"),
                          dd_json_member_string_or (object, "message", ""));
}

static void
fetched_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Lookup *lookup = g_task_get_task_data (task);
  GError *error = NULL;
  guint status = 0;
  g_autoptr(GBytes) body = dd_provider_util_fetch_finish (result, &status, &error);
  DdCredentials *credentials;

  if (body == NULL)
    {
      g_prefix_error (&error, _("container credentials endpoint: "));
      g_task_return_error (task, error);
      return;
    }
  if (status != 200)
    {
      g_autofree char *said = describe_error_body (body);

      g_task_return_new_error (task, DD_ERROR, DD_ERROR_CREDENTIALS,
                               _("the container credentials endpoint %s answered HTTP %u%s"),
                               lookup->url, status, said);
      return;
    }
  credentials = dd_provider_util_parse_credentials (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                                    "Token", "container",
                                                    _("the container endpoint's credentials"), &error);
  dd_provider_util_return_credentials (task, credentials, error);
}

static void
fetch (GTask *task)
{
  DdProviderContainer *self = g_task_get_source_object (task);
  Lookup *lookup = g_task_get_task_data (task);
  const char *headers[] = { "Authorization", lookup->token, NULL };

  if (lookup->token != NULL && strpbrk (lookup->token, "\r\n") != NULL)
    {
      g_task_return_new_error (task, DD_ERROR, DD_ERROR_CREDENTIALS,
                               _("the container authorization token contains a line break; it was not sent"));
      g_object_unref (task);
      return;
    }
  dd_provider_util_fetch_async (self->session, "GET", lookup->url,
                                lookup->token != NULL ? headers : NULL,
                                self->timeout_ms, 2, g_task_get_cancellable (task),
                                fetched_cb, task);
}

static void
token_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Lookup *lookup = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &len, NULL, &error))
    {
      g_autofree char *path = g_file_get_path (G_FILE (source));

      if (!g_task_return_error_if_cancelled (task))
        g_task_return_new_error (task, DD_ERROR, DD_ERROR_CREDENTIALS,
                                 _("could not read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE %s: %s"),
                                 path, error->message);
      return;
    }
  /* One final line break, as an editor or echo leaves it, is not part of the token. */
  if (len > 0 && contents[len - 1] == '\n')
    contents[--len] = '\0';
  if (len > 0 && contents[len - 1] == '\r')
    contents[--len] = '\0';
  lookup->token = contents;
  fetch (g_steal_pointer (&task));
}

static void
get_credentials_async (DdCredentialsProvider *provider,
                       GCancellable          *cancellable,
                       GAsyncReadyCallback    callback,
                       gpointer               user_data)
{
  DdProviderContainer *self = DD_PROVIDER_CONTAINER (provider);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Lookup *lookup = g_new0 (Lookup, 1);
  const char *token_file = getenv_nonempty ("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
  GError *error = NULL;

  g_task_set_source_tag (task, get_credentials_async);
  g_task_set_task_data (task, lookup, (GDestroyNotify) lookup_free);
  lookup->url = dd_provider_container_resolve_uri (&error);
  if (lookup->url == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (token_file != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (token_file);

      g_file_load_contents_async (file, cancellable, token_loaded_cb, g_steal_pointer (&task));
      return;
    }
  lookup->token = g_strdup (getenv_nonempty ("AWS_CONTAINER_AUTHORIZATION_TOKEN"));
  fetch (g_steal_pointer (&task));
}

static void
provider_iface_init (DdCredentialsProviderInterface *iface)
{
  iface->get_credentials_async = get_credentials_async;
  iface->get_credentials_finish = dd_provider_util_credentials_finish;
}

static void
dd_provider_container_finalize (GObject *object)
{
  DdProviderContainer *self = DD_PROVIDER_CONTAINER (object);

  g_clear_object (&self->session);
  G_OBJECT_CLASS (dd_provider_container_parent_class)->finalize (object);
}

static void
dd_provider_container_class_init (DdProviderContainerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_provider_container_finalize;
}

static void
dd_provider_container_init (DdProviderContainer *self)
{
  self->timeout_ms = 2000;
  self->session = dd_provider_util_session_new (2);
}

DdCredentialsProvider *
dd_provider_container_new (void)
{
  return g_object_new (DD_TYPE_PROVIDER_CONTAINER, NULL);
}

void
dd_provider_container_set_timeout (DdProviderContainer *self,
                                   guint                timeout_ms)
{
  g_return_if_fail (DD_IS_PROVIDER_CONTAINER (self));
  self->timeout_ms = MAX (timeout_ms, 1);
}
