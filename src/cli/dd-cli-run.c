/* dd-cli-run.c: dynamo-desk-cli's entry point. */
#define G_LOG_DOMAIN "dynamo-desk-cli"

#include "config.h"

#include <stdio.h>

#include "dd-cli-run.h"

int
dd_cli_run (int argc, char **argv)
{
  fprintf (stderr, "dynamo-desk-cli: no operation given\n");
  return DD_CLI_EXIT_USAGE;
}
