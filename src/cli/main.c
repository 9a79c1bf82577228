/* main.c: dynamo-desk-cli, the engine from a terminal. */
#define G_LOG_DOMAIN "dynamo-desk-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "dd-cli-run.h"

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  /* DD_LOCALEDIR: the translations of an uninstalled build (build/po).
   * Only messages are translated: JSON and CSV output never change with
   * the locale. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("DD_LOCALEDIR") ? g_getenv ("DD_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  return dd_cli_run (argc, argv);
}
