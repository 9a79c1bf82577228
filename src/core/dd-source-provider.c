/* dd-source-provider.c: the credentials provider for a DdSource. */
#define G_LOG_DOMAIN "dd-source"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-error.h"
#include "dd-provider-static.h"
#include "dd-provider-assume-role.h"
#include "dd-provider-cache.h"
#include "dd-provider-chain.h"
#include "dd-provider-container.h"
#include "dd-provider-imds.h"
#include "dd-provider-profile.h"
#include "dd-provider-sso.h"
#include "dd-source-store.h"
#include "dd-source-provider.h"

/* Roles may be stacked (a role over a source that is itself a role), but
 * not in a loop. */
#define MAX_BASE_DEPTH 8

static DdCredentialsProvider *create_provider (DdSource       *self,
                                               DdSourceStore  *store,
                                               guint           depth,
                                               GError        **error);

static DdCredentialsProvider *
create_static_provider (DdSource  *self,
                        GError   **error)
{
  g_autoptr(DdCredentials) credentials = NULL;

  if (self->strings[PROP_ACCESS_KEY_ID] == NULL)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_CREDENTIALS,
                   _("The data source “%s” has no access key id"), self->strings[PROP_NAME]);
      return NULL;
    }
  if (self->secret_access_key == NULL)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_CREDENTIALS,
                   _("The secret access key of “%s” is not available: enter it again"),
                   self->strings[PROP_NAME]);
      return NULL;
    }
  credentials = dd_credentials_new (self->strings[PROP_ACCESS_KEY_ID], self->secret_access_key,
                                    self->session_token, NULL, "static");
  return dd_provider_static_new (credentials);
}


/* An instance profile: the container endpoint when the environment names
 * one (ECS, EKS), else the EC2 instance metadata service. */
static DdCredentialsProvider *
create_instance_provider (DdSource  *self,
                          GError   **error)
{
  g_autoptr(DdCredentialsProvider) chain = dd_provider_chain_new ();
  g_autoptr(DdCredentialsProvider) imds = dd_provider_imds_new ();
  g_autofree char *container_uri = dd_provider_container_resolve_uri (NULL);

  if (container_uri != NULL)
    {
      g_autoptr(DdCredentialsProvider) container = dd_provider_container_new ();
      dd_provider_chain_append (DD_PROVIDER_CHAIN (chain), "container", container);
    }
  dd_provider_chain_append (DD_PROVIDER_CHAIN (chain), "instance metadata", imds);
  return dd_provider_cache_new (chain);
}

static DdCredentialsProvider *
create_role_provider (DdSource       *self,
                      DdSourceStore  *store,
                      guint           depth,
                      GError        **error)
{
  g_autoptr(DdCredentialsProvider) base = NULL;
  g_autoptr(DdCredentialsProvider) role = NULL;
  const char *base_id = self->strings[PROP_BASE_SOURCE_ID];

  if (self->strings[PROP_ROLE_ARN] == NULL)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_CREDENTIALS,
                   _("The data source “%s” has no role ARN"), self->strings[PROP_NAME]);
      return NULL;
    }
  if (base_id == NULL)
    base = dd_provider_chain_new_default ();
  else
    {
      DdSource *base_source = store != NULL ? dd_source_store_lookup (store, base_id) : NULL;

      if (base_source == NULL)
        {
          g_set_error (error, DD_ERROR, DD_ERROR_CREDENTIALS,
                       _("The source that assumes the role of “%s” no longer exists"),
                       self->strings[PROP_NAME]);
          return NULL;
        }
      base = create_provider (base_source, store, depth + 1, error);
      if (base == NULL)
        return NULL;
    }
  role = dd_provider_assume_role_new (base, self->strings[PROP_ROLE_ARN]);
  if (self->strings[PROP_SESSION_NAME] != NULL)
    dd_provider_assume_role_set_session_name (DD_PROVIDER_ASSUME_ROLE (role),
                                              self->strings[PROP_SESSION_NAME]);
  if (self->strings[PROP_EXTERNAL_ID] != NULL)
    dd_provider_assume_role_set_external_id (DD_PROVIDER_ASSUME_ROLE (role),
                                             self->strings[PROP_EXTERNAL_ID]);
  if (self->strings[PROP_REGION] != NULL)
    dd_provider_assume_role_set_region (DD_PROVIDER_ASSUME_ROLE (role), self->strings[PROP_REGION]);
  if (self->strings[PROP_MFA_SERIAL] != NULL)
    dd_provider_assume_role_set_mfa_serial (DD_PROVIDER_ASSUME_ROLE (role), self->strings[PROP_MFA_SERIAL]);
  return dd_provider_cache_new (role);
}

static DdCredentialsProvider *
create_profile_provider (DdSource  *self,
                         GError   **error)
{
  g_autoptr(DdCredentialsProvider) profile = NULL;

  if (self->strings[PROP_PROFILE_NAME] == NULL)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_CREDENTIALS,
                   _("The data source “%s” names no profile"), self->strings[PROP_NAME]);
      return NULL;
    }
  profile = dd_provider_profile_new (self->strings[PROP_PROFILE_NAME]);
  return dd_provider_cache_new (profile);
}

/* IAM Identity Center: the sign-in's token from the AWS CLI's cache (named
 * by the start URL, the legacy form), the role's credentials from the
 * portal. */
static DdCredentialsProvider *
create_sso_provider (DdSource  *self,
                     GError   **error)
{
  g_autoptr(DdSsoConfig) config = dd_sso_config_new ();
  g_autoptr(DdCredentialsProvider) sso = NULL;

  if (self->strings[PROP_SSO_START_URL] == NULL || self->strings[PROP_SSO_REGION] == NULL
      || self->strings[PROP_SSO_ACCOUNT_ID] == NULL || self->strings[PROP_SSO_ROLE_NAME] == NULL)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_CREDENTIALS,
                   _("The data source “%s” has no complete IAM Identity Center settings"),
                   self->strings[PROP_NAME]);
      return NULL;
    }
  config->start_url = g_strdup (self->strings[PROP_SSO_START_URL]);
  config->region = g_strdup (self->strings[PROP_SSO_REGION]);
  config->account_id = g_strdup (self->strings[PROP_SSO_ACCOUNT_ID]);
  config->role_name = g_strdup (self->strings[PROP_SSO_ROLE_NAME]);
  sso = dd_provider_sso_new (config);
  return dd_provider_cache_new (sso);
}

static DdCredentialsProvider *
create_provider (DdSource       *self,
                 DdSourceStore  *store,
                 guint           depth,
                 GError        **error)
{
  if (depth > MAX_BASE_DEPTH)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_CREDENTIALS,
                   _("The data source “%s” is part of a loop of roles"), self->strings[PROP_NAME]);
      return NULL;
    }
  switch (self->auth_mode)
    {
    case DD_AUTH_MODE_IAM_KEYS:
      return create_static_provider (self, error);
    case DD_AUTH_MODE_INSTANCE_PROFILE:
      return create_instance_provider (self, error);
    case DD_AUTH_MODE_ROLE_ARN:
      return create_role_provider (self, store, depth, error);
    case DD_AUTH_MODE_PROFILE:
      return create_profile_provider (self, error);
    case DD_AUTH_MODE_SSO:
      return create_sso_provider (self, error);
    default:
      g_assert_not_reached ();
    }
}

DdCredentialsProvider *
dd_source_create_provider (DdSource       *self,
                           DdSourceStore  *store,
                           GError        **error)
{
  g_return_val_if_fail (DD_IS_SOURCE (self), NULL);
  g_return_val_if_fail (store == NULL || DD_IS_SOURCE_STORE (store), NULL);

  return create_provider (self, store, 0, error);
}
