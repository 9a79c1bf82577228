/* dd-provider-profile.c: credentials from a profile of the shared files.
 *
 * Chain resolution follows the SDKs' (smithy-rs aws-config "repr"): from the
 * selected profile, follow source_profile while profiles have a role_arn;
 * after the first profile, static keys end the walk; a profile naming
 * itself is its own base.
 */
#define G_LOG_DOMAIN "dd-provider-profile"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-error.h"
#include "dd-provider-container.h"
#include "dd-provider-env.h"
#include "dd-provider-imds.h"
#include "dd-provider-process.h"
#include "dd-provider-static.h"
#include "dd-provider-profile.h"
#include "dd-provider-sso.h"
#include "dd-provider-util.h"
#include "dd-provider-web-identity.h"
#include "dd-wipe.h"

void
dd_profile_step_free (DdProfileStep *step)
{
  if (step == NULL)
    return;
  g_free (step->profile);
  g_free (step->access_key_id);
  dd_wipe_free (step->secret_access_key);
  g_free (step->session_token);
  g_free (step->account_id);
  g_free (step->source);
  g_free (step->command);
  g_free (step->role_arn);
  g_free (step->role_session_name);
  g_free (step->external_id);
  g_free (step->mfa_serial);
  g_free (step->web_identity_token_file);
  g_free (step->sso_session);
  g_free (step->sso_account_id);
  g_free (step->sso_region);
  g_free (step->sso_role_name);
  g_free (step->sso_start_url);
  g_free (step);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdProfileStep, dd_profile_step_free)

static gboolean
fail (GError     **error,
      const char  *format,
      ...) G_GNUC_PRINTF (2, 3);

static gboolean
fail (GError     **error,
      const char  *format,
      ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (DD_ERROR, DD_ERROR_CREDENTIALS, format, args));
  va_end (args);
  return FALSE;
}

static char *
get (DdProfileFile *file,
     const char    *profile,
     const char    *key)
{
  const char *value = dd_profile_file_get (file, profile, key);

  return value != NULL ? g_strdup (value) : NULL;
}

static DdProfileStep *
new_step (DdProfileStepKind  kind,
          const char        *profile)
{
  DdProfileStep *step = g_new0 (DdProfileStep, 1);

  step->kind = kind;
  step->profile = g_strdup (profile);
  return step;
}

static DdProfileStep *
static_keys (DdProfileFile  *file,
             const char     *profile,
             GError        **error)
{
  g_autoptr(DdProfileStep) step = new_step (DD_PROFILE_STEP_ACCESS_KEY, profile);

  step->access_key_id = get (file, profile, "aws_access_key_id");
  step->secret_access_key = get (file, profile, "aws_secret_access_key");
  step->session_token = get (file, profile, "aws_session_token");
  step->account_id = get (file, profile, "aws_account_id");
  if (step->access_key_id == NULL && step->secret_access_key == NULL)
    return fail (error, _("profile `%s` did not contain credential information"), profile), NULL;
  if (step->access_key_id == NULL)
    return fail (error, _("profile `%s`: profile missing aws_access_key_id"), profile), NULL;
  if (step->secret_access_key == NULL)
    return fail (error, _("profile `%s`: profile missing aws_secret_access_key"), profile), NULL;
  return g_steal_pointer (&step);
}

static gboolean
sso_session_settings (DdProfileFile  *file,
                      DdProfileStep  *step,
                      GError        **error)
{
  g_auto(GStrv) keys = dd_profile_file_get_sso_session_keys (file, step->sso_session);

  if (keys == NULL)
    return fail (error, _("sso-session named `%s` (referenced by profile `%s`) was not found"),
                 step->sso_session, step->profile);
  if (step->sso_region != NULL || step->sso_start_url != NULL)
    return fail (error, _("profile `%s`: `%s` can only be specified in the [sso-session] config "
                 "when a session name is given"), step->profile,
                 step->sso_region != NULL ? "sso_region" : "sso_start_url");
  step->sso_region = g_strdup (dd_profile_file_get_sso_session (file, step->sso_session, "sso_region"));
  step->sso_start_url = g_strdup (dd_profile_file_get_sso_session (file, step->sso_session, "sso_start_url"));
  return TRUE;
}

/* NULL without error when the profile has no sso_* settings. */
static DdProfileStep *
sso_step (DdProfileFile  *file,
          const char     *profile,
          GError        **error)
{
  g_autoptr(DdProfileStep) step = new_step (DD_PROFILE_STEP_SSO, profile);

  step->sso_session = get (file, profile, "sso_session");
  step->sso_account_id = get (file, profile, "sso_account_id");
  step->sso_region = get (file, profile, "sso_region");
  step->sso_role_name = get (file, profile, "sso_role_name");
  step->sso_start_url = get (file, profile, "sso_start_url");
  if (!step->sso_session && !step->sso_account_id && !step->sso_region && !step->sso_role_name && !step->sso_start_url)
    return NULL;
  if (step->sso_session != NULL && !sso_session_settings (file, step, error))
    return NULL;
  if ((step->sso_account_id != NULL) != (step->sso_role_name != NULL))
    return fail (error, _("profile `%s`: if `%s` is set, then `%s` must also be set"), profile,
                 step->sso_account_id ? "sso_account_id" : "sso_role_name",
                 step->sso_account_id ? "sso_role_name" : "sso_account_id"), NULL;
  return g_steal_pointer (&step);
}

static DdProfileStep *
base_step (DdProfileFile  *file,
           const char     *profile,
           GError        **error)
{
  DdProfileStep *step;
  GError *local_error = NULL;

  if (dd_profile_file_get (file, profile, "credential_source") != NULL)
    {
      step = new_step (DD_PROFILE_STEP_NAMED_SOURCE, profile);
      step->source = get (file, profile, "credential_source");
      return step;
    }
  if (dd_profile_file_get (file, profile, "web_identity_token_file") != NULL)
    {
      step = new_step (DD_PROFILE_STEP_WEB_IDENTITY, profile);
      step->web_identity_token_file = get (file, profile, "web_identity_token_file");
      step->role_arn = get (file, profile, "role_arn");
      step->role_session_name = get (file, profile, "role_session_name");
      if (step->role_arn == NULL)
        {
          dd_profile_step_free (step);
          return fail (error, _("profile `%s`: `role_arn` was missing (web_identity_token_file needs it)"), profile), NULL;
        }
      return step;
    }
  if ((step = sso_step (file, profile, &local_error)) != NULL || local_error != NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      return step;
    }
  if (dd_profile_file_get (file, profile, "credential_process") != NULL)
    {
      step = new_step (DD_PROFILE_STEP_PROCESS, profile);
      step->command = get (file, profile, "credential_process");
      return step;
    }
  return static_keys (file, profile, error);
}

/* A role step for a profile with role_arn (and no web identity token,
 * which makes the profile a base). next receives the profile to continue
 * with, or NULL when this profile's own base (credential_source, or
 * source_profile naming itself) comes next. */
static DdProfileStep *
role_step (DdProfileFile  *file,
           const char     *profile,
           const char    **next,
           GError        **error)
{
  g_autoptr(DdProfileStep) step = new_step (DD_PROFILE_STEP_ASSUME_ROLE, profile);
  const char *source_profile = dd_profile_file_get (file, profile, "source_profile");
  const char *credential_source = dd_profile_file_get (file, profile, "credential_source");
  const char *duration = dd_profile_file_get (file, profile, "duration_seconds");
  guint64 seconds = 0;

  if (source_profile != NULL && credential_source != NULL)
    return fail (error, _("profile `%s`: profile contained both source_profile and credential_source; "
                 "only one of them may be defined"), profile), NULL;
  if (source_profile == NULL && credential_source == NULL)
    return fail (error, _("profile `%s`: profile must contain `source_profile` or `credential_source` "
                 "with its role_arn"), profile), NULL;
  if (duration != NULL && !g_ascii_string_to_unsigned (duration, 10, 900, 43200, &seconds, NULL))
    return fail (error, _("profile `%s`: duration_seconds must be a number of seconds from 900 to 43200, not `%s`"),
                 profile, duration), NULL;

  step->role_arn = get (file, profile, "role_arn");
  step->role_session_name = get (file, profile, "role_session_name");
  step->external_id = get (file, profile, "external_id");
  step->mfa_serial = get (file, profile, "mfa_serial");
  step->duration_seconds = (guint) seconds;
  *next = source_profile != NULL && !g_str_equal (source_profile, profile) ? source_profile : NULL;
  return g_steal_pointer (&step);
}

static gboolean
is_role_profile (DdProfileFile *file,
                 const char    *profile)
{
  return dd_profile_file_get (file, profile, "role_arn") != NULL &&
         dd_profile_file_get (file, profile, "web_identity_token_file") == NULL;
}

static gboolean
check_visit (GPtrArray   *visited,
             const char  *profile,
             GError     **error)
{
  g_autoptr(GString) loop = NULL;

  if (!g_ptr_array_find_with_equal_func (visited, profile, g_str_equal, NULL))
    {
      g_ptr_array_add (visited, (gpointer) profile);
      return TRUE;
    }
  loop = g_string_new (NULL);
  for (guint i = 0; i < visited->len; i++)
    g_string_append_printf (loop, "%s -> ", (const char *) g_ptr_array_index (visited, i));
  g_string_append (loop, profile);
  return fail (error, _("profile formed an infinite loop of source_profile: %s"), loop->str);
}

/* name is not in the file: the asked profile, or the source of the last
 * one visited. */
static gboolean
missing_profile (GPtrArray   *visited,
                 const char  *name,
                 GError     **error)
{
  if (visited->len == 0)
    return fail (error, _("profile `%s` is not defined"), name);
  return fail (error, _("could not find source profile %s referenced from %s"), name,
               (const char *) g_ptr_array_index (visited, visited->len - 1));
}

GPtrArray *
dd_profile_resolve_chain (DdProfileFile  *file,
                          const char     *profile,
                          GError        **error)
{
  g_autoptr(GPtrArray) chain = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_profile_step_free);
  g_autoptr(GPtrArray) visited = g_ptr_array_new ();
  const char *name = profile != NULL ? profile : dd_profile_file_selected_profile_name ();
  DdProfileStep *base = NULL;

  g_return_val_if_fail (DD_IS_PROFILE_FILE (file), NULL);
  if (dd_profile_file_is_empty (file))
    return fail (error, _("No profiles were defined")), NULL;
  while (base == NULL)
    {
      const char *next = NULL;
      DdProfileStep *step;

      if (!dd_profile_file_has_profile (file, name))
        return missing_profile (visited, name, error), NULL;
      if (!check_visit (visited, name, error))
        return NULL;
      if (visited->len > 1 && (base = static_keys (file, name, NULL)) != NULL)
        break;
      if (!is_role_profile (file, name))
        {
          if ((base = base_step (file, name, error)) == NULL)
            return NULL;
          break;
        }
      if ((step = role_step (file, name, &next, error)) == NULL)
        return NULL;
      g_ptr_array_insert (chain, 0, step);
      if (next == NULL && (base = base_step (file, name, error)) == NULL)
        return NULL;
      name = next;
    }
  g_ptr_array_insert (chain, 0, base);
  return g_steal_pointer (&chain);
}

/* The provider. */

struct _DdProviderProfile
{
  GObject          parent_instance;
  char            *profile;
  DdProfileFile   *file;      /* NULL: read at each request */
  DdTokenCodeFunc  token_code_func;
  gpointer         token_code_data;
  GDestroyNotify   token_code_destroy;
};

static void provider_iface_init (DdCredentialsProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DdProviderProfile, dd_provider_profile, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (DD_TYPE_CREDENTIALS_PROVIDER, provider_iface_init))

static const char *
profile_name (DdProviderProfile *self)
{
  return self->profile != NULL ? self->profile : dd_profile_file_selected_profile_name ();
}

static DdCredentialsProvider *
named_source (DdProfileFile        *file,
              const DdProfileStep  *step,
              GError              **error)
{
  if (g_str_equal (step->source, "Environment"))
    return dd_provider_env_new ();
  if (g_str_equal (step->source, "EcsContainer"))
    return dd_provider_container_new ();
  if (g_str_equal (step->source, "Ec2InstanceMetadata"))
    {
      g_autoptr(DdCredentialsProvider) imds = dd_provider_imds_new ();
      g_autofree char *endpoint = dd_provider_imds_resolve_endpoint (NULL, NULL, file, step->profile, error);

      if (endpoint == NULL)
        return NULL;
      dd_provider_imds_set_endpoint (DD_PROVIDER_IMDS (imds), endpoint);
      return g_steal_pointer (&imds);
    }
  fail (error, _("profile `%s`: credential_source `%s` is not supported "
        "(Environment, Ec2InstanceMetadata or EcsContainer)"), step->profile, step->source);
  return NULL;
}

static const char *
sts_region (DdProfileFile *file,
            const char    *profile)
{
  const char *env[] = { "AWS_REGION", "AWS_DEFAULT_REGION" };

  for (guint i = 0; i < G_N_ELEMENTS (env); i++)
    if (g_getenv (env[i]) != NULL && *g_getenv (env[i]))
      return g_getenv (env[i]);
  return dd_profile_file_get (file, profile, "region");
}

static DdCredentialsProvider *
base_provider (DdProfileFile        *file,
               const DdProfileStep  *step,
               const char           *root,
               GError              **error)
{
  g_autofree char *name = g_strdup_printf ("profile:%s", step->profile);

  switch (step->kind)
    {
    case DD_PROFILE_STEP_ACCESS_KEY:
      {
        g_autoptr(DdCredentials) credentials = dd_credentials_new (step->access_key_id, step->secret_access_key,
                                                                   step->session_token, NULL, name);
        return dd_provider_static_new (credentials);
      }
    case DD_PROFILE_STEP_NAMED_SOURCE:
      return named_source (file, step, error);
    case DD_PROFILE_STEP_PROCESS:
      return dd_provider_process_new (step->command, name);
    case DD_PROFILE_STEP_WEB_IDENTITY:
      return dd_provider_web_identity_new (step->role_arn, step->web_identity_token_file,
                                           step->role_session_name, sts_region (file, root), NULL);
    case DD_PROFILE_STEP_SSO:
      return dd_provider_sso_new_for_profile (file, step->profile, error);
    case DD_PROFILE_STEP_ASSUME_ROLE:
    default:
      g_assert_not_reached ();
    }
  return NULL;
}

static DdCredentialsProvider *
build_provider (DdProviderProfile  *self,
                DdProfileFile      *file,
                GError            **error)
{
  const char *root = profile_name (self);
  g_autoptr(GPtrArray) chain = dd_profile_resolve_chain (file, root, error);
  g_autoptr(DdCredentialsProvider) provider = NULL;

  if (chain == NULL)
    return NULL;
  provider = base_provider (file, g_ptr_array_index (chain, 0), root, error);
  for (guint i = 1; provider != NULL && i < chain->len; i++)
    {
      const DdProfileStep *step = g_ptr_array_index (chain, i);
      DdProviderAssumeRole *role = DD_PROVIDER_ASSUME_ROLE (dd_provider_assume_role_new (provider, step->role_arn));

      dd_provider_assume_role_set_session_name (role, step->role_session_name);
      dd_provider_assume_role_set_external_id (role, step->external_id);
      dd_provider_assume_role_set_duration (role, step->duration_seconds);
      dd_provider_assume_role_set_mfa_serial (role, step->mfa_serial);
      dd_provider_assume_role_set_region (role, sts_region (file, root));
      if (step->mfa_serial != NULL && self->token_code_func != NULL)
        dd_provider_assume_role_set_token_code_func (role, self->token_code_func, self->token_code_data, NULL);
      g_set_object (&provider, DD_CREDENTIALS_PROVIDER (role));
      g_object_unref (role);
    }
  return g_steal_pointer (&provider);
}

static void
resolved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DdProviderProfile *self = g_task_get_source_object (task);
  GError *error = NULL;
  g_autoptr(DdCredentials) credentials = dd_credentials_provider_get_credentials_finish (DD_CREDENTIALS_PROVIDER (source),
                                                                                         result, &error);
  g_autofree char *name = g_strdup_printf ("profile:%s", profile_name (self));

  if (credentials == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task,
                         dd_credentials_new (dd_credentials_get_access_key_id (credentials),
                                             dd_credentials_get_secret_access_key (credentials),
                                             dd_credentials_get_session_token (credentials),
                                             dd_credentials_get_expiration (credentials), name),
                         (GDestroyNotify) dd_credentials_unref);
}

static void
resolve (GTask         *task,
         DdProfileFile *file)
{
  DdProviderProfile *self = g_task_get_source_object (task);
  GError *error = NULL;
  g_autoptr(DdCredentialsProvider) provider = build_provider (self, file, &error);

  if (provider == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  dd_credentials_provider_get_credentials_async (provider, g_task_get_cancellable (task), resolved_cb, task);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;
  g_autoptr(DdProfileFile) file = dd_profile_file_load_finish (result, &error);

  if (file == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  resolve (task, file);
}

static void
get_credentials_async (DdCredentialsProvider *provider,
                       GCancellable          *cancellable,
                       GAsyncReadyCallback    callback,
                       gpointer               user_data)
{
  DdProviderProfile *self = DD_PROVIDER_PROFILE (provider);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, get_credentials_async);
  if (self->file != NULL)
    resolve (task, self->file);
  else
    dd_profile_file_load_async (NULL, NULL, cancellable, loaded_cb, task);
}

static void
provider_iface_init (DdCredentialsProviderInterface *iface)
{
  iface->get_credentials_async = get_credentials_async;
  iface->get_credentials_finish = dd_provider_util_credentials_finish;
}

static void
dd_provider_profile_finalize (GObject *object)
{
  DdProviderProfile *self = DD_PROVIDER_PROFILE (object);

  if (self->token_code_destroy != NULL)
    self->token_code_destroy (self->token_code_data);
  g_free (self->profile);
  g_clear_object (&self->file);
  G_OBJECT_CLASS (dd_provider_profile_parent_class)->finalize (object);
}

static void
dd_provider_profile_class_init (DdProviderProfileClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_provider_profile_finalize;
}

static void
dd_provider_profile_init (DdProviderProfile *self)
{
}

DdCredentialsProvider *
dd_provider_profile_new (const char *profile)
{
  DdProviderProfile *self = g_object_new (DD_TYPE_PROVIDER_PROFILE, NULL);

  self->profile = g_strdup (profile);
  return DD_CREDENTIALS_PROVIDER (self);
}

DdCredentialsProvider *
dd_provider_profile_new_for_file (DdProfileFile *file,
                                  const char    *profile)
{
  DdProviderProfile *self;

  g_return_val_if_fail (DD_IS_PROFILE_FILE (file), NULL);
  self = DD_PROVIDER_PROFILE (dd_provider_profile_new (profile));
  self->file = g_object_ref (file);
  return DD_CREDENTIALS_PROVIDER (self);
}

const char *
dd_provider_profile_get_profile_name (DdProviderProfile *self)
{
  g_return_val_if_fail (DD_IS_PROVIDER_PROFILE (self), NULL);
  return profile_name (self);
}

void
dd_provider_profile_set_token_code_func (DdProviderProfile *self,
                                         DdTokenCodeFunc    func,
                                         gpointer           user_data,
                                         GDestroyNotify     destroy)
{
  g_return_if_fail (DD_IS_PROVIDER_PROFILE (self));
  if (self->token_code_destroy != NULL)
    self->token_code_destroy (self->token_code_data);
  self->token_code_func = func;
  self->token_code_data = user_data;
  self->token_code_destroy = destroy;
}
