/* dd-cli-provider.c: credentials and region for dynamo-desk-cli. */
#define G_LOG_DOMAIN "dynamo-desk-cli"

#include "config.h"

#include "dd-cli-provider.h"
#include "dd-error.h"
#include "dd-provider-chain.h"
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
                           "--source and --profile exclude each other");
      return NULL;
    }

  if (args->source != NULL)
    provider = dd_cli_sources_provider_for (args->source, &region, &endpoint, error);
  else if (args->profile != NULL)
    provider = dd_provider_profile_new_with_region (args->profile, &region, error);
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
  if (args->endpoint != NULL)
    {
      g_free (endpoint);
      endpoint = g_strdup (args->endpoint);
    }

  *region_out = g_steal_pointer (&region);
  *endpoint_out = g_steal_pointer (&endpoint);
  return g_steal_pointer (&provider);
}
