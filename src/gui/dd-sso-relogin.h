/* dd-sso-relogin.h: signing in to IAM Identity Center again when the
 * sign-in of a source expired.
 *
 * Wraps the provider of an "sso" source (a DdProviderCache around a
 * DdProviderSso): when it fails because there is no valid sign-in (the
 * token expired, was revoked or was never there), it asks the person
 * through an ask function (the window's bar and sign-in dialog, see
 * dd-mfa-prompt.h) and, once signed in, forgets the cached credentials
 * and asks once more. The request waits meanwhile; a cancelled sign-in
 * ends it with DD_ERROR_CREDENTIALS "IAM Identity Center sign-in
 * cancelled".
 */
#pragma once

#include <gio/gio.h>

#include "dd-credentials-provider.h"
#include "dd-provider-sso.h"

G_BEGIN_DECLS

/* Complete task (owned) with g_task_return_boolean (task, TRUE) once
 * signed in, or an error (G_IO_ERROR_CANCELLED when the person cancels). */
typedef void (*DdSsoReloginAskFunc) (DdProviderSso *sso,
                                     GCancellable  *cancellable,
                                     GTask         *task,
                                     gpointer       user_data);

#define DD_TYPE_SSO_RELOGIN (dd_sso_relogin_get_type ())

G_DECLARE_FINAL_TYPE (DdSsoRelogin, dd_sso_relogin, DD, SSO_RELOGIN, GObject)

/* cache: a DdProviderCache whose inner provider is a DdProviderSso. */
DdCredentialsProvider *dd_sso_relogin_new               (DdProviderCache     *cache,
                                                         DdSsoReloginAskFunc  ask,
                                                         gpointer             user_data,
                                                         GDestroyNotify       destroy);
/* TRUE for errors that a new sign-in may cure. */
gboolean               dd_sso_relogin_error_needs_sign_in (const GError      *error);
/* TRUE for the "sign-in cancelled" error. */
gboolean               dd_sso_relogin_error_is_cancelled  (const GError      *error);

G_END_DECLS
