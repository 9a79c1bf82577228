/* dd-provider-imds.h: the EC2 instance profile, through IMDSv2.
 *
 * PUT /latest/api/token (X-aws-ec2-metadata-token-ttl-seconds: 21600),
 * then GET /latest/meta-data/iam/security-credentials/ and the role's
 * document, both with X-aws-ec2-metadata-token. Endpoint
 * http://169.254.169.254 ([fd00:ec2::254] in IPv6 mode), overridden by
 * AWS_EC2_METADATA_SERVICE_ENDPOINT; AWS_EC2_METADATA_DISABLED=true turns
 * it off. Each request gets a short time limit and one retry, so a machine
 * without the service fails fast. Provider "imds".
 */
#pragma once

#include "dd-credentials-provider.h"
#include "dd-profile-file.h"

G_BEGIN_DECLS

#define DD_TYPE_PROVIDER_IMDS (dd_provider_imds_get_type ())

G_DECLARE_FINAL_TYPE (DdProviderImds, dd_provider_imds, DD, PROVIDER_IMDS, GObject)

DdCredentialsProvider *dd_provider_imds_new              (void);
/* An endpoint that wins over the environment (NULL: none). */
void                   dd_provider_imds_set_endpoint     (DdProviderImds *self,
                                                          const char     *endpoint);
/* Milliseconds per attempt (default 1000). */
void                   dd_provider_imds_set_timeout      (DdProviderImds *self,
                                                          guint           timeout_ms);

/* The service's base URL, by the SDKs' order: endpoint_override,
 * AWS_EC2_METADATA_SERVICE_ENDPOINT, the profile's
 * ec2_metadata_service_endpoint, then the mode (mode_override,
 * AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE, the profile's
 * ec2_metadata_service_endpoint_mode: IPv4 or IPv6). config and profile
 * may be NULL. */
char                  *dd_provider_imds_resolve_endpoint (const char     *endpoint_override,
                                                          const char     *mode_override,
                                                          DdProfileFile  *config,
                                                          const char     *profile,
                                                          GError        **error);

G_END_DECLS
