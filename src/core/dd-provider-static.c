/* dd-provider-static.c: a provider that hands out credentials it was given. */
#define G_LOG_DOMAIN "dd-provider-static"

#include "config.h"

#include "dd-provider-static.h"
#include "dd-provider-util.h"

struct _DdProviderStatic
{
  GObject        parent_instance;
  DdCredentials *credentials;
};

static void provider_iface_init (DdCredentialsProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DdProviderStatic, dd_provider_static, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (DD_TYPE_CREDENTIALS_PROVIDER, provider_iface_init))

static void
get_credentials_async (DdCredentialsProvider *provider,
                       GCancellable          *cancellable,
                       GAsyncReadyCallback    callback,
                       gpointer               user_data)
{
  DdProviderStatic *self = DD_PROVIDER_STATIC (provider);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, get_credentials_async);
  g_task_return_pointer (task, dd_credentials_ref (self->credentials),
                         (GDestroyNotify) dd_credentials_unref);
}

static void
provider_iface_init (DdCredentialsProviderInterface *iface)
{
  iface->get_credentials_async = get_credentials_async;
  iface->get_credentials_finish = dd_provider_util_credentials_finish;
}

static void
dd_provider_static_finalize (GObject *object)
{
  DdProviderStatic *self = DD_PROVIDER_STATIC (object);

  g_clear_pointer (&self->credentials, dd_credentials_unref);
  G_OBJECT_CLASS (dd_provider_static_parent_class)->finalize (object);
}

static void
dd_provider_static_class_init (DdProviderStaticClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_provider_static_finalize;
}

static void
dd_provider_static_init (DdProviderStatic *self)
{
}

DdCredentialsProvider *
dd_provider_static_new (DdCredentials *credentials)
{
  DdProviderStatic *self;

  g_return_val_if_fail (credentials != NULL, NULL);
  self = g_object_new (DD_TYPE_PROVIDER_STATIC, NULL);
  self->credentials = dd_credentials_ref (credentials);
  return DD_CREDENTIALS_PROVIDER (self);
}
