/* dd-application.c: the Dynamo Desk application. */
#define G_LOG_DOMAIN "dd-application"

#include "config.h"

#include <gtksourceview/gtksource.h>

#include "dd-application.h"
#include "dd-window.h"

struct _DdApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (DdApplication, dd_application, ADW_TYPE_APPLICATION)

static void
dd_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (dd_window_new (DD_APPLICATION (app)));
  gtk_window_present (window);
}

static void
dd_application_startup (GApplication *app)
{
  G_APPLICATION_CLASS (dd_application_parent_class)->startup (app);
  gtk_source_init ();
}

static void
dd_application_class_init (DdApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = dd_application_activate;
  app_class->startup = dd_application_startup;
}

static void
dd_application_init (DdApplication *self)
{
}

DdApplication *
dd_application_new (void)
{
  return g_object_new (DD_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/dynamodesk/DynamoDesk",
                       NULL);
}
