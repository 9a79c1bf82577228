/* main.c: dynamo-desk-cli, the engine from a terminal. */
#define G_LOG_DOMAIN "dynamo-desk-cli"

#include "config.h"

#include <locale.h>

#include "dd-cli-run.h"

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  return dd_cli_run (argc, argv);
}
