/* dd-sso-portal.h: the IAM Identity Center portal (accounts, roles and
 * their credentials).
 *
 * REST-JSON at https://portal.sso.REGION.amazonaws.com (or
 * AWS_ENDPOINT_URL_SSO, AWS_ENDPOINT_URL), authenticated by the sign-in's
 * access token in x-amz-sso_bearer_token: GetRoleCredentials
 * (GET /federation/credentials), ListAccounts (GET /assignment/accounts)
 * and ListAccountRoles (GET /assignment/roles), the lists followed through
 * every nextToken.
 */
#pragma once

#include "dd-types.h"
#include "dd-credentials.h"

G_BEGIN_DECLS

typedef struct
{
  char *account_id;
  char *account_name;
  char *email_address;
} DdSsoAccount;

typedef struct
{
  char *account_id;
  char *role_name;
} DdSsoRole;

void dd_sso_account_free (DdSsoAccount *account);
void dd_sso_role_free    (DdSsoRole    *role);

#define DD_TYPE_SSO_PORTAL (dd_sso_portal_get_type ())

G_DECLARE_FINAL_TYPE (DdSsoPortal, dd_sso_portal, DD, SSO_PORTAL, GObject)

/* endpoint NULL: dd_sso_endpoint ("sso", region). */
DdSsoPortal   *dd_sso_portal_new                           (const char           *region,
                                                            const char           *endpoint);
const char    *dd_sso_portal_get_endpoint                  (DdSsoPortal          *self);

/* provider: the name the credentials carry. */
void           dd_sso_portal_get_role_credentials_async    (DdSsoPortal          *self,
                                                            const char           *access_token,
                                                            const char           *account_id,
                                                            const char           *role_name,
                                                            const char           *provider,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
DdCredentials *dd_sso_portal_get_role_credentials_finish   (DdSsoPortal          *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);

/* Every account the sign-in may use: DdSsoAccount elements. */
void           dd_sso_portal_list_accounts_async           (DdSsoPortal          *self,
                                                            const char           *access_token,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
GPtrArray     *dd_sso_portal_list_accounts_finish          (DdSsoPortal          *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);

/* The roles of one account: DdSsoRole elements. */
void           dd_sso_portal_list_account_roles_async      (DdSsoPortal          *self,
                                                            const char           *access_token,
                                                            const char           *account_id,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
GPtrArray     *dd_sso_portal_list_account_roles_finish     (DdSsoPortal          *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);

G_END_DECLS
