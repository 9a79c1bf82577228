/* dd-provider-container.h: the ECS task role / EKS pod identity endpoint.
 *
 * AWS_CONTAINER_CREDENTIALS_RELATIVE_URI (on http://169.254.170.2) or
 * AWS_CONTAINER_CREDENTIALS_FULL_URI: any https URL, or http only to a
 * loopback host (127.0.0.0/8, ::1, localhost) or the ECS/EKS hosts
 * 169.254.170.2, 169.254.170.23 and fd00:ec2::23. The Authorization header
 * comes from AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE or
 * AWS_CONTAINER_AUTHORIZATION_TOKEN; a token with CR or LF is refused.
 * Provider "container".
 */
#pragma once

#include "dd-credentials-provider.h"

G_BEGIN_DECLS

#define DD_TYPE_PROVIDER_CONTAINER (dd_provider_container_get_type ())

G_DECLARE_FINAL_TYPE (DdProviderContainer, dd_provider_container, DD, PROVIDER_CONTAINER, GObject)

DdCredentialsProvider *dd_provider_container_new         (void);
/* Milliseconds per attempt (default 2000; one retry). */
void                   dd_provider_container_set_timeout (DdProviderContainer *self,
                                                          guint                timeout_ms);

/* The URL the environment points at, or an error saying why not. */
char                  *dd_provider_container_resolve_uri (GError             **error);

G_END_DECLS
