/* main.c: dynamo-desk, the GTK application. */
#define G_LOG_DOMAIN "dynamo-desk"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "dd-application.h"

/* GTK 4.8 on X11 loads the GL driver and makes a GL context when it opens
 * the display, to pick the window's visual, even when the cairo renderer
 * was asked for (GSK_RENDERER=cairo): a fifth of the start-up, and the
 * driver's threads. Nothing here draws with GL, so when cairo was asked
 * for, GL is turned off the one way GTK 4.8 has (GDK_DEBUG=gl-disable),
 * before GTK reads its environment. */
static void
disable_unused_gl (void)
{
  const char *debug = g_getenv ("GDK_DEBUG");
  g_autofree char *flags = NULL;

  if (g_strcmp0 (g_getenv ("GSK_RENDERER"), "cairo") != 0
      || (debug != NULL && strstr (debug, "gl-disable") != NULL))
    return;
  flags = debug != NULL && *debug != '\0' ? g_strconcat (debug, ",gl-disable", NULL) : g_strdup ("gl-disable");
  g_setenv ("GDK_DEBUG", flags, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(DdApplication) app = NULL;
  gint64 started_us = g_get_monotonic_time ();

  disable_unused_gl ();
  setlocale (LC_ALL, "");
  /* DD_LOCALEDIR: the translations of an uninstalled build (build/po) */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("DD_LOCALEDIR") ? g_getenv ("DD_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = dd_application_new ();
  dd_application_set_start_time (app, started_us);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
