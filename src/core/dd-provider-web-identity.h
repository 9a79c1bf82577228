/* dd-provider-web-identity.h: a role assumed with a web identity token.
 *
 * Reads the token file at each request and calls STS
 * AssumeRoleWithWebIdentity (unsigned). Configured explicitly, or from
 * AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN and AWS_ROLE_SESSION_NAME
 * (read at each request). Provider "web-identity".
 */
#pragma once

#include "dd-credentials-provider.h"

G_BEGIN_DECLS

#define DD_TYPE_PROVIDER_WEB_IDENTITY (dd_provider_web_identity_get_type ())

G_DECLARE_FINAL_TYPE (DdProviderWebIdentity, dd_provider_web_identity, DD, PROVIDER_WEB_IDENTITY, GObject)

/* From the environment. */
DdCredentialsProvider *dd_provider_web_identity_new_from_environment (void);
/* session_name, region and sts_endpoint may be NULL (see dd_sts_new). */
DdCredentialsProvider *dd_provider_web_identity_new                  (const char *role_arn,
                                                                      const char *token_file,
                                                                      const char *session_name,
                                                                      const char *region,
                                                                      const char *sts_endpoint);
/* The name the credentials carry (default "web-identity"). */
void                   dd_provider_web_identity_set_provider_name    (DdProviderWebIdentity *self,
                                                                      const char            *name);

/* "dynamo-desk-<unix time>", the session name when none is given. */
char                  *dd_provider_default_session_name              (void);

G_END_DECLS
