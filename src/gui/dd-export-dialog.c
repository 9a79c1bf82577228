/* dd-export-dialog.c: export results to a file. */
#define G_LOG_DOMAIN "dd-export-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dd-application.h"
#include "dd-error.h"
#include "dd-export-dialog.h"
#include "dd-pager.h"
#include "dd-results-format.h"

/* Items written from the loaded results per main loop turn. */
#define CHUNK 4000

static const char delimiters[] = { ',', ';', '\t', '|' };

struct _DdExportDialog
{
  AdwWindow       parent_instance;

  AdwComboRow    *source_row;
  GtkStringList  *source_list;
  AdwComboRow    *format_row;
  AdwComboRow    *typed_row;
  AdwComboRow    *delimiter_row;
  AdwActionRow   *file_row;
  GtkButton      *export_button;
  GtkButton      *cancel_button;
  GtkStack       *stack;
  GtkLabel       *progress_title;
  GtkProgressBar *progress_bar;
  GtkLabel       *progress_label;

  DdResultFilter *loaded;
  char           *basename;
  GFile          *file;
  gboolean        can_read_all;

  /* the export running */
  DdExportWriter *writer;
  DdPager        *pager;
  GCancellable   *cancellable;
  guint           idle_id;
  guint           write_id;   /* quitting waits for it (dd-application.h) */
  guint           next;       /* the loaded row to write next */
  guint64         n_written;
  gint64          started;
  guint           running : 1;
};

G_DEFINE_FINAL_TYPE (DdExportDialog, dd_export_dialog, ADW_TYPE_WINDOW)

enum { START, DONE, N_SIGNALS };
static guint signals[N_SIGNALS];

static DdExportFormat
chosen_format (DdExportDialog *self)
{
  switch (adw_combo_row_get_selected (self->format_row))
    {
    case 1: return DD_EXPORT_FORMAT_JSON;
    case 2: return DD_EXPORT_FORMAT_JSON_LINES;
    default: return DD_EXPORT_FORMAT_CSV;
    }
}

static void
update_sensitivity (DdExportDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->delimiter_row), chosen_format (self) == DD_EXPORT_FORMAT_CSV);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), self->file != NULL && !self->running);
}

/* The file's extension follows the format. */
static void
format_changed_cb (DdExportDialog *self)
{
  const char *ext = dd_export_format_get_extension (chosen_format (self));

  if (self->file != NULL && !self->running)
    {
      g_autofree char *path = g_file_get_path (self->file);
      g_autofree char *base = g_file_get_basename (self->file);
      char *dot = strrchr (base, '.');
      g_autoptr(GFile) parent = g_file_get_parent (self->file);
      g_autofree char *name = NULL;

      if (dot != NULL)
        *dot = '\0';
      name = g_strdup_printf ("%s.%s", base, ext);
      if (parent != NULL)
        {
          g_autoptr(GFile) renamed = g_file_get_child (parent, name);
          dd_export_dialog_set_file (self, renamed);
        }
    }
  update_sensitivity (self);
}

void
dd_export_dialog_set_file (DdExportDialog *self,
                           GFile          *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (DD_IS_EXPORT_DIALOG (self));
  g_set_object (&self->file, file);
  path = file ? g_file_get_path (file) : NULL;
  adw_action_row_set_subtitle (self->file_row, path ? path : _("None chosen"));
  update_sensitivity (self);
}

GFile *
dd_export_dialog_get_file (DdExportDialog *self)
{
  g_return_val_if_fail (DD_IS_EXPORT_DIALOG (self), NULL);
  return self->file;
}

void
dd_export_dialog_set_format (DdExportDialog *self,
                             DdExportFormat  format,
                             gboolean        typed,
                             char            delimiter)
{
  g_return_if_fail (DD_IS_EXPORT_DIALOG (self));
  adw_combo_row_set_selected (self->format_row, format == DD_EXPORT_FORMAT_JSON ? 1
                                                : format == DD_EXPORT_FORMAT_JSON_LINES ? 2 : 0);
  adw_combo_row_set_selected (self->typed_row, typed ? 1 : 0);
  adw_combo_row_set_selected (self->delimiter_row, 0);
  for (guint i = 0; i < G_N_ELEMENTS (delimiters); i++)
    if (delimiters[i] == delimiter)
      adw_combo_row_set_selected (self->delimiter_row, i);
}

void
dd_export_dialog_set_all_pages (DdExportDialog *self,
                                gboolean        all_pages)
{
  g_return_if_fail (DD_IS_EXPORT_DIALOG (self));
  adw_combo_row_set_selected (self->source_row, all_pages && self->can_read_all ? 1 : 0);
}

gboolean
dd_export_dialog_get_all_pages (DdExportDialog *self)
{
  g_return_val_if_fail (DD_IS_EXPORT_DIALOG (self), FALSE);
  return adw_combo_row_get_selected (self->source_row) == 1;
}

/* Choosing the file */

#if GTK_CHECK_VERSION (4, 10, 0)
static void
save_dialog_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(DdExportDialog) self = user_data;
  g_autoptr(GFile) file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result, NULL);

  if (file != NULL)
    dd_export_dialog_set_file (self, file);
}
#else
static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     DdExportDialog  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      dd_export_dialog_set_file (self, file);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}
#endif

static void
choose_clicked_cb (DdExportDialog *self)
{
  g_autofree char *name = g_strdup_printf ("%s.%s", self->basename,
                                           dd_export_format_get_extension (chosen_format (self)));
#if GTK_CHECK_VERSION (4, 10, 0)
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();

  gtk_file_dialog_set_title (dialog, _("Export To"));
  gtk_file_dialog_set_initial_name (dialog, name);
  gtk_file_dialog_save (dialog, GTK_WINDOW (self), NULL, save_dialog_cb, g_object_ref (self));
#else
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export To"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
#endif
}

/* Running */

static void
set_progress (DdExportDialog *self,
              guint64         written)
{
  g_autofree char *text = dd_format_write_progress (written, g_get_monotonic_time () - self->started);
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->loaded));

  gtk_label_set_text (self->progress_label, text);
  if (self->pager != NULL || total == 0)
    gtk_progress_bar_pulse (self->progress_bar);
  else
    gtk_progress_bar_set_fraction (self->progress_bar, MIN (1.0, (double) written / total));
}

static void
finish (DdExportDialog *self,
        const GError   *error)
{
  g_autoptr(GFile) file = NULL;

  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (self->pager != NULL)
    g_signal_handlers_disconnect_by_data (self->pager, self);
  g_clear_object (&self->pager);
  self->n_written = dd_export_writer_get_n_items (self->writer);
  g_clear_object (&self->writer);
  self->running = FALSE;
  dd_application_release_write (dd_application_get_default (), self->write_id);
  self->write_id = 0;
  if (error == NULL)
    file = g_object_ref (self->file);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    error = NULL;
  g_signal_emit (self, signals[DONE], 0, file, error);
}

static DdExportWriter *
create_writer (DdExportDialog *self,
               GError        **error)
{
  DdResultModel *model = dd_result_filter_get_model (self->loaded);
  guint n_keys = 0;
  g_autofree const char **keys = g_new0 (const char *, 3);
  guint n_columns = dd_result_model_get_n_columns (model);
  char delimiter = delimiters[MIN (adw_combo_row_get_selected (self->delimiter_row), G_N_ELEMENTS (delimiters) - 1)];

  /* the key attributes lead the columns */
  for (guint i = 0; i < n_columns && n_keys < 2; i++)
    if (dd_result_model_is_key (model, dd_result_model_get_column (model, i)))
      keys[n_keys++] = dd_result_model_get_column (model, i);
  return dd_export_writer_new (self->file, chosen_format (self), adw_combo_row_get_selected (self->typed_row) == 1,
                               keys, delimiter, error);
}

static gboolean
begin (DdExportDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (!self->running && self->file != NULL, FALSE);
  self->writer = create_writer (self, &error);
  if (self->writer == NULL)
    {
      dd_export_dialog_show_error (self, error);
      return FALSE;
    }
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->running = TRUE;
  self->started = g_get_monotonic_time ();
  self->write_id = dd_application_hold_write (dd_application_get_default (), self->cancellable);
  self->next = 0;
  name = g_file_get_basename (self->file);
  /* Translators: %s is a file name */
  title = g_strdup_printf (_("Exporting to %s"), name);
  gtk_label_set_text (self->progress_title, title);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  update_sensitivity (self);
  set_progress (self, 0);
  return TRUE;
}

static gboolean
write_chunk_cb (gpointer data)
{
  DdExportDialog *self = data;
  DdResultModel *model = dd_result_filter_get_model (self->loaded);
  DdItemStore *store = dd_result_model_get_store (model);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->loaded));
  g_autoptr(GError) error = NULL;

  for (guint end = MIN (n, self->next + CHUNK); self->next < end; self->next++)
    {
      guint position = dd_result_filter_get_model_position (self->loaded, self->next);
      guint index = dd_result_model_get_index (model, position);
      gsize len;
      const char *text = dd_item_store_get_item_text (store, index, &len);

      if (!dd_export_writer_add_item (self->writer, text, len, &error))
        break;
    }
  if (error == NULL && g_cancellable_set_error_if_cancelled (self->cancellable, &error))
    dd_export_writer_abort (self->writer);
  else if (error == NULL && self->next >= n)
    dd_export_writer_finish (self->writer, &error);
  else if (error == NULL)
    {
      set_progress (self, self->next);
      return G_SOURCE_CONTINUE;
    }
  self->idle_id = 0;
  finish (self, error);
  return G_SOURCE_REMOVE;
}

void
dd_export_dialog_run_loaded (DdExportDialog *self)
{
  g_return_if_fail (DD_IS_EXPORT_DIALOG (self));
  if (!begin (self))
    return;
  self->idle_id = g_idle_add (write_chunk_cb, self);
}

static void
pager_page_cb (DdPager        *pager,
               DdPage         *page,
               DdExportDialog *self)
{
  set_progress (self, dd_pager_get_n_items (pager));
}

static void
pager_written_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(DdExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  dd_export_writer_write_pager_finish (DD_EXPORT_WRITER (object), result, &error);
  if (self->running)
    finish (self, error);
}

void
dd_export_dialog_run_pager (DdExportDialog *self,
                            DdPager        *pager)
{
  g_return_if_fail (DD_IS_EXPORT_DIALOG (self));
  g_return_if_fail (DD_IS_PAGER (pager));
  if (!begin (self))
    return;
  self->pager = g_object_ref (pager);
  g_signal_connect (pager, "page", G_CALLBACK (pager_page_cb), self);
  dd_export_writer_write_pager_async (self->writer, pager, self->cancellable, pager_written_cb,
                                      g_object_ref (self));
}

void
dd_export_dialog_show_error (DdExportDialog *self,
                             const GError   *error)
{
  g_return_if_fail (DD_IS_EXPORT_DIALOG (self));
  gtk_stack_set_visible_child_name (self->stack, "options");
  adw_action_row_set_subtitle (self->file_row, error->message);
  update_sensitivity (self);
}

void
dd_export_dialog_cancel (DdExportDialog *self)
{
  g_return_if_fail (DD_IS_EXPORT_DIALOG (self));
  g_cancellable_cancel (self->cancellable);
}

gboolean
dd_export_dialog_get_running (DdExportDialog *self)
{
  g_return_val_if_fail (DD_IS_EXPORT_DIALOG (self), FALSE);
  return self->running;
}

guint64
dd_export_dialog_get_n_written (DdExportDialog *self)
{
  g_return_val_if_fail (DD_IS_EXPORT_DIALOG (self), 0);
  return self->writer != NULL ? dd_export_writer_get_n_items (self->writer) : self->n_written;
}

const char *
dd_export_dialog_get_progress_text (DdExportDialog *self)
{
  g_return_val_if_fail (DD_IS_EXPORT_DIALOG (self), NULL);
  return gtk_label_get_text (self->progress_label);
}

void
dd_export_dialog_export (DdExportDialog *self)
{
  g_return_if_fail (DD_IS_EXPORT_DIALOG (self));
  if (self->file != NULL && !self->running)
    g_signal_emit (self, signals[START], 0);
}

static void
export_clicked_cb (DdExportDialog *self)
{
  dd_export_dialog_export (self);
}

static void
cancel_clicked_cb (DdExportDialog *self)
{
  if (self->running)
    dd_export_dialog_cancel (self);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

/* Life cycle */

static void
dd_export_dialog_dispose (GObject *object)
{
  DdExportDialog *self = DD_EXPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (self->writer != NULL)
    dd_export_writer_abort (self->writer);
  dd_application_release_write (dd_application_get_default (), self->write_id);
  self->write_id = 0;
  if (self->pager != NULL)
    g_signal_handlers_disconnect_by_data (self->pager, self);
  g_clear_object (&self->pager);
  g_clear_object (&self->writer);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->loaded);
  g_clear_object (&self->file);
  g_clear_pointer (&self->basename, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_EXPORT_DIALOG);
  G_OBJECT_CLASS (dd_export_dialog_parent_class)->dispose (object);
}

static void
dd_export_dialog_class_init (DdExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_export_dialog_dispose;

  signals[START] = g_signal_new ("start", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                 NULL, G_TYPE_NONE, 0);
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                NULL, G_TYPE_NONE, 2, G_TYPE_FILE, G_TYPE_ERROR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dynamodesk/DynamoDesk/ui/dd-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DdExportDialog, source_row);
  gtk_widget_class_bind_template_child (widget_class, DdExportDialog, source_list);
  gtk_widget_class_bind_template_child (widget_class, DdExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, DdExportDialog, typed_row);
  gtk_widget_class_bind_template_child (widget_class, DdExportDialog, delimiter_row);
  gtk_widget_class_bind_template_child (widget_class, DdExportDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, DdExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, DdExportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, DdExportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, DdExportDialog, progress_title);
  gtk_widget_class_bind_template_child (widget_class, DdExportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, DdExportDialog, progress_label);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dd_export_dialog_init (DdExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->format_row, "notify::selected", G_CALLBACK (format_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

DdExportDialog *
dd_export_dialog_new (GtkWindow      *parent,
                      DdResultFilter *loaded,
                      const char     *basename,
                      gboolean        can_read_all)
{
  DdExportDialog *self;
  g_autofree char *loaded_label = NULL;
  g_autofree char *items = NULL;

  g_return_val_if_fail (DD_IS_RESULT_FILTER (loaded), NULL);

  self = g_object_new (DD_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->loaded = g_object_ref (loaded);
  self->basename = g_strdup (basename && *basename ? basename : "results");
  self->can_read_all = can_read_all;
  items = dd_format_item_count (g_list_model_get_n_items (G_LIST_MODEL (loaded)));
  loaded_label = dd_result_filter_is_active (loaded)
    /* Translators: %s is a number of items */
    ? g_strdup_printf (_("Loaded results, as filtered (%s)"), items)
    : g_strdup_printf (_("Loaded results (%s)"), items);
  gtk_string_list_append (self->source_list, loaded_label);
  if (can_read_all)
    gtk_string_list_append (self->source_list, _("All pages, read again from the server"));
  update_sensitivity (self);
  return self;
}
