/* dd-window-actions.c: the window's actions: sources, running requests
 * (the d-spy Run/Cancel flow), pages, saved queries. */
#define G_LOG_DOMAIN "dd-window-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-connection-test.h"
#include "dd-page.h"
#include "dd-request.h"
#include "dd-shared-closures.h"
#include "dd-window-private.h"

#define LOCAL_ENDPOINT "http://localhost:8000"

void
_dd_window_actions_update (DdWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_source = self->source != NULL;
  gboolean has_pages = self->pager != NULL && !dd_pager_is_done (self->pager);

  gtk_widget_action_set_enabled (widget, "win.run", has_source && !self->busy);
  gtk_widget_action_set_enabled (widget, "win.cancel", self->busy);
  gtk_widget_action_set_enabled (widget, "win.save-query", has_source);
  gtk_widget_action_set_enabled (widget, "win.load-more", has_pages && !self->busy);
  gtk_widget_action_set_enabled (widget, "win.fetch-all", has_pages && !self->busy);
  gtk_widget_action_set_enabled (widget, "win.focus-editor", has_source);
  _dd_window_results_update (self);
  _dd_window_items_update (self);
}

static DdSource *
source_of (DdWindow *self,
           GVariant *parameter)
{
  const char *id = parameter ? g_variant_get_string (parameter, NULL) : "";

  if (*id == '\0')
    return self->source;
  return dd_source_store_lookup (self->sources, id);
}

/* Sources */

static void
dialog_saved_cb (DdWindow           *self,
                 DdSource           *source,
                 DdConnectionDialog *dialog)
{
  dd_sidebar_forget_session (self->sidebar, dd_source_get_id (source));
  dd_sidebar_select_source (self->sidebar, dd_source_get_id (source));
  if (self->source == source)
    {
      g_clear_object (&self->source);
      _dd_window_show_source (self, source);
    }
}

static void
dialog_destroyed_cb (DdWindow *self)
{
  self->dialog = NULL;
}

static DdConnectionDialog *
open_dialog (DdWindow *self,
             DdSource *source)
{
  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  self->dialog = dd_connection_dialog_new (GTK_WINDOW (self), self->sources, source);
  g_signal_connect_object (self->dialog, "saved", G_CALLBACK (dialog_saved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dialog, "destroy", G_CALLBACK (dialog_destroyed_cb), self, G_CONNECT_SWAPPED);
  if (source == NULL && self->settings != NULL)
    {
      g_autofree char *region = g_settings_get_string (self->settings, "default-region");

      gtk_editable_set_text (dd_connection_dialog_get_field (self->dialog, "region"), region);
    }
  gtk_window_present (GTK_WINDOW (self->dialog));
  return self->dialog;
}

static void
add_source_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  open_dialog (DD_WINDOW (widget), NULL);
}

static void
add_local_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DdConnectionDialog *dialog = open_dialog (DD_WINDOW (widget), NULL);

  dd_connection_dialog_prefill_local (dialog, LOCAL_ENDPOINT);
}

static void
edit_source_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DdWindow *self = DD_WINDOW (widget);
  DdSource *source = source_of (self, parameter);

  if (source != NULL)
    open_dialog (self, source);
}

static void
saved_after_change_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(DdWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!dd_source_store_save_finish (DD_SOURCE_STORE (object), result, &error))
    _dd_window_toast (self, error->message);
}

static void
duplicate_source_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  DdWindow *self = DD_WINDOW (widget);
  DdSource *source = source_of (self, parameter);
  DdSource *copy;

  if (source == NULL)
    return;
  copy = dd_source_store_duplicate (self->sources, source);
  if (copy != NULL)
    dd_sidebar_select_source (self->sidebar, dd_source_get_id (copy));
  dd_source_store_save_async (self->sources, NULL, saved_after_change_cb, g_object_ref (self));
}

static void
tested_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(DdWindow) self = user_data;
  g_autoptr(DdConnectionTestResult) outcome = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  outcome = dd_connection_test_finish (result, &error);
  if (outcome == NULL)
    message = g_strdup_printf (_("Connection failed: %s"), error->message);
  else
    message = g_strdup_printf (_("Connected in %u ms"), outcome->latency_ms);
  _dd_window_toast (self, message);
}

static void
test_source_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DdWindow *self = DD_WINDOW (widget);
  DdSource *source = source_of (self, parameter);

  if (source != NULL)
    dd_connection_test_async (source, self->sources, NULL, tested_cb, g_object_ref (self));
}

static void
refresh_tables_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  DdWindow *self = DD_WINDOW (widget);
  DdSource *source = source_of (self, parameter);

  if (source != NULL)
    dd_session_refresh_tables (dd_sidebar_get_session (self->sidebar, source));
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    DdWindow         *self)
{
  DdSource *source = dd_source_store_lookup (self->sources, g_object_get_data (G_OBJECT (dialog), "dd-source-id"));
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  if (g_strcmp0 (response, "delete") != 0 || source == NULL)
    return;
  id = g_strdup (dd_source_get_id (source));
  dd_source_store_remove (self->sources, source);
  dd_source_store_save_async (self->sources, NULL, saved_after_change_cb, g_object_ref (self));
  if (!dd_query_store_forget_source (self->queries, id, &error))
    _dd_window_toast (self, error->message);
}

static void
delete_source_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DdWindow *self = DD_WINDOW (widget);
  DdSource *source = source_of (self, parameter);
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;

  if (source == NULL)
    return;
  heading = g_strdup_printf (_("Delete “%s”?"), dd_source_get_name (source));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading,
                                                       _("Its settings, saved secret and saved queries are removed. The tables are not touched.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "dd-source-id", g_strdup (dd_source_get_id (source)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Requests */

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  _dd_window_run (DD_WINDOW (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  _dd_window_cancel (DD_WINDOW (widget));
}

static void
load_more_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  _dd_window_load_more (DD_WINDOW (widget));
}

static void
fetch_all_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  _dd_window_fetch_all (DD_WINDOW (widget));
}

static void
save_query_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        DdWindow         *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *name = gtk_editable_get_text (entry);

  if (g_strcmp0 (response, "save") != 0 || *name == '\0')
    return;
  if (!dd_window_save_query (self, name, &error))
    message = g_strdup_printf (_("The query was not saved: %s"), error->message);
  else
    message = g_strdup_printf (_("Saved “%s”"), name);
  _dd_window_toast (self, message);
}

static void
save_query_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DdWindow *self = DD_WINDOW (widget);
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  if (self->source == NULL)
    return;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Save Query"),
                                                       _("Saved queries appear under the data source in the sidebar.")));
  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Query Name"), -1);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Query name"));
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (save_query_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
open_run_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  dd_window_open_run (DD_WINDOW (widget), g_variant_get_uint32 (parameter));
}

/* Focus and views */

static void
focus_editor_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (DD_WINDOW (widget)->editor));
}

static void
focus_sidebar_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  gtk_widget_child_focus (GTK_WIDGET (DD_WINDOW (widget)->sidebar), GTK_DIR_TAB_FORWARD);
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  dd_results_view_set_view (DD_WINDOW (widget)->results, g_variant_get_string (parameter, NULL));
}

void
_dd_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.add-source", NULL, add_source_action);
  gtk_widget_class_install_action (widget_class, "win.add-local", NULL, add_local_action);
  gtk_widget_class_install_action (widget_class, "win.edit-source", "s", edit_source_action);
  gtk_widget_class_install_action (widget_class, "win.duplicate-source", "s", duplicate_source_action);
  gtk_widget_class_install_action (widget_class, "win.test-source", "s", test_source_action);
  gtk_widget_class_install_action (widget_class, "win.refresh-tables", "s", refresh_tables_action);
  gtk_widget_class_install_action (widget_class, "win.delete-source", "s", delete_source_action);
  gtk_widget_class_install_action (widget_class, "win.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "win.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "win.load-more", NULL, load_more_action);
  gtk_widget_class_install_action (widget_class, "win.fetch-all", NULL, fetch_all_action);
  gtk_widget_class_install_action (widget_class, "win.save-query", NULL, save_query_action);
  gtk_widget_class_install_action (widget_class, "win.open-run", "u", open_run_action);
  gtk_widget_class_install_action (widget_class, "win.focus-editor", NULL, focus_editor_action);
  gtk_widget_class_install_action (widget_class, "win.focus-sidebar", NULL, focus_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.add-source", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "win.run", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "win.run", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save-query", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK, "win.load-more", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.focus-editor", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.focus-sidebar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.refresh-tables", "s", "");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-view", "s", "table");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-view", "s", "tree");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.show-view", "s", "json");
}
