/* dd-sso-relogin.c: signing in to IAM Identity Center again. */
#define G_LOG_DOMAIN "dd-sso-relogin"

#include "config.h"

#include "dd-error.h"
#include "dd-sso-relogin.h"

#define CANCELLED_MESSAGE "IAM Identity Center sign-in cancelled"

struct _DdSsoRelogin
{
  GObject              parent_instance;
  DdProviderCache     *cache;
  DdSsoReloginAskFunc  ask;
  gpointer             ask_data;
  GDestroyNotify       ask_destroy;
};

static void provider_iface_init (DdCredentialsProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DdSsoRelogin, dd_sso_relogin, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (DD_TYPE_CREDENTIALS_PROVIDER, provider_iface_init))

gboolean
dd_sso_relogin_error_needs_sign_in (const GError *error)
{
  if (error == NULL || error->domain != DD_ERROR)
    return FALSE;
  return error->code == DD_ERROR_CREDENTIALS
         || g_strcmp0 (dd_error_get_aws_code (error), "UnauthorizedException") == 0;
}

gboolean
dd_sso_relogin_error_is_cancelled (const GError *error)
{
  return g_error_matches (error, DD_ERROR, DD_ERROR_CREDENTIALS)
         && g_strcmp0 (error->message, CANCELLED_MESSAGE) == 0;
}

static void
retried_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  DdCredentials *credentials;

  credentials = dd_credentials_provider_get_credentials_finish (DD_CREDENTIALS_PROVIDER (object), result, &error);
  if (credentials == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, credentials, (GDestroyNotify) dd_credentials_unref);
}

static void
signed_in_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DdSsoRelogin *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  GCancellable *cancellable = g_task_get_cancellable (task);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {

      /* The person cancelled (not the request): say so, once. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
          && (cancellable == NULL || !g_cancellable_is_cancelled (cancellable)))
        g_task_return_new_error (task, DD_ERROR, DD_ERROR_CREDENTIALS, CANCELLED_MESSAGE);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  dd_provider_cache_invalidate (self->cache);
  cancellable = g_task_get_cancellable (task);
  dd_credentials_provider_get_credentials_async (DD_CREDENTIALS_PROVIDER (self->cache), cancellable,
                                                 retried_cb, g_steal_pointer (&task));
}

static void
first_try_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DdSsoRelogin *self = g_task_get_source_object (task);
  DdProviderSso *sso = DD_PROVIDER_SSO (dd_provider_cache_get_inner (self->cache));
  GError *error = NULL;
  DdCredentials *credentials;
  GCancellable *cancellable;
  GTask *ask;

  credentials = dd_credentials_provider_get_credentials_finish (DD_CREDENTIALS_PROVIDER (object), result, &error);
  if (credentials != NULL)
    {
      g_task_return_pointer (task, credentials, (GDestroyNotify) dd_credentials_unref);
      return;
    }
  if (!dd_sso_relogin_error_needs_sign_in (error) || self->ask == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_debug ("No valid sign-in (%s): asking", error->message);
  g_error_free (error);
  cancellable = g_task_get_cancellable (task);
  ask = g_task_new (self, cancellable, signed_in_cb, g_steal_pointer (&task));
  self->ask (sso, cancellable, ask, self->ask_data);
}

static void
dd_sso_relogin_get_credentials_async (DdCredentialsProvider *provider,
                                      GCancellable          *cancellable,
                                      GAsyncReadyCallback    callback,
                                      gpointer               user_data)
{
  DdSsoRelogin *self = DD_SSO_RELOGIN (provider);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, dd_sso_relogin_get_credentials_async);
  dd_credentials_provider_get_credentials_async (DD_CREDENTIALS_PROVIDER (self->cache), cancellable,
                                                 first_try_cb, g_steal_pointer (&task));
}

static DdCredentials *
dd_sso_relogin_get_credentials_finish (DdCredentialsProvider  *provider,
                                       GAsyncResult           *result,
                                       GError                **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
provider_iface_init (DdCredentialsProviderInterface *iface)
{
  iface->get_credentials_async = dd_sso_relogin_get_credentials_async;
  iface->get_credentials_finish = dd_sso_relogin_get_credentials_finish;
}

static void
dd_sso_relogin_finalize (GObject *object)
{
  DdSsoRelogin *self = DD_SSO_RELOGIN (object);

  if (self->ask_destroy != NULL)
    self->ask_destroy (self->ask_data);
  g_clear_object (&self->cache);
  G_OBJECT_CLASS (dd_sso_relogin_parent_class)->finalize (object);
}

static void
dd_sso_relogin_class_init (DdSsoReloginClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_sso_relogin_finalize;
}

static void
dd_sso_relogin_init (DdSsoRelogin *self)
{
}

DdCredentialsProvider *
dd_sso_relogin_new (DdProviderCache     *cache,
                    DdSsoReloginAskFunc  ask,
                    gpointer             user_data,
                    GDestroyNotify       destroy)
{
  DdSsoRelogin *self;

  g_return_val_if_fail (DD_IS_PROVIDER_CACHE (cache), NULL);
  g_return_val_if_fail (DD_IS_PROVIDER_SSO (dd_provider_cache_get_inner (cache)), NULL);

  self = g_object_new (DD_TYPE_SSO_RELOGIN, NULL);
  self->cache = g_object_ref (cache);
  self->ask = ask;
  self->ask_data = user_data;
  self->ask_destroy = destroy;
  return DD_CREDENTIALS_PROVIDER (self);
}
