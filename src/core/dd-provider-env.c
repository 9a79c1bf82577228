/* dd-provider-env.c: credentials from the environment. */
#define G_LOG_DOMAIN "dd-provider-env"

#include "config.h"

#include <glib/gi18n-lib.h>
#include "dd-error.h"
#include "dd-provider-env.h"
#include "dd-provider-util.h"

struct _DdProviderEnv
{
  GObject parent_instance;
};

static void provider_iface_init (DdCredentialsProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DdProviderEnv, dd_provider_env, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (DD_TYPE_CREDENTIALS_PROVIDER, provider_iface_init))

static const char *
getenv_nonempty (const char *name)
{
  const char *value = g_getenv (name);

  return value != NULL && *value ? value : NULL;
}

DdCredentials *
dd_provider_env_load (GError **error)
{
  const char *key = getenv_nonempty ("AWS_ACCESS_KEY_ID");
  const char *secret = getenv_nonempty ("AWS_SECRET_ACCESS_KEY");

  if (key == NULL && secret == NULL)
    {
      g_set_error_literal (error, DD_ERROR, DD_ERROR_CREDENTIALS,
                           _("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set"));
      return NULL;
    }
  if (key == NULL || secret == NULL)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_CREDENTIALS, _("%s is set but %s is not"),
                   key ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY",
                   key ? "AWS_SECRET_ACCESS_KEY" : "AWS_ACCESS_KEY_ID");
      return NULL;
    }
  return dd_credentials_new (key, secret, getenv_nonempty ("AWS_SESSION_TOKEN"), NULL, "environment");
}

static void
get_credentials_async (DdCredentialsProvider *provider,
                       GCancellable          *cancellable,
                       GAsyncReadyCallback    callback,
                       gpointer               user_data)
{
  g_autoptr(GTask) task = g_task_new (provider, cancellable, callback, user_data);
  GError *error = NULL;
  DdCredentials *credentials;

  g_task_set_source_tag (task, get_credentials_async);
  credentials = dd_provider_env_load (&error);
  dd_provider_util_return_credentials (task, credentials, error);
}

static void
provider_iface_init (DdCredentialsProviderInterface *iface)
{
  iface->get_credentials_async = get_credentials_async;
  iface->get_credentials_finish = dd_provider_util_credentials_finish;
}

static void
dd_provider_env_class_init (DdProviderEnvClass *klass)
{
}

static void
dd_provider_env_init (DdProviderEnv *self)
{
}

DdCredentialsProvider *
dd_provider_env_new (void)
{
  return g_object_new (DD_TYPE_PROVIDER_ENV, NULL);
}
