/* dd-import-dialog.c: import a file of items into a table. */
#define G_LOG_DOMAIN "dd-import-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "dd-application.h"
#include "dd-import-dialog.h"
#include "dd-results-format.h"
#include "dd-shared-closures.h"

struct _DdImportDialog
{
  AdwWindow       parent_instance;

  AdwActionRow   *file_row;
  AdwComboRow    *format_row;
  AdwComboRow    *reading_row;
  AdwEntryRow    *types_row;
  AdwActionRow   *resume_row;
  GtkSwitch      *resume_switch;
  GtkButton      *import_button;
  GtkStack       *stack;
  GtkLabel       *progress_title;
  GtkProgressBar *progress_bar;
  GtkLabel       *progress_label;

  DdClient       *client;
  char           *table;
  char           *resume_dir;
  GFile          *file;
  DdImport       *import;
  GCancellable   *cancellable;
  guint           write_id;   /* quitting waits for it (dd-application.h) */
  gint64          started;
  guint64         written;
  guint           running : 1;
};

G_DEFINE_FINAL_TYPE (DdImportDialog, dd_import_dialog, ADW_TYPE_WINDOW)

enum { DONE, N_SIGNALS };
static guint signals[N_SIGNALS];

/* resume_dir/<sha256 of table and path>.json */
static char *
resume_path (DdImportDialog *self)
{
  g_autofree char *path = NULL;
  g_autofree char *key = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *name = NULL;

  if (self->file == NULL || self->resume_dir == NULL || (path = g_file_get_path (self->file)) == NULL)
    return NULL;
  key = g_strconcat (self->table, "\n", path, NULL);
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
  name = g_strconcat (digest, ".json", NULL);
  return g_build_filename (self->resume_dir, name, NULL);
}

gboolean
dd_import_dialog_get_can_resume (DdImportDialog *self,
                                 guint64        *records)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *path = resume_path (self);
  JsonObject *state;

  g_return_val_if_fail (DD_IS_IMPORT_DIALOG (self), FALSE);
  if (records != NULL)
    *records = 0;
  if (path == NULL || !json_parser_load_from_file (parser, path, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return FALSE;
  state = json_node_get_object (json_parser_get_root (parser));
  if (json_object_get_boolean_member_with_default (state, "complete", FALSE))
    return FALSE;
  if (records != NULL)
    *records = (guint64) MAX (0, json_object_get_int_member_with_default (state, "records", 0));
  return TRUE;
}

static void
update (DdImportDialog *self)
{
  guint64 records = 0;
  gboolean can_resume = dd_import_dialog_get_can_resume (self, &records);

  gtk_widget_set_visible (GTK_WIDGET (self->resume_row), can_resume);
  if (can_resume)
    {
      g_autofree char *items = dd_format_item_count (records);
      /* Translators: %s is a number of items */
      g_autofree char *text = g_strdup_printf (_("An earlier import of this file stopped after %s; "
                                                 "go on from there instead of starting over"), items);
      adw_action_row_set_subtitle (self->resume_row, text);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), self->file != NULL && !self->running);
}

void
dd_import_dialog_set_file (DdImportDialog *self,
                           GFile          *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (DD_IS_IMPORT_DIALOG (self));
  g_set_object (&self->file, file);
  path = file ? g_file_get_path (file) : NULL;
  adw_action_row_set_subtitle (self->file_row, path ? path : _("None chosen"));
  update (self);
}

void
dd_import_dialog_set_format (DdImportDialog *self,
                             DdImportFormat  format)
{
  g_return_if_fail (DD_IS_IMPORT_DIALOG (self));
  adw_combo_row_set_selected (self->format_row, (guint) format);
}

void
dd_import_dialog_set_column_types (DdImportDialog *self,
                                   const char     *spec)
{
  g_return_if_fail (DD_IS_IMPORT_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->types_row), spec ? spec : "");
}

void
dd_import_dialog_set_resume (DdImportDialog *self,
                             gboolean        resume)
{
  g_return_if_fail (DD_IS_IMPORT_DIALOG (self));
  gtk_switch_set_active (self->resume_switch, resume);
}

/* Choosing the file */

#if GTK_CHECK_VERSION (4, 10, 0)
static void
open_dialog_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(DdImportDialog) self = user_data;
  g_autoptr(GFile) file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (object), result, NULL);

  if (file != NULL)
    dd_import_dialog_set_file (self, file);
}
#else
static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     DdImportDialog  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      dd_import_dialog_set_file (self, file);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}
#endif

static void
choose_clicked_cb (DdImportDialog *self)
{
#if GTK_CHECK_VERSION (4, 10, 0)
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();

  gtk_file_dialog_set_title (dialog, _("Import From"));
  gtk_file_dialog_open (dialog, GTK_WINDOW (self), NULL, open_dialog_cb, g_object_ref (self));
#else
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Import From"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
#endif
}

/* Running */

static void
progress_cb (DdImport       *import,
             guint64         written,
             guint64         read,
             guint64         failed,
             DdImportDialog *self)
{
  g_autofree char *text = dd_format_write_progress (written, g_get_monotonic_time () - self->started);
  g_autofree char *n_read = g_strdup_printf ("%" G_GUINT64_FORMAT, read);
  g_autofree char *n_failed = g_strdup_printf ("%" G_GUINT64_FORMAT, failed);
  g_autofree char *line = NULL;

  self->written = written;
  /* Translators: the progress, then numbers of records read and failed */
  line = g_strdup_printf (_("%s · %s read · %s failed"), text, n_read, n_failed);
  gtk_label_set_text (self->progress_label, line);
  gtk_progress_bar_pulse (self->progress_bar);
}

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(DdImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  DdImport *import = DD_IMPORT (object);

  dd_import_run_finish (import, result, &error);
  self->running = FALSE;
  dd_application_release_write (dd_application_get_default (), self->write_id);
  self->write_id = 0;
  self->written = dd_import_get_written (import);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_clear_error (&error);
  g_signal_emit (self, signals[DONE], 0, dd_import_get_written (import), dd_import_get_skipped (import), error);
}

static DdImport *
create_import (DdImportDialog *self,
               GError        **error)
{
  g_autofree char *path = g_file_get_path (self->file);
  g_autofree char *resume = resume_path (self);
  g_autoptr(DdImport) import = dd_import_new (self->client, self->table, path);
  const char *types = gtk_editable_get_text (GTK_EDITABLE (self->types_row));
  static const DdAttrReading readings[] = { DD_ATTR_READING_DETECT, DD_ATTR_READING_PLAIN, DD_ATTR_READING_TYPED };

  dd_import_set_format (import, (DdImportFormat) adw_combo_row_get_selected (self->format_row));
  dd_import_set_reading (import, readings[MIN (adw_combo_row_get_selected (self->reading_row), 2)]);
  if (types[0] != '\0' && !dd_import_set_column_types (import, types, error))
    return NULL;
  if (resume != NULL)
    {
      if (!gtk_switch_get_active (self->resume_switch) || !gtk_widget_get_visible (GTK_WIDGET (self->resume_row)))
        g_unlink (resume);
      g_mkdir_with_parents (self->resume_dir, 0700);
      dd_import_set_resume_file (import, resume);
    }
  return g_steal_pointer (&import);
}

void
dd_import_dialog_start (DdImportDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  g_return_if_fail (DD_IS_IMPORT_DIALOG (self));
  if (self->file == NULL || self->running)
    return;
  g_clear_object (&self->import);
  if ((self->import = create_import (self, &error)) == NULL)
    {
      adw_action_row_set_subtitle (self->file_row, error->message);
      return;
    }
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->running = TRUE;
  self->write_id = dd_application_hold_write (dd_application_get_default (), self->cancellable);
  self->written = 0;
  self->started = g_get_monotonic_time ();
  name = g_file_get_basename (self->file);
  /* Translators: a file name, then a table name */
  title = g_strdup_printf (_("Importing %s into %s"), name, self->table);
  gtk_label_set_text (self->progress_title, title);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  g_signal_connect_object (self->import, "progress", G_CALLBACK (progress_cb), self, 0);
  dd_import_run_async (self->import, self->cancellable, run_cb, g_object_ref (self));
  update (self);
}

void
dd_import_dialog_cancel (DdImportDialog *self)
{
  g_return_if_fail (DD_IS_IMPORT_DIALOG (self));
  g_cancellable_cancel (self->cancellable);
}

gboolean
dd_import_dialog_get_running (DdImportDialog *self)
{
  g_return_val_if_fail (DD_IS_IMPORT_DIALOG (self), FALSE);
  return self->running;
}

guint64
dd_import_dialog_get_n_written (DdImportDialog *self)
{
  g_return_val_if_fail (DD_IS_IMPORT_DIALOG (self), 0);
  return self->written;
}

const char *
dd_import_dialog_get_progress_text (DdImportDialog *self)
{
  g_return_val_if_fail (DD_IS_IMPORT_DIALOG (self), NULL);
  return gtk_label_get_text (self->progress_label);
}

static void
import_clicked_cb (DdImportDialog *self)
{
  dd_import_dialog_start (self);
}

static void
cancel_clicked_cb (DdImportDialog *self)
{
  if (self->running)
    dd_import_dialog_cancel (self);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
dd_import_dialog_dispose (GObject *object)
{
  DdImportDialog *self = DD_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->import);
  dd_application_release_write (dd_application_get_default (), self->write_id);
  self->write_id = 0;
  g_clear_object (&self->client);
  g_clear_object (&self->file);
  g_clear_pointer (&self->table, g_free);
  g_clear_pointer (&self->resume_dir, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_IMPORT_DIALOG);
  G_OBJECT_CLASS (dd_import_dialog_parent_class)->dispose (object);
}

static void
dd_import_dialog_class_init (DdImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_import_dialog_dispose;

  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                NULL, G_TYPE_NONE, 3, G_TYPE_UINT64, G_TYPE_UINT64, G_TYPE_ERROR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dynamodesk/DynamoDesk/ui/dd-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DdImportDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, DdImportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, DdImportDialog, reading_row);
  gtk_widget_class_bind_template_child (widget_class, DdImportDialog, types_row);
  gtk_widget_class_bind_template_child (widget_class, DdImportDialog, resume_row);
  gtk_widget_class_bind_template_child (widget_class, DdImportDialog, resume_switch);
  gtk_widget_class_bind_template_child (widget_class, DdImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, DdImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, DdImportDialog, progress_title);
  gtk_widget_class_bind_template_child (widget_class, DdImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, DdImportDialog, progress_label);
  gtk_widget_class_bind_template_callback (widget_class, import_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dd_import_dialog_init (DdImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

DdImportDialog *
dd_import_dialog_new (GtkWindow  *parent,
                      DdClient   *client,
                      const char *table,
                      const char *resume_dir)
{
  DdImportDialog *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (DD_IS_CLIENT (client), NULL);
  g_return_val_if_fail (table != NULL, NULL);

  self = g_object_new (DD_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->client = g_object_ref (client);
  self->table = g_strdup (table);
  self->resume_dir = g_strdup (resume_dir);
  /* Translators: %s is a table name */
  title = g_strdup_printf (_("Import Items into %s"), table);
  gtk_window_set_title (GTK_WINDOW (self), title);
  update (self);
  return self;
}
