/* dd-window-results.c: what the window does with results beyond showing
 * them: export to a file (the loaded items, or every page streamed from
 * the server), import a file into the selected table, "Fetch until N",
 * and, before reading a whole table, what that costs (DescribeTable's
 * TableSizeBytes as read capacity units) with a question. */
#define G_LOG_DOMAIN "dd-window-results"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dd-export-dialog.h"
#include "dd-import-dialog.h"
#include "dd-results-format.h"
#include "dd-window-private.h"

typedef struct
{
  GCancellable *cancellable;
  GtkWidget    *export_dialog;   /* weak */
  GtkWidget    *import_dialog;   /* weak */
} Results;

static void
results_free (Results *results)
{
  g_cancellable_cancel (results->cancellable);
  g_clear_object (&results->cancellable);
  g_clear_weak_pointer (&results->export_dialog);
  g_clear_weak_pointer (&results->import_dialog);
  g_free (results);
}

static Results *
results_of (DdWindow *self)
{
  return g_object_get_data (G_OBJECT (self), "dd-results");
}

static DdSession *
run_session (DdWindow *self)
{
  DdSource *source = self->run_source_id ? dd_source_store_lookup (self->sources, self->run_source_id) : NULL;

  return source != NULL ? dd_sidebar_get_session (self->sidebar, source) : NULL;
}

/* The cost of a full read ------------------------------------------------ */

typedef struct
{
  DdWindow     *self;
  char         *table;
  char         *heading;
  char         *accept;
  DdWindowThen  then;
  GCancellable *cancellable;
  DdWindowThen  checked;      /* when the size check of a run is over */
  gboolean      run;          /* before a Scan without a Limit is run */
  gboolean      consistent;   /* that Scan reads strongly consistent */
  guint64       threshold;    /* the question only from this many bytes */
} Confirm;

static void
confirm_free (Confirm *confirm)
{
  g_object_unref (confirm->self);
  g_free (confirm->table);
  g_free (confirm->heading);
  g_free (confirm->accept);
  g_clear_object (&confirm->cancellable);
  g_free (confirm);
}

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     Confirm          *confirm)
{
  if (g_strcmp0 (response, "read") == 0)
    confirm->then (confirm->self);
}

static void
ask (Confirm    *confirm,
     const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (confirm->self), confirm->heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "read", confirm->accept, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "read", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "read");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (confirm_response_cb), confirm,
                         (GClosureNotify) (void (*) (void)) confirm_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* What a Scan without a Limit reads: a page of up to 1 MB each time, and
 * the whole table (TableSizeBytes) when every page is fetched. */
static char *
scan_question (Confirm *confirm,
               guint64  size,
               guint64  count)
{
  g_autofree char *strong = g_strdup_printf ("%" G_GUINT64_FORMAT, size / 4096 + (size % 4096 != 0));
  g_autofree char *page = NULL;
  g_autofree char *size_text = NULL;
  g_autofree char *items = NULL;
  g_autofree char *eventual = dd_format_read_capacity (size);

  page = confirm->consistent
    /* Translators: %s is a table name */
    ? g_strdup_printf (_("This Scan has no Limit: each page reads up to 1 MB of %s, up to 256 read capacity "
                         "units (strongly consistent reads, 1 per 4 KB)."), confirm->table)
    /* Translators: %s is a table name */
    : g_strdup_printf (_("This Scan has no Limit: each page reads up to 1 MB of %s, up to 128 read capacity "
                         "units (eventually consistent reads, 0.5 per 4 KB)."), confirm->table);
  if (size == 0)
    return g_strdup_printf ("%s %s", page, _("DynamoDB gives no size for the table yet (it updates the size "
                                             "about every six hours)."));
  size_text = g_format_size (size);
  items = dd_format_item_count (count);
  if (!confirm->consistent)
    /* Translators: the sentence above, a size ("12.3 MB"), a number of
     * items, read capacity units */
    return g_strdup_printf (_("%s All of it, about %s in %s, is about %s read capacity units."),
                            page, size_text, items, eventual);
  /* Translators: the sentence above, a size ("12.3 MB"), a number of items,
   * read capacity units, then fewer units */
  return g_strdup_printf (_("%s All of it, about %s in %s, is about %s read capacity units "
                            "(%s with eventually consistent reads)."), page, size_text, items, strong, eventual);
}

/* Before a run: the question only for a table at or above the threshold;
 * a size that could not be read asks nothing. */
static void
scan_described (Confirm    *confirm,
                const char *text,
                gsize       len)
{
  guint64 size = 0, count = 0;
  g_autofree char *body = NULL;

  confirm->checked (confirm->self);
  if (g_cancellable_is_cancelled (confirm->cancellable))
    {
      confirm_free (confirm);
      return;
    }
  if (text == NULL || !dd_describe_table_size (text, len, &size, &count) || size < confirm->threshold)
    {
      confirm->then (confirm->self);
      confirm_free (confirm);
      return;
    }
  body = scan_question (confirm, size, count);
  ask (confirm, body);
}

static void
described_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Confirm *confirm = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) response = dd_client_call_finish (DD_CLIENT (object), result, &error);
  g_autofree char *body = NULL;
  guint64 size = 0, count = 0;
  gsize len = 0;
  const char *text = response ? g_bytes_get_data (response, &len) : NULL;

  if (confirm->run)
    {
      scan_described (confirm, text, len);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      confirm_free (confirm);
      return;
    }
  if (text != NULL && dd_describe_table_size (text, len, &size, &count) && size == 0)
    /* Translators: %s is a table name */
    body = g_strdup_printf (_("This reads every item of %s. DynamoDB gives no size for it yet (it updates "
                              "the size about every six hours), so its read capacity units cannot be "
                              "estimated."), confirm->table);
  else if (text != NULL && size > 0)
    {
      g_autofree char *estimate = dd_format_read_estimate (size, count);
      /* Translators: %s is a table name, then the estimate of what it costs */
      body = g_strdup_printf (_("This reads every item of %s. %s"), confirm->table, estimate);
    }
  else
    /* Translators: %s is a table name, then why its size is unknown */
    body = g_strdup_printf (_("This reads every item of %s. Its size could not be read: %s"), confirm->table,
                            error ? error->message : _("DescribeTable gave no TableSizeBytes"));
  ask (confirm, body);
}

static void
confirm_client_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Confirm *confirm = user_data;
  g_autoptr(DdClient) client = dd_session_get_client_finish (DD_SESSION (object), result, NULL);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) body = NULL;
  char *text;

  if (client == NULL && confirm->run)
    {
      scan_described (confirm, NULL, 0);
      return;
    }
  if (client == NULL)
    {
      ask (confirm, _("This reads every item of the table; its size could not be read."));
      return;
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "TableName");
  json_builder_add_string_value (builder, confirm->table);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  body = g_bytes_new_take (text, strlen (text));
  dd_client_call_async (client, "DescribeTable", body, confirm->cancellable,
                        described_cb, confirm);
}

void
_dd_window_confirm_full_read (DdWindow     *self,
                              const char   *table,
                              const char   *heading,
                              const char   *accept_label,
                              DdWindowThen  then)
{
  Confirm *confirm = g_new0 (Confirm, 1);
  DdSession *session = run_session (self);

  confirm->self = g_object_ref (self);
  confirm->table = g_strdup (table);
  confirm->heading = g_strdup (heading);
  confirm->accept = g_strdup (accept_label);
  confirm->then = then;
  confirm->cancellable = g_object_ref (results_of (self)->cancellable);
  if (session == NULL)
    {
      ask (confirm, _("This reads every item of the table."));
      return;
    }
  dd_session_get_client_async (session, results_of (self)->cancellable, confirm_client_cb, confirm);
}

void
_dd_window_confirm_scan (DdWindow     *self,
                         DdSession    *session,
                         const char   *table,
                         gboolean      consistent,
                         guint64       threshold,
                         GCancellable *cancellable,
                         DdWindowThen  checked,
                         DdWindowThen  then)
{
  Confirm *confirm = g_new0 (Confirm, 1);

  confirm->self = g_object_ref (self);
  confirm->table = g_strdup (table);
  confirm->heading = g_strdup (_("Scan Without a Limit?"));
  confirm->accept = g_strdup (_("_Scan"));
  confirm->then = then;
  confirm->run = TRUE;
  confirm->consistent = !!consistent;
  confirm->threshold = threshold;
  confirm->cancellable = g_object_ref (cancellable);
  confirm->checked = checked;
  dd_session_get_client_async (session, cancellable, confirm_client_cb, confirm);
}

/* Export ----------------------------------------------------------------- */

static void
export_with_client_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(DdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdClient) client = dd_session_get_client_finish (DD_SESSION (object), result, &error);
  DdExportDialog *dialog = DD_EXPORT_DIALOG (results_of (self)->export_dialog);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(DdPager) pager = NULL;

  if (dialog == NULL)
    return;
  if (client == NULL || (body = _dd_window_run_body (self, &error)) == NULL)
    {
      dd_export_dialog_show_error (dialog, error);
      return;
    }
  pager = dd_pager_new (client, self->run_op, body);
  if (g_strcmp0 (self->run_op->action, "Scan") == 0 && self->settings != NULL)
    dd_pager_set_total_segments (pager, (guint) CLAMP (g_settings_get_int (self->settings, "scan-segments"),
                                                       1, DD_PAGER_MAX_SEGMENTS));
  dd_export_dialog_run_pager (dialog, pager);
}

static void
export_all_confirmed (DdWindow *self)
{
  DdSession *session = run_session (self);

  if (session != NULL && results_of (self)->export_dialog != NULL)
    dd_session_get_client_async (session, results_of (self)->cancellable, export_with_client_cb,
                                 g_object_ref (self));
}

static void
export_start_cb (DdExportDialog *dialog,
                 DdWindow       *self)
{
  if (!dd_export_dialog_get_all_pages (dialog))
    dd_export_dialog_run_loaded (dialog);
  else if (g_strcmp0 (self->run_op->action, "Scan") == 0 && self->run_table != NULL)
    _dd_window_confirm_full_read (self, self->run_table, _("Export the Whole Table?"), _("_Export"),
                                  export_all_confirmed);
  else
    export_all_confirmed (self);
}

static void
export_done_cb (DdExportDialog *dialog,
                GFile          *file,
                const GError   *error,
                DdWindow       *self)
{
  g_autofree char *message = NULL;
  g_autofree char *name = NULL;
  g_autofree char *items = NULL;
  AdwToast *toast;

  items = dd_format_item_count (dd_export_dialog_get_n_written (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (error != NULL)
    {
      /* Translators: %s is why an export failed */
      message = g_strdup_printf (_("Export failed: %s"), error->message);
      _dd_window_toast (self, message);
      return;
    }
  if (file == NULL)
    {
      _dd_window_toast (self, _("Export cancelled: no file was written"));
      return;
    }
  name = g_file_get_basename (file);
  /* Translators: a number of items, then a file name */
  message = g_markup_printf_escaped (_("Exported %s to %s"), items, name);
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("Open Folder"));
  adw_toast_set_action_name (toast, "win.open-folder");
  adw_toast_set_action_target_value (toast, g_variant_new_take_string (g_file_get_uri (file)));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DdWindow *self = DD_WINDOW (widget);
  Results *results = results_of (self);
  gboolean can_read_all = self->run_op != NULL && self->run_op->page_input_key != NULL && run_session (self) != NULL;
  DdExportDialog *dialog;

  if (results->export_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (results->export_dialog));
  dialog = dd_export_dialog_new (GTK_WINDOW (self), dd_results_view_get_filter (self->results),
                                 self->run_table, can_read_all);
  g_signal_connect_object (dialog, "start", G_CALLBACK (export_start_cb), self, 0);
  g_signal_connect_object (dialog, "done", G_CALLBACK (export_done_cb), self, 0);
  g_set_weak_pointer (&results->export_dialog, GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));
#if GTK_CHECK_VERSION (4, 10, 0)
  g_autoptr(GtkFileLauncher) launcher = gtk_file_launcher_new (file);

  gtk_file_launcher_open_containing_folder (launcher, GTK_WINDOW (widget), NULL, NULL, NULL);
#else
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autofree char *uri = folder ? g_file_get_uri (folder) : NULL;

  if (uri != NULL)
    gtk_show_uri (GTK_WINDOW (widget), uri, GDK_CURRENT_TIME);
#endif
}

/* Import ----------------------------------------------------------------- */

static void
import_done_cb (DdImportDialog *dialog,
                guint64         written,
                guint64         skipped,
                const GError   *error,
                DdWindow       *self)
{
  g_autofree char *message = NULL;
  g_autofree char *items = dd_format_item_count (written);

  gtk_window_destroy (GTK_WINDOW (dialog));
  if (error != NULL)
    /* Translators: %s is why an import failed */
    message = g_strdup_printf (_("Import failed: %s"), error->message);
  else if (skipped > 0)
    {
      g_autofree char *earlier = dd_format_item_count (skipped);
      /* Translators: numbers of items */
      message = g_strdup_printf (_("Imported %s (%s were written by the earlier run)"), items, earlier);
    }
  else
    /* Translators: a number of items */
    message = g_strdup_printf (_("Imported %s"), items);
  _dd_window_toast (self, message);
}

static void
import_with_client_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(DdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdClient) client = dd_session_get_client_finish (DD_SESSION (object), result, &error);
  const char *table = dd_query_editor_get_table (self->editor);
  Results *results = results_of (self);
  g_autofree char *resume_dir = NULL;
  DdImportDialog *dialog;

  if (client == NULL || table == NULL || self->source == NULL)
    {
      if (error != NULL)
        _dd_window_toast (self, error->message);
      return;
    }
  resume_dir = g_build_filename (g_get_user_data_dir (), "dynamo-desk", "imports",
                                 dd_source_get_id (self->source), NULL);
  if (results->import_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (results->import_dialog));
  dialog = dd_import_dialog_new (GTK_WINDOW (self), client, table, resume_dir);
  g_signal_connect_object (dialog, "done", G_CALLBACK (import_done_cb), self, 0);
  g_set_weak_pointer (&results->import_dialog, GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DdWindow *self = DD_WINDOW (widget);

  if (self->source == NULL || dd_query_editor_get_table (self->editor) == NULL)
    return;
  dd_session_get_client_async (dd_sidebar_get_session (self->sidebar, self->source),
                               results_of (self)->cancellable, import_with_client_cb, g_object_ref (self));
}

/* Fetch until ------------------------------------------------------------ */

static void
fetch_until_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DdWindow *self = DD_WINDOW (widget);
  guint count = self->settings != NULL ? g_settings_get_uint (self->settings, "fetch-until-count") : 100;

  _dd_window_fetch (self, MAX (count, 1));
}

/* Hooks ------------------------------------------------------------------ */

void
_dd_window_results_update (DdWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_pages = self->pager != NULL && !dd_pager_is_done (self->pager);
  gboolean has_items = g_list_model_get_n_items (G_LIST_MODEL (dd_results_view_get_model (self->results))) > 0;
  gboolean has_table = self->source != NULL && dd_query_editor_get_table (self->editor) != NULL;

  gtk_widget_action_set_enabled (widget, "win.fetch-until", has_pages && !self->busy);
  gtk_widget_action_set_enabled (widget, "win.export", (has_items || has_pages) && !self->busy);
  gtk_widget_action_set_enabled (widget, "win.import",
                                 has_table && !dd_source_get_read_only (self->source));
}

void
_dd_window_results_init (DdWindow *self)
{
  Results *results = g_new0 (Results, 1);

  results->cancellable = g_cancellable_new ();
  g_object_set_data_full (G_OBJECT (self), "dd-results", results, (GDestroyNotify) results_free);
  g_signal_connect_object (dd_results_view_get_model (self->results), "items-changed",
                           G_CALLBACK (_dd_window_results_update), self, G_CONNECT_SWAPPED);
}

void
_dd_window_class_results_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.fetch-until", NULL, fetch_until_action);
  gtk_widget_class_install_action (widget_class, "win.open-folder", "s", open_folder_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.export", NULL);
}
