/* dd-credentials-provider.h: where credentials come from.
 *
 * An interface: every provider (static keys, environment, profile, IMDS,
 * container, web identity, assumed role, the default chain, the cache
 * around them) resolves credentials asynchronously and cancellably.
 */
#pragma once

#include "dd-types.h"
#include "dd-credentials.h"

G_BEGIN_DECLS

#define DD_TYPE_CREDENTIALS_PROVIDER (dd_credentials_provider_get_type ())

G_DECLARE_INTERFACE (DdCredentialsProvider, dd_credentials_provider, DD, CREDENTIALS_PROVIDER, GObject)

struct _DdCredentialsProviderInterface
{
  GTypeInterface parent_iface;

  void           (*get_credentials_async)  (DdCredentialsProvider  *self,
                                            GCancellable           *cancellable,
                                            GAsyncReadyCallback     callback,
                                            gpointer                user_data);
  DdCredentials *(*get_credentials_finish) (DdCredentialsProvider  *self,
                                            GAsyncResult           *result,
                                            GError                **error);
};

void           dd_credentials_provider_get_credentials_async  (DdCredentialsProvider  *self,
                                                               GCancellable           *cancellable,
                                                               GAsyncReadyCallback     callback,
                                                               gpointer                user_data);
DdCredentials *dd_credentials_provider_get_credentials_finish (DdCredentialsProvider  *self,
                                                               GAsyncResult           *result,
                                                               GError                **error);

G_END_DECLS
