/* dd-provider-sso.c: credentials from IAM Identity Center (SSO).
 *
 * Token handling follows the AWS CLI and SDKs: a token is refreshed when it
 * expires within 5 minutes, if it came from an sso-session sign-in (with a
 * refresh token and a client registration that is still valid); when the
 * refresh fails, a token that has not yet expired is still used.
 */
#define G_LOG_DOMAIN "dd-provider-sso"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-error.h"
#include "dd-provider-sso.h"
#include "dd-provider-util.h"
#include "dd-sso-portal.h"

#define REFRESH_MARGIN_SECONDS 300
#define DEFAULT_SCOPE "sso:account:access"
#define SIGN_IN_HINT N_("Sign in again: dynamo-desk-cli sso login --profile NAME, or aws sso login.")

/* The provider. */

struct _DdProviderSso
{
  GObject         parent_instance;
  DdSsoConfig    *config;
  DdSsoCache     *cache;
  DdSsoPortal    *portal;
  DdSsoOidc      *oidc;
  char           *provider;
  DdNowFunc       now_func;
  gpointer        now_data;
  GDestroyNotify  now_destroy;
};

static void provider_iface_init (DdCredentialsProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DdProviderSso, dd_provider_sso, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (DD_TYPE_CREDENTIALS_PROVIDER, provider_iface_init))

static GDateTime *
now (DdProviderSso *self)
{
  return self->now_func != NULL ? self->now_func (self->now_data) : g_date_time_new_now_utc ();
}

static GError *
signed_out_error (DdProviderSso *self,
                  gboolean       refresh_failed)
{
  GError *error = refresh_failed
    ? g_error_new (DD_ERROR, DD_ERROR_CREDENTIALS,
                   _("the IAM Identity Center sign-in to %s has expired and could not be refreshed"),
                   self->config->start_url)
    : g_error_new (DD_ERROR, DD_ERROR_CREDENTIALS, _("the IAM Identity Center sign-in to %s has expired"),
                   self->config->start_url);

  dd_error_set_hint (error, _(SIGN_IN_HINT));
  return error;
}

/* The token. */

typedef struct
{
  DdSsoToken *token;
  DdSsoToken *refreshed;
  GDateTime  *now;
} TokenCall;

static void
token_call_free (TokenCall *call)
{
  g_clear_pointer (&call->token, dd_sso_token_free);
  g_clear_pointer (&call->refreshed, dd_sso_token_free);
  g_clear_pointer (&call->now, g_date_time_unref);
  g_free (call);
}

static void
return_token (GTask            *task,
              const DdSsoToken *token)
{
  g_task_return_pointer (task, dd_sso_token_copy (token), (GDestroyNotify) dd_sso_token_free);
}

/* The token cache of the profile's session, read or written for task
 * (whose source is the provider); callback gets the task. */
static void
load_cached_token (GTask               *task,
                   GAsyncReadyCallback  callback)
{
  DdProviderSso *self = g_task_get_source_object (task);

  dd_sso_cache_load_async (self->cache, dd_sso_config_cache_key (self->config),
                           g_task_get_cancellable (task), callback, task);
}

static void
save_cached_token (GTask               *task,
                   const DdSsoToken    *token,
                   GAsyncReadyCallback  callback)
{
  DdProviderSso *self = g_task_get_source_object (task);

  dd_sso_cache_save_async (self->cache, dd_sso_config_cache_key (self->config), token,
                           g_task_get_cancellable (task), callback, g_object_ref (task));
}

/* A refresh failed: the old token serves while it has not expired. */
static void
refresh_failed (GTask  *task,
                GError *error)
{
  DdProviderSso *self = g_task_get_source_object (task);
  TokenCall *call = g_task_get_task_data (task);

  if (!dd_sso_token_expires_within (call->token, call->now, 0) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_debug ("the SSO token could not be refreshed (%s); the current one is still valid", error->message);
      g_error_free (error);
      return_token (task, call->token);
      return;
    }
  if (error->domain == DD_ERROR && error->code == DD_ERROR_SERVICE)
    {
      GError *expired = signed_out_error (self, TRUE);

      g_prefix_error (&expired, "%s: ", error->message);
      g_error_free (error);
      error = expired;
    }
  g_task_return_error (task, error);
}

static void
token_saved_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TokenCall *call = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* The refreshed token is good even when the cache could not take it. */
  if (!dd_sso_cache_save_finish (DD_SSO_CACHE (source), result, &error))
    g_message ("%s", error->message);
  return_token (task, call->refreshed);
}

static void
refreshed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TokenCall *call = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(DdSsoTokenGrant) grant = dd_sso_oidc_create_token_finish (DD_SSO_OIDC (source), result, &error);

  if (grant == NULL)
    {
      refresh_failed (task, error);
      return;
    }
  call->refreshed = dd_sso_token_copy (call->token);
  g_free (call->refreshed->access_token);
  call->refreshed->access_token = g_strdup (grant->access_token);
  g_clear_pointer (&call->refreshed->expires_at, g_date_time_unref);
  call->refreshed->expires_at = g_date_time_add_seconds (call->now, (gdouble) grant->expires_in);
  if (grant->refresh_token != NULL)
    {
      g_free (call->refreshed->refresh_token);
      call->refreshed->refresh_token = g_strdup (grant->refresh_token);
    }
  save_cached_token (task, call->refreshed, token_saved_cb);
}

static DdSsoOidc *
oidc_for (DdProviderSso *self,
          const char    *region)
{
  if (self->oidc == NULL)
    self->oidc = dd_sso_oidc_new (region != NULL ? region : self->config->region, NULL);
  return self->oidc;
}

static void
token_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DdProviderSso *self = g_task_get_source_object (task);
  TokenCall *call = g_task_get_task_data (task);
  GError *error = NULL;

  call->token = dd_sso_cache_load_finish (DD_SSO_CACHE (source), result, &error);
  if (call->token == NULL)
    {
      dd_error_set_hint (error, _(SIGN_IN_HINT));
      g_task_return_error (task, error);
      return;
    }
  call->now = now (self);
  if (!dd_sso_token_expires_within (call->token, call->now, REFRESH_MARGIN_SECONDS))
    return_token (task, call->token);
  else if (self->config->session_name != NULL && dd_sso_token_can_refresh (call->token, call->now))
    {
      DdSsoRegistration registration = { call->token->client_id, call->token->client_secret, NULL };

      dd_sso_oidc_create_token_async (oidc_for (self, call->token->region), &registration,
                                      DD_SSO_GRANT_REFRESH_TOKEN, call->token->refresh_token,
                                      g_task_get_cancellable (task), refreshed_cb, g_object_ref (task));
    }
  else if (!dd_sso_token_expires_within (call->token, call->now, 0))
    return_token (task, call->token);
  else
    g_task_return_error (task, signed_out_error (self, FALSE));
}

void
dd_provider_sso_get_token_async (DdProviderSso       *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (DD_IS_PROVIDER_SSO (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_provider_sso_get_token_async);
  g_task_set_task_data (task, g_new0 (TokenCall, 1), (GDestroyNotify) token_call_free);
  load_cached_token (task, token_loaded_cb);
}

DdSsoToken *
dd_provider_sso_get_token_finish (DdProviderSso  *self,
                                  GAsyncResult   *result,
                                  GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Credentials. */

static void
role_credentials_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DdProviderSso *self = g_task_get_source_object (task);
  GError *error = NULL;
  DdCredentials *credentials = dd_sso_portal_get_role_credentials_finish (DD_SSO_PORTAL (source), result, &error);

  if (credentials == NULL)
    {
      if (g_strcmp0 (dd_error_get_aws_code (error), "UnauthorizedException") == 0)
        dd_error_set_hint (error, _(SIGN_IN_HINT));
      g_prefix_error (&error, _("role %s of account %s: "), self->config->role_name, self->config->account_id);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, credentials, (GDestroyNotify) dd_credentials_unref);
}

static DdSsoPortal *
portal (DdProviderSso *self)
{
  if (self->portal == NULL)
    self->portal = dd_sso_portal_new (self->config->region, NULL);
  return self->portal;
}

static void
credentials_token_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DdProviderSso *self = g_task_get_source_object (task);
  GError *error = NULL;
  g_autoptr(DdSsoToken) token = dd_provider_sso_get_token_finish (self, result, &error);

  if (token == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  dd_sso_portal_get_role_credentials_async (portal (self), token->access_token, self->config->account_id,
                                            self->config->role_name, self->provider,
                                            g_task_get_cancellable (task), role_credentials_cb,
                                            g_object_ref (task));
}

static void
get_credentials_async (DdCredentialsProvider *provider,
                       GCancellable          *cancellable,
                       GAsyncReadyCallback    callback,
                       gpointer               user_data)
{
  DdProviderSso *self = DD_PROVIDER_SSO (provider);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, get_credentials_async);
  if (self->config->account_id == NULL || self->config->role_name == NULL)
    {
      g_task_return_new_error (task, DD_ERROR, DD_ERROR_CREDENTIALS,
                               _("the IAM Identity Center sign-in to %s has no account and role "
                               "(sso_account_id, sso_role_name) to get credentials for"),
                               self->config->start_url);
      g_object_unref (task);
      return;
    }
  dd_provider_sso_get_token_async (self, cancellable, credentials_token_cb, task);
}

static void
provider_iface_init (DdCredentialsProviderInterface *iface)
{
  iface->get_credentials_async = get_credentials_async;
  iface->get_credentials_finish = dd_provider_util_credentials_finish;
}

static void
dd_provider_sso_finalize (GObject *object)
{
  DdProviderSso *self = DD_PROVIDER_SSO (object);

  if (self->now_destroy != NULL)
    self->now_destroy (self->now_data);
  dd_sso_config_free (self->config);
  g_clear_object (&self->cache);
  g_clear_object (&self->portal);
  g_clear_object (&self->oidc);
  g_free (self->provider);
  G_OBJECT_CLASS (dd_provider_sso_parent_class)->finalize (object);
}

static void
dd_provider_sso_class_init (DdProviderSsoClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_provider_sso_finalize;
}

static void
dd_provider_sso_init (DdProviderSso *self)
{
  self->provider = g_strdup ("sso");
}

DdCredentialsProvider *
dd_provider_sso_new (const DdSsoConfig *config)
{
  DdProviderSso *self;

  g_return_val_if_fail (config != NULL && config->start_url != NULL, NULL);
  self = g_object_new (DD_TYPE_PROVIDER_SSO, NULL);
  self->config = dd_sso_config_copy (config);
  self->cache = dd_sso_cache_new (NULL);
  return DD_CREDENTIALS_PROVIDER (self);
}

DdCredentialsProvider *
dd_provider_sso_new_for_profile (DdProfileFile  *file,
                                 const char     *profile,
                                 GError        **error)
{
  GError *local_error = NULL;
  g_autoptr(DdSsoConfig) config = dd_sso_config_from_profile (file, profile, &local_error);

  if (config == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        g_set_error (error, DD_ERROR, DD_ERROR_CREDENTIALS, _("profile `%s` has no IAM Identity Center (SSO) settings"),
                     profile);
      return NULL;
    }
  if (config->account_id == NULL)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_CREDENTIALS,
                   _("profile `%s`: selected profile will resolve an access token instead of credentials "
                   "since it has no sso_account_id and sso_role_name"), profile);
      return NULL;
    }
  return dd_provider_sso_new (config);
}

const DdSsoConfig *
dd_provider_sso_get_config (DdProviderSso *self)
{
  g_return_val_if_fail (DD_IS_PROVIDER_SSO (self), NULL);
  return self->config;
}

void
dd_provider_sso_set_cache (DdProviderSso *self,
                           DdSsoCache    *cache)
{
  g_return_if_fail (DD_IS_PROVIDER_SSO (self));
  g_return_if_fail (DD_IS_SSO_CACHE (cache));
  g_set_object (&self->cache, cache);
}

void
dd_provider_sso_set_now_func (DdProviderSso  *self,
                              DdNowFunc       func,
                              gpointer        user_data,
                              GDestroyNotify  destroy)
{
  g_return_if_fail (DD_IS_PROVIDER_SSO (self));
  if (self->now_destroy != NULL)
    self->now_destroy (self->now_data);
  self->now_func = func;
  self->now_data = user_data;
  self->now_destroy = destroy;
}

void
dd_provider_sso_set_endpoints (DdProviderSso *self,
                               const char    *portal_endpoint,
                               const char    *oidc_endpoint)
{
  g_return_if_fail (DD_IS_PROVIDER_SSO (self));
  g_clear_object (&self->portal);
  g_clear_object (&self->oidc);
  if (portal_endpoint != NULL)
    self->portal = dd_sso_portal_new (NULL, portal_endpoint);
  if (oidc_endpoint != NULL)
    self->oidc = dd_sso_oidc_new (NULL, oidc_endpoint);
}

void
dd_provider_sso_set_time_unit (DdProviderSso *self,
                               guint          milliseconds)
{
  g_return_if_fail (DD_IS_PROVIDER_SSO (self));
  dd_sso_oidc_set_time_unit (oidc_for (self, NULL), milliseconds);
}

void
dd_provider_sso_set_provider_name (DdProviderSso *self,
                                   const char    *name)
{
  g_return_if_fail (DD_IS_PROVIDER_SSO (self));
  g_free (self->provider);
  self->provider = g_strdup (name != NULL ? name : "sso");
}

/* Signing in. */

typedef struct
{
  DdSsoPromptFunc    prompt;
  gpointer           prompt_data;
  DdSsoRegistration *registration;
  DdSsoToken        *token;
  GDateTime         *started;
} Login;

static void
login_free (Login *login)
{
  dd_sso_registration_free (login->registration);
  dd_sso_token_free (login->token);
  g_clear_pointer (&login->started, g_date_time_unref);
  g_free (login);
}

static void
login_saved_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Login *login = g_task_get_task_data (task);
  GError *error = NULL;

  if (!dd_sso_cache_save_finish (DD_SSO_CACHE (source), result, &error))
    g_task_return_error (task, error);
  else
    return_token (task, login->token);
}

static DdSsoToken *
login_token (DdProviderSso         *self,
             Login                 *login,
             const DdSsoTokenGrant *grant)
{
  DdSsoToken *token = dd_sso_token_new ();

  token->start_url = g_strdup (self->config->start_url);
  token->region = g_strdup (self->config->region);
  token->access_token = g_strdup (grant->access_token);
  token->expires_at = g_date_time_add_seconds (login->started, (gdouble) grant->expires_in);
  if (self->config->session_name != NULL)
    {
      token->client_id = g_strdup (login->registration->client_id);
      token->client_secret = g_strdup (login->registration->client_secret);
      if (login->registration->expires_at != NULL)
        token->registration_expires_at = g_date_time_ref (login->registration->expires_at);
      token->refresh_token = g_strdup (grant->refresh_token);
    }
  return token;
}

static void
login_polled_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DdProviderSso *self = g_task_get_source_object (task);
  Login *login = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(DdSsoTokenGrant) grant = dd_sso_oidc_poll_token_finish (DD_SSO_OIDC (source), result, &error);

  if (grant == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  login->token = login_token (self, login, grant);
  save_cached_token (task, login->token, login_saved_cb);
}

static void
authorization_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Login *login = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(DdSsoDeviceAuthorization) authorization =
    dd_sso_oidc_start_device_authorization_finish (DD_SSO_OIDC (source), result, &error);

  if (authorization == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (login->prompt != NULL)
    login->prompt (authorization, login->prompt_data);
  login->started = now (g_task_get_source_object (task));
  dd_sso_oidc_poll_token_async (DD_SSO_OIDC (source), login->registration, authorization,
                                g_task_get_cancellable (task), login_polled_cb, g_object_ref (task));
}

static void
authorize (GTask *task)
{
  DdProviderSso *self = g_task_get_source_object (task);
  Login *login = g_task_get_task_data (task);

  dd_sso_oidc_start_device_authorization_async (oidc_for (self, NULL), login->registration,
                                                self->config->start_url, g_task_get_cancellable (task),
                                                authorization_cb, task);
}

static void
registered_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  Login *login = g_task_get_task_data (task);
  GError *error = NULL;

  login->registration = dd_sso_oidc_register_client_finish (DD_SSO_OIDC (source), result, &error);
  if (login->registration == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  authorize (task);
}

/* A cached sso-session token's registration is used again while valid. */
static DdSsoRegistration *
cached_registration (DdProviderSso    *self,
                     const DdSsoToken *cached)
{
  g_autoptr(GDateTime) current = now (self);
  DdSsoRegistration *registration;

  if (cached == NULL || self->config->session_name == NULL || cached->client_id == NULL ||
      cached->client_secret == NULL || cached->registration_expires_at == NULL ||
      g_date_time_difference (cached->registration_expires_at, current) < G_TIME_SPAN_HOUR)
    return NULL;
  registration = g_new0 (DdSsoRegistration, 1);
  registration->client_id = g_strdup (cached->client_id);
  registration->client_secret = g_strdup (cached->client_secret);
  registration->expires_at = g_date_time_ref (cached->registration_expires_at);
  return registration;
}

static void
login_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  DdProviderSso *self = g_task_get_source_object (task);
  Login *login = g_task_get_task_data (task);
  g_autoptr(DdSsoToken) cached = dd_sso_cache_load_finish (DD_SSO_CACHE (source), result, NULL);
  g_autofree char *client_name = NULL;
  const char *const default_scopes[] = { DEFAULT_SCOPE, NULL };
  const char *const *scopes = NULL;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  if ((login->registration = cached_registration (self, cached)) != NULL)
    {
      authorize (task);
      return;
    }
  if (self->config->session_name != NULL)
    scopes = self->config->registration_scopes ? (const char *const *) self->config->registration_scopes
                                               : default_scopes;
  client_name = g_strdup_printf ("dynamo-desk-%s", self->config->session_name ? self->config->session_name : "legacy");
  dd_sso_oidc_register_client_async (oidc_for (self, NULL), client_name, scopes, g_task_get_cancellable (task),
                                     registered_cb, task);
}

void
dd_provider_sso_login_async (DdProviderSso       *self,
                             DdSsoPromptFunc      prompt,
                             gpointer             prompt_data,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  Login *login;

  g_return_if_fail (DD_IS_PROVIDER_SSO (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_provider_sso_login_async);
  login = g_new0 (Login, 1);
  login->prompt = prompt;
  login->prompt_data = prompt_data;
  g_task_set_task_data (task, login, (GDestroyNotify) login_free);
  load_cached_token (task, login_loaded_cb);
}

DdSsoToken *
dd_provider_sso_login_finish (DdProviderSso  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Accounts and roles. */

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GPtrArray *items;

  if (g_task_get_task_data (task) != NULL)
    items = dd_sso_portal_list_account_roles_finish (DD_SSO_PORTAL (source), result, &error);
  else
    items = dd_sso_portal_list_accounts_finish (DD_SSO_PORTAL (source), result, &error);
  if (items == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, items, (GDestroyNotify) g_ptr_array_unref);
}

static void
list_token_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DdProviderSso *self = g_task_get_source_object (task);
  const char *account_id = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(DdSsoToken) token = dd_provider_sso_get_token_finish (self, result, &error);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (token == NULL)
    g_task_return_error (task, error);
  else if (account_id != NULL)
    dd_sso_portal_list_account_roles_async (portal (self), token->access_token, account_id, cancellable,
                                            listed_cb, g_steal_pointer (&task));
  else
    dd_sso_portal_list_accounts_async (portal (self), token->access_token, cancellable,
                                       listed_cb, g_steal_pointer (&task));
}

static void
list_async (DdProviderSso       *self,
            const char          *account_id,
            gpointer             source_tag,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, g_strdup (account_id), g_free);
  dd_provider_sso_get_token_async (self, cancellable, list_token_cb, task);
}

void
dd_provider_sso_list_accounts_async (DdProviderSso       *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (DD_IS_PROVIDER_SSO (self));
  list_async (self, NULL, dd_provider_sso_list_accounts_async, cancellable, callback, user_data);
}

GPtrArray *
dd_provider_sso_list_accounts_finish (DdProviderSso  *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
dd_provider_sso_list_account_roles_async (DdProviderSso       *self,
                                          const char          *account_id,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_return_if_fail (DD_IS_PROVIDER_SSO (self));
  g_return_if_fail (account_id != NULL);
  list_async (self, account_id, dd_provider_sso_list_account_roles_async, cancellable, callback, user_data);
}

GPtrArray *
dd_provider_sso_list_account_roles_finish (DdProviderSso  *self,
                                           GAsyncResult   *result,
                                           GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
