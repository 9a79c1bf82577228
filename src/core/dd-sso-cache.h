/* dd-sso-cache.h: the IAM Identity Center (SSO) token cache the AWS CLI
 * shares.
 *
 * One JSON file per sign-in in ~/.aws/sso/cache, named after the SHA-1 (hex)
 * of the sso-session's name, or of the start URL for a legacy profile
 * without a session: {"startUrl", "region", "accessToken", "expiresAt"
 * ("2026-11-24T12:00:00Z"), and for a refreshable session "clientId",
 * "clientSecret", "registrationExpiresAt", "refreshToken"}. Files are
 * written atomically with mode 0600, in the same form, so the AWS CLI and
 * this program share one sign-in. Members the program does not know are
 * kept when a file is written back.
 */
#pragma once

#include "dd-types.h"

G_BEGIN_DECLS

typedef struct
{
  char      *start_url;
  char      *region;
  char      *access_token;
  GDateTime *expires_at;
  char      *client_id;
  char      *client_secret;
  GDateTime *registration_expires_at;
  char      *refresh_token;
  char      *extra;          /* other members, a JSON object's text, or NULL */
} DdSsoToken;

#define DD_TYPE_SSO_TOKEN (dd_sso_token_get_type ())

GType       dd_sso_token_get_type       (void) G_GNUC_CONST;
DdSsoToken *dd_sso_token_new            (void);
DdSsoToken *dd_sso_token_copy           (const DdSsoToken *token);
/* Wipes the secrets. */
void        dd_sso_token_free           (DdSsoToken       *token);
/* A cache document's text; DD_ERROR_CREDENTIALS when it is not one (no
 * accessToken or expiresAt). what names it in messages. */
DdSsoToken *dd_sso_token_parse          (const char       *data,
                                         gsize             len,
                                         const char       *what,
                                         GError          **error);
char       *dd_sso_token_to_json        (const DdSsoToken *token);
/* TRUE when the access token expires within margin_seconds of now. */
gboolean    dd_sso_token_expires_within (const DdSsoToken *token,
                                         GDateTime        *now,
                                         gint64            margin_seconds);
/* TRUE when it has a refresh token and a client registration that is
 * still valid at now. */
gboolean    dd_sso_token_can_refresh    (const DdSsoToken *token,
                                         GDateTime        *now);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdSsoToken, dd_sso_token_free)

#define DD_TYPE_SSO_CACHE (dd_sso_cache_get_type ())

G_DECLARE_FINAL_TYPE (DdSsoCache, dd_sso_cache, DD, SSO_CACHE, GObject)

/* directory NULL: ~/.aws/sso/cache. */
DdSsoCache *dd_sso_cache_new           (const char          *directory);
const char *dd_sso_cache_get_directory (DdSsoCache          *self);
/* "<sha1 hex of key>.json"; key is the session name or the start URL. */
char       *dd_sso_cache_file_name     (const char          *key);
char       *dd_sso_cache_get_path      (DdSsoCache          *self,
                                        const char          *key);

/* Reads the token stored under key; a missing file is a
 * DD_ERROR_CREDENTIALS error that names it and says to sign in. */
DdSsoToken *dd_sso_cache_load          (DdSsoCache          *self,
                                        const char          *key,
                                        GError             **error);
/* Writes it atomically (creating the directory, mode 0700, and the file,
 * mode 0600). */
gboolean    dd_sso_cache_save          (DdSsoCache          *self,
                                        const char          *key,
                                        const DdSsoToken    *token,
                                        GError             **error);

/* The same in a worker thread. */
void        dd_sso_cache_load_async    (DdSsoCache          *self,
                                        const char          *key,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
DdSsoToken *dd_sso_cache_load_finish   (DdSsoCache          *self,
                                        GAsyncResult        *result,
                                        GError             **error);
void        dd_sso_cache_save_async    (DdSsoCache          *self,
                                        const char          *key,
                                        const DdSsoToken    *token,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean    dd_sso_cache_save_finish   (DdSsoCache          *self,
                                        GAsyncResult        *result,
                                        GError             **error);

G_END_DECLS
