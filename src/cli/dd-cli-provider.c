/* dd-cli-provider.c: credentials and region for dynamo-desk-cli. */
#define G_LOG_DOMAIN "dynamo-desk-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include "dd-cli-provider.h"
#include "dd-error.h"
#include "dd-provider-chain.h"
#include "dd-profile-file.h"
#include "dd-provider-profile.h"
#include "dd-cli-sources.h"

static char *
env_region (void)
{
  const char *names[] = { "AWS_REGION", "AWS_DEFAULT_REGION" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *value = g_getenv (names[i]);
      if (value != NULL && *value)
        return g_strdup (value);
    }
  return NULL;
}

/* The region a profile names (--profile, else AWS_PROFILE or default). */
static char *
profile_region (const char *profile)
{
  g_autoptr(DdProfileFile) file = dd_profile_file_load (NULL, NULL, NULL);
  const char *name = profile != NULL ? profile : dd_profile_file_selected_profile_name ();

  if (file == NULL)
    return NULL;
  return g_strdup (dd_profile_file_get (file, name, "region"));
}

DdCredentialsProvider *
dd_cli_provider_resolve (const DdCliArgs  *args,
                         char            **region_out,
                         char            **endpoint_out,
                         GError          **error)
{
  g_autoptr(DdCredentialsProvider) provider = NULL;
  g_autofree char *region = NULL;
  g_autofree char *endpoint = NULL;

  if (args->source != NULL && args->profile != NULL)
    {
      g_set_error_literal (error, DD_ERROR, DD_ERROR_INVALID_INPUT,
                           _("--source and --profile exclude each other"));
      return NULL;
    }

  if (args->source != NULL)
    provider = dd_cli_sources_provider_for (args->source, &region, &endpoint, error);
  else if (args->profile != NULL)
    provider = dd_provider_profile_new (args->profile);
  else
    provider = dd_provider_chain_new_default ();
  if (provider == NULL)
    return NULL;

  if (args->region != NULL)
    {
      g_free (region);
      region = g_strdup (args->region);
    }
  if (region == NULL)
    region = env_region ();
  if (region == NULL && args->source == NULL)
    region = profile_region (args->profile);
  if (args->endpoint != NULL)
    {
      g_free (endpoint);
      endpoint = g_strdup (args->endpoint);
    }

  *region_out = g_steal_pointer (&region);
  *endpoint_out = g_steal_pointer (&endpoint);
  return g_steal_pointer (&provider);
}
