/* dd-provider-profile.h: credentials from a profile of ~/.aws/config and
 * ~/.aws/credentials.
 *
 * A profile resolves, as in the SDKs, to a chain: a base (static keys, a
 * credential_source, credential_process, a web identity token file, or
 * IAM Identity Center: dd-provider-sso.h) and the roles to assume on top of
 * it (role_arn with source_profile, followed until a profile with keys;
 * loops are reported with the profiles that form them). Roles take
 * external_id, duration_seconds, role_session_name and mfa_serial.
 * Credentials carry the provider name "profile:NAME".
 */
#pragma once

#include "dd-credentials-provider.h"
#include "dd-profile-file.h"
#include "dd-provider-assume-role.h"

G_BEGIN_DECLS

typedef enum
{
  DD_PROFILE_STEP_ACCESS_KEY,    /* aws_access_key_id, aws_secret_access_key */
  DD_PROFILE_STEP_NAMED_SOURCE,  /* credential_source */
  DD_PROFILE_STEP_PROCESS,       /* credential_process */
  DD_PROFILE_STEP_WEB_IDENTITY,  /* web_identity_token_file + role_arn */
  DD_PROFILE_STEP_SSO,           /* sso_* (dd-provider-sso.h) */
  DD_PROFILE_STEP_ASSUME_ROLE,   /* role_arn */
} DdProfileStepKind;

typedef struct
{
  DdProfileStepKind  kind;
  char              *profile;
  char              *access_key_id;
  char              *secret_access_key;
  char              *session_token;
  char              *account_id;
  char              *source;          /* credential_source */
  char              *command;         /* credential_process */
  char              *role_arn;
  char              *role_session_name;
  char              *external_id;
  char              *mfa_serial;
  guint              duration_seconds;
  char              *web_identity_token_file;
  char              *sso_session;
  char              *sso_account_id;
  char              *sso_region;
  char              *sso_role_name;
  char              *sso_start_url;
} DdProfileStep;

void       dd_profile_step_free     (DdProfileStep *step);

/* The chain profile stands for: the base first, then each role to assume
 * in order. A DD_ERROR_CREDENTIALS error says what is wrong. */
GPtrArray *dd_profile_resolve_chain (DdProfileFile *file,
                                     const char    *profile,
                                     GError       **error);

#define DD_TYPE_PROVIDER_PROFILE (dd_provider_profile_get_type ())

G_DECLARE_FINAL_TYPE (DdProviderProfile, dd_provider_profile, DD, PROVIDER_PROFILE, GObject)

/* profile NULL: AWS_PROFILE, else "default"; the files are read at each
 * request. */
DdCredentialsProvider *dd_provider_profile_new                 (const char        *profile);
/* Profiles already loaded (for tests and callers holding a file). */
DdCredentialsProvider *dd_provider_profile_new_for_file        (DdProfileFile     *file,
                                                                const char        *profile);
const char            *dd_provider_profile_get_profile_name    (DdProviderProfile *self);
/* Passed on to each role that has an mfa_serial. */
void                   dd_provider_profile_set_token_code_func (DdProviderProfile *self,
                                                                DdTokenCodeFunc    func,
                                                                gpointer           user_data,
                                                                GDestroyNotify     destroy);

G_END_DECLS
