/* dd-provider-sso.h: credentials from IAM Identity Center (SSO).
 *
 * A profile signs in either through an sso-session ("[sso-session NAME]"
 * with sso_start_url, sso_region, sso_registration_scopes, named by the
 * profile's sso_session) or the legacy way (sso_start_url and sso_region
 * in the profile); sso_account_id and sso_role_name pick the role. The
 * sign-in's token is the AWS CLI's (dd-sso-cache.h): used while valid,
 * refreshed with its refresh token (sso-session form) when it is about to
 * expire and written back, so both programs share one sign-in. The role's
 * credentials come from the portal's GetRoleCredentials. The device
 * authorization sign-in ("sso login") and the account and role lists are
 * here too. Credentials carry the provider name "sso" unless set. Put a
 * DdProviderCache around it so that one refresh runs at a time.
 */
#pragma once

#include "dd-credentials-provider.h"
#include "dd-profile-file.h"
#include "dd-provider-cache.h"
#include "dd-sso-cache.h"
#include "dd-sso-config.h"
#include "dd-sso-oidc.h"

G_BEGIN_DECLS

/* Hands the person the address and code to approve the sign-in with. */
typedef void (*DdSsoPromptFunc) (const DdSsoDeviceAuthorization *authorization,
                                 gpointer                        user_data);

#define DD_TYPE_PROVIDER_SSO (dd_provider_sso_get_type ())

G_DECLARE_FINAL_TYPE (DdProviderSso, dd_provider_sso, DD, PROVIDER_SSO, GObject)

DdCredentialsProvider *dd_provider_sso_new                      (const DdSsoConfig    *config);
/* A profile's; NULL with an error when it has no usable SSO settings. */
DdCredentialsProvider *dd_provider_sso_new_for_profile          (DdProfileFile        *file,
                                                                 const char           *profile,
                                                                 GError              **error);
const DdSsoConfig     *dd_provider_sso_get_config               (DdProviderSso        *self);
/* Defaults: dd_sso_cache_new (NULL), the real clock, the endpoints of
 * dd_sso_endpoint(). */
void                   dd_provider_sso_set_cache                (DdProviderSso        *self,
                                                                 DdSsoCache           *cache);
void                   dd_provider_sso_set_now_func             (DdProviderSso        *self,
                                                                 DdNowFunc             func,
                                                                 gpointer              user_data,
                                                                 GDestroyNotify        destroy);
void                   dd_provider_sso_set_endpoints            (DdProviderSso        *self,
                                                                 const char           *portal,
                                                                 const char           *oidc);
/* How many milliseconds one second of the sign-in's polling lasts (tests). */
void                   dd_provider_sso_set_time_unit            (DdProviderSso        *self,
                                                                 guint                 milliseconds);
void                   dd_provider_sso_set_provider_name        (DdProviderSso        *self,
                                                                 const char           *name);

/* The sign-in's token: from the cache, refreshed and written back when it
 * expires within 5 minutes and can be; DD_ERROR_CREDENTIALS (with a hint
 * to sign in) when there is none or it expired. */
void                   dd_provider_sso_get_token_async          (DdProviderSso        *self,
                                                                 GCancellable         *cancellable,
                                                                 GAsyncReadyCallback   callback,
                                                                 gpointer              user_data);
DdSsoToken            *dd_provider_sso_get_token_finish         (DdProviderSso        *self,
                                                                 GAsyncResult         *result,
                                                                 GError              **error);

/* Signs in with the device authorization flow: registers a client (or
 * reuses the cached registration), starts the authorization, calls prompt
 * once with the address and code, polls until approved, and writes the
 * token to the cache. Cancelling stops the polling. */
void                   dd_provider_sso_login_async              (DdProviderSso        *self,
                                                                 DdSsoPromptFunc       prompt,
                                                                 gpointer              prompt_data,
                                                                 GCancellable         *cancellable,
                                                                 GAsyncReadyCallback   callback,
                                                                 gpointer              user_data);
DdSsoToken            *dd_provider_sso_login_finish             (DdProviderSso        *self,
                                                                 GAsyncResult         *result,
                                                                 GError              **error);

/* With the current token: DdSsoAccount elements, DdSsoRole elements. */
void                   dd_provider_sso_list_accounts_async      (DdProviderSso        *self,
                                                                 GCancellable         *cancellable,
                                                                 GAsyncReadyCallback   callback,
                                                                 gpointer              user_data);
GPtrArray             *dd_provider_sso_list_accounts_finish     (DdProviderSso        *self,
                                                                 GAsyncResult         *result,
                                                                 GError              **error);
void                   dd_provider_sso_list_account_roles_async (DdProviderSso        *self,
                                                                 const char           *account_id,
                                                                 GCancellable         *cancellable,
                                                                 GAsyncReadyCallback   callback,
                                                                 gpointer              user_data);
GPtrArray             *dd_provider_sso_list_account_roles_finish (DdProviderSso       *self,
                                                                  GAsyncResult        *result,
                                                                  GError             **error);

G_END_DECLS
