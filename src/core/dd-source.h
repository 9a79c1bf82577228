/* dd-source.h: one saved data source.
 *
 * What is needed to reach DynamoDB: a name, how to sign in, the region and
 * an optional endpoint. The settings are saved in sources.json by
 * DdSourceStore; the secrets (secret access key, session token) are never
 * properties and never saved there: they live in memory once loaded from
 * the keyring (DdSecretStore). The source also carries its state for the
 * sidebar (connected, has-error, last-test-ok, last-error), never saved.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "dd-types.h"
#include "dd-credentials-provider.h"

G_BEGIN_DECLS

/* How a source signs in. The nicks are what sources.json holds. */
typedef enum
{
  DD_AUTH_MODE_IAM_KEYS,         /*< nick=iam-keys >*/
  DD_AUTH_MODE_INSTANCE_PROFILE, /*< nick=instance-profile >*/
  DD_AUTH_MODE_ROLE_ARN,         /*< nick=role-arn >*/
  DD_AUTH_MODE_PROFILE,          /*< nick=profile >*/
  DD_AUTH_MODE_SSO,              /*< nick=sso >*/
} DdAuthMode;

#define DD_TYPE_AUTH_MODE (dd_auth_mode_get_type ())
GType       dd_auth_mode_get_type  (void) G_GNUC_CONST;
/* "iam-keys", ...; NULL for an unknown value. */
const char *dd_auth_mode_to_string (DdAuthMode  mode);
/* Accepts the nicks; FALSE for anything else. */
gboolean    dd_auth_mode_from_string (const char *str,
                                      DdAuthMode *mode);

#define DD_TYPE_SOURCE (dd_source_get_type ())

G_DECLARE_FINAL_TYPE (DdSource, dd_source, DD, SOURCE, GObject)

/* A new source with a fresh random id. */
DdSource   *dd_source_new                 (const char  *name);

/* Reads one entry of sources.json. Unknown members are ignored; a member
 * of the wrong type, a missing id or name, or an unknown auth mode is an
 * error (DD_ERROR_INVALID_INPUT). */
DdSource   *dd_source_new_from_json       (JsonObject  *object,
                                           GError     **error);
/* The entry for sources.json: every setting, never a secret. */
JsonNode   *dd_source_to_json             (DdSource    *self);

/* A copy with a new id and the given name; the secrets are copied too
 * (and marked as not yet saved). The sidebar state is not copied. */
DdSource   *dd_source_duplicate           (DdSource    *self,
                                           const char  *name);

/* Checks that the settings are enough for the auth mode (a name; a region
 * or an endpoint; an access key id for IAM keys, a role ARN for a role, a
 * profile name for a profile). DD_ERROR_INVALID_INPUT. */
gboolean    dd_source_validate            (DdSource    *self,
                                           GError     **error);

const char *dd_source_get_id              (DdSource    *self);
const char *dd_source_get_name            (DdSource    *self);
void        dd_source_set_name            (DdSource    *self,
                                           const char  *name);
DdAuthMode  dd_source_get_auth_mode       (DdSource    *self);
void        dd_source_set_auth_mode       (DdSource    *self,
                                           DdAuthMode   mode);
const char *dd_source_get_region          (DdSource    *self);
void        dd_source_set_region          (DdSource    *self,
                                           const char  *region);
/* NULL: the region's endpoint. */
const char *dd_source_get_endpoint        (DdSource    *self);
void        dd_source_set_endpoint        (DdSource    *self,
                                           const char  *endpoint);
const char *dd_source_get_access_key_id   (DdSource    *self);
void        dd_source_set_access_key_id   (DdSource    *self,
                                           const char  *access_key_id);
const char *dd_source_get_role_arn        (DdSource    *self);
void        dd_source_set_role_arn        (DdSource    *self,
                                           const char  *role_arn);
const char *dd_source_get_session_name    (DdSource    *self);
void        dd_source_set_session_name    (DdSource    *self,
                                           const char  *session_name);
const char *dd_source_get_external_id     (DdSource    *self);
void        dd_source_set_external_id     (DdSource    *self,
                                           const char  *external_id);
/* For a role: the id of the source whose credentials assume it; NULL for
 * the default credential chain. */
const char *dd_source_get_base_source_id  (DdSource    *self);
void        dd_source_set_base_source_id  (DdSource    *self,
                                           const char  *base_source_id);
const char *dd_source_get_profile_name    (DdSource    *self);
void        dd_source_set_profile_name    (DdSource    *self,
                                           const char  *profile_name);
gboolean    dd_source_get_read_only       (DdSource    *self);
void        dd_source_set_read_only       (DdSource    *self,
                                           gboolean     read_only);
/* A colour tag name ("blue", "red", ...) or NULL. */
const char *dd_source_get_color           (DdSource    *self);
void        dd_source_set_color           (DdSource    *self,
                                           const char  *color);

/* A role's MFA device (role ARN mode): the code is asked for when the
 * role is assumed (see dd-mfa.h). */
const char *dd_source_get_mfa_serial      (DdSource    *self);
void        dd_source_set_mfa_serial      (DdSource    *self,
                                           const char  *mfa_serial);
/* IAM Identity Center (auth mode "sso"): the sign-in's start URL and
 * region, and the account and role whose credentials are used. */
const char *dd_source_get_sso_start_url   (DdSource    *self);
void        dd_source_set_sso_start_url   (DdSource    *self,
                                           const char  *start_url);
const char *dd_source_get_sso_region      (DdSource    *self);
void        dd_source_set_sso_region      (DdSource    *self,
                                           const char  *region);
const char *dd_source_get_sso_account_id  (DdSource    *self);
void        dd_source_set_sso_account_id  (DdSource    *self,
                                           const char  *account_id);
const char *dd_source_get_sso_role_name   (DdSource    *self);
void        dd_source_set_sso_role_name   (DdSource    *self,
                                           const char  *role_name);

/* Sidebar state, never saved. */
gboolean    dd_source_get_connected       (DdSource    *self);
void        dd_source_set_connected       (DdSource    *self,
                                           gboolean     connected);
gboolean    dd_source_get_has_error       (DdSource    *self);
gboolean    dd_source_get_last_test_ok    (DdSource    *self);
const char *dd_source_get_last_error      (DdSource    *self);
/* Records the outcome of a connection test or a request: error NULL means
 * it went through (last-test-ok TRUE, has-error FALSE, connected TRUE). */
void        dd_source_set_last_result     (DdSource     *self,
                                           const GError *error);

/* What the last credentials were: a line such as "sso · 123456789012 ·
 * role ReadOnly" (credentials-info) and when they expire, in Unix
 * seconds, 0 for long-term ones (credentials-expiration). */
const char *dd_source_get_credentials_info       (DdSource    *self);
gint64      dd_source_get_credentials_expiration (DdSource    *self);
void        dd_source_set_credentials_info       (DdSource    *self,
                                                  const char  *info,
                                                  gint64       expiration);

/* Secrets, in memory only. */
gboolean    dd_source_has_secrets         (DdSource    *self);
const char *dd_source_get_secret_access_key (DdSource  *self);
const char *dd_source_get_session_token   (DdSource    *self);
/* Sets the secrets and marks them as not yet saved to the keyring. */
void        dd_source_set_secrets         (DdSource    *self,
                                           const char  *secret_access_key,
                                           const char  *session_token);
/* Wipes and forgets the secrets held in memory. */
void        dd_source_clear_secrets       (DdSource    *self);
/* For DdSourceStore: whether the secrets changed since they were last
 * saved to (or loaded from) the keyring, and marking them saved. */
gboolean    dd_source_get_secrets_dirty   (DdSource    *self);
void        dd_source_set_secrets_saved   (DdSource    *self);

/* The credentials provider for the source: IAM keys -> static keys (the
 * secrets must be loaded, see dd_source_store_load_secrets_async); instance
 * profile -> IMDS/container; role -> assume role over the base source (or
 * the default chain); profile -> the shared config profile; sso -> IAM Identity Center
 * (dd-provider-sso.h), all but static keys in a DdProviderCache. store is used
 * to find the base source of a role and may be NULL for other modes. */
DdCredentialsProvider *dd_source_create_provider (DdSource      *self,
                                                  DdSourceStore *store,
                                                  GError       **error);

G_END_DECLS
