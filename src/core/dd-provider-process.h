/* dd-provider-process.h: credentials printed by an external command.
 *
 * The credential_process of a profile: the command line is split into
 * arguments the way a POSIX shell would split it (quotes, backslashes) but
 * run without a shell; it must print {"Version": 1, "AccessKeyId",
 * "SecretAccessKey", "SessionToken", "Expiration"} on its standard output
 * and exit with status 0 within the time limit.
 */
#pragma once

#include "dd-credentials-provider.h"

G_BEGIN_DECLS

#define DD_TYPE_PROVIDER_PROCESS (dd_provider_process_get_type ())

G_DECLARE_FINAL_TYPE (DdProviderProcess, dd_provider_process, DD, PROVIDER_PROCESS, GObject)

/* provider: the name the credentials carry ("profile:dev"). */
DdCredentialsProvider *dd_provider_process_new         (const char        *command_line,
                                                        const char        *provider);
/* Milliseconds the command may take (default 30000). */
void                   dd_provider_process_set_timeout (DdProviderProcess *self,
                                                        guint              timeout_ms);

G_END_DECLS
