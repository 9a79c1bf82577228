/* dd-sso-config.h: a profile's IAM Identity Center (SSO) settings.
 *
 * The sso-session form ("[sso-session NAME]" with sso_start_url,
 * sso_region and sso_registration_scopes, named by the profile's
 * sso_session) or the legacy form (sso_start_url and sso_region in the
 * profile), with sso_account_id and sso_role_name.
 */
#pragma once

#include "dd-types.h"
#include "dd-profile-file.h"

G_BEGIN_DECLS

typedef struct
{
  char  *session_name;          /* NULL in the legacy form */
  char  *start_url;
  char  *region;                /* sso_region */
  GStrv  registration_scopes;   /* NULL: "sso:account:access" at sign-in */
  char  *account_id;            /* NULL when the profile only signs in */
  char  *role_name;
} DdSsoConfig;

DdSsoConfig *dd_sso_config_new          (void);
DdSsoConfig *dd_sso_config_copy         (const DdSsoConfig *config);
void         dd_sso_config_free         (DdSsoConfig       *config);
/* NULL without error when the profile has no sso_* setting; errors (as
 * the SDKs word them) for a missing sso-session, an incomplete profile,
 * settings in the wrong place. */
DdSsoConfig *dd_sso_config_from_profile (DdProfileFile     *file,
                                         const char        *profile,
                                         GError           **error);
/* What names the token in the cache: the session name, or the start URL. */
const char  *dd_sso_config_cache_key    (const DdSsoConfig *config);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdSsoConfig, dd_sso_config_free)

G_END_DECLS
