/* dd-credentials-provider.c: the credentials provider interface. */
#define G_LOG_DOMAIN "dd-credentials-provider"

#include "config.h"

#include "dd-credentials-provider.h"

G_DEFINE_INTERFACE (DdCredentialsProvider, dd_credentials_provider, G_TYPE_OBJECT)

static void
dd_credentials_provider_default_init (DdCredentialsProviderInterface *iface)
{
}

void
dd_credentials_provider_get_credentials_async (DdCredentialsProvider *self,
                                               GCancellable          *cancellable,
                                               GAsyncReadyCallback    callback,
                                               gpointer               user_data)
{
  g_return_if_fail (DD_IS_CREDENTIALS_PROVIDER (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  DD_CREDENTIALS_PROVIDER_GET_IFACE (self)->get_credentials_async (self, cancellable, callback, user_data);
}

DdCredentials *
dd_credentials_provider_get_credentials_finish (DdCredentialsProvider  *self,
                                                GAsyncResult           *result,
                                                GError                **error)
{
  g_return_val_if_fail (DD_IS_CREDENTIALS_PROVIDER (self), NULL);

  return DD_CREDENTIALS_PROVIDER_GET_IFACE (self)->get_credentials_finish (self, result, error);
}
