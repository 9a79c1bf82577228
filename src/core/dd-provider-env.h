/* dd-provider-env.h: credentials from the environment.
 *
 * AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, read at
 * each request (an empty variable counts as unset). Provider "environment".
 */
#pragma once

#include "dd-credentials-provider.h"

G_BEGIN_DECLS

#define DD_TYPE_PROVIDER_ENV (dd_provider_env_get_type ())

G_DECLARE_FINAL_TYPE (DdProviderEnv, dd_provider_env, DD, PROVIDER_ENV, GObject)

DdCredentialsProvider *dd_provider_env_new  (void);

/* The same, synchronously: the environment needs no waiting. */
DdCredentials         *dd_provider_env_load (GError **error);

G_END_DECLS
