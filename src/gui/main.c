/* main.c: dynamo-desk, the GTK application. */
#define G_LOG_DOMAIN "dynamo-desk"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "dd-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(DdApplication) app = NULL;
  gint64 started_us = g_get_monotonic_time ();

  setlocale (LC_ALL, "");
  /* DD_LOCALEDIR: the translations of an uninstalled build (build/po) */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("DD_LOCALEDIR") ? g_getenv ("DD_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = dd_application_new ();
  dd_application_set_start_time (app, started_us);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
