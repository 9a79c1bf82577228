/* dd-credentials.h: one set of AWS credentials, immutable and refcounted.
 *
 * The secret and the session token are held in memory only and wiped when
 * the last reference goes.
 */
#pragma once

#include "dd-types.h"

G_BEGIN_DECLS

#define DD_TYPE_CREDENTIALS (dd_credentials_get_type ())

GType          dd_credentials_get_type              (void) G_GNUC_CONST;
/* expiration may be NULL (long-lived credentials). provider names where the
 * credentials came from ("environment", "profile default", "imds", ...). */
DdCredentials *dd_credentials_new                   (const char    *access_key_id,
                                                     const char    *secret_access_key,
                                                     const char    *session_token,
                                                     GDateTime     *expiration,
                                                     const char    *provider);
DdCredentials *dd_credentials_ref                   (DdCredentials *self);
void           dd_credentials_unref                 (DdCredentials *self);
const char    *dd_credentials_get_access_key_id     (DdCredentials *self);
const char    *dd_credentials_get_secret_access_key (DdCredentials *self);
const char    *dd_credentials_get_session_token     (DdCredentials *self);
GDateTime     *dd_credentials_get_expiration        (DdCredentials *self);
const char    *dd_credentials_get_provider          (DdCredentials *self);
/* TRUE when the credentials expire within margin_seconds of now (which is
 * an input, so tests need not wait). Never expires without an expiration. */
gboolean       dd_credentials_expires_within        (DdCredentials *self,
                                                     GDateTime     *now,
                                                     gint64         margin_seconds);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdCredentials, dd_credentials_unref)

G_END_DECLS
