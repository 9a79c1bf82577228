/* dd-window-tables.c: the window's table actions: create a table from a
 * form, a table's overview (DescribeTable, DescribeTimeToLive) with its
 * capacity, TTL and delete requests, and a source's read-only mark. */
#define G_LOG_DOMAIN "dd-window-tables"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dd-create-table-dialog.h"
#include "dd-operation.h"
#include "dd-request.h"
#include "dd-table-overview.h"
#include "dd-window-items-private.h"

static char *
response_text (GObject       *client,
               GAsyncResult  *result,
               GError       **error)
{
  g_autoptr(GBytes) response = dd_client_call_finish (DD_CLIENT (client), result, error);

  if (response == NULL)
    return NULL;
  return g_strndup (g_bytes_get_data (response, NULL), g_bytes_get_size (response));
}

static const char *
error_text (const GError *error)
{
  return dd_error_get_aws_message (error) ? dd_error_get_aws_message (error) : error->message;
}

/* Overview */

static void overview_load (DdWindow *self, DdTableOverview *overview, DdSource *source);

static void
ttl_described_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = response_text (object, result, &error);
  GtkWidget *overview = _dd_window_items (job->window)->overview;

  _dd_window_items_set_busy (job->window, FALSE);
  if (overview == NULL)
    return;
  dd_table_overview_set_busy (DD_TABLE_OVERVIEW (overview), FALSE);
  dd_table_overview_set_ttl (DD_TABLE_OVERVIEW (overview), text, error ? error_text (error) : NULL);
}

static void
table_described_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = response_text (object, result, &error);
  GtkWidget *overview = _dd_window_items (job->window)->overview;
  g_autoptr(GBytes) body = NULL;

  if (text == NULL || overview == NULL)
    {
      if (overview != NULL)
        dd_table_overview_set_busy (DD_TABLE_OVERVIEW (overview), FALSE);
      if (error != NULL)
        _dd_job_fail (job, error);
      else
        _dd_window_items_set_busy (job->window, FALSE);
      _dd_job_free (job);
      return;
    }
  dd_table_overview_set_describe (DD_TABLE_OVERVIEW (overview), text);
  body = _dd_json_body ("{\"TableName\":%s}", job->table);
  dd_client_call_async (job->client, "DescribeTimeToLive", body, _dd_window_items (job->window)->cancellable,
                        ttl_described_cb, job);
}

static void
overview_then (Job *job)
{
  g_autoptr(GBytes) body = _dd_json_body ("{\"TableName\":%s}", job->table);

  dd_client_call_async (job->client, "DescribeTable", body, _dd_window_items (job->window)->cancellable,
                        table_described_cb, job);
}

static void
overview_load (DdWindow        *self,
               DdTableOverview *overview,
               DdSource        *source)
{
  Job *job = _dd_job_new (self, source, dd_table_overview_get_table (overview), overview_then);

  job->skip_describe = TRUE;
  dd_table_overview_set_busy (overview, TRUE);
  _dd_window_items_set_busy (self, TRUE);
  _dd_job_start (job);
}

static void
table_request_done_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = response_text (object, result, &error);
  GtkWidget *overview = _dd_window_items (job->window)->overview;
  g_autofree char *message = NULL;

  _dd_window_items_set_busy (job->window, FALSE);
  _dd_window_items_forget_table (job->window, job->source, job->table);
  if (text == NULL)
    {
      if (dd_error_get_hint (error) != NULL)
        /* Translators: an action, the server's answer, then a hint */
        message = g_strdup_printf (_("%s was refused: %s — %s"), job->target, error->message,
                                   dd_error_get_hint (error));
      else
        message = g_strdup_printf (_("%s was refused: %s"), job->target, error_text (error));
      _dd_window_items_say (job->window, message);
      if (overview != NULL)
        dd_table_overview_set_busy (DD_TABLE_OVERVIEW (overview), FALSE);
      return;
    }
  if (g_strcmp0 (job->target, "DeleteTable") == 0)
    {
      message = g_strdup_printf (_("Deleted the table “%s”"), job->table);
      if (overview != NULL)
        gtk_window_destroy (GTK_WINDOW (overview));
      dd_session_refresh_tables (dd_sidebar_get_session (job->window->sidebar, job->source));
    }
  else
    {
      message = g_strdup_printf (_("“%s” changed"), job->table);
      if (overview != NULL)
        overview_load (job->window, DD_TABLE_OVERVIEW (overview), job->source);
    }
  _dd_window_items_say (job->window, message);
}

static void
overview_request_then (Job *job)
{
  g_autoptr(GBytes) body = g_bytes_new (job->item, strlen (job->item));

  if (!dd_window_items_check_writable (job->window, job->source))
    {
      _dd_job_free (job);
      return;
    }
  _dd_window_items_set_busy (job->window, TRUE);
  /* A delete, a capacity or TTL change: quitting waits for it. */
  _dd_job_hold_write (job, _dd_window_items (job->window)->cancellable);
  dd_client_call_async (job->client, job->target, body, _dd_window_items (job->window)->cancellable,
                        table_request_done_cb, job);
}

static void
overview_request_cb (DdTableOverview *overview,
                     const char      *action,
                     const char      *body,
                     DdWindow        *self)
{
  DdSource *source = g_object_get_data (G_OBJECT (overview), "dd-source");
  Job *job;

  if (!dd_window_items_check_writable (self, source))
    return;
  job = _dd_job_new (self, source, dd_table_overview_get_table (overview), overview_request_then);
  job->skip_describe = TRUE;
  job->target = g_strdup (action);
  job->item = g_strdup (body);
  _dd_job_start (job);
}

static void
overview_refresh_cb (DdTableOverview *overview,
                     DdWindow        *self)
{
  overview_load (self, overview, g_object_get_data (G_OBJECT (overview), "dd-source"));
}

void
_dd_window_items_show_overview (DdWindow   *self,
                                DdSource   *source,
                                const char *table)
{
  Items *items = _dd_window_items (self);
  GtkWidget *overview;

  if (source == NULL || table == NULL)
    return;
  if (items->overview != NULL)
    gtk_window_destroy (GTK_WINDOW (items->overview));
  overview = dd_table_overview_new (GTK_WINDOW (self), dd_source_get_name (source), table);
  g_object_set_data_full (G_OBJECT (overview), "dd-source", g_object_ref (source), g_object_unref);
  g_signal_connect_object (overview, "request", G_CALLBACK (overview_request_cb), self, 0);
  g_signal_connect_object (overview, "refresh", G_CALLBACK (overview_refresh_cb), self, 0);
  g_set_weak_pointer (&items->overview, overview);
  gtk_window_present (GTK_WINDOW (overview));
  overview_load (self, DD_TABLE_OVERVIEW (overview), source);
}

static void
table_overview_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  DdWindow *self = DD_WINDOW (widget);
  const char *table = g_variant_get_string (parameter, NULL);

  if (*table == '\0')
    table = dd_query_editor_get_table (self->editor);
  _dd_window_items_show_overview (self, self->source, table);
}

/* Create */

static void
created_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = response_text (object, result, &error);
  g_autofree char *message = NULL;

  _dd_window_items_set_busy (job->window, FALSE);
  if (job->dialog != NULL)
    dd_create_table_dialog_set_busy (DD_CREATE_TABLE_DIALOG (job->dialog), FALSE);
  if (text == NULL)
    {
      message = g_strdup_printf (_("The table was not created: %s"), error_text (error));
      _dd_window_items_say (job->window, message);
      if (job->dialog != NULL)
        dd_create_table_dialog_set_error (DD_CREATE_TABLE_DIALOG (job->dialog), message);
      return;
    }
  message = g_strdup_printf (_("Created the table “%s”"), job->table);
  _dd_window_items_say (job->window, message);
  if (job->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (job->dialog));
  dd_session_refresh_tables (dd_sidebar_get_session (job->window->sidebar, job->source));
  _dd_window_items_show_overview (job->window, job->source, job->table);
}

static void
create_then (Job *job)
{
  const DdOperation *op = dd_operation_lookup_action ("CreateTable");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = dd_request_build (op, job->item, -1, NULL, DD_ATTR_READING_DETECT, &error);

  if (body == NULL || !dd_window_items_check_writable (job->window, job->source))
    {
      if (body == NULL && job->dialog != NULL)
        dd_create_table_dialog_set_error (DD_CREATE_TABLE_DIALOG (job->dialog), error->message);
      _dd_job_free (job);
      return;
    }
  _dd_window_items_set_busy (job->window, TRUE);
  _dd_job_hold_write (job, _dd_window_items (job->window)->cancellable);
  dd_client_call_async (job->client, "CreateTable", body, _dd_window_items (job->window)->cancellable,
                        created_cb, job);
}

static char *
table_name_of (const char *request)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, request, -1, NULL) || (root = json_parser_get_root (parser)) == NULL
      || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return g_strdup (json_object_get_string_member_with_default (json_node_get_object (root), "TableName", NULL));
}

static void
create_requested_cb (DdCreateTableDialog *dialog,
                     const char          *request,
                     DdWindow            *self)
{
  DdSource *source = g_object_get_data (G_OBJECT (dialog), "dd-source");
  g_autofree char *table = table_name_of (request);
  Job *job;

  if (!dd_window_items_check_writable (self, source))
    {
      dd_create_table_dialog_set_error (dialog, _items_message_of (self));
      return;
    }
  job = _dd_job_new (self, source, table, create_then);
  job->skip_describe = TRUE;
  job->item = g_strdup (request);
  g_set_weak_pointer (&job->dialog, GTK_WIDGET (dialog));
  dd_create_table_dialog_set_busy (dialog, TRUE);
  _dd_job_start (job);
}

static void
create_table_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DdWindow *self = DD_WINDOW (widget);
  GtkWidget *dialog;

  if (self->source == NULL || !dd_window_items_check_writable (self, self->source))
    return;
  dialog = dd_create_table_dialog_new (GTK_WINDOW (self));
  g_object_set_data_full (G_OBJECT (dialog), "dd-source", g_object_ref (self->source), g_object_unref);
  g_signal_connect_object (dialog, "create", G_CALLBACK (create_requested_cb), self, 0);
  _dd_window_items_set_dialog (self, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Read-only mark */

static void
read_only_saved_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(DdWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!dd_source_store_save_finish (DD_SOURCE_STORE (object), result, &error))
    _dd_window_items_say (self, error->message);
}

static void
source_read_only_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  DdWindow *self = DD_WINDOW (widget);
  gboolean read_only;

  if (self->source == NULL)
    return;
  read_only = !dd_source_get_read_only (self->source);
  dd_source_set_read_only (self->source, read_only);
  _dd_window_items_say (self, read_only ? _("Read-only: nothing will be written to this source")
                                        : _("Writes to this source are allowed again"));
  dd_source_store_save_async (self->sources, NULL, read_only_saved_cb, g_object_ref (self));
  _dd_window_items_update (self);
}

void
_dd_window_class_tables_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.create-table", NULL, create_table_action);
  gtk_widget_class_install_action (widget_class, "win.table-overview", "s", table_overview_action);
  gtk_widget_class_install_action (widget_class, "win.source-read-only", NULL, source_read_only_action);
}
