/* dd-provider-assume-role.h: a role assumed by ARN through STS AssumeRole.
 *
 * The call is signed with the credentials of a base provider (the default
 * chain, a saved source's keys, a profile...). Optional external id,
 * duration and MFA device; the MFA code comes from a token code function,
 * and without one a role that needs MFA fails with "MFA code required".
 * Provider "assume-role".
 */
#pragma once

#include "dd-credentials-provider.h"

G_BEGIN_DECLS

#define DD_TYPE_PROVIDER_ASSUME_ROLE (dd_provider_assume_role_get_type ())

G_DECLARE_FINAL_TYPE (DdProviderAssumeRole, dd_provider_assume_role, DD, PROVIDER_ASSUME_ROLE, GObject)

/* Asked for the current code of the MFA device mfa_serial: answer by
 * completing task, which the function owns, with
 * g_task_return_pointer (task, g_strdup (code), g_free) or an error
 * (possibly later, from the main context). */
typedef void (*DdTokenCodeFunc) (const char   *mfa_serial,
                                 GCancellable *cancellable,
                                 GTask        *task,
                                 gpointer      user_data);

DdCredentialsProvider *dd_provider_assume_role_new                 (DdCredentialsProvider *base,
                                                                    const char            *role_arn);
/* Default "dynamo-desk-<unix time>". */
void                   dd_provider_assume_role_set_session_name    (DdProviderAssumeRole  *self,
                                                                    const char            *session_name);
void                   dd_provider_assume_role_set_external_id     (DdProviderAssumeRole  *self,
                                                                    const char            *external_id);
/* 0: the role's default. */
void                   dd_provider_assume_role_set_duration        (DdProviderAssumeRole  *self,
                                                                    guint                  seconds);
void                   dd_provider_assume_role_set_mfa_serial      (DdProviderAssumeRole  *self,
                                                                    const char            *mfa_serial);
const char            *dd_provider_assume_role_get_mfa_serial      (DdProviderAssumeRole  *self);
void                   dd_provider_assume_role_set_token_code_func (DdProviderAssumeRole  *self,
                                                                    DdTokenCodeFunc        func,
                                                                    gpointer               user_data,
                                                                    GDestroyNotify         destroy);
/* STS region and endpoint, NULL for the defaults of dd_sts_new(). */
void                   dd_provider_assume_role_set_region          (DdProviderAssumeRole  *self,
                                                                    const char            *region);
void                   dd_provider_assume_role_set_sts_endpoint    (DdProviderAssumeRole  *self,
                                                                    const char            *endpoint);
/* The name the credentials carry (default "assume-role"). */
void                   dd_provider_assume_role_set_provider_name   (DdProviderAssumeRole  *self,
                                                                    const char            *name);

G_END_DECLS
