/* dd-cli-run.h: dynamo-desk-cli's entry point. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit codes: 0 success, 1 AWS error, 2 bad usage or bad JSON,
 * 3 network or credential failure. */
typedef enum
{
  DD_CLI_EXIT_OK = 0,
  DD_CLI_EXIT_AWS = 1,
  DD_CLI_EXIT_USAGE = 2,
  DD_CLI_EXIT_NETWORK = 3,
} DdCliExit;

int dd_cli_run                 (int           argc,
                                char        **argv);

/* The exit code for an error, and printing it (message, hint, request id)
 * on standard error; returns the exit code. */
int dd_cli_exit_code_for_error (const GError *error);
int dd_cli_report_error        (const GError *error);

G_END_DECLS
