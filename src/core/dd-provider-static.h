/* dd-provider-static.h: a provider that hands out credentials it was given. */
#pragma once

#include "dd-credentials-provider.h"

G_BEGIN_DECLS

#define DD_TYPE_PROVIDER_STATIC (dd_provider_static_get_type ())

G_DECLARE_FINAL_TYPE (DdProviderStatic, dd_provider_static, DD, PROVIDER_STATIC, GObject)

DdCredentialsProvider *dd_provider_static_new (DdCredentials *credentials);

G_END_DECLS
