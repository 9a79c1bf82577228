/* dd-cli-run.h: dynamo-desk-cli's entry point. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit codes: 0 success, 1 AWS error (a write that may already have been
 * made included), 2 bad usage or bad JSON, 3 network or credential
 * failure, 4 a local file could not be read or written (a full disk...). */
typedef enum
{
  DD_CLI_EXIT_OK = 0,
  DD_CLI_EXIT_AWS = 1,
  DD_CLI_EXIT_USAGE = 2,
  DD_CLI_EXIT_NETWORK = 3,
  DD_CLI_EXIT_LOCAL = 4,
} DdCliExit;

int dd_cli_run                 (int           argc,
                                char        **argv);

/* The exit code for an error, and printing it (message, hint, request id)
 * on standard error; returns the exit code. */
int dd_cli_exit_code_for_error (const GError *error);
int dd_cli_report_error        (const GError *error);

G_END_DECLS
