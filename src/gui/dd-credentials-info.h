/* dd-credentials-info.h: which credentials a source uses, in words.
 *
 * After a request went through, the session asks its (cached) provider
 * for the credentials and, for AWS, STS GetCallerIdentity for who they
 * are; on an endpoint on this machine the access key id is what matters
 * (DynamoDB Local keeps a database per key id and region). The text and
 * the expiry go to the source (dd_source_set_credentials_info), where the
 * sidebar row and the connection dialog show them.
 */
#pragma once

#include <gio/gio.h>

#include "dd-credentials-provider.h"

G_BEGIN_DECLS

/* "sso · 123456789012 · role ReadOnly": provider, then the account and
 * the identity from a caller ARN (assumed-role, user, root), or the access
 * key id when arn is NULL. */
char    *dd_credentials_info_format    (const char *provider,
                                        const char *account,
                                        const char *arn,
                                        const char *access_key_id);
/* "expires in 42 min", "expires in 1 h 5 min", "expired"; NULL when
 * expiration is 0 (long-term credentials). Unix seconds. */
char    *dd_credentials_info_time_left (gint64      expiration,
                                        gint64      now);

/* endpoint: the source's custom endpoint or NULL; a local one skips STS. */
void     dd_credentials_info_fetch_async  (DdCredentialsProvider *provider,
                                           const char            *region,
                                           const char            *endpoint,
                                           GCancellable          *cancellable,
                                           GAsyncReadyCallback    callback,
                                           gpointer               user_data);
/* The text; expiration (Unix seconds, 0 for none) in *expiration. */
char    *dd_credentials_info_fetch_finish (GAsyncResult          *result,
                                           gint64                *expiration,
                                           GError               **error);

G_END_DECLS
