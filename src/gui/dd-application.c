/* dd-application.c: the Dynamo Desk application. */
#define G_LOG_DOMAIN "dd-application"

#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "dd-application.h"
#include "dd-preferences-dialog.h"
#include "dd-window-private.h"

struct _DdApplication
{
  AdwApplication  parent_instance;
  DdSourceStore  *sources;
  DdQueryStore   *queries;
  GSettings      *settings;
  gint64          started_us;
  guint           loaded : 1;
  guint           activate_pending : 1;
};

G_DEFINE_FINAL_TYPE (DdApplication, dd_application, ADW_TYPE_APPLICATION)

/* DD_TIMING (unset by default): start-up times on stdout. The first frame
 * is also given on the system's monotonic clock, for a launcher to compare
 * with its own (bench/bench-gui); DD_TIMING=quit quits after it. */
static void
first_paint_cb (GdkFrameClock *clock,
                DdApplication *self)
{
  gint64 now = g_get_monotonic_time ();

  g_print ("dynamo-desk: first frame drawn %.1f ms after start (monotonic %" G_GINT64_FORMAT " us)\n",
           (now - self->started_us) / 1000.0, now);
  fflush (stdout);
  g_signal_handlers_disconnect_by_func (clock, first_paint_cb, self);
  if (g_strcmp0 (g_getenv ("DD_TIMING"), "quit") == 0)
    g_application_quit (G_APPLICATION (self));
}

static void
window_mapped_cb (GtkWidget     *window,
                  DdApplication *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  if (clock != NULL)
    g_signal_connect (clock, "after-paint", G_CALLBACK (first_paint_cb), self);
}

static void
present_window (DdApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      const char *state = g_getenv ("DD_OPEN_STATE");

      window = GTK_WINDOW (dd_window_new (self, self->sources, self->queries));
      if (g_getenv ("DD_TIMING") != NULL)
        g_print ("dynamo-desk: window built %.1f ms after start\n",
                 (g_get_monotonic_time () - self->started_us) / 1000.0);
      if (g_getenv ("DD_TIMING") != NULL)
        g_signal_connect (window, "map", G_CALLBACK (window_mapped_cb), self);
      gtk_window_present (window);
      if (state != NULL)
        _dd_window_open_state (DD_WINDOW (window), state);
      return;
    }
  gtk_window_present (window);
}

static void
sources_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(DdApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!dd_source_store_load_finish (DD_SOURCE_STORE (object), result, &error))
    g_warning ("The saved data sources could not be read: %s", error->message);
  self->loaded = TRUE;
  if (g_getenv ("DD_TIMING") != NULL)
    g_print ("dynamo-desk: data sources read %.1f ms after start\n",
             (g_get_monotonic_time () - self->started_us) / 1000.0);
  if (self->activate_pending)
    present_window (self);
  g_application_release (G_APPLICATION (self));
}

static void
dd_application_activate (GApplication *app)
{
  DdApplication *self = DD_APPLICATION (app);

  if (!self->loaded)
    {
      self->activate_pending = TRUE;
      return;
    }
  present_window (self);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = user_data;
  const char *developers[] = { "Dynamo Desk contributors", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Dynamo Desk"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "comments", _("A desktop client for Amazon DynamoDB"),
                         "developers", developers,
                         "website", "https://github.com/dynamodesk/dynamo-desk",
                         "issue-url", "https://github.com/dynamodesk/dynamo-desk/issues",
                         /* Translators: your names, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  DdApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (self->settings != NULL)
    gtk_window_present (GTK_WINDOW (dd_preferences_dialog_new (parent, self->settings)));
}

static void
new_window_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  DdApplication *self = user_data;

  if (self->loaded)
    gtk_window_present (GTK_WINDOW (dd_window_new (self, self->sources, self->queries)));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *app = user_data;
  /* a copy: each window leaves the application's list as it closes */
  GList *windows = g_list_copy_deep (gtk_application_get_windows (app), (GCopyFunc) g_object_ref, NULL);

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free_full (windows, g_object_unref);
}

static void
dd_application_startup (GApplication *app)
{
  DdApplication *self = DD_APPLICATION (app);
  static const GActionEntry entries[] = {
    { .name = "about", .activate = about_action },
    { .name = "quit", .activate = quit_action },
    { .name = "preferences", .activate = preferences_action },
    { .name = "new-window", .activate = new_window_action },
  };
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *preferences_accels[] = { "<Control>comma", NULL };
  const char *new_window_accels[] = { "<Control><Shift>n", NULL };
  g_autoptr(GError) error = NULL;

  G_APPLICATION_CLASS (dd_application_parent_class)->startup (app);
  gtk_source_init ();
  if (g_getenv ("DD_TIMING") != NULL)
    g_print ("dynamo-desk: started up %.1f ms after start\n",
             (g_get_monotonic_time () - self->started_us) / 1000.0);
  g_action_map_add_action_entries (G_ACTION_MAP (app), entries, G_N_ELEMENTS (entries), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.new-window", new_window_accels);
  self->settings = dd_settings_new ();
  if (self->settings != NULL)
    dd_settings_follow_style (self->settings);

  self->sources = dd_source_store_new (NULL, NULL);
  self->queries = dd_query_store_new (NULL);
  if (!dd_query_store_load (self->queries, &error))
    g_warning ("The saved queries could not be read: %s", error->message);
  g_application_hold (app);
  dd_source_store_load_async (self->sources, NULL, sources_loaded_cb, g_object_ref (self));
}

static void
dd_application_shutdown (GApplication *app)
{
  DdApplication *self = DD_APPLICATION (app);

  G_APPLICATION_CLASS (dd_application_parent_class)->shutdown (app);
  g_clear_object (&self->sources);
  g_clear_object (&self->queries);
  g_clear_object (&self->settings);
  gtk_source_finalize ();
}

static void
dd_application_class_init (DdApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = dd_application_activate;
  app_class->startup = dd_application_startup;
  app_class->shutdown = dd_application_shutdown;
}

static void
dd_application_init (DdApplication *self)
{
  self->started_us = g_get_monotonic_time ();
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

void
dd_application_set_start_time (DdApplication *self,
                               gint64         started_us)
{
  g_return_if_fail (DD_IS_APPLICATION (self));
  self->started_us = started_us;
}

DdSourceStore *
dd_application_get_source_store (DdApplication *self)
{
  g_return_val_if_fail (DD_IS_APPLICATION (self), NULL);
  return self->sources;
}

DdQueryStore *
dd_application_get_query_store (DdApplication *self)
{
  g_return_val_if_fail (DD_IS_APPLICATION (self), NULL);
  return self->queries;
}
