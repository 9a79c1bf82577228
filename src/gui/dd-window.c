/* dd-window.c: the main window. */
#define G_LOG_DOMAIN "dd-window"

#include "config.h"

#include <glib/gi18n.h>

#include "dd-application.h"
#include "dd-sidebar-item.h"
#include "dd-window-private.h"

G_DEFINE_FINAL_TYPE (DdWindow, dd_window, ADW_TYPE_APPLICATION_WINDOW)

static void update_history_menu (DdWindow *self);

void
_dd_window_toast (DdWindow   *self,
                  const char *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  /* A toast's title is markup (libadwaita 1.2 has no plain-text toast). */
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

static void
update_content_page (DdWindow *self)
{
  const char *page;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->sources)) == 0)
    page = "empty";
  else if (self->source == NULL)
    page = "select";
  else
    page = "workspace";
  gtk_stack_set_visible_child_name (self->content_stack, page);
}

void
_dd_window_show_source (DdWindow *self,
                        DdSource *source)
{
  DdSession *session;

  if (self->source == source)
    return;
  g_set_object (&self->source, source);
  update_content_page (self);
  _dd_window_actions_update (self);
  if (source == NULL)
    {
      dd_namespace_bar_set_session (self->namespace_bar, NULL, NULL);
      adw_window_title_set_title (self->content_title, "");
      adw_window_title_set_subtitle (self->content_title, "");
      return;
    }
  update_history_menu (self);
  adw_window_title_set_title (self->content_title, dd_source_get_name (source));
  adw_window_title_set_subtitle (self->content_title,
                                 dd_source_get_endpoint (source) ? dd_source_get_endpoint (source)
                                                                 : dd_source_get_region (source));
  session = dd_sidebar_get_session (self->sidebar, source);
  dd_namespace_bar_set_session (self->namespace_bar, self->sources, session);
  dd_query_editor_set_tables (self->editor, dd_session_get_tables (session));
  /* the table dropdown needs the tables: load them if nothing did yet */
  dd_session_ensure_tables (session);
  dd_results_view_show_empty (self->results);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-source", dd_source_get_id (source));
}

static void
source_selected_cb (DdWindow  *self,
                    DdSource  *source,
                    DdSidebar *sidebar)
{
  _dd_window_show_source (self, source);
}

static void
item_activated_cb (DdWindow      *self,
                   DdSidebarItem *item,
                   DdSidebar     *sidebar)
{
  switch (dd_sidebar_item_get_kind (item))
    {
    case DD_SIDEBAR_ITEM_TABLE:
      dd_query_editor_set_table (self->editor, dd_sidebar_item_get_title (item));
      break;
    case DD_SIDEBAR_ITEM_QUERY:
      dd_window_open_query (self, dd_sidebar_item_get_title (item));
      break;
    case DD_SIDEBAR_ITEM_MESSAGE:
    default:
      break;
    }
}

static void
sources_changed_cb (DdWindow *self)
{
  if (self->source != NULL
      && dd_source_store_lookup (self->sources, dd_source_get_id (self->source)) == NULL)
    _dd_window_show_source (self, NULL);
  update_content_page (self);
  _dd_window_actions_update (self);
}

/* The recent runs of the selected source, newest first (at most 20 shown). */
static void
update_history_menu (DdWindow *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GPtrArray) runs = NULL;

  if (self->source != NULL)
    {
      runs = dd_query_store_list_history (self->queries, dd_source_get_id (self->source));
      for (guint i = 0; i < MIN (runs->len, 20); i++)
        {
          DdQuery *run = g_ptr_array_index (runs, i);
          g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (run->time);
          g_autofree char *time = when ? g_date_time_format (when, "%H:%M") : g_strdup ("");
          g_autofree char *label = NULL;
          g_autoptr(GMenuItem) item = NULL;
          const DdOperation *op = dd_operation_lookup_action (run->action);

          label = g_strdup_printf ("%s%s%s · %s%s", op ? _(op->label) : run->action,
                                   run->table ? " · " : "", run->table ? run->table : "", time,
                                   run->succeeded ? "" : " ⚠");
          item = g_menu_item_new (label, NULL);
          g_menu_item_set_action_and_target (item, "win.open-run", "u", i);
          g_menu_append_item (menu, item);
        }
    }
  dd_query_editor_set_history (self->editor, G_MENU_MODEL (menu));
}

static void
queries_changed_cb (DdWindow   *self,
                    const char *source_id)
{
  DdSource *source = source_id ? dd_source_store_lookup (self->sources, source_id) : NULL;

  update_history_menu (self);
  if (source != NULL)
    dd_session_update_queries (dd_sidebar_get_session (self->sidebar, source));
}

/* Settings */

static GSettings *
create_settings (void)
{
  GSettingsSchemaSource *schemas = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (schemas != NULL)
    schema = g_settings_schema_source_lookup (schemas, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("No GSettings schema %s: window state is not kept", APP_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

static void
restore_state (DdWindow *self)
{
  if (self->settings == NULL)
    return;
  gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  gtk_paned_set_position (self->paned, g_settings_get_int (self->settings, "sidebar-width"));
  dd_results_view_set_typed (self->results, g_settings_get_boolean (self->settings, "results-typed"));
}

static void
save_state (DdWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (self->settings);
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_set_int (self->settings, "sidebar-width",
                      CLAMP (gtk_paned_get_position (self->paned), 160, 800));
  g_settings_set_boolean (self->settings, "results-typed", dd_results_view_get_typed (self->results));
  g_settings_apply (self->settings);
}

static gboolean
dd_window_close_request (GtkWindow *window)
{
  DdWindow *self = DD_WINDOW (window);
  GtkApplication *app = gtk_window_get_application (window);

  /* the last window with writes in flight: quitting waits for them */
  if (DD_IS_APPLICATION (app) && !dd_application_may_close (DD_APPLICATION (app), window))
    return TRUE;
  save_state (self);
  g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (dd_window_parent_class)->close_request (window);
}

static void
dd_window_dispose (GObject *object)
{
  DdWindow *self = DD_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->sources != NULL)
    g_signal_handlers_disconnect_by_data (self->sources, self);
  if (self->queries != NULL)
    g_signal_handlers_disconnect_by_data (self->queries, self);
  gtk_widget_dispose_template (GTK_WIDGET (object), DD_TYPE_WINDOW);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->pager);
  g_clear_object (&self->source);
  g_clear_object (&self->sources);
  g_clear_object (&self->queries);
  g_clear_object (&self->settings);
  g_clear_object (&self->mfa_prompt);
  g_clear_pointer (&self->run_text, g_free);
  g_clear_pointer (&self->run_table, g_free);
  g_clear_pointer (&self->run_source_id, g_free);
  G_OBJECT_CLASS (dd_window_parent_class)->dispose (object);
}

static void
dd_window_class_init (DdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = dd_window_dispose;
  window_class->close_request = dd_window_close_request;

  g_type_ensure (DD_TYPE_SIDEBAR);
  g_type_ensure (DD_TYPE_QUERY_EDITOR);
  g_type_ensure (DD_TYPE_RESULTS_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/dynamodesk/DynamoDesk/ui/dd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, workspace_paned);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, editor);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, results);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, banner_box);

  _dd_window_class_actions_init (widget_class);
  _dd_window_class_results_init (widget_class);
  _dd_window_class_items_init (widget_class);
}

static void
dd_window_init (DdWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = create_settings ();
  restore_state (self);
  _dd_window_results_init (self);
  _dd_window_items_init (self);
  _dd_window_forms_init (self);
  g_signal_connect_object (self->sidebar, "source-selected", G_CALLBACK (source_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sidebar, "item-activated", G_CALLBACK (item_activated_cb), self,
                           G_CONNECT_SWAPPED);
  self->mfa_prompt = dd_mfa_prompt_new (GTK_WINDOW (self));
  dd_sidebar_set_mfa_prompt (self->sidebar, self->mfa_prompt);
  gtk_box_append (self->banner_box, dd_mfa_prompt_get_banner (self->mfa_prompt));
  self->namespace_bar = DD_NAMESPACE_BAR (dd_namespace_bar_new ());
  gtk_box_append (self->banner_box, GTK_WIDGET (self->namespace_bar));
}

DdWindow *
dd_window_new (DdApplication *application,
               DdSourceStore *sources,
               DdQueryStore  *queries)
{
  DdWindow *self = g_object_new (DD_TYPE_WINDOW, "application", application, NULL);
  g_autofree char *last = NULL;

  self->sources = g_object_ref (sources);
  self->queries = g_object_ref (queries);
  dd_sidebar_set_stores (self->sidebar, sources, queries);
  g_signal_connect_swapped (sources, "items-changed", G_CALLBACK (sources_changed_cb), self);
  g_signal_connect_swapped (queries, "changed", G_CALLBACK (queries_changed_cb), self);
  sources_changed_cb (self);
  if (self->settings != NULL)
    last = g_settings_get_string (self->settings, "last-source");
  if (last != NULL && *last != '\0')
    dd_sidebar_select_source (self->sidebar, last);
  return self;
}

DdMfaPrompt *
dd_window_get_mfa_prompt (DdWindow *self)
{
  g_return_val_if_fail (DD_IS_WINDOW (self), NULL);
  return self->mfa_prompt;
}

GtkWidget *
dd_window_get_namespace_bar (DdWindow *self)
{
  g_return_val_if_fail (DD_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->namespace_bar);
}

GtkWidget *
dd_window_get_sidebar (DdWindow *self)
{
  g_return_val_if_fail (DD_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->sidebar);
}

GtkWidget *
dd_window_get_editor (DdWindow *self)
{
  g_return_val_if_fail (DD_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->editor);
}

GtkWidget *
dd_window_get_results (DdWindow *self)
{
  g_return_val_if_fail (DD_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->results);
}

const char *
dd_window_get_content_page (DdWindow *self)
{
  g_return_val_if_fail (DD_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->content_stack);
}

GtkWidget *
dd_window_get_dialog (DdWindow *self)
{
  g_return_val_if_fail (DD_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->dialog);
}

gboolean
dd_window_get_busy (DdWindow *self)
{
  g_return_val_if_fail (DD_IS_WINDOW (self), FALSE);
  return self->busy;
}

gboolean
dd_window_save_query (DdWindow    *self,
                      const char  *name,
                      GError     **error)
{
  const DdOperation *op;
  g_autofree char *text = NULL;

  g_return_val_if_fail (DD_IS_WINDOW (self), FALSE);

  if (self->source == NULL || (op = dd_query_editor_get_operation (self->editor)) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("No data source is selected"));
      return FALSE;
    }
  text = dd_query_editor_get_text (self->editor);
  return dd_query_store_save_query (self->queries, dd_source_get_id (self->source), name, op->action,
                                    dd_query_editor_get_table (self->editor), text, error);
}

gboolean
dd_window_open_run (DdWindow *self,
                    guint     position)
{
  g_autoptr(GPtrArray) runs = NULL;
  DdQuery *run;

  g_return_val_if_fail (DD_IS_WINDOW (self), FALSE);

  if (self->source == NULL)
    return FALSE;
  runs = dd_query_store_list_history (self->queries, dd_source_get_id (self->source));
  if (position >= runs->len)
    return FALSE;
  run = g_ptr_array_index (runs, position);
  dd_query_editor_set_text (self->editor, run->text);
  dd_query_editor_set_operation (self->editor, run->action);
  if (run->table != NULL)
    dd_query_editor_set_table (self->editor, run->table);
  return TRUE;
}

gboolean
dd_window_open_query (DdWindow   *self,
                      const char *name)
{
  const DdQuery *query;

  g_return_val_if_fail (DD_IS_WINDOW (self), FALSE);

  if (self->source == NULL
      || (query = dd_query_store_lookup_query (self->queries, dd_source_get_id (self->source), name)) == NULL)
    return FALSE;
  dd_query_editor_set_text (self->editor, query->text);
  dd_query_editor_set_operation (self->editor, query->action);
  if (query->table != NULL)
    dd_query_editor_set_table (self->editor, query->table);
  return TRUE;
}
