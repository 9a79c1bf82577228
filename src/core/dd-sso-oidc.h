/* dd-sso-oidc.h: the IAM Identity Center OIDC service (sign-in).
 *
 * REST-JSON over HTTPS at https://oidc.REGION.amazonaws.com (or
 * AWS_ENDPOINT_URL_SSO_OIDC, AWS_ENDPOINT_URL): RegisterClient
 * (POST /client/register), StartDeviceAuthorization
 * (POST /device_authorization) and CreateToken (POST /token) with the
 * device-code grant or the refresh-token grant. The device flow polls
 * CreateToken at the interval the service gave: AuthorizationPending keeps
 * polling, SlowDown adds 5 seconds, anything else (ExpiredToken,
 * AccessDenied...) stops with the service's error; cancellable.
 *
 * Errors from the service are DD_ERROR_SERVICE with the exception's name
 * ("AuthorizationPendingException") as the AWS code. Also here: what the
 * portal client shares (endpoints, errors, the JSON exchange).
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "dd-types.h"

G_BEGIN_DECLS

typedef struct
{
  char      *client_id;
  char      *client_secret;
  GDateTime *expires_at;     /* clientSecretExpiresAt, or NULL */
} DdSsoRegistration;

typedef struct
{
  char  *device_code;
  char  *user_code;
  char  *verification_uri;
  char  *verification_uri_complete;
  guint  expires_in;         /* seconds */
  guint  interval;           /* seconds between polls (default 5) */
} DdSsoDeviceAuthorization;

typedef struct
{
  char   *access_token;
  char   *refresh_token;     /* or NULL */
  char   *token_type;
  gint64  expires_in;        /* seconds */
} DdSsoTokenGrant;

void dd_sso_registration_free         (DdSsoRegistration        *registration);
void dd_sso_device_authorization_free (DdSsoDeviceAuthorization *authorization);
void dd_sso_token_grant_free          (DdSsoTokenGrant          *grant);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdSsoRegistration, dd_sso_registration_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdSsoDeviceAuthorization, dd_sso_device_authorization_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdSsoTokenGrant, dd_sso_token_grant_free)

#define DD_SSO_GRANT_DEVICE_CODE   "urn:ietf:params:oauth:grant-type:device_code"
#define DD_SSO_GRANT_REFRESH_TOKEN "refresh_token"

/* Shared with the portal client. */

/* service "sso" (the portal) or "sso-oidc": AWS_ENDPOINT_URL_SSO or
 * AWS_ENDPOINT_URL_SSO_OIDC, then AWS_ENDPOINT_URL, then
 * https://portal.sso.REGION.amazonaws.com or https://oidc.REGION.amazonaws.com
 * (.com.cn in China). */
char        *dd_sso_endpoint          (const char          *service,
                                       const char          *region);
SoupSession *dd_sso_session_new       (void);
/* The error an answer with a failing status stands for: the exception's
 * name from x-amzn-ErrorType, "__type" or the OAuth "error" member. */
GError      *dd_sso_parse_error       (guint                status,
                                       SoupMessageHeaders  *headers,
                                       const char          *data,
                                       gsize                len);
/* One exchange: method on url (relative to endpoint), optional bearer
 * token (x-amz-sso_bearer_token) and JSON body; the answer's root object. */
void         dd_sso_request_async     (SoupSession         *session,
                                       const char          *endpoint,
                                       const char          *method,
                                       const char          *path_and_query,
                                       const char          *bearer_token,
                                       const char          *json_body,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
JsonObject  *dd_sso_request_finish    (GAsyncResult        *result,
                                       GError             **error);

#define DD_TYPE_SSO_OIDC (dd_sso_oidc_get_type ())

G_DECLARE_FINAL_TYPE (DdSsoOidc, dd_sso_oidc, DD, SSO_OIDC, GObject)

/* endpoint NULL: dd_sso_endpoint ("sso-oidc", region). */
DdSsoOidc                *dd_sso_oidc_new                               (const char                     *region,
                                                                         const char                     *endpoint);
const char               *dd_sso_oidc_get_endpoint                      (DdSsoOidc                      *self);
/* How many milliseconds one second of a polling interval lasts (default
 * 1000; tests shorten it). */
void                      dd_sso_oidc_set_time_unit                     (DdSsoOidc                      *self,
                                                                         guint                           milliseconds);

/* scopes may be NULL. */
void                      dd_sso_oidc_register_client_async             (DdSsoOidc                      *self,
                                                                         const char                     *client_name,
                                                                         const char *const              *scopes,
                                                                         GCancellable                   *cancellable,
                                                                         GAsyncReadyCallback             callback,
                                                                         gpointer                        user_data);
DdSsoRegistration        *dd_sso_oidc_register_client_finish            (DdSsoOidc                      *self,
                                                                         GAsyncResult                   *result,
                                                                         GError                        **error);

void                      dd_sso_oidc_start_device_authorization_async  (DdSsoOidc                      *self,
                                                                         const DdSsoRegistration        *registration,
                                                                         const char                     *start_url,
                                                                         GCancellable                   *cancellable,
                                                                         GAsyncReadyCallback             callback,
                                                                         gpointer                        user_data);
DdSsoDeviceAuthorization *dd_sso_oidc_start_device_authorization_finish (DdSsoOidc                      *self,
                                                                         GAsyncResult                   *result,
                                                                         GError                        **error);

/* grant_type DD_SSO_GRANT_DEVICE_CODE with device_code, or
 * DD_SSO_GRANT_REFRESH_TOKEN with refresh_token. */
void                      dd_sso_oidc_create_token_async                (DdSsoOidc                      *self,
                                                                         const DdSsoRegistration        *registration,
                                                                         const char                     *grant_type,
                                                                         const char                     *code_or_token,
                                                                         GCancellable                   *cancellable,
                                                                         GAsyncReadyCallback             callback,
                                                                         gpointer                        user_data);
DdSsoTokenGrant          *dd_sso_oidc_create_token_finish               (DdSsoOidc                      *self,
                                                                         GAsyncResult                   *result,
                                                                         GError                        **error);

/* Polls CreateToken with the device code until the person has approved
 * (or denied) the request, the code expired, or cancellable fired. */
void                      dd_sso_oidc_poll_token_async                  (DdSsoOidc                      *self,
                                                                         const DdSsoRegistration        *registration,
                                                                         const DdSsoDeviceAuthorization *authorization,
                                                                         GCancellable                   *cancellable,
                                                                         GAsyncReadyCallback             callback,
                                                                         gpointer                        user_data);
DdSsoTokenGrant          *dd_sso_oidc_poll_token_finish                 (DdSsoOidc                      *self,
                                                                         GAsyncResult                   *result,
                                                                         GError                        **error);
/* How many CreateToken calls the last poll made (for tests). */
guint                     dd_sso_oidc_get_poll_count                    (DdSsoOidc                      *self);

G_END_DECLS
