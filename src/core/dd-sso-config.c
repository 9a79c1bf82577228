/* dd-sso-config.c: a profile's IAM Identity Center settings. */
#define G_LOG_DOMAIN "dd-sso-config"

#include "config.h"

#include <glib/gi18n-lib.h>
#include "dd-error.h"
#include "dd-sso-config.h"

DdSsoConfig *
dd_sso_config_new (void)
{
  return g_new0 (DdSsoConfig, 1);
}

DdSsoConfig *
dd_sso_config_copy (const DdSsoConfig *config)
{
  DdSsoConfig *copy;

  g_return_val_if_fail (config != NULL, NULL);
  copy = dd_sso_config_new ();
  copy->session_name = g_strdup (config->session_name);
  copy->start_url = g_strdup (config->start_url);
  copy->region = g_strdup (config->region);
  copy->registration_scopes = g_strdupv (config->registration_scopes);
  copy->account_id = g_strdup (config->account_id);
  copy->role_name = g_strdup (config->role_name);
  return copy;
}

void
dd_sso_config_free (DdSsoConfig *config)
{
  if (config == NULL)
    return;
  g_free (config->session_name);
  g_free (config->start_url);
  g_free (config->region);
  g_strfreev (config->registration_scopes);
  g_free (config->account_id);
  g_free (config->role_name);
  g_free (config);
}

const char *
dd_sso_config_cache_key (const DdSsoConfig *config)
{
  g_return_val_if_fail (config != NULL, NULL);
  return config->session_name != NULL ? config->session_name : config->start_url;
}

static GStrv
split_scopes (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return NULL;
  parts = g_strsplit (text, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i])
        g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

static gboolean
session_settings (DdProfileFile  *file,
                  const char     *profile,
                  DdSsoConfig    *config,
                  GError        **error)
{
  const char *session = config->session_name;
  g_auto(GStrv) keys = dd_profile_file_get_sso_session_keys (file, session);
  const char *start_url = dd_profile_file_get_sso_session (file, session, "sso_start_url");
  const char *region = dd_profile_file_get_sso_session (file, session, "sso_region");

  if (keys == NULL)
    return g_set_error (error, DD_ERROR, DD_ERROR_CREDENTIALS,
                        _("sso-session named `%s` (referenced by profile `%s`) was not found"), session, profile), FALSE;
  if ((config->start_url != NULL && g_strcmp0 (config->start_url, start_url) != 0) ||
      (config->region != NULL && g_strcmp0 (config->region, region) != 0))
    return g_set_error (error, DD_ERROR, DD_ERROR_CREDENTIALS,
                        _("profile `%s`: its %s differs from the one of sso-session `%s`"), profile,
                        config->region != NULL && g_strcmp0 (config->region, region) != 0 ? "sso_region" : "sso_start_url",
                        session), FALSE;
  if (start_url == NULL || region == NULL)
    return g_set_error (error, DD_ERROR, DD_ERROR_CREDENTIALS, _("sso-session `%s` is missing `%s`"), session,
                        start_url == NULL ? "sso_start_url" : "sso_region"), FALSE;
  g_free (config->start_url);
  g_free (config->region);
  config->start_url = g_strdup (start_url);
  config->region = g_strdup (region);
  config->registration_scopes = split_scopes (dd_profile_file_get_sso_session (file, session,
                                                                              "sso_registration_scopes"));
  return TRUE;
}

DdSsoConfig *
dd_sso_config_from_profile (DdProfileFile  *file,
                            const char     *profile,
                            GError        **error)
{
  g_autoptr(DdSsoConfig) config = dd_sso_config_new ();

  g_return_val_if_fail (DD_IS_PROFILE_FILE (file), NULL);
  g_return_val_if_fail (profile != NULL, NULL);
  config->session_name = g_strdup (dd_profile_file_get (file, profile, "sso_session"));
  config->start_url = g_strdup (dd_profile_file_get (file, profile, "sso_start_url"));
  config->region = g_strdup (dd_profile_file_get (file, profile, "sso_region"));
  config->account_id = g_strdup (dd_profile_file_get (file, profile, "sso_account_id"));
  config->role_name = g_strdup (dd_profile_file_get (file, profile, "sso_role_name"));
  if (!config->session_name && !config->start_url && !config->region && !config->account_id && !config->role_name)
    return NULL;
  if (config->session_name != NULL && !session_settings (file, profile, config, error))
    return NULL;
  if (config->start_url == NULL || config->region == NULL)
    return g_set_error (error, DD_ERROR, DD_ERROR_CREDENTIALS, _("profile `%s` is missing `%s` (or an `sso_session`)"),
                        profile, config->start_url == NULL ? "sso_start_url" : "sso_region"), NULL;
  if ((config->account_id != NULL) != (config->role_name != NULL))
    return g_set_error (error, DD_ERROR, DD_ERROR_CREDENTIALS, _("profile `%s`: if `%s` is set, then `%s` must also be set"),
                        profile, config->account_id ? "sso_account_id" : "sso_role_name",
                        config->account_id ? "sso_role_name" : "sso_account_id"), NULL;
  return g_steal_pointer (&config);
}
