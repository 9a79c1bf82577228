/* dd-cli-provider.h: credentials and region for dynamo-desk-cli. */
#pragma once

#include "dd-cli-args.h"
#include "dd-credentials-provider.h"

G_BEGIN_DECLS

/* The provider the command line asks for: --source NAME (a saved data
 * source), --profile P (a ~/.aws profile), or the default chain
 * (environment, web identity, profile, container, instance metadata).
 * region_out receives the region to use (--region, the source's or
 * profile's region, AWS_REGION, AWS_DEFAULT_REGION), endpoint_out the
 * endpoint (--endpoint, the source's), either may end up NULL. */
DdCredentialsProvider *dd_cli_provider_resolve (const DdCliArgs  *args,
                                                char            **region_out,
                                                char            **endpoint_out,
                                                GError          **error);

G_END_DECLS
