/* dd-mfa.c: asking the person for MFA codes when a role needs one. */
#define G_LOG_DOMAIN "dd-mfa"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-error.h"
#include "dd-mfa.h"
#include "dd-provider-assume-role.h"
#include "dd-provider-profile.h"
#include "dd-provider-util.h"

#define CANCELLED_MESSAGE "MFA cancelled"

/* One request for credentials, over its attempts. */
typedef struct
{
  guint     attempt;
  char     *previous_error;
  gboolean  cancelled;
} Call;

struct _DdMfa
{
  GObject                parent_instance;
  DdCredentialsProvider *inner;
  DdMfaPromptFunc        prompt;
  gpointer               prompt_data;
  GDestroyNotify         prompt_destroy;
  guint                  max_attempts;
  guint                  prompt_count;
  Call                  *current;   /* the request being served, or NULL */
};

static void provider_iface_init (DdCredentialsProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DdMfa, dd_mfa, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (DD_TYPE_CREDENTIALS_PROVIDER, provider_iface_init))

gboolean
dd_mfa_error_is_invalid_code (const GError *error)
{
  const char *code = dd_error_get_aws_code (error);
  const char *message = dd_error_get_aws_message (error);

  if (code == NULL || message == NULL)
    return FALSE;
  if (g_str_equal (code, "AccessDenied"))
    return strstr (message, "MultiFactorAuthentication") != NULL;
  /* a code that is not six digits */
  return g_str_equal (code, "ValidationError") && g_strrstr (message, "okenCode") != NULL;
}

gboolean
dd_mfa_error_is_cancelled (const GError *error)
{
  return error != NULL && g_error_matches (error, DD_ERROR, DD_ERROR_CREDENTIALS) &&
         g_str_has_prefix (error->message, CANCELLED_MESSAGE);
}

static void
call_free (Call *call)
{
  g_free (call->previous_error);
  g_free (call);
}

/* The token code function installed in the roles. */

typedef struct
{
  DdMfa        *self;
  Call         *call;
  GTask        *answer;      /* the role's, owned */
  DdMfaRequest  request;
  char         *serial;
} Ask;

static void
ask_free (Ask *ask)
{
  g_clear_object (&ask->self);
  g_clear_object (&ask->answer);
  g_free (ask->serial);
  g_free (ask);
}

static void
prompted_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Ask *ask = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = g_task_propagate_pointer (G_TASK (result), &error);

  if (code != NULL)
    g_strstrip (code);
  if (code != NULL && *code)
    g_task_return_pointer (ask->answer, g_steal_pointer (&code), g_free);
  else if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (ask->answer, g_steal_pointer (&error));
  else
    {
      if (ask->call != NULL)
        ask->call->cancelled = TRUE;
      g_task_return_new_error (ask->answer, DD_ERROR, DD_ERROR_CREDENTIALS,
                               CANCELLED_MESSAGE ": no code was given for %s", ask->serial);
    }
  if (code != NULL)
    explicit_bzero (code, strlen (code));
  ask_free (ask);
}

static void
token_code (const char   *mfa_serial,
            GCancellable *cancellable,
            GTask        *answer,
            gpointer      user_data)
{
  g_autoptr(DdMfa) self = g_weak_ref_get (user_data);
  Ask *ask;
  GTask *task;

  if (self == NULL || self->prompt == NULL)
    {
      g_task_return_new_error (answer, DD_ERROR, DD_ERROR_CREDENTIALS, _("MFA code required (device %s)"), mfa_serial);
      g_object_unref (answer);
      return;
    }
  ask = g_new0 (Ask, 1);
  ask->self = g_object_ref (self);
  ask->call = self->current;
  ask->answer = answer;
  ask->serial = g_strdup (mfa_serial);
  ask->request.mfa_serial = ask->serial;
  ask->request.attempt = ask->call != NULL ? ask->call->attempt : 1;
  ask->request.max_attempts = self->max_attempts;
  ask->request.previous_error = ask->call != NULL ? ask->call->previous_error : NULL;
  self->prompt_count++;
  task = g_task_new (NULL, cancellable, prompted_cb, ask);
  g_task_set_source_tag (task, token_code);
  self->prompt (&ask->request, cancellable, task, self->prompt_data);
}

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

static GWeakRef *
weak_ref_new (DdMfa *self)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, self);
  return ref;
}

gboolean
dd_mfa_install (DdMfa                 *self,
                DdCredentialsProvider *provider)
{
  g_return_val_if_fail (DD_IS_MFA (self), FALSE);
  if (DD_IS_PROVIDER_ASSUME_ROLE (provider))
    dd_provider_assume_role_set_token_code_func (DD_PROVIDER_ASSUME_ROLE (provider), token_code,
                                                 weak_ref_new (self), (GDestroyNotify) weak_ref_free);
  else if (DD_IS_PROVIDER_PROFILE (provider))
    dd_provider_profile_set_token_code_func (DD_PROVIDER_PROFILE (provider), token_code,
                                             weak_ref_new (self), (GDestroyNotify) weak_ref_free);
  else
    return FALSE;
  return TRUE;
}

/* The provider. */

static void attempt (GTask *task);

static void
inner_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DdMfa *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  GError *error = NULL;
  DdCredentials *credentials = dd_credentials_provider_get_credentials_finish (DD_CREDENTIALS_PROVIDER (source),
                                                                               result, &error);

  if (self->current == call)
    self->current = NULL;
  if (credentials != NULL)
    {
      g_task_return_pointer (task, credentials, (GDestroyNotify) dd_credentials_unref);
      return;
    }
  if (!call->cancelled && dd_mfa_error_is_invalid_code (error) && call->attempt < self->max_attempts &&
      !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      g_free (call->previous_error);
      call->previous_error = g_strdup (dd_error_get_aws_message (error));
      g_error_free (error);
      attempt (g_steal_pointer (&task));
      return;
    }
  if (dd_mfa_error_is_invalid_code (error))
    g_prefix_error (&error, g_dngettext (GETTEXT_PACKAGE, "the MFA code was refused %u time: ",
                                         "the MFA code was refused %u times: ", call->attempt),
                    call->attempt);
  g_task_return_error (task, error);
}

static void
attempt (GTask *task)
{
  DdMfa *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);

  call->attempt++;
  self->current = call;
  dd_credentials_provider_get_credentials_async (self->inner, g_task_get_cancellable (task), inner_cb, task);
}

static void
get_credentials_async (DdCredentialsProvider *provider,
                       GCancellable          *cancellable,
                       GAsyncReadyCallback    callback,
                       gpointer               user_data)
{
  DdMfa *self = DD_MFA (provider);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, get_credentials_async);
  g_task_set_task_data (task, g_new0 (Call, 1), (GDestroyNotify) call_free);
  attempt (task);
}

static void
provider_iface_init (DdCredentialsProviderInterface *iface)
{
  iface->get_credentials_async = get_credentials_async;
  iface->get_credentials_finish = dd_provider_util_credentials_finish;
}

static void
dd_mfa_finalize (GObject *object)
{
  DdMfa *self = DD_MFA (object);

  if (self->prompt_destroy != NULL)
    self->prompt_destroy (self->prompt_data);
  g_clear_object (&self->inner);
  G_OBJECT_CLASS (dd_mfa_parent_class)->finalize (object);
}

static void
dd_mfa_class_init (DdMfaClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_mfa_finalize;
}

static void
dd_mfa_init (DdMfa *self)
{
  self->max_attempts = 3;
}

DdCredentialsProvider *
dd_mfa_new (DdCredentialsProvider *inner,
            DdMfaPromptFunc        prompt,
            gpointer               user_data,
            GDestroyNotify         destroy)
{
  DdMfa *self;

  g_return_val_if_fail (DD_IS_CREDENTIALS_PROVIDER (inner), NULL);
  self = g_object_new (DD_TYPE_MFA, NULL);
  self->inner = g_object_ref (inner);
  self->prompt = prompt;
  self->prompt_data = user_data;
  self->prompt_destroy = destroy;
  dd_mfa_install (self, inner);
  return DD_CREDENTIALS_PROVIDER (self);
}

void
dd_mfa_set_max_attempts (DdMfa *self,
                         guint  attempts)
{
  g_return_if_fail (DD_IS_MFA (self));
  self->max_attempts = MAX (attempts, 1);
}

guint
dd_mfa_get_prompt_count (DdMfa *self)
{
  g_return_val_if_fail (DD_IS_MFA (self), 0);
  return self->prompt_count;
}
