/* dd-cli-sso.c: `dynamo-desk-cli sso ...`. */
#define G_LOG_DOMAIN "dynamo-desk-cli"

#include "config.h"

#include <signal.h>
#include <stdio.h>

#include <glib-unix.h>
#include <glib/gi18n-lib.h>

#include "dd-cli-run.h"
#include "dd-cli-sso.h"
#include "dd-error.h"
#include "dd-provider-sso.h"
#include "dd-sso-portal.h"

#define SSO_USAGE \
  N_("Usage: dynamo-desk-cli sso login [--profile P]\n" \
  "       dynamo-desk-cli sso accounts [--profile P]\n" \
  "       dynamo-desk-cli sso roles --account-id ID [--profile P]\n" \
  "The profile (AWS_PROFILE, else \"default\") names an sso_session or has\n" \
  "sso_start_url and sso_region in ~/.aws/config. The sign-in is shared with\n" \
  "the AWS CLI (~/.aws/sso/cache).\n")

typedef struct
{
  gboolean      done;
  GAsyncResult *result;
} Wait;

static void
wait_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Wait *wait = data;

  wait->result = g_object_ref (result);
  wait->done = TRUE;
}

static void
wait_run (Wait *wait)
{
  while (!wait->done)
    g_main_context_iteration (NULL, TRUE);
}

static int
usage_error (const char *message)
{
  fprintf (stderr, "dynamo-desk-cli: %s\n%s", message, _(SSO_USAGE));
  return DD_CLI_EXIT_USAGE;
}

static DdProviderSso *
provider_for_profile (const char  *profile,
                      GError     **error)
{
  g_autoptr(DdProfileFile) file = dd_profile_file_load (NULL, NULL, error);
  g_autoptr(DdSsoConfig) config = NULL;
  GError *local_error = NULL;

  if (file == NULL)
    return NULL;
  if (profile == NULL)
    profile = dd_profile_file_selected_profile_name ();
  if (!dd_profile_file_has_profile (file, profile))
    return g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("profile `%s` is not defined"), profile), NULL;
  config = dd_sso_config_from_profile (file, profile, &local_error);
  if (config == NULL)
    {
      if (local_error == NULL)
        local_error = g_error_new (DD_ERROR, DD_ERROR_INVALID_INPUT,
                                   _("profile `%s` has no IAM Identity Center settings (sso_session, or "
                                   "sso_start_url and sso_region)"), profile);
      g_propagate_error (error, local_error);
      return NULL;
    }
  return DD_PROVIDER_SSO (dd_provider_sso_new (config));
}

static void
prompt_cb (const DdSsoDeviceAuthorization *authorization,
           gpointer                        user_data)
{
  printf (_("To sign in, open this address in a browser:\n\n  %s\n\nand check that it shows the code: %s\n\n"),
          authorization->verification_uri_complete ? authorization->verification_uri_complete
                                                   : authorization->verification_uri,
          authorization->user_code);
  printf (_("Waiting for the sign-in to be approved (Ctrl+C to stop)...\n"));
  fflush (stdout);
}

static gboolean
interrupted_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static int
cmd_login (DdProviderSso *provider)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(DdSsoToken) token = NULL;
  g_autofree char *until = NULL;
  Wait wait = { 0 };
  guint sigint = g_unix_signal_add (SIGINT, interrupted_cb, cancellable);

  dd_provider_sso_login_async (provider, prompt_cb, NULL, cancellable, wait_cb, &wait);
  wait_run (&wait);
  g_source_remove (sigint);
  token = dd_provider_sso_login_finish (provider, wait.result, &error);
  g_object_unref (wait.result);
  if (token == NULL)
    return dd_cli_report_error (error);
  until = g_date_time_format_iso8601 (token->expires_at);
  printf (_("Signed in to %s until %s.\n"), token->start_url, until);
  return DD_CLI_EXIT_OK;
}

static int
cmd_list (DdProviderSso *provider,
          const char    *account_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  Wait wait = { 0 };

  if (account_id != NULL)
    dd_provider_sso_list_account_roles_async (provider, account_id, NULL, wait_cb, &wait);
  else
    dd_provider_sso_list_accounts_async (provider, NULL, wait_cb, &wait);
  wait_run (&wait);
  items = account_id != NULL ? dd_provider_sso_list_account_roles_finish (provider, wait.result, &error)
                             : dd_provider_sso_list_accounts_finish (provider, wait.result, &error);
  g_object_unref (wait.result);
  if (items == NULL)
    return dd_cli_report_error (error);
  for (guint i = 0; i < items->len; i++)
    {
      if (account_id != NULL)
        printf ("%s\n", ((DdSsoRole *) g_ptr_array_index (items, i))->role_name);
      else
        {
          DdSsoAccount *account = g_ptr_array_index (items, i);

          printf ("%s\t%s\t%s\n", account->account_id, account->account_name ? account->account_name : "",
                  account->email_address ? account->email_address : "");
        }
    }
  return DD_CLI_EXIT_OK;
}

int
dd_cli_sso_main (int    argc,
                 char **argv)
{
  const char *profile = NULL;
  const char *account_id = NULL;
  g_autoptr(DdProviderSso) provider = NULL;
  g_autoptr(GError) error = NULL;

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      fputs (_(SSO_USAGE), argc < 2 ? stderr : stdout);
      return argc < 2 ? DD_CLI_EXIT_USAGE : DD_CLI_EXIT_OK;
    }
  for (int i = 2; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--profile") && i + 1 < argc)
        profile = argv[++i];
      else if (g_str_equal (argv[i], "--account-id") && i + 1 < argc)
        account_id = argv[++i];
      else
        return usage_error (_("unknown or incomplete option"));
    }
  if (!g_str_equal (argv[1], "login") && !g_str_equal (argv[1], "accounts") && !g_str_equal (argv[1], "roles"))
    return usage_error (_("unknown sso command"));
  if (g_str_equal (argv[1], "roles") != (account_id != NULL))
    return usage_error (_("--account-id goes with sso roles, which needs it"));
  if ((provider = provider_for_profile (profile, &error)) == NULL)
    return dd_cli_report_error (error);
  if (g_str_equal (argv[1], "login"))
    return cmd_login (provider);
  return cmd_list (provider, account_id);
}
