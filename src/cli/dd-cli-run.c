/* dd-cli-run.c: dynamo-desk-cli's entry point: one operation, start to end. */
#define G_LOG_DOMAIN "dynamo-desk-cli"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "dd-cli-args.h"
#include "dd-cli-import.h"
#include "dd-cli-paged.h"
#include "dd-cli-print.h"
#include "dd-cli-provider.h"
#include "dd-cli-run.h"
#include "dd-cli-sources.h"
#include "dd-cli-sso.h"
#include "dd-client.h"
#include "dd-error.h"
#include "dd-operation.h"
#include "dd-request.h"

typedef struct
{
  DdCliArgs         *args;
  const DdOperation *op;
  const char        *action;
  DdClient          *client;
  GBytes            *body;
  GBytes            *response;
  GError            *error;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->args, dd_cli_args_free);
  g_clear_object (&run->client);
  g_clear_pointer (&run->body, g_bytes_unref);
  g_clear_pointer (&run->response, g_bytes_unref);
  g_clear_error (&run->error);
}

int
dd_cli_exit_code_for_error (const GError *error)
{
  /* The client turns every transport error into a DD_ERROR: what is left
   * in the GIO and file domains comes from reading or writing local files. */
  if (error->domain == G_IO_ERROR || error->domain == G_FILE_ERROR)
    return DD_CLI_EXIT_LOCAL;
  if (error->domain != DD_ERROR)
    return DD_CLI_EXIT_NETWORK;
  switch ((DdErrorCode) error->code)
    {
    case DD_ERROR_SERVICE:
    case DD_ERROR_MAYBE_APPLIED:
      return DD_CLI_EXIT_AWS;
    case DD_ERROR_INVALID_JSON:
    case DD_ERROR_INVALID_INPUT:
      return DD_CLI_EXIT_USAGE;
    case DD_ERROR_FAILED:
    case DD_ERROR_NETWORK:
    case DD_ERROR_TIMEOUT:
    case DD_ERROR_CREDENTIALS:
    case DD_ERROR_CRC:
    case DD_ERROR_PROTOCOL:
    default:
      return DD_CLI_EXIT_NETWORK;
    }
}

int
dd_cli_report_error (const GError *error)
{
  const char *hint = dd_error_get_hint (error);
  const char *request_id = dd_error_get_request_id (error);

  fprintf (stderr, "dynamo-desk-cli: %s\n", error->message);
  if (hint != NULL)
    fprintf (stderr, _("hint: %s\n"), hint);
  if (request_id != NULL)
    fprintf (stderr, _("request id: %s\n"), request_id);
  return dd_cli_exit_code_for_error (error);
}

static int
usage_error (const char *message)
{
  fprintf (stderr, "dynamo-desk-cli: %s\n%s", message, dd_cli_usage ());
  return DD_CLI_EXIT_USAGE;
}

static const DdOperation *
find_operation (const DdCliArgs *args,
                GError         **error)
{
  const DdOperation *op;

  if (args->action != NULL)
    op = dd_operation_for_raw_action (args->action);
  else
    op = dd_operation_lookup_cli_name (args->operation);
  if (op == NULL && args->action != NULL)
    g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("“%s” is not an action name"), args->action);
  else if (op == NULL)
    g_set_error (error, DD_ERROR, DD_ERROR_INVALID_INPUT, _("unknown operation “%s”"), args->operation);
  return op;
}

static DdAttrReading
reading_for (const DdCliArgs *args)
{
  if (args->typed)
    return DD_ATTR_READING_TYPED;
  if (args->plain)
    return DD_ATTR_READING_PLAIN;
  return DD_ATTR_READING_DETECT;
}

/* Everything up to the network: parse, find the operation, build the body,
 * resolve credentials. Returns an exit code, or -1 to go on. */
static int
prepare (Run   *run,
         int    argc,
         char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *region = NULL;
  g_autofree char *endpoint = NULL;
  g_autoptr(DdCredentialsProvider) provider = NULL;

  run->args = dd_cli_args_parse (argc, argv, &error);
  if (run->args == NULL)
    return usage_error (error->message);
  run->op = find_operation (run->args, &error);
  if (run->op == NULL)
    return usage_error (error->message);
  run->action = run->op->action != NULL ? run->op->action : run->args->action;

  text = dd_cli_args_read_request (run->args, &error);
  if (text != NULL)
    run->body = dd_request_build (run->op, text, -1, run->args->table, reading_for (run->args), &error);
  if (run->body == NULL)
    return dd_cli_report_error (error);

  provider = dd_cli_provider_resolve (run->args, &region, &endpoint, &error);
  if (provider == NULL)
    return dd_cli_report_error (error);
  if (region == NULL && endpoint == NULL)
    return usage_error (_("no region: give --region, or set AWS_REGION, or a profile's region"));
  run->client = dd_client_new (region != NULL ? region : "us-east-1", endpoint, provider);
  return -1;
}

static int
run_single (Run *run)
{
  run->response = dd_cli_call (run->client, run->action, run->body, &run->error);
  if (run->response == NULL)
    return dd_cli_report_error (run->error);
  return dd_cli_print_response (run->args, run->op, run->client, run->body, run->response);
}

static gboolean
wants_pages (Run *run)
{
  return (run->args->all || run->args->max_items > 0 || run->args->segments > 1)
         && dd_operation_is_paginated (run->op);
}

int
dd_cli_run (int    argc,
            char **argv)
{
  Run run = { 0 };
  int status;

  if (argc > 1 && g_str_equal (argv[1], "sources"))
    return dd_cli_sources_main (argc - 1, argv + 1);
  if (argc > 1 && g_str_equal (argv[1], "import"))
    return dd_cli_import_main (argc - 1, argv + 1);
  if (argc > 1 && g_str_equal (argv[1], "sso"))
    return dd_cli_sso_main (argc - 1, argv + 1);
  if (argc > 1 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      fputs (dd_cli_usage (), stdout);
      return DD_CLI_EXIT_OK;
    }

  status = prepare (&run, argc, argv);
  if (status < 0)
    status = wants_pages (&run)
             ? dd_cli_paged_run (run.args, run.op, run.client, run.body)
             : run_single (&run);
  run_clear (&run);
  return status;
}
