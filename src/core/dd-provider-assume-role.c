/* dd-provider-assume-role.c: a role assumed by ARN through STS AssumeRole. */
#define G_LOG_DOMAIN "dd-provider-assume-role"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-error.h"
#include "dd-provider-assume-role.h"
#include "dd-provider-util.h"
#include "dd-provider-web-identity.h"
#include "dd-sts.h"
#include "dd-wipe.h"

struct _DdProviderAssumeRole
{
  GObject                parent_instance;
  DdCredentialsProvider *base;
  char                  *role_arn;
  char                  *session_name;
  char                  *external_id;
  guint                  duration;
  char                  *mfa_serial;
  char                  *region;
  char                  *sts_endpoint;
  char                  *provider;
  DdTokenCodeFunc        token_code_func;
  gpointer               token_code_data;
  GDestroyNotify         token_code_destroy;
};

static void provider_iface_init (DdCredentialsProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DdProviderAssumeRole, dd_provider_assume_role, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (DD_TYPE_CREDENTIALS_PROVIDER, provider_iface_init))

typedef struct
{
  DdCredentials *base;
  char          *token_code;
} Request;

static void
request_free (Request *request)
{
  g_clear_pointer (&request->base, dd_credentials_unref);
  dd_wipe_free (request->token_code);
  g_free (request);
}

static void
assumed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  DdCredentials *credentials = dd_sts_assume_role_finish (DD_STS (source), result, &error);

  dd_provider_util_return_credentials (task, credentials, error);
}

static void
assume (GTask *task)
{
  DdProviderAssumeRole *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(DdSts) sts = dd_sts_new (self->region, self->sts_endpoint);
  g_autofree char *session_name = self->session_name ? g_strdup (self->session_name)
                                                     : dd_provider_default_session_name ();
  DdStsAssumeRoleParams params = {
    self->role_arn, session_name, self->external_id, self->duration,
    request->token_code != NULL ? self->mfa_serial : NULL, request->token_code,
  };

  dd_sts_assume_role_async (sts, request->base, &params, self->provider,
                            g_task_get_cancellable (task), assumed_cb, task);
}

static void
token_code_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  GError *error = NULL;

  request->token_code = g_task_propagate_pointer (G_TASK (result), &error);
  if (request->token_code == NULL)
    {
      g_task_return_error (task, error != NULL ? error
                           : g_error_new_literal (DD_ERROR, DD_ERROR_CREDENTIALS, _("MFA code required")));
      return;
    }
  assume (g_steal_pointer (&task));
}

static void
base_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DdProviderAssumeRole *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  GError *error = NULL;

  request->base = dd_credentials_provider_get_credentials_finish (DD_CREDENTIALS_PROVIDER (source), result, &error);
  if (request->base == NULL)
    {
      g_prefix_error (&error, _("the base credentials for %s: "), self->role_arn);
      g_task_return_error (task, error);
      return;
    }
  if (self->mfa_serial == NULL)
    {
      assume (g_steal_pointer (&task));
      return;
    }
  if (self->token_code_func == NULL)
    {
      g_task_return_new_error (task, DD_ERROR, DD_ERROR_CREDENTIALS,
                               _("MFA code required for %s (device %s)"), self->role_arn, self->mfa_serial);
      return;
    }
  {
    GCancellable *cancellable = g_task_get_cancellable (task);
    GTask *answer = g_task_new (NULL, cancellable, token_code_cb, g_steal_pointer (&task));

    self->token_code_func (self->mfa_serial, cancellable, answer, self->token_code_data);
  }
}

static void
get_credentials_async (DdCredentialsProvider *provider,
                       GCancellable          *cancellable,
                       GAsyncReadyCallback    callback,
                       gpointer               user_data)
{
  DdProviderAssumeRole *self = DD_PROVIDER_ASSUME_ROLE (provider);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, get_credentials_async);
  g_task_set_task_data (task, g_new0 (Request, 1), (GDestroyNotify) request_free);
  dd_credentials_provider_get_credentials_async (self->base, cancellable, base_cb, task);
}

static void
provider_iface_init (DdCredentialsProviderInterface *iface)
{
  iface->get_credentials_async = get_credentials_async;
  iface->get_credentials_finish = dd_provider_util_credentials_finish;
}

static void
dd_provider_assume_role_finalize (GObject *object)
{
  DdProviderAssumeRole *self = DD_PROVIDER_ASSUME_ROLE (object);

  if (self->token_code_destroy != NULL)
    self->token_code_destroy (self->token_code_data);
  g_clear_object (&self->base);
  g_free (self->role_arn);
  g_free (self->session_name);
  g_free (self->external_id);
  g_free (self->mfa_serial);
  g_free (self->region);
  g_free (self->sts_endpoint);
  g_free (self->provider);
  G_OBJECT_CLASS (dd_provider_assume_role_parent_class)->finalize (object);
}

static void
dd_provider_assume_role_class_init (DdProviderAssumeRoleClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_provider_assume_role_finalize;
}

static void
dd_provider_assume_role_init (DdProviderAssumeRole *self)
{
  self->provider = g_strdup ("assume-role");
}

DdCredentialsProvider *
dd_provider_assume_role_new (DdCredentialsProvider *base,
                             const char            *role_arn)
{
  DdProviderAssumeRole *self;

  g_return_val_if_fail (DD_IS_CREDENTIALS_PROVIDER (base), NULL);
  g_return_val_if_fail (role_arn != NULL, NULL);
  self = g_object_new (DD_TYPE_PROVIDER_ASSUME_ROLE, NULL);
  self->base = g_object_ref (base);
  self->role_arn = g_strdup (role_arn);
  return DD_CREDENTIALS_PROVIDER (self);
}

static void
replace_string (char       **field,
                const char  *value)
{
  g_free (*field);
  *field = value != NULL && *value ? g_strdup (value) : NULL;
}

void
dd_provider_assume_role_set_session_name (DdProviderAssumeRole *self,
                                          const char           *session_name)
{
  g_return_if_fail (DD_IS_PROVIDER_ASSUME_ROLE (self));
  replace_string (&self->session_name, session_name);
}

void
dd_provider_assume_role_set_external_id (DdProviderAssumeRole *self,
                                         const char           *external_id)
{
  g_return_if_fail (DD_IS_PROVIDER_ASSUME_ROLE (self));
  replace_string (&self->external_id, external_id);
}

void
dd_provider_assume_role_set_duration (DdProviderAssumeRole *self,
                                      guint                 seconds)
{
  g_return_if_fail (DD_IS_PROVIDER_ASSUME_ROLE (self));
  self->duration = seconds;
}

void
dd_provider_assume_role_set_mfa_serial (DdProviderAssumeRole *self,
                                        const char           *mfa_serial)
{
  g_return_if_fail (DD_IS_PROVIDER_ASSUME_ROLE (self));
  replace_string (&self->mfa_serial, mfa_serial);
}

const char *
dd_provider_assume_role_get_mfa_serial (DdProviderAssumeRole *self)
{
  g_return_val_if_fail (DD_IS_PROVIDER_ASSUME_ROLE (self), NULL);
  return self->mfa_serial;
}

void
dd_provider_assume_role_set_token_code_func (DdProviderAssumeRole *self,
                                             DdTokenCodeFunc       func,
                                             gpointer              user_data,
                                             GDestroyNotify        destroy)
{
  g_return_if_fail (DD_IS_PROVIDER_ASSUME_ROLE (self));
  if (self->token_code_destroy != NULL)
    self->token_code_destroy (self->token_code_data);
  self->token_code_func = func;
  self->token_code_data = user_data;
  self->token_code_destroy = destroy;
}

void
dd_provider_assume_role_set_region (DdProviderAssumeRole *self,
                                    const char           *region)
{
  g_return_if_fail (DD_IS_PROVIDER_ASSUME_ROLE (self));
  replace_string (&self->region, region);
}

void
dd_provider_assume_role_set_sts_endpoint (DdProviderAssumeRole *self,
                                          const char           *endpoint)
{
  g_return_if_fail (DD_IS_PROVIDER_ASSUME_ROLE (self));
  replace_string (&self->sts_endpoint, endpoint);
}

void
dd_provider_assume_role_set_provider_name (DdProviderAssumeRole *self,
                                           const char           *name)
{
  g_return_if_fail (DD_IS_PROVIDER_ASSUME_ROLE (self));
  g_free (self->provider);
  self->provider = g_strdup (name != NULL ? name : "assume-role");
}
