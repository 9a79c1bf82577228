/* dd-provider-imds.c: the EC2 instance profile, through IMDSv2. */
#define G_LOG_DOMAIN "dd-provider-imds"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-error.h"
#include "dd-provider-imds.h"
#include "dd-provider-util.h"
#include "dd-wipe.h"

#define IMDS_IPV4 "http://169.254.169.254"
#define IMDS_IPV6 "http://[fd00:ec2::254]"
#define TOKEN_PATH "/latest/api/token"
#define ROLES_PATH "/latest/meta-data/iam/security-credentials/"
#define ATTEMPTS 2

struct _DdProviderImds
{
  GObject      parent_instance;
  char        *endpoint;
  guint        timeout_ms;
  SoupSession *session;
};

static void provider_iface_init (DdCredentialsProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DdProviderImds, dd_provider_imds, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (DD_TYPE_CREDENTIALS_PROVIDER, provider_iface_init))

static const char *
getenv_nonempty (const char *name)
{
  const char *value = g_getenv (name);

  return value != NULL && *value ? value : NULL;
}

static char *
checked_endpoint (const char  *endpoint,
                  GError     **error)
{
  g_autoptr(GUri) uri = g_uri_parse (endpoint, G_URI_FLAGS_NONE, NULL);
  gsize len = strlen (endpoint);

  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT,
                   _("the instance metadata endpoint is not a valid URL: %s"), endpoint);
      return NULL;
    }
  while (len > 0 && endpoint[len - 1] == '/')
    len--;
  return g_strndup (endpoint, len);
}

static const char *
profile_value (DdProfileFile *config,
               const char    *profile,
               const char    *key)
{
  if (config == NULL)
    return NULL;
  return dd_profile_file_get (config, profile ? profile : dd_profile_file_selected_profile_name (), key);
}

char *
dd_provider_imds_resolve_endpoint (const char     *endpoint_override,
                                   const char     *mode_override,
                                   DdProfileFile  *config,
                                   const char     *profile,
                                   GError        **error)
{
  const char *endpoint = endpoint_override;
  const char *mode = mode_override;

  if (endpoint == NULL)
    endpoint = getenv_nonempty ("AWS_EC2_METADATA_SERVICE_ENDPOINT");
  if (endpoint == NULL)
    endpoint = profile_value (config, profile, "ec2_metadata_service_endpoint");
  if (endpoint != NULL)
    return checked_endpoint (endpoint, error);

  if (mode == NULL)
    mode = getenv_nonempty ("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE");
  if (mode == NULL)
    mode = profile_value (config, profile, "ec2_metadata_service_endpoint_mode");
  if (mode == NULL || g_ascii_strcasecmp (mode, "IPv4") == 0)
    return g_strdup (IMDS_IPV4);
  if (g_ascii_strcasecmp (mode, "IPv6") == 0)
    return g_strdup (IMDS_IPV6);
  g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT,
               _("`%s` is not a valid endpoint mode for the instance metadata service (IPv4 or IPv6)"), mode);
  return NULL;
}

typedef struct
{
  char *base;
  char *token;
  char *role;
} Lookup;

static void
lookup_free (Lookup *lookup)
{
  g_free (lookup->base);
  dd_wipe_free (lookup->token);
  g_free (lookup->role);
  g_free (lookup);
}

static void
fetch (GTask               *task,
       const char          *method,
       const char          *path,
       GAsyncReadyCallback  callback)
{
  DdProviderImds *self = g_task_get_source_object (task);
  Lookup *lookup = g_task_get_task_data (task);
  g_autofree char *url = g_strconcat (lookup->base, path, NULL);
  const char *token_headers[] = { "X-aws-ec2-metadata-token", lookup->token, NULL };
  const char *ttl_headers[] = { "X-aws-ec2-metadata-token-ttl-seconds", "21600", NULL };

  dd_provider_util_fetch_async (self->session, method, url,
                                lookup->token != NULL ? token_headers : ttl_headers,
                                self->timeout_ms, ATTEMPTS, g_task_get_cancellable (task),
                                callback, task);
}

/* Common handling of an answer: TRUE with the body when it is a 200. */
static GBytes *
take_answer (GTask        *task,
             GAsyncResult *result,
             const char   *what)
{
  Lookup *lookup = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  guint status = 0;
  g_autoptr(GBytes) body = dd_provider_util_fetch_finish (result, &status, &error);

  if (g_task_return_error_if_cancelled (task))
    return NULL;
  if (body == NULL && (g_error_matches (error, DD_ERROR, DD_ERROR_TIMEOUT) ||
                       g_error_matches (error, DD_ERROR, DD_ERROR_NETWORK)))
    g_task_return_new_error (task, DD_ERROR, error->code,
                             _("no instance metadata service reachable at %s (%s)"), lookup->base, error->message);
  else if (body == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (status == 404 && lookup->token != NULL)
    g_task_return_new_error (task, DD_ERROR, DD_ERROR_CREDENTIALS,
                             _("the instance metadata service at %s knows no IAM role for this instance"),
                             lookup->base);
  else if (status != 200)
    g_task_return_new_error (task, DD_ERROR, DD_ERROR_CREDENTIALS,
                             _("the instance metadata service at %s refused %s (HTTP %u)"),
                             lookup->base, what, status);
  else
    return g_steal_pointer (&body);
  return NULL;
}

static void
role_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GBytes) body = take_answer (task, result, _("the role's credentials"));
  GError *error = NULL;
  DdCredentials *credentials;
  gsize len = 0;
  const char *data;

  if (body == NULL)
    return;
  data = g_bytes_get_data (body, &len);
  credentials = dd_provider_util_parse_credentials (data, len, "Token", "imds",
                                                    _("the instance metadata service's credentials"), &error);
  dd_provider_util_return_credentials (task, credentials, error);
}

static void
roles_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Lookup *lookup = g_task_get_task_data (task);
  g_autoptr(GBytes) body = take_answer (task, result, _("the list of roles"));
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;

  if (body == NULL)
    return;
  text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  text[strcspn (text, "\r\n")] = '\0';
  g_strstrip (text);
  if (*text == '\0' || strchr (text, '/') != NULL)
    {
      g_task_return_new_error (task, DD_ERROR, DD_ERROR_CREDENTIALS,
                               _("the instance metadata service at %s lists no IAM role"), lookup->base);
      return;
    }
  lookup->role = g_steal_pointer (&text);
  path = g_strconcat (ROLES_PATH, lookup->role, NULL);
  fetch (g_steal_pointer (&task), "GET", path, role_cb);
}

static void
token_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Lookup *lookup = g_task_get_task_data (task);
  g_autoptr(GBytes) body = take_answer (task, result, _("a session token"));

  if (body == NULL)
    return;
  lookup->token = g_strstrip (g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body)));
  if (*lookup->token == '\0' || strpbrk (lookup->token, "\r\n") != NULL)
    {
      g_task_return_new_error (task, DD_ERROR, DD_ERROR_CREDENTIALS,
                               _("the instance metadata service at %s gave an unusable token"), lookup->base);
      return;
    }
  fetch (g_steal_pointer (&task), "GET", ROLES_PATH, roles_cb);
}

static gboolean
imds_disabled (void)
{
  const char *disabled = g_getenv ("AWS_EC2_METADATA_DISABLED");

  return disabled != NULL && g_ascii_strcasecmp (disabled, "true") == 0;
}

static void
get_credentials_async (DdCredentialsProvider *provider,
                       GCancellable          *cancellable,
                       GAsyncReadyCallback    callback,
                       gpointer               user_data)
{
  DdProviderImds *self = DD_PROVIDER_IMDS (provider);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Lookup *lookup = g_new0 (Lookup, 1);
  GError *error = NULL;

  g_task_set_source_tag (task, get_credentials_async);
  g_task_set_task_data (task, lookup, (GDestroyNotify) lookup_free);
  if (imds_disabled ())
    {
      g_task_return_new_error (task, DD_ERROR, DD_ERROR_CREDENTIALS,
                               _("the instance metadata service is disabled (AWS_EC2_METADATA_DISABLED)"));
      return;
    }
  lookup->base = dd_provider_imds_resolve_endpoint (self->endpoint, NULL, NULL, NULL, &error);
  if (lookup->base == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  fetch (g_steal_pointer (&task), "PUT", TOKEN_PATH, token_cb);
}

static void
provider_iface_init (DdCredentialsProviderInterface *iface)
{
  iface->get_credentials_async = get_credentials_async;
  iface->get_credentials_finish = dd_provider_util_credentials_finish;
}

static void
dd_provider_imds_finalize (GObject *object)
{
  DdProviderImds *self = DD_PROVIDER_IMDS (object);

  g_free (self->endpoint);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (dd_provider_imds_parent_class)->finalize (object);
}

static void
dd_provider_imds_class_init (DdProviderImdsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_provider_imds_finalize;
}

static void
dd_provider_imds_init (DdProviderImds *self)
{
  self->timeout_ms = 1000;
  self->session = dd_provider_util_session_new (1);
}

DdCredentialsProvider *
dd_provider_imds_new (void)
{
  return g_object_new (DD_TYPE_PROVIDER_IMDS, NULL);
}

void
dd_provider_imds_set_endpoint (DdProviderImds *self,
                               const char     *endpoint)
{
  g_return_if_fail (DD_IS_PROVIDER_IMDS (self));
  g_free (self->endpoint);
  self->endpoint = g_strdup (endpoint);
}

void
dd_provider_imds_set_timeout (DdProviderImds *self,
                              guint           timeout_ms)
{
  g_return_if_fail (DD_IS_PROVIDER_IMDS (self));
  self->timeout_ms = MAX (timeout_ms, 1);
}
