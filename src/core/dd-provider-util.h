/* dd-provider-util.h: what the HTTP credential providers share.
 *
 * A short HTTP exchange with a per-attempt time limit and a retry on
 * network faults, time-outs and 5xx answers (for the instance metadata
 * service and the container endpoint), and the JSON credential documents
 * those endpoints and credential_process print; and what every
 * DdCredentialsProvider's get_credentials_finish does.
 */
#pragma once

#include <libsoup/soup.h>

#include "dd-types.h"
#include "dd-credentials.h"

G_BEGIN_DECLS

/* A session for link-local and loopback endpoints: no proxy, no redirect. */
SoupSession   *dd_provider_util_session_new       (guint                timeout_seconds);

/* headers: name, value, name, value, ..., NULL. body may be NULL. The
 * result is the answer's body, whatever its status; status receives it. */
void           dd_provider_util_fetch_async       (SoupSession         *session,
                                                   const char          *method,
                                                   const char          *url,
                                                   const char *const   *headers,
                                                   guint                timeout_ms,
                                                   guint                attempts,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GBytes        *dd_provider_util_fetch_finish      (GAsyncResult        *result,
                                                   guint               *status,
                                                   GError             **error);

/* Reads {"AccessKeyId", "SecretAccessKey", token_member, "Expiration"};
 * what names the document in error messages ("the instance metadata
 * service's answer"). */
DdCredentials *dd_provider_util_parse_credentials (const char          *data,
                                                   gsize                len,
                                                   const char          *token_member,
                                                   const char          *provider,
                                                   const char          *what,
                                                   GError             **error);

/* "2021-08-05T19:58:02Z" (also with an offset or fractions), or NULL. */
GDateTime     *dd_provider_util_parse_time        (const char          *text);

/* Ends task with credentials (taken), or with error (taken) when they are
 * NULL. */
void           dd_provider_util_return_credentials (GTask              *task,
                                                    DdCredentials      *credentials,
                                                    GError             *error);

/* A DdCredentialsProviderInterface.get_credentials_finish for providers
 * whose task (source object: the provider) returns the credentials as
 * its pointer. */
DdCredentials *dd_provider_util_credentials_finish (DdCredentialsProvider  *provider,
                                                    GAsyncResult           *result,
                                                    GError                **error);

G_END_DECLS
