/* dd-provider-web-identity.c: a role assumed with a web identity token. */
#define G_LOG_DOMAIN "dd-provider-web-identity"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-error.h"
#include "dd-provider-util.h"
#include "dd-provider-web-identity.h"
#include "dd-sts.h"

struct _DdProviderWebIdentity
{
  GObject   parent_instance;
  gboolean  from_environment;
  char     *role_arn;
  char     *token_file;
  char     *session_name;
  char     *region;
  char     *sts_endpoint;
  char     *provider;
};

static void provider_iface_init (DdCredentialsProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DdProviderWebIdentity, dd_provider_web_identity, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (DD_TYPE_CREDENTIALS_PROVIDER, provider_iface_init))

typedef struct
{
  char  *role_arn;
  char  *session_name;
  DdSts *sts;
} Request;

static void
request_free (Request *request)
{
  g_free (request->role_arn);
  g_free (request->session_name);
  g_clear_object (&request->sts);
  g_free (request);
}

char *
dd_provider_default_session_name (void)
{
  return g_strdup_printf ("dynamo-desk-%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC);
}

static const char *
getenv_nonempty (const char *name)
{
  const char *value = g_getenv (name);

  return value != NULL && *value ? value : NULL;
}

static void
assumed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  DdCredentials *credentials = dd_sts_assume_role_with_web_identity_finish (DD_STS (source), result, &error);

  dd_provider_util_return_credentials (task, credentials, error);
}

static void
token_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DdProviderWebIdentity *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  GCancellable *cancellable;
  gsize len = 0;

  if (!g_file_load_contents_finish (G_FILE (source), result, &token, &len, NULL, &error))
    {
      g_autofree char *path = g_file_get_path (G_FILE (source));

      if (!g_task_return_error_if_cancelled (task))
        g_task_return_new_error (task, DD_ERROR, DD_ERROR_CREDENTIALS,
                                 _("could not read the web identity token file %s: %s"), path, error->message);
      return;
    }
  g_strstrip (token);
  if (*token == '\0')
    {
      g_task_return_new_error (task, DD_ERROR, DD_ERROR_CREDENTIALS, _("the web identity token file is empty"));
      return;
    }
  cancellable = g_task_get_cancellable (task);
  dd_sts_assume_role_with_web_identity_async (request->sts, request->role_arn, request->session_name, token,
                                              self->provider, cancellable,
                                              assumed_cb, g_steal_pointer (&task));
  explicit_bzero (token, strlen (token));
}

static void
get_credentials_async (DdCredentialsProvider *provider,
                       GCancellable          *cancellable,
                       GAsyncReadyCallback    callback,
                       gpointer               user_data)
{
  DdProviderWebIdentity *self = DD_PROVIDER_WEB_IDENTITY (provider);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Request *request = g_new0 (Request, 1);
  const char *token_file = self->token_file;
  const char *session_name = self->session_name;
  g_autoptr(GFile) file = NULL;

  g_task_set_source_tag (task, get_credentials_async);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  request->role_arn = g_strdup (self->role_arn);
  if (self->from_environment)
    {
      token_file = getenv_nonempty ("AWS_WEB_IDENTITY_TOKEN_FILE");
      session_name = getenv_nonempty ("AWS_ROLE_SESSION_NAME");
      g_free (request->role_arn);
      request->role_arn = g_strdup (getenv_nonempty ("AWS_ROLE_ARN"));
    }
  if (token_file == NULL || request->role_arn == NULL)
    {
      g_task_return_new_error (task, DD_ERROR, DD_ERROR_CREDENTIALS,
                               token_file == NULL ? _("AWS_WEB_IDENTITY_TOKEN_FILE is not set")
                                                  : _("AWS_ROLE_ARN is not set (AWS_WEB_IDENTITY_TOKEN_FILE is)"));
      return;
    }
  request->session_name = session_name ? g_strdup (session_name) : dd_provider_default_session_name ();
  request->sts = dd_sts_new (self->region, self->sts_endpoint);
  file = g_file_new_for_path (token_file);
  g_file_load_contents_async (file, cancellable, token_loaded_cb, g_steal_pointer (&task));
}

static void
provider_iface_init (DdCredentialsProviderInterface *iface)
{
  iface->get_credentials_async = get_credentials_async;
  iface->get_credentials_finish = dd_provider_util_credentials_finish;
}

static void
dd_provider_web_identity_finalize (GObject *object)
{
  DdProviderWebIdentity *self = DD_PROVIDER_WEB_IDENTITY (object);

  g_free (self->role_arn);
  g_free (self->token_file);
  g_free (self->session_name);
  g_free (self->region);
  g_free (self->sts_endpoint);
  g_free (self->provider);
  G_OBJECT_CLASS (dd_provider_web_identity_parent_class)->finalize (object);
}

static void
dd_provider_web_identity_class_init (DdProviderWebIdentityClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_provider_web_identity_finalize;
}

static void
dd_provider_web_identity_init (DdProviderWebIdentity *self)
{
  self->provider = g_strdup ("web-identity");
}

DdCredentialsProvider *
dd_provider_web_identity_new_from_environment (void)
{
  DdProviderWebIdentity *self = g_object_new (DD_TYPE_PROVIDER_WEB_IDENTITY, NULL);

  self->from_environment = TRUE;
  return DD_CREDENTIALS_PROVIDER (self);
}

DdCredentialsProvider *
dd_provider_web_identity_new (const char *role_arn,
                              const char *token_file,
                              const char *session_name,
                              const char *region,
                              const char *sts_endpoint)
{
  DdProviderWebIdentity *self;

  g_return_val_if_fail (role_arn != NULL && token_file != NULL, NULL);
  self = g_object_new (DD_TYPE_PROVIDER_WEB_IDENTITY, NULL);
  self->role_arn = g_strdup (role_arn);
  self->token_file = g_strdup (token_file);
  self->session_name = g_strdup (session_name);
  self->region = g_strdup (region);
  self->sts_endpoint = g_strdup (sts_endpoint);
  return DD_CREDENTIALS_PROVIDER (self);
}

void
dd_provider_web_identity_set_provider_name (DdProviderWebIdentity *self,
                                            const char            *name)
{
  g_return_if_fail (DD_IS_PROVIDER_WEB_IDENTITY (self));
  g_free (self->provider);
  self->provider = g_strdup (name != NULL ? name : "web-identity");
}
