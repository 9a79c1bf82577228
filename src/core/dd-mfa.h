/* dd-mfa.h: asking the person for MFA codes when a role needs one.
 *
 * DdMfa wraps a provider whose assumed roles have an MFA device (a
 * DdProviderAssumeRole with an mfa_serial, or a DdProviderProfile whose
 * roles have mfa_serial): it becomes their token code function and asks
 * through a prompt function each time a role is assumed. When STS refuses
 * the code ("MultiFactorAuthentication failed with invalid MFA one time
 * pass code.") it asks again, saying why, up to a number of attempts, then
 * returns STS's error. A cancelled prompt ends the request with
 * DD_ERROR_CREDENTIALS "MFA cancelled" and asks nothing more.
 *
 * Put a DdProviderCache around it: the cache asks for new credentials when
 * the assumed role's expire (its clock is an input), and the person is
 * asked for a code again then.
 */
#pragma once

#include "dd-credentials-provider.h"

G_BEGIN_DECLS

typedef struct
{
  const char *mfa_serial;
  guint       attempt;          /* 1 for the first question of a request */
  guint       max_attempts;
  const char *previous_error;   /* why the last code was refused, or NULL */
} DdMfaRequest;

/* Answer by completing task, which the function owns, with
 * g_task_return_pointer (task, g_strdup (code), g_free), or with an error:
 * G_IO_ERROR_CANCELLED (or a NULL or empty code) when the person cancels.
 * Possibly later, from the main context. request is valid until then. */
typedef void (*DdMfaPromptFunc) (const DdMfaRequest *request,
                                 GCancellable       *cancellable,
                                 GTask              *task,
                                 gpointer            user_data);

#define DD_TYPE_MFA (dd_mfa_get_type ())

G_DECLARE_FINAL_TYPE (DdMfa, dd_mfa, DD, MFA, GObject)

/* Installs itself in inner when inner is an assume-role or profile provider. */
DdCredentialsProvider *dd_mfa_new                   (DdCredentialsProvider *inner,
                                                     DdMfaPromptFunc        prompt,
                                                     gpointer               user_data,
                                                     GDestroyNotify         destroy);
/* Becomes the token code function of provider (an assume-role or profile
 * provider, for instance one inside inner); FALSE for another kind. */
gboolean               dd_mfa_install               (DdMfa                 *self,
                                                     DdCredentialsProvider *provider);
/* Codes asked per request (default 3). */
void                   dd_mfa_set_max_attempts      (DdMfa                 *self,
                                                     guint                  attempts);
/* How many times the person was asked (for tests and diagnostics). */
guint                  dd_mfa_get_prompt_count      (DdMfa                 *self);

/* TRUE when error is STS refusing an MFA code (a wrong or malformed one). */
gboolean               dd_mfa_error_is_invalid_code (const GError          *error);
/* TRUE for the "MFA cancelled" error. */
gboolean               dd_mfa_error_is_cancelled    (const GError          *error);

G_END_DECLS
